package officedoc

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// TestWriteSample writes sample.docx, sample.pdf and sample-1.png (page 1 of
// the PDF) of the report fixture into $OFFICEDOC_SAMPLE_DIR for a person to
// look at; LibreOffice's rendering of the DOCX goes to sample-docx.pdf and
// sample-docx-1.png when soffice is installed.
func TestWriteSample(t *testing.T) {
	dir := os.Getenv("OFFICEDOC_SAMPLE_DIR")
	if dir == "" {
		t.Skip("set OFFICEDOC_SAMPLE_DIR to write sample files")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	d := reportDocument()
	if os.Getenv("OFFICEDOC_SAMPLE_LONG") != "" {
		d = longDocument()
	}
	var docx, pdf bytes.Buffer
	if err := WriteDOCX(&docx, d); err != nil {
		t.Fatal(err)
	}
	if err := WritePDF(&pdf, d); err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string][]byte{"sample.docx": docx.Bytes(), "sample.pdf": pdf.Bytes()} {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	run := func(name string, args ...string) {
		t.Helper()
		if _, err := exec.LookPath(name); err != nil {
			t.Logf("%s not installed: skipped", name)
			return
		}
		if out, err := exec.CommandContext(ctx, name, args...).CombinedOutput(); err != nil {
			t.Errorf("%s: %v\n%s", name, err, out)
		}
	}
	run("pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", filepath.Join(dir, "sample.pdf"), filepath.Join(dir, "sample"))
	if _, err := exec.LookPath("soffice"); err == nil {
		out := t.TempDir()
		if pdfOut := convertDOCX(t, docx.Bytes(), out); pdfOut != "" {
			data, err := os.ReadFile(pdfOut)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, "sample-docx.pdf"), data, 0o644); err != nil {
				t.Fatal(err)
			}
			run("pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", pdfOut, filepath.Join(dir, "sample-docx"))
		}
	}
	t.Logf("wrote samples to %s", dir)
}
