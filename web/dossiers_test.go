package web

import (
	"bytes"
	"encoding/json"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"os/exec"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hpdoet/cchc/procedure"
)

var pdfBytes = []byte("%PDF-1.4\n% giấy tờ\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")

// correctionForm is a valid application for 2.001914 with its choices
// taken from the procedure itself.
func correctionForm(t *testing.T, e *env) url.Values {
	t.Helper()
	p, err := e.db.FindProcedure(t.Context(), "2.001914")
	if err != nil {
		t.Fatal(err)
	}
	v := url.Values{"ho_ten": {"Hoàng Văn Nam"}, "so_cccd": {"031095001234"}, "ngay_sinh": {"12/05/1995"}, "dien_thoai": {"0912345678"},
		"email": {"nam@example.vn"}, "so_hieu_van_bang": {"B 123456"}, "truong": {"Trường THPT Trần Phú"}, "nam_tot_nghiep": {"2013"},
		"noi_dung_hien_tai": {"Hoàng Văn Năm"}, "noi_dung_de_nghi": {"Hoàng Văn Nam"}, "cam_ket": {"1"}, "declaration": {"1"}}
	for _, f := range p.Form {
		if f.Type == procedure.TypeChoice {
			v.Set(f.Name, f.Options[0])
		}
	}
	return v
}

// multipartBody builds a form with files named file_<key>.
func multipartBody(form url.Values, files map[string][]byte) (*bytes.Buffer, string) {
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for k, vs := range form {
		for _, v := range vs {
			mw.WriteField(k, v)
		}
	}
	for key, data := range files {
		fw, _ := mw.CreateFormFile("file_"+key, key+".pdf")
		fw.Write(data)
	}
	mw.Close()
	return &buf, mw.FormDataContentType()
}

func (b *browser) submitDossier(path string, form url.Values, files map[string][]byte) response {
	if form.Get("csrf_token") == "" {
		form.Set("csrf_token", b.csrf)
	}
	body, ct := multipartBody(form, files)
	req, _ := http.NewRequest(http.MethodPost, b.e.base+path, body)
	req.Header.Set("Content-Type", ct)
	return b.do(req)
}

var papers = map[string][]byte{"don-de-nghi": pdfBytes, "van-bang": pdfBytes, "cccd": pdfBytes}

func TestDossierFlowHTML(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *env) {
		citizen := e.browser()
		citizen.login("congdan")
		if res := citizen.get("/thu-tuc/2.001914/nop"); res.status != 200 || !strings.Contains(res.body, `name="file_van-bang"`) {
			t.Fatalf("submission form = %d", res.status)
		}
		// Bad input changes nothing: a wrong CCCD, a missing paper, a renamed executable.
		bad := correctionForm(t, e)
		bad.Set("so_cccd", "12345")
		res := citizen.submitDossier("/thu-tuc/2.001914/nop", bad, map[string][]byte{"don-de-nghi": pdfBytes})
		if res.status != http.StatusBadRequest || !strings.Contains(res.body, "12 chữ số") || !strings.Contains(res.body, "Vui lòng đính kèm") {
			t.Errorf("bad submission = %d", res.status)
		}
		citizen.get("/thu-tuc/2.001914/nop")
		res = citizen.submitDossier("/thu-tuc/2.001914/nop", correctionForm(t, e), map[string][]byte{"don-de-nghi": pdfBytes, "van-bang": []byte("MZ\x90"), "cccd": pdfBytes})
		if res.status != http.StatusBadRequest || !strings.Contains(res.body, "Chỉ nhận tệp PDF") {
			t.Errorf("executable upload = %d", res.status)
		}
		var n int
		e.db.SQL().QueryRow(`SELECT COUNT(*) FROM dossiers`).Scan(&n)
		if n != 0 {
			t.Fatalf("%d dossiers after refused submissions", n)
		}
		citizen.get("/thu-tuc/2.001914/nop")
		res = citizen.submitDossier("/thu-tuc/2.001914/nop", correctionForm(t, e), papers)
		if res.status != http.StatusSeeOther {
			t.Fatalf("submit = %d %s", res.status, between(res.body, "error-message", "</div>"))
		}
		code := strings.TrimPrefix(strings.Split(res.header.Get("Location"), "?")[0], "/ho-so/")
		page := citizen.get(res.header.Get("Location"))
		if !strings.Contains(page.body, code) || !strings.Contains(page.body, "Đã gửi hồ sơ") {
			t.Fatalf("citizen's dossier page lacks the code")
		}

		act := func(b *browser, action string, extra url.Values) response {
			t.Helper()
			b.get("/ho-so/" + code)
			extra.Set("action", action)
			return b.post("/ho-so/"+code+"/hanh-dong", extra)
		}
		counter := e.browser()
		counter.login("motcua")
		if res := act(counter, "approve", url.Values{}); res.status != http.StatusConflict {
			t.Errorf("approve a submitted dossier = %d", res.status)
		}
		if res := act(counter, "receive", url.Values{}); res.status != http.StatusSeeOther {
			t.Fatalf("receive = %d %s", res.status, between(res.body, "error-message", "</div>"))
		}
		if res := counter.get("/ho-so/" + code + "/giay-tiep-nhan.pdf"); res.status != 200 || !strings.HasPrefix(res.body, "%PDF") {
			t.Errorf("receipt slip = %d", res.status)
		}
		if res := act(counter, "assign", url.Values{}); res.status != http.StatusSeeOther {
			t.Fatalf("route to the unit = %d", res.status)
		}
		other := e.browser()
		other.login("cv.khtc")
		if res := other.get("/ho-so/" + code); res.status != http.StatusNotFound {
			t.Errorf("another unit opens the dossier: %d", res.status)
		}
		if res := act(other, "complete-step", url.Values{}); res.status != http.StatusNotFound {
			t.Errorf("another unit acts: %d", res.status)
		}
		spec := e.browser()
		spec.login("cv.qlcl")
		if list := spec.get("/ho-so?queue=new"); !strings.Contains(list.body, code) {
			t.Error("the unit's new queue lacks the routed dossier")
		}
		if res := act(spec, "complete-step", url.Values{}); res.status != http.StatusSeeOther {
			t.Fatalf("specialist completes = %d %s", res.status, between(res.body, "error-message", "</div>"))
		}
		head := e.browser()
		head.login("tp.qlcl")
		if res := act(head, "complete-step", url.Values{}); res.status != http.StatusSeeOther {
			t.Fatalf("head completes = %d", res.status)
		}
		leader := e.browser()
		leader.login("lanhdao")
		if res := act(leader, "approve", url.Values{}); res.status != http.StatusSeeOther {
			t.Fatalf("approve = %d %s", res.status, between(res.body, "error-message", "</div>"))
		}
		for _, a := range []string{"issue-result", "return"} {
			if res := act(counter, a, url.Values{}); res.status != http.StatusSeeOther {
				t.Fatalf("%s = %d", a, res.status)
			}
		}
		if page := citizen.get("/ho-so/" + code); !strings.Contains(page.body, "Đã trả kết quả") || !strings.Contains(page.body, code+"-KQ1") {
			t.Errorf("citizen does not see the result")
		}
		lookup := e.browser().get("/tra-cuu?ma=" + url.QueryEscape(code))
		if !strings.Contains(lookup.body, "Đã trả kết quả") || strings.Contains(lookup.body, "Hoàng Văn Nam") || strings.Contains(lookup.body, "031095001234") {
			t.Errorf("public lookup: state missing or personal data shown")
		}
		if res := e.browser().get("/tra-cuu?ma=khong-hop-le"); res.status != http.StatusBadRequest {
			t.Errorf("malformed lookup = %d", res.status)
		}
	})
}

func TestDossierAPIIdempotency(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *env) {
		token := e.token("congdan")
		form := correctionForm(t, e)
		form.Set("procedure_code", "2.001914")
		post := func(key string) (int, map[string]any) {
			body, ct := multipartBody(form, papers)
			req, _ := http.NewRequest(http.MethodPost, e.base+"/api/v1/dossiers", body)
			req.Header.Set("Content-Type", ct)
			req.Header.Set("Authorization", "Bearer "+token)
			if key != "" {
				req.Header.Set("Idempotency-Key", key)
			}
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer res.Body.Close()
			var out map[string]any
			raw, _ := io.ReadAll(res.Body)
			json.Unmarshal(raw, &out)
			return res.StatusCode, out
		}
		s1, first := post("nop-lan-1")
		s2, second := post("nop-lan-1")
		if s1 != http.StatusCreated || s2 != http.StatusOK || first["code"] != second["code"] {
			t.Fatalf("retries: %d %v / %d %v", s1, first["code"], s2, second["code"])
		}
		var n int
		e.db.SQL().QueryRow(`SELECT COUNT(*) FROM dossiers`).Scan(&n)
		if n != 1 {
			t.Errorf("%d dossiers after a retried submission", n)
		}
		code := first["code"].(string)
		if !regexp.MustCompile(`^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}-260910-0001$`).MatchString(code) {
			t.Errorf("code %s", code)
		}
		if status, out := e.api(http.MethodGet, "/api/v1/dossiers/"+code+"/status", "", nil); status != 200 || out["state"] != "submitted" || out["applicant_name"] != nil {
			t.Errorf("public status = %d %v", status, out)
		}
		if status, _ := e.api(http.MethodGet, "/api/v1/dossiers/"+code, e.token("cv.khtc"), nil); status != http.StatusNotFound {
			t.Errorf("another unit reads the dossier: %d", status)
		}
		officer := e.token("motcua")
		if status, out := e.api(http.MethodPost, "/api/v1/dossiers/"+code+"/actions", officer, map[string]any{"action": "refuse"}); status != 400 || errCode(out) != "EINVALID" {
			t.Errorf("refuse without a reason = %d %v", status, out)
		}
		if status, out := e.api(http.MethodPost, "/api/v1/dossiers/"+code+"/actions", officer, map[string]any{"action": "fly"}); status != 409 && status != 400 {
			t.Errorf("unknown action = %d %v", status, out)
		}
		status, out := e.api(http.MethodPost, "/api/v1/dossiers/"+code+"/actions", officer, map[string]any{"action": "receive"})
		if status != 200 || out["dossier"].(map[string]any)["state"] != "received" {
			t.Fatalf("receive = %d %v", status, out)
		}
		status, list := e.api(http.MethodGet, "/api/v1/dossiers?queue=open", officer, nil)
		if status != 200 || list["total"].(float64) != 1 {
			t.Errorf("open queue = %d %v", status, list)
		}
		if status, out := e.api(http.MethodGet, "/api/v1/dossiers/000.00.31.H31-260910-0099/status", "", nil); status != 404 || errCode(out) != "ENOTFOUND" {
			t.Errorf("unknown code = %d %v", status, out)
		}
	})
}

// TestReceiptSlipReadable opens the receipt PDF with poppler when present.
func TestReceiptSlipReadable(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext not installed (the report package's own tests require it in CI)")
	}
	eachEnv(t, func(t *testing.T, e *env) {
		counter := e.browser()
		counter.login("motcua")
		counter.get("/thu-tuc/2.001914/nop")
		res := counter.submitDossier("/thu-tuc/2.001914/nop", correctionForm(t, e), papers)
		if res.status != http.StatusSeeOther {
			t.Fatalf("counter receipt = %d %s", res.status, between(res.body, "error-message", "</div>"))
		}
		code := strings.TrimPrefix(strings.Split(res.header.Get("Location"), "?")[0], "/ho-so/")
		pdf := counter.get("/ho-so/" + code + "/giay-tiep-nhan.pdf")
		cmd := exec.Command("pdftotext", "-layout", "-", "-")
		cmd.Stdin = strings.NewReader(pdf.body)
		out, err := cmd.Output()
		if err != nil {
			t.Fatal(err)
		}
		text := string(out)
		due := "17 giờ 00 phút, ngày 17/09/2026" // 10/09/2026 + 5 working days
		for _, want := range []string{code, "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ", "Hoàng Văn Nam", "Chỉnh sửa nội dung văn bằng", due} {
			if !strings.Contains(text, want) {
				t.Errorf("receipt lacks %q", want)
			}
		}
		_ = time.Now
	})
}

func TestSupplementWithPapers(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *env) {
		citizen := e.browser()
		citizen.login("congdan")
		citizen.get("/thu-tuc/2.001914/nop")
		res := citizen.submitDossier("/thu-tuc/2.001914/nop", correctionForm(t, e), papers)
		code := strings.TrimPrefix(strings.Split(res.header.Get("Location"), "?")[0], "/ho-so/")
		counter := e.browser()
		counter.login("motcua")
		counter.get("/ho-so/" + code)
		if res := counter.post("/ho-so/"+code+"/hanh-dong", url.Values{"action": {"request-supplement"}, "missing": {"Bản sao giấy khai sinh"},
			"reason": {"Thông tin chưa khớp"}}); res.status != http.StatusSeeOther {
			t.Fatalf("request supplement = %d %s", res.status, between(res.body, "error-message", "</div>"))
		}
		if pdf := citizen.get("/ho-so/" + code + "/phieu-bo-sung.pdf"); pdf.status != 200 || !strings.HasPrefix(pdf.body, "%PDF") {
			t.Errorf("supplement request slip = %d", pdf.status)
		}
		citizen.get("/ho-so/" + code)
		res = citizen.submitDossier("/ho-so/"+code+"/hanh-dong", url.Values{"action": {"supplement"}}, map[string][]byte{"giay-khai-sinh": pdfBytes})
		if res.status != http.StatusSeeOther {
			t.Fatalf("supplement = %d %s", res.status, between(res.body, "error-message", "</div>"))
		}
		page := citizen.get("/ho-so/" + code)
		if !strings.Contains(page.body, "giay-khai-sinh.pdf") || !strings.Contains(page.body, "Mới đăng ký") {
			t.Errorf("supplemented paper or state missing")
		}
		// Papers only travel with a supplement.
		counter.get("/ho-so/" + code)
		if res := counter.submitDossier("/ho-so/"+code+"/hanh-dong", url.Values{"action": {"refuse"}, "reason": {"x"}}, map[string][]byte{"cccd": pdfBytes}); res.status != http.StatusBadRequest {
			t.Errorf("papers with a refusal = %d", res.status)
		}
		if res := counter.get("/ho-so/" + code + "/phieu-tu-choi.pdf"); res.status != http.StatusNotFound {
			t.Errorf("refusal slip of a dossier not refused = %d", res.status)
		}
		counter.get("/ho-so/" + code)
		if res := counter.post("/ho-so/"+code+"/hanh-dong", url.Values{"action": {"refuse"}, "reason": {"Văn bằng không do Sở cấp"}}); res.status != http.StatusSeeOther {
			t.Fatalf("refuse = %d", res.status)
		}
		if pdf := citizen.get("/ho-so/" + code + "/phieu-tu-choi.pdf"); pdf.status != 200 || !strings.HasPrefix(pdf.body, "%PDF") {
			t.Errorf("refusal slip = %d", pdf.status)
		}
	})
}

func TestLateDossierAsksForApology(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *env) {
		counter := e.browser()
		counter.login("motcua")
		counter.get("/thu-tuc/2.001914/nop")
		res := counter.submitDossier("/thu-tuc/2.001914/nop", correctionForm(t, e), papers)
		code := strings.TrimPrefix(strings.Split(res.header.Get("Location"), "?")[0], "/ho-so/")
		if page := counter.get("/ho-so/" + code); strings.Contains(page.body, "cần phát hành Phiếu xin lỗi") {
			t.Error("an on-time dossier asks for an apology")
		}
		// Eight working days later the 5-day dossier is past due.
		later := testNow.Add(12 * 24 * time.Hour)
		e.db.Now = func() time.Time { return later }
		defer func() { e.db.Now = func() time.Time { return testNow } }()
		counter = e.browser() // the morning's session has expired by then
		counter.login("motcua")
		page := counter.get("/ho-so/" + code)
		if !strings.Contains(page.body, "cần phát hành Phiếu xin lỗi") {
			t.Fatal("a late dossier does not ask for an apology")
		}
		res = counter.post("/ho-so/"+code+"/hanh-dong", url.Values{"action": {"apologize"}, "reason": {"Cần xác minh với trường cấp bằng"}, "new_due": {"30/09/2026"}})
		if res.status != http.StatusSeeOther {
			t.Fatalf("apologize = %d %s", res.status, between(res.body, "error-message", "</div>"))
		}
		page = counter.get("/ho-so/" + code)
		if strings.Contains(page.body, "cần phát hành Phiếu xin lỗi") || !strings.Contains(page.body, "Trễ hạn") {
			t.Error("after the apology: warning still shown, or the dossier stopped counting as late")
		}
		pdf := counter.get("/ho-so/" + code + "/phieu-xin-loi.pdf")
		if pdf.status != 200 || !strings.HasPrefix(pdf.body, "%PDF") {
			t.Errorf("apology letter = %d", pdf.status)
		}
	})
}

func TestOnceOnlyReuse(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *env) {
		citizen := e.browser()
		citizen.login("congdan")
		citizen.get("/thu-tuc/2.001914/nop")
		if res := citizen.submitDossier("/thu-tuc/2.001914/nop", correctionForm(t, e), papers); res.status != http.StatusSeeOther {
			t.Fatalf("first dossier = %d", res.status)
		}
		store := citizen.get("/kho-du-lieu")
		m := regexp.MustCompile(`/kho-du-lieu/(\d+)/tep">Căn cước`).FindStringSubmatch(store.body)
		if m == nil {
			t.Fatalf("the CCCD is not in the data store:\n%s", between(store.body, "<table", "</table>"))
		}
		form := citizen.get("/thu-tuc/2.001914/nop")
		if !strings.Contains(form.body, `name="reuse_cccd" value="`+m[1]+`"`) {
			t.Fatal("the form does not offer the stored CCCD")
		}
		v := correctionForm(t, e)
		v.Set("reuse_cccd", m[1])
		res := citizen.submitDossier("/thu-tuc/2.001914/nop", v, map[string][]byte{"don-de-nghi": pdfBytes, "van-bang": pdfBytes})
		if res.status != http.StatusSeeOther {
			t.Fatalf("second dossier with reuse = %d %s", res.status, between(res.body, "error-message", "</div>"))
		}
		code := strings.TrimPrefix(strings.Split(res.header.Get("Location"), "?")[0], "/ho-so/")
		officer := e.browser()
		officer.login("motcua")
		if page := officer.get("/ho-so/" + code); !strings.Contains(page.body, "lấy từ kho dữ liệu") {
			t.Error("the officer does not see the paper marked as reused")
		}
		// Another citizen cannot reach this store.
		other := e.browser()
		other.get("/dang-ky")
		other.post("/dang-ky", url.Values{"email": {"khac@example.vn"}, "full_name": {"Người Khác"}, "password": {"mat-khau-1"}, "confirm_password": {"mat-khau-1"}})
		if res := other.get("/kho-du-lieu/" + m[1] + "/tep"); res.status != http.StatusNotFound {
			t.Errorf("another citizen downloads the paper: %d", res.status)
		}
		other.get("/kho-du-lieu")
		if res := other.post("/kho-du-lieu/"+m[1]+"/xoa", url.Values{}); res.status != http.StatusNotFound {
			t.Errorf("another citizen deletes the paper: %d", res.status)
		}
		if res := officer.get("/kho-du-lieu"); res.status != http.StatusForbidden {
			t.Errorf("an officer opens a data store page: %d", res.status)
		}
		citizen.get("/kho-du-lieu")
		if res := citizen.post("/kho-du-lieu/"+m[1]+"/xoa", url.Values{}); res.status != http.StatusSeeOther {
			t.Errorf("delete = %d", res.status)
		}
	})
}
