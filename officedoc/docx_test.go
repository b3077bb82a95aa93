package officedoc

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"math"
	"slices"
	"strings"
	"testing"
)

// unzip returns the parts of a DOCX by name.
func unzip(t *testing.T, data []byte) map[string][]byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("DOCX is not a zip file: %v", err)
	}
	parts := map[string][]byte{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		parts[f.Name] = b
	}
	return parts
}

func writeDOCX(t *testing.T, d Document) map[string][]byte {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteDOCX(&buf, d); err != nil {
		t.Fatalf("WriteDOCX: %v", err)
	}
	return unzip(t, buf.Bytes())
}

// wellFormed parses every XML part to its end.
func wellFormed(t *testing.T, parts map[string][]byte) {
	t.Helper()
	for name, data := range parts {
		dec := xml.NewDecoder(bytes.NewReader(data))
		for {
			_, err := dec.Token()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				t.Fatalf("%s is not well-formed XML: %v", name, err)
			}
		}
	}
}

// paragraphs returns the text of each w:p of a WordprocessingML part, line
// breaks as "\n".
func paragraphs(t *testing.T, data []byte) []string {
	t.Helper()
	var out []string
	var cur strings.Builder
	inText := false
	dec := xml.NewDecoder(bytes.NewReader(data))
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			return out
		}
		if err != nil {
			t.Fatal(err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			switch tok.Name.Local {
			case "p":
				cur.Reset()
			case "t":
				inText = true
			case "br":
				cur.WriteString("\n")
			}
		case xml.EndElement:
			switch tok.Name.Local {
			case "p":
				out = append(out, cur.String())
			case "t":
				inText = false
			}
		case xml.CharData:
			if inText {
				cur.Write(tok)
			}
		}
	}
}

func TestWriteDOCX(t *testing.T) {
	parts := writeDOCX(t, reportDocument())
	wellFormed(t, parts)
	var names []string
	for n := range parts {
		names = append(names, n)
	}
	slices.Sort(names)
	want := []string{"[Content_Types].xml", "_rels/.rels", "docProps/app.xml", "docProps/core.xml",
		"word/_rels/document.xml.rels", "word/document.xml", "word/header1.xml", "word/header2.xml",
		"word/settings.xml", "word/styles.xml"}
	if !slices.Equal(names, want) {
		t.Fatalf("parts = %q, want %q", names, want)
	}

	t.Run("texts", func(t *testing.T) {
		ps := paragraphs(t, parts["word/document.xml"])
		for _, want := range []string{
			fxParent, fxIssuer, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
			fxNumber, fxDate, fxKind, fxTitle, "STT", fxNumCell, "Nơi nhận:", fxRecip, fxLast,
			fxSigner1 + "\n" + fxSigner2, fxName,
		} {
			if !slices.Contains(ps, want) {
				t.Errorf("no paragraph %q in %q", want, ps)
			}
		}
		markup := slices.IndexFunc(ps, func(p string) bool { return strings.HasSuffix(p, fxMarkup) })
		if markup < 0 {
			t.Errorf("the text with markup did not survive literally: %q", ps)
		}
		if !bytes.Contains(parts["word/document.xml"], []byte("&lt;script&gt;")) {
			t.Error("markup in text is not escaped")
		}
	})

	t.Run("page setup", func(t *testing.T) {
		doc := string(parts["word/document.xml"])
		for _, want := range []string{
			`<w:pgSz w:w="11906" w:h="16838"/>`, // A4 in twips
			`<w:pgMar w:top="1134" w:right="850" w:bottom="1134" w:left="1701" w:header="567"`,
			`<w:titlePg/>`, `<w:headerReference w:type="default" r:id="rId4"/>`, `<w:headerReference w:type="first" r:id="rId5"/>`,
			`<w:tblHeader/>`,
		} {
			if !strings.Contains(doc, want) {
				t.Errorf("document.xml has no %s", want)
			}
		}
		if !strings.Contains(string(parts["word/header1.xml"]), "> PAGE <") {
			t.Error("header1.xml has no PAGE field")
		}
		styles := string(parts["word/styles.xml"])
		for _, want := range []string{`w:ascii="Times New Roman"`, `<w:sz w:val="28"/>`, `<w:lang w:val="vi-VN"`, `<w:ind w:firstLine="720"/>`, `<w:jc w:val="both"/>`} {
			if !strings.Contains(styles, want) {
				t.Errorf("styles.xml has no %s", want)
			}
		}
	})

	t.Run("properties", func(t *testing.T) {
		core := string(parts["docProps/core.xml"])
		for _, want := range []string{"<dc:title>" + fxTitle + "</dc:title>", "<dc:creator>" + fxIssuer + "</dc:creator>",
			`<dcterms:created xsi:type="dcterms:W3CDTF">2026-10-05T00:00:00Z</dcterms:created>`} {
			if !strings.Contains(core, want) {
				t.Errorf("core.xml has no %s", want)
			}
		}
	})

	t.Run("deterministic", func(t *testing.T) {
		var a, b bytes.Buffer
		if err := WriteDOCX(&a, reportDocument()); err != nil {
			t.Fatal(err)
		}
		if err := WriteDOCX(&b, reportDocument()); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a.Bytes(), b.Bytes()) {
			t.Error("two writes of one document differ")
		}
	})
}

// hostileDocuments are documents a careless or hostile caller could pass;
// both writers must turn each into a file without panicking.
func hostileDocuments() map[string]Document {
	docs := map[string]Document{}
	add := func(name string, change func(*Document)) {
		d := reportDocument()
		change(&d)
		docs[name] = d
	}
	add("empty body and no signer", func(d *Document) {
		d.Body, d.Recipients, d.SignerTitle, d.SignerName, d.Parent, d.Number = nil, nil, nil, "", "", ""
	})
	add("huge paragraph", func(d *Document) {
		d.Body = []Block{Paragraph{Text: strings.Repeat("Đẩy mạnh cải cách thủ tục hành chính. ", 2700)}} // 100 000 characters
	})
	add("huge word", func(d *Document) {
		d.Body = []Block{Paragraph{Text: strings.Repeat("Đ", 100_000)}, Table{Rows: [][]string{{strings.Repeat("x", 20_000), "1"}}}}
	})
	add("ragged and odd tables", func(d *Document) {
		d.Body = []Block{
			Table{Header: []string{"A"}, Rows: [][]string{{"1", "2", "3"}, nil, {"", ""}, {"x\ny\nz"}}},
			Table{Rows: [][]string{{"không có hàng tiêu đề"}}},
			Table{Header: []string{"chỉ có tiêu đề", "B"}},
			Table{},
			Table{Header: []string{"a", "b"}, Widths: []float64{1}, Align: []Align{AlignRight, AlignCenter, AlignLeft, 99}},
			Table{Rows: [][]string{{"1", "2", "3"}}, Align: []Align{99, -1}, Widths: []float64{math.NaN(), math.Inf(1), 0}},
			Table{Header: []string{"a", "b"}, Rows: [][]string{{"1", "2"}}, Widths: []float64{-1, 2}},
			Table{Header: slices.Repeat([]string{"cột"}, 60), Rows: [][]string{slices.Repeat([]string{"1.234"}, 60)}},
		}
	})
	add("tall header and tall row", func(d *Document) {
		d.Body = []Block{Table{
			Header: []string{strings.Repeat("tiêu đề rất dài ", 400), "B"},
			Rows:   [][]string{{strings.Repeat("nội dung ô rất dài ", 3000), "1"}, {"2", "3"}},
		}}
	})
	add("2000 rows", func(d *Document) {
		t := Table{Header: []string{"STT", "Nội dung", "Số liệu"}}
		for i := range 2000 {
			t.Rows = append(t.Rows, []string{strings.Repeat("9", i%7+1), "Hồ sơ tiếp nhận trực tuyến qua Cổng Dịch vụ công", "1.234"})
		}
		d.Body = []Block{t}
	})
	add("odd blocks", func(d *Document) {
		var nilP *Paragraph
		var nilT *Table
		d.Body = []Block{nil, nilP, nilT, &Heading{Level: -5, Text: "cấp âm"}, Heading{Level: 99, Text: "cấp 99"},
			Heading{Text: "  "}, Paragraph{Text: "\n\n\t"}, PageBreak{}, &PageBreak{}, &Paragraph{Text: "sau ngắt trang"},
			&Table{Header: []string{"x"}}}
	})
	add("control characters and invalid UTF-8", func(d *Document) {
		d.Title = "Tiêu đề \x00\x07\x1b[31m\xff\xfe \uFFFF \u2028 kết thúc"
		d.Issuer = strings.Repeat("SỞ GIÁO DỤC VÀ ĐÀO TẠO ", 30)
		d.SignerTitle = []string{"", "\x00"}
		d.Recipients = []string{"", "-", ";"}
		d.Body = []Block{Paragraph{Text: "]]><!-- --><?xml?>&#0;&lt; \"'"}}
	})
	return docs
}

func TestWriteDOCXHostile(t *testing.T) {
	for name, d := range hostileDocuments() {
		t.Run(name, func(t *testing.T) {
			wellFormed(t, writeDOCX(t, d))
		})
	}
}
