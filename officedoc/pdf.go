package officedoc

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/go-pdf/fpdf"
)

// WritePDF writes d as an A4 PDF in the layout WriteDOCX gives, with
// Liberation Serif (the metrics of Times New Roman) embedded. It validates d
// first and writes nothing when d is invalid (an EINVALID *cchc.Error) or the
// document cannot be built. The same d gives the same bytes.
func WritePDF(w io.Writer, d Document) error {
	if err := d.Validate(); err != nil {
		return err
	}
	f := fpdf.NewCustom(&fpdf.InitType{
		OrientationStr: "P",
		UnitStr:        "mm",
		Size:           fpdf.SizeType{Wd: pageW, Ht: pageH},
	})
	newFonts(f, "", "B", "I", "BI")
	m := &fonts{f: f}
	l := newLayout(d, m)

	f.SetTitle(l.meta.title, true)
	f.SetSubject(l.meta.subject, true)
	f.SetAuthor(l.meta.author, true)
	f.SetCreator("cchc", true)
	f.SetProducer("cchc (go-pdf/fpdf)", true)
	f.SetLang("vi-VN")
	// fpdf writes dates without their offset: UTC keeps them right.
	f.SetCreationDate(l.date.UTC())
	f.SetModificationDate(l.date.UTC())
	f.SetCatalogSort(true)
	f.SetCompression(true)
	f.SetDisplayMode("fullpage", "single")
	f.SetMargins(marginLeft, marginTop, marginRight)
	f.SetAutoPageBreak(false, marginBottom) // pages are broken by hand
	f.SetCellMargin(0)
	f.SetLineWidth(tableLine)
	// Page numbers from the second page, centred in the top margin. fpdf
	// restores the face in use after the header, so m stays right.
	f.SetHeaderFuncMode(func() {
		if n := f.PageNo(); n > 1 {
			f.SetFont(fontFamily, "", sizePageNo)
			f.SetXY(marginLeft, headerDist)
			f.CellFormat(textW, lineH(sizePageNo, 1), strconv.Itoa(n), "", 0, "C", false, 0, "")
		}
	}, true)

	p := &pdfDoc{f: f, m: m}
	p.newPage()
	p.header(l)
	p.titleBlock(l)
	for _, b := range l.body {
		switch b := b.(type) {
		case heading:
			p.heading(b)
		case []string:
			for _, s := range b {
				p.paragraph(s, "", false)
			}
		case *table:
			p.table(b)
		case PageBreak:
			p.newPage()
		}
	}
	p.signature(l)

	if err := f.Error(); err != nil {
		return fmt.Errorf("officedoc: building PDF: %w", err)
	}
	var buf bytes.Buffer
	if err := f.Output(&buf); err != nil {
		return fmt.Errorf("officedoc: rendering PDF: %w", err)
	}
	if _, err := w.Write(buf.Bytes()); err != nil {
		return fmt.Errorf("officedoc: writing PDF: %w", err)
	}
	return nil
}

// tableLine is the width of table rules: 0.5 pt, as in the DOCX.
const tableLine = 0.5 * ptMM

// pdfDoc is a PDF being drawn from the top down: y is where the next line
// goes, top where the content of this page starts.
type pdfDoc struct {
	f      *fpdf.Fpdf
	m      *fonts
	y, top float64
}

func (p *pdfDoc) newPage() {
	p.f.AddPage()
	p.y, p.top = marginTop, marginTop
}

// bottom is the lowest y text may reach.
func (p *pdfDoc) bottom() float64 { return pageH - marginBottom }

// need starts a new page when less than h is left on this one, unless this
// page is still empty.
func (p *pdfDoc) need(h float64) {
	if p.y+h > p.bottom() && p.y > p.top+0.01 {
		p.newPage()
	}
}

// text draws one line of s, in the current face, in the column [x, x+w] at
// the current y; align is fpdf's "L", "C", "R" or "J".
func (p *pdfDoc) text(x, w, h float64, s, align string) {
	if align == "J" && !strings.Contains(s, " ") {
		align = "L" // fpdf divides the slack by the number of spaces
	}
	p.f.SetXY(x, p.y)
	p.f.CellFormat(w, h, s, "", 0, align, false, 0, "")
}

// rule draws a horizontal rule of length l centred in [x, x+w] at y, 0.75
// pt thick like the DOCX's.
func (p *pdfDoc) rule(x, w, y, l float64) {
	x0 := x + (w-l)/2
	p.f.SetLineWidth(0.75 * ptMM)
	p.f.Line(x0, y, x0+l, y)
	p.f.SetLineWidth(tableLine)
}

// header draws the issuer (left) and the Quốc hiệu and Tiêu ngữ (right),
// each with its rule, then the number and the place and date on one line.
func (p *pdfDoc) header(l *layout) {
	left, right := marginLeft, marginLeft+leftColW

	lh := lineH(sizeAgency, 1)
	p.m.use("", sizeAgency)
	for _, s := range l.parent {
		p.text(left, leftColW, lh, s, "C")
		p.y += lh
	}
	p.m.use("B", sizeAgency)
	for _, s := range l.issuer {
		p.text(left, leftColW, lh, s, "C")
		p.y += lh
	}
	p.rule(left, leftColW, p.y+ruleGap, l.issuerRule)
	leftEnd := p.y

	p.y = marginTop
	p.m.use("B", sizeNation)
	p.text(right, rightColW, lineH(sizeNation, 1), nationName, "C")
	p.y += lineH(sizeNation, 1)
	p.m.use("B", sizeMotto)
	p.text(right, rightColW, lineH(sizeMotto, 1), nationMotto, "C")
	p.y += lineH(sizeMotto, 1)
	p.rule(right, rightColW, p.y+ruleGap, l.mottoRule)

	p.y = max(p.y, leftEnd) + ruleGap + 0.5 + 6*ptMM
	p.m.use("", sizeAgency)
	p.text(left, leftColW, lineH(sizeDate, 1), l.number, "C")
	p.m.use("I", sizeDate)
	p.text(right, rightColW, lineH(sizeDate, 1), l.placeDate, "C")
	p.y += lineH(sizeDate, 1)
}

// titleBlock draws the tên loại and the trích yếu, centred, with a rule.
func (p *pdfDoc) titleBlock(l *layout) {
	lh := lineH(sizeBody, 1)
	p.y += 18 * ptMM
	p.m.use("B", sizeBody)
	for _, s := range append(append([]string{}, l.kind...), l.title...) {
		p.need(lh)
		p.text(marginLeft, textW, lh, s, "C")
		p.y += lh
	}
	p.rule(marginLeft, textW, p.y+ruleGap, l.titleRule)
	p.y += ruleGap + 12*ptMM
}

// heading draws a heading like a paragraph, kept with two lines of what
// follows.
func (p *pdfDoc) heading(h heading) {
	style := "B"
	if h.level == 3 {
		style = "I"
	}
	p.paragraph(h.text, style, true)
}

// paragraph draws body text in face style: justified, first line indented,
// 6 pt after. A paragraph that is kept with the next is not split.
func (p *pdfDoc) paragraph(s, style string, keep bool) {
	lh := lineH(sizeBody, bodySpacing)
	ls := wrap(s, p.m.in(style, sizeBody), textW, indent)
	if keep {
		p.need(float64(len(ls)+2) * lh)
	}
	p.m.use(style, sizeBody)
	for i, ln := range ls {
		p.need(lh)
		x, w, align := marginLeft, textW, "J"
		if i == 0 {
			x, w = marginLeft+indent, textW-indent
		}
		if i == len(ls)-1 {
			align = "L"
		}
		p.text(x, w, lh, ln, align)
		p.y += lh
	}
	p.y += paraAfter * ptMM
}

// table draws a ruled table whose header row repeats on every page; a row
// that does not fit goes to the next page whole, or, when taller than a
// page, is split between lines.
func (p *pdfDoc) table(t *table) {
	lh := lineH(sizeTable, 1)
	cells := func(row []string, width measure) [][]string {
		out := make([][]string, len(row))
		for c, cell := range row {
			inner := max(t.widths[c]-2*cellPadX, 1)
			for _, seg := range strings.Split(cell, "\n") {
				out[c] = append(out[c], wrap(seg, width, inner, 0)...)
			}
		}
		return out
	}
	var head [][]string
	headH := 0.0
	if t.header != nil {
		head = cells(t.header, p.m.in("B", sizeTable))
		headH = rowLines(head)*lh + 2*cellPadY
	}
	// A header taller than a third of a page is drawn once only.
	repeat := head != nil && headH <= (pageH-marginTop-marginBottom)/3
	r := rowDrawer{widths: t.widths, newPage: p.newPage}
	if repeat {
		r.full = int(math.Floor((p.bottom() - marginTop - headH - 2*cellPadY) / lh))
	} else {
		r.full = int(math.Floor((p.bottom() - marginTop - 2*cellPadY) / lh))
	}
	centred := make([]string, len(t.widths))
	for c := range centred {
		centred[c] = "C"
	}
	// Keep the header row with the first row (or its first line).
	regular := p.m.in("", sizeTable)
	first := 1.0
	if len(t.rows) > 0 {
		if n := rowLines(cells(t.rows[0], regular)); int(n) <= r.full {
			first = n
		}
	}
	p.need(headH + first*lh + 2*cellPadY)
	if head != nil {
		p.row(r, head, centred, true)
	}
	if repeat {
		r.newPage = func() {
			p.newPage()
			p.row(rowDrawer{widths: t.widths, newPage: p.newPage}, head, centred, true)
			p.top = p.y
		}
	}
	aligns := make([]string, len(t.widths))
	for _, row := range t.rows {
		for c, cell := range row {
			aligns[c] = [...]string{AlignAuto: "L", AlignLeft: "L", AlignCenter: "C", AlignRight: "R"}[t.cellAlign(c, cell)]
		}
		p.row(r, cells(row, regular), aligns, false)
	}
	p.y += (2*lineEm + paraAfter) * ptMM
}

// rowDrawer is how the rows of one table are drawn: column widths, how to
// go on to a new page (repeating the header row), and how many lines a row
// may have and still fit whole on a new page.
type rowDrawer struct {
	widths  []float64
	newPage func()
	full    int
}

// rowLines is the number of lines of the tallest cell, at least one.
func rowLines(cells [][]string) float64 {
	n := 1
	for _, c := range cells {
		n = max(n, len(c))
	}
	return float64(n)
}

// row draws one table row of wrapped cells aligned by aligns ("L", "C",
// "R"); header cells are bold and centred vertically.
func (p *pdfDoc) row(r rowDrawer, cells [][]string, aligns []string, header bool) {
	lh := lineH(sizeTable, 1)
	n := int(rowLines(cells))
	style := ""
	if header {
		style = "B"
	}
	for from := 0; from < n; {
		fit := int(math.Floor((p.bottom()-p.y-2*cellPadY)/lh + 1e-6))
		fresh := p.y <= p.top+0.01
		if fit < n-from && !fresh && (fit < 1 || (from == 0 && n <= r.full)) {
			r.newPage()
			continue
		}
		k := min(max(fit, 1), n-from)
		h := float64(k)*lh + 2*cellPadY
		x := marginLeft
		p.m.use(style, sizeTable)
		for c, ls := range cells {
			w := r.widths[c]
			p.f.Rect(x, p.y, w, h, "D")
			y := p.y + cellPadY
			if header && k == n {
				y += float64(n-len(ls)) * lh / 2
			}
			for i := from; i < from+k && i < len(ls); i++ {
				p.f.SetXY(x+cellPadX, y+float64(i-from)*lh)
				p.f.CellFormat(w-2*cellPadX, lh, ls[i], "", 0, aligns[c], false, 0, "")
			}
			x += w
		}
		p.y += h
		if from += k; from < n {
			r.newPage()
		}
	}
}

// signature draws the recipients (left) and the signer (right) side by side,
// on a new page when they do not fit on this one.
func (p *pdfDoc) signature(l *layout) {
	if len(l.recipients) == 0 && len(l.signerTitle) == 0 && l.signerName == "" {
		return
	}
	half := textW / 2
	lhHead, lhItem, lhSign := lineH(sizeRecipHead, 1), lineH(sizeRecipItem, 1), lineH(sizeBody, 1)
	var items []string
	for _, r := range l.recipients {
		items = append(items, wrap(r, p.m.in("", sizeRecipItem), half-2, 0)...)
	}
	var titles []string
	for _, s := range l.signerTitle {
		titles = append(titles, wrap(s, p.m.in("B", sizeBody), half, 0)...)
	}
	leftH := lhHead + float64(len(items))*lhItem
	rightH := float64(len(titles)+1)*lhSign + signSpace
	p.need(6*ptMM + max(leftH, rightH))
	p.y += 6 * ptMM
	y0, page := p.y, p.f.PageNo()

	p.m.use("B", sizeBody)
	for _, s := range titles {
		p.text(marginLeft+half, half, lhSign, s, "C")
		p.y += lhSign
	}
	p.y += signSpace
	p.text(marginLeft+half, half, lhSign, l.signerName, "C")
	rightEnd := p.y + lhSign

	p.y = y0
	if len(items) > 0 {
		p.m.use("BI", sizeRecipHead)
		p.text(marginLeft, half, lhHead, recipHead, "L")
		p.y += lhHead
		p.m.use("", sizeRecipItem)
		for _, s := range items {
			p.need(lhItem)
			p.text(marginLeft, half, lhItem, s, "L")
			p.y += lhItem
		}
	}
	if p.f.PageNo() == page {
		p.y = max(p.y, rightEnd)
	}
}
