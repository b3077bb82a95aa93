package dossier

import (
	"fmt"
	"time"

	"github.com/hpdoet/cchc/calendar"
)

// ClockPolicy says what a supplement does to the appointment date of a
// dossier whose processing was waiting for the applicant.
type ClockPolicy string

// The policies. The zero value means ClockRestart.
const (
	// ClockRestart recomputes the appointment from the time of the supplement
	// with the full legal limit, as if the dossier were received then: the
	// reading of Nghị định 61/2018/NĐ-CP, Điều 16, for a dossier completed
	// after a request. The date never moves earlier than the current one.
	ClockRestart ClockPolicy = "restart"
	// ClockPause stops the clock while waiting: the appointment moves later by
	// the office time the wait lasted, so the remaining working time
	// continues. This is how the 766 index subtracts waiting time.
	ClockPause ClockPolicy = "pause"
)

// DefaultMaxApologies is the number of apologies (Mẫu 04) a dossier may get
// when Options leaves it zero: one re-scheduling, as Nghị định 107/2021/NĐ-CP
// is recalled to allow. Not confirmed; see docs/dossier-lifecycle.md.
const DefaultMaxApologies = 1

// Options are the policy parameters of the machine. The zero value is the
// default: ClockRestart, DefaultMaxApologies.
type Options struct {
	Clock        ClockPolicy
	MaxApologies int // 0 = DefaultMaxApologies
}

func (o Options) validate() error {
	if o.Clock != "" && o.Clock != ClockRestart && o.Clock != ClockPause {
		return fmt.Errorf("dossier options: unknown clock policy %q", o.Clock)
	}
	if o.MaxApologies < 0 {
		return fmt.Errorf("dossier options: negative MaxApologies %d", o.MaxApologies)
	}
	return nil
}

func (o Options) maxApologies() int {
	if o.MaxApologies == 0 {
		return DefaultMaxApologies
	}
	return o.MaxApologies
}

// receiptCalendar returns the calendar a dossier's appointment is computed
// with: cal, or cal with the 15:00 cut-off of same-day procedures.
func receiptCalendar(cal *calendar.Calendar, sameDay bool) (*calendar.Calendar, error) {
	if !sameDay {
		return cal, nil
	}
	h := cal.Hours()
	c, err := cal.WithHours(h.WithCutOff(min(calendar.SameDayCutOff, h.Close)))
	if err != nil {
		return nil, fmt.Errorf("same-day calendar: %w", err)
	}
	return c, nil
}

// addWorking returns the instant d of office time after t: time outside
// office hours and on days off does not count. When the time runs out exactly
// at the end of a working day the result is that day's closing time, not the
// next opening. d ≤ 0 returns t.
func addWorking(cal *calendar.Calendar, t time.Time, d time.Duration) time.Time {
	if d <= 0 {
		return t
	}
	h := cal.Hours()
	day := calendar.DateOf(t)
	clock := h.Open
	if cal.IsWorkingDay(day) {
		clock = min(max(t.In(calendar.Vietnam).Sub(day.At(0)), h.Open), h.Close)
	} else {
		day = cal.NextWorkingDay(day)
	}
	left := h.Close - clock
	if d <= left {
		return day.At(clock + d)
	}
	// Skip whole days so that what is left fits in one.
	d -= left
	n := int((d - 1) / h.Length())
	return cal.AddWorkingDays(day, n+1).At(h.Open + d - time.Duration(n)*h.Length())
}

// planSteps sets the deadlines of steps[from:] by spreading the office time
// between start and due over them in proportion to their Days: step i is due
// when the cumulative share of the days up to it has elapsed. Intermediate
// deadlines are rounded down to the minute; the last is due exactly. When the
// time is used up (start at or after due) every deadline is due, and steps
// with no days share equally.
func planSteps(cal *calendar.Calendar, steps []StepState, from int, start, due time.Time) {
	if from >= len(steps) {
		return
	}
	total := 0.0
	for _, s := range steps[from:] {
		total += s.Days
	}
	w := max(cal.WorkingDuration(start, due), 0)
	cum := 0.0
	for i := from; i < len(steps); i++ {
		if i == len(steps)-1 {
			steps[i].DueAt = due
			break
		}
		share := float64(i-from+1) / float64(len(steps)-from)
		if total > 0 {
			cum += steps[i].Days
			share = cum / total
		}
		at := addWorking(cal, start, time.Duration(float64(w)*share)).Truncate(time.Minute)
		if at.After(due) {
			at = due
		}
		steps[i].DueAt = at
	}
}

// shiftSteps moves the deadlines of the unfinished steps later by d of
// office time (the Pause policy).
func shiftSteps(cal *calendar.Calendar, steps []StepState, from int, d time.Duration) {
	for i := from; i < len(steps); i++ {
		steps[i].DueAt = addWorking(cal, steps[i].DueAt, d)
	}
}
