package result

import (
	"strconv"
	"strings"
	"time"

	"codeberg.org/go-fonts/liberation/liberationserifbold"
	"codeberg.org/go-fonts/liberation/liberationserifbolditalic"
	"codeberg.org/go-fonts/liberation/liberationserifitalic"
	"codeberg.org/go-fonts/liberation/liberationserifregular"
	"github.com/go-pdf/fpdf"
)

// The small PDF layer results are drawn with: an A4 page in Liberation Serif,
// text wrapped, centred, balanced or justified, and rules.

// pdfMeta is the document information dictionary.
type pdfMeta struct {
	title, subject, author, keywords string
	stamp                            time.Time
}

// page is the result being drawn.
type page struct {
	f *fpdf.Fpdf
}

// newPage starts an A4 portrait document with the Liberation Serif faces
// loaded, page numbers from page 2, and one page added.
func newPage(m pdfMeta) *page {
	f := fpdf.NewCustom(&fpdf.InitType{
		OrientationStr: "P",
		UnitStr:        "mm",
		Size:           fpdf.SizeType{Wd: pageW, Ht: pageH},
	})
	f.SetMargins(marginL, marginT, marginR)
	f.SetAutoPageBreak(true, marginB)
	f.AddUTF8FontFromBytes(fontName, "", liberationserifregular.TTF)
	f.AddUTF8FontFromBytes(fontName, "B", liberationserifbold.TTF)
	f.AddUTF8FontFromBytes(fontName, "I", liberationserifitalic.TTF)
	f.AddUTF8FontFromBytes(fontName, "BI", liberationserifbolditalic.TTF)
	f.SetTitle(m.title, true)
	f.SetSubject(m.subject, true)
	f.SetAuthor(m.author, true)
	f.SetKeywords(m.keywords, true)
	f.SetCreator("cchc", true)
	f.SetProducer("cchc (go-pdf/fpdf)", true)
	f.SetLang("vi-VN")
	f.SetCreationDate(m.stamp)
	f.SetModificationDate(m.stamp)
	f.SetCatalogSort(true)
	f.SetCompression(true)
	f.SetDisplayMode("fullpage", "single")
	f.SetLineWidth(0.25)
	f.SetCellMargin(0)
	p := &page{f: f}
	// Page numbers from the second page, centred in the top margin.
	f.SetHeaderFuncMode(func() {
		if n := f.PageNo(); n > 1 {
			p.font("", bodySize)
			f.SetXY(marginL, 10)
			f.CellFormat(textWidth, 5, strconv.Itoa(n), "", 0, "C", false, 0, "")
		}
	}, true)
	f.AddPage()
	return p
}

func (p *page) font(style string, size float64) { p.f.SetFont(fontName, style, size) }

// wrap breaks text into lines of at most w millimetres in the current font;
// the first line is first millimetres narrower. A word longer than a line is
// broken between characters.
func (p *page) wrap(text string, w, first float64) []string {
	var lines []string
	line, avail := "", w-first
	for _, word := range strings.Fields(text) {
		try := word
		if line != "" {
			try = line + " " + word
		}
		if p.f.GetStringWidth(try) <= avail {
			line = try
			continue
		}
		if line != "" {
			lines = append(lines, line)
			line, avail = "", w
		}
		for p.f.GetStringWidth(word) > avail {
			r := []rune(word)
			n := len(r) - 1
			for n > 1 && p.f.GetStringWidth(string(r[:n])) > avail {
				n--
			}
			lines = append(lines, string(r[:n]))
			word, avail = string(r[n:]), w
		}
		line = word
	}
	if line != "" {
		lines = append(lines, line)
	}
	return lines
}

// centred draws text centred in [x, x+w] from y, wrapping it, and returns
// the y under it and the width of its widest line.
func (p *page) centred(x, y, w float64, text string, lh float64) (float64, float64) {
	widest := 0.0
	for _, ln := range p.wrap(text, w, 0) {
		p.f.SetXY(x, y)
		p.f.CellFormat(w, lh, ln, "", 0, "C", false, 0, "")
		widest = max(widest, p.f.GetStringWidth(ln))
		y += lh
	}
	return y, widest
}

// balanced draws text like centred, but in lines of about equal length, as
// headers are set by hand.
func (p *page) balanced(x, y, w float64, text string, lh float64) (float64, float64) {
	n := len(p.wrap(text, w, 0))
	if n <= 1 {
		return p.centred(x, y, w, text, lh)
	}
	lo, hi := w/float64(n+1), w
	for hi-lo > 0.25 {
		mid := (lo + hi) / 2
		if len(p.wrap(text, mid, 0)) <= n {
			hi = mid
		} else {
			lo = mid
		}
	}
	widest := 0.0
	for _, ln := range p.wrap(text, hi, 0) {
		p.f.SetXY(x, y)
		p.f.CellFormat(w, lh, ln, "", 0, "C", false, 0, "")
		widest = max(widest, p.f.GetStringWidth(ln))
		y += lh
	}
	return y, widest
}

// rule draws a horizontal line of length l centred in [x, x+w] at y.
func (p *page) rule(x, w, y, l float64) {
	x0 := x + (w-l)/2
	p.f.Line(x0, y, x0+l, y)
}

// need starts a new page when less than h millimetres are left on this one.
func (p *page) need(h float64) {
	if p.f.GetY()+h > pageH-marginB {
		p.f.AddPage()
	}
}
