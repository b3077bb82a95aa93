package web

// Browser test of a fee paid online and of the signed result that follows:
// the citizen pays through the sandbox bank and gets the receipt, later
// downloads the signed result, and anyone who scans its QR code verifies it
// and the file. The helpers are those of browser_test.go and results_test.go.

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"github.com/hpdoet/cchc/procedure"
	"github.com/hpdoet/cchc/sqldb"
	"github.com/hpdoet/cchc/sqldb/sqldbtest"
)

// TestBrowserPaymentResultVerification: a citizen submits a request for a
// copy of a diploma (fee 10.000 đồng), pays it through the sandbox bank once
// the counter has received it, and downloads the receipt; the officials
// process the dossier (over the API); the citizen then downloads the signed
// result, whose QR code leads a signed-out visitor to the verification
// page, where the issued file matches and a changed one does not. axe-core
// checks the bank page, the payment result and the verification page.
func TestBrowserPaymentResultVerification(t *testing.T) {
	axeJS := axeSource(t)
	ppm := requireTool(t, "pdftoppm", "poppler-utils")
	zbar := requireTool(t, "zbarimg", "zbar-tools")
	browser := newBrowser(t)
	e := newEnv(t, sqldbtest.Open(t, sqldb.SQLite))
	e.srv.cfg.CookieSecure = true // as in production: Chromium keeps Secure cookies on loopback

	const (
		procCode = "1.010020"
		procName = "Cấp bản sao văn bằng, chứng chỉ từ sổ gốc"
		fee      = "10.000 đồng"
		name     = "Hoàng Văn Nam"
		cccd     = "031095001234"
		phoneNo  = "0912345678"
	)
	p, err := e.db.FindProcedure(t.Context(), procCode)
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	lap := start
	phase := func(what string) {
		now := time.Now()
		t.Logf("%-44s %6.2fs (total %6.2fs)", what, now.Sub(lap).Seconds(), now.Sub(start).Seconds())
		lap = now
	}

	dir := t.TempDir()
	paperFiles := map[string]string{}
	for _, key := range []string{"don-de-nghi", "cccd"} {
		paperFiles[key] = filepath.Join(dir, key+".pdf")
		if err := os.WriteFile(paperFiles[key], pdfBytes, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	at := func(ctx context.Context, step, wantPrefix, h1 string) {
		t.Helper()
		loc := cdpLocation(ctx)
		if !strings.HasPrefix(loc, wantPrefix) {
			t.Fatalf("%s: at %s, want %s…; the page says %q", step, loc, wantPrefix, cdpText(t, ctx, "main"))
		}
		if got := cdpText(t, ctx, "main h1"); got != h1 {
			t.Fatalf("%s: at %s the h1 reads %q, want %q", step, loc, got, h1)
		}
	}
	facts := func(ctx context.Context) map[string]string {
		return cdpEval[map[string]string](t, ctx, `Object.fromEntries([...document.querySelectorAll("main dl.facts dt")].map(
			dt => [dt.textContent.trim(), (dt.nextElementSibling?.textContent ?? "").replace(/\s+/g, " ").trim()]))`)
	}
	axe := func(ctx context.Context, page string) {
		t.Helper()
		if review := checkAxe(t, ctx, axeJS, page); len(review) > 0 {
			t.Logf("axe could not decide %q on %s, to review by hand", review, page)
		}
	}

	// 1. The citizen submits the request online.
	citizen := newTab(t, browser)
	screenshotOnFailure(t, citizen)
	uiLogin(t, citizen, e.base, "congdan")
	cdpNavigate(t, citizen, e.base+"/thu-tuc/"+procCode)
	at(citizen, "open the procedure", "/thu-tuc/"+procCode, procName)
	cdpSubmit(t, citizen, `click "Nộp hồ sơ trực tuyến"`, chromedp.Click(chromedp.CSS(`main a.button[href="/thu-tuc/`+procCode+`/nop"]`)))
	at(citizen, "open the submission form", "/thu-tuc/"+procCode+"/nop", "Nộp hồ sơ trực tuyến")
	values := map[string]string{
		"f-ho_ten": name, "f-so_cccd": cccd, "f-ngay_sinh": "12/05/1995", "f-dien_thoai": phoneNo,
		"f-truong": "Trường THPT Trần Phú", "f-nam_tot_nghiep": "2013", "f-so_ban_sao": "2",
	}
	var fill []chromedp.Action[chromedp.Void]
	for id, v := range values {
		fill = append(fill, chromedp.SendKeys(chromedp.ID(id), v))
	}
	for _, f := range p.Form {
		if f.Type == procedure.TypeChoice {
			fill = append(fill, chromedp.SetValue(chromedp.ID("f-"+f.Name), f.Options[0]))
			values["f-"+f.Name] = f.Options[0]
		}
	}
	fill = append(fill, chromedp.Click(chromedp.ID("f-cam_ket")), chromedp.Click(chromedp.ID("declaration")))
	for key, path := range paperFiles {
		fill = append(fill, chromedp.SetUploadFiles(chromedp.ID("file_"+key), []string{path}))
	}
	cdpDo(t, citizen, "fill the form", fill...)
	form := cdpEval[struct {
		Values  map[string]string
		Invalid []string
	}](t, citizen, `(() => {
		const els = [...document.querySelector('main form[enctype="multipart/form-data"]').elements];
		return {
			Values: Object.fromEntries(els.filter(el => el.id && el.type !== "checkbox" && el.type !== "file").map(el => [el.id, el.value])),
			Invalid: els.filter(el => !el.checkValidity()).map(el => el.id + ": " + el.validationMessage),
		};
	})()`)
	for id, v := range values {
		if form.Values[id] != v {
			t.Errorf("#%s = %q before submitting, want %q", id, form.Values[id], v)
		}
	}
	if len(form.Invalid) > 0 {
		t.Errorf("the browser would not submit the form: %q", form.Invalid)
	}
	if t.Failed() {
		t.FailNow()
	}
	cdpSubmit(t, citizen, "submit the dossier",
		chromedp.Click(chromedp.CSS(`main form[action="/thu-tuc/`+procCode+`/nop"] button[type="submit"]`)))
	code := cdpText(t, citizen, "main h1 .code")
	if !dossierCodePattern.MatchString(code) {
		t.Fatalf("after submitting: at %s the h1 code is %q; the page says %q", cdpLocation(citizen), code, cdpText(t, citizen, "main"))
	}
	dossierPath := "/ho-so/" + code
	at(citizen, "submit the dossier", dossierPath+"?ok=submitted", "Hồ sơ "+code)
	phase("1. login, fill and submit")

	// 2. The counter receives it.
	counter := e.token("motcua")
	if st, out := e.act(counter, code, "receive", nil); st != http.StatusOK {
		t.Fatalf("receive = %d %v", st, out)
	}
	phase("2. receive (API)")

	// 3. The citizen pays through the sandbox bank.
	cdpNavigate(t, citizen, e.base+dossierPath)
	at(citizen, "open the dossier", dossierPath, "Hồ sơ "+code)
	feeText := cdpText(t, citizen, `main section[aria-labelledby="h-fee"] > p`)
	if !strings.Contains(feeText, fee) || !strings.Contains(feeText, "Chưa nộp") {
		t.Fatalf("dossier page: the fee reads %q, want %s and «Chưa nộp»", feeText, fee)
	}
	payButton := `main form[action="` + dossierPath + `/thanh-toan"] button[type="submit"]`
	if got := cdpText(t, citizen, payButton); got != "Thanh toán "+fee {
		t.Fatalf("dossier page: the pay button reads %q, want %q", got, "Thanh toán "+fee)
	}
	cdpSubmit(t, citizen, "click the pay button", chromedp.Click(chromedp.CSS(payButton)))
	at(citizen, "go to the bank", "/thanh-toan/sandbox?", "Cổng thanh toán thử nghiệm")
	if got := facts(citizen)["Số tiền"]; got != fee {
		t.Errorf("bank page: amount %q, want %q", got, fee)
	}
	chosen := cdpEval[[]string](t, citizen, `(() => { const r = document.querySelector('main input[name="outcome"]:checked');
		return r ? [r.value, r.closest("label").textContent.trim()] : []; })()`)
	if fmt.Sprint(chosen) != fmt.Sprint([]string{"00", "Thanh toán thành công"}) {
		t.Errorf("bank page: the outcome chosen by default is %q, want 00 «Thanh toán thành công»", chosen)
	}
	axe(citizen, "/thanh-toan/sandbox (congdan)")
	confirm := `main form[action="/thanh-toan/sandbox"] button[type="submit"]`
	if got := cdpText(t, citizen, confirm); got != "Xác nhận" {
		t.Fatalf("bank page: the button reads %q, want «Xác nhận»", got)
	}
	cdpSubmit(t, citizen, `click "Xác nhận" at the bank`, chromedp.Click(chromedp.CSS(confirm)))
	at(citizen, "back from the bank", "/thanh-toan/ket-qua/sandbox?", "Kết quả thanh toán")
	if got := cdpText(t, citizen, `main p[role="status"]`); !strings.Contains(got, "Giao dịch thành công") {
		t.Errorf("payment result: status %q, want «Giao dịch thành công»", got)
	}
	if got := facts(citizen)["Trạng thái"]; got != "Đã thanh toán" {
		t.Errorf("payment result: state %q, want «Đã thanh toán»", got)
	}
	axe(citizen, "/thanh-toan/ket-qua/sandbox (congdan)")
	receiptLink := `main a[href^="` + dossierPath + `/bien-lai/"]`
	if got := cdpText(t, citizen, receiptLink); got != "Biên lai" {
		t.Fatalf("payment result: the receipt link reads %q, want «Biên lai»; the page says %q", got, cdpText(t, citizen, "main"))
	}
	receipt := tabDownload(t, citizen, e, cdpEval[string](t, citizen, fmt.Sprintf(`document.querySelector(%q).href`, receiptLink)))
	if text := pdfToText(t, receipt); !strings.Contains(text, "BIÊN LAI THU PHÍ, LỆ PHÍ") {
		t.Errorf("receipt text: %s", text)
	}
	cdpSubmit(t, citizen, `follow "Về trang hồ sơ"`, chromedp.Click(`//main//a[normalize-space(.)="Về trang hồ sơ"]`))
	at(citizen, "back to the dossier", dossierPath, "Hồ sơ "+code)
	if got := cdpText(t, citizen, `main section[aria-labelledby="h-fee"] > p`); !strings.Contains(got, "Đã nộp") {
		t.Errorf("dossier page after paying: the fee reads %q, want «Đã nộp»", got)
	}
	if cdpHas(t, citizen, payButton) {
		t.Error("dossier page after paying: still offers to pay")
	}
	phase("3. pay at the sandbox bank, receipt")

	// 4. The officials process the dossier and issue the result.
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
	phase("4. process and issue (API)")

	// 5. The citizen finds the signed result and downloads it.
	cdpSubmit(t, citizen, "reload the dossier page", chromedp.Reload())
	at(citizen, "reload the dossier page", dossierPath, "Hồ sơ "+code)
	rcode := code + "-KQ1"
	results := `main section[aria-labelledby="h-results"]`
	if got := cdpText(t, citizen, results+" h2"); got != "Kết quả điện tử" {
		t.Fatalf("dossier page: the results section is headed %q, want «Kết quả điện tử»", got)
	}
	if got := cdpText(t, citizen, results+" li strong.code"); got != rcode {
		t.Errorf("dossier page: result code %q, want %q", got, rcode)
	}
	if got := cdpText(t, citizen, results+" li .badge"); got != "Còn hiệu lực" {
		t.Errorf("dossier page: result state %q, want «Còn hiệu lực»", got)
	}
	download := results + ` a[href="` + dossierPath + `/ket-qua.pdf?so=1"]`
	if got := cdpText(t, citizen, download); got != "Tải kết quả (PDF ký số) "+rcode {
		t.Fatalf("dossier page: the download link reads %q; the section says %q", got, cdpText(t, citizen, results))
	}
	pdf := tabDownload(t, citizen, e, cdpEval[string](t, citizen, fmt.Sprintf(`document.querySelector(%q).href`, download)))
	pdfPath := filepath.Join(dir, "ket-qua-"+rcode+".pdf")
	if err := os.WriteFile(pdfPath, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	phase("5a. result on the dossier page, download")
	// The QR code is at the foot of the last page (see result/render.go),
	// which for this result is page 2: render every page.
	pngDir := filepath.Join(dir, "png")
	if err := os.Mkdir(pngDir, 0o700); err != nil {
		t.Fatal(err)
	}
	runTool(t, ppm, "-r", "200", "-png", pdfPath, filepath.Join(pngDir, "page"))
	pngs, err := filepath.Glob(filepath.Join(pngDir, "page-*.png"))
	if err != nil || len(pngs) == 0 {
		t.Fatalf("pdftoppm rendered no page: %v", err)
	}
	var codes []string
	for _, png := range pngs {
		codes = append(codes, decodeQR(t, zbar, png)...)
	}
	// With no BaseURL configured, the server's base is its listening address.
	if !strings.HasPrefix(e.base, "http://127.0.0.1:") {
		t.Fatalf("the test server's base is %s, want http://127.0.0.1:<port>", e.base)
	}
	// The QR code carries the result's verification key, which shows whom
	// it was issued to.
	wantURL := regexp.MustCompile(`^` + regexp.QuoteMeta(e.base+"/xac-thuc/"+rcode+"?k=") + `[a-z2-7]{16}$`)
	if len(codes) != 1 || !wantURL.MatchString(codes[0]) {
		t.Fatalf("QR codes on the result = %q, want one matching %s (the server listens at %s)", codes, wantURL, e.base)
	}
	qrPath := strings.TrimPrefix(codes[0], e.base)
	phase("5b. render the pages, decode the QR code")

	// 6. Someone who scans the QR code verifies the result and the file.
	anon := newTab(t, browser)
	screenshotOnFailure(t, anon)
	cdpNavigate(t, anon, codes[0])
	at(anon, "open the QR code's URL", qrPath, "Xác thực kết quả giải quyết thủ tục hành chính")
	if cdpHas(t, anon, `header form[action="/dang-xuat"]`) {
		t.Fatal("the verification tab is signed in")
	}
	if got := cdpText(t, anon, "main #h-answer"); got != "Kết quả hợp lệ, còn hiệu lực" {
		t.Errorf("verification: verdict %q, want «Kết quả hợp lệ, còn hiệu lực»", got)
	}
	if got := facts(anon)["Cấp cho"]; got != name {
		t.Errorf("verification: holder %q, want %q", got, name)
	}
	page := cdpEval[string](t, anon, `document.documentElement.outerHTML`)
	for what, v := range map[string]string{"ID number": cccd, "phone": phoneNo} {
		if strings.Contains(page, v) {
			t.Errorf("verification: the public page shows the holder's %s %q", what, v)
		}
	}
	axe(anon, "/xac-thuc/"+rcode+" (anonymous)")

	check := func(file, what string) {
		t.Helper()
		cdpDo(t, anon, "choose "+what, chromedp.WaitVisible(chromedp.ID("vf-file")), chromedp.SetUploadFiles(chromedp.ID("vf-file"), []string{file}))
		cdpSubmit(t, anon, "check "+what, chromedp.Click(chromedp.CSS(`main form[enctype="multipart/form-data"] button[type="submit"]`)))
		at(anon, "check "+what, "/xac-thuc/"+rcode, "Xác thực kết quả giải quyết thủ tục hành chính")
	}
	check(pdfPath, "the issued file")
	if got := cdpText(t, anon, `main #h-answer ~ p`); !strings.Contains(got, "trùng khớp với bản Sở đã ban hành") || strings.Contains(got, "KHÔNG") {
		t.Errorf("verification of the issued file: %q, want «…trùng khớp với bản Sở đã ban hành»", got)
	}
	axe(anon, "/xac-thuc/"+rcode+" (anonymous, file matches)")

	changed := bytes.Clone(pdf)
	changed[len(changed)/2] ^= 0x01
	changedPath := filepath.Join(dir, "ket-qua-sua.pdf")
	if err := os.WriteFile(changedPath, changed, 0o600); err != nil {
		t.Fatal(err)
	}
	check(changedPath, "a changed file")
	if got := cdpText(t, anon, `main #h-answer ~ p[role="alert"]`); !strings.Contains(got, "KHÔNG trùng khớp") {
		t.Errorf("verification of a changed file: %q, want «…KHÔNG trùng khớp…»; the section says %q", got, cdpText(t, anon, "main section.verdict"))
	}
	axe(anon, "/xac-thuc/"+rcode+" (anonymous, file differs)")
	phase("6. verify by QR code and by file, axe")
}

// tabDownload fetches a URL of the test server with the session of a tab:
// the tab's cookies, read from Chromium, on a Go request. It fails the test
// unless the answer is a 200 PDF.
func tabDownload(t *testing.T, ctx context.Context, e *env, href string) []byte {
	t.Helper()
	if !strings.HasPrefix(href, e.base+"/") {
		t.Fatalf("download %q: not a link of the test server %s", href, e.base)
	}
	sctx, cancel := context.WithTimeout(ctx, stepTimeout)
	defer cancel()
	res, err := chromedp.Call(sctx, network.GetCookies, network.GetCookiesParams{URLs: []string{href}})
	if err != nil {
		t.Fatalf("read the tab's cookies: %v", err)
	}
	if len(res.Cookies) == 0 {
		t.Fatalf("download %s: the tab has no cookie for it", href)
	}
	req, err := http.NewRequestWithContext(sctx, http.MethodGet, href, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range res.Cookies {
		req.AddCookie(&http.Cookie{Name: c.Name, Value: c.Value})
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("download %s: %v", href, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("download %s: %v", href, err)
	}
	if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != "application/pdf" || !bytes.HasPrefix(body, []byte("%PDF-")) {
		t.Fatalf("download %s: %d %s, %d bytes", href, resp.StatusCode, resp.Header.Get("Content-Type"), len(body))
	}
	return body
}

// requireTool returns the path of an external program; without it the test
// skips, or fails under CI=true.
func requireTool(t *testing.T, name, pkg string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		skipOrFail(t, "%s is not on PATH: install the Debian package %s", name, pkg)
	}
	return p
}

// decodeQR returns the codes zbarimg reads on an image, none when it finds
// none (its exit status 4).
func decodeQR(t *testing.T, zbar, png string) []string {
	t.Helper()
	var stderr bytes.Buffer
	cmd := exec.Command(zbar, "--raw", "-q", png)
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if exit, ok := err.(*exec.ExitError); ok && exit.ExitCode() == 4 {
		return nil
	} else if err != nil {
		t.Fatalf("zbarimg --raw -q %s: %v\n%s%s", png, err, out, stderr.Bytes())
	}
	return strings.Fields(string(out))
}

// runTool returns a program's standard output; its standard error is shown
// only when it fails (zbarimg complains there about a missing D-Bus).
func runTool(t *testing.T, name string, args ...string) string {
	t.Helper()
	var stderr bytes.Buffer
	cmd := exec.Command(name, args...)
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s%s", filepath.Base(name), strings.Join(args, " "), err, out, stderr.Bytes())
	}
	return string(out)
}
