package dossier

import (
	"slices"
	"time"

	"github.com/hpdoet/cchc"
)

// Action is something an actor does to a dossier.
type Action string

// The actions.
const (
	Submit            Action = "submit"             // nộp hồ sơ (citizen online, or the counter records a paper dossier)
	Receive           Action = "receive"            // tiếp nhận (Mẫu 01), sets the appointment
	RequestSupplement Action = "request-supplement" // yêu cầu bổ sung, hoàn thiện (Mẫu 02)
	Supplement        Action = "supplement"         // the applicant supplements
	Refuse            Action = "refuse"             // từ chối tiếp nhận (Mẫu 03) / không giải quyết
	Assign            Action = "assign"             // route to a unit and an official (Mẫu 05); again while processing to reassign
	CompleteStep      Action = "complete-step"      // finish the current step of the internal process
	Approve           Action = "approve"            // the leader approves (the last step)
	IssueResult       Action = "issue-result"       // issue an electronic result (code <code>-KQn)
	Return            Action = "return"             // trả kết quả
	Apologize         Action = "apologize"          // Phiếu xin lỗi và hẹn lại ngày trả kết quả (Mẫu 04)
	Withdraw          Action = "withdraw"           // the applicant withdraws the dossier
)

// Actions lists every action in lifecycle order.
func Actions() []Action {
	return []Action{Submit, Receive, RequestSupplement, Supplement, Refuse, Assign, CompleteStep, Approve, IssueResult, Return, Apologize, Withdraw}
}

// Valid reports whether a is a known action.
func (a Action) Valid() bool { return slices.Contains(Actions(), a) }

// Name is the Vietnamese name of the action, a verb phrase.
func (a Action) Name() string {
	switch a {
	case Submit:
		return "nộp hồ sơ"
	case Receive:
		return "tiếp nhận hồ sơ"
	case RequestSupplement:
		return "yêu cầu bổ sung hồ sơ"
	case Supplement:
		return "bổ sung hồ sơ"
	case Refuse:
		return "từ chối hồ sơ"
	case Assign:
		return "phân công xử lý"
	case CompleteStep:
		return "hoàn thành bước xử lý"
	case Approve:
		return "phê duyệt"
	case IssueResult:
		return "cấp kết quả"
	case Return:
		return "trả kết quả"
	case Apologize:
		return "gửi phiếu xin lỗi và hẹn lại ngày trả kết quả"
	case Withdraw:
		return "rút hồ sơ"
	}
	return string(a)
}

// Rule is one row of the transition table: action a is allowed from state
// From for the roles listed and leads to To. An empty To on Supplement means
// the state the dossier was in when the supplement was requested
// (Dossier.Resume).
type Rule struct {
	From   State
	Action Action
	To     State
	Roles  []cchc.Role
}

// Role groups used in the table.
var (
	oneStop    = []cchc.Role{cchc.RoleOneStop}
	applicant  = []cchc.Role{cchc.RoleCitizen, cchc.RoleOneStop}
	leaders    = []cchc.Role{cchc.RoleUnitHead, cchc.RoleDirector}
	deciders   = []cchc.Role{cchc.RoleOneStop, cchc.RoleUnitHead, cchc.RoleDirector}
	processors = []cchc.Role{cchc.RoleSpecialist, cchc.RoleUnitHead, cchc.RoleDirector}
	handling   = []cchc.Role{cchc.RoleOneStop, cchc.RoleSpecialist, cchc.RoleUnitHead, cchc.RoleDirector}
	routers    = []cchc.Role{cchc.RoleOneStop, cchc.RoleUnitHead}
)

// table is the transition table. It is read only. A new state (say
// payment_requested, DVCQG 6) is added by listing it in state.go and adding
// its rows here and a case in the action's handler; a wait that returns to
// where the dossier was can reuse Dossier.Resume as supplement does.
var table = []Rule{
	{None, Submit, Submitted, applicant},
	{None, Receive, Received, oneStop},

	{Submitted, Receive, Received, oneStop},
	{Submitted, RequestSupplement, SupplementRequested, oneStop},
	{Submitted, Refuse, Refused, oneStop},
	{Submitted, Withdraw, Withdrawn, applicant},

	{SupplementRequested, Supplement, "", applicant},
	{SupplementRequested, Refuse, Refused, deciders},
	{SupplementRequested, Withdraw, Withdrawn, applicant},

	{Received, Assign, Processing, routers},
	{Received, RequestSupplement, SupplementRequested, deciders},
	{Received, Refuse, Refused, deciders},
	{Received, Apologize, Received, deciders},
	{Received, Withdraw, Withdrawn, applicant},

	{Processing, Assign, Processing, leaders},
	{Processing, CompleteStep, Processing, processors},
	{Processing, Approve, Approved, leaders},
	{Processing, RequestSupplement, SupplementRequested, handling},
	{Processing, Refuse, Refused, leaders},
	{Processing, Apologize, Processing, deciders},
	{Processing, Withdraw, Withdrawn, applicant},

	{Approved, IssueResult, ResultIssued, handling},
	{Approved, Withdraw, Withdrawn, applicant},

	{ResultIssued, IssueResult, ResultIssued, handling},
	{ResultIssued, Return, Returned, oneStop},
}

// Rules returns the transition table, a copy.
func Rules() []Rule {
	out := make([]Rule, len(table))
	for i, r := range table {
		r.Roles = slices.Clone(r.Roles)
		out[i] = r
	}
	return out
}

// rule finds the row for action a from state s.
func rule(s State, a Action) (Rule, bool) {
	for _, r := range table {
		if r.From == s && r.Action == a {
			return r, true
		}
	}
	return Rule{}, false
}

// Allowed returns the actions the table lets role r take on d now, with the
// step's role and the approval step taken into account. Conditions that need
// the clock or inputs (an apology needs the dossier to be late) are checked
// only by Apply.
func Allowed(d *Dossier, r cchc.Role) []Action {
	var out []Action
	for _, x := range table {
		if x.From != d.State || !slices.Contains(x.Roles, r) {
			continue
		}
		if s := d.Step(); s != nil && (x.Action == CompleteStep || x.Action == Approve) {
			if s.Role != r || (x.Action == Approve) != d.AtApproval() {
				continue
			}
		}
		out = append(out, x.Action)
	}
	return out
}

// Input carries the actor and the data of an action. Each action reads only
// the fields its documentation names.
type Input struct {
	ActorID int64
	Role    cchc.Role

	Reason  string   // refuse and apologize (required), request-supplement (required), withdraw (optional)
	Missing []string // request-supplement: the documents to add or complete (required)

	// Creating a dossier (submit, or receive of an unrecorded counter or
	// postal dossier): the channel, its code (numbered by storage for the
	// date of now) and the procedure.
	Channel   Channel
	Code      Code
	Procedure Procedure

	Steps      []StepSpec // receive (optional: the planned process), assign from Received (required unless planned)
	UnitCode   string     // assign: the unit the current step goes to, overriding the plan
	AssigneeID int64      // assign: the official of the current step; complete-step: of the next step (optional)
	NewDue     time.Time  // apologize: the new appointment date, at closing time of its day
}

// Transition is what Apply did, for storage to record (sổ theo dõi hồ sơ,
// history, audit).
type Transition struct {
	Action     Action
	From, To   State
	At         time.Time
	ActorID    int64
	Role       cchc.Role
	Reason     string
	Missing    []string
	Step       int    // index of the step acted on (assign, complete-step, approve); -1 if none
	UnitCode   string // the unit the dossier is with after the action, if it changed
	AssigneeID int64  // the official it is given to after the action, if any
	DueBefore  time.Time
	DueAfter   time.Time
	ResultCode string // issue-result
	Late       bool   // the dossier counts as late after the action
}
