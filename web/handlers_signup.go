package web

import (
	"context"
	"net/http"
	"strings"

	"github.com/hpdoet/cchc"
	"github.com/hpdoet/cchc/sqldb"
)

// IdentityProvider is a national single sign-on service (e.g. VNeID through
// the national public-service portal) that a later release can plug in
// beside the local e-mail accounts: the server redirects to AuthURL, the
// provider returns to the callback with a code, and Exchange turns the code
// into a verified identity, which is then matched to (or creates) a
// citizen account.
type IdentityProvider interface {
	// Name is shown on the sign-in page ("Đăng nhập bằng VNeID").
	Name() string
	// AuthURL is where to send the browser; state protects the round trip.
	AuthURL(state string) string
	// Exchange verifies the provider's code and returns the identity.
	Exchange(ctx context.Context, code string) (*Identity, error)
}

// Identity is what a provider vouches for. The citizen ID number is
// personal data: it is stored with the account and never logged.
type Identity struct {
	Subject   string // the provider's stable id of the person
	FullName  string
	Email     string
	CitizenID string
}

type signupData struct {
	Email, FullName string
	Error           string
	Fields          map[string]string
}

func (s *Server) signupPage(w http.ResponseWriter, r *http.Request) error {
	if cchc.UserFromContext(r.Context()) != nil {
		http.Redirect(w, r, "/", http.StatusSeeOther)
		return nil
	}
	s.render(w, r, http.StatusOK, "signup", &signupData{Fields: map[string]string{}})
	return nil
}

func (s *Server) signup(w http.ResponseWriter, r *http.Request) error {
	d := &signupData{Email: strings.TrimSpace(r.PostFormValue("email")), FullName: strings.TrimSpace(r.PostFormValue("full_name")), Fields: map[string]string{}}
	pw := r.PostFormValue("password")
	var err error
	if pw != r.PostFormValue("confirm_password") {
		err = cchc.Invalid("Thông tin đăng ký chưa hợp lệ.", map[string]string{"confirm_password": "Mật khẩu nhập lại không khớp."})
	}
	var token string
	if err == nil {
		token, _, err = s.db.SignUp(r.Context(), d.Email, d.FullName, pw)
	}
	if cchc.ErrorCode(err) == cchc.EINVALID {
		d.Error, d.Fields = cchc.ErrorMessage(err), cchc.ErrorFields(err)
		s.render(w, r, http.StatusBadRequest, "signup", d)
		return nil
	} else if err != nil {
		return err
	}
	s.setCookie(w, sessionCookie, token, sqldb.WebSessionTTL)
	http.Redirect(w, r, "/?ok=signup", http.StatusSeeOther)
	return nil
}

type signupRequest struct {
	Email    string `json:"email"`
	FullName string `json:"full_name"`
	Password string `json:"password"`
}

// apiSignup creates a citizen account and answers a bearer token for it.
func (s *Server) apiSignup(w http.ResponseWriter, r *http.Request) error {
	var req signupRequest
	if err := decodeJSON(r, &req); err != nil {
		return err
	}
	if _, u, err := s.db.SignUp(r.Context(), req.Email, req.FullName, req.Password); err != nil {
		return err
	} else {
		token, _, err := s.db.Login(r.Context(), u.Email, req.Password, sqldb.SessionAPI)
		if err != nil {
			return err
		}
		writeJSON(w, http.StatusCreated, map[string]any{"token": token, "token_type": "Bearer", "user": u})
	}
	return nil
}
