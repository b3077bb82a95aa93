package result

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hpdoet/cchc"
	"github.com/hpdoet/cchc/report"
)

func TestRenderText(t *testing.T) {
	text := pdfText(t, signedFixture(t).pdf)
	for _, want := range []string{
		"UBND THÀNH PHỐ HẢI PHÒNG",
		"SỞ GIÁO DỤC VÀ ĐÀO TẠO",
		"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
		"Độc lập - Tự do - Hạnh phúc",
		"Số: " + testResult,
		"Hải Phòng, ngày 20 tháng 02 năm 2026",
		"QUYẾT ĐỊNH",
		"Về việc cấp bản sao bằng tốt nghiệp trung học phổ thông từ sổ gốc",
		"Mã hồ sơ: " + testDossier,
		"Cấp bản sao văn bằng, chứng chỉ từ sổ gốc",
		"Nguyễn Thị Hồng Nhung",
		"Số định danh cá nhân: *********234",
		"Điều 2. Quyết định có hiệu lực kể từ ngày ký.",
		"KT. GIÁM ĐỐC",
		"PHÓ GIÁM ĐỐC",
		"Lê Thị Thu Hà",
		"Nơi nhận:",
		"- Lưu: VT, QLCL.",
		VerifyNote,
		testURL,
	} {
		if !strings.Contains(text, want) {
			t.Errorf("text lacks %q\n--- pdftotext ---\n%s", want, text)
		}
	}
	// Personal data minimisation: the full identity number is not printed.
	if strings.Contains(text, testID) {
		t.Errorf("text holds the unmasked identity number %s", testID)
	}
	// The result code is printed under the QR code as well as in "Số:".
	if n := strings.Count(text, testResult); n < 3 {
		t.Errorf("result code printed %d times, want at least 3 (number line, QR caption, URL)", n)
	}
}

func TestRenderInfo(t *testing.T) {
	bin := tool(t, "pdfinfo", "poppler-utils")
	out := run(t, bin, "-enc", "UTF-8", tempFile(t, "r.pdf", signedFixture(t).unsigned))
	for _, want := range []string{
		"Title:           Quyết định - " + testResult,
		"Pages:           1",
		"Page size:       595.28 x 841.89 pts (A4)",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("pdfinfo lacks %q\n%s", want, out)
		}
	}
}

// TestRenderQR decodes the QR code of the signed result. With RESULT_PNG_DIR
// set, the rendered page is kept there for a person to look at.
func TestRenderQR(t *testing.T) {
	ppm := tool(t, "pdftoppm", "poppler-utils")
	zbar := tool(t, "zbarimg", "zbar-tools")
	prefix := filepath.Join(t.TempDir(), "page")
	run(t, ppm, "-png", "-r", "150", "-f", "1", "-l", "1", "-singlefile", tempFile(t, "r.pdf", signedFixture(t).pdf), prefix)
	if dir := os.Getenv("RESULT_PNG_DIR"); dir != "" {
		if b, err := os.ReadFile(prefix + ".png"); err == nil {
			_ = os.WriteFile(filepath.Join(dir, "result.png"), b, 0o644)
		}
	}
	codes := strings.Fields(run(t, zbar, "--raw", "-q", prefix+".png"))
	if len(codes) != 1 || codes[0] != testURL {
		t.Errorf("QR codes = %q, want [%q]", codes, testURL)
	}
}

func TestRenderDeterministic(t *testing.T) {
	a, b := render(t, fixture()), render(t, fixture())
	if !bytes.Equal(a, b) {
		t.Fatal("two renderings of the same document differ")
	}
	// fpdf writes no offset, which readers take as UTC: 09:00 in Hải Phòng.
	if !bytes.Contains(a, []byte("/CreationDate (D:20260220020000)")) {
		t.Error("creation date is not the issue date (in UTC)")
	}
	d := fixture()
	d.IssuedAt = d.IssuedAt.Add(24 * time.Hour)
	if bytes.Equal(a, render(t, d)) {
		t.Error("another issue date gives the same file")
	}
}

func TestRenderLong(t *testing.T) {
	d := fixture()
	para := "Điều 3. Chánh Văn phòng, Trưởng phòng Quản lý chất lượng, Thủ trưởng các đơn vị có liên quan và bà Nguyễn Thị Hồng Nhung chịu trách nhiệm thi hành Quyết định này."
	d.DecisionText += strings.Repeat("\n"+para, 25)
	pdf := render(t, d)
	text := pdfText(t, pdf)
	for _, want := range []string{"Lê Thị Thu Hà", VerifyNote, testResult} {
		if !strings.Contains(text, want) {
			t.Errorf("long result lacks %q", want)
		}
	}
	bin := tool(t, "pdfinfo", "poppler-utils")
	if out := run(t, bin, tempFile(t, "r.pdf", pdf)); strings.Contains(out, "Pages:           1\n") {
		t.Errorf("a long result fits on one page?\n%s", out)
	}
}

func TestRenderDefaults(t *testing.T) {
	d := fixture()
	d.Agency = report.Agency{Parent: "UBND THÀNH PHỐ HẢI PHÒNG", Name: "Sở Giáo dục và Đào tạo", Unit: "Phòng Quản lý chất lượng"}
	d.Title = "Giấy chứng nhận"
	d.Summary = ""
	d.Recipients = nil
	d.Place = "Thủy Nguyên"
	text := pdfText(t, render(t, d))
	for _, want := range []string{"PHÒNG QUẢN LÝ CHẤT LƯỢNG", "Giấy chứng nhận", "Thủy Nguyên, ngày 20 tháng 02 năm 2026"} {
		if !strings.Contains(text, want) {
			t.Errorf("text lacks %q\n%s", want, text)
		}
	}
	if strings.Contains(text, "Nơi nhận") {
		t.Error("\"Nơi nhận\" printed without recipients")
	}
}

func TestRenderRefusesBadInput(t *testing.T) {
	tests := []struct {
		name  string
		edit  func(*Document)
		field string
	}{
		{"no holder", func(d *Document) { d.Holder = " " }, "holder"},
		{"no body", func(d *Document) { d.DecisionText = "" }, "decision_text"},
		{"no issue date", func(d *Document) { d.IssuedAt = time.Time{} }, "issued_at"},
		{"no signer", func(d *Document) { d.SignerName = "" }, "signer_name"},
		{"malformed result code", func(d *Document) { d.ResultCode = testDossier + "-KQ0" }, "result_code"},
		{"result code of another dossier", func(d *Document) { d.ResultCode = "000.00.31.H26-260213-0043-KQ1" }, "result_code"},
		{"unmasked identity number", func(d *Document) { d.HolderDetails[1].Value = testID }, "holder_details[1]"},
		{"unmasked phone number", func(d *Document) {
			d.HolderDetails = append(d.HolderDetails, Detail{Label: "Điện thoại", Value: "0912 345 678"})
		}, "holder_details[2]"},
		{"relative URL", func(d *Document) { d.VerifyURL = "/xac-thuc/" + testResult }, "verify_url"},
		{"URL too long for the QR code", func(d *Document) { d.VerifyURL = testURL + "?" + strings.Repeat("x", 300) }, "verify_url"},
		{"line break in the holder", func(d *Document) { d.Holder = "Nguyễn\nNhung" }, "text"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := fixture()
			d.HolderDetails = append([]Detail(nil), d.HolderDetails...)
			tc.edit(&d)
			var buf bytes.Buffer
			err := Render(&buf, d)
			if got := cchc.ErrorCode(err); got != cchc.EINVALID {
				t.Fatalf("error code = %q (%v), want EINVALID", got, err)
			}
			if msg := cchc.ErrorFields(err)[tc.field]; msg == "" {
				t.Errorf("no message for field %q: %v", tc.field, cchc.ErrorFields(err))
			}
			if buf.Len() != 0 {
				t.Errorf("wrote %d bytes for an invalid document", buf.Len())
			}
		})
	}
}

func TestMaskID(t *testing.T) {
	tests := []struct{ in, want string }{
		{"031308001234", "*********234"},
		{" 031 308 001 234 ", "*** *** *** 234"},
		{"B1234567", "B****567"},
		{"123", "***"},
		{"", ""},
	}
	for _, tc := range tests {
		if got := MaskID(tc.in); got != tc.want {
			t.Errorf("MaskID(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestDateLine(t *testing.T) {
	tests := []struct {
		at   time.Time
		want string
	}{
		{vn(2026, 2, 5, 8, 0), "Hải Phòng, ngày 05 tháng 02 năm 2026"},
		{vn(2026, 11, 28, 8, 0), "Hải Phòng, ngày 28 tháng 11 năm 2026"},
		{vn(2026, 3, 1, 8, 0), "Hải Phòng, ngày 01 tháng 3 năm 2026"},
		// 20:00 UTC on 31 December is already 1 January in Hải Phòng.
		{time.Date(2025, 12, 31, 20, 0, 0, 0, time.UTC), "Hải Phòng, ngày 01 tháng 01 năm 2026"},
	}
	for _, tc := range tests {
		if got := report.PlaceDate("Hải Phòng", tc.at); got != tc.want {
			t.Errorf("PlaceDate(%v) = %q, want %q", tc.at, got, tc.want)
		}
	}
}
