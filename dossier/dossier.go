// Package dossier holds the rules of a one-stop dossier (hồ sơ thủ tục hành
// chính): its code in the official format, its lifecycle as a state machine
// with the roles allowed to act, its deadlines in working days (ngày hẹn trả,
// step deadlines, the clock while the applicant supplements) and its
// timeliness under the 766 index.
//
// The package is pure: no storage, no HTTP, no clock. The caller passes the
// current time and the *calendar.Calendar, stores the Dossier and records
// each Transition. Rules and their legal basis: docs/dossier-lifecycle.md.
package dossier

import (
	"slices"
	"time"

	"github.com/hpdoet/cchc"
)

// Dossier is the state of one dossier as the machine needs it. Times are
// instants; deadlines are at closing time in Vietnam time unless the Pause
// clock policy moved them within a day.
type Dossier struct {
	Code          Code
	ProcedureCode string // mã thủ tục hành chính, e.g. "2.001914"
	State         State
	Channel       Channel
	LimitDays     int  // thời hạn giải quyết in working days
	SameDay       bool // giải quyết trong ngày: receipts from 15:00 count from the next working day

	SubmittedAt time.Time // when the dossier was recorded (online submission or counter record)
	ReceivedAt  time.Time // ngày tiếp nhận; zero until received
	OriginalDue time.Time // hạn trả ban đầu, set at receipt and never changed
	Due         time.Time // ngày hẹn trả hiện tại, after clock restarts or pauses and apologies

	Steps       []StepState // the internal process; planned at receipt or assignment
	CurrentStep int         // index into Steps of the step under way, while Processing

	// Resume is the state a supplement returns the dossier to, set while
	// SupplementRequested: Submitted for a request at reception, Received or
	// Processing for one after receipt.
	Resume               State
	Missing              []string // what the pending supplement request asks for
	ReceptionSupplements int      // requests before receipt (at most one)
	SupplementRequests   int      // requests after receipt; the second makes the dossier late
	Pauses               []Pause  // waits for the applicant after receipt; the last may be open
	Apologies            int      // Phiếu xin lỗi và hẹn lại ngày trả issued

	// FinishedAt is the end of processing (NgayKetThucXuLy): the time of the
	// leader's approval (Đã xử lý xong, the end status the 766 rule ranks
	// first), or of the refusal or withdrawal that ended the dossier. Issuing
	// and returning the result come after and do not move it.
	FinishedAt  time.Time
	ResultCodes []string  // electronic result codes, <code>-KQ1, -KQ2…
	ReturnedAt  time.Time // đã trả kết quả
	Reason      string    // why the dossier was refused or withdrawn

	// Late is sticky: set when the dossier became late under the 766 rules
	// (an action after the due time while the clock ran, a second supplement
	// request, an apology). Time passing alone does not set it; Timeliness
	// looks at the clock too.
	Late bool
	// LateAt is when the dossier became late: the due time an action came
	// after, the second supplement request, or the apology; zero while not
	// Late. With the due time it tells, for any instant, whether the dossier
	// was late then (LateInstant).
	LateAt time.Time `json:",omitzero"`

	UpdatedAt time.Time // time of the last transition; actions may not go back in time
}

// StepState is one step of the internal process (quy trình nội bộ, Mẫu 05)
// and how far it has got.
type StepState struct {
	Name       string
	UnitCode   string    // the unit responsible for the step
	Role       cchc.Role // who does it: chuyenvien, truongphong or lanhdao
	Days       float64   // its share of the time limit, in working days
	AssigneeID int64     // the official it is given to; 0 = any official of Role in the unit
	StartedAt  time.Time
	DueAt      time.Time
	DoneAt     time.Time
}

// StepSpec is one step of a procedure's internal process as the catalog
// defines it. The last step is the approval (phê duyệt) and must be done by a
// leader (truongphong or lanhdao); the others by chuyenvien, truongphong or
// lanhdao. An empty UnitCode means the unit of the step before.
type StepSpec struct {
	Name     string
	UnitCode string
	Role     cchc.Role
	Days     float64
}

// Pause is a wait for the applicant to supplement, from the request to the
// supplement; To is zero while waiting, and stays zero when the dossier ended
// (refused, withdrawn) during the wait.
type Pause struct {
	From time.Time
	To   time.Time
}

// Procedure is what the machine needs to know of the procedure when the
// dossier is created.
type Procedure struct {
	Code      string
	LimitDays int  // 0 only for a same-day procedure
	SameDay   bool // giải quyết trong ngày (SameDayCutOff applies)
}

// Clone returns a deep copy of d.
func (d *Dossier) Clone() *Dossier {
	c := *d
	c.Steps = slices.Clone(d.Steps)
	c.Missing = slices.Clone(d.Missing)
	c.Pauses = slices.Clone(d.Pauses)
	c.ResultCodes = slices.Clone(d.ResultCodes)
	return &c
}

// Step returns the step under way, or nil when the dossier is not Processing.
func (d *Dossier) Step() *StepState {
	if d.State != Processing || d.CurrentStep < 0 || d.CurrentStep >= len(d.Steps) {
		return nil
	}
	return &d.Steps[d.CurrentStep]
}

// AtApproval reports whether the dossier is Processing at its last step, the
// leader's approval.
func (d *Dossier) AtApproval() bool {
	return d.State == Processing && d.CurrentStep == len(d.Steps)-1
}

// DVCQGStatus returns the TrangThaiHoSo to synchronise: the state's number,
// except that a dossier refused after receipt is 8 (dừng xử lý) rather than 3
// (không được tiếp nhận).
func (d *Dossier) DVCQGStatus() int {
	if d.State == Refused && !d.ReceivedAt.IsZero() {
		return 8
	}
	return d.State.DVCQG()
}

// LateInstant returns the instant from which the dossier counts as late
// under the 766 rules if nothing else happens to it: LateAt once it is Late;
// for an open dossier whose clock runs, its due time; zero (never) for one
// that ended on time, that waits for a supplement (the clock is stopped) or
// that was not received. Lateness is sticky, so a dossier was late at an
// instant t before its end exactly when LateInstant is not after t.
func (d *Dossier) LateInstant() time.Time {
	switch {
	case d.ReceivedAt.IsZero():
		return time.Time{}
	case d.Late:
		if d.LateAt.IsZero() { // stored before LateAt was kept
			return d.Due
		}
		return d.LateAt
	case !d.EndOfProcessing().IsZero():
		if end := d.EndOfProcessing(); end.After(d.Due) {
			return d.Due
		}
		return time.Time{}
	case clockRunning(d.State):
		return d.Due
	}
	return time.Time{}
}

// EndOfProcessing returns NgayKetThucXuLy: zero while the dossier is open;
// FinishedAt once it ended, except that a dossier that ended while waiting
// for a supplement ends at the request, since the wait is not counted.
func (d *Dossier) EndOfProcessing() time.Time {
	if d.FinishedAt.IsZero() {
		return time.Time{}
	}
	if p, ok := d.openPause(); ok && p.From.Before(d.FinishedAt) {
		return p.From
	}
	return d.FinishedAt
}

// openPause returns the last pause if it has no end.
func (d *Dossier) openPause() (Pause, bool) {
	if n := len(d.Pauses); n > 0 && d.Pauses[n-1].To.IsZero() {
		return d.Pauses[n-1], true
	}
	return Pause{}, false
}
