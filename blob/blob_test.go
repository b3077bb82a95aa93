package blob

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"path/filepath"
	"testing"
)

func zipWith(t *testing.T, name string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.Create(name)
	if err != nil {
		t.Fatal(err)
	}
	w.Write([]byte("<x/>"))
	zw.Close()
	return buf.Bytes()
}

func TestDetect(t *testing.T) {
	for _, tc := range []struct {
		name string
		data []byte
		want Type
		ok   bool
	}{
		{"pdf", []byte("%PDF-1.7\n..."), PDF, true},
		{"png", []byte("\x89PNG\r\n\x1a\n...."), PNG, true},
		{"jpeg", []byte{0xFF, 0xD8, 0xFF, 0xE0, 0, 0}, JPEG, true},
		{"docx", zipWith(t, "word/document.xml"), DOCX, true},
		{"xlsx", zipWith(t, "xl/workbook.xml"), XLSX, true},
		{"plain zip", zipWith(t, "hello.txt"), Type{}, false},
		{"broken zip", []byte("PK\x03\x04garbage"), Type{}, false},
		{"exe renamed pdf", []byte("MZ\x90\x00"), Type{}, false},
		{"html", []byte("<html><script>alert(1)</script>"), Type{}, false},
		{"empty", nil, Type{}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Detect(tc.data)
			if (err == nil) != tc.ok || got != tc.want {
				t.Errorf("Detect = %v, %v; want %v, ok=%v", got, err, tc.want, tc.ok)
			}
		})
	}
}

func TestStore(t *testing.T) {
	s := &Store{Dir: t.TempDir()}
	sum, err := s.Put([]byte("%PDF-1.7 minh chứng"))
	if err != nil {
		t.Fatal(err)
	}
	sum2, err := s.Put([]byte("%PDF-1.7 minh chứng"))
	if err != nil || sum2 != sum {
		t.Fatalf("second Put = %q, %v; want %q", sum2, err, sum)
	}
	files, _ := filepath.Glob(filepath.Join(s.Dir, "*", "*"))
	if len(files) != 1 {
		t.Errorf("store holds %d files, want 1 (deduplicated): %v", len(files), files)
	}
	f, err := s.Open(sum)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	got, _ := io.ReadAll(f)
	if string(got) != "%PDF-1.7 minh chứng" {
		t.Errorf("read back %q", got)
	}
	if _, err := s.Open("../../etc/passwd"); err == nil {
		t.Error("Open accepted a path instead of a hash")
	}
	if _, err := os.Stat(filepath.Join(s.Dir, sum[:2], sum)); err != nil {
		t.Errorf("file not stored by hash: %v", err)
	}
}
