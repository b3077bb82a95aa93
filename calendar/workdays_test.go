package calendar

import (
	"strings"
	"testing"
	"time"
)

// vn returns a time in Vietnam.
func vn(y int, m time.Month, d, hour, min int) time.Time {
	return time.Date(y, m, d, hour, min, 0, 0, Vietnam)
}

func defaultCalendar(t testing.TB) *Calendar {
	t.Helper()
	c, err := NewDefault()
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestDueAcrossHolidays checks deadlines across Tết, 30/4–1/5 and 2/9 for
// 2026–2030. Every expected date was counted by hand on a calendar from the
// table in working-days.md §2 (and the 2026 official Tết days), not computed.
func TestDueAcrossHolidays(t *testing.T) {
	c := defaultCalendar(t)
	tests := []struct {
		name     string
		received time.Time
		days     int
		want     time.Time
	}{
		// Tết.
		{"2026 Tết, Fri before, 1 day", vn(2026, 2, 13, 10, 0), 1, vn(2026, 2, 23, 17, 0)},
		{"2026 Tết, Fri before, 3 days", vn(2026, 2, 13, 10, 0), 3, vn(2026, 2, 25, 17, 0)},
		{"2026 Tết, received during Tết, same day", vn(2026, 2, 18, 9, 0), 0, vn(2026, 2, 23, 17, 0)},
		{"2027 Tết, weekend Tết gives 10–11/02", vn(2027, 2, 4, 16, 0), 2, vn(2027, 2, 15, 17, 0)},
		{"2028 Tết, mùng 4 Saturday → Mon 31/01", vn(2028, 1, 24, 10, 0), 1, vn(2028, 2, 1, 17, 0)},
		{"2029 Tết, Mon–Fri", vn(2029, 2, 9, 10, 0), 1, vn(2029, 2, 19, 17, 0)},
		{"2030 Tết, Saturday Tết", vn(2030, 1, 31, 9, 0), 5, vn(2030, 2, 14, 17, 0)},
		// 30/4 and 1/5 (and Giỗ Tổ).
		{"2026 30/4 Thu, 1/5 Fri", vn(2026, 4, 29, 10, 0), 1, vn(2026, 5, 4, 17, 0)},
		{"2026 Giỗ Tổ Sunday, nghỉ bù Monday 27/4", vn(2026, 4, 24, 10, 0), 1, vn(2026, 4, 28, 17, 0)},
		{"2027 1/5 Saturday → Mon 3/5", vn(2027, 4, 29, 15, 0), 2, vn(2027, 5, 5, 17, 0)},
		{"2028 30/4 Sunday, 1/5 Monday → Tue 2/5", vn(2028, 4, 28, 10, 0), 1, vn(2028, 5, 3, 17, 0)},
		{"2029 30/4 Mon, 1/5 Tue", vn(2029, 4, 27, 10, 0), 1, vn(2029, 5, 2, 17, 0)},
		{"2030 30/4 Tue, 1/5 Wed", vn(2030, 4, 29, 10, 0), 1, vn(2030, 5, 2, 17, 0)},
		// Quốc khánh.
		{"2026 2/9 Wed with 1/9", vn(2026, 8, 31, 10, 0), 1, vn(2026, 9, 3, 17, 0)},
		{"2027 2/9 Thu with 3/9", vn(2027, 9, 1, 10, 0), 1, vn(2027, 9, 6, 17, 0)},
		{"2028 2/9 Sat: 1/9 and bù 4/9", vn(2028, 8, 31, 10, 0), 1, vn(2028, 9, 5, 17, 0)},
		{"2029 2/9 Sun: 3/9 and bù 4/9", vn(2029, 8, 31, 10, 0), 1, vn(2029, 9, 5, 17, 0)},
		{"2030 2/9 Mon with 3/9", vn(2030, 8, 30, 10, 0), 1, vn(2030, 9, 4, 17, 0)},
		// Receipt times.
		{"within hours", vn(2026, 7, 30, 16, 59), 1, vn(2026, 7, 31, 17, 0)},
		{"after hours counts from next day", vn(2026, 7, 30, 17, 30), 1, vn(2026, 8, 3, 17, 0)},
		{"exactly at closing counts from next day", vn(2026, 7, 30, 17, 0), 0, vn(2026, 7, 31, 17, 0)},
		{"before opening counts that day", vn(2026, 8, 3, 6, 0), 1, vn(2026, 8, 4, 17, 0)},
		{"on a Sunday, same day", vn(2026, 8, 2, 10, 0), 0, vn(2026, 8, 3, 17, 0)},
		{"on a Sunday, 1 day", vn(2026, 8, 2, 10, 0), 1, vn(2026, 8, 4, 17, 0)},
		{"received in UTC", time.Date(2026, 8, 2, 20, 0, 0, 0, time.UTC), 0, vn(2026, 8, 3, 17, 0)},
		{"negative limit is same day", vn(2026, 8, 3, 10, 0), -3, vn(2026, 8, 3, 17, 0)},
		{"15 working days across 1–2/9", vn(2026, 8, 20, 10, 0), 15, vn(2026, 9, 14, 17, 0)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := c.Due(tt.received, tt.days)
			if !got.Equal(tt.want) || got.Location() != Vietnam {
				t.Errorf("Due(%v, %d) = %v, want %v", tt.received, tt.days, got, tt.want)
			}
			if n := c.WorkingDaysBetween(tt.received, got); n != max(tt.days, 0) {
				t.Errorf("WorkingDaysBetween(received, due) = %d, want %d", n, max(tt.days, 0))
			}
		})
	}
}

func TestSameDayCutOff(t *testing.T) {
	c, err := defaultCalendar(t).WithHours(DefaultOfficeHours().WithCutOff(SameDayCutOff))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		received, want time.Time
	}{
		{vn(2026, 8, 3, 14, 59), vn(2026, 8, 3, 17, 0)},
		{vn(2026, 8, 3, 15, 0), vn(2026, 8, 4, 17, 0)},
		{vn(2026, 8, 3, 15, 30), vn(2026, 8, 4, 17, 0)},
		{vn(2026, 7, 31, 15, 10), vn(2026, 8, 3, 17, 0)}, // Friday after 15:00
		{vn(2026, 2, 13, 16, 0), vn(2026, 2, 23, 17, 0)}, // Friday before Tết
	}
	for _, tt := range tests {
		if got := c.Due(tt.received, 0); !got.Equal(tt.want) {
			t.Errorf("Due(%v, 0) = %v, want %v", tt.received, got, tt.want)
		}
	}
	if _, err := c.WithHours(OfficeHours{Open: 8 * time.Hour, Close: 17 * time.Hour, CutOff: 18 * time.Hour}); err == nil {
		t.Error("cut-off after closing accepted")
	}
}

func TestOfficialScheduleOverridesDefault(t *testing.T) {
	withOfficial := defaultCalendar(t)
	defaultsOnly, err := New(nil, DefaultOfficeHours())
	if err != nil {
		t.Fatal(err)
	}
	// 2026: the official Tết days equal the default ones, but they are
	// marked official and carry the official names.
	for _, tc := range []struct {
		c           *Calendar
		wantDefault bool
	}{{withOfficial, false}, {defaultsOnly, true}} {
		days, err := tc.c.Holidays(2026)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range days {
			if d.Occasion == OccasionTet && d.Default != tc.wantDefault {
				t.Errorf("%s: Default = %v, want %v", dayLine(d), d.Default, tc.wantDefault)
			}
		}
	}

	s, err := withOfficial.Schedule(2026)
	if err != nil || !strings.Contains(s.Source, "vnanet.vn") {
		t.Errorf("2026 effective source = %q, %v; want the official source", s.Source, err)
	}

	// 2027: an admin schedule moves Tết and swaps Monday 08/02 for Saturday 20/02.
	official, err := ParseSchedule([]byte(validSchedule))
	if err != nil {
		t.Fatal(err)
	}
	admin, err := New(map[int]*Schedule{2027: official}, DefaultOfficeHours())
	if err != nil {
		t.Fatal(err)
	}
	received := vn(2027, 2, 3, 10, 0)
	tests := []struct {
		c    *Calendar
		days int
		want time.Time
	}{
		{defaultsOnly, 1, vn(2027, 2, 4, 17, 0)},
		{admin, 1, vn(2027, 2, 11, 17, 0)},
		{defaultsOnly, 8, vn(2027, 2, 22, 17, 0)},
		{admin, 8, vn(2027, 2, 20, 17, 0)}, // the working Saturday counts
	}
	for _, tt := range tests {
		if got := tt.c.Due(received, tt.days); !got.Equal(tt.want) {
			t.Errorf("Due(%v, %d) = %v, want %v", received, tt.days, got, tt.want)
		}
	}
	if !admin.IsWorkingDay(Date{2027, 2, 20}) || defaultsOnly.IsWorkingDay(Date{2027, 2, 20}) {
		t.Error("Saturday 20/02/2027 should be a working day only in the admin schedule")
	}
	if admin.IsWorkingDay(Date{2027, 2, 8}) || !admin.IsWorkingDay(Date{2027, 2, 11}) {
		t.Error("admin schedule: 08/02 should be off and 11/02 a working day")
	}
}

func TestWorkingDayQueries(t *testing.T) {
	c := defaultCalendar(t)
	checks := map[Date]bool{
		{2026, 2, 13}: true, {2026, 2, 16}: false, {2026, 2, 21}: false, {2026, 2, 23}: true,
		{2026, 4, 27}: false, {2026, 11, 24}: false, {2026, 11, 25}: true,
		{1850, 6, 1}: false, {1850, 6, 3}: true, // outside the table: weekends only
	}
	for d, want := range checks {
		if got := c.IsWorkingDay(d); got != want {
			t.Errorf("IsWorkingDay(%v) = %v, want %v", d, got, want)
		}
	}
	if got, want := c.NextWorkingDay(Date{2026, 2, 13}), (Date{2026, 2, 23}); got != want {
		t.Errorf("NextWorkingDay = %v, want %v", got, want)
	}
	adds := []struct {
		from Date
		n    int
		want Date
	}{
		{Date{2026, 2, 13}, 1, Date{2026, 2, 23}},
		{Date{2026, 2, 23}, -1, Date{2026, 2, 13}},
		{Date{2026, 2, 22}, 0, Date{2026, 2, 23}},
		{Date{2026, 2, 22}, 1, Date{2026, 2, 23}},
		{Date{2026, 2, 22}, -1, Date{2026, 2, 13}},
		{Date{2026, 2, 23}, 0, Date{2026, 2, 23}},
		{Date{2100, 12, 30}, 2, Date{2101, 1, 3}},  // across the end of the table
		{Date{1899, 12, 29}, 1, Date{1900, 1, 2}},  // into the table: 01/01/1900 is a holiday
		{Date{1900, 1, 2}, -1, Date{1899, 12, 29}}, // and back
	}
	for _, tt := range adds {
		if got := c.AddWorkingDays(tt.from, tt.n); got != tt.want {
			t.Errorf("AddWorkingDays(%v, %d) = %v, want %v", tt.from, tt.n, got, tt.want)
		}
	}
	got := c.WorkingDays(Date{2026, 4, 24}, Date{2026, 5, 5})
	var s []string
	for _, d := range got {
		s = append(s, d.String())
	}
	if want := "2026-04-24 2026-04-28 2026-04-29 2026-05-04 2026-05-05"; strings.Join(s, " ") != want {
		t.Errorf("WorkingDays = %v, want %s", s, want)
	}
	if got := c.StartDay(vn(2026, 2, 14, 9, 0)); got != (Date{2026, 2, 23}) {
		t.Errorf("StartDay = %v", got)
	}
}

func TestLatenessMeasures(t *testing.T) {
	c := defaultCalendar(t)
	received := vn(2026, 8, 3, 10, 0) // Monday
	due := c.Due(received, 1)         // Tuesday 04/08 17:00
	tests := []struct {
		name         string
		done         time.Time
		between      int // WorkingDaysBetween(received, done)
		late         int // DaysLate(due, done)
		officeMinute time.Duration
	}{
		{"same day", vn(2026, 8, 3, 11, 0), 0, -1, -(6*time.Hour + 9*time.Hour + 30*time.Minute)},
		{"due day", vn(2026, 8, 4, 16, 0), 1, 0, -time.Hour},
		{"at the due time", vn(2026, 8, 4, 17, 0), 1, 0, 0},
		{"after closing on the due day", vn(2026, 8, 4, 17, 1), 2, 1, 0},
		{"half a day late", vn(2026, 8, 5, 12, 15), 2, 1, 4*time.Hour + 45*time.Minute},
		{"two days late", vn(2026, 8, 6, 10, 0), 3, 2, 9*time.Hour + 30*time.Minute + 2*time.Hour + 30*time.Minute},
		{"done on the Saturday", vn(2026, 8, 8, 10, 0), 5, 4, 3 * (9*time.Hour + 30*time.Minute)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := c.WorkingDaysBetween(received, tt.done); got != tt.between {
				t.Errorf("WorkingDaysBetween = %d, want %d", got, tt.between)
			}
			if got := c.DaysLate(due, tt.done); got != tt.late {
				t.Errorf("DaysLate = %d, want %d", got, tt.late)
			}
			if got := c.WorkingDuration(due, tt.done); got != tt.officeMinute {
				t.Errorf("WorkingDuration(due, done) = %v, want %v", got, tt.officeMinute)
			}
			if got := c.WorkingDuration(tt.done, due); got != -tt.officeMinute {
				t.Errorf("WorkingDuration(done, due) = %v, want %v", got, -tt.officeMinute)
			}
		})
	}
	// A due time that is not a closing time: one minute late is one day late.
	if got := c.DaysLate(vn(2026, 8, 4, 10, 0), vn(2026, 8, 4, 10, 1)); got != 1 {
		t.Errorf("DaysLate one minute after a 10:00 due time = %d, want 1", got)
	}
	// Half a working day, as a fraction.
	half := c.WorkingDuration(due, vn(2026, 8, 5, 12, 15))
	if f := float64(half) / float64(c.Hours().Length()); f != 0.5 {
		t.Errorf("fraction = %v, want 0.5", f)
	}
	// Over the Tết break only office time counts: Fri 13/02 16:00 to Mon 23/02 08:30.
	if got := c.WorkingDuration(vn(2026, 2, 13, 16, 0), vn(2026, 2, 23, 8, 30)); got != 2*time.Hour {
		t.Errorf("WorkingDuration over Tết = %v, want 2h", got)
	}
}

func TestRoundTripAllReceiptTimes(t *testing.T) {
	c := defaultCalendar(t)
	for r := vn(2026, 1, 1, 0, 0); r.Year() < 2027; r = r.Add(37 * time.Minute) {
		for _, n := range []int{0, 1, 2, 5, 15, 30} {
			due := c.Due(r, n)
			if got := c.WorkingDaysBetween(r, due); got != n {
				t.Fatalf("received %v, %d days: due %v, WorkingDaysBetween = %d", r, n, due, got)
			}
			if due.Before(r) {
				t.Fatalf("received %v, %d days: due %v is before receipt", r, n, due)
			}
		}
	}
}

func TestNewErrors(t *testing.T) {
	s, err := ParseSchedule([]byte(validSchedule))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := New(map[int]*Schedule{2026: s}, DefaultOfficeHours()); err == nil || !strings.Contains(err.Error(), "schedule keyed 2026 is for year 2027") {
		t.Errorf("mismatched key error = %v", err)
	}
	if _, err := New(nil, OfficeHours{Open: 17 * time.Hour, Close: 8 * time.Hour, CutOff: 8 * time.Hour}); err == nil {
		t.Error("bad office hours accepted")
	}
	c := defaultCalendar(t)
	if _, err := c.Holidays(2101); err == nil || !strings.Contains(err.Error(), "outside 1900–2100") {
		t.Errorf("Holidays(2101) error = %v", err)
	}
	// Schedule returns a copy: changing it does not change the calendar.
	got, _ := c.Schedule(2026)
	got.DaysOff[0].Name = "changed"
	again, _ := c.Schedule(2026)
	if again.DaysOff[0].Name == "changed" {
		t.Error("Schedule exposes the calendar's tables")
	}
}
