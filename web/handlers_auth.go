package web

import (
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/hpdoet/cchc"
	"github.com/hpdoet/cchc/plan"
	"github.com/hpdoet/cchc/sqldb"
)

type loginData struct {
	Username string
	Next     string
	Error    string
}

// safeNext keeps a post-login redirect on this site.
func safeNext(next string) string {
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(next, "/\\") {
		return "/"
	}
	if u, err := url.Parse(next); err != nil || u.Host != "" || u.Scheme != "" {
		return "/"
	}
	return next
}

func (s *Server) loginPage(w http.ResponseWriter, r *http.Request) error {
	if cchc.UserFromContext(r.Context()) != nil {
		http.Redirect(w, r, safeNext(r.URL.Query().Get("next")), http.StatusSeeOther)
		return nil
	}
	s.render(w, r, http.StatusOK, "login", &loginData{Next: safeNext(r.URL.Query().Get("next"))})
	return nil
}

func (s *Server) login(w http.ResponseWriter, r *http.Request) error {
	d := &loginData{Username: strings.TrimSpace(r.PostFormValue("username")), Next: safeNext(r.PostFormValue("next"))}
	token, _, err := s.db.Login(r.Context(), d.Username, r.PostFormValue("password"), sqldb.SessionWeb)
	switch cchc.ErrorCode(err) {
	case "":
	case cchc.EUNAUTHORIZED, cchc.ERATELIMIT:
		d.Error = cchc.ErrorMessage(err)
		s.render(w, r, statusOf(cchc.ErrorCode(err)), "login", d)
		return nil
	default:
		return err
	}
	s.setCookie(w, sessionCookie, token, sqldb.WebSessionTTL)
	http.Redirect(w, r, d.Next, http.StatusSeeOther)
	return nil
}

func (s *Server) logout(w http.ResponseWriter, r *http.Request) error {
	if c, err := r.Cookie(sessionCookie); err == nil {
		if err := s.db.Logout(r.Context(), c.Value); err != nil {
			return err
		}
	}
	s.clearCookie(w, sessionCookie)
	http.Redirect(w, r, "/", http.StatusSeeOther)
	return nil
}

func (s *Server) setLanguage(w http.ResponseWriter, r *http.Request) error {
	lang := r.PathValue("lang")
	for _, l := range languages {
		if l == lang {
			s.setCookie(w, langCookie, lang, 365*24*time.Hour)
			http.Redirect(w, r, safeNext(r.URL.Query().Get("next")), http.StatusSeeOther)
			return nil
		}
	}
	return cchc.Errorf(cchc.ENOTFOUND, "Ngôn ngữ không được hỗ trợ.")
}

type accountData struct {
	Error  string
	Fields map[string]string
}

func (s *Server) accountPage(w http.ResponseWriter, r *http.Request) error {
	s.render(w, r, http.StatusOK, "account", &accountData{})
	return nil
}

// changePassword lets a user replace their own password after proving the
// old one; every session of the account ends, so they sign in again.
func (s *Server) changePassword(w http.ResponseWriter, r *http.Request) error {
	me := cchc.UserFromContext(r.Context())
	oldPw, newPw := r.PostFormValue("old_password"), r.PostFormValue("new_password")
	d := &accountData{Fields: map[string]string{}}
	if newPw != r.PostFormValue("confirm_password") {
		d.Fields["confirm_password"] = "Mật khẩu nhập lại không khớp."
	}
	if len(d.Fields) == 0 {
		switch err := s.db.VerifyPassword(r.Context(), me.Username, oldPw); cchc.ErrorCode(err) {
		case "":
		case cchc.EINTERNAL:
			return err
		case cchc.ERATELIMIT:
			d.Fields["old_password"] = cchc.ErrorMessage(err)
		default:
			d.Fields["old_password"] = "Mật khẩu hiện tại không đúng."
		}
	}
	if len(d.Fields) == 0 {
		err := s.db.SetPassword(r.Context(), me.ID, newPw)
		if cchc.ErrorCode(err) == cchc.EINVALID {
			d.Fields = cchc.ErrorFields(err)
			d.Fields["new_password"] = d.Fields["password"]
		} else if err != nil {
			return err
		}
	}
	if len(d.Fields) > 0 {
		d.Error = "Chưa đổi được mật khẩu."
		s.render(w, r, http.StatusBadRequest, "account", d)
		return nil
	}
	s.clearCookie(w, sessionCookie)
	http.Redirect(w, r, "/dang-nhap?ok=password", http.StatusSeeOther)
	return nil
}

type homeData struct {
	Counts    plan.Counts
	Attention []*plan.Task
	Scope     string // "unit" or "all"
	Units     map[int64]*cchc.Unit
}

func (s *Server) home(w http.ResponseWriter, r *http.Request) error {
	me := cchc.UserFromContext(r.Context())
	d := &homeData{Scope: "all"}
	f := sqldb.TaskFilter{}
	if me.IsOfficial() && !me.SeesAllUnits() {
		f.UnitID, d.Scope = me.UnitID, "unit"
	}
	tasks, err := s.db.FindTasks(r.Context(), f)
	if cchc.ErrorCode(err) != "" && cchc.ErrorCode(err) != cchc.ENOTFOUND {
		return err
	}
	d.Counts = plan.CountBySection(tasks)[""]
	for _, t := range tasks {
		if t.Status == plan.Overdue || t.DueSoon {
			d.Attention = append(d.Attention, t)
		}
	}
	plan.SortByDue(d.Attention)
	if d.Units, err = s.unitMap(r); err != nil {
		return err
	}
	s.render(w, r, http.StatusOK, "home", d)
	return nil
}

func (s *Server) unitMap(r *http.Request) (map[int64]*cchc.Unit, error) {
	units, err := s.db.FindUnits(r.Context())
	if err != nil {
		return nil, err
	}
	m := make(map[int64]*cchc.Unit, len(units))
	for _, u := range units {
		m[u.ID] = u
	}
	return m, nil
}

func (s *Server) health(w http.ResponseWriter, r *http.Request) error {
	if err := s.db.Ping(r.Context()); err != nil {
		s.log.Error("health check", "err", err)
		writeJSON(w, http.StatusServiceUnavailable, map[string]string{"status": "unavailable"})
		return nil
	}
	writeJSON(w, http.StatusOK, map[string]string{"status": "ok", "database": string(s.db.Engine())})
	return nil
}
