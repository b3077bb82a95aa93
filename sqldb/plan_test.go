package sqldb_test

import (
	"strings"
	"testing"
	"time"

	"github.com/hpdoet/cchc"
	"github.com/hpdoet/cchc/plan"
	"github.com/hpdoet/cchc/plans"
	"github.com/hpdoet/cchc/sqldb"
	"github.com/hpdoet/cchc/sqldb/sqldbtest"
)

func countNodes(doc *plan.Document) int {
	n := 0
	doc.Walk(func(*plan.Node, string, int) { n++ })
	return n
}

func TestImportPlan(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		doc := f.importSeed(t)
		got, err := db.PlanDocument(as(nil))
		if err != nil {
			t.Fatal(err)
		}
		if countNodes(got) != countNodes(doc) || len(got.Targets) != len(doc.Targets) {
			t.Fatalf("read back %d nodes and %d targets, want %d and %d", countNodes(got), len(got.Targets), countNodes(doc), len(doc.Targets))
		}
		// The tree read back equals the file, node for node, in order.
		var want, have []string
		doc.Walk(func(n *plan.Node, p string, _ int) {
			want = append(want, p+"|"+n.Code+"|"+n.Label+"|"+n.Title+"|"+n.Text)
		})
		got.Walk(func(n *plan.Node, p string, _ int) {
			have = append(have, p+"|"+n.Code+"|"+n.Label+"|"+n.Title+"|"+n.Text)
		})
		for i := range want {
			if want[i] != have[i] {
				t.Fatalf("node %d: got %q, want %q", i, have[i], want[i])
			}
		}

		t.Run("second import changes nothing", func(t *testing.T) {
			n := auditCount(t, db)
			res, err := db.ImportPlan(sys, doc)
			if err != nil {
				t.Fatal(err)
			}
			if res.Changed() {
				t.Errorf("second import changed %+v", res)
			}
			if auditCount(t, db) != n {
				t.Error("second import wrote audit entries")
			}
		})

		t.Run("changed text updates in place and keeps the assignment", func(t *testing.T) {
			a := &plan.Assignment{LeadUnitID: f.secondary.ID, Product: "Báo cáo", Start: date("2026-01-01"), Due: date("2026-06-30"), Recurrence: plan.Once}
			if err := db.AssignTask(as(f.vp), "II.4.a", a); err != nil {
				t.Fatal(err)
			}
			changed, _ := plan.ParseDocument(plans.SeedPlan())
			changed.Walk(func(n *plan.Node, _ string, _ int) {
				if n.Code == "II.4.a" {
					n.Text = "Tổ chức triển khai hiệu quả Luật Cán bộ, công chức năm 2025 (sửa)."
				}
			})
			res, err := db.ImportPlan(sys, changed)
			if err != nil {
				t.Fatal(err)
			}
			if res.Updated != 1 || res.Created != 0 || res.Retired != 0 {
				t.Errorf("result %+v, want one update", res)
			}
			tasks, err := db.FindTasks(as(nil), sqldb.TaskFilter{Query: "II.4.a sua"})
			if err != nil {
				t.Fatal(err)
			}
			if len(tasks) != 1 || tasks[0].Assignment == nil || tasks[0].Assignment.ID != a.ID || !strings.HasSuffix(tasks[0].Node.Text, "(sửa).") {
				t.Fatalf("after update: %+v", tasks)
			}
			entries, _ := db.FindAuditEntries(as(f.admin), sqldb.AuditFilter{Entity: "plan_node", EntityID: "II.4.a"})
			if len(entries) == 0 || entries[0].Action != "plan.node.update" || !strings.Contains(entries[0].Before, "năm 2025.") {
				t.Errorf("update not audited with before: %+v", entries)
			}
		})

		t.Run("a node dropped from the file is retired, not deleted", func(t *testing.T) {
			dropped, _ := plan.ParseDocument(plans.SeedPlan())
			for _, s := range dropped.Nodes {
				if s.Code == "II" {
					for _, h := range s.Children {
						if h.Code == "II.4" {
							h.Children = h.Children[:len(h.Children)-1] // drop II.4.e
						}
					}
				}
			}
			res, err := db.ImportPlan(sys, dropped)
			if err != nil {
				t.Fatal(err)
			}
			if res.Retired != 1 {
				t.Errorf("result %+v, want one retired", res)
			}
			got, _ := db.PlanDocument(as(nil))
			if countNodes(got) != countNodes(doc)-1 {
				t.Errorf("tree has %d nodes after retiring one", countNodes(got))
			}
			if _, err := db.ImportPlan(sys, doc); err != nil {
				t.Fatal(err)
			}
			got, _ = db.PlanDocument(as(nil))
			if countNodes(got) != countNodes(doc) {
				t.Errorf("re-import did not restore the retired node")
			}
		})

		t.Run("only the Office, admins and the system import", func(t *testing.T) {
			_, err := db.ImportPlan(as(f.specialist), doc)
			wantCode(t, err, cchc.EFORBIDDEN)
			_, err = db.ImportPlan(as(nil), doc)
			wantCode(t, err, cchc.EFORBIDDEN)
		})
	})
}

func TestAssignTask(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		f.importSeed(t)
		valid := func() *plan.Assignment {
			return &plan.Assignment{LeadUnitID: f.secondary.ID, CoUnitIDs: []int64{f.finance.ID}, Product: "Báo cáo quý",
				Start: date("2026-01-01"), Due: date("2026-03-25"), Recurrence: plan.Quarterly}
		}
		for _, tc := range []struct {
			name  string
			who   *cchc.User
			code  string
			edit  func(a *plan.Assignment)
			want  string
			field string
		}{
			{"specialist may not assign", f.specialist, "II.1.b", nil, cchc.EFORBIDDEN, ""},
			{"director may not assign", f.director, "II.1.b", nil, cchc.EFORBIDDEN, ""},
			{"anonymous", nil, "II.1.b", nil, cchc.EFORBIDDEN, ""},
			{"unknown task", f.vp, "II.9.z", nil, cchc.ENOTFOUND, ""},
			{"not a task", f.vp, "II.1", nil, cchc.EINVALID, ""},
			{"start before 2026", f.vp, "II.1.b", func(a *plan.Assignment) { a.Start = date("2025-12-31") }, cchc.EINVALID, "start"},
			{"due after 2030", f.vp, "II.1.b", func(a *plan.Assignment) { a.Recurrence = plan.Once; a.Due = date("2031-01-01") }, cchc.EINVALID, "due"},
			{"due before start", f.vp, "II.1.b", func(a *plan.Assignment) { a.Due = date("2025-06-01") }, cchc.EINVALID, "due"},
			{"period longer than recurrence", f.vp, "II.1.b", func(a *plan.Assignment) { a.Due = date("2026-05-01") }, cchc.EINVALID, "due"},
			{"unknown unit", f.vp, "II.1.b", func(a *plan.Assignment) { a.LeadUnitID = 4242 }, cchc.EINVALID, "units"},
			{"no lead unit", f.vp, "II.1.b", func(a *plan.Assignment) { a.LeadUnitID = 0 }, cchc.EINVALID, "lead_unit_id"},
			{"lead also coordinates", f.vp, "II.1.b", func(a *plan.Assignment) { a.CoUnitIDs = []int64{f.secondary.ID} }, cchc.EINVALID, "co_unit_ids"},
			{"no product", f.vp, "II.1.b", func(a *plan.Assignment) { a.Product = "  " }, cchc.EINVALID, "product"},
			{"bad recurrence", f.vp, "II.1.b", func(a *plan.Assignment) { a.Recurrence = "weekly" }, cchc.EINVALID, "recurrence"},
		} {
			t.Run(tc.name, func(t *testing.T) {
				n := auditCount(t, db)
				a := valid()
				if tc.edit != nil {
					tc.edit(a)
				}
				err := db.AssignTask(as(tc.who), tc.code, a)
				wantCode(t, err, tc.want)
				if tc.field != "" && cchc.ErrorFields(err)[tc.field] == "" {
					t.Errorf("no message for field %s: %v", tc.field, cchc.ErrorFields(err))
				}
				if auditCount(t, db) != n {
					t.Error("a refused assignment changed the audit log")
				}
				var rows int
				db.SQL().QueryRow(`SELECT COUNT(*) FROM assignments`).Scan(&rows)
				if rows != 0 {
					t.Errorf("a refused assignment left %d rows", rows)
				}
			})
		}

		t.Run("quarterly task gets one instance per quarter to 2030", func(t *testing.T) {
			if err := db.AssignTask(as(f.vp), "II.1.b", valid()); err != nil {
				t.Fatal(err)
			}
			tasks, err := db.FindTasks(as(nil), sqldb.TaskFilter{UnitID: f.finance.ID})
			if err != nil {
				t.Fatal(err)
			}
			if len(tasks) != 1 || tasks[0].Node.Code != "II.1.b" {
				t.Fatalf("coordinating unit's list = %v", tasks)
			}
			ins := tasks[0].Instances
			if len(ins) != 20 || ins[0].Period != "2026-Q1" || ins[19].Period != "2030-Q4" || formatDay(ins[19].Due) != "2030-12-25" {
				t.Fatalf("instances: %d, first %s, last %s due %s", len(ins), ins[0].Period, ins[len(ins)-1].Period, formatDay(ins[len(ins)-1].Due))
			}
			if tasks[0].Status != plan.InProgress {
				t.Errorf("status on 10/03/2026 = %s", tasks[0].Status)
			}
			if others, _ := db.FindTasks(as(nil), sqldb.TaskFilter{UnitID: f.office.ID}); len(others) != 0 {
				t.Errorf("the Office's list holds %d tasks of other units", len(others))
			}
		})

		t.Run("rescheduling cannot drop a period with evidence", func(t *testing.T) {
			tasks, _ := db.FindTasks(as(nil), sqldb.TaskFilter{Code: "II.1.b"})
			last := tasks[0].Instances[19]
			if _, err := db.AddProgress(as(f.specialist), last.ID, "Đã chuẩn bị đề cương."); err != nil {
				t.Fatal(err)
			}
			a := valid()
			a.Recurrence, a.Due = plan.Yearly, date("2026-12-20")
			err := db.AssignTask(as(f.vp), "II.1.b", a)
			wantCode(t, err, cchc.ECONFLICT)
			tasks, _ = db.FindTasks(as(nil), sqldb.TaskFilter{Code: "II.1.b"})
			if len(tasks[0].Instances) != 20 || tasks[0].Assignment.Recurrence != plan.Quarterly {
				t.Error("a refused reschedule changed the task")
			}
		})
	})
}

func formatDay(t time.Time) string { return t.Format("2006-01-02") }

func TestEvidenceAndStatus(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		f.importSeed(t)
		a := &plan.Assignment{LeadUnitID: f.secondary.ID, Product: "Quyết định ban hành", Start: date("2026-02-01"),
			Due: date("2026-03-31"), Recurrence: plan.Once}
		if err := db.AssignTask(as(f.vp), "II.3.a", a); err != nil {
			t.Fatal(err)
		}
		task := func() *plan.Task {
			ts, err := db.FindTasks(as(nil), sqldb.TaskFilter{Code: "II.3.a"})
			if err != nil || len(ts) != 1 {
				t.Fatalf("find II.3.a: %v %v", ts, err)
			}
			return ts[0]
		}
		inst := task().Instances[0]
		doc := func() *plan.Evidence {
			d := date("2026-03-05")
			return &plan.Evidence{Kind: plan.EvidenceDocument, DocNumber: "123/QĐ-SGDĐT", DocDate: &d, DocIssuer: "Sở GD&ĐT Hải Phòng"}
		}

		t.Run("another unit may not post or see", func(t *testing.T) {
			err := db.AddEvidence(as(f.otherSpec), inst.ID, doc())
			wantCode(t, err, cchc.EFORBIDDEN)
			_, err = db.AddProgress(as(f.otherSpec), inst.ID, "x")
			wantCode(t, err, cchc.EFORBIDDEN)
			_, err = db.FindTask(as(f.otherSpec), "II.3.a")
			wantCode(t, err, cchc.EFORBIDDEN)
			_, err = db.FindTask(as(f.citizen), "II.3.a")
			wantCode(t, err, cchc.EFORBIDDEN)
		})
		t.Run("bad evidence", func(t *testing.T) {
			e := doc()
			e.DocNumber = ""
			future := date("2026-12-01")
			e.DocDate = &future
			err := db.AddEvidence(as(f.specialist), inst.ID, e)
			wantCode(t, err, cchc.EINVALID)
			if fs := cchc.ErrorFields(err); fs["doc_number"] == "" || fs["doc_date"] == "" {
				t.Errorf("fields = %v", fs)
			}
			err = db.AddEvidence(as(f.specialist), inst.ID, &plan.Evidence{Kind: plan.EvidenceFile})
			wantCode(t, err, cchc.EINVALID)
			err = db.AddEvidence(as(f.specialist), 99999, doc())
			wantCode(t, err, cchc.ENOTFOUND)
		})

		e := doc()
		if err := db.AddEvidence(as(f.specialist), inst.ID, e); err != nil {
			t.Fatal(err)
		}
		if s := task().Status; s != plan.InProgress {
			t.Errorf("with evidence pending: %s", s)
		}
		t.Run("only the Office reviews; a return needs a reason", func(t *testing.T) {
			_, err := db.ReviewEvidence(as(f.head), e.ID, true, "")
			wantCode(t, err, cchc.EFORBIDDEN)
			_, err = db.ReviewEvidence(as(f.vp), e.ID, false, " ")
			wantCode(t, err, cchc.EINVALID)
		})
		// The Office reviews after the due date; the unit delivered on time.
		f.clock = time.Date(2026, 4, 3, 2, 0, 0, 0, time.UTC)
		if s := task().Status; s != plan.Overdue {
			t.Errorf("unaccepted evidence after the due date: %s", s)
		}
		if _, err := db.ReviewEvidence(as(f.vp), e.ID, true, "Đạt."); err != nil {
			t.Fatal(err)
		}
		if s := task().Status; s != plan.Done {
			t.Errorf("accepted evidence submitted before the due date: %s, want done", s)
		}
		_, err := db.ReviewEvidence(as(f.vp), e.ID, false, "Đổi ý")
		wantCode(t, err, cchc.ECONFLICT)

		t.Run("late delivery is done late", func(t *testing.T) {
			b := &plan.Assignment{LeadUnitID: f.finance.ID, Product: "Báo cáo", Start: date("2026-02-01"), Due: date("2026-03-31"), Recurrence: plan.Once}
			if err := db.AssignTask(as(f.vp), "II.5.a", b); err != nil {
				t.Fatal(err)
			}
			ts, _ := db.FindTasks(as(nil), sqldb.TaskFilter{Code: "II.5.a"})
			late := doc()
			if err := db.AddEvidence(as(f.otherSpec), ts[0].Instances[0].ID, late); err != nil {
				t.Fatal(err)
			}
			ret, err := db.ReviewEvidence(as(f.vp), late.ID, false, "Thiếu chữ ký.")
			if err != nil || ret.State != plan.EvidenceReturned {
				t.Fatalf("return: %v %v", ret, err)
			}
			late2 := doc()
			if err := db.AddEvidence(as(f.otherSpec), ts[0].Instances[0].ID, late2); err != nil {
				t.Fatal(err)
			}
			if _, err := db.ReviewEvidence(as(f.vp), late2.ID, true, ""); err != nil {
				t.Fatal(err)
			}
			ts, _ = db.FindTasks(as(nil), sqldb.TaskFilter{Code: "II.5.a"})
			if ts[0].Status != plan.DoneLate {
				t.Errorf("status = %s, want done_late", ts[0].Status)
			}
		})

		t.Run("task page has the whole history", func(t *testing.T) {
			d, err := db.FindTask(as(f.specialist), "II.3.a")
			if err != nil {
				t.Fatal(err)
			}
			var actions []string
			for _, h := range d.History {
				actions = append(actions, h.Action)
			}
			want := "plan.assign plan.evidence.submit plan.evidence.accepted"
			if strings.Join(actions, " ") != want {
				t.Errorf("history = %v, want %s", actions, want)
			}
			if !d.CanPost || d.CanReview || d.CanAssign {
				t.Errorf("permissions for the specialist: %+v", d)
			}
		})

		t.Run("filters", func(t *testing.T) {
			done, _ := db.FindTasks(as(nil), sqldb.TaskFilter{Status: plan.Done})
			if len(done) != 1 || done[0].Node.Code != "II.3.a" {
				t.Errorf("done = %v", done)
			}
			q1, _ := db.FindTasks(as(nil), sqldb.TaskFilter{Period: "2026-Q1"})
			if len(q1) != 2 {
				t.Errorf("due in Q1 2026: %d tasks, want 2", len(q1))
			}
			q2, _ := db.FindTasks(as(nil), sqldb.TaskFilter{Period: "2026-Q2"})
			if len(q2) != 0 {
				t.Errorf("due in Q2 2026: %d tasks, want 0", len(q2))
			}
			_, err := db.FindTasks(as(nil), sqldb.TaskFilter{Period: "2026-Q5"})
			wantCode(t, err, cchc.EINVALID)
			_, err = db.FindTasks(as(nil), sqldb.TaskFilter{Status: "xong"})
			wantCode(t, err, cchc.EINVALID)
			unassigned, _ := db.FindTasks(as(nil), sqldb.TaskFilter{Status: plan.Unassigned})
			all, _ := db.FindTasks(as(nil), sqldb.TaskFilter{})
			if len(unassigned) != len(all)-2 {
				t.Errorf("unassigned %d of %d", len(unassigned), len(all))
			}
		})
	})
}
