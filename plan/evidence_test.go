package plan

import (
	"strings"
	"testing"
	"time"

	"github.com/hpdoet/cchc"
)

func TestEvidenceValidate(t *testing.T) {
	today := date(2026, 5, 10)
	ptr := func(t time.Time) *time.Time { return &t }
	file := func() Evidence {
		return Evidence{Kind: EvidenceFile, FileSHA256: strings.Repeat("ab", 32), FileName: "bao-cao.pdf", Description: "Báo cáo quý I"}
	}
	doc := func() Evidence {
		return Evidence{Kind: EvidenceDocument, DocNumber: "12/KH-SGDĐT", DocDate: ptr(date(2026, 3, 2)), DocIssuer: "Sở Giáo dục và Đào tạo Hải Phòng"}
	}
	tests := []struct {
		name   string
		e      Evidence
		modify func(e *Evidence)
		fields []string
	}{
		{"file valid", file(), func(e *Evidence) {}, nil},
		{"file without description", file(), func(e *Evidence) { e.Description = "" }, nil},
		{"file without hash", file(), func(e *Evidence) { e.FileSHA256 = "" }, []string{"file"}},
		{"file description 2000 runes", file(), func(e *Evidence) { e.Description = strings.Repeat("ộ", 2000) }, nil},
		{"file description 2001 runes", file(), func(e *Evidence) { e.Description = strings.Repeat("ộ", 2001) }, []string{"description"}},
		{"document valid", doc(), func(e *Evidence) {}, nil},
		{"document dated today", doc(), func(e *Evidence) { e.DocDate = ptr(today) }, nil},
		{"document dated 2020-01-01", doc(), func(e *Evidence) { e.DocDate = ptr(date(2020, 1, 1)) }, nil},
		{"document missing number", doc(), func(e *Evidence) { e.DocNumber = "" }, []string{"doc_number"}},
		{"document number only spaces", doc(), func(e *Evidence) { e.DocNumber = "   " }, []string{"doc_number"}},
		{"document number 100 runes", doc(), func(e *Evidence) { e.DocNumber = strings.Repeat("Đ", 100) }, nil},
		{"document number 101 runes", doc(), func(e *Evidence) { e.DocNumber = strings.Repeat("Đ", 101) }, []string{"doc_number"}},
		{"document missing date", doc(), func(e *Evidence) { e.DocDate = nil }, []string{"doc_date"}},
		{"document dated tomorrow", doc(), func(e *Evidence) { e.DocDate = ptr(date(2026, 5, 11)) }, []string{"doc_date"}},
		{"document dated next year", doc(), func(e *Evidence) { e.DocDate = ptr(date(2027, 1, 1)) }, []string{"doc_date"}},
		{"document dated before 2020", doc(), func(e *Evidence) { e.DocDate = ptr(date(2019, 12, 31)) }, []string{"doc_date"}},
		{"document dated zero", doc(), func(e *Evidence) { e.DocDate = ptr(time.Time{}) }, []string{"doc_date"}},
		{"document missing issuer", doc(), func(e *Evidence) { e.DocIssuer = "" }, []string{"doc_issuer"}},
		{"document issuer 200 runes", doc(), func(e *Evidence) { e.DocIssuer = strings.Repeat("ơ", 200) }, nil},
		{"document issuer 201 runes", doc(), func(e *Evidence) { e.DocIssuer = strings.Repeat("ơ", 201) }, []string{"doc_issuer"}},
		{"document missing everything", doc(), func(e *Evidence) {
			e.DocNumber, e.DocDate, e.DocIssuer = "", nil, ""
		}, []string{"doc_number", "doc_date", "doc_issuer"}},
		{"document does not need a file", doc(), func(e *Evidence) { e.FileSHA256 = "" }, nil},
		{"file does not need document fields", file(), func(e *Evidence) { e.DocDate = nil }, nil},
		{"unknown kind", file(), func(e *Evidence) { e.Kind = "link" }, []string{"kind"}},
		{"empty kind", file(), func(e *Evidence) { e.Kind = "" }, []string{"kind"}},
		{"unknown kind and long description", file(), func(e *Evidence) {
			e.Kind, e.Description = "photo", strings.Repeat("x", 2001)
		}, []string{"kind", "description"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := tt.e
			tt.modify(&e)
			err := e.Validate(today)
			if len(tt.fields) == 0 {
				if err != nil {
					t.Fatalf("Validate() = %v (fields %v), want nil", err, cchc.ErrorFields(err))
				}
				return
			}
			wantInvalid(t, err, tt.fields...)
		})
	}
	t.Run("trims text fields", func(t *testing.T) {
		e := doc()
		e.DocNumber, e.DocIssuer, e.Description = " 12/KH ", "\tSở GD&ĐT ", "  mô tả "
		if err := e.Validate(today); err != nil {
			t.Fatalf("Validate() = %v, want nil", err)
		}
		if got, want := []string{e.DocNumber, e.DocIssuer, e.Description}, []string{"12/KH", "Sở GD&ĐT", "mô tả"}; strings.Join(got, "|") != strings.Join(want, "|") {
			t.Errorf("fields after Validate = %q, want %q", got, want)
		}
	})
}

func TestValidateProgress(t *testing.T) {
	tests := []struct {
		name, body, want string
		invalid          bool
	}{
		{"plain", "Đã hoàn thành dự thảo", "Đã hoàn thành dự thảo", false},
		{"trimmed", "  \n Đang rà soát \t", "Đang rà soát", false},
		{"empty", "", "", true},
		{"only spaces", " \n\t ", "", true},
		{"5000 Vietnamese runes", strings.Repeat("ầ", 5000), strings.Repeat("ầ", 5000), false},
		{"5001 Vietnamese runes", strings.Repeat("ầ", 5001), "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ValidateProgress(tt.body)
			if tt.invalid {
				wantInvalid(t, err, "body")
			} else if err != nil {
				t.Fatalf("ValidateProgress error %v, want nil", err)
			}
			if want := tt.want; got != want {
				t.Errorf("ValidateProgress = %q, want %q", got, want)
			}
		})
	}
}

func TestValidateReview(t *testing.T) {
	tests := []struct {
		name    string
		accept  bool
		comment string
		want    string
		invalid bool
	}{
		{"accept without comment", true, "", "", false},
		{"accept with comment", true, " Tốt ", "Tốt", false},
		{"return with comment", false, "Thiếu chữ ký", "Thiếu chữ ký", false},
		{"return without comment", false, "", "", true},
		{"return with only spaces", false, "  \n ", "", true},
		{"accept with 2000 runes", true, strings.Repeat("ư", 2000), strings.Repeat("ư", 2000), false},
		{"accept with 2001 runes", true, strings.Repeat("ư", 2001), "", true},
		{"return with 2001 runes", false, strings.Repeat("ư", 2001), "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ValidateReview(tt.accept, tt.comment)
			if tt.invalid {
				wantInvalid(t, err, "comment")
			} else if err != nil {
				t.Fatalf("ValidateReview error %v, want nil", err)
			}
			if want := tt.want; got != want {
				t.Errorf("ValidateReview = %q, want %q", got, want)
			}
		})
	}
}

func TestEvidenceStateName(t *testing.T) {
	tests := []struct{ state, want string }{
		{EvidenceSubmitted, "Chờ xem xét"},
		{EvidenceAccepted, "Đã chấp nhận"},
		{EvidenceReturned, "Trả lại"},
		{"other", "other"},
	}
	for _, tt := range tests {
		t.Run(tt.state, func(t *testing.T) {
			if got, want := EvidenceStateName(tt.state), tt.want; got != want {
				t.Errorf("EvidenceStateName(%q) = %q, want %q", tt.state, got, want)
			}
		})
	}
}
