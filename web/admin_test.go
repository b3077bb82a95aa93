package web

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
)

func TestAdminPages(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *env) {
		spec := e.browser()
		spec.login("chuyenvien")
		for _, p := range []string{"/quan-tri/don-vi", "/quan-tri/nguoi-dung", "/quan-tri/nhat-ky"} {
			if res := spec.get(p); res.status != http.StatusForbidden {
				t.Errorf("specialist GET %s = %d", p, res.status)
			}
		}
		a := e.browser()
		a.login("admin")
		if res := a.get("/quan-tri/don-vi"); res.status != 200 || !strings.Contains(res.body, "Phòng Giáo dục Trung học") {
			t.Fatalf("units page = %d", res.status)
		}
		n := auditRows(t, e)
		res := a.post("/quan-tri/don-vi", url.Values{"code": {"có dấu"}, "name": {""}, "kind": {"phong"}, "active": {"1"}})
		if res.status != http.StatusBadRequest || !strings.Contains(res.body, "Vui lòng nhập tên đơn vị") || !strings.Contains(res.body, `aria-invalid="true"`) {
			t.Errorf("invalid unit = %d", res.status)
		}
		if auditRows(t, e) != n {
			t.Fatal("an invalid unit changed data")
		}
		if res := a.post("/quan-tri/don-vi", url.Values{"code": {"PC"}, "name": {"Phòng Pháp chế"}, "kind": {"phong"}, "active": {"1"}}); res.status != http.StatusSeeOther {
			t.Fatalf("create unit = %d %s", res.status, res.body)
		}
		page := a.get("/quan-tri/nguoi-dung")
		m := regexp.MustCompile(`<option value="(\d+)">Phòng Pháp chế</option>`).FindStringSubmatch(page.body)
		if m == nil {
			t.Fatal("the new unit is not offered for accounts")
		}
		res = a.post("/quan-tri/nguoi-dung", url.Values{"username": {"cv.pc"}, "full_name": {"Nguyễn Văn Pháp"}, "role": {"chuyenvien"},
			"unit_id": {m[1]}, "password": {"ngan"}, "active": {"1"}})
		if res.status != http.StatusBadRequest || !strings.Contains(res.body, "ít nhất 8 ký tự") {
			t.Errorf("short password = %d", res.status)
		}
		res = a.post("/quan-tri/nguoi-dung", url.Values{"username": {"cv.pc"}, "full_name": {"Nguyễn Văn Pháp"}, "role": {"chuyenvien"},
			"unit_id": {m[1]}, "password": {"mat-khau-moi-1"}, "active": {"1"}})
		if res.status != http.StatusSeeOther {
			t.Fatalf("create user = %d", res.status)
		}
		// The new specialist signs in with the password the admin set.
		u := e.browser()
		u.get("/dang-nhap")
		if res := u.post("/dang-nhap", url.Values{"username": {"cv.pc"}, "password": {"mat-khau-moi-1"}}); res.status != http.StatusSeeOther {
			t.Errorf("new account cannot sign in: %d", res.status)
		}
		audit := a.get("/quan-tri/nhat-ky?verify=1")
		if !strings.Contains(audit.body, "Chuỗi nhật ký nguyên vẹn") || !strings.Contains(audit.body, "Thêm tài khoản") {
			t.Errorf("audit page lacks the verification or the entry")
		}
	})
}

func TestChangeOwnPassword(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *env) {
		b := e.browser()
		b.login("truongphong")
		b.get("/tai-khoan")
		res := b.post("/tai-khoan/mat-khau", url.Values{"old_password": {"sai-roi"}, "new_password": {"mat-khau-moi"}, "confirm_password": {"mat-khau-moi"}})
		if res.status != http.StatusBadRequest || !strings.Contains(res.body, "Mật khẩu hiện tại không đúng") {
			t.Errorf("wrong old password = %d", res.status)
		}
		res = b.post("/tai-khoan/mat-khau", url.Values{"old_password": {"cchc-demo"}, "new_password": {"mat-khau-moi"}, "confirm_password": {"khac"}})
		if res.status != http.StatusBadRequest || !strings.Contains(res.body, "không khớp") {
			t.Errorf("mismatch = %d", res.status)
		}
		res = b.post("/tai-khoan/mat-khau", url.Values{"old_password": {"cchc-demo"}, "new_password": {"mat-khau-moi"}, "confirm_password": {"mat-khau-moi"}})
		if res.status != http.StatusSeeOther {
			t.Fatalf("change = %d %s", res.status, res.body)
		}
		if res := b.get("/nhiem-vu"); res.status != http.StatusSeeOther {
			t.Errorf("old session survived the password change: %d", res.status)
		}
		b.get("/dang-nhap")
		if res := b.post("/dang-nhap", url.Values{"username": {"truongphong"}, "password": {"mat-khau-moi"}}); res.status != http.StatusSeeOther {
			t.Errorf("new password does not work: %d", res.status)
		}
	})
}

func TestSignUp(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *env) {
		b := e.browser()
		b.get("/dang-ky")
		n := auditRows(t, e)
		for _, tc := range []struct {
			name string
			form url.Values
			want string
		}{
			{"bad e-mail", url.Values{"email": {"khong-phai-email"}, "full_name": {"Trần Thị Bình"}, "password": {"mat-khau-1"}, "confirm_password": {"mat-khau-1"}}, "Địa chỉ thư điện tử không hợp lệ"},
			{"short password", url.Values{"email": {"binh@example.vn"}, "full_name": {"Trần Thị Bình"}, "password": {"123"}, "confirm_password": {"123"}}, "ít nhất 8 ký tự"},
			{"mismatch", url.Values{"email": {"binh@example.vn"}, "full_name": {"Trần Thị Bình"}, "password": {"mat-khau-1"}, "confirm_password": {"mat-khau-2"}}, "không khớp"},
			{"taken", url.Values{"email": {"ChuyenVien@sgddt-hp.example"}, "full_name": {"X"}, "password": {"mat-khau-1"}, "confirm_password": {"mat-khau-1"}}, "đã có tài khoản"},
		} {
			if res := b.post("/dang-ky", tc.form); res.status != http.StatusBadRequest || !strings.Contains(res.body, tc.want) {
				t.Errorf("%s: %d, lacks %q", tc.name, res.status, tc.want)
			}
		}
		if auditRows(t, e) != n {
			t.Fatal("a refused sign-up changed data")
		}
		res := b.post("/dang-ky", url.Values{"email": {"Binh@Example.vn"}, "full_name": {"Trần Thị Bình"}, "password": {"mat-khau-1"}, "confirm_password": {"mat-khau-1"}})
		if res.status != http.StatusSeeOther {
			t.Fatalf("sign up = %d", res.status)
		}
		if home := b.get(res.header.Get("Location")); !strings.Contains(home.body, "Trần Thị Bình") || !strings.Contains(home.body, "Đã tạo tài khoản") {
			t.Error("not signed in after sign-up")
		}
		// The citizen signs in later with the e-mail, in any case.
		c := e.browser()
		c.get("/dang-nhap")
		if res := c.post("/dang-nhap", url.Values{"username": {"binh@example.VN"}, "password": {"mat-khau-1"}}); res.status != http.StatusSeeOther {
			t.Errorf("sign in by e-mail = %d", res.status)
		}
		if res := c.get("/nhiem-vu"); res.status != http.StatusForbidden {
			t.Errorf("a citizen opens the officials' task list: %d", res.status)
		}
		status, out := e.api(http.MethodPost, "/api/v1/accounts", "", map[string]string{"email": "dn@example.vn", "full_name": "Công ty TNHH Học Tốt", "password": "mat-khau-1"})
		if status != http.StatusCreated || out["token"] == nil {
			t.Errorf("API sign-up = %d %v", status, out)
		}
		if status, out := e.api(http.MethodPost, "/api/v1/accounts", "", map[string]string{"email": "dn@example.vn", "full_name": "X", "password": "mat-khau-1"}); status != 400 || errCode(out) != "EINVALID" {
			t.Errorf("duplicate API sign-up = %d %v", status, out)
		}
	})
}
