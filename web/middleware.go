package web

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"log/slog"
	"net"
	"net/http"
	"runtime/debug"
	"strings"
	"time"

	"github.com/hpdoet/cchc"
	"github.com/hpdoet/cchc/sqldb"
)

const (
	sessionCookie = "cchc_session"
	anonCookie    = "cchc_form" // binds CSRF tokens of visitors who are not signed in
	langCookie    = "cchc_lang"
)

type ctxKey int

const (
	sessionKey ctxKey = iota
	bearerKey
	anonKey
)

func sessionFrom(ctx context.Context) *sqldb.Session {
	s, _ := ctx.Value(sessionKey).(*sqldb.Session)
	return s
}

func viaBearer(ctx context.Context) bool {
	b, _ := ctx.Value(bearerKey).(bool)
	return b
}

func randomHex(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// authenticate resolves the acting user from a bearer token or the session
// cookie and puts it, the client and the session into the request context.
func (s *Server) authenticate(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		host, _, err := net.SplitHostPort(r.RemoteAddr)
		if err != nil {
			host = r.RemoteAddr
		}
		ctx = cchc.WithClient(ctx, cchc.Client{IP: host, RequestID: w.Header().Get("X-Request-ID")})
		if h := r.Header.Get("Authorization"); h != "" {
			token, ok := strings.CutPrefix(h, "Bearer ")
			u, sess, err := s.db.FindSession(ctx, strings.TrimSpace(token))
			if !ok || err != nil || sess.Kind != sqldb.SessionAPI {
				s.fail(w, r.WithContext(ctx), cchc.Errorf(cchc.EUNAUTHORIZED, "Mã truy cập không hợp lệ hoặc đã hết hạn."))
				return
			}
			ctx = context.WithValue(cchc.WithUser(ctx, u), sessionKey, sess)
			ctx = context.WithValue(ctx, bearerKey, true)
			next.ServeHTTP(w, r.WithContext(ctx))
			return
		}
		if c, err := r.Cookie(sessionCookie); err == nil && c.Value != "" {
			u, sess, err := s.db.FindSession(ctx, c.Value)
			switch {
			case err == nil && sess.Kind == sqldb.SessionWeb:
				ctx = context.WithValue(cchc.WithUser(ctx, u), sessionKey, sess)
			case cchc.ErrorCode(err) == cchc.EINTERNAL:
				s.fail(w, r.WithContext(ctx), err)
				return
			default:
				s.clearCookie(w, sessionCookie)
			}
		}
		if sessionFrom(ctx) == nil && !isAPI(r) {
			v := ""
			if c, err := r.Cookie(anonCookie); err == nil && len(c.Value) == 32 {
				v = c.Value
			} else {
				v = randomHex(16)
				s.setCookie(w, anonCookie, v, 0)
			}
			ctx = context.WithValue(ctx, anonKey, v)
		}
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

func (s *Server) setCookie(w http.ResponseWriter, name, value string, maxAge time.Duration) {
	c := &http.Cookie{Name: name, Value: value, Path: "/", HttpOnly: true, Secure: s.cfg.CookieSecure, SameSite: http.SameSiteLaxMode}
	if maxAge > 0 {
		c.MaxAge = int(maxAge.Seconds())
	}
	http.SetCookie(w, c)
}

func (s *Server) clearCookie(w http.ResponseWriter, name string) {
	http.SetCookie(w, &http.Cookie{Name: name, Value: "", Path: "/", MaxAge: -1, HttpOnly: true, Secure: s.cfg.CookieSecure, SameSite: http.SameSiteLaxMode})
}

type statusWriter struct {
	http.ResponseWriter
	status int
	bytes  int64
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	n, err := w.ResponseWriter.Write(b)
	w.bytes += int64(n)
	return n, err
}

func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// requestLog logs one line per request: method, path (never the query,
// which may carry personal data), status, size, duration, request id.
func (s *Server) requestLog(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		id := r.Header.Get("X-Request-ID")
		if id == "" || len(id) > 64 {
			id = randomHex(8)
		}
		w.Header().Set("X-Request-ID", id)
		sw := &statusWriter{ResponseWriter: w}
		next.ServeHTTP(sw, r)
		level := slog.LevelInfo
		if sw.status >= 500 {
			level = slog.LevelError
		}
		s.log.LogAttrs(r.Context(), level, "request", slog.String("method", r.Method), slog.String("path", r.URL.Path),
			slog.Int("status", sw.status), slog.Int64("bytes", sw.bytes), slog.Duration("duration", time.Since(start)),
			slog.String("request_id", id))
	})
}

// recoverer turns a panic into a logged internal error instead of a dropped
// connection.
func (s *Server) recoverer(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				s.log.Error("panic", slog.Any("value", v), slog.String("path", r.URL.Path), slog.String("stack", string(debug.Stack())))
				s.fail(w, r, cchc.Errorf(cchc.EINTERNAL, "Đã xảy ra lỗi hệ thống."))
			}
		}()
		next.ServeHTTP(w, r)
	})
}

func (s *Server) securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "+
			"frame-ancestors 'none'; form-action 'self'; base-uri 'none'; object-src 'none'")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "same-origin")
		if r.TLS != nil {
			h.Set("Strict-Transport-Security", "max-age=31536000")
		}
		next.ServeHTTP(w, r)
	})
}
