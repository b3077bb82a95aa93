package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/hpdoet/cchc"
	"github.com/hpdoet/cchc/sqldb"
)

type unitsData struct {
	Units  []*cchc.Unit
	Unit   *cchc.Unit // the unit being edited or created
	Kinds  []string
	Error  string
	Fields map[string]string
}

func pathID(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, cchc.Errorf(cchc.ENOTFOUND, "Không tìm thấy bản ghi.")
	}
	return id, nil
}

func (s *Server) unitsPage(w http.ResponseWriter, r *http.Request) error {
	units, err := s.db.FindUnits(r.Context())
	if err != nil {
		return err
	}
	s.render(w, r, http.StatusOK, "units", &unitsData{Units: units, Unit: &cchc.Unit{Active: true, Kind: cchc.UnitDivision}, Kinds: cchc.UnitKinds, Fields: map[string]string{}})
	return nil
}

func unitFromForm(v url.Values) (*cchc.Unit, error) {
	u := &cchc.Unit{Code: v.Get("code"), Name: v.Get("name"), Kind: v.Get("kind"), Email: v.Get("email"), Active: v.Get("active") == "1"}
	if p := strings.TrimSpace(v.Get("position")); p != "" {
		n, err := strconv.Atoi(p)
		if err != nil {
			return u, cchc.Invalid("Thông tin đơn vị chưa hợp lệ.", map[string]string{"position": "Thứ tự là một số nguyên."})
		}
		u.Position = n
	}
	return u, nil
}

func (s *Server) createUnit(w http.ResponseWriter, r *http.Request) error {
	u, err := unitFromForm(r.PostForm)
	if err == nil {
		err = s.db.CreateUnit(r.Context(), u)
	}
	if cchc.ErrorCode(err) == cchc.EINVALID {
		units, ferr := s.db.FindUnits(r.Context())
		if ferr != nil {
			return ferr
		}
		s.render(w, r, http.StatusBadRequest, "units", &unitsData{Units: units, Unit: u, Kinds: cchc.UnitKinds,
			Error: cchc.ErrorMessage(err), Fields: cchc.ErrorFields(err)})
		return nil
	} else if err != nil {
		return err
	}
	http.Redirect(w, r, "/quan-tri/don-vi?ok=saved", http.StatusSeeOther)
	return nil
}

func (s *Server) unitPage(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	u, err := s.db.FindUnitByID(r.Context(), id)
	if err != nil {
		return err
	}
	s.render(w, r, http.StatusOK, "unit", s.newPage(r, u.Name, &unitsData{Unit: u, Kinds: cchc.UnitKinds, Fields: map[string]string{}}))
	return nil
}

func (s *Server) updateUnit(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	form, err := unitFromForm(r.PostForm)
	if err == nil {
		_, err = s.db.UpdateUnit(r.Context(), id, cchc.UnitUpdate{Code: &form.Code, Name: &form.Name, Kind: &form.Kind,
			Email: &form.Email, Active: &form.Active, Position: &form.Position})
	}
	if cchc.ErrorCode(err) == cchc.EINVALID {
		form.ID = id
		s.render(w, r, http.StatusBadRequest, "unit", s.newPage(r, form.Name, &unitsData{Unit: form, Kinds: cchc.UnitKinds,
			Error: cchc.ErrorMessage(err), Fields: cchc.ErrorFields(err)}))
		return nil
	} else if err != nil {
		return err
	}
	http.Redirect(w, r, "/quan-tri/don-vi?ok=saved", http.StatusSeeOther)
	return nil
}

type usersData struct {
	Users  []*cchc.User
	User   *cchc.User
	Units  []*cchc.Unit
	Unit   map[int64]*cchc.Unit
	Roles  []cchc.Role
	Error  string
	Fields map[string]string
}

func (s *Server) usersData(r *http.Request) (*usersData, error) {
	d := &usersData{Roles: cchc.Roles, Fields: map[string]string{}, Unit: map[int64]*cchc.Unit{}}
	var err error
	if d.Units, err = s.db.FindUnits(r.Context()); err != nil {
		return nil, err
	}
	for _, u := range d.Units {
		d.Unit[u.ID] = u
	}
	return d, nil
}

func (s *Server) usersPage(w http.ResponseWriter, r *http.Request) error {
	d, err := s.usersData(r)
	if err != nil {
		return err
	}
	if d.Users, err = s.db.FindUsers(r.Context(), sqldb.UserFilter{}); err != nil {
		return err
	}
	d.User = &cchc.User{Active: true, Role: cchc.RoleSpecialist}
	s.render(w, r, http.StatusOK, "users", d)
	return nil
}

func userFromForm(v url.Values) *cchc.User {
	u := &cchc.User{Username: v.Get("username"), FullName: v.Get("full_name"), Email: v.Get("email"),
		Role: cchc.Role(v.Get("role")), Active: v.Get("active") == "1"}
	u.UnitID, _ = strconv.ParseInt(v.Get("unit_id"), 10, 64)
	return u
}

func (s *Server) createUser(w http.ResponseWriter, r *http.Request) error {
	u := userFromForm(r.PostForm)
	err := s.db.CreateUser(r.Context(), u, r.PostFormValue("password"))
	if cchc.ErrorCode(err) == cchc.EINVALID {
		d, ferr := s.usersData(r)
		if ferr != nil {
			return ferr
		}
		if d.Users, ferr = s.db.FindUsers(r.Context(), sqldb.UserFilter{}); ferr != nil {
			return ferr
		}
		d.User, d.Error, d.Fields = u, cchc.ErrorMessage(err), cchc.ErrorFields(err)
		s.render(w, r, http.StatusBadRequest, "users", d)
		return nil
	} else if err != nil {
		return err
	}
	http.Redirect(w, r, "/quan-tri/nguoi-dung?ok=saved", http.StatusSeeOther)
	return nil
}

func (s *Server) userPage(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	d, err := s.usersData(r)
	if err != nil {
		return err
	}
	if d.User, err = s.db.FindUserByID(r.Context(), id); err != nil {
		return err
	}
	s.render(w, r, http.StatusOK, "user", s.newPage(r, d.User.FullName, d))
	return nil
}

func (s *Server) updateUser(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	form := userFromForm(r.PostForm)
	_, err = s.db.UpdateUser(r.Context(), id, cchc.UserUpdate{FullName: &form.FullName, Email: &form.Email, Role: &form.Role,
		UnitID: &form.UnitID, Active: &form.Active})
	return s.afterUserEdit(w, r, id, form, err)
}

func (s *Server) resetPassword(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	err = s.db.SetPassword(r.Context(), id, r.PostFormValue("password"))
	return s.afterUserEdit(w, r, id, nil, err)
}

func (s *Server) afterUserEdit(w http.ResponseWriter, r *http.Request, id int64, form *cchc.User, err error) error {
	switch cchc.ErrorCode(err) {
	case "":
		http.Redirect(w, r, "/quan-tri/nguoi-dung/"+strconv.FormatInt(id, 10)+"?ok=saved", http.StatusSeeOther)
		return nil
	case cchc.EINVALID, cchc.ECONFLICT:
	default:
		return err
	}
	d, ferr := s.usersData(r)
	if ferr != nil {
		return ferr
	}
	if d.User, ferr = s.db.FindUserByID(r.Context(), id); ferr != nil {
		return ferr
	}
	if form != nil {
		form.ID, form.Username, form.CreatedAt = id, d.User.Username, d.User.CreatedAt
		d.User = form
	}
	d.Error, d.Fields = cchc.ErrorMessage(err), cchc.ErrorFields(err)
	if d.Fields == nil {
		d.Fields = map[string]string{}
	}
	s.render(w, r, statusOf(cchc.ErrorCode(err)), "user", s.newPage(r, d.User.FullName, d))
	return nil
}

type auditData struct {
	Entries  []cchc.AuditEntry
	Filter   sqldb.AuditFilter
	Verified bool
	Problem  *cchc.AuditProblem
	Checked  int64
	NextSeq  int64
}

func (s *Server) auditPage(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	d := &auditData{Filter: sqldb.AuditFilter{Entity: q.Get("entity"), EntityID: q.Get("id"), Limit: 100}}
	d.Filter.BeforeSeq, _ = strconv.ParseInt(q.Get("before"), 10, 64)
	var err error
	if d.Entries, err = s.db.FindAuditEntries(r.Context(), d.Filter); err != nil {
		return err
	}
	if n := len(d.Entries); n == d.Filter.Limit {
		d.NextSeq = d.Entries[n-1].Seq
	}
	if q.Get("verify") == "1" {
		d.Verified = true
		if d.Problem, d.Checked, err = s.db.VerifyAudit(r.Context()); err != nil {
			return err
		}
	}
	s.render(w, r, http.StatusOK, "audit", d)
	return nil
}
