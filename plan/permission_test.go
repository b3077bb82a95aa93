package plan

import (
	"testing"

	"github.com/hpdoet/cchc"
)

// Units of the permission tests.
const (
	leadUnit  = 10
	coUnit    = 20
	otherUnit = 30
)

func user(role cchc.Role, unit int64, active bool) *cchc.User {
	return &cchc.User{ID: 1, Role: role, UnitID: unit, Active: active}
}

func TestCanAssignAndReview(t *testing.T) {
	tests := []struct {
		name string
		u    *cchc.User
		want bool
	}{
		{"nil", nil, false},
		{"active office", user(cchc.RoleOffice, otherUnit, true), true},
		{"inactive office", user(cchc.RoleOffice, otherUnit, false), false},
		{"director", user(cchc.RoleDirector, otherUnit, true), false},
		{"admin", user(cchc.RoleAdmin, otherUnit, true), false},
		{"unit head", user(cchc.RoleUnitHead, leadUnit, true), false},
		{"specialist", user(cchc.RoleSpecialist, leadUnit, true), false},
		{"one-stop officer", user(cchc.RoleOneStop, leadUnit, true), false},
		{"citizen", user(cchc.RoleCitizen, 0, true), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got, want := CanAssign(tt.u), tt.want; got != want {
				t.Errorf("CanAssign = %v, want %v", got, want)
			}
			if got, want := CanReview(tt.u), tt.want; got != want {
				t.Errorf("CanReview = %v, want %v", got, want)
			}
		})
	}
}

func TestCanViewAndPost(t *testing.T) {
	a := &Assignment{LeadUnitID: leadUnit, CoUnitIDs: []int64{coUnit}}
	tests := []struct {
		name       string
		u          *cchc.User
		view, post bool
	}{
		{"nil user", nil, false, false},
		{"citizen", user(cchc.RoleCitizen, 0, true), false, false},
		{"citizen with the lead unit's id", user(cchc.RoleCitizen, leadUnit, true), false, false},
		{"unknown role in the lead unit", user("khach", leadUnit, true), false, false},

		{"specialist of lead", user(cchc.RoleSpecialist, leadUnit, true), true, true},
		{"specialist of co unit", user(cchc.RoleSpecialist, coUnit, true), true, true},
		{"specialist of other unit", user(cchc.RoleSpecialist, otherUnit, true), false, false},
		{"inactive specialist of lead", user(cchc.RoleSpecialist, leadUnit, false), false, false},

		{"unit head of lead", user(cchc.RoleUnitHead, leadUnit, true), true, true},
		{"unit head of co unit", user(cchc.RoleUnitHead, coUnit, true), true, true},
		{"unit head of other unit", user(cchc.RoleUnitHead, otherUnit, true), false, false},
		{"inactive unit head of lead", user(cchc.RoleUnitHead, leadUnit, false), false, false},

		{"office of lead", user(cchc.RoleOffice, leadUnit, true), true, true},
		{"office of co unit", user(cchc.RoleOffice, coUnit, true), true, true},
		{"office of other unit", user(cchc.RoleOffice, otherUnit, true), true, false},
		{"inactive office", user(cchc.RoleOffice, leadUnit, false), false, false},

		{"director of other unit", user(cchc.RoleDirector, otherUnit, true), true, false},
		{"director of lead", user(cchc.RoleDirector, leadUnit, true), true, false},
		{"inactive director", user(cchc.RoleDirector, otherUnit, false), false, false},

		{"admin of other unit", user(cchc.RoleAdmin, otherUnit, true), true, false},
		{"admin of lead", user(cchc.RoleAdmin, leadUnit, true), true, false},
		{"inactive admin", user(cchc.RoleAdmin, otherUnit, false), false, false},

		{"one-stop officer of lead", user(cchc.RoleOneStop, leadUnit, true), true, false},
		{"one-stop officer of co unit", user(cchc.RoleOneStop, coUnit, true), true, false},
		{"one-stop officer of other unit", user(cchc.RoleOneStop, otherUnit, true), false, false},
		{"inactive one-stop officer of lead", user(cchc.RoleOneStop, leadUnit, false), false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got, want := CanView(tt.u, a), tt.view; got != want {
				t.Errorf("CanView = %v, want %v", got, want)
			}
			if got, want := CanPost(tt.u, a), tt.post; got != want {
				t.Errorf("CanPost = %v, want %v", got, want)
			}
		})
	}
}

func TestInvolves(t *testing.T) {
	a := &Assignment{LeadUnitID: leadUnit, CoUnitIDs: []int64{coUnit, 25}}
	tests := []struct {
		name string
		a    *Assignment
		unit int64
		want bool
	}{
		{"lead", a, leadUnit, true},
		{"first co unit", a, coUnit, true},
		{"second co unit", a, 25, true},
		{"other", a, otherUnit, false},
		{"zero unit", a, 0, false},
		{"zero unit against an unset lead", &Assignment{}, 0, false},
		{"zero unit listed as co unit", &Assignment{LeadUnitID: leadUnit, CoUnitIDs: []int64{0}}, 0, false},
		{"no co units", &Assignment{LeadUnitID: leadUnit}, coUnit, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got, want := tt.a.Involves(tt.unit), tt.want; got != want {
				t.Errorf("Involves(%d) = %v, want %v", tt.unit, got, want)
			}
		})
	}
}
