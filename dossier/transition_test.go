package dossier

import (
	"slices"
	"testing"

	"github.com/hpdoet/cchc"
)

// TestTransitionRecord checks what each kind of transition tells storage.
func TestTransitionRecord(t *testing.T) {
	cal := newCalendar(t)

	d := fixture(t, cal, "received")
	tr, err := Apply(d, Assign, Input{ActorID: oneStopID, Role: cchc.RoleOneStop, Steps: process(), UnitCode: "P.KHTC", AssigneeID: 17}, tA, cal, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if tr.Step != 0 || tr.UnitCode != "P.KHTC" || tr.AssigneeID != 17 || tr.ActorID != oneStopID {
		t.Errorf("assign: %+v", tr)
	}
	// The unit chosen at assignment is inherited by the step with no unit.
	if d.Steps[0].UnitCode != "P.KHTC" || d.Steps[1].UnitCode != "P.KHTC" || d.Steps[2].UnitCode != "BGD" {
		t.Errorf("units %q %q %q", d.Steps[0].UnitCode, d.Steps[1].UnitCode, d.Steps[2].UnitCode)
	}

	in := Input{ActorID: 17, Role: cchc.RoleSpecialist, Missing: []string{" Bản sao học bạ ", "", "Giấy khai sinh"}, Reason: " Thiếu giấy tờ "}
	tr, err = Apply(d, RequestSupplement, in, vn(2026, 3, 3, 9, 0), cal, Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"Bản sao học bạ", "Giấy khai sinh"}
	if !slices.Equal(tr.Missing, want) || !slices.Equal(d.Missing, want) || tr.Reason != "Thiếu giấy tờ" || d.Resume != Processing {
		t.Errorf("request: %+v, dossier missing %q resume %q", tr, d.Missing, d.Resume)
	}
	tr.Missing[0] = "changed"
	if d.Missing[0] != "Bản sao học bạ" {
		t.Error("the transition shares its list with the dossier")
	}

	run(t, cal, Options{}, d, stSupplement(vn(2026, 3, 3, 15, 0)))
	tr, err = Apply(d, CompleteStep, Input{ActorID: 17, Role: cchc.RoleSpecialist, AssigneeID: headID}, vn(2026, 3, 4, 9, 0), cal, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if tr.Step != 0 || tr.UnitCode != "P.KHTC" || tr.AssigneeID != headID || d.CurrentStep != 1 || d.Steps[1].AssigneeID != headID {
		t.Errorf("complete-step: %+v", tr)
	}
	if _, err := Apply(d, CompleteStep, Input{ActorID: 99, Role: cchc.RoleUnitHead}, vn(2026, 3, 4, 10, 0), cal, Options{}); cchc.ErrorCode(err) != cchc.EFORBIDDEN {
		t.Errorf("another unit head: %v", err)
	}
	run(t, cal, Options{}, d, stComplete(cchc.RoleUnitHead, headID, vn(2026, 3, 4, 11, 0)))
	tr, err = Apply(d, Approve, Input{ActorID: directorID, Role: cchc.RoleDirector}, vn(2026, 3, 5, 9, 0), cal, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if tr.Step != 2 || !d.FinishedAt.Equal(vn(2026, 3, 5, 9, 0)) || d.Steps[2].AssigneeID != directorID {
		t.Errorf("approve: %+v, finished %v", tr, d.FinishedAt)
	}
	tr, err = Apply(d, IssueResult, Input{Role: cchc.RoleOneStop}, vn(2026, 3, 5, 10, 0), cal, Options{})
	if err != nil || tr.ResultCode != "000.00.31.H26-260302-0042-KQ1" {
		t.Errorf("issue-result: %+v %v", tr, err)
	}
	run(t, cal, Options{}, d, step{Return, Input{Role: cchc.RoleOneStop}, vn(2026, 3, 6, 10, 0)})
	if !d.ReturnedAt.Equal(vn(2026, 3, 6, 10, 0)) || d.State != Returned || d.DVCQGStatus() != 10 {
		t.Errorf("returned: %+v", d)
	}
	// Supplement restarted the clock on Tuesday 03/03 15:00: due Tuesday 10/03.
	wantTime(t, "Due", d.Due, vn(2026, 3, 10, 17, 0))
	if got := Timeliness(d, tNow, cal); got != Early {
		t.Errorf("Timeliness = %q, want early", got)
	}
}

func BenchmarkApply(b *testing.B) {
	cal := newCalendar(b)
	for b.Loop() {
		fixture(b, cal, "returned")
	}
}

func BenchmarkTimeliness(b *testing.B) {
	cal := newCalendar(b)
	d := fixture(b, cal, "processing")
	for b.Loop() {
		Timeliness(d, tNow, cal)
		WillBeLate(d, tNow, cal)
	}
}
