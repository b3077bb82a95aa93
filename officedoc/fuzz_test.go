package officedoc

import (
	"archive/zip"
	"bytes"
	"testing"
)

// FuzzWrite feeds arbitrary text to every field kind of both writers: they
// must not panic, and the DOCX must stay well-formed.
func FuzzWrite(f *testing.F) {
	f.Add("Kết quả", "Đẩy mạnh <b>&amp;</b>", "1.234", 2)
	f.Add("Tiêu đề\x00", "\xff\n\n\u202e", "", -1)
	f.Add("\t\u00a0T", "a\u0301\u0323", "x\ny", 7)
	f.Fuzz(func(t *testing.T, title, text, cell string, level int) {
		d := reportDocument()
		d.Title = title
		d.Body = []Block{Heading{Level: level, Text: text}, Paragraph{Text: text},
			Table{Header: []string{cell, text}, Rows: [][]string{{cell}, {text, cell, title}}}}
		d.Recipients = []string{text}
		d.SignerName = cell
		var docx, pdf bytes.Buffer
		errD, errP := WriteDOCX(&docx, d), WritePDF(&pdf, d)
		if (errD == nil) != (errP == nil) {
			t.Fatalf("WriteDOCX = %v but WritePDF = %v", errD, errP)
		}
		if errD != nil {
			return
		}
		zr, err := zip.NewReader(bytes.NewReader(docx.Bytes()), int64(docx.Len()))
		if err != nil {
			t.Fatal(err)
		}
		for _, zf := range zr.File {
			rc, err := zf.Open()
			if err != nil {
				t.Fatal(err)
			}
			var b bytes.Buffer
			_, _ = b.ReadFrom(rc)
			rc.Close()
			wellFormed(t, map[string][]byte{zf.Name: b.Bytes()})
		}
	})
}
