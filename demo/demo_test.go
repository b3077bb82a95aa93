package demo

import (
	"context"
	"testing"
	"time"

	"github.com/hpdoet/cchc"
	"github.com/hpdoet/cchc/calendar"
	"github.com/hpdoet/cchc/plan"
	"github.com/hpdoet/cchc/plans"
	"github.com/hpdoet/cchc/sqldb"
	"github.com/hpdoet/cchc/sqldb/sqldbtest"
)

func TestLoad(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ctx := context.Background()
		doc, err := plan.ParseDocument(plans.SeedPlan())
		if err != nil {
			t.Fatal(err)
		}
		now := time.Date(2026, 11, 27, 3, 0, 0, 0, time.UTC)
		st, err := Load(ctx, db, doc, now)
		if err != nil {
			t.Fatal(err)
		}
		if st.Units != len(units) || st.Users != len(Accounts) || st.Assignments != 53 || st.Evidence == 0 || st.Reviews == 0 {
			t.Errorf("stats %+v", st)
		}
		db.Now = func() time.Time { return now }
		tasks, err := db.FindTasks(ctx, sqldb.TaskFilter{})
		if err != nil {
			t.Fatal(err)
		}
		counts := plan.CountBySection(tasks)[""]
		if counts[plan.Unassigned] != 0 {
			t.Errorf("%d tasks left unassigned: the demo fills the whole appendix", counts[plan.Unassigned])
		}
		// Every kind of status should appear somewhere, at task or period level.
		seen := map[plan.Status]bool{}
		for _, task := range tasks {
			for _, in := range task.Instances {
				seen[in.Status] = true
			}
		}
		for _, s := range []plan.Status{plan.NotStarted, plan.InProgress, plan.Done, plan.DoneLate, plan.Overdue} {
			if !seen[s] {
				t.Errorf("no period is %s; counts %v", s, counts)
			}
		}
		if p, n, err := db.VerifyAudit(ctx); err != nil || p != nil || n < 200 {
			t.Errorf("audit after demo: %v %d %v", p, n, err)
		}
		if _, err := Load(ctx, db, doc, now); err == nil {
			t.Error("a second load into a non-empty database was accepted")
		}
	})
}

// TestAppendixCoversEveryTask keeps the demo appendix in step with the plan.
func TestAppendixCoversEveryTask(t *testing.T) {
	doc, err := plan.ParseDocument(plans.SeedPlan())
	if err != nil {
		t.Fatal(err)
	}
	specs := map[string]bool{}
	for _, s := range appendix {
		if specs[s.Code] {
			t.Errorf("%s appears twice", s.Code)
		}
		specs[s.Code] = true
	}
	doc.Walk(func(n *plan.Node, _ string, _ int) {
		if n.Task && !specs[n.Code] {
			t.Errorf("task %s has no demo assignment", n.Code)
		}
		delete(specs, n.Code)
	})
	for code := range specs {
		t.Errorf("demo assignment for %s, which is not a task of the plan", code)
	}
}

func TestGenerateDossiers(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ctx := context.Background()
		doc, _ := plan.ParseDocument(plans.SeedPlan())
		now := time.Date(2026, 11, 27, 3, 0, 0, 0, time.UTC)
		if _, err := Load(ctx, db, doc, now); err != nil {
			t.Fatal(err)
		}
		cal, err := calendar.NewDefault()
		if err != nil {
			t.Fatal(err)
		}
		db.Now = func() time.Time { return now }
		db.OneStop = sqldb.OneStop{Agency: "000.00.31.H31", Calendar: func() *calendar.Calendar { return cal }}
		n, err := GenerateDossiers(ctx, db, cal, DossierOptions{From: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC), To: now, Count: 1500, Seed: 1})
		if err != nil {
			t.Fatal(err)
		}
		if n < 1000 || n > 2200 {
			t.Errorf("generated %d dossiers, asked about 1500", n)
		}
		var states = map[string]int{}
		rows, _ := db.SQL().Query(`SELECT state, COUNT(*) FROM dossiers GROUP BY state`)
		for rows.Next() {
			var s string
			var c int
			rows.Scan(&s, &c)
			states[s] = c
		}
		rows.Close()
		if states["returned"] < n*7/10 || states["refused"] == 0 || states["withdrawn"] == 0 {
			t.Errorf("state mix %v of %d", states, n)
		}
		var late, lateShare int
		db.SQL().QueryRow(`SELECT COUNT(*) FROM dossiers WHERE late`).Scan(&late)
		lateShare = late * 100 / n
		if lateShare < 1 || lateShare > 20 {
			t.Errorf("%d%% late", lateShare)
		}
		var y2024 int
		db.SQL().QueryRow(`SELECT COUNT(*) FROM dossiers WHERE submitted_at < $1`, time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)).Scan(&y2024)
		if y2024 < n/5 {
			t.Errorf("only %d dossiers in 2024: the 2024 baseline needs them", y2024)
		}
		// Fees: every dossier with a fee that went to processing was paid
		// first, online through the gateway or in cash, and the online
		// share grows.
		var unpaid, online24, all24, online26, all26 int
		db.SQL().QueryRow(`SELECT COUNT(*) FROM dossiers d WHERE d.procedure_code = '1.010020' AND d.state NOT IN ('submitted', 'received', 'refused')
			AND NOT EXISTS (SELECT 1 FROM payments p WHERE p.dossier_id = d.id AND p.state = 'paid')`).Scan(&unpaid)
		if unpaid > 0 {
			t.Errorf("%d dossiers processed without their fee paid", unpaid)
		}
		share := func(year int, online, all *int) {
			from, to := time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(year+1, 1, 1, 0, 0, 0, 0, time.UTC)
			db.SQL().QueryRow(`SELECT COUNT(*) FROM payments WHERE state = 'paid' AND paid_at >= $1 AND paid_at < $2`, from, to).Scan(all)
			db.SQL().QueryRow(`SELECT COUNT(*) FROM payments WHERE state = 'paid' AND method = 'online' AND paid_at >= $1 AND paid_at < $2`, from, to).Scan(online)
		}
		share(2024, &online24, &all24)
		share(2026, &online26, &all26)
		if all24 == 0 || all26 == 0 || online24*100/all24 >= online26*100/all26 {
			t.Errorf("online fee payments: 2024 %d/%d, 2026 %d/%d", online24, all24, online26, all26)
		}
		rec, err := db.Reconciliation(cchc.WithUser(ctx, cchc.SystemUser), time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC))
		if err != nil || len(rec) == 0 {
			t.Errorf("reconciliation of generated payments: %d rows, %v", len(rec), err)
		}

		// The generated dossiers behave like real ones: the service can act on
		// an open one, and live numbering continues after the generated codes.
		sys := cchc.WithUser(ctx, cchc.SystemUser)
		open, _, err := db.FindDossiers(sys, sqldb.DossierFilter{Queue: sqldb.QueueOpen, Limit: 1})
		if err != nil || len(open) == 0 {
			t.Fatalf("no open generated dossier: %v", err)
		}
		if _, err := db.FindDossier(sys, open[0].Code); err != nil {
			t.Errorf("load a generated dossier: %v", err)
		}
		if p, _, err := db.VerifyAudit(ctx); err != nil || p != nil {
			t.Errorf("audit after the bulk load: %v %v", p, err)
		}
	})
}
