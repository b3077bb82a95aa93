package sqldb

import (
	"context"
	"fmt"
	"time"
)

// OutboxMail is a queued e-mail.
type OutboxMail struct {
	ID        int64
	Recipient string
	Subject   string
	Body      string
	Attempts  int
}

// enqueueMail queues a message inside tx. A non-empty dedupKey makes the
// call idempotent: a second message with the same key is dropped.
func (tx *Tx) enqueueMail(ctx context.Context, to, subject, body, dedupKey string) error {
	var key any
	if dedupKey != "" {
		key = dedupKey
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO outbox (recipient, subject, body, dedup_key, created_at, next_attempt_at)
		VALUES ($1, $2, $3, $4, $5, $5) ON CONFLICT (dedup_key) DO NOTHING`, to, subject, body, key, tx.now)
	if err != nil {
		return fmt.Errorf("queue mail: %w", err)
	}
	return nil
}

// ClaimMail leases up to limit pending messages for lease. Concurrent
// runners (several instances) never claim the same message: the update
// re-checks the lease on the row it locks.
func (db *DB) ClaimMail(ctx context.Context, limit int, lease time.Duration) ([]OutboxMail, error) {
	now := db.Now().UTC()
	rows, err := db.sql.QueryContext(ctx, `UPDATE outbox SET locked_until = $1, attempts = attempts + 1
		WHERE id IN (SELECT id FROM outbox WHERE sent_at IS NULL AND next_attempt_at <= $2
			AND (locked_until IS NULL OR locked_until < $2) ORDER BY id LIMIT $3)
		AND sent_at IS NULL AND (locked_until IS NULL OR locked_until < $2)
		RETURNING id, recipient, subject, body, attempts`, now.Add(lease), now, limit)
	if err != nil {
		return nil, fmt.Errorf("claim mail: %w", err)
	}
	defer rows.Close()
	var out []OutboxMail
	for rows.Next() {
		var m OutboxMail
		if err := rows.Scan(&m.ID, &m.Recipient, &m.Subject, &m.Body, &m.Attempts); err != nil {
			return nil, fmt.Errorf("scan mail: %w", err)
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// MarkMailSent records a delivery.
func (db *DB) MarkMailSent(ctx context.Context, id int64) error {
	if _, err := db.sql.ExecContext(ctx, `UPDATE outbox SET sent_at = $1, locked_until = NULL, last_error = '' WHERE id = $2`,
		db.Now().UTC(), id); err != nil {
		return fmt.Errorf("mark mail %d sent: %w", id, err)
	}
	return nil
}

// MarkMailFailed records a failed attempt and when to try again; after
// maxAttempts the message stays failed for an operator to look at.
func (db *DB) MarkMailFailed(ctx context.Context, id int64, cause error, retryAt time.Time) error {
	msg := cause.Error()
	if len(msg) > 500 {
		msg = msg[:500]
	}
	if _, err := db.sql.ExecContext(ctx, `UPDATE outbox SET locked_until = NULL, last_error = $1, next_attempt_at = $2 WHERE id = $3`,
		msg, retryAt.UTC(), id); err != nil {
		return fmt.Errorf("mark mail %d failed: %w", id, err)
	}
	return nil
}

// MailStats counts queued, sent and failing messages (for metrics).
func (db *DB) MailStats(ctx context.Context) (pending, sent, failing int, err error) {
	err = db.sql.QueryRowContext(ctx, `SELECT
		COALESCE(SUM(CASE WHEN sent_at IS NULL THEN 1 ELSE 0 END), 0),
		COALESCE(SUM(CASE WHEN sent_at IS NOT NULL THEN 1 ELSE 0 END), 0),
		COALESCE(SUM(CASE WHEN sent_at IS NULL AND last_error <> '' THEN 1 ELSE 0 END), 0) FROM outbox`).Scan(&pending, &sent, &failing)
	if err != nil {
		err = fmt.Errorf("mail stats: %w", err)
	}
	return
}
