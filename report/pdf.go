package report

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"time"

	"codeberg.org/go-fonts/liberation/liberationserifbold"
	"codeberg.org/go-fonts/liberation/liberationserifbolditalic"
	"codeberg.org/go-fonts/liberation/liberationserifitalic"
	"codeberg.org/go-fonts/liberation/liberationserifregular"
	"github.com/go-pdf/fpdf"
	qrcode "github.com/skip2/go-qrcode"
)

// This file holds the small PDF layer the one-stop slips (slip.go) are drawn
// with: an A5 page in Liberation Serif, the header of an administrative
// document, wrapped paragraphs, a ruled table, a QR code and signature blocks.
//
// Presentation follows Nghị định 30/2020/NĐ-CP (Phụ lục I, thể thức văn bản
// hành chính), scaled down from A4 to the A5 sheet Thông tư 01/2018/TT-VPCP
// prints its one-stop forms on:
//   - font: Times New Roman in the decree; Liberation Serif has the same metrics,
//     covers Vietnamese and is embedded from the Go module, so no system font is
//     read;
//   - top left: the parent body in upper case, the issuing body in bold upper
//     case, a short rule (1/3–1/2 of the line) under it;
//   - top right: "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" bold upper case, under it
//     "Độc lập - Tự do - Hạnh phúc" bold, one size larger, with a rule as long as
//     the line; under both the place and date line in italics;
//   - title centred in bold upper case; signature blocks with the title in bold
//     upper case, "(Ký và ghi rõ họ tên)" in italics and the name in bold.

// Page geometry, in millimetres.
const (
	pdfPageW      = 148.0 // ISO A5, portrait (fpdf's "A5" is 148.5 mm wide)
	pdfPageH      = 210.0
	pdfMarginL    = 9.0
	pdfMarginR    = 8.0
	pdfMarginT    = 10.0
	pdfMarginB    = 10.0
	pdfFontFamily = "LiberationSerif"
)

// Type sizes, in points, and line heights, in millimetres.
const (
	pdfHeadSize   = 10.0 // agency header and national motto
	pdfMottoSize  = 10.5 // "Độc lập - Tự do - Hạnh phúc": one size above the motto
	pdfTitleSize  = 12.0
	pdfBodySize   = 11.0
	pdfTableSize  = 10.0
	pdfSmallSize  = 8.0
	pdfSignSize   = 10.5 // signature blocks
	pdfHeadLine   = 4.6
	pdfBodyLine   = 5.0
	pdfTableLine  = 4.6
	pdfQRSize     = 23.0 // printed side of the QR code
	pdfQRColumn   = 32.0 // width of the column holding the QR code and its caption
	pdfSignSpace  = 15.0 // blank space for a handwritten signature
	pdfMaxURLSize = 300  // longest lookup URL put in a QR code, in bytes: longer ones need modules too small to scan at this size
)

const (
	nationalName  = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
	nationalMotto = "Độc lập - Tự do - Hạnh phúc"
	signNote      = "(Ký và ghi rõ họ tên)"
)

// slipPDF is one slip being drawn.
type slipPDF struct {
	f *fpdf.Fpdf
	w float64 // printable width
}

// pdfMeta is the document information of a slip.
type pdfMeta struct {
	Title   string    // UTF-8 title shown by readers
	Subject string    // procedure name
	Author  string    // issuing body
	Stamp   time.Time // creation and modification date: fixed, so output is deterministic
}

// newSlipPDF starts an A5 portrait document with the Liberation Serif faces
// loaded and one page added.
func newSlipPDF(m pdfMeta) *slipPDF {
	f := fpdf.NewCustom(&fpdf.InitType{
		OrientationStr: "P",
		UnitStr:        "mm",
		Size:           fpdf.SizeType{Wd: pdfPageW, Ht: pdfPageH},
	})
	f.SetMargins(pdfMarginL, pdfMarginT, pdfMarginR)
	f.SetAutoPageBreak(true, pdfMarginB)
	f.AddUTF8FontFromBytes(pdfFontFamily, "", liberationserifregular.TTF)
	f.AddUTF8FontFromBytes(pdfFontFamily, "B", liberationserifbold.TTF)
	f.AddUTF8FontFromBytes(pdfFontFamily, "I", liberationserifitalic.TTF)
	f.AddUTF8FontFromBytes(pdfFontFamily, "BI", liberationserifbolditalic.TTF)
	f.SetTitle(m.Title, true)
	f.SetSubject(m.Subject, true)
	f.SetAuthor(m.Author, true)
	f.SetCreator("cchc", true)
	f.SetProducer("cchc (go-pdf/fpdf)", true)
	f.SetLang("vi-VN")
	// fpdf writes the date without its offset: give it UTC so readers
	// show the right moment.
	f.SetCreationDate(m.Stamp.UTC())
	f.SetModificationDate(m.Stamp.UTC())
	f.SetCatalogSort(true)
	f.SetCompression(true)
	f.SetDisplayMode("fullpage", "single")
	f.SetLineWidth(0.25)
	f.SetCellMargin(1)
	f.AddPage()
	return &slipPDF{f: f, w: pdfPageW - pdfMarginL - pdfMarginR}
}

// finish renders the document into w. It writes nothing when the document
// failed to build.
func (p *slipPDF) finish(w io.Writer) error {
	if err := p.f.Error(); err != nil {
		return fmt.Errorf("report: building PDF: %w", err)
	}
	var buf bytes.Buffer
	if err := p.f.Output(&buf); err != nil {
		return fmt.Errorf("report: rendering PDF: %w", err)
	}
	if _, err := w.Write(buf.Bytes()); err != nil {
		return fmt.Errorf("report: writing PDF: %w", err)
	}
	return nil
}

func (p *slipPDF) font(style string, size float64) { p.f.SetFont(pdfFontFamily, style, size) }

// lines wraps text to width w in the current font; an empty text has no line.
func (p *slipPDF) lines(text string, w float64) []string {
	var out []string
	for _, para := range strings.Split(text, "\n") {
		if strings.TrimSpace(para) == "" {
			continue
		}
		out = append(out, p.f.SplitText(para, w)...)
	}
	return out
}

// centred draws text centred in the column [x, x+w] from y, wrapping as
// needed, and returns the y below it and the width of its widest line.
func (p *slipPDF) centred(x, y, w float64, text string, lh float64) (float64, float64) {
	widest := 0.0
	for _, ln := range p.lines(text, w) {
		p.f.SetXY(x, y)
		p.f.CellFormat(w, lh, ln, "", 0, "C", false, 0, "")
		widest = max(widest, p.f.GetStringWidth(ln))
		y += lh
	}
	return y, widest
}

// balanced draws text like centred, but when it needs several lines it
// narrows the column to the least width that still gives that many lines, so
// the lines come out about equally long ("BỘ PHẬN TIẾP NHẬN / VÀ TRẢ KẾT QUẢ",
// not "BỘ PHẬN TIẾP NHẬN VÀ TRẢ / KẾT QUẢ"), as headers are set by hand.
func (p *slipPDF) balanced(x, y, w float64, text string, lh float64) (float64, float64) {
	n := len(p.lines(text, w))
	if n <= 1 {
		return p.centred(x, y, w, text, lh)
	}
	lo, hi := w/float64(n+1), w
	for hi-lo > 0.25 {
		mid := (lo + hi) / 2
		if len(p.lines(text, mid)) <= n {
			hi = mid
		} else {
			lo = mid
		}
	}
	widest := 0.0
	for _, ln := range p.lines(text, hi) {
		p.f.SetXY(x, y)
		p.f.CellFormat(w, lh, ln, "", 0, "C", false, 0, "")
		widest = max(widest, p.f.GetStringWidth(ln))
		y += lh
	}
	return y, widest
}

// rule draws a horizontal line of length l centred in [x, x+w] at height y.
func (p *slipPDF) rule(x, w, y, l float64) {
	x0 := x + (w-l)/2
	p.f.Line(x0, y, x0+l, y)
}

// header draws the agency (left) and the national motto with the place and
// date line (right), and leaves the cursor below both.
func (p *slipPDF) header(a Agency, dateLine string) {
	p.font("B", pdfHeadSize)
	rightW := p.f.GetStringWidth(nationalName) + 2
	leftW := p.w - rightW
	x, top := pdfMarginL, p.f.GetY()
	p.f.SetCellMargin(0)
	defer p.f.SetCellMargin(1)

	// Left: every level of the body in upper case, the issuing one (the last)
	// in bold, a short rule under it.
	var levels []string
	for _, s := range []string{a.Parent, a.Name, a.Unit} {
		if s = strings.TrimSpace(s); s != "" {
			levels = append(levels, strings.ToUpper(s))
		}
	}
	y, last := top, 0.0
	for i, s := range levels {
		style := ""
		if i == len(levels)-1 {
			style = "B"
		}
		p.font(style, pdfHeadSize)
		y, last = p.balanced(x, y, leftW, s, pdfHeadLine)
	}
	p.rule(x, leftW, y+0.6, max(last*0.4, 12))
	leftBottom := y + 0.6

	// Right: motto, rule as long as "Độc lập - Tự do - Hạnh phúc", date line.
	rx := x + leftW
	p.font("B", pdfHeadSize)
	ry, _ := p.centred(rx, top, rightW, nationalName, pdfHeadLine)
	p.font("B", pdfMottoSize)
	ry, mw := p.centred(rx, ry, rightW, nationalMotto, pdfHeadLine)
	p.rule(rx, rightW, ry+0.4, mw)
	p.font("I", pdfHeadSize+0.5)
	ry, _ = p.centred(rx, ry+2.6, rightW, dateLine, pdfHeadLine+0.4)

	p.f.SetXY(pdfMarginL, max(leftBottom, ry)+5)
}

// title draws the slip's title and, under it, "Mã hồ sơ: <code>".
func (p *slipPDF) title(title, code string) {
	p.font("B", pdfTitleSize)
	y, _ := p.centred(pdfMarginL, p.f.GetY(), p.w, title, pdfBodyLine+0.6)
	const label = "Mã hồ sơ: "
	p.font("", pdfBodySize)
	lw := p.f.GetStringWidth(label)
	p.font("B", pdfBodySize)
	cw := p.f.GetStringWidth(code)
	p.f.SetXY(pdfMarginL+(p.w-lw-cw)/2, y+0.4)
	p.font("", pdfBodySize)
	p.f.Write(pdfBodyLine, label)
	p.font("B", pdfBodySize)
	p.f.Write(pdfBodyLine, code)
	p.f.SetXY(pdfMarginL, y+0.4+pdfBodyLine+3)
}

// span is a run of text in one style.
type span struct {
	style string // "", "B", "I" or "BI"
	text  string
}

// para writes runs of text as one flowing paragraph from the left margin and
// ends the line.
func (p *slipPDF) para(runs ...span) {
	p.f.SetX(pdfMarginL)
	for _, r := range runs {
		if r.text == "" {
			continue
		}
		p.font(r.style, pdfBodySize)
		p.f.Write(pdfBodyLine, r.text)
	}
	p.f.Ln(pdfBodyLine)
}

// field writes "label value" with the value in bold, as one paragraph.
func (p *slipPDF) field(label, value string) {
	p.para(span{"", label + " "}, span{"B", value})
}

// gap moves the cursor down by h millimetres.
func (p *slipPDF) gap(h float64) { p.f.SetY(p.f.GetY() + h) }

// tableCol is a column of a ruled table.
type tableCol struct {
	head  string
	width float64 // 0: takes the width left by the other columns
	align string  // "L", "C" or "R"
}

// table draws a ruled table whose header row repeats after a page break.
func (p *slipPDF) table(cols []tableCol, rows [][]string) {
	fixed := 0.0
	for _, c := range cols {
		fixed += c.width
	}
	widths := make([]float64, len(cols))
	for i, c := range cols {
		widths[i] = c.width
		if c.width == 0 {
			widths[i] = p.w - fixed
		}
	}
	heads := make([]string, len(cols))
	centre := make([]string, len(cols))
	for i, c := range cols {
		heads[i], centre[i] = c.head, "C"
	}
	headRow := func() {
		p.font("B", pdfTableSize)
		p.tableRow(widths, centre, heads)
	}
	headRow()
	aligns := make([]string, len(cols))
	for i, c := range cols {
		aligns[i] = c.align
	}
	for _, r := range rows {
		p.font("", pdfTableSize)
		if p.rowHeight(widths, r) > pdfPageH-pdfMarginB-p.f.GetY() {
			p.f.AddPage()
			headRow()
			p.font("", pdfTableSize)
		}
		p.tableRow(widths, aligns, r)
	}
}

func (p *slipPDF) rowHeight(widths []float64, cells []string) float64 {
	n := 1
	for i, c := range cells {
		n = max(n, len(p.lines(c, widths[i])))
	}
	return float64(n)*pdfTableLine + 1
}

// tableRow draws one row in the current font, each cell boxed and its lines
// vertically centred.
func (p *slipPDF) tableRow(widths []float64, aligns, cells []string) {
	h := p.rowHeight(widths, cells)
	x, y := pdfMarginL, p.f.GetY()
	for i, c := range cells {
		p.f.Rect(x, y, widths[i], h, "D")
		ls := p.lines(c, widths[i])
		ly := y + (h-float64(len(ls))*pdfTableLine)/2
		for _, ln := range ls {
			p.f.SetXY(x, ly)
			p.f.CellFormat(widths[i], pdfTableLine, ln, "", 0, aligns[i], false, 0, "")
			ly += pdfTableLine
		}
		x += widths[i]
	}
	p.f.SetXY(pdfMarginL, y+h)
}

// signer is one signature block.
type signer struct {
	title string // upper case, may hold "\n" ("KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC")
	name  string // printed under the blank space; may be empty
}

// closing draws the foot of a slip: the QR code of url with code under it in
// the left column (when url is set), and the signature blocks side by side in
// the rest of the width, the last one at the right. It starts a new page when
// the foot does not fit in what is left of this one.
func (p *slipPDF) closing(url, code string, signers ...signer) error {
	const titleLine = pdfBodyLine
	height := 0.0
	for _, s := range signers {
		n := len(strings.Split(s.title, "\n"))
		height = max(height, float64(n)*titleLine+pdfBodyLine+pdfSignSpace+pdfBodyLine)
	}
	if url != "" {
		height = max(height, pdfQRSize+2+2*pdfSmallSize*0.45)
	}
	if p.f.GetY()+height > pdfPageH-pdfMarginB {
		p.f.AddPage()
	}
	top := p.f.GetY()
	x, w := pdfMarginL, p.w
	if url != "" {
		if err := p.qr(x, top, url, code); err != nil {
			return err
		}
		x, w = x+pdfQRColumn, w-pdfQRColumn
	}
	// Each block is as wide as its title needs; what is left is shared out.
	// A single block sits at the right, as on the forms.
	widths := make([]float64, len(signers))
	used := 0.0
	for i, s := range signers {
		p.font("B", pdfSignSize)
		for _, t := range strings.Split(s.title, "\n") {
			widths[i] = max(widths[i], p.f.GetStringWidth(strings.ToUpper(t))+3)
		}
		widths[i] = max(widths[i], p.f.GetStringWidth(s.name)+3)
		p.font("I", pdfSignSize-0.5)
		widths[i] = max(widths[i], p.f.GetStringWidth(signNote)+3)
		used += widths[i]
	}
	if len(signers) == 1 {
		widths[0] = max(widths[0], 64)
		x = pdfMarginL + p.w - widths[0]
	} else {
		// Share out what is left, or shrink all alike when it is too narrow
		// (a name then wraps).
		for i := range widths {
			if used <= w {
				widths[i] += (w - used) / float64(len(widths))
			} else {
				widths[i] *= w / used
			}
		}
	}
	bottom := top
	if url != "" {
		bottom = top + pdfQRSize + 2 + 2*pdfSmallSize*0.45
	}
	cx := x
	for i, s := range signers {
		colW := widths[i]
		p.font("B", pdfSignSize)
		y := top
		for _, t := range strings.Split(s.title, "\n") {
			y, _ = p.centred(cx, y, colW, strings.ToUpper(t), titleLine)
		}
		p.font("I", pdfSignSize-0.5)
		y, _ = p.centred(cx, y, colW, signNote, pdfBodyLine)
		y += pdfSignSpace
		if s.name != "" {
			p.font("B", pdfSignSize)
			y, _ = p.centred(cx, y, colW, s.name, pdfBodyLine)
		}
		bottom = max(bottom, y)
		cx += colW
	}
	p.f.SetXY(pdfMarginL, bottom)
	return nil
}

// qr draws the QR code of url at (x, y) in the QR column with code and a
// short "lookup" caption under it.
func (p *slipPDF) qr(x, y float64, url, code string) error {
	q, err := qrcode.New(url, qrcode.Medium)
	if err != nil {
		return fmt.Errorf("report: encoding QR code: %w", err)
	}
	png, err := q.PNG(-8) // 8 pixels a module: sharp edges at any print size
	if err != nil {
		return fmt.Errorf("report: encoding QR code: %w", err)
	}
	const name = "lookup-qr"
	opt := fpdf.ImageOptions{ImageType: "PNG"}
	p.f.RegisterImageOptionsReader(name, opt, bytes.NewReader(png))
	qx := x + (pdfQRColumn-pdfQRSize)/2
	p.f.ImageOptions(name, qx, y, pdfQRSize, pdfQRSize, false, opt, 0, "")
	// The code on one line: a smaller size for a long code.
	size := pdfSmallSize
	p.font("B", size)
	if cw := p.f.GetStringWidth(code); cw > pdfQRColumn-1 {
		size = max(size*(pdfQRColumn-1)/cw, 5)
		p.font("B", size)
	}
	p.f.SetCellMargin(0)
	cy, _ := p.centred(x, y+pdfQRSize+0.5, pdfQRColumn, code, pdfSmallSize*0.45)
	p.font("I", pdfSmallSize-0.5)
	p.centred(x, cy, pdfQRColumn, "Quét mã để tra cứu hồ sơ", pdfSmallSize*0.45)
	p.f.SetCellMargin(1)
	return nil
}
