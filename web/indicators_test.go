package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// indicatorOf finds a target's value in an /api/v1/indicators answer.
func indicatorOf(t *testing.T, out map[string]any, code string) map[string]any {
	t.Helper()
	list, _ := out["indicators"].([]any)
	for _, x := range list {
		if m, _ := x.(map[string]any); m["code"] == code {
			return m
		}
	}
	t.Fatalf("no %s in %v", code, out)
	return nil
}

// TestIndicatorPagesAndAPI follows one dossier to its rating and checks
// the figures it makes, the pages and API that show them, who may see the
// records behind them, values entered with evidence, and closing periods.
func TestIndicatorPagesAndAPI(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *env) {
		anon := e.browser()
		if res := anon.get("/ke-hoach/chi-tieu"); res.status != http.StatusOK || !strings.Contains(res.body, "Tỷ lệ thanh toán trực tuyến") ||
			!strings.Contains(res.body, "Chưa có số liệu") || !strings.Contains(res.body, "<svg") {
			t.Fatalf("overview = %d", res.status)
		}

		// One dossier, online, through to its result and its rating.
		citizen := e.browser()
		citizen.login("congdan")
		code := submitted(t, citizen, "/thu-tuc/2.001914/nop", correctionForm(t, e), papers)
		steps := []struct{ who, action string }{{"motcua", "receive"}, {"motcua", "assign"}, {"cv.qlcl", "complete-step"}, {"tp.qlcl", "complete-step"},
			{"lanhdao", "approve"}, {"motcua", "issue-result"}}
		for i, s := range steps {
			if i == len(steps)-1 {
				page := citizen.get("/ho-so/" + code)
				if strings.Contains(page.body, "/danh-gia") {
					t.Error("the rating form shows before the dossier has ended")
				}
				if res := citizen.post("/ho-so/"+code+"/danh-gia", url.Values{"score": {"3"}}); res.status != http.StatusUnprocessableEntity || !strings.Contains(res.body, "đánh giá khi đã nhận kết quả") {
					t.Errorf("rating an open dossier = %d", res.status)
				}
			}
			body := map[string]any{}
			if s.action == "assign" {
				body["assignee_id"] = e.userID("cv.qlcl")
			}
			if st, out := e.act(e.token(s.who), code, s.action, body); st != http.StatusOK {
				t.Fatalf("%s by %s = %d %v", s.action, s.who, st, out)
			}
		}
		page := citizen.get("/ho-so/" + code)
		if !strings.Contains(page.body, `action="/ho-so/`+code+`/danh-gia"`) || !strings.Contains(page.body, "Bạn có hài lòng") {
			t.Fatalf("no rating form on the ended dossier:\n%s", between(page.body, "<main", "</main>"))
		}
		if res := citizen.post("/ho-so/"+code+"/danh-gia", url.Values{"score": {"9"}}); res.status != http.StatusUnprocessableEntity || !strings.Contains(res.body, "Chọn một mức") {
			t.Errorf("score 9 = %d", res.status)
		}
		if res := citizen.post("/ho-so/"+code+"/danh-gia", url.Values{"score": {"3"}, "comment": {"Nhanh, gọn"}}); res.status != http.StatusSeeOther {
			t.Fatalf("rate = %d %s", res.status, between(res.body, "error-message", "</div>"))
		}
		if page := citizen.get("/ho-so/" + code + "?ok=rated"); !strings.Contains(page.body, "Cảm ơn bạn đã đánh giá") || !strings.Contains(page.body, "Nhanh, gọn") {
			t.Error("the dossier page does not show the rating")
		}
		stranger := e.browser()
		stranger.get("/dang-ky")
		stranger.post("/dang-ky", url.Values{"email": {"khac@example.vn"}, "full_name": {"Người Khác"}, "password": {"mat-khau-1"}, "confirm_password": {"mat-khau-1"}})
		stranger.get("/")
		if res := stranger.post("/ho-so/"+code+"/danh-gia", url.Values{"score": {"1"}}); res.status != http.StatusNotFound {
			t.Errorf("another citizen rates: %d", res.status)
		}
		if st, out := e.api(http.MethodPost, "/api/v1/dossiers/"+code+"/rating", e.token("motcua"), map[string]any{"score": 1}); st != http.StatusForbidden || errCode(out) != "EFORBIDDEN" {
			t.Errorf("an official rates through the API: %d %v", st, out)
		}

		// The figures: the Sở's, a unit's, bad periods and units.
		st, out := e.api(http.MethodGet, "/api/v1/indicators?period=2026-09", "", nil)
		if st != http.StatusOK || out["label"] != "Tháng 9/2026" || out["closed"] != false {
			t.Fatalf("indicators = %d %v", st, out)
		}
		for _, c := range []string{"CT-03", "CT-04", "CT-06"} {
			if v := indicatorOf(t, out, c); v["value"] != 100.0 || v["denominator"] != 1.0 {
				t.Errorf("%s = %v", c, v)
			}
		}
		if v := indicatorOf(t, out, "CT-11"); v["kind"] != "missing" || v["value"] != nil || v["status"] != "no_data" {
			t.Errorf("CT-11 (no survey yet) = %v", v)
		}
		_, unit := e.api(http.MethodGet, "/api/v1/indicators?period=2026-Q3&unit=GDTrH", "", nil)
		if v := indicatorOf(t, unit, "CT-06"); v["value"] != nil || v["status"] != "no_data" {
			t.Errorf("GDTrH's CT-06 = %v", v)
		}
		for _, q := range []string{"period=2026-13", "period=2031", "period=x", "unit=KHONG-CO"} {
			if st, out := e.api(http.MethodGet, "/api/v1/indicators?"+q, "", nil); st != http.StatusBadRequest || errCode(out) != "EINVALID" {
				t.Errorf("%s = %d %v", q, st, out)
			}
		}
		if res := anon.get("/ke-hoach/chi-tieu?ky=2026-13"); res.status != http.StatusUnprocessableEntity || !strings.Contains(res.body, "Kỳ không hợp lệ") {
			t.Errorf("a bad period on the page = %d", res.status)
		}
		if res := anon.get("/ke-hoach/chi-tieu?ky=2026-09"); res.status != http.StatusOK || !strings.Contains(res.body, "Tháng 9/2026") || !strings.Contains(res.body, "100%") {
			t.Errorf("September's overview = %d", res.status)
		}

		// Time and cost per procedure, on CT-15 and on the procedure's page.
		if res := anon.get("/ke-hoach/chi-tieu/CT-15?ky=2026-09"); !strings.Contains(between(res.body, `id="h-procs"`, "</section>"), `href="/thu-tuc/2.001914"`) {
			t.Errorf("CT-15 lists no procedure:\n%s", between(res.body, "<main", "</main>"))
		}
		if res := anon.get("/thu-tuc/2.001914"); !strings.Contains(res.body, "Thời gian và chi phí so với năm 2024") || !strings.Contains(between(res.body, `id="h-figures"`, "</table>"), "Năm 2026") {
			t.Errorf("the procedure's page has no time and cost figures")
		}

		// One target: its formula, trend, units; the records for officials only.
		res := anon.get("/ke-hoach/chi-tieu/CT-06?ky=2026-09")
		if res.status != http.StatusOK || !strings.Contains(res.body, "Số đánh giá «hài lòng»") || strings.Contains(res.body, "/so-lieu/ho-so") {
			t.Errorf("CT-06 for the public = %d", res.status)
		}
		if res := anon.get("/ke-hoach/chi-tieu/CT-99"); res.status != http.StatusNotFound {
			t.Errorf("CT-99 = %d", res.status)
		}
		qlcl := e.browser()
		qlcl.login("cv.qlcl")
		if res := qlcl.get("/ke-hoach/chi-tieu"); !strings.Contains(res.body, `href="/ke-hoach/chi-tieu?ky=2026&amp;don-vi=QLCL"`) {
			t.Error("no link to the unit's own dashboard")
		}
		if res := qlcl.get("/ke-hoach/chi-tieu?ky=2026&don-vi=QLCL"); res.status != http.StatusOK || !strings.Contains(res.body, "Năm 2026 — Phòng Quản lý chất lượng") {
			t.Errorf("the unit's dashboard = %d", res.status)
		}
		res = qlcl.get("/ke-hoach/chi-tieu/CT-06?ky=2026-09")
		if !strings.Contains(res.body, "/so-lieu/ho-so?ky=2026-09") {
			t.Error("no way to the records for an official")
		}
		if res := qlcl.get("/so-lieu/ho-so?ky=2026-09&ds=rate"); res.status != http.StatusOK || !strings.Contains(res.body, code) {
			t.Errorf("QLCL's records = %d", res.status)
		}
		if res := qlcl.get("/so-lieu/ho-so?ky=2026-09&ds=rate&loc=out"); strings.Contains(res.body, code) {
			t.Error("a satisfied rating is listed among those outside the numerator")
		}
		other := e.browser()
		other.login("chuyenvien")
		if res := other.get("/so-lieu/ho-so?ky=2026-09&ds=rate"); res.status != http.StatusOK || strings.Contains(res.body, code) {
			t.Errorf("GDTrH's own records = %d (another unit's dossier shown: %v)", res.status, strings.Contains(res.body, code))
		}
		if res := other.get("/so-lieu/ho-so?ky=2026-09&ds=rate&don-vi=QLCL"); res.status != http.StatusForbidden {
			t.Errorf("GDTrH reads QLCL's records: %d", res.status)
		}
		if res := citizen.get("/so-lieu/ho-so?ky=2026-09&ds=rate"); res.status != http.StatusForbidden {
			t.Errorf("a citizen reads records: %d", res.status)
		}
		if res := anon.get("/so-lieu/ho-so?ky=2026-09&ds=rate"); res.status != http.StatusSeeOther {
			t.Errorf("anonymous records = %d", res.status)
		}
		if res := qlcl.get("/so-lieu/ho-so?ky=2026-09&ds=khong-co"); res.status != http.StatusNotFound {
			t.Errorf("unknown records = %d", res.status)
		}
		st, out = e.api(http.MethodGet, "/api/v1/indicators/CT-03/records?period=2026-09&unit=QLCL&filter=in", e.token("cv.qlcl"), nil)
		if recs, _ := out["records"].([]any); st != http.StatusOK || len(recs) != 1 || recs[0].(map[string]any)["code"] != code {
			t.Errorf("CT-03's records = %d %v", st, out)
		}
		if st, out := e.api(http.MethodGet, "/api/v1/indicators/CT-03/records?period=2026-09&unit=QLCL", e.token("chuyenvien"), nil); st != http.StatusForbidden || errCode(out) != "EFORBIDDEN" {
			t.Errorf("another unit's records through the API = %d %v", st, out)
		}

		// The 766 index.
		if res := anon.get("/chi-so-766?ky=2026-09"); res.status != http.StatusOK || !strings.Contains(res.body, "Công khai, minh bạch") && !strings.Contains(res.body, "Tiến độ giải quyết") {
			t.Errorf("766 page = %d", res.status)
		}
		st, out = e.api(http.MethodGet, "/api/v1/service-index?period=2026-09", "", nil)
		idx, _ := out["index"].(map[string]any)
		if groups, _ := idx["groups"].([]any); st != http.StatusOK || len(groups) != 6 || idx["max"] != 100.0 {
			t.Errorf("service index = %d %v", st, out)
		}

		// Values entered with evidence.
		office := e.browser()
		office.login("vanphong")
		if res := office.get("/ke-hoach/chi-tieu/CT-01"); !strings.Contains(res.body, `action="/ke-hoach/chi-tieu/CT-01/nhap"`) {
			t.Fatal("no entry form for the Office")
		}
		res = office.post("/ke-hoach/chi-tieu/CT-01/nhap", url.Values{"period": {"2026"}, "value": {"3"}})
		if res.status != http.StatusUnprocessableEntity || !strings.Contains(res.body, "Nêu văn bản làm minh chứng") {
			t.Errorf("an entry without evidence = %d", res.status)
		}
		office.get("/ke-hoach/chi-tieu/CT-01")
		if res := office.upload("/ke-hoach/chi-tieu/CT-01/nhap", url.Values{"period": {"2026"}, "value": {"3"}}, "file", "ket-qua.exe", []byte("MZ\x90\x00")); res.status != http.StatusUnprocessableEntity || !strings.Contains(res.body, "Loại tệp không được chấp nhận") {
			t.Errorf("an executable as evidence = %d", res.status)
		}
		office.get("/ke-hoach/chi-tieu/CT-01")
		res = office.upload("/ke-hoach/chi-tieu/CT-01/nhap", url.Values{"period": {"2026"}, "value": {"3"}, "note": {"Đánh giá của Sở TT&TT"}}, "file", "ket-qua.pdf", pdfBytes)
		if res.status != http.StatusSeeOther {
			t.Fatalf("entry with a file = %d %s", res.status, between(res.body, "error-message", "</div>"))
		}
		page = office.get("/ke-hoach/chi-tieu/CT-01?ok=saved")
		if !strings.Contains(page.body, "Đã lưu") || !strings.Contains(page.body, "ket-qua.pdf") {
			t.Fatalf("the entry is not shown")
		}
		link := strings.TrimPrefix(between(page.body, `href="/ke-hoach/chi-tieu/minh-chung/`, `">`), `href="/ke-hoach/chi-tieu/minh-chung/`)
		if file := office.get("/ke-hoach/chi-tieu/minh-chung/" + link); file.status != http.StatusOK || !strings.HasPrefix(file.body, "%PDF") {
			t.Errorf("evidence file = %d", file.status)
		}
		if file := anon.get("/ke-hoach/chi-tieu/minh-chung/" + link); file.status != http.StatusSeeOther {
			t.Errorf("evidence file for the public = %d", file.status)
		}
		if res := other.post("/ke-hoach/chi-tieu/CT-01/nhap", url.Values{"period": {"2026"}, "value": {"4"}, "evidence": {"x"}}); res.status != http.StatusForbidden {
			t.Errorf("a specialist enters = %d", res.status)
		}
		token := e.token("vanphong")
		if st, out := e.api(http.MethodPost, "/api/v1/indicators/CT-13/entries", token, map[string]any{"period": "2026", "value": 40, "evidence": "Báo cáo số 5/BC-SGDĐT ngày 01/09/2026"}); st != http.StatusCreated || out["by"] == "" {
			t.Errorf("API entry = %d %v", st, out)
		}
		if st, out := e.api(http.MethodPost, "/api/v1/indicators/CT-03/entries", token, map[string]any{"period": "2026", "value": 40, "evidence": "x"}); st != http.StatusBadRequest || errCode(out) != "EINVALID" {
			t.Errorf("entering a computed target = %d %v", st, out)
		}
		if st, out := e.api(http.MethodPost, "/api/v1/indicators/CT-13/entries", e.token("chuyenvien"), map[string]any{"period": "2026", "value": 40, "evidence": "x"}); st != http.StatusForbidden || errCode(out) != "EFORBIDDEN" {
			t.Errorf("a specialist enters through the API = %d %v", st, out)
		}
		_, out = e.api(http.MethodGet, "/api/v1/indicators?period=2026", "", nil)
		if v := indicatorOf(t, out, "CT-09"); v["value"] != 3.0 {
			t.Errorf("CT-09 after entering the level = %v", v)
		}
		if v := indicatorOf(t, out, "CT-13"); v["value"] != 40.0 {
			t.Errorf("CT-13 after the API entry = %v", v)
		}

		// Closing periods.
		if res := other.get("/quan-tri/ky-so-lieu"); res.status != http.StatusForbidden {
			t.Errorf("periods for a specialist = %d", res.status)
		}
		if res := office.get("/quan-tri/ky-so-lieu"); res.status != http.StatusOK || !strings.Contains(res.body, `<option value="2026-08">Tháng 8/2026</option>`) ||
			strings.Contains(res.body, `<option value="2026-09">`) {
			t.Fatalf("periods page = %d", res.status)
		}
		if res := office.post("/quan-tri/ky-so-lieu/khoa", url.Values{"period": {"2026-09"}}); res.status != http.StatusUnprocessableEntity || !strings.Contains(res.body, "chưa kết thúc") {
			t.Errorf("closing September = %d", res.status)
		}
		if res := office.post("/quan-tri/ky-so-lieu/khoa", url.Values{"period": {"2026-08"}}); res.status != http.StatusSeeOther {
			t.Fatalf("closing August = %d %s", res.status, between(res.body, "error-message", "</div>"))
		}
		if res := anon.get("/ke-hoach/chi-tieu?ky=2026-08"); !strings.Contains(res.body, "Kỳ đã khóa sổ") {
			t.Error("August's overview does not say it is closed")
		}
		admin := e.browser()
		admin.login("admin")
		admin.get("/quan-tri/ky-so-lieu")
		if res := admin.post("/quan-tri/ky-so-lieu/mo", url.Values{"period": {"2026-08"}, "reason": {""}}); res.status != http.StatusUnprocessableEntity {
			t.Errorf("reopening without a reason = %d", res.status)
		}
		if res := admin.post("/quan-tri/ky-so-lieu/mo", url.Values{"period": {"2026-08"}, "reason": {"Bổ sung hồ sơ nhập muộn"}}); res.status != http.StatusSeeOther {
			t.Errorf("reopening = %d", res.status)
		}
		if res := office.get("/quan-tri/ky-so-lieu"); !strings.Contains(res.body, "Bổ sung hồ sơ nhập muộn") {
			t.Error("the reopening's reason is not listed")
		}
		if st, out := e.api(http.MethodPost, "/api/v1/periods/2026-07/close", e.token("lanhdao"), nil); st != http.StatusCreated || out["period"] != "2026-07" {
			t.Errorf("closing July through the API = %d %v", st, out)
		}
		if st, out := e.api(http.MethodPost, "/api/v1/periods/2026-07/close", e.token("lanhdao"), nil); st != http.StatusConflict || errCode(out) != "ECONFLICT" {
			t.Errorf("closing July twice = %d %v", st, out)
		}
		if st, out := e.api(http.MethodPost, "/api/v1/periods/2026-07/reopen", token, map[string]any{"reason": "x"}); st != http.StatusForbidden || errCode(out) != "EFORBIDDEN" {
			t.Errorf("the Office reopens through the API = %d %v", st, out)
		}
		if st, _ := e.api(http.MethodPost, "/api/v1/periods/2026-07/reopen", e.token("admin"), map[string]any{"reason": "Kiểm tra"}); st != http.StatusNoContent {
			t.Errorf("the admin reopens through the API = %d", st)
		}
		if strings.Contains(e.logs.String(), "031095001234") || strings.Contains(e.logs.String(), "0912345678") {
			t.Error("personal data in the logs")
		}
	})
}
