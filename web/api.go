package web

import (
	"embed"
	"encoding/json"
	"errors"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/hpdoet/cchc"
	"github.com/hpdoet/cchc/plan"
	"github.com/hpdoet/cchc/sqldb"
)

//go:embed openapi.json
var openapiFS embed.FS

// decodeJSON reads a JSON body strictly: the right content type, known
// fields only, one value.
func decodeJSON(r *http.Request, v any) error {
	if mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); mt != "application/json" {
		return cchc.Errorf(cchc.EINVALID, "Nội dung yêu cầu phải là JSON (Content-Type: application/json).")
	}
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return cchc.Errorf(cchc.ETOOLARGE, "Nội dung yêu cầu quá lớn.")
		}
		return cchc.Errorf(cchc.EINVALID, "JSON không hợp lệ: %s.", jsonProblem(err))
	}
	if dec.More() {
		return cchc.Errorf(cchc.EINVALID, "JSON không hợp lệ: có dữ liệu thừa sau đối tượng.")
	}
	return nil
}

func jsonProblem(err error) string {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		return "sai cú pháp tại vị trí " + strconv.FormatInt(syn.Offset, 10)
	case errors.As(err, &typ):
		return "trường " + typ.Field + " sai kiểu dữ liệu"
	case errors.Is(err, io.EOF):
		return "nội dung rỗng"
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		return "trường không được hỗ trợ " + strings.TrimPrefix(err.Error(), "json: unknown field ")
	}
	return "không đọc được"
}

func (s *Server) apiOpenAPI(w http.ResponseWriter, r *http.Request) error {
	b, err := openapiFS.ReadFile("openapi.json")
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Write(b)
	return nil
}

type loginRequest struct {
	Username string `json:"username"`
	Password string `json:"password"`
}

func (s *Server) apiLogin(w http.ResponseWriter, r *http.Request) error {
	var req loginRequest
	if err := decodeJSON(r, &req); err != nil {
		return err
	}
	token, u, err := s.db.Login(r.Context(), req.Username, req.Password, sqldb.SessionAPI)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, map[string]any{"token": token, "token_type": "Bearer",
		"expires_at": s.db.Now().UTC().Add(sqldb.APISessionTTL).Format(time.RFC3339), "user": u})
	return nil
}

func (s *Server) apiLogout(w http.ResponseWriter, r *http.Request) error {
	token, _ := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	if token == "" {
		if c, err := r.Cookie(sessionCookie); err == nil {
			token = c.Value
			s.clearCookie(w, sessionCookie)
		}
	}
	if err := s.db.Logout(r.Context(), strings.TrimSpace(token)); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func (s *Server) apiMe(w http.ResponseWriter, r *http.Request) error {
	writeJSON(w, http.StatusOK, cchc.UserFromContext(r.Context()))
	return nil
}

func (s *Server) apiPlan(w http.ResponseWriter, r *http.Request) error {
	doc, err := s.db.PlanDocument(r.Context())
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, doc)
	return nil
}

func (s *Server) apiTargets(w http.ResponseWriter, r *http.Request) error {
	targets, err := s.db.PlanTargets(r.Context())
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, map[string]any{"targets": targets})
	return nil
}

// The API writes civil dates as YYYY-MM-DD, not as midnight timestamps.

type assignmentJSON struct {
	LeadUnitID int64           `json:"lead_unit_id"`
	CoUnitIDs  []int64         `json:"co_unit_ids"`
	Product    string          `json:"product"`
	Start      string          `json:"start"`
	Due        string          `json:"due"`
	Recurrence plan.Recurrence `json:"recurrence"`
	Note       string          `json:"note"`
}

type instanceJSON struct {
	ID        int64       `json:"id"`
	Period    string      `json:"period"`
	Start     string      `json:"start"`
	Due       string      `json:"due"`
	Delivered string      `json:"delivered,omitempty"`
	Status    plan.Status `json:"status"`
	DueSoon   bool        `json:"due_soon"`
}

type taskJSON struct {
	Code       string          `json:"code"`
	Label      string          `json:"label"`
	Title      string          `json:"title"`
	Text       string          `json:"text"`
	Section    string          `json:"section"`
	Status     plan.Status     `json:"status"`
	DueSoon    bool            `json:"due_soon"`
	Assignment *assignmentJSON `json:"assignment"`
	Instances  []instanceJSON  `json:"instances"`
}

func isoDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("2006-01-02")
}

func taskView(t *plan.Task) taskJSON {
	v := taskJSON{Code: t.Node.Code, Label: t.Node.Label, Title: t.Node.Title, Text: t.Node.Text, Section: t.Section,
		Status: t.Status, DueSoon: t.DueSoon, Instances: []instanceJSON{}}
	if a := t.Assignment; a != nil {
		co := a.CoUnitIDs
		if co == nil {
			co = []int64{}
		}
		v.Assignment = &assignmentJSON{LeadUnitID: a.LeadUnitID, CoUnitIDs: co, Product: a.Product, Start: isoDate(a.Start),
			Due: isoDate(a.Due), Recurrence: a.Recurrence, Note: a.Note}
	}
	for _, in := range t.Instances {
		v.Instances = append(v.Instances, instanceJSON{ID: in.ID, Period: in.Period, Start: isoDate(in.Start), Due: isoDate(in.Due),
			Delivered: isoDate(in.Delivered), Status: in.Status, DueSoon: in.DueSoon})
	}
	return v
}

func (s *Server) apiTasks(w http.ResponseWriter, r *http.Request) error {
	tasks, err := s.db.FindTasks(r.Context(), taskFilter(r))
	if err != nil {
		return err
	}
	out := make([]taskJSON, 0, len(tasks))
	for _, t := range tasks {
		out = append(out, taskView(t))
	}
	writeJSON(w, http.StatusOK, map[string]any{"tasks": out, "counts": plan.CountBySection(tasks)[""], "as_of": isoDate(s.db.Today())})
	return nil
}

type evidenceJSON struct {
	*plan.Evidence
	DocDate string `json:"doc_date,omitempty"`
	FileURL string `json:"file_url,omitempty"`
}

func (s *Server) apiTask(w http.ResponseWriter, r *http.Request) error {
	d, err := s.db.FindTask(r.Context(), r.PathValue("code"))
	if err != nil {
		return err
	}
	ev := make([]evidenceJSON, 0, len(d.Evidence))
	for _, e := range d.Evidence {
		j := evidenceJSON{Evidence: e}
		if e.DocDate != nil {
			j.DocDate = isoDate(*e.DocDate)
		}
		if e.Kind == plan.EvidenceFile {
			j.FileURL = "/api/v1/evidence/" + strconv.FormatInt(e.ID, 10) + "/file"
		}
		ev = append(ev, j)
	}
	progress := d.Progress
	if progress == nil {
		progress = []*plan.Progress{}
	}
	writeJSON(w, http.StatusOK, map[string]any{"task": taskView(d.Task), "progress": progress, "evidence": ev, "history": d.History,
		"permissions": map[string]bool{"post": d.CanPost, "review": d.CanReview, "assign": d.CanAssign}})
	return nil
}

func (s *Server) apiAssign(w http.ResponseWriter, r *http.Request) error {
	var req assignmentJSON
	if err := decodeJSON(r, &req); err != nil {
		return err
	}
	v := url.Values{"product": {req.Product}, "note": {req.Note}, "recurrence": {string(req.Recurrence)}, "start": {req.Start}, "due": {req.Due},
		"lead_unit_id": {strconv.FormatInt(req.LeadUnitID, 10)}}
	for _, id := range req.CoUnitIDs {
		v.Add("co_unit_ids", strconv.FormatInt(id, 10))
	}
	a, fields := assignmentFromValues(v)
	if len(fields) > 0 {
		return cchc.Invalid("Thông tin phân công chưa hợp lệ.", fields)
	}
	if err := s.db.AssignTask(r.Context(), r.PathValue("code"), a); err != nil {
		return err
	}
	return s.apiTask(w, r)
}

type progressRequest struct {
	InstanceID int64  `json:"instance_id"`
	Body       string `json:"body"`
}

func (s *Server) apiAddProgress(w http.ResponseWriter, r *http.Request) error {
	var req progressRequest
	if err := decodeJSON(r, &req); err != nil {
		return err
	}
	r.PostForm = url.Values{"instance_id": {strconv.FormatInt(req.InstanceID, 10)}}
	id, err := s.formInstance(r)
	if err != nil {
		return err
	}
	p, err := s.db.AddProgress(r.Context(), id, req.Body)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, p)
	return nil
}

type documentEvidenceRequest struct {
	InstanceID  int64  `json:"instance_id"`
	DocNumber   string `json:"doc_number"`
	DocDate     string `json:"doc_date"`
	DocIssuer   string `json:"doc_issuer"`
	Description string `json:"description"`
}

// apiAddEvidence takes a multipart form with a file (fields as in the web
// form) or a JSON reference to an issued document.
func (s *Server) apiAddEvidence(w http.ResponseWriter, r *http.Request) error {
	if mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); mt == "application/json" {
		var req documentEvidenceRequest
		if err := decodeJSON(r, &req); err != nil {
			return err
		}
		r.PostForm = url.Values{"instance_id": {strconv.FormatInt(req.InstanceID, 10)}, "kind": {plan.EvidenceDocument},
			"doc_number": {req.DocNumber}, "doc_date": {req.DocDate}, "doc_issuer": {req.DocIssuer}, "description": {req.Description}}
	} else if err := s.parseForm(r); err != nil {
		return err
	} else if r.MultipartForm == nil {
		return cchc.Errorf(cchc.EINVALID, "Gửi minh chứng dạng multipart/form-data (tệp) hoặc JSON (văn bản).")
	}
	id, err := s.formInstance(r)
	if err != nil {
		return err
	}
	e, err := s.evidenceFromForm(r)
	if err != nil {
		return err
	}
	if err := s.db.AddEvidence(r.Context(), id, e); err != nil {
		return err
	}
	j := evidenceJSON{Evidence: e}
	if e.DocDate != nil {
		j.DocDate = isoDate(*e.DocDate)
	}
	writeJSON(w, http.StatusCreated, j)
	return nil
}

type reviewRequest struct {
	Decision string `json:"decision"`
	Comment  string `json:"comment"`
}

func (s *Server) apiReview(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	var req reviewRequest
	if err := decodeJSON(r, &req); err != nil {
		return err
	}
	if req.Decision != "accept" && req.Decision != "return" {
		return cchc.Invalid("Quyết định phải là accept hoặc return.", map[string]string{"decision": "Chọn accept hoặc return."})
	}
	e, err := s.db.ReviewEvidence(r.Context(), id, req.Decision == "accept", req.Comment)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, evidenceJSON{Evidence: e})
	return nil
}

func (s *Server) apiUnits(w http.ResponseWriter, r *http.Request) error {
	units, err := s.db.FindUnits(r.Context())
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, map[string]any{"units": units})
	return nil
}

type unitRequest struct {
	Code     *string `json:"code"`
	Name     *string `json:"name"`
	Kind     *string `json:"kind"`
	Email    *string `json:"email"`
	Active   *bool   `json:"active"`
	Position *int    `json:"position"`
}

func (s *Server) apiCreateUnit(w http.ResponseWriter, r *http.Request) error {
	var req unitRequest
	if err := decodeJSON(r, &req); err != nil {
		return err
	}
	u := cchc.UnitUpdate{Code: req.Code, Name: req.Name, Kind: req.Kind, Email: req.Email, Active: req.Active, Position: req.Position}.
		Apply(cchc.Unit{Active: true})
	if err := s.db.CreateUnit(r.Context(), &u); err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, u)
	return nil
}

func (s *Server) apiUpdateUnit(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	var req unitRequest
	if err := decodeJSON(r, &req); err != nil {
		return err
	}
	u, err := s.db.UpdateUnit(r.Context(), id, cchc.UnitUpdate{Code: req.Code, Name: req.Name, Kind: req.Kind, Email: req.Email,
		Active: req.Active, Position: req.Position})
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, u)
	return nil
}

func (s *Server) apiUsers(w http.ResponseWriter, r *http.Request) error {
	f := sqldb.UserFilter{Role: cchc.Role(r.URL.Query().Get("role"))}
	f.UnitID, _ = strconv.ParseInt(r.URL.Query().Get("unit"), 10, 64)
	users, err := s.db.FindUsers(r.Context(), f)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, map[string]any{"users": users})
	return nil
}

type userRequest struct {
	Username string     `json:"username"`
	FullName *string    `json:"full_name"`
	Email    *string    `json:"email"`
	Role     *cchc.Role `json:"role"`
	UnitID   *int64     `json:"unit_id"`
	Active   *bool      `json:"active"`
	Password string     `json:"password"`
}

func (s *Server) apiCreateUser(w http.ResponseWriter, r *http.Request) error {
	var req userRequest
	if err := decodeJSON(r, &req); err != nil {
		return err
	}
	u := cchc.UserUpdate{FullName: req.FullName, Email: req.Email, Role: req.Role, UnitID: req.UnitID, Active: req.Active}.
		Apply(cchc.User{Username: req.Username, Active: true})
	if err := s.db.CreateUser(r.Context(), &u, req.Password); err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, u)
	return nil
}

func (s *Server) apiUpdateUser(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	var req userRequest
	if err := decodeJSON(r, &req); err != nil {
		return err
	}
	if req.Username != "" {
		return cchc.Invalid("Không đổi được tên đăng nhập.", map[string]string{"username": "Tên đăng nhập không thay đổi được."})
	}
	if req.Password != "" {
		if err := s.db.SetPassword(r.Context(), id, req.Password); err != nil {
			return err
		}
	}
	u, err := s.db.UpdateUser(r.Context(), id, cchc.UserUpdate{FullName: req.FullName, Email: req.Email, Role: req.Role,
		UnitID: req.UnitID, Active: req.Active})
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, u)
	return nil
}

func (s *Server) apiAudit(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	f := sqldb.AuditFilter{Entity: q.Get("entity"), EntityID: q.Get("entity_id")}
	f.Limit, _ = strconv.Atoi(q.Get("limit"))
	f.BeforeSeq, _ = strconv.ParseInt(q.Get("before"), 10, 64)
	entries, err := s.db.FindAuditEntries(r.Context(), f)
	if err != nil {
		return err
	}
	if entries == nil {
		entries = []cchc.AuditEntry{}
	}
	writeJSON(w, http.StatusOK, map[string]any{"entries": entries})
	return nil
}

func (s *Server) apiAuditVerify(w http.ResponseWriter, r *http.Request) error {
	p, n, err := s.db.VerifyAudit(r.Context())
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, map[string]any{"intact": p == nil, "checked": n, "problem": p})
	return nil
}
