package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

func TestProcedureCatalogPages(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *env) {
		b := e.browser()
		res := b.get("/thu-tuc?q=" + url.QueryEscape("cap ban sao van bang"))
		if res.status != 200 || !strings.Contains(res.body, "Cấp bản sao văn bằng, chứng chỉ từ sổ gốc") {
			t.Fatalf("search without diacritics = %d", res.status)
		}
		if strings.Contains(res.body, "Chuyển trường") {
			t.Error("search returned unrelated procedures")
		}
		res = b.get("/thu-tuc/2.001914")
		if res.status != 200 || !strings.Contains(res.body, "5 ngày làm việc") || strings.Contains(res.body, "Quy trình nội bộ") {
			t.Errorf("public procedure page = %d (internal steps must be for staff)", res.status)
		}
		if res := b.get("/thu-tuc/9.999999"); res.status != http.StatusNotFound {
			t.Errorf("unknown procedure = %d", res.status)
		}
		status, out := e.api(http.MethodGet, "/api/v1/procedures?q=CHUYEN+TRUONG", "", nil)
		if status != 200 || out["count"].(float64) < 1 {
			t.Errorf("API search = %d %v", status, out)
		}
		status, out = e.api(http.MethodGet, "/api/v1/procedures?level=toan-trinh&field="+url.QueryEscape("Văn bằng, chứng chỉ"), "", nil)
		for _, p := range out["procedures"].([]any) {
			m := p.(map[string]any)
			if m["online_level"] != "toan-trinh" || m["field"] != "Văn bằng, chứng chỉ" {
				t.Errorf("filter let through %v", m)
			}
		}
		if status, out := e.api(http.MethodGet, "/api/v1/procedures?level=muc-do-4", "", nil); status != 400 || errCode(out) != "EINVALID" {
			t.Errorf("bad level = %d %v", status, out)
		}
		status, out = e.api(http.MethodGet, "/api/v1/procedures/1.010020", "", nil)
		if status != 200 || out["same_day"] != true || len(out["form"].([]any)) == 0 || len(out["documents"].([]any)) == 0 {
			t.Errorf("procedure API = %d %v", status, out)
		}

		admin := e.browser()
		admin.login("admin")
		page := admin.get("/quan-tri/thu-tuc/2.001914")
		if page.status != 200 || !strings.Contains(page.body, "&#34;time_limit_days&#34;: 5") {
			t.Fatalf("edit page = %d", page.status)
		}
		n := auditRows(t, e)
		for name, doc := range map[string]string{
			"not JSON":      "{",
			"unknown field": `{"code":"2.001914","bogus":1}`,
			"negative time": strings.Replace(between(page.body, "{\n", "</textarea>"), "&#34;time_limit_days&#34;: 5", "&#34;time_limit_days&#34;: -1", 1),
		} {
			if res := admin.post("/quan-tri/thu-tuc/2.001914", url.Values{"document": {htmlUnescape(doc)}}); res.status != http.StatusBadRequest {
				t.Errorf("%s: %d", name, res.status)
			}
		}
		if auditRows(t, e) != n {
			t.Fatal("refused edits changed data")
		}
		good := strings.Replace(htmlUnescape(between(page.body, "{\n", "</textarea>")), `"fee_note": "`, `"fee_note": "Không thu phí. `, 1)
		if res := admin.post("/quan-tri/thu-tuc/2.001914", url.Values{"document": {good}}); res.status != http.StatusSeeOther {
			t.Fatalf("save = %d %s", res.status, between(res.body, "error-message", "</div>"))
		}
		if res := b.get("/thu-tuc/2.001914"); !strings.Contains(res.body, "Không thu phí.") {
			t.Error("edit not shown")
		}
		// A new procedure from a copy of another, under a new local code.
		newDoc := strings.Replace(good, `"code": "2.001914"`, `"code": "HP.GDĐT.99"`, 1)
		newDoc = strings.Replace(newDoc, `"unconfirmed": [`, `"unconfirmed": ["code", `, 1)
		if res := admin.post("/quan-tri/thu-tuc/moi", url.Values{"document": {newDoc}}); res.status != http.StatusSeeOther {
			t.Fatalf("create = %d %s", res.status, between(res.body, "error-message", "</div>"))
		}
		if res := b.get("/thu-tuc/HP.GDĐT.99"); res.status != 200 {
			t.Errorf("new procedure page = %d", res.status)
		}
		if res := admin.post("/quan-tri/thu-tuc/2.001914", url.Values{"document": {newDoc}}); res.status != http.StatusBadRequest {
			t.Errorf("changing a code through the edit form = %d", res.status)
		}
		if res := b.get("/quan-tri/thu-tuc/2.001914"); res.status != http.StatusSeeOther {
			t.Errorf("anonymous edit page = %d", res.status)
		}
	})
}

func htmlUnescape(s string) string {
	return strings.NewReplacer("&#34;", `"`, "&lt;", "<", "&gt;", ">", "&amp;", "&", "&#39;", "'", "&#43;", "+").Replace(s)
}
