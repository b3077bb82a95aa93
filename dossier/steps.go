package dossier

import (
	"fmt"
	"math"
	"strings"

	"github.com/hpdoet/cchc"
)

// Bounds on inputs.
const (
	MaxLimitDays = 365 // a time limit longer than this is a typing error
	MaxSteps     = 30  // steps of an internal process
)

// Bounds on free text.
const (
	maxListItems = 50   // items of a supplement request
	maxText      = 2000 // characters of a reason
)

// assign routes a received dossier to the unit and official of the first
// step of its internal process and plans every step's deadline; on a dossier
// in processing it gives the current step to another official or unit.
func (m *machine) assign() error {
	if m.d.State == Processing {
		return m.reassign()
	}
	f := map[string]string{}
	var steps []StepState
	switch {
	case len(m.in.Steps) > 0:
		steps = checkSteps(m.in.Steps, f)
	case len(m.d.Steps) > 0:
		steps = m.d.Clone().Steps
	default:
		f["steps"] = "Thủ tục chưa có quy trình nội bộ (các bước xử lý)."
	}
	unit := trim(m.in.UnitCode)
	if len(steps) > 0 {
		if unit != "" {
			steps[0].UnitCode = unit
		}
		if steps[0].UnitCode == "" {
			f["unit_code"] = "Chọn đơn vị xử lý."
		}
		// The counter may route a dossier to the unit without naming the
		// specialist (chuyển xử lý): the unit head assigns one, or any
		// specialist of the unit takes it. A leader assigning names one.
		if steps[0].Role == cchc.RoleSpecialist && m.in.AssigneeID == 0 && m.in.Role != cchc.RoleOneStop {
			f["assignee_id"] = "Chọn chuyên viên xử lý."
		}
	}
	if err := invalid(f); err != nil {
		return err
	}
	for i := 1; i < len(steps); i++ {
		if steps[i].UnitCode == "" {
			steps[i].UnitCode = steps[i-1].UnitCode
		}
	}
	steps[0].AssigneeID = m.in.AssigneeID
	steps[0].StartedAt = m.now
	planSteps(m.cal, steps, 0, m.now, m.d.Due)
	m.d.Steps = steps
	m.d.CurrentStep = 0
	m.t.Step = 0
	m.t.UnitCode = steps[0].UnitCode
	m.t.AssigneeID = steps[0].AssigneeID
	return nil
}

// reassign gives the current step to another official, or unit.
func (m *machine) reassign() error {
	s := m.d.Step()
	if s == nil {
		return fmt.Errorf("reassign: dossier %s processing with no current step", m.d.Code)
	}
	f := map[string]string{}
	if len(m.in.Steps) > 0 {
		f["steps"] = "Không thay đổi quy trình khi hồ sơ đang được xử lý."
	}
	unit := trim(m.in.UnitCode)
	if m.in.AssigneeID == 0 && (s.Role == cchc.RoleSpecialist || unit == "") {
		f["assignee_id"] = "Chọn cán bộ được giao xử lý."
	}
	if err := invalid(f); err != nil {
		return err
	}
	if unit != "" {
		s.UnitCode = unit
	}
	s.AssigneeID = m.in.AssigneeID
	m.t.Step = m.d.CurrentStep
	m.t.UnitCode = s.UnitCode
	m.t.AssigneeID = s.AssigneeID
	return nil
}

// completeStep finishes the current step and starts the next; after the
// last processing step the dossier waits at the approval step.
func (m *machine) completeStep() error {
	d := m.d
	s := d.Step()
	if s == nil {
		return fmt.Errorf("complete step: dossier %s processing with no current step", d.Code)
	}
	if d.AtApproval() {
		return cchc.Errorf(cchc.ECONFLICT, "Bước «%s» là bước phê duyệt: lãnh đạo phê duyệt hồ sơ, không hoàn thành bước.", s.Name)
	}
	if err := m.checkStepActor(s); err != nil {
		return err
	}
	s.DoneAt = m.now
	if s.AssigneeID == 0 {
		s.AssigneeID = m.in.ActorID
	}
	m.t.Step = d.CurrentStep
	d.CurrentStep++
	next := &d.Steps[d.CurrentStep]
	next.StartedAt = m.now
	if m.in.AssigneeID != 0 {
		next.AssigneeID = m.in.AssigneeID
	}
	m.t.UnitCode = next.UnitCode
	m.t.AssigneeID = next.AssigneeID
	return nil
}

// approve is the leader's approval at the last step: processing ends.
func (m *machine) approve() error {
	d := m.d
	s := d.Step()
	if s == nil {
		return fmt.Errorf("approve: dossier %s processing with no current step", d.Code)
	}
	if !d.AtApproval() {
		return cchc.Errorf(cchc.ECONFLICT, "Hồ sơ chưa đến bước phê duyệt: đang ở bước %d/%d «%s».", d.CurrentStep+1, len(d.Steps), s.Name)
	}
	if err := m.checkStepActor(s); err != nil {
		return err
	}
	s.DoneAt = m.now
	if s.AssigneeID == 0 {
		s.AssigneeID = m.in.ActorID
	}
	d.FinishedAt = m.now
	m.t.Step = d.CurrentStep
	return nil
}

// checkStepActor checks that the actor does the current step: its role and,
// when it is given to someone, that official.
func (m *machine) checkStepActor(s *StepState) error {
	if m.in.Role != s.Role {
		return cchc.Errorf(cchc.EFORBIDDEN, "Bước «%s» do %s thực hiện.", s.Name, strings.ToLower(s.Role.Name()))
	}
	if s.AssigneeID != 0 && m.in.ActorID != s.AssigneeID {
		return cchc.Errorf(cchc.EFORBIDDEN, "Bước «%s» đã được giao cho cán bộ khác.", s.Name)
	}
	return nil
}

// checkSteps checks an internal process and returns its steps, not started.
// Problems go to f under "steps" or "steps[i].field".
func checkSteps(specs []StepSpec, f map[string]string) []StepState {
	if len(specs) > MaxSteps {
		f["steps"] = fmt.Sprintf("Quy trình nội bộ không quá %d bước.", MaxSteps)
		return nil
	}
	steps := make([]StepState, len(specs))
	for i, sp := range specs {
		key := fmt.Sprintf("steps[%d].", i)
		name, unit := trim(sp.Name), trim(sp.UnitCode)
		if name == "" || len([]rune(name)) > 200 {
			f[key+"name"] = "Nhập tên bước xử lý (không quá 200 ký tự)."
		}
		if len(unit) > 64 {
			f[key+"unit_code"] = "Mã đơn vị không quá 64 ký tự."
		}
		switch last := i == len(specs)-1; {
		case last && sp.Role != cchc.RoleUnitHead && sp.Role != cchc.RoleDirector:
			f[key+"role"] = "Bước cuối là bước phê duyệt, do lãnh đạo phòng hoặc lãnh đạo Sở thực hiện."
		case sp.Role != cchc.RoleSpecialist && sp.Role != cchc.RoleUnitHead && sp.Role != cchc.RoleDirector:
			f[key+"role"] = "Bước xử lý do chuyên viên, lãnh đạo phòng hoặc lãnh đạo Sở thực hiện."
		}
		if math.IsNaN(sp.Days) || sp.Days < 0 || sp.Days > MaxLimitDays {
			f[key+"days"] = fmt.Sprintf("Số ngày của bước phải từ 0 đến %d.", MaxLimitDays)
		}
		steps[i] = StepState{Name: name, UnitCode: unit, Role: sp.Role, Days: sp.Days}
	}
	return steps
}

// trim removes surrounding white space.
func trim(s string) string { return strings.TrimSpace(s) }

// cleanList trims the items of a list and drops the empty ones.
func cleanList(xs []string) []string {
	var out []string
	for _, x := range xs {
		if x = trim(x); x != "" {
			out = append(out, x)
		}
	}
	return out
}
