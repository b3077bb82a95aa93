package report

import (
	"fmt"
	"time"

	"github.com/hpdoet/cchc"
	"github.com/hpdoet/cchc/indicator"
	"github.com/hpdoet/cchc/plan"
)

// Kinds of periodic report: the plan (Section V) asks the Office for a
// report each quarter, each half-year and each year; "range" covers any
// other span the city asks for.
const (
	PeriodicQuarter = "quarter"
	PeriodicHalf    = "half"
	PeriodicYear    = "year"
	PeriodicRange   = "range"
)

// Limits on the texts of a periodic report. A narrative longer than
// MaxNarrative is refused rather than cut, so nothing the Office wrote is
// silently lost.
const (
	MaxNarrative  = 20000 // characters in one narrative field or the reason
	maxLineField  = 300   // characters in a number, signer line or recipient
	maxRecipients = 50
)

// Periodic is what the Sở's periodic report on its administrative-reform
// plan (báo cáo kết quả thực hiện công tác cải cách hành chính) is built
// from: data already gathered and derived, plus the texts the Office
// writes. PeriodicDocument turns it into the report, WritePeriodicXLSX
// into its appendix workbook.
type Periodic struct {
	Kind     string           // PeriodicQuarter, PeriodicHalf, PeriodicYear or PeriodicRange
	Period   indicator.Period // for a quarter, half-year or year
	From, To time.Time        // for a range: civil dates, inclusive
	Number   string           // "125/BC-SGDĐT" or "Số: 125/BC-SGDĐT"; "" for a draft ("Số: ……/BC-SGDĐT")
	Date     time.Time        // ngày ban hành
	// Version counts issues of the report for the same period: 0 or 1 for
	// the first; from 2 on the report says it replaces the previous one
	// (Replaces, its number, when known) and why (Reason, required).
	Version  int
	Replaces string
	Reason   string

	// Plan is the plan document the tasks come from; optional. It gives
	// the plan's number and date for the opening sentence and the names of
	// the focus areas II.1–II.6.
	Plan *plan.Document
	// Tasks are the plan's tasks in plan order, statuses derived (as of the
	// report's date) with their instances loaded.
	Tasks []*plan.Task
	// Evidence lists the minh chứng of each task instance, by instance ID;
	// only accepted evidence is reported.
	Evidence map[int64][]*plan.Evidence
	// Units holds every unit an assignment names.
	Units map[int64]*cchc.Unit

	Indicators []indicator.Value // the plan's targets in the period (indicator.Compute)
	Index      indicator.Index   // the 766 service index of the Sở in the period
	Dossiers   DossierStats

	Narrative  Narrative
	Signer     Signer   // defaults to KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC, no name
	Recipients []string // nơi nhận; defaults to DefaultPeriodicRecipients
}

// Signer is the signature block of a report: the authority and title lines
// ("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC") and the signer's name.
type Signer struct {
	Title []string
	Name  string
}

// Narrative is what the Office writes in the report, as plain text; line
// breaks separate paragraphs. Empty fields get a default sentence or are
// left out.
type Narrative struct {
	Intro string // opening paragraph; default: a sentence citing the plan
	// Areas comments on each focus area, by its code in the plan: "II.1"
	// (Cải cách thể chế) … "II.6" (Chính phủ điện tử, Chính phủ số).
	Areas map[string]string
	// Direction comments on the direction, communication, monitoring and
	// organisation tasks of the plan's sections III and V.
	Direction    string
	Difficulties string // khó khăn, vướng mắc
	Proposals    string // đề xuất, kiến nghị
	NextTasks    string // nhiệm vụ trọng tâm kỳ tới
}

// DossierCounts are the counts of administrative-procedure dossiers (hồ sơ
// thủ tục hành chính) of a period, for the Sở, one procedure or one unit.
// Ratios are computed from them by the report.
type DossierCounts struct {
	CarriedOver   int64 // open at the start of the period (kỳ trước chuyển sang)
	Received      int64 // received in the period (tiếp nhận mới)
	Online        int64 // of Received, submitted online
	SettledOnTime int64 // settled in the period by the due time (đúng hạn, trước hạn)
	SettledLate   int64 // settled in the period after the due time (quá hạn)
	Open          int64 // still being processed at the end of the period
	OpenLate      int64 // of Open, already past the due time
	Results       int64 // of Received, those with a result issued
	EResults      int64 // of Results, issued as an electronic result (kết quả điện tử)
	FeeDossiers   int64 // of Received, those of procedures with a fee (phí, lệ phí)
	PaidOnline    int64 // of FeeDossiers, paid online
	Reused        int64 // of Received, those that reused data already held (sử dụng lại dữ liệu)
}

// Settled is the number of dossiers settled in the period.
func (c DossierCounts) Settled() int64 { return c.SettledOnTime + c.SettledLate }

// add returns the sum of c and d.
func (c DossierCounts) add(d DossierCounts) DossierCounts {
	return DossierCounts{
		CarriedOver: c.CarriedOver + d.CarriedOver, Received: c.Received + d.Received, Online: c.Online + d.Online,
		SettledOnTime: c.SettledOnTime + d.SettledOnTime, SettledLate: c.SettledLate + d.SettledLate,
		Open: c.Open + d.Open, OpenLate: c.OpenLate + d.OpenLate, Results: c.Results + d.Results,
		EResults: c.EResults + d.EResults, FeeDossiers: c.FeeDossiers + d.FeeDossiers,
		PaidOnline: c.PaidOnline + d.PaidOnline, Reused: c.Reused + d.Reused,
	}
}

// DossierRow is the dossier counts of one procedure or one unit.
type DossierRow struct {
	Code string // procedure code or unit code
	Name string // procedure or unit name
	DossierCounts
}

// DossierStats are the dossier counts of the period: the Sở's totals and
// the same counts by procedure and by unit. When Total is left zero it is
// the sum of ByProcedure.
type DossierStats struct {
	Total       DossierCounts
	ByProcedure []DossierRow
	ByUnit      []DossierRow
}

// total is the Sở's totals: Total, or the sum of the rows by procedure.
func (s DossierStats) total() DossierCounts {
	if s.Total != (DossierCounts{}) {
		return s.Total
	}
	var t DossierCounts
	for _, r := range s.ByProcedure {
		t = t.add(r.DossierCounts)
	}
	return t
}

// Fixed parts of the report.
const (
	periodicParent    = "UBND THÀNH PHỐ HẢI PHÒNG"
	periodicIssuer    = "SỞ GIÁO DỤC VÀ ĐÀO TẠO"
	periodicIssuerIn  = "Sở Giáo dục và Đào tạo" // the issuer in running text
	periodicPlace     = "Hải Phòng"
	periodicKind      = "BÁO CÁO"
	periodicSymbol    = "/BC-SGDĐT"
	periodicDraftNo   = "……" + periodicSymbol
	periodicTitleHead = "Kết quả thực hiện công tác cải cách hành chính"
)

// DefaultPeriodicRecipients are the nơi nhận of a report that names none.
var DefaultPeriodicRecipients = []string{
	"UBND thành phố (để b/c)", "Sở Nội vụ", "Giám đốc, các Phó Giám đốc Sở", "Lưu: VT, VP",
}

// DefaultPeriodicSigner is the signature block's title of a report that
// gives none: a deputy director signs for the director.
var DefaultPeriodicSigner = []string{"KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"}

// periodSpan is the period a report covers, resolved and checked.
type periodSpan struct {
	kind     string
	key      string    // "2026-Q3" for a quarter, half or year; "" for a range
	from, to time.Time // civil dates, inclusive
}

// resolve works out the period the report covers and records what is
// wrong with it in fields.
func (p Periodic) resolve(fields map[string]string) (periodSpan, bool) {
	switch p.Kind {
	case PeriodicQuarter, PeriodicHalf, PeriodicYear:
		pp, ok := plan.ParsePeriod(p.Period.Key)
		if !ok || (indicator.Period{Period: pp}).Kind() != p.Kind {
			fields["period"] = fmt.Sprintf("Kỳ báo cáo không phải một %s.", periodicKindName(p.Kind))
			return periodSpan{}, false
		}
		return periodSpan{kind: p.Kind, key: pp.Key, from: pp.From, to: pp.To}, true
	case PeriodicRange:
		from, to := civilOf(p.From), civilOf(p.To)
		ok := true
		if p.From.IsZero() {
			fields["from"] = "Vui lòng nhập ngày đầu kỳ báo cáo."
			ok = false
		}
		if p.To.IsZero() {
			fields["to"] = "Vui lòng nhập ngày cuối kỳ báo cáo."
			ok = false
		}
		if ok && from.After(to) {
			fields["from"] = "Ngày đầu kỳ báo cáo phải không sau ngày cuối kỳ."
			ok = false
		}
		return periodSpan{kind: PeriodicRange, from: from, to: to}, ok
	}
	fields["kind"] = "Loại báo cáo phải là báo cáo quý, 6 tháng, năm hoặc theo khoảng thời gian."
	return periodSpan{}, false
}

// periodicKindName is the Vietnamese name of a report kind's period.
func periodicKindName(kind string) string {
	switch kind {
	case PeriodicQuarter:
		return "quý"
	case PeriodicHalf:
		return "6 tháng"
	case PeriodicYear:
		return "năm"
	}
	return "khoảng thời gian"
}

// civilOf is the civil date of t in Vietnam as UTC midnight; zero stays zero.
func civilOf(t time.Time) time.Time {
	if t.IsZero() {
		return t
	}
	return plan.CivilDate(t)
}

// Title is the report's trích yếu: "Kết quả thực hiện công tác cải cách
// hành chính quý III năm 2026" (6 tháng đầu năm 2026, năm 2026, từ ngày
// 01/01/2026 đến ngày 15/03/2026). Without a valid period it is the phrase
// alone.
func (p Periodic) Title() string {
	sp, ok := p.resolve(map[string]string{})
	if !ok {
		return periodicTitleHead
	}
	return periodicTitleHead + " " + sp.phrase()
}

// phrase names the period in running text: "quý III năm 2026", "6 tháng
// đầu năm 2026", "năm 2026", "từ ngày 01/01/2026 đến ngày 15/03/2026".
func (s periodSpan) phrase() string {
	y := s.from.Year()
	switch s.kind {
	case PeriodicQuarter:
		return fmt.Sprintf("quý %s năm %d", romanQuarter(s.from), y)
	case PeriodicHalf:
		if s.from.Month() == time.January {
			return fmt.Sprintf("6 tháng đầu năm %d", y)
		}
		return fmt.Sprintf("6 tháng cuối năm %d", y)
	case PeriodicYear:
		return fmt.Sprintf("năm %d", y)
	}
	return "từ ngày " + shortDate(s.from) + " đến ngày " + shortDate(s.to)
}

// romanQuarter is the quarter of d in Roman numerals, as reports write it.
func romanQuarter(d time.Time) string {
	return [4]string{"I", "II", "III", "IV"}[(int(d.Month())-1)/3]
}

// next is the period of the same kind after s; false for a range.
func (s periodSpan) next() (periodSpan, bool) {
	months := map[string]int{PeriodicQuarter: 3, PeriodicHalf: 6, PeriodicYear: 12}[s.kind]
	if months == 0 {
		return periodSpan{}, false
	}
	from := s.to.AddDate(0, 0, 1)
	return periodSpan{kind: s.kind, from: from, to: from.AddDate(0, months, -1)}, true
}

// contains reports whether the civil date d falls in the periodSpan.
func (s periodSpan) contains(d time.Time) bool {
	return !d.IsZero() && !d.Before(s.from) && !d.After(s.to)
}
