package dossier

import (
	"time"

	"github.com/hpdoet/cchc/calendar"
)

// Status is a dossier's timeliness under indicator 2.1 of the 766 index
// (Tỷ lệ hồ sơ xử lý trước hạn, đúng hạn).
type Status string

// The statuses. Early, OnTime and OpenOnTime count as on time in the index.
const (
	Early      Status = "early"        // xong trước hạn: finished on a working day before the due day
	OnTime     Status = "on_time"      // xong đúng hạn: finished on the due day, by the due time
	Late       Status = "late"         // xong quá hạn
	OpenOnTime Status = "open_on_time" // đang giải quyết, chưa đến hạn
	OpenLate   Status = "open_late"    // đang giải quyết, đã quá hạn
	NotCounted Status = "not_counted"  // never received (refused at reception, withdrawn before receipt, still submitted)
)

// Name is the Vietnamese name of the status.
func (s Status) Name() string {
	switch s {
	case Early:
		return "Trước hạn"
	case OnTime:
		return "Đúng hạn"
	case Late:
		return "Quá hạn"
	case OpenOnTime:
		return "Đang giải quyết, trong hạn"
	case OpenLate:
		return "Đang giải quyết, quá hạn"
	case NotCounted:
		return "Không tính"
	}
	return string(s)
}

// Counted reports whether the dossier is in the denominator of the index.
func (s Status) Counted() bool { return s != NotCounted && s != "" }

// CountsOnTime reports whether the dossier is in the numerator of the index:
// finished early or on time, or open and not yet due.
func (s Status) CountsOnTime() bool { return s == Early || s == OnTime || s == OpenOnTime }

// Timeliness returns the status of d at time now, by the DVCQG on-time
// rules (766-index.md §3, group 2):
//
//   - only received dossiers count;
//   - a dossier marked Late (a second supplement request, an apology, an
//     action after the due time) stays late: an apology does not cure it;
//   - a finished dossier is late if its end of processing (EndOfProcessing)
//     is after Due, early if it is on a working day before Due's day, else on
//     time;
//   - an open dossier is late once now is after Due; while it waits for a
//     single supplement request the clock is stopped and the request time is
//     compared instead;
//
// Due already carries the time the clock stopped for supplements (by the
// ClockPolicy), so waiting time is not counted against the dossier.
func Timeliness(d *Dossier, now time.Time, cal *calendar.Calendar) Status {
	if d == nil || d.ReceivedAt.IsZero() {
		return NotCounted
	}
	if end := d.EndOfProcessing(); !end.IsZero() {
		switch {
		case d.Late || end.After(d.Due):
			return Late
		case cal.DaysLate(d.Due, end) < 0:
			return Early
		}
		return OnTime
	}
	if d.Late {
		return OpenLate
	}
	at := now
	if p, ok := d.openPause(); ok && d.State == SupplementRequested {
		at = p.From
	}
	if at.After(d.Due) {
		return OpenLate
	}
	return OpenOnTime
}

// WillBeLate reports whether a dossier whose clock runs (received or in
// processing) is late or will be: now is after Due, or less office time is
// left before Due than the work left. The work left is what remains of the
// current step's time up to its deadline plus the time planned for the
// steps after it, so in processing a dossier will be late exactly when its
// current step is behind its own deadline. Before assignment it is the
// days of the planned process (at most the time limit). This is the
// condition for an apology (Mẫu 04).
func WillBeLate(d *Dossier, now time.Time, cal *calendar.Calendar) bool {
	if d == nil || !clockRunning(d.State) || d.Due.IsZero() {
		return false
	}
	if now.After(d.Due) {
		return true
	}
	return cal.WorkingDuration(now, d.Due) < workLeft(d, now, cal)
}

// workLeft estimates the office time the rest of the process needs.
func workLeft(d *Dossier, now time.Time, cal *calendar.Calendar) time.Duration {
	if s := d.Step(); s != nil {
		return max(cal.WorkingDuration(now, s.DueAt), 0) + max(cal.WorkingDuration(s.DueAt, d.Due), 0)
	}
	days := 0.0
	for _, s := range d.Steps {
		days += s.Days
	}
	days = min(days, float64(d.LimitDays))
	return time.Duration(days * float64(cal.Hours().Length()))
}
