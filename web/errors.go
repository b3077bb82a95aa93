package web

import (
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"

	"github.com/hpdoet/cchc"
)

// statusOf maps an error code to its HTTP status.
func statusOf(code string) int {
	switch code {
	case cchc.EINVALID:
		return http.StatusBadRequest
	case cchc.ENOTFOUND:
		return http.StatusNotFound
	case cchc.ECONFLICT:
		return http.StatusConflict
	case cchc.EFORBIDDEN, cchc.ECSRF:
		return http.StatusForbidden
	case cchc.EUNAUTHORIZED:
		return http.StatusUnauthorized
	case cchc.ETOOLARGE:
		return http.StatusRequestEntityTooLarge
	case cchc.ERATELIMIT:
		return http.StatusTooManyRequests
	}
	return http.StatusInternalServerError
}

type apiError struct {
	Code    string            `json:"code"`
	Message string            `json:"message"`
	Fields  map[string]string `json:"fields,omitempty"`
}

// fail answers an error: JSON for the API, an HTML page otherwise. Internal
// errors are logged with their detail and shown with a generic message.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	code := cchc.ErrorCode(err)
	if code == cchc.EINTERNAL {
		s.log.Error("internal error", slog.String("path", r.URL.Path), slog.String("method", r.Method),
			slog.String("request_id", w.Header().Get("X-Request-ID")), slog.Any("err", err))
	}
	status := statusOf(code)
	if isAPI(r) {
		if code == cchc.EUNAUTHORIZED {
			w.Header().Set("WWW-Authenticate", `Bearer realm="cchc"`)
		}
		writeJSON(w, status, map[string]apiError{"error": {Code: code, Message: cchc.ErrorMessage(err), Fields: cchc.ErrorFields(err)}})
		return
	}
	if code == cchc.EUNAUTHORIZED && r.Method == http.MethodGet {
		http.Redirect(w, r, "/dang-nhap?next="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
		return
	}
	s.render(w, r, status, "error", &errorPage{Status: status, Code: code, Message: cchc.ErrorMessage(err)})
}

type errorPage struct {
	Status  int
	Code    string
	Message string
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.Encode(v)
}

func formatBytes(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%d MB", n>>20)
	case n >= 1<<10:
		return fmt.Sprintf("%d KB", n>>10)
	}
	return fmt.Sprintf("%d byte", n)
}
