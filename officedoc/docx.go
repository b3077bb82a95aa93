package officedoc

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/go-pdf/fpdf"
)

// WriteDOCX writes d as a Word document (Office Open XML, .docx) that Word
// and LibreOffice open. It validates d first and writes nothing when d is
// invalid (an EINVALID *cchc.Error) or the document cannot be built. The
// same d gives the same bytes.
func WriteDOCX(w io.Writer, d Document) error {
	if err := d.Validate(); err != nil {
		return err
	}
	f := newFonts(fpdf.New("P", "mm", "A4", ""), "", "B")
	l := newLayout(d, &fonts{f: f})
	if err := f.Error(); err != nil {
		return fmt.Errorf("officedoc: measuring text: %w", err)
	}
	parts := []struct {
		name string
		data []byte
	}{
		{"[Content_Types].xml", []byte(contentTypesXML)},
		{"_rels/.rels", []byte(packageRelsXML)},
		{"docProps/core.xml", coreXML(l)},
		{"docProps/app.xml", []byte(appXML)},
		{"word/_rels/document.xml.rels", []byte(documentRelsXML)},
		{"word/document.xml", documentXML(l)},
		{"word/styles.xml", []byte(stylesXML)},
		{"word/settings.xml", []byte(settingsXML)},
		{"word/header1.xml", []byte(pageNumberHeaderXML)},
		{"word/header2.xml", []byte(emptyHeaderXML)},
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	// A fixed time in every entry keeps the output deterministic.
	stamp := time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, p := range parts {
		fw, err := zw.CreateHeader(&zip.FileHeader{Name: p.name, Method: zip.Deflate, Modified: stamp})
		if err != nil {
			return fmt.Errorf("officedoc: adding %s: %w", p.name, err)
		}
		if _, err := fw.Write(p.data); err != nil {
			return fmt.Errorf("officedoc: writing %s: %w", p.name, err)
		}
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("officedoc: closing DOCX: %w", err)
	}
	if _, err := w.Write(buf.Bytes()); err != nil {
		return fmt.Errorf("officedoc: writing DOCX: %w", err)
	}
	return nil
}

// twips converts millimetres to twentieths of a point.
func twips(mm float64) string { return strconv.Itoa(int(math.Round(mm * 1440 / 25.4))) }

// ptTwips converts points to twentieths of a point.
func ptTwips(pt float64) string { return strconv.Itoa(int(math.Round(pt * 20))) }

// wml builds WordprocessingML. Elements are written in the order the schema
// requires: Word refuses files that break it.
type wml struct{ bytes.Buffer }

// text writes s escaped as XML character data.
func (x *wml) text(s string) { _ = xml.EscapeText(x, []byte(s)) }

// para is the formatting of one paragraph and its one run.
type para struct {
	style         string
	keepNext      bool
	rule          bool    // a bottom border: the empty paragraph draws a rule
	before, after float64 // points; 0: from the style
	indL, indR    float64 // millimetres
	jc            string  // "both", "center", "left", "right"; "": from the style
	bold, italic  bool
	size          float64 // points; 0: from the style
}

// p writes a paragraph whose lines are separated by line breaks; with no
// lines it is empty.
func (x *wml) p(f para, lines ...string) {
	x.WriteString("<w:p><w:pPr>")
	if f.style != "" {
		x.WriteString(`<w:pStyle w:val="` + f.style + `"/>`)
	}
	if f.keepNext {
		x.WriteString("<w:keepNext/>")
	}
	if f.rule {
		x.WriteString(`<w:pBdr><w:bottom w:val="single" w:sz="6" w:space="1" w:color="000000"/></w:pBdr>`)
	}
	if f.before > 0 || f.after > 0 {
		x.WriteString(`<w:spacing w:before="` + ptTwips(f.before) + `" w:after="` + ptTwips(f.after) + `"/>`)
	}
	if f.indL > 0 || f.indR > 0 {
		x.WriteString(`<w:ind w:left="` + twips(f.indL) + `" w:right="` + twips(f.indR) + `"/>`)
	}
	if f.jc != "" {
		x.WriteString(`<w:jc w:val="` + f.jc + `"/>`)
	}
	rpr := x.rPr(f)
	x.WriteString(rpr)
	x.WriteString("</w:pPr>")
	if len(lines) > 0 {
		x.WriteString("<w:r>" + rpr)
		for i, ln := range lines {
			if i > 0 {
				x.WriteString("<w:br/>")
			}
			x.WriteString(`<w:t xml:space="preserve">`)
			x.text(ln)
			x.WriteString("</w:t>")
		}
		x.WriteString("</w:r>")
	}
	x.WriteString("</w:p>")
}

// rPr is the run properties of f, or "" when it has none.
func (x *wml) rPr(f para) string {
	var s strings.Builder
	if f.bold {
		s.WriteString("<w:b/><w:bCs/>")
	}
	if f.italic {
		s.WriteString("<w:i/><w:iCs/>")
	}
	if f.size > 0 {
		hp := strconv.Itoa(int(math.Round(f.size * 2)))
		s.WriteString(`<w:sz w:val="` + hp + `"/><w:szCs w:val="` + hp + `"/>`)
	}
	if s.Len() == 0 {
		return ""
	}
	return "<w:rPr>" + s.String() + "</w:rPr>"
}

// rule writes a horizontal rule of length mm centred in a column colW wide:
// the bottom border of a small empty paragraph indented to that length,
// whose height (and the border's 1 pt offset) puts the rule about ruleGap
// under the text above.
func (x *wml) rule(colW, length, after float64) {
	in := max(colW-length, 0) / 2
	x.p(para{rule: true, after: after, indL: in, indR: in, size: (ruleGap/ptMM - 1) / lineEm})
}

// tbl opens a table of columns widths wide; ruled draws all its borders.
func (x *wml) tbl(widths []float64, ruled bool) {
	total := 0.0
	for _, w := range widths {
		total += w
	}
	x.WriteString(`<w:tbl><w:tblPr><w:tblW w:w="` + twips(total) + `" w:type="dxa"/>`)
	if ruled {
		x.WriteString("<w:tblBorders>")
		for _, side := range []string{"top", "left", "bottom", "right", "insideH", "insideV"} {
			x.WriteString(`<w:` + side + ` w:val="single" w:sz="4" w:space="0" w:color="000000"/>`)
		}
		x.WriteString(`</w:tblBorders><w:tblLayout w:type="fixed"/><w:tblCellMar>` +
			`<w:top w:w="` + twips(cellPadY) + `" w:type="dxa"/><w:left w:w="` + twips(cellPadX) + `" w:type="dxa"/>` +
			`<w:bottom w:w="` + twips(cellPadY) + `" w:type="dxa"/><w:right w:w="` + twips(cellPadX) + `" w:type="dxa"/></w:tblCellMar>`)
	} else {
		x.WriteString(`<w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="0" w:type="dxa"/><w:right w:w="0" w:type="dxa"/></w:tblCellMar>`)
	}
	x.WriteString(`<w:tblLook w:val="0000"/></w:tblPr><w:tblGrid>`)
	for _, w := range widths {
		x.WriteString(`<w:gridCol w:w="` + twips(w) + `"/>`)
	}
	x.WriteString("</w:tblGrid>")
}

// tr opens a table row; header rows repeat on each page, and neither they
// nor keep rows split across pages.
func (x *wml) tr(header, keep bool) {
	x.WriteString("<w:tr>")
	if header || keep {
		x.WriteString("<w:trPr><w:cantSplit/>")
		if header {
			x.WriteString("<w:tblHeader/>")
		}
		x.WriteString("</w:trPr>")
	}
}

// tc opens a table cell w millimetres wide.
func (x *wml) tc(w float64, vcenter bool) {
	x.WriteString(`<w:tc><w:tcPr><w:tcW w:w="` + twips(w) + `" w:type="dxa"/>`)
	if vcenter {
		x.WriteString(`<w:vAlign w:val="center"/>`)
	}
	x.WriteString("</w:tcPr>")
}

// documentXML is word/document.xml: the header block, the title, the body,
// the recipients and signature, and the page setup.
func documentXML(l *layout) []byte {
	x := &wml{}
	x.WriteString(xml.Header)
	x.WriteString(`<w:document xmlns:w="` + nsW + `" xmlns:r="` + nsR + `"><w:body>`)

	// Header: issuer left, Quốc hiệu and Tiêu ngữ right; number and date under them.
	x.tbl([]float64{leftColW, rightColW}, false)
	x.tr(false, true)
	x.tc(leftColW, false)
	if len(l.parent) > 0 {
		x.p(para{jc: "center", size: sizeAgency}, l.parent...)
	}
	x.p(para{jc: "center", bold: true, size: sizeAgency}, l.issuer...)
	x.rule(leftColW, l.issuerRule, 0)
	x.WriteString("</w:tc>")
	x.tc(rightColW, false)
	x.p(para{jc: "center", bold: true, size: sizeNation}, nationName)
	x.p(para{jc: "center", bold: true, size: sizeMotto}, nationMotto)
	x.rule(rightColW, l.mottoRule, 0)
	x.WriteString("</w:tc></w:tr>")
	x.tr(false, true)
	x.tc(leftColW, false)
	// The number is a size smaller than the date beside it: a little more
	// space above sets them on about one baseline.
	x.p(para{jc: "center", size: sizeAgency, before: 6 + (sizeDate-sizeAgency)*lineEm*0.75}, nonEmpty(l.number)...)
	x.WriteString("</w:tc>")
	x.tc(rightColW, false)
	x.p(para{jc: "center", italic: true, size: sizeDate, before: 6}, l.placeDate)
	x.WriteString("</w:tc></w:tr></w:tbl>")

	x.p(para{jc: "center", bold: true, size: sizeBody, before: 18, keepNext: true}, l.kind...)
	x.p(para{jc: "center", bold: true, size: sizeBody, keepNext: true}, l.title...)
	x.rule(textW, l.titleRule, 12)

	for _, b := range l.body {
		switch b := b.(type) {
		case heading:
			x.p(para{style: "Heading" + strconv.Itoa(b.level)}, b.text)
		case []string:
			for _, s := range b {
				x.p(para{style: "Body"}, s)
			}
		case *table:
			x.table(b)
		case PageBreak:
			x.WriteString(`<w:p><w:r><w:br w:type="page"/></w:r></w:p>`)
		}
	}

	if len(l.recipients) > 0 || len(l.signerTitle) > 0 || l.signerName != "" {
		x.tbl([]float64{textW / 2, textW / 2}, false)
		x.tr(false, true)
		x.tc(textW/2, false)
		if len(l.recipients) > 0 {
			x.p(para{bold: true, italic: true, size: sizeRecipHead, before: 6}, recipHead)
			for _, r := range l.recipients {
				x.p(para{size: sizeRecipItem}, r)
			}
		} else {
			x.p(para{})
		}
		x.WriteString("</w:tc>")
		x.tc(textW/2, false)
		if len(l.signerTitle) > 0 {
			x.p(para{jc: "center", bold: true, size: sizeBody, before: 6}, l.signerTitle...)
		}
		x.p(para{jc: "center", bold: true, size: sizeBody, before: signSpace / ptMM}, nonEmpty(l.signerName)...)
		x.WriteString("</w:tc></w:tr></w:tbl>")
	}
	// A body must not end with a table; this paragraph is kept tiny so it
	// never spills onto a page of its own.
	x.p(para{size: 1})

	x.WriteString(`<w:sectPr><w:headerReference w:type="default" r:id="rId4"/><w:headerReference w:type="first" r:id="rId5"/>` +
		`<w:pgSz w:w="` + twips(pageW) + `" w:h="` + twips(pageH) + `"/>` +
		`<w:pgMar w:top="` + twips(marginTop) + `" w:right="` + twips(marginRight) + `" w:bottom="` + twips(marginBottom) +
		`" w:left="` + twips(marginLeft) + `" w:header="` + twips(headerDist) + `" w:footer="` + twips(headerDist) + `" w:gutter="0"/>` +
		`<w:titlePg/></w:sectPr></w:body></w:document>`)
	return x.Bytes()
}

// table writes a ruled body table and the small paragraph after it, which
// also keeps two tables in a row from merging into one.
func (x *wml) table(t *table) {
	x.tbl(t.widths, true)
	if t.header != nil {
		x.tr(true, false)
		for c, cell := range t.header {
			x.tc(t.widths[c], true)
			x.p(para{style: "TableText", jc: "center", bold: true}, nonEmpty(cell)...)
			x.WriteString("</w:tc>")
		}
		x.WriteString("</w:tr>")
	}
	for _, r := range t.rows {
		x.tr(false, false)
		for c, cell := range r {
			x.tc(t.widths[c], false)
			x.p(para{style: "TableText", jc: jcOf(t.cellAlign(c, cell))}, nonEmpty(cell)...)
			x.WriteString("</w:tc>")
		}
		x.WriteString("</w:tr>")
	}
	x.WriteString("</w:tbl>")
	x.p(para{size: 2, after: paraAfter})
}

func jcOf(a Align) string {
	switch a {
	case AlignCenter:
		return "center"
	case AlignRight:
		return "right"
	}
	return "left"
}

// nonEmpty splits s into its lines; "" has none.
func nonEmpty(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, "\n")
}

// coreXML is docProps/core.xml: title, subject, author, language and dates.
func coreXML(l *layout) []byte {
	x := &wml{}
	x.WriteString(xml.Header)
	x.WriteString(`<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"` +
		` xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"` +
		` xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">`)
	for _, e := range []struct{ tag, value string }{
		{"dc:title", l.meta.title}, {"dc:subject", l.meta.subject}, {"dc:creator", l.meta.author}, {"dc:language", "vi-VN"},
	} {
		x.WriteString("<" + e.tag + ">")
		x.text(e.value)
		x.WriteString("</" + e.tag + ">")
	}
	stamp := l.date.UTC().Format("2006-01-02T15:04:05Z")
	x.WriteString(`<dcterms:created xsi:type="dcterms:W3CDTF">` + stamp + `</dcterms:created>` +
		`<dcterms:modified xsi:type="dcterms:W3CDTF">` + stamp + `</dcterms:modified></cp:coreProperties>`)
	return x.Bytes()
}
