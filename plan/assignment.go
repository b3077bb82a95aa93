package plan

import (
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/hpdoet/cchc"
)

// Recurrence says how often a task repeats.
type Recurrence string

// Recurrences of a task.
const (
	Once       Recurrence = "once"
	Quarterly  Recurrence = "quarterly"
	HalfYearly Recurrence = "half-yearly"
	Yearly     Recurrence = "yearly"
)

// Recurrences lists every recurrence in display order.
var Recurrences = []Recurrence{Once, Quarterly, HalfYearly, Yearly}

// Name is the Vietnamese name of the recurrence.
func (r Recurrence) Name() string {
	switch r {
	case Once:
		return "Một lần"
	case Quarterly:
		return "Hằng quý"
	case HalfYearly:
		return "6 tháng"
	case Yearly:
		return "Hằng năm"
	}
	return string(r)
}

// months is the length of one period of the recurrence.
func (r Recurrence) months() int {
	switch r {
	case Quarterly:
		return 3
	case HalfYearly:
		return 6
	case Yearly:
		return 12
	}
	return 0
}

// PlanStart and PlanEnd bound every date of the 2026–2030 plan.
var (
	PlanStart = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	PlanEnd   = time.Date(2030, 12, 31, 0, 0, 0, 0, time.UTC)
)

// Assignment is one row of the Phụ lục phân công: who leads a task, who
// coordinates, what product proves it, when, and how often.
type Assignment struct {
	ID         int64      `json:"id"`
	NodeCode   string     `json:"node_code"`
	LeadUnitID int64      `json:"lead_unit_id"`
	CoUnitIDs  []int64    `json:"co_unit_ids"`
	Product    string     `json:"product"`
	Start      time.Time  `json:"start"` // civil date (UTC midnight)
	Due        time.Time  `json:"due"`   // civil date of the first period's deadline
	Recurrence Recurrence `json:"recurrence"`
	Note       string     `json:"note,omitempty"`
	AssignedBy int64      `json:"assigned_by"`
	UpdatedAt  time.Time  `json:"updated_at"`
}

// Validate checks the assignment's own fields. Whether the node is a task and
// the units exist and are active is for storage to check.
func (a *Assignment) Validate() error {
	f := map[string]string{}
	a.Product = strings.TrimSpace(a.Product)
	a.Note = strings.TrimSpace(a.Note)
	if a.LeadUnitID == 0 {
		f["lead_unit_id"] = "Vui lòng chọn đơn vị chủ trì."
	}
	if a.LeadUnitID < 0 {
		f["lead_unit_id"] = "Đơn vị chủ trì không hợp lệ."
	}
	seen := map[int64]bool{}
	for _, id := range a.CoUnitIDs {
		switch {
		case id <= 0:
			f["co_unit_ids"] = "Đơn vị phối hợp không hợp lệ."
		case id == a.LeadUnitID:
			f["co_unit_ids"] = "Đơn vị chủ trì không đồng thời là đơn vị phối hợp."
		case seen[id]:
			f["co_unit_ids"] = "Một đơn vị phối hợp được chọn hai lần."
		}
		seen[id] = true
	}
	if a.Product == "" {
		f["product"] = "Vui lòng nêu sản phẩm, kết quả minh chứng dự kiến."
	} else if utf8.RuneCountInString(a.Product) > 1000 {
		f["product"] = "Sản phẩm không quá 1.000 ký tự."
	}
	if utf8.RuneCountInString(a.Note) > 2000 {
		f["note"] = "Ghi chú không quá 2.000 ký tự."
	}
	if !slices.Contains(Recurrences, a.Recurrence) {
		f["recurrence"] = "Chu kỳ không hợp lệ."
	}
	inPlan := func(d time.Time) bool { return !d.Before(PlanStart) && !d.After(PlanEnd) }
	switch {
	case a.Start.IsZero():
		f["start"] = "Vui lòng nhập ngày bắt đầu."
	case !inPlan(a.Start):
		f["start"] = "Ngày bắt đầu phải trong giai đoạn 01/01/2026 – 31/12/2030."
	}
	switch {
	case a.Due.IsZero():
		f["due"] = "Vui lòng nhập hạn hoàn thành."
	case !inPlan(a.Due):
		f["due"] = "Hạn hoàn thành phải trong giai đoạn 01/01/2026 – 31/12/2030."
	case !a.Start.IsZero() && a.Due.Before(a.Start):
		f["due"] = "Hạn hoàn thành không được trước ngày bắt đầu."
	case !a.Start.IsZero() && a.Recurrence.months() > 0 && !a.Due.Before(AddMonths(a.Start, a.Recurrence.months())):
		f["due"] = fmt.Sprintf("Với chu kỳ %s, hạn của mỗi kỳ phải trước ngày bắt đầu kỳ sau.", strings.ToLower(a.Recurrence.Name()))
	}
	if len(f) > 0 {
		return cchc.Invalid("Thông tin phân công chưa hợp lệ.", f)
	}
	slices.Sort(a.CoUnitIDs)
	return nil
}

// Instance is one occurrence of a task: the whole task when it runs once, or
// one period of a recurring task.
type Instance struct {
	ID           int64     `json:"id"`
	AssignmentID int64     `json:"assignment_id"`
	Period       string    `json:"period"` // "once", "2026-Q1", "2026-H2", "2027"
	Start        time.Time `json:"start"`
	Due          time.Time `json:"due"`
}

// Instances expands an assignment into its occurrences to the end of the
// plan: the k-th starts and is due k periods after the first. A period whose
// deadline falls after the plan's end is not generated.
func (a *Assignment) Instances() []Instance {
	step := a.Recurrence.months()
	if step == 0 {
		return []Instance{{AssignmentID: a.ID, Period: "once", Start: a.Start, Due: a.Due}}
	}
	var out []Instance
	for k := 0; ; k++ {
		s := addMonthsFrom(a.Start, k*step)
		d := addMonthsFrom(a.Due, k*step)
		if d.After(PlanEnd) {
			return out
		}
		// Month-end clamping can pull a start onto the previous deadline
		// (30/05 + 9 months and 29/08 + 6 months are both 28/02): a period
		// then starts the day after the previous one is due.
		if k > 0 && !s.After(out[k-1].Due) {
			s = out[k-1].Due.AddDate(0, 0, 1)
		}
		out = append(out, Instance{AssignmentID: a.ID, Period: periodKey(a.Recurrence, s), Start: s, Due: d})
	}
}

func periodKey(r Recurrence, d time.Time) string {
	switch r {
	case Quarterly:
		return fmt.Sprintf("%d-Q%d", d.Year(), (int(d.Month())-1)/3+1)
	case HalfYearly:
		return fmt.Sprintf("%d-H%d", d.Year(), (int(d.Month())-1)/6+1)
	case Yearly:
		return fmt.Sprintf("%d", d.Year())
	}
	return "once"
}

// PeriodName is the Vietnamese name of an instance's period key.
func PeriodName(key string) string {
	var y, n int
	switch {
	case key == "once":
		return "Một lần"
	case len(key) == 7 && key[5] == 'Q':
		fmt.Sscanf(key, "%d-Q%d", &y, &n)
		return fmt.Sprintf("Quý %d/%d", n, y)
	case len(key) == 7 && key[5] == 'H':
		fmt.Sscanf(key, "%d-H%d", &y, &n)
		if n == 1 {
			return fmt.Sprintf("6 tháng đầu năm %d", y)
		}
		return fmt.Sprintf("6 tháng cuối năm %d", y)
	case len(key) == 7 && key[4] == '-':
		fmt.Sscanf(key, "%d-%d", &y, &n)
		return fmt.Sprintf("Tháng %d/%d", n, y)
	}
	return "Năm " + key
}

// AddMonths adds n months to a civil date, clamping the day to the end of
// the target month (31/01 + 1 month = 28/02 or 29/02).
func AddMonths(d time.Time, n int) time.Time { return addMonthsFrom(d, n) }

func addMonthsFrom(d time.Time, n int) time.Time {
	y, m := d.Year(), int(d.Month())-1+n
	y += m / 12
	m %= 12
	if m < 0 {
		m += 12
		y--
	}
	last := time.Date(y, time.Month(m+2), 0, 0, 0, 0, 0, time.UTC).Day()
	day := min(d.Day(), last)
	return time.Date(y, time.Month(m+1), day, 0, 0, 0, 0, time.UTC)
}

// ParseDate parses a civil date written YYYY-MM-DD or dd/mm/yyyy.
func ParseDate(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	for _, layout := range []string{"2006-01-02", "02/01/2006", "2/1/2006"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("parse date %q: not YYYY-MM-DD or dd/mm/yyyy", s)
}

// Vietnam is the time zone of every civil date in the plan (UTC+7, no DST).
var Vietnam = time.FixedZone("ICT", 7*3600)

// CivilDate returns the Vietnamese calendar date of t as UTC midnight.
func CivilDate(t time.Time) time.Time {
	y, m, d := t.In(Vietnam).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}
