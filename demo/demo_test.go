package demo

import (
	"context"
	"testing"
	"time"

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
