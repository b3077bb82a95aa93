package sqldb_test

import (
	"context"
	"testing"
	"time"

	"github.com/hpdoet/cchc"
	"github.com/hpdoet/cchc/plan"
	"github.com/hpdoet/cchc/plans"
	"github.com/hpdoet/cchc/sqldb"
)

// fixture is a small Sở: three units and one account per role.
type fixture struct {
	db                          *sqldb.DB
	office, secondary, finance  *cchc.Unit
	admin, vp, director         *cchc.User
	specialist, head, otherSpec *cchc.User
	citizen                     *cchc.User
	clock                       time.Time
}

var sys = cchc.WithUser(context.Background(), cchc.SystemUser)

func as(u *cchc.User) context.Context { return cchc.WithUser(context.Background(), u) }

func newFixture(t testing.TB, db *sqldb.DB) *fixture {
	t.Helper()
	f := &fixture{db: db, clock: time.Date(2026, 3, 10, 3, 0, 0, 0, time.UTC)}
	db.Now = func() time.Time { return f.clock }
	mkUnit := func(code, name, kind string) *cchc.Unit {
		u := &cchc.Unit{Code: code, Name: name, Kind: kind, Active: true}
		if err := db.CreateUnit(sys, u); err != nil {
			t.Fatalf("create unit %s: %v", code, err)
		}
		return u
	}
	f.office = mkUnit("VP", "Văn phòng Sở", cchc.UnitOffice)
	f.secondary = mkUnit("GDTrH", "Phòng Giáo dục Trung học", cchc.UnitDivision)
	f.finance = mkUnit("KHTC", "Phòng Kế hoạch - Tài chính", cchc.UnitDivision)
	mkUser := func(name string, role cchc.Role, unit *cchc.Unit) *cchc.User {
		u := &cchc.User{Username: name, FullName: "Người dùng " + name, Role: role, Active: true}
		if unit != nil {
			u.UnitID = unit.ID
		}
		if err := db.CreateUser(sys, u, "cchc-demo"); err != nil {
			t.Fatalf("create user %s: %v", name, err)
		}
		return u
	}
	f.admin = mkUser("admin", cchc.RoleAdmin, f.office)
	f.vp = mkUser("vanphong", cchc.RoleOffice, f.office)
	f.director = mkUser("lanhdao", cchc.RoleDirector, f.office)
	f.head = mkUser("truongphong", cchc.RoleUnitHead, f.secondary)
	f.specialist = mkUser("chuyenvien", cchc.RoleSpecialist, f.secondary)
	f.otherSpec = mkUser("chuyenvien2", cchc.RoleSpecialist, f.finance)
	f.citizen = mkUser("congdan", cchc.RoleCitizen, nil)
	return f
}

func (f *fixture) importSeed(t testing.TB) *plan.Document {
	t.Helper()
	doc, err := plan.ParseDocument(plans.SeedPlan())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.db.ImportPlan(sys, doc); err != nil {
		t.Fatalf("import seed plan: %v", err)
	}
	return doc
}

func date(s string) time.Time {
	d, err := plan.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

func wantCode(t *testing.T, err error, code string) {
	t.Helper()
	if got := cchc.ErrorCode(err); got != code {
		t.Fatalf("error code = %q (%v), want %q", got, err, code)
	}
}

func auditCount(t *testing.T, db *sqldb.DB) int {
	t.Helper()
	var n int
	if err := db.SQL().QueryRow(`SELECT COUNT(*) FROM audit_log`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// newBenchFixture is the fixture with the seed plan and every task assigned
// to the specialist's unit, quarterly to 2030.
func newBenchFixture(b testing.TB, db *sqldb.DB) *fixture {
	f := newFixture(b, db)
	f.importSeed(b)
	tasks, err := db.FindTasks(context.Background(), sqldb.TaskFilter{})
	if err != nil {
		b.Fatal(err)
	}
	for _, t := range tasks {
		a := &plan.Assignment{LeadUnitID: f.secondary.ID, CoUnitIDs: []int64{f.finance.ID}, Product: "Báo cáo quý",
			Start: date("2026-01-01"), Due: date("2026-03-25"), Recurrence: plan.Quarterly}
		if err := db.AssignTask(as(f.vp), t.Node.Code, a); err != nil {
			b.Fatal(err)
		}
	}
	return f
}
