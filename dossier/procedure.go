package dossier

import (
	"github.com/hpdoet/cchc"
	catalog "github.com/hpdoet/cchc/procedure"
)

// StepsFor turns a procedure's internal process into the steps the machine
// runs: from after reception up to the last leader's approval. Reception is
// the receive action itself; work after the approval (drafting the
// decision, registering and returning the result) belongs to issuing and
// returning the result. Hours count as eighths of a working day.
func StepsFor(p *catalog.Procedure) []StepSpec {
	last := -1
	for i, s := range p.Steps {
		if i > 0 && (s.Role == cchc.RoleDirector || s.Role == cchc.RoleUnitHead) {
			last = i
		}
	}
	var out []StepSpec
	for i := 1; i <= last; i++ {
		s := p.Steps[i]
		out = append(out, StepSpec{Name: s.Name, UnitCode: s.Unit, Role: s.Role, Days: s.Days + s.Hours/8})
	}
	return out
}
