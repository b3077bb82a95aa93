package dossier

import (
	"maps"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/hpdoet/cchc"
	"github.com/hpdoet/cchc/calendar"
)

const agency = "000.00.31.H26"

// Actors of the fixtures.
const (
	citizenID    = 1
	oneStopID    = 2
	specialistID = 7
	headID       = 8
	directorID   = 9
)

// vn returns a time in Vietnam time.
func vn(y int, m time.Month, d, hh, mm int) time.Time {
	return time.Date(y, m, d, hh, mm, 0, 0, calendar.Vietnam)
}

// newCalendar returns the default calendar (embedded schedules: Tết 2026 is
// Mon 16/02 – Fri 20/02/2026).
func newCalendar(t testing.TB) *calendar.Calendar {
	t.Helper()
	c, err := calendar.NewDefault()
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// process is the internal process of the fixtures: 3 + 1 + 1 days.
func process() []StepSpec {
	return []StepSpec{
		{Name: "Thẩm định hồ sơ", UnitCode: "P.GDTrH", Role: cchc.RoleSpecialist, Days: 3},
		{Name: "Lãnh đạo phòng xem xét", Role: cchc.RoleUnitHead, Days: 1},
		{Name: "Lãnh đạo Sở phê duyệt", UnitCode: "BGD", Role: cchc.RoleDirector, Days: 1},
	}
}

// procedure is a 5-working-day procedure.
func procedure() Procedure { return Procedure{Code: "2.001914", LimitDays: 5} }

// codeAt returns a dossier code dated on the day of now.
func codeAt(now time.Time) Code { return Code{Agency: agency, Date: calendar.DateOf(now), Seq: 42} }

// newInput returns the inputs that create a dossier at now.
func newInput(role cchc.Role, ch Channel, now time.Time, p Procedure) Input {
	id := int64(citizenID)
	if role == cchc.RoleOneStop {
		id = oneStopID
	}
	return Input{ActorID: id, Role: role, Channel: ch, Code: codeAt(now), Procedure: p}
}

// step is one action of a fixture's history.
type step struct {
	a   Action
	in  Input
	now time.Time
}

// run applies the steps to d and fails the test on any error.
func run(t testing.TB, cal *calendar.Calendar, opts Options, d *Dossier, steps ...step) *Dossier {
	t.Helper()
	for _, s := range steps {
		if _, err := Apply(d, s.a, s.in, s.now, cal, opts); err != nil {
			t.Fatalf("%s at %v: %v (fields %v)", s.a, s.now, err, cchc.ErrorFields(err))
		}
	}
	return d
}

// History steps of the fixtures, from Monday 02/03/2026 (no holiday that
// week or the next). Received 09:00 with 5 days: due Monday 09/03 17:00.
var (
	t0 = vn(2026, 3, 2, 8, 0)
	tR = vn(2026, 3, 2, 9, 0)
	tA = vn(2026, 3, 2, 10, 0)
)

func stSubmit() step {
	return step{Submit, newInput(cchc.RoleCitizen, Online, t0, procedure()), t0}
}
func stReceive() step {
	return step{Receive, Input{ActorID: oneStopID, Role: cchc.RoleOneStop}, tR}
}
func stAssign() step {
	return step{Assign, Input{ActorID: oneStopID, Role: cchc.RoleOneStop, Steps: process(), AssigneeID: specialistID}, tA}
}
func stRequest(now time.Time) step {
	return step{RequestSupplement, Input{ActorID: specialistID, Role: cchc.RoleSpecialist, Missing: []string{"Bản sao giấy khai sinh"}, Reason: "Thiếu giấy tờ"}, now}
}
func stSupplement(now time.Time) step {
	return step{Supplement, Input{ActorID: citizenID, Role: cchc.RoleCitizen}, now}
}
func stComplete(role cchc.Role, id int64, now time.Time) step {
	return step{CompleteStep, Input{ActorID: id, Role: role}, now}
}
func stApprove(now time.Time) step {
	return step{Approve, Input{ActorID: directorID, Role: cchc.RoleDirector}, now}
}

// fixture builds a dossier in a named situation of the lifecycle.
func fixture(t testing.TB, cal *calendar.Calendar, name string) *Dossier {
	t.Helper()
	d := &Dossier{}
	var steps []step
	switch name {
	case "none":
	case "submitted":
		steps = []step{stSubmit()}
	case "supplement_reception":
		steps = []step{stSubmit(), {RequestSupplement, Input{ActorID: oneStopID, Role: cchc.RoleOneStop, Missing: []string{"Đơn đề nghị"}, Reason: "Thiếu đơn"}, vn(2026, 3, 2, 8, 30)}}
	case "received":
		steps = []step{stSubmit(), stReceive()}
	case "processing":
		steps = []step{stSubmit(), stReceive(), stAssign()}
	case "supplement_processing":
		steps = []step{stSubmit(), stReceive(), stAssign(), stRequest(vn(2026, 3, 3, 10, 0))}
	case "processing_approval":
		steps = []step{stSubmit(), stReceive(), stAssign(),
			stComplete(cchc.RoleSpecialist, specialistID, vn(2026, 3, 3, 11, 0)),
			stComplete(cchc.RoleUnitHead, headID, vn(2026, 3, 4, 11, 0))}
	case "approved", "result_issued", "returned":
		steps = []step{stSubmit(), stReceive(), stAssign(),
			stComplete(cchc.RoleSpecialist, specialistID, vn(2026, 3, 3, 11, 0)),
			stComplete(cchc.RoleUnitHead, headID, vn(2026, 3, 4, 11, 0)),
			stApprove(vn(2026, 3, 5, 11, 0))}
		if name != "approved" {
			steps = append(steps, step{IssueResult, Input{ActorID: oneStopID, Role: cchc.RoleOneStop}, vn(2026, 3, 5, 14, 0)})
		}
		if name == "returned" {
			steps = append(steps, step{Return, Input{ActorID: oneStopID, Role: cchc.RoleOneStop}, vn(2026, 3, 6, 9, 0)})
		}
	case "refused":
		steps = []step{stSubmit(), {Refuse, Input{ActorID: oneStopID, Role: cchc.RoleOneStop, Reason: "Không thuộc thẩm quyền"}, tR}}
	case "withdrawn":
		steps = []step{stSubmit(), stReceive(), {Withdraw, Input{ActorID: citizenID, Role: cchc.RoleCitizen}, tA}}
	default:
		t.Fatalf("unknown fixture %q", name)
	}
	return run(t, cal, Options{}, d, steps...)
}

// fixtures lists the fixture names with the state each is in.
var fixtures = []struct {
	name  string
	state State
}{
	{"none", None},
	{"submitted", Submitted},
	{"supplement_reception", SupplementRequested},
	{"received", Received},
	{"supplement_processing", SupplementRequested},
	{"processing", Processing},
	{"processing_approval", Processing},
	{"approved", Approved},
	{"result_issued", ResultIssued},
	{"returned", Returned},
	{"refused", Refused},
	{"withdrawn", Withdrawn},
}

// wantCode checks that err is a *cchc.Error with the code.
func wantCode(t *testing.T, err error, code string) {
	t.Helper()
	if got := cchc.ErrorCode(err); got != code {
		t.Fatalf("error %v: code %q, want %q", err, got, code)
	}
	if cchc.ErrorMessage(err) == "" {
		t.Errorf("error %v has no message", err)
	}
}

// wantInvalid checks that err is EINVALID with exactly the field keys.
func wantInvalid(t *testing.T, err error, keys ...string) {
	t.Helper()
	wantCode(t, err, cchc.EINVALID)
	got := slices.Sorted(maps.Keys(cchc.ErrorFields(err)))
	want := slices.Sorted(slices.Values(keys))
	if !slices.Equal(got, want) {
		t.Errorf("fields %q, want %q (%v)", got, want, cchc.ErrorFields(err))
	}
	for _, k := range keys {
		if cchc.ErrorFields(err)[k] == "" {
			t.Errorf("field %q has no message", k)
		}
	}
}

// wantUnchanged checks that a failed Apply left d as it was.
func wantUnchanged(t *testing.T, before, d *Dossier) {
	t.Helper()
	if !reflect.DeepEqual(before, d) {
		t.Errorf("dossier changed by a failed action:\nbefore %+v\nafter  %+v", before, d)
	}
}

// wantTime compares instants.
func wantTime(t *testing.T, what string, got, want time.Time) {
	t.Helper()
	if !got.Equal(want) {
		t.Errorf("%s = %v, want %v", what, got.In(calendar.Vietnam), want)
	}
}
