package procedures_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hpdoet/cchc"
	"github.com/hpdoet/cchc/procedure"
	"github.com/hpdoet/cchc/procedures"
)

func parse(t *testing.T) *procedure.Catalog {
	t.Helper()
	c, err := procedure.ParseCatalog(procedures.Catalog())
	if err != nil {
		t.Fatalf("ParseCatalog(catalog.json) error = %v", err)
	}
	return c
}

func find(t *testing.T, c *procedure.Catalog, code string) *procedure.Procedure {
	t.Helper()
	p, err := c.Find(code)
	if err != nil {
		t.Fatalf("Find(%q) error = %v", code, err)
	}
	return p
}

func TestCatalogParses(t *testing.T) {
	c := parse(t)
	if n := len(c.Procedures); n < 20 {
		t.Errorf("the catalog has %d procedures, want at least 20", n)
	}
	codes := map[string]bool{}
	for _, p := range c.Procedures {
		t.Run(p.Code, func(t *testing.T) {
			if codes[p.Code] {
				t.Errorf("code %q appears twice", p.Code)
			}
			codes[p.Code] = true
			if err := p.Validate(); err != nil {
				t.Error(err)
			}
		})
	}
}

func TestCatalogIsAFreshCopy(t *testing.T) {
	a := procedures.Catalog()
	a[0] = 'x'
	if b := procedures.Catalog(); b[0] != '{' {
		t.Errorf("Catalog() returned shared bytes: first byte %q", b[0])
	}
}

// TestCatalogMatchesDomain checks the time limits and fees against
// shared/domain/procedures-education.md (rows 1–22). Rows the domain rates
// H or M must match it; for the rows whose fee it did not find, the fee must
// be flagged; rows 16 and 17 (conflicting times, L) must flag the time
// chosen; row 3 (L there) follows the national portal.
func TestCatalogMatchesDomain(t *testing.T) {
	const noFee = -1 // the domain found no fee: it must be flagged "fee"
	tests := []struct {
		row      int
		code     string
		days     int
		sameDay  bool
		fee      int64
		timeFlag bool // the time limit must be flagged unconfirmed
	}{
		{1, "1.010020", 0, true, noFee, false}, // fee set by the city: flagged
		{2, "2.001914", 5, false, 0, false},
		{3, "1.004889", 15, false, noFee, false},
		{4, "HP.GDĐT.04", 2, false, 0, false},
		{5, "HP.GDĐT.05", 8, false, 0, false},
		{6, "HP.GDĐT.06", 25, false, 0, false},
		{7, "HP.GDĐT.07", 40, false, 0, false},
		{8, "HP.GDĐT.08", 15, false, noFee, false},
		{9, "HP.GDĐT.09", 15, false, noFee, false},
		{10, "HP.GDĐT.10", 15, false, noFee, false},
		{11, "HP.GDĐT.11", 15, false, 0, false}, // fee "không quy định" (Hải Dương)
		{12, "HP.GDĐT.12", 20, false, noFee, true},
		{13, "HP.GDĐT.13", 10, false, noFee, false},
		{14, "HP.GDĐT.14", 40, false, 0, true},
		{15, "HP.GDĐT.15", 20, false, 0, false},
		{16, "HP.GDĐT.16", 20, false, 0, true},
		{17, "1.006389", 20, false, 0, true},
		{18, "HP.GDĐT.18", 10, false, 0, false},
		{19, "HP.GDĐT.19", 20, false, 0, true},
		{20, "HP.GDĐT.20", 30, false, 0, false},
		{21, "HP.GDĐT.21", 30, false, 0, false},
		{22, "HP.GDĐT.22", 30, false, 0, false},
	}
	c := parse(t)
	for _, tt := range tests {
		t.Run(tt.code, func(t *testing.T) {
			p := find(t, c, tt.code)
			if p.TimeLimitDays != tt.days || p.SameDay != tt.sameDay {
				t.Errorf("row %d: time limit %d days, same day %v; want %d, %v", tt.row, p.TimeLimitDays, p.SameDay, tt.days, tt.sameDay)
			}
			if tt.fee == noFee {
				if !p.IsUnconfirmed(procedure.FactFee) {
					t.Errorf("row %d: fee %d is not flagged unconfirmed", tt.row, p.Fee)
				}
			} else if p.Fee != tt.fee {
				t.Errorf("row %d: fee %d, want %d", tt.row, p.Fee, tt.fee)
			}
			if got := p.IsUnconfirmed(procedure.FactTimeLimit); got != tt.timeFlag {
				t.Errorf("row %d: time limit flagged %v, want %v", tt.row, got, tt.timeFlag)
			}
		})
	}
	if got, want := len(c.Procedures), len(tests); got != want {
		t.Errorf("the catalog has %d procedures, the table %d", got, want)
	}
}

// TestCatalogIsHonest checks that what no source confirms is flagged.
func TestCatalogIsHonest(t *testing.T) {
	c := parse(t)
	for _, p := range c.Procedures {
		t.Run(p.Code, func(t *testing.T) {
			for _, k := range []string{procedure.FactOnlineLevel, procedure.FactEligible, procedure.FactSteps} {
				if !p.IsUnconfirmed(k) {
					t.Errorf("%q is not flagged: Hải Phòng's online levels and internal process are not known", k)
				}
			}
			if procedure.IsLocalCode(p.Code) && !p.IsUnconfirmed(procedure.FactCode) {
				t.Errorf("local code is not flagged")
			}
			if p.Baseline2024 != nil {
				t.Errorf("baseline_2024 = %+v; it must come from the 2024 dossiers, not the seed", *p.Baseline2024)
			}
			if !p.Published {
				t.Errorf("not published")
			}
			for _, s := range p.Sources {
				if strings.Contains(s, "http") && !strings.HasPrefix(s, "http://") && !strings.HasPrefix(s, "https://") {
					t.Errorf("source %q mixes a URL into text", s)
				}
			}
		})
	}
	for _, code := range []string{"HP.GDĐT.16", "1.006389"} { // conflicting times in the domain
		p := find(t, c, code)
		if len(p.Notes) == 0 || !strings.Contains(strings.Join(p.Notes, " "), "chọn 20 ngày") {
			t.Errorf("%s: no note says which time limit was chosen: %q", code, p.Notes)
		}
	}
}

func TestCatalogNotes(t *testing.T) {
	c := parse(t)
	notes := strings.Join(c.Notes, "\n")
	for _, want := range []string{"dạy thêm, học thêm", "Thông tư 29/2024/TT-BGDĐT", "không phải danh mục TTHC chính thức"} {
		if !strings.Contains(notes, want) {
			t.Errorf("the catalog notes do not mention %q", want)
		}
	}
	if got := c.Search("day them hoc them", "", ""); len(got) != 0 {
		t.Errorf("the abolished procedure is in the catalog: %v", got[0].Name)
	}
}

func TestCatalogSearch(t *testing.T) {
	c := parse(t)
	tests := []struct {
		q    string
		want []string
	}{
		{"cap ban sao van bang", []string{"1.010020"}},
		{"CHUYEN TRUONG", []string{"HP.GDĐT.04"}},
		{"ngoai ngu tin hoc", []string{"HP.GDĐT.10", "HP.GDĐT.11", "HP.GDĐT.12"}},
		{"chinh sua van bang", []string{"2.001914"}},
		{"2.001914", []string{"2.001914"}},
		{"tu van du hoc", []string{"HP.GDĐT.08", "HP.GDĐT.09"}},
		{"dat chuan quoc gia", []string{"HP.GDĐT.20", "HP.GDĐT.21", "HP.GDĐT.22"}},
		{"Giải thể trường", []string{"1.006389"}},
		{"hoa nhap", []string{"HP.GDĐT.06", "HP.GDĐT.07"}},
	}
	for _, tt := range tests {
		t.Run(tt.q, func(t *testing.T) {
			var got []string
			for _, p := range c.Search(tt.q, "", "") {
				got = append(got, p.Code)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("Search(%q) = %v, want %v", tt.q, got, tt.want)
			}
		})
	}
}

func TestCatalogFilters(t *testing.T) {
	c := parse(t)
	count := func(field, level string) int { return len(c.Search("", field, level)) }
	tests := []struct {
		name         string
		field, level string
		want         int
	}{
		{"all", "", "", 22},
		{"văn bằng", procedure.FieldDiplomas, "", 3},
		{"trung học", procedure.FieldSecondary, "", 8},
		{"tiểu học", procedure.FieldPrimary, "", 1},
		{"mầm non", procedure.FieldPreschool, "", 1},
		{"hệ thống giáo dục quốc dân", procedure.FieldNational, "", 8},
		{"giáo dục nghề nghiệp", procedure.FieldVocational, "", 1},
		{"thi, tuyển sinh", procedure.FieldExams, "", 0},
		{"toàn trình", "", procedure.LevelFull, 3},
		{"một phần", "", procedure.LevelPartial, 17},
		{"trực tiếp", "", procedure.LevelNone, 2},
		{"văn bằng toàn trình", procedure.FieldDiplomas, procedure.LevelFull, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := count(tt.field, tt.level); got != tt.want {
				t.Errorf("Search(\"\", %q, %q) found %d, want %d", tt.field, tt.level, got, tt.want)
			}
		})
	}
	got := c.Search("van bang", procedure.FieldDiplomas, procedure.LevelPartial)
	if len(got) != 1 || got[0].Code != "1.004889" {
		t.Errorf("Search(van bang, văn bằng, một phần) = %v", got)
	}
	wantFields := []string{procedure.FieldDiplomas, procedure.FieldSecondary, procedure.FieldPrimary,
		procedure.FieldPreschool, procedure.FieldNational, procedure.FieldVocational}
	if got := c.Fields(); !slices.Equal(got, wantFields) {
		t.Errorf("Fields() = %v, want %v", got, wantFields)
	}
}

// TestCatalogSteps checks the internal processes against the demo units.
func TestCatalogSteps(t *testing.T) {
	demoUnits := []string{"VP", "GDTrH", "GDMNTH", "GDTX", "QLCL", "KHTC", "TCCB", "BGD"}
	for _, p := range parse(t).Procedures {
		t.Run(p.Code, func(t *testing.T) {
			for _, u := range p.Units() {
				if !slices.Contains(demoUnits, u) {
					t.Errorf("unit %q is not a demo unit", u)
				}
			}
			for i, s := range p.Steps {
				switch {
				case s.Role == cchc.RoleOneStop && s.Unit != "VP":
					t.Errorf("step %d: the one-stop counter is in VP, not %s", i+1, s.Unit)
				case s.Role == cchc.RoleDirector && s.Unit != "BGD":
					t.Errorf("step %d: the leadership is BGD, not %s", i+1, s.Unit)
				case s.Role != cchc.RoleOneStop && s.Role != cchc.RoleDirector && (s.Unit == "VP" || s.Unit == "BGD"):
					t.Errorf("step %d: role %s in %s", i+1, s.Role, s.Unit)
				}
			}
		})
	}
}

// TestCatalogForms checks that every form asks for the applicant's identity
// and contact, and that documents the state holds say so.
func TestCatalogForms(t *testing.T) {
	for _, p := range parse(t).Procedures {
		t.Run(p.Code, func(t *testing.T) {
			wantTypes := map[string]string{"so_cccd": procedure.TypeCCCD, "ngay_sinh": procedure.TypeDate,
				"dien_thoai": procedure.TypePhone, "email": procedure.TypeEmail, "cam_ket": procedure.TypeCheckbox}
			for name, typ := range wantTypes {
				f := p.FindField(name)
				if f == nil || f.Type != typ {
					t.Errorf("form field %s (%s) missing or of another type", name, typ)
				}
			}
			if f := p.FindField("ngay_sinh"); f != nil && !f.PastOnly {
				t.Errorf("ngay_sinh is not past_only")
			}
			if p.FindField("ho_ten") == nil && p.FindField("ten_to_chuc") == nil {
				t.Errorf("the form asks for no applicant name")
			}
			for _, d := range p.Documents {
				if d.Key == "cccd" && d.DataType != procedure.DataCitizenID {
					t.Errorf("the CCCD document is not taken from data")
				}
				if d.Key == "dang-ky-doanh-nghiep" && d.DataType != procedure.DataBusinessReg {
					t.Errorf("the business registration is not taken from data")
				}
			}
		})
	}
}

// TestCatalogFormAccepts fills the diploma-copy form as a citizen would.
func TestCatalogFormAccepts(t *testing.T) {
	p := find(t, parse(t), "1.010020")
	values := map[string][]string{
		"ho_ten":         {"Phạm Thị Hoa"},
		"so_cccd":        {"031190012345"},
		"ngay_sinh":      {"14/07/1990"},
		"dien_thoai":     {"+84 912 345 678"},
		"quan_he":        {"Người được cấp văn bằng, chứng chỉ"},
		"loai_van_bang":  {"Bằng tốt nghiệp THPT"},
		"truong":         {"Trường THPT Ngô Quyền"},
		"nam_tot_nghiep": {"2008"},
		"so_ban_sao":     {"2"},
		"hinh_thuc_nhan": {"Nhận qua dịch vụ bưu chính công ích"},
		"cam_ket":        {"on"},
		"csrf":           {"ignored"},
	}
	got, err := p.ValidateFormAt(values, time.Date(2026, 3, 11, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatalf("ValidateFormAt() error = %v, fields %v", err, cchc.ErrorFields(err))
	}
	for k, want := range map[string]string{"ngay_sinh": "1990-07-14", "dien_thoai": "0912345678", "cam_ket": "1"} {
		if got[k] != want {
			t.Errorf("%s = %q, want %q", k, got[k], want)
		}
	}
	if _, ok := got["csrf"]; ok {
		t.Errorf("an unknown field was kept")
	}
}
