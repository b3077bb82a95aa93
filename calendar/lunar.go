package calendar

import (
	"fmt"
	"strconv"
)

// The Vietnamese lunisolar calendar (âm lịch), computed for Vietnam time
// (UTC+7; see tzAt for the meridians used before 1968) with Hồ Ngọc Đức's
// rules:
//   - a month starts on the day that contains the new moon (sóc);
//   - the December solstice (Đông chí) always falls in month 11;
//   - when 13 new moons start months between two months 11, the first month
//     after the first of them that contains no principal term (trung khí) is
//     the leap month and repeats the number of the month before it.
// Because Vietnam is one hour behind China, some months (and a few Tết, e.g.
// 1985, 2007, 2030) differ from the Chinese calendar.

// MinYear and MaxYear bound the years this package supports: the lunar
// calendar is checked against a published table for these years, and
// holidays and working days are computed for them.
const (
	MinYear = 1900
	MaxYear = 2100
)

// LunarDate is a date of the Vietnamese lunar calendar. Year is the number of
// the Gregorian year in which that lunar year starts (Tết Bính Ngọ, 1/1 of
// lunar year 2026, is 17/02/2026).
type LunarDate struct {
	Day   int  // 1–30
	Month int  // 1–12
	Year  int  // e.g. 2026 for Bính Ngọ
	Leap  bool // true in a leap month (tháng nhuận)
}

// String returns the date in Vietnamese, e.g. "ngày 10 tháng 3 năm Bính Ngọ"
// or "ngày 1 tháng 6 nhuận năm Ất Tỵ".
func (l LunarDate) String() string {
	leap := ""
	if l.Leap {
		leap = " nhuận"
	}
	return "ngày " + strconv.Itoa(l.Day) + " tháng " + strconv.Itoa(l.Month) + leap + " năm " + YearCanChi(l.Year)
}

// LunarMonth describes one month of a lunar year.
type LunarMonth struct {
	Month int  // 1–12
	Leap  bool // a leap month (tháng nhuận) repeating the number of the month before
	Start Date // the civil date of its first day (mùng 1)
	Days  int  // 29 (tháng thiếu) or 30 (tháng đủ)
}

// span returns the lunar months from month 11 of lunar year y-1 up to, but
// not including, month 11 of lunar year y: 12 or 13 months, in ms[:n].
func span(y int) (ms [13]lunarMonth, n int) {
	k0, k1 := month11(y-1), month11(y)
	n = k1 - k0
	var starts [14]int
	for i := 0; i <= n; i++ {
		starts[i] = newMoonDay(k0 + i)
	}
	leapAt := -1
	if n == 13 {
		prev := sunSector(starts[1])
		for i := 1; i < n; i++ {
			next := sunSector(starts[i+1])
			if next == prev {
				leapAt = i
				break
			}
			prev = next
		}
		if leapAt < 0 { // not expected to happen; keep the labels in range anyway
			leapAt = n - 1
		}
	}
	num, year := 11, y-1
	for i := 0; i < n; i++ {
		leap := i == leapAt
		if i > 0 && !leap {
			if num++; num > 12 {
				num, year = 1, y
			}
		}
		ms[i] = lunarMonth{start: starts[i], days: starts[i+1] - starts[i], month: num, leap: leap, year: year}
	}
	return ms, n
}

// lunarMonth is a month of a span, with the start as a Julian Day Number.
type lunarMonth struct {
	start, days int
	month, year int
	leap        bool
}

// SolarToLunar converts a civil date to the Vietnamese lunar calendar. The
// result is checked against a published table for 1900–2100; other dates
// use the same formulas and are less certain.
func SolarToLunar(d Date) LunarDate {
	x := d.DayNumber()
	ms, n := span(d.Year)
	if last := ms[n-1]; x >= last.start+last.days {
		ms, n = span(d.Year + 1)
	}
	i := n - 1
	for i > 0 && ms[i].start > x {
		i--
	}
	m := ms[i]
	return LunarDate{Day: x - m.start + 1, Month: m.month, Year: m.year, Leap: m.leap}
}

// LunarToSolar converts a lunar date to its civil date. It fails when the
// month or day does not exist (e.g. a leap month the year does not have, or
// day 30 of a 29-day month) or the year is outside MinYear-1 … MaxYear.
func LunarToSolar(l LunarDate) (Date, error) {
	switch {
	case l.Year < MinYear-1 || l.Year > MaxYear:
		return Date{}, fmt.Errorf("lunar to solar %v: year outside %d–%d", l, MinYear-1, MaxYear)
	case l.Month < 1 || l.Month > 12:
		return Date{}, fmt.Errorf("lunar to solar: month %d out of range 1–12", l.Month)
	case l.Day < 1 || l.Day > 30:
		return Date{}, fmt.Errorf("lunar to solar: day %d out of range 1–30", l.Day)
	}
	months, err := LunarMonths(l.Year)
	if err != nil {
		return Date{}, fmt.Errorf("lunar to solar %v: %w", l, err)
	}
	leapOf := 0
	for _, m := range months {
		if m.Leap {
			leapOf = m.Month
		}
		if m.Month != l.Month || m.Leap != l.Leap {
			continue
		}
		if l.Day > m.Days {
			return Date{}, fmt.Errorf("lunar to solar %v: that month has only %d days", l, m.Days)
		}
		return m.Start.AddDays(l.Day - 1), nil
	}
	if leapOf == 0 {
		return Date{}, fmt.Errorf("lunar to solar %v: lunar year %d has no leap month", l, l.Year)
	}
	return Date{}, fmt.Errorf("lunar to solar %v: the leap month of lunar year %d is month %d", l, l.Year, leapOf)
}

// LunarMonths returns the 12 or 13 months of lunar year year, from month 1
// (Tết) to month 12 (tháng Chạp), with a leap month right after the month
// whose number it repeats.
func LunarMonths(year int) ([]LunarMonth, error) {
	if year < MinYear-1 || year > MaxYear {
		return nil, fmt.Errorf("lunar months of %d: year outside %d–%d", year, MinYear-1, MaxYear)
	}
	out := make([]LunarMonth, 0, 13)
	for _, y := range [2]int{year, year + 1} {
		ms, n := span(y)
		for _, m := range ms[:n] {
			if m.year == year {
				out = append(out, LunarMonth{Month: m.month, Leap: m.leap, Start: DateFromDayNumber(m.start), Days: m.days})
			}
		}
	}
	return out, nil
}

// YearCanChi returns the Can Chi (sexagenary) name of a lunar year in
// Vietnamese, e.g. "Bính Ngọ" for 2026 and "Ất Tỵ" for 2025.
func YearCanChi(year int) string {
	stems := [10]string{"Giáp", "Ất", "Bính", "Đinh", "Mậu", "Kỷ", "Canh", "Tân", "Nhâm", "Quý"}
	branches := [12]string{"Tý", "Sửu", "Dần", "Mão", "Thìn", "Tỵ", "Ngọ", "Mùi", "Thân", "Dậu", "Tuất", "Hợi"}
	return stems[mod(year+6, 10)] + " " + branches[mod(year+8, 12)]
}

func mod(a, n int) int { return ((a % n) + n) % n }
