package plan

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hpdoet/cchc"
)

// validAssignment returns an assignment that passes Validate.
func validAssignment() Assignment {
	return Assignment{
		ID:         7,
		NodeCode:   "II.1.a",
		LeadUnitID: 1,
		CoUnitIDs:  []int64{5, 3},
		Product:    "  Báo cáo kết quả rà soát thủ tục hành chính  ",
		Start:      date(2026, 1, 1),
		Due:        date(2026, 3, 25),
		Recurrence: Quarterly,
		Note:       "  ghi chú  ",
	}
}

func TestAssignmentValidate(t *testing.T) {
	tests := []struct {
		name   string
		modify func(a *Assignment)
		fields []string // error field keys; none means valid
	}{
		{"valid quarterly", func(a *Assignment) {}, nil},
		{"valid once spanning the whole plan", func(a *Assignment) {
			a.Recurrence, a.Start, a.Due = Once, PlanStart, PlanEnd
		}, nil},
		{"valid once on a single day", func(a *Assignment) {
			a.Recurrence, a.Start, a.Due = Once, date(2026, 6, 1), date(2026, 6, 1)
		}, nil},
		{"valid on the last plan day", func(a *Assignment) {
			a.Recurrence, a.Start, a.Due = Once, PlanEnd, PlanEnd
		}, nil},
		{"valid without coordinating units", func(a *Assignment) { a.CoUnitIDs = nil }, nil},
		{"valid without note", func(a *Assignment) { a.Note = "" }, nil},
		{"lead missing", func(a *Assignment) { a.LeadUnitID = 0 }, []string{"lead_unit_id"}},
		{"co unit repeated", func(a *Assignment) { a.CoUnitIDs = []int64{3, 5, 3} }, []string{"co_unit_ids"}},
		{"co unit equals lead", func(a *Assignment) { a.CoUnitIDs = []int64{3, 1} }, []string{"co_unit_ids"}},
		{"co unit equals lead and repeats", func(a *Assignment) { a.CoUnitIDs = []int64{1, 1} }, []string{"co_unit_ids"}},
		{"product empty", func(a *Assignment) { a.Product = "" }, []string{"product"}},
		{"product only spaces", func(a *Assignment) { a.Product = " \t\n " }, []string{"product"}},
		{"product 1000 Vietnamese runes", func(a *Assignment) { a.Product = strings.Repeat("ệ", 1000) }, nil},
		{"product 1000 runes after trimming", func(a *Assignment) { a.Product = "  " + strings.Repeat("đ", 1000) + "  " }, nil},
		{"product 1001 Vietnamese runes", func(a *Assignment) { a.Product = strings.Repeat("ệ", 1001) }, []string{"product"}},
		{"note 2000 Vietnamese runes", func(a *Assignment) { a.Note = strings.Repeat("ữ", 2000) }, nil},
		{"note 2001 Vietnamese runes", func(a *Assignment) { a.Note = strings.Repeat("ữ", 2001) }, []string{"note"}},
		{"recurrence unknown", func(a *Assignment) { a.Recurrence = "monthly" }, []string{"recurrence"}},
		{"recurrence empty", func(a *Assignment) { a.Recurrence = "" }, []string{"recurrence"}},
		{"recurrence wrong case", func(a *Assignment) { a.Recurrence = "Quarterly" }, []string{"recurrence"}},
		{"start zero, once", func(a *Assignment) { a.Recurrence, a.Start = Once, time.Time{} }, []string{"start"}},
		// A missing start must not also produce a period-length error on due.
		{"start zero, quarterly", func(a *Assignment) { a.Start = time.Time{} }, []string{"start"}},
		{"due zero", func(a *Assignment) { a.Due = time.Time{} }, []string{"due"}},
		{"start and due zero", func(a *Assignment) { a.Start, a.Due = time.Time{}, time.Time{} }, []string{"start", "due"}},
		{"start before plan", func(a *Assignment) { a.Start = date(2025, 12, 31) }, []string{"start"}},
		{"start after plan", func(a *Assignment) {
			a.Recurrence, a.Start, a.Due = Once, date(2031, 1, 1), PlanEnd
		}, []string{"start", "due"}}, // due is also before start
		{"due after plan", func(a *Assignment) {
			a.Recurrence, a.Due = Once, date(2031, 1, 1)
		}, []string{"due"}},
		{"due before plan", func(a *Assignment) { a.Due = date(2025, 12, 31) }, []string{"due"}},
		{"due before start", func(a *Assignment) {
			a.Recurrence, a.Start, a.Due = Once, date(2026, 5, 2), date(2026, 5, 1)
		}, []string{"due"}},
		{"quarterly due one day before next start", func(a *Assignment) { a.Due = date(2026, 3, 31) }, nil},
		{"quarterly due on next start", func(a *Assignment) { a.Due = date(2026, 4, 1) }, []string{"due"}},
		{"quarterly due after next start", func(a *Assignment) { a.Due = date(2026, 6, 30) }, []string{"due"}},
		{"quarterly month end: due on clamped next start", func(a *Assignment) {
			a.Start, a.Due = date(2026, 1, 31), date(2026, 4, 30)
		}, []string{"due"}},
		{"quarterly month end: due day before clamped next start", func(a *Assignment) {
			a.Start, a.Due = date(2026, 1, 31), date(2026, 4, 29)
		}, nil},
		{"half-yearly due within six months", func(a *Assignment) {
			a.Recurrence, a.Due = HalfYearly, date(2026, 6, 30)
		}, nil},
		{"half-yearly due on next start", func(a *Assignment) {
			a.Recurrence, a.Due = HalfYearly, date(2026, 7, 1)
		}, []string{"due"}},
		{"yearly due within the year", func(a *Assignment) {
			a.Recurrence, a.Due = Yearly, date(2026, 12, 31)
		}, nil},
		{"yearly due on next start", func(a *Assignment) {
			a.Recurrence, a.Due = Yearly, date(2027, 1, 1)
		}, []string{"due"}},
		{"once may last longer than a year", func(a *Assignment) {
			a.Recurrence, a.Due = Once, date(2028, 6, 30)
		}, nil},
		{"everything wrong", func(a *Assignment) {
			*a = Assignment{CoUnitIDs: []int64{2, 2}, Note: strings.Repeat("a", 2001), Recurrence: "weekly"}
		}, []string{"lead_unit_id", "co_unit_ids", "product", "note", "recurrence", "start", "due"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := validAssignment()
			tt.modify(&a)
			err := a.Validate()
			if len(tt.fields) == 0 {
				if err != nil {
					t.Fatalf("Validate() = %v (fields %v), want nil", err, fieldsOf(err))
				}
				return
			}
			wantInvalid(t, err, tt.fields...)
		})
	}
}

func TestAssignmentValidateNormalises(t *testing.T) {
	a := validAssignment()
	a.CoUnitIDs = []int64{9, 2, 5}
	if err := a.Validate(); err != nil {
		t.Fatalf("Validate() = %v, want nil", err)
	}
	t.Run("co units sorted", func(t *testing.T) {
		if got, want := a.CoUnitIDs, []int64{2, 5, 9}; !slices.Equal(got, want) {
			t.Errorf("CoUnitIDs = %v, want %v", got, want)
		}
	})
	t.Run("product trimmed", func(t *testing.T) {
		if got, want := a.Product, "Báo cáo kết quả rà soát thủ tục hành chính"; got != want {
			t.Errorf("Product = %q, want %q", got, want)
		}
	})
	t.Run("note trimmed", func(t *testing.T) {
		if got, want := a.Note, "ghi chú"; got != want {
			t.Errorf("Note = %q, want %q", got, want)
		}
	})
}

// fieldsOf is cchc.ErrorFields for messages in failures.
func fieldsOf(err error) string {
	if err == nil {
		return "none"
	}
	return fmt.Sprint(cchc.ErrorFields(err))
}

func TestRecurrenceName(t *testing.T) {
	tests := []struct {
		r    Recurrence
		want string
	}{
		{Once, "Một lần"},
		{Quarterly, "Hằng quý"},
		{HalfYearly, "6 tháng"},
		{Yearly, "Hằng năm"},
		{"monthly", "monthly"},
	}
	for _, tt := range tests {
		t.Run(string(tt.r), func(t *testing.T) {
			if got, want := tt.r.Name(), tt.want; got != want {
				t.Errorf("Name() = %q, want %q", got, want)
			}
		})
	}
}

// wantInstance is an expected instance, written compactly.
type wantInstance struct {
	period     string
	start, due time.Time
}

func TestAssignmentInstances(t *testing.T) {
	tests := []struct {
		name       string
		a          Assignment
		count      int
		check      map[int]wantInstance // index → instance; negative counts from the end
		allPeriods []string             // when set, the full list of periods
	}{
		{
			name:  "once",
			a:     Assignment{ID: 4, Recurrence: Once, Start: date(2026, 2, 1), Due: date(2027, 6, 30)},
			count: 1,
			check: map[int]wantInstance{0: {"once", date(2026, 2, 1), date(2027, 6, 30)}},
		},
		{
			name:  "quarterly over the whole plan",
			a:     Assignment{ID: 4, Recurrence: Quarterly, Start: date(2026, 1, 1), Due: date(2026, 3, 25)},
			count: 20,
			check: map[int]wantInstance{
				0:  {"2026-Q1", date(2026, 1, 1), date(2026, 3, 25)},
				1:  {"2026-Q2", date(2026, 4, 1), date(2026, 6, 25)},
				4:  {"2027-Q1", date(2027, 1, 1), date(2027, 3, 25)},
				-1: {"2030-Q4", date(2030, 10, 1), date(2030, 12, 25)},
			},
			allPeriods: func() []string {
				var p []string
				for y := 2026; y <= 2030; y++ {
					for q := 1; q <= 4; q++ {
						p = append(p, fmt.Sprintf("%d-Q%d", y, q))
					}
				}
				return p
			}(),
		},
		{
			name:  "half-yearly, last due on the plan's last day",
			a:     Assignment{ID: 4, Recurrence: HalfYearly, Start: date(2026, 1, 1), Due: date(2026, 6, 30)},
			count: 10,
			check: map[int]wantInstance{
				0:  {"2026-H1", date(2026, 1, 1), date(2026, 6, 30)},
				1:  {"2026-H2", date(2026, 7, 1), date(2026, 12, 30)}, // the day of the first due, not the month end
				-1: {"2030-H2", date(2030, 7, 1), date(2030, 12, 30)},
			},
			allPeriods: []string{"2026-H1", "2026-H2", "2027-H1", "2027-H2", "2028-H1", "2028-H2", "2029-H1", "2029-H2", "2030-H1", "2030-H2"},
		},
		{
			name:       "yearly",
			a:          Assignment{ID: 4, Recurrence: Yearly, Start: date(2026, 1, 1), Due: date(2026, 12, 31)},
			count:      5,
			check:      map[int]wantInstance{-1: {"2030", date(2030, 1, 1), date(2030, 12, 31)}},
			allPeriods: []string{"2026", "2027", "2028", "2029", "2030"},
		},
		{
			name:       "yearly from mid-year drops the period due in 2031",
			a:          Assignment{ID: 4, Recurrence: Yearly, Start: date(2026, 7, 1), Due: date(2027, 6, 30)},
			count:      4,
			check:      map[int]wantInstance{-1: {"2029", date(2029, 7, 1), date(2030, 6, 30)}},
			allPeriods: []string{"2026", "2027", "2028", "2029"},
		},
		{
			name:  "quarterly month-end clamping from the original day",
			a:     Assignment{ID: 4, Recurrence: Quarterly, Start: date(2026, 1, 31), Due: date(2026, 3, 31)},
			count: 20,
			check: map[int]wantInstance{
				0:  {"2026-Q1", date(2026, 1, 31), date(2026, 3, 31)},
				1:  {"2026-Q2", date(2026, 4, 30), date(2026, 6, 30)},
				2:  {"2026-Q3", date(2026, 7, 31), date(2026, 9, 30)},
				3:  {"2026-Q4", date(2026, 10, 31), date(2026, 12, 31)}, // not 10-30: computed from 01-31, not from 07-31
				-1: {"2030-Q4", date(2030, 10, 31), date(2030, 12, 31)},
			},
		},
		{
			name:  "quarterly stops before a period due after the plan",
			a:     Assignment{ID: 4, Recurrence: Quarterly, Start: date(2026, 2, 1), Due: date(2026, 4, 15)},
			count: 19,
			check: map[int]wantInstance{
				0:  {"2026-Q1", date(2026, 2, 1), date(2026, 4, 15)},
				-1: {"2030-Q3", date(2030, 8, 1), date(2030, 10, 15)},
			},
		},
		{
			name:  "quarterly starting in the last quarter",
			a:     Assignment{ID: 4, Recurrence: Quarterly, Start: date(2030, 10, 1), Due: date(2030, 12, 31)},
			count: 1,
			check: map[int]wantInstance{0: {"2030-Q4", date(2030, 10, 1), date(2030, 12, 31)}},
		},
		{
			name:  "half-yearly through a leap February",
			a:     Assignment{ID: 4, Recurrence: HalfYearly, Start: date(2026, 8, 31), Due: date(2026, 12, 31)},
			count: 9,
			check: map[int]wantInstance{
				1:  {"2027-H1", date(2027, 2, 28), date(2027, 6, 30)},
				3:  {"2028-H1", date(2028, 2, 29), date(2028, 6, 30)},
				-1: {"2030-H2", date(2030, 8, 31), date(2030, 12, 31)},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tt.a.Instances()
			if len(got) != tt.count {
				t.Fatalf("len(Instances()) = %d, want %d", len(got), tt.count)
			}
			for i, w := range tt.check {
				if i < 0 {
					i += len(got)
				}
				want := Instance{AssignmentID: tt.a.ID, Period: w.period, Start: w.start, Due: w.due}
				if got[i] != want {
					t.Errorf("Instances()[%d] = %s %s..%s, want %s %s..%s", i,
						got[i].Period, got[i].Start.Format(time.DateOnly), got[i].Due.Format(time.DateOnly),
						want.Period, want.Start.Format(time.DateOnly), want.Due.Format(time.DateOnly))
				}
			}
			if tt.allPeriods != nil {
				var periods []string
				for _, in := range got {
					periods = append(periods, in.Period)
				}
				if !slices.Equal(periods, tt.allPeriods) {
					t.Errorf("periods = %q, want %q", periods, tt.allPeriods)
				}
			}
			for i, in := range got {
				if in.AssignmentID != tt.a.ID {
					t.Errorf("Instances()[%d].AssignmentID = %d, want %d", i, in.AssignmentID, tt.a.ID)
				}
				if in.Due.After(PlanEnd) {
					t.Errorf("Instances()[%d] is due %s, after the plan's end", i, in.Due.Format(time.DateOnly))
				}
				if i > 0 && !got[i-1].Start.Before(in.Start) {
					t.Errorf("Instances()[%d] starts %s, not after the previous start %s", i, in.Start.Format(time.DateOnly), got[i-1].Start.Format(time.DateOnly))
				}
			}
		})
	}
}

func TestPeriodName(t *testing.T) {
	tests := []struct {
		key, want string
	}{
		{"once", "Một lần"},
		{"2026-Q1", "Quý 1/2026"},
		{"2030-Q4", "Quý 4/2030"},
		{"2026-H1", "6 tháng đầu năm 2026"},
		{"2027-H2", "6 tháng cuối năm 2027"},
		{"2028", "Năm 2028"},
	}
	for _, tt := range tests {
		t.Run(tt.key, func(t *testing.T) {
			if got, want := PeriodName(tt.key), tt.want; got != want {
				t.Errorf("PeriodName(%q) = %q, want %q", tt.key, got, want)
			}
		})
	}
	// Every key Instances can produce has a proper name.
	for _, r := range Recurrences {
		t.Run("instances of "+string(r), func(t *testing.T) {
			a := Assignment{Recurrence: r, Start: date(2026, 1, 1), Due: date(2026, 3, 31)}
			for _, in := range a.Instances() {
				if name := PeriodName(in.Period); name == "" || strings.Contains(name, "-") {
					t.Errorf("PeriodName(%q) = %q, want a Vietnamese name", in.Period, name)
				}
			}
		})
	}
}

func TestAddMonths(t *testing.T) {
	tests := []struct {
		name string
		d    time.Time
		n    int
		want time.Time
	}{
		{"zero", date(2026, 5, 31), 0, date(2026, 5, 31)},
		{"one month", date(2026, 1, 15), 1, date(2026, 2, 15)},
		{"31 Jan to Feb", date(2026, 1, 31), 1, date(2026, 2, 28)},
		{"31 Jan to leap Feb", date(2028, 1, 31), 1, date(2028, 2, 29)},
		{"31 Aug to Sep", date(2026, 8, 31), 1, date(2026, 9, 30)},
		{"31 Mar to Jun", date(2026, 3, 31), 3, date(2026, 6, 30)},
		{"across the year end", date(2026, 11, 15), 2, date(2027, 1, 15)},
		{"31 Dec plus one", date(2026, 12, 31), 1, date(2027, 1, 31)},
		{"31 Oct plus a quarter", date(2026, 10, 31), 3, date(2027, 1, 31)},
		{"30 Nov plus a quarter to Feb", date(2026, 11, 30), 3, date(2027, 2, 28)},
		{"30 Nov plus a quarter to leap Feb", date(2027, 11, 30), 3, date(2028, 2, 29)},
		{"leap day plus a year", date(2028, 2, 29), 12, date(2029, 2, 28)},
		{"leap day plus four years", date(2028, 2, 29), 48, date(2032, 2, 29)},
		{"leap day minus a year", date(2028, 2, 29), -12, date(2027, 2, 28)},
		{"leap day plus a month", date(2028, 2, 29), 1, date(2028, 3, 29)},
		{"twelve months", date(2026, 6, 10), 12, date(2027, 6, 10)},
		{"ten years", date(2026, 1, 31), 120, date(2036, 1, 31)},
		{"minus one across the year start", date(2026, 1, 15), -1, date(2025, 12, 15)},
		{"minus twelve", date(2026, 1, 15), -12, date(2025, 1, 15)},
		{"minus thirteen", date(2026, 1, 15), -13, date(2024, 12, 15)},
		{"minus one to Feb", date(2026, 3, 31), -1, date(2026, 2, 28)},
		{"drops the time of day", time.Date(2026, 1, 15, 13, 45, 0, 0, time.UTC), 1, date(2026, 2, 15)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got, want := AddMonths(tt.d, tt.n), tt.want; !got.Equal(want) || got.Location() != time.UTC {
				t.Errorf("AddMonths(%s, %d) = %s, want %s", tt.d.Format(time.DateTime), tt.n, got, want)
			}
		})
	}
}

func TestParseDate(t *testing.T) {
	valid := []struct {
		in   string
		want time.Time
	}{
		{"2026-03-10", date(2026, 3, 10)},
		{"  2026-03-10\n", date(2026, 3, 10)},
		{"2028-02-29", date(2028, 2, 29)},
		{"10/03/2026", date(2026, 3, 10)},
		{"31/12/2030", date(2030, 12, 31)},
		{"1/3/2026", date(2026, 3, 1)},
		{"01/3/2026", date(2026, 3, 1)},
		{"29/02/2028", date(2028, 2, 29)},
	}
	for _, tt := range valid {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseDate(tt.in)
			if err != nil {
				t.Fatalf("ParseDate(%q) error %v", tt.in, err)
			}
			if want := tt.want; !got.Equal(want) || got.Location() != time.UTC {
				t.Errorf("ParseDate(%q) = %s, want %s", tt.in, got, want)
			}
		})
	}
	invalid := []string{
		"",
		"   ",
		"2026-02-30",
		"2027-02-29",
		"2026-13-01",
		"2026-3-1",
		"2026/03/10",
		"10-03-2026",
		"31/04/2026",
		"29/02/2027",
		"10/03/26",
		"03/10/2026 08:00",
		"2026-03-10T00:00:00Z",
		"hôm nay",
	}
	for _, in := range invalid {
		t.Run("invalid "+in, func(t *testing.T) {
			got, err := ParseDate(in)
			if err == nil {
				t.Fatalf("ParseDate(%q) = %s, want an error", in, got)
			}
			if !got.IsZero() {
				t.Errorf("ParseDate(%q) = %s with error, want the zero time", in, got)
			}
		})
	}
}

func TestCivilDate(t *testing.T) {
	tests := []struct {
		name string
		t    time.Time
		want time.Time
	}{
		{"UTC evening is the next day in Vietnam", time.Date(2026, 3, 10, 18, 30, 0, 0, time.UTC), date(2026, 3, 11)},
		{"one second before 17:00 UTC", time.Date(2026, 3, 10, 16, 59, 59, 0, time.UTC), date(2026, 3, 10)},
		{"17:00 UTC is Vietnamese midnight", time.Date(2026, 3, 10, 17, 0, 0, 0, time.UTC), date(2026, 3, 11)},
		{"UTC midnight", date(2026, 3, 10), date(2026, 3, 10)},
		{"new year in Vietnam", time.Date(2030, 12, 31, 17, 0, 0, 0, time.UTC), date(2031, 1, 1)},
		{"already in Vietnam time", time.Date(2026, 3, 11, 0, 30, 0, 0, Vietnam), date(2026, 3, 11)},
		{"from another zone", time.Date(2026, 3, 10, 23, 0, 0, 0, time.FixedZone("EST", -5*3600)), date(2026, 3, 11)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := CivilDate(tt.t)
			if want := tt.want; !got.Equal(want) || got.Location() != time.UTC {
				t.Errorf("CivilDate(%s) = %s, want %s", tt.t, got, want)
			}
		})
	}
}

// TestInstancesDoNotOverlap checks the promise Validate's message makes
// ("hạn của mỗi kỳ phải trước ngày bắt đầu kỳ sau") on every period that
// Instances generates, not only the first.
func TestInstancesDoNotOverlap(t *testing.T) {
	tests := []struct {
		name string
		a    Assignment
	}{
		{"quarterly from the 1st", Assignment{Recurrence: Quarterly, Start: date(2026, 1, 1), Due: date(2026, 3, 31)}},
		{"quarterly from 31 January", Assignment{Recurrence: Quarterly, Start: date(2026, 1, 31), Due: date(2026, 4, 29)}},
		{"half-yearly from 31 August", Assignment{Recurrence: HalfYearly, Start: date(2026, 8, 31), Due: date(2027, 2, 27)}},
		{"yearly from leap day", Assignment{Recurrence: Yearly, Start: date(2028, 2, 29), Due: date(2029, 2, 27)}},
		// Month-end clamping pulls both period #2's deadline and period #3's
		// start onto 2027-02-28; Instances must start #3 the day after.
		{"quarterly from 30 May through February", Assignment{Recurrence: Quarterly, Start: date(2026, 5, 30), Due: date(2026, 8, 29)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := tt.a
			a.LeadUnitID, a.Product = 1, "Báo cáo"
			if err := a.Validate(); err != nil {
				t.Fatalf("Validate() = %v (fields %v), want nil", err, cchc.ErrorFields(err))
			}
			in := a.Instances()
			for i := 1; i < len(in); i++ {
				if got, next := in[i-1].Due, in[i].Start; !got.Before(next) {
					t.Errorf("period #%d (%s) is due %s, not before period #%d starts %s", i-1, in[i-1].Period,
						got.Format(time.DateOnly), i, next.Format(time.DateOnly))
				}
			}
		})
	}
}
