package web

import (
	"encoding/json"
	"net/http"
	"strings"

	"github.com/hpdoet/cchc"
	"github.com/hpdoet/cchc/indicator"
	"github.com/hpdoet/cchc/procedure"
	"github.com/hpdoet/cchc/sqldb"
)

type proceduresData struct {
	Filter     sqldb.ProcedureFilter
	Procedures []*procedure.Procedure
	Fields     []string
	Levels     []string
	Admin      bool
}

func procedureFilter(r *http.Request) sqldb.ProcedureFilter {
	q := r.URL.Query()
	return sqldb.ProcedureFilter{Query: strings.TrimSpace(q.Get("q")), Field: q.Get("field"), Level: q.Get("level"), All: q.Get("all") == "1"}
}

// proceduresPage is the public catalog with search that ignores diacritics.
func (s *Server) proceduresPage(w http.ResponseWriter, r *http.Request) error {
	d := &proceduresData{Filter: procedureFilter(r), Fields: procedure.KnownFields(), Levels: procedure.Levels(),
		Admin: cchc.UserFromContext(r.Context()).CanManageAccounts()}
	var err error
	if d.Procedures, err = s.db.FindProcedures(r.Context(), d.Filter); err != nil {
		return err
	}
	s.render(w, r, http.StatusOK, "procedures", d)
	return nil
}

type procedureData struct {
	P     *procedure.Procedure
	Admin bool
	Staff bool
	Units map[string]string // unit code → name
	JSON  string
	Error string
	// Figures: the procedure's time and cost against 2024, by year.
	Figures []indicator.ProcedureFigures // Name holds the year
	Day     float64                      // minutes of a working day
}

func (s *Server) procedurePage(w http.ResponseWriter, r *http.Request) error {
	p, err := s.db.FindProcedure(r.Context(), r.PathValue("code"))
	if err != nil {
		return err
	}
	me := cchc.UserFromContext(r.Context())
	d := &procedureData{P: p, Admin: me.CanManageAccounts(), Staff: me.IsOfficial(), Units: map[string]string{}}
	units, err := s.db.FindUnits(r.Context())
	if err != nil {
		return err
	}
	for _, u := range units {
		d.Units[u.Code] = u.Name
	}
	// Time and cost against 2024: this year so far, and the years before.
	now := s.db.Now()
	for y := indicator.Current("year", now); y.Year() >= 2025; y = y.Previous() {
		data, err := s.db.IndicatorData(r.Context(), y, "")
		if err != nil {
			return err
		}
		for _, f := range indicator.ByProcedure(data) {
			if f.Code == p.Code && (f.Ended > 0 || f.BaseMinutes != nil) {
				f.Code, f.Name = "", y.Label()
				d.Figures = append(d.Figures, f)
			}
		}
		d.Day = data.OfficeDay.Minutes()
	}
	s.render(w, r, http.StatusOK, "procedure", s.newPage(r, p.Name, d))
	return nil
}

// procedureEditPage shows the whole procedure as JSON for the admin to
// edit: documents, steps and the form are structured data that a generic
// form would only make harder to edit; the server validates every field.
func (s *Server) procedureEditPage(w http.ResponseWriter, r *http.Request) error {
	code := r.PathValue("code")
	p := &procedure.Procedure{Code: code}
	if code != "moi" {
		var err error
		if p, err = s.db.FindProcedure(r.Context(), code); err != nil {
			return err
		}
	}
	b, _ := json.MarshalIndent(p, "", "  ")
	s.render(w, r, http.StatusOK, "procedure_edit", s.newPage(r, "Sửa thủ tục "+code, &procedureData{P: p, JSON: string(b), Admin: true}))
	return nil
}

func (s *Server) procedureSave(w http.ResponseWriter, r *http.Request) error {
	raw := r.PostFormValue("document")
	cat, err := procedure.ParseCatalog([]byte(`{"procedures":[` + raw + `]}`))
	if err == nil && len(cat.Procedures) != 1 {
		err = cchc.Errorf(cchc.EINVALID, "Nhập đúng một thủ tục.")
	}
	if err == nil {
		if code := r.PathValue("code"); code != "moi" && cat.Procedures[0].Code != code {
			err = cchc.Errorf(cchc.EINVALID, "Không đổi được mã thủ tục %s; hãy tạo thủ tục mới.", code)
		}
	}
	if err == nil {
		err = s.db.SaveProcedure(r.Context(), cat.Procedures[0])
	}
	if err != nil {
		if code := cchc.ErrorCode(err); code != cchc.EINTERNAL && code != cchc.EINVALID && code != "" {
			return err
		}
		msg := cchc.ErrorMessage(err)
		if cchc.ErrorCode(err) == cchc.EINTERNAL {
			msg = "Thủ tục chưa hợp lệ: " + err.Error()
		}
		s.render(w, r, http.StatusBadRequest, "procedure_edit", s.newPage(r, "Sửa thủ tục", &procedureData{P: &procedure.Procedure{Code: r.PathValue("code")},
			JSON: raw, Admin: true, Error: msg}))
		return nil
	}
	http.Redirect(w, r, "/thu-tuc/"+cat.Procedures[0].Code+"?ok=saved", http.StatusSeeOther)
	return nil
}

func (s *Server) apiProcedures(w http.ResponseWriter, r *http.Request) error {
	f := procedureFilter(r)
	if f.Level != "" && procedure.LevelName(f.Level) == f.Level {
		return cchc.Invalid("Mức độ trực tuyến không hợp lệ.", map[string]string{"level": "Chọn " + strings.Join(procedure.Levels(), ", ") + "."})
	}
	list, err := s.db.FindProcedures(r.Context(), f)
	if err != nil {
		return err
	}
	type item struct {
		Code          string `json:"code"`
		Name          string `json:"name"`
		Field         string `json:"field"`
		TimeLimitDays int    `json:"time_limit_days"`
		SameDay       bool   `json:"same_day"`
		Fee           int64  `json:"fee"`
		OnlineLevel   string `json:"online_level"`
		URL           string `json:"url"`
	}
	out := make([]item, 0, len(list))
	for _, p := range list {
		out = append(out, item{p.Code, p.Name, p.Field, p.TimeLimitDays, p.SameDay, p.Fee, p.OnlineLevel, "/api/v1/procedures/" + p.Code})
	}
	writeJSON(w, http.StatusOK, map[string]any{"procedures": out, "count": len(out)})
	return nil
}

func (s *Server) apiProcedure(w http.ResponseWriter, r *http.Request) error {
	p, err := s.db.FindProcedure(r.Context(), r.PathValue("code"))
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, p)
	return nil
}
