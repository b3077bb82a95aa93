package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/hpdoet/cchc"
	"github.com/hpdoet/cchc/plan"
	"github.com/hpdoet/cchc/procedure"
	"github.com/hpdoet/cchc/procedures"
	"github.com/hpdoet/cchc/sqldb"
)

// AssignedAt is when the demo Office issues the appendix: after the plan
// itself, dated April 2026.
var AssignedAt = time.Date(2026, 4, 20, 1, 30, 0, 0, time.UTC) // 08:30 in Hải Phòng

// Stats tells what Load created.
type Stats struct {
	Units, Users, Procedures, Assignments, Progress, Evidence, Reviews int
}

// Load fills an empty database with demo data as of now and returns what it
// made. It refuses a database that already has accounts, so it can never
// mix demo accounts (with their public password) into real data.
func Load(ctx context.Context, db *sqldb.DB, doc *plan.Document, now time.Time) (Stats, error) {
	var st Stats
	n, err := db.CountUsers(ctx)
	if err != nil {
		return st, err
	}
	if n > 0 {
		return st, fmt.Errorf("load demo data: the database already has %d accounts", n)
	}
	realNow := db.Now
	defer func() { db.Now = realNow }()
	at := func(t time.Time) { db.Now = func() time.Time { return t } }

	sys := cchc.WithUser(ctx, cchc.SystemUser)
	at(AssignedAt.Add(-30 * 24 * time.Hour))
	unitIDs := map[string]int64{}
	for i, u := range units {
		unit := &cchc.Unit{Code: u.Code, Name: u.Name, Kind: u.Kind, Email: u.Email, Active: true, Position: (i + 1) * 10}
		if err := db.CreateUnit(sys, unit); err != nil {
			return st, fmt.Errorf("create demo unit %s: %w", u.Code, err)
		}
		unitIDs[u.Code] = unit.ID
		st.Units++
	}
	users := map[string]*cchc.User{}
	for _, a := range Accounts {
		// Addresses under .example (RFC 2606) can never reach a real person.
		u := &cchc.User{Username: a.Username, FullName: a.FullName, Role: a.Role, UnitID: unitIDs[a.Unit], Active: true,
			Email: a.Username + "@sgddt-hp.example"}
		if err := db.CreateUser(sys, u, Password); err != nil {
			return st, fmt.Errorf("create demo account %s: %w", a.Username, err)
		}
		users[a.Username] = u
		st.Users++
	}
	if _, err := db.ImportPlan(sys, doc); err != nil {
		return st, err
	}
	cat, err := procedure.ParseCatalog(procedures.Catalog())
	if err != nil {
		return st, fmt.Errorf("embedded procedure catalog: %w", err)
	}
	if st.Procedures, err = db.ImportCatalog(sys, cat); err != nil {
		return st, err
	}

	at(AssignedAt)
	office := cchc.WithUser(ctx, users["vanphong"])
	for _, spec := range appendix {
		a, err := spec.assignment(unitIDs)
		if err != nil {
			return st, err
		}
		if err := db.AssignTask(office, spec.Code, a); err != nil {
			return st, fmt.Errorf("assign %s: %w", spec.Code, err)
		}
		st.Assignments++
	}

	// The history: events are generated per instance, then replayed in
	// time order with the clock set to each, as if they had happened.
	tasks, err := db.FindTasks(ctx, sqldb.TaskFilter{})
	if err != nil {
		return st, err
	}
	posters := map[int64]*cchc.User{}
	for _, a := range Accounts {
		u := users[a.Username]
		if p := posters[u.UnitID]; u.UnitID != 0 && (p == nil || u.Role == cchc.RoleSpecialist) &&
			(u.Role == cchc.RoleSpecialist || u.Role == cchc.RoleUnitHead || u.Role == cchc.RoleOffice) {
			posters[u.UnitID] = u
		}
	}
	rng := rand.New(rand.NewPCG(2026, 2030))
	var events []event
	for _, t := range tasks {
		if t.Assignment == nil {
			continue
		}
		poster := posters[t.Assignment.LeadUnitID]
		if poster == nil {
			poster = users["vanphong"]
		}
		for _, in := range t.Instances {
			events = append(events, history(rng, t, in, poster, users["vanphong"], now)...)
		}
	}
	slices.SortStableFunc(events, func(a, b event) int { return a.at.Compare(b.at) })
	for _, e := range events {
		at(e.at)
		if err := e.apply(ctx, db, &st); err != nil {
			return st, fmt.Errorf("demo history of %s: %w", e.task, err)
		}
	}
	return st, nil
}

// assignment turns a spec into an assignment whose first period falls due
// after the appendix was issued.
func (spec assignmentSpec) assignment(unitIDs map[string]int64) (*plan.Assignment, error) {
	start, err := plan.ParseDate(spec.Start)
	if err != nil {
		return nil, err
	}
	due, err := plan.ParseDate(spec.Due)
	if err != nil {
		return nil, err
	}
	step := map[plan.Recurrence]int{plan.Quarterly: 3, plan.HalfYearly: 6, plan.Yearly: 12}[spec.Recurrence]
	for step > 0 && due.Before(plan.CivilDate(AssignedAt).AddDate(0, 0, 10)) {
		start, due = plan.AddMonths(start, step), plan.AddMonths(due, step)
	}
	a := &plan.Assignment{LeadUnitID: unitIDs[spec.Lead], Product: spec.Product, Start: start, Due: due, Recurrence: spec.Recurrence}
	if a.LeadUnitID == 0 {
		return nil, fmt.Errorf("demo appendix %s: unknown unit %s", spec.Code, spec.Lead)
	}
	for _, c := range spec.Co {
		id := unitIDs[c]
		if id == 0 {
			return nil, fmt.Errorf("demo appendix %s: unknown unit %s", spec.Code, c)
		}
		a.CoUnitIDs = append(a.CoUnitIDs, id)
	}
	return a, nil
}
