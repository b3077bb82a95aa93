package web

import (
	"bytes"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/hpdoet/cchc"
	"github.com/hpdoet/cchc/blob"
	"github.com/hpdoet/cchc/calendar"
	"github.com/hpdoet/cchc/dossier"
	"github.com/hpdoet/cchc/procedure"
	"github.com/hpdoet/cchc/report"
	"github.com/hpdoet/cchc/sqldb"
)

type submitData struct {
	P *procedure.Procedure
	// Stored are the citizen's stored documents by data type, offered
	// instead of an upload (chỉ cung cấp thông tin một lần).
	Stored  map[string][]sqldb.StoredDocument
	Values  url.Values
	Error   string
	Fields  map[string]string
	Counter bool
	MaxSize int64
}

func (s *Server) submitPage(w http.ResponseWriter, r *http.Request) error {
	me := cchc.UserFromContext(r.Context())
	if me.Role != cchc.RoleCitizen && me.Role != cchc.RoleOneStop {
		return cchc.Errorf(cchc.EFORBIDDEN, "Chỉ công dân, doanh nghiệp hoặc cán bộ một cửa được nộp hồ sơ.")
	}
	p, err := s.db.FindProcedure(r.Context(), r.PathValue("code"))
	if err != nil {
		return err
	}
	d := &submitData{P: p, Values: url.Values{}, Fields: map[string]string{}, Counter: me.Role == cchc.RoleOneStop, MaxSize: s.cfg.MaxUploadSize}
	if err := s.offerStored(r, d); err != nil {
		return err
	}
	s.render(w, r, http.StatusOK, "submit", s.newPage(r, "Nộp hồ sơ: "+p.Name, d))
	return nil
}

// offerStored fills the citizen's valid stored documents of the types the
// procedure's papers accept.
func (s *Server) offerStored(r *http.Request, d *submitData) error {
	if cchc.UserFromContext(r.Context()).Role != cchc.RoleCitizen {
		return nil
	}
	docs, err := s.db.MyDocuments(r.Context())
	if err != nil {
		return err
	}
	today := s.db.Today()
	d.Stored = map[string][]sqldb.StoredDocument{}
	for _, doc := range docs {
		if doc.Valid(today) {
			d.Stored[doc.DocType] = append(d.Stored[doc.DocType], doc)
		}
	}
	return nil
}

// dossierFromForm reads a submission: the form fields, the declaration and
// one file per paper, each size-limited, typed by content and stored by hash.
func (s *Server) dossierFromForm(r *http.Request, p *procedure.Procedure) (sqldb.NewDossier, error) {
	in := sqldb.NewDossier{ProcedureCode: p.Code, Form: map[string][]string{}, Declaration: r.PostFormValue("declaration") == "1",
		IdempotencyKey: r.Header.Get("Idempotency-Key")}
	if in.IdempotencyKey == "" {
		in.IdempotencyKey = r.PostFormValue("idempotency_key")
	}
	if r.PostFormValue("channel") == string(dossier.Post) {
		in.Channel = dossier.Post
	}
	for _, f := range p.Form {
		if v, ok := r.PostForm[f.Name]; ok {
			in.Form[f.Name] = v
		}
	}
	for _, d := range p.Documents {
		v := r.PostFormValue("reuse_" + d.Key)
		if v == "" || v == "0" {
			continue
		}
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			return in, cchc.Invalid("Giấy tờ từ kho dữ liệu không hợp lệ.", map[string]string{"reuse_" + d.Key: "Lựa chọn không hợp lệ."})
		}
		if in.Reuse == nil {
			in.Reuse = map[string]int64{}
		}
		in.Reuse[d.Key] = id
	}
	fields := map[string]string{}
	type upload struct {
		f    sqldb.NewDossierFile
		data []byte
	}
	var uploads []upload
	if r.MultipartForm != nil {
		for _, d := range p.Documents {
			fhs := r.MultipartForm.File["file_"+d.Key]
			if len(fhs) == 0 || in.Reuse[d.Key] != 0 {
				continue // nothing uploaded, or a stored document chosen instead
			}
			fh := fhs[0]
			if fh.Size > s.cfg.MaxUploadSize {
				return in, cchc.Errorf(cchc.ETOOLARGE, "Tệp «%s» quá lớn: tối đa %s.", fh.Filename, formatBytes(s.cfg.MaxUploadSize))
			}
			f, err := fh.Open()
			if err != nil {
				return in, fmt.Errorf("open upload: %w", err)
			}
			data, err := io.ReadAll(io.LimitReader(f, s.cfg.MaxUploadSize+1))
			f.Close()
			if err != nil {
				return in, fmt.Errorf("read upload: %w", err)
			}
			if len(data) == 0 {
				continue // an empty file input
			}
			typ, err := blob.Detect(data)
			if err != nil {
				fields["file_"+d.Key] = "Chỉ nhận tệp PDF, DOCX, XLSX, PNG hoặc JPEG (kiểm tra theo nội dung tệp)."
				continue
			}
			uploads = append(uploads, upload{sqldb.NewDossierFile{DocKey: d.Key, Name: cleanFileName(fh.Filename, typ),
				SHA256: blob.Sum(data), ContentType: typ.MIME, Size: int64(len(data))}, data})
		}
	}
	if len(fields) > 0 {
		return in, cchc.Invalid("Có tệp đính kèm không hợp lệ.", fields)
	}
	// Files are stored only once the rest is known to be acceptable; the
	// blob store deduplicates, so a retried submission stores nothing new.
	for _, u := range uploads {
		if _, err := s.blobs.Put(u.data); err != nil {
			return in, err
		}
		in.Files = append(in.Files, u.f)
	}
	return in, nil
}

func (s *Server) submit(w http.ResponseWriter, r *http.Request) error {
	p, err := s.db.FindProcedure(r.Context(), r.PathValue("code"))
	if err != nil {
		return err
	}
	in, err := s.dossierFromForm(r, p)
	var rec *sqldb.DossierRecord
	if err == nil {
		rec, _, err = s.db.SubmitDossier(r.Context(), in)
	}
	switch cchc.ErrorCode(err) {
	case "":
		http.Redirect(w, r, "/ho-so/"+rec.Code()+"?ok=submitted", http.StatusSeeOther)
		return nil
	case cchc.EINVALID, cchc.ETOOLARGE, cchc.ECONFLICT:
		me := cchc.UserFromContext(r.Context())
		d := &submitData{P: p, Values: r.PostForm, Error: cchc.ErrorMessage(err), Fields: cchc.ErrorFields(err),
			Counter: me.Role == cchc.RoleOneStop, MaxSize: s.cfg.MaxUploadSize}
		if d.Fields == nil {
			d.Fields = map[string]string{}
		}
		if err := s.offerStored(r, d); err != nil {
			return err
		}
		s.render(w, r, statusOf(cchc.ErrorCode(err)), "submit", s.newPage(r, "Lỗi: Nộp hồ sơ: "+p.Name, d))
		return nil
	}
	return err
}

type dossiersData struct {
	Filter sqldb.DossierFilter
	Rows   []sqldb.DossierRow
	Total  int
	Queues []string
	Staff  bool
	Query  string
	Error  string
	Next   int
}

func dossierFilter(r *http.Request) sqldb.DossierFilter {
	q := r.URL.Query()
	f := sqldb.DossierFilter{Queue: q.Get("queue"), State: dossier.State(q.Get("state")), ProcedureCode: q.Get("procedure"),
		Code: q.Get("code"), Sort: q.Get("sort")}
	f.Limit, _ = strconv.Atoi(q.Get("limit"))
	f.Offset, _ = strconv.Atoi(q.Get("offset"))
	return f
}

func (s *Server) dossiersPage(w http.ResponseWriter, r *http.Request) error {
	me := cchc.UserFromContext(r.Context())
	d := &dossiersData{Filter: dossierFilter(r), Staff: me.IsOfficial(), Queues: []string{sqldb.QueueNew, sqldb.QueueMine, sqldb.QueueDueSoon, sqldb.QueueLate, sqldb.QueueOpen, sqldb.QueueAll}}
	if d.Filter.Limit == 0 {
		d.Filter.Limit = 50
	}
	var err error
	d.Rows, d.Total, err = s.db.FindDossiers(r.Context(), d.Filter)
	status := http.StatusOK
	if cchc.ErrorCode(err) == cchc.EINVALID {
		d.Error, status = cchc.ErrorMessage(err), http.StatusBadRequest
	} else if err != nil {
		return err
	}
	if d.Filter.Offset+len(d.Rows) < d.Total {
		d.Next = d.Filter.Offset + len(d.Rows)
	}
	q := r.URL.Query()
	q.Del("offset")
	d.Query = q.Encode()
	s.render(w, r, status, "dossiers", d)
	return nil
}

type dossierData struct {
	R          *sqldb.DossierRecord
	P          *procedure.Procedure
	Actions    []dossier.Action
	Officials  []sqldb.Official
	Timeliness string
	Staff      bool
	Error      string
	Fields     map[string]string
	Form       url.Values
	Apology    bool
	Supplement bool // a request to supplement was issued: its slip exists
	Refusal    bool
	// NeedsApology: the dossier is or will be late and no apology letter
	// has been issued yet, which the law requires before the due date.
	NeedsApology bool
	Results      []*sqldb.Result
	CanRevoke    bool // the viewer may revoke or replace results
	Pay          *paymentData
	Rating       *sqldb.Rating
	CanRate      bool // the applicant may rate (or rate again)
}

func (s *Server) dossierData(r *http.Request, code string) (*dossierData, error) {
	rec, err := s.db.FindDossier(r.Context(), code)
	if err != nil {
		return nil, err
	}
	me := cchc.UserFromContext(r.Context())
	p, err := s.db.FindProcedure(r.Context(), rec.D.ProcedureCode)
	if err != nil {
		return nil, err
	}
	d := &dossierData{R: rec, P: p, Actions: dossier.Allowed(rec.D, me.Role), Staff: me.IsOfficial(), Fields: map[string]string{}, Form: url.Values{},
		Timeliness: dossier.Timeliness(rec.D, s.db.Now(), s.calendarNow()).Name()}
	d.Apology = lastEvent(rec, dossier.Apologize) != nil
	d.Supplement = lastEvent(rec, dossier.RequestSupplement) != nil
	d.Refusal = lastEvent(rec, dossier.Refuse) != nil
	open := rec.D.State == dossier.Received || rec.D.State == dossier.Processing
	d.NeedsApology = open && !d.Apology && dossier.WillBeLate(rec.D, s.db.Now(), s.calendarNow())
	if len(rec.D.ResultCodes) > 0 {
		if d.Results, err = s.db.DossierResults(r.Context(), code); err != nil {
			return nil, err
		}
		d.CanRevoke = me.Active && (me.Role == cchc.RoleDirector || me.Role == cchc.RoleAdmin)
	}
	if d.Pay, err = s.paymentData(r, rec); err != nil {
		return nil, err
	}
	if d.Rating, err = s.db.DossierRating(r.Context(), code); err != nil {
		return nil, err
	}
	ended := rec.D.State == dossier.Returned || rec.D.State == dossier.ResultIssued || (rec.D.State == dossier.Refused && !rec.D.ReceivedAt.IsZero())
	d.CanRate = ended && me.Role == cchc.RoleCitizen && rec.ApplicantID == me.ID
	if d.Staff {
		unit, role := "", cchc.RoleSpecialist
		if st := rec.D.Step(); st != nil && rec.D.State == dossier.Processing {
			unit, role = st.UnitCode, st.Role
		} else if len(rec.D.Steps) > 0 {
			unit, role = rec.D.Steps[0].UnitCode, rec.D.Steps[0].Role
		} else if steps := p.Steps; len(steps) > 1 {
			unit, role = steps[1].Unit, steps[1].Role
		}
		if unit != "" {
			if d.Officials, err = s.db.AssignableOfficials(r.Context(), unit, role); err != nil {
				return nil, err
			}
		}
	}
	return d, nil
}

func (s *Server) dossierPage(w http.ResponseWriter, r *http.Request) error {
	d, err := s.dossierData(r, r.PathValue("code"))
	if err != nil {
		return err
	}
	s.render(w, r, http.StatusOK, "dossier", s.newPage(r, d.R.Code(), d))
	return nil
}

// actionInput reads an action's fields from a form or from JSON-like values.
func actionInput(v url.Values) (sqldb.ActionInput, error) {
	in := sqldb.ActionInput{Reason: strings.TrimSpace(v.Get("reason")), UnitCode: strings.TrimSpace(v.Get("unit_code"))}
	for _, line := range strings.Split(v.Get("missing"), "\n") {
		if line = strings.TrimSpace(line); line != "" {
			in.Missing = append(in.Missing, line)
		}
	}
	if a := v.Get("assignee_id"); a != "" && a != "0" {
		id, err := strconv.ParseInt(a, 10, 64)
		if err != nil {
			return in, cchc.Invalid("Cán bộ được giao không hợp lệ.", map[string]string{"assignee_id": "Cán bộ được giao không hợp lệ."})
		}
		in.AssigneeID = id
	}
	if nd := strings.TrimSpace(v.Get("new_due")); nd != "" {
		day, err := parseCivil(nd)
		if err != nil {
			return in, cchc.Invalid("Ngày hẹn mới không hợp lệ.", map[string]string{"new_due": "Ngày viết dạng dd/mm/yyyy."})
		}
		in.NewDue = time.Date(day.Year, day.Month, day.Day, 17, 0, 0, 0, calendar.Vietnam)
	}
	return in, nil
}

func (s *Server) dossierAction(w http.ResponseWriter, r *http.Request) error {
	code := r.PathValue("code")
	action := dossier.Action(r.PostFormValue("action"))
	in, err := actionInput(r.PostForm)
	if err == nil && r.MultipartForm != nil && len(r.MultipartForm.File) > 0 {
		// Papers brought with a supplement: checked like a submission's.
		var rec *sqldb.DossierRecord
		if rec, err = s.db.FindDossier(r.Context(), code); err == nil {
			var p *procedure.Procedure
			if p, err = s.db.FindProcedure(r.Context(), rec.D.ProcedureCode); err == nil {
				var nd sqldb.NewDossier
				if nd, err = s.dossierFromForm(r, p); err == nil {
					in.Files = nd.Files
				}
			}
		}
	}
	if err == nil {
		_, _, err = s.db.ActOnDossier(r.Context(), code, action, in)
	}
	switch cchc.ErrorCode(err) {
	case "":
		http.Redirect(w, r, "/ho-so/"+code+"?ok=action", http.StatusSeeOther)
		return nil
	case cchc.EINVALID, cchc.ECONFLICT, cchc.ETOOLARGE:
		d, derr := s.dossierData(r, code)
		if derr != nil {
			return derr
		}
		d.Error, d.Form = cchc.ErrorMessage(err), r.PostForm
		for k, v := range cchc.ErrorFields(err) {
			d.Fields[k] = v
		}
		s.render(w, r, statusOf(cchc.ErrorCode(err)), "dossier", s.newPage(r, code, d))
		return nil
	}
	return err
}

func (s *Server) dossierFile(w http.ResponseWriter, r *http.Request) error {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return cchc.Errorf(cchc.ENOTFOUND, "Không tìm thấy giấy tờ.")
	}
	f, err := s.db.DossierFileByID(r.Context(), r.PathValue("code"), id)
	if err != nil {
		return err
	}
	return s.serveBlob(w, r, f.SHA256, f.Name, f.ContentType, f.UploadedAt)
}

// serveBlob sends a stored file as a download, never rendered inline.
func (s *Server) serveBlob(w http.ResponseWriter, r *http.Request, sum, name, contentType string, modified time.Time) error {
	f, err := s.blobs.Open(sum)
	if err != nil {
		return err
	}
	defer f.Close()
	w.Header().Set("Content-Type", contentType)
	w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": name}))
	w.Header().Set("Cache-Control", "private, no-store")
	http.ServeContent(w, r, "", modified, f)
	return nil
}

// lastEvent returns the dossier's latest event of an action, or nil.
func lastEvent(rec *sqldb.DossierRecord, a dossier.Action) *sqldb.DossierEvent {
	var last *sqldb.DossierEvent
	for i := range rec.Events {
		if rec.Events[i].Action == a {
			last = &rec.Events[i]
		}
	}
	return last
}

// supplementPDF is the Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ (Mẫu 02) of
// the latest request.
func (s *Server) supplementPDF(w http.ResponseWriter, r *http.Request) error {
	rec, err := s.db.FindDossier(r.Context(), r.PathValue("code"))
	if err != nil {
		return err
	}
	e := lastEvent(rec, dossier.RequestSupplement)
	if e == nil {
		return cchc.Errorf(cchc.ENOTFOUND, "Hồ sơ không có phiếu yêu cầu bổ sung.")
	}
	var buf bytes.Buffer
	if err := report.WriteSupplementRequest(&buf, report.SupplementSlip{Agency: s.agency(), DossierCode: rec.Code(), ProcedureName: rec.ProcedureName,
		Applicant: rec.ApplicantName, Address: rec.Form["dia_chi"], Phone: rec.Form["dien_thoai"], Email: rec.ApplicantEmail, IssuedAt: e.At,
		Missing: e.Transition.Missing, Reason: e.Reason, Officer: e.ActorName, LookupURL: s.lookupURL(r, rec.Code())}); err != nil {
		return fmt.Errorf("write supplement request of %s: %w", rec.Code(), err)
	}
	return writePDF(w, "phieu-bo-sung-"+rec.Code()+".pdf", buf.Bytes())
}

// refusalPDF is the Phiếu từ chối tiếp nhận giải quyết hồ sơ (Mẫu 03).
func (s *Server) refusalPDF(w http.ResponseWriter, r *http.Request) error {
	rec, err := s.db.FindDossier(r.Context(), r.PathValue("code"))
	if err != nil {
		return err
	}
	e := lastEvent(rec, dossier.Refuse)
	if e == nil {
		return cchc.Errorf(cchc.ENOTFOUND, "Hồ sơ không bị từ chối.")
	}
	var buf bytes.Buffer
	if err := report.WriteRefusal(&buf, report.RefusalSlip{Agency: s.agency(), DossierCode: rec.Code(), ProcedureName: rec.ProcedureName,
		Applicant: rec.ApplicantName, Address: rec.Form["dia_chi"], Phone: rec.Form["dien_thoai"], Email: rec.ApplicantEmail, IssuedAt: e.At,
		Reason: e.Reason, Officer: e.ActorName, LookupURL: s.lookupURL(r, rec.Code())}); err != nil {
		return fmt.Errorf("write refusal of %s: %w", rec.Code(), err)
	}
	return writePDF(w, "phieu-tu-choi-"+rec.Code()+".pdf", buf.Bytes())
}

func (s *Server) agency() report.Agency {
	return report.Agency{Parent: "UBND THÀNH PHỐ HẢI PHÒNG", Name: "SỞ GIÁO DỤC VÀ ĐÀO TẠO", Unit: "BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ", Place: "Hải Phòng"}
}

func (s *Server) lookupURL(r *http.Request, code string) string {
	base := s.cfg.BaseURL
	if base == "" {
		base = "http://" + r.Host
	}
	return strings.TrimRight(base, "/") + "/tra-cuu?ma=" + url.QueryEscape(code)
}

// receiptPDF is the Giấy tiếp nhận hồ sơ và hẹn trả kết quả (Mẫu 01).
func (s *Server) receiptPDF(w http.ResponseWriter, r *http.Request) error {
	d, err := s.dossierData(r, r.PathValue("code"))
	if err != nil {
		return err
	}
	rec := d.R
	if rec.D.ReceivedAt.IsZero() {
		return cchc.Errorf(cchc.ECONFLICT, "Hồ sơ chưa được tiếp nhận nên chưa có giấy hẹn.")
	}
	slip := report.ReceiptSlip{Agency: s.agency(), DossierCode: rec.Code(), ProcedureName: rec.ProcedureName, Applicant: rec.ApplicantName,
		Address: rec.Form["dia_chi"], Phone: rec.Form["dien_thoai"], Email: rec.ApplicantEmail, ReceivedAt: rec.D.ReceivedAt, DueAt: rec.D.OriginalDue,
		Channel: rec.D.Channel.Name(), Officer: receiver(rec), LookupURL: s.lookupURL(r, rec.Code()), Fee: d.P.Fee}
	if d.P.SameDay {
		slip.ProcessingTime = "Trong ngày làm việc"
	} else {
		slip.ProcessingTime = fmt.Sprintf("%d ngày làm việc", d.P.TimeLimitDays)
	}
	have := map[string]bool{}
	for _, f := range rec.Files {
		have[f.DocKey] = true
	}
	for _, doc := range d.P.Documents {
		if !have[doc.Key] {
			continue
		}
		form := report.DocCopy
		if doc.Original {
			form = report.DocOriginal
		}
		slip.Documents = append(slip.Documents, report.SlipDocument{Name: doc.Name, Form: form, Count: max(doc.Count, 1)})
	}
	var buf bytes.Buffer
	if err := report.WriteReceipt(&buf, slip); err != nil {
		return fmt.Errorf("write receipt of %s: %w", rec.Code(), err)
	}
	return writePDF(w, "giay-tiep-nhan-"+rec.Code()+".pdf", buf.Bytes())
}

func receiver(rec *sqldb.DossierRecord) string {
	for _, e := range rec.Events {
		if e.Action == dossier.Receive {
			return e.ActorName
		}
	}
	return ""
}

// apologyPDF is the Phiếu xin lỗi và hẹn lại ngày trả kết quả (Mẫu 04) of
// the dossier's latest apology.
func (s *Server) apologyPDF(w http.ResponseWriter, r *http.Request) error {
	d, err := s.dossierData(r, r.PathValue("code"))
	if err != nil {
		return err
	}
	rec := d.R
	last := lastEvent(rec, dossier.Apologize)
	if last == nil {
		return cchc.Errorf(cchc.ENOTFOUND, "Hồ sơ không có phiếu xin lỗi.")
	}
	slip := report.ApologySlip{Agency: s.agency(), DossierCode: rec.Code(), ProcedureName: rec.ProcedureName, Applicant: rec.ApplicantName,
		ReceivedAt: rec.D.ReceivedAt, OriginalDue: last.Transition.DueBefore, NewDue: last.Transition.DueAfter, Reason: last.Reason,
		Signer: last.ActorName, SignerTitle: "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC", IssuedAt: last.At, LookupURL: s.lookupURL(r, rec.Code())}
	if last.Role == cchc.RoleOneStop {
		slip.SignerTitle = "NGƯỜI TIẾP NHẬN HỒ SƠ"
	} else if last.Role == cchc.RoleUnitHead {
		slip.SignerTitle = "TRƯỞNG PHÒNG"
	}
	var buf bytes.Buffer
	if err := report.WriteApology(&buf, slip); err != nil {
		return fmt.Errorf("write apology of %s: %w", rec.Code(), err)
	}
	return writePDF(w, "phieu-xin-loi-"+rec.Code()+".pdf", buf.Bytes())
}

func writePDF(w http.ResponseWriter, name string, b []byte) error {
	w.Header().Set("Content-Type", "application/pdf")
	w.Header().Set("Content-Disposition", mime.FormatMediaType("inline", map[string]string{"filename": name}))
	w.Header().Set("Cache-Control", "private, no-store")
	w.Write(b)
	return nil
}

type lookupData struct {
	Code   string
	Status *sqldb.DossierStatus
	Error  string
}

// lookupPage is the public lookup by dossier code: status and dates, no
// personal data.
func (s *Server) lookupPage(w http.ResponseWriter, r *http.Request) error {
	d := &lookupData{Code: strings.TrimSpace(r.URL.Query().Get("ma"))}
	status := http.StatusOK
	if d.Code != "" {
		var err error
		d.Status, err = s.db.LookupDossier(r.Context(), d.Code)
		switch cchc.ErrorCode(err) {
		case "":
		case cchc.EINVALID, cchc.ENOTFOUND:
			d.Error, status = cchc.ErrorMessage(err), statusOf(cchc.ErrorCode(err))
		default:
			return err
		}
	}
	s.render(w, r, status, "lookup", d)
	return nil
}
