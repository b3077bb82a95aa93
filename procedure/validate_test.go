package procedure

import (
	"math"
	"strings"
	"testing"

	"github.com/hpdoet/cchc"
)

func TestProcedureValidate(t *testing.T) {
	tests := []struct {
		name   string
		modify func(p *Procedure)
		want   []string // substrings of the error; none means valid
	}{
		{"minimal valid", func(p *Procedure) {}, nil},
		{"local code flagged", func(p *Procedure) {
			p.Code = "HP.GDĐT.04"
			p.Unconfirmed = append(p.Unconfirmed, FactCode)
		}, nil},
		{"same-day with hours", func(p *Procedure) {
			p.SameDay, p.TimeLimitDays = true, 0
			for _, s := range p.Steps {
				s.Days, s.Hours = 0, 0.75
			}
		}, nil},
		{"legal basis empty but flagged", func(p *Procedure) {
			p.LegalBasis = nil
			p.Unconfirmed = append(p.Unconfirmed, FactLegalBasis)
		}, nil},
		{"baseline measured", func(p *Procedure) { p.Baseline2024 = &Baseline{ProcessingDays: 3.2, ComplianceCost: 150000} }, nil},

		{"code empty", func(p *Procedure) { p.Code = "" }, []string{"code is empty"}},
		{"code malformed", func(p *Procedure) { p.Code = "2.1914" }, []string{`code "2.1914" is neither a national code`}},
		{"local code without diacritic", func(p *Procedure) { p.Code = "HP.GDDT.04" }, []string{"is neither a national code"}},
		{"local code not flagged", func(p *Procedure) { p.Code = "HP.GDĐT.04" }, []string{`local code "HP.GDĐT.04" is not flagged "code"`}},
		{"name empty", func(p *Procedure) { p.Name = "" }, []string{"name is empty"}},
		{"name with spaces", func(p *Procedure) { p.Name = " Chỉnh sửa" }, []string{"name has surrounding spaces"}},
		{"name not NFC", func(p *Procedure) { p.Name = "Chi\u0309nh sửa" }, []string{"name is not in Unicode NFC"}},
		{"name too long", func(p *Procedure) { p.Name = strings.Repeat("a", 501) }, []string{"name is longer than 500"}},
		{"unknown field", func(p *Procedure) { p.Field = "Văn bằng" }, []string{`unknown field "Văn bằng"`}},
		{"same-day with days", func(p *Procedure) { p.SameDay = true }, []string{"same-day procedure has time_limit_days 5, want 0"}},
		{"no time limit", func(p *Procedure) { p.TimeLimitDays = 0 }, []string{"time_limit_days 0 is outside 1–365"}},
		{"negative fee", func(p *Procedure) { p.Fee = -1 }, []string{"fee -1 is outside"}},
		{"no documents", func(p *Procedure) { p.Documents = nil }, []string{"no documents"}},
		{"nil document", func(p *Procedure) { p.Documents[0] = nil }, []string{"document 1 is empty"}},
		{"document key not a slug", func(p *Procedure) { p.Documents[0].Key = "Don_de_nghi" }, []string{`document key "Don_de_nghi" is not an ascii slug`}},
		{"document key twice", func(p *Procedure) { p.Documents[1].Key = "don-de-nghi" }, []string{`document key "don-de-nghi" appears twice`}},
		{"document name empty", func(p *Procedure) { p.Documents[0].Name = "" }, []string{`document "don-de-nghi" name is empty`}},
		{"document count 0", func(p *Procedure) { p.Documents[0].Count = 0 }, []string{`document "don-de-nghi" count 0 is outside 1–100`}},
		{"from data without type", func(p *Procedure) { p.Documents[1].DataType = "" }, []string{`document "cccd" is from_data but has no data_type`}},
		{"type without from data", func(p *Procedure) { p.Documents[1].FromData = false }, []string{`document "cccd" has data_type "cccd" but is not from_data`}},
		{"unknown data type", func(p *Procedure) { p.Documents[1].DataType = "ho-chieu" }, []string{`unknown data_type "ho-chieu"`}},
		{"legal basis empty, not flagged", func(p *Procedure) { p.LegalBasis = nil }, []string{`legal basis is empty and not flagged "legal_basis"`}},
		{"legal basis entry empty", func(p *Procedure) { p.LegalBasis = []string{""} }, []string{"legal basis 1 is empty"}},
		{"unknown level", func(p *Procedure) { p.OnlineLevel = "muc-do-4" }, []string{`unknown online level "muc-do-4"`}},
		{"full online but not eligible", func(p *Procedure) { p.EligibleFullOnline = false }, []string{`online level "toan-trinh" but not eligible_full_online`}},
		{"baseline negative", func(p *Procedure) { p.Baseline2024 = &Baseline{ProcessingDays: -1, ComplianceCost: -5} }, []string{"baseline processing days -1", "baseline compliance cost -5 is negative"}},
		{"baseline NaN", func(p *Procedure) { p.Baseline2024 = &Baseline{ProcessingDays: math.NaN()} }, []string{"baseline processing days NaN"}},

		{"one step", func(p *Procedure) { p.Steps = p.Steps[:1] }, []string{"1 steps, want at least 2", "steps sum to 0.5 days, want 5"}},
		{"nil step", func(p *Procedure) { p.Steps[1] = nil }, []string{"step 2 is empty"}},
		{"steps sum short", func(p *Procedure) { p.Steps[1].Days = 2 }, []string{"steps sum to 4.625 days, want 5"}},
		{"steps sum over", func(p *Procedure) { p.Steps[1].Days = 3 }, []string{"steps sum to 5.625 days, want 5"}},
		{"step days not an eighth", func(p *Procedure) { p.Steps[1].Days = 2.3 }, []string{"step 2 days 2.3 is not a non-negative multiple of 0.125"}},
		{"step days negative", func(p *Procedure) { p.Steps[1].Days = -1 }, []string{"step 2 days -1 is not a non-negative"}},
		{"step days infinite", func(p *Procedure) { p.Steps[1].Days = math.Inf(1) }, []string{"step 2 days +Inf"}},
		{"hours on a normal procedure", func(p *Procedure) { p.Steps[0].Hours = 1 }, []string{"step 1 has hours 1; only same-day procedures share hours"}},
		{"same-day step with days", func(p *Procedure) {
			p.SameDay, p.TimeLimitDays = true, 0
			for _, s := range p.Steps {
				s.Days, s.Hours = 0, 1
			}
			p.Steps[2].Days = 0.5
		}, []string{"step 3 of a same-day procedure has days 0.5, want 0 (use hours)"}},
		{"same-day hours not a quarter", func(p *Procedure) {
			p.SameDay, p.TimeLimitDays = true, 0
			for _, s := range p.Steps {
				s.Days, s.Hours = 0, 1
			}
			p.Steps[2].Hours = 0.2
		}, []string{"step 3 hours 0.2 is not a non-negative multiple of 0.25"}},
		{"same-day over a working day", func(p *Procedure) {
			p.SameDay, p.TimeLimitDays = true, 0
			for _, s := range p.Steps {
				s.Days, s.Hours = 0, 2
			}
		}, []string{"sum to 10 hours, want more than 0 and at most 8"}},
		{"same-day without hours", func(p *Procedure) {
			p.SameDay, p.TimeLimitDays = true, 0
			for _, s := range p.Steps {
				s.Days = 0
			}
		}, []string{"sum to 0 hours"}},
		{"first step not one-stop", func(p *Procedure) { p.Steps[0].Role = cchc.RoleSpecialist }, []string{`the first and last steps must be the one-stop counter's (role "motcua")`}},
		{"last step not one-stop", func(p *Procedure) { p.Steps[4].Role = cchc.RoleUnitHead }, []string{"the first and last steps"}},
		{"no leadership step", func(p *Procedure) { p.Steps[3].Role = cchc.RoleUnitHead }, []string{`no step for the Sở's leadership (role "lanhdao")`}},
		{"unknown role", func(p *Procedure) { p.Steps[1].Role = cchc.RoleAdmin }, []string{`step 2 has unknown role "admin"`}},
		{"unit malformed", func(p *Procedure) { p.Steps[1].Unit = "Phòng QLCL" }, []string{`step 2 unit "Phòng QLCL" is malformed`}},
		{"step name empty", func(p *Procedure) { p.Steps[1].Name = "" }, []string{"step 2 name is empty"}},

		{"no form", func(p *Procedure) { p.Form = nil }, []string{"the form has no fields"}},
		{"nil form field", func(p *Procedure) { p.Form[0] = nil }, []string{"form field 1 is empty"}},
		{"field name not ascii", func(p *Procedure) { p.Form[0].Name = "họ_tên" }, []string{`form field name "họ_tên" is not lower-case ascii`}},
		{"field name upper case", func(p *Procedure) { p.Form[0].Name = "HoTen" }, []string{`form field name "HoTen"`}},
		{"field name twice", func(p *Procedure) { p.Form[1].Name = "ho_ten" }, []string{`form field "ho_ten" appears twice`}},
		{"field label empty", func(p *Procedure) { p.Form[0].Label = "" }, []string{`form field "ho_ten" label is empty`}},
		{"unknown type", func(p *Procedure) { p.Form[0].Type = "password" }, []string{`form field "ho_ten" has unknown type "password"`}},
		{"choice without options", func(p *Procedure) { p.Form[9].Options = nil }, []string{`choice field "loai" has no options`}},
		{"choice option twice", func(p *Procedure) { p.Form[9].Options[1] = p.Form[9].Options[0] }, []string{`choice field "loai" has option "Bằng tốt nghiệp THPT" twice`}},
		{"choice option empty", func(p *Procedure) { p.Form[9].Options[1] = " " }, []string{`choice field "loai" has an empty, untrimmed or unnormalised option`}},
		{"options on a text field", func(p *Procedure) { p.Form[0].Options = []string{"a"} }, []string{`field "ho_ten" of type "text" has options`}},
		{"max_len negative", func(p *Procedure) { p.Form[0].MaxLen = -1 }, []string{`form field "ho_ten" max_len -1 is outside`}},
		{"min on a text field", func(p *Procedure) { p.Form[0].Min = i64(1) }, []string{`field "ho_ten" of type "text" has min or max`}},
		{"min above max", func(p *Procedure) { p.Form[7].Min = i64(30) }, []string{`number field "so_ban_sao" has min 30 above max 20`}},
		{"past_only on a text field", func(p *Procedure) { p.Form[0].PastOnly = true }, []string{`field "ho_ten" of type "text" is past_only`}},

		{"unknown unconfirmed key", func(p *Procedure) { p.Unconfirmed = []string{"fees"} }, []string{`unknown unconfirmed key "fees"`}},
		{"unconfirmed key twice", func(p *Procedure) { p.Unconfirmed = []string{FactFee, FactFee} }, []string{`unconfirmed key "fee" appears twice`}},
		{"no sources", func(p *Procedure) { p.Sources = nil }, []string{"no sources"}},
		{"empty note", func(p *Procedure) { p.Notes = []string{""} }, []string{"note 1 is empty"}},
		{"several problems at once", func(p *Procedure) { p.Code, p.Field = "", "x" }, []string{"code is empty", `unknown field "x"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := validProcedure()
			tt.modify(p)
			err := p.Validate()
			if len(tt.want) == 0 {
				if err != nil {
					t.Fatalf("Validate() = %v, want nil", err)
				}
				return
			}
			if err == nil {
				t.Fatalf("Validate() = nil, want an error containing %q", tt.want)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("Validate() = %v\nwant it to contain %q", err, w)
				}
			}
		})
	}
}

func TestProcedureUnits(t *testing.T) {
	got := validProcedure().Units()
	want := []string{"VP", "QLCL", "BGD"}
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("Units() = %v, want %v", got, want)
	}
}

func TestIsLocalCode(t *testing.T) {
	for code, want := range map[string]bool{"HP.GDĐT.04": true, "HP.GDĐT.123": true, "2.001914": false, "HP.GDDT.04": false, "HP.GDĐT.4": false} {
		if got := IsLocalCode(code); got != want {
			t.Errorf("IsLocalCode(%q) = %v, want %v", code, got, want)
		}
	}
}

func TestNames(t *testing.T) {
	tests := []struct{ name, got, want string }{
		{"level full", LevelName(LevelFull), "Trực tuyến toàn trình"},
		{"level partial", LevelName(LevelPartial), "Trực tuyến một phần"},
		{"level none", LevelName(LevelNone), "Trực tiếp"},
		{"level unknown", LevelName("x"), "x"},
		{"fact fee", FactLabel(FactFee), "Phí, lệ phí"},
		{"fact time", FactLabel(FactTimeLimit), "Thời hạn giải quyết"},
		{"fact unknown", FactLabel("x"), "x"},
		{"data type cccd", DataTypeName(DataCitizenID), "Căn cước công dân"},
		{"data type unknown", DataTypeName("x"), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.got != tt.want {
				t.Errorf("got %q, want %q", tt.got, tt.want)
			}
		})
	}
}

func TestEveryFactHasALabel(t *testing.T) {
	for _, k := range []string{FactCode, FactName, FactField, FactTimeLimit, FactFee, FactDocuments, FactLegalBasis, FactOnlineLevel, FactEligible, FactSteps, FactForm} {
		if !knownFact(k) || FactLabel(k) == k {
			t.Errorf("fact %q: known %v, label %q", k, knownFact(k), FactLabel(k))
		}
	}
}
