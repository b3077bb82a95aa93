package officedoc

import (
	"strings"
	"time"
	"unicode/utf8"

	"codeberg.org/go-fonts/liberation/liberationserifbold"
	"codeberg.org/go-fonts/liberation/liberationserifbolditalic"
	"codeberg.org/go-fonts/liberation/liberationserifitalic"
	"codeberg.org/go-fonts/liberation/liberationserifregular"
	"github.com/go-pdf/fpdf"
)

// The layout both writers share. Lengths are in millimetres, type sizes in
// points.
const (
	pageW        = 210.0 // A4 portrait
	pageH        = 297.0
	marginTop    = 20.0
	marginBottom = 20.0
	marginLeft   = 30.0
	marginRight  = 15.0
	headerDist   = 10.0 // from the top edge to the page number
	textW        = pageW - marginLeft - marginRight
	leftColW     = 70.0 // header: parent and issuer, number
	rightColW    = textW - leftColW

	sizeAgency    = 13.0 // cơ quan chủ quản, cơ quan ban hành, số ký hiệu
	sizeNation    = 12.0 // Quốc hiệu
	sizeMotto     = 13.0 // Tiêu ngữ
	sizeDate      = 14.0 // địa danh, ngày tháng
	sizeBody      = 14.0 // tên loại, trích yếu, nội dung, người ký
	sizeTable     = 12.0
	sizeRecipHead = 12.0 // "Nơi nhận:"
	sizeRecipItem = 11.0
	sizePageNo    = 13.0

	lineEm      = 1.15 // a single line, in ems of Times New Roman (and Liberation Serif)
	bodySpacing = 1.15 // line spacing of the body, in single lines
	indent      = 12.7 // first-line indent of body paragraphs
	paraAfter   = 6.0  // points after a body paragraph
	ruleRatio   = 0.4  // rules under the issuer and the title, of their text width (1/3–1/2)
	ruleGap     = 1.5  // from the bottom of a line of text to the rule under it
	cellPadX    = 1.5  // table cell padding, left and right
	cellPadY    = 0.5  // and top and bottom
	signSpace   = 24.0 // blank space for signature and seal
	ptMM        = 25.4 / 72
	fontFamily  = "LiberationSerif"
	nationName  = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
	nationMotto = "Độc lập - Tự do - Hạnh phúc"
	recipHead   = "Nơi nhận:"
)

// lineH is the height of a line of type of size pt at spacing times single.
func lineH(pt, spacing float64) float64 { return pt * lineEm * spacing * ptMM }

// layout is a document cleaned, measured and ready to draw: both writers
// read it, so they agree on every line break they decide themselves.
type layout struct {
	parent, issuer []string // balanced lines, upper case
	issuerRule     float64  // length of the rule under the issuer
	mottoRule      float64  // length of the rule under the motto: the motto's width
	number         string
	placeDate      string
	kind, title    []string
	titleRule      float64
	body           []any // heading, []string (paragraphs), *table, PageBreak
	recipients     []string
	signerTitle    []string
	signerName     string
	date           time.Time
	meta           meta
}

// meta is the document information both files carry.
type meta struct{ title, subject, author string }

type heading struct {
	level int
	text  string
}

// table is a Table with its columns resolved.
type table struct {
	header []string   // nil when the table has no header row
	rows   [][]string // every row has len(widths) cells
	widths []float64  // millimetres, summing to textW
	align  []Align    // per column; AlignAuto means by content
}

// cellAlign is the alignment of a body cell of column c.
func (t *table) cellAlign(c int, text string) Align {
	if a := t.align[c]; a != AlignAuto {
		return a
	}
	if isNumber(text) {
		return AlignRight
	}
	return AlignLeft
}

// newFonts returns an fpdf document with the Liberation Serif faces named
// by styles ("", "B", "I", "BI") loaded.
func newFonts(f *fpdf.Fpdf, styles ...string) *fpdf.Fpdf {
	ttf := map[string][]byte{
		"":   liberationserifregular.TTF,
		"B":  liberationserifbold.TTF,
		"I":  liberationserifitalic.TTF,
		"BI": liberationserifbolditalic.TTF,
	}
	for _, s := range styles {
		f.AddUTF8FontFromBytes(fontFamily, s, ttf[s])
	}
	return f
}

// fonts selects faces in an fpdf document, calling SetFont only when the
// face changes: each call writes to the page, and text is measured word by
// word.
type fonts struct {
	f     *fpdf.Fpdf
	style string
	size  float64
}

// use makes style at size pt the current face.
func (m *fonts) use(style string, size float64) {
	if style != m.style || size != m.size {
		m.f.SetFont(fontFamily, style, size)
		m.style, m.size = style, size
	}
}

// in returns the measure of text in face style at size pt.
func (m *fonts) in(style string, size float64) measure {
	return func(s string) float64 {
		m.use(style, size)
		return m.f.GetStringWidth(s)
	}
}

// newLayout prepares d, which must be valid, measuring text with m (which
// must have the regular and bold faces).
func newLayout(d Document, m *fonts) *layout {
	regular, bold := m.in("", sizeAgency), m.in("B", sizeAgency)
	l := &layout{
		parent:     balance(strings.ToUpper(oneLine(d.Parent)), regular, leftColW),
		issuer:     balance(strings.ToUpper(oneLine(d.Issuer)), bold, leftColW),
		mottoRule:  m.in("B", sizeMotto)(nationMotto),
		number:     numberLine(d.Number),
		placeDate:  PlaceDate(d.Place, d.Date),
		kind:       balance(strings.ToUpper(oneLine(d.Kind)), m.in("B", sizeBody), textW),
		title:      balance(oneLine(d.Title), m.in("B", sizeBody), textW),
		recipients: recipientLines(d.Recipients),
		signerName: oneLine(d.SignerName),
		date:       d.Date,
		meta:       meta{title: oneLine(d.Title), subject: oneLine(d.Kind), author: oneLine(d.Issuer)},
	}
	l.issuerRule = ruleRatio * widest(l.issuer, bold)
	l.titleRule = ruleRatio * widest(l.title, m.in("B", sizeBody))
	for _, s := range d.SignerTitle {
		if s = strings.ToUpper(oneLine(s)); s != "" {
			l.signerTitle = append(l.signerTitle, s)
		}
	}
	for _, b := range d.Body {
		switch b := b.(type) {
		case Heading:
			l.addHeading(b)
		case *Heading:
			if b != nil {
				l.addHeading(*b)
			}
		case Paragraph:
			l.addParagraph(b)
		case *Paragraph:
			if b != nil {
				l.addParagraph(*b)
			}
		case Table:
			l.addTable(b, m)
		case *Table:
			if b != nil {
				l.addTable(*b, m)
			}
		case PageBreak, *PageBreak:
			l.body = append(l.body, PageBreak{})
		}
	}
	return l
}

func (l *layout) addHeading(h Heading) {
	if t := oneLine(h.Text); t != "" {
		l.body = append(l.body, heading{level: min(max(h.Level, 1), 3), text: t})
	}
}

func (l *layout) addParagraph(p Paragraph) {
	if ls := lines(p.Text); len(ls) > 0 {
		l.body = append(l.body, ls)
	}
}

// addTable resolves t's columns: as many as its widest row, widths from
// Widths or else from the text, each row padded to full width.
func (l *layout) addTable(t Table, m *fonts) {
	n := len(t.Header)
	for _, r := range t.Rows {
		n = max(n, len(r))
	}
	if n == 0 {
		return
	}
	row := func(cells []string) []string {
		out := make([]string, n)
		for i, c := range cells {
			out[i] = strings.Join(lines(c), "\n")
		}
		return out
	}
	tb := &table{align: make([]Align, n)}
	if len(t.Header) > 0 {
		tb.header = row(t.Header)
	}
	for _, r := range t.Rows {
		tb.rows = append(tb.rows, row(r))
	}
	for c, a := range t.Align[:min(len(t.Align), n)] {
		if a >= AlignAuto && a <= AlignRight {
			tb.align[c] = a
		}
	}
	if len(t.Widths) == n && all(t.Widths, func(w float64) bool { return w > 0 && w < 1e9 }) {
		tb.widths = share(t.Widths, make([]float64, n))
	} else {
		tb.widths = textWidths(tb, m)
	}
	l.body = append(l.body, tb)
}

// textWidths sets column widths from the text of the header and the first
// rows. Each column is weighted by its longest cell, up to 40 characters, so
// narrative columns get the room; and is at least as wide as its longest
// word (up to 30 mm), so words such as "STT" are not cut.
func textWidths(t *table, m *fonts) []float64 {
	n := len(t.align)
	weights, least := make([]float64, n), make([]float64, n)
	sample := t.rows[:min(len(t.rows), 200)]
	measure := func(r []string, width measure) {
		for c, cell := range r {
			weights[c] = max(weights[c], float64(min(utf8.RuneCountInString(cell), 40)), 3)
			for _, word := range strings.Fields(cell) {
				if utf8.RuneCountInString(word) <= 40 {
					least[c] = max(least[c], min(width(word), 30))
				}
			}
		}
	}
	if t.header != nil {
		measure(t.header, m.in("B", sizeTable))
	}
	regular := m.in("", sizeTable)
	for _, r := range sample {
		measure(r, regular)
	}
	for c := range least {
		least[c] += 2*cellPadX + 0.5
	}
	return share(weights, least)
}

// share divides textW between columns in proportion to weights, but gives
// each column at least its least width (scaled down together when they do
// not all fit).
func share(weights, least []float64) []float64 {
	n := len(weights)
	widths, fixed := make([]float64, n), make([]bool, n)
	total := 0.0
	for _, w := range least {
		total += w
	}
	if total >= textW {
		for c := range widths {
			widths[c] = textW * least[c] / total
		}
		return widths
	}
	for changed := true; changed; {
		changed = false
		room, sum := textW, 0.0
		for c := range weights {
			if fixed[c] {
				room -= least[c]
			} else {
				sum += weights[c]
			}
		}
		for c := range weights {
			if fixed[c] {
				widths[c] = least[c]
				continue
			}
			if widths[c] = room * weights[c] / sum; widths[c] < least[c] {
				fixed[c], changed = true, true
			}
		}
	}
	return widths
}

func all[T any](s []T, ok func(T) bool) bool {
	for _, v := range s {
		if !ok(v) {
			return false
		}
	}
	return true
}
