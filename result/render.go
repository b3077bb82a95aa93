package result

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"unicode"

	"github.com/go-pdf/fpdf"
	qrcode "github.com/skip2/go-qrcode"

	"github.com/hpdoet/cchc/report"
)

// The result is an A4 administrative document laid out after Nghị định
// 30/2020/NĐ-CP, Phụ lục I: Times New Roman (Liberation Serif has its metrics
// and covers Vietnamese, and is embedded from the Go module), margins top and
// bottom 20 mm, left 30 mm, right 15 mm; the issuing body top left with
// "Số:" under it, the national name and motto top right with the place and
// date line under them; the title and trích yếu centred in bold; the body
// justified with an indented first line; the signature block at the right,
// "Nơi nhận" at the left; page numbers from page 2, centred at the top. The
// foot of the last page carries the QR code of the verification page.

// Page geometry, in millimetres.
const (
	pageW     = 210.0
	pageH     = 297.0
	marginL   = 30.0
	marginR   = 15.0
	marginT   = 20.0
	marginB   = 20.0
	fontName  = "LiberationSerif"
	textWidth = pageW - marginL - marginR
)

// Type sizes, in points, and line heights, in millimetres.
const (
	headSize    = 12.5 // agency and national name
	mottoSize   = 13.5 // "Độc lập - Tự do - Hạnh phúc"
	numberSize  = 13.0 // "Số: …"
	dateSize    = 13.5
	titleSize   = 14.0
	bodySize    = 13.0
	signSize    = 13.0
	recipSize   = 11.0
	headLine    = 5.2
	bodyLine    = 6.0
	paraGap     = 1.6
	indent      = 10.0
	signSpace   = 24.0 // blank under the signer's title
	signWidth   = 85.0 // the signature column
	qrSize      = 26.0 // printed side of the QR code
	qrColumn    = 46.0 // the column holding the QR code and the code under it
	noteSize    = 11.0
	codeSize    = 9.0
	stripHeight = qrSize + 5
)

const (
	nationalName  = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
	nationalMotto = "Độc lập - Tự do - Hạnh phúc"
)

// Render writes d as an A4 PDF in Vietnamese, ready to be signed with
// Signer.Sign. The output depends only on d: its creation date is d.IssuedAt.
// Nothing is written when d is invalid (a cchc EINVALID error) or fails to
// render.
func Render(w io.Writer, d Document) error {
	if err := d.validate(); err != nil {
		return err
	}
	agency := d.Agency
	if strings.TrimSpace(agency.Name) == "" {
		agency = DefaultAgency()
	}
	place := clean(d.Place)
	if place == "" {
		place = DefaultPlace
	}
	title := clean(d.Title)
	if title == "" {
		title = DefaultTitle
	}
	code := clean(d.ResultCode)
	issued := d.IssuedAt.In(report.VietnamTime)

	p := newPage(pdfMeta{
		title:    titleCase(title) + " - " + code,
		subject:  clean(d.ProcedureName),
		author:   strings.Join(nonEmpty(clean(agency.Name), clean(agency.Parent)), " - "),
		keywords: code,
		// fpdf writes the clock of the time given with no offset, which
		// readers take as UTC: give it UTC so the instant is right.
		stamp: d.IssuedAt.UTC(),
	})
	p.header(agency, code, report.PlaceDate(place, issued))
	p.title(title, clean(d.Summary))
	p.holder(d)
	p.body(d.DecisionText)
	p.closing(strings.TrimSpace(d.SignerTitle), clean(d.SignerName), d.Recipients)
	if err := p.verifyStrip(strings.TrimSpace(d.VerifyURL), code); err != nil {
		return err
	}
	if err := p.f.Error(); err != nil {
		return fmt.Errorf("result: building PDF: %w", err)
	}
	var buf bytes.Buffer
	if err := p.f.Output(&buf); err != nil {
		return fmt.Errorf("result: rendering PDF: %w", err)
	}
	if _, err := w.Write(buf.Bytes()); err != nil {
		return fmt.Errorf("result: writing PDF: %w", err)
	}
	return nil
}

// titleCase turns "QUYẾT ĐỊNH" into "Quyết định" for the document title
// readers show.
func titleCase(s string) string {
	r := []rune(strings.ToLower(s))
	if len(r) == 0 {
		return ""
	}
	r[0] = unicode.ToUpper(r[0])
	return string(r)
}

func nonEmpty(ss ...string) []string {
	var out []string
	for _, s := range ss {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

// header draws the issuing body with "Số: <code>" under it (left) and the
// national name and motto with the date line under them (right).
func (p *page) header(a report.Agency, code, date string) {
	p.font("B", headSize)
	rightW := p.f.GetStringWidth(nationalName) + 4
	leftW := textWidth - rightW
	top := marginT

	y, last := top, 0.0
	levels := nonEmpty(strings.ToUpper(clean(a.Parent)), strings.ToUpper(clean(a.Name)), strings.ToUpper(clean(a.Unit)))
	for i, s := range levels {
		style := ""
		if i == len(levels)-1 {
			style = "B"
		}
		p.font(style, headSize)
		y, last = p.balanced(marginL, y, leftW, s, headLine)
	}
	p.rule(marginL, leftW, y+0.6, max(last*0.4, 15))

	rx := marginL + leftW
	p.font("B", headSize)
	ry, _ := p.centred(rx, top, rightW, nationalName, headLine)
	p.font("B", mottoSize)
	ry, mw := p.centred(rx, ry, rightW, nationalMotto, headLine)
	p.rule(rx, rightW, ry+0.6, mw)

	// "Số:" and the date line on one level, under the rules.
	line := max(y, ry) + 3.5
	number := "Số: " + code
	size := numberSize
	p.font("", size)
	if nw := p.f.GetStringWidth(number); nw > leftW-2 {
		size = max(size*(leftW-2)/nw, 9)
		p.font("", size)
	}
	p.centred(marginL, line, leftW, number, headLine)
	p.font("I", dateSize)
	dy, _ := p.centred(rx, line, rightW, date, headLine)
	p.f.SetXY(marginL, dy+9)
}

// title draws the title and, under it, the trích yếu with a short rule.
func (p *page) title(title, summary string) {
	p.font("B", titleSize)
	y, w := p.centred(marginL, p.f.GetY(), textWidth, title, bodyLine+0.5)
	if summary != "" {
		y, w = p.balanced(marginL, y, textWidth, summary, bodyLine+0.5)
	}
	p.rule(marginL, textWidth, y+0.8, min(max(w*0.4, 30), 60))
	p.f.SetXY(marginL, y+7)
}

// span is a run of text in one style.
type span struct {
	style, text string
}

// runs writes spans as one flowing paragraph and ends the line.
func (p *page) runs(spans ...span) {
	p.f.SetX(marginL)
	for _, s := range spans {
		p.font(s.style, bodySize)
		p.f.Write(bodyLine, s.text)
	}
	p.f.Ln(bodyLine)
}

// holder writes what the result is about and for whom.
func (p *page) holder(d Document) {
	p.runs(span{"", "Mã hồ sơ: "}, span{"B", clean(d.DossierCode)})
	p.runs(span{"", "Thủ tục hành chính: "}, span{"B", clean(d.ProcedureName)})
	p.runs(span{"", "Tổ chức, cá nhân: "}, span{"B", clean(d.Holder)})
	if len(d.HolderDetails) > 0 {
		var spans []span
		for i, det := range d.HolderDetails {
			sep := ""
			if i < len(d.HolderDetails)-1 {
				sep = "; "
			}
			spans = append(spans, span{"", clean(det.Label) + ": "}, span{"", clean(det.Value) + sep})
		}
		p.runs(spans...)
	}
	p.f.SetY(p.f.GetY() + 3)
}

// body writes the decision text, one paragraph a line.
func (p *page) body(text string) {
	for _, para := range strings.Split(text, "\n") {
		para = clean(para)
		if para == "" {
			continue
		}
		if heading(para) {
			p.font("B", bodySize)
			lines := p.wrap(para, textWidth, 0)
			p.need(float64(len(lines)) * bodyLine)
			y, _ := p.centred(marginL, p.f.GetY(), textWidth, para, bodyLine)
			p.f.SetXY(marginL, y+paraGap)
			continue
		}
		p.font("", bodySize)
		lines := p.wrap(para, textWidth, indent)
		for i, ln := range lines {
			// Keep the first two lines of a paragraph together.
			if i == 0 {
				p.need(min(2, float64(len(lines))) * bodyLine)
			} else {
				p.need(bodyLine)
			}
			x, w := marginL, textWidth
			if i == 0 {
				x, w = marginL+indent, textWidth-indent
			}
			align := "J"
			if i == len(lines)-1 || !strings.Contains(ln, " ") {
				align = "L"
			}
			p.f.SetXY(x, p.f.GetY())
			p.f.CellFormat(w, bodyLine, ln, "", 2, align, false, 0, "")
		}
		p.f.SetXY(marginL, p.f.GetY()+paraGap)
	}
}

// heading reports whether a paragraph is set as a centred heading: it has
// letters and none in lower case.
func heading(s string) bool {
	letters := false
	for _, r := range s {
		if unicode.IsLower(r) {
			return false
		}
		letters = letters || unicode.IsLetter(r)
	}
	return letters
}

// closing draws "Nơi nhận" at the left and the signature block at the right.
func (p *page) closing(signerTitle, signerName string, recipients []string) {
	titles := strings.Split(strings.ToUpper(signerTitle), "\n")
	signH := float64(len(titles))*bodyLine + signSpace + bodyLine
	var items []string
	for _, r := range recipients {
		if r = clean(r); r != "" {
			items = append(items, r)
		}
	}
	recipH := 0.0
	if len(items) > 0 {
		recipH = float64(len(items)+1) * 4.6
	}
	p.f.SetY(p.f.GetY() + 2)
	p.need(max(signH, recipH))
	top := p.f.GetY()

	sx := marginL + textWidth - signWidth
	y := top
	p.font("B", signSize)
	for _, t := range titles {
		y, _ = p.centred(sx, y, signWidth, strings.TrimSpace(t), bodyLine)
	}
	y += signSpace
	y, _ = p.centred(sx, y, signWidth, signerName, bodyLine)
	bottom := y

	if len(items) > 0 {
		lw := textWidth - signWidth - 4
		p.f.SetXY(marginL, top+0.8)
		p.font("BI", recipSize+1)
		p.f.CellFormat(lw, 5, "Nơi nhận:", "", 2, "L", false, 0, "")
		p.font("", recipSize)
		for i, it := range items {
			end := ";"
			if i == len(items)-1 {
				end = "."
			}
			for _, ln := range p.wrap("- "+strings.TrimRight(it, ";.")+end, lw, 0) {
				p.f.SetX(marginL)
				p.f.CellFormat(lw, 4.6, ln, "", 2, "L", false, 0, "")
			}
		}
		bottom = max(bottom, p.f.GetY())
	}
	p.f.SetXY(marginL, bottom)
}

// verifyStrip draws, at the foot of the last page, the QR code of the
// verification page with the result code under it, and beside it the note
// that the document is digitally signed and the address for those who cannot
// scan.
func (p *page) verifyStrip(url, code string) error {
	q, err := qrcode.New(url, qrcode.Medium)
	if err != nil {
		return fmt.Errorf("result: encoding QR code: %w", err)
	}
	png, err := q.PNG(-8) // 8 pixels a module: sharp edges at any print size
	if err != nil {
		return fmt.Errorf("result: encoding QR code: %w", err)
	}
	top := pageH - marginB - stripHeight
	if p.f.GetY()+4 > top {
		p.f.AddPage()
	}
	p.f.SetAutoPageBreak(false, marginB)
	defer p.f.SetAutoPageBreak(true, marginB)

	p.f.SetDrawColor(120, 120, 120)
	p.f.Line(marginL, top-2, marginL+textWidth, top-2)
	p.f.SetDrawColor(0, 0, 0)

	const name = "verify-qr"
	opt := fpdf.ImageOptions{ImageType: "PNG"}
	p.f.RegisterImageOptionsReader(name, opt, bytes.NewReader(png))
	p.f.ImageOptions(name, marginL+(qrColumn-qrSize)/2, top, qrSize, qrSize, false, opt, 0, "")

	size := codeSize
	p.font("B", size)
	if cw := p.f.GetStringWidth(code); cw > qrColumn-1 {
		size = max(size*(qrColumn-1)/cw, 6)
		p.font("B", size)
	}
	p.f.SetXY(marginL, top+qrSize+0.3)
	p.f.CellFormat(qrColumn, 4, code, "", 0, "C", false, 0, "")

	tx, tw := marginL+qrColumn+2, textWidth-qrColumn-2
	y := top + qrSize/2 - 7
	p.font("I", noteSize)
	for _, ln := range p.wrap(VerifyNote, tw, 0) {
		p.f.SetXY(tx, y)
		p.f.CellFormat(tw, 5, ln, "", 0, "L", false, 0, "")
		y += 5
	}
	p.font("", codeSize)
	for _, ln := range p.wrap("Xác thực tại: "+url, tw, 0) {
		p.f.SetXY(tx, y)
		p.f.CellFormat(tw, 4.2, ln, "", 0, "L", false, 0, "")
		y += 4.2
	}
	return nil
}
