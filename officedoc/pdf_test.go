package officedoc

import (
	"bytes"
	"testing"
)

func TestWritePDF(t *testing.T) {
	var a, b bytes.Buffer
	if err := WritePDF(&a, reportDocument()); err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(a.Bytes(), []byte("%PDF-")) {
		t.Fatalf("output starts %q, want a PDF", a.Bytes()[:min(a.Len(), 16)])
	}
	if err := WritePDF(&b, reportDocument()); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("two writes of one document differ")
	}
}

func TestWritePDFHostile(t *testing.T) {
	for name, d := range hostileDocuments() {
		t.Run(name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := WritePDF(&buf, d); err != nil {
				t.Fatalf("WritePDF: %v", err)
			}
			if !bytes.HasPrefix(buf.Bytes(), []byte("%PDF-")) || !bytes.Contains(buf.Bytes()[max(buf.Len()-1024, 0):], []byte("%%EOF")) {
				t.Error("output is not a complete PDF")
			}
		})
	}
}
