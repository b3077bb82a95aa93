package sqldb

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/hpdoet/cchc"
	"github.com/hpdoet/cchc/calendar"
	"github.com/hpdoet/cchc/dossier"
	"github.com/hpdoet/cchc/indicator"
	"github.com/hpdoet/cchc/procedure"
)

// Each dossier's facts (indicator.Facts) are kept in dossiers.facts and
// their sums per metric, month, unit and procedure in stats. Every change
// that can move a dossier's facts calls refreshFacts in its transaction,
// which adds the difference to the sums; RebuildIndicators recomputes both
// from the records and reports what differed.

// encodeFacts writes facts compactly: "metric,month,k,n;…". Keys never hold
// ',' or ';'.
func encodeFacts(fs []indicator.Fact) string {
	var b strings.Builder
	for i, f := range fs {
		if i > 0 {
			b.WriteByte(';')
		}
		b.WriteString(f.Metric)
		b.WriteByte(',')
		b.WriteString(f.Month)
		b.WriteByte(',')
		b.WriteString(f.K)
		b.WriteByte(',')
		b.WriteString(strconv.FormatInt(f.N, 10))
	}
	return b.String()
}

func decodeFacts(s string) ([]indicator.Fact, error) {
	if s == "" {
		return nil, nil
	}
	var out []indicator.Fact
	for _, part := range strings.Split(s, ";") {
		fields := strings.Split(part, ",")
		if len(fields) != 4 {
			return nil, fmt.Errorf("decode facts: %q", part)
		}
		n, err := strconv.ParseInt(fields[3], 10, 64)
		if err != nil {
			return nil, fmt.Errorf("decode facts: %q: %w", part, err)
		}
		out = append(out, indicator.Fact{Metric: fields[0], Month: fields[1], K: fields[2], N: n})
	}
	return out, nil
}

// factsRecord is a dossier with what its facts are computed from.
type factsRecord struct {
	id         int64
	procedure  string
	in         indicator.Input
	oldFacts   string
	oldUnit    string
	oldLateAt  *time.Time
	unit       string
	openLateAt *time.Time
}

func (db *DB) calendar() *calendar.Calendar {
	if db.OneStop.Calendar != nil {
		if c := db.OneStop.Calendar(); c != nil {
			return c
		}
	}
	c, err := calendar.NewDefault()
	if err != nil {
		panic(fmt.Sprintf("default calendar: %v", err)) // embedded data: cannot fail at run time
	}
	db.OneStop.Calendar = func() *calendar.Calendar { return c }
	return c
}

// compute fills in the facts' unit and late instant and returns the facts.
func (r *factsRecord) compute(cal *calendar.Calendar, p *procedure.Procedure, cost indicator.CostModel) []indicator.Fact {
	if p != nil {
		r.in.Fee = p.Fee
	}
	r.unit = indicator.OwnerUnit(r.in.D, p)
	r.openLateAt = nil
	if d := r.in.D; !d.ReceivedAt.IsZero() && d.EndOfProcessing().IsZero() {
		if t := d.LateInstant(); !t.IsZero() {
			t = t.UTC()
			r.openLateAt = &t
		}
	}
	return indicator.Facts(r.in, cal, cost)
}

// refreshFacts recomputes one dossier's facts and moves the sums by the
// difference.
func (tx *Tx) refreshFacts(ctx context.Context, id int64) error {
	rs, err := tx.loadFactsRecords(ctx, id, id)
	if err != nil {
		return err
	}
	if len(rs) == 0 {
		return fmt.Errorf("refresh facts: dossier %d not found", id)
	}
	r := rs[0]
	p, err := findProcedure(ctx, tx, r.procedure, true)
	if err != nil {
		return err
	}
	fs := r.compute(tx.db.calendar(), p, tx.db.costModel())
	enc := encodeFacts(fs)
	if enc == r.oldFacts && r.unit == r.oldUnit && sameTime(r.openLateAt, r.oldLateAt) {
		return nil
	}
	old, err := decodeFacts(r.oldFacts)
	if err != nil {
		return err
	}
	if r.unit == r.oldUnit {
		err = tx.addStats(ctx, r.unit, r.procedure, indicator.Diff(old, fs))
	} else {
		if err = tx.addStats(ctx, r.oldUnit, r.procedure, indicator.Diff(old, nil)); err == nil {
			err = tx.addStats(ctx, r.unit, r.procedure, fs)
		}
	}
	if err != nil {
		return err
	}
	var late any
	if r.openLateAt != nil {
		late = *r.openLateAt
	}
	if _, err := tx.ExecContext(ctx, `UPDATE dossiers SET facts = $1, owner_unit = $2, open_late_at = $3 WHERE id = $4`, enc, r.unit, late, id); err != nil {
		return fmt.Errorf("store facts: %w", err)
	}
	return nil
}

func sameTime(a, b *time.Time) bool {
	if a == nil || b == nil {
		return a == b
	}
	return a.Equal(*b)
}

func (db *DB) costModel() indicator.CostModel {
	if db.Cost == (indicator.CostModel{}) {
		return indicator.DefaultCost
	}
	return db.Cost
}

// addStats adds facts to the sums of a unit and procedure, in key order so
// that concurrent transactions lock rows in the same order.
func (tx *Tx) addStats(ctx context.Context, unit, proc string, fs []indicator.Fact) error {
	for _, f := range fs {
		if f.N == 0 {
			continue
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO stats (metric, month, unit, procedure, k, n) VALUES ($1, $2, $3, $4, $5, $6)
			ON CONFLICT (metric, month, unit, procedure, k) DO UPDATE SET n = stats.n + excluded.n`,
			f.Metric, f.Month, unit, proc, f.K, f.N); err != nil {
			return fmt.Errorf("add to stats: %w", err)
		}
	}
	return nil
}

// loadFactsRecords reads the dossiers with ids in [lo, hi] and what their
// facts are computed from, in id order.
func (tx *Tx) loadFactsRecords(ctx context.Context, lo, hi int64) ([]*factsRecord, error) {
	rows, err := tx.QueryContext(ctx, `SELECT id, procedure_code, machine, typed_docs, docs_again, facts, owner_unit, open_late_at
		FROM dossiers WHERE id >= $1 AND id <= $2 ORDER BY id`, lo, hi)
	if err != nil {
		return nil, fmt.Errorf("query dossiers for facts: %w", err)
	}
	var out []*factsRecord
	byID := map[int64]*factsRecord{}
	for rows.Next() {
		r := &factsRecord{in: indicator.Input{D: &dossier.Dossier{}}}
		var machine string
		if err := rows.Scan(&r.id, &r.procedure, &machine, &r.in.TypedDocs, &r.in.DocsAgain, &r.oldFacts, &r.oldUnit, &r.oldLateAt); err != nil {
			rows.Close()
			return nil, fmt.Errorf("scan dossier for facts: %w", err)
		}
		if err := jsonUnmarshal(machine, r.in.D); err != nil {
			rows.Close()
			return nil, fmt.Errorf("decode dossier %d: %w", r.id, err)
		}
		out = append(out, r)
		byID[r.id] = r
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return nil, nil
	}
	lo, hi = out[0].id, out[len(out)-1].id
	count := func(query string, set func(*factsRecord, int)) error {
		rows, err := tx.QueryContext(ctx, query, lo, hi)
		if err != nil {
			return fmt.Errorf("count for facts: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var id int64
			var n int
			if err := rows.Scan(&id, &n); err != nil {
				return fmt.Errorf("scan count for facts: %w", err)
			}
			if r := byID[id]; r != nil {
				set(r, n)
			}
		}
		return rows.Err()
	}
	if err := count(`SELECT dossier_id, COUNT(*) FROM dossier_files WHERE dossier_id >= $1 AND dossier_id <= $2 GROUP BY dossier_id`,
		func(r *factsRecord, n int) { r.in.Files = n }); err != nil {
		return nil, err
	}
	if err := count(`SELECT dossier_id, COUNT(*) FROM results WHERE dossier_id >= $1 AND dossier_id <= $2 GROUP BY dossier_id`,
		func(r *factsRecord, n int) { r.in.EResults = n }); err != nil {
		return nil, err
	}
	if err := count(`SELECT dossier_id, COUNT(*) FROM data_reuse WHERE dossier_id >= $1 AND dossier_id <= $2 GROUP BY dossier_id`,
		func(r *factsRecord, n int) { r.in.Reused = n }); err != nil {
		return nil, err
	}
	prows, err := tx.QueryContext(ctx, `SELECT dossier_id, method, paid_at FROM payments
		WHERE dossier_id >= $1 AND dossier_id <= $2 AND state = $3 ORDER BY id`, lo, hi, PaymentPaid)
	if err != nil {
		return nil, fmt.Errorf("query payments for facts: %w", err)
	}
	for prows.Next() {
		var id int64
		var method string
		var at time.Time
		if err := prows.Scan(&id, &method, &at); err != nil {
			prows.Close()
			return nil, fmt.Errorf("scan payment for facts: %w", err)
		}
		if r := byID[id]; r != nil {
			r.in.Payments = append(r.in.Payments, indicator.Payment{Online: method == MethodOnline, PaidAt: at})
		}
	}
	prows.Close()
	rrows, err := tx.QueryContext(ctx, `SELECT dossier_id, score, rated_at FROM dossier_ratings WHERE dossier_id >= $1 AND dossier_id <= $2`, lo, hi)
	if err != nil {
		return nil, fmt.Errorf("query ratings for facts: %w", err)
	}
	defer rrows.Close()
	for rrows.Next() {
		var id int64
		var rt indicator.Rating
		if err := rrows.Scan(&id, &rt.Score, &rt.At); err != nil {
			return nil, fmt.Errorf("scan rating for facts: %w", err)
		}
		if r := byID[id]; r != nil {
			r.in.Rating = &rt
		}
	}
	return out, rrows.Err()
}

// RebuildResult tells what a rebuild found.
type RebuildResult struct {
	Dossiers     int           `json:"dossiers"`
	FactsChanged int           `json:"facts_changed"` // dossiers whose stored facts differed
	StatsChanged int           `json:"stats_changed"` // sums that differed
	StatRows     int           `json:"stat_rows"`
	Took         time.Duration `json:"took"`
}

// RebuildIndicators recomputes every dossier's facts and all the sums from
// the records, in one transaction (the service waits for it), and corrects
// what differs. After a calendar or catalog edit it brings old dossiers to
// the new rules; otherwise it should find nothing to change.
func (db *DB) RebuildIndicators(ctx context.Context, progress func(done int)) (RebuildResult, error) {
	start := time.Now()
	var res RebuildResult
	err := db.write(ctx, func(tx *Tx) error {
		res = RebuildResult{}
		procs := map[string]*procedure.Procedure{}
		cal, cost := db.calendar(), db.costModel()
		type key struct{ metric, month, unit, proc, k string }
		sums := map[key]int64{}
		var last int64
		const chunk = 5000
		for {
			var hi int64
			if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(id), 0) FROM (SELECT id FROM dossiers WHERE id > $1 ORDER BY id LIMIT `+strconv.Itoa(chunk)+`) c`, last).Scan(&hi); err != nil {
				return fmt.Errorf("rebuild: next chunk: %w", err)
			}
			if hi == 0 {
				break
			}
			rs, err := tx.loadFactsRecords(ctx, last+1, hi)
			if err != nil {
				return err
			}
			for _, r := range rs {
				p, ok := procs[r.procedure]
				if !ok {
					if p, err = findProcedure(ctx, tx, r.procedure, true); err != nil {
						return err
					}
					procs[r.procedure] = p
				}
				fs := r.compute(cal, p, cost)
				for _, f := range fs {
					sums[key{f.Metric, f.Month, r.unit, r.procedure, f.K}] += f.N
				}
				enc := encodeFacts(fs)
				if enc != r.oldFacts || r.unit != r.oldUnit || !sameTime(r.openLateAt, r.oldLateAt) {
					res.FactsChanged++
					var late any
					if r.openLateAt != nil {
						late = *r.openLateAt
					}
					if _, err := tx.ExecContext(ctx, `UPDATE dossiers SET facts = $1, owner_unit = $2, open_late_at = $3 WHERE id = $4`,
						enc, r.unit, late, r.id); err != nil {
						return fmt.Errorf("rebuild: store facts: %w", err)
					}
				}
			}
			res.Dossiers += len(rs)
			last = hi
			if progress != nil {
				progress(res.Dossiers)
			}
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		rows, err := tx.QueryContext(ctx, `SELECT metric, month, unit, procedure, k, n FROM stats`)
		if err != nil {
			return fmt.Errorf("rebuild: read stats: %w", err)
		}
		stored := map[key]int64{}
		for rows.Next() {
			var k key
			var n int64
			if err := rows.Scan(&k.metric, &k.month, &k.unit, &k.proc, &k.k, &n); err != nil {
				rows.Close()
				return fmt.Errorf("rebuild: scan stats: %w", err)
			}
			stored[k] = n
		}
		rows.Close()
		for k, n := range stored {
			if sums[k] != n {
				res.StatsChanged++
				if _, err := tx.ExecContext(ctx, `UPDATE stats SET n = $1 WHERE metric = $2 AND month = $3 AND unit = $4 AND procedure = $5 AND k = $6`,
					sums[k], k.metric, k.month, k.unit, k.proc, k.k); err != nil {
					return fmt.Errorf("rebuild: correct stats: %w", err)
				}
			}
		}
		for k, n := range sums {
			if _, ok := stored[k]; !ok && n != 0 {
				res.StatsChanged++
				if _, err := tx.ExecContext(ctx, `INSERT INTO stats (metric, month, unit, procedure, k, n) VALUES ($1, $2, $3, $4, $5, $6)`,
					k.metric, k.month, k.unit, k.proc, k.k, n); err != nil {
					return fmt.Errorf("rebuild: add stats: %w", err)
				}
			}
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM stats WHERE n = 0`); err != nil {
			return fmt.Errorf("rebuild: drop empty sums: %w", err)
		}
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM stats`).Scan(&res.StatRows); err != nil {
			return fmt.Errorf("rebuild: count stats: %w", err)
		}
		res.Took = time.Since(start)
		return tx.audit(ctx, "indicators.rebuild", "indicators", "all", nil, res)
	})
	return res, err
}

// StatRows returns the sums of the months from..to (inclusive, "2026-01"),
// per metric, month, procedure and key, for a unit ("" for all).
func (db *DB) StatRows(ctx context.Context, from, to, unit string) ([]indicator.Row, error) {
	rows, err := db.sql.QueryContext(ctx, `SELECT metric, month, procedure, k, SUM(n) FROM stats
		WHERE month >= $1 AND month <= $2 AND ($3 = '' OR unit = $3)
		GROUP BY metric, month, procedure, k HAVING SUM(n) <> 0`, from, to, unit)
	if err != nil {
		return nil, fmt.Errorf("query stats: %w", err)
	}
	defer rows.Close()
	var out []indicator.Row
	for rows.Next() {
		var r indicator.Row
		if err := rows.Scan(&r.Metric, &r.Month, &r.Procedure, &r.K, &r.N); err != nil {
			return nil, fmt.Errorf("scan stats: %w", err)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// OpenLateNow counts the open dossiers received in p that became late in
// the month under way, before now: the one part of the on-time count that
// time alone moves. It reads the index of open late instants, a month of it.
func (db *DB) OpenLateNow(ctx context.Context, p indicator.Period, unit string, now time.Time) (int64, error) {
	if !p.Contains(now) {
		return 0, nil
	}
	month := indicator.MustPeriod(indicator.MonthOf(now)).Start()
	var n int64
	err := db.sql.QueryRowContext(ctx, `SELECT COUNT(*) FROM dossiers WHERE open_late_at >= $1 AND open_late_at < $2
		AND received_at >= $3 AND received_at < $4 AND ($5 = '' OR owner_unit = $5)`,
		month.UTC(), now.UTC(), p.Start().UTC(), p.End().UTC(), unit).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("count open late dossiers: %w", err)
	}
	return n, nil
}

// IndicatorProcedures is the catalog as the catalog-based measures see it.
func (db *DB) IndicatorProcedures(ctx context.Context) ([]indicator.ProcInfo, error) {
	rows, err := db.sql.QueryContext(ctx, `SELECT document FROM procedures ORDER BY code`)
	if err != nil {
		return nil, fmt.Errorf("query procedures: %w", err)
	}
	defer rows.Close()
	var out []indicator.ProcInfo
	for rows.Next() {
		var doc string
		if err := rows.Scan(&doc); err != nil {
			return nil, fmt.Errorf("scan procedure: %w", err)
		}
		var p procedure.Procedure
		if err := jsonUnmarshal(doc, &p); err != nil {
			return nil, fmt.Errorf("decode procedure: %w", err)
		}
		out = append(out, procInfo(&p))
	}
	return out, rows.Err()
}

func procInfo(p *procedure.Procedure) indicator.ProcInfo {
	return indicator.ProcInfo{Code: p.Code, Name: p.Name, Unit: indicator.OwnerUnit(&dossier.Dossier{}, p), Level: p.OnlineLevel,
		Eligible: p.EligibleFullOnline, Published: p.Published, Fee: p.Fee, Complete: complete(p), Baseline: p.Baseline2024}
}

// complete reports whether a procedure publishes the parts khoản 2 Điều 8
// Nghị định 63/2010/NĐ-CP requires: name, sequence (its process), method,
// papers, time limit, subjects and the agency — as the catalog holds them:
// a name, steps, an online level, documents, a time limit or same-day
// handling, and legal bases.
func complete(p *procedure.Procedure) bool {
	return strings.TrimSpace(p.Name) != "" && len(p.Steps) > 0 && p.OnlineLevel != "" && len(p.Documents) > 0 &&
		(p.TimeLimitDays > 0 || p.SameDay) && len(p.LegalBasis) > 0
}

// IndicatorData assembles what the period's values are computed from, for
// a unit code ("" for the whole Sở).
func (db *DB) IndicatorData(ctx context.Context, p indicator.Period, unit string) (*indicator.Data, error) {
	now := db.Now()
	d := &indicator.Data{Period: p, Now: now, Unit: unit, OfficeDay: db.calendar().Hours().Length()}
	var err error
	if d.Rows, err = db.StatRows(ctx, p.FirstMonth(), p.LastMonth(), unit); err != nil {
		return nil, err
	}
	if d.Base, err = db.baseRows(ctx, unit); err != nil {
		return nil, err
	}
	if d.OpenLateNow, err = db.OpenLateNow(ctx, p, unit, now); err != nil {
		return nil, err
	}
	if d.Procedures, err = db.IndicatorProcedures(ctx); err != nil {
		return nil, err
	}
	if d.Entries, err = db.EntriesFor(ctx, p); err != nil {
		return nil, err
	}
	return d, nil
}

// StaleFacts reports whether a dossier's stored facts differ from what its
// records give now: false after every change that went through storage.
func (db *DB) StaleFacts(ctx context.Context, code string) (bool, error) {
	var stale bool
	err := db.read(ctx, func(tx *Tx) error {
		var id int64
		if err := tx.QueryRowContext(ctx, `SELECT id FROM dossiers WHERE code = $1`, code).Scan(&id); err != nil {
			return fmt.Errorf("find dossier %s: %w", code, err)
		}
		rs, err := tx.loadFactsRecords(ctx, id, id)
		if err != nil || len(rs) == 0 {
			return err
		}
		p, err := findProcedure(ctx, tx, rs[0].procedure, true)
		if err != nil {
			return err
		}
		r := rs[0]
		enc := encodeFacts(r.compute(db.calendar(), p, db.costModel()))
		stale = enc != r.oldFacts || r.unit != r.oldUnit || !sameTime(r.openLateAt, r.oldLateAt)
		return nil
	})
	return stale, err
}

// NeedsIndicatorRebuild reports whether dossiers were received but no sum
// exists yet: a database from before the indicators, or loaded behind
// storage's back.
func (db *DB) NeedsIndicatorRebuild(ctx context.Context) (bool, error) {
	var stats, received int
	if err := db.sql.QueryRowContext(ctx, `SELECT COUNT(*) FROM (SELECT 1 FROM stats LIMIT 1) s`).Scan(&stats); err != nil {
		return false, fmt.Errorf("count stats: %w", err)
	}
	if err := db.sql.QueryRowContext(ctx, `SELECT COUNT(*) FROM (SELECT 1 FROM dossiers WHERE received_at IS NOT NULL LIMIT 1) d`).Scan(&received); err != nil {
		return false, fmt.Errorf("count dossiers: %w", err)
	}
	return stats == 0 && received > 0, nil
}

// DrillRecord is one dossier behind a number.
type DrillRecord struct {
	Code          string        `json:"code"`
	ProcedureCode string        `json:"procedure_code"`
	ProcedureName string        `json:"procedure_name"`
	Applicant     string        `json:"applicant"`
	Unit          string        `json:"unit"`
	State         dossier.State `json:"state"`
	ReceivedAt    time.Time     `json:"received_at,omitzero"`
	Late          bool          `json:"late"`
	Den           int64         `json:"denominator"` // what it adds to the denominator
	Num           int64         `json:"numerator"`   // … and to the numerator
	Value         int64         `json:"value,omitempty"`
}

// Drill filters.
const (
	DrillAll  = ""    // every record counted
	DrillIn   = "in"  // those in the numerator
	DrillOut  = "out" // those in the denominator only
	drillPage = 50
)

// DrillDown lists the dossiers behind a number: those the records key
// (indicator.Drills) counts in period p for a unit ("" for all), each with
// what it adds, evaluated from its stored facts exactly as the sums were
// made. Officials of a phòng see their unit's records only. The list is
// read in date order and stops after the page; more reports whether there
// is another page.
func (db *DB) DrillDown(ctx context.Context, records string, p indicator.Period, unit, filter string, page int) (list []DrillRecord, more bool, err error) {
	me := cchc.UserFromContext(ctx)
	if !me.IsOfficial() {
		return nil, false, cchc.Errorf(cchc.EFORBIDDEN, "Danh sách hồ sơ có thông tin cá nhân: chỉ cán bộ, công chức được xem.")
	}
	spec, ok := indicator.Drills[records]
	if !ok {
		return nil, false, cchc.Errorf(cchc.ENOTFOUND, "Số liệu này không có danh sách hồ sơ.")
	}
	if !me.SeesAllUnits() && me.Role != cchc.RoleOneStop {
		own, err := db.unitCodeOf(ctx, me.UnitID)
		if err != nil {
			return nil, false, err
		}
		if unit != own {
			return nil, false, cchc.Errorf(cchc.EFORBIDDEN, "Bạn chỉ xem được hồ sơ của đơn vị mình (%s).", own)
		}
	}
	if page < 1 {
		page = 1
	}
	start, end := p.Start().UTC(), p.End().UTC()
	var q string
	cols := `d.id, d.code, d.procedure_code, pr.name, d.applicant_name, d.owner_unit, d.state, d.received_at, d.late, d.facts, d.open_late_at`
	from := ` FROM dossiers d JOIN procedures pr ON pr.code = d.procedure_code`
	// The unit's condition is written only when there is one, so the
	// planner can use the (owner_unit, date) index.
	args := []any{start, end}
	unitCond := ""
	if unit != "" {
		args = append(args, unit)
		unitCond = ` AND d.owner_unit = $3`
	}
	limit := fmt.Sprintf(` LIMIT $%d OFFSET $%d`, len(args)+1, len(args)+2)
	switch spec.Basis {
	case indicator.BasisReceipt:
		q = `SELECT ` + cols + from + ` WHERE d.received_at >= $1 AND d.received_at < $2` + unitCond + ` ORDER BY d.received_at, d.id`
	case indicator.BasisEnd:
		q = `SELECT ` + cols + from + ` WHERE d.finished_at >= $1 AND d.finished_at < $2` + unitCond + ` ORDER BY d.finished_at, d.id`
	case indicator.BasisPayment:
		q = `SELECT ` + cols + from + ` WHERE d.id IN (SELECT dossier_id FROM payments WHERE state = 'paid' AND paid_at >= $1 AND paid_at < $2)` + unitCond + ` ORDER BY d.id`
	case indicator.BasisRating:
		q = `SELECT ` + cols + from + ` JOIN dossier_ratings r ON r.dossier_id = d.id WHERE r.rated_at >= $1 AND r.rated_at < $2` + unitCond + ` ORDER BY r.rated_at, d.id`
	}
	// Read in batches in the order of the index, so the first pages read
	// only what they show, however many dossiers the period has.
	now := db.Now()
	skip := (page - 1) * drillPage
	const batch = 500
	for offset := 0; ; offset += batch {
		rows, err := db.sql.QueryContext(ctx, q+limit, append(args, batch, offset)...)
		if err != nil {
			return nil, false, fmt.Errorf("drill down: %w", err)
		}
		n := 0
		for rows.Next() {
			n++
			var r DrillRecord
			var id int64
			var received, lateAt *time.Time
			var facts string
			if err := rows.Scan(&id, &r.Code, &r.ProcedureCode, &r.ProcedureName, &r.Applicant, &r.Unit, &r.State, &received, &r.Late, &facts, &lateAt); err != nil {
				rows.Close()
				return nil, false, fmt.Errorf("drill down: scan: %w", err)
			}
			fs, err := decodeFacts(facts)
			if err != nil {
				rows.Close()
				return nil, false, err
			}
			var late time.Time
			if lateAt != nil {
				late = *lateAt
			}
			row := indicator.Drill(records, fs, p, now, late)
			if row.Den == 0 && row.Num == 0 {
				continue
			}
			if (filter == DrillIn && row.Num == 0) || (filter == DrillOut && row.Num >= row.Den) {
				continue
			}
			if skip > 0 {
				skip--
				continue
			}
			if len(list) == drillPage {
				rows.Close()
				return list, true, nil
			}
			if received != nil {
				r.ReceivedAt = *received
			}
			r.Den, r.Num, r.Value = row.Den, row.Num, row.Value
			list = append(list, r)
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return nil, false, fmt.Errorf("drill down: %w", err)
		}
		if n < batch {
			return list, false, nil
		}
	}
}

func (db *DB) unitCodeOf(ctx context.Context, id int64) (string, error) {
	var code string
	if err := db.sql.QueryRowContext(ctx, `SELECT code FROM units WHERE id = $1`, id).Scan(&code); err != nil {
		return "", fmt.Errorf("find unit %d: %w", id, err)
	}
	return code, nil
}
