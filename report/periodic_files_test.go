package report

import (
	"bytes"
	"context"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hpdoet/cchc/officedoc"
)

// pfTool returns the path of an external program, skipping the test when
// it is missing, or failing it under CI=true, where CI must install it.
func pfTool(t *testing.T, name, pkg string) string {
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

// pfPDFText is the text pdftotext reads from a PDF, white space made single.
func pfPDFText(t *testing.T, path string) string {
	t.Helper()
	out, err := exec.Command(pfTool(t, "pdftotext", "poppler-utils"), "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return strings.Join(strings.Fields(string(out)), " ")
}

// pfSoffice converts file in with LibreOffice to format into dir/out, with
// a private profile, and returns the output directory.
func pfSoffice(t *testing.T, in, format string) string {
	t.Helper()
	soffice := pfTool(t, "soffice", "libreoffice-writer-nogui and libreoffice-calc-nogui")
	dir := filepath.Dir(in)
	out := filepath.Join(dir, "out")
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, soffice, "-env:UserInstallation=file://"+filepath.Join(dir, "profile"), "--headless",
		"--convert-to", format, "--outdir", out, in)
	cmd.Env = append(os.Environ(), "HOME="+dir)
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, msg)
	}
	return out
}

func TestPeriodicOfficeFiles(t *testing.T) {
	p := periodicFixture(t)
	p.Number = "125/BC-SGDĐT"
	d := buildPeriodic(t, p)
	var docx, pdf bytes.Buffer
	if err := officedoc.WriteDOCX(&docx, d); err != nil {
		t.Fatalf("WriteDOCX: %v", err)
	}
	if err := officedoc.WritePDF(&pdf, d); err != nil {
		t.Fatalf("WritePDF: %v", err)
	}
	want := []string{"BÁO CÁO", pfTitle, "Số: 125/BC-SGDĐT", "Hải Phòng, ngày 05 tháng 10 năm 2026",
		"I. KẾT QUẢ THỰC HIỆN", "6. Xây dựng và phát triển Chính phủ điện tử, Chính phủ số", "1.234", "99,2%", "Có nguy cơ không đạt",
		"Chưa đo được", "2150/QĐ", // pdftotext drops a hyphen that ends a line
		"VI. NHIỆM VỤ TRỌNG TÂM QUÝ IV NĂM 2026", pfSigner}
	check := func(t *testing.T, text string) {
		t.Helper()
		for _, w := range want {
			if !strings.Contains(text, w) {
				t.Errorf("text has no %q", w)
			}
		}
		if t.Failed() {
			t.Logf("text:\n%.3000s", text)
		}
	}
	t.Run("PDF", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "bao-cao.pdf")
		if err := os.WriteFile(path, pdf.Bytes(), 0o600); err != nil {
			t.Fatal(err)
		}
		check(t, pfPDFText(t, path))
	})
	t.Run("DOCX in LibreOffice", func(t *testing.T) {
		pfTool(t, "soffice", "libreoffice-writer-nogui")
		in := filepath.Join(t.TempDir(), "bao-cao.docx")
		if err := os.WriteFile(in, docx.Bytes(), 0o600); err != nil {
			t.Fatal(err)
		}
		out := pfSoffice(t, in, "pdf")
		check(t, pfPDFText(t, filepath.Join(out, "bao-cao.pdf")))
	})
}

// BenchmarkPeriodic builds the year report with all 53 tasks assigned and
// 22 procedures: the document and the XLSX appendix.
func BenchmarkPeriodic(b *testing.B) {
	p := yearFixture(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := PeriodicDocument(p); err != nil {
			b.Fatal(err)
		}
		if err := WritePeriodicXLSX(io.Discard, p); err != nil {
			b.Fatal(err)
		}
	}
}

// TestPeriodicSample writes report.docx, report.pdf, report.xlsx and
// report-1.png (page 1 of the PDF) of the quarterly fixture, and the same
// of the year report as year.*, into $PERIODIC_SAMPLE_DIR for a person to
// look at.
func TestPeriodicSample(t *testing.T) {
	dir := os.Getenv("PERIODIC_SAMPLE_DIR")
	if dir == "" {
		t.Skip("set PERIODIC_SAMPLE_DIR to write sample files")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	quarter := periodicFixture(t)
	quarter.Number = "125/BC-SGDĐT"
	for name, p := range map[string]Periodic{"report": quarter, "year": yearFixture(t)} {
		d := buildPeriodic(t, p)
		var docx, pdf, xlsx bytes.Buffer
		if err := officedoc.WriteDOCX(&docx, d); err != nil {
			t.Fatal(err)
		}
		if err := officedoc.WritePDF(&pdf, d); err != nil {
			t.Fatal(err)
		}
		if err := WritePeriodicXLSX(&xlsx, p); err != nil {
			t.Fatal(err)
		}
		for ext, data := range map[string][]byte{".docx": docx.Bytes(), ".pdf": pdf.Bytes(), ".xlsx": xlsx.Bytes()} {
			if err := os.WriteFile(filepath.Join(dir, name+ext), data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		cmd := exec.Command(pfTool(t, "pdftoppm", "poppler-utils"), "-png", "-r", "80", "-f", "1", "-l", "1",
			filepath.Join(dir, name+".pdf"), filepath.Join(dir, name))
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Errorf("pdftoppm: %v\n%s", err, out)
		}
	}
	t.Logf("wrote samples to %s", dir)
}
