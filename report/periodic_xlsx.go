package report

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/hpdoet/cchc/indicator"
	"github.com/hpdoet/cchc/plan"
	"github.com/xuri/excelize/v2"
)

// Sheet names of the periodic report's appendix workbook.
const (
	PeriodicTasksSheet      = "Nhiệm vụ"
	PeriodicTargetsSheet    = "Chỉ tiêu"
	PeriodicIndexSheet      = "Chỉ số 766"
	PeriodicProceduresSheet = "Hồ sơ theo thủ tục"
	PeriodicUnitsSheet      = "Hồ sơ theo đơn vị"
)

// periodicIssuerFull is the issuer above each sheet's title.
const periodicIssuerFull = "Sở Giáo dục và Đào tạo Hải Phòng"

// periodicColumn is a column of an appendix sheet: its header and width in characters.
type periodicColumn struct {
	header string
	width  float64
}

// periodicStyles are the shared styles plus numbers shown as they are
// (General), for values with decimals such as 92.5 or 19.68.
type periodicStyles struct {
	*xlsxStyles
	value      int
	totalValue int
}

// WritePeriodicXLSX writes the appendix of the periodic report as an XLSX
// workbook with five sheets: PeriodicTasksSheet lists every task of the
// plan with its area, lead unit, status in the period and overall, the due
// date and completion date the period reports on, and the accepted
// evidence with document numbers and dates; PeriodicTargetsSheet the
// plan's targets; PeriodicIndexSheet the criteria of the 766 index; and
// PeriodicProceduresSheet and PeriodicUnitsSheet the dossier counts by
// procedure and by unit with their totals. Counts, values, ratios and
// scores are number cells (ratios in percent, rounded to one decimal as in
// the report); dates are date cells. Input that Validate refuses is an
// EINVALID error, and nothing is written.
func WritePeriodicXLSX(w io.Writer, p Periodic) error {
	if err := p.Validate(); err != nil {
		return err
	}
	f := excelize.NewFile()
	defer f.Close()
	if err := buildPeriodicXLSX(f, p); err != nil {
		return fmt.Errorf("write periodic report appendix: %w", err)
	}
	if err := f.Write(w); err != nil {
		return fmt.Errorf("write periodic report appendix: %w", err)
	}
	return nil
}

// buildPeriodicXLSX fills the new workbook f from validated input.
func buildPeriodicXLSX(f *excelize.File, p Periodic) error {
	sp, _ := p.resolve(map[string]string{})
	if err := f.SetDefaultFont(xlsxFontFamily); err != nil {
		return err
	}
	sheets := []string{PeriodicTasksSheet, PeriodicTargetsSheet, PeriodicIndexSheet, PeriodicProceduresSheet, PeriodicUnitsSheet}
	if err := f.SetSheetName(f.GetSheetName(0), sheets[0]); err != nil {
		return err
	}
	for _, name := range sheets[1:] {
		if _, err := f.NewSheet(name); err != nil {
			return err
		}
	}
	st, err := newXLSXStyles(f)
	if err != nil {
		return err
	}
	ps := &periodicStyles{xlsxStyles: st}
	for _, d := range []struct {
		id    *int
		style excelize.Style
	}{
		{&ps.value, excelize.Style{Font: &excelize.Font{Family: xlsxFontFamily, Size: xlsxFontSize},
			Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"}, Border: xlsxBorder()}},
		{&ps.totalValue, excelize.Style{Font: &excelize.Font{Family: xlsxFontFamily, Size: xlsxFontSize, Bold: true},
			Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"}, Border: xlsxBorder(),
			Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"F2F2F2"}}}},
	} {
		if *d.id, err = f.NewStyle(&d.style); err != nil {
			return fmt.Errorf("new style: %w", err)
		}
	}

	subtitles := []string{p.attachedLine(), "Kỳ báo cáo: " + sp.phrase() + periodDates(sp)}
	views := p.taskViews(sp)
	for _, write := range []struct {
		sheet string
		fn    func() error
	}{
		{PeriodicTasksSheet, func() error { return writePeriodicTasks(f, ps, subtitles, p, views) }},
		{PeriodicTargetsSheet, func() error { return writePeriodicTargets(f, ps, subtitles, p.Indicators) }},
		{PeriodicIndexSheet, func() error { return writePeriodicIndex(f, ps, subtitles, p.Index) }},
		{PeriodicProceduresSheet, func() error {
			return writePeriodicDossiers(f, ps, PeriodicProceduresSheet, "KẾT QUẢ GIẢI QUYẾT HỒ SƠ THỦ TỤC HÀNH CHÍNH THEO THỦ TỤC",
				"Thủ tục hành chính", subtitles, p.Dossiers.ByProcedure, sumDossierRows(p.Dossiers.ByProcedure))
		}},
		{PeriodicUnitsSheet, func() error {
			return writePeriodicDossiers(f, ps, PeriodicUnitsSheet, "KẾT QUẢ GIẢI QUYẾT HỒ SƠ THỦ TỤC HÀNH CHÍNH THEO ĐƠN VỊ",
				"Đơn vị", subtitles, p.Dossiers.ByUnit, sumDossierRows(p.Dossiers.ByUnit))
		}},
	} {
		if err := write.fn(); err != nil {
			return fmt.Errorf("sheet %s: %w", write.sheet, err)
		}
	}
	f.SetActiveSheet(0)
	created := p.Date.UTC().Format(time.RFC3339)
	return f.SetDocProps(&excelize.DocProperties{
		Title:          "Phụ lục " + viLowerFirst(p.Title()),
		Subject:        p.Title(),
		Creator:        "cchc",
		LastModifiedBy: "cchc",
		Language:       "vi-VN",
		Created:        created,
		Modified:       created,
	})
}

// attachedLine is "(Kèm theo Báo cáo số 125/BC-SGDĐT ngày 05/10/2026 của
// Sở Giáo dục và Đào tạo)".
func (p Periodic) attachedLine() string {
	number := clean(p.Number)
	for _, prefix := range []string{"Số:", "số:"} {
		number = strings.TrimSpace(strings.TrimPrefix(number, prefix))
	}
	if number == "" {
		number = periodicDraftNo
	}
	return fmt.Sprintf("(Kèm theo Báo cáo số %s ngày %s của %s)", number, shortDate(p.Date), periodicIssuerIn)
}

// periodDates is " (từ ngày 01/07/2026 đến ngày 30/09/2026)" for a named
// period; a range already says it.
func periodDates(sp periodSpan) string {
	if sp.kind == PeriodicRange {
		return ""
	}
	return " (từ ngày " + shortDate(sp.from) + " đến ngày " + shortDate(sp.to) + ")"
}

// sumDossierRows adds up rows of dossier counts.
func sumDossierRows(rows []DossierRow) DossierCounts {
	var t DossierCounts
	for _, r := range rows {
		t = t.add(r.DossierCounts)
	}
	return t
}

// startPeriodicSheet writes the title block and the header row of a sheet and
// returns its writer and the header's row.
func startPeriodicSheet(f *excelize.File, ps *periodicStyles, sheet, title string, subtitles []string, cols []periodicColumn) (*sheetWriter, int) {
	s := &sheetWriter{f: f, sheet: sheet}
	widths := make([]float64, len(cols))
	var total float64
	for i, c := range cols {
		widths[i] = c.width
		total += c.width
	}
	s.widths(widths...)
	header := titleBlock(s, ps.xlsxStyles, periodicIssuerFull, title, subtitles, len(cols), total)
	var first float64
	for _, c := range cols[:min(3, len(cols))] {
		first += c.width
	}
	s.height(1, float64(wrappedLines(strings.ToUpper(periodicIssuerFull), first))*xlsxLineHeight+4)
	lines := 1
	for i, c := range cols {
		s.set(i+1, header, c.header, ps.header)
		lines = max(lines, wrappedLines(c.header, c.width))
	}
	s.height(header, float64(lines)*xlsxLineHeight+6)
	return s, header
}

// fitPeriodicRow sets a row's height to its tallest wrapped text, by periodicColumn.
func fitPeriodicRow(s *sheetWriter, cols []periodicColumn, row int, texts map[int]string) {
	lines := 1
	for col, text := range texts {
		lines = max(lines, wrappedLines(text, cols[col-1].width))
	}
	s.height(row, float64(lines)*xlsxLineHeight+4)
}

// finishPeriodicSheet freezes the rows above the table, filters it, repeats its
// header on every printed page and prints landscape.
func finishPeriodicSheet(s *sheetWriter, header, last, cols int) error {
	if s.err != nil {
		return s.err
	}
	if err := s.f.SetPanes(s.sheet, &excelize.Panes{
		Freeze: true, YSplit: header, TopLeftCell: cell(1, header+1), ActivePane: "bottomLeft",
	}); err != nil {
		return err
	}
	if err := s.f.AutoFilter(s.sheet, cell(1, header)+":"+cell(cols, max(last, header+1)), nil); err != nil {
		return err
	}
	if err := s.f.SetDefinedName(&excelize.DefinedName{
		Name:     "_xlnm.Print_Titles",
		RefersTo: fmt.Sprintf("'%s'!$%d:$%d", s.sheet, header, header),
		Scope:    s.sheet,
	}); err != nil {
		return err
	}
	s.printLandscape()
	return s.err
}

// periodicTaskColumns are the columns of the tasks sheet.
var periodicTaskColumns = []periodicColumn{
	{"STT", 6}, {"Mã", 11}, {"Nhiệm vụ", 50}, {"Lĩnh vực", 24}, {"Đơn vị chủ trì", 22},
	{"Trạng thái trong kỳ", 16}, {"Trạng thái chung", 15}, {"Hạn trong kỳ", 12}, {"Ngày hoàn thành", 12},
	{"Minh chứng (số, ngày văn bản)", 48},
}

// periodicNotInPeriod is the status in the period of an assigned task with no
// instance falling to it.
const periodicNotInPeriod = "Không phát sinh trong kỳ"

func writePeriodicTasks(f *excelize.File, ps *periodicStyles, subtitles []string, p Periodic, views []*taskView) error {
	cols := periodicTaskColumns
	s, header := startPeriodicSheet(f, ps, PeriodicTasksSheet, "DANH MỤC NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH VÀ MINH CHỨNG", subtitles, cols)
	names := areaNames(p.Plan)
	row := header
	for i, v := range views {
		row++
		status := v.status.Name()
		switch {
		case v.task.Assignment == nil:
		case !v.inPeriod:
			status = periodicNotInPeriod
		}
		statusStyle := ps.center
		if v.inPeriod && v.status == plan.Overdue {
			statusStyle = ps.overdue
		}
		overall, overallStyle := v.task.Status, ps.center
		if v.task.Assignment == nil {
			overall = plan.Unassigned
		}
		if overall == plan.Overdue {
			overallStyle = ps.overdue
		}
		text := taskWording(v.task.Node, 0)
		evidence := evidenceLines(v.evidence)
		s.set(1, row, i+1, ps.number)
		s.set(2, row, v.task.Node.Code, ps.center)
		s.set(3, row, text, ps.text)
		s.set(4, row, names[v.area], ps.text)
		s.set(5, row, v.lead, ps.text)
		s.set(6, row, status, statusStyle)
		s.set(7, row, overall.Name(), overallStyle)
		s.set(8, row, dateValue(v.due), ps.date)
		s.set(9, row, dateValue(v.delivered), ps.date)
		s.set(10, row, evidence, ps.text)
		fitPeriodicRow(s, cols, row, map[int]string{3: text, 4: names[v.area], 5: v.lead, 6: status, 10: evidence})
	}
	return finishPeriodicSheet(s, header, row, len(cols))
}

// periodicTargetColumns are the columns of the targets sheet.
var periodicTargetColumns = []periodicColumn{
	{"STT", 6}, {"Mã", 9}, {"Chỉ tiêu", 50}, {"Đơn vị tính", 10}, {"Mục tiêu của giai đoạn", 12},
	{"Kết quả", 12}, {"Tử số", 11}, {"Mẫu số", 11}, {"Đánh giá", 18}, {"Minh chứng, ghi chú", 44},
}

func writePeriodicTargets(f *excelize.File, ps *periodicStyles, subtitles []string, values []indicator.Value) error {
	cols := periodicTargetColumns
	s, header := startPeriodicSheet(f, ps, PeriodicTargetsSheet, "KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU CỦA KẾ HOẠCH", subtitles, cols)
	row := header
	for i, v := range values {
		row++
		s.set(1, row, i+1, ps.number)
		s.set(2, row, clean(v.Code), ps.center)
		s.set(3, row, clean(v.Name), ps.text)
		s.set(4, row, clean(v.Unit), ps.center)
		switch {
		case v.Direction == plan.DirQualitative:
			s.set(5, row, "Định tính", ps.center)
		case v.Target != nil:
			s.set(5, row, *v.Target, ps.value)
		default:
			s.set(5, row, nil, ps.value)
		}
		s.set(6, row, optionalNumber(v.Value), ps.value)
		if v.Den > 0 {
			s.set(7, row, v.Num, ps.value)
			s.set(8, row, v.Den, ps.value)
		} else {
			s.set(7, row, nil, ps.value)
			s.set(8, row, nil, ps.value)
		}
		status := indicatorStatusName(v.Status)
		statusStyle := ps.center
		if v.Status == indicator.StatusMissed || v.Status == indicator.StatusAtRisk {
			statusStyle = ps.overdue
		}
		s.set(9, row, status, statusStyle)
		var notes []string
		if v.Entry != nil {
			notes = append(notes, clean(v.Entry.Evidence), clean(v.Entry.Note))
		}
		notes = append(notes, clean(v.Note))
		note := strings.Join(nonEmptyLines(notes), "\n")
		s.set(10, row, note, ps.text)
		fitPeriodicRow(s, cols, row, map[int]string{3: clean(v.Name), 9: status, 10: note})
	}
	return finishPeriodicSheet(s, header, row, len(cols))
}

// optionalNumber is the cell value of an optional number: the number, or nothing.
func optionalNumber(v *float64) any {
	if v == nil {
		return nil
	}
	return *v
}

func nonEmptyLines(list []string) []string {
	var out []string
	for _, s := range list {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

// periodicIndexColumns are the columns of the 766 index sheet.
var periodicIndexColumns = []periodicColumn{
	{"Mã", 10}, {"Nhóm chỉ số, tiêu chí", 56}, {"Tử số", 11}, {"Mẫu số", 11}, {"Tỷ lệ (%)", 10},
	{"Điểm", 9}, {"Điểm tối đa", 9}, {"Ghi chú", 50},
}

// periodicNotMeasured marks a criterion cchc cannot measure.
const periodicNotMeasured = "Chưa đo được"

func writePeriodicIndex(f *excelize.File, ps *periodicStyles, subtitles []string, idx indicator.Index) error {
	cols := periodicIndexColumns
	s, header := startPeriodicSheet(f, ps, PeriodicIndexSheet,
		"CHỈ SỐ PHỤC VỤ NGƯỜI DÂN, DOANH NGHIỆP (QUYẾT ĐỊNH SỐ 766/QĐ-TTg)", subtitles, cols)
	row := header
	for _, g := range idx.Groups {
		row++
		s.set(1, row, "Nhóm "+clean(g.No), ps.totalLabel)
		s.set(2, row, clean(g.Name), ps.totalLabel)
		for col := 3; col <= 5; col++ {
			s.set(col, row, nil, ps.totalValue)
		}
		s.set(6, row, g.Score, ps.totalValue)
		s.set(7, row, g.Max, ps.totalValue)
		s.set(8, row, fmt.Sprintf("Tối đa phần đo được: %s điểm", viDecimal(g.Measurable, 2)), ps.totalLabel)
		fitPeriodicRow(s, cols, row, map[int]string{2: clean(g.Name)})
		for _, c := range g.Components {
			row++
			s.set(1, row, clean(c.Code), ps.center)
			s.set(2, row, clean(c.Name), ps.text)
			note := clean(c.Note)
			if !c.Measured {
				note = periodicNotMeasured + ": " + note
				s.set(3, row, nil, ps.value)
				s.set(4, row, nil, ps.value)
			} else {
				s.set(3, row, c.Num, ps.value)
				s.set(4, row, c.Den, ps.value)
			}
			s.set(5, row, optionalNumber(c.Ratio), ps.value)
			s.set(6, row, optionalNumber(c.Score), ps.value)
			s.set(7, row, c.Max, ps.value)
			s.set(8, row, strings.TrimSuffix(note, ": "), ps.text)
			fitPeriodicRow(s, cols, row, map[int]string{2: clean(c.Name), 8: note})
		}
	}
	row++
	s.set(1, row, "", ps.totalLabel)
	s.set(2, row, "Tổng điểm (phần đo được)", ps.totalLabel)
	for col := 3; col <= 5; col++ {
		s.set(col, row, nil, ps.totalValue)
	}
	s.set(6, row, idx.Score, ps.totalValue)
	s.set(7, row, idx.Measurable, ps.totalValue)
	s.set(8, row, fmt.Sprintf("Thang điểm %s", viDecimal(idx.Max, 2)), ps.totalLabel)
	return finishPeriodicSheet(s, header, row, len(cols))
}

// periodicDossierColumns are the count and ratio columns of the dossier sheets,
// after STT, code and name.
var periodicDossierColumns = []periodicColumn{
	{"Kỳ trước chuyển sang", 11}, {"Tiếp nhận mới", 11}, {"Nộp trực tuyến", 11}, {"Đã giải quyết", 11},
	{"Đúng hạn, trước hạn", 11}, {"Quá hạn", 10}, {"Đang giải quyết", 11}, {"Đang giải quyết quá hạn", 11},
	{"Có kết quả", 10}, {"Kết quả điện tử", 10}, {"Có phí, lệ phí", 10}, {"Thanh toán trực tuyến", 11},
	{"Sử dụng lại dữ liệu", 11}, {"Tỷ lệ trực tuyến (%)", 11}, {"Tỷ lệ đúng hạn (%)", 11},
	{"Tỷ lệ kết quả điện tử (%)", 11}, {"Tỷ lệ thanh toán trực tuyến (%)", 12},
}

// periodicDossierCells are a row's counts and ratios in periodicDossierColumns order; a
// ratio without a denominator is left empty.
func periodicDossierCells(c DossierCounts) []any {
	ratio := func(num, den int64) any {
		if v, ok := ratioPct(num, den); ok {
			return v
		}
		return nil
	}
	return []any{
		c.CarriedOver, c.Received, c.Online, c.Settled(), c.SettledOnTime, c.SettledLate, c.Open, c.OpenLate,
		c.Results, c.EResults, c.FeeDossiers, c.PaidOnline, c.Reused,
		ratio(c.Online, c.Received), ratio(c.SettledOnTime, c.Settled()), ratio(c.EResults, c.Results),
		ratio(c.PaidOnline, c.FeeDossiers),
	}
}

// periodicRatioColumns is how many of periodicDossierColumns, at the end, are ratios.
const periodicRatioColumns = 4

func writePeriodicDossiers(f *excelize.File, ps *periodicStyles, sheet, title, nameHeader string, subtitles []string, rows []DossierRow, total DossierCounts) error {
	cols := append([]periodicColumn{{"STT", 6}, {"Mã", 12}, {nameHeader, 44}}, periodicDossierColumns...)
	s, header := startPeriodicSheet(f, ps, sheet, title, subtitles, cols)
	write := func(row int, c DossierCounts, count, ratio int) {
		for i, v := range periodicDossierCells(c) {
			style := count
			if i >= len(periodicDossierColumns)-periodicRatioColumns {
				style = ratio
			}
			s.set(4+i, row, v, style)
		}
	}
	row := header
	for i, r := range rows {
		row++
		s.set(1, row, i+1, ps.number)
		s.set(2, row, clean(r.Code), ps.center)
		s.set(3, row, clean(r.Name), ps.text)
		write(row, r.DossierCounts, ps.number, ps.value)
		fitPeriodicRow(s, cols, row, map[int]string{3: clean(r.Name)})
	}
	// The totals are values, not formulas: the sheet records what the
	// system held, and every reader shows them without recalculating.
	row++
	s.set(1, row, "", ps.totalLabel)
	s.set(2, row, "", ps.totalLabel)
	s.set(3, row, "Tổng cộng", ps.totalLabel)
	write(row, total, ps.totalNumber, ps.totalValue)
	s.height(row, xlsxLineHeight+4)
	// The filter covers the rows, not the totals.
	return finishPeriodicSheet(s, header, row-1, len(cols))
}
