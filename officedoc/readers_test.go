package officedoc

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"codeberg.org/go-fonts/liberation/liberationserifbold"
	"codeberg.org/go-fonts/liberation/liberationserifbolditalic"
	"codeberg.org/go-fonts/liberation/liberationserifitalic"
	"codeberg.org/go-fonts/liberation/liberationserifregular"
)

// tool returns the path of an external program, skipping the test when it
// is missing, or failing it under CI=true, where CI must install it.
func tool(t *testing.T, name, pkg string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s is not on PATH; CI must install %s", name, pkg)
		}
		t.Skipf("%s is not on PATH", name)
	}
	return path
}

// convertDOCX converts a DOCX to PDF with LibreOffice in dir, with a
// private profile so that parallel runs do not clash, and returns the PDF's
// path. LibreOffice is given Liberation Serif from the Go module, so it sets
// "Times New Roman" with its metrics even where the system has neither font.
func convertDOCX(t *testing.T, docx []byte, dir string) string {
	t.Helper()
	soffice := tool(t, "soffice", "libreoffice-writer-nogui")
	fontDir := filepath.Join(dir, "fonts")
	if err := os.MkdirAll(fontDir, 0o700); err != nil {
		t.Fatal(err)
	}
	for name, ttf := range map[string][]byte{
		"LiberationSerif-Regular.ttf":    liberationserifregular.TTF,
		"LiberationSerif-Bold.ttf":       liberationserifbold.TTF,
		"LiberationSerif-Italic.ttf":     liberationserifitalic.TTF,
		"LiberationSerif-BoldItalic.ttf": liberationserifbolditalic.TTF,
	} {
		if err := os.WriteFile(filepath.Join(fontDir, name), ttf, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	conf := filepath.Join(dir, "fonts.conf")
	if err := os.WriteFile(conf, []byte(`<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <dir>`+fontDir+`</dir>
  <cachedir>`+filepath.Join(dir, "fontcache")+`</cachedir>
  <alias binding="same"><family>Times New Roman</family><prefer><family>Liberation Serif</family></prefer></alias>
</fontconfig>
`), 0o600); err != nil {
		t.Fatal(err)
	}
	in := filepath.Join(dir, "van-ban.docx")
	if err := os.WriteFile(in, docx, 0o600); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out")
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, soffice, "-env:UserInstallation=file://"+filepath.Join(dir, "profile"),
		"--headless", "--convert-to", "pdf", "--outdir", out, in)
	cmd.Env = append(os.Environ(), "HOME="+dir, "FONTCONFIG_FILE="+conf)
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, msg)
	}
	pdf := filepath.Join(out, "van-ban.pdf")
	if _, err := os.Stat(pdf); err != nil {
		t.Fatalf("soffice wrote no PDF: %v", err)
	}
	return pdf
}

// pdfText is the text pdftotext reads from a PDF file, with runs of white
// space made single (lines wrap differently in each renderer).
func pdfText(t *testing.T, path string) string {
	t.Helper()
	out, err := exec.Command(tool(t, "pdftotext", "poppler-utils"), "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return strings.Join(strings.Fields(string(out)), " ")
}

// pdfInfo returns pdfinfo's fields of a PDF file.
func pdfInfo(t *testing.T, path string) map[string]string {
	t.Helper()
	out, err := exec.Command(tool(t, "pdfinfo", "poppler-utils"), "-enc", "UTF-8", path).Output()
	if err != nil {
		t.Fatalf("pdfinfo: %v", err)
	}
	info := map[string]string{}
	for _, ln := range strings.Split(string(out), "\n") {
		if k, v, ok := strings.Cut(ln, ":"); ok {
			info[k] = strings.TrimSpace(v)
		}
	}
	return info
}

// wantTexts are the fixture's texts every reader must find, in order.
var wantTexts = []string{
	fxParent, fxIssuer, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
	fxNumber, fxDate, fxKind, fxTitle, fxPhrase, fxNumCell,
	`<script>alert("x")</script> & 'trích dẫn' <w:t>không phải thẻ</w:t>`,
	"Nơi nhận:", fxRecip, fxLast, fxSigner1, fxSigner2, fxName,
}

func checkTexts(t *testing.T, text string) {
	t.Helper()
	for _, want := range wantTexts {
		if !strings.Contains(text, want) {
			t.Errorf("text has no %q", want)
		}
	}
	if t.Failed() {
		t.Logf("text read:\n%s", text)
	}
}

// checkA4 checks every page is A4 portrait (595 × 842 pt) and there are
// pages pages.
func checkA4(t *testing.T, path string, pages string) {
	t.Helper()
	info := pdfInfo(t, path)
	size := regexp.MustCompile(`^(\d+(?:\.\d+)?) x (\d+(?:\.\d+)?) pts`).FindStringSubmatch(info["Page size"])
	if size == nil || !near(size[1], 595.3) || !near(size[2], 841.9) {
		t.Errorf("page size = %q, want A4 (595.28 x 841.89 pts)", info["Page size"])
	}
	if pages != "" && info["Pages"] != pages {
		t.Errorf("pages = %s, want %s", info["Pages"], pages)
	}
}

func near(s string, want float64) bool {
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return false
	}
	return v > want-1 && v < want+1
}

// TestDOCXLibreOffice opens the DOCX in LibreOffice, prints it to PDF and
// reads the PDF back.
func TestDOCXLibreOffice(t *testing.T) {
	tool(t, "soffice", "libreoffice-writer-nogui")
	var buf bytes.Buffer
	if err := WriteDOCX(&buf, reportDocument()); err != nil {
		t.Fatal(err)
	}
	pdf := convertDOCX(t, buf.Bytes(), t.TempDir())
	checkTexts(t, pdfText(t, pdf))
	checkA4(t, pdf, "")
}

// TestPDFReaders reads the PDF of WritePDF with poppler.
func TestPDFReaders(t *testing.T) {
	var buf bytes.Buffer
	if err := WritePDF(&buf, reportDocument()); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "van-ban.pdf")
	if err := os.WriteFile(path, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	checkTexts(t, pdfText(t, path))
	checkA4(t, path, "")
	info := pdfInfo(t, path)
	if got := info["Title"]; got != fxTitle {
		t.Errorf("title = %q, want %q", got, fxTitle)
	}
	if got := info["Author"]; got != fxIssuer {
		t.Errorf("author = %q, want %q", got, fxIssuer)
	}
}

// pdfPages is the text of each page of a PDF file, white space made single.
func pdfPages(t *testing.T, path string) []string {
	t.Helper()
	out, err := exec.Command(tool(t, "pdftotext", "poppler-utils"), "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	pages := strings.Split(string(out), "\f")
	if len(pages) > 0 && strings.TrimSpace(pages[len(pages)-1]) == "" {
		pages = pages[:len(pages)-1]
	}
	for i, p := range pages {
		pages[i] = strings.Join(strings.Fields(p), " ")
	}
	return pages
}

// checkPages checks a long document's pages: about forty, numbered at the
// top from page 2, the table's header row on every page the table is on.
func checkPages(t *testing.T, path string) {
	t.Helper()
	pages := pdfPages(t, path)
	if len(pages) < 30 || len(pages) > 60 {
		t.Errorf("%d pages, want about 40", len(pages))
	}
	if strings.HasPrefix(pages[0], "1 ") {
		t.Errorf("page 1 is numbered: %.80q", pages[0])
	}
	tablePages := 0
	for i, p := range pages[1:] {
		n := strconv.Itoa(i + 2)
		if !strings.HasPrefix(p, n+" ") {
			t.Errorf("page %s does not start with its number: %.80q", n, p)
		}
		if strings.Contains(p, "quy trình nội bộ") {
			tablePages++
			for _, h := range []string{"STT", "Đơn vị", "Nội dung công việc", "Kết quả", "Số liệu"} {
				if !strings.Contains(p, h) {
					t.Errorf("page %s of the table has no header %q: %.200q", n, h, p)
				}
			}
		}
	}
	if tablePages < 5 {
		t.Errorf("the table is on %d pages, want at least 5", tablePages)
	}
	if last := pages[len(pages)-1]; !strings.Contains(last, fxName) {
		t.Errorf("the last page has no signer: %.200q", last)
	}
}

// TestReadersLongDocument checks page numbers and repeated table headers in
// the PDF of WritePDF and in LibreOffice's rendering of the DOCX.
func TestReadersLongDocument(t *testing.T) {
	d := longDocument()
	t.Run("PDF", func(t *testing.T) {
		tool(t, "pdftotext", "poppler-utils")
		var buf bytes.Buffer
		if err := WritePDF(&buf, d); err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(t.TempDir(), "dai.pdf")
		if err := os.WriteFile(path, buf.Bytes(), 0o600); err != nil {
			t.Fatal(err)
		}
		checkPages(t, path)
		checkA4(t, path, "")
	})
	t.Run("DOCX", func(t *testing.T) {
		tool(t, "soffice", "libreoffice-writer-nogui")
		var buf bytes.Buffer
		if err := WriteDOCX(&buf, d); err != nil {
			t.Fatal(err)
		}
		path := convertDOCX(t, buf.Bytes(), t.TempDir())
		checkPages(t, path)
		checkA4(t, path, "")
	})
}
