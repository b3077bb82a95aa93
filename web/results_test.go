package web

import (
	"bytes"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"testing"

	"github.com/hpdoet/cchc/payment"
	"github.com/hpdoet/cchc/procedure"
	"github.com/hpdoet/cchc/result"
	"github.com/xuri/excelize/v2"
)

// copyForm is a valid request for 1.010020 (bản sao văn bằng, 10.000 đồng).
func copyForm(t *testing.T, e *env) url.Values {
	t.Helper()
	p, err := e.db.FindProcedure(t.Context(), "1.010020")
	if err != nil {
		t.Fatal(err)
	}
	v := url.Values{"ho_ten": {"Hoàng Văn Nam"}, "so_cccd": {"031095001234"}, "ngay_sinh": {"12/05/1995"}, "dien_thoai": {"0912345678"},
		"truong": {"Trường THPT Trần Phú"}, "nam_tot_nghiep": {"2013"}, "so_ban_sao": {"2"}, "cam_ket": {"1"}, "declaration": {"1"}}
	for _, f := range p.Form {
		if f.Type == procedure.TypeChoice {
			v.Set(f.Name, f.Options[0])
		}
	}
	return v
}

// pdfToText is pdftotext's output; without poppler the test skips, or
// fails under CI.
func pdfToText(t *testing.T, data []byte) string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("pdftotext (poppler-utils) is required under CI")
		}
		t.Skip("pdftotext not installed")
	}
	cmd := exec.Command("pdftotext", "-layout", "-enc", "UTF-8", "-", "-")
	cmd.Stdin = bytes.NewReader(data)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return strings.Join(strings.Fields(string(out)), " ")
}

func submitted(t *testing.T, b *browser, path string, form url.Values, files map[string][]byte) string {
	t.Helper()
	b.get(path)
	res := b.submitDossier(path, form, files)
	if res.status != http.StatusSeeOther {
		t.Fatalf("submit = %d %s", res.status, between(res.body, "error-message", "</div>"))
	}
	return strings.TrimPrefix(strings.Split(res.header.Get("Location"), "?")[0], "/ho-so/")
}

func (e *env) act(token, code, action string, body map[string]any) (int, map[string]any) {
	e.t.Helper()
	if body == nil {
		body = map[string]any{}
	}
	body["action"] = action
	return e.api(http.MethodPost, "/api/v1/dossiers/"+code+"/actions", token, body)
}

func (e *env) userID(username string) int64 {
	e.t.Helper()
	var id int64
	if err := e.db.SQL().QueryRow(`SELECT id FROM users WHERE username = $1`, username).Scan(&id); err != nil {
		e.t.Fatalf("user %s: %v", username, err)
	}
	return id
}

// localPath turns an absolute URL of the test server into a path.
func (e *env) localPath(t *testing.T, loc string) string {
	t.Helper()
	if !strings.HasPrefix(loc, e.base) {
		t.Fatalf("redirect to %q leaves the site %s", loc, e.base)
	}
	return strings.TrimPrefix(loc, e.base)
}

func TestFeePaymentResultAndVerification(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *env) {
		citizen := e.browser()
		citizen.login("congdan")
		code := submitted(t, citizen, "/thu-tuc/1.010020/nop", copyForm(t, e), map[string][]byte{"don-de-nghi": pdfBytes, "cccd": pdfBytes})
		counter := e.token("motcua")
		if st, out := e.act(counter, code, "receive", nil); st != http.StatusOK {
			t.Fatalf("receive = %d %v", st, out)
		}
		if st, out := e.act(counter, code, "assign", nil); st != http.StatusConflict || errCode(out) != "ECONFLICT" {
			t.Fatalf("processing an unpaid dossier = %d %v", st, out)
		}
		page := citizen.get("/ho-so/" + code)
		if !strings.Contains(page.body, "10.000 đồng") || !strings.Contains(page.body, "Chưa nộp") || !strings.Contains(page.body, `action="/ho-so/`+code+`/thanh-toan"`) {
			t.Fatalf("the dossier page offers no payment:\n%s", between(page.body, `id="h-fee"`, "</section>"))
		}

		// The citizen pays through the sandbox bank.
		res := citizen.post("/ho-so/"+code+"/thanh-toan", url.Values{"provider": {"sandbox"}})
		if res.status != http.StatusSeeOther || !strings.HasPrefix(res.header.Get("Location"), "/thanh-toan/sandbox?") {
			t.Fatalf("start payment = %d %q", res.status, res.header.Get("Location"))
		}
		bankURL := res.header.Get("Location")
		bank := citizen.get(bankURL)
		if bank.status != http.StatusOK || !strings.Contains(bank.body, "10.000 đồng") {
			t.Fatalf("sandbox page = %d", bank.status)
		}
		// A request altered on its way to the bank is refused there.
		altered := strings.Replace(bankURL, "vnp_Amount=1000000", "vnp_Amount=100", 1)
		if altered == bankURL {
			t.Fatalf("no vnp_Amount in %s", bankURL)
		}
		if res := citizen.get(altered); res.status != http.StatusBadRequest {
			t.Errorf("altered request at the bank = %d", res.status)
		}
		rawQuery := strings.SplitN(bankURL, "?", 2)[1]
		res = citizen.post("/thanh-toan/sandbox", url.Values{"request": {rawQuery}, "outcome": {"00"}})
		if res.status != http.StatusSeeOther {
			t.Fatalf("bank confirm = %d %s", res.status, res.body)
		}
		back := e.localPath(t, res.header.Get("Location"))
		if !strings.HasPrefix(back, "/thanh-toan/ket-qua/sandbox?") {
			t.Fatalf("return URL %s", back)
		}
		ret := citizen.get(back)
		if ret.status != http.StatusOK || !strings.Contains(ret.body, "Giao dịch thành công") || !strings.Contains(ret.body, "Đã thanh toán") {
			t.Fatalf("return page = %d\n%s", ret.status, between(ret.body, "<main", "</main>"))
		}
		m := regexp.MustCompile(`/ho-so/` + regexp.QuoteMeta(code) + `/bien-lai/([^"]+)"`).FindStringSubmatch(ret.body)
		if m == nil {
			t.Fatal("no receipt link on the return page")
		}
		ref := m[1]

		// Callbacks: a replayed IPN changes nothing, a forged one and a
		// signed one for another amount are refused; all are logged.
		cb, _ := url.ParseQuery(strings.SplitN(back, "?", 2)[1])
		ipn := func(q url.Values) string {
			_, out := e.api(http.MethodGet, "/api/v1/payments/ipn/sandbox?"+q.Encode(), "", nil)
			s, _ := out["RspCode"].(string)
			return s
		}
		if got := ipn(cb); got != payment.RspAlreadyConfirmed {
			t.Errorf("replayed IPN = %s", got)
		}
		forged := url.Values{}
		for k, v := range cb {
			forged[k] = v
		}
		forged.Set("vnp_Amount", "100")
		if got := ipn(forged); got != payment.RspFailChecksum {
			t.Errorf("forged IPN = %s", got)
		}
		other, err := e.srv.sandbox.PayURL(payment.Order{Ref: ref, Amount: 5000, Info: "x", ReturnURL: "/thanh-toan/ket-qua/sandbox",
			IPAddr: "203.0.113.9", CreatedAt: testNow})
		if err != nil {
			t.Fatal(err)
		}
		ou, _ := url.Parse(other)
		wrongAmount, err := e.srv.sandbox.Complete(ou.Query(), "00", testNow)
		if err != nil {
			t.Fatal(err)
		}
		if got := ipn(wrongAmount); got != payment.RspInvalidAmount {
			t.Errorf("IPN with another amount = %s", got)
		}
		if res := citizen.get("/thanh-toan/ket-qua/sandbox?" + forged.Encode()); res.status != http.StatusBadRequest || strings.Contains(res.body, "Giao dịch thành công") {
			t.Errorf("return page with forged parameters = %d", res.status)
		}
		if res := citizen.get("/api/v1/payments/ipn/khong-co"); res.status != http.StatusNotFound {
			t.Errorf("IPN of an unknown provider = %d", res.status)
		}
		var logged, forgedLogged int
		e.db.SQL().QueryRow(`SELECT COUNT(*) FROM payment_callbacks`).Scan(&logged)
		e.db.SQL().QueryRow(`SELECT COUNT(*) FROM payment_callbacks WHERE outcome = 'forged'`).Scan(&forgedLogged)
		if logged < 6 || forgedLogged != 2 {
			t.Errorf("%d callbacks logged, %d forged (want ≥ 6 and 2)", logged, forgedLogged)
		}
		_, pays := e.api(http.MethodGet, "/api/v1/dossiers/"+code+"/payments", e.token("congdan"), nil)
		if list, _ := pays["payments"].([]any); pays["paid"] != true || len(list) != 1 {
			t.Fatalf("payments = %v", pays)
		}

		// The electronic receipt, for the payer only.
		receipt := citizen.get("/ho-so/" + code + "/bien-lai/" + ref)
		if receipt.status != http.StatusOK || receipt.header.Get("Content-Type") != "application/pdf" {
			t.Fatalf("receipt = %d %s", receipt.status, receipt.header.Get("Content-Type"))
		}
		if text := pdfToText(t, []byte(receipt.body)); !strings.Contains(text, "BIÊN LAI THU PHÍ, LỆ PHÍ") || !strings.Contains(text, "Mười nghìn đồng") ||
			!strings.Contains(text, ref) {
			t.Errorf("receipt text: %s", text)
		}
		stranger := e.browser()
		stranger.get("/dang-ky")
		stranger.post("/dang-ky", url.Values{"email": {"khac@example.vn"}, "full_name": {"Người Khác"}, "password": {"mat-khau-1"}, "confirm_password": {"mat-khau-1"}})
		if res := stranger.get("/ho-so/" + code + "/bien-lai/" + ref); res.status != http.StatusNotFound {
			t.Errorf("another citizen gets the receipt: %d", res.status)
		}

		// Processing, then the signed result.
		steps := []struct{ who, action string }{{"motcua", "assign"}, {"cv.qlcl", "complete-step"}, {"tp.qlcl", "complete-step"},
			{"lanhdao", "approve"}, {"motcua", "issue-result"}}
		for _, s := range steps {
			body := map[string]any{}
			if s.action == "assign" {
				body["assignee_id"] = e.userID("cv.qlcl")
			}
			if st, out := e.act(e.token(s.who), code, s.action, body); st != http.StatusOK {
				t.Fatalf("%s by %s = %d %v", s.action, s.who, st, out)
			}
		}
		rcode := code + "-KQ1"
		pdf := citizen.get("/ho-so/" + code + "/ket-qua.pdf")
		if pdf.status != http.StatusOK || !strings.HasPrefix(pdf.body, "%PDF-") {
			t.Fatalf("result PDF = %d", pdf.status)
		}
		sum := result.Fingerprint([]byte(pdf.body))
		if sig, err := result.VerifySignature([]byte(pdf.body), testSigner(t).Roots()); err != nil || !sig.Valid() || sig.Name != "Trần Văn Minh" && sig.SignerName == "" {
			t.Errorf("the result's signature does not verify: %+v %v", sig, err)
		}
		text := pdfToText(t, []byte(pdf.body))
		for _, want := range []string{rcode, "Hoàng Văn Nam", "*********234", "Trần Văn Minh"} {
			if !strings.Contains(text, want) {
				t.Errorf("result PDF lacks %q: %s", want, text)
			}
		}
		if strings.Contains(text, "031095001234") || strings.Contains(text, "0912345678") {
			t.Error("the result prints the ID number or the phone")
		}
		if res := stranger.get("/ho-so/" + code + "/ket-qua.pdf"); res.status != http.StatusNotFound {
			t.Errorf("another citizen downloads the result: %d", res.status)
		}
		if st, _ := e.api(http.MethodGet, "/api/v1/dossiers/"+code+"/result", e.token("congdan"), nil); st != http.StatusOK {
			t.Errorf("API result = %d", st)
		}
		if store := citizen.get("/kho-du-lieu"); !strings.Contains(store.body, "Kết quả do Sở cấp") {
			t.Error("the result is not in the citizen's data store")
		}

		// Anyone verifies: by code and hash, or by uploading the file.
		_, v := e.api(http.MethodGet, "/api/v1/verify/"+rcode+"?sha256="+sum, "", nil)
		if v["state"] != "valid" || v["matches"] != true {
			t.Errorf("API verify = %v", v)
		}
		if st, out := e.api(http.MethodGet, "/api/v1/verify/"+rcode+"?sha256=xyz", "", nil); st != http.StatusBadRequest || errCode(out) != "EINVALID" {
			t.Errorf("API verify with a bad hash = %d %v", st, out)
		}
		anon := e.browser()
		vp := anon.get("/xac-thuc/" + rcode)
		if vp.status != http.StatusOK || !strings.Contains(vp.body, "Kết quả hợp lệ") || strings.Contains(vp.body, "Hoàng Văn Nam") {
			t.Fatalf("verification page by code alone = %d\n%s", vp.status, between(vp.body, "<main", "</main>"))
		}
		key := regexp.MustCompile(`\?k=([a-z2-7]{16})`).FindStringSubmatch(text)
		if key == nil {
			t.Fatalf("the result prints no verification key: %s", text)
		}
		vp = anon.get("/xac-thuc/" + rcode + "?k=" + key[1])
		if !strings.Contains(vp.body, "Hoàng Văn Nam") || strings.Contains(vp.body, "031095001234") {
			t.Errorf("verification page with the key:\n%s", between(vp.body, "<main", "</main>"))
		}
		if _, v := e.api(http.MethodGet, "/api/v1/verify/"+rcode, "", nil); v["holder"] != nil || v["proven"] != false {
			t.Errorf("API verify by code alone = %v", v)
		}
		if res := anon.upload("/xac-thuc/"+rcode, url.Values{}, "file", "kq.pdf", []byte(pdf.body)); !strings.Contains(res.body, "trùng khớp với bản Sở đã ban hành") ||
			strings.Contains(res.body, "KHÔNG trùng khớp") {
			t.Errorf("uploading the issued file:\n%s", between(res.body, "<main", "</main>"))
		}
		changed := []byte(pdf.body)
		changed[len(changed)/2] ^= 0x01
		anon.get("/xac-thuc/" + rcode)
		if res := anon.upload("/xac-thuc/"+rcode, url.Values{}, "file", "kq.pdf", changed); !strings.Contains(res.body, "KHÔNG trùng khớp") ||
			!strings.Contains(res.body, "Chữ ký số trên tệp không hợp lệ") {
			t.Errorf("uploading a changed file:\n%s", between(res.body, "<main", "</main>"))
		}
		if sig, err := result.VerifySignature(changed, testSigner(t).Roots()); err == nil && sig.Valid() {
			t.Error("a changed result still verifies")
		}
		anon.get("/xac-thuc/" + rcode)
		if res := anon.upload("/xac-thuc/"+rcode, url.Values{}, "file", "x.pdf", []byte("not a pdf")); res.status != http.StatusUnprocessableEntity {
			t.Errorf("uploading a non-PDF = %d", res.status)
		}
		if res := anon.get("/xac-thuc/" + code + "-KQ7"); !strings.Contains(res.body, "Không tìm thấy kết quả") {
			t.Error("an unknown result code is not reported as unknown")
		}
		if res := anon.get("/xac-thuc/khong-hop-le"); res.status != http.StatusUnprocessableEntity {
			t.Errorf("a malformed code = %d", res.status)
		}

		// Replacing: the leader only, with a reason; the old one then
		// verifies as replaced.
		citizen.get("/ho-so/" + code)
		if res := citizen.post("/ho-so/"+code+"/ket-qua/"+rcode+"/thu-hoi", url.Values{"reason": {"x"}, "mode": {"revoke"}}); res.status != http.StatusForbidden {
			t.Errorf("a citizen revokes a result: %d", res.status)
		}
		leader := e.browser()
		leader.login("lanhdao")
		if page := leader.get("/ho-so/" + code); !strings.Contains(page.body, `/ket-qua/`+rcode+`/thu-hoi"`) {
			t.Fatal("the leader is not offered to revoke")
		}
		if res := leader.post("/ho-so/"+code+"/ket-qua/"+rcode+"/thu-hoi", url.Values{"reason": {" "}, "mode": {"replace"}}); res.status != http.StatusUnprocessableEntity {
			t.Errorf("replacing without a reason = %d", res.status)
		}
		if res := leader.post("/ho-so/"+code+"/ket-qua/"+rcode+"/thu-hoi", url.Values{"reason": {"Sai năm tốt nghiệp"}, "mode": {"replace"}}); res.status != http.StatusSeeOther {
			t.Fatalf("replace = %d %s", res.status, between(res.body, "error-message", "</div>"))
		}
		vp = anon.get("/xac-thuc/" + rcode)
		if !strings.Contains(vp.body, "đã bị thay thế") || !strings.Contains(vp.body, code+"-KQ2") || !strings.Contains(vp.body, "Sai năm tốt nghiệp") {
			t.Errorf("the replaced result verifies as:\n%s", between(vp.body, "<main", "</main>"))
		}
		second := citizen.get("/ho-so/" + code + "/ket-qua.pdf")
		if second.status != http.StatusOK || result.Fingerprint([]byte(second.body)) == sum {
			t.Fatalf("replacement PDF = %d", second.status)
		}
		if text := pdfToText(t, []byte(second.body)); !strings.Contains(text, code+"-KQ2") || !strings.Contains(text, "thay thế kết quả số "+rcode) {
			t.Errorf("replacement text: %s", text)
		}
		if old := citizen.get("/ho-so/" + code + "/ket-qua.pdf?so=1"); result.Fingerprint([]byte(old.body)) != sum {
			t.Error("the first result is no longer downloadable as issued")
		}

		// The Office reconciles; the counter may not.
		office := e.browser()
		office.login("vanphong")
		rp := office.get("/quan-tri/doi-soat")
		if rp.status != http.StatusOK || !strings.Contains(rp.body, "Cổng thanh toán thử nghiệm") || !strings.Contains(rp.body, "10.000 đồng") {
			t.Fatalf("reconciliation page = %d\n%s", rp.status, between(rp.body, "<main", "</main>"))
		}
		if res := office.get("/quan-tri/doi-soat?tu=31/02/2026"); res.status != http.StatusUnprocessableEntity {
			t.Errorf("a bad date = %d", res.status)
		}
		x := office.get("/quan-tri/doi-soat.xlsx")
		if x.status != http.StatusOK {
			t.Fatalf("reconciliation XLSX = %d", x.status)
		}
		f, err := excelize.OpenReader(strings.NewReader(x.body))
		if err != nil {
			t.Fatal(err)
		}
		rows, _ := f.GetRows(f.GetSheetList()[0])
		var found bool
		for _, r := range rows {
			if len(r) > 4 && strings.Contains(strings.Join(r, "|"), "thử nghiệm") {
				found = true
			}
		}
		if !found {
			t.Errorf("the workbook lacks the sandbox row: %v", rows)
		}
		_, api := e.api(http.MethodGet, "/api/v1/payments/reconciliation", e.token("vanphong"), nil)
		if list, _ := api["rows"].([]any); len(list) == 0 {
			t.Errorf("API reconciliation = %v", api)
		} else if row := list[0].(map[string]any); row["paid"] != float64(1) || row["mismatches"].(float64) < 2 {
			t.Errorf("API reconciliation row = %v", row)
		}
		if st, _ := e.api(http.MethodGet, "/api/v1/payments/reconciliation", counter, nil); st != http.StatusForbidden {
			t.Errorf("the counter reads the reconciliation: %d", st)
		}
	})
}

func TestCashAtTheCounter(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *env) {
		citizen := e.browser()
		citizen.login("congdan")
		code := submitted(t, citizen, "/thu-tuc/1.010020/nop", copyForm(t, e), map[string][]byte{"don-de-nghi": pdfBytes, "cccd": pdfBytes})
		officer := e.browser()
		officer.login("motcua")
		if page := officer.get("/ho-so/" + code); !strings.Contains(page.body, `action="/ho-so/`+code+`/thu-phi"`) {
			t.Fatal("the counter is not offered to record cash")
		}
		if res := citizen.post("/ho-so/"+code+"/thu-phi", url.Values{}); res.status != http.StatusForbidden {
			t.Errorf("a citizen records cash: %d", res.status)
		}
		if res := officer.post("/ho-so/"+code+"/thu-phi", url.Values{}); res.status != http.StatusSeeOther {
			t.Fatalf("cash = %d %s", res.status, res.body)
		}
		officer.get("/ho-so/" + code)
		if res := officer.post("/ho-so/"+code+"/thu-phi", url.Values{}); res.status != http.StatusConflict {
			t.Errorf("cash twice = %d", res.status)
		}
		page := citizen.get("/ho-so/" + code)
		if !strings.Contains(page.body, "Đã nộp") || strings.Contains(page.body, `action="/ho-so/`+code+`/thanh-toan"`) {
			t.Errorf("after cash the page still offers payment")
		}
		receipt := citizen.get("/ho-so/" + code + "/bien-lai/" + code + "-TM")
		if receipt.status != http.StatusOK {
			t.Fatalf("cash receipt = %d", receipt.status)
		}
		if text := pdfToText(t, []byte(receipt.body)); !strings.Contains(text, "Tiền mặt") {
			t.Errorf("cash receipt: %s", text)
		}
	})
}
