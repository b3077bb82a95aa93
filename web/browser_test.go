package web

// Browser tests: the real server driven by a headless Chromium through the
// DevTools protocol (chromedp), for what the HTTP-level tests cannot see —
// forms as a person fills them, keyboard focus, and the accessibility of the
// rendered pages (axe-core, WCAG 2.1 A and AA).
//
// Chromium is looked up on PATH (and at /usr/bin/chromium); axe-core is read
// from $CCHC_AXE_JS, else /tmp/axe/node_modules/axe-core/axe.min.js (install
// it with `mkdir -p /tmp/axe && cd /tmp/axe && npm install axe-core@4.14.1`).
// Without them the tests skip, except under CI=true, where they fail.

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"net/http"
	"os"
	"os/exec"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/hpdoet/cchc/demo"
	"github.com/hpdoet/cchc/sqldb"
	"github.com/hpdoet/cchc/sqldb/sqldbtest"
)

const (
	browserTimeout = 60 * time.Second // a whole test function, browser included
	stepTimeout    = 15 * time.Second // one navigation, query or script
	defaultAxeJS   = "/tmp/axe/node_modules/axe-core/axe.min.js"
)

// skipOrFail skips the test, or fails it under CI=true: CI must not
// silently skip the browser suite.
func skipOrFail(t *testing.T, format string, args ...any) {
	t.Helper()
	msg := fmt.Sprintf(format, args...)
	if os.Getenv("CI") == "true" {
		t.Fatal("CI=true: " + msg)
	}
	t.Skip(msg)
}

func chromiumPath(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	skipOrFail(t, "Chromium not found: install the chromium package to run the browser tests")
	return ""
}

// newBrowser starts a headless Chromium for one test, with a fresh profile
// directory, and returns the context of its first tab. Everything ends after
// browserTimeout, so a hang fails the test instead of blocking the suite.
func newBrowser(t *testing.T) context.Context {
	t.Helper()
	exe := chromiumPath(t)
	// Not t.TempDir(): Chromium may still write into its profile while the
	// testing package removes the directory.
	dir, err := os.MkdirTemp("", "cchc-chromium-")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancelTimeout := context.WithTimeout(context.Background(), browserTimeout)
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(dir),
		chromedp.WindowSize(1280, 900),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	bctx, cancelBrowser := chromedp.NewContext(actx)
	t.Cleanup(func() {
		cancelBrowser() // closes the browser and waits for it
		cancelAlloc()
		cancelTimeout()
		os.RemoveAll(dir)
	})
	if err := chromedp.Do(bctx); err != nil {
		t.Fatalf("start %s: %v", exe, err)
	}
	return bctx
}

// newTab opens a tab in a new browser context of the browser: its own
// cookies, so each user of a test has a separate session.
func newTab(t *testing.T, browser context.Context) context.Context {
	t.Helper()
	ctx, cancel := chromedp.NewContext(browser, chromedp.WithNewBrowserContext())
	t.Cleanup(cancel)
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("open tab: %v", err)
	}
	return ctx
}

// cdpRun runs one action with a step timeout and fails the test on error.
func cdpRun[T any](t *testing.T, ctx context.Context, what string, a chromedp.Action[T]) T {
	t.Helper()
	sctx, cancel := context.WithTimeout(ctx, stepTimeout)
	defer cancel()
	v, err := chromedp.Run(sctx, a)
	if err != nil {
		t.Fatalf("%s: %v (at %s)", what, err, cdpLocation(ctx))
	}
	return v
}

// cdpDo runs actions with a step timeout and fails the test on error.
func cdpDo(t *testing.T, ctx context.Context, what string, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	cdpRun(t, ctx, what, chromedp.Steps(actions...))
}

// cdpNavigate opens a page and fails the test unless it answers 200.
func cdpNavigate(t *testing.T, ctx context.Context, url string) {
	t.Helper()
	res := cdpRun(t, ctx, "open "+url, chromedp.NavigateResponse(url))
	cdpCheckStatus(t, "open "+url, res)
}

// cdpSubmit runs actions that cause a navigation (a click on a link or a
// submit button), waits for the page that results and checks it is a 200.
func cdpSubmit(t *testing.T, ctx context.Context, what string, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	sctx, cancel := context.WithTimeout(ctx, stepTimeout)
	defer cancel()
	res, err := chromedp.RunResponse(sctx, actions...)
	if err != nil {
		t.Fatalf("%s: %v (at %s)", what, err, cdpLocation(ctx))
	}
	cdpCheckStatus(t, what, res)
}

func cdpCheckStatus(t *testing.T, what string, res *network.Response) {
	t.Helper()
	if res == nil {
		t.Fatalf("%s: no response", what)
	}
	if res.Status != 200 {
		t.Fatalf("%s: %s answered %d", what, res.URL, res.Status)
	}
}

// cdpEval evaluates a JavaScript expression in the page.
func cdpEval[T any](t *testing.T, ctx context.Context, js string) T {
	t.Helper()
	return cdpRun(t, ctx, "evaluate "+js, chromedp.Evaluate[T](js))
}

// cdpLocation is the current path and query of the tab, for messages.
func cdpLocation(ctx context.Context) string {
	sctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	loc, err := chromedp.Run(sctx, chromedp.Evaluate[string](`location.pathname + location.search`))
	if err != nil {
		return "?"
	}
	return loc
}

// cdpHas reports whether a CSS selector matches an element of the page, without
// waiting for it.
func cdpHas(t *testing.T, ctx context.Context, css string) bool {
	t.Helper()
	return cdpEval[bool](t, ctx, fmt.Sprintf(`document.querySelector(%q) !== null`, css))
}

// cdpText is the trimmed text of the first element matching a CSS selector,
// "" if none does.
func cdpText(t *testing.T, ctx context.Context, css string) string {
	t.Helper()
	return cdpEval[string](t, ctx, fmt.Sprintf(`(document.querySelector(%q)?.textContent ?? "").replace(/\s+/g, " ").trim()`, css))
}

// uiLogin signs in through the login form, as a person would.
func uiLogin(t *testing.T, ctx context.Context, base, username string) {
	t.Helper()
	cdpNavigate(t, ctx, base+"/dang-nhap")
	cdpDo(t, ctx, "fill the login form",
		chromedp.SendKeys(chromedp.ID("username"), username),
		chromedp.SendKeys(chromedp.ID("password"), demo.Password),
	)
	cdpSubmit(t, ctx, "log in as "+username,
		chromedp.Click(chromedp.CSS(`main form[action="/dang-nhap"] button[type="submit"]`)))
	if !cdpHas(t, ctx, `header form[action="/dang-xuat"] button`) {
		t.Fatalf("log in as %s: not signed in at %s: %q", username, cdpLocation(ctx), cdpText(t, ctx, "main"))
	}
}

// uiLogout signs out with the header's "Đăng xuất" button.
func uiLogout(t *testing.T, ctx context.Context) {
	t.Helper()
	if got := cdpText(t, ctx, `header form[action="/dang-xuat"] button`); got != "Đăng xuất" {
		t.Fatalf("log out: the button reads %q, want %q", got, "Đăng xuất")
	}
	cdpSubmit(t, ctx, "log out", chromedp.Click(chromedp.CSS(`header form[action="/dang-xuat"] button`)))
	if cdpHas(t, ctx, `header form[action="/dang-xuat"]`) || !cdpHas(t, ctx, `header a[href^="/dang-nhap"]`) {
		t.Fatalf("log out: still signed in at %s", cdpLocation(ctx))
	}
}

// screenshotOnFailure saves a full-page screenshot of the tab into a temp
// file (never into the repository) when the test has failed.
func screenshotOnFailure(t *testing.T, ctx context.Context) {
	t.Cleanup(func() {
		if !t.Failed() {
			return
		}
		sctx, cancel := context.WithTimeout(ctx, 10*time.Second)
		defer cancel()
		png, err := chromedp.Run(sctx, chromedp.FullScreenshot(100))
		if err != nil {
			t.Logf("no screenshot: %v", err)
			return
		}
		f, err := os.CreateTemp("", "cchc-"+strings.ReplaceAll(t.Name(), "/", "_")+"-*.png")
		if err != nil {
			t.Logf("no screenshot: %v", err)
			return
		}
		defer f.Close()
		if _, err := f.Write(png); err != nil {
			t.Logf("no screenshot: %v", err)
			return
		}
		t.Logf("screenshot of %s: %s", cdpLocation(ctx), f.Name())
	})
}

// TestBrowserAssignTask: the Office reassigns a task through the forms, and
// the new lead unit's specialist then finds it in the unit's task list.
func TestBrowserAssignTask(t *testing.T) {
	browser := newBrowser(t)
	e := newEnv(t, sqldbtest.Open(t, sqldb.SQLite))
	e.srv.cfg.CookieSecure = true // as in production: Chromium keeps Secure cookies on loopback
	T := func(key string) string { return e.srv.i18n.T("vi", key) }

	// Before: II.1.c (lead KHTC, co VP) is not a task of GDTrH.
	spec := e.browser()
	spec.login("chuyenvien")
	if res := spec.get("/nhiem-vu"); res.status != 200 || strings.Contains(res.body, `href="/nhiem-vu/II.1.c"`) {
		t.Fatalf("before reassignment, GDTrH's list: status %d, lists II.1.c: %v", res.status, strings.Contains(res.body, `href="/nhiem-vu/II.1.c"`))
	}

	ctx := newTab(t, browser)
	screenshotOnFailure(t, ctx)

	uiLogin(t, ctx, e.base, "vanphong")
	cdpNavigate(t, ctx, e.base+"/ke-hoach")
	cdpSubmit(t, ctx, "follow the plan's link to II.1.c", chromedp.Click(chromedp.CSS(`main a[href="/nhiem-vu/II.1.c"]`)))
	if loc := cdpLocation(ctx); loc != "/nhiem-vu/II.1.c" {
		t.Fatalf("the plan's link led to %s", loc)
	}
	facts := func() map[string]string {
		return cdpEval[map[string]string](t, ctx, `Object.fromEntries([...document.querySelectorAll("dl.facts dt")].map(
			dt => [dt.textContent.trim(), (dt.nextElementSibling?.textContent ?? "").replace(/\s+/g, " ").trim()]))`)
	}
	if lead := facts()[T("tasks.lead")]; lead != "Phòng Kế hoạch - Tài chính" {
		t.Fatalf("demo lead of II.1.c = %q, want Phòng Kế hoạch - Tài chính", lead)
	}

	cdpSubmit(t, ctx, `follow "Sửa phân công"`,
		chromedp.Click(`//main//a[normalize-space(.)="Sửa phân công"]`))
	if loc := cdpLocation(ctx); loc != "/nhiem-vu/II.1.c/phan-cong" {
		t.Fatalf(`"Sửa phân công" led to %s`, loc)
	}

	const product = "Báo cáo đề xuất cơ chế thu hút đầu tư vào giáo dục trung học"
	chosen := cdpEval[string](t, ctx, `(() => {
		const sel = document.querySelector("select#a-lead");
		const opt = [...sel.options].find(o => o.textContent.trim() === "Phòng Giáo dục Trung học");
		if (!opt) return "";
		sel.value = opt.value;
		sel.dispatchEvent(new Event("change", {bubbles: true}));
		return opt.value;
	})()`)
	if chosen == "" {
		t.Fatal(`select#a-lead has no option "Phòng Giáo dục Trung học"`)
	}
	cdpDo(t, ctx, "fill the assignment form",
		chromedp.Clear(chromedp.ID("a-product")),
		chromedp.SendKeys(chromedp.ID("a-product"), product),
		chromedp.SetValue(chromedp.ID("a-start"), "2026-10-01"),
		chromedp.SetValue(chromedp.ID("a-due"), "2026-12-15"),
		chromedp.SetValue(chromedp.ID("a-rec"), "once"),
	)
	form := cdpEval[map[string]string](t, ctx, `Object.fromEntries(["a-lead", "a-product", "a-start", "a-due", "a-rec"].map(
		id => [id, document.getElementById(id).value]))`)
	want := map[string]string{"a-lead": chosen, "a-product": product, "a-start": "2026-10-01", "a-due": "2026-12-15", "a-rec": "once"}
	for id, v := range want {
		if form[id] != v {
			t.Errorf("#%s = %q before submitting, want %q", id, form[id], v)
		}
	}
	cdpSubmit(t, ctx, "submit the assignment",
		chromedp.Click(chromedp.CSS(`main form[action="/nhiem-vu/II.1.c/phan-cong"] button[type="submit"]`)))

	if loc := cdpLocation(ctx); !strings.HasPrefix(loc, "/nhiem-vu/II.1.c?") {
		t.Fatalf("after saving: at %s, want the task page; page says %q", loc, cdpText(t, ctx, ".error-message"))
	}
	if got := cdpText(t, ctx, `main p.notice[role="status"]`); got != "Đã lưu phân công." {
		t.Errorf("notice = %q, want %q", got, "Đã lưu phân công.")
	}
	got := facts()
	for label, v := range map[string]string{
		T("tasks.lead"):      "Phòng Giáo dục Trung học",
		T("task.product"):    product,
		T("task.start"):      "01/10/2026",
		T("task.first_due"):  "15/12/2026",
		T("task.recurrence"): T("recurrence.once"),
	} {
		if got[label] != v {
			t.Errorf("task page: %s = %q, want %q", label, got[label], v)
		}
	}

	uiLogout(t, ctx)
	uiLogin(t, ctx, e.base, "chuyenvien")
	cdpNavigate(t, ctx, e.base+"/nhiem-vu")
	row := cdpEval[string](t, ctx, `(document.querySelector('table.tasks a[href="/nhiem-vu/II.1.c"]')?.closest("tr")?.textContent ?? "").replace(/\s+/g, " ").trim()`)
	if row == "" {
		t.Fatalf("GDTrH's task list has no link to /nhiem-vu/II.1.c: %q", cdpText(t, ctx, "table.tasks tbody"))
	}
	if !strings.Contains(row, "Phòng Giáo dục Trung học") {
		t.Errorf("GDTrH's row for II.1.c does not name the new lead: %q", row)
	}
	cdpSubmit(t, ctx, "open II.1.c from the list", chromedp.Click(chromedp.CSS(`table.tasks a[href="/nhiem-vu/II.1.c"]`)))
}

// axeViolation is one failed axe-core rule on a page.
type axeViolation struct {
	ID     string `json:"id"`
	Impact string `json:"impact"`
	Help   string `json:"help"`
	Nodes  []struct {
		Target  []string `json:"target"`
		HTML    string   `json:"html"`
		Summary string   `json:"summary"`
	} `json:"nodes"`
}

type axeResult struct {
	Violations []axeViolation `json:"violations"`
	Incomplete []string       `json:"incomplete"`
}

// axeRun is evaluated after axe.min.js: WCAG 2.0 and 2.1, levels A and AA.
const axeRun = `axe.run(document, {
	runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
	resultTypes: ["violations"],
}).then(r => ({
	violations: r.violations.map(v => ({
		id: v.id, impact: v.impact || "", help: v.help,
		nodes: v.nodes.map(n => ({target: n.target.map(String), html: n.html, summary: n.failureSummary || ""})),
	})),
	incomplete: r.incomplete.map(v => v.id),
}))`

func axeSource(t *testing.T) string {
	t.Helper()
	path := os.Getenv("CCHC_AXE_JS")
	if path == "" {
		path = defaultAxeJS
	}
	src, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		skipOrFail(t, "axe-core not found at %s: set CCHC_AXE_JS or run `mkdir -p /tmp/axe && cd /tmp/axe && npm install axe-core@4.14.1`", path)
	} else if err != nil {
		t.Fatal(err)
	}
	return string(src)
}

// checkAxe runs axe-core on the page open in the tab and reports every
// violation with its targets. It returns the rules axe could not decide
// ("incomplete": to review by hand).
func checkAxe(t *testing.T, ctx context.Context, axeJS, page string) []string {
	t.Helper()
	cdpDo(t, ctx, "inject axe-core into "+page, chromedp.Evaluate[chromedp.Void](axeJS))
	res := cdpRun(t, ctx, "run axe-core on "+page, chromedp.Evaluate[axeResult](axeRun, chromedp.EvalAwaitPromise))
	if len(res.Violations) == 0 {
		return res.Incomplete
	}
	var b strings.Builder
	fmt.Fprintf(&b, "axe: %d violation(s) on %s:", len(res.Violations), page)
	for _, v := range res.Violations {
		fmt.Fprintf(&b, "\n  - %s [%s] %s", v.ID, v.Impact, v.Help)
		for _, n := range v.Nodes {
			fmt.Fprintf(&b, "\n      %s  %s", strings.Join(n.Target, " "), truncateHTML(n.HTML))
			if n.Summary != "" {
				fmt.Fprintf(&b, "\n        %s", strings.ReplaceAll(n.Summary, "\n", "\n        "))
			}
		}
	}
	t.Error(b.String())
	return res.Incomplete
}

func truncateHTML(s string) string {
	if r := []rune(s); len(r) > 160 {
		return string(r[:160]) + "…"
	}
	return s
}

// TestBrowserAccessibility runs axe-core (WCAG 2.0 and 2.1, A and AA) on the
// main pages of each kind of visitor, at a desktop and a phone width, in both
// languages.
func TestBrowserAccessibility(t *testing.T) {
	axeJS := axeSource(t)
	browser := newBrowser(t)
	e := newEnv(t, sqldbtest.Open(t, sqldb.SQLite))
	e.srv.cfg.CookieSecure = true // as in production: Chromium keeps Secure cookies on loopback
	// Some history, so the indicator pages have figures, charts and records.
	if _, err := demo.GenerateDossiers(t.Context(), e.db, e.db.OneStop.Calendar(), demo.DossierOptions{From: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC),
		To: testNow, Count: 400, Seed: 7}); err != nil {
		t.Fatal(err)
	}

	_, rep := e.api(http.MethodPost, "/api/v1/reports", e.token("vanphong"), map[string]any{"kind": "quarter", "period": "2026-Q3"})
	reportPage := fmt.Sprintf("/bao-cao/%v", rep["id"])

	review := map[string][]string{} // rule → pages where axe could not decide
	check := func(ctx context.Context, who string, paths ...string) {
		t.Helper()
		for _, p := range paths {
			cdpNavigate(t, ctx, e.base+p)
			page := p + " (" + who + ")"
			for _, id := range checkAxe(t, ctx, axeJS, page) {
				review[id] = append(review[id], page)
			}
		}
	}
	// phone lays the tab out as a 390×844 phone and checks the pages there,
	// for WCAG 1.4.10 Reflow too, which axe does not check: the page itself
	// must not scroll sideways (a table may, inside its .table-wrap).
	phone := func(ctx context.Context, who string, paths ...string) {
		t.Helper()
		cdpDo(t, ctx, "emulate a phone", chromedp.EmulateViewport(390, 844, chromedp.EmulateScale(2), chromedp.EmulateMobile))
		for _, p := range paths {
			check(ctx, who+", 390×844", p)
			w := cdpEval[[]int](t, ctx, `[document.documentElement.scrollWidth, document.documentElement.clientWidth]`)
			if w[0] > w[1] {
				wide := cdpEval[[]string](t, ctx, `[...document.querySelectorAll("body *")]
					.filter(el => el.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
					.slice(0, 5).map(el => el.outerHTML.slice(0, 80))`)
				t.Errorf("%s (%s) at 390×844: the page scrolls sideways (%d > %d CSS px); too wide: %q", p, who, w[0], w[1], wide)
			}
		}
	}

	anon := newTab(t, browser)
	check(anon, "anonymous", "/", "/ke-hoach", "/ke-hoach/chi-tieu", "/dang-nhap", "/dang-ky", "/thu-tuc", "/thu-tuc?q=van+bang", "/thu-tuc/1.010020", "/lich?nam=2026&nhan=2026-02-13T16:30&so-ngay=3",
		"/ke-hoach/chi-tieu?ky=2026-Q2", "/ke-hoach/chi-tieu/CT-06", "/ke-hoach/chi-tieu/CT-15?ky=2026-05", "/chi-so-766")

	office := newTab(t, browser)
	uiLogin(t, office, e.base, "vanphong")
	check(office, "vanphong", "/", "/nhiem-vu", "/nhiem-vu/II.2.a.3", "/nhiem-vu/II.1.c/phan-cong",
		"/ke-hoach/chi-tieu/CT-01", "/ke-hoach/chi-tieu/CT-03?ky=2026", "/chi-so-766?ky=2026-Q2", "/so-lieu/ho-so?ky=2026-Q2&ds=tl", "/so-lieu/ho-so?ky=2026&ds=ptn&loc=out", "/quan-tri/ky-so-lieu", "/bao-cao", reportPage)

	admin := newTab(t, browser)
	uiLogin(t, admin, e.base, "admin")
	check(admin, "admin", "/thu-tuc/2.001914", "/quan-tri/thu-tuc/2.001914", "/quan-tri/don-vi", "/quan-tri/nguoi-dung", "/quan-tri/nhat-ky", "/lich?nam=2027", "/tai-khoan")

	phone(anon, "anonymous", "/ke-hoach/chi-tieu", "/lich", "/ke-hoach/chi-tieu/CT-06", "/chi-so-766")
	phone(office, "vanphong", "/nhiem-vu", "/nhiem-vu/II.2.a.3", "/so-lieu/ho-so?ky=2026-Q2&ds=tl", "/quan-tri/ky-so-lieu", "/ke-hoach/chi-tieu/CT-01", "/bao-cao", reportPage)
	phone(admin, "admin", "/quan-tri/nhat-ky")

	en := newTab(t, browser)
	cdpNavigate(t, en, e.base+"/ngon-ngu/en?next=/ke-hoach")
	if loc, lang := cdpLocation(en), cdpEval[string](t, en, `document.documentElement.lang`); loc != "/ke-hoach" || lang != "en" {
		t.Fatalf("/ngon-ngu/en?next=/ke-hoach: at %s with lang=%q, want /ke-hoach in English", loc, lang)
	}
	check(en, "anonymous, English", "/ke-hoach", "/ke-hoach/chi-tieu", "/chi-so-766")

	for _, id := range slices.Sorted(maps.Keys(review)) {
		pages := review[id]
		t.Logf("axe could not decide %s on %d page(s), to review by hand: %s", id, len(pages), strings.Join(pages, "; "))
	}
}

// TestBrowserKeyboard: the skip link is the first stop of the Tab key, shows
// when focused, and moves the focus to the main content.
func TestBrowserKeyboard(t *testing.T) {
	browser := newBrowser(t)
	e := newEnv(t, sqldbtest.Open(t, sqldb.SQLite))
	e.srv.cfg.CookieSecure = true // as in production: Chromium keeps Secure cookies on loopback

	type focus struct {
		Href, Text, ID   string
		InMain, OnScreen bool
		Outline          string
	}
	active := func(ctx context.Context) focus {
		return cdpEval[focus](t, ctx, `(() => {
			const el = document.activeElement, r = el.getBoundingClientRect(), s = getComputedStyle(el);
			return {Href: el.getAttribute("href") ?? "", Text: el.textContent.trim(), ID: el.id,
				InMain: el !== document.querySelector("main") && !!el.closest("main"),
				OnScreen: r.width >= 1 && r.height >= 1 && r.left >= 0 && r.top >= 0 && r.right <= innerWidth && r.bottom <= innerHeight,
				Outline: s.outlineStyle + " " + s.outlineWidth};
		})()`)
	}
	press := func(ctx context.Context, key string) {
		cdpDo(t, ctx, fmt.Sprintf("press %q", key), chromedp.KeyEvent(key))
	}

	skipLink := func(ctx context.Context, page string) {
		t.Helper()
		cdpNavigate(t, ctx, e.base+page)
		press(ctx, kb.Tab)
		f := active(ctx)
		if f.Href != "#noi-dung" || f.Text != e.srv.i18n.T("vi", "a11y.skip") {
			t.Errorf("%s: first Tab stop is %+v, want the skip link to #noi-dung", page, f)
			return
		}
		if !f.OnScreen {
			t.Errorf("%s: the focused skip link is not on screen: %+v", page, f)
		}
		if strings.HasPrefix(f.Outline, "none") {
			t.Errorf("%s: the focused skip link has no focus outline: %+v", page, f)
		}
		press(ctx, kb.Enter)
		if f := active(ctx); f.ID != "noi-dung" {
			t.Errorf("%s: after Enter on the skip link the focus is on %+v, want main#noi-dung", page, f)
		}
		press(ctx, kb.Tab)
		if f := active(ctx); !f.InMain {
			t.Errorf("%s: Tab after the skip link goes to %+v, outside the main content", page, f)
		}
	}

	anon := newTab(t, browser)
	skipLink(anon, "/ke-hoach")
	office := newTab(t, browser)
	uiLogin(t, office, e.base, "vanphong")
	skipLink(office, "/nhiem-vu/II.2.a.3")
}
