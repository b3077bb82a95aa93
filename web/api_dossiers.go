package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/hpdoet/cchc"
	"github.com/hpdoet/cchc/dossier"
	"github.com/hpdoet/cchc/sqldb"
)

type dossierJSON struct {
	Code          string              `json:"code"`
	ProcedureCode string              `json:"procedure_code"`
	ProcedureName string              `json:"procedure_name"`
	State         dossier.State       `json:"state"`
	StateName     string              `json:"state_name"`
	Channel       dossier.Channel     `json:"channel"`
	ApplicantName string              `json:"applicant_name"`
	Form          map[string]string   `json:"form"`
	SubmittedAt   time.Time           `json:"submitted_at"`
	ReceivedAt    *time.Time          `json:"received_at"`
	OriginalDue   *time.Time          `json:"original_due"`
	Due           *time.Time          `json:"due"`
	FinishedAt    *time.Time          `json:"finished_at"`
	ReturnedAt    *time.Time          `json:"returned_at"`
	Late          bool                `json:"late"`
	Timeliness    string              `json:"timeliness"`
	Steps         []dossier.StepState `json:"steps"`
	CurrentStep   int                 `json:"current_step"`
	ResultCodes   []string            `json:"result_codes"`
	Files         []fileJSON          `json:"files"`
	Events        []eventJSON         `json:"events"`
	Actions       []dossier.Action    `json:"actions"`
}

type fileJSON struct {
	DocKey string `json:"doc_key"`
	Name   string `json:"name"`
	Type   string `json:"content_type"`
	Size   int64  `json:"size"`
	Source string `json:"source"`
	URL    string `json:"url"`
}

type eventJSON struct {
	At     time.Time     `json:"at"`
	Action string        `json:"action"`
	From   dossier.State `json:"from"`
	To     dossier.State `json:"to"`
	Actor  string        `json:"actor"`
	Role   cchc.Role     `json:"role"`
	Reason string        `json:"reason,omitempty"`
}

func ptrTime(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	return &t
}

func (s *Server) dossierView(r *http.Request, rec *sqldb.DossierRecord) dossierJSON {
	d := rec.D
	v := dossierJSON{Code: rec.Code(), ProcedureCode: d.ProcedureCode, ProcedureName: rec.ProcedureName, State: d.State, StateName: d.State.Name(),
		Channel: d.Channel, ApplicantName: rec.ApplicantName, Form: rec.Form, SubmittedAt: d.SubmittedAt, ReceivedAt: ptrTime(d.ReceivedAt),
		OriginalDue: ptrTime(d.OriginalDue), Due: ptrTime(d.Due), FinishedAt: ptrTime(d.FinishedAt), ReturnedAt: ptrTime(d.ReturnedAt), Late: d.Late,
		Timeliness: dossier.Timeliness(d, s.db.Now(), s.calendarNow()).Name(), Steps: d.Steps, CurrentStep: d.CurrentStep, ResultCodes: d.ResultCodes,
		Files: []fileJSON{}, Events: []eventJSON{}, Actions: dossier.Allowed(d, cchc.UserFromContext(r.Context()).Role)}
	for _, f := range rec.Files {
		v.Files = append(v.Files, fileJSON{f.DocKey, f.Name, f.ContentType, f.Size, f.Source, "/ho-so/" + rec.Code() + "/tep/" + strconv.FormatInt(f.ID, 10)})
	}
	for _, e := range rec.Events {
		v.Events = append(v.Events, eventJSON{e.At, string(e.Action), e.From, e.To, e.ActorName, e.Role, e.Reason})
	}
	if v.Actions == nil {
		v.Actions = []dossier.Action{}
	}
	return v
}

// apiSubmitDossier takes a multipart form: procedure_code, declaration=1,
// the procedure's form fields, and one file_<document key> per paper.
// A retried request with the same Idempotency-Key creates one dossier.
func (s *Server) apiSubmitDossier(w http.ResponseWriter, r *http.Request) error {
	if err := s.parseForm(r); err != nil {
		return err
	}
	if r.MultipartForm == nil {
		return cchc.Errorf(cchc.EINVALID, "Gửi hồ sơ dạng multipart/form-data: các trường tờ khai và tệp file_<mã giấy tờ>.")
	}
	p, err := s.db.FindProcedure(r.Context(), r.PostFormValue("procedure_code"))
	if err != nil {
		return err
	}
	in, err := s.dossierFromForm(r, p)
	if err != nil {
		return err
	}
	rec, created, err := s.db.SubmitDossier(r.Context(), in)
	if err != nil {
		return err
	}
	status := http.StatusCreated
	if !created {
		status = http.StatusOK // the same Idempotency-Key: the first dossier, not a new one
	}
	v := s.dossierView(r, rec)
	writeJSON(w, status, map[string]any{"code": v.Code, "state": v.State, "due": v.Due, "dossier": v})
	return nil
}

func (s *Server) apiDossiers(w http.ResponseWriter, r *http.Request) error {
	rows, total, err := s.db.FindDossiers(r.Context(), dossierFilter(r))
	if err != nil {
		return err
	}
	if rows == nil {
		rows = []sqldb.DossierRow{}
	}
	writeJSON(w, http.StatusOK, map[string]any{"dossiers": rows, "total": total})
	return nil
}

func (s *Server) apiDossier(w http.ResponseWriter, r *http.Request) error {
	rec, err := s.db.FindDossier(r.Context(), r.PathValue("code"))
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, s.dossierView(r, rec))
	return nil
}

type actionRequest struct {
	Action     string   `json:"action"`
	Reason     string   `json:"reason"`
	Missing    []string `json:"missing"`
	UnitCode   string   `json:"unit_code"`
	AssigneeID int64    `json:"assignee_id"`
	NewDue     string   `json:"new_due"` // YYYY-MM-DD or dd/mm/yyyy
}

func (s *Server) apiDossierAction(w http.ResponseWriter, r *http.Request) error {
	var req actionRequest
	if err := decodeJSON(r, &req); err != nil {
		return err
	}
	v := url.Values{"reason": {req.Reason}, "missing": {strings.Join(req.Missing, "\n")}, "unit_code": {req.UnitCode},
		"assignee_id": {strconv.FormatInt(req.AssigneeID, 10)}, "new_due": {req.NewDue}}
	in, err := actionInput(v)
	if err != nil {
		return err
	}
	rec, t, err := s.db.ActOnDossier(r.Context(), r.PathValue("code"), dossier.Action(req.Action), in)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, map[string]any{"transition": map[string]any{"action": t.Action, "from": t.From, "to": t.To,
		"at": t.At, "due": ptrTime(t.DueAfter), "late": t.Late}, "dossier": s.dossierView(r, rec)})
	return nil
}

func (s *Server) apiDossierStatus(w http.ResponseWriter, r *http.Request) error {
	st, err := s.db.LookupDossier(r.Context(), r.PathValue("code"))
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, st)
	return nil
}
