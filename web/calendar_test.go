package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

func TestCalendarPagesAndAPI(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *env) {
		b := e.browser()
		res := b.get("/lich?nam=2026")
		for _, want := range []string{"Tết Nguyên Đán (mùng 1)", "17/02/2026", "1/1 ÂL", "Thứ Hai, 27/04/2026"} {
			if !strings.Contains(res.body, want) {
				t.Errorf("calendar 2026 lacks %q", want)
			}
		}
		if res := b.get("/lich?nam=3000"); res.status != http.StatusBadRequest {
			t.Errorf("year 3000 = %d", res.status)
		}
		// Received Friday 13/02/2026 16:30 with 3 working days: Tết closes 16–20/02.
		res = b.get("/lich?nam=2026&nhan=" + url.QueryEscape("13/02/2026 16:30") + "&so-ngay=3")
		if !strings.Contains(res.body, "hẹn trả lúc 25/02/2026 17:00") {
			t.Errorf("due across Tết not shown: %s", between(res.body, `class="notice"`, "</p>"))
		}
		if res := b.get("/lich?nam=2026&nhan=hom-qua&so-ngay=-1"); res.status != http.StatusBadRequest || !strings.Contains(res.body, "Số ngày làm việc là số nguyên") {
			t.Errorf("bad calculator input = %d", res.status)
		}

		status, out := e.api(http.MethodGet, "/api/v1/calendar/2030", "", nil)
		days := out["days_off"].([]any)
		if status != 200 || len(days) < 11 {
			t.Fatalf("calendar 2030 = %d %v", status, out)
		}
		var tet string
		for _, d := range days {
			m := d.(map[string]any)
			if m["name"] == "Tết Nguyên Đán (mùng 1)" {
				tet = m["date"].(string)
			}
		}
		if tet != "2030-02-02" {
			t.Errorf("Tết 2030 = %q, want 2030-02-02 (Vietnam, not China)", tet)
		}
		status, out = e.api(http.MethodGet, "/api/v1/calendar/due?received="+url.QueryEscape("2026-02-13T16:30:00+07:00")+"&days=3", "", nil)
		if status != 200 || out["due"] != "2026-02-25T17:00:00+07:00" {
			t.Errorf("due = %d %v", status, out)
		}
		status, out = e.api(http.MethodGet, "/api/v1/calendar/lunar?date=2026-04-26", "", nil)
		if status != 200 || out["day"].(float64) != 10 || out["month"].(float64) != 3 || out["leap"] != false || out["year_name"] != "Bính Ngọ" {
			t.Errorf("lunar of Giỗ Tổ 2026 = %d %v", status, out)
		}
		for _, p := range []string{"/api/v1/calendar/1899", "/api/v1/calendar/abc", "/api/v1/calendar/due?received=x&days=2",
			"/api/v1/calendar/due?received=2026-01-01T08:00:00Z&days=-2", "/api/v1/calendar/lunar?date=2026-13-01"} {
			if status, out := e.api(http.MethodGet, p, "", nil); status != 400 || errCode(out) != "EINVALID" {
				t.Errorf("GET %s = %d %v", p, status, out)
			}
		}
	})
}

func TestCalendarAdminEdit(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *env) {
		office := e.browser()
		office.login("vanphong")
		if res := office.post("/lich/2027/ngay-nghi", url.Values{"date": {"2027-05-03"}, "name": {"x"}, "kind": {"holiday"}}); res.status != http.StatusForbidden {
			t.Errorf("office edits the calendar = %d", res.status)
		}
		a := e.browser()
		a.login("admin")
		a.get("/lich?nam=2027")
		n := auditRows(t, e)
		for _, tc := range []struct {
			name   string
			action string
			form   url.Values
			want   string
		}{
			{"compensatory day on a Saturday", "ngay-nghi", url.Values{"date": {"2027-05-08"}, "name": {"Nghỉ bù"}, "kind": {"compensatory"}, "occasion": {"other"}}, "must be a weekday"},
			{"day listed twice", "ngay-nghi", url.Values{"date": {"2027-04-30"}, "name": {"Trùng"}, "kind": {"holiday"}, "occasion": {"reunification"}}, "listed twice"},
			{"working day on a Tuesday", "ngay-lam-bu", url.Values{"date": {"2027-05-04"}, "name": {"Làm bù"}, "occasion": {"other"}}, "Saturday or Sunday"},
			{"other year", "ngay-nghi", url.Values{"date": {"2028-01-02"}, "name": {"x"}, "kind": {"holiday"}, "occasion": {"other"}}, "outside the year"},
			{"malformed date", "ngay-nghi", url.Values{"date": {"mai"}, "name": {"x"}, "kind": {"holiday"}}, "Ngày viết dạng dd/mm/yyyy"},
			{"no name", "ngay-nghi", url.Values{"date": {"2027-05-03"}, "name": {""}, "kind": {"holiday"}, "occasion": {"other"}}, "name is empty"},
		} {
			res := a.post("/lich/2027/"+tc.action, tc.form)
			if res.status != http.StatusBadRequest || !strings.Contains(res.body, tc.want) {
				t.Errorf("%s: %d, lacks %q", tc.name, res.status, tc.want)
			}
		}
		if auditRows(t, e) != n {
			t.Fatal("refused calendar edits changed data")
		}
		// A swap: Tuesday 04/05/2027 off, Saturday 08/05/2027 worked (03/05 is
		// already the compensatory day for 01/05, a Saturday).
		if res := a.post("/lich/2027/ngay-nghi", url.Values{"date": {"2027-05-04"}, "name": {"Nghỉ hoán đổi"}, "kind": {"swap_off"}, "occasion": {"labour_day"}}); res.status != http.StatusSeeOther {
			t.Fatalf("add day off = %d %s", res.status, between(res.body, "error-message", "</div>"))
		}
		if res := a.post("/lich/2027/ngay-lam-bu", url.Values{"date": {"08/05/2027"}, "name": {"Làm bù cho thứ Ba 04/05/2027"}, "occasion": {"labour_day"}}); res.status != http.StatusSeeOther {
			t.Fatalf("add working day = %d", res.status)
		}
		// Received Thursday 29/04/2027, 4 working days: 30/04–03/05 are off; with
		// the swap the days are 05, 06, 07 and Saturday 08/05, without it 04–07/05.
		status, out := e.api(http.MethodGet, "/api/v1/calendar/due?received="+url.QueryEscape("2027-04-29T09:00:00+07:00")+"&days=4", "", nil)
		if status != 200 || out["due"] != "2027-05-08T17:00:00+07:00" {
			t.Errorf("due with the swap = %v", out)
		}
		if res := a.get("/lich?nam=2027"); !strings.Contains(res.body, "Lịch do quản trị viên nhập") || !strings.Contains(res.body, "Làm bù cho thứ Ba 04/05/2027") {
			t.Error("edited schedule not shown")
		}
		if res := a.post("/lich/2027/khoi-phuc", url.Values{}); res.status != http.StatusSeeOther {
			t.Fatalf("reset = %d", res.status)
		}
		if _, out := e.api(http.MethodGet, "/api/v1/calendar/due?received="+url.QueryEscape("2027-04-29T09:00:00+07:00")+"&days=4", "", nil); out["due"] != "2027-05-07T17:00:00+07:00" {
			t.Errorf("due after reset = %v", out["due"])
		}
		status, audit := e.api(http.MethodGet, "/api/v1/audit?entity=calendar&entity_id=2027", e.token("admin"), nil)
		if status != 200 || len(audit["entries"].([]any)) != 3 {
			t.Errorf("calendar edits audited: %d %v", status, audit)
		}
	})
}

func between(s, from, to string) string {
	i := strings.Index(s, from)
	if i < 0 {
		return ""
	}
	j := strings.Index(s[i:], to)
	if j < 0 {
		return s[i:]
	}
	return s[i : i+j]
}
