package plan

import "time"

// Status of a task or instance. It is derived, never set by hand.
type Status string

// Statuses, in the order the UI lists them.
const (
	Unassigned Status = "unassigned"  // no assignment yet
	NotStarted Status = "not_started" // start date ahead, nothing posted
	InProgress Status = "in_progress" // started or something posted, not yet due
	Done       Status = "done"        // accepted evidence delivered by the due date
	DoneLate   Status = "done_late"   // accepted evidence delivered after the due date
	Overdue    Status = "overdue"     // due date passed with no accepted evidence
)

// Statuses lists every status in display order.
var Statuses = []Status{Overdue, InProgress, NotStarted, Done, DoneLate, Unassigned}

// Name is the Vietnamese name of the status.
func (s Status) Name() string {
	switch s {
	case Unassigned:
		return "Chưa phân công"
	case NotStarted:
		return "Chưa bắt đầu"
	case InProgress:
		return "Đang thực hiện"
	case Done:
		return "Hoàn thành"
	case DoneLate:
		return "Hoàn thành muộn"
	case Overdue:
		return "Quá hạn"
	}
	return string(s)
}

// Valid reports whether s is a known status.
func (s Status) Valid() bool {
	for _, x := range Statuses {
		if x == s {
			return true
		}
	}
	return false
}

// Finished reports whether nothing more is expected for the status.
func (s Status) Finished() bool { return s == Done || s == DoneLate }

// Facts are what the status of one instance depends on.
type Facts struct {
	Start, Due  time.Time // civil dates
	Delivered   time.Time // civil date the first accepted evidence was submitted; zero if none
	AnyActivity bool      // a progress note or any evidence was posted
}

// InstanceStatus derives an instance's status on the civil date today.
//
// Completion is dated by when the unit submitted the evidence that the Office
// later accepted, not by the review date, so the Office's delay in reviewing
// never makes a unit late.
func InstanceStatus(f Facts, today time.Time) Status {
	switch {
	case !f.Delivered.IsZero() && f.Delivered.After(f.Due):
		return DoneLate
	case !f.Delivered.IsZero():
		return Done
	case today.After(f.Due):
		return Overdue
	case f.AnyActivity || !today.Before(f.Start):
		return InProgress
	}
	return NotStarted
}

// TaskStatus combines the statuses of a task's instances: overdue if any is
// overdue; finished only when all are (late if any was late); in progress if
// any is under way; otherwise not started.
func TaskStatus(instances []Status) Status {
	if len(instances) == 0 {
		return Unassigned
	}
	var overdue, late, inProgress, finished int
	for _, s := range instances {
		switch s {
		case Overdue:
			overdue++
		case DoneLate:
			late++
			finished++
		case Done:
			finished++
		case InProgress:
			inProgress++
		}
	}
	switch {
	case overdue > 0:
		return Overdue
	case finished == len(instances) && late > 0:
		return DoneLate
	case finished == len(instances):
		return Done
	case inProgress > 0 || finished > 0:
		return InProgress
	}
	return NotStarted
}

// DueSoon reports whether an unfinished instance falls due within days
// calendar days of today (today included).
func DueSoon(s Status, due, today time.Time, days int) bool {
	return !s.Finished() && s != Overdue && !due.Before(today) && !due.After(today.AddDate(0, 0, days))
}
