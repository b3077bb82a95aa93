package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hpdoet/cchc/plans"
	"github.com/hpdoet/cchc/sqldb"
	"github.com/hpdoet/cchc/sqldb/sqldbtest"
)

// syncBuffer is a buffer the server goroutine writes while the test reads.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func run(t *testing.T, env map[string]string, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := Main(context.Background(), args, strings.NewReader(stdin), &out, &errOut, func(k string) string { return env[k] })
	return code, out.String(), errOut.String()
}

// TestMainEndToEnd runs the real wiring on a temporary database of each
// engine: migrate, import the plan twice, create the first admin, serve,
// sign in through the API, verify the audit log, shut down gracefully.
func TestMainEndToEnd(t *testing.T) {
	for _, engine := range sqldbtest.Engines(t) {
		t.Run(string(engine), func(t *testing.T) {
			dir := t.TempDir()
			env := map[string]string{"CCHC_DATA_DIR": dir, "CCHC_DATABASE_URL": sqldbtest.URL(t, engine), "CCHC_ADMIN_PASSWORD": "mat-khau-quan-tri"}
			if code, out, errOut := run(t, env, "", "migrate"); code != 0 || !strings.Contains(out, "schema version") {
				t.Fatalf("migrate = %d %q %q", code, out, errOut)
			}
			seed := filepath.Join(dir, "plan.json")
			os.WriteFile(seed, plans.SeedPlan(), 0o600)
			_, out, errOut := run(t, env, "", "import-plan", seed)
			if !strings.Contains(out, "125 created") {
				t.Fatalf("first import: %q %q", out, errOut)
			}
			if _, out, _ := run(t, env, "", "import-plan", seed); !strings.Contains(out, "0 created, 0 updated, 0 retired") {
				t.Errorf("second import changed something: %q", out)
			}
			bad := filepath.Join(dir, "bad.json")
			os.WriteFile(bad, []byte(`{"id":"x","nodes":[{"code":"VI"}]}`), 0o600)
			if code, _, errOut := run(t, env, "", "import-plan", bad); code != 1 || !strings.Contains(errOut, "invalid plan file") {
				t.Errorf("bad plan file = %d %q", code, errOut)
			}
			if code, out, errOut := run(t, env, "", "create-admin", "--username", "quantri", "--full-name", "Quản trị viên"); code != 0 {
				t.Fatalf("create-admin = %d %q %q", code, out, errOut)
			}
			if code, _, errOut := run(t, map[string]string{"CCHC_DATA_DIR": dir, "CCHC_DATABASE_URL": env["CCHC_DATABASE_URL"]}, "ngan\n",
				"create-admin", "--username", "quantri2", "--full-name", "X"); code != 1 || !strings.Contains(errOut, "8 ký tự") {
				t.Errorf("create-admin with a short password = %d %q", code, errOut)
			}

			ctx, cancel := context.WithCancel(context.Background())
			var stdout, stderr syncBuffer
			env["CCHC_ADDR"] = "127.0.0.1:0"
			done := make(chan int)
			go func() {
				done <- Main(ctx, []string{"serve"}, strings.NewReader(""), &stdout, &stderr, func(k string) string { return env[k] })
			}()
			var base string
			re := regexp.MustCompile(`serving on (http://\S+)`)
			for deadline := time.Now().Add(30 * time.Second); base == "" && time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
				if m := re.FindStringSubmatch(stdout.String()); m != nil {
					base = m[1]
				}
			}
			if base == "" {
				cancel()
				t.Fatalf("server did not start: %s %s", stdout.String(), stderr.String())
			}
			res, err := http.Get(base + "/healthz")
			if err != nil || res.StatusCode != 200 {
				t.Fatalf("healthz: %v %v", res, err)
			}
			res.Body.Close()
			res, err = http.Post(base+"/api/v1/session", "application/json", strings.NewReader(`{"username":"quantri","password":"mat-khau-quan-tri"}`))
			if err != nil || res.StatusCode != http.StatusCreated {
				t.Fatalf("API login: %v %v", res, err)
			}
			var login map[string]any
			json.NewDecoder(res.Body).Decode(&login)
			res.Body.Close()
			if login["token"] == "" {
				t.Error("no token")
			}
			cancel()
			select {
			case code := <-done:
				if code != 0 {
					t.Errorf("serve exited %d: %s", code, stderr.String())
				}
			case <-time.After(20 * time.Second):
				t.Fatal("serve did not shut down")
			}
			if strings.Contains(stderr.String(), "mat-khau-quan-tri") {
				t.Error("a password reached the logs")
			}
			if code, out, errOut := run(t, env, "", "audit", "verify"); code != 0 || !strings.Contains(out, "audit log intact") {
				t.Errorf("audit verify = %d %q %q", code, out, errOut)
			}
		})
	}
}

// TestAuditVerifyReportsTampering breaks the chain behind the system's back
// and expects the command to name the row.
func TestAuditVerifyReportsTampering(t *testing.T) {
	dir := t.TempDir()
	env := map[string]string{"CCHC_DATA_DIR": dir}
	if code, _, errOut := run(t, env, "", "demo"); code != 0 {
		t.Fatalf("demo = %d %s", code, errOut)
	}
	db, err := sqldb.Open(context.Background(), filepath.Join(dir, "cchc.db"))
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{`DROP TRIGGER audit_log_no_update`, `UPDATE audit_log SET actor_name = 'ke-gian' WHERE seq = 42`} {
		if _, err := db.SQL().Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()
	code, _, errOut := run(t, env, "", "audit", "verify")
	if code != 1 || !strings.Contains(errOut, "broken at entry 42: changed") {
		t.Errorf("audit verify = %d %q", code, errOut)
	}
	// The demo refuses to load twice.
	if code, _, errOut := run(t, env, "", "demo"); code != 1 || !strings.Contains(errOut, "already has") {
		t.Errorf("second demo = %d %q", code, errOut)
	}
}

func TestUsageAndVersion(t *testing.T) {
	if code, _, errOut := run(t, nil, ""); code != 2 || !strings.Contains(errOut, "Usage") {
		t.Errorf("no args = %d", code)
	}
	if code, _, errOut := run(t, nil, "", "frobnicate"); code != 2 || !strings.Contains(errOut, "unknown command") {
		t.Errorf("unknown command = %d %q", code, errOut)
	}
	if code, out, _ := run(t, nil, "", "version"); code != 0 || !strings.HasPrefix(out, "cchc ") {
		t.Errorf("version = %d %q", code, out)
	}
	if code, _, errOut := run(t, map[string]string{"CCHC_LOG_LEVEL": "loud"}, "", "migrate"); code != 1 || !strings.Contains(errOut, "log level") {
		t.Errorf("bad log level = %d %q", code, errOut)
	}
	if code, _, errOut := run(t, map[string]string{"CCHC_OFFICE_HOURS": "17:00-07:30"}, "", "migrate"); code != 1 || !strings.Contains(errOut, "office hours") {
		t.Errorf("reversed office hours = %d %q", code, errOut)
	}
	if code, _, _ := run(t, nil, "", "audit"); code != 2 {
		t.Errorf("audit without verify = %d", code)
	}
}
