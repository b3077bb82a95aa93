package dossier

import (
	"slices"
	"testing"
	"time"

	"github.com/hpdoet/cchc"
	"github.com/hpdoet/cchc/calendar"
)

// tNow is when the tested actions happen: Tuesday 10/03/2026 10:00, after
// the fixtures' due time (Monday 09/03 17:00), so apologies are allowed.
var tNow = vn(2026, 3, 10, 10, 0)

// goodInput returns inputs that satisfy action a when the state allows it.
func goodInput(from State, a Action, role cchc.Role, now time.Time) Input {
	ids := map[cchc.Role]int64{cchc.RoleCitizen: citizenID, cchc.RoleOneStop: oneStopID, cchc.RoleSpecialist: specialistID, cchc.RoleUnitHead: headID, cchc.RoleDirector: directorID}
	in := Input{ActorID: ids[role], Role: role}
	switch a {
	case Submit:
		in = newInput(role, Online, now, procedure())
	case Receive:
		in = newInput(role, Counter, now, procedure())
	case RequestSupplement:
		in.Missing, in.Reason = []string{"Bản sao giấy khai sinh"}, "Thiếu giấy tờ"
	case Refuse:
		in.Reason = "Hồ sơ không đủ điều kiện"
	case Assign:
		in.UnitCode, in.AssigneeID = "P.GDTrH", 17
		if from == Received {
			in.Steps = process()
		}
	case Apologize:
		in.Reason, in.NewDue = "Cần xác minh thêm", vn(2026, 3, 13, 9, 0)
	}
	return in
}

// want is the expected outcome of an allowed (fixture, action) pair: the
// state it lands in and a role that may take it.
type want struct {
	to   State
	role cchc.Role
}

// transitions is the expected transition table, written out: every pair not
// listed must be refused with ECONFLICT.
var transitions = map[string]map[Action]want{
	"none": {
		Submit:  {Submitted, cchc.RoleCitizen},
		Receive: {Received, cchc.RoleOneStop},
	},
	"submitted": {
		Receive:           {Received, cchc.RoleOneStop},
		RequestSupplement: {SupplementRequested, cchc.RoleOneStop},
		Refuse:            {Refused, cchc.RoleOneStop},
		Withdraw:          {Withdrawn, cchc.RoleCitizen},
	},
	"supplement_reception": {
		Supplement: {Submitted, cchc.RoleCitizen},
		Refuse:     {Refused, cchc.RoleOneStop},
		Withdraw:   {Withdrawn, cchc.RoleCitizen},
	},
	"received": {
		Assign:            {Processing, cchc.RoleOneStop},
		RequestSupplement: {SupplementRequested, cchc.RoleOneStop},
		Refuse:            {Refused, cchc.RoleUnitHead},
		Apologize:         {Received, cchc.RoleOneStop},
		Withdraw:          {Withdrawn, cchc.RoleCitizen},
	},
	"supplement_processing": {
		Supplement: {Processing, cchc.RoleOneStop},
		Refuse:     {Refused, cchc.RoleDirector},
		Withdraw:   {Withdrawn, cchc.RoleOneStop},
	},
	"processing": {
		Assign:            {Processing, cchc.RoleUnitHead},
		CompleteStep:      {Processing, cchc.RoleSpecialist},
		RequestSupplement: {SupplementRequested, cchc.RoleSpecialist},
		Refuse:            {Refused, cchc.RoleUnitHead},
		Apologize:         {Processing, cchc.RoleUnitHead},
		Withdraw:          {Withdrawn, cchc.RoleCitizen},
	},
	"processing_approval": {
		Assign:            {Processing, cchc.RoleDirector},
		Approve:           {Approved, cchc.RoleDirector},
		RequestSupplement: {SupplementRequested, cchc.RoleOneStop},
		Refuse:            {Refused, cchc.RoleDirector},
		Apologize:         {Processing, cchc.RoleDirector},
		Withdraw:          {Withdrawn, cchc.RoleCitizen},
	},
	"approved": {
		IssueResult: {ResultIssued, cchc.RoleSpecialist},
		Withdraw:    {Withdrawn, cchc.RoleCitizen},
	},
	"result_issued": {
		IssueResult: {ResultIssued, cchc.RoleOneStop},
		Return:      {Returned, cchc.RoleOneStop},
	},
	"returned":  {},
	"refused":   {},
	"withdrawn": {},
}

// refusedRole is the role used for pairs the state does not allow; the state
// is checked before the role, so any role gets ECONFLICT.
var refusedRole = map[Action]cchc.Role{
	Submit: cchc.RoleCitizen, Receive: cchc.RoleOneStop, RequestSupplement: cchc.RoleOneStop,
	Supplement: cchc.RoleCitizen, Refuse: cchc.RoleDirector, Assign: cchc.RoleOneStop,
	CompleteStep: cchc.RoleSpecialist, Approve: cchc.RoleDirector, IssueResult: cchc.RoleOneStop,
	Return: cchc.RoleOneStop, Apologize: cchc.RoleUnitHead, Withdraw: cchc.RoleCitizen,
}

// TestEveryStateAction applies every action to a dossier in every state.
func TestEveryStateAction(t *testing.T) {
	cal := newCalendar(t)
	pairs, allowed := 0, 0
	for _, fx := range fixtures {
		for _, a := range Actions() {
			pairs++
			w, ok := transitions[fx.name][a]
			t.Run(fx.name+"/"+string(a), func(t *testing.T) {
				d := fixture(t, cal, fx.name)
				if d.State != fx.state {
					t.Fatalf("fixture state %q, want %q", d.State, fx.state)
				}
				before := d.Clone()
				role := refusedRole[a]
				if ok {
					role = w.role
				}
				tr, err := Apply(d, a, goodInput(fx.state, a, role, tNow), tNow, cal, Options{})
				if !ok {
					wantCode(t, err, cchc.ECONFLICT)
					wantUnchanged(t, before, d)
					return
				}
				if err != nil {
					t.Fatalf("Apply: %v (fields %v)", err, cchc.ErrorFields(err))
				}
				if d.State != w.to || tr.To != w.to || tr.From != fx.state || tr.Action != a {
					t.Errorf("state %q, transition %s %q→%q; want %q", d.State, tr.Action, tr.From, tr.To, w.to)
				}
				if !tr.At.Equal(tNow) || tr.Role != role || !d.UpdatedAt.Equal(tNow) {
					t.Errorf("transition at %v by %q, updated %v", tr.At, tr.Role, d.UpdatedAt)
				}
				// Every fixture with a running clock is past due at tNow.
				if clockRunning(fx.state) && !d.Late {
					t.Errorf("a %s after the due time did not mark the dossier late", a)
				}
			})
			if ok {
				allowed++
			}
		}
	}
	if got, want := pairs, 12*12; got != want {
		t.Errorf("%d pairs, want %d", got, want)
	}
	t.Logf("%d (state, action) pairs, %d allowed", pairs, allowed)
}

// TestConflictMessage checks that a refused transition names the state and
// the action in Vietnamese.
func TestConflictMessage(t *testing.T) {
	cal := newCalendar(t)
	d := fixture(t, cal, "returned")
	_, err := Apply(d, Approve, Input{Role: cchc.RoleDirector}, tNow, cal, Options{})
	if got, want := cchc.ErrorMessage(err), "Không thể phê duyệt khi hồ sơ ở trạng thái «Đã trả kết quả»."; got != want {
		t.Errorf("message %q, want %q", got, want)
	}
}

// TestRules checks the roles of every row of the table against the list of
// the brief: who may do what from where.
func TestRules(t *testing.T) {
	const (
		cd = cchc.RoleCitizen
		mc = cchc.RoleOneStop
		cv = cchc.RoleSpecialist
		tp = cchc.RoleUnitHead
		ld = cchc.RoleDirector
	)
	type key struct {
		from State
		a    Action
	}
	want := map[key][]cchc.Role{
		{None, Submit}:                    {cd, mc},
		{None, Receive}:                   {mc},
		{Submitted, Receive}:              {mc},
		{Submitted, RequestSupplement}:    {mc},
		{Submitted, Refuse}:               {mc},
		{Submitted, Withdraw}:             {cd, mc},
		{SupplementRequested, Supplement}: {cd, mc},
		{SupplementRequested, Refuse}:     {mc, tp, ld},
		{SupplementRequested, Withdraw}:   {cd, mc},
		{Received, Assign}:                {mc, tp},
		{Received, RequestSupplement}:     {mc, tp, ld},
		{Received, Refuse}:                {mc, tp, ld},
		{Received, Apologize}:             {mc, tp, ld},
		{Received, Withdraw}:              {cd, mc},
		{Processing, Assign}:              {tp, ld},
		{Processing, CompleteStep}:        {cv, tp, ld},
		{Processing, Approve}:             {tp, ld},
		{Processing, RequestSupplement}:   {mc, cv, tp, ld},
		{Processing, Refuse}:              {tp, ld},
		{Processing, Apologize}:           {mc, tp, ld},
		{Processing, Withdraw}:            {cd, mc},
		{Approved, IssueResult}:           {mc, cv, tp, ld},
		{Approved, Withdraw}:              {cd, mc},
		{ResultIssued, IssueResult}:       {mc, cv, tp, ld},
		{ResultIssued, Return}:            {mc},
	}
	rules := Rules()
	if len(rules) != len(want) {
		t.Errorf("%d rules, want %d", len(rules), len(want))
	}
	for _, r := range rules {
		w, ok := want[key{r.From, r.Action}]
		if !ok {
			t.Errorf("unexpected rule %q %s", r.From, r.Action)
			continue
		}
		if !equalSets(r.Roles, w) {
			t.Errorf("%q %s: roles %q, want %q", r.From, r.Action, r.Roles, w)
		}
		// Admin and the Office never act on dossiers.
		if slices.Contains(r.Roles, cchc.RoleAdmin) || slices.Contains(r.Roles, cchc.RoleOffice) {
			t.Errorf("%q %s allows %q", r.From, r.Action, r.Roles)
		}
	}
	// Rules returns a copy.
	rules[0].Roles[0] = cchc.RoleAdmin
	if Rules()[0].Roles[0] == cchc.RoleAdmin {
		t.Error("Rules shares its slices with the table")
	}
}

func equalSets(a, b []cchc.Role) bool {
	x, y := slices.Clone(a), slices.Clone(b)
	slices.Sort(x)
	slices.Sort(y)
	return slices.Equal(x, y)
}

// TestForbidden checks that every role outside an allowed pair's roles gets
// EFORBIDDEN and leaves the dossier unchanged.
func TestForbidden(t *testing.T) {
	cal := newCalendar(t)
	roles := append([]cchc.Role{"", "hacker"}, cchc.Roles...)
	n := 0
	for _, fx := range fixtures {
		for a := range transitions[fx.name] {
			r, _ := rule(fx.state, a)
			for _, role := range roles {
				if slices.Contains(r.Roles, role) {
					continue
				}
				n++
				d := fixture(t, cal, fx.name)
				before := d.Clone()
				_, err := Apply(d, a, goodInput(fx.state, a, role, tNow), tNow, cal, Options{})
				if cchc.ErrorCode(err) != cchc.EFORBIDDEN {
					t.Errorf("%s %s by %q: %v, want EFORBIDDEN", fx.name, a, role, err)
				}
				wantUnchanged(t, before, d)
			}
		}
	}
	t.Logf("%d forbidden (state, action, role) cases", n)
}

// TestStepActor checks that a step is done by its role and its assignee.
func TestStepActor(t *testing.T) {
	cal := newCalendar(t)
	tests := []struct {
		name    string
		fixture string
		a       Action
		in      Input
	}{
		{"head does the specialist's step", "processing", CompleteStep, Input{ActorID: headID, Role: cchc.RoleUnitHead}},
		{"another specialist", "processing", CompleteStep, Input{ActorID: 99, Role: cchc.RoleSpecialist}},
		{"unit head approves a director's step", "processing_approval", Approve, Input{ActorID: headID, Role: cchc.RoleUnitHead}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := fixture(t, cal, tt.fixture)
			before := d.Clone()
			_, err := Apply(d, tt.a, tt.in, tNow, cal, Options{})
			wantCode(t, err, cchc.EFORBIDDEN)
			wantUnchanged(t, before, d)
		})
	}
}

// TestAllowed checks the actions offered to each role.
func TestAllowed(t *testing.T) {
	cal := newCalendar(t)
	tests := []struct {
		fixture string
		role    cchc.Role
		want    []Action
	}{
		{"none", cchc.RoleCitizen, []Action{Submit}},
		{"submitted", cchc.RoleOneStop, []Action{Receive, RequestSupplement, Refuse, Withdraw}},
		{"processing", cchc.RoleSpecialist, []Action{CompleteStep, RequestSupplement}},
		{"processing", cchc.RoleDirector, []Action{Assign, RequestSupplement, Refuse, Apologize}},
		{"processing_approval", cchc.RoleDirector, []Action{Assign, Approve, RequestSupplement, Refuse, Apologize}},
		{"processing_approval", cchc.RoleUnitHead, []Action{Assign, RequestSupplement, Refuse, Apologize}},
		{"returned", cchc.RoleOneStop, nil},
	}
	for _, tt := range tests {
		t.Run(tt.fixture+"/"+string(tt.role), func(t *testing.T) {
			if got := Allowed(fixture(t, cal, tt.fixture), tt.role); !slices.Equal(got, tt.want) {
				t.Errorf("Allowed = %q, want %q", got, tt.want)
			}
		})
	}
}

// TestRequiredInputs checks that missing and malformed inputs are EINVALID
// with the fields named, and change nothing.
func TestRequiredInputs(t *testing.T) {
	cal := newCalendar(t)
	mc := func(in Input) Input { in.ActorID, in.Role = oneStopID, cchc.RoleOneStop; return in }
	badSteps := []StepSpec{
		{Name: "Thẩm định", UnitCode: "P.GDTrH", Role: cchc.RoleSpecialist, Days: -1},
		{Name: " ", Role: cchc.RoleOneStop, Days: 1},
		{Name: "Phê duyệt", Role: cchc.RoleSpecialist, Days: 1},
	}
	noUnit := process()
	noUnit[0].UnitCode = ""
	tests := []struct {
		name    string
		fixture string
		a       Action
		in      Input
		now     time.Time
		fields  []string
	}{
		{"submit with nothing", "none", Submit, Input{Role: cchc.RoleCitizen}, tNow,
			[]string{"channel", "code", "procedure_code", "limit_days"}},
		{"citizen at the counter", "none", Submit, newInput(cchc.RoleCitizen, Counter, tNow, procedure()), tNow, []string{"channel"}},
		{"counter records an online dossier", "none", Receive, newInput(cchc.RoleOneStop, Online, tNow, procedure()), tNow, []string{"channel"}},
		{"code of another day", "none", Receive, newInput(cchc.RoleOneStop, Counter, tNow.AddDate(0, 0, -1), procedure()), tNow, []string{"code"}},
		{"zero days, not same-day", "none", Submit, newInput(cchc.RoleCitizen, Online, tNow, Procedure{Code: "1.010020"}), tNow, []string{"limit_days"}},
		{"limit out of range", "none", Submit, newInput(cchc.RoleCitizen, Online, tNow, Procedure{Code: "x", LimitDays: 400}), tNow, []string{"limit_days"}},
		{"bad process at receipt", "submitted", Receive, mc(Input{Steps: badSteps}), tNow,
			[]string{"steps[0].days", "steps[1].name", "steps[1].role", "steps[2].role"}},
		{"supplement request without list or reason", "processing", RequestSupplement, mc(Input{Missing: []string{" "}}), tNow, []string{"missing", "reason"}},
		{"refuse without reason", "submitted", Refuse, mc(Input{Reason: "  "}), tNow, []string{"reason"}},
		{"assign without a process", "received", Assign, mc(Input{AssigneeID: specialistID}), tNow, []string{"steps"}},
		{"assign without unit", "received", Assign, mc(Input{Steps: noUnit}), tNow, []string{"unit_code"}},
		{"head assigns without a specialist", "received", Assign, Input{ActorID: headID, Role: cchc.RoleUnitHead, Steps: process()}, tNow, []string{"assignee_id"}},
		{"reassign to nobody", "processing", Assign, Input{ActorID: headID, Role: cchc.RoleUnitHead, UnitCode: "P.KHTC"}, tNow, []string{"assignee_id"}},
		{"reassign with a new process", "processing", Assign, Input{ActorID: headID, Role: cchc.RoleUnitHead, AssigneeID: 17, Steps: process()}, tNow, []string{"steps"}},
		{"apology without date or reason", "processing", Apologize, mc(Input{}), tNow, []string{"new_due", "reason"}},
		{"apology to a Sunday", "processing", Apologize, mc(Input{Reason: "x", NewDue: vn(2026, 3, 15, 9, 0)}), tNow, []string{"new_due"}},
		{"apology to an earlier date", "processing", Apologize, mc(Input{Reason: "x", NewDue: vn(2026, 3, 9, 9, 0)}), tNow, []string{"new_due"}},
		{"apology to today, before the due time of the past", "processing", Apologize, mc(Input{Reason: "x", NewDue: vn(2026, 3, 9, 17, 0)}), tNow, []string{"new_due"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := fixture(t, cal, tt.fixture)
			before := d.Clone()
			_, err := Apply(d, tt.a, tt.in, tt.now, cal, Options{})
			wantInvalid(t, err, tt.fields...)
			wantUnchanged(t, before, d)
		})
	}
}

// TestStateRules checks the ECONFLICT rules that depend on more than the
// state: approval only at the last step, one request at reception, an
// apology only when late and at most MaxApologies times.
func TestStateRules(t *testing.T) {
	cal := newCalendar(t)
	mc := Input{ActorID: oneStopID, Role: cchc.RoleOneStop, Missing: []string{"Đơn"}, Reason: "x", NewDue: vn(2026, 3, 20, 9, 0)}
	tests := []struct {
		name    string
		fixture string
		prep    []step
		a       Action
		in      Input
		now     time.Time
	}{
		{"approve before the last step", "processing", nil, Approve, Input{ActorID: directorID, Role: cchc.RoleDirector}, tNow},
		{"complete the approval step", "processing_approval", nil, CompleteStep, Input{ActorID: directorID, Role: cchc.RoleDirector}, tNow},
		{"second request at reception", "supplement_reception", []step{stSupplement(vn(2026, 3, 2, 8, 40))}, RequestSupplement, mc, vn(2026, 3, 2, 8, 50)},
		{"apology before it is needed", "processing", nil, Apologize, mc, vn(2026, 3, 4, 10, 0)},
		{"second apology", "processing", []step{{Apologize, mc, tNow}}, Apologize, Input{ActorID: oneStopID, Role: cchc.RoleOneStop, Reason: "x", NewDue: vn(2026, 3, 27, 9, 0)}, vn(2026, 3, 23, 9, 0)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := run(t, cal, Options{}, fixture(t, cal, tt.fixture), tt.prep...)
			before := d.Clone()
			_, err := Apply(d, tt.a, tt.in, tt.now, cal, Options{})
			wantCode(t, err, cchc.ECONFLICT)
			wantUnchanged(t, before, d)
		})
	}
}

// TestApplyFaults checks the internal faults: they are not *cchc.Error.
func TestApplyFaults(t *testing.T) {
	cal := newCalendar(t)
	in := goodInput(None, Submit, cchc.RoleCitizen, tNow)
	if _, err := Apply(nil, Submit, in, tNow, cal, Options{}); cchc.ErrorCode(err) != cchc.EINTERNAL {
		t.Errorf("nil dossier: %v", err)
	}
	if _, err := Apply(&Dossier{}, Submit, in, tNow, nil, Options{}); cchc.ErrorCode(err) != cchc.EINTERNAL {
		t.Errorf("nil calendar: %v", err)
	}
	if _, err := Apply(&Dossier{}, Submit, in, tNow, cal, Options{Clock: "stop"}); cchc.ErrorCode(err) != cchc.EINTERNAL {
		t.Errorf("bad policy: %v", err)
	}
	if _, err := Apply(&Dossier{State: "lost"}, Submit, in, tNow, cal, Options{}); cchc.ErrorCode(err) != cchc.EINTERNAL {
		t.Errorf("unknown state: %v", err)
	}
	d := fixture(t, cal, "received")
	if _, err := Apply(d, Withdraw, Input{Role: cchc.RoleCitizen}, tR.Add(-time.Minute), cal, Options{}); cchc.ErrorCode(err) != cchc.EINTERNAL {
		t.Errorf("time going back: %v", err)
	}
	if _, err := Apply(d, "fly", Input{Role: cchc.RoleCitizen}, tNow, cal, Options{}); cchc.ErrorCode(err) != cchc.EINVALID {
		t.Errorf("unknown action: %v", err)
	}
}

// TestStateNames checks that every state, action and channel has a
// Vietnamese name and that DVCQG numbers match one-stop-process.md §5.
func TestStateNames(t *testing.T) {
	for _, s := range append(States(), None) {
		if s.Name() == string(s) || !s.Valid() {
			t.Errorf("state %q: name %q", s, s.Name())
		}
	}
	for _, a := range Actions() {
		if a.Name() == string(a) {
			t.Errorf("action %q has no name", a)
		}
	}
	dvcqg := map[State]int{Submitted: 1, Received: 2, Refused: 3, Processing: 4, SupplementRequested: 5, Withdrawn: 7, Approved: 9, ResultIssued: 9, Returned: 10}
	for s, n := range dvcqg {
		if s.DVCQG() != n {
			t.Errorf("%q.DVCQG() = %d, want %d", s, s.DVCQG(), n)
		}
	}
	cal := newCalendar(t)
	if got := fixture(t, cal, "refused").DVCQGStatus(); got != 3 {
		t.Errorf("refused at reception: DVCQG %d, want 3", got)
	}
	d := run(t, cal, Options{}, fixture(t, cal, "processing"), step{Refuse, Input{Role: cchc.RoleUnitHead, Reason: "x"}, tNow})
	if got := d.DVCQGStatus(); got != 8 {
		t.Errorf("refused in processing: DVCQG %d, want 8", got)
	}
	if Online.DVCQG() != 2 || Counter.DVCQG() != 1 || Post.DVCQG() != 3 {
		t.Error("channel DVCQG numbers")
	}
	_ = calendar.Vietnam
}
