package sqldb

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/hpdoet/cchc"
	"github.com/hpdoet/cchc/dossier"
	"github.com/hpdoet/cchc/indicator"
	"github.com/hpdoet/cchc/procedure"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
)

// BulkDossier is a generated dossier with its history, for bulk loading.
type BulkDossier struct {
	ID            int64 // assigned by BulkLoader
	D             *dossier.Dossier
	ApplicantName string
	Form          map[string]string
	UnitID        int64
	AssigneeID    int64
	CreatedBy     int64
	Events        []BulkEvent
	Payments      []BulkPayment
	Rating        *BulkRating
}

// BulkRating is the applicant's rating of a generated dossier.
type BulkRating struct {
	Score int
	At    time.Time
}

// BulkPayment is a fee payment attempt of a generated dossier.
type BulkPayment struct {
	Ref, Provider, Method, State      string
	Amount                            int64
	ResponseCode, TransactionNo, Bank string
	CreatedBy                         int64
	CreatedAt                         time.Time
	PaidAt                            time.Time // zero unless paid
}

// BulkEvent is a transition of a generated dossier.
type BulkEvent struct {
	T         *dossier.Transition
	ActorID   int64
	ActorName string
}

// BulkLoader writes generated dossiers through each engine's fast path:
// multi-row inserts in large transactions on SQLite, COPY on PostgreSQL.
// It bypasses the per-dossier audit and e-mail (generated history is not
// anyone's act); Finish writes one audit entry for the whole load and
// moves the daily code sequences past what was loaded.
type BulkLoader struct {
	db      *DB
	nextID  int64
	nextEv  int64
	maxSeq  map[string]int // agency|day → highest sequence loaded
	Loaded  int
	started time.Time
	procs   map[string]*procedure.Procedure
}

// NewBulkLoader prepares a load after the dossiers already stored.
func (db *DB) NewBulkLoader(ctx context.Context) (*BulkLoader, error) {
	if !cchc.UserFromContext(ctx).CanManageAccounts() {
		return nil, cchc.Errorf(cchc.EFORBIDDEN, "Chỉ quản trị viên hoặc hệ thống được nạp dữ liệu hàng loạt.")
	}
	l := &BulkLoader{db: db, maxSeq: map[string]int{}, started: time.Now(), procs: map[string]*procedure.Procedure{}}
	procs, err := db.FindProcedures(ctx, ProcedureFilter{All: true})
	if err != nil {
		return nil, err
	}
	for _, p := range procs {
		l.procs[p.Code] = p
	}
	if err := db.sql.QueryRowContext(ctx, `SELECT COALESCE(MAX(id), 0) FROM dossiers`).Scan(&l.nextID); err != nil {
		return nil, fmt.Errorf("bulk: max dossier id: %w", err)
	}
	if err := db.sql.QueryRowContext(ctx, `SELECT COALESCE(MAX(id), 0) FROM dossier_events`).Scan(&l.nextEv); err != nil {
		return nil, fmt.Errorf("bulk: max event id: %w", err)
	}
	return l, nil
}

// Sequences returns the last sequence used per agency and day, so a
// generator numbers new dossiers after the stored ones.
func (db *DB) Sequences(ctx context.Context) (map[string]int, error) {
	rows, err := db.sql.QueryContext(ctx, `SELECT agency, day, last FROM dossier_sequences`)
	if err != nil {
		return nil, fmt.Errorf("read sequences: %w", err)
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var agency, day string
		var last int
		if err := rows.Scan(&agency, &day, &last); err != nil {
			return nil, fmt.Errorf("scan sequence: %w", err)
		}
		out[agency+"|"+day] = last
	}
	return out, rows.Err()
}

type bulkRows struct {
	dossiers [][]any
	events   [][]any
	payments [][]any
	ratings  [][]any
	stats    map[statKey]int64
}

type statKey struct{ metric, month, unit, proc, k string }

var dossierCols = []string{"id", "code", "procedure_code", "state", "channel", "applicant_id", "applicant_name", "applicant_email", "form", "machine",
	"unit_id", "assignee_id", "submitted_at", "received_at", "original_due", "due", "finished_at", "returned_at", "late", "created_by",
	"idempotency_key", "version", "updated_at", "open_due", "facts", "owner_unit", "open_late_at"}
var ratingCols = []string{"dossier_id", "score", "comment", "rated_by", "rated_at"}
var paymentCols = []string{"dossier_id", "ref", "provider", "method", "amount", "state", "response_code", "transaction_no", "bank_code",
	"created_by", "created_at", "paid_at", "updated_at"}
var eventCols = []string{"id", "dossier_id", "at", "action", "from_state", "to_state", "actor_id", "actor_name", "role", "reason", "transition"}

func (l *BulkLoader) rows(batch []*BulkDossier) (*bulkRows, error) {
	out := &bulkRows{stats: map[statKey]int64{}}
	cal, cost := l.db.calendar(), l.db.costModel()
	for _, b := range batch {
		l.nextID++
		b.ID = l.nextID
		d := b.D
		machine, err := json.Marshal(d)
		if err != nil {
			return nil, fmt.Errorf("bulk: encode dossier: %w", err)
		}
		form, err := json.Marshal(b.Form)
		if err != nil {
			return nil, fmt.Errorf("bulk: encode form: %w", err)
		}
		// The facts as refreshFacts would compute them: generated dossiers
		// have no files, results or reuse; their payments and rating.
		fr := &factsRecord{in: indicator.Input{D: d}}
		for _, p := range b.Payments {
			if p.State == PaymentPaid {
				fr.in.Payments = append(fr.in.Payments, indicator.Payment{Online: p.Method == MethodOnline, PaidAt: p.PaidAt})
			}
		}
		if b.Rating != nil {
			fr.in.Rating = &indicator.Rating{Score: b.Rating.Score, At: b.Rating.At}
			out.ratings = append(out.ratings, []any{b.ID, b.Rating.Score, "", nil, b.Rating.At.UTC()})
		}
		facts := fr.compute(cal, l.procs[d.ProcedureCode], cost)
		for _, f := range facts {
			out.stats[statKey{f.Metric, f.Month, fr.unit, d.ProcedureCode, f.K}] += f.N
		}
		var lateAt any
		if fr.openLateAt != nil {
			lateAt = *fr.openLateAt
		}
		out.dossiers = append(out.dossiers, []any{b.ID, d.Code.String(), d.ProcedureCode, string(d.State), string(d.Channel), nil, b.ApplicantName, "",
			string(form), string(machine), nullID(b.UnitID), nullID(b.AssigneeID), d.SubmittedAt.UTC(), nullTime(d.ReceivedAt), nullTime(d.OriginalDue),
			nullTime(d.Due), nullTime(d.FinishedAt), nullTime(d.ReturnedAt), d.Late, b.CreatedBy, nil, 1, d.UpdatedAt.UTC(), openDue(d),
			encodeFacts(facts), fr.unit, lateAt})
		key := d.Code.Agency + "|" + d.Code.Date.String()
		if d.Code.Seq > l.maxSeq[key] {
			l.maxSeq[key] = d.Code.Seq
		}
		for _, e := range b.Events {
			l.nextEv++
			doc, err := json.Marshal(e.T)
			if err != nil {
				return nil, fmt.Errorf("bulk: encode transition: %w", err)
			}
			out.events = append(out.events, []any{l.nextEv, b.ID, e.T.At.UTC(), string(e.T.Action), string(e.T.From), string(e.T.To),
				nullID(e.ActorID), e.ActorName, string(e.T.Role), e.T.Reason, string(doc)})
		}
		for _, p := range b.Payments {
			updated := p.CreatedAt
			if !p.PaidAt.IsZero() {
				updated = p.PaidAt
			}
			out.payments = append(out.payments, []any{b.ID, p.Ref, p.Provider, p.Method, p.Amount, p.State, p.ResponseCode, p.TransactionNo, p.Bank,
				nullID(p.CreatedBy), p.CreatedAt.UTC(), nullTime(p.PaidAt), updated.UTC()})
		}
	}
	return out, nil
}

const statUpsert = `INSERT INTO stats (metric, month, unit, procedure, k, n) VALUES ($1, $2, $3, $4, $5, $6)
	ON CONFLICT (metric, month, unit, procedure, k) DO UPDATE SET n = stats.n + excluded.n`

// statKeys returns the batch's sums in key order (one lock order for all).
func (r *bulkRows) statKeys() []statKey {
	keys := make([]statKey, 0, len(r.stats))
	for k, n := range r.stats {
		if n != 0 {
			keys = append(keys, k)
		}
	}
	slices.SortFunc(keys, func(a, b statKey) int {
		return cmp.Or(strings.Compare(a.metric, b.metric), strings.Compare(a.month, b.month), strings.Compare(a.unit, b.unit),
			strings.Compare(a.proc, b.proc), strings.Compare(a.k, b.k))
	})
	return keys
}

// Load writes a batch in one transaction.
func (l *BulkLoader) Load(ctx context.Context, batch []*BulkDossier) error {
	rows, err := l.rows(batch)
	if err != nil {
		return err
	}
	if l.db.engine == Postgres {
		err = l.copyPG(ctx, rows)
	} else {
		err = l.insertSQLite(ctx, rows)
	}
	if err != nil {
		return err
	}
	l.Loaded += len(batch)
	return nil
}

func (l *BulkLoader) copyPG(ctx context.Context, rows *bulkRows) error {
	conn, err := l.db.sql.Conn(ctx)
	if err != nil {
		return fmt.Errorf("bulk: connection: %w", err)
	}
	defer conn.Close()
	return conn.Raw(func(dc any) error {
		pc := dc.(*stdlib.Conn).Conn()
		tx, err := pc.Begin(ctx)
		if err != nil {
			return fmt.Errorf("bulk: begin: %w", err)
		}
		defer tx.Rollback(ctx)
		if _, err := tx.CopyFrom(ctx, pgx.Identifier{"dossiers"}, dossierCols, pgx.CopyFromRows(rows.dossiers)); err != nil {
			return fmt.Errorf("bulk: copy dossiers: %w", err)
		}
		if _, err := tx.CopyFrom(ctx, pgx.Identifier{"dossier_events"}, eventCols, pgx.CopyFromRows(rows.events)); err != nil {
			return fmt.Errorf("bulk: copy events: %w", err)
		}
		if _, err := tx.CopyFrom(ctx, pgx.Identifier{"payments"}, paymentCols, pgx.CopyFromRows(rows.payments)); err != nil {
			return fmt.Errorf("bulk: copy payments: %w", err)
		}
		if _, err := tx.CopyFrom(ctx, pgx.Identifier{"dossier_ratings"}, ratingCols, pgx.CopyFromRows(rows.ratings)); err != nil {
			return fmt.Errorf("bulk: copy ratings: %w", err)
		}
		for _, k := range rows.statKeys() {
			if _, err := tx.Exec(ctx, statUpsert, k.metric, k.month, k.unit, k.proc, k.k, rows.stats[k]); err != nil {
				return fmt.Errorf("bulk: stats: %w", err)
			}
		}
		return tx.Commit(ctx)
	})
}

func (l *BulkLoader) insertSQLite(ctx context.Context, rows *bulkRows) error {
	tx, err := l.db.sql.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("bulk: begin: %w", err)
	}
	defer tx.Rollback()
	if err := insertMany(ctx, tx, "dossiers", dossierCols, rows.dossiers); err != nil {
		return err
	}
	if err := insertMany(ctx, tx, "dossier_events", eventCols, rows.events); err != nil {
		return err
	}
	if err := insertMany(ctx, tx, "payments", paymentCols, rows.payments); err != nil {
		return err
	}
	if err := insertMany(ctx, tx, "dossier_ratings", ratingCols, rows.ratings); err != nil {
		return err
	}
	for _, k := range rows.statKeys() {
		if _, err := tx.ExecContext(ctx, statUpsert, k.metric, k.month, k.unit, k.proc, k.k, rows.stats[k]); err != nil {
			return fmt.Errorf("bulk: stats: %w", err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("bulk: commit: %w", err)
	}
	return nil
}

// insertMany writes rows with one prepared statement, reused for every
// row inside the caller's transaction: SQLite's fast path (a single huge
// multi-row statement costs more to parse than it saves).
func insertMany(ctx context.Context, tx *sql.Tx, table string, cols []string, rows [][]any) error {
	marks := make([]string, len(cols))
	for i := range marks {
		marks[i] = fmt.Sprintf("$%d", i+1)
	}
	stmt, err := tx.PrepareContext(ctx, "INSERT INTO "+table+" ("+strings.Join(cols, ", ")+") VALUES ("+strings.Join(marks, ", ")+")")
	if err != nil {
		return fmt.Errorf("bulk: prepare insert into %s: %w", table, err)
	}
	defer stmt.Close()
	for _, r := range rows {
		if _, err := stmt.ExecContext(ctx, r...); err != nil {
			return fmt.Errorf("bulk: insert into %s: %w", table, err)
		}
	}
	return nil
}

// Finish moves the daily sequences past the loaded codes, resets the
// identity counters on PostgreSQL, and audits the load as one entry.
func (l *BulkLoader) Finish(ctx context.Context, what string) error {
	return l.db.write(ctx, func(tx *Tx) error {
		for key, seq := range l.maxSeq {
			agency, day, _ := strings.Cut(key, "|")
			if _, err := tx.ExecContext(ctx, `INSERT INTO dossier_sequences (agency, day, last) VALUES ($1, $2, $3)
				ON CONFLICT (agency, day) DO UPDATE SET last = CASE WHEN dossier_sequences.last > $3 THEN dossier_sequences.last ELSE $3 END`,
				agency, day, seq); err != nil {
				return fmt.Errorf("bulk: sequences: %w", err)
			}
		}
		if l.db.engine == Postgres {
			for _, t := range []string{"dossiers", "dossier_events"} {
				if _, err := tx.ExecContext(ctx, `SELECT setval(pg_get_serial_sequence('`+t+`', 'id'), (SELECT COALESCE(MAX(id), 1) FROM `+t+`))`); err != nil {
					return fmt.Errorf("bulk: identity of %s: %w", t, err)
				}
			}
		}
		// Fresh statistics, so the planner sees the new volume at once
		// (stale estimates after a bulk load pick bad plans). SQLite samples
		// each index instead of reading it whole (10 minutes at 10 M).
		if l.db.engine == SQLite {
			if _, err := tx.ExecContext(ctx, `PRAGMA analysis_limit = 2000`); err != nil {
				return fmt.Errorf("bulk: analysis limit: %w", err)
			}
		}
		if _, err := tx.ExecContext(ctx, `ANALYZE dossiers`); err != nil {
			return fmt.Errorf("bulk: analyze: %w", err)
		}
		if _, err := tx.ExecContext(ctx, `ANALYZE dossier_events`); err != nil {
			return fmt.Errorf("bulk: analyze: %w", err)
		}
		if _, err := tx.ExecContext(ctx, `ANALYZE stats`); err != nil {
			return fmt.Errorf("bulk: analyze: %w", err)
		}
		if _, err := tx.ExecContext(ctx, `ANALYZE payments`); err != nil {
			return fmt.Errorf("bulk: analyze: %w", err)
		}
		return tx.audit(ctx, "dossier.bulk_load", "dossier", "bulk", nil, map[string]any{"what": what, "dossiers": l.Loaded,
			"seconds": time.Since(l.started).Seconds()})
	})
}
