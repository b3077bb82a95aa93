// Package calendar is the Vietnamese working-day calendar that every deadline
// in cchc uses: civil dates in Vietnam time, the Vietnamese lunar calendar
// (computed for UTC+7), public holidays with their compensatory days, official
// yearly schedules that override the computed defaults, and working-day
// arithmetic for dossier deadlines (ngày hẹn trả). It is pure: no storage, no
// HTTP and no package-level mutable state.
package calendar

import (
	"fmt"
	"time"
)

// Vietnam is the time zone in which civil dates and office hours are read:
// Indochina Time, a fixed UTC+7 with no daylight saving, so no tzdata is
// needed. Treat it as a constant.
var Vietnam = time.FixedZone("ICT", vietnamOffset)

const (
	vietnamOffset = 7 * 3600 // seconds east of UTC
	secondsPerDay = 86400
	unixEpochJDN  = 2440588 // Julian Day Number of 1970-01-01
)

// Date is a civil date (year, month, day) without a time or a zone. The zero
// value is not a valid date. Dates are comparable with ==.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// NewDate returns the date for year, month and day, normalising values out of
// range the way time.Date does (so NewDate(2026, 2, 30) is 2 March 2026).
func NewDate(year int, month time.Month, day int) Date {
	m := int(month) - 1
	y := year + floorDiv(m, 12)
	m -= 12 * floorDiv(m, 12)
	return DateFromDayNumber(dayNumber(y, m+1, 1) + day - 1)
}

// ParseDate parses a date in ISO form, exactly "YYYY-MM-DD" (e.g.
// "2026-02-17"), and rejects dates that do not exist.
func ParseDate(s string) (Date, error) {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return Date{}, fmt.Errorf("invalid date %q: want the form YYYY-MM-DD", s)
	}
	y, ok1 := atoi(s[0:4])
	m, ok2 := atoi(s[5:7])
	d, ok3 := atoi(s[8:10])
	if !ok1 || !ok2 || !ok3 {
		return Date{}, fmt.Errorf("invalid date %q: want the form YYYY-MM-DD", s)
	}
	date := Date{Year: y, Month: time.Month(m), Day: d}
	if m < 1 || m > 12 {
		return Date{}, fmt.Errorf("invalid date %q: month %d out of range", s, m)
	}
	if !date.Valid() {
		return Date{}, fmt.Errorf("invalid date %q: day %d out of range for %02d/%04d", s, d, m, y)
	}
	return date, nil
}

// MarshalText returns d in ISO form, so dates are "YYYY-MM-DD" in JSON.
func (d Date) MarshalText() ([]byte, error) {
	if !d.Valid() {
		return nil, fmt.Errorf("marshal date: %v is not a valid date", d)
	}
	return []byte(d.String()), nil
}

// UnmarshalText parses an ISO date, as ParseDate does.
func (d *Date) UnmarshalText(b []byte) error {
	v, err := ParseDate(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// atoi parses a string of ASCII digits only (no sign, no spaces).
func atoi(s string) (int, bool) {
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, len(s) > 0
}

// DateOf returns the civil date of t in Vietnam time.
func DateOf(t time.Time) Date {
	day, _ := splitTime(t)
	return DateFromDayNumber(day)
}

// DateFromDayNumber returns the date with the given Julian Day Number.
func DateFromDayNumber(jdn int) Date {
	// Richards' algorithm for the proleptic Gregorian calendar.
	f := jdn + 1401 + (((4*jdn+274277)/146097)*3)/4 - 38
	e := 4*f + 3
	g := (e % 1461) / 4
	h := 5*g + 2
	day := (h%153)/5 + 1
	month := (h/153+2)%12 + 1
	year := e/1461 - 4716 + (12+2-month)/12
	return Date{Year: year, Month: time.Month(month), Day: day}
}

// dayNumber returns the Julian Day Number of a proleptic Gregorian date.
func dayNumber(y, m, d int) int {
	a := (14 - m) / 12
	yy := y + 4800 - a
	mm := m + 12*a - 3
	return d + (153*mm+2)/5 + 365*yy + yy/4 - yy/100 + yy/400 - 32045
}

// DayNumber returns the Julian Day Number of d (2026-02-17 is 2461089).
// Consecutive dates have consecutive numbers.
func (d Date) DayNumber() int { return dayNumber(d.Year, int(d.Month), d.Day) }

// Valid reports whether d names a real date (month 1–12, day within the
// month, year 1–9999).
func (d Date) Valid() bool {
	return d.Year >= 1 && d.Year <= 9999 && d.Month >= 1 && d.Month <= 12 &&
		d.Day >= 1 && d.Day <= daysIn(d.Year, d.Month)
}

// IsZero reports whether d is the zero Date.
func (d Date) IsZero() bool { return d == Date{} }

// Weekday returns the day of the week of d.
func (d Date) Weekday() time.Weekday { return time.Weekday((d.DayNumber() + 1) % 7) }

// AddDays returns the date n calendar days after d (before it if n < 0).
func (d Date) AddDays(n int) Date { return DateFromDayNumber(d.DayNumber() + n) }

// Compare returns -1 if d is before o, 0 if they are equal and +1 if d is after o.
func (d Date) Compare(o Date) int {
	switch {
	case d.Year != o.Year:
		return sign(d.Year - o.Year)
	case d.Month != o.Month:
		return sign(int(d.Month) - int(o.Month))
	default:
		return sign(d.Day - o.Day)
	}
}

// Before reports whether d is before o.
func (d Date) Before(o Date) bool { return d.Compare(o) < 0 }

// After reports whether d is after o.
func (d Date) After(o Date) bool { return d.Compare(o) > 0 }

// At returns the instant at the given clock offset after midnight of d, in
// Vietnam time; d.At(17*time.Hour) is 17:00 that day.
func (d Date) At(clock time.Duration) time.Time {
	return joinTime(d.DayNumber(), clock)
}

// String returns d in ISO form, "2026-02-17"; this is also its JSON and
// database form.
func (d Date) String() string {
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day)
}

// Display returns d the way Vietnamese documents print it, "17/02/2026".
func (d Date) Display() string {
	return fmt.Sprintf("%02d/%02d/%04d", d.Day, int(d.Month), d.Year)
}

// splitTime returns the Julian Day Number of t's civil date in Vietnam and
// the time elapsed since that midnight. It avoids time.Time.In on hot paths.
func splitTime(t time.Time) (jdn int, clock time.Duration) {
	sec := t.Unix() + vietnamOffset
	days := floorDiv64(sec, secondsPerDay)
	rem := sec - days*secondsPerDay
	return int(days) + unixEpochJDN, time.Duration(rem)*time.Second + time.Duration(t.Nanosecond())
}

// joinTime is the inverse of splitTime: the instant at clock after midnight
// of the civil date jdn, in Vietnam time.
func joinTime(jdn int, clock time.Duration) time.Time {
	sec := int64(jdn-unixEpochJDN)*secondsPerDay - vietnamOffset
	return time.Unix(sec, 0).Add(clock).In(Vietnam)
}

func daysIn(year int, month time.Month) int {
	switch month {
	case time.April, time.June, time.September, time.November:
		return 30
	case time.February:
		if year%4 == 0 && (year%100 != 0 || year%400 == 0) {
			return 29
		}
		return 28
	default:
		return 31
	}
}

func sign(x int) int {
	switch {
	case x < 0:
		return -1
	case x > 0:
		return 1
	}
	return 0
}

func floorDiv(a, b int) int {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

func floorDiv64(a, b int64) int64 {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}
