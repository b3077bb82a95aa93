package sqldb

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/hpdoet/cchc"
	"github.com/hpdoet/cchc/plan"
	"github.com/hpdoet/cchc/textkey"
)

// ImportResult tells what an import changed.
type ImportResult struct {
	Created   int `json:"created"`
	Updated   int `json:"updated"`
	Retired   int `json:"retired"`
	Unchanged int `json:"unchanged"`
}

// Changed reports whether the import changed anything.
func (r ImportResult) Changed() bool { return r.Created+r.Updated+r.Retired > 0 }

type frontMatter struct {
	Preamble   []string `json:"preamble"`
	Closing    []string `json:"closing"`
	Recipients []string `json:"recipients"`
	Notes      []string `json:"notes"`
}

type planRow struct {
	ID, Title, Number, Place, Issuer, Signer string
	FromYear, ToYear                         int
	Front                                    string
}

type nodeRow struct {
	Code, Parent, Kind, Label, Title, Body string
	Task                                   bool
	Ord, Depth                             int
	Retired                                bool
}

type targetRow struct {
	Code, Node, Phase, Name, Body string
	Value                         *float64
	Unit, Direction, Measure      string
	Ord                           int
	Retired                       bool
}

// ImportPlan loads a plan document idempotently: unchanged nodes and targets
// are left alone, changed ones are updated in place (their assignments and
// evidence stay), new ones are added, and ones no longer in the document are
// retired, not deleted. Each change is audited. Admins, the Office and the
// system may import.
func (db *DB) ImportPlan(ctx context.Context, doc *plan.Document) (ImportResult, error) {
	var res ImportResult
	me := cchc.UserFromContext(ctx)
	if !me.CanManageAccounts() && !plan.CanAssign(me) {
		return res, cchc.Errorf(cchc.EFORBIDDEN, "Bạn không có quyền nhập kế hoạch.")
	}
	if err := doc.Validate(); err != nil {
		return res, cchc.Errorf(cchc.EINVALID, "Tệp kế hoạch không hợp lệ: %v", err)
	}
	err := db.write(ctx, func(tx *Tx) error {
		res = ImportResult{}
		if err := tx.importPlanRow(ctx, doc, &res); err != nil {
			return err
		}
		if err := tx.importNodes(ctx, doc, &res); err != nil {
			return err
		}
		return tx.importTargets(ctx, doc, &res)
	})
	return res, err
}

func (tx *Tx) importPlanRow(ctx context.Context, doc *plan.Document, res *ImportResult) error {
	front, err := json.Marshal(frontMatter{doc.Preamble, doc.Closing, doc.Recipients, doc.Notes})
	if err != nil {
		return fmt.Errorf("encode plan front matter: %w", err)
	}
	want := planRow{doc.ID, doc.Title, doc.Number, doc.Place, doc.Issuer, doc.Signer, doc.FromYear, doc.ToYear, string(front)}
	var have planRow
	err = tx.QueryRowContext(ctx, `SELECT id, title, number, place_date, issuer, signer, from_year, to_year, front_matter
		FROM plans WHERE id = $1`, doc.ID).Scan(&have.ID, &have.Title, &have.Number, &have.Place, &have.Issuer, &have.Signer,
		&have.FromYear, &have.ToYear, &have.Front)
	switch {
	case isNoRows(err):
		if _, err := tx.ExecContext(ctx, `INSERT INTO plans (id, title, number, place_date, issuer, signer, from_year, to_year,
			front_matter, imported_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`, want.ID, want.Title, want.Number,
			want.Place, want.Issuer, want.Signer, want.FromYear, want.ToYear, want.Front, tx.now); err != nil {
			return fmt.Errorf("insert plan: %w", err)
		}
		res.Created++
		return tx.audit(ctx, "plan.create", "plan", doc.ID, nil, want)
	case err != nil:
		return fmt.Errorf("read plan %s: %w", doc.ID, err)
	case have == want:
		res.Unchanged++
		return nil
	}
	if _, err := tx.ExecContext(ctx, `UPDATE plans SET title = $2, number = $3, place_date = $4, issuer = $5, signer = $6,
		from_year = $7, to_year = $8, front_matter = $9, imported_at = $10 WHERE id = $1`, want.ID, want.Title, want.Number,
		want.Place, want.Issuer, want.Signer, want.FromYear, want.ToYear, want.Front, tx.now); err != nil {
		return fmt.Errorf("update plan: %w", err)
	}
	res.Updated++
	return tx.audit(ctx, "plan.update", "plan", doc.ID, have, want)
}

func (tx *Tx) importNodes(ctx context.Context, doc *plan.Document, res *ImportResult) error {
	have := map[string]nodeRow{}
	rows, err := tx.QueryContext(ctx, `SELECT code, COALESCE(parent_code, ''), kind, label, title, body, is_task, ord, depth, retired
		FROM plan_nodes WHERE plan_id = $1`, doc.ID)
	if err != nil {
		return fmt.Errorf("read plan nodes: %w", err)
	}
	for rows.Next() {
		var n nodeRow
		if err := rows.Scan(&n.Code, &n.Parent, &n.Kind, &n.Label, &n.Title, &n.Body, &n.Task, &n.Ord, &n.Depth, &n.Retired); err != nil {
			rows.Close()
			return fmt.Errorf("scan plan node: %w", err)
		}
		have[n.Code] = n
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read plan nodes: %w", err)
	}
	seen := map[string]bool{}
	ord := 0
	depth := map[string]int{"": -1}
	var walkErr error
	doc.Walk(func(n *plan.Node, parent string, _ int) {
		if walkErr != nil {
			return
		}
		ord++
		depth[n.Code] = depth[parent] + 1
		seen[n.Code] = true
		want := nodeRow{n.Code, parent, n.Kind, n.Label, n.Title, n.Text, n.Task, ord, depth[n.Code], false}
		old, ok := have[n.Code]
		var parentArg any
		if parent != "" {
			parentArg = parent
		}
		key := textkey.Key(n.Code + " " + n.Title + " " + n.Text)
		switch {
		case !ok:
			_, err := tx.ExecContext(ctx, `INSERT INTO plan_nodes (code, plan_id, parent_code, kind, label, title, body, is_task,
				ord, depth, retired, search_key) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, FALSE, $11)`,
				n.Code, doc.ID, parentArg, n.Kind, n.Label, n.Title, n.Text, n.Task, ord, want.Depth, key)
			if err != nil {
				walkErr = fmt.Errorf("insert plan node %s: %w", n.Code, err)
				return
			}
			res.Created++
			walkErr = tx.audit(ctx, "plan.node.create", "plan_node", n.Code, nil, want)
		case old != want:
			_, err := tx.ExecContext(ctx, `UPDATE plan_nodes SET parent_code = $2, kind = $3, label = $4, title = $5, body = $6,
				is_task = $7, ord = $8, depth = $9, retired = FALSE, search_key = $10 WHERE code = $1`,
				n.Code, parentArg, n.Kind, n.Label, n.Title, n.Text, n.Task, ord, want.Depth, key)
			if err != nil {
				walkErr = fmt.Errorf("update plan node %s: %w", n.Code, err)
				return
			}
			res.Updated++
			walkErr = tx.audit(ctx, "plan.node.update", "plan_node", n.Code, old, want)
		default:
			res.Unchanged++
		}
	})
	if walkErr != nil {
		return walkErr
	}
	for code, old := range have {
		if seen[code] || old.Retired {
			continue
		}
		if _, err := tx.ExecContext(ctx, `UPDATE plan_nodes SET retired = TRUE WHERE code = $1`, code); err != nil {
			return fmt.Errorf("retire plan node %s: %w", code, err)
		}
		res.Retired++
		after := old
		after.Retired = true
		if err := tx.audit(ctx, "plan.node.retire", "plan_node", code, old, after); err != nil {
			return err
		}
	}
	return nil
}

func (tx *Tx) importTargets(ctx context.Context, doc *plan.Document, res *ImportResult) error {
	have := map[string]targetRow{}
	rows, err := tx.QueryContext(ctx, `SELECT code, node_code, phase, name, body, value, unit, direction, measure, ord, retired
		FROM plan_targets WHERE plan_id = $1`, doc.ID)
	if err != nil {
		return fmt.Errorf("read plan targets: %w", err)
	}
	for rows.Next() {
		var t targetRow
		if err := rows.Scan(&t.Code, &t.Node, &t.Phase, &t.Name, &t.Body, &t.Value, &t.Unit, &t.Direction, &t.Measure, &t.Ord, &t.Retired); err != nil {
			rows.Close()
			return fmt.Errorf("scan plan target: %w", err)
		}
		have[t.Code] = t
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read plan targets: %w", err)
	}
	same := func(a, b targetRow) bool {
		va, vb := a.Value, b.Value
		a.Value, b.Value = nil, nil
		return a == b && ((va == nil && vb == nil) || (va != nil && vb != nil && *va == *vb))
	}
	seen := map[string]bool{}
	for i, t := range doc.Targets {
		seen[t.Code] = true
		want := targetRow{t.Code, t.Node, t.Phase, t.Name, t.Text, t.Value, t.Unit, t.Direction, t.Measure, i + 1, false}
		old, ok := have[t.Code]
		switch {
		case !ok:
			if _, err := tx.ExecContext(ctx, `INSERT INTO plan_targets (code, plan_id, node_code, phase, name, body, value, unit,
				direction, measure, ord, retired) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, FALSE)`,
				t.Code, doc.ID, t.Node, t.Phase, t.Name, t.Text, t.Value, t.Unit, t.Direction, t.Measure, i+1); err != nil {
				return fmt.Errorf("insert plan target %s: %w", t.Code, err)
			}
			res.Created++
			if err := tx.audit(ctx, "plan.target.create", "plan_target", t.Code, nil, want); err != nil {
				return err
			}
		case !same(old, want):
			if _, err := tx.ExecContext(ctx, `UPDATE plan_targets SET node_code = $2, phase = $3, name = $4, body = $5, value = $6,
				unit = $7, direction = $8, measure = $9, ord = $10, retired = FALSE WHERE code = $1`,
				t.Code, t.Node, t.Phase, t.Name, t.Text, t.Value, t.Unit, t.Direction, t.Measure, i+1); err != nil {
				return fmt.Errorf("update plan target %s: %w", t.Code, err)
			}
			res.Updated++
			if err := tx.audit(ctx, "plan.target.update", "plan_target", t.Code, old, want); err != nil {
				return err
			}
		default:
			res.Unchanged++
		}
	}
	for code, old := range have {
		if seen[code] || old.Retired {
			continue
		}
		if _, err := tx.ExecContext(ctx, `UPDATE plan_targets SET retired = TRUE WHERE code = $1`, code); err != nil {
			return fmt.Errorf("retire plan target %s: %w", code, err)
		}
		res.Retired++
		after := old
		after.Retired = true
		if err := tx.audit(ctx, "plan.target.retire", "plan_target", code, old, after); err != nil {
			return err
		}
	}
	return nil
}

// PlanDocument reads the current plan back as a document tree, without
// retired nodes. It is public. ENOTFOUND if no plan was imported.
func (db *DB) PlanDocument(ctx context.Context) (*plan.Document, error) {
	var doc plan.Document
	var front string
	err := db.sql.QueryRowContext(ctx, `SELECT id, title, number, place_date, issuer, signer, from_year, to_year, front_matter
		FROM plans ORDER BY imported_at LIMIT 1`).Scan(&doc.ID, &doc.Title, &doc.Number, &doc.Place, &doc.Issuer, &doc.Signer,
		&doc.FromYear, &doc.ToYear, &front)
	if isNoRows(err) {
		return nil, cchc.Errorf(cchc.ENOTFOUND, "Chưa có kế hoạch nào được nhập.")
	} else if err != nil {
		return nil, fmt.Errorf("read plan: %w", err)
	}
	var fm frontMatter
	if err := json.Unmarshal([]byte(front), &fm); err != nil {
		return nil, fmt.Errorf("decode plan front matter: %w", err)
	}
	doc.Preamble, doc.Closing, doc.Recipients, doc.Notes = fm.Preamble, fm.Closing, fm.Recipients, fm.Notes
	rows, err := db.sql.QueryContext(ctx, `SELECT code, COALESCE(parent_code, ''), kind, label, title, body, is_task
		FROM plan_nodes WHERE plan_id = $1 AND NOT retired ORDER BY ord`, doc.ID)
	if err != nil {
		return nil, fmt.Errorf("read plan nodes: %w", err)
	}
	defer rows.Close()
	byCode := map[string]*plan.Node{}
	for rows.Next() {
		var n plan.Node
		var parent string
		if err := rows.Scan(&n.Code, &parent, &n.Kind, &n.Label, &n.Title, &n.Text, &n.Task); err != nil {
			return nil, fmt.Errorf("scan plan node: %w", err)
		}
		byCode[n.Code] = &n
		if p := byCode[parent]; p != nil {
			p.Children = append(p.Children, &n)
		} else {
			doc.Nodes = append(doc.Nodes, &n)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read plan nodes: %w", err)
	}
	targets, err := db.PlanTargets(ctx)
	if err != nil {
		return nil, err
	}
	doc.Targets = targets
	return &doc, nil
}

// PlanTargets returns the plan's current targets in order. It is public.
func (db *DB) PlanTargets(ctx context.Context) ([]*plan.Target, error) {
	rows, err := db.sql.QueryContext(ctx, `SELECT code, node_code, phase, name, body, value, unit, direction, measure
		FROM plan_targets WHERE NOT retired ORDER BY ord`)
	if err != nil {
		return nil, fmt.Errorf("read plan targets: %w", err)
	}
	defer rows.Close()
	var out []*plan.Target
	for rows.Next() {
		var t plan.Target
		if err := rows.Scan(&t.Code, &t.Node, &t.Phase, &t.Name, &t.Text, &t.Value, &t.Unit, &t.Direction, &t.Measure); err != nil {
			return nil, fmt.Errorf("scan plan target: %w", err)
		}
		out = append(out, &t)
	}
	return out, rows.Err()
}
