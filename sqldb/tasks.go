package sqldb

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/hpdoet/cchc"
	"github.com/hpdoet/cchc/plan"
	"github.com/hpdoet/cchc/textkey"
)

const dateLayout = "2006-01-02"

func parseDate(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(dateLayout, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("parse stored date %q: %w", s, err)
	}
	return t, nil
}

func formatDate(t time.Time) string { return t.Format(dateLayout) }

// TaskFilter selects tasks; zero fields do not filter.
type TaskFilter struct {
	UnitID    int64       // lead or coordinating unit
	Status    plan.Status // derived status
	Section   string      // "II", "III", "V"
	Period    string      // a period key: tasks with an instance due in it
	Attention bool        // overdue or due within plan.DueSoonDays
	Query     string      // words of the code, title or text, diacritics ignored
	Code      string      // one task by its code
}

// Today returns the civil date in Vietnam now.
func (db *DB) Today() time.Time { return plan.CivilDate(db.Now()) }

// FindTasks returns the plan's tasks with their assignments and derived
// statuses, in plan order. The appendix is public, so anyone may list it;
// progress and evidence are not part of this view.
func (db *DB) FindTasks(ctx context.Context, f TaskFilter) ([]*plan.Task, error) {
	var period plan.Period
	if f.Period != "" {
		var ok bool
		if period, ok = plan.ParsePeriod(f.Period); !ok {
			return nil, cchc.Invalid("Kỳ không hợp lệ.", map[string]string{"period": "Kỳ viết dạng 2026, 2026-H1, 2026-Q3 hoặc 2026-07."})
		}
	}
	if f.Status != "" && !f.Status.Valid() {
		return nil, cchc.Invalid("Trạng thái không hợp lệ.", map[string]string{"status": "Trạng thái không hợp lệ."})
	}
	var tasks []*plan.Task
	err := db.read(ctx, func(tx *Tx) error {
		var err error
		tasks, err = tx.loadTasks(ctx, f.Code, db.Today())
		return err
	})
	if err != nil {
		return nil, err
	}
	terms := textkey.Terms(f.Query)
	out := tasks[:0]
	for _, t := range tasks {
		switch {
		case f.UnitID != 0 && (t.Assignment == nil || !t.Assignment.Involves(f.UnitID)):
		case f.Status != "" && t.Status != f.Status:
		case f.Section != "" && t.Section != f.Section:
		case f.Period != "" && !t.InPeriod(period.From, period.To):
		case f.Attention && t.Status != plan.Overdue && !t.DueSoon:
		case len(terms) > 0 && !textkey.Match(textkey.Key(t.Node.Code+" "+t.Node.Title+" "+t.Node.Text), terms):
		default:
			out = append(out, t)
		}
	}
	return out, nil
}

// loadTasks reads task nodes (all, or the one with code), their assignments
// and instances, and derives statuses as of today.
func (tx *Tx) loadTasks(ctx context.Context, code string, today time.Time) ([]*plan.Task, error) {
	rows, err := tx.QueryContext(ctx, `SELECT n.code, n.kind, n.label, n.title, n.body,
		a.id, a.lead_unit_id, a.product, a.start_date, a.due_date, a.recurrence, a.note, a.assigned_by, a.updated_at
		FROM plan_nodes n LEFT JOIN assignments a ON a.node_code = n.code
		WHERE ((n.is_task AND NOT n.retired) OR a.id IS NOT NULL) AND ($1 = '' OR n.code = $1)
		ORDER BY n.ord`, code)
	if err != nil {
		return nil, fmt.Errorf("query tasks: %w", err)
	}
	var tasks []*plan.Task
	byAssignment := map[int64]*plan.Task{}
	for rows.Next() {
		n := &plan.Node{Task: true}
		var id, lead, by *int64
		var product, start, due, rec, note *string
		var updated *time.Time
		if err := rows.Scan(&n.Code, &n.Kind, &n.Label, &n.Title, &n.Text, &id, &lead, &product, &start, &due, &rec, &note, &by, &updated); err != nil {
			rows.Close()
			return nil, fmt.Errorf("scan task: %w", err)
		}
		t := &plan.Task{Node: n, Section: strings.SplitN(n.Code, ".", 2)[0]}
		if id != nil {
			a := &plan.Assignment{ID: *id, NodeCode: n.Code, LeadUnitID: *lead, Product: *product,
				Recurrence: plan.Recurrence(*rec), Note: *note, AssignedBy: *by, UpdatedAt: *updated}
			if a.Start, err = parseDate(*start); err == nil {
				a.Due, err = parseDate(*due)
			}
			if err != nil {
				rows.Close()
				return nil, err
			}
			t.Assignment = a
			byAssignment[a.ID] = t
		}
		tasks = append(tasks, t)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read tasks: %w", err)
	}
	if len(byAssignment) > 0 {
		if err := tx.loadCoUnits(ctx, code, byAssignment); err != nil {
			return nil, err
		}
		if err := tx.loadInstances(ctx, code, byAssignment); err != nil {
			return nil, err
		}
	}
	for _, t := range tasks {
		t.Derive(today)
	}
	return tasks, nil
}

// loadCoUnits and loadInstances read the rows of every assignment, or of
// the one of task code.
func (tx *Tx) loadCoUnits(ctx context.Context, code string, byAssignment map[int64]*plan.Task) error {
	rows, err := tx.QueryContext(ctx, `SELECT au.assignment_id, au.unit_id FROM assignment_units au
		JOIN assignments a ON a.id = au.assignment_id WHERE ($1 = '' OR a.node_code = $1) ORDER BY au.assignment_id, au.unit_id`, code)
	if err != nil {
		return fmt.Errorf("query coordinating units: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var aid, uid int64
		if err := rows.Scan(&aid, &uid); err != nil {
			return fmt.Errorf("scan coordinating unit: %w", err)
		}
		if t := byAssignment[aid]; t != nil {
			t.Assignment.CoUnitIDs = append(t.Assignment.CoUnitIDs, uid)
		}
	}
	return rows.Err()
}

func (tx *Tx) loadInstances(ctx context.Context, code string, byAssignment map[int64]*plan.Task) error {
	// Delivery and activity come from two grouped joins rather than
	// per-row subqueries, so a page of the whole plan is one pass.
	rows, err := tx.QueryContext(ctx, `SELECT i.id, i.assignment_id, i.period, i.start_date, i.due_date,
		COALESCE(ev.delivered, ''), (ev.instance_id IS NOT NULL OR pn.instance_id IS NOT NULL)
		FROM task_instances i JOIN assignments a ON a.id = i.assignment_id
		LEFT JOIN (SELECT instance_id, MIN(CASE WHEN state = 'accepted' THEN submitted_on END) AS delivered
			FROM evidence GROUP BY instance_id) ev ON ev.instance_id = i.id
		LEFT JOIN (SELECT DISTINCT instance_id FROM progress_notes) pn ON pn.instance_id = i.id
		WHERE ($1 = '' OR a.node_code = $1)
		ORDER BY i.assignment_id, i.due_date`, code)
	if err != nil {
		return fmt.Errorf("query task instances: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		in := &plan.InstanceState{}
		var start, due, delivered string
		if err := rows.Scan(&in.ID, &in.AssignmentID, &in.Period, &start, &due, &delivered, &in.AnyActivity); err != nil {
			return fmt.Errorf("scan task instance: %w", err)
		}
		var err error
		if in.Start, err = parseDate(start); err != nil {
			return err
		}
		if in.Due, err = parseDate(due); err != nil {
			return err
		}
		if in.Delivered, err = parseDate(delivered); err != nil {
			return err
		}
		if t := byAssignment[in.AssignmentID]; t != nil {
			t.Instances = append(t.Instances, in)
		}
	}
	return rows.Err()
}

func (tx *Tx) findTask(ctx context.Context, code string) (*plan.Task, error) {
	tasks, err := tx.loadTasks(ctx, code, plan.CivilDate(tx.now))
	if err != nil {
		return nil, err
	}
	if len(tasks) == 0 {
		var isNode bool
		if err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM plan_nodes WHERE code = $1)`, code).Scan(&isNode); err != nil {
			return nil, fmt.Errorf("find plan node %s: %w", code, err)
		}
		if isNode {
			return nil, cchc.Errorf(cchc.EINVALID, "Mục %s của kế hoạch không phải là nhiệm vụ để phân công.", code)
		}
		return nil, cchc.Errorf(cchc.ENOTFOUND, "Không tìm thấy nhiệm vụ %s.", code)
	}
	return tasks[0], nil
}

// AssignTask creates or replaces the assignment of a task (the Office only).
// The task's instances are regenerated from the new dates and recurrence;
// instances that already carry progress or evidence are kept, and a change
// that would drop one of them is refused.
func (db *DB) AssignTask(ctx context.Context, code string, a *plan.Assignment) error {
	me := cchc.UserFromContext(ctx)
	if !plan.CanAssign(me) {
		return cchc.Errorf(cchc.EFORBIDDEN, "Chỉ Văn phòng Sở được phân công nhiệm vụ.")
	}
	if err := a.Validate(); err != nil {
		return err
	}
	return db.write(ctx, func(tx *Tx) error {
		t, err := tx.findTask(ctx, code)
		if err != nil {
			return err
		}
		if t.Assignment == nil && !t.Node.Task {
			return cchc.Errorf(cchc.EINVALID, "Mục %s không phải là nhiệm vụ để phân công.", code)
		}
		if err := tx.checkUnits(ctx, append([]int64{a.LeadUnitID}, a.CoUnitIDs...)); err != nil {
			return err
		}
		a.NodeCode, a.AssignedBy, a.UpdatedAt = code, me.ID, tx.now
		before := t.Assignment
		if before == nil {
			if err := tx.QueryRowContext(ctx, `INSERT INTO assignments (node_code, lead_unit_id, product, start_date, due_date,
				recurrence, note, assigned_by, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) RETURNING id`,
				code, a.LeadUnitID, a.Product, formatDate(a.Start), formatDate(a.Due), string(a.Recurrence), a.Note, me.ID, tx.now).Scan(&a.ID); err != nil {
				return fmt.Errorf("insert assignment of %s: %w", code, err)
			}
		} else {
			a.ID = before.ID
			if _, err := tx.ExecContext(ctx, `UPDATE assignments SET lead_unit_id = $2, product = $3, start_date = $4, due_date = $5,
				recurrence = $6, note = $7, assigned_by = $8, updated_at = $9 WHERE id = $1`,
				a.ID, a.LeadUnitID, a.Product, formatDate(a.Start), formatDate(a.Due), string(a.Recurrence), a.Note, me.ID, tx.now); err != nil {
				return fmt.Errorf("update assignment of %s: %w", code, err)
			}
			if _, err := tx.ExecContext(ctx, `DELETE FROM assignment_units WHERE assignment_id = $1`, a.ID); err != nil {
				return fmt.Errorf("clear coordinating units of %s: %w", code, err)
			}
		}
		for _, u := range a.CoUnitIDs {
			if _, err := tx.ExecContext(ctx, `INSERT INTO assignment_units (assignment_id, unit_id) VALUES ($1, $2)`, a.ID, u); err != nil {
				return fmt.Errorf("insert coordinating unit of %s: %w", code, err)
			}
		}
		if err := tx.syncInstances(ctx, a, t.Instances); err != nil {
			return err
		}
		action := "plan.assign"
		if before != nil {
			action = "plan.reassign"
		}
		return tx.audit(ctx, action, "assignment", code, before, a)
	})
}

// syncInstances makes the stored instances match the assignment's expansion.
func (tx *Tx) syncInstances(ctx context.Context, a *plan.Assignment, have []*plan.InstanceState) error {
	want := a.Instances()
	wanted := map[string]plan.Instance{}
	for _, in := range want {
		wanted[in.Period] = in
	}
	for _, old := range have {
		if _, ok := wanted[old.Period]; ok {
			continue
		}
		if old.AnyActivity {
			return cchc.Errorf(cchc.ECONFLICT, "Không thể đổi lịch: kỳ %s đã có tiến độ hoặc minh chứng. Hãy giữ kỳ này trong lịch mới.",
				plan.PeriodName(old.Period))
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM task_instances WHERE id = $1`, old.ID); err != nil {
			return fmt.Errorf("delete instance %d: %w", old.ID, err)
		}
	}
	for _, in := range want {
		if _, err := tx.ExecContext(ctx, `INSERT INTO task_instances (assignment_id, period, start_date, due_date)
			VALUES ($1, $2, $3, $4) ON CONFLICT (assignment_id, period) DO UPDATE SET start_date = $3, due_date = $4`,
			a.ID, in.Period, formatDate(in.Start), formatDate(in.Due)); err != nil {
			return fmt.Errorf("upsert instance %s: %w", in.Period, err)
		}
	}
	return nil
}

// checkUnits makes sure every unit exists and is active.
func (tx *Tx) checkUnits(ctx context.Context, ids []int64) error {
	for _, id := range ids {
		u, err := findUnit(ctx, tx, id)
		if cchc.ErrorCode(err) == cchc.ENOTFOUND || (err == nil && !u.Active) {
			return cchc.Invalid("Đơn vị không tồn tại hoặc đã ngừng hoạt động.",
				map[string]string{"units": fmt.Sprintf("Đơn vị số %d không tồn tại hoặc đã ngừng hoạt động.", id)})
		} else if err != nil {
			return err
		}
	}
	return nil
}
