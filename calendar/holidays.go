package calendar

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// Occasion names the public holiday a listed day belongs to. An official
// schedule replaces the default days of the occasions it covers.
type Occasion string

// The occasions of Bộ luật Lao động 2019, Điều 112, plus Ngày Văn hóa Việt
// Nam and a catch-all for other days off decided for one year.
const (
	OccasionNewYear       Occasion = "new_year"       // Tết Dương lịch, 01/01
	OccasionTet           Occasion = "lunar_new_year" // Tết Nguyên Đán, 5 days around 1/1 âm lịch
	OccasionHungKings     Occasion = "hung_kings"     // Giỗ Tổ Hùng Vương, 10/3 âm lịch
	OccasionReunification Occasion = "reunification"  // Ngày Chiến thắng, 30/4
	OccasionLabourDay     Occasion = "labour_day"     // Ngày Quốc tế Lao động, 01/5
	OccasionNationalDay   Occasion = "national_day"   // Quốc khánh, 02/9 and one adjacent day
	OccasionCultureDay    Occasion = "culture_day"    // Ngày Văn hóa Việt Nam, 24/11, from 2026
	OccasionOther         Occasion = "other"          // any other day off decided for the year
)

// CultureDayFrom is the first year in which Ngày Văn hóa Việt Nam (24/11) is
// a paid day off in the default schedule.
const CultureDayFrom = 2026

// Occasions returns every known occasion in calendar order.
func Occasions() []Occasion {
	return []Occasion{OccasionNewYear, OccasionTet, OccasionHungKings, OccasionReunification,
		OccasionLabourDay, OccasionNationalDay, OccasionCultureDay, OccasionOther}
}

// Known reports whether o is one of the occasions this package knows.
func (o Occasion) Known() bool { return slices.Contains(Occasions(), o) }

// Label returns the Vietnamese name of the occasion, e.g. "Giỗ Tổ Hùng Vương".
func (o Occasion) Label() string {
	switch o {
	case OccasionNewYear:
		return "Tết Dương lịch"
	case OccasionTet:
		return "Tết Nguyên Đán"
	case OccasionHungKings:
		return "Giỗ Tổ Hùng Vương"
	case OccasionReunification:
		return "Ngày Chiến thắng"
	case OccasionLabourDay:
		return "Ngày Quốc tế Lao động"
	case OccasionNationalDay:
		return "Quốc khánh"
	case OccasionCultureDay:
		return "Ngày Văn hóa Việt Nam"
	case OccasionOther:
		return "Ngày nghỉ khác"
	}
	return string(o)
}

func occasionList() string {
	var names []string
	for _, o := range Occasions() {
		names = append(names, string(o))
	}
	return strings.Join(names, ", ")
}

// defaultSource describes where the default days come from.
const defaultSource = "Lịch mặc định tính theo Bộ luật Lao động 2019 (Điều 112; nghỉ bù theo Điều 111 khoản 3)" +
	" và Ngày Văn hóa Việt Nam 24/11 từ năm 2026; không phải lịch nghỉ chính thức."

// DefaultSchedule computes the days off of year from the rules, for years
// MinYear–MaxYear:
//   - Tết Dương lịch 01/01; Ngày Chiến thắng 30/4; Quốc tế Lao động 01/5;
//   - Tết Nguyên Đán: the last day of the lunar year and mùng 1 to mùng 4;
//   - Giỗ Tổ Hùng Vương: 10/3 âm lịch;
//   - Quốc khánh: 02/9 and one adjacent weekday (see nationalDayExtra);
//   - Ngày Văn hóa Việt Nam: 24/11, from CultureDayFrom;
//   - each holiday on a Saturday or Sunday, or on the same day as another
//     holiday, gives a compensatory day (nghỉ bù) on the next weekday that is
//     not already off, in date order, so chains such as 30/4 on Sunday and
//     01/5 on Monday give Tuesday 02/5.
//
// The same rules are applied to every year; they describe current law, not
// the schedules actually used in past years.
func DefaultSchedule(year int) (*Schedule, error) {
	if year < MinYear || year > MaxYear {
		return nil, fmt.Errorf("default schedule: year %d outside %d–%d", year, MinYear, MaxYear)
	}
	tet, lastDay, gioTo := lunarHolidays(year)
	var hs []DayOff
	add := func(d Date, name string, o Occasion) {
		hs = append(hs, DayOff{Date: d, Name: name, Kind: KindHoliday, Occasion: o, Default: true})
	}
	add(Date{year, time.January, 1}, "Tết Dương lịch", OccasionNewYear)
	add(tet.AddDays(-1), fmt.Sprintf("Tết Nguyên Đán (%d tháng Chạp)", lastDay), OccasionTet)
	for i := range 4 {
		add(tet.AddDays(i), fmt.Sprintf("Tết Nguyên Đán (mùng %d)", i+1), OccasionTet)
	}
	add(gioTo, "Giỗ Tổ Hùng Vương", OccasionHungKings)
	add(Date{year, time.April, 30}, "Ngày Chiến thắng (30/4)", OccasionReunification)
	add(Date{year, time.May, 1}, "Ngày Quốc tế Lao động (1/5)", OccasionLabourDay)
	add(Date{year, time.September, 2}, "Quốc khánh (2/9)", OccasionNationalDay)
	extra := nationalDayExtra(year)
	add(extra, fmt.Sprintf("Quốc khánh (%d/9)", extra.Day), OccasionNationalDay)
	if year >= CultureDayFrom {
		add(Date{year, time.November, 24}, "Ngày Văn hóa Việt Nam (24/11)", OccasionCultureDay)
	}
	slices.SortStableFunc(hs, func(a, b DayOff) int { return a.Date.Compare(b.Date) })

	// off maps each day already off to what makes it so. A holiday on a
	// weekend, or on the date of an earlier holiday, earns a compensatory day
	// on the next weekday that is not off; date order makes chains work.
	off := map[Date]string{}
	for _, h := range hs {
		if off[h.Date] == "" {
			off[h.Date] = h.Name
		}
	}
	var days []DayOff
	listed := map[Date]bool{}
	for _, h := range hs {
		clash := listed[h.Date]
		listed[h.Date] = true
		if !clash {
			days = append(days, h)
			if !isWeekend(h.Date) {
				continue
			}
		}
		name := "Nghỉ bù " + h.Name
		if clash {
			name += " (trùng " + off[h.Date] + ")"
		}
		d := h.Date.AddDays(1)
		for isWeekend(d) || off[d] != "" {
			d = d.AddDays(1)
		}
		off[d] = name
		days = append(days, DayOff{Date: d, Name: name, Kind: KindCompensatory, Occasion: h.Occasion, Default: true})
	}
	s := &Schedule{Year: year, Source: defaultSource, Covers: Occasions(), DaysOff: days}
	s.sort()
	return s, nil
}

// lunarHolidays returns Tết (1/1 âm lịch) of lunar year year, the number of
// the last day of the lunar year before it (29 or 30 tháng Chạp) and Giỗ Tổ
// Hùng Vương (10/3 âm lịch), from one computation of the lunar months.
func lunarHolidays(year int) (tet Date, lastDay int, gioTo Date) {
	ms, n := span(year)
	for i, m := range ms[:n] {
		if m.year != year || m.leap {
			continue
		}
		switch m.month {
		case 1:
			tet = DateFromDayNumber(m.start)
			lastDay = ms[i-1].days // month 1 is never first in a span
		case 3:
			gioTo = DateFromDayNumber(m.start + 9)
		}
	}
	return tet, lastDay, gioTo
}

// nationalDayExtra returns the day added to Quốc khánh (02/9): the adjacent
// day (01/9 or 03/9) that is a weekday; when both are weekdays, the one next
// to a weekend, and 01/9 when 02/9 is a Wednesday. This matches the days
// chosen for 2021–2025 (03/9 Fri, 01/9 Thu, 01/9 Fri, 03/9 Tue, 01/9 Mon) and
// the 2026 proposal (01/9 Tue); the Prime Minister decides it each year.
func nationalDayExtra(year int) Date {
	switch (Date{year, time.September, 2}).Weekday() {
	case time.Sunday, time.Monday, time.Thursday:
		return Date{year, time.September, 3}
	default: // Tuesday, Wednesday, Friday, Saturday
		return Date{year, time.September, 1}
	}
}
