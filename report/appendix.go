package report

import (
	"cmp"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/hpdoet/cchc"
	"github.com/hpdoet/cchc/plan"
	"github.com/xuri/excelize/v2"
)

// Appendix is what the Phụ lục phân công shows.
type Appendix struct {
	PlanTitle string               // e.g. "Kế hoạch cải cách hành chính nhà nước trọng tâm giai đoạn 2026 - 2030 …"
	Issuer    string               // "Sở Giáo dục và Đào tạo Hải Phòng"
	Tasks     []*plan.Task         // in plan order, statuses already derived
	Units     map[int64]*cchc.Unit // every unit an assignment names, active or not
	Today     time.Time            // civil date the statuses are as of
}

// Sheet names of the appendix workbook.
const (
	// AppendixSheet is the sheet listing the tasks.
	AppendixSheet = "Phụ lục phân công"
	// AppendixStatsSheet is the sheet counting tasks by status.
	AppendixStatsSheet = "Thống kê"
)

// Fixed texts of the appendix workbook.
const (
	appendixTitle    = "PHỤ LỤC PHÂN CÔNG THỰC HIỆN NHIỆM VỤ TRỌNG TÂM CẢI CÁCH HÀNH CHÍNH GIAI ĐOẠN 2026 - 2030"
	appendixDocTitle = "Phụ lục phân công thực hiện nhiệm vụ trọng tâm cải cách hành chính giai đoạn 2026 - 2030"
)

// AppendixHeaders are the column headers of the appendix table, in order.
var AppendixHeaders = []string{
	"STT", "Mã", "Nhiệm vụ", "Đơn vị chủ trì", "Đơn vị phối hợp", "Sản phẩm / minh chứng",
	"Ngày bắt đầu", "Hạn hoàn thành", "Chu kỳ", "Số kỳ", "Trạng thái",
}

// appendixWidths are the column widths, in characters, matching AppendixHeaders.
var appendixWidths = []float64{6, 11, 52, 22, 26, 30, 12, 12, 11, 7, 15}

// sectionNames are the headings of the plan's five sections.
var sectionNames = map[string]string{
	"I":   "MỤC ĐÍCH, YÊU CẦU",
	"II":  "NHIỆM VỤ TRỌNG TÂM",
	"III": "GIẢI PHÁP THỰC HIỆN",
	"IV":  "KINH PHÍ",
	"V":   "TỔ CHỨC THỰC HIỆN",
}

// sectionHeading is the heading row text of a section: "II. NHIỆM VỤ TRỌNG TÂM".
func sectionHeading(code string) string {
	if code == "" {
		return "Khác"
	}
	if name, ok := sectionNames[code]; ok {
		return code + ". " + name
	}
	return code + "."
}

// appendixRow is one task as the table shows it.
type appendixRow struct {
	section    string
	code, text string
	lead, co   string
	product    string
	start, due time.Time // zero when unassigned
	recurrence string
	instances  int // -1 when unassigned
	status     plan.Status
}

// appendixRows resolves tasks into table rows, failing on what would make
// the table wrong rather than merely incomplete.
func appendixRows(a Appendix) ([]appendixRow, error) {
	unitName := func(task string, id int64) (string, error) {
		u := a.Units[id]
		if u == nil {
			return "", fmt.Errorf("task %s names unit %d, which is not in Units", task, id)
		}
		return u.Name, nil
	}
	rows := make([]appendixRow, 0, len(a.Tasks))
	for i, t := range a.Tasks {
		if t == nil || t.Node == nil {
			return nil, fmt.Errorf("task %d has no plan node", i+1)
		}
		r := appendixRow{section: t.Section, code: t.Node.Code, text: t.Node.Title, instances: -1, status: t.Status}
		if strings.TrimSpace(r.text) == "" {
			r.text = t.Node.Text
		}
		if as := t.Assignment; as != nil {
			var err error
			if r.lead, err = unitName(r.code, as.LeadUnitID); err != nil {
				return nil, err
			}
			co := make([]*cchc.Unit, 0, len(as.CoUnitIDs))
			for _, id := range as.CoUnitIDs {
				if _, err := unitName(r.code, id); err != nil {
					return nil, err
				}
				co = append(co, a.Units[id])
			}
			// Coordinating units in the order the Sở lists its units.
			slices.SortStableFunc(co, func(x, y *cchc.Unit) int {
				return cmp.Or(cmp.Compare(x.Position, y.Position), cmp.Compare(x.ID, y.ID))
			})
			names := make([]string, len(co))
			for i, u := range co {
				names[i] = u.Name
			}
			r.co = strings.Join(names, "; ")
			r.product = as.Product
			r.start = as.Start
			// The due date shown is the one the unit is working towards today:
			// the current instance's (for a recurring task, the period under
			// way or the earliest one left unfinished), or the first period's
			// when the instances were not loaded.
			r.due = t.NextDue()
			if r.due.IsZero() {
				r.due = as.Due
			}
			r.recurrence = as.Recurrence.Name()
			r.instances = len(t.Instances)
		}
		rows = append(rows, r)
	}
	return rows, nil
}

// attachedTo is the line under the title naming the plan the appendix comes
// with: "(Kèm theo Kế hoạch …)". A title given without the words "Kế hoạch"
// (as plan.Document.Title is) gets them.
func attachedTo(title string) string {
	title = strings.TrimSpace(title)
	if title == "" {
		return "(Kèm theo Kế hoạch)"
	}
	if !strings.HasPrefix(strings.ToLower(title), "kế hoạch") {
		r, n := utf8.DecodeRuneInString(title)
		title = "Kế hoạch " + string(unicode.ToLower(r)) + title[n:]
	}
	return "(Kèm theo " + title + ")"
}

// WriteAppendix writes the Phụ lục phân công as an XLSX workbook: the sheet
// AppendixSheet lists every task in plan order, grouped under section
// headings, with its units, product, dates, recurrence and status as of
// a.Today; the sheet AppendixStatsSheet counts tasks by status per section
// and overall. A task whose assignment names a unit missing from a.Units is
// an error.
func WriteAppendix(w io.Writer, a Appendix) error {
	if a.Today.IsZero() {
		return errors.New("write appendix: the date the statuses are as of is not set")
	}
	rows, err := appendixRows(a)
	if err != nil {
		return fmt.Errorf("write appendix: %w", err)
	}
	f := excelize.NewFile()
	defer f.Close()
	if err := buildAppendix(f, a, rows); err != nil {
		return fmt.Errorf("write appendix: %w", err)
	}
	if err := f.Write(w); err != nil {
		return fmt.Errorf("write appendix: %w", err)
	}
	return nil
}

// buildAppendix fills the new workbook f.
func buildAppendix(f *excelize.File, a Appendix, rows []appendixRow) error {
	if err := f.SetDefaultFont(xlsxFontFamily); err != nil {
		return err
	}
	if err := f.SetSheetName(f.GetSheetName(0), AppendixSheet); err != nil {
		return err
	}
	if _, err := f.NewSheet(AppendixStatsSheet); err != nil {
		return err
	}
	st, err := newXLSXStyles(f)
	if err != nil {
		return err
	}
	if err := writeAppendixTable(f, st, a, rows); err != nil {
		return fmt.Errorf("sheet %s: %w", AppendixSheet, err)
	}
	if err := writeAppendixStats(f, st, a, rows); err != nil {
		return fmt.Errorf("sheet %s: %w", AppendixStatsSheet, err)
	}
	f.SetActiveSheet(0)
	return f.SetDocProps(&excelize.DocProperties{
		Title:          appendixDocTitle,
		Subject:        strings.TrimSpace(a.PlanTitle),
		Description:    "Tình trạng đến ngày " + a.Today.Format("02/01/2006"),
		Creator:        "cchc",
		LastModifiedBy: "cchc",
		Language:       "vi-VN",
	})
}

// titleBlock writes the agency, title and subtitles from row 1 across
// columns 1..cols and returns the next free row.
func titleBlock(s *sheetWriter, st *xlsxStyles, issuer, title string, subtitles []string, cols int, width float64) int {
	s.merged(1, 1, min(3, cols), strings.ToUpper(strings.TrimSpace(issuer)), st.agency)
	row := 3
	s.merged(row, 1, cols, title, st.title)
	s.height(row, float64(wrappedLines(title, width))*xlsxLineHeight+4)
	for _, sub := range subtitles {
		row++
		s.merged(row, 1, cols, sub, st.subtitle)
		s.height(row, float64(wrappedLines(sub, width))*xlsxLineHeight+4)
	}
	return row + 2
}

// writeAppendixTable writes the sheet listing the tasks.
func writeAppendixTable(f *excelize.File, st *xlsxStyles, a Appendix, rows []appendixRow) error {
	s := &sheetWriter{f: f, sheet: AppendixSheet}
	cols := len(AppendixHeaders)
	s.widths(appendixWidths...)
	var total float64
	for _, w := range appendixWidths {
		total += w
	}
	header := titleBlock(s, st, a.Issuer, appendixTitle,
		[]string{attachedTo(a.PlanTitle), "Tình trạng đến ngày " + a.Today.Format("02/01/2006")}, cols, total)

	lines := 1
	for i, h := range AppendixHeaders {
		s.set(i+1, header, h, st.header)
		lines = max(lines, wrappedLines(h, appendixWidths[i]))
	}
	s.height(header, float64(lines)*xlsxLineHeight+6)

	row, section := header, "\x00"
	for i, r := range rows {
		if r.section != section {
			section = r.section
			row++
			s.merged(row, 1, cols, sectionHeading(section), st.section)
			s.height(row, xlsxLineHeight+4)
		}
		row++
		status := st.center
		if r.status == plan.Overdue {
			status = st.overdue
		}
		s.set(1, row, i+1, st.number)
		s.set(2, row, r.code, st.center)
		s.set(3, row, r.text, st.text)
		s.set(4, row, r.lead, st.text)
		s.set(5, row, r.co, st.text)
		s.set(6, row, r.product, st.text)
		s.set(7, row, dateValue(r.start), st.date)
		s.set(8, row, dateValue(r.due), st.date)
		s.set(9, row, r.recurrence, st.center)
		if r.instances >= 0 {
			s.set(10, row, r.instances, st.number)
		} else {
			s.set(10, row, nil, st.number)
		}
		s.set(11, row, r.status.Name(), status)
		lines := 1
		for col, text := range map[int]string{3: r.text, 4: r.lead, 5: r.co, 6: r.product, 11: r.status.Name()} {
			lines = max(lines, wrappedLines(text, appendixWidths[col-1]))
		}
		s.height(row, float64(lines)*xlsxLineHeight+4)
	}
	if s.err != nil {
		return s.err
	}
	if err := f.SetPanes(AppendixSheet, &excelize.Panes{
		Freeze: true, YSplit: header, TopLeftCell: cell(1, header+1), ActivePane: "bottomLeft",
	}); err != nil {
		return err
	}
	if err := f.AutoFilter(AppendixSheet, cell(1, header)+":"+cell(cols, max(row, header+1)), nil); err != nil {
		return err
	}
	// Repeat the header row on every printed page.
	if err := f.SetDefinedName(&excelize.DefinedName{
		Name:     "_xlnm.Print_Titles",
		RefersTo: fmt.Sprintf("'%s'!$%d:$%d", AppendixSheet, header, header),
		Scope:    AppendixSheet,
	}); err != nil {
		return err
	}
	s.printLandscape()
	return s.err
}

// dateValue is the cell value of a civil date: the date itself, which
// excelize stores as an Excel serial number, or nothing when it is unset.
func dateValue(d time.Time) any {
	if d.IsZero() {
		return nil
	}
	return d
}

// writeAppendixStats writes the sheet counting tasks by status: one row per
// section in plan order, a column per status in plan.Statuses order, then
// the totals.
func writeAppendixStats(f *excelize.File, st *xlsxStyles, a Appendix, rows []appendixRow) error {
	var sections []string
	counts := map[string]plan.Counts{}
	overall := plan.Counts{}
	for _, r := range rows {
		if counts[r.section] == nil {
			sections = append(sections, r.section)
			counts[r.section] = plan.Counts{}
		}
		counts[r.section][r.status]++
		overall[r.status]++
	}

	s := &sheetWriter{f: f, sheet: AppendixStatsSheet}
	cols := len(plan.Statuses) + 2
	widths := []float64{38}
	for range plan.Statuses {
		widths = append(widths, 14)
	}
	widths = append(widths, 12)
	s.widths(widths...)
	var total float64
	for _, w := range widths {
		total += w
	}
	header := titleBlock(s, st, a.Issuer, "THỐNG KÊ TÌNH TRẠNG THỰC HIỆN NHIỆM VỤ THEO PHỤ LỤC PHÂN CÔNG",
		[]string{"Tình trạng đến ngày " + a.Today.Format("02/01/2006")}, cols, total)

	s.set(1, header, "Mục", st.header)
	for i, status := range plan.Statuses {
		s.set(i+2, header, status.Name(), st.header)
	}
	s.set(cols, header, "Tổng số", st.header)
	s.height(header, 2*xlsxLineHeight+6)

	row := header
	line := func(label string, c plan.Counts, labelStyle, numberStyle int) {
		row++
		s.set(1, row, label, labelStyle)
		for i, status := range plan.Statuses {
			s.set(i+2, row, c[status], numberStyle)
		}
		s.set(cols, row, c.Total(), numberStyle)
		s.height(row, float64(wrappedLines(label, widths[0]))*xlsxLineHeight+4)
	}
	for _, sec := range sections {
		line(sectionHeading(sec), counts[sec], st.text, st.number)
	}
	line("Tổng cộng", overall, st.totalLabel, st.totalNumber)
	s.printLandscape()
	return s.err
}
