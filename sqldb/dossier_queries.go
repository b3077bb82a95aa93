package sqldb

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/hpdoet/cchc"
	"github.com/hpdoet/cchc/dossier"
)

// Worklist queues.
const (
	QueueNew     = "new"      // to receive (counter) or to assign (unit)
	QueueMine    = "mine"     // assigned to me
	QueueDueSoon = "due-soon" // open, due within 2 working days
	QueueLate    = "late"     // open and past due, or marked late
	QueueOpen    = "open"     // received and not finished
	QueueAll     = "all"
)

// DossierFilter selects dossiers for a worklist; zero fields do not filter.
type DossierFilter struct {
	Queue         string
	State         dossier.State
	ProcedureCode string
	Code          string // a code or its beginning
	Sort          string // "due" (default), "-due", "received", "-received"
	Limit, Offset int
}

// DossierRow is a line of a worklist.
type DossierRow struct {
	Code          string        `json:"code"`
	ProcedureCode string        `json:"procedure_code"`
	ProcedureName string        `json:"procedure_name"`
	ApplicantName string        `json:"applicant_name"`
	State         dossier.State `json:"state"`
	Channel       string        `json:"channel"`
	SubmittedAt   time.Time     `json:"submitted_at"`
	ReceivedAt    *time.Time    `json:"received_at"`
	Due           *time.Time    `json:"due"`
	Late          bool          `json:"late"`
	UnitName      string        `json:"unit_name,omitempty"`
	AssigneeName  string        `json:"assignee_name,omitempty"`
}

// openSince is below every due time. "open_due > openSince" is a range
// both planners start an index scan from, where "IS NOT NULL" is not
// always one (SQLite then walks the NULLs of every closed dossier).
var openSince = time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC)

// FindDossiers returns the dossiers the user may see that match f, and how
// many match in all. Every clause is indexed: the queues never read the
// whole table.
func (db *DB) FindDossiers(ctx context.Context, f DossierFilter) ([]DossierRow, int, error) {
	me := cchc.UserFromContext(ctx)
	if me == nil || !me.Active {
		return nil, 0, cchc.Errorf(cchc.EUNAUTHORIZED, "Vui lòng đăng nhập.")
	}
	if f.State != "" && !f.State.Valid() {
		return nil, 0, cchc.Invalid("Trạng thái không hợp lệ.", map[string]string{"state": "Trạng thái hồ sơ không hợp lệ."})
	}
	if f.Limit <= 0 || f.Limit > 200 {
		f.Limit = 50
	}
	now := db.Now().UTC()
	var where []string
	var args []any
	arg := func(v any) string { args = append(args, v); return fmt.Sprintf("$%d", len(args)) }
	switch {
	case me.Role == cchc.RoleCitizen:
		where = append(where, "(d.applicant_id = "+arg(me.ID)+" OR d.created_by = "+arg(me.ID)+")")
	case me.Role == cchc.RoleOneStop || me.SeesAllUnits():
	case me.Role == cchc.RoleSpecialist || me.Role == cchc.RoleUnitHead:
		// A dossier's assignee always belongs to the unit it is with, so
		// the unit alone scopes (and lets the (unit_id, open_due) index serve).
		where = append(where, "d.unit_id = "+arg(me.UnitID))
	default:
		return nil, 0, cchc.Errorf(cchc.EFORBIDDEN, "Bạn không có quyền xem hồ sơ.")
	}
	switch f.Queue {
	case "", QueueAll:
	case QueueNew:
		if me.Role == cchc.RoleOneStop || me.SeesAllUnits() {
			where = append(where, "d.state = '"+string(dossier.Submitted)+"'")
		} else {
			where = append(where, "d.state = '"+string(dossier.Processing)+"' AND d.assignee_id IS NULL")
		}
	case QueueMine:
		if me.Role == cchc.RoleOneStop {
			where = append(where, "d.created_by = "+arg(me.ID))
		} else {
			where = append(where, "d.assignee_id = "+arg(me.ID))
		}
	// The time-driven queues read the open_due index (due time of open
	// dossiers only), on both engines alike.
	case QueueDueSoon:
		limit := db.OneStop.Calendar().Due(now, 2)
		where = append(where, "d.open_due >= "+arg(now)+" AND d.open_due <= "+arg(limit.UTC()))
	case QueueLate:
		t := arg(now)
		where = append(where, "d.open_due > "+arg(openSince)+" AND (d.open_due < "+t+" OR (d.late = TRUE AND d.open_due >= "+t+"))")
	case QueueOpen:
		where = append(where, "d.open_due > "+arg(openSince))
	default:
		return nil, 0, cchc.Invalid("Hàng đợi không hợp lệ.", map[string]string{"queue": "Chọn new, mine, due-soon, late, open hoặc all."})
	}
	if f.State != "" {
		where = append(where, "d.state = "+arg(string(f.State)))
	}
	if f.ProcedureCode != "" {
		where = append(where, "d.procedure_code = "+arg(f.ProcedureCode))
	}
	if f.Code != "" {
		where = append(where, "d.code LIKE "+arg(strings.NewReplacer("%", "", "_", "").Replace(strings.TrimSpace(f.Code))+"%"))
	}
	cond := ""
	if len(where) > 0 {
		cond = " WHERE " + strings.Join(where, " AND ")
	}
	order := map[string]string{"": "d.due IS NULL, d.due, d.id", "due": "d.due IS NULL, d.due, d.id", "-due": "d.due DESC, d.id DESC",
		"received": "d.submitted_at, d.id", "-received": "d.submitted_at DESC, d.id DESC"}[f.Sort]
	if (f.Sort == "" || f.Sort == "due") && (f.Queue == QueueLate || f.Queue == QueueDueSoon || f.Queue == QueueOpen) {
		// Open dossiers always have a due time: ordering by the column
		// alone lets the open-dossier index deliver the first page in order.
		order = "d.open_due, d.id"
	}
	if order == "" {
		return nil, 0, cchc.Invalid("Cách sắp xếp không hợp lệ.", map[string]string{"sort": "Chọn due, -due, received hoặc -received."})
	}
	var total int
	if err := db.sql.QueryRowContext(ctx, "SELECT COUNT(*) FROM dossiers d"+cond, args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("count dossiers: %w", err)
	}
	rows, err := db.sql.QueryContext(ctx, `SELECT d.code, d.procedure_code, p.name, d.applicant_name, d.state, d.channel, d.submitted_at,
		d.received_at, d.due, d.late, COALESCE(un.name, ''), COALESCE(u.full_name, '')
		FROM dossiers d JOIN procedures p ON p.code = d.procedure_code LEFT JOIN units un ON un.id = d.unit_id LEFT JOIN users u ON u.id = d.assignee_id`+
		cond+" ORDER BY "+order+fmt.Sprintf(" LIMIT %d OFFSET %d", f.Limit, max(f.Offset, 0)), args...)
	if err != nil {
		return nil, 0, fmt.Errorf("query dossiers: %w", err)
	}
	defer rows.Close()
	var out []DossierRow
	for rows.Next() {
		var r DossierRow
		var state string
		if err := rows.Scan(&r.Code, &r.ProcedureCode, &r.ProcedureName, &r.ApplicantName, &state, &r.Channel, &r.SubmittedAt,
			&r.ReceivedAt, &r.Due, &r.Late, &r.UnitName, &r.AssigneeName); err != nil {
			return nil, 0, fmt.Errorf("scan dossier: %w", err)
		}
		r.State = dossier.State(state)
		out = append(out, r)
	}
	return out, total, rows.Err()
}

// DossierStatus is what anyone may learn of a dossier from its code: no
// name, no form, no papers.
type DossierStatus struct {
	Code          string        `json:"code"`
	ProcedureName string        `json:"procedure_name"`
	State         dossier.State `json:"state"`
	StateName     string        `json:"state_name"`
	Channel       string        `json:"channel"`
	SubmittedAt   time.Time     `json:"submitted_at"`
	ReceivedAt    *time.Time    `json:"received_at"`
	Due           *time.Time    `json:"due"`
	FinishedAt    *time.Time    `json:"finished_at"`
	ReturnedAt    *time.Time    `json:"returned_at"`
	Timeliness    string        `json:"timeliness"`
}

// LookupDossier answers the public lookup by code.
func (db *DB) LookupDossier(ctx context.Context, code string) (*DossierStatus, error) {
	code = strings.TrimSpace(code)
	if _, err := dossier.ParseCode(code); err != nil {
		return nil, cchc.Invalid("Mã hồ sơ không đúng định dạng.", map[string]string{"code": "Mã hồ sơ có dạng 000.00.31.H31-260213-0001."})
	}
	var s DossierStatus
	err := db.read(ctx, func(tx *Tx) error {
		r, err := tx.loadDossier(ctx, code, false)
		if err != nil {
			return err
		}
		d := r.D
		s = DossierStatus{Code: code, ProcedureName: r.ProcedureName, State: d.State, StateName: d.State.Name(), Channel: d.Channel.Name(),
			SubmittedAt: d.SubmittedAt, ReceivedAt: timePtr(d.ReceivedAt), Due: timePtr(d.Due), FinishedAt: timePtr(d.FinishedAt),
			ReturnedAt: timePtr(d.ReturnedAt), Timeliness: dossier.Timeliness(d, tx.now, db.OneStop.Calendar()).Name()}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &s, nil
}

func timePtr(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	return &t
}
