package web

import (
	"encoding/json"
	"net/http"
	"os"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/hpdoet/cchc/sqldb"
)

func TestAPISessionAndErrors(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *env) {
		for _, tc := range []struct {
			name   string
			body   any
			status int
			code   string
		}{
			{"wrong password", map[string]string{"username": "vanphong", "password": "x"}, 401, "EUNAUTHORIZED"},
			{"not JSON", "username=vanphong", 400, "EINVALID"},
			{"unknown field", `{"username":"vanphong","password":"cchc-demo","otp":1}`, 400, "EINVALID"},
			{"two objects", `{"username":"a","password":"b"}{}`, 400, "EINVALID"},
		} {
			status, out := e.api(http.MethodPost, "/api/v1/session", "", tc.body)
			if status != tc.status || errCode(out) != tc.code {
				t.Errorf("%s: %d %v, want %d %s", tc.name, status, out, tc.status, tc.code)
			}
		}
		token := e.token("chuyenvien")
		status, me := e.api(http.MethodGet, "/api/v1/me", token, nil)
		if status != 200 || me["username"] != "chuyenvien" {
			t.Errorf("me = %d %v", status, me)
		}
		if status, out := e.api(http.MethodGet, "/api/v1/me", "forged-token", nil); status != 401 || errCode(out) != "EUNAUTHORIZED" {
			t.Errorf("forged token = %d %v", status, out)
		}
		if status, _ := e.api(http.MethodDelete, "/api/v1/session", token, nil); status != http.StatusNoContent {
			t.Errorf("logout = %d", status)
		}
		if status, _ := e.api(http.MethodGet, "/api/v1/me", token, nil); status != 401 {
			t.Errorf("token after logout = %d", status)
		}
		if status, out := e.api(http.MethodGet, "/api/v1/khong-co", "", nil); status != 404 || errCode(out) != "ENOTFOUND" {
			t.Errorf("unknown API path = %d %v", status, out)
		}
	})
}

func TestAPIPlanIsPublic(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *env) {
		status, out := e.api(http.MethodGet, "/api/v1/plan", "", nil)
		if status != 200 {
			t.Fatalf("plan = %d", status)
		}
		var codes []string
		var walk func(nodes []any)
		walk = func(nodes []any) {
			for _, n := range nodes {
				m := n.(map[string]any)
				codes = append(codes, m["code"].(string))
				if c, ok := m["children"].([]any); ok {
					walk(c)
				}
			}
		}
		walk(out["nodes"].([]any))
		if len(codes) != 104 || codes[0] != "I" {
			t.Errorf("plan tree has %d nodes starting %v, want the seed's 104", len(codes), codes[:1])
		}
		status, out = e.api(http.MethodGet, "/api/v1/plan/targets", "", nil)
		targets := out["targets"].([]any)
		if status != 200 || len(targets) != 20 {
			t.Fatalf("targets = %d, %d", status, len(targets))
		}
		first := targets[0].(map[string]any)
		if first["phase"] != "2026-2027" || first["unit"] != "cấp độ" || first["value"].(float64) != 3 {
			t.Errorf("first target = %v", first)
		}
		status, out = e.api(http.MethodGet, "/api/v1/tasks?section=II&q=so+hoa", "", nil)
		if status != 200 || len(out["tasks"].([]any)) == 0 {
			t.Errorf("task search without diacritics = %d %v", status, out)
		}
		task := out["tasks"].([]any)[0].(map[string]any)
		if _, ok := task["assignment"].(map[string]any)["start"].(string); !ok {
			t.Errorf("task JSON lacks civil dates: %v", task)
		}
		if status, out := e.api(http.MethodGet, "/api/v1/tasks?status=xong", "", nil); status != 400 || errCode(out) != "EINVALID" {
			t.Errorf("bad status filter = %d %v", status, out)
		}
	})
}

func TestAPIAssignProgressEvidence(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *env) {
		office, spec, other := e.token("vanphong"), e.token("chuyenvien"), e.token("cv.khtc")
		gdtrh := unitID(t, e, "GDTrH")
		code := quietTask(t, e)
		body := map[string]any{"lead_unit_id": atoi(gdtrh), "co_unit_ids": []int64{}, "product": "Kế hoạch", "start": "2026-09-01",
			"due": "2026-12-01", "recurrence": "quarterly"}
		if status, out := e.api(http.MethodPut, "/api/v1/tasks/"+code+"/assignment", spec, body); status != 403 || errCode(out) != "EFORBIDDEN" {
			t.Errorf("specialist assigns = %d %v", status, out)
		}
		if status, out := e.api(http.MethodPut, "/api/v1/tasks/"+code+"/assignment", "", body); status != 401 || errCode(out) != "EUNAUTHORIZED" {
			t.Errorf("anonymous assigns = %d %v", status, out)
		}
		status, out := e.api(http.MethodPut, "/api/v1/tasks/"+code+"/assignment", office, body)
		if status != 400 || out["error"].(map[string]any)["fields"].(map[string]any)["due"] == nil {
			t.Errorf("quarterly with a 3-month first period = %d %v", status, out)
		}
		body["due"] = "2026-11-30"
		status, out = e.api(http.MethodPut, "/api/v1/tasks/"+code+"/assignment", office, body)
		if status != 200 {
			t.Fatalf("assign = %d %v", status, out)
		}
		instances := out["task"].(map[string]any)["instances"].([]any)
		if len(instances) != 17 || instances[0].(map[string]any)["period"] != "2026-Q3" {
			t.Fatalf("instances = %d, first %v", len(instances), instances[0])
		}
		inst := int64(instances[0].(map[string]any)["id"].(float64))
		if status, out := e.api(http.MethodPost, "/api/v1/tasks/"+code+"/progress", other, map[string]any{"instance_id": inst, "body": "x"}); status != 403 {
			t.Errorf("other unit progress = %d %v", status, out)
		}
		if status, out := e.api(http.MethodPost, "/api/v1/tasks/"+code+"/progress", spec, map[string]any{"instance_id": inst, "body": "  "}); status != 400 || errCode(out) != "EINVALID" {
			t.Errorf("empty progress = %d %v", status, out)
		}
		if status, out := e.api(http.MethodPost, "/api/v1/tasks/"+code+"/progress", spec, map[string]any{"instance_id": 999999, "body": "x"}); status != 400 {
			t.Errorf("instance of another task = %d %v", status, out)
		}
		if status, out := e.api(http.MethodPost, "/api/v1/tasks/"+code+"/progress", spec, map[string]any{"instance_id": inst, "body": "Đang soạn thảo."}); status != 201 {
			t.Errorf("progress = %d %v", status, out)
		}
		status, ev := e.api(http.MethodPost, "/api/v1/tasks/"+code+"/evidence", spec, map[string]any{"instance_id": inst, "doc_number": "215/KH-SGDĐT",
			"doc_date": "2026-09-08", "doc_issuer": "Sở GD&ĐT Hải Phòng"})
		if status != 201 || ev["doc_date"] != "2026-09-08" || ev["state"] != "submitted" {
			t.Fatalf("document evidence = %d %v", status, ev)
		}
		id := itoa(int64(ev["id"].(float64)))
		if status, _ := e.api(http.MethodPost, "/api/v1/evidence/"+id+"/review", spec, map[string]string{"decision": "accept"}); status != 403 {
			t.Errorf("specialist reviews = %d", status)
		}
		if status, out := e.api(http.MethodPost, "/api/v1/evidence/"+id+"/review", office, map[string]string{"decision": "maybe"}); status != 400 {
			t.Errorf("bad decision = %d %v", status, out)
		}
		if status, out := e.api(http.MethodPost, "/api/v1/evidence/"+id+"/review", office, map[string]string{"decision": "accept", "comment": "Đạt"}); status != 200 || out["state"] != "accepted" {
			t.Errorf("accept = %d %v", status, out)
		}
		if status, out := e.api(http.MethodPost, "/api/v1/evidence/"+id+"/review", office, map[string]string{"decision": "return", "comment": "x"}); status != 409 || errCode(out) != "ECONFLICT" {
			t.Errorf("second review = %d %v", status, out)
		}
		status, detail := e.api(http.MethodGet, "/api/v1/tasks/"+code, spec, nil)
		if status != 200 || len(detail["history"].([]any)) != 5 { // demo assignment, reassignment, progress, evidence, review
			t.Errorf("task detail = %d, history %v", status, detail["history"])
		}
		if status, _ := e.api(http.MethodGet, "/api/v1/tasks/"+code, other, nil); status != 403 {
			t.Errorf("other unit reads the task = %d", status)
		}
	})
}

// quietTask returns a task the demo assigned but nobody has worked on yet,
// so it can be rescheduled freely.
func quietTask(t *testing.T, e *env) string {
	t.Helper()
	tasks, err := e.db.FindTasks(t.Context(), sqldb.TaskFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, task := range tasks {
		quiet := task.Assignment != nil
		for _, in := range task.Instances {
			quiet = quiet && !in.AnyActivity
		}
		if quiet {
			return task.Node.Code
		}
	}
	t.Fatal("the demo left no quiet task")
	return ""
}

func atoi(s string) int64 {
	var n int64
	for _, c := range s {
		n = n*10 + int64(c-'0')
	}
	return n
}

func TestAPIAdminAndAudit(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *env) {
		admin, office := e.token("admin"), e.token("vanphong")
		if status, _ := e.api(http.MethodPost, "/api/v1/units", office, map[string]any{"code": "X", "name": "X", "kind": "phong"}); status != 403 {
			t.Errorf("office creates a unit = %d", status)
		}
		status, unit := e.api(http.MethodPost, "/api/v1/units", admin, map[string]any{"code": "PC", "name": "Phòng Pháp chế", "kind": "phong"})
		if status != 201 || unit["active"] != true {
			t.Fatalf("create unit = %d %v", status, unit)
		}
		if status, out := e.api(http.MethodPost, "/api/v1/units", admin, map[string]any{"code": "PC", "name": "Trùng", "kind": "phong"}); status != 400 {
			t.Errorf("duplicate unit = %d %v", status, out)
		}
		status, user := e.api(http.MethodPost, "/api/v1/users", admin, map[string]any{"username": "cv.pc", "full_name": "Nguyễn Văn Pháp",
			"role": "chuyenvien", "unit_id": unit["id"], "password": "mat-khau-manh"})
		if status != 201 {
			t.Fatalf("create user = %d %v", status, user)
		}
		if _, ok := user["password_hash"]; ok {
			t.Error("the API leaks the password hash")
		}
		uid := itoa(int64(user["id"].(float64)))
		if status, out := e.api(http.MethodPatch, "/api/v1/users/"+uid, admin, map[string]any{"role": "superuser"}); status != 400 {
			t.Errorf("bad role = %d %v", status, out)
		}
		if status, out := e.api(http.MethodPatch, "/api/v1/users/"+uid, admin, map[string]any{"active": false}); status != 200 || out["active"] != false {
			t.Errorf("deactivate = %d %v", status, out)
		}
		if status, _ := e.api(http.MethodGet, "/api/v1/audit", office, nil); status != 403 {
			t.Errorf("office reads the audit log = %d", status)
		}
		status, out := e.api(http.MethodGet, "/api/v1/audit?entity=user&entity_id="+uid, admin, nil)
		entries := out["entries"].([]any)
		if status != 200 || len(entries) != 2 || entries[0].(map[string]any)["action"] != "user.update" {
			t.Errorf("audit of the user = %d %v", status, entries)
		}
		status, out = e.api(http.MethodGet, "/api/v1/audit/verify", e.token("lanhdao"), nil)
		if status != 200 || out["intact"] != true || out["checked"].(float64) < 100 {
			t.Errorf("verify = %d %v", status, out)
		}
	})
}

// TestOpenAPIMatchesRoutes keeps the OpenAPI document and the route list in
// step: every API route is documented and every documented path is served.
func TestOpenAPIMatchesRoutes(t *testing.T) {
	raw, err := os.ReadFile("openapi.json")
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		OpenAPI string                                `json:"openapi"`
		Paths   map[string]map[string]json.RawMessage `json:"paths"`
	}
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatalf("openapi.json is not JSON: %v", err)
	}
	if !strings.HasPrefix(doc.OpenAPI, "3.") {
		t.Errorf("openapi version %q", doc.OpenAPI)
	}
	documented := map[string]bool{}
	for path, ops := range doc.Paths {
		for method := range ops {
			documented[strings.ToUpper(method)+" "+path] = true
		}
	}
	served := map[string]bool{}
	for _, r := range (&Server{}).routes() {
		if strings.Contains(r.pattern, " /api/") {
			served[r.pattern] = true
		}
	}
	var missing, extra []string
	for k := range served {
		if !documented[k] {
			missing = append(missing, k)
		}
	}
	for k := range documented {
		if !served[k] {
			extra = append(extra, k)
		}
	}
	sort.Strings(missing)
	sort.Strings(extra)
	if len(missing) > 0 || len(extra) > 0 {
		t.Errorf("routes not documented: %v; documented but not served: %v", missing, extra)
	}
}

// TestTemplateKeysExist makes sure every UI string a template names is in
// both language catalogs.
func TestTemplateKeysExist(t *testing.T) {
	c, err := loadCatalog()
	if err != nil {
		t.Fatal(err)
	}
	files, _ := os.ReadDir("html")
	re := regexp.MustCompile(`\{\{t [.$a-zA-Z]+ "([a-z_.]+)"`)
	n := 0
	for _, f := range files {
		b, _ := os.ReadFile("html/" + f.Name())
		for _, m := range re.FindAllStringSubmatch(string(b), -1) {
			n++
			for _, lang := range languages {
				if _, ok := c.msgs[lang][m[1]]; !ok {
					t.Errorf("%s: key %q missing in %s", f.Name(), m[1], lang)
				}
			}
		}
	}
	if n < 100 {
		t.Errorf("found only %d keys: the pattern no longer matches the templates", n)
	}
}
