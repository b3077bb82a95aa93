package web

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hpdoet/cchc/blob"
	"github.com/hpdoet/cchc/demo"
	"github.com/hpdoet/cchc/plan"
	"github.com/hpdoet/cchc/plans"
	"github.com/hpdoet/cchc/result"
	"github.com/hpdoet/cchc/sqldb"
	"github.com/hpdoet/cchc/sqldb/sqldbtest"
)

// testNow is the fixed clock of web tests: 10/09/2026, 09:00 in Hải Phòng.
var testNow = time.Date(2026, 9, 10, 2, 0, 0, 0, time.UTC)

// env is a real server on a free port over a fresh database with demo data.
type env struct {
	t    testing.TB
	db   *sqldb.DB
	srv  *Server
	base string
	logs *bytes.Buffer
}

func newEnv(t *testing.T, db *sqldb.DB) *env { return newEnvTB(t, db) }

func newEnvTB(t testing.TB, db *sqldb.DB) *env {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	doc, err := plan.ParseDocument(plans.SeedPlan())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := demo.Load(ctx, db, doc, testNow); err != nil {
		t.Fatalf("load demo data: %v", err)
	}
	db.Now = func() time.Time { return testNow }
	logs := &bytes.Buffer{}
	srv, err := New(ctx, Config{Addr: "127.0.0.1:0", MaxUploadSize: 64 << 10, Demo: true, Signer: testSigner(t), PaymentSandbox: true},
		db, &blob.Store{Dir: t.TempDir()},
		slog.New(slog.NewTextHandler(logs, nil)))
	if err != nil {
		t.Fatal(err)
	}
	if err := srv.Listen(); err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	go func() { srv.Serve(ctx); close(done) }()
	t.Cleanup(func() { cancel(); <-done })
	return &env{t: t, db: db, srv: srv, base: "http://" + srv.Addr(), logs: logs}
}

// eachEnv runs fn on a server over each engine.
func eachEnv(t *testing.T, fn func(t *testing.T, e *env)) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) { fn(t, newEnv(t, db)) })
}

// browser is a cookie-keeping client that does not follow redirects.
type browser struct {
	e    *env
	c    *http.Client
	csrf string // from the last page that had a form
}

func (e *env) browser() *browser {
	jar, _ := cookiejar.New(nil)
	return &browser{e: e, c: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

type response struct {
	status int
	body   string
	header http.Header
}

var csrfPattern = regexp.MustCompile(`name="csrf_token" value="([^"]+)"`)

func (b *browser) do(req *http.Request) response {
	b.e.t.Helper()
	res, err := b.c.Do(req)
	if err != nil {
		b.e.t.Fatalf("%s %s: %v", req.Method, req.URL, err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	if m := csrfPattern.FindSubmatch(body); m != nil {
		b.csrf = string(m[1])
	}
	if res.StatusCode >= 500 {
		b.e.t.Errorf("%s %s answered %d:\n%s\nlogs:\n%s", req.Method, req.URL, res.StatusCode, body, b.e.logs)
	}
	return response{res.StatusCode, string(body), res.Header}
}

func (b *browser) get(path string) response {
	req, _ := http.NewRequest(http.MethodGet, b.e.base+path, nil)
	return b.do(req)
}

// post submits a form with the CSRF token of the last page seen.
func (b *browser) post(path string, form url.Values) response {
	if form.Get("csrf_token") == "" {
		form.Set("csrf_token", b.csrf)
	}
	req, _ := http.NewRequest(http.MethodPost, b.e.base+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return b.do(req)
}

// upload submits a multipart form with one file.
func (b *browser) upload(path string, form url.Values, field, name string, data []byte) response {
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	if form.Get("csrf_token") == "" {
		form.Set("csrf_token", b.csrf)
	}
	for k, vs := range form {
		for _, v := range vs {
			mw.WriteField(k, v)
		}
	}
	fw, _ := mw.CreateFormFile(field, name)
	fw.Write(data)
	mw.Close()
	req, _ := http.NewRequest(http.MethodPost, b.e.base+path, &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	return b.do(req)
}

func (b *browser) login(username string) {
	b.e.t.Helper()
	b.get("/dang-nhap")
	res := b.post("/dang-nhap", url.Values{"username": {username}, "password": {demo.Password}})
	if res.status != http.StatusSeeOther {
		b.e.t.Fatalf("login %s: %d %s", username, res.status, res.body)
	}
	b.get("/") // pick up the session's CSRF token
}

// api calls the JSON API with an optional bearer token.
func (e *env) api(method, path, token string, body any) (int, map[string]any) {
	e.t.Helper()
	var r io.Reader
	if body != nil {
		if s, ok := body.(string); ok {
			r = strings.NewReader(s)
		} else {
			b, _ := json.Marshal(body)
			r = bytes.NewReader(b)
		}
	}
	req, _ := http.NewRequest(method, e.base+path, r)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		e.t.Fatalf("%s %s: %v", method, path, err)
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	var out map[string]any
	if len(raw) > 0 && strings.HasPrefix(res.Header.Get("Content-Type"), "application/json") {
		if err := json.Unmarshal(raw, &out); err != nil {
			e.t.Fatalf("%s %s: bad JSON %q", method, path, raw)
		}
	}
	if res.StatusCode >= 500 {
		e.t.Errorf("%s %s answered %d: %s\nlogs:\n%s", method, path, res.StatusCode, raw, e.logs)
	}
	return res.StatusCode, out
}

func (e *env) token(username string) string {
	e.t.Helper()
	status, out := e.api(http.MethodPost, "/api/v1/session", "", map[string]string{"username": username, "password": demo.Password})
	if status != http.StatusCreated {
		e.t.Fatalf("API login %s: %d %v", username, status, out)
	}
	return out["token"].(string)
}

func errCode(out map[string]any) string {
	if e, ok := out["error"].(map[string]any); ok {
		c, _ := e["code"].(string)
		return c
	}
	return ""
}

var (
	signerOnce sync.Once
	signer     *result.Signer
	signerErr  error
	signerDir  string
)

// testSigner is one demo CA for the whole test binary, valid at testNow
// and at the real time (browser tests sign at either).
func testSigner(t testing.TB) *result.Signer {
	t.Helper()
	signerOnce.Do(func() {
		if signerDir, signerErr = os.MkdirTemp("", "cchc-web-pki-"); signerErr != nil {
			return
		}
		signer, signerErr = result.NewDemoCA(signerDir, testNow.AddDate(0, -1, 0))
	})
	if signerErr != nil {
		t.Fatalf("demo CA: %v", signerErr)
	}
	return signer
}

func TestMain(m *testing.M) {
	code := m.Run()
	if signerDir != "" {
		os.RemoveAll(signerDir)
	}
	os.Exit(code)
}
