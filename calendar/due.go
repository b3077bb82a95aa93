package calendar

import "time"

// Deadlines follow the Civil Code's rule for periods counted in days (Bộ
// luật Dân sự 2015, Điều 147–148): the day of receipt is not counted, and the
// period ends at the end of its last day, moved to the next working day when
// it is a day off. Here "day" means working day and a day ends when the
// office closes.
//
// A receipt starts the count on its start day: the day of receipt when that
// is a working day and the receipt is before the cut-off (a receipt before
// opening counts from that day's opening), otherwise the next working day.
// A limit of N working days falls due at closing time on the N-th working day
// after the start day; N = 0 (same-day procedures) falls due at closing time
// on the start day itself.

// StartDay returns the day from which a dossier received at received is
// counted: the day of receipt if it is a working day and received is before
// the cut-off, otherwise the next working day.
func (c *Calendar) StartDay(received time.Time) Date {
	return DateFromDayNumber(c.t.at(c.startIndex(received)))
}

// Due returns the appointment time (ngày hẹn trả) of a dossier received at
// received with a time limit of days working days: closing time (17:00 by
// default) on the days-th working day after its start day (StartDay), or on
// the start day itself when days is 0. A negative days counts as 0. The
// result is in Vietnam time. For every receipt time and days ≥ 0,
// WorkingDaysBetween(received, Due(received, days)) == days.
func (c *Calendar) Due(received time.Time, days int) time.Time {
	days = max(days, 0)
	return joinTime(c.t.at(c.startIndex(received)+days), c.hours.Close)
}

// WorkingDaysBetween returns how many working days after the start day of a
// receipt at a (see StartDay) the instant b falls, where b belongs to the
// first working day whose closing time is at or after b. It is negative when
// b falls before that start day. Its unit is whole working days.
//
// For a dossier received at r with a limit of n days and finished at f,
// WorkingDaysBetween(r, f) − n is the number of working days it was late
// (positive) or early (negative): f is on time, f ≤ Due(r, n), exactly when
// that difference is ≤ 0.
func (c *Calendar) WorkingDaysBetween(a, b time.Time) int {
	return c.endIndex(b) - c.startIndex(a)
}

// DaysLate compares a completion time done with a due time due (for example
// a new date set by a Phiếu xin lỗi và hẹn lại): it returns the working days
// by which done is late, at least 1 when done is after due, or minus the
// whole working days to spare, 0 or less, when done is at or before due.
func (c *Calendar) DaysLate(due, done time.Time) int {
	diff := c.endIndex(done) - c.endIndex(due)
	if done.After(due) {
		return max(diff, 1)
	}
	return diff
}

// WorkingDuration returns the office time between a and b, counting only
// the hours from opening to closing on working days; it is negative when b
// is before a. Divided by Hours().Length() it gives fractions of a working
// day, so "late by half a day" is WorkingDuration(due, done) = Length()/2.
func (c *Calendar) WorkingDuration(a, b time.Time) time.Duration {
	da, ca := c.officePosition(a)
	db, cb := c.officePosition(b)
	return time.Duration(db-da)*c.hours.Length() + cb - ca
}

// startIndex returns the number of the working day a receipt at t counts
// from (see StartDay).
func (c *Calendar) startIndex(t time.Time) int {
	day, clock := splitTime(t)
	if c.t.isWorking(day) && clock < c.hours.CutOff {
		return c.t.count(day)
	}
	return c.t.count(day + 1)
}

// endIndex returns the number of the first working day whose closing time
// is at or after t.
func (c *Calendar) endIndex(t time.Time) int {
	day, clock := splitTime(t)
	if c.t.isWorking(day) && clock <= c.hours.Close {
		return c.t.count(day)
	}
	return c.t.count(day + 1)
}

// officePosition returns t as a number of whole working days before its
// date and the office time already elapsed on that date.
func (c *Calendar) officePosition(t time.Time) (int, time.Duration) {
	day, clock := splitTime(t)
	k := c.t.count(day)
	if !c.t.isWorking(day) {
		return k, 0
	}
	return k, min(max(clock-c.hours.Open, 0), c.hours.Length())
}
