package dossier

import (
	"testing"
	"time"

	"github.com/hpdoet/cchc"
)

// finish completes the fixture process and approves at the given times.
func finish(cv, tp, ld time.Time) []step {
	return []step{
		stComplete(cchc.RoleSpecialist, specialistID, cv),
		stComplete(cchc.RoleUnitHead, headID, tp),
		stApprove(ld),
	}
}

// TestTimeliness follows the 766 on-time rules (766-index.md §3) for a
// dossier received Monday 02/03/2026 09:00, due Monday 09/03 17:00.
func TestTimeliness(t *testing.T) {
	cal := newCalendar(t)
	mon, tue, wed, thu, fri := vn(2026, 3, 2, 12, 0), vn(2026, 3, 3, 10, 0), vn(2026, 3, 4, 10, 0), vn(2026, 3, 5, 10, 0), vn(2026, 3, 6, 10, 0)
	apology := step{Apologize, Input{Role: cchc.RoleOneStop, Reason: "Cần xác minh", NewDue: vn(2026, 3, 13, 9, 0)}, vn(2026, 3, 5, 16, 0)}
	tests := []struct {
		name    string
		fixture string
		steps   []step
		now     time.Time
		want    Status
		late    bool
	}{
		{"submitted, not received", "submitted", nil, tNow, NotCounted, false},
		{"refused at reception", "refused", nil, tNow, NotCounted, false},
		{"open, not yet due", "processing", nil, fri, OpenOnTime, false},
		{"open, due time passed, no action", "processing", nil, tNow, OpenLate, false},
		{"open at the due time", "processing", nil, vn(2026, 3, 9, 17, 0), OpenOnTime, false},
		{"approved days before", "approved", nil, tNow, Early, false},
		{"approved on the due day", "processing", finish(thu, fri, vn(2026, 3, 9, 16, 0)), tNow, OnTime, false},
		{"approved after the due time", "processing", finish(thu, fri, vn(2026, 3, 10, 8, 0)), tNow, Late, true},
		{"returning the result late does not matter", "approved", []step{
			{IssueResult, Input{Role: cchc.RoleOneStop}, tNow},
			{Return, Input{Role: cchc.RoleOneStop}, tNow.Add(time.Hour)}}, tNow.Add(time.Hour), Early, false},
		{"withdrawn before receipt", "submitted", []step{{Withdraw, Input{Role: cchc.RoleCitizen}, mon}}, tNow, NotCounted, false},
		{"withdrawn in processing", "processing", []step{{Withdraw, Input{Role: cchc.RoleCitizen}, vn(2026, 3, 9, 9, 0)}}, tNow, OnTime, false},
		{"refused after the due time", "processing", []step{{Refuse, Input{Role: cchc.RoleUnitHead, Reason: "x"}, tNow}}, tNow, Late, true},

		{"waiting for one supplement, clock stopped", "processing", []step{stRequest(wed)}, vn(2026, 3, 20, 9, 0), OpenOnTime, false},
		{"withdrawn while waiting: ends at the request", "processing", []step{stRequest(wed), {Withdraw, Input{Role: cchc.RoleCitizen}, vn(2026, 3, 20, 9, 0)}}, tNow, Early, false},
		{"one supplement, then on time", "processing", append([]step{stRequest(tue), stSupplement(wed)}, finish(thu, fri, vn(2026, 3, 9, 9, 0))...), tNow, Early, false},
		{"second supplement request: late while open", "processing", []step{stRequest(tue), stSupplement(vn(2026, 3, 3, 14, 0)), stRequest(wed)}, wed, OpenLate, true},
		{"second supplement request: late when done early", "processing", append([]step{stRequest(tue), stSupplement(vn(2026, 3, 3, 14, 0)), stRequest(wed), stSupplement(thu)}, finish(thu, fri, fri)...), fri, Late, true},
		{"apology: late although done before the new date", "processing", append([]step{apology}, finish(vn(2026, 3, 6, 9, 0), fri, vn(2026, 3, 11, 9, 0))...), tNow, Late, true},
		{"apology: late although done before the original date", "processing", append([]step{apology}, finish(vn(2026, 3, 6, 9, 0), fri, vn(2026, 3, 9, 9, 0))...), tNow, Late, true},
		{"apology: open, before the new date", "processing", []step{apology}, vn(2026, 3, 6, 9, 0), OpenLate, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := run(t, cal, Options{}, fixture(t, cal, tt.fixture), tt.steps...)
			if got := Timeliness(d, tt.now, cal); got != tt.want {
				t.Errorf("Timeliness = %q, want %q (due %v, end %v)", got, tt.want, d.Due, d.EndOfProcessing())
			}
			if d.Late != tt.late {
				t.Errorf("Late = %v, want %v", d.Late, tt.late)
			}
		})
	}
}

// TestApologyMovesDue: the apology moves Due, not OriginalDue, re-plans the
// remaining steps and keeps the dossier late.
func TestApologyMovesDue(t *testing.T) {
	cal := newCalendar(t)
	d := fixture(t, cal, "processing")
	tr, err := Apply(d, Apologize, Input{ActorID: headID, Role: cchc.RoleUnitHead, Reason: "Cần xác minh với trường", NewDue: vn(2026, 3, 13, 8, 0)}, tNow, cal, Options{})
	if err != nil {
		t.Fatal(err)
	}
	wantTime(t, "Due", d.Due, vn(2026, 3, 13, 17, 0))
	wantTime(t, "OriginalDue", d.OriginalDue, vn(2026, 3, 9, 17, 0))
	wantTime(t, "DueBefore", tr.DueBefore, vn(2026, 3, 9, 17, 0))
	wantTime(t, "DueAfter", tr.DueAfter, vn(2026, 3, 13, 17, 0))
	wantTime(t, "last step", d.Steps[2].DueAt, d.Due)
	if !d.Late || !tr.Late || d.Apologies != 1 || tr.Reason != "Cần xác minh với trường" {
		t.Errorf("late %v/%v, apologies %d, reason %q", d.Late, tr.Late, d.Apologies, tr.Reason)
	}
	if d.Steps[0].DueAt.Before(tNow) {
		t.Errorf("step 1 re-planned to %v, before the apology", d.Steps[0].DueAt)
	}
	if got := Timeliness(d, vn(2026, 3, 11, 9, 0), cal); got != OpenLate {
		t.Errorf("Timeliness = %q, want open late", got)
	}

	// MaxApologies 2 allows a second one, once the new date is missed too.
	_, err = Apply(d, Apologize, Input{Role: cchc.RoleUnitHead, Reason: "x", NewDue: vn(2026, 3, 20, 8, 0)}, vn(2026, 3, 16, 9, 0), cal, Options{MaxApologies: 2})
	if err != nil || d.Apologies != 2 {
		t.Fatalf("second apology: %v, apologies %d", err, d.Apologies)
	}
}

// TestWillBeLate checks the condition for an apology.
func TestWillBeLate(t *testing.T) {
	cal := newCalendar(t)
	planned := run(t, cal, Options{}, fixture(t, cal, "submitted"), step{Receive, Input{Role: cchc.RoleOneStop, Steps: process()}, tR})
	tests := []struct {
		name string
		d    *Dossier
		now  time.Time
		want bool
	}{
		{"processing, on schedule", fixture(t, cal, "processing"), vn(2026, 3, 5, 14, 0), false},
		{"processing, step 1 behind its deadline", fixture(t, cal, "processing"), vn(2026, 3, 5, 14, 30), true},
		{"processing, after the due time", fixture(t, cal, "processing_approval"), tNow, true},
		{"approval step, on schedule", fixture(t, cal, "processing_approval"), vn(2026, 3, 9, 9, 0), false},
		{"received, no process planned, before due", fixture(t, cal, "received"), vn(2026, 3, 9, 9, 0), false},
		// 5 planned days need 47h30; Tuesday 12:00 leaves 5h + 3 × 9h30 + 9h30 = 43h.
		{"received, planned process, just received", planned, vn(2026, 3, 2, 10, 0), false},
		{"received, planned process, routed too late", planned, vn(2026, 3, 3, 12, 0), true},
		{"waiting for a supplement", fixture(t, cal, "supplement_processing"), tNow, false},
		{"approved", fixture(t, cal, "approved"), tNow, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := WillBeLate(tt.d, tt.now, cal); got != tt.want {
				t.Errorf("WillBeLate = %v, want %v", got, tt.want)
			}
		})
	}
}

// TestStatusNames checks the index membership of each status.
func TestStatusNames(t *testing.T) {
	for _, s := range []Status{Early, OnTime, Late, OpenOnTime, OpenLate, NotCounted} {
		if s.Name() == string(s) {
			t.Errorf("%q has no name", s)
		}
		if got, want := s.CountsOnTime(), s == Early || s == OnTime || s == OpenOnTime; got != want {
			t.Errorf("%q.CountsOnTime() = %v", s, got)
		}
		if got, want := s.Counted(), s != NotCounted; got != want {
			t.Errorf("%q.Counted() = %v", s, got)
		}
	}
}
