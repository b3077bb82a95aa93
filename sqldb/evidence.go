package sqldb

import (
	"context"
	"fmt"
	"strconv"

	"github.com/hpdoet/cchc"
	"github.com/hpdoet/cchc/plan"
)

// TaskDetail is everything a task page shows: the task, its progress notes,
// evidence and the audit history of all of them.
type TaskDetail struct {
	Task      *plan.Task
	Progress  []*plan.Progress
	Evidence  []*plan.Evidence
	History   []cchc.AuditEntry
	CanPost   bool
	CanReview bool
	CanAssign bool
}

// FindTask returns a task's page. Officials of the lead or coordinating
// units, the Office and the Sở's leaders may see an assigned task; an
// unassigned one only the Office and leaders.
func (db *DB) FindTask(ctx context.Context, code string) (*TaskDetail, error) {
	me := cchc.UserFromContext(ctx)
	if me == nil {
		return nil, cchc.Errorf(cchc.EUNAUTHORIZED, "Vui lòng đăng nhập.")
	}
	var d TaskDetail
	err := db.read(ctx, func(tx *Tx) error {
		t, err := tx.findTask(ctx, code)
		if err != nil {
			return err
		}
		if (t.Assignment == nil && !me.SeesAllUnits()) || (t.Assignment != nil && !plan.CanView(me, t.Assignment)) {
			return cchc.Errorf(cchc.EFORBIDDEN, "Nhiệm vụ này không thuộc đơn vị của bạn.")
		}
		d.Task = t
		d.CanAssign = plan.CanAssign(me)
		d.CanReview = plan.CanReview(me)
		if t.Assignment == nil {
			d.History, err = db.entityHistory(ctx, tx, "assignment", code)
			return err
		}
		d.CanPost = plan.CanPost(me, t.Assignment)
		if d.Progress, err = tx.progressOf(ctx, t.Assignment.ID); err != nil {
			return err
		}
		if d.Evidence, err = tx.evidenceOf(ctx, t.Assignment.ID, 0); err != nil {
			return err
		}
		return tx.history(ctx, code, d.Progress, d.Evidence, &d.History)
	})
	if err != nil {
		return nil, err
	}
	return &d, nil
}

func (tx *Tx) history(ctx context.Context, code string, progress []*plan.Progress, evidence []*plan.Evidence, out *[]cchc.AuditEntry) error {
	// One query for the assignment, its notes and its evidence, in order.
	args := []any{code}
	cond := `(entity = 'assignment' AND entity_id = $1)`
	add := func(entity string, id int64) {
		args = append(args, entity, strconv.FormatInt(id, 10))
		cond += fmt.Sprintf(` OR (entity = $%d AND entity_id = $%d)`, len(args)-1, len(args))
	}
	for _, p := range progress {
		add("progress", p.ID)
	}
	for _, e := range evidence {
		add("evidence", e.ID)
	}
	rows, err := tx.QueryContext(ctx, `SELECT seq, at, COALESCE(actor_id, 0), actor_name, action, entity, entity_id,
		before_doc, after_doc, ip, prev_hash, hash FROM audit_log WHERE `+cond+` ORDER BY seq`, args...)
	if err != nil {
		return fmt.Errorf("query history of %s: %w", code, err)
	}
	*out, err = scanAudit(rows)
	return err
}

func (tx *Tx) progressOf(ctx context.Context, assignmentID int64) ([]*plan.Progress, error) {
	rows, err := tx.QueryContext(ctx, `SELECT p.id, p.instance_id, p.unit_id, p.author_id, u.full_name, p.body, p.created_at
		FROM progress_notes p JOIN task_instances i ON i.id = p.instance_id JOIN users u ON u.id = p.author_id
		WHERE i.assignment_id = $1 ORDER BY p.created_at, p.id`, assignmentID)
	if err != nil {
		return nil, fmt.Errorf("query progress notes: %w", err)
	}
	defer rows.Close()
	var out []*plan.Progress
	for rows.Next() {
		var p plan.Progress
		if err := rows.Scan(&p.ID, &p.InstanceID, &p.UnitID, &p.AuthorID, &p.AuthorName, &p.Body, &p.CreatedAt); err != nil {
			return nil, fmt.Errorf("scan progress note: %w", err)
		}
		out = append(out, &p)
	}
	return out, rows.Err()
}

const evidenceColumns = `e.id, e.instance_id, e.unit_id, e.kind, COALESCE(e.file_sha256, ''), e.file_name,
	COALESCE(f.content_type, ''), COALESCE(f.size, 0), e.doc_number, COALESCE(e.doc_date, ''), e.doc_issuer, e.description,
	e.state, e.review_comment, COALESCE(e.reviewed_by, 0), e.reviewed_at, e.submitted_by, e.submitted_at`

func scanEvidence(s interface{ Scan(...any) error }) (*plan.Evidence, error) {
	var e plan.Evidence
	var docDate string
	if err := s.Scan(&e.ID, &e.InstanceID, &e.UnitID, &e.Kind, &e.FileSHA256, &e.FileName, &e.FileType, &e.FileSize,
		&e.DocNumber, &docDate, &e.DocIssuer, &e.Description, &e.State, &e.ReviewComment, &e.ReviewedBy, &e.ReviewedAt,
		&e.SubmittedBy, &e.SubmittedAt); err != nil {
		return nil, err
	}
	if docDate != "" {
		d, err := parseDate(docDate)
		if err != nil {
			return nil, err
		}
		e.DocDate = &d
	}
	return &e, nil
}

// evidenceOf lists the evidence of an assignment, or the one with id.
func (tx *Tx) evidenceOf(ctx context.Context, assignmentID, id int64) ([]*plan.Evidence, error) {
	rows, err := tx.QueryContext(ctx, `SELECT `+evidenceColumns+` FROM evidence e
		JOIN task_instances i ON i.id = e.instance_id LEFT JOIN files f ON f.sha256 = e.file_sha256
		WHERE ($1 = 0 OR i.assignment_id = $1) AND ($2 = 0 OR e.id = $2) ORDER BY e.submitted_at, e.id`, assignmentID, id)
	if err != nil {
		return nil, fmt.Errorf("query evidence: %w", err)
	}
	defer rows.Close()
	var out []*plan.Evidence
	for rows.Next() {
		e, err := scanEvidence(rows)
		if err != nil {
			return nil, fmt.Errorf("scan evidence: %w", err)
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// instanceTask loads the task an instance belongs to and checks that the
// acting user may post on it.
func (tx *Tx) postableInstance(ctx context.Context, instanceID int64) (*plan.Task, *plan.InstanceState, error) {
	me := cchc.UserFromContext(ctx)
	var code string
	err := tx.QueryRowContext(ctx, `SELECT a.node_code FROM task_instances i JOIN assignments a ON a.id = i.assignment_id
		WHERE i.id = $1`, instanceID).Scan(&code)
	if isNoRows(err) {
		return nil, nil, cchc.Errorf(cchc.ENOTFOUND, "Không tìm thấy kỳ thực hiện của nhiệm vụ.")
	} else if err != nil {
		return nil, nil, fmt.Errorf("find instance %d: %w", instanceID, err)
	}
	t, err := tx.findTask(ctx, code)
	if err != nil {
		return nil, nil, err
	}
	if !plan.CanPost(me, t.Assignment) {
		return nil, nil, cchc.Errorf(cchc.EFORBIDDEN, "Đơn vị của bạn không chủ trì hoặc phối hợp nhiệm vụ này.")
	}
	for _, in := range t.Instances {
		if in.ID == instanceID {
			return t, in, nil
		}
	}
	return nil, nil, cchc.Errorf(cchc.ENOTFOUND, "Không tìm thấy kỳ thực hiện của nhiệm vụ.")
}

// AddProgress posts a progress note on an instance for the user's unit.
func (db *DB) AddProgress(ctx context.Context, instanceID int64, body string) (*plan.Progress, error) {
	me := cchc.UserFromContext(ctx)
	body, err := plan.ValidateProgress(body)
	if err != nil {
		return nil, err
	}
	var p *plan.Progress
	err = db.write(ctx, func(tx *Tx) error {
		t, _, err := tx.postableInstance(ctx, instanceID)
		if err != nil {
			return err
		}
		p = &plan.Progress{InstanceID: instanceID, UnitID: me.UnitID, AuthorID: me.ID, AuthorName: me.FullName, Body: body, CreatedAt: tx.now}
		if err := tx.QueryRowContext(ctx, `INSERT INTO progress_notes (instance_id, unit_id, author_id, body, created_at)
			VALUES ($1, $2, $3, $4, $5) RETURNING id`, instanceID, me.UnitID, me.ID, body, tx.now).Scan(&p.ID); err != nil {
			return fmt.Errorf("insert progress note: %w", err)
		}
		return tx.audit(ctx, "plan.progress", "progress", strconv.FormatInt(p.ID, 10), nil,
			map[string]any{"task": t.Node.Code, "instance_id": instanceID, "body": body})
	})
	return p, err
}

// AddEvidence records evidence on an instance for the user's unit. A file
// must already be in the blob store under e.FileSHA256; its type and size
// are recorded here.
func (db *DB) AddEvidence(ctx context.Context, instanceID int64, e *plan.Evidence) error {
	me := cchc.UserFromContext(ctx)
	if err := e.Validate(db.Today()); err != nil {
		return err
	}
	return db.write(ctx, func(tx *Tx) error {
		t, _, err := tx.postableInstance(ctx, instanceID)
		if err != nil {
			return err
		}
		if e.Kind == plan.EvidenceFile {
			if _, err := tx.ExecContext(ctx, `INSERT INTO files (sha256, size, content_type, created_at) VALUES ($1, $2, $3, $4)
				ON CONFLICT (sha256) DO NOTHING`, e.FileSHA256, e.FileSize, e.FileType, tx.now); err != nil {
				return fmt.Errorf("record file: %w", err)
			}
		}
		e.InstanceID, e.UnitID, e.State, e.SubmittedBy, e.SubmittedAt = instanceID, me.UnitID, plan.EvidenceSubmitted, me.ID, tx.now
		var sha, docDate any
		if e.FileSHA256 != "" {
			sha = e.FileSHA256
		}
		if e.DocDate != nil {
			docDate = formatDate(*e.DocDate)
		}
		if err := tx.QueryRowContext(ctx, `INSERT INTO evidence (instance_id, unit_id, kind, file_sha256, file_name, doc_number,
			doc_date, doc_issuer, description, state, submitted_by, submitted_at, submitted_on)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id`,
			instanceID, me.UnitID, e.Kind, sha, e.FileName, e.DocNumber, docDate, e.DocIssuer, e.Description, e.State,
			me.ID, tx.now, formatDate(plan.CivilDate(tx.now))).Scan(&e.ID); err != nil {
			return fmt.Errorf("insert evidence: %w", err)
		}
		return tx.audit(ctx, "plan.evidence.submit", "evidence", strconv.FormatInt(e.ID, 10), nil,
			map[string]any{"task": t.Node.Code, "evidence": e})
	})
}

// ReviewEvidence accepts or returns submitted evidence (the Office only).
// Evidence already reviewed cannot be reviewed again: the unit submits anew.
func (db *DB) ReviewEvidence(ctx context.Context, id int64, accept bool, comment string) (*plan.Evidence, error) {
	me := cchc.UserFromContext(ctx)
	if !plan.CanReview(me) {
		return nil, cchc.Errorf(cchc.EFORBIDDEN, "Chỉ Văn phòng Sở được xem xét minh chứng.")
	}
	comment, err := plan.ValidateReview(accept, comment)
	if err != nil {
		return nil, err
	}
	var out *plan.Evidence
	err = db.write(ctx, func(tx *Tx) error {
		list, err := tx.evidenceOf(ctx, 0, id)
		if err != nil {
			return err
		}
		if len(list) == 0 {
			return cchc.Errorf(cchc.ENOTFOUND, "Không tìm thấy minh chứng.")
		}
		before := list[0]
		if before.State != plan.EvidenceSubmitted {
			return cchc.Errorf(cchc.ECONFLICT, "Minh chứng này đã được xem xét (%s).", plan.EvidenceStateName(before.State))
		}
		after := *before
		after.State, after.ReviewComment, after.ReviewedBy = plan.EvidenceReturned, comment, me.ID
		if accept {
			after.State = plan.EvidenceAccepted
		}
		now := tx.now
		after.ReviewedAt = &now
		res, err := tx.ExecContext(ctx, `UPDATE evidence SET state = $2, review_comment = $3, reviewed_by = $4, reviewed_at = $5
			WHERE id = $1 AND state = $6`, id, after.State, comment, me.ID, tx.now, plan.EvidenceSubmitted)
		if err != nil {
			return fmt.Errorf("review evidence %d: %w", id, err)
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return cchc.Errorf(cchc.ECONFLICT, "Minh chứng này vừa được người khác xem xét.")
		}
		out = &after
		return tx.audit(ctx, "plan.evidence."+after.State, "evidence", strconv.FormatInt(id, 10), before, after)
	})
	return out, err
}

// EvidenceFile returns the stored file of a piece of evidence, if the user
// may see its task.
func (db *DB) EvidenceFile(ctx context.Context, id int64) (*plan.Evidence, error) {
	me := cchc.UserFromContext(ctx)
	if me == nil {
		return nil, cchc.Errorf(cchc.EUNAUTHORIZED, "Vui lòng đăng nhập.")
	}
	var out *plan.Evidence
	err := db.read(ctx, func(tx *Tx) error {
		list, err := tx.evidenceOf(ctx, 0, id)
		if err != nil {
			return err
		}
		if len(list) == 0 || list[0].Kind != plan.EvidenceFile {
			return cchc.Errorf(cchc.ENOTFOUND, "Không tìm thấy tệp minh chứng.")
		}
		var code string
		if err := tx.QueryRowContext(ctx, `SELECT a.node_code FROM task_instances i JOIN assignments a ON a.id = i.assignment_id
			WHERE i.id = $1`, list[0].InstanceID).Scan(&code); err != nil {
			return fmt.Errorf("find task of evidence %d: %w", id, err)
		}
		t, err := tx.findTask(ctx, code)
		if err != nil {
			return err
		}
		if !plan.CanView(me, t.Assignment) {
			return cchc.Errorf(cchc.EFORBIDDEN, "Minh chứng này không thuộc đơn vị của bạn.")
		}
		out = list[0]
		return nil
	})
	return out, err
}
