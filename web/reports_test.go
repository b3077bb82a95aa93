package web

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/hpdoet/cchc/report"
)

// soffice converts a file with LibreOffice headless and returns the
// directory the output went to.
func soffice(t *testing.T, data []byte, name, convertTo string) string {
	t.Helper()
	bin := requireTool(t, "soffice", "libreoffice-writer-nogui libreoffice-calc-nogui")
	dir := t.TempDir()
	in := filepath.Join(dir, name)
	if err := os.WriteFile(in, data, 0o600); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "-env:UserInstallation=file://"+filepath.Join(dir, "profile"), "--headless",
		"--convert-to", convertTo, "--outdir", dir, in)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	return dir
}

// sofficeText converts a DOCX with LibreOffice and returns the PDF's text.
func sofficeText(t *testing.T, docx []byte) string {
	t.Helper()
	pdf, err := os.ReadFile(filepath.Join(soffice(t, docx, "bao-cao.docx", "pdf"), "bao-cao.pdf"))
	if err != nil {
		t.Fatalf("LibreOffice wrote no PDF: %v", err)
	}
	return pdfToText(t, pdf)
}

// sofficeCSV converts every sheet of an XLSX to UTF-8 CSV with LibreOffice
// and returns the rows of one.
func sofficeCSV(t *testing.T, xlsx []byte, sheet string) [][]string {
	t.Helper()
	dir := soffice(t, xlsx, "phu-luc.xlsx", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1")
	b, err := os.ReadFile(filepath.Join(dir, "phu-luc-"+sheet+".csv"))
	if err != nil {
		t.Fatalf("LibreOffice wrote no CSV of %s: %v", sheet, err)
	}
	r := csv.NewReader(bytes.NewReader(b))
	r.FieldsPerRecord = -1
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// xlsxRow returns the cells of the row whose second cell is code, by the
// headers of the sheet's header row (the one holding header).
func xlsxRow(t *testing.T, data []byte, sheet, header, code string) map[string]string {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	var heads []string
	for _, r := range rows {
		if heads == nil {
			for _, c := range r {
				if c == header {
					heads = r
				}
			}
			continue
		}
		if len(r) > 1 && r[1] == code {
			out := map[string]string{}
			for i, h := range heads {
				if i < len(r) {
					out[h] = r[i]
				}
			}
			return out
		}
	}
	t.Fatalf("no row %s in sheet %s (headers %v)", code, sheet, heads)
	return nil
}

// TestPeriodicReports drafts, edits, issues and re-issues the Q3 report:
// its numbers are the database's, read back from the DOCX (LibreOffice),
// the PDF (poppler) and the XLSX; an issued report does not change.
func TestPeriodicReports(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *env) {
		// Two dossiers of 2.001914 received in September: one settled on time, one open.
		citizen := e.browser()
		citizen.login("congdan")
		done := submitted(t, citizen, "/thu-tuc/2.001914/nop", correctionForm(t, e), papers)
		open := submitted(t, citizen, "/thu-tuc/2.001914/nop", correctionForm(t, e), papers)
		for _, s := range []struct{ who, code, action string }{{"motcua", done, "receive"}, {"motcua", open, "receive"}, {"motcua", done, "assign"},
			{"cv.qlcl", done, "complete-step"}, {"tp.qlcl", done, "complete-step"}, {"lanhdao", done, "approve"}, {"motcua", done, "issue-result"}, {"motcua", done, "return"}} {
			body := map[string]any{}
			if s.action == "assign" {
				body["assignee_id"] = e.userID("cv.qlcl")
			}
			if st, out := e.act(e.token(s.who), s.code, s.action, body); st != http.StatusOK {
				t.Fatalf("%s %s = %d %v", s.action, s.code, st, out)
			}
		}
		var received int64
		e.db.SQL().QueryRow(`SELECT COUNT(*) FROM dossiers WHERE procedure_code = '2.001914' AND received_at IS NOT NULL`).Scan(&received)

		office := e.browser()
		office.login("vanphong")
		if res := office.get("/bao-cao"); res.status != http.StatusOK || !strings.Contains(res.body, `<option value="2026-Q3">Quý III/2026</option>`) {
			t.Fatalf("reports page = %d", res.status)
		}
		if res := office.post("/bao-cao", url.Values{"kind": {"period"}, "period": {"2027"}}); res.status != http.StatusUnprocessableEntity || !strings.Contains(res.body, "tương lai") {
			t.Errorf("a report for 2027 = %d", res.status)
		}
		if res := office.post("/bao-cao", url.Values{"kind": {"range"}, "from": {"2026-08"}, "to": {"2026-03"}}); res.status != http.StatusUnprocessableEntity {
			t.Errorf("a span ending before it starts = %d", res.status)
		}
		res := office.post("/bao-cao", url.Values{"kind": {"period"}, "period": {"2026-Q3"}})
		if res.status != http.StatusSeeOther {
			t.Fatalf("create = %d %s", res.status, between(res.body, "error-message", "</div>"))
		}
		page := strings.Split(res.header.Get("Location"), "?")[0]
		if again := office.post("/bao-cao", url.Values{"kind": {"period"}, "period": {"2026-Q3"}}); again.status != http.StatusSeeOther || !strings.HasPrefix(again.header.Get("Location"), page+"?ok=report_draft_exists") {
			t.Errorf("a second draft of Q3 = %d %s", again.status, again.header.Get("Location"))
		}
		office.get(page)

		// The narrative: markup kept as text, too long or control characters refused.
		narrative := `Đề xuất bổ sung biên chế cho Bộ phận Một cửa <script>alert("x")</script> & "mở rộng" dịch vụ`
		if res := office.post(page+"/noi-dung", url.Values{"proposals": {narrative}, "II.2": {strings.Repeat("ạ", 20001)}}); res.status != http.StatusUnprocessableEntity || !strings.Contains(res.body, "Tối đa 20000 ký tự") {
			t.Errorf("a narrative too long = %d", res.status)
		}
		if res := office.post(page+"/noi-dung", url.Values{"intro": {"a\x00b"}}); res.status != http.StatusUnprocessableEntity {
			t.Errorf("a control character = %d", res.status)
		}
		if res := office.post(page+"/noi-dung", url.Values{"proposals": {narrative}, "difficulties": {"Thiếu máy quét tài liệu."}}); res.status != http.StatusSeeOther {
			t.Fatalf("save narrative = %d %s", res.status, between(res.body, "error-message", "</div>"))
		}
		// A draft's files are made on demand.
		for format, ct := range map[string]string{"docx": "wordprocessingml", "pdf": "application/pdf", "xlsx": "spreadsheetml"} {
			if f := office.get(page + "/tep/" + format); f.status != http.StatusOK || !strings.Contains(f.header.Get("Content-Type"), ct) {
				t.Errorf("draft %s = %d %s", format, f.status, f.header.Get("Content-Type"))
			}
		}

		// Issuing needs a number, happens once.
		office.get(page)
		if res := office.post(page+"/ban-hanh", url.Values{"number": {" "}}); res.status != http.StatusUnprocessableEntity || !strings.Contains(res.body, "Số văn bản chưa hợp lệ") {
			t.Errorf("issue without a number = %d", res.status)
		}
		if res := office.post(page+"/ban-hanh", url.Values{"number": {"125/BC-SGDĐT"}}); res.status != http.StatusSeeOther {
			t.Fatalf("issue = %d %s", res.status, between(res.body, "error-message", "</div>"))
		}
		if res := office.post(page+"/ban-hanh", url.Values{"number": {"126/BC-SGDĐT"}}); res.status != http.StatusUnprocessableEntity || !strings.Contains(res.body, "đã ban hành") {
			t.Errorf("a second issue of the same version = %d", res.status)
		}
		pdf := office.get(page + "/tep/pdf").body
		text := pdfToText(t, []byte(pdf))
		for _, want := range []string{"BÁO CÁO", "quý III năm 2026", "125/BC-SGDĐT", `<script>alert("x")</script> & "mở rộng"`, "Thiếu máy quét tài liệu.", "SỞ GIÁO DỤC VÀ ĐÀO TẠO"} {
			if !strings.Contains(text, want) {
				t.Errorf("the issued PDF lacks %q:\n%s", want, text)
			}
		}
		docxText := sofficeText(t, []byte(office.get(page+"/tep/docx").body))
		for _, want := range []string{"quý III năm 2026", "125/BC-SGDĐT", `<script>alert("x")</script>`, "Độc lập - Tự do - Hạnh phúc"} {
			if !strings.Contains(docxText, want) {
				t.Errorf("the issued DOCX, through LibreOffice, lacks %q", want)
			}
		}
		xlsx := []byte(office.get(page + "/tep/xlsx").body)
		row := xlsxRow(t, xlsx, report.PeriodicProceduresSheet, "Tiếp nhận mới", "2.001914")
		if row["Tiếp nhận mới"] != itoa(received) || row["Đúng hạn, trước hạn"] != "1" || row["Đang giải quyết"] != "1" || row["Kết quả điện tử"] != "1" ||
			row["Đang giải quyết quá hạn"] != "0" {
			t.Errorf("the XLSX row of 2.001914 = %v, want %d received, 1 on time, 1 open and not late (due 17/09, today 10/09), 1 e-result", row, received)
		}

		csvRows := sofficeCSV(t, xlsx, report.PeriodicProceduresSheet)
		found := false
		for _, r := range csvRows {
			if len(r) > 4 && r[1] == "2.001914" {
				found = r[2] == "Chỉnh sửa nội dung văn bằng, chứng chỉ" && r[4] == itoa(received)
			}
		}
		if !found {
			t.Errorf("LibreOffice's CSV of the XLSX lacks 2.001914 with %d received: %v", received, csvRows)
		}

		// Later changes leave the issued files alone.
		submitted(t, citizen, "/thu-tuc/2.001914/nop", correctionForm(t, e), papers)
		if again := office.get(page + "/tep/pdf").body; again != pdf {
			t.Error("the issued PDF changed after a new dossier")
		}
		office.get("/bao-cao")
		if res := office.post("/bao-cao", url.Values{"kind": {"period"}, "period": {"2026-Q3"}}); res.status != http.StatusUnprocessableEntity || !strings.Contains(res.body, "nêu lý do") {
			t.Errorf("a new version without a reason = %d", res.status)
		}
		res = office.post("/bao-cao", url.Values{"kind": {"period"}, "period": {"2026-Q3"}, "reason": {"Bổ sung số liệu hồ sơ cuối quý"}})
		if res.status != http.StatusSeeOther {
			t.Fatalf("a new version = %d", res.status)
		}
		v2 := office.get(res.header.Get("Location"))
		if !strings.Contains(v2.body, "thay thế báo cáo số 125/BC-SGDĐT") || !strings.Contains(v2.body, "Thiếu máy quét tài liệu.") {
			t.Errorf("version 2 does not say what it replaces or lost the narrative")
		}

		// A span of days: the dossiers counted by day.
		office.get("/bao-cao")
		if res := office.post("/bao-cao", url.Values{"kind": {"range"}, "from_day": {"05/09/2026"}, "to_day": {"31/02/2026"}}); res.status != http.StatusUnprocessableEntity {
			t.Errorf("31/02 accepted: %d", res.status)
		}
		res = office.post("/bao-cao", url.Values{"kind": {"range"}, "from_day": {"05/09/2026"}, "to_day": {"10/09/2026"}})
		if res.status != http.StatusSeeOther {
			t.Fatalf("a span of days = %d %s", res.status, between(res.body, "error-message", "</div>"))
		}
		days := strings.Split(res.header.Get("Location"), "?")[0]
		if p := office.get(days); !strings.Contains(p.body, "Từ ngày 05/09/2026 đến ngày 10/09/2026") {
			t.Error("the span's label")
		}
		row = xlsxRow(t, []byte(office.get(days+"/tep/xlsx").body), report.PeriodicProceduresSheet, "Tiếp nhận mới", "2.001914")
		// The third dossier was submitted, never received: not counted.
		if row["Tiếp nhận mới"] != itoa(received) || row["Đúng hạn, trước hạn"] != "1" || row["Đang giải quyết"] != "1" || row["Kết quả điện tử"] != "1" {
			t.Errorf("the span's row of 2.001914 = %v, want %d received, 1 on time, 1 open", row, received)
		}
		if text := pdfToText(t, []byte(office.get(days+"/tep/pdf").body)); !strings.Contains(text, "tính theo các tháng của khoảng báo cáo (từ tháng 9/2026 đến tháng 9/2026)") {
			t.Errorf("the span's PDF does not say the targets are monthly: %s", text)
		}
		st, out := e.api(http.MethodPost, "/api/v1/reports", e.token("vanphong"), map[string]any{"kind": "range", "from": "2026-09-01", "to": "2026-09-04"})
		if st != http.StatusCreated {
			t.Fatalf("a span of days through the API = %d %v", st, out)
		}
		early := fmt.Sprintf("/bao-cao/%v", out["id"])
		if f, _ := excelize.OpenReader(strings.NewReader(office.get(early + "/tep/xlsx").body)); f != nil {
			rows, _ := f.GetRows(report.PeriodicProceduresSheet)
			for _, r := range rows {
				if len(r) > 1 && r[1] == "2.001914" {
					t.Errorf("1–4 September lists 2.001914, received on the 10th: %v", r)
				}
			}
		}

		// The API.
		token := e.token("vanphong")
		st, out = e.api(http.MethodPost, "/api/v1/reports", token, map[string]any{"kind": "range", "from": "2026-01", "to": "2026-08"})
		if st != http.StatusCreated || out["label"] != "Từ tháng 1/2026 đến tháng 8/2026" {
			t.Fatalf("create through the API = %d %v", st, out)
		}
		id := itoa(int64(out["id"].(float64)))
		if st, out := e.api(http.MethodPost, "/api/v1/reports", e.token("chuyenvien"), map[string]any{"kind": "year", "period": "2026"}); st != http.StatusForbidden || errCode(out) != "EFORBIDDEN" {
			t.Errorf("a specialist creates = %d %v", st, out)
		}
		for _, bad := range []map[string]any{{"kind": "quarter", "period": "2026"}, {"kind": "quarter", "period": ""}, {"kind": "", "period": "2026-Q3"},
			{"kind": "range", "from": "2026-05"}, {"kind": "year", "period": "2031"}} {
			if st, out := e.api(http.MethodPost, "/api/v1/reports", token, bad); st != http.StatusBadRequest || errCode(out) != "EINVALID" {
				t.Errorf("report %v = %d %v", bad, st, out)
			}
		}
		if st, out := e.api(http.MethodPut, "/api/v1/reports/"+id+"/narrative", token, map[string]string{"bogus": "x"}); st != http.StatusBadRequest || errCode(out) != "EINVALID" {
			t.Errorf("an unknown narrative part = %d %v", st, out)
		}
		if st, out := e.api(http.MethodPost, "/api/v1/reports/"+id+"/issue", token, map[string]string{"number": "125/BC-SGDĐT"}); st != http.StatusBadRequest || errCode(out) != "EINVALID" {
			t.Errorf("a number already used = %d %v", st, out)
		}
		if st, out := e.api(http.MethodPost, "/api/v1/reports/"+id+"/issue", token, map[string]string{"number": "130/BC-SGDĐT"}); st != http.StatusOK || out["state"] != "issued" {
			t.Errorf("issue through the API = %d %v", st, out)
		}
		if st, _ := e.api(http.MethodGet, "/api/v1/reports/"+id+"/files/odt", token, nil); st != http.StatusNotFound {
			t.Errorf("an unknown format = %d", st)
		}
		req, _ := http.NewRequest(http.MethodGet, e.base+"/api/v1/reports/"+id+"/files/pdf", nil)
		req.Header.Set("Authorization", "Bearer "+token)
		if resp, err := http.DefaultClient.Do(req); err != nil || resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != "application/pdf" {
			t.Errorf("the API's PDF: %v %v", resp, err)
		}
		var audited int
		e.db.SQL().QueryRow(`SELECT COUNT(*) FROM audit_log WHERE action IN ('report.create', 'report.narrative', 'report.issue')`).Scan(&audited)
		if audited != 5+1+2 {
			t.Errorf("%d audit entries for reports, want 8", audited)
		}
		if regexp.MustCompile(`031095001234|0912345678`).MatchString(e.logs.String()) {
			t.Error("personal data in the logs")
		}
	})
}
