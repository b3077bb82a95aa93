package report

import (
	"bytes"
	"context"
	"encoding/csv"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/hpdoet/cchc"
	"github.com/hpdoet/cchc/plan"
	"github.com/xuri/excelize/v2"
)

func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// Vietnamese texts of the fixture, checked exactly in both readers.
const (
	text1    = "Rà soát, đơn giản hóa thủ tục hành chính, giấy tờ công dân thuộc phạm vi chức năng của Sở; công khai đầy đủ, kịp thời, chính xác trên Cổng Dịch vụ công quốc gia."
	title2   = "Báo cáo tình hình thực hiện công tác cải cách hành chính hằng quý"
	title3   = "Đẩy mạnh chuyển đổi số, ứng dụng công nghệ thông tin trong quản lý, điều hành của Sở"
	text4    = "Các phòng, đơn vị thuộc Sở căn cứ Kế hoạch này xây dựng kế hoạch cụ thể; định kỳ báo cáo kết quả về Văn phòng Sở để tổng hợp."
	product1 = "Báo cáo kết quả rà soát; Quyết định công bố thủ tục hành chính"
	product2 = "Báo cáo quý gửi Văn phòng Sở"
	product3 = "Hệ thống quản lý văn bản và điều hành được nâng cấp"
)

// newTask builds a task the way storage would: one instance state per
// instance of the assignment, delivered on the date given for its period,
// then derived as of today.
func newTask(section string, node *plan.Node, as *plan.Assignment, delivered map[string]time.Time, today time.Time) *plan.Task {
	t := &plan.Task{Node: node, Section: section, Assignment: as}
	if as != nil {
		for _, in := range as.Instances() {
			t.Instances = append(t.Instances, &plan.InstanceState{Instance: in, Delivered: delivered[in.Period]})
		}
	}
	t.Derive(today)
	return t
}

// appendixFixture is a small plan as of 15/07/2026: a task done on time, a
// quarterly task under way, an overdue one and an unassigned one.
func appendixFixture(t *testing.T) Appendix {
	t.Helper()
	today := date(2026, 7, 15)
	units := map[int64]*cchc.Unit{
		1: {ID: 1, Code: "VP", Name: "Văn phòng Sở", Position: 1},
		2: {ID: 2, Code: "GDTrH", Name: "Phòng Giáo dục Trung học", Position: 3},
		3: {ID: 3, Code: "KHTC", Name: "Phòng Kế hoạch - Tài chính", Position: 4},
		4: {ID: 4, Code: "GDMNTH", Name: "Phòng Giáo dục Mầm non và Tiểu học", Position: 2},
	}
	tasks := []*plan.Task{
		newTask("II", &plan.Node{Code: "II.1.a", Kind: plan.KindItem, Label: "a)", Text: text1, Task: true},
			&plan.Assignment{ID: 1, NodeCode: "II.1.a", LeadUnitID: 1, CoUnitIDs: []int64{2, 4}, Product: product1,
				Start: date(2026, 2, 2), Due: date(2026, 6, 30), Recurrence: plan.Once},
			map[string]time.Time{"once": date(2026, 6, 20)}, today),
		newTask("II", &plan.Node{Code: "II.2.b", Kind: plan.KindHeading, Label: "b)", Title: title2, Text: "Nội dung chi tiết không hiển thị.", Task: true},
			&plan.Assignment{ID: 2, NodeCode: "II.2.b", LeadUnitID: 2, Product: product2,
				Start: date(2026, 1, 1), Due: date(2026, 3, 25), Recurrence: plan.Quarterly},
			map[string]time.Time{"2026-Q1": date(2026, 3, 20), "2026-Q2": date(2026, 6, 30)}, today),
		newTask("III", &plan.Node{Code: "III.1", Kind: plan.KindHeading, Label: "1.", Title: title3, Task: true},
			&plan.Assignment{ID: 3, NodeCode: "III.1", LeadUnitID: 3, CoUnitIDs: []int64{1}, Product: product3,
				Start: date(2026, 3, 1), Due: date(2026, 5, 31), Recurrence: plan.Once},
			nil, today),
		newTask("V", &plan.Node{Code: "V.2", Kind: plan.KindHeading, Label: "2.", Text: text4, Task: true}, nil, nil, today),
	}
	// Guard the fixture: the tests below rely on these derived statuses.
	var got []plan.Status
	for _, task := range tasks {
		got = append(got, task.Status)
	}
	if want := []plan.Status{plan.Done, plan.InProgress, plan.Overdue, plan.Unassigned}; !slices.Equal(got, want) {
		t.Fatalf("fixture statuses = %v, want %v", got, want)
	}
	return Appendix{
		PlanTitle: "Kế hoạch cải cách hành chính nhà nước trọng tâm giai đoạn 2026 - 2030 của Sở Giáo dục và Đào tạo Hải Phòng",
		Issuer:    "Sở Giáo dục và Đào tạo Hải Phòng",
		Tasks:     tasks,
		Units:     units,
		Today:     today,
	}
}

// wantTable is the appendix table as any reader should show it, header
// first, trailing empty cells left off.
var wantTable = [][]string{
	AppendixHeaders,
	{"II. NHIỆM VỤ TRỌNG TÂM"},
	{"1", "II.1.a", text1, "Văn phòng Sở", "Phòng Giáo dục Mầm non và Tiểu học; Phòng Giáo dục Trung học", product1,
		"02/02/2026", "30/06/2026", "Một lần", "1", "Hoàn thành"},
	// The quarterly task shows its current period's due date (Q3), 20 quarters in all.
	{"2", "II.2.b", title2, "Phòng Giáo dục Trung học", "", product2,
		"01/01/2026", "25/09/2026", "Hằng quý", "20", "Đang thực hiện"},
	{"III. GIẢI PHÁP THỰC HIỆN"},
	{"3", "III.1", title3, "Phòng Kế hoạch - Tài chính", "Văn phòng Sở", product3,
		"01/03/2026", "31/05/2026", "Một lần", "1", "Quá hạn"},
	{"V. TỔ CHỨC THỰC HIỆN"},
	{"4", "V.2", text4, "", "", "", "", "", "", "", "Chưa phân công"},
}

// wantStats is the statistics table: sections by statuses in plan.Statuses
// order (Quá hạn, Đang thực hiện, Chưa bắt đầu, Hoàn thành, Hoàn thành muộn,
// Chưa phân công), then the total.
var wantStats = [][]string{
	{"Mục", "Quá hạn", "Đang thực hiện", "Chưa bắt đầu", "Hoàn thành", "Hoàn thành muộn", "Chưa phân công", "Tổng số"},
	{"II. NHIỆM VỤ TRỌNG TÂM", "0", "1", "0", "1", "0", "0", "2"},
	{"III. GIẢI PHÁP THỰC HIỆN", "1", "0", "0", "0", "0", "0", "1"},
	{"V. TỔ CHỨC THỰC HIỆN", "0", "0", "0", "0", "0", "1", "1"},
	{"Tổng cộng", "1", "1", "0", "1", "0", "1", "4"},
}

// tableFrom returns the rows from the one whose first cell is first on,
// with trailing empty cells and trailing empty rows dropped.
func tableFrom(t *testing.T, rows [][]string, first string) [][]string {
	t.Helper()
	start := slices.IndexFunc(rows, func(r []string) bool { return len(r) > 0 && r[0] == first })
	if start < 0 {
		t.Fatalf("no row starts with %q in %q", first, rows)
	}
	var out [][]string
	for _, r := range rows[start:] {
		end := len(r)
		for end > 0 && r[end-1] == "" {
			end--
		}
		out = append(out, r[:end])
	}
	for len(out) > 0 && len(out[len(out)-1]) == 0 {
		out = out[:len(out)-1]
	}
	return out
}

// compareTables reports every row of got that differs from want.
func compareTables(t *testing.T, got, want [][]string) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("got %d rows, want %d:\n got %q\nwant %q", len(got), len(want), got, want)
		return
	}
	for i := range want {
		if !slices.Equal(got[i], want[i]) {
			t.Errorf("row %d:\n got %q\nwant %q", i, got[i], want[i])
		}
	}
}

func writeFixture(t *testing.T) (Appendix, []byte) {
	t.Helper()
	a := appendixFixture(t)
	var buf bytes.Buffer
	if err := WriteAppendix(&buf, a); err != nil {
		t.Fatalf("WriteAppendix: %v", err)
	}
	return a, buf.Bytes()
}

func TestWriteAppendix(t *testing.T) {
	a, data := writeFixture(t)
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("open written workbook: %v", err)
	}
	defer f.Close()

	if got, want := f.GetSheetList(), []string{AppendixSheet, AppendixStatsSheet}; !slices.Equal(got, want) {
		t.Fatalf("sheets = %q, want %q", got, want)
	}

	t.Run("title block", func(t *testing.T) {
		for c, want := range map[string]string{
			"A1": "SỞ GIÁO DỤC VÀ ĐÀO TẠO HẢI PHÒNG",
			"A3": "PHỤ LỤC PHÂN CÔNG THỰC HIỆN NHIỆM VỤ TRỌNG TÂM CẢI CÁCH HÀNH CHÍNH GIAI ĐOẠN 2026 - 2030",
			"A4": "(Kèm theo Kế hoạch cải cách hành chính nhà nước trọng tâm giai đoạn 2026 - 2030 của Sở Giáo dục và Đào tạo Hải Phòng)",
			"A5": "Tình trạng đến ngày 15/07/2026",
		} {
			if got, err := f.GetCellValue(AppendixSheet, c); err != nil || got != want {
				t.Errorf("%s = %q, %v; want %q", c, got, err, want)
			}
		}
	})

	t.Run("table", func(t *testing.T) {
		rows, err := f.GetRows(AppendixSheet)
		if err != nil {
			t.Fatal(err)
		}
		compareTables(t, tableFrom(t, rows, "STT"), wantTable)
	})

	t.Run("dates are numbers shown dd/mm/yyyy", func(t *testing.T) {
		// G9 is the first task's start; H10 the quarterly task's current due date.
		for c, want := range map[string]time.Time{"G9": date(2026, 2, 2), "H10": date(2026, 9, 25), "H12": date(2026, 5, 31)} {
			typ, err := f.GetCellType(AppendixSheet, c)
			if err != nil {
				t.Fatal(err)
			}
			if typ != excelize.CellTypeUnset && typ != excelize.CellTypeNumber && typ != excelize.CellTypeDate {
				t.Errorf("%s cell type = %v, want a number", c, typ)
			}
			raw, err := f.GetCellValue(AppendixSheet, c, excelize.Options{RawCellValue: true})
			if err != nil {
				t.Fatal(err)
			}
			serial, err := strconv.ParseFloat(raw, 64)
			if err != nil {
				t.Fatalf("%s raw value %q is not a number: %v", c, raw, err)
			}
			if got, err := excelize.ExcelDateToTime(serial, false); err != nil || !got.Equal(want) {
				t.Errorf("%s = serial %v = %v, %v; want %v", c, serial, got, err, want)
			}
			if got, _ := f.GetCellValue(AppendixSheet, c); got != want.Format("02/01/2006") {
				t.Errorf("%s formatted = %q, want %q", c, got, want.Format("02/01/2006"))
			}
			id, _ := f.GetCellStyle(AppendixSheet, c)
			style, err := f.GetStyle(id)
			if err != nil {
				t.Fatal(err)
			}
			if style.CustomNumFmt == nil || *style.CustomNumFmt != "dd/mm/yyyy" {
				t.Errorf("%s number format = %v, want dd/mm/yyyy", c, style.CustomNumFmt)
			}
		}
	})

	t.Run("statistics", func(t *testing.T) {
		rows, err := f.GetRows(AppendixStatsSheet)
		if err != nil {
			t.Fatal(err)
		}
		got := tableFrom(t, rows, "Mục")
		compareTables(t, got, wantStats)

		// The same counts as the domain's own tally, cell by cell, stored as numbers.
		counts := plan.CountBySection(a.Tasks)
		header := 6
		for r, section := range []string{"II", "III", "V", ""} {
			for c, status := range append(slices.Clone(plan.Statuses), "total") {
				name := cell(c+2, header+1+r)
				want := counts[section][status]
				if status == "total" {
					want = counts[section].Total()
				}
				raw, err := f.GetCellValue(AppendixStatsSheet, name, excelize.Options{RawCellValue: true})
				if err != nil {
					t.Fatal(err)
				}
				if got, err := strconv.Atoi(raw); err != nil || got != want {
					t.Errorf("%s (section %q, %s) = %q, want %d", name, section, status, raw, want)
				}
				if typ, _ := f.GetCellType(AppendixStatsSheet, name); typ != excelize.CellTypeUnset && typ != excelize.CellTypeNumber {
					t.Errorf("%s cell type = %v, want a number", name, typ)
				}
			}
		}
	})

	t.Run("layout", func(t *testing.T) {
		panes, err := f.GetPanes(AppendixSheet)
		if err != nil {
			t.Fatal(err)
		}
		if !panes.Freeze || panes.YSplit != 7 || panes.XSplit != 0 {
			t.Errorf("panes = %+v, want frozen under header row 7", panes)
		}
		layout, err := f.GetPageLayout(AppendixSheet)
		if err != nil {
			t.Fatal(err)
		}
		if layout.Orientation == nil || *layout.Orientation != "landscape" || layout.Size == nil || *layout.Size != 9 ||
			layout.FitToWidth == nil || *layout.FitToWidth != 1 {
			t.Errorf("page layout orientation %v size %v fit to width %v, want landscape, A4 (9), 1",
				deref(layout.Orientation), deref(layout.Size), deref(layout.FitToWidth))
		}
		var filter bool
		for _, dn := range f.GetDefinedName() {
			if dn.Name == "_xlnm._FilterDatabase" && strings.HasSuffix(dn.RefersTo, "$A$7:$K$14") {
				filter = true
			}
		}
		if !filter {
			t.Errorf("no autofilter on A7:K14; defined names %+v", f.GetDefinedName())
		}
		for _, c := range []string{"A7", "C9", "G9", "K12", "A8"} {
			id, _ := f.GetCellStyle(AppendixSheet, c)
			style, err := f.GetStyle(id)
			if err != nil {
				t.Fatal(err)
			}
			if style.Font == nil || style.Font.Family != "Times New Roman" || style.Font.Size != 12 {
				t.Errorf("%s font = %+v, want Times New Roman 12", c, style.Font)
			}
			if c == "A7" && (!style.Font.Bold || len(style.Border) != 4 || style.Alignment == nil || !style.Alignment.WrapText) {
				t.Errorf("header style = %+v, want bold, bordered and wrapped", style)
			}
		}
		props, err := f.GetDocProps()
		if err != nil {
			t.Fatal(err)
		}
		if props.Creator != "cchc" || !strings.HasPrefix(props.Title, "Phụ lục phân công") {
			t.Errorf("document properties creator %q title %q, want cchc and the appendix title", props.Creator, props.Title)
		}
	})
}

func deref[T any](p *T) any {
	if p == nil {
		return nil
	}
	return *p
}

// TestWriteAppendixLibreOffice opens the workbook in a real spreadsheet
// program and checks what it shows, exported as UTF-8 CSV.
func TestWriteAppendixLibreOffice(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("soffice (LibreOffice) is not on PATH; CI must install libreoffice-calc-nogui")
		}
		t.Skip("soffice (LibreOffice) is not on PATH")
	}
	_, data := writeFixture(t)
	dir := t.TempDir()
	in := filepath.Join(dir, "phu-luc.xlsx")
	if err := os.WriteFile(in, data, 0o600); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out")
	profile := filepath.Join(dir, "profile")
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	// Filter options: comma, double quote, UTF-8 (76), start at line 1, …,
	// save cell contents as shown, and -1 to export every sheet to its own file.
	cmd := exec.CommandContext(ctx, soffice, "-env:UserInstallation=file://"+profile, "--headless",
		"--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1",
		"--outdir", out, in)
	cmd.Env = append(os.Environ(), "HOME="+dir)
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, msg)
	}

	read := func(sheet string) [][]string {
		t.Helper()
		b, err := os.ReadFile(filepath.Join(out, "phu-luc-"+sheet+".csv"))
		if err != nil {
			entries, _ := os.ReadDir(out)
			t.Fatalf("read CSV of sheet %q: %v (have %v)", sheet, err, entries)
		}
		r := csv.NewReader(bytes.NewReader(b))
		r.FieldsPerRecord = -1
		rows, err := r.ReadAll()
		if err != nil {
			t.Fatalf("parse CSV of sheet %q: %v", sheet, err)
		}
		return rows
	}
	rows := read(AppendixSheet)
	if got, want := rows[0][0], "SỞ GIÁO DỤC VÀ ĐÀO TẠO HẢI PHÒNG"; got != want {
		t.Errorf("A1 = %q, want %q", got, want)
	}
	compareTables(t, tableFrom(t, rows, "STT"), wantTable)
	compareTables(t, tableFrom(t, read(AppendixStatsSheet), "Mục"), wantStats)
}

func TestWriteAppendixErrors(t *testing.T) {
	for _, tc := range []struct {
		name   string
		change func(a *Appendix)
		want   string
	}{
		{"no date", func(a *Appendix) { a.Today = time.Time{} }, "not set"},
		{"unknown lead unit", func(a *Appendix) { delete(a.Units, 3) }, "task III.1 names unit 3"},
		{"unknown coordinating unit", func(a *Appendix) { delete(a.Units, 4) }, "task II.1.a names unit 4"},
		{"task without node", func(a *Appendix) { a.Tasks[1].Node = nil }, "task 2 has no plan node"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := appendixFixture(t)
			tc.change(&a)
			var buf bytes.Buffer
			err := WriteAppendix(&buf, a)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("WriteAppendix = %v, want an error containing %q", err, tc.want)
			}
			if buf.Len() != 0 {
				t.Errorf("wrote %d bytes before failing, want none", buf.Len())
			}
		})
	}
}

func TestWriteAppendixEmpty(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteAppendix(&buf, Appendix{Today: date(2026, 1, 5)}); err != nil {
		t.Fatalf("WriteAppendix with no tasks: %v", err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(AppendixStatsSheet)
	if err != nil {
		t.Fatal(err)
	}
	compareTables(t, tableFrom(t, rows, "Mục"), [][]string{wantStats[0], {"Tổng cộng", "0", "0", "0", "0", "0", "0", "0"}})
}

func TestAttachedTo(t *testing.T) {
	for _, tc := range []struct{ title, want string }{
		{"Kế hoạch cải cách hành chính giai đoạn 2026 - 2030", "(Kèm theo Kế hoạch cải cách hành chính giai đoạn 2026 - 2030)"},
		{"Cải cách hành chính nhà nước trọng tâm giai đoạn 2026 - 2030", "(Kèm theo Kế hoạch cải cách hành chính nhà nước trọng tâm giai đoạn 2026 - 2030)"},
		{"  ", "(Kèm theo Kế hoạch)"},
	} {
		if got := attachedTo(tc.title); got != tc.want {
			t.Errorf("attachedTo(%q) = %q, want %q", tc.title, got, tc.want)
		}
	}
}

func TestWrappedLines(t *testing.T) {
	for _, tc := range []struct {
		text  string
		width float64
		want  int
	}{
		{"", 20, 1},
		{"Hoàn thành", 15, 1},
		{"một hai ba bốn năm sáu", 10, 3}, // 8 characters a line
		{"dòng một\ndòng hai", 40, 2},
		{strings.Repeat("x", 20), 10, 3}, // one long word broken inside
	} {
		if got := wrappedLines(tc.text, tc.width); got != tc.want {
			t.Errorf("wrappedLines(%q, %v) = %d, want %d", tc.text, tc.width, got, tc.want)
		}
	}
}
