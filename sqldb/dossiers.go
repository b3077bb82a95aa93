package sqldb

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/hpdoet/cchc"
	"github.com/hpdoet/cchc/calendar"
	"github.com/hpdoet/cchc/dossier"
	"github.com/hpdoet/cchc/plan"
	"github.com/hpdoet/cchc/procedure"
)

// OneStop configures the one-stop service in storage.
type OneStop struct {
	// Agency is the receiving agency's identifier in dossier codes
	// (V1V2V3.Z1Z2.Y1Y2.MX1X2 of TT 01/2018 Điều 19).
	Agency string
	// Calendar returns the working-day calendar in force.
	Calendar func() *calendar.Calendar
	Options  dossier.Options
	// BaseURL makes links in e-mails.
	BaseURL string
	// Results renders, signs and stores result documents (issue-result).
	Results ResultIssuer
}

// DossierRecord is a stored dossier: the machine state and what surrounds it.
type DossierRecord struct {
	ID             int64
	D              *dossier.Dossier
	ProcedureName  string
	ApplicantID    int64
	ApplicantName  string
	ApplicantEmail string
	Form           map[string]string
	UnitID         int64
	AssigneeID     int64
	CreatedBy      int64
	Version        int
	Files          []DossierFile
	Events         []DossierEvent
}

// Code returns the dossier's code as text.
func (r *DossierRecord) Code() string { return r.D.Code.String() }

// DossierFile is a paper of a dossier: uploaded by the applicant or
// scanned at the counter (số hóa).
type DossierFile struct {
	ID          int64
	DocKey      string
	Name        string
	SHA256      string
	ContentType string
	Size        int64
	Source      string // "upload" or "scan"
	UploadedAt  time.Time
}

// DossierEvent is one recorded transition.
type DossierEvent struct {
	ID         int64
	At         time.Time
	Action     dossier.Action
	From, To   dossier.State
	ActorName  string
	Role       cchc.Role
	Reason     string
	Transition dossier.Transition
}

// NewDossier is what a citizen submits online or an officer records at the counter.
type NewDossier struct {
	ProcedureCode string
	Channel       dossier.Channel
	Form          map[string][]string
	Files         []NewDossierFile
	Declaration   bool // the applicant declares the information true
	// Reuse takes papers from the citizen's data store instead of an
	// upload: document key → stored document id.
	Reuse          map[string]int64
	IdempotencyKey string // a retried submission with the same key returns the first dossier
}

// NewDossierFile is an uploaded paper, already in the blob store.
type NewDossierFile struct {
	DocKey      string
	Name        string
	SHA256      string
	ContentType string
	Size        int64
}

// SubmitDossier records a new dossier: a citizen's online submission
// (state submitted) or an officer's counter receipt (state received, with
// its appointment date). The form is validated against the procedure's own
// definition, every required paper must be attached, and a repeated call
// with the same idempotency key returns the dossier of the first call.
func (db *DB) SubmitDossier(ctx context.Context, in NewDossier) (*DossierRecord, bool, error) {
	me := cchc.UserFromContext(ctx)
	switch {
	case me == nil:
		return nil, false, cchc.Errorf(cchc.EUNAUTHORIZED, "Vui lòng đăng nhập để nộp hồ sơ.")
	case me.Role == cchc.RoleCitizen && me.Active:
		in.Channel = dossier.Online
	case me.IsOfficial() && me.Role == cchc.RoleOneStop:
		if in.Channel != dossier.Post {
			in.Channel = dossier.Counter
		}
	default:
		return nil, false, cchc.Errorf(cchc.EFORBIDDEN, "Chỉ công dân, doanh nghiệp hoặc cán bộ một cửa được nộp hồ sơ.")
	}
	if len(in.IdempotencyKey) > 100 {
		return nil, false, cchc.Invalid("Khóa Idempotency-Key quá dài.", map[string]string{"idempotency_key": "Tối đa 100 ký tự."})
	}
	var rec *DossierRecord
	created := false
	err := db.write(ctx, func(tx *Tx) error {
		if in.IdempotencyKey != "" {
			var code string
			err := tx.QueryRowContext(ctx, `SELECT code FROM dossiers WHERE created_by = $1 AND idempotency_key = $2`, me.ID, in.IdempotencyKey).Scan(&code)
			if err == nil {
				var ferr error
				rec, ferr = tx.loadDossier(ctx, code, true)
				return ferr
			} else if !isNoRows(err) {
				return fmt.Errorf("check idempotency key: %w", err)
			}
		}
		p, err := findProcedure(ctx, tx, in.ProcedureCode, me.IsOfficial())
		if err != nil {
			return err
		}
		if me.Role == cchc.RoleCitizen && p.OnlineLevel == procedure.LevelNone {
			return cchc.Errorf(cchc.ECONFLICT, "Thủ tục %s chưa được cung cấp trực tuyến; vui lòng nộp tại Bộ phận Một cửa.", p.Code)
		}
		// The form and the papers are checked together, so the applicant
		// sees every problem at once.
		fields := map[string]string{}
		form, err := p.ValidateFormAt(in.Form, tx.now)
		if cchc.ErrorCode(err) == cchc.EINVALID {
			for k, v := range cchc.ErrorFields(err) {
				fields[k] = v
			}
		} else if err != nil {
			return err
		}
		reused, used, err := tx.reuseFromStore(ctx, me, p, in.Reuse, fields)
		if err != nil {
			return err
		}
		have := map[string]bool{}
		for _, f := range reused {
			have[f.DocKey] = true
		}
		for _, f := range in.Files {
			if p.Document(f.DocKey) == nil {
				fields["file_"+f.DocKey] = "Giấy tờ không thuộc thành phần hồ sơ của thủ tục."
			}
			have[f.DocKey] = true
		}
		for _, d := range p.Documents {
			if d.Required && !have[d.Key] {
				fields["file_"+d.Key] = "Vui lòng đính kèm: " + d.Name
			}
		}
		if !in.Declaration && me.Role == cchc.RoleCitizen {
			fields["declaration"] = "Vui lòng cam đoan thông tin kê khai là đúng sự thật."
		}
		if len(fields) > 0 {
			return cchc.Invalid("Hồ sơ chưa đủ giấy tờ hoặc chưa cam đoan.", fields)
		}
		code, err := tx.nextCode(ctx, db.OneStop.Agency)
		if err != nil {
			return err
		}
		d := &dossier.Dossier{}
		action := dossier.Submit
		input := dossier.Input{ActorID: me.ID, Role: me.Role, Channel: in.Channel, Code: code,
			Procedure: dossier.Procedure{Code: p.Code, LimitDays: p.TimeLimitDays, SameDay: p.SameDay}}
		if me.Role == cchc.RoleOneStop {
			action, input.Steps = dossier.Receive, dossier.StepsFor(p)
		}
		t, err := dossier.Apply(d, action, input, tx.now, db.OneStop.Calendar(), db.OneStop.Options)
		if err != nil {
			return err
		}
		rec = &DossierRecord{D: d, ProcedureName: p.Name, ApplicantName: applicantName(form), ApplicantEmail: form["email"],
			Form: form, CreatedBy: me.ID, Version: 1}
		if me.Role == cchc.RoleCitizen {
			rec.ApplicantID = me.ID
			if rec.ApplicantEmail == "" {
				rec.ApplicantEmail = me.Email
			}
		}
		if err := tx.insertDossier(ctx, rec, in.IdempotencyKey); err != nil {
			return err
		}
		source := "upload"
		if me.Role == cchc.RoleOneStop {
			source = "scan"
		}
		for _, f := range in.Files {
			if err := tx.addDossierFile(ctx, rec.ID, f, source, me.ID); err != nil {
				return err
			}
		}
		for _, f := range reused {
			if err := tx.addDossierFile(ctx, rec.ID, f, "store", me.ID); err != nil {
				return err
			}
		}
		if err := tx.recordReuse(ctx, rec.ID, used); err != nil {
			return err
		}
		if err := tx.countOnceOnly(ctx, rec, p, in.Files, len(reused)); err != nil {
			return err
		}
		if err := tx.keepInStore(ctx, rec.ApplicantID, rec.ID, p, in.Files, StoreUpload); err != nil {
			return err
		}
		if err := tx.recordEvent(ctx, rec, t, me); err != nil {
			return err
		}
		if err := tx.refreshFacts(ctx, rec.ID); err != nil {
			return err
		}
		created = true
		return tx.audit(ctx, "dossier."+string(action), "dossier", rec.Code(), nil, auditDossier(rec))
	})
	if err != nil {
		return nil, false, err
	}
	return rec, created, nil
}

func applicantName(form map[string]string) string {
	for _, k := range []string{"ho_ten", "nguoi_dai_dien", "ten_to_chuc"} {
		if v := strings.TrimSpace(form[k]); v != "" {
			if k == "nguoi_dai_dien" && form["ten_to_chuc"] != "" {
				return form["ten_to_chuc"]
			}
			return v
		}
	}
	return "(không rõ)"
}

// auditDossier is what the audit log keeps of a dossier: its state and
// dates, not the form's personal data.
func auditDossier(r *DossierRecord) map[string]any {
	return map[string]any{"code": r.Code(), "procedure": r.D.ProcedureCode, "state": r.D.State, "due": r.D.Due,
		"unit_id": r.UnitID, "assignee_id": r.AssigneeID, "late": r.D.Late}
}

// nextCode numbers the day's next dossier of agency. The upsert is atomic
// on both engines, so concurrent receipts never share a number.
func (tx *Tx) nextCode(ctx context.Context, agency string) (dossier.Code, error) {
	day := plan.CivilDate(tx.now).Format("2006-01-02")
	var seq int
	if err := tx.QueryRowContext(ctx, `INSERT INTO dossier_sequences (agency, day, last) VALUES ($1, $2, 1)
		ON CONFLICT (agency, day) DO UPDATE SET last = dossier_sequences.last + 1 RETURNING last`, agency, day).Scan(&seq); err != nil {
		return dossier.Code{}, fmt.Errorf("number dossier: %w", err)
	}
	code, err := dossier.NewCode(agency, tx.now, seq)
	if err != nil {
		return dossier.Code{}, cchc.Errorf(cchc.ECONFLICT, "Không cấp được mã hồ sơ: %v", err)
	}
	return code, nil
}

// openDue is the value of the open_due column: the due time of an open
// dossier, NULL otherwise.
func openDue(d *dossier.Dossier) any {
	switch d.State {
	case dossier.Received, dossier.Processing, dossier.SupplementRequested, dossier.Approved, dossier.ResultIssued:
		return nullTime(d.Due)
	}
	return nil
}

func nullTime(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UTC()
}

func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

func (tx *Tx) insertDossier(ctx context.Context, r *DossierRecord, key string) error {
	machine, err := json.Marshal(r.D)
	if err != nil {
		return fmt.Errorf("encode dossier: %w", err)
	}
	form, err := json.Marshal(r.Form)
	if err != nil {
		return fmt.Errorf("encode form: %w", err)
	}
	if err := tx.placeDossier(ctx, r); err != nil {
		return err
	}
	var idem any
	if key != "" {
		idem = key
	}
	d := r.D
	err = tx.QueryRowContext(ctx, `INSERT INTO dossiers (code, procedure_code, state, channel, applicant_id, applicant_name,
		applicant_email, form, machine, unit_id, assignee_id, submitted_at, received_at, original_due, due, finished_at, returned_at,
		late, created_by, idempotency_key, version, updated_at, open_due)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, 1, $21, $22) RETURNING id`,
		d.Code.String(), d.ProcedureCode, string(d.State), string(d.Channel), nullID(r.ApplicantID), r.ApplicantName, r.ApplicantEmail,
		string(form), string(machine), nullID(r.UnitID), nullID(r.AssigneeID), d.SubmittedAt.UTC(), nullTime(d.ReceivedAt),
		nullTime(d.OriginalDue), nullTime(d.Due), nullTime(d.FinishedAt), nullTime(d.ReturnedAt), d.Late, r.CreatedBy, idem, tx.now, openDue(d)).Scan(&r.ID)
	if constraint(err) == "unique" {
		return cchc.Errorf(cchc.ECONFLICT, "Mã hồ sơ hoặc khóa gửi lại đã được dùng.")
	} else if err != nil {
		return fmt.Errorf("insert dossier: %w", err)
	}
	return nil
}

// placeDossier sets the unit and official the dossier is with, from the
// machine: the current step while processing, else the counter.
func (tx *Tx) placeDossier(ctx context.Context, r *DossierRecord) error {
	unitCode := ""
	r.AssigneeID = 0
	if s := r.D.Step(); s != nil && r.D.State == dossier.Processing {
		unitCode, r.AssigneeID = s.UnitCode, s.AssigneeID
	}
	r.UnitID = 0
	if unitCode == "" {
		return nil
	}
	err := tx.QueryRowContext(ctx, `SELECT id FROM units WHERE code = $1`, unitCode).Scan(&r.UnitID)
	if isNoRows(err) {
		return cchc.Errorf(cchc.EINVALID, "Quy trình nội bộ nêu đơn vị %s không có trong danh sách đơn vị.", unitCode)
	} else if err != nil {
		return fmt.Errorf("find unit %s: %w", unitCode, err)
	}
	return nil
}

func (tx *Tx) addDossierFile(ctx context.Context, dossierID int64, f NewDossierFile, source string, by int64) error {
	if _, err := tx.ExecContext(ctx, `INSERT INTO files (sha256, size, content_type, created_at) VALUES ($1, $2, $3, $4)
		ON CONFLICT (sha256) DO NOTHING`, f.SHA256, f.Size, f.ContentType, tx.now); err != nil {
		return fmt.Errorf("record file: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO dossier_files (dossier_id, doc_key, name, sha256, source, uploaded_by, uploaded_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7)`, dossierID, f.DocKey, f.Name, f.SHA256, source, nullID(by), tx.now); err != nil {
		return fmt.Errorf("attach file: %w", err)
	}
	return nil
}

// recordEvent stores a transition and queues the e-mail to the applicant.
func (tx *Tx) recordEvent(ctx context.Context, r *DossierRecord, t *dossier.Transition, me *cchc.User) error {
	doc, err := json.Marshal(t)
	if err != nil {
		return fmt.Errorf("encode transition: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO dossier_events (dossier_id, at, action, from_state, to_state, actor_id, actor_name, role, reason, transition)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`, r.ID, t.At.UTC(), string(t.Action), string(t.From), string(t.To),
		nullID(me.ID), me.FullName, string(me.Role), t.Reason, string(doc)); err != nil {
		return fmt.Errorf("record dossier event: %w", err)
	}
	if r.ApplicantEmail == "" || t.From == t.To && t.Action != dossier.Apologize {
		return nil
	}
	subject, body := statusMail(r, t, tx.db.OneStop.BaseURL)
	return tx.enqueueMail(ctx, r.ApplicantEmail, subject, body, "dossier:"+r.Code()+":"+strconv.Itoa(len(r.Events))+":"+string(t.Action)+":"+t.At.Format(time.RFC3339Nano))
}

func statusMail(r *DossierRecord, t *dossier.Transition, baseURL string) (string, string) {
	vn := func(x time.Time) string { return x.In(calendar.Vietnam).Format("15:04 02/01/2006") }
	var b strings.Builder
	fmt.Fprintf(&b, "Kính gửi Ông/Bà %s,\n\n", r.ApplicantName)
	fmt.Fprintf(&b, "Hồ sơ %s (%s) nay ở trạng thái: %s.\n", r.Code(), r.ProcedureName, t.To.Name())
	if !r.D.Due.IsZero() {
		fmt.Fprintf(&b, "Ngày hẹn trả kết quả: %s.\n", vn(r.D.Due))
	}
	if t.Reason != "" {
		fmt.Fprintf(&b, "Lý do: %s\n", t.Reason)
	}
	if len(t.Missing) > 0 {
		fmt.Fprintf(&b, "Cần bổ sung: %s.\n", strings.Join(t.Missing, "; "))
	}
	if t.Action == dossier.Apologize {
		b.WriteString("Sở Giáo dục và Đào tạo xin lỗi Ông/Bà vì hồ sơ được giải quyết chậm so với ngày hẹn.\n")
	}
	fmt.Fprintf(&b, "\nTra cứu hồ sơ: %s/tra-cuu?ma=%s\n\n— Bộ phận Tiếp nhận và Trả kết quả, Sở Giáo dục và Đào tạo Hải Phòng\n",
		strings.TrimRight(baseURL, "/"), r.Code())
	return fmt.Sprintf("Hồ sơ %s: %s", r.Code(), t.To.Name()), b.String()
}
