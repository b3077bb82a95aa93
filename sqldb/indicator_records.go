package sqldb

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/hpdoet/cchc"
	"github.com/hpdoet/cchc/dossier"
	"github.com/hpdoet/cchc/indicator"
)

func jsonUnmarshal(s string, v any) error { return json.Unmarshal([]byte(s), v) }

// UnitValues are a unit's (or, with Unit "", the Sở's) values in a period.
type UnitValues struct {
	Unit       string            `json:"unit"`
	UnitName   string            `json:"unit_name"`
	Indicators []indicator.Value `json:"indicators"`
	Index      indicator.Index   `json:"service_index"`
}

// PeriodValues are the values of a period: live, or frozen when the period
// was closed.
type PeriodValues struct {
	Period     string       `json:"period"`
	Label      string       `json:"label"`
	Closed     bool         `json:"closed"`
	ComputedAt time.Time    `json:"computed_at"`
	Units      []UnitValues `json:"units"`
}

// Indicators returns the plan's indicators and the 766 index of a period
// for a unit code ("" for the whole Sở): from the period's snapshot when it
// is closed, computed from the sums otherwise.
func (db *DB) Indicators(ctx context.Context, key, unit string) (*UnitValues, *Snapshot, error) {
	var p indicator.Period
	var err error
	if from, to, ok := strings.Cut(key, ".."); ok {
		p, err = indicator.RangePeriod(from, to) // ad hoc reports
	} else {
		p, err = indicator.ParsePeriod(key)
	}
	if err != nil {
		return nil, nil, err
	}
	snap, err := db.PeriodSnapshot(ctx, p.Key)
	if err != nil {
		return nil, nil, err
	}
	if snap != nil {
		for i := range snap.Values.Units {
			if snap.Values.Units[i].Unit == unit {
				return &snap.Values.Units[i], snap, nil
			}
		}
		return nil, nil, cchc.Errorf(cchc.ENOTFOUND, "Kỳ %s đã khóa sổ và không có số liệu của đơn vị %s.", p.Key, unit)
	}
	v, err := db.cachedValues(ctx, "unit", p, unit, func() (*UnitValues, error) { return db.computeUnit(ctx, p, unit) })
	return v, nil, err
}

func (db *DB) computeUnit(ctx context.Context, p indicator.Period, unit string) (*UnitValues, error) {
	targets, err := db.PlanTargets(ctx)
	if err != nil {
		return nil, err
	}
	d, err := db.IndicatorData(ctx, p, unit)
	if err != nil {
		return nil, err
	}
	prior, err := db.priorValues(ctx, p.Phase(), unit, targets)
	if err != nil {
		return nil, err
	}
	out := &UnitValues{Unit: unit, Indicators: indicator.Compute(targets, d, prior), Index: indicator.ServiceIndex(d)}
	if unit != "" {
		units, err := db.FindUnits(ctx)
		if err != nil {
			return nil, err
		}
		for _, u := range units {
			if u.Code == unit {
				out.UnitName = u.Name
			}
		}
	}
	return out, nil
}

// Snapshot is a closed period.
type Snapshot struct {
	ID         int64        `json:"id"`
	Period     string       `json:"period"`
	Values     PeriodValues `json:"values"`
	ClosedBy   string       `json:"closed_by"`
	ClosedAt   time.Time    `json:"closed_at"`
	ReopenedBy string       `json:"reopened_by,omitempty"`
	ReopenedAt *time.Time   `json:"reopened_at,omitempty"`
	Reason     string       `json:"reason,omitempty"`
}

// PeriodSnapshot returns the period's snapshot if it is closed, else nil.
func (db *DB) PeriodSnapshot(ctx context.Context, period string) (*Snapshot, error) {
	var s Snapshot
	var data string
	err := db.sql.QueryRowContext(ctx, `SELECT s.id, s.period, s.data, u.full_name, s.closed_at FROM period_snapshots s
		JOIN users u ON u.id = s.closed_by WHERE s.period = $1 AND s.reopened_at IS NULL`, period).Scan(&s.ID, &s.Period, &data, &s.ClosedBy, &s.ClosedAt)
	if isNoRows(err) {
		return nil, nil
	} else if err != nil {
		return nil, fmt.Errorf("find snapshot of %s: %w", period, err)
	}
	if err := jsonUnmarshal(data, &s.Values); err != nil {
		return nil, fmt.Errorf("decode snapshot of %s: %w", period, err)
	}
	return &s, nil
}

// Snapshots lists every closing, newest first, without their values.
func (db *DB) Snapshots(ctx context.Context) ([]Snapshot, error) {
	rows, err := db.sql.QueryContext(ctx, `SELECT s.id, s.period, c.full_name, s.closed_at, COALESCE(r.full_name, ''), s.reopened_at, s.reason
		FROM period_snapshots s JOIN users c ON c.id = s.closed_by LEFT JOIN users r ON r.id = s.reopened_by ORDER BY s.closed_at DESC, s.id DESC`)
	if err != nil {
		return nil, fmt.Errorf("query snapshots: %w", err)
	}
	defer rows.Close()
	var out []Snapshot
	for rows.Next() {
		var s Snapshot
		if err := rows.Scan(&s.ID, &s.Period, &s.ClosedBy, &s.ClosedAt, &s.ReopenedBy, &s.ReopenedAt, &s.Reason); err != nil {
			return nil, fmt.Errorf("scan snapshot: %w", err)
		}
		s.Values.Period, s.Values.Label = s.Period, s.Period
		if p, err := indicator.ParsePeriod(s.Period); err == nil {
			s.Values.Label = p.Label()
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// ClosePeriod freezes an ended period's values — the Sở's and every unit's —
// so later edits do not change them (the Office, leaders and admins).
func (db *DB) ClosePeriod(ctx context.Context, key string) (*Snapshot, error) {
	me := cchc.UserFromContext(ctx)
	if !me.SeesAllUnits() {
		return nil, cchc.Errorf(cchc.EFORBIDDEN, "Chỉ Văn phòng Sở, Lãnh đạo Sở hoặc quản trị viên được khóa sổ kỳ số liệu.")
	}
	p, err := indicator.ParsePeriod(key)
	if err != nil {
		return nil, err
	}
	if !p.Over(db.Now()) {
		return nil, cchc.Errorf(cchc.ECONFLICT, "Kỳ %s chưa kết thúc: chỉ khóa sổ kỳ đã qua.", p.Label())
	}
	if s, err := db.PeriodSnapshot(ctx, p.Key); err != nil {
		return nil, err
	} else if s != nil {
		return nil, cchc.Errorf(cchc.ECONFLICT, "Kỳ %s đã được khóa sổ.", p.Label())
	}
	units, err := db.FindUnits(ctx)
	if err != nil {
		return nil, err
	}
	vals := PeriodValues{Period: p.Key, Label: p.Label(), Closed: true, ComputedAt: db.Now()}
	codes := []string{""}
	for _, u := range units {
		codes = append(codes, u.Code)
	}
	for _, code := range codes {
		v, err := db.computeUnit(ctx, p, code)
		if err != nil {
			return nil, err
		}
		vals.Units = append(vals.Units, *v)
	}
	data, err := json.Marshal(vals)
	if err != nil {
		return nil, fmt.Errorf("encode snapshot: %w", err)
	}
	var out *Snapshot
	err = db.write(ctx, func(tx *Tx) error {
		var id int64
		if err := tx.QueryRowContext(ctx, `INSERT INTO period_snapshots (period, data, closed_by, closed_at) VALUES ($1, $2, $3, $4) RETURNING id`,
			p.Key, string(data), me.ID, tx.now).Scan(&id); err != nil {
			return fmt.Errorf("insert snapshot: %w", mapError(err))
		}
		out = &Snapshot{ID: id, Period: p.Key, Values: vals, ClosedBy: me.FullName, ClosedAt: tx.now}
		return tx.audit(ctx, "period.close", "period", p.Key, nil, map[string]any{"snapshot": id})
	})
	if cchc.ErrorCode(err) == cchc.ECONFLICT {
		return nil, cchc.Errorf(cchc.ECONFLICT, "Kỳ %s đã được khóa sổ.", p.Label())
	}
	return out, err
}

// ReopenPeriod reopens a closed period (admins only, with a reason): its
// values are computed live again; the old snapshot is kept.
func (db *DB) ReopenPeriod(ctx context.Context, key, reason string) error {
	me := cchc.UserFromContext(ctx)
	if !me.CanManageAccounts() {
		return cchc.Errorf(cchc.EFORBIDDEN, "Chỉ quản trị viên được mở lại kỳ đã khóa sổ.")
	}
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return cchc.Invalid("Vui lòng nêu lý do mở lại kỳ.", map[string]string{"reason": "Lý do không được để trống."})
	}
	p, err := indicator.ParsePeriod(key)
	if err != nil {
		return err
	}
	return db.write(ctx, func(tx *Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE period_snapshots SET reopened_by = $1, reopened_at = $2, reason = $3
			WHERE period = $4 AND reopened_at IS NULL`, me.ID, tx.now, reason, p.Key)
		if err != nil {
			return fmt.Errorf("reopen %s: %w", p.Key, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return cchc.Errorf(cchc.ECONFLICT, "Kỳ %s chưa khóa sổ.", p.Label())
		}
		return tx.audit(ctx, "period.reopen", "period", p.Key, nil, map[string]any{"reason": reason})
	})
}

// AddIndicatorEntry records a value entered by hand for a measure cchc
// cannot compute, with its evidence (the Office, leaders and admins).
func (db *DB) AddIndicatorEntry(ctx context.Context, e indicator.Entry) (*indicator.Entry, error) {
	me := cchc.UserFromContext(ctx)
	if !me.SeesAllUnits() {
		return nil, cchc.Errorf(cchc.EFORBIDDEN, "Chỉ Văn phòng Sở, Lãnh đạo Sở hoặc quản trị viên được nhập số liệu chỉ tiêu.")
	}
	def, ok := indicator.Definitions[e.Measure]
	f := map[string]string{}
	if !ok || def.Kind != indicator.KindEntered {
		f["measure"] = "Chỉ tiêu này được tính từ dữ liệu của hệ thống, không nhập tay."
	}
	p, err := indicator.ParsePeriod(e.Period)
	if err != nil {
		f["period"] = cchc.ErrorFields(err)["period"]
	} else {
		e.Period = p.Key
	}
	qualitative := e.Measure == indicator.MeasureStaff
	switch {
	case qualitative && e.Status != indicator.StatusMet && e.Status != indicator.StatusOnTrack && e.Status != indicator.StatusAtRisk && e.Status != indicator.StatusMissed:
		f["status"] = "Chọn mức đánh giá: đạt, đúng tiến độ, có nguy cơ không đạt hoặc không đạt."
	case !qualitative && e.Value == nil:
		f["value"] = "Nhập giá trị bằng số."
	case !qualitative && (*e.Value < 0 || (def.Unit == "%" && *e.Value > 100) || (def.Unit == "cấp độ" && *e.Value > 5)):
		f["value"] = "Giá trị nằm ngoài khoảng cho phép."
	}
	if !qualitative {
		e.Status = ""
	}
	e.Note, e.Evidence = strings.TrimSpace(e.Note), strings.TrimSpace(e.Evidence)
	if e.Evidence == "" && e.FileSHA == "" {
		f["evidence"] = "Nêu văn bản làm minh chứng (số, ngày, cơ quan ban hành) hoặc đính kèm tệp."
	}
	if len(e.Note) > 2000 || len(e.Evidence) > 500 {
		f["note"] = "Ghi chú hoặc minh chứng quá dài."
	}
	if len(f) > 0 {
		return nil, cchc.Invalid("Số liệu nhập chưa hợp lệ.", f)
	}
	err = db.write(ctx, func(tx *Tx) error {
		var sha any
		if e.FileSHA != "" {
			sha = e.FileSHA
			if _, err := tx.ExecContext(ctx, `INSERT INTO files (sha256, size, content_type, created_at) VALUES ($1, $2, $3, $4)
				ON CONFLICT (sha256) DO NOTHING`, e.FileSHA, e.FileSize, e.FileType, tx.now); err != nil {
				return fmt.Errorf("record evidence file: %w", err)
			}
			if e.Evidence == "" {
				e.Evidence = e.FileName
			}
		}
		if err := tx.QueryRowContext(ctx, `INSERT INTO indicator_entries (measure, period, value, status, note, evidence, file_sha256, entered_by, entered_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`, e.Measure, e.Period, e.Value, e.Status, e.Note, e.Evidence, sha, me.ID, tx.now).Scan(&e.ID); err != nil {
			return fmt.Errorf("insert entry: %w", mapError(err))
		}
		e.By, e.At = me.FullName, tx.now
		return tx.audit(ctx, "indicator.entry", "indicator", e.Measure, nil, e)
	})
	if err != nil {
		return nil, err
	}
	return &e, nil
}

// IndicatorEntries lists a measure's entries, newest first.
func (db *DB) IndicatorEntries(ctx context.Context, measure string) ([]indicator.Entry, error) {
	rows, err := db.sql.QueryContext(ctx, `SELECT e.id, e.measure, e.period, e.value, e.status, e.note, e.evidence, COALESCE(e.file_sha256, ''),
		u.full_name, e.entered_at FROM indicator_entries e JOIN users u ON u.id = e.entered_by
		WHERE ($1 = '' OR e.measure = $1) ORDER BY e.entered_at DESC, e.id DESC`, measure)
	if err != nil {
		return nil, fmt.Errorf("query entries: %w", err)
	}
	defer rows.Close()
	var out []indicator.Entry
	for rows.Next() {
		var e indicator.Entry
		if err := rows.Scan(&e.ID, &e.Measure, &e.Period, &e.Value, &e.Status, &e.Note, &e.Evidence, &e.FileSHA, &e.By, &e.At); err != nil {
			return nil, fmt.Errorf("scan entry: %w", err)
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// EntriesFor returns, per measure, the entry that applies to period p: the
// latest entered among those whose own period began by the end of p.
func (db *DB) EntriesFor(ctx context.Context, p indicator.Period) (map[string]indicator.Entry, error) {
	all, err := db.IndicatorEntries(ctx, "")
	if err != nil {
		return nil, err
	}
	out := map[string]indicator.Entry{}
	for _, e := range all { // newest first
		ep, err := indicator.ParsePeriod(e.Period)
		if err != nil || ep.From.After(p.To) {
			continue
		}
		if cur, ok := out[e.Measure]; !ok || laterPeriod(ep, cur.Period) {
			out[e.Measure] = e
		}
	}
	return out, nil
}

// laterPeriod reports whether ep begins after the period key cur.
func laterPeriod(ep indicator.Period, cur string) bool {
	c, err := indicator.ParsePeriod(cur)
	return err == nil && ep.From.After(c.From)
}

// Rating is an applicant's rating of a dossier.
type Rating struct {
	Score   int       `json:"score"`
	Comment string    `json:"comment,omitempty"`
	At      time.Time `json:"rated_at"`
}

// RateDossier records the applicant's rating of their dossier once it has
// ended (returned, or refused after receipt); a new rating replaces the
// earlier one.
func (db *DB) RateDossier(ctx context.Context, code string, score int, comment string) error {
	me := cchc.UserFromContext(ctx)
	if me == nil || me.Role != cchc.RoleCitizen || !me.Active {
		return cchc.Errorf(cchc.EFORBIDDEN, "Chỉ người nộp hồ sơ được đánh giá.")
	}
	comment = strings.TrimSpace(comment)
	f := map[string]string{}
	if score < indicator.Unsatisfied || score > indicator.Satisfied {
		f["score"] = "Chọn một mức: hài lòng, bình thường hoặc không hài lòng."
	}
	if len([]rune(comment)) > 1000 {
		f["comment"] = "Góp ý tối đa 1000 ký tự."
	}
	if len(f) > 0 {
		return cchc.Invalid("Đánh giá chưa hợp lệ.", f)
	}
	return db.write(ctx, func(tx *Tx) error {
		r, err := tx.loadDossier(ctx, code, false)
		if err != nil {
			return err
		}
		if r.ApplicantID != me.ID {
			return cchc.Errorf(cchc.ENOTFOUND, "Không tìm thấy hồ sơ %s.", code)
		}
		if r.D.State != dossier.Returned && r.D.State != dossier.ResultIssued && !(r.D.State == dossier.Refused && !r.D.ReceivedAt.IsZero()) {
			return cchc.Errorf(cchc.ECONFLICT, "Hồ sơ chưa giải quyết xong: đánh giá khi đã nhận kết quả.")
		}
		var before any
		var old Rating
		if err := tx.QueryRowContext(ctx, `SELECT score, comment, rated_at FROM dossier_ratings WHERE dossier_id = $1`, r.ID).Scan(&old.Score, &old.Comment, &old.At); err == nil {
			before = old
		} else if !isNoRows(err) {
			return fmt.Errorf("find rating: %w", err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO dossier_ratings (dossier_id, score, comment, rated_by, rated_at) VALUES ($1, $2, $3, $4, $5)
			ON CONFLICT (dossier_id) DO UPDATE SET score = excluded.score, comment = excluded.comment, rated_by = excluded.rated_by, rated_at = excluded.rated_at`,
			r.ID, score, comment, me.ID, tx.now); err != nil {
			return fmt.Errorf("save rating: %w", err)
		}
		if err := tx.refreshFacts(ctx, r.ID); err != nil {
			return err
		}
		return tx.audit(ctx, "dossier.rate", "dossier", code, before, Rating{Score: score, Comment: comment, At: tx.now})
	})
}

// DossierRating returns the dossier's rating, or nil, for whoever may see it.
func (db *DB) DossierRating(ctx context.Context, code string) (*Rating, error) {
	rec, err := db.FindDossier(ctx, code)
	if err != nil {
		return nil, err
	}
	var r Rating
	err = db.sql.QueryRowContext(ctx, `SELECT score, comment, rated_at FROM dossier_ratings WHERE dossier_id = $1`, rec.ID).Scan(&r.Score, &r.Comment, &r.At)
	if isNoRows(err) {
		return nil, nil
	} else if err != nil {
		return nil, fmt.Errorf("find rating: %w", err)
	}
	return &r, nil
}

// IndicatorSeries returns the values of several periods for a unit (a
// trend): closed periods from their snapshots, the others computed from one
// read of the sums over all their months.
func (db *DB) IndicatorSeries(ctx context.Context, periods []indicator.Period, unit string) ([]*UnitValues, error) {
	if len(periods) == 0 {
		return nil, nil
	}
	targets, err := db.PlanTargets(ctx)
	if err != nil {
		return nil, err
	}
	snaps := map[string]*Snapshot{}
	from, to := periods[0].FirstMonth(), periods[0].LastMonth()
	for _, p := range periods {
		s, err := db.PeriodSnapshot(ctx, p.Key)
		if err != nil {
			return nil, err
		}
		snaps[p.Key] = s
		from, to = min(from, p.FirstMonth()), max(to, p.LastMonth())
	}
	// The sums are read once for all the periods, on the first one not cached.
	var rows, base []indicator.Row
	var procs []indicator.ProcInfo
	loaded := false
	load := func() error {
		if loaded {
			return nil
		}
		loaded = true
		var err error
		if rows, err = db.StatRows(ctx, from, to, unit); err != nil {
			return err
		}
		if base, err = db.baseRows(ctx, unit); err != nil {
			return err
		}
		procs, err = db.IndicatorProcedures(ctx)
		return err
	}
	now := db.Now()
	officeDay := db.calendar().Hours().Length()
	out := make([]*UnitValues, len(periods))
	for i, p := range periods {
		if s := snaps[p.Key]; s != nil {
			for j := range s.Values.Units {
				if s.Values.Units[j].Unit == unit {
					out[i] = &s.Values.Units[j]
				}
			}
			if out[i] != nil {
				continue
			}
		}
		v, err := db.cachedValues(ctx, "series", p, unit, func() (*UnitValues, error) {
			if err := load(); err != nil {
				return nil, err
			}
			d := &indicator.Data{Period: p, Now: now, Unit: unit, Base: base, Procedures: procs, OfficeDay: officeDay}
			first, last := p.FirstMonth(), p.LastMonth()
			for _, r := range rows {
				if r.Month >= first && r.Month <= last {
					d.Rows = append(d.Rows, r)
				}
			}
			var err error
			if d.OpenLateNow, err = db.OpenLateNow(ctx, p, unit, now); err != nil {
				return nil, err
			}
			if d.Entries, err = db.EntriesFor(ctx, p); err != nil {
				return nil, err
			}
			return &UnitValues{Unit: unit, Indicators: indicator.Compute(targets, d, nil), Index: indicator.ServiceIndex(d)}, nil
		})
		if err != nil {
			return nil, err
		}
		out[i] = v
	}
	return out, nil
}
