package calendar

import (
	"encoding/json"
	"strings"
	"testing"
)

// validSchedule is a hypothetical admin edit of 2027: Tết from Thursday 04/02
// (28 tháng Chạp) to Wednesday 10/02, with Monday 08/02 swapped for
// Saturday 20/02.
const validSchedule = `{
  "year": 2027,
  "source": "Thông báo giả định dùng để kiểm thử",
  "covers": ["lunar_new_year"],
  "days_off": [
    {"date": "2027-02-04", "name": "Tết Nguyên Đán (28 tháng Chạp)", "kind": "holiday", "occasion": "lunar_new_year"},
    {"date": "2027-02-05", "name": "Tết Nguyên Đán (29 tháng Chạp)", "kind": "holiday", "occasion": "lunar_new_year"},
    {"date": "2027-02-06", "name": "Tết Nguyên Đán (mùng 1)", "kind": "holiday", "occasion": "lunar_new_year"},
    {"date": "2027-02-07", "name": "Tết Nguyên Đán (mùng 2)", "kind": "holiday", "occasion": "lunar_new_year"},
    {"date": "2027-02-08", "name": "Nghỉ hoán đổi (làm bù thứ Bảy 20/02)", "kind": "swap_off", "occasion": "lunar_new_year"},
    {"date": "2027-02-09", "name": "Nghỉ bù Tết Nguyên Đán (mùng 1)", "kind": "compensatory", "occasion": "lunar_new_year"},
    {"date": "2027-02-10", "name": "Nghỉ bù Tết Nguyên Đán (mùng 2)", "kind": "compensatory", "occasion": "lunar_new_year"}
  ],
  "working_days": [
    {"date": "2027-02-20", "name": "Làm bù cho thứ Hai 08/02/2027", "occasion": "lunar_new_year"}
  ]
}`

func TestParseScheduleValid(t *testing.T) {
	s, err := ParseSchedule([]byte(validSchedule))
	if err != nil {
		t.Fatal(err)
	}
	if s.Year != 2027 || len(s.DaysOff) != 7 || len(s.WorkingDays) != 1 {
		t.Fatalf("parsed %+v", s)
	}
	// Marshalling and parsing again gives the same schedule.
	b, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	again, err := ParseSchedule(b)
	if err != nil {
		t.Fatalf("re-parse: %v\n%s", err, b)
	}
	if a, b := mustJSON(t, s), mustJSON(t, again); a != b {
		t.Errorf("round trip changed the schedule:\n%s\n%s", a, b)
	}
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestParseScheduleErrors(t *testing.T) {
	replace := func(old, new string) string {
		if !strings.Contains(validSchedule, old) {
			t.Fatalf("test setup: %q not in validSchedule", old)
		}
		return strings.Replace(validSchedule, old, new, 1)
	}
	tests := []struct {
		name, in, want string
	}{
		{"unknown field", replace(`"covers"`, `"dayz": 1, "covers"`), `unknown field "dayz"`},
		{"unknown field in a day", replace(`"kind": "holiday", "occasion": "lunar_new_year"},`, `"kind": "holiday", "occasion": "lunar_new_year", "note": "x"},`), `unknown field "note"`},
		{"malformed date", replace(`"2027-02-04"`, `"04/02/2027"`), `days_off[0]: invalid date "04/02/2027": want the form YYYY-MM-DD`},
		{"impossible date", replace(`"2027-02-20"`, `"2027-02-30"`), `working_days[0]: invalid date "2027-02-30": day 30 out of range for 02/2027`},
		{"date outside the year", replace(`"2027-02-04"`, `"2026-02-04"`), "days_off[0]: date 2026-02-04 is outside the year 2027"},
		{"day listed twice", replace(`"2027-02-05"`, `"2027-02-04"`), "days_off[1]: date 2027-02-04 is listed twice (also days_off[0])"},
		{"day off also a working day", replace(`"2027-02-20"`, `"2027-02-06"`), "working_days[0]: date 2027-02-06 is listed twice (also days_off[2])"},
		{"working day not a weekend", replace(`"2027-02-20"`, `"2027-02-18"`), "working_days[0] (2027-02-18): a working day must be a Saturday or Sunday, not a Thursday"},
		{"compensatory day on a weekend", replace(`"2027-02-09", "name": "Nghỉ bù`, `"2027-02-13", "name": "Nghỉ bù`), "days_off[5] (2027-02-13): a compensatory day must be a weekday, not a Saturday"},
		{"unknown kind", replace(`"kind": "swap_off"`, `"kind": "vacation"`), `days_off[4] (2027-02-08): unknown kind "vacation"`},
		{"unknown occasion", replace(`"covers": ["lunar_new_year"]`, `"covers": ["lunar_new_year", "tet"]`), `covers[1]: unknown occasion "tet"`},
		{"occasion not covered", replace(`"kind": "swap_off", "occasion": "lunar_new_year"`, `"kind": "swap_off", "occasion": "national_day"`), `days_off[4] (2027-02-08): occasion "national_day" is not listed in covers`},
		{"empty covers", replace(`"covers": ["lunar_new_year"]`, `"covers": []`), "covers is empty"},
		{"covered twice", replace(`"covers": ["lunar_new_year"]`, `"covers": ["lunar_new_year", "lunar_new_year"]`), `covers[1]: occasion "lunar_new_year" is listed twice`},
		{"no source", replace(`"source": "Thông báo giả định dùng để kiểm thử"`, `"source": " "`), "source is empty"},
		{"empty name", replace(`"name": "Tết Nguyên Đán (mùng 1)"`, `"name": ""`), "days_off[2] (2027-02-06): name is empty"},
		{"missing date", replace(`{"date": "2027-02-04", `, `{`), "days_off[0]: date is missing"},
		{"year out of range", replace(`"year": 2027`, `"year": 2101`), "year 2101 is outside 1900–2100"},
		{"date as a number", replace(`"2027-02-04"`, `20270204`), "cannot unmarshal number into Go struct field .days_off.date of type string"},
		{"trailing data", validSchedule + ` {}`, "unexpected data after the schedule object"},
		{"not JSON", `year: 2027`, "invalid character"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseSchedule([]byte(tt.in))
			if err == nil {
				t.Fatalf("no error, want one mentioning %q", tt.want)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error = %v\nwant it to mention %q", err, tt.want)
			}
		})
	}
}

func TestValidateReportsEveryProblem(t *testing.T) {
	s := &Schedule{Year: 2027, Covers: []Occasion{OccasionTet}, DaysOff: []DayOff{
		{Date: Date{2027, 3, 1}, Name: "A", Kind: "x", Occasion: OccasionTet},
		{Date: Date{2028, 3, 2}, Name: "B", Kind: KindHoliday, Occasion: OccasionTet},
	}}
	err := s.Validate()
	if err == nil {
		t.Fatal("no error")
	}
	for _, want := range []string{"source is empty", `unknown kind "x"`, "outside the year 2027"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not mention %q", err, want)
		}
	}
}

func TestEmbeddedSchedules(t *testing.T) {
	all, err := Schedules()
	if err != nil {
		t.Fatal(err)
	}
	s2026, ok := all[2026]
	if !ok {
		t.Fatalf("no embedded 2026 schedule: %v", all)
	}
	// Tết 2026 for civil servants: Monday 16/02 to Friday 20/02/2026
	// (working-days.md §2, vietnammedia.vnanet.vn and congan.com.vn).
	var got []string
	for _, d := range s2026.DaysOff {
		got = append(got, d.Date.String())
	}
	if want := "2026-02-16 2026-02-17 2026-02-18 2026-02-19 2026-02-20"; strings.Join(got, " ") != want {
		t.Errorf("2026 days off = %v, want %s", got, want)
	}
	if !strings.Contains(s2026.Source, "vnanet.vn") {
		t.Errorf("2026 source does not name where it comes from: %q", s2026.Source)
	}
}

func TestEffectiveScheduleOverridesDefault(t *testing.T) {
	official, err := ParseSchedule([]byte(validSchedule))
	if err != nil {
		t.Fatal(err)
	}
	s, err := EffectiveSchedule(2027, official)
	if err != nil {
		t.Fatal(err)
	}
	var tet []string
	for _, d := range s.DaysOff {
		if d.Occasion == OccasionTet {
			tet = append(tet, d.Date.String())
			if d.Default {
				t.Errorf("%s comes from the default", dayLine(d))
			}
		} else if !d.Default {
			t.Errorf("%s should come from the default", dayLine(d))
		}
	}
	// Only the official Tết days; the default's 11/02 is gone.
	if want := "2027-02-04 2027-02-05 2027-02-06 2027-02-07 2027-02-08 2027-02-09 2027-02-10"; strings.Join(tet, " ") != want {
		t.Errorf("Tết days = %v, want %s", tet, want)
	}
	if len(s.DaysOff) != 7+8 { // 7 official + 8 default days of the other occasions
		t.Errorf("%d days off", len(s.DaysOff))
	}
	if !strings.HasPrefix(s.Source, official.Source) {
		t.Errorf("source %q", s.Source)
	}

	// An official schedule may cover an occasion with no days, removing it.
	none := &Schedule{Year: 2026, Source: "giả định", Covers: []Occasion{OccasionCultureDay}}
	s, err = EffectiveSchedule(2026, none)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range s.DaysOff {
		if d.Occasion == OccasionCultureDay {
			t.Errorf("culture day still listed: %s", dayLine(d))
		}
	}

	// Official days that land on a default day of another occasion clash.
	clash := &Schedule{Year: 2026, Source: "giả định", Covers: []Occasion{OccasionOther},
		DaysOff: []DayOff{{Date: Date{2026, 4, 27}, Name: "Nghỉ khác", Kind: KindHoliday, Occasion: OccasionOther}}}
	if _, err := EffectiveSchedule(2026, clash); err == nil || !strings.Contains(err.Error(), "2026-04-27 is listed twice") {
		t.Errorf("clash error = %v", err)
	}
	if _, err := EffectiveSchedule(2026, official); err == nil || !strings.Contains(err.Error(), "official schedule is for 2027") {
		t.Errorf("wrong year error = %v", err)
	}
}
