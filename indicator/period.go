package indicator

import (
	"fmt"
	"strings"
	"time"

	"github.com/hpdoet/cchc"
	"github.com/hpdoet/cchc/plan"
)

// Vietnam is the time zone months and periods are counted in.
var Vietnam = plan.Vietnam

// MonthOf returns the civil month of t in Vietnam, "2026-07"; "" for the
// zero time.
func MonthOf(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(Vietnam).Format("2006-01")
}

// Period is a reporting period: "2026", "2026-H1", "2026-Q3" or "2026-07".
type Period struct {
	plan.Period
}

// ParsePeriod reads a period key; a malformed one is an EINVALID error.
func ParsePeriod(key string) (Period, error) {
	p, ok := plan.ParsePeriod(strings.TrimSpace(key))
	if !ok {
		return Period{}, cchc.Invalid("Kỳ không hợp lệ.", map[string]string{
			"period": "Kỳ viết dạng 2026 (năm), 2026-H1 (6 tháng), 2026-Q3 (quý) hoặc 2026-07 (tháng).",
		})
	}
	return Period{p}, nil
}

// MustPeriod is ParsePeriod for keys known to be valid.
func MustPeriod(key string) Period {
	p, err := ParsePeriod(key)
	if err != nil {
		panic(err)
	}
	return p
}

// RangePeriod is an ad hoc span: whole months ("2026-03" to "2026-08",
// keyed "2026-03..2026-08") or days ("2026-03-15" to "2026-06-14", keyed
// "2026-03-15..2026-06-14"). Its months are those it touches.
func RangePeriod(from, to string) (Period, error) {
	bad := cchc.Invalid("Khoảng thời gian không hợp lệ.", map[string]string{
		"range": "Chọn ngày (hoặc tháng) bắt đầu và kết thúc; ngày kết thúc không trước ngày bắt đầu.",
	})
	parse := func(s string, end bool) (time.Time, string, bool) {
		s = strings.TrimSpace(s)
		if t, err := time.Parse("2006-01-02", s); err == nil {
			return t, "2006-01-02", true
		}
		if t, err := time.Parse("2006-01", s); err == nil {
			if end {
				t = t.AddDate(0, 1, -1)
			}
			return t, "2006-01", true
		}
		return time.Time{}, "", false
	}
	f, ff, ok1 := parse(from, false)
	t, tf, ok2 := parse(to, true)
	if !ok1 || !ok2 || t.Before(f) || ff != tf {
		return Period{}, bad
	}
	key := f.Format(ff) + ".." + strings.TrimSpace(to)
	if tf == "2006-01-02" {
		key = f.Format(ff) + ".." + t.Format(tf)
	}
	return Period{plan.Period{Key: key, From: f, To: t}}, nil
}

// Days reports whether the period is a span of days that does not fall on
// whole months (its figures from the monthly sums are those of the months it
// touches).
func (p Period) Days() bool {
	return p.Kind() == "range" && (p.From.Day() != 1 || p.To.AddDate(0, 0, 1).Day() != 1)
}

// Kind is "year", "half", "quarter", "month" or "range".
func (p Period) Kind() string {
	if strings.Contains(p.Key, "..") {
		return "range"
	}
	switch len(p.Key) {
	case 4:
		return "year"
	case 0, 1, 2, 3, 5:
		return "" // not a period
	}
	switch p.Key[5] {
	case 'H':
		return "half"
	case 'Q':
		return "quarter"
	}
	return "month"
}

// Year is the period's calendar year.
func (p Period) Year() int { return p.From.Year() }

// FirstMonth and LastMonth are the period's first and last months, "2026-07".
func (p Period) FirstMonth() string { return p.From.Format("2006-01") }

// LastMonth is the period's last month.
func (p Period) LastMonth() string { return p.To.Format("2006-01") }

// Months lists the period's months in order.
func (p Period) Months() []string {
	var out []string
	for m := time.Date(p.From.Year(), p.From.Month(), 1, 0, 0, 0, 0, time.UTC); !m.After(p.To); m = m.AddDate(0, 1, 0) {
		out = append(out, m.Format("2006-01"))
	}
	return out
}

// Start is the period's first instant and End the instant after it, in Vietnam.
func (p Period) Start() time.Time {
	return time.Date(p.From.Year(), p.From.Month(), p.From.Day(), 0, 0, 0, 0, Vietnam)
}

// End is the first instant after the period.
func (p Period) End() time.Time {
	return time.Date(p.To.Year(), p.To.Month(), p.To.Day(), 0, 0, 0, 0, Vietnam).AddDate(0, 0, 1)
}

// Label is the Vietnamese name: "Năm 2026", "6 tháng đầu năm 2026", "Quý III/2026", "Tháng 7/2026".
func (p Period) Label() string {
	y := p.Year()
	switch p.Kind() {
	case "year":
		return fmt.Sprintf("Năm %d", y)
	case "half":
		if p.Key[6] == '1' {
			return fmt.Sprintf("6 tháng đầu năm %d", y)
		}
		return fmt.Sprintf("6 tháng cuối năm %d", y)
	case "quarter":
		return fmt.Sprintf("Quý %s/%d", []string{"I", "II", "III", "IV"}[p.Key[6]-'1'], y)
	case "range":
		if p.Days() {
			return fmt.Sprintf("Từ ngày %s đến ngày %s", p.From.Format("02/01/2006"), p.To.Format("02/01/2006"))
		}
		return fmt.Sprintf("Từ tháng %d/%d đến tháng %d/%d", int(p.From.Month()), y, int(p.To.Month()), p.To.Year())
	}
	return fmt.Sprintf("Tháng %d/%d", int(p.From.Month()), y)
}

// Short is a compact label for chart axes: "2026", "H1/2026", "Q3/2026", "7/2026".
func (p Period) Short() string {
	switch p.Kind() {
	case "year":
		return p.Key
	case "month":
		return fmt.Sprintf("%d/%d", int(p.From.Month()), p.Year())
	case "range":
		return fmt.Sprintf("%d/%d–%d/%d", int(p.From.Month()), p.Year(), int(p.To.Month()), p.To.Year())
	}
	return p.Key[5:] + "/" + p.Key[:4]
}

// Phase is the plan phase the period falls in: "2026-2027", "2028-2030",
// or "" before 2026 or after 2030.
func (p Period) Phase() string {
	switch y := p.Year(); {
	case y >= 2026 && y <= 2027:
		return plan.Phase2026to2027
	case y >= 2028 && y <= 2030:
		return plan.Phase2028to2030
	}
	return ""
}

// Contains reports whether the instant t falls in the period.
func (p Period) Contains(t time.Time) bool {
	return !t.Before(p.Start()) && t.Before(p.End())
}

// Started reports whether the period has begun at now.
func (p Period) Started(now time.Time) bool { return !now.Before(p.Start()) }

// Over reports whether the period has ended at now.
func (p Period) Over(now time.Time) bool { return !now.Before(p.End()) }

// Split returns the sub-periods of kind ("month", "quarter", "half") that
// make up p, in order; a period of that kind or smaller is returned alone.
func (p Period) Split(kind string) []Period {
	size := map[string]int{"month": 1, "quarter": 3, "half": 6, "year": 12}
	n := size[kind]
	if n == 0 || n >= len(p.Months()) {
		return []Period{p}
	}
	var out []Period
	for m := p.From; !m.After(p.To); m = m.AddDate(0, n, 0) {
		var key string
		switch kind {
		case "month":
			key = m.Format("2006-01")
		case "quarter":
			key = fmt.Sprintf("%d-Q%d", m.Year(), (int(m.Month())-1)/3+1)
		case "half":
			key = fmt.Sprintf("%d-H%d", m.Year(), (int(m.Month())-1)/6+1)
		}
		out = append(out, MustPeriod(key))
	}
	return out
}

// Previous returns the period of the same kind just before p.
func (p Period) Previous() Period {
	switch p.Kind() {
	case "year":
		return MustPeriod(fmt.Sprint(p.Year() - 1))
	case "half":
		if p.Key[6] == '2' {
			return MustPeriod(fmt.Sprintf("%d-H1", p.Year()))
		}
		return MustPeriod(fmt.Sprintf("%d-H2", p.Year()-1))
	case "quarter":
		q := int(p.Key[6] - '0')
		if q > 1 {
			return MustPeriod(fmt.Sprintf("%d-Q%d", p.Year(), q-1))
		}
		return MustPeriod(fmt.Sprintf("%d-Q4", p.Year()-1))
	}
	return MustPeriod(p.From.AddDate(0, -1, 0).Format("2006-01"))
}

// Current returns the period of kind containing now.
func Current(kind string, now time.Time) Period {
	t := now.In(Vietnam)
	switch kind {
	case "year":
		return MustPeriod(fmt.Sprint(t.Year()))
	case "half":
		return MustPeriod(fmt.Sprintf("%d-H%d", t.Year(), (int(t.Month())-1)/6+1))
	case "quarter":
		return MustPeriod(fmt.Sprintf("%d-Q%d", t.Year(), (int(t.Month())-1)/3+1))
	}
	return MustPeriod(t.Format("2006-01"))
}
