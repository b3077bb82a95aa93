package sqldb

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/hpdoet/cchc"
	"github.com/hpdoet/cchc/indicator"
	"github.com/hpdoet/cchc/plan"
)

// Report states.
const (
	ReportDraft  = "draft"
	ReportIssued = "issued"
)

// Report kinds.
const (
	ReportQuarter = "quarter"
	ReportHalf    = "half"
	ReportYear    = "year"
	ReportRange   = "range"
)

// ReportNarrativeKeys are the parts of a report the Office writes: the
// opening, a comment per focus area II.1–II.6, direction and organisation,
// difficulties, proposals, the next period's tasks.
var ReportNarrativeKeys = []string{"intro", "II.1", "II.2", "II.3", "II.4", "II.5", "II.6", "direction", "difficulties", "proposals", "next"}

// MaxReportText is the longest narrative part, in characters.
const MaxReportText = 20000

// Report is a periodic report to the city: a draft, or an issued version
// with its files frozen.
type Report struct {
	ID        int64             `json:"id"`
	Kind      string            `json:"kind"`
	Period    string            `json:"period"` // "2026-Q3", "2026-H1", "2026", "2026-03..2026-08"
	Label     string            `json:"label"`
	Version   int               `json:"version"`
	State     string            `json:"state"`
	Number    string            `json:"number,omitempty"`
	Narrative map[string]string `json:"narrative"`
	Reason    string            `json:"reason,omitempty"` // why a later version was issued
	Replaces  string            `json:"replaces,omitempty"`
	CreatedBy string            `json:"created_by"`
	CreatedAt time.Time         `json:"created_at"`
	UpdatedAt time.Time         `json:"updated_at"`
	IssuedBy  string            `json:"issued_by,omitempty"`
	IssuedAt  *time.Time        `json:"issued_at,omitempty"`
	Files     map[string]string `json:"files,omitempty"` // format → SHA-256, once issued
}

// ReportFile is one generated file of an issued report.
type ReportFile struct {
	Format string // "docx", "pdf", "xlsx"
	SHA    string
	Size   int64
	Type   string
}

// ReportPeriod reads a report's period for its kind: a period key, or for
// a range "2026-03..2026-08" (whole months). It must have begun by now.
func ReportPeriod(kind, key string, now time.Time) (indicator.Period, error) {
	var p indicator.Period
	var err error
	switch kind {
	case ReportQuarter, ReportHalf, ReportYear:
		if p, err = indicator.ParsePeriod(key); err == nil && p.Kind() != kind {
			err = cchc.Invalid("Kỳ báo cáo không khớp loại báo cáo.", map[string]string{"period": "Báo cáo quý chọn một quý (2026-Q3), 6 tháng chọn 2026-H1 hoặc 2026-H2, năm chọn 2026."})
		}
	case ReportRange:
		from, to, _ := strings.Cut(key, "..")
		p, err = indicator.RangePeriod(from, to)
	default:
		return p, cchc.Invalid("Loại báo cáo không hợp lệ.", map[string]string{"kind": "Chọn báo cáo quý, 6 tháng, năm hoặc theo khoảng thời gian."})
	}
	if err != nil {
		return p, err
	}
	if !p.Started(now) {
		return p, cchc.Invalid("Kỳ báo cáo chưa bắt đầu.", map[string]string{"period": "Không lập báo cáo cho kỳ trong tương lai."})
	}
	if p.Year() < 2024 {
		return p, cchc.Invalid("Kỳ báo cáo không hợp lệ.", map[string]string{"period": "Hệ thống có số liệu từ năm 2024."})
	}
	return p, nil
}

func checkNarrative(n map[string]string) error {
	known := map[string]bool{}
	for _, k := range ReportNarrativeKeys {
		known[k] = true
	}
	f := map[string]string{}
	for k, v := range n {
		switch {
		case !known[k]:
			f[k] = "Không có phần này trong báo cáo."
		case !utf8.ValidString(v):
			f[k] = "Văn bản có ký tự không hợp lệ."
		case utf8.RuneCountInString(v) > MaxReportText:
			f[k] = fmt.Sprintf("Tối đa %d ký tự.", MaxReportText)
		case strings.ContainsFunc(v, func(r rune) bool { return unicode.IsControl(r) && r != '\n' && r != '\r' && r != '\t' }):
			f[k] = "Văn bản có ký tự điều khiển không hợp lệ."
		}
	}
	if len(f) > 0 {
		return cchc.Invalid("Nội dung báo cáo chưa hợp lệ.", f)
	}
	return nil
}

// CreateReport opens the draft of a report (the Office, leaders, admins).
// Once a version of the same report is issued, a new one needs a reason;
// it starts from the latest version's narrative. Only one draft at a time.
func (db *DB) CreateReport(ctx context.Context, kind, period, reason string) (*Report, error) {
	me := cchc.UserFromContext(ctx)
	if !me.SeesAllUnits() {
		return nil, cchc.Errorf(cchc.EFORBIDDEN, "Chỉ Văn phòng Sở, Lãnh đạo Sở hoặc quản trị viên lập báo cáo.")
	}
	p, err := ReportPeriod(kind, period, db.Now())
	if err != nil {
		return nil, err
	}
	reason = strings.TrimSpace(reason)
	if err := checkNarrative(map[string]string{"difficulties": reason}); err != nil {
		return nil, cchc.Invalid("Lý do chưa hợp lệ.", map[string]string{"reason": "Lý do tối đa 20000 ký tự, không có ký tự điều khiển."})
	}
	var id int64
	err = db.write(ctx, func(tx *Tx) error {
		var drafts int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM reports WHERE kind = $1 AND period = $2 AND state = 'draft'`, kind, p.Key).Scan(&drafts); err != nil {
			return fmt.Errorf("find drafts: %w", err)
		}
		if drafts > 0 {
			return cchc.Errorf(cchc.ECONFLICT, "Báo cáo %s đã có bản dự thảo: tiếp tục soạn bản đó.", p.Label())
		}
		var last int
		narrative := "{}"
		if err := tx.QueryRowContext(ctx, `SELECT version, narrative FROM reports WHERE kind = $1 AND period = $2 ORDER BY version DESC LIMIT 1`,
			kind, p.Key).Scan(&last, &narrative); err != nil && !isNoRows(err) {
			return fmt.Errorf("find versions: %w", err)
		}
		if last > 0 && reason == "" {
			return cchc.Invalid("Cần nêu lý do ban hành phiên bản mới.", map[string]string{"reason": "Báo cáo kỳ này đã ban hành: nêu lý do lập phiên bản mới."})
		}
		if err := tx.QueryRowContext(ctx, `INSERT INTO reports (kind, period, version, narrative, reason, created_by, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING id`, kind, p.Key, last+1, narrative, reason, me.ID, tx.now).Scan(&id); err != nil {
			return fmt.Errorf("insert report: %w", mapError(err))
		}
		return tx.audit(ctx, "report.create", "report", fmt.Sprint(id), nil, map[string]any{"kind": kind, "period": p.Key, "version": last + 1, "reason": reason})
	})
	if err != nil {
		return nil, err
	}
	return db.FindReport(ctx, id)
}

// SaveReportNarrative replaces the narrative of a draft.
func (db *DB) SaveReportNarrative(ctx context.Context, id int64, n map[string]string) error {
	me := cchc.UserFromContext(ctx)
	if !me.SeesAllUnits() {
		return cchc.Errorf(cchc.EFORBIDDEN, "Chỉ Văn phòng Sở, Lãnh đạo Sở hoặc quản trị viên soạn báo cáo.")
	}
	clean := map[string]string{}
	for k, v := range n {
		if v = strings.TrimSpace(strings.ReplaceAll(v, "\r\n", "\n")); v != "" {
			clean[k] = v
		}
	}
	if err := checkNarrative(clean); err != nil {
		return err
	}
	doc, _ := json.Marshal(clean)
	return db.write(ctx, func(tx *Tx) error {
		var state, before string
		if err := tx.QueryRowContext(ctx, `SELECT state, narrative FROM reports WHERE id = $1`, id).Scan(&state, &before); isNoRows(err) {
			return cchc.Errorf(cchc.ENOTFOUND, "Không có báo cáo này.")
		} else if err != nil {
			return fmt.Errorf("find report: %w", err)
		}
		if state != ReportDraft {
			return cchc.Errorf(cchc.ECONFLICT, "Báo cáo đã ban hành: không sửa được; lập phiên bản mới nếu cần.")
		}
		if _, err := tx.ExecContext(ctx, `UPDATE reports SET narrative = $1, updated_at = $2 WHERE id = $3`, string(doc), tx.now, id); err != nil {
			return fmt.Errorf("save narrative: %w", err)
		}
		return tx.audit(ctx, "report.narrative", "report", fmt.Sprint(id), json.RawMessage(before), json.RawMessage(doc))
	})
}

// IssueReport freezes a draft: its number and its files, written before.
func (db *DB) IssueReport(ctx context.Context, id int64, number string, files []ReportFile) (*Report, error) {
	me := cchc.UserFromContext(ctx)
	if !me.SeesAllUnits() {
		return nil, cchc.Errorf(cchc.EFORBIDDEN, "Chỉ Văn phòng Sở, Lãnh đạo Sở hoặc quản trị viên ban hành báo cáo.")
	}
	number = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(number), "Số:"))
	if number == "" || utf8.RuneCountInString(number) > 60 || strings.ContainsFunc(number, unicode.IsControl) {
		return nil, cchc.Invalid("Số văn bản chưa hợp lệ.", map[string]string{"number": "Nhập số, ký hiệu văn bản, ví dụ 125/BC-SGDĐT (tối đa 60 ký tự)."})
	}
	shas := map[string]string{}
	for _, f := range files {
		shas[f.Format] = f.SHA
	}
	if shas["docx"] == "" || shas["pdf"] == "" || shas["xlsx"] == "" {
		return nil, fmt.Errorf("issue report %d: files missing", id)
	}
	err := db.write(ctx, func(tx *Tx) error {
		var state string
		if err := tx.QueryRowContext(ctx, `SELECT state FROM reports WHERE id = $1`, id).Scan(&state); isNoRows(err) {
			return cchc.Errorf(cchc.ENOTFOUND, "Không có báo cáo này.")
		} else if err != nil {
			return fmt.Errorf("find report: %w", err)
		}
		if state != ReportDraft {
			return cchc.Errorf(cchc.ECONFLICT, "Phiên bản này đã ban hành.")
		}
		var used int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM reports WHERE number = $1`, number).Scan(&used); err != nil {
			return fmt.Errorf("check number: %w", err)
		}
		if used > 0 {
			return cchc.Invalid("Số văn bản đã dùng.", map[string]string{"number": "Số " + number + " đã dùng cho một báo cáo khác."})
		}
		for _, f := range files {
			if _, err := tx.ExecContext(ctx, `INSERT INTO files (sha256, size, content_type, created_at) VALUES ($1, $2, $3, $4)
				ON CONFLICT (sha256) DO NOTHING`, f.SHA, f.Size, f.Type, tx.now); err != nil {
				return fmt.Errorf("record report file: %w", err)
			}
		}
		if _, err := tx.ExecContext(ctx, `UPDATE reports SET state = 'issued', number = $1, issued_by = $2, issued_at = $3, updated_at = $3,
			docx_sha = $4, pdf_sha = $5, xlsx_sha = $6 WHERE id = $7`, number, me.ID, tx.now, shas["docx"], shas["pdf"], shas["xlsx"], id); err != nil {
			return fmt.Errorf("issue report: %w", mapError(err))
		}
		return tx.audit(ctx, "report.issue", "report", fmt.Sprint(id), nil, map[string]any{"number": number, "files": shas})
	})
	if err != nil {
		return nil, err
	}
	return db.FindReport(ctx, id)
}

const reportCols = `r.id, r.kind, r.period, r.version, r.state, r.number, r.narrative, r.reason, c.full_name, r.created_at, r.updated_at,
	COALESCE(i.full_name, ''), r.issued_at, COALESCE(r.docx_sha, ''), COALESCE(r.pdf_sha, ''), COALESCE(r.xlsx_sha, ''),
	COALESCE((SELECT p.number FROM reports p WHERE p.kind = r.kind AND p.period = r.period AND p.version < r.version AND p.state = 'issued'
		ORDER BY p.version DESC LIMIT 1), '')
	FROM reports r JOIN users c ON c.id = r.created_by LEFT JOIN users i ON i.id = r.issued_by`

func scanReport(row interface{ Scan(...any) error }) (*Report, error) {
	var r Report
	var narrative, docx, pdf, xlsx string
	if err := row.Scan(&r.ID, &r.Kind, &r.Period, &r.Version, &r.State, &r.Number, &narrative, &r.Reason, &r.CreatedBy, &r.CreatedAt,
		&r.UpdatedAt, &r.IssuedBy, &r.IssuedAt, &docx, &pdf, &xlsx, &r.Replaces); err != nil {
		return nil, err
	}
	if err := json.Unmarshal([]byte(narrative), &r.Narrative); err != nil {
		return nil, fmt.Errorf("report %d narrative: %w", r.ID, err)
	}
	if r.Narrative == nil {
		r.Narrative = map[string]string{}
	}
	if docx != "" {
		r.Files = map[string]string{"docx": docx, "pdf": pdf, "xlsx": xlsx}
	}
	r.Label = r.Period
	if p, err := ReportPeriod(r.Kind, r.Period, time.Date(2100, 1, 1, 0, 0, 0, 0, time.UTC)); err == nil {
		r.Label = p.Label()
	}
	return &r, nil
}

// FindReport returns one report (the Office, leaders, admins).
func (db *DB) FindReport(ctx context.Context, id int64) (*Report, error) {
	if !cchc.UserFromContext(ctx).SeesAllUnits() {
		return nil, cchc.Errorf(cchc.EFORBIDDEN, "Chỉ Văn phòng Sở, Lãnh đạo Sở hoặc quản trị viên xem báo cáo.")
	}
	r, err := scanReport(db.sql.QueryRowContext(ctx, `SELECT `+reportCols+` WHERE r.id = $1`, id))
	if isNoRows(err) {
		return nil, cchc.Errorf(cchc.ENOTFOUND, "Không có báo cáo này.")
	} else if err != nil {
		return nil, fmt.Errorf("find report: %w", err)
	}
	return r, nil
}

// FindReports lists the reports, newest first.
func (db *DB) FindReports(ctx context.Context) ([]*Report, error) {
	if !cchc.UserFromContext(ctx).SeesAllUnits() {
		return nil, cchc.Errorf(cchc.EFORBIDDEN, "Chỉ Văn phòng Sở, Lãnh đạo Sở hoặc quản trị viên xem báo cáo.")
	}
	rows, err := db.sql.QueryContext(ctx, `SELECT `+reportCols+` ORDER BY r.created_at DESC, r.id DESC`)
	if err != nil {
		return nil, fmt.Errorf("query reports: %w", err)
	}
	defer rows.Close()
	var out []*Report
	for rows.Next() {
		r, err := scanReport(rows)
		if err != nil {
			return nil, fmt.Errorf("scan report: %w", err)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// StatRowsByUnit returns the sums by unit, from the first month on record
// to the month to: what the periodic report's dossier statistics count.
func (db *DB) StatRowsByUnit(ctx context.Context, to string) (map[string][]indicator.Row, error) {
	rows, err := db.sql.QueryContext(ctx, `SELECT unit, metric, month, procedure, k, n FROM stats WHERE month <= $1 AND n <> 0
		AND metric IN ('tl', 'onl', 'res', 'eres', 'fee', 'feeonl', 'reuse')`, to)
	if err != nil {
		return nil, fmt.Errorf("query stats: %w", err)
	}
	defer rows.Close()
	out := map[string][]indicator.Row{}
	for rows.Next() {
		var unit string
		var r indicator.Row
		if err := rows.Scan(&unit, &r.Metric, &r.Month, &r.Procedure, &r.K, &r.N); err != nil {
			return nil, fmt.Errorf("scan stats: %w", err)
		}
		out[unit] = append(out[unit], r)
	}
	return out, rows.Err()
}

// AcceptedEvidence lists the evidence the Office accepted, by task instance.
func (db *DB) AcceptedEvidence(ctx context.Context) (map[int64][]*plan.Evidence, error) {
	out := map[int64][]*plan.Evidence{}
	err := db.read(ctx, func(tx *Tx) error {
		list, err := tx.evidenceOf(ctx, 0, 0)
		if err != nil {
			return err
		}
		for _, e := range list {
			if e.State == plan.EvidenceAccepted {
				out[e.InstanceID] = append(out[e.InstanceID], e)
			}
		}
		return nil
	})
	return out, err
}

// OpenLateThisMonth counts, by owner unit and procedure, the open dossiers
// received before end that became late since the start of now's month,
// before now: the part of a period under way that the monthly sums cannot
// tell (indicator.TallyOf).
func (db *DB) OpenLateThisMonth(ctx context.Context, end, now time.Time) (map[[2]string]int64, error) {
	month := indicator.MustPeriod(indicator.MonthOf(now)).Start()
	rows, err := db.sql.QueryContext(ctx, `SELECT owner_unit, procedure_code, COUNT(*) FROM dossiers
		WHERE open_late_at >= $1 AND open_late_at < $2 AND received_at < $3 GROUP BY owner_unit, procedure_code`,
		month.UTC(), now.UTC(), end.UTC())
	if err != nil {
		return nil, fmt.Errorf("count late dossiers: %w", err)
	}
	defer rows.Close()
	out := map[[2]string]int64{}
	for rows.Next() {
		var unit, proc string
		var n int64
		if err := rows.Scan(&unit, &proc, &n); err != nil {
			return nil, fmt.Errorf("count late dossiers: %w", err)
		}
		out[[2]string{unit, proc}] = n
	}
	return out, rows.Err()
}

// DossierTallyDays counts, by owner unit and procedure, the dossiers of a
// span of days (indicator.Period.Days) from the dossiers themselves — the
// monthly sums cannot split a month: those received in it, carried into
// it, settled in it (on time as their timeliness fact says) and still open
// at its end (late then: still open and past its late instant, or settled
// late after a due time before the end).
func (db *DB) DossierTallyDays(ctx context.Context, p indicator.Period, now time.Time) (map[[2]string]indicator.Tally, error) {
	start, end := p.Start(), p.End()
	rows, err := db.sql.QueryContext(ctx, `SELECT owner_unit, procedure_code, received_at, finished_at, due, open_late_at, facts FROM dossiers
		WHERE received_at IS NOT NULL AND received_at < $1 AND (finished_at IS NULL OR finished_at >= $2)`, end.UTC(), start.UTC())
	if err != nil {
		return nil, fmt.Errorf("tally dossiers: %w", err)
	}
	defer rows.Close()
	lateBefore := end
	if now.Before(end) {
		lateBefore = now
	}
	out := map[[2]string]indicator.Tally{}
	for rows.Next() {
		var unit, proc, facts string
		var received time.Time
		var finished, due, lateAt *time.Time
		if err := rows.Scan(&unit, &proc, &received, &finished, &due, &lateAt, &facts); err != nil {
			return nil, fmt.Errorf("tally dossiers: %w", err)
		}
		fs, err := decodeFacts(facts)
		if err != nil {
			return nil, err
		}
		has := map[string]bool{}
		ontime := ""
		for _, f := range fs {
			has[f.Metric] = true
			if f.Metric == indicator.MTimeliness {
				_, _, ontime = indicator.Timeliness(f.K)
			}
		}
		k := [2]string{unit, proc}
		t := out[k]
		if !received.Before(start) {
			t.Received++
			for m, n := range map[string]*int64{indicator.MOnline: &t.Online, indicator.MResult: &t.Results, indicator.MEResult: &t.EResults,
				indicator.MFee: &t.FeeDossiers, indicator.MFeeOnline: &t.PaidOnline, indicator.MReused: &t.Reused} {
				if has[m] {
					*n++
				}
			}
		} else {
			t.CarriedOver++
		}
		switch {
		case finished != nil && finished.Before(end):
			if ontime == "1" {
				t.SettledOnTime++
			} else {
				t.SettledLate++
			}
		default:
			t.Open++
			if (finished == nil && lateAt != nil && lateAt.Before(lateBefore)) || (finished != nil && ontime == "0" && due != nil && due.Before(end)) {
				t.OpenLate++
			}
		}
		out[k] = t
	}
	return out, rows.Err()
}
