package dossier

import (
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/hpdoet/cchc"
	"github.com/hpdoet/cchc/calendar"
)

// Apply performs action a on d at time now, as the actor in in, with the
// working days of cal and the policies of opts. On success it updates d and
// returns the Transition to record; on failure d is unchanged and the error
// is a *cchc.Error:
//
//   - ECONFLICT when the table does not allow a from d's state, or a rule of
//     the state forbids it (an approval before the last step, a second
//     request at reception, an apology that is not due or one too many);
//   - EFORBIDDEN when in.Role may not take the action (or, for a step, is
//     not the step's role or assignee);
//   - EINVALID with Fields when inputs are missing or malformed.
//
// Checks run in that order. Other errors (nil arguments, options out of
// range, time going backwards, a corrupt dossier) are internal faults.
// Unit scope (may this official act on this unit's dossiers, is this citizen
// the applicant) is for storage to check.
func Apply(d *Dossier, a Action, in Input, now time.Time, cal *calendar.Calendar, opts Options) (*Transition, error) {
	switch {
	case d == nil:
		return nil, errors.New("apply: nil dossier")
	case cal == nil:
		return nil, errors.New("apply: nil calendar")
	case now.IsZero():
		return nil, errors.New("apply: zero time")
	case !d.State.Valid():
		return nil, fmt.Errorf("apply %s: dossier in unknown state %q", a, d.State)
	case now.Before(d.UpdatedAt):
		return nil, fmt.Errorf("apply %s at %v: before the dossier's last change at %v", a, now, d.UpdatedAt)
	}
	if err := opts.validate(); err != nil {
		return nil, err
	}
	if !a.Valid() {
		return nil, cchc.Errorf(cchc.EINVALID, "Thao tác «%s» không tồn tại.", a)
	}
	r, ok := rule(d.State, a)
	if !ok {
		return nil, conflict(d.State, a)
	}
	if !slices.Contains(r.Roles, in.Role) {
		return nil, forbidden(d.State, a, in.Role)
	}

	m := &machine{d: d.Clone(), in: in, now: now, cal: cal, opts: opts}
	m.t = &Transition{Action: a, From: d.State, To: r.To, At: now, ActorID: in.ActorID, Role: in.Role, Step: -1, DueBefore: d.Due}
	// An action taken after the due time while the clock ran shows that the
	// dossier went late, whatever the action.
	if clockRunning(m.d.State) && now.After(m.d.Due) {
		m.d.markLate(m.d.Due)
	}
	var err error
	switch a {
	case Submit:
		err = m.submit()
	case Receive:
		err = m.receive()
	case RequestSupplement:
		err = m.requestSupplement()
	case Supplement:
		err = m.supplement()
	case Refuse:
		err = m.refuse()
	case Assign:
		err = m.assign()
	case CompleteStep:
		err = m.completeStep()
	case Approve:
		err = m.approve()
	case IssueResult:
		err = m.issueResult()
	case Return:
		m.d.ReturnedAt = now
	case Apologize:
		err = m.apologize()
	case Withdraw:
		err = m.withdraw()
	}
	if err != nil {
		return nil, err
	}
	m.d.State = m.t.To
	m.d.UpdatedAt = now
	m.t.DueAfter = m.d.Due
	m.t.Late = m.d.Late
	*d = *m.d
	return m.t, nil
}

// machine carries one application of an action to a copy of the dossier.
type machine struct {
	d    *Dossier
	in   Input
	now  time.Time
	cal  *calendar.Calendar
	opts Options
	t    *Transition
}

// conflict is the error for an action the state does not allow.
func conflict(s State, a Action) error {
	if s == None {
		return cchc.Errorf(cchc.ECONFLICT, "Không thể %s: hồ sơ chưa được nộp hoặc tiếp nhận.", a.Name())
	}
	return cchc.Errorf(cchc.ECONFLICT, "Không thể %s khi hồ sơ ở trạng thái «%s».", a.Name(), s.Name())
}

// forbidden is the error for a role the table does not allow.
func forbidden(s State, a Action, r cchc.Role) error {
	who := "Tài khoản này"
	if r.Valid() {
		who = r.Name()
	}
	return cchc.Errorf(cchc.EFORBIDDEN, "%s không có quyền %s khi hồ sơ ở trạng thái «%s».", who, a.Name(), s.Name())
}

// invalid wraps per-field messages into an EINVALID error, or returns nil.
func invalid(f map[string]string) error {
	if len(f) == 0 {
		return nil
	}
	return cchc.Invalid("Thông tin chưa hợp lệ.", f)
}

// markLate makes the dossier late from at, unless it already was.
func (d *Dossier) markLate(at time.Time) {
	if !d.Late {
		d.Late, d.LateAt = true, at
	}
}
