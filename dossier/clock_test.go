package dossier

import (
	"testing"
	"time"

	"github.com/hpdoet/cchc"
)

// The expected times below are worked out by hand from the calendar rules
// (docs/calendar.md §7): the receipt day counts only if the receipt is before
// the cut-off, a limit of N days falls due at 17:00 on the N-th working day
// after the start day, office days are 07:30–17:00 (9h30).

// TestDueAcrossTet: 5 working days from Friday 13/02/2026 16:30. Start day
// Friday 13/02 (before the 17:00 cut-off); Tết is Monday 16 – Friday 20/02
// and the weekends around it are off; the 5 days are 23, 24, 25, 26, 27/02.
func TestDueAcrossTet(t *testing.T) {
	cal := newCalendar(t)
	now := vn(2026, 2, 13, 16, 30)
	d := run(t, cal, Options{}, &Dossier{}, step{Receive, newInput(cchc.RoleOneStop, Counter, now, procedure()), now})
	wantTime(t, "Due", d.Due, vn(2026, 2, 27, 17, 0))
	wantTime(t, "OriginalDue", d.OriginalDue, vn(2026, 2, 27, 17, 0))
	wantTime(t, "ReceivedAt", d.ReceivedAt, now)
	if d.State != Received || d.Code.String() != "000.00.31.H26-260213-0042" {
		t.Errorf("state %q, code %s", d.State, d.Code)
	}
}

// TestSameDay: a same-day procedure (limit 0) counts from the next working
// day when received at or after 15:00; an ordinary one keeps the 17:00
// cut-off.
func TestSameDay(t *testing.T) {
	cal := newCalendar(t)
	sameDay := Procedure{Code: "1.010020", SameDay: true}
	tests := []struct {
		name string
		p    Procedure
		at   time.Time
		want time.Time
	}{
		{"same-day, Tuesday 15:10", sameDay, vn(2026, 3, 3, 15, 10), vn(2026, 3, 4, 17, 0)},
		{"same-day, Tuesday 14:50", sameDay, vn(2026, 3, 3, 14, 50), vn(2026, 3, 3, 17, 0)},
		{"same-day, Friday 15:10 before Tết", sameDay, vn(2026, 2, 13, 15, 10), vn(2026, 2, 23, 17, 0)},
		{"1 day, Tuesday 15:10", Procedure{Code: "x", LimitDays: 1}, vn(2026, 3, 3, 15, 10), vn(2026, 3, 4, 17, 0)},
		{"1 day, Tuesday 17:10", Procedure{Code: "x", LimitDays: 1}, vn(2026, 3, 3, 17, 10), vn(2026, 3, 5, 17, 0)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := run(t, cal, Options{}, &Dossier{}, step{Receive, newInput(cchc.RoleOneStop, Counter, tt.at, tt.p), tt.at})
			wantTime(t, "Due", d.Due, tt.want)
		})
	}
}

// TestStepDeadlines: the procedure's time is spread over the steps by their
// days, in office hours.
func TestStepDeadlines(t *testing.T) {
	cal := newCalendar(t)

	// Received and assigned Monday 02/03/2026, 09:00 and 10:00; due Monday
	// 09/03 17:00. From 10:00 there are 7h + 4 × 9h30 + 9h30 = 54h30 of office
	// time; steps of 3, 1, 1 days end at 3/5 (32h42) and 4/5 (43h36) of it:
	// Thursday 05/03 14:12 and Friday 06/03 15:36.
	d := fixture(t, cal, "processing")
	wantTime(t, "step 1", d.Steps[0].DueAt, vn(2026, 3, 5, 14, 12))
	wantTime(t, "step 2", d.Steps[1].DueAt, vn(2026, 3, 6, 15, 36))
	wantTime(t, "step 3", d.Steps[2].DueAt, vn(2026, 3, 9, 17, 0))
	wantTime(t, "step 1 start", d.Steps[0].StartedAt, tA)
	if d.Steps[1].UnitCode != "P.GDTrH" || d.Steps[2].UnitCode != "BGD" || d.Steps[0].AssigneeID != specialistID {
		t.Errorf("steps %+v", d.Steps)
	}

	// Received Friday 13/02/2026 16:30 (due Friday 27/02 17:00), assigned at
	// 17:00: five whole office days (47h30) after Tết. Steps of 3.5, 0.5 and
	// 1 day end at 70% (33h15: Thursday 26/02 07:30 + 4h45 = 12:15) and 80%
	// (38h, exactly four days: Thursday 26/02 17:00, not Friday 07:30).
	at := vn(2026, 2, 13, 16, 30)
	steps := []StepSpec{
		{Name: "Thẩm định", UnitCode: "P.GDTrH", Role: cchc.RoleSpecialist, Days: 3.5},
		{Name: "Xem xét", Role: cchc.RoleUnitHead, Days: 0.5},
		{Name: "Phê duyệt", Role: cchc.RoleDirector, Days: 1},
	}
	d = run(t, cal, Options{}, &Dossier{},
		step{Receive, newInput(cchc.RoleOneStop, Counter, at, procedure()), at},
		step{Assign, Input{Role: cchc.RoleOneStop, Steps: steps, AssigneeID: specialistID}, vn(2026, 2, 13, 17, 0)})
	wantTime(t, "step 1", d.Steps[0].DueAt, vn(2026, 2, 26, 12, 15))
	wantTime(t, "step 2", d.Steps[1].DueAt, vn(2026, 2, 26, 17, 0))
	wantTime(t, "step 3", d.Steps[2].DueAt, vn(2026, 2, 27, 17, 0))
}

// TestSupplementClock: a request on Wednesday 04/03/2026 10:00 and the
// supplement on Saturday 07/03 10:00, for a dossier received Monday 02/03
// 09:00 with 5 days (due Monday 09/03 17:00).
func TestSupplementClock(t *testing.T) {
	cal := newCalendar(t)
	req, sup := vn(2026, 3, 4, 10, 0), vn(2026, 3, 7, 10, 0)

	t.Run("restart", func(t *testing.T) {
		// A Saturday supplement counts from Monday 09/03; 5 days: Monday 16/03.
		d := run(t, cal, Options{}, fixture(t, cal, "processing"), stRequest(req), stSupplement(sup))
		wantTime(t, "Due", d.Due, vn(2026, 3, 16, 17, 0))
		wantTime(t, "OriginalDue", d.OriginalDue, vn(2026, 3, 9, 17, 0))
		if d.State != Processing || d.CurrentStep != 0 || d.Late || d.Missing != nil || d.Resume != None {
			t.Errorf("after supplement: %+v", d)
		}
		if len(d.Pauses) != 1 || !d.Pauses[0].From.Equal(req) || !d.Pauses[0].To.Equal(sup) {
			t.Errorf("pauses %+v", d.Pauses)
		}
		// The steps are re-planned from the supplement over the office time
		// to the new due time: Monday 09/03 (the start day, a whole office
		// day since the supplement came on a Saturday) to Monday 16/03, six
		// days, 57h. 3/5 = 34h12: Thursday 12/03 07:30 + 5h42 = 13:12;
		// 4/5 = 45h36: Friday 13/03 07:30 + 7h36 = 15:06.
		wantTime(t, "step 1", d.Steps[0].DueAt, vn(2026, 3, 12, 13, 12))
		wantTime(t, "step 2", d.Steps[1].DueAt, vn(2026, 3, 13, 15, 6))
		wantTime(t, "step 3", d.Steps[2].DueAt, vn(2026, 3, 16, 17, 0))
		if got := Timeliness(d, vn(2026, 3, 13, 9, 0), cal); got != OpenOnTime {
			t.Errorf("Timeliness after the old due time = %q, want open on time", got)
		}
	})

	t.Run("pause", func(t *testing.T) {
		// The wait used Wednesday 10:00–17:00 (7h), Thursday and Friday
		// (9h30 each): 26h. From Monday 09/03 17:00: Tuesday 9h30, Wednesday
		// 9h30, then 7h of Thursday 12/03: 14:30.
		d := run(t, cal, Options{Clock: ClockPause}, fixture(t, cal, "processing"), stRequest(req), stSupplement(sup))
		wantTime(t, "Due", d.Due, vn(2026, 3, 12, 14, 30))
		wantTime(t, "OriginalDue", d.OriginalDue, vn(2026, 3, 9, 17, 0))
		// Step 1 was due Thursday 05/03 14:12: + 26h = the rest of Thursday
		// (2h48), Friday 06/03 and Monday 09/03 (9h30 each), then 4h12 of
		// Tuesday 10/03: 11:42.
		wantTime(t, "step 1", d.Steps[0].DueAt, vn(2026, 3, 10, 11, 42))
		wantTime(t, "step 3", d.Steps[2].DueAt, d.Due)
	})

	t.Run("restart never moves the date earlier", func(t *testing.T) {
		// Behind schedule on Friday 06/03 09:00 (step 1 was due Thursday
		// 14:12), the dossier is re-scheduled to Wednesday 29/04/2026; a
		// supplement on Friday 06/03 would restart to Friday 13/03, earlier,
		// so the promised date stays.
		d := run(t, cal, Options{}, fixture(t, cal, "processing"),
			step{Apologize, Input{Role: cchc.RoleOneStop, Reason: "Chờ ý kiến liên ngành", NewDue: vn(2026, 4, 29, 9, 0)}, vn(2026, 3, 6, 9, 0)},
			stRequest(vn(2026, 3, 6, 10, 0)), stSupplement(vn(2026, 3, 6, 11, 0)))
		wantTime(t, "Due", d.Due, vn(2026, 4, 29, 17, 0))
		wantTime(t, "step 3", d.Steps[2].DueAt, d.Due)
		if !d.Late || d.Apologies != 1 {
			t.Errorf("late %v, apologies %d", d.Late, d.Apologies)
		}
	})

	t.Run("request at reception stops no clock", func(t *testing.T) {
		d := run(t, cal, Options{}, fixture(t, cal, "supplement_reception"), stSupplement(vn(2026, 3, 4, 9, 0)))
		if d.State != Submitted || len(d.Pauses) != 0 || d.ReceptionSupplements != 1 || d.SupplementRequests != 0 {
			t.Errorf("after supplement at reception: %+v", d)
		}
		run(t, cal, Options{}, d, step{Receive, Input{Role: cchc.RoleOneStop}, vn(2026, 3, 4, 10, 0)})
		wantTime(t, "Due", d.Due, vn(2026, 3, 11, 17, 0))
	})
}

// TestAddWorking checks office-time addition at the edges of the day.
func TestAddWorking(t *testing.T) {
	cal := newCalendar(t)
	tests := []struct {
		from time.Time
		d    time.Duration
		want time.Time
	}{
		{vn(2026, 3, 2, 9, 0), 0, vn(2026, 3, 2, 9, 0)},
		{vn(2026, 3, 2, 9, 0), 8 * time.Hour, vn(2026, 3, 2, 17, 0)},
		{vn(2026, 3, 2, 9, 0), 8*time.Hour + time.Minute, vn(2026, 3, 3, 7, 31)},
		{vn(2026, 3, 2, 6, 0), 9*time.Hour + 30*time.Minute, vn(2026, 3, 2, 17, 0)},
		{vn(2026, 3, 2, 18, 0), time.Hour, vn(2026, 3, 3, 8, 30)},
		{vn(2026, 3, 6, 17, 0), 19 * time.Hour, vn(2026, 3, 10, 17, 0)}, // Friday close + 2 days = Tuesday close
		{vn(2026, 2, 13, 16, 0), 2 * time.Hour, vn(2026, 2, 23, 8, 30)}, // across Tết
		{vn(2026, 3, 7, 10, 0), 95 * time.Hour, vn(2026, 3, 20, 17, 0)}, // Saturday + 10 days
	}
	for _, tt := range tests {
		if got := addWorking(cal, tt.from, tt.d); !got.Equal(tt.want) {
			t.Errorf("addWorking(%v, %v) = %v, want %v", tt.from, tt.d, got, tt.want)
		}
		if tt.d > 0 && tt.from.Hour() >= 7 && tt.from.Hour() < 17 {
			if back := cal.WorkingDuration(tt.from, tt.want); back != tt.d {
				t.Errorf("WorkingDuration back = %v, want %v", back, tt.d)
			}
		}
	}
}
