package web

import (
	"net/http"
	"net/url"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/hpdoet/cchc/plan"
	"github.com/hpdoet/cchc/sqldb"
)

func findTask(t *testing.T, e *env, code string) *plan.Task {
	t.Helper()
	ts, err := e.db.FindTasks(t.Context(), sqldb.TaskFilter{Code: code})
	if err != nil || len(ts) != 1 {
		t.Fatalf("find %s: %v %v", code, ts, err)
	}
	return ts[0]
}

func auditRows(t *testing.T, e *env) int {
	var n int
	e.db.SQL().QueryRow(`SELECT COUNT(*) FROM audit_log`).Scan(&n)
	return n
}

func TestPublicPages(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *env) {
		b := e.browser()
		for _, tc := range []struct {
			path, want string
			status     int
		}{
			{"/", "Quản lý thực hiện Kế hoạch cải cách hành chính", 200},
			{"/ke-hoach", "Định kỳ tiến hành tự kiểm tra văn bản quy phạm pháp luật", 200},
			{"/ke-hoach", "Tiếp tục duy trì xây dựng, áp dụng, duy trì và cải tiến Hệ thống quản lý chất lượng", 200},
			{"/ke-hoach/chi-tieu", "Tỷ lệ thanh toán trực tuyến trên Cổng Dịch vụ công quốc gia", 200},
			{"/dang-nhap", "cchc-demo", 200},
			{"/khong-co-trang-nay", "Không tìm thấy trang", 404},
			{"/healthz", `"status":"ok"`, 200},
		} {
			res := b.get(tc.path)
			if res.status != tc.status || !strings.Contains(res.body, tc.want) {
				t.Errorf("GET %s = %d, want %d containing %q", tc.path, res.status, tc.status, tc.want)
			}
		}
		if res := b.get("/nhiem-vu"); res.status != http.StatusSeeOther || !strings.HasPrefix(res.header.Get("Location"), "/dang-nhap?next=") {
			t.Errorf("anonymous /nhiem-vu = %d %s, want a redirect to sign in", res.status, res.header.Get("Location"))
		}
		res := b.get("/ngon-ngu/en?next=/ke-hoach/chi-tieu")
		if res.status != http.StatusSeeOther {
			t.Fatalf("switch language: %d", res.status)
		}
		if res := b.get("/ke-hoach/chi-tieu"); !strings.Contains(res.body, `<html lang="en">`) || !strings.Contains(res.body, "The plan&#39;s targets") {
			t.Errorf("English page lacks English chrome")
		}
		if res := b.get("/ngon-ngu/xx"); res.status != http.StatusNotFound {
			t.Errorf("unknown language = %d", res.status)
		}
	})
}

func TestSecurityHeadersAndCookies(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *env) {
		b := e.browser()
		res := b.get("/dang-nhap")
		for _, h := range []string{"Content-Security-Policy", "X-Content-Type-Options", "X-Frame-Options", "Referrer-Policy", "X-Request-ID"} {
			if res.header.Get(h) == "" {
				t.Errorf("missing header %s", h)
			}
		}
		// A server configured for production marks its cookies Secure.
		e.srv.cfg.CookieSecure = true
		defer func() { e.srv.cfg.CookieSecure = false }()
		res = b.post("/dang-nhap", url.Values{"username": {"vanphong"}, "password": {"cchc-demo"}})
		var session *http.Cookie
		for _, c := range (&http.Response{Header: res.header}).Cookies() {
			if c.Name == sessionCookie {
				session = c
			}
		}
		if session == nil || !session.Secure || !session.HttpOnly || session.SameSite != http.SameSiteLaxMode {
			t.Errorf("session cookie = %+v, want Secure, HttpOnly, SameSite=Lax", session)
		}
	})
}

func TestLoginLogout(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *env) {
		b := e.browser()
		b.get("/dang-nhap")
		res := b.post("/dang-nhap", url.Values{"username": {"vanphong"}, "password": {"sai"}})
		if res.status != http.StatusUnauthorized || !strings.Contains(res.body, "Tên đăng nhập hoặc mật khẩu không đúng") {
			t.Errorf("wrong password = %d", res.status)
		}
		res = b.post("/dang-nhap", url.Values{"username": {"vanphong"}, "password": {"cchc-demo"}, "next": {"https://evil.example/"}})
		if res.status != http.StatusSeeOther || res.header.Get("Location") != "/" {
			t.Errorf("login redirect = %d %q, want / (an outside next is refused)", res.status, res.header.Get("Location"))
		}
		home := b.get("/")
		if !strings.Contains(home.body, "Nguyễn Thị Thu Hà") {
			t.Errorf("home after login lacks the user")
		}
		if strings.Contains(home.body, "/quan-tri/nguoi-dung") {
			t.Error("the Office sees the admin menu")
		}
		res = b.post("/dang-xuat", url.Values{})
		if res.status != http.StatusSeeOther {
			t.Fatalf("logout = %d", res.status)
		}
		if res := b.get("/nhiem-vu"); res.status != http.StatusSeeOther {
			t.Errorf("after logout /nhiem-vu = %d, want redirect", res.status)
		}
	})
}

func TestCSRF(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *env) {
		b := e.browser()
		b.get("/dang-nhap")
		stale := b.csrf
		b.login("vanphong")
		n := auditRows(t, e)
		form := url.Values{"lead_unit_id": {"3"}, "product": {"X"}, "start": {"2026-05-01"}, "due": {"2026-06-01"}, "recurrence": {"once"}}
		for name, token := range map[string]string{"missing": "", "forged": "abc", "stale (before sign-in)": stale} {
			f := url.Values{}
			for k, v := range form {
				f[k] = v
			}
			if token == "" {
				token = " "
			}
			f.Set("csrf_token", token)
			res := b.post("/nhiem-vu/II.1.c/phan-cong", f)
			if res.status != http.StatusForbidden || !strings.Contains(res.body, "Biểu mẫu đã hết hạn") {
				t.Errorf("%s token: %d", name, res.status)
			}
		}
		// A cross-site request is refused even with a valid token.
		form.Set("csrf_token", b.csrf)
		req, _ := http.NewRequest(http.MethodPost, e.base+"/nhiem-vu/II.1.c/phan-cong", strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Sec-Fetch-Site", "cross-site")
		if res := b.do(req); res.status != http.StatusForbidden {
			t.Errorf("cross-site post = %d", res.status)
		}
		if auditRows(t, e) != n {
			t.Error("a refused post changed data")
		}
	})
}

func TestAssignAndUnitList(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *env) {
		office := e.browser()
		office.login("vanphong")
		page := office.get("/nhiem-vu/II.1.c/phan-cong")
		if page.status != 200 || !strings.Contains(page.body, "Phân công nhiệm vụ") {
			t.Fatalf("assign page = %d", page.status)
		}
		gdtrh := unitID(t, e, "GDTrH")
		khtc := unitID(t, e, "KHTC")
		n := auditRows(t, e)
		for _, tc := range []struct {
			name, field, start, due, lead string
		}{
			{"start before 2026", "Ngày bắt đầu phải trong giai đoạn", "2025-12-01", "2026-06-01", gdtrh},
			{"due after 2030", "Hạn hoàn thành phải trong giai đoạn", "2026-06-01", "2031-01-10", gdtrh},
			{"garbage date", "Ngày viết dạng dd/mm/yyyy", "hôm qua", "2026-06-01", gdtrh},
			{"unknown unit", "không tồn tại", "2026-06-01", "2026-09-01", "987654"},
			{"no unit", "Vui lòng chọn đơn vị chủ trì", "2026-06-01", "2026-09-01", ""},
		} {
			res := office.post("/nhiem-vu/II.1.c/phan-cong", url.Values{"lead_unit_id": {tc.lead}, "product": {"Báo cáo"},
				"start": {tc.start}, "due": {tc.due}, "recurrence": {"once"}})
			if res.status != http.StatusBadRequest || !strings.Contains(res.body, tc.field) {
				t.Errorf("%s: %d, body lacks %q", tc.name, res.status, tc.field)
			}
		}
		if auditRows(t, e) != n {
			t.Fatal("refused assignments changed data")
		}
		res := office.post("/nhiem-vu/II.1.c/phan-cong", url.Values{"lead_unit_id": {gdtrh}, "co_unit_ids": {khtc},
			"product": {"Văn bản góp ý thể chế thu hút đầu tư"}, "start": {"01/06/2026"}, "due": {"30/09/2026"}, "recurrence": {"once"}})
		if res.status != http.StatusSeeOther {
			t.Fatalf("assign = %d %s", res.status, res.body)
		}
		// The specialist of the lead unit sees it on the unit's list.
		spec := e.browser()
		spec.login("chuyenvien")
		list := spec.get("/nhiem-vu")
		if !strings.Contains(list.body, `href="/nhiem-vu/II.1.c"`) {
			t.Error("the lead unit's list lacks the assigned task")
		}
		if strings.Contains(list.body, `href="/nhiem-vu/II.5.a"`) {
			t.Error("the unit's list shows another unit's task")
		}
		// A specialist may not assign, nor open another unit's task.
		if res := spec.get("/nhiem-vu/II.1.c/phan-cong"); res.status != http.StatusForbidden {
			t.Errorf("specialist assign page = %d", res.status)
		}
		if res := spec.get("/nhiem-vu/II.5.a"); res.status != http.StatusForbidden {
			t.Errorf("another unit's task = %d", res.status)
		}
		if res := spec.get("/nhiem-vu?period=2026-Q9"); res.status != http.StatusBadRequest || !strings.Contains(res.body, "Kỳ không hợp lệ") {
			t.Errorf("bad period filter = %d", res.status)
		}
	})
}

func unitID(t *testing.T, e *env, code string) string {
	units, err := e.db.FindUnits(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range units {
		if u.Code == code {
			return itoa(u.ID)
		}
	}
	t.Fatalf("no unit %s", code)
	return ""
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

func TestEvidenceUpload(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *env) {
		task := findTask(t, e, "II.2.a.3") // led by GDTrH in the demo
		inst := itoa(task.Current().ID)
		spec := e.browser()
		spec.login("chuyenvien")
		spec.get("/nhiem-vu/II.2.a.3")
		pdf := []byte("%PDF-1.4\n% minh chứng\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
		n := auditRows(t, e)
		for _, tc := range []struct {
			name   string
			file   string
			data   []byte
			status int
			want   string
		}{
			{"html renamed pdf", "bao-cao.pdf", []byte("<html><script>alert(1)</script></html>"), 400, "Chỉ nhận tệp PDF, DOCX, XLSX, PNG hoặc JPEG"},
			{"exe", "setup.exe", []byte("MZ\x90\x00\x03"), 400, "Chỉ nhận tệp PDF"},
			{"too large", "lon.pdf", append([]byte("%PDF-1.4\n"), make([]byte, 70<<10)...), 413, "tối đa 64 KB"},
			{"no file", "", nil, 400, "Vui lòng chọn tệp minh chứng"},
		} {
			var res response
			if tc.file == "" {
				res = spec.post("/nhiem-vu/II.2.a.3/minh-chung", url.Values{"instance_id": {inst}, "kind": {"file"}})
			} else {
				res = spec.upload("/nhiem-vu/II.2.a.3/minh-chung", url.Values{"instance_id": {inst}, "kind": {"file"}}, "file", tc.file, tc.data)
			}
			if res.status != tc.status || !strings.Contains(res.body, tc.want) {
				t.Errorf("%s: %d, body lacks %q", tc.name, res.status, tc.want)
			}
		}
		if auditRows(t, e) != n {
			t.Fatal("refused uploads changed data")
		}
		res := spec.upload("/nhiem-vu/II.2.a.3/minh-chung", url.Values{"instance_id": {inst}, "kind": {"file"}, "description": {"Quy trình tái cấu trúc"}},
			"file", `..\..\Quy trình "mới".pdf`, pdf)
		if res.status != http.StatusSeeOther {
			t.Fatalf("upload = %d %s", res.status, res.body)
		}
		page := spec.get("/nhiem-vu/II.2.a.3")
		m := regexp.MustCompile(`href="/minh-chung/(\d+)/tep">([^<]+)<`).FindStringSubmatch(page.body)
		if m == nil || m[2] != "Quy trình _mới_.pdf" {
			t.Fatalf("evidence link: %v", m)
		}
		if res := spec.get("/minh-chung/" + m[1] + "/tep"); res.status != 200 || res.body != string(pdf) || res.header.Get("Content-Type") != "application/pdf" {
			t.Errorf("download = %d %q", res.status, res.header.Get("Content-Type"))
		}
		// Another unit can neither download nor post.
		other := e.browser()
		other.login("cv.khtc")
		if res := other.get("/minh-chung/" + m[1] + "/tep"); res.status != http.StatusForbidden {
			t.Errorf("other unit download = %d", res.status)
		}
		other.get("/")
		if res := other.upload("/nhiem-vu/II.2.a.3/minh-chung", url.Values{"instance_id": {inst}, "kind": {"file"}}, "file", "x.pdf", pdf); res.status != http.StatusForbidden {
			t.Errorf("other unit upload = %d", res.status)
		}
		if res := other.post("/nhiem-vu/II.2.a.3/tien-do", url.Values{"instance_id": {inst}, "body": {"x"}}); res.status != http.StatusForbidden {
			t.Errorf("other unit progress = %d", res.status)
		}
		// A document reference with a future date is refused with its field named.
		res = spec.post("/nhiem-vu/II.2.a.3/minh-chung", url.Values{"instance_id": {inst}, "kind": {"document"}, "doc_number": {"12/QĐ-SGDĐT"},
			"doc_date": {"2027-01-01"}, "doc_issuer": {"Sở GD&ĐT"}})
		if res.status != http.StatusBadRequest || !strings.Contains(res.body, "Ngày ban hành không được sau ngày hôm nay") {
			t.Errorf("future document date = %d", res.status)
		}
		// The Office accepts the file; the instance is then delivered.
		office := e.browser()
		office.login("vanphong")
		office.get("/nhiem-vu/II.2.a.3")
		if res := office.post("/minh-chung/"+m[1]+"/xem-xet", url.Values{"decision": {"return"}, "task": {"II.2.a.3"}}); res.status != http.StatusBadRequest {
			t.Errorf("return without a reason = %d", res.status)
		}
		if res := office.post("/minh-chung/"+m[1]+"/xem-xet", url.Values{"decision": {"accept"}, "task": {"II.2.a.3"}}); res.status != http.StatusSeeOther {
			t.Errorf("accept = %d", res.status)
		}
		if got := findTask(t, e, "II.2.a.3").Instances[0]; got.Delivered.IsZero() {
			t.Errorf("accepted evidence did not deliver the instance: %+v", got)
		}
		files, _ := os.ReadDir(e.srv.blobs.Dir)
		if len(files) != 1 {
			t.Errorf("blob store holds %d folders; refused uploads must not be stored", len(files))
		}
	})
}
