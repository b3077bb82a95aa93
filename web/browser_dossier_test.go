package web

// Browser tests of the one-stop service: a dossier's whole life as its
// people click through it (TestBrowserDossierFlow), and the accessibility of
// the dossier pages, which only a signed-in citizen or officer sees
// (TestBrowserDossierAccessibility). The helpers are those of browser_test.go.

import (
	"context"
	"fmt"
	"maps"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/hpdoet/cchc/procedure"
	"github.com/hpdoet/cchc/sqldb"
	"github.com/hpdoet/cchc/sqldb/sqldbtest"
)

// dossierCodePattern is the code of a dossier submitted on the test clock's day.
var dossierCodePattern = regexp.MustCompile(`^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}-260910-\d{4}$`)

// TestBrowserDossierFlow: a citizen finds the procedure by a search without
// diacritics, fills the online form and attaches the papers; the one-stop
// counter receives and routes the dossier; the Phòng Quản lý chất lượng
// processes it, the director approves, the counter issues and returns the
// result; the citizen sees it returned, and anyone can look the state up by
// code without seeing who applied.
func TestBrowserDossierFlow(t *testing.T) {
	browser := newBrowser(t)
	e := newEnv(t, sqldbtest.Open(t, sqldb.SQLite))
	e.srv.cfg.CookieSecure = true // as in production: Chromium keeps Secure cookies on loopback

	const (
		procCode = "2.001914"
		procName = "Chỉnh sửa nội dung văn bằng, chứng chỉ"
		name     = "Hoàng Văn Nam"
		cccd     = "031095001234"
		phoneNo  = "0912345678"
		email    = "nam@example.vn"
	)
	p, err := e.db.FindProcedure(t.Context(), procCode)
	if err != nil {
		t.Fatal(err)
	}

	// The papers, as files on the citizen's disk.
	dir := t.TempDir()
	paperFiles := map[string]string{}
	for _, key := range []string{"don-de-nghi", "van-bang", "cccd"} {
		paperFiles[key] = filepath.Join(dir, key+".pdf")
		if err := os.WriteFile(paperFiles[key], pdfBytes, 0o600); err != nil {
			t.Fatal(err)
		}
	}

	// at fails the test unless the tab is at path (and query) want and its
	// h1 reads h1.
	at := func(ctx context.Context, step, want, h1 string) {
		t.Helper()
		loc := cdpLocation(ctx)
		if loc != want {
			t.Fatalf("%s: at %s, want %s; the page says %q", step, loc, want, cdpText(t, ctx, "main"))
		}
		if got := cdpText(t, ctx, "main h1"); got != h1 {
			t.Fatalf("%s: at %s the h1 reads %q, want %q", step, loc, got, h1)
		}
	}

	// 1. The citizen finds the procedure and submits a dossier online.
	citizen := newTab(t, browser)
	screenshotOnFailure(t, citizen)
	uiLogin(t, citizen, e.base, "congdan")
	cdpNavigate(t, citizen, e.base+"/thu-tuc")
	at(citizen, "open the catalog", "/thu-tuc", "Thủ tục hành chính")
	cdpDo(t, citizen, "type the search", chromedp.SendKeys(chromedp.ID("p-q"), "chinh sua noi dung van bang"))
	cdpSubmit(t, citizen, "search the catalog", chromedp.Click(chromedp.CSS(`main form[action="/thu-tuc"] button[type="submit"]`)))
	if loc := cdpLocation(citizen); !strings.HasPrefix(loc, "/thu-tuc?q=chinh+sua+noi+dung+van+bang") {
		t.Fatalf("search: at %s, want /thu-tuc?q=chinh+sua+noi+dung+van+bang…", loc)
	}
	link := `main ul.procedures a[href="/thu-tuc/` + procCode + `"]`
	if got := cdpText(t, citizen, link); got != procName {
		t.Fatalf("search without diacritics: the link to %s reads %q, want %q; results: %q", procCode, got, procName, cdpText(t, citizen, "main ul.procedures"))
	}
	cdpSubmit(t, citizen, "follow the result", chromedp.Click(chromedp.CSS(link)))
	at(citizen, "follow the result", "/thu-tuc/"+procCode, procName)

	submitLink := `main a.button[href="/thu-tuc/` + procCode + `/nop"]`
	if got := cdpText(t, citizen, submitLink); got != "Nộp hồ sơ trực tuyến" {
		t.Fatalf("procedure page: the submission link reads %q, want %q", got, "Nộp hồ sơ trực tuyến")
	}
	cdpSubmit(t, citizen, `click "Nộp hồ sơ trực tuyến"`, chromedp.Click(chromedp.CSS(submitLink)))
	at(citizen, "open the submission form", "/thu-tuc/"+procCode+"/nop", "Nộp hồ sơ trực tuyến")

	values := map[string]string{
		"f-ho_ten": name, "f-so_cccd": cccd, "f-ngay_sinh": "12/05/1995", "f-dien_thoai": phoneNo, "f-email": email,
		"f-so_hieu_van_bang": "B 123456", "f-truong": "Trường THPT Trần Phú", "f-nam_tot_nghiep": "2013",
		"f-noi_dung_hien_tai": "Hoàng Văn Năm", "f-noi_dung_de_nghi": name,
	}
	var fill []chromedp.Action[chromedp.Void]
	for id, v := range values {
		fill = append(fill, chromedp.SendKeys(chromedp.ID(id), v))
	}
	cdpDo(t, citizen, "type into the form", fill...)
	// A choice: its first real option, after the "choose" placeholder.
	for _, f := range p.Form {
		if f.Type != procedure.TypeChoice {
			continue
		}
		id := "f-" + f.Name
		first := cdpEval[string](t, citizen, fmt.Sprintf(`document.getElementById(%q)?.options[1]?.value ?? ""`, id))
		if first != f.Options[0] {
			t.Fatalf("#%s: first real option %q, want %q", id, first, f.Options[0])
		}
		cdpDo(t, citizen, "choose in #"+id, chromedp.SetValue(chromedp.ID(id), first))
		values[id] = first
	}
	cdpDo(t, citizen, "tick the pledges",
		chromedp.Click(chromedp.ID("f-cam_ket")),
		chromedp.Click(chromedp.ID("declaration")),
	)
	for key, path := range paperFiles {
		cdpDo(t, citizen, "attach "+key, chromedp.SetUploadFiles(chromedp.ID("file_"+key), []string{path}))
	}
	type formState struct {
		Values  map[string]string
		Checked map[string]bool
		Files   map[string]string
		Invalid []string
	}
	form := cdpEval[formState](t, citizen, `(() => {
		const form = document.querySelector('main form[enctype="multipart/form-data"]');
		const els = [...form.elements];
		return {
			Values: Object.fromEntries(els.filter(el => el.id && el.type !== "checkbox" && el.type !== "file").map(el => [el.id, el.value])),
			Checked: Object.fromEntries(els.filter(el => el.type === "checkbox").map(el => [el.id, el.checked])),
			Files: Object.fromEntries(els.filter(el => el.type === "file").map(el => [el.id, [...el.files].map(f => f.name + ":" + f.size).join(",")])),
			Invalid: els.filter(el => !el.checkValidity()).map(el => el.id + ": " + el.validationMessage),
		};
	})()`)
	for id, v := range values {
		if form.Values[id] != v {
			t.Errorf("#%s = %q before submitting, want %q", id, form.Values[id], v)
		}
	}
	for _, id := range []string{"f-cam_ket", "declaration"} {
		if !form.Checked[id] {
			t.Errorf("#%s is not checked", id)
		}
	}
	for key := range paperFiles {
		if want := fmt.Sprintf("%s.pdf:%d", key, len(pdfBytes)); form.Files["file_"+key] != want {
			t.Errorf("#file_%s holds %q, want %q", key, form.Files["file_"+key], want)
		}
	}
	if len(form.Invalid) > 0 {
		t.Errorf("the browser would not submit the form: %q", form.Invalid)
	}
	if t.Failed() {
		t.FailNow()
	}
	if got := cdpText(t, citizen, `main form[enctype="multipart/form-data"] button[type="submit"]`); got != "Nộp hồ sơ" {
		t.Errorf("the form's button reads %q, want %q", got, "Nộp hồ sơ")
	}
	cdpSubmit(t, citizen, "submit the dossier",
		chromedp.Click(chromedp.CSS(`main form[action="/thu-tuc/`+procCode+`/nop"] button[type="submit"]`)))
	code := cdpText(t, citizen, "main h1 .code")
	if !dossierCodePattern.MatchString(code) {
		t.Fatalf("after submitting: at %s the h1 code is %q; the page says %q", cdpLocation(citizen), code, cdpText(t, citizen, "main"))
	}
	dossierPath := "/ho-so/" + code
	at(citizen, "submit the dossier", dossierPath+"?ok=submitted", "Hồ sơ "+code)
	if got := cdpText(t, citizen, `main p.notice[role="status"]`); !strings.HasPrefix(got, "Đã gửi hồ sơ") {
		t.Errorf("after submitting: notice %q, want «Đã gửi hồ sơ…»", got)
	}
	state := func(ctx context.Context) string { return cdpText(t, ctx, "main dl.facts strong.state") }
	if got := state(citizen); got != "Mới đăng ký" {
		t.Errorf("after submitting: state %q, want %q", got, "Mới đăng ký")
	}
	if got := cdpText(t, citizen, "main p.lead"); got != procName {
		t.Errorf("after submitting: the dossier is for %q, want %q", got, procName)
	}
	files := cdpEval[[]string](t, citizen, `[...document.querySelectorAll('section[aria-labelledby="h-files"] li a')].map(a => a.textContent.trim()).sort()`)
	if want := []string{"cccd.pdf", "don-de-nghi.pdf", "van-bang.pdf"}; fmt.Sprint(files) != fmt.Sprint(want) {
		t.Errorf("after submitting: papers %q, want %q", files, want)
	}

	// openFrom finds the dossier in a worklist and follows its link.
	openFrom := func(ctx context.Context, who, list, wantState string) {
		t.Helper()
		cdpNavigate(t, ctx, e.base+list)
		at(ctx, who+" opens "+list, list, "Hồ sơ thủ tục hành chính")
		link := `main table a[href="` + dossierPath + `"]`
		if !cdpHas(t, ctx, link) {
			t.Fatalf("%s: %s does not list %s: %q", who, list, code, cdpText(t, ctx, "main table tbody"))
		}
		cdpSubmit(t, ctx, who+" opens "+code, chromedp.Click(chromedp.CSS(link)))
		at(ctx, who+" opens "+code, dossierPath, "Hồ sơ "+code)
		if got := state(ctx); got != wantState {
			t.Fatalf("%s opens %s: state %q, want %q", who, code, got, wantState)
		}
	}
	// act clicks the button of an action form of the dossier page and checks
	// the page it lands on.
	act := func(ctx context.Context, who, action, label, wantState string) {
		t.Helper()
		button := fmt.Sprintf(`main form.action:has(input[name="action"][value=%q]) button[type="submit"]`, action)
		if got := cdpText(t, ctx, button); got != label {
			t.Fatalf("%s: the %s button reads %q, want %q; the page offers %q", who, action, got, label,
				cdpEval[[]string](t, ctx, `[...document.querySelectorAll('main form.action input[name="action"]')].map(i => i.value)`))
		}
		cdpSubmit(t, ctx, fmt.Sprintf("%s: %q", who, label), chromedp.Click(chromedp.CSS(button)))
		if loc := cdpLocation(ctx); loc != dossierPath+"?ok=action" {
			t.Fatalf("%s: %q led to %s; the page says %q", who, label, loc, cdpText(t, ctx, "main .error-message"))
		}
		if got := cdpText(t, ctx, `main p.notice[role="status"]`); got != "Đã cập nhật hồ sơ." {
			t.Errorf("%s: %q: notice %q, want %q", who, label, got, "Đã cập nhật hồ sơ.")
		}
		if got := state(ctx); got != wantState {
			t.Fatalf("%s: after %q the state is %q, want %q", who, label, got, wantState)
		}
	}
	// current is the unit of the current step in the steps table.
	current := func(ctx context.Context) string {
		return cdpText(t, ctx, `section[aria-labelledby="h-steps"] tr.current td:nth-of-type(2)`)
	}

	// 2. The counter receives the dossier and routes it to the unit.
	counter := newTab(t, browser)
	screenshotOnFailure(t, counter)
	uiLogin(t, counter, e.base, "motcua")
	openFrom(counter, "motcua", "/ho-so?queue=new", "Mới đăng ký")
	act(counter, "motcua", "receive", "Tiếp nhận hồ sơ", "Đã tiếp nhận")
	if !cdpHas(t, counter, `main a[href="`+dossierPath+`/giay-tiep-nhan.pdf"]`) {
		t.Errorf("motcua: no link to the receipt slip after receiving")
	}
	assignee := cdpEval[[]string](t, counter, `(() => { const s = document.getElementById("as-assign"); return s ? [s.value, s.selectedOptions[0].textContent.trim()] : []; })()`)
	if want := []string{"0", e.srv.i18n.T("vi", "dossier.assign_unit")}; fmt.Sprint(assignee) != fmt.Sprint(want) {
		t.Fatalf("motcua: the assignee select is on %q, want %q", assignee, want)
	}
	act(counter, "motcua", "assign", "Chuyển xử lý / phân công", "Đang xử lý")
	if got := current(counter); got != "QLCL" {
		t.Errorf("motcua: after routing, the current step is with %q, want QLCL", got)
	}

	// 3. The unit processes it, the director approves, the counter returns the result.
	spec := newTab(t, browser)
	screenshotOnFailure(t, spec)
	uiLogin(t, spec, e.base, "cv.qlcl")
	openFrom(spec, "cv.qlcl", "/ho-so?queue=new", "Đang xử lý")
	act(spec, "cv.qlcl", "complete-step", "Hoàn thành bước", "Đang xử lý")

	head := newTab(t, browser)
	screenshotOnFailure(t, head)
	uiLogin(t, head, e.base, "tp.qlcl")
	openFrom(head, "tp.qlcl", "/ho-so?queue=new", "Đang xử lý")
	act(head, "tp.qlcl", "complete-step", "Hoàn thành bước", "Đang xử lý")
	if got := current(head); got != "BGD" {
		t.Errorf("tp.qlcl: after the unit's steps, the current step is with %q, want BGD", got)
	}

	leader := newTab(t, browser)
	screenshotOnFailure(t, leader)
	uiLogin(t, leader, e.base, "lanhdao")
	openFrom(leader, "lanhdao", "/ho-so?queue=open", "Đang xử lý")
	act(leader, "lanhdao", "approve", "Phê duyệt", "Đã xử lý xong, chờ cấp kết quả")

	openFrom(counter, "motcua", "/ho-so?queue=open", "Đã xử lý xong, chờ cấp kết quả")
	act(counter, "motcua", "issue-result", "Ban hành kết quả", "Đã có kết quả")
	act(counter, "motcua", "return", "Trả kết quả", "Đã trả kết quả")

	// 4. The citizen finds the result in their list.
	cdpNavigate(t, citizen, e.base+"/ho-so")
	at(citizen, "citizen opens /ho-so", "/ho-so", "Hồ sơ của tôi")
	row := cdpEval[string](t, citizen, fmt.Sprintf(`(document.querySelector('main table a[href=%q]')?.closest("tr")?.textContent ?? "").replace(/\s+/g, " ").trim()`, dossierPath))
	if !strings.Contains(row, "Đã trả kết quả") {
		t.Fatalf("citizen's list: the row of %s reads %q, want the state «Đã trả kết quả»", code, row)
	}
	cdpSubmit(t, citizen, "citizen opens "+code, chromedp.Click(chromedp.CSS(`main table a[href="`+dossierPath+`"]`)))
	at(citizen, "citizen opens "+code, dossierPath, "Hồ sơ "+code)
	if got := state(citizen); got != "Đã trả kết quả" {
		t.Errorf("citizen's dossier page: state %q, want %q", got, "Đã trả kết quả")
	}
	facts := cdpEval[map[string]string](t, citizen, `Object.fromEntries([...document.querySelectorAll("main dl.facts dt")].map(
		dt => [dt.textContent.trim(), (dt.nextElementSibling?.textContent ?? "").replace(/\s+/g, " ").trim()]))`)
	if got := facts["Mã kết quả"]; got != code+"-KQ1" {
		t.Errorf("citizen's dossier page: «Mã kết quả» %q, want %q", got, code+"-KQ1")
	}
	if cdpHas(t, citizen, `main form.action:not([action$="/danh-gia"])`) {
		t.Errorf("citizen's dossier page: a returned dossier still offers %q", cdpText(t, citizen, `main form.action:not([action$="/danh-gia"])`))
	}
	// 5. The citizen rates the service; the rating counts in CT-06 at once.
	cdpDo(t, citizen, "citizen fills the rating",
		chromedp.Click(chromedp.CSS(`main form[action$="/danh-gia"] input[name="score"][value="3"]`)),
		chromedp.SendKeys(chromedp.CSS(`#rt-comment`), "Nhanh chóng"))
	cdpSubmit(t, citizen, "citizen rates "+code, chromedp.Click(chromedp.CSS(`main form[action$="/danh-gia"] button[type="submit"]`)))
	at(citizen, "citizen rates "+code, dossierPath+"?ok=rated", "Hồ sơ "+code)
	if got := cdpText(t, citizen, "main"); !strings.Contains(got, "Cảm ơn bạn đã đánh giá") || !strings.Contains(got, "Nhanh chóng") {
		t.Errorf("after rating, the dossier page says %q", got)
	}
	cdpNavigate(t, citizen, e.base+"/ke-hoach/chi-tieu/CT-06?ky=2026-09")
	if got := cdpText(t, citizen, "main dl.facts"); !strings.Contains(got, "100%") || !strings.Contains(got, "(1 / 1)") {
		t.Errorf("CT-06 of September after one satisfied rating reads %q", got)
	}

	// 5. Anyone looks it up by code, and learns nothing personal.
	anon := newTab(t, browser)
	screenshotOnFailure(t, anon)
	cdpNavigate(t, anon, e.base+"/tra-cuu")
	at(anon, "open the lookup", "/tra-cuu", "Tra cứu hồ sơ")
	cdpDo(t, anon, "type the code", chromedp.SendKeys(chromedp.ID("ma"), code))
	cdpSubmit(t, anon, "look the code up", chromedp.Click(chromedp.CSS(`main form[action="/tra-cuu"] button[type="submit"]`)))
	at(anon, "look the code up", "/tra-cuu?ma="+code, "Tra cứu hồ sơ")
	if got := cdpText(t, anon, "main h2#h-status"); got != "Hồ sơ "+code {
		t.Errorf("lookup: the result is headed %q, want %q", got, "Hồ sơ "+code)
	}
	if got := cdpText(t, anon, "main dl.facts strong.state"); got != "Đã trả kết quả" {
		t.Errorf("lookup: state %q, want %q", got, "Đã trả kết quả")
	}
	page := cdpEval[string](t, anon, `document.documentElement.outerHTML`)
	for what, v := range map[string]string{"name": name, "CCCD": cccd, "phone": phoneNo, "e-mail": email} {
		if strings.Contains(page, v) {
			t.Errorf("lookup: the public page shows the applicant's %s %q", what, v)
		}
	}
}

// TestBrowserDossierAccessibility runs axe-core on the one-stop pages in
// each of their states: the lookup (empty, not found, found), the citizen's
// submission form (blank and refused) and dossiers, the officer's worklist
// and dossier page, and the citizen's pages at a phone width.
func TestBrowserDossierAccessibility(t *testing.T) {
	axeJS := axeSource(t)
	browser := newBrowser(t)
	e := newEnv(t, sqldbtest.Open(t, sqldb.SQLite))
	e.srv.cfg.CookieSecure = true // as in production: Chromium keeps Secure cookies on loopback

	// A dossier, submitted and received over HTTP.
	applicant := e.browser()
	applicant.login("congdan")
	applicant.get("/thu-tuc/2.001914/nop")
	res := applicant.submitDossier("/thu-tuc/2.001914/nop", correctionForm(t, e), papers)
	if res.status != http.StatusSeeOther {
		t.Fatalf("submit = %d %s", res.status, between(res.body, "error-message", "</div>"))
	}
	code := strings.TrimPrefix(strings.Split(res.header.Get("Location"), "?")[0], "/ho-so/")
	officer := e.browser()
	officer.login("motcua")
	officer.get("/ho-so/" + code)
	if res := officer.post("/ho-so/"+code+"/hanh-dong", map[string][]string{"action": {"receive"}}); res.status != http.StatusSeeOther {
		t.Fatalf("receive = %d %s", res.status, between(res.body, "error-message", "</div>"))
	}

	review := map[string][]string{} // rule → pages where axe could not decide
	axe := func(ctx context.Context, page string) {
		t.Helper()
		for _, id := range checkAxe(t, ctx, axeJS, page) {
			review[id] = append(review[id], page)
		}
	}
	defer func() {
		for _, id := range slices.Sorted(maps.Keys(review)) {
			t.Logf("axe could not decide %s on %d page(s), to review by hand: %s", id, len(review[id]), strings.Join(review[id], "; "))
		}
	}()
	// visit opens a page that must answer want, then runs axe on it.
	visit := func(ctx context.Context, who, path string, want int) {
		t.Helper()
		r := cdpRun(t, ctx, "open "+path, chromedp.NavigateResponse(e.base+path))
		if r == nil || int(r.Status) != want {
			status := 0
			if r != nil {
				status = int(r.Status)
			}
			t.Fatalf("open %s (%s): answered %d, want %d", path, who, status, want)
		}
		axe(ctx, path+" ("+who+")")
	}
	// reflow fails the test if the page scrolls sideways at the tab's width
	// (WCAG 1.4.10; a table may scroll inside its .table-wrap).
	reflow := func(ctx context.Context, page string) {
		t.Helper()
		if w := cdpEval[[]int](t, ctx, `[document.documentElement.scrollWidth, document.documentElement.clientWidth]`); w[0] > w[1] {
			t.Errorf("%s at 390×844: the page scrolls sideways (%d > %d CSS px)", page, w[0], w[1])
		}
	}

	anon := newTab(t, browser)
	screenshotOnFailure(t, anon)
	visit(anon, "anonymous", "/tra-cuu", http.StatusOK)
	visit(anon, "anonymous", "/tra-cuu?ma=000.00.31.H31-260910-0099", http.StatusNotFound) // well-formed, unknown
	visit(anon, "anonymous", "/tra-cuu?ma=khong-hop-le", http.StatusBadRequest)
	visit(anon, "anonymous", "/tra-cuu?ma="+code, http.StatusOK)

	citizen := newTab(t, browser)
	screenshotOnFailure(t, citizen)
	uiLogin(t, citizen, e.base, "congdan")
	for _, p := range []string{"/thu-tuc/2.001914", "/thu-tuc/2.001914/nop", "/ho-so", "/ho-so/" + code + "?ok=submitted"} {
		visit(citizen, "congdan", p, http.StatusOK)
	}
	// The form as the server sends it back: every field in error. The
	// browser's own checks are switched off, as an older browser would.
	cdpNavigate(t, citizen, e.base+"/thu-tuc/2.001914/nop")
	sctx, cancel := context.WithTimeout(citizen, stepTimeout)
	r, err := chromedp.RunResponse(sctx,
		chromedp.Evaluate[chromedp.Void](`document.querySelector('main form[enctype="multipart/form-data"]').noValidate = true`),
		chromedp.Click(chromedp.CSS(`main form[action="/thu-tuc/2.001914/nop"] button[type="submit"]`)))
	cancel()
	if err != nil {
		t.Fatalf("submit the blank form: %v (at %s)", err, cdpLocation(citizen))
	}
	if r == nil || r.Status != http.StatusBadRequest {
		status := int64(0)
		if r != nil {
			status = r.Status
		}
		t.Fatalf("submit the blank form: answered %d, want 400", status)
	}
	if n := cdpEval[int](t, citizen, `document.querySelectorAll('main [aria-invalid="true"]').length`); n < 10 || !cdpHas(t, citizen, `main .error-message[role="alert"]`) {
		t.Fatalf("the refused blank form marks %d fields invalid and has an alert: %v", n, cdpHas(t, citizen, `main .error-message[role="alert"]`))
	}
	axe(citizen, "/thu-tuc/2.001914/nop (congdan, refused blank form)")

	counter := newTab(t, browser)
	screenshotOnFailure(t, counter)
	uiLogin(t, counter, e.base, "motcua")
	for _, p := range []string{"/ho-so?queue=all", "/ho-so/" + code, "/thu-tuc/2.001914/nop"} {
		visit(counter, "motcua", p, http.StatusOK)
	}
	// The dossier being processed: the steps table has a current row.
	officer.get("/ho-so/" + code)
	if res := officer.post("/ho-so/"+code+"/hanh-dong", map[string][]string{"action": {"assign"}}); res.status != http.StatusSeeOther {
		t.Fatalf("assign = %d %s", res.status, between(res.body, "error-message", "</div>"))
	}
	visit(counter, "motcua, processing", "/ho-so/"+code, http.StatusOK)
	if !cdpHas(t, counter, `section[aria-labelledby="h-steps"] tr.current`) {
		t.Errorf("/ho-so/%s (motcua): no current step in the steps table of a dossier being processed", code)
	}

	phone := chromedp.EmulateViewport(390, 844, chromedp.EmulateScale(2), chromedp.EmulateMobile)
	cdpDo(t, citizen, "emulate a phone", phone)
	for _, p := range []string{"/thu-tuc/2.001914/nop", "/ho-so", "/ho-so/" + code} {
		visit(citizen, "congdan, 390×844", p, http.StatusOK)
		reflow(citizen, p+" (congdan)")
	}
	cdpDo(t, counter, "emulate a phone", phone)
	for _, p := range []string{"/ho-so?queue=all", "/ho-so/" + code} {
		visit(counter, "motcua, 390×844", p, http.StatusOK)
		reflow(counter, p+" (motcua)")
	}
	cdpDo(t, anon, "emulate a phone", phone)
	visit(anon, "anonymous, 390×844", "/tra-cuu?ma="+code, http.StatusOK)
	reflow(anon, "/tra-cuu?ma="+code+" (anonymous)")

	// A dossier with a fee paid in cash, its result issued and replaced:
	// the results and fee sections, the verification page, the data store
	// and the Office's reconciliation.
	paid := submitted(t, applicant, "/thu-tuc/1.010020/nop", copyForm(t, e), map[string][]byte{"don-de-nghi": pdfBytes, "cccd": pdfBytes})
	counterToken := e.token("motcua")
	e.act(counterToken, paid, "receive", nil)
	officer.get("/ho-so/" + paid)
	if res := officer.post("/ho-so/"+paid+"/thu-phi", url.Values{}); res.status != http.StatusSeeOther {
		t.Fatalf("cash = %d", res.status)
	}
	for _, s := range []struct{ who, action string }{{"motcua", "assign"}, {"cv.qlcl", "complete-step"}, {"tp.qlcl", "complete-step"},
		{"lanhdao", "approve"}, {"motcua", "issue-result"}} {
		body := map[string]any{}
		if s.action == "assign" {
			body["assignee_id"] = e.userID("cv.qlcl")
		}
		if st, out := e.act(e.token(s.who), paid, s.action, body); st != http.StatusOK {
			t.Fatalf("%s = %d %v", s.action, st, out)
		}
	}
	leaderHTTP := e.browser()
	leaderHTTP.login("lanhdao")
	leaderHTTP.get("/ho-so/" + paid)
	if res := leaderHTTP.post("/ho-so/"+paid+"/ket-qua/"+paid+"-KQ1/thu-hoi", url.Values{"reason": {"Sai năm tốt nghiệp"}, "mode": {"replace"}}); res.status != http.StatusSeeOther {
		t.Fatalf("replace = %d", res.status)
	}
	leader := newTab(t, browser)
	screenshotOnFailure(t, leader)
	uiLogin(t, leader, e.base, "lanhdao")
	visit(leader, "lanhdao", "/ho-so/"+paid, http.StatusOK)
	if !cdpHas(t, leader, `section[aria-labelledby="h-results"] form`) || !cdpHas(t, leader, `section[aria-labelledby="h-fee"] table`) {
		t.Errorf("/ho-so/%s (lanhdao): no revoke form or no payment table", paid)
	}
	office := newTab(t, browser)
	screenshotOnFailure(t, office)
	uiLogin(t, office, e.base, "vanphong")
	visit(office, "vanphong", "/quan-tri/doi-soat", http.StatusOK)
	visit(office, "vanphong", "/quan-tri/doi-soat?tu=31/02/2026", http.StatusUnprocessableEntity)
	cdpDo(t, citizen, "emulate a desktop", chromedp.EmulateReset())
	visit(citizen, "congdan", "/ho-so/"+paid, http.StatusOK)
	visit(citizen, "congdan", "/kho-du-lieu", http.StatusOK)
	visit(anon, "anonymous, 390×844", "/xac-thuc", http.StatusOK)
	visit(anon, "anonymous, 390×844", "/xac-thuc/"+paid+"-KQ1", http.StatusOK)
	reflow(anon, "/xac-thuc/"+paid+"-KQ1 (anonymous)")
	visit(anon, "anonymous, 390×844", "/xac-thuc/"+paid+"-KQ9", http.StatusOK)
	visit(anon, "anonymous, 390×844", "/xac-thuc/khong-hop-le", http.StatusUnprocessableEntity)
	cdpDo(t, citizen, "emulate a phone", phone)
	visit(citizen, "congdan, 390×844", "/ho-so/"+paid, http.StatusOK)
	reflow(citizen, "/ho-so/"+paid+" (congdan)")
	cdpDo(t, office, "emulate a phone", phone)
	visit(office, "vanphong, 390×844", "/quan-tri/doi-soat", http.StatusOK)
	reflow(office, "/quan-tri/doi-soat (vanphong)")
}
