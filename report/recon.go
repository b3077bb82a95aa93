package report

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"
)

// ReconRow is one day's payments through one provider.
type ReconRow struct {
	Day        time.Time // the civil day, read in Vietnam time
	Provider   string    // "vnpay", "sandbox", "counter", or another provider's name
	Paid       int       // payments completed
	PaidAmount int64     // đồng collected by the completed payments
	Failed     int
	Pending    int
	Suspect    int
	Mismatches int // callbacks refused: forged signature, unknown order, wrong amount
}

// Reconciliation is what the payment reconciliation (đối soát thanh toán)
// shows: payments per day and provider between From and To, both included.
type Reconciliation struct {
	Issuer      string    // "Sở Giáo dục và Đào tạo Hải Phòng"
	From, To    time.Time // civil days, read in Vietnam time
	Rows        []ReconRow
	GeneratedAt time.Time // when the figures were taken; not printed when zero
}

// ReconSheet is the name of the reconciliation workbook's sheet.
const ReconSheet = "Đối soát thanh toán"

// ReconTitle is the title of the reconciliation.
const ReconTitle = "ĐỐI SOÁT THANH TOÁN PHÍ, LỆ PHÍ TRỰC TUYẾN"

// ReconHeaders are the column headers of the reconciliation table, in order.
var ReconHeaders = []string{
	"STT", "Ngày", "Cổng thanh toán", "Đã thanh toán (số giao dịch)", "Số tiền đã thu (đồng)",
	"Thất bại", "Đang chờ", "Nghi vấn", "Sai lệch",
}

// reconWidths are the column widths, in characters, matching ReconHeaders.
var reconWidths = []float64{6, 12, 30, 15, 18, 10, 10, 10, 10}

// reconEmpty is the line the table shows when there is no row.
const reconEmpty = "Không có giao dịch trong khoảng thời gian này."

// providerNames are the display names of the providers cchc knows.
var providerNames = map[string]string{
	"vnpay":   "VNPAY",
	"sandbox": "Cổng thử nghiệm (sandbox)",
	"counter": "Tiền mặt tại quầy",
}

// providerName is the name a provider is shown under: the known ones by
// their display name, others as given.
func providerName(p string) string {
	if name, ok := providerNames[p]; ok {
		return name
	}
	return p
}

// civilDay is the day t falls on in Vietnam, as midnight UTC: the form
// excelize turns into a whole Excel serial number. A civil date given as
// midnight UTC or as midnight in Vietnam reads as itself.
func civilDay(t time.Time) time.Time {
	y, m, d := t.In(VietnamTime).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

func (r Reconciliation) validate() error {
	var problems []string
	failf := func(format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) }
	if r.From.IsZero() {
		failf("start day is not set")
	}
	if r.To.IsZero() {
		failf("end day is not set")
	}
	from, to := civilDay(r.From), civilDay(r.To)
	if !r.From.IsZero() && !r.To.IsZero() && to.Before(from) {
		failf("end day %s is before start day %s", shortDate(to), shortDate(from))
	}
	for i, row := range r.Rows {
		n := i + 1
		if row.Day.IsZero() {
			failf("row %d: day is not set", n)
		} else if d := civilDay(row.Day); !r.From.IsZero() && !r.To.IsZero() && (d.Before(from) || d.After(to)) {
			failf("row %d: day %s is outside %s–%s", n, shortDate(d), shortDate(from), shortDate(to))
		}
		if strings.TrimSpace(row.Provider) == "" {
			failf("row %d: provider is empty", n)
		}
		for _, c := range []struct {
			name string
			v    int64
		}{
			{"paid", int64(row.Paid)}, {"paid amount", row.PaidAmount}, {"failed", int64(row.Failed)},
			{"pending", int64(row.Pending)}, {"suspect", int64(row.Suspect)}, {"mismatches", int64(row.Mismatches)},
		} {
			if c.v < 0 {
				failf("row %d: %s must not be negative, got %d", n, c.name, c.v)
			}
		}
	}
	if len(problems) > 0 {
		return fmt.Errorf("invalid reconciliation: %s", strings.Join(problems, "; "))
	}
	return nil
}

// WriteReconciliation writes the đối soát thanh toán phí, lệ phí as an XLSX
// workbook of one sheet, ReconSheet: the issuer, the title and the period,
// then a row per day and provider in the order given (the number of payments
// completed and the đồng they collected, and the failed, pending, suspect
// ones and the refused callbacks), then the totals. Totals are values, not
// formulas: the sheet is a record of what the system held when it was made,
// and every reader shows them without recalculating. A row outside the
// period, a negative count or a missing day or provider is an error, and
// nothing is written.
func WriteReconciliation(w io.Writer, r Reconciliation) error {
	if err := r.validate(); err != nil {
		return fmt.Errorf("write reconciliation: %w", err)
	}
	f := excelize.NewFile()
	defer f.Close()
	if err := buildReconciliation(f, r); err != nil {
		return fmt.Errorf("write reconciliation: %w", err)
	}
	if err := f.Write(w); err != nil {
		return fmt.Errorf("write reconciliation: %w", err)
	}
	return nil
}

// reconPeriod is the subtitle: "Từ ngày 01/11/2026 đến ngày 30/11/2026".
func reconPeriod(r Reconciliation) string {
	return "Từ ngày " + shortDate(civilDay(r.From)) + " đến ngày " + shortDate(civilDay(r.To))
}

// buildReconciliation fills the new workbook f.
func buildReconciliation(f *excelize.File, r Reconciliation) error {
	if err := f.SetDefaultFont(xlsxFontFamily); err != nil {
		return err
	}
	if err := f.SetSheetName(f.GetSheetName(0), ReconSheet); err != nil {
		return err
	}
	st, err := newXLSXStyles(f)
	if err != nil {
		return err
	}
	// Money with a thousands separator (built-in format 3, "#,##0"), which
	// each reader shows in its locale's way: "1.250.000" in Vietnamese.
	money, err := f.NewStyle(&excelize.Style{
		Font:      &excelize.Font{Family: xlsxFontFamily, Size: xlsxFontSize},
		Alignment: &excelize.Alignment{Horizontal: "right", Vertical: "center"},
		Border:    xlsxBorder(),
		NumFmt:    3,
	})
	if err != nil {
		return fmt.Errorf("new style: %w", err)
	}
	totalMoney, err := f.NewStyle(&excelize.Style{
		Font:      &excelize.Font{Family: xlsxFontFamily, Size: xlsxFontSize, Bold: true},
		Alignment: &excelize.Alignment{Horizontal: "right", Vertical: "center"},
		Border:    xlsxBorder(),
		NumFmt:    3,
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"F2F2F2"}},
	})
	if err != nil {
		return fmt.Errorf("new style: %w", err)
	}
	if err := writeReconTable(f, st, money, totalMoney, r); err != nil {
		return fmt.Errorf("sheet %s: %w", ReconSheet, err)
	}
	props := &excelize.DocProperties{
		Title:          "Đối soát thanh toán phí, lệ phí trực tuyến",
		Subject:        reconPeriod(r),
		Creator:        "cchc",
		LastModifiedBy: "cchc",
		Language:       "vi-VN",
	}
	if !r.GeneratedAt.IsZero() {
		props.Created = r.GeneratedAt.UTC().Format(time.RFC3339)
		props.Modified = props.Created
	}
	return f.SetDocProps(props)
}

// xlsxBorder is the thin border on all four sides the shared styles use.
func xlsxBorder() []excelize.Border {
	var b []excelize.Border
	for _, side := range []string{"left", "top", "right", "bottom"} {
		b = append(b, excelize.Border{Type: side, Color: "000000", Style: 1})
	}
	return b
}

// writeReconTable writes the title block, the table and its totals.
func writeReconTable(f *excelize.File, st *xlsxStyles, money, totalMoney int, r Reconciliation) error {
	s := &sheetWriter{f: f, sheet: ReconSheet}
	cols := len(ReconHeaders)
	s.widths(reconWidths...)
	var width float64
	for _, w := range reconWidths {
		width += w
	}
	header := titleBlock(s, st, r.Issuer, ReconTitle, []string{reconPeriod(r)}, cols, width)

	lines := 1
	for i, h := range ReconHeaders {
		s.set(i+1, header, h, st.header)
		lines = max(lines, wrappedLines(h, reconWidths[i]))
	}
	s.height(header, float64(lines)*xlsxLineHeight+6)

	var total ReconRow
	row := header
	for i, rr := range r.Rows {
		row++
		name := providerName(strings.TrimSpace(rr.Provider))
		s.set(1, row, i+1, st.number)
		s.set(2, row, civilDay(rr.Day), st.date)
		s.set(3, row, name, st.text)
		s.set(4, row, rr.Paid, st.number)
		s.set(5, row, rr.PaidAmount, money)
		s.set(6, row, rr.Failed, st.number)
		s.set(7, row, rr.Pending, st.number)
		s.set(8, row, rr.Suspect, st.number)
		s.set(9, row, rr.Mismatches, st.number)
		s.height(row, float64(wrappedLines(name, reconWidths[2]))*xlsxLineHeight+4)
		total.Paid += rr.Paid
		total.PaidAmount += rr.PaidAmount
		total.Failed += rr.Failed
		total.Pending += rr.Pending
		total.Suspect += rr.Suspect
		total.Mismatches += rr.Mismatches
	}
	if len(r.Rows) == 0 {
		row++
		s.merged(row, 1, cols, reconEmpty, st.text)
		s.height(row, xlsxLineHeight+4)
	}

	row++
	s.merged(row, 1, 3, "Tổng cộng", st.totalLabel)
	s.set(4, row, total.Paid, st.totalNumber)
	s.set(5, row, total.PaidAmount, totalMoney)
	s.set(6, row, total.Failed, st.totalNumber)
	s.set(7, row, total.Pending, st.totalNumber)
	s.set(8, row, total.Suspect, st.totalNumber)
	s.set(9, row, total.Mismatches, st.totalNumber)
	s.height(row, xlsxLineHeight+4)

	if !r.GeneratedAt.IsZero() {
		row += 2
		s.merged(row, 1, cols, "Số liệu tổng hợp lúc "+appointment(r.GeneratedAt)+".", st.subtitle)
		s.height(row, xlsxLineHeight+4)
	}
	if s.err != nil {
		return s.err
	}
	if err := f.SetPanes(ReconSheet, &excelize.Panes{
		Freeze: true, YSplit: header, TopLeftCell: cell(1, header+1), ActivePane: "bottomLeft",
	}); err != nil {
		return err
	}
	// Repeat the header row on every printed page.
	if err := f.SetDefinedName(&excelize.DefinedName{
		Name:     "_xlnm.Print_Titles",
		RefersTo: fmt.Sprintf("'%s'!$%d:$%d", ReconSheet, header, header),
		Scope:    ReconSheet,
	}); err != nil {
		return err
	}
	s.printLandscape()
	return s.err
}
