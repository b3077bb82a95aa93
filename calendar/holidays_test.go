package calendar

import (
	"fmt"
	"strings"
	"testing"
)

// day is a compact expected day off: "2026-04-27 compensatory Nghỉ bù Giỗ Tổ Hùng Vương".
func dayLine(d DayOff) string { return fmt.Sprintf("%s %s %s", d.Date, d.Kind, d.Name) }

// The expected defaults below were worked out by hand from the table in
// working-days.md §2 (dates and weekdays of Tết, Giỗ Tổ, 30/4, 1/5, 2/9,
// 24/11) and the rules in docs/calendar.md, not produced by the code.
var wantDefaults = map[int][]string{
	2026: {
		"2026-01-01 holiday Tết Dương lịch",
		"2026-02-16 holiday Tết Nguyên Đán (29 tháng Chạp)",
		"2026-02-17 holiday Tết Nguyên Đán (mùng 1)",
		"2026-02-18 holiday Tết Nguyên Đán (mùng 2)",
		"2026-02-19 holiday Tết Nguyên Đán (mùng 3)",
		"2026-02-20 holiday Tết Nguyên Đán (mùng 4)",
		"2026-04-26 holiday Giỗ Tổ Hùng Vương", // Sunday
		"2026-04-27 compensatory Nghỉ bù Giỗ Tổ Hùng Vương",
		"2026-04-30 holiday Ngày Chiến thắng (30/4)",
		"2026-05-01 holiday Ngày Quốc tế Lao động (1/5)",
		"2026-09-01 holiday Quốc khánh (1/9)", // 2/9 is a Wednesday
		"2026-09-02 holiday Quốc khánh (2/9)",
		"2026-11-24 holiday Ngày Văn hóa Việt Nam (24/11)",
	},
	2027: {
		"2027-01-01 holiday Tết Dương lịch",
		"2027-02-05 holiday Tết Nguyên Đán (29 tháng Chạp)",
		"2027-02-06 holiday Tết Nguyên Đán (mùng 1)", // Saturday
		"2027-02-07 holiday Tết Nguyên Đán (mùng 2)", // Sunday
		"2027-02-08 holiday Tết Nguyên Đán (mùng 3)",
		"2027-02-09 holiday Tết Nguyên Đán (mùng 4)",
		"2027-02-10 compensatory Nghỉ bù Tết Nguyên Đán (mùng 1)",
		"2027-02-11 compensatory Nghỉ bù Tết Nguyên Đán (mùng 2)",
		"2027-04-16 holiday Giỗ Tổ Hùng Vương",
		"2027-04-30 holiday Ngày Chiến thắng (30/4)",
		"2027-05-01 holiday Ngày Quốc tế Lao động (1/5)", // Saturday
		"2027-05-03 compensatory Nghỉ bù Ngày Quốc tế Lao động (1/5)",
		"2027-09-02 holiday Quốc khánh (2/9)", // Thursday
		"2027-09-03 holiday Quốc khánh (3/9)",
		"2027-11-24 holiday Ngày Văn hóa Việt Nam (24/11)",
	},
	2028: {
		"2028-01-01 holiday Tết Dương lịch", // Saturday
		"2028-01-03 compensatory Nghỉ bù Tết Dương lịch",
		"2028-01-25 holiday Tết Nguyên Đán (29 tháng Chạp)",
		"2028-01-26 holiday Tết Nguyên Đán (mùng 1)",
		"2028-01-27 holiday Tết Nguyên Đán (mùng 2)",
		"2028-01-28 holiday Tết Nguyên Đán (mùng 3)",
		"2028-01-29 holiday Tết Nguyên Đán (mùng 4)", // Saturday
		"2028-01-31 compensatory Nghỉ bù Tết Nguyên Đán (mùng 4)",
		"2028-04-04 holiday Giỗ Tổ Hùng Vương",
		"2028-04-30 holiday Ngày Chiến thắng (30/4)",     // Sunday
		"2028-05-01 holiday Ngày Quốc tế Lao động (1/5)", // Monday
		"2028-05-02 compensatory Nghỉ bù Ngày Chiến thắng (30/4)",
		"2028-09-01 holiday Quốc khánh (1/9)",
		"2028-09-02 holiday Quốc khánh (2/9)", // Saturday
		"2028-09-04 compensatory Nghỉ bù Quốc khánh (2/9)",
		"2028-11-24 holiday Ngày Văn hóa Việt Nam (24/11)",
	},
	2029: {
		"2029-01-01 holiday Tết Dương lịch",
		"2029-02-12 holiday Tết Nguyên Đán (29 tháng Chạp)",
		"2029-02-13 holiday Tết Nguyên Đán (mùng 1)",
		"2029-02-14 holiday Tết Nguyên Đán (mùng 2)",
		"2029-02-15 holiday Tết Nguyên Đán (mùng 3)",
		"2029-02-16 holiday Tết Nguyên Đán (mùng 4)",
		"2029-04-23 holiday Giỗ Tổ Hùng Vương",
		"2029-04-30 holiday Ngày Chiến thắng (30/4)",
		"2029-05-01 holiday Ngày Quốc tế Lao động (1/5)",
		"2029-09-02 holiday Quốc khánh (2/9)", // Sunday
		"2029-09-03 holiday Quốc khánh (3/9)",
		"2029-09-04 compensatory Nghỉ bù Quốc khánh (2/9)",
		"2029-11-24 holiday Ngày Văn hóa Việt Nam (24/11)", // Saturday
		"2029-11-26 compensatory Nghỉ bù Ngày Văn hóa Việt Nam (24/11)",
	},
	2030: {
		"2030-01-01 holiday Tết Dương lịch",
		"2030-02-01 holiday Tết Nguyên Đán (29 tháng Chạp)",
		"2030-02-02 holiday Tết Nguyên Đán (mùng 1)", // Saturday, a day before China
		"2030-02-03 holiday Tết Nguyên Đán (mùng 2)",
		"2030-02-04 holiday Tết Nguyên Đán (mùng 3)",
		"2030-02-05 holiday Tết Nguyên Đán (mùng 4)",
		"2030-02-06 compensatory Nghỉ bù Tết Nguyên Đán (mùng 1)",
		"2030-02-07 compensatory Nghỉ bù Tết Nguyên Đán (mùng 2)",
		"2030-04-12 holiday Giỗ Tổ Hùng Vương",
		"2030-04-30 holiday Ngày Chiến thắng (30/4)",
		"2030-05-01 holiday Ngày Quốc tế Lao động (1/5)",
		"2030-09-02 holiday Quốc khánh (2/9)", // Monday
		"2030-09-03 holiday Quốc khánh (3/9)",
		"2030-11-24 holiday Ngày Văn hóa Việt Nam (24/11)", // Sunday
		"2030-11-25 compensatory Nghỉ bù Ngày Văn hóa Việt Nam (24/11)",
	},
	// 2023: Giỗ Tổ on Saturday 29/4 and 30/4 on Sunday, 1/5 Monday: the two
	// compensatory days chain to Tuesday 2/5 and Wednesday 3/5, the days the
	// Government gave that year. Before 2026 there is no 24/11.
	2023: {
		"2023-01-01 holiday Tết Dương lịch", // Sunday
		"2023-01-02 compensatory Nghỉ bù Tết Dương lịch",
		"2023-01-21 holiday Tết Nguyên Đán (30 tháng Chạp)", // Saturday
		"2023-01-22 holiday Tết Nguyên Đán (mùng 1)",        // Sunday
		"2023-01-23 holiday Tết Nguyên Đán (mùng 2)",
		"2023-01-24 holiday Tết Nguyên Đán (mùng 3)",
		"2023-01-25 holiday Tết Nguyên Đán (mùng 4)",
		"2023-01-26 compensatory Nghỉ bù Tết Nguyên Đán (30 tháng Chạp)",
		"2023-01-27 compensatory Nghỉ bù Tết Nguyên Đán (mùng 1)",
		"2023-04-29 holiday Giỗ Tổ Hùng Vương",
		"2023-04-30 holiday Ngày Chiến thắng (30/4)",
		"2023-05-01 holiday Ngày Quốc tế Lao động (1/5)",
		"2023-05-02 compensatory Nghỉ bù Giỗ Tổ Hùng Vương",
		"2023-05-03 compensatory Nghỉ bù Ngày Chiến thắng (30/4)",
		"2023-09-01 holiday Quốc khánh (1/9)",
		"2023-09-02 holiday Quốc khánh (2/9)", // Saturday
		"2023-09-04 compensatory Nghỉ bù Quốc khánh (2/9)",
	},
}

func TestDefaultSchedule(t *testing.T) {
	for year, want := range wantDefaults {
		t.Run(fmt.Sprint(year), func(t *testing.T) {
			s, err := DefaultSchedule(year)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, d := range s.DaysOff {
				got = append(got, dayLine(d))
				if !d.Default {
					t.Errorf("%s: Default = false", dayLine(d))
				}
			}
			if strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
			if len(s.WorkingDays) != 0 {
				t.Errorf("default has working weekend days: %v", s.WorkingDays)
			}
			if err := s.Validate(); err != nil {
				t.Errorf("default does not validate: %v", err)
			}
		})
	}
}

func TestNationalDayExtraFollowsPractice(t *testing.T) {
	// Days added to 02/9 in 2021–2025 (recalled from the yearly notices, see
	// docs/calendar.md) and the rule for 2026 (02/9 on Wednesday).
	want := map[int]Date{
		2021: {2021, 9, 3}, // 02/9 Thursday
		2022: {2022, 9, 1}, // Friday
		2023: {2023, 9, 1}, // Saturday
		2024: {2024, 9, 3}, // Monday
		2025: {2025, 9, 1}, // Tuesday
		2026: {2026, 9, 1}, // Wednesday
		2029: {2029, 9, 3}, // Sunday
	}
	for y, d := range want {
		if got := nationalDayExtra(y); got != d {
			t.Errorf("%d: got %v, want %v", y, got, d)
		}
	}
}

func TestDefaultScheduleAllYears(t *testing.T) {
	for y := MinYear; y <= MaxYear; y++ {
		s, err := DefaultSchedule(y)
		if err != nil {
			t.Fatal(err)
		}
		if err := s.Validate(); err != nil {
			t.Fatalf("%d: %v", y, err)
		}
		workdaysOff := 0
		for _, d := range s.DaysOff {
			if !isWeekend(d.Date) {
				workdaysOff++
			}
		}
		// 11 holidays (12 from 2026), each taking exactly one weekday.
		want := 11
		if y >= CultureDayFrom {
			want = 12
		}
		if workdaysOff != want {
			t.Errorf("%d: %d weekdays off, want %d", y, workdaysOff, want)
		}
	}
	for _, y := range []int{MinYear - 1, MaxYear + 1} {
		if _, err := DefaultSchedule(y); err == nil || !strings.Contains(err.Error(), "outside 1900–2100") {
			t.Errorf("DefaultSchedule(%d) error = %v", y, err)
		}
	}
}

func TestOccasions(t *testing.T) {
	for _, o := range Occasions() {
		if !o.Known() || o.Label() == string(o) {
			t.Errorf("%q: Known %v, Label %q", o, o.Known(), o.Label())
		}
	}
	if Occasion("tet").Known() {
		t.Error(`"tet" should not be a known occasion`)
	}
}
