package web

import (
	"bytes"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/hpdoet/cchc"
	"github.com/hpdoet/cchc/blob"
	"github.com/hpdoet/cchc/plan"
	"github.com/hpdoet/cchc/report"
	"github.com/hpdoet/cchc/sqldb"
)

type planData struct {
	Doc      *plan.Document
	Tasks    map[string]*plan.Task
	Counts   map[string]plan.Counts
	Units    map[int64]*cchc.Unit
	Statuses []plan.Status
	Staff    bool
}

func (s *Server) planPage(w http.ResponseWriter, r *http.Request) error {
	doc, err := s.db.PlanDocument(r.Context())
	if err != nil {
		return err
	}
	tasks, err := s.db.FindTasks(r.Context(), sqldb.TaskFilter{})
	if err != nil {
		return err
	}
	d := &planData{Doc: doc, Tasks: map[string]*plan.Task{}, Counts: plan.CountBySection(tasks), Statuses: plan.Statuses,
		Staff: cchc.UserFromContext(r.Context()).IsOfficial()}
	for _, t := range tasks {
		d.Tasks[t.Node.Code] = t
	}
	if d.Units, err = s.unitMap(r); err != nil {
		return err
	}
	s.render(w, r, http.StatusOK, "plan", d)
	return nil
}

type tasksData struct {
	Filter   sqldb.TaskFilter
	Tasks    []*plan.Task
	Counts   plan.Counts
	Units    []*cchc.Unit
	UnitMap  map[int64]*cchc.Unit
	Statuses []plan.Status
	Periods  []string
	Sections []string
	Error    string
	Query    string // the filter as a query string, for the export link
}

// taskFilter reads the list filters of a request; an official who cannot
// see all units sees their own unit's tasks unless they ask for another.
func taskFilter(r *http.Request) sqldb.TaskFilter {
	q := r.URL.Query()
	f := sqldb.TaskFilter{Status: plan.Status(q.Get("status")), Section: q.Get("section"), Period: q.Get("period"),
		Attention: q.Get("attention") == "1", Query: strings.TrimSpace(q.Get("q"))}
	if v := q.Get("unit"); v != "" {
		f.UnitID, _ = strconv.ParseInt(v, 10, 64)
		if f.UnitID == 0 {
			f.UnitID = -1 // an unparsable unit matches nothing rather than everything
		}
	}
	return f
}

func periodKeys() []string {
	var out []string
	for y := plan.PlanStart.Year(); y <= plan.PlanEnd.Year(); y++ {
		out = append(out, strconv.Itoa(y), fmt.Sprintf("%d-H1", y), fmt.Sprintf("%d-H2", y))
		for q := 1; q <= 4; q++ {
			out = append(out, fmt.Sprintf("%d-Q%d", y, q))
		}
	}
	return out
}

func (s *Server) tasksPage(w http.ResponseWriter, r *http.Request) error {
	me := cchc.UserFromContext(r.Context())
	d := &tasksData{Filter: taskFilter(r), Statuses: plan.Statuses, Periods: periodKeys(), Sections: []string{"II", "III", "V"}}
	if !r.URL.Query().Has("unit") && !me.SeesAllUnits() {
		d.Filter.UnitID = me.UnitID
	}
	tasks, err := s.db.FindTasks(r.Context(), d.Filter)
	if cchc.ErrorCode(err) == cchc.EINVALID {
		d.Error = cchc.ErrorMessage(err)
		tasks = nil
	} else if err != nil {
		return err
	}
	d.Tasks = tasks
	d.Counts = plan.CountBySection(tasks)[""]
	if d.Units, err = s.db.FindUnits(r.Context()); err != nil {
		return err
	}
	d.UnitMap = map[int64]*cchc.Unit{}
	for _, u := range d.Units {
		d.UnitMap[u.ID] = u
	}
	d.Query = r.URL.RawQuery
	status := http.StatusOK
	if d.Error != "" {
		status = http.StatusBadRequest
	}
	s.render(w, r, status, "tasks", d)
	return nil
}

type taskData struct {
	*sqldb.TaskDetail
	Units   map[int64]*cchc.Unit
	Current *plan.InstanceState
	Error   string
	Fields  map[string]string
	Form    url.Values
	MaxSize int64
}

func (s *Server) taskData(r *http.Request) (*taskData, error) {
	detail, err := s.db.FindTask(r.Context(), r.PathValue("code"))
	if err != nil {
		return nil, err
	}
	d := &taskData{TaskDetail: detail, Current: detail.Task.Current(), Fields: map[string]string{}, Form: url.Values{}, MaxSize: s.cfg.MaxUploadSize}
	if d.Units, err = s.unitMap(r); err != nil {
		return nil, err
	}
	return d, nil
}

func (s *Server) taskPage(w http.ResponseWriter, r *http.Request) error {
	d, err := s.taskData(r)
	if err != nil {
		return err
	}
	s.render(w, r, http.StatusOK, "task", s.newPage(r, d.Task.Node.Code, d))
	return nil
}

// taskFormError re-renders the task page with the form's message and input.
func (s *Server) taskFormError(w http.ResponseWriter, r *http.Request, cause error) error {
	switch cchc.ErrorCode(cause) {
	case cchc.EINVALID, cchc.ETOOLARGE, cchc.ECONFLICT:
	default:
		return cause
	}
	d, err := s.taskData(r)
	if err != nil {
		return err
	}
	d.Error, d.Form = cchc.ErrorMessage(cause), r.PostForm
	for k, v := range cchc.ErrorFields(cause) {
		d.Fields[k] = v
	}
	s.render(w, r, statusOf(cchc.ErrorCode(cause)), "task", s.newPage(r, d.Task.Node.Code, d))
	return nil
}

// formInstance reads the instance a progress note or evidence is for, and
// checks before any file is stored that the user may post on this task and
// that the instance belongs to it. Storage checks again in its transaction.
func (s *Server) formInstance(r *http.Request) (int64, error) {
	detail, err := s.db.FindTask(r.Context(), r.PathValue("code"))
	if err != nil {
		return 0, err
	}
	if !detail.CanPost {
		return 0, cchc.Errorf(cchc.EFORBIDDEN, "Đơn vị của bạn không chủ trì hoặc phối hợp nhiệm vụ này.")
	}
	id, err := strconv.ParseInt(r.PostFormValue("instance_id"), 10, 64)
	for _, in := range detail.Task.Instances {
		if err == nil && in.ID == id {
			return id, nil
		}
	}
	return 0, cchc.Invalid("Vui lòng chọn kỳ thực hiện.", map[string]string{"instance_id": "Vui lòng chọn một kỳ thực hiện của nhiệm vụ này."})
}

func taskURL(code string) string { return "/nhiem-vu/" + url.PathEscape(code) }

func (s *Server) addProgress(w http.ResponseWriter, r *http.Request) error {
	id, err := s.formInstance(r)
	if err == nil {
		_, err = s.db.AddProgress(r.Context(), id, r.PostFormValue("body"))
	}
	if err != nil {
		return s.taskFormError(w, r, err)
	}
	http.Redirect(w, r, taskURL(r.PathValue("code"))+"?ok=progress#tien-do", http.StatusSeeOther)
	return nil
}

// evidenceFromForm reads evidence fields, and for a file stores it by hash
// after checking its size and its type by content.
func (s *Server) evidenceFromForm(r *http.Request) (*plan.Evidence, error) {
	e := &plan.Evidence{Kind: r.PostFormValue("kind"), Description: r.PostFormValue("description"),
		DocNumber: r.PostFormValue("doc_number"), DocIssuer: r.PostFormValue("doc_issuer")}
	if v := strings.TrimSpace(r.PostFormValue("doc_date")); v != "" && e.Kind == plan.EvidenceDocument {
		d, err := plan.ParseDate(v)
		if err != nil {
			return nil, cchc.Invalid("Minh chứng chưa hợp lệ.", map[string]string{"doc_date": "Ngày ban hành viết dạng dd/mm/yyyy."})
		}
		e.DocDate = &d
	}
	if e.Kind != plan.EvidenceFile {
		return e, nil
	}
	f, fh, err := r.FormFile("file")
	if err != nil {
		return nil, cchc.Invalid("Minh chứng chưa hợp lệ.", map[string]string{"file": "Vui lòng chọn tệp minh chứng."})
	}
	defer f.Close()
	if fh.Size > s.cfg.MaxUploadSize {
		return nil, cchc.Errorf(cchc.ETOOLARGE, "Tệp quá lớn: tối đa %s.", formatBytes(s.cfg.MaxUploadSize))
	}
	data, err := io.ReadAll(io.LimitReader(f, s.cfg.MaxUploadSize+1))
	if err != nil {
		return nil, fmt.Errorf("read upload: %w", err)
	}
	if int64(len(data)) > s.cfg.MaxUploadSize {
		return nil, cchc.Errorf(cchc.ETOOLARGE, "Tệp quá lớn: tối đa %s.", formatBytes(s.cfg.MaxUploadSize))
	}
	typ, err := blob.Detect(data)
	if err != nil {
		return nil, cchc.Invalid("Loại tệp không được chấp nhận.", map[string]string{"file": "Chỉ nhận tệp PDF, DOCX, XLSX, PNG hoặc JPEG (kiểm tra theo nội dung tệp)."})
	}
	e.FileName, e.FileType, e.FileSize = cleanFileName(fh.Filename, typ), typ.MIME, int64(len(data))
	e.FileSHA256 = blob.Sum(data)
	if err := e.Validate(s.db.Today()); err != nil {
		return nil, err
	}
	if _, err = s.blobs.Put(data); err != nil {
		return nil, err
	}
	return e, nil
}

// cleanFileName keeps the base name of an upload, short and with the
// extension of its real type.
func cleanFileName(name string, typ blob.Type) string {
	name = filepath.Base(strings.ReplaceAll(name, "\\", "/"))
	name = strings.TrimSuffix(name, filepath.Ext(name))
	name = strings.Map(func(r rune) rune {
		if r < 32 || strings.ContainsRune(`/\:*?"<>|`, r) {
			return '_'
		}
		return r
	}, name)
	if utf8.RuneCountInString(name) > 120 {
		name = string([]rune(name)[:120])
	}
	if name == "" || name == "." {
		name = "minh-chung"
	}
	return name + typ.Ext
}

func (s *Server) addEvidence(w http.ResponseWriter, r *http.Request) error {
	id, err := s.formInstance(r)
	var e *plan.Evidence
	if err == nil {
		e, err = s.evidenceFromForm(r)
	}
	if err == nil {
		err = s.db.AddEvidence(r.Context(), id, e)
	}
	if err != nil {
		return s.taskFormError(w, r, err)
	}
	http.Redirect(w, r, taskURL(r.PathValue("code"))+"?ok=evidence#minh-chung", http.StatusSeeOther)
	return nil
}

func (s *Server) reviewEvidence(w http.ResponseWriter, r *http.Request) error {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return cchc.Errorf(cchc.ENOTFOUND, "Không tìm thấy minh chứng.")
	}
	decision := r.PostFormValue("decision")
	if decision != "accept" && decision != "return" {
		return cchc.Invalid("Vui lòng chọn chấp nhận hoặc trả lại.", nil)
	}
	code := r.PostFormValue("task")
	_, err = s.db.ReviewEvidence(r.Context(), id, decision == "accept", r.PostFormValue("comment"))
	if err != nil {
		if code != "" {
			r.SetPathValue("code", code)
			return s.taskFormError(w, r, err)
		}
		return err
	}
	http.Redirect(w, r, taskURL(code)+"?ok=review#minh-chung", http.StatusSeeOther)
	return nil
}

func (s *Server) evidenceFile(w http.ResponseWriter, r *http.Request) error {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return cchc.Errorf(cchc.ENOTFOUND, "Không tìm thấy tệp minh chứng.")
	}
	e, err := s.db.EvidenceFile(r.Context(), id)
	if err != nil {
		return err
	}
	return s.serveBlob(w, r, e.FileSHA256, e.FileName, e.FileType, e.SubmittedAt)
}

func (s *Server) appendixXLSX(w http.ResponseWriter, r *http.Request) error {
	doc, err := s.db.PlanDocument(r.Context())
	if err != nil {
		return err
	}
	tasks, err := s.db.FindTasks(r.Context(), taskFilter(r))
	if err != nil {
		return err
	}
	units, err := s.unitMap(r)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := report.WriteAppendix(&buf, report.Appendix{PlanTitle: "Kế hoạch " + doc.Title, Issuer: doc.Issuer, Tasks: tasks,
		Units: units, Today: s.db.Today()}); err != nil {
		return fmt.Errorf("write appendix: %w", err)
	}
	w.Header().Set("Content-Type", blob.XLSX.MIME)
	w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": "phu-luc-phan-cong.xlsx"}))
	w.Write(buf.Bytes())
	return nil
}

type assignData struct {
	Task        *plan.Task
	Units       []*cchc.Unit
	A           *plan.Assignment
	Form        url.Values
	Error       string
	Fields      map[string]string
	Recurrences []plan.Recurrence
}

func (s *Server) assignPage(w http.ResponseWriter, r *http.Request) error {
	detail, err := s.db.FindTask(r.Context(), r.PathValue("code"))
	if err != nil {
		return err
	}
	units, err := s.db.FindUnits(r.Context())
	if err != nil {
		return err
	}
	a := detail.Task.Assignment
	if a == nil {
		a = &plan.Assignment{Recurrence: plan.Once}
	}
	s.render(w, r, http.StatusOK, "assign", s.newPage(r, "Phân công "+detail.Task.Node.Code,
		&assignData{Task: detail.Task, Units: units, A: a, Recurrences: plan.Recurrences, Fields: map[string]string{}}))
	return nil
}

// assignmentFromValues reads an assignment from form or JSON-like values.
func assignmentFromValues(v url.Values) (*plan.Assignment, map[string]string) {
	fields := map[string]string{}
	a := &plan.Assignment{Product: v.Get("product"), Note: v.Get("note"), Recurrence: plan.Recurrence(v.Get("recurrence"))}
	if id := v.Get("lead_unit_id"); id != "" {
		n, err := strconv.ParseInt(id, 10, 64)
		if err != nil {
			fields["lead_unit_id"] = "Đơn vị chủ trì không hợp lệ."
		}
		a.LeadUnitID = n
	}
	for _, id := range v["co_unit_ids"] {
		n, err := strconv.ParseInt(id, 10, 64)
		if err != nil {
			fields["co_unit_ids"] = "Đơn vị phối hợp không hợp lệ."
			continue
		}
		a.CoUnitIDs = append(a.CoUnitIDs, n)
	}
	for _, f := range []struct {
		key string
		dst *plan.Assignment
	}{{"start", a}, {"due", a}} {
		raw := strings.TrimSpace(v.Get(f.key))
		if raw == "" {
			continue
		}
		d, err := plan.ParseDate(raw)
		if err != nil {
			fields[f.key] = "Ngày viết dạng dd/mm/yyyy."
			continue
		}
		if f.key == "start" {
			a.Start = d
		} else {
			a.Due = d
		}
	}
	return a, fields
}

func (s *Server) assign(w http.ResponseWriter, r *http.Request) error {
	code := r.PathValue("code")
	a, fields := assignmentFromValues(r.PostForm)
	var err error
	if len(fields) > 0 {
		err = cchc.Invalid("Thông tin phân công chưa hợp lệ.", fields)
	} else {
		err = s.db.AssignTask(r.Context(), code, a)
	}
	switch cchc.ErrorCode(err) {
	case "":
		http.Redirect(w, r, taskURL(code)+"?ok=assigned", http.StatusSeeOther)
		return nil
	case cchc.EINVALID, cchc.ECONFLICT:
	default:
		return err
	}
	detail, ferr := s.db.FindTask(r.Context(), code)
	if ferr != nil {
		return ferr
	}
	units, ferr := s.db.FindUnits(r.Context())
	if ferr != nil {
		return ferr
	}
	d := &assignData{Task: detail.Task, Units: units, A: a, Form: r.PostForm, Error: cchc.ErrorMessage(err),
		Fields: cchc.ErrorFields(err), Recurrences: plan.Recurrences}
	if d.Fields == nil {
		d.Fields = map[string]string{}
	}
	s.render(w, r, statusOf(cchc.ErrorCode(err)), "assign", s.newPage(r, "Phân công "+code, d))
	return nil
}
