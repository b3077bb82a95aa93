package plan

import (
	"slices"

	"github.com/hpdoet/cchc"
)

// CanAssign reports whether u may create or change assignments.
func CanAssign(u *cchc.User) bool { return u != nil && u.Active && u.Role == cchc.RoleOffice }

// CanReview reports whether u may accept or return evidence.
func CanReview(u *cchc.User) bool { return CanAssign(u) }

// Involves reports whether unit is the lead or a coordinating unit of a.
func (a *Assignment) Involves(unit int64) bool {
	return a != nil && unit != 0 && (a.LeadUnitID == unit || slices.Contains(a.CoUnitIDs, unit))
}

// CanView reports whether u may see a task's progress and evidence: the
// Office and the Sở's leaders see all; others only their unit's tasks.
func CanView(u *cchc.User, a *Assignment) bool {
	if u == nil || !u.IsOfficial() {
		return false
	}
	return u.SeesAllUnits() || a.Involves(u.UnitID)
}

// CanPost reports whether u may post progress or evidence on a task: a
// specialist, unit head or Office official of the lead or a coordinating unit.
func CanPost(u *cchc.User, a *Assignment) bool {
	if u == nil || !u.IsOfficial() {
		return false
	}
	switch u.Role {
	case cchc.RoleSpecialist, cchc.RoleUnitHead, cchc.RoleOffice:
		return a.Involves(u.UnitID)
	}
	return false
}
