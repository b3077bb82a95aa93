package procedure

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/hpdoet/cchc"
)

// testCatalog returns the JSON of a catalog of three valid procedures.
func testCatalog(t *testing.T) []byte {
	t.Helper()
	a := validProcedure()
	a.Code, a.Name = "1.010020", "Cấp bản sao văn bằng, chứng chỉ từ sổ gốc"
	b := validProcedure()
	b.Code, b.Name, b.Field = "HP.GDĐT.04", "Chuyển trường đối với học sinh trung học phổ thông", FieldSecondary
	b.OnlineLevel, b.Unconfirmed = LevelPartial, []string{FactCode}
	c := validProcedure()
	c.Code, c.Name, c.Field = "HP.GDĐT.10", "Cho phép trung tâm ngoại ngữ, tin học hoạt động giáo dục", FieldNational
	c.OnlineLevel, c.EligibleFullOnline, c.Unconfirmed = LevelPartial, false, []string{FactCode}
	data, err := json.Marshal(Catalog{Notes: []string{"Ghi chú."}, Procedures: []*Procedure{a, b, c}})
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func TestParseCatalog(t *testing.T) {
	good := string(testCatalog(t))
	tests := []struct {
		name string
		data string
		want string // substring of the error; "" means valid
	}{
		{"valid", good, ""},
		{"trailing newline is fine", good + "\n", ""},
		{"unknown top-level field", strings.Replace(good, `"notes"`, `"note"`, 1), `unknown field "note"`},
		{"unknown procedure field", strings.Replace(good, `"fee_note"`, `"feenote"`, 1), `unknown field "feenote"`},
		{"unknown document field", strings.Replace(good, `"data_type"`, `"datatype"`, 1), `unknown field "datatype"`},
		{"trailing data", good + `{}`, "data after the catalog"},
		{"trailing garbage", good + ` x`, "data after the catalog"},
		{"not json", `procedures`, "decode catalog"},
		{"wrong type", strings.Replace(good, `"time_limit_days":5`, `"time_limit_days":"5"`, 1), "decode catalog"},
		{"empty", `{}`, "the catalog has no procedures"},
		{"null procedure", `{"procedures":[null]}`, "procedure 1 is empty"},
		{"duplicate code", strings.Replace(good, `"HP.GDĐT.04"`, `"1.010020"`, 1), `code "1.010020" appears twice`},
		{"duplicate name", strings.Replace(good, "Chuyển trường đối với học sinh trung học phổ thông", "Cấp bản sao văn bằng, chứng chỉ từ sổ gốc", 1), "appears twice"},
		{"invalid procedure", strings.Replace(good, `"field":"Giáo dục trung học"`, `"field":"Trung học"`, 1), `invalid procedure "HP.GDĐT.04": unknown field "Trung học"`},
		{"empty note", strings.Replace(good, `"Ghi chú."`, `" "`, 1), "catalog note 1 is empty"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := ParseCatalog([]byte(tt.data))
			if tt.want == "" {
				if err != nil {
					t.Fatalf("ParseCatalog() error = %v", err)
				}
				if len(c.Procedures) != 3 {
					t.Errorf("got %d procedures, want 3", len(c.Procedures))
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("ParseCatalog() error = %v, want it to contain %q", err, tt.want)
			}
		})
	}
}

func TestCatalogFind(t *testing.T) {
	c, err := ParseCatalog(testCatalog(t))
	if err != nil {
		t.Fatal(err)
	}
	p, err := c.Find("HP.GDĐT.04")
	if err != nil || p.Name != "Chuyển trường đối với học sinh trung học phổ thông" {
		t.Errorf("Find(HP.GDĐT.04) = %v, %v", p, err)
	}
	p, err = c.Find("9.999999")
	if p != nil || cchc.ErrorCode(err) != cchc.ENOTFOUND {
		t.Errorf("Find(unknown) = %v, %v; want nil and ENOTFOUND", p, err)
	}
}

func TestCatalogSearch(t *testing.T) {
	c, err := ParseCatalog(testCatalog(t))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, q, field, level string
		want                  []string
	}{
		{"without diacritics", "cap ban sao van bang", "", "", []string{"1.010020"}},
		{"upper case", "CHUYEN TRUONG", "", "", []string{"HP.GDĐT.04"}},
		{"with diacritics", "ngoại ngữ, tin học", "", "", []string{"HP.GDĐT.10"}},
		{"by code", "2.001914", "", "", nil},
		{"by local code", "hp gddt 04", "", "", []string{"HP.GDĐT.04"}},
		{"several words", "trung hoc pho thong", "", "", []string{"HP.GDĐT.04"}},
		{"words match inside words", "giao duc trung hoc", "", "", []string{"HP.GDĐT.04", "HP.GDĐT.10"}},
		{"empty query lists all", "", "", "", []string{"1.010020", "HP.GDĐT.04", "HP.GDĐT.10"}},
		{"punctuation only lists all", " , . ", "", "", []string{"1.010020", "HP.GDĐT.04", "HP.GDĐT.10"}},
		{"no match", "giay phep lai xe", "", "", nil},
		{"field filter", "", FieldSecondary, "", []string{"HP.GDĐT.04"}},
		{"level filter", "", "", LevelPartial, []string{"HP.GDĐT.04", "HP.GDĐT.10"}},
		{"query and level", "truong", "", LevelFull, nil},
		{"query, field and level", "trung tam", FieldNational, LevelPartial, []string{"HP.GDĐT.10"}},
		{"unknown field", "", "Không có", "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, p := range c.Search(tt.q, tt.field, tt.level) {
				got = append(got, p.Code)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("Search(%q, %q, %q) = %v, want %v", tt.q, tt.field, tt.level, got, tt.want)
			}
		})
	}
}

func TestSearchKey(t *testing.T) {
	p := &Procedure{Code: "2.001914", Name: "Chỉnh sửa nội dung văn bằng, chứng chỉ", Field: FieldDiplomas}
	want := "chinh sua noi dung van bang chung chi 2 001914 van bang chung chi"
	if got := SearchKey(p); got != want {
		t.Errorf("SearchKey() = %q, want %q", got, want)
	}
}

func TestCatalogFields(t *testing.T) {
	c, err := ParseCatalog(testCatalog(t))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{FieldDiplomas, FieldSecondary, FieldNational}
	if got := c.Fields(); !slices.Equal(got, want) {
		t.Errorf("Fields() = %v, want %v", got, want)
	}
	if got := (&Catalog{}).Fields(); len(got) != 0 {
		t.Errorf("Fields() of an empty catalog = %v", got)
	}
}
