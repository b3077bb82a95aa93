package dossier

import (
	"reflect"
	"testing"
	"time"

	"github.com/hpdoet/cchc"
	"github.com/hpdoet/cchc/calendar"
)

// FuzzApply applies random sequences of actions, with inputs that are mostly
// right and sometimes wrong (another role, missing fields), at increasing
// times from a week before Tết 2026, and checks the machine's invariants
// after every call. Each action takes three bytes: the action, a variant
// (role and inputs) and the time step (× 37 minutes).
func FuzzApply(f *testing.F) {
	cal := newCalendar(f)
	f.Add(uint8(0), []byte{0, 0, 1, 1, 0, 1, 5, 0, 2, 6, 0, 10, 6, 0, 10, 7, 0, 5, 8, 0, 1, 8, 0, 1, 9, 0, 1})
	f.Add(uint8(1), []byte{0, 0, 1, 2, 0, 1, 3, 0, 9, 1, 0, 1, 5, 0, 2, 2, 0, 5, 3, 0, 40, 6, 0, 10, 2, 0, 3, 3, 0, 3, 10, 0, 100, 6, 0, 10, 7, 0, 5})
	f.Add(uint8(2), []byte{1, 2, 0, 5, 0, 200, 10, 0, 1, 10, 0, 200, 10, 0, 200, 11, 0, 1})
	f.Add(uint8(3), []byte{0, 16, 0, 1, 16, 60, 5, 8, 1, 5, 0, 1, 2, 7, 1, 6, 0, 1, 4, 0, 1})
	f.Fuzz(func(t *testing.T, opt uint8, ops []byte) {
		opts := Options{MaxApologies: int(opt>>1) % 3}
		if opt&1 == 1 {
			opts.Clock = ClockPause
		}
		d := &Dossier{}
		now := vn(2026, 2, 9, 7, 0)
		for n := 0; len(ops) >= 3 && n < 64; n++ {
			a := Actions()[int(ops[0])%len(Actions())]
			v := ops[1]
			now = now.Add(time.Duration(ops[2]) * 37 * time.Minute)
			ops = ops[3:]

			before := d.Clone()
			tr, err := Apply(d, a, fuzzInput(d, a, v, now), now, cal, opts)
			if err != nil {
				switch cchc.ErrorCode(err) {
				case cchc.EINVALID, cchc.ECONFLICT, cchc.EFORBIDDEN:
				default:
					t.Fatalf("%s from %q: unexpected error %v", a, before.State, err)
				}
				if !reflect.DeepEqual(before, d) {
					t.Fatalf("%s from %q failed (%v) but changed the dossier", a, before.State, err)
				}
				continue
			}
			checkInvariants(t, cal, opts, before, d, tr, now)
		}
	})
}

// fuzzInput builds the inputs of a: the low 3 bits of v choose the role
// (7: any role, else one the table allows), bit 3 drops every other input,
// bit 4 makes a same-day procedure, the high bits vary the values.
func fuzzInput(d *Dossier, a Action, v byte, now time.Time) Input {
	anyRole := []cchc.Role{"", cchc.RoleCitizen, cchc.RoleOneStop, cchc.RoleSpecialist, cchc.RoleUnitHead, cchc.RoleDirector, cchc.RoleAdmin, cchc.RoleOffice}
	k := int(v >> 5)
	in := Input{Role: anyRole[k%len(anyRole)], ActorID: int64(k)}
	if r, ok := rule(d.State, a); ok && v&7 != 7 {
		in.Role = r.Roles[k%len(r.Roles)]
	}
	if s := d.Step(); s != nil && (a == CompleteStep || a == Approve) && v&7 != 7 {
		in.Role, in.ActorID = s.Role, s.AssigneeID
	}
	if v&8 != 0 {
		return in
	}
	switch a {
	case Submit, Receive:
		in.Channel = Counter
		if in.Role == cchc.RoleCitizen {
			in.Channel = Online
		} else if k%2 == 1 {
			in.Channel = Post
		}
		in.Code = Code{Agency: agency, Date: calendar.DateOf(now), Seq: 1 + k}
		in.Procedure = Procedure{Code: "2.001914", LimitDays: 1 + k}
		if v&16 != 0 {
			in.Procedure = Procedure{Code: "1.010020", SameDay: true}
		}
		if a == Receive && k%3 == 0 {
			in.Steps = process()
		}
	case RequestSupplement:
		in.Missing, in.Reason = []string{"Đơn đề nghị"}, "Thiếu đơn"
	case Refuse, Withdraw:
		in.Reason = "Lý do"
	case Assign:
		in.AssigneeID = int64(7 + k)
		if k%2 == 0 {
			in.Steps = process()
			in.Steps[0].Days = float64(k)
		}
		if k%3 == 1 {
			in.UnitCode = "P.KHTC"
		}
	case CompleteStep:
		in.AssigneeID = int64(k)
	case Apologize:
		in.Reason = "Cần thêm thời gian"
		in.NewDue = now.AddDate(0, 0, 1+int(v>>3)%20)
	}
	return in
}

// checkInvariants checks what must hold after every successful action.
func checkInvariants(t *testing.T, cal *calendar.Calendar, opts Options, before, d *Dossier, tr *Transition, now time.Time) {
	t.Helper()
	fail := func(format string, args ...any) {
		t.Helper()
		t.Fatalf("after %s from %q to %q at %v: "+format, append([]any{tr.Action, before.State, d.State, now}, args...)...)
	}
	if !d.State.Valid() || d.State == None {
		fail("unknown state")
	}
	if tr.From != before.State || tr.To != d.State || !tr.At.Equal(now) || !d.UpdatedAt.Equal(now) {
		fail("transition %+v", tr)
	}
	if err := d.Code.Validate(); err != nil {
		fail("code %v: %v", d.Code, err)
	}
	if before.Late && !d.Late {
		fail("Late was cleared")
	}
	if d.SupplementRequests > 1 && !d.Late {
		fail("two supplement requests, not late")
	}
	if d.Apologies > opts.maxApologies() || (d.Apologies > 0 && !d.Late) {
		fail("apologies %d, late %v", d.Apologies, d.Late)
	}
	if d.ReceivedAt.IsZero() != d.Due.IsZero() || d.ReceivedAt.IsZero() != d.OriginalDue.IsZero() {
		fail("received %v, due %v, original due %v", d.ReceivedAt, d.Due, d.OriginalDue)
	}
	if !before.OriginalDue.IsZero() && !d.OriginalDue.Equal(before.OriginalDue) {
		fail("OriginalDue moved from %v to %v", before.OriginalDue, d.OriginalDue)
	}
	// The due time only moves later: restarts keep the later of the two
	// dates, pauses add time, apologies must be later.
	if d.Due.Before(d.OriginalDue) || d.Due.Before(before.Due) {
		fail("Due %v before the original %v or the previous %v", d.Due, d.OriginalDue, before.Due)
	}
	if d.Due.After(before.Due) && !before.Due.IsZero() && tr.Action != Supplement && tr.Action != Apologize {
		fail("Due moved by %s", tr.Action)
	}
	ended := d.State == Approved || d.State == ResultIssued || d.State.Terminal()
	if ended == d.FinishedAt.IsZero() {
		fail("FinishedAt %v", d.FinishedAt)
	}
	_, open := d.openPause()
	switch d.State {
	case SupplementRequested:
		if d.Resume != Submitted && d.Resume != Received && d.Resume != Processing {
			fail("resume %q", d.Resume)
		}
		if open != (d.Resume != Submitted) || len(d.Missing) == 0 {
			fail("open pause %v, missing %q", open, d.Missing)
		}
	case Refused, Withdrawn:
	default:
		if open || d.Resume != None {
			fail("open pause %v, resume %q", open, d.Resume)
		}
	}
	if d.State == Processing || (d.State == SupplementRequested && d.Resume == Processing) {
		k := d.CurrentStep
		if k < 0 || k >= len(d.Steps) || d.Steps[k].StartedAt.IsZero() || !d.Steps[k].DoneAt.IsZero() {
			fail("current step %d of %+v", k, d.Steps)
		}
		if !d.Steps[len(d.Steps)-1].DueAt.Equal(d.Due) {
			fail("last step due %v, dossier due %v", d.Steps[len(d.Steps)-1].DueAt, d.Due)
		}
		for i := range d.Steps {
			s := d.Steps[i]
			if (i < k) != !s.DoneAt.IsZero() || (i > k) != s.StartedAt.IsZero() {
				fail("step %d of %+v", i, d.Steps)
			}
			if i > k && s.DueAt.Before(d.Steps[i-1].DueAt) {
				fail("step %d due %v before step %d", i, s.DueAt, i-1)
			}
		}
	}
	st := Timeliness(d, now, cal)
	switch {
	case d.ReceivedAt.IsZero():
		if st != NotCounted {
			fail("timeliness %q of a dossier never received", st)
		}
	case d.FinishedAt.IsZero():
		if st != OpenOnTime && st != OpenLate {
			fail("timeliness %q of an open dossier", st)
		}
	default:
		if st != Early && st != OnTime && st != Late {
			fail("timeliness %q of a finished dossier", st)
		}
	}
	if d.Late && st.CountsOnTime() {
		fail("late dossier counted on time (%q)", st)
	}
	WillBeLate(d, now, cal)
	if d.State.Terminal() {
		for _, a := range Actions() {
			for _, r := range cchc.Roles {
				x := d.Clone()
				if _, err := Apply(x, a, Input{Role: r, Reason: "x"}, now, cal, opts); cchc.ErrorCode(err) != cchc.ECONFLICT || !reflect.DeepEqual(x, d) {
					fail("terminal state accepted %s by %q: %v", a, r, err)
				}
			}
		}
	}
}

// FuzzLateInstant checks that LateInstant of the final state tells, for any
// instant of the dossier's history, whether it was late then: the state
// after the last action before that instant, asked with Timeliness, agrees.
// Instants are sampled away from the exact event and due times, where
// "after" and "from" differ by their boundary only.
func FuzzLateInstant(f *testing.F) {
	cal := newCalendar(f)
	f.Add(uint8(0), []byte{0, 0, 1, 1, 0, 1, 5, 0, 2, 6, 0, 10, 6, 0, 10, 7, 0, 5, 8, 0, 1, 8, 0, 1, 9, 0, 1})
	f.Add(uint8(1), []byte{0, 0, 1, 2, 0, 1, 3, 0, 9, 1, 0, 1, 5, 0, 2, 2, 0, 5, 3, 0, 40, 6, 0, 10, 2, 0, 3, 3, 0, 3, 10, 0, 100, 6, 0, 10, 7, 0, 5})
	f.Add(uint8(2), []byte{1, 2, 0, 5, 0, 200, 10, 0, 1, 10, 0, 200, 10, 0, 200, 11, 0, 1})
	f.Add(uint8(3), []byte{0, 16, 0, 1, 16, 60, 5, 8, 1, 5, 0, 1, 2, 7, 1, 6, 0, 1, 4, 0, 1})
	f.Add(uint8(0), []byte{0, 0, 1, 1, 0, 1, 5, 0, 2, 6, 0, 250, 6, 0, 250, 7, 0, 250, 8, 0, 1})
	f.Fuzz(func(t *testing.T, opt uint8, ops []byte) {
		opts := Options{MaxApologies: int(opt>>1) % 3}
		if opt&1 == 1 {
			opts.Clock = ClockPause
		}
		type snap struct {
			at time.Time
			d  *Dossier
		}
		var history []snap
		d := &Dossier{}
		now := vn(2026, 2, 9, 7, 0)
		for n := 0; len(ops) >= 3 && n < 64; n++ {
			a := Actions()[int(ops[0])%len(Actions())]
			v := ops[1]
			now = now.Add(time.Duration(ops[2]) * 37 * time.Minute)
			ops = ops[3:]
			if _, err := Apply(d, a, fuzzInput(d, a, v, now), now, cal, opts); err == nil {
				history = append(history, snap{now, d.Clone()})
			}
		}
		late := d.LateInstant()
		var samples []time.Time
		for i, h := range history {
			samples = append(samples, h.at.Add(time.Minute), h.d.Due.Add(-time.Minute), h.d.Due.Add(time.Minute))
			if i+1 < len(history) {
				samples = append(samples, h.at.Add(history[i+1].at.Sub(h.at)/2))
			}
		}
		samples = append(samples, now.Add(90*24*time.Hour))
		for _, at := range samples {
			var s *Dossier
			for _, h := range history {
				if h.at.Before(at) {
					s = h.d
				}
			}
			if s == nil || s.ReceivedAt.IsZero() || at.Before(s.ReceivedAt) {
				continue
			}
			st := Timeliness(s, at, cal)
			was := st == Late || st == OpenLate
			says := !late.IsZero() && late.Before(at)
			if was != says {
				t.Fatalf("at %v the dossier (%s, due %v, late %v) was %s, but LateInstant of the final state is %v (final %s)",
					at, s.State, s.Due, s.Late, st, late, d.State)
			}
		}
	})
}
