package calendar

import (
	"bytes"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"slices"
	"strings"
	"time"
)

// Kind says what a listed day is.
type Kind string

// The kinds of listed days.
const (
	KindHoliday      Kind = "holiday"      // a public holiday (ngày nghỉ lễ, Tết)
	KindCompensatory Kind = "compensatory" // nghỉ bù: a holiday fell on a weekend or on another holiday
	KindSwapOff      Kind = "swap_off"     // hoán đổi: a weekday off, worked back on a weekend day
	KindSwapWork     Kind = "swap_work"    // làm bù: a weekend day worked in exchange for a swap_off day
)

// DayOff is a day on which offices are closed, with its Vietnamese name.
type DayOff struct {
	Date     Date     `json:"date"`
	Name     string   `json:"name"`     // e.g. "Tết Nguyên Đán (mùng 1)", "Nghỉ bù Giỗ Tổ Hùng Vương"
	Kind     Kind     `json:"kind"`     // holiday, compensatory or swap_off
	Occasion Occasion `json:"occasion"` // the holiday it belongs to
	// Default reports that the day was computed by DefaultSchedule rather
	// than taken from an official schedule.
	Default bool `json:"-"`
}

// WorkDay is a Saturday or Sunday on which offices work, in exchange for a
// swap_off weekday (làm bù); its kind is always KindSwapWork.
type WorkDay struct {
	Date     Date     `json:"date"`
	Name     string   `json:"name"`     // the reason, e.g. "Làm bù cho thứ Hai 31/08/2026"
	Occasion Occasion `json:"occasion"` // the holiday it belongs to
}

// Schedule lists the days off and the working weekend days of one year. An
// official schedule decides only the occasions in Covers; for the other
// occasions the computed default applies (see EffectiveSchedule).
type Schedule struct {
	Year        int        `json:"year"`
	Source      string     `json:"source"` // the decision or notice it comes from
	Covers      []Occasion `json:"covers"`
	DaysOff     []DayOff   `json:"days_off"`
	WorkingDays []WorkDay  `json:"working_days"`
}

// ParseSchedule parses and validates a schedule in JSON (the format of
// calendar/schedules/<year>.json). Unknown fields, malformed dates and every
// problem Validate finds are errors that name the offending entry.
func ParseSchedule(data []byte) (*Schedule, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var w wireSchedule
	if err := dec.Decode(&w); err != nil {
		return nil, fmt.Errorf("parse schedule: %w", err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, errors.New("parse schedule: unexpected data after the schedule object")
	}
	s := &Schedule{Year: w.Year, Source: w.Source, Covers: w.Covers}
	var errs []error
	date := func(where, text string) Date {
		if text == "" {
			return Date{} // reported by Validate as missing
		}
		d, err := ParseDate(text)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", where, err))
		}
		return d
	}
	for i, d := range w.DaysOff {
		s.DaysOff = append(s.DaysOff, DayOff{Date: date(fmt.Sprintf("days_off[%d]", i), d.Date),
			Name: d.Name, Kind: d.Kind, Occasion: d.Occasion})
	}
	for i, d := range w.WorkingDays {
		s.WorkingDays = append(s.WorkingDays, WorkDay{Date: date(fmt.Sprintf("working_days[%d]", i), d.Date),
			Name: d.Name, Occasion: d.Occasion})
	}
	if len(errs) > 0 {
		return nil, fmt.Errorf("parse schedule %d: %w", w.Year, errors.Join(errs...))
	}
	if err := s.Validate(); err != nil {
		return nil, fmt.Errorf("parse schedule: %w", err)
	}
	return s, nil
}

// wireSchedule is the JSON form of a Schedule with dates kept as text, so
// that a malformed date is reported with the entry it belongs to.
type wireSchedule struct {
	Year    int        `json:"year"`
	Source  string     `json:"source"`
	Covers  []Occasion `json:"covers"`
	DaysOff []struct {
		Date     string   `json:"date"`
		Name     string   `json:"name"`
		Kind     Kind     `json:"kind"`
		Occasion Occasion `json:"occasion"`
	} `json:"days_off"`
	WorkingDays []struct {
		Date     string   `json:"date"`
		Name     string   `json:"name"`
		Occasion Occasion `json:"occasion"`
	} `json:"working_days"`
}

// Validate checks a schedule: year within MinYear–MaxYear, a source, known
// and distinct covered occasions, and for every listed day a date inside the
// year, a name, a known kind, an occasion the schedule covers and no date
// listed twice; compensatory and swap_off days must be weekdays and working
// days must be a Saturday or Sunday. All problems are reported together.
func (s *Schedule) Validate() error {
	var errs []error
	add := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }
	if s.Year < MinYear || s.Year > MaxYear {
		add("year %d is outside %d–%d", s.Year, MinYear, MaxYear)
	}
	if strings.TrimSpace(s.Source) == "" {
		add("source is empty: name the decision or notice the schedule comes from")
	}
	if len(s.Covers) == 0 {
		add("covers is empty: list the occasions this schedule decides")
	}
	covered := map[Occasion]bool{}
	for i, o := range s.Covers {
		switch {
		case !o.Known():
			add("covers[%d]: unknown occasion %q (want one of %s)", i, o, occasionList())
		case covered[o]:
			add("covers[%d]: occasion %q is listed twice", i, o)
		}
		covered[o] = true
	}
	seen := map[Date]string{}
	check := func(where string, d Date, name string, o Occasion) bool {
		switch {
		case d.IsZero():
			add("%s: date is missing", where)
			return false
		case d.Year != s.Year:
			add("%s: date %s is outside the year %d", where, d, s.Year)
		}
		if prev, dup := seen[d]; dup {
			add("%s: date %s is listed twice (also %s)", where, d, prev)
		}
		seen[d] = where
		if strings.TrimSpace(name) == "" {
			add("%s (%s): name is empty", where, d)
		}
		switch {
		case !o.Known():
			add("%s (%s): unknown occasion %q (want one of %s)", where, d, o, occasionList())
		case !covered[o]:
			add("%s (%s): occasion %q is not listed in covers", where, d, o)
		}
		return true
	}
	for i, d := range s.DaysOff {
		where := fmt.Sprintf("days_off[%d]", i)
		if !check(where, d.Date, d.Name, d.Occasion) {
			continue
		}
		switch d.Kind {
		case KindHoliday:
		case KindCompensatory, KindSwapOff:
			if isWeekend(d.Date) {
				add("%s (%s): a %s day must be a weekday, not a %s", where, d.Date, d.Kind, weekdayName(d.Date))
			}
		default:
			add("%s (%s): unknown kind %q (want holiday, compensatory or swap_off)", where, d.Date, d.Kind)
		}
	}
	for i, w := range s.WorkingDays {
		where := fmt.Sprintf("working_days[%d]", i)
		if check(where, w.Date, w.Name, w.Occasion) && !isWeekend(w.Date) {
			add("%s (%s): a working day must be a Saturday or Sunday, not a %s", where, w.Date, weekdayName(w.Date))
		}
	}
	if len(errs) > 0 {
		return fmt.Errorf("schedule %d: %w", s.Year, errors.Join(errs...))
	}
	return nil
}

// EffectiveSchedule returns the schedule that governs year: the computed
// default (DefaultSchedule) in which every occasion the official schedule
// covers is replaced by the official days. official may be nil, and then the
// default is returned.
func EffectiveSchedule(year int, official *Schedule) (*Schedule, error) {
	def, err := DefaultSchedule(year)
	if err != nil || official == nil {
		return def, err
	}
	if official.Year != year {
		return nil, fmt.Errorf("effective schedule %d: official schedule is for %d", year, official.Year)
	}
	if err := official.Validate(); err != nil {
		return nil, fmt.Errorf("effective schedule %d: %w", year, err)
	}
	out := &Schedule{
		Year:   year,
		Source: official.Source + " Các ngày khác: " + def.Source,
		Covers: def.Covers,
	}
	for _, d := range def.DaysOff {
		if !slices.Contains(official.Covers, d.Occasion) {
			out.DaysOff = append(out.DaysOff, d)
		}
	}
	for _, d := range official.DaysOff {
		d.Default = false
		out.DaysOff = append(out.DaysOff, d)
	}
	out.WorkingDays = append(out.WorkingDays, official.WorkingDays...)
	out.sort()
	if err := out.Validate(); err != nil {
		return nil, fmt.Errorf("effective schedule %d: official days clash with the default: %w", year, err)
	}
	return out, nil
}

// scheduleFiles holds the official schedules shipped with cchc.
//
//go:embed schedules/*.json
var scheduleFiles embed.FS

// Schedules returns the official schedules embedded in cchc
// (calendar/schedules/<year>.json), keyed by year.
func Schedules() (map[int]*Schedule, error) {
	entries, err := fs.ReadDir(scheduleFiles, "schedules")
	if err != nil {
		return nil, fmt.Errorf("embedded schedules: %w", err)
	}
	out := map[int]*Schedule{}
	for _, e := range entries {
		data, err := scheduleFiles.ReadFile("schedules/" + e.Name())
		if err != nil {
			return nil, fmt.Errorf("embedded schedule %s: %w", e.Name(), err)
		}
		s, err := ParseSchedule(data)
		if err != nil {
			return nil, fmt.Errorf("embedded schedule %s: %w", e.Name(), err)
		}
		if want := fmt.Sprintf("%d.json", s.Year); e.Name() != want {
			return nil, fmt.Errorf("embedded schedule %s: holds year %d, want file name %s", e.Name(), s.Year, want)
		}
		out[s.Year] = s
	}
	return out, nil
}

// sort orders the listed days by date.
func (s *Schedule) sort() {
	slices.SortStableFunc(s.DaysOff, func(a, b DayOff) int { return a.Date.Compare(b.Date) })
	slices.SortStableFunc(s.WorkingDays, func(a, b WorkDay) int { return a.Date.Compare(b.Date) })
}

// clone returns a deep copy, so callers cannot change a Calendar's tables.
func (s *Schedule) clone() *Schedule {
	c := *s
	c.Covers = slices.Clone(s.Covers)
	c.DaysOff = slices.Clone(s.DaysOff)
	c.WorkingDays = slices.Clone(s.WorkingDays)
	return &c
}

func isWeekend(d Date) bool {
	wd := d.Weekday()
	return wd == time.Saturday || wd == time.Sunday
}

func weekdayName(d Date) string { return d.Weekday().String() }
