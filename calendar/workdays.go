package calendar

import (
	"fmt"
	"slices"
	"time"
)

// OfficeHours are the hours of the one-stop office (Bộ phận Một cửa), as
// offsets from midnight in Vietnam time.
type OfficeHours struct {
	Open  time.Duration // opening time; default 07:30
	Close time.Duration // closing time; default 17:00; deadlines fall due at this time
	// CutOff is the receipt cut-off: a dossier received at or after it counts
	// from the next working day. Default 17:00 (the close); SameDayCutOff
	// (15:00) for same-day procedures.
	CutOff time.Duration
}

// SameDayCutOff is the receipt cut-off of same-day procedures (giải quyết
// trong ngày): requests received after 15:00 are handled the next working day.
const SameDayCutOff = 15 * time.Hour

// DefaultOfficeHours returns the default hours: open 07:30, close 17:00,
// receipt cut-off 17:00.
func DefaultOfficeHours() OfficeHours {
	return OfficeHours{Open: 7*time.Hour + 30*time.Minute, Close: 17 * time.Hour, CutOff: 17 * time.Hour}
}

// WithCutOff returns h with the receipt cut-off set to cutOff, e.g.
// h.WithCutOff(SameDayCutOff) for same-day procedures.
func (h OfficeHours) WithCutOff(cutOff time.Duration) OfficeHours {
	h.CutOff = cutOff
	return h
}

// Length returns the length of an office day, Close − Open.
func (h OfficeHours) Length() time.Duration { return h.Close - h.Open }

// Validate checks that 00:00 ≤ Open < CutOff ≤ Close ≤ 24:00.
func (h OfficeHours) Validate() error {
	if h.Open < 0 || h.Close > 24*time.Hour || h.Open >= h.CutOff || h.CutOff > h.Close {
		return fmt.Errorf("office hours open %v, cut-off %v, close %v: want 0 ≤ open < cut-off ≤ close ≤ 24h",
			h.Open, h.CutOff, h.Close)
	}
	return nil
}

// Calendar answers working-day questions: which days are working days and
// when a dossier falls due. It is immutable and safe for concurrent use.
type Calendar struct {
	t     *dayTable
	hours OfficeHours
}

// New builds a calendar for MinYear–MaxYear from the computed defaults, with
// the official schedules given (keyed by year; nil or empty for none)
// overriding the occasions they cover, and the office hours given.
func New(official map[int]*Schedule, hours OfficeHours) (*Calendar, error) {
	if err := hours.Validate(); err != nil {
		return nil, fmt.Errorf("new calendar: %w", err)
	}
	t, err := newDayTable(official)
	if err != nil {
		return nil, fmt.Errorf("new calendar: %w", err)
	}
	return &Calendar{t: t, hours: hours}, nil
}

// NewDefault builds a calendar from the embedded official schedules
// (Schedules) and DefaultOfficeHours.
func NewDefault() (*Calendar, error) {
	official, err := Schedules()
	if err != nil {
		return nil, fmt.Errorf("new default calendar: %w", err)
	}
	return New(official, DefaultOfficeHours())
}

// Hours returns the office hours of c.
func (c *Calendar) Hours() OfficeHours { return c.hours }

// WithHours returns a calendar with the same days and other office hours,
// e.g. c.WithHours(c.Hours().WithCutOff(SameDayCutOff)). It is cheap: the
// day tables are shared.
func (c *Calendar) WithHours(h OfficeHours) (*Calendar, error) {
	if err := h.Validate(); err != nil {
		return nil, fmt.Errorf("calendar with hours: %w", err)
	}
	return &Calendar{t: c.t, hours: h}, nil
}

// IsWorkingDay reports whether offices work on d: Monday to Friday except
// days off, plus weekend days an official schedule makes working days.
func (c *Calendar) IsWorkingDay(d Date) bool { return c.t.isWorking(d.DayNumber()) }

// NextWorkingDay returns the first working day after d.
func (c *Calendar) NextWorkingDay(d Date) Date {
	return DateFromDayNumber(c.t.at(c.t.count(d.DayNumber() + 1)))
}

// AddWorkingDays returns the n-th working day after d (before d if n < 0);
// d itself need not be a working day. With n = 0 it returns d if d is a
// working day, else the next working day.
func (c *Calendar) AddWorkingDays(d Date, n int) Date {
	x := d.DayNumber()
	switch {
	case n > 0:
		return DateFromDayNumber(c.t.at(c.t.count(x+1) + n - 1))
	case n < 0:
		return DateFromDayNumber(c.t.at(c.t.count(x) + n))
	default:
		return DateFromDayNumber(c.t.at(c.t.count(x)))
	}
}

// Holidays returns the days off of year in date order, with their
// Vietnamese names, from the effective schedule (official days where an
// official schedule covers the occasion, computed defaults elsewhere).
func (c *Calendar) Holidays(year int) ([]DayOff, error) {
	s, err := c.Schedule(year)
	if err != nil {
		return nil, fmt.Errorf("holidays: %w", err)
	}
	return s.DaysOff, nil
}

// Schedule returns a copy of the effective schedule of year.
func (c *Calendar) Schedule(year int) (*Schedule, error) {
	if year < MinYear || year > MaxYear {
		return nil, fmt.Errorf("schedule: year %d outside %d–%d", year, MinYear, MaxYear)
	}
	return c.t.schedules[year-MinYear].clone(), nil
}

// WorkingDays returns the working days from one date to another, both
// included, in order; it is meant for displays, not for hot paths.
func (c *Calendar) WorkingDays(from, to Date) []Date {
	var out []Date
	for k, end := c.t.count(from.DayNumber()), c.t.count(to.DayNumber()+1); k < end; k++ {
		out = append(out, DateFromDayNumber(c.t.at(k)))
	}
	return slices.Clip(out)
}
