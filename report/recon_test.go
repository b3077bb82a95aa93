package report

import (
	"bytes"
	"context"
	"encoding/csv"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// reconFixture is November 2026 as storage gives it: the period as civil
// dates at midnight UTC, the days as midnight in Vietnam or UTC, rows by day
// and provider.
func reconFixture() Reconciliation {
	ict := func(d int) time.Time { return time.Date(2026, 11, d, 0, 0, 0, 0, VietnamTime) }
	return Reconciliation{
		Issuer: "Sở Giáo dục và Đào tạo Hải Phòng",
		From:   date(2026, 11, 1),
		To:     date(2026, 11, 30),
		Rows: []ReconRow{
			{Day: ict(2), Provider: "vnpay", Paid: 3, PaidAmount: 30000, Failed: 1},
			{Day: ict(2), Provider: "counter", Paid: 2, PaidAmount: 20000},
			{Day: date(2026, 11, 3), Provider: "sandbox", Paid: 1, PaidAmount: 1250000, Failed: 2, Pending: 1, Suspect: 1, Mismatches: 1},
			{Day: ict(30), Provider: "paygov", Paid: 4, PaidAmount: 1000000},
		},
		// 02:30 UTC is 09:30 in Hải Phòng.
		GeneratedAt: time.Date(2026, 12, 1, 2, 30, 0, 0, time.UTC),
	}
}

// wantRecon is the table as any reader shows it, from the header row on,
// money with "," between thousands (as excelize and LibreOffice in an English
// locale show "#,##0").
var wantRecon = [][]string{
	ReconHeaders,
	{"1", "02/11/2026", "VNPAY", "3", "30,000", "1", "0", "0", "0"},
	{"2", "02/11/2026", "Tiền mặt tại quầy", "2", "20,000", "0", "0", "0", "0"},
	{"3", "03/11/2026", "Cổng thử nghiệm (sandbox)", "1", "1,250,000", "2", "1", "1", "1"},
	{"4", "30/11/2026", "paygov", "4", "1,000,000", "0", "0", "0", "0"},
	{"Tổng cộng", "", "", "10", "2,300,000", "3", "1", "1", "1"},
	{},
	{"Số liệu tổng hợp lúc 09 giờ 30 phút, ngày 01/12/2026."},
}

// wantReconEmpty is the table of a period without payments.
var wantReconEmpty = [][]string{
	ReconHeaders,
	{"Không có giao dịch trong khoảng thời gian này."},
	{"Tổng cộng", "", "", "0", "0", "0", "0", "0", "0"},
}

func writeRecon(t *testing.T, r Reconciliation) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteReconciliation(&buf, r); err != nil {
		t.Fatalf("WriteReconciliation: %v", err)
	}
	return buf.Bytes()
}

func openRecon(t *testing.T, data []byte) *excelize.File {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("open written workbook: %v", err)
	}
	t.Cleanup(func() { f.Close() })
	if got := f.GetSheetList(); len(got) != 1 || got[0] != ReconSheet {
		t.Fatalf("sheets = %q, want [%q]", got, ReconSheet)
	}
	return f
}

// reconStyle is the style of a cell of the reconciliation sheet.
func reconStyle(t *testing.T, f *excelize.File, c string) *excelize.Style {
	t.Helper()
	id, err := f.GetCellStyle(ReconSheet, c)
	if err != nil {
		t.Fatal(err)
	}
	s, err := f.GetStyle(id)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// reconRaw is the stored value of a cell.
func reconRaw(t *testing.T, f *excelize.File, c string) string {
	t.Helper()
	v, err := f.GetCellValue(ReconSheet, c, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func TestWriteReconciliation(t *testing.T) {
	r := reconFixture()
	f := openRecon(t, writeRecon(t, r))

	t.Run("title block", func(t *testing.T) {
		for c, want := range map[string]string{
			"A1": "SỞ GIÁO DỤC VÀ ĐÀO TẠO HẢI PHÒNG",
			"A3": "ĐỐI SOÁT THANH TOÁN PHÍ, LỆ PHÍ TRỰC TUYẾN",
			"A4": "Từ ngày 01/11/2026 đến ngày 30/11/2026",
		} {
			if got, err := f.GetCellValue(ReconSheet, c); err != nil || got != want {
				t.Errorf("%s = %q, %v; want %q", c, got, err, want)
			}
		}
	})

	t.Run("table", func(t *testing.T) {
		rows, err := f.GetRows(ReconSheet)
		if err != nil {
			t.Fatal(err)
		}
		compareTables(t, tableFrom(t, rows, "STT"), wantRecon)
	})

	// Header on row 6, data on rows 7–10, totals on row 11.
	t.Run("numbers and dates are stored as numbers", func(t *testing.T) {
		for c, want := range map[string]time.Time{"B7": date(2026, 11, 2), "B9": date(2026, 11, 3), "B10": date(2026, 11, 30)} {
			raw := reconRaw(t, f, c)
			serial, err := strconv.Atoi(raw) // a whole day: no time of day left by the zone
			if err != nil {
				t.Fatalf("%s raw value %q is not a whole serial number: %v", c, raw, err)
			}
			if got, err := excelize.ExcelDateToTime(float64(serial), false); err != nil || !got.Equal(want) {
				t.Errorf("%s = serial %d = %v, %v; want %v", c, serial, got, err, want)
			}
			if s := reconStyle(t, f, c); s.CustomNumFmt == nil || *s.CustomNumFmt != "dd/mm/yyyy" {
				t.Errorf("%s number format = %v, want dd/mm/yyyy", c, deref(s.CustomNumFmt))
			}
		}
		for _, c := range []string{"E7", "E9", "E11"} {
			if s := reconStyle(t, f, c); s.NumFmt != 3 {
				t.Errorf("%s number format = %d, want 3 (#,##0)", c, s.NumFmt)
			}
			if typ, _ := f.GetCellType(ReconSheet, c); typ != excelize.CellTypeUnset && typ != excelize.CellTypeNumber {
				t.Errorf("%s cell type = %v, want a number", c, typ)
			}
		}
		if got := reconRaw(t, f, "E9"); got != "1250000" {
			t.Errorf("E9 raw = %q, want 1250000", got)
		}
	})

	t.Run("totals are the sums of the rows", func(t *testing.T) {
		for col := 4; col <= 9; col++ {
			var sum int64
			for row := 7; row <= 10; row++ {
				n, err := strconv.ParseInt(reconRaw(t, f, cell(col, row)), 10, 64)
				if err != nil {
					t.Fatalf("%s: %v", cell(col, row), err)
				}
				sum += n
			}
			total := cell(col, 11)
			if got := reconRaw(t, f, total); got != strconv.FormatInt(sum, 10) {
				t.Errorf("%s = %q, want the sum %d", total, got, sum)
			}
			if s := reconStyle(t, f, total); s.Font == nil || !s.Font.Bold {
				t.Errorf("%s font = %+v, want bold", total, s.Font)
			}
		}
		if s := reconStyle(t, f, "A11"); s.Font == nil || !s.Font.Bold {
			t.Errorf("A11 font = %+v, want bold", s.Font)
		}
		merged, err := f.GetMergeCells(ReconSheet)
		if err != nil {
			t.Fatal(err)
		}
		var label bool
		for _, m := range merged {
			if m.GetStartAxis() == "A11" && m.GetEndAxis() == "C11" {
				label = true
			}
		}
		if !label {
			t.Error("the totals label A11 is not merged across A11:C11")
		}
	})

	t.Run("layout", func(t *testing.T) {
		for _, c := range []string{"A6", "B7", "C8", "E9", "A11"} {
			s := reconStyle(t, f, c)
			if s.Font == nil || s.Font.Family != "Times New Roman" || s.Font.Size != 12 {
				t.Errorf("%s font = %+v, want Times New Roman 12", c, s.Font)
			}
			if len(s.Border) != 4 {
				t.Errorf("%s has %d borders, want 4", c, len(s.Border))
			}
		}
		if s := reconStyle(t, f, "A6"); !s.Font.Bold || s.Alignment == nil || !s.Alignment.WrapText {
			t.Errorf("header style = %+v, want bold and wrapped", s)
		}
		panes, err := f.GetPanes(ReconSheet)
		if err != nil {
			t.Fatal(err)
		}
		if !panes.Freeze || panes.YSplit != 6 {
			t.Errorf("panes = %+v, want frozen under header row 6", panes)
		}
		layout, err := f.GetPageLayout(ReconSheet)
		if err != nil {
			t.Fatal(err)
		}
		if layout.Orientation == nil || *layout.Orientation != "landscape" || layout.Size == nil || *layout.Size != 9 {
			t.Errorf("page layout orientation %v size %v, want landscape, A4 (9)", deref(layout.Orientation), deref(layout.Size))
		}
		props, err := f.GetDocProps()
		if err != nil {
			t.Fatal(err)
		}
		if props.Creator != "cchc" || props.Title != "Đối soát thanh toán phí, lệ phí trực tuyến" ||
			props.Subject != "Từ ngày 01/11/2026 đến ngày 30/11/2026" || props.Created != "2026-12-01T02:30:00Z" {
			t.Errorf("document properties %+v, want cchc, the title, the period and the time generated", props)
		}
	})
}

func TestWriteReconciliationEmpty(t *testing.T) {
	r := reconFixture()
	r.Rows = nil
	r.GeneratedAt = time.Time{}
	f := openRecon(t, writeRecon(t, r))
	rows, err := f.GetRows(ReconSheet)
	if err != nil {
		t.Fatal(err)
	}
	compareTables(t, tableFrom(t, rows, "STT"), wantReconEmpty)
	for col := 4; col <= 9; col++ {
		if got := reconRaw(t, f, cell(col, 8)); got != "0" {
			t.Errorf("total %s = %q, want 0", cell(col, 8), got)
		}
	}
}

// A fixed input gives the same bytes.
func TestWriteReconciliationDeterministic(t *testing.T) {
	a, b := writeRecon(t, reconFixture()), writeRecon(t, reconFixture())
	if !bytes.Equal(a, b) {
		t.Errorf("two writes of the same reconciliation differ (%d and %d bytes)", len(a), len(b))
	}
}

// TestWriteReconciliationLibreOffice opens the workbooks in a real
// spreadsheet program and checks what it shows, exported as UTF-8 CSV.
func TestWriteReconciliationLibreOffice(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("soffice (LibreOffice) is not on PATH; CI must install libreoffice-calc-nogui")
		}
		t.Skip("soffice (LibreOffice) is not on PATH")
	}
	empty := reconFixture()
	empty.Rows, empty.GeneratedAt = nil, time.Time{}
	dir := t.TempDir()
	files := map[string]Reconciliation{"doi-soat": reconFixture(), "doi-soat-trong": empty}
	var in []string
	for name, r := range files {
		p := filepath.Join(dir, name+".xlsx")
		if err := os.WriteFile(p, writeRecon(t, r), 0o600); err != nil {
			t.Fatal(err)
		}
		in = append(in, p)
	}
	out := filepath.Join(dir, "out")
	profile := filepath.Join(dir, "profile")
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	// Filter options: comma, double quote, UTF-8 (76), start at line 1, …,
	// save cell contents as shown.
	args := append([]string{"-env:UserInstallation=file://" + profile, "--headless",
		"--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false",
		"--outdir", out}, in...)
	cmd := exec.CommandContext(ctx, soffice, args...)
	cmd.Env = append(os.Environ(), "HOME="+dir)
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, msg)
	}

	read := func(name string) [][]string {
		t.Helper()
		b, err := os.ReadFile(filepath.Join(out, name+".csv"))
		if err != nil {
			entries, _ := os.ReadDir(out)
			t.Fatalf("read CSV of %s: %v (have %v)", name, err, entries)
		}
		r := csv.NewReader(bytes.NewReader(b))
		r.FieldsPerRecord = -1
		rows, err := r.ReadAll()
		if err != nil {
			t.Fatalf("parse CSV of %s: %v", name, err)
		}
		// The thousands separator is the locale's: "," in English, "." in
		// Vietnamese. Either shows the format was applied.
		for _, row := range rows {
			if len(row) > 4 {
				row[4] = strings.ReplaceAll(row[4], ".", ",")
			}
		}
		return rows
	}
	rows := read("doi-soat")
	for i, want := range []string{"SỞ GIÁO DỤC VÀ ĐÀO TẠO HẢI PHÒNG", "", ReconTitle, "Từ ngày 01/11/2026 đến ngày 30/11/2026"} {
		if got := rows[i][0]; got != want {
			t.Errorf("A%d = %q, want %q", i+1, got, want)
		}
	}
	compareTables(t, tableFrom(t, rows, "STT"), wantRecon)
	compareTables(t, tableFrom(t, read("doi-soat-trong"), "STT"), wantReconEmpty)
}

func TestWriteReconciliationRefusesBadInput(t *testing.T) {
	for _, c := range []struct {
		name string
		edit func(*Reconciliation)
		want []string
	}{
		{"no period", func(r *Reconciliation) { r.From, r.To = time.Time{}, time.Time{} },
			[]string{"start day is not set", "end day is not set"}},
		{"end before start", func(r *Reconciliation) { r.To = date(2026, 10, 31) },
			[]string{"end day 31/10/2026 is before start day 01/11/2026"}},
		{"day outside", func(r *Reconciliation) { r.Rows[3].Day = date(2026, 12, 1) },
			[]string{"row 4: day 01/12/2026 is outside 01/11/2026–30/11/2026"}},
		{"no day", func(r *Reconciliation) { r.Rows[0].Day = time.Time{} }, []string{"row 1: day is not set"}},
		{"no provider", func(r *Reconciliation) { r.Rows[1].Provider = " " }, []string{"row 2: provider is empty"}},
		{"negative counts", func(r *Reconciliation) { r.Rows[2].PaidAmount, r.Rows[2].Mismatches = -1, -2 },
			[]string{"row 3: paid amount must not be negative, got -1", "row 3: mismatches must not be negative, got -2"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := reconFixture()
			c.edit(&r)
			var buf bytes.Buffer
			err := WriteReconciliation(&buf, r)
			if err == nil {
				t.Fatal("bad input accepted")
			}
			for _, w := range c.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not say %q", err, w)
				}
			}
			if buf.Len() != 0 {
				t.Errorf("%d bytes written for a refused reconciliation", buf.Len())
			}
		})
	}
}

func TestCivilDay(t *testing.T) {
	want := date(2026, 11, 2)
	for _, c := range []struct {
		name string
		in   time.Time
	}{
		{"midnight UTC", date(2026, 11, 2)},
		{"midnight in Vietnam", time.Date(2026, 11, 2, 0, 0, 0, 0, VietnamTime)},
		{"late evening in Vietnam", time.Date(2026, 11, 2, 23, 59, 0, 0, VietnamTime)},
		{"an instant in UTC on the evening before", time.Date(2026, 11, 1, 18, 0, 0, 0, time.UTC)},
	} {
		if got := civilDay(c.in); !got.Equal(want) {
			t.Errorf("%s: civilDay(%v) = %v, want %v", c.name, c.in, got, want)
		}
	}
	for p, want := range map[string]string{"vnpay": "VNPAY", "sandbox": "Cổng thử nghiệm (sandbox)", "counter": "Tiền mặt tại quầy", "momo": "momo"} {
		if got := providerName(p); got != want {
			t.Errorf("providerName(%q) = %q, want %q", p, got, want)
		}
	}
}
