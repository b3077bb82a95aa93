package sqldb

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/hpdoet/cchc"
	"github.com/hpdoet/cchc/dossier"
)

// loadDossier reads a dossier with its files and events; the caller checks
// who may see it.
func (tx *Tx) loadDossier(ctx context.Context, code string, withHistory bool) (*DossierRecord, error) {
	r := &DossierRecord{D: &dossier.Dossier{}}
	var machine, form string
	var applicant, unit, assignee *int64
	err := tx.QueryRowContext(ctx, `SELECT d.id, d.machine, d.form, p.name, d.applicant_id, d.applicant_name, d.applicant_email,
		d.unit_id, d.assignee_id, d.created_by, d.version FROM dossiers d JOIN procedures p ON p.code = d.procedure_code WHERE d.code = $1`, code).
		Scan(&r.ID, &machine, &form, &r.ProcedureName, &applicant, &r.ApplicantName, &r.ApplicantEmail, &unit, &assignee, &r.CreatedBy, &r.Version)
	if isNoRows(err) {
		return nil, cchc.Errorf(cchc.ENOTFOUND, "Không tìm thấy hồ sơ %s.", code)
	} else if err != nil {
		return nil, fmt.Errorf("find dossier %s: %w", code, err)
	}
	if err := json.Unmarshal([]byte(machine), r.D); err != nil {
		return nil, fmt.Errorf("decode dossier %s: %w", code, err)
	}
	if err := json.Unmarshal([]byte(form), &r.Form); err != nil {
		return nil, fmt.Errorf("decode form of %s: %w", code, err)
	}
	for _, p := range []struct {
		dst *int64
		src *int64
	}{{&r.ApplicantID, applicant}, {&r.UnitID, unit}, {&r.AssigneeID, assignee}} {
		if p.src != nil {
			*p.dst = *p.src
		}
	}
	if !withHistory {
		return r, nil
	}
	rows, err := tx.QueryContext(ctx, `SELECT df.id, df.doc_key, df.name, df.sha256, f.content_type, f.size, df.source, df.uploaded_at
		FROM dossier_files df JOIN files f ON f.sha256 = df.sha256 WHERE df.dossier_id = $1 ORDER BY df.id`, r.ID)
	if err != nil {
		return nil, fmt.Errorf("query files of %s: %w", code, err)
	}
	for rows.Next() {
		var f DossierFile
		if err := rows.Scan(&f.ID, &f.DocKey, &f.Name, &f.SHA256, &f.ContentType, &f.Size, &f.Source, &f.UploadedAt); err != nil {
			rows.Close()
			return nil, fmt.Errorf("scan file: %w", err)
		}
		r.Files = append(r.Files, f)
	}
	rows.Close()
	rows, err = tx.QueryContext(ctx, `SELECT id, at, action, from_state, to_state, actor_name, role, reason, transition
		FROM dossier_events WHERE dossier_id = $1 ORDER BY id`, r.ID)
	if err != nil {
		return nil, fmt.Errorf("query events of %s: %w", code, err)
	}
	defer rows.Close()
	for rows.Next() {
		var e DossierEvent
		var action, from, to, role, doc string
		if err := rows.Scan(&e.ID, &e.At, &action, &from, &to, &e.ActorName, &role, &e.Reason, &doc); err != nil {
			return nil, fmt.Errorf("scan event: %w", err)
		}
		e.Action, e.From, e.To, e.Role = dossier.Action(action), dossier.State(from), dossier.State(to), cchc.Role(role)
		if err := json.Unmarshal([]byte(doc), &e.Transition); err != nil {
			return nil, fmt.Errorf("decode event: %w", err)
		}
		r.Events = append(r.Events, e)
	}
	return r, rows.Err()
}

// unitCode returns the code of a unit id ("" for none).
func (tx *Tx) unitCode(ctx context.Context, id int64) (string, error) {
	if id == 0 {
		return "", nil
	}
	var code string
	if err := tx.QueryRowContext(ctx, `SELECT code FROM units WHERE id = $1`, id).Scan(&code); err != nil {
		return "", fmt.Errorf("unit %d: %w", id, err)
	}
	return code, nil
}

// canSeeDossier is the unit-scoped read rule: the applicant sees their own
// dossiers; one-stop officers, the Sở's leaders and the Office see all;
// specialists and unit heads see the dossiers whose process runs through
// their unit.
func (tx *Tx) canSeeDossier(ctx context.Context, me *cchc.User, r *DossierRecord) (bool, error) {
	switch {
	case me == nil || !me.Active:
		return false, nil
	case me.Role == cchc.RoleCitizen:
		return r.ApplicantID == me.ID || r.CreatedBy == me.ID, nil
	case me.Role == cchc.RoleOneStop || me.SeesAllUnits():
		return true, nil
	case me.Role == cchc.RoleSpecialist || me.Role == cchc.RoleUnitHead:
		code, err := tx.unitCode(ctx, me.UnitID)
		if err != nil {
			return false, err
		}
		for _, s := range r.D.Steps {
			if s.UnitCode == code {
				return true, nil
			}
		}
	}
	return false, nil
}

// ActionInput is what an action needs besides its name.
type ActionInput struct {
	// Files are papers added with the action: a supplement brings what was
	// asked for. They must already be in the blob store.
	Files      []NewDossierFile
	Reason     string
	Missing    []string
	UnitCode   string
	AssigneeID int64
	NewDue     time.Time
}

// ActOnDossier performs an action on a dossier as the acting user. The
// unit-scoped rule is checked here (an official acts only on a step of
// their own unit, a citizen only on their own dossier), the machine checks
// the state, the role and the inputs; the change, its event, the audit
// entry and the applicant's e-mail are one transaction, and a concurrent
// change to the same dossier is refused rather than overwritten.
func (db *DB) ActOnDossier(ctx context.Context, code string, action dossier.Action, in ActionInput) (*DossierRecord, *dossier.Transition, error) {
	me := cchc.UserFromContext(ctx)
	if me == nil {
		return nil, nil, cchc.Errorf(cchc.EUNAUTHORIZED, "Vui lòng đăng nhập.")
	}
	var rec *DossierRecord
	var tr *dossier.Transition
	err := db.write(ctx, func(tx *Tx) error {
		r, err := tx.loadDossier(ctx, code, true)
		if err != nil {
			return err
		}
		if ok, err := tx.canSeeDossier(ctx, me, r); err != nil {
			return err
		} else if !ok {
			return cchc.Errorf(cchc.ENOTFOUND, "Không tìm thấy hồ sơ %s.", code)
		}
		input := dossier.Input{ActorID: me.ID, Role: me.Role, Reason: in.Reason, Missing: in.Missing, UnitCode: in.UnitCode,
			AssigneeID: in.AssigneeID, NewDue: in.NewDue}
		// An online dossier gets its internal process when it is received
		// (or at the latest assigned), from the procedure as it is then.
		if (action == dossier.Receive || action == dossier.Assign) && len(r.D.Steps) == 0 {
			p, err := findProcedure(ctx, tx, r.D.ProcedureCode, true)
			if err != nil {
				return err
			}
			input.Steps = dossier.StepsFor(p)
		}
		if err := tx.checkActScope(ctx, me, r, action, in, input.Steps); err != nil {
			return err
		}
		// A dossier with a fee is paid before it is processed.
		if action == dossier.Assign && r.D.State == dossier.Received {
			if fee, paid, err := tx.feeOf(ctx, r); err != nil {
				return err
			} else if !paid {
				return cchc.Errorf(cchc.ECONFLICT, "Hồ sơ chưa nộp phí, lệ phí (%s): nộp trực tuyến hoặc thu tại quầy trước khi chuyển xử lý.", money(fee))
			}
		}
		before := auditDossier(r)
		t, err := dossier.Apply(r.D, action, input, tx.now, db.OneStop.Calendar(), db.OneStop.Options)
		if err != nil {
			return err
		}
		if len(in.Files) > 0 && action != dossier.Supplement && action != dossier.Receive {
			return cchc.Invalid("Chỉ bổ sung giấy tờ khi bổ sung hoặc tiếp nhận hồ sơ.", map[string]string{"files": "Không đính kèm tệp với thao tác này."})
		}
		if err := tx.saveDossier(ctx, r); err != nil {
			return err
		}
		if action == dossier.IssueResult {
			if _, err := tx.storeResult(ctx, r, t.ResultCode); err != nil {
				return err
			}
		}
		source := "upload"
		if me.Role == cchc.RoleOneStop {
			source = "scan"
		}
		for _, f := range in.Files {
			if err := tx.addDossierFile(ctx, r.ID, f, source, me.ID); err != nil {
				return err
			}
		}
		if err := tx.refreshFacts(ctx, r.ID); err != nil {
			return err
		}
		if len(in.Files) > 0 && r.ApplicantID != 0 {
			p, err := findProcedure(ctx, tx, r.D.ProcedureCode, true)
			if err != nil {
				return err
			}
			storeSource := StoreUpload
			if source == "scan" {
				storeSource = StoreScan
			}
			if err := tx.keepInStore(ctx, r.ApplicantID, r.ID, p, in.Files, storeSource); err != nil {
				return err
			}
		}
		if err := tx.recordEvent(ctx, r, t, me); err != nil {
			return err
		}
		rec, tr = r, t
		return tx.audit(ctx, "dossier."+string(action), "dossier", code, before, auditDossier(r))
	})
	if err != nil {
		return nil, nil, err
	}
	return rec, tr, nil
}

// checkActScope applies the unit rule to an action: specialists and unit
// heads act only while the dossier's current step is their unit's, and an
// assignee must be an active official of the step's unit.
func (tx *Tx) checkActScope(ctx context.Context, me *cchc.User, r *DossierRecord, action dossier.Action, in ActionInput, planned []dossier.StepSpec) error {
	if me.Role == cchc.RoleSpecialist || me.Role == cchc.RoleUnitHead {
		code, err := tx.unitCode(ctx, me.UnitID)
		if err != nil {
			return err
		}
		s := r.D.Step()
		if r.D.State != dossier.Processing || s == nil || s.UnitCode != code {
			if !(action == dossier.IssueResult && r.UnitID == 0 && stepsInclude(r.D, code)) {
				return cchc.Errorf(cchc.EFORBIDDEN, "Hồ sơ %s hiện không ở bước của đơn vị bạn.", r.Code())
			}
		}
	}
	if action == dossier.Assign && in.AssigneeID != 0 {
		unit := in.UnitCode
		if unit == "" {
			if s := r.D.Step(); s != nil && r.D.State == dossier.Processing {
				unit = s.UnitCode
			} else if len(r.D.Steps) > 0 {
				unit = r.D.Steps[0].UnitCode
			} else if len(planned) > 0 {
				unit = planned[0].UnitCode
			}
		}
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM users u JOIN units un ON un.id = u.unit_id
			WHERE u.id = $1 AND u.active AND un.code = $2`, in.AssigneeID, unit).Scan(&n); err != nil {
			return fmt.Errorf("check assignee: %w", err)
		}
		if n == 0 {
			return cchc.Invalid("Người được giao không thuộc đơn vị xử lý bước này.", map[string]string{"assignee_id": "Chọn cán bộ của đơn vị xử lý."})
		}
	}
	return nil
}

func stepsInclude(d *dossier.Dossier, unit string) bool {
	for _, s := range d.Steps {
		if s.UnitCode == unit {
			return true
		}
	}
	return false
}

// saveDossier writes the machine and its columns back, refusing if the
// dossier changed since it was read.
func (tx *Tx) saveDossier(ctx context.Context, r *DossierRecord) error {
	if err := tx.placeDossier(ctx, r); err != nil {
		return err
	}
	machine, err := json.Marshal(r.D)
	if err != nil {
		return fmt.Errorf("encode dossier: %w", err)
	}
	d := r.D
	res, err := tx.ExecContext(ctx, `UPDATE dossiers SET state = $1, machine = $2, unit_id = $3, assignee_id = $4, received_at = $5,
		original_due = $6, due = $7, finished_at = $8, returned_at = $9, late = $10, version = version + 1, updated_at = $11, open_due = $14
		WHERE id = $12 AND version = $13`, string(d.State), string(machine), nullID(r.UnitID), nullID(r.AssigneeID), nullTime(d.ReceivedAt),
		nullTime(d.OriginalDue), nullTime(d.Due), nullTime(d.FinishedAt), nullTime(d.ReturnedAt), d.Late, tx.now, r.ID, r.Version, openDue(d))
	if err != nil {
		return fmt.Errorf("save dossier %s: %w", r.Code(), err)
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return cchc.Errorf(cchc.ECONFLICT, "Hồ sơ %s vừa được người khác cập nhật; vui lòng tải lại.", r.Code())
	}
	r.Version++
	return nil
}

// FindDossier returns a dossier with its papers and history, if the user may see it.
func (db *DB) FindDossier(ctx context.Context, code string) (*DossierRecord, error) {
	me := cchc.UserFromContext(ctx)
	if me == nil {
		return nil, cchc.Errorf(cchc.EUNAUTHORIZED, "Vui lòng đăng nhập.")
	}
	var rec *DossierRecord
	err := db.read(ctx, func(tx *Tx) error {
		r, err := tx.loadDossier(ctx, code, true)
		if err != nil {
			return err
		}
		ok, err := tx.canSeeDossier(ctx, me, r)
		if err != nil {
			return err
		}
		if !ok {
			// Not found rather than forbidden: codes of other people's dossiers leak nothing.
			return cchc.Errorf(cchc.ENOTFOUND, "Không tìm thấy hồ sơ %s.", code)
		}
		rec = r
		return nil
	})
	return rec, err
}

// Official is an official one may give a dossier step to.
type Official struct {
	ID       int64     `json:"id"`
	FullName string    `json:"full_name"`
	Role     cchc.Role `json:"role"`
}

// AssignableOfficials lists the active officials of a unit (by code) with
// the role a step needs; officials may ask, for routing dossiers.
func (db *DB) AssignableOfficials(ctx context.Context, unitCode string, role cchc.Role) ([]Official, error) {
	if !cchc.UserFromContext(ctx).IsOfficial() {
		return nil, cchc.Errorf(cchc.EFORBIDDEN, "Bạn không có quyền xem danh sách cán bộ.")
	}
	rows, err := db.sql.QueryContext(ctx, `SELECT u.id, u.full_name, u.role FROM users u JOIN units un ON un.id = u.unit_id
		WHERE u.active AND un.code = $1 AND ($2 = '' OR u.role = $2) ORDER BY u.full_name`, unitCode, string(role))
	if err != nil {
		return nil, fmt.Errorf("query officials of %s: %w", unitCode, err)
	}
	defer rows.Close()
	var out []Official
	for rows.Next() {
		var o Official
		var r string
		if err := rows.Scan(&o.ID, &o.FullName, &r); err != nil {
			return nil, fmt.Errorf("scan official: %w", err)
		}
		o.Role = cchc.Role(r)
		out = append(out, o)
	}
	return out, rows.Err()
}

// DossierFileByID returns one paper of a dossier the user may see.
func (db *DB) DossierFileByID(ctx context.Context, code string, id int64) (*DossierFile, error) {
	rec, err := db.FindDossier(ctx, code)
	if err != nil {
		return nil, err
	}
	for i := range rec.Files {
		if rec.Files[i].ID == id {
			return &rec.Files[i], nil
		}
	}
	return nil, cchc.Errorf(cchc.ENOTFOUND, "Không tìm thấy giấy tờ.")
}

// money writes đồng the Vietnamese way: 10.000 đồng.
func money(n int64) string {
	s := strconv.FormatInt(n, 10)
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(c)
	}
	return b.String() + " đồng"
}
