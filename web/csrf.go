package web

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"net/http"
	"strings"

	"github.com/hpdoet/cchc"
)

// csrfToken is the token every form of this request must carry: an HMAC of
// the session's own CSRF key (or, before sign-in, of the visitor's form
// cookie) under the server secret. Signing in or out changes the binding,
// so a token from an older page is stale and refused.
func (s *Server) csrfToken(r *http.Request) string {
	binding := ""
	if sess := sessionFrom(r.Context()); sess != nil {
		binding = "s:" + sess.CSRFKey
	} else if v, _ := r.Context().Value(anonKey).(string); v != "" {
		binding = "a:" + v
	}
	if binding == "" {
		return ""
	}
	m := hmac.New(sha256.New, s.secret)
	m.Write([]byte("csrf|" + binding))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

func csrfError() error {
	return cchc.Errorf(cchc.ECSRF, "Biểu mẫu đã hết hạn hoặc không hợp lệ. Vui lòng tải lại trang rồi thử lại.")
}

// checkCSRF verifies the token of a state-changing request made with cookie
// credentials. Bearer-token requests carry no ambient credentials and need none.
func (s *Server) checkCSRF(r *http.Request) error {
	switch r.Method {
	case http.MethodGet, http.MethodHead, http.MethodOptions:
		return nil
	}
	// JSON sign-in and sign-up use no cookie credentials, and a cross-site
	// page cannot send them JSON without a CORS preflight.
	if viaBearer(r.Context()) || (r.Method == http.MethodPost && (r.URL.Path == "/api/v1/session" || r.URL.Path == "/api/v1/accounts")) {
		return nil
	}
	got := r.Header.Get("X-CSRF-Token")
	if got == "" {
		if err := s.parseForm(r); err != nil {
			return err
		}
		got = r.PostFormValue("csrf_token")
	}
	want := s.csrfToken(r)
	if want == "" || !hmac.Equal([]byte(got), []byte(want)) {
		return csrfError()
	}
	return nil
}

// parseForm parses a urlencoded or multipart body within the size limit the
// guard set, turning an oversized body into ETOOLARGE.
func (s *Server) parseForm(r *http.Request) error {
	var err error
	if strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/form-data") {
		err = r.ParseMultipartForm(8 << 20)
	} else {
		err = r.ParseForm()
	}
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig):
		return cchc.Errorf(cchc.ETOOLARGE, "Dữ liệu gửi lên vượt quá dung lượng cho phép (mỗi tệp tối đa %s).", formatBytes(s.cfg.MaxUploadSize))
	case err != nil:
		return cchc.Errorf(cchc.EINVALID, "Dữ liệu biểu mẫu không đọc được.")
	}
	return nil
}
