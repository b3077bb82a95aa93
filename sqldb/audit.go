package sqldb

import (
	"context"
	"encoding/json"
	"fmt"
	"math"

	"github.com/hpdoet/cchc"
)

// SystemActor is the actor name of changes made without a signed-in user
// (command-line tools, the demo loader, background jobs).
const SystemActor = "system"

// audit appends an entry to the hash-chained audit log inside tx. The
// audit_head row is updated first: on PostgreSQL that row lock orders
// concurrent writers, on SQLite the immediate transaction already has.
func (tx *Tx) audit(ctx context.Context, action, entity, entityID string, before, after any) error {
	e := cchc.AuditEntry{At: tx.now, Action: action, Entity: entity, EntityID: entityID, ActorName: SystemActor}
	if u := cchc.UserFromContext(ctx); u != nil && u.ID != 0 {
		e.ActorID, e.ActorName = u.ID, u.Username
	}
	e.IP = cchc.ClientFromContext(ctx).IP
	var err error
	if e.Before, err = auditDoc(before); err != nil {
		return err
	}
	if e.After, err = auditDoc(after); err != nil {
		return err
	}
	if err := tx.QueryRowContext(ctx,
		`UPDATE audit_head SET seq = seq + 1 WHERE id = 1 RETURNING seq, hash`).Scan(&e.Seq, &e.PrevHash); err != nil {
		return fmt.Errorf("advance audit head: %w", err)
	}
	e.Hash = e.ComputeHash()
	var actor any
	if e.ActorID != 0 {
		actor = e.ActorID
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO audit_log
		(seq, at, actor_id, actor_name, action, entity, entity_id, before_doc, after_doc, ip, prev_hash, hash)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
		e.Seq, e.At, actor, e.ActorName, e.Action, e.Entity, e.EntityID, e.Before, e.After, e.IP, e.PrevHash, e.Hash); err != nil {
		return fmt.Errorf("insert audit entry: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `UPDATE audit_head SET hash = $1 WHERE id = 1`, e.Hash); err != nil {
		return fmt.Errorf("update audit head: %w", err)
	}
	return nil
}

func auditDoc(v any) (string, error) {
	if v == nil {
		return "", nil
	}
	b, err := json.Marshal(v)
	if err != nil {
		return "", fmt.Errorf("encode audit document: %w", err)
	}
	return string(b), nil
}

// AuditFilter selects audit entries; zero fields do not filter.
type AuditFilter struct {
	Entity    string
	EntityID  string
	ActorID   int64
	Limit     int
	BeforeSeq int64 // entries with seq below this (for paging back)
}

// FindAuditEntries returns entries newest first. Only readers of the audit
// log may call it.
func (db *DB) FindAuditEntries(ctx context.Context, f AuditFilter) ([]cchc.AuditEntry, error) {
	if !cchc.UserFromContext(ctx).CanReadAudit() {
		return nil, cchc.Errorf(cchc.EFORBIDDEN, "Bạn không có quyền xem nhật ký hệ thống.")
	}
	return db.auditEntries(ctx, f)
}

// EntityHistory returns the audit entries of one record, oldest first. The
// caller must already have checked that the user may see the record.
func (db *DB) entityHistory(ctx context.Context, tx *Tx, entity, id string) ([]cchc.AuditEntry, error) {
	rows, err := tx.QueryContext(ctx, `SELECT seq, at, COALESCE(actor_id, 0), actor_name, action, entity, entity_id,
		before_doc, after_doc, ip, prev_hash, hash FROM audit_log WHERE entity = $1 AND entity_id = $2 ORDER BY seq`, entity, id)
	if err != nil {
		return nil, fmt.Errorf("query history of %s %s: %w", entity, id, err)
	}
	return scanAudit(rows)
}

func (db *DB) auditEntries(ctx context.Context, f AuditFilter) ([]cchc.AuditEntry, error) {
	if f.Limit <= 0 || f.Limit > 500 {
		f.Limit = 100
	}
	rows, err := db.sql.QueryContext(ctx, `SELECT seq, at, COALESCE(actor_id, 0), actor_name, action, entity, entity_id,
		before_doc, after_doc, ip, prev_hash, hash FROM audit_log
		WHERE ($1 = '' OR entity = $1) AND ($2 = '' OR entity_id = $2) AND ($3 = 0 OR actor_id = $3)
		  AND ($4 = 0 OR seq < $4)
		ORDER BY seq DESC LIMIT $5`, f.Entity, f.EntityID, f.ActorID, f.BeforeSeq, f.Limit)
	if err != nil {
		return nil, fmt.Errorf("query audit log: %w", err)
	}
	return scanAudit(rows)
}

type rowScanner interface {
	Next() bool
	Scan(dest ...any) error
	Err() error
	Close() error
}

func scanAudit(rows rowScanner) ([]cchc.AuditEntry, error) {
	defer rows.Close()
	var out []cchc.AuditEntry
	for rows.Next() {
		var e cchc.AuditEntry
		if err := rows.Scan(&e.Seq, &e.At, &e.ActorID, &e.ActorName, &e.Action, &e.Entity, &e.EntityID,
			&e.Before, &e.After, &e.IP, &e.PrevHash, &e.Hash); err != nil {
			return nil, fmt.Errorf("scan audit entry: %w", err)
		}
		out = append(out, e)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read audit log: %w", err)
	}
	return out, nil
}

// VerifyAudit walks the whole audit chain in batches and returns the first
// problem (nil if the chain is intact) and the number of entries checked.
func (db *DB) VerifyAudit(ctx context.Context) (*cchc.AuditProblem, int64, error) {
	const batch = 5000
	// The first batch has no lower bound, so a row slipped in before seq 1
	// is seen (and reported) too.
	from, want, prev := int64(math.MinInt64), int64(1), cchc.GenesisHash
	var checked int64
	for {
		rows, err := db.sql.QueryContext(ctx, `SELECT seq, at, COALESCE(actor_id, 0), actor_name, action, entity, entity_id,
			before_doc, after_doc, ip, prev_hash, hash FROM audit_log WHERE seq >= $1 ORDER BY seq LIMIT $2`, from, batch)
		if err != nil {
			return nil, checked, fmt.Errorf("read audit log: %w", err)
		}
		entries, err := scanAudit(rows)
		if err != nil {
			return nil, checked, err
		}
		if p := cchc.VerifyAuditChain(entries, want, prev); p != nil {
			return p, checked, nil
		}
		checked += int64(len(entries))
		if len(entries) < batch {
			break
		}
		last := entries[len(entries)-1]
		from, want, prev = last.Seq+1, last.Seq+1, last.Hash
	}
	var headSeq int64
	var headHash string
	if err := db.sql.QueryRowContext(ctx, `SELECT seq, hash FROM audit_head WHERE id = 1`).Scan(&headSeq, &headHash); err != nil {
		return nil, checked, fmt.Errorf("read audit head: %w", err)
	}
	var lastSeq int64
	var lastHash = cchc.GenesisHash
	if err := db.sql.QueryRowContext(ctx, `SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1`).Scan(&lastSeq, &lastHash); err != nil && !isNoRows(err) {
		return nil, checked, fmt.Errorf("read last audit entry: %w", err)
	}
	switch {
	case lastSeq < headSeq:
		return &cchc.AuditProblem{Seq: lastSeq + 1, Reason: "deleted", Detail: "các bản ghi cuối nhật ký đã bị xóa"}, checked, nil
	case lastSeq > headSeq || lastHash != headHash:
		return &cchc.AuditProblem{Seq: headSeq + 1, Reason: "inserted", Detail: "bản ghi được thêm ngoài chuỗi"}, checked, nil
	}
	return nil, checked, nil
}
