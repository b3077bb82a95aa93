package report

import (
	"bytes"
	"encoding/csv"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/hpdoet/cchc"
	"github.com/xuri/excelize/v2"
)

// pfNumber returns the value of a number cell, failing when the cell holds
// anything else (excelize reports numbers it wrote as unset or number).
func pfNumber(t *testing.T, f *excelize.File, sheet, c string) float64 {
	t.Helper()
	typ, err := f.GetCellType(sheet, c)
	if err != nil {
		t.Fatal(err)
	}
	if typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset {
		t.Errorf("%s!%s cell type = %v, want a number", sheet, c, typ)
	}
	raw, err := f.GetCellValue(sheet, c, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	v, err := strconv.ParseFloat(raw, 64)
	if err != nil {
		t.Errorf("%s!%s = %q, not a number", sheet, c, raw)
	}
	return v
}

// pfRow returns the row of a sheet whose column col holds key, 1-based.
func pfRow(t *testing.T, f *excelize.File, sheet string, col int, key string) int {
	t.Helper()
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range rows {
		if len(r) >= col && r[col-1] == key {
			return i + 1
		}
	}
	t.Fatalf("sheet %s has no row with %q in column %d", sheet, key, col)
	return 0
}

func writePeriodicFixture(t *testing.T, p Periodic) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := WritePeriodicXLSX(&buf, p); err != nil {
		t.Fatalf("WritePeriodicXLSX: %v (fields %v)", err, cchc.ErrorFields(err))
	}
	return buf.Bytes()
}

func TestWritePeriodicXLSX(t *testing.T) {
	p := periodicFixture(t)
	data := writePeriodicFixture(t, p)
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got, want := f.GetSheetList(), []string{"Nhiệm vụ", "Chỉ tiêu", "Chỉ số 766", "Hồ sơ theo thủ tục", "Hồ sơ theo đơn vị"}; !slices.Equal(got, want) {
		t.Fatalf("sheets = %q, want %q", got, want)
	}
	if again := writePeriodicFixture(t, p); !bytes.Equal(again, data) {
		t.Error("two writes of the same report differ")
	}

	t.Run("tasks", func(t *testing.T) {
		s := PeriodicTasksSheet
		rows, err := f.GetRows(s)
		if err != nil {
			t.Fatal(err)
		}
		if got := rows[3][0]; got != "(Kèm theo Báo cáo số ……/BC-SGDĐT ngày 05/10/2026 của Sở Giáo dục và Đào tạo)" {
			t.Errorf("A4 = %q", got)
		}
		table := tableFrom(t, rows, "STT")
		if len(table) != 54 {
			t.Fatalf("%d rows, want a header and 53 tasks", len(table))
		}
		want := map[string][]string{
			"II.1.a.1": {"Cải cách thể chế", "Thanh tra Sở", "Hoàn thành", "Đang thực hiện", "25/09/2026", "22/09/2026", pfEvidence1},
			"II.2.b.1": {"Cải cách thủ tục hành chính", "Văn phòng Sở", "Hoàn thành muộn", "Đang thực hiện", "20/09/2026", "25/09/2026", pfEvidence2},
			"II.3.a":   {"Cải cách tổ chức bộ máy hành chính nhà nước", "Phòng Tổ chức cán bộ", "Không phát sinh trong kỳ", "Hoàn thành"},
			"II.6.d":   {"Xây dựng và phát triển Chính phủ điện tử, Chính phủ số", "Văn phòng Sở", "Quá hạn", "Quá hạn", "30/06/2026"},
			"V.2.2.3":  {"Công tác chỉ đạo, điều hành và tổ chức thực hiện", "Văn phòng Sở", "Hoàn thành", "Đang thực hiện", "15/09/2026", "14/09/2026", pfEvidence4},
			"III.1":    {"Công tác chỉ đạo, điều hành và tổ chức thực hiện", "", "Chưa phân công", "Chưa phân công"},
		}
		for _, r := range table[1:] {
			if w, ok := want[r[1]]; ok {
				got := slices.Clone(r[3:])
				if !slices.Equal(got, w) {
					t.Errorf("task %s = %q, want %q", r[1], got, w)
				}
				delete(want, r[1])
			}
		}
		if len(want) > 0 {
			t.Errorf("tasks not found: %v", slices.Collect(maps.Keys(want)))
		}
		// The full wording of the task, not cut as in the document.
		row := pfRow(t, f, s, 2, "II.1.b")
		if got, _ := f.GetCellValue(s, cell(3, row)); got != clean(pfTask(t, p, "II.1.b").Node.Text) {
			t.Errorf("II.1.b wording = %q", got)
		}
		due, err := f.GetCellValue(s, cell(8, row), excelize.Options{RawCellValue: true})
		if serial, perr := strconv.ParseFloat(due, 64); err != nil || perr != nil {
			t.Errorf("due date of II.1.b = %q, want a date serial", due)
		} else if d, _ := excelize.ExcelDateToTime(serial, false); !d.Equal(date(2026, 8, 31)) {
			t.Errorf("due date of II.1.b = %v, want 31/08/2026", d)
		}
	})

	t.Run("targets", func(t *testing.T) {
		s := PeriodicTargetsSheet
		for code, want := range map[string][2]float64{"CT-01": {3, 2}, "CT-02": {100, 100}, "CT-03": {100, 92.5}, "CT-15": {50, 12.5}} {
			row := pfRow(t, f, s, 2, code)
			if got := pfNumber(t, f, s, cell(5, row)); got != want[0] {
				t.Errorf("%s target = %v, want %v", code, got, want[0])
			}
			if got := pfNumber(t, f, s, cell(6, row)); got != want[1] {
				t.Errorf("%s value = %v, want %v", code, got, want[1])
			}
		}
		row := pfRow(t, f, s, 2, "CT-03")
		if num, den := pfNumber(t, f, s, cell(7, row)), pfNumber(t, f, s, cell(8, row)); num != 1110 || den != 1200 {
			t.Errorf("CT-03 numerator/denominator = %v/%v", num, den)
		}
		if got, _ := f.GetCellValue(s, cell(9, row)); got != "Có nguy cơ không đạt" {
			t.Errorf("CT-03 status = %q", got)
		}
		row = pfRow(t, f, s, 2, "CT-01")
		if got, _ := f.GetCellValue(s, cell(10, row)); got != "Công văn số 1234/SKHCN-CĐS ngày 12/08/2026\nTự đánh giá" {
			t.Errorf("CT-01 evidence = %q", got)
		}
		row = pfRow(t, f, s, 2, "CT-04")
		if got, _ := f.GetCellValue(s, cell(6, row)); got != "" {
			t.Errorf("CT-04 value without data = %q, want empty", got)
		}
	})

	t.Run("766 index", func(t *testing.T) {
		s := PeriodicIndexSheet
		row := pfRow(t, f, s, 1, "2.1")
		if r, sc, m := pfNumber(t, f, s, cell(5, row)), pfNumber(t, f, s, cell(6, row)), pfNumber(t, f, s, cell(7, row)); r != 98.4 || sc != 19.68 || m != 20 {
			t.Errorf("2.1 ratio, score, max = %v, %v, %v", r, sc, m)
		}
		row = pfRow(t, f, s, 1, "1.1")
		if got, _ := f.GetCellValue(s, cell(8, row)); !strings.HasPrefix(got, "Chưa đo được: ") {
			t.Errorf("1.1 note = %q", got)
		}
		row = pfRow(t, f, s, 2, "Tổng điểm (phần đo được)")
		if got := pfNumber(t, f, s, cell(6, row)); got != p.Index.Score {
			t.Errorf("total score = %v, want %v", got, p.Index.Score)
		}
	})

	t.Run("dossiers by procedure", func(t *testing.T) {
		s := PeriodicProceduresSheet
		row := pfRow(t, f, s, 2, "1.005092")
		// Carried over, received, online, settled, on time, late, open, open late, results, e-results, fee, paid online, reused.
		for i, want := range []float64{5, 1020, 1000, 996, 990, 6, 29, 1, 996, 990, 1020, 1015, 400, 98, 99.4, 99.4, 99.5} {
			if got := pfNumber(t, f, s, cell(4+i, row)); got != want {
				t.Errorf("1.005092 column %d = %v, want %v", 4+i, got, want)
			}
		}
		row = pfRow(t, f, s, 3, "Tổng cộng")
		for i, want := range []float64{7, 1234, 1184, 1190, 1180, 10, 51, 1, 1190, 1140, 1084, 1075, 430, 95.9, 99.2, 95.8, 99.2} {
			if got := pfNumber(t, f, s, cell(4+i, row)); got != want {
				t.Errorf("total column %d = %v, want %v", 4+i, got, want)
			}
		}
		// A procedure without fees has no online payment ratio.
		row = pfRow(t, f, s, 2, "2.002480")
		if got, _ := f.GetCellValue(s, cell(20, row)); got != "" {
			t.Errorf("payment ratio without fee dossiers = %q, want empty", got)
		}
	})

	t.Run("dossiers by unit", func(t *testing.T) {
		s := PeriodicUnitsSheet
		row := pfRow(t, f, s, 2, "VP")
		if got := pfNumber(t, f, s, cell(5, row)); got != 1170 {
			t.Errorf("VP received = %v, want 1170", got)
		}
		row = pfRow(t, f, s, 3, "Tổng cộng")
		if got := pfNumber(t, f, s, cell(5, row)); got != 1234 {
			t.Errorf("total received = %v, want 1234", got)
		}
	})
}

// TestWritePeriodicXLSXLibreOffice opens the workbook in LibreOffice and
// reads every sheet back as UTF-8 CSV.
func TestWritePeriodicXLSXLibreOffice(t *testing.T) {
	pfTool(t, "soffice", "libreoffice-calc-nogui")
	p := periodicFixture(t)
	in := filepath.Join(t.TempDir(), "phu-luc.xlsx")
	if err := os.WriteFile(in, writePeriodicFixture(t, p), 0o600); err != nil {
		t.Fatal(err)
	}
	// Comma, double quote, UTF-8 (76), from line 1, …, cells as shown, every sheet to its own file (-1).
	out := pfSoffice(t, in, "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1")
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
	find := func(rows [][]string, col int, key string) []string {
		t.Helper()
		for _, r := range rows {
			if len(r) > col && r[col] == key {
				return r
			}
		}
		t.Fatalf("no row with %q in column %d", key, col)
		return nil
	}

	tasks := read(PeriodicTasksSheet)
	if got, want := tasks[0][0], "SỞ GIÁO DỤC VÀ ĐÀO TẠO HẢI PHÒNG"; got != want {
		t.Errorf("A1 = %q, want %q", got, want)
	}
	r := find(tasks, 1, "II.2.b.1")
	if r[3] != "Cải cách thủ tục hành chính" || r[5] != "Hoàn thành muộn" || r[9] != pfEvidence2 {
		t.Errorf("II.2.b.1 = %q", r)
	}
	r = find(tasks, 1, "II.1.b")
	if r[2] != clean(pfTask(t, p, "II.1.b").Node.Text) {
		t.Errorf("II.1.b wording = %q", r[2])
	}

	r = find(read(PeriodicTargetsSheet), 1, "CT-03")
	if got := r[2:9]; !slices.Equal(got, []string{"Tỷ lệ cấp kết quả giải quyết thủ tục hành chính điện tử", "%", "100", "92.5", "1110", "1200", "Có nguy cơ không đạt"}) {
		t.Errorf("CT-03 = %q", got)
	}
	r = find(read(PeriodicIndexSheet), 0, "2.1")
	if got := r[1:7]; !slices.Equal(got, []string{"Tỷ lệ hồ sơ xử lý trước hạn, đúng hạn", "984", "1000", "98.4", "19.68", "20"}) {
		t.Errorf("2.1 = %q", got)
	}
	r = find(read(PeriodicProceduresSheet), 2, "Tổng cộng")
	if got := r[3:]; !slices.Equal(got, []string{"7", "1234", "1184", "1190", "1180", "10", "51", "1", "1190", "1140", "1084", "1075", "430", "95.9", "99.2", "95.8", "99.2"}) {
		t.Errorf("totals = %q", got)
	}
	r = find(read(PeriodicUnitsSheet), 2, "Văn phòng Sở (Bộ phận một cửa)")
	if r[4] != "1170" {
		t.Errorf("VP = %q", r)
	}
}
