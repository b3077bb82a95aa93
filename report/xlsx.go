package report

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// The administrative standard (Nghị định 30/2020/NĐ-CP) asks for Times New
// Roman; 12 pt keeps a wide table readable when printed fit to width.
const (
	xlsxFontFamily = "Times New Roman"
	xlsxFontSize   = 12
	xlsxLineHeight = 16 // points per line of 12 pt text, with a little leading
	xlsxDateFormat = "dd/mm/yyyy"
	xlsxPaperA4    = 9 // ECMA-376 paper size code
)

// xlsxStyles are the cell styles cchc's workbooks share, as excelize style IDs.
type xlsxStyles struct {
	agency      int // agency name above the title
	title       int // the document's title
	subtitle    int // "(Kèm theo …)", "Tình trạng đến ngày …"
	header      int // table header cells
	section     int // a section's heading row inside a table
	text        int // wrapped body text
	center      int // short centred values (STT, codes, statuses)
	date        int // a civil date shown dd/mm/yyyy
	number      int // a count
	overdue     int // the status of an overdue task
	totalLabel  int // the label of a totals row
	totalNumber int // a count in a totals row
}

// newXLSXStyles registers the shared styles in f.
func newXLSXStyles(f *excelize.File) (*xlsxStyles, error) {
	thin := []excelize.Border{
		{Type: "left", Color: "000000", Style: 1},
		{Type: "top", Color: "000000", Style: 1},
		{Type: "right", Color: "000000", Style: 1},
		{Type: "bottom", Color: "000000", Style: 1},
	}
	font := func(bold, italic bool, color string) *excelize.Font {
		return &excelize.Font{Family: xlsxFontFamily, Size: xlsxFontSize, Bold: bold, Italic: italic, Color: color}
	}
	align := func(h string, wrap bool) *excelize.Alignment {
		return &excelize.Alignment{Horizontal: h, Vertical: "center", WrapText: wrap}
	}
	fill := func(rgb string) excelize.Fill {
		return excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{rgb}}
	}
	dateFormat := xlsxDateFormat
	var s xlsxStyles
	for _, d := range []struct {
		id    *int
		style excelize.Style
	}{
		{&s.agency, excelize.Style{Font: font(true, false, ""), Alignment: align("center", true)}},
		{&s.title, excelize.Style{Font: font(true, false, ""), Alignment: align("center", true)}},
		{&s.subtitle, excelize.Style{Font: font(false, true, ""), Alignment: align("center", true)}},
		{&s.header, excelize.Style{Font: font(true, false, ""), Alignment: align("center", true), Border: thin, Fill: fill("D9E1F2")}},
		{&s.section, excelize.Style{Font: font(true, false, ""), Alignment: &excelize.Alignment{Vertical: "center"}, Border: thin, Fill: fill("F2F2F2")}},
		{&s.text, excelize.Style{Font: font(false, false, ""), Alignment: align("left", true), Border: thin}},
		{&s.center, excelize.Style{Font: font(false, false, ""), Alignment: align("center", true), Border: thin}},
		{&s.date, excelize.Style{Font: font(false, false, ""), Alignment: align("center", false), Border: thin, CustomNumFmt: &dateFormat}},
		{&s.number, excelize.Style{Font: font(false, false, ""), Alignment: align("center", false), Border: thin, NumFmt: 1}},
		{&s.overdue, excelize.Style{Font: font(true, false, "C00000"), Alignment: align("center", true), Border: thin}},
		{&s.totalLabel, excelize.Style{Font: font(true, false, ""), Alignment: align("left", true), Border: thin, Fill: fill("F2F2F2")}},
		{&s.totalNumber, excelize.Style{Font: font(true, false, ""), Alignment: align("center", false), Border: thin, Fill: fill("F2F2F2"), NumFmt: 1}},
	} {
		id, err := f.NewStyle(&d.style)
		if err != nil {
			return nil, fmt.Errorf("new style: %w", err)
		}
		*d.id = id
	}
	return &s, nil
}

// sheetWriter writes cells of one sheet and keeps the first error, so a long
// run of writes can be checked once at the end (like bufio.Writer).
type sheetWriter struct {
	f     *excelize.File
	sheet string
	err   error
}

// cell names the cell at 1-based column col and row.
func cell(col, row int) string {
	// Columns and rows here are small positive constants and counters, which
	// CoordinatesToCellName never rejects.
	name, _ := excelize.CoordinatesToCellName(col, row)
	return name
}

// set writes v to the cell at (col, row) with the given style. The style is
// applied after the value because excelize gives time values a default date
// format of its own.
func (s *sheetWriter) set(col, row int, v any, style int) {
	if s.err != nil {
		return
	}
	c := cell(col, row)
	if v != nil {
		if s.err = s.f.SetCellValue(s.sheet, c, v); s.err != nil {
			return
		}
	}
	s.err = s.f.SetCellStyle(s.sheet, c, c, style)
}

// merged writes v across columns from..to of row, styled, as one merged cell.
func (s *sheetWriter) merged(row, from, to int, v any, style int) {
	if s.err != nil {
		return
	}
	if s.err = s.f.MergeCell(s.sheet, cell(from, row), cell(to, row)); s.err != nil {
		return
	}
	if s.err = s.f.SetCellStyle(s.sheet, cell(from, row), cell(to, row), style); s.err != nil {
		return
	}
	s.err = s.f.SetCellValue(s.sheet, cell(from, row), v)
}

// height sets the height of row in points.
func (s *sheetWriter) height(row int, points float64) {
	if s.err == nil {
		s.err = s.f.SetRowHeight(s.sheet, row, points)
	}
}

// widths sets the widths of the columns from the first one on.
func (s *sheetWriter) widths(w ...float64) {
	for i, width := range w {
		if s.err != nil {
			return
		}
		col, _ := excelize.ColumnNumberToName(i + 1)
		s.err = s.f.SetColWidth(s.sheet, col, col, width)
	}
}

// printLandscape sets the sheet to print landscape on A4, fit to one page
// wide, with the page number at the foot.
func (s *sheetWriter) printLandscape() {
	if s.err != nil {
		return
	}
	fit, size, wide, tall, orientation := true, xlsxPaperA4, 1, 0, "landscape"
	if s.err = s.f.SetSheetProps(s.sheet, &excelize.SheetPropsOptions{FitToPage: &fit}); s.err != nil {
		return
	}
	if s.err = s.f.SetPageLayout(s.sheet, &excelize.PageLayoutOptions{
		Size: &size, Orientation: &orientation, FitToWidth: &wide, FitToHeight: &tall,
	}); s.err != nil {
		return
	}
	left, right, top, bottom := 0.5, 0.4, 0.6, 0.6
	if s.err = s.f.SetPageMargins(s.sheet, &excelize.PageLayoutMarginsOptions{
		Left: &left, Right: &right, Top: &top, Bottom: &bottom,
	}); s.err != nil {
		return
	}
	s.err = s.f.SetHeaderFooter(s.sheet, &excelize.HeaderFooterOptions{OddFooter: "&CTrang &P/&N"})
}

// wrappedLines estimates how many lines text takes when wrapped at word
// boundaries in a column width characters wide. Excel and LibreOffice do not
// agree on fitting row heights to wrapped text when a file is opened, so the
// writer sets them; the estimate errs on the tall side so no text is cut off.
func wrappedLines(text string, width float64) int {
	// A column width counts digits of the default font; Vietnamese text in
	// Times New Roman 12 runs a little wider than that, and the cell has padding.
	perLine := max(1, int(width*0.9)-1)
	lines := 0
	for _, para := range strings.Split(text, "\n") {
		lines++
		used := 0
		for _, word := range strings.Fields(para) {
			n := utf8.RuneCountInString(word)
			switch {
			case used == 0:
				used = n
			case used+1+n <= perLine:
				used += 1 + n
			default:
				lines++
				used = n
			}
			for used > perLine { // a word longer than a line breaks inside it
				lines++
				used -= perLine
			}
		}
	}
	return lines
}
