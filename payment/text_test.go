package payment

import (
	"strings"
	"testing"
)

func TestStripDiacritics(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Lệ phí cấp bản sao văn bằng", "Le phi cap ban sao van bang"},
		{"Đ", "D"},
		{"đ", "d"},
		{"Ð", "D"}, // U+00D0, which old fonts used for Đ
		{"Sở Giáo dục và Đào tạo Hải Phòng", "So Giao duc va Dao tao Hai Phong"},
		{"NGHỊ ĐỊNH 45/2020/NĐ-CP", "NGHI DINH 45/2020/ND-CP"},
		{"Chứng chỉ ứng dụng công nghệ thông tin", "Chung chi ung dung cong nghe thong tin"},
		{"àáảãạăằắẳẵặâầấẩẫậ", "aaaaaaaaaaaaaaaaa"},
		{"ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬ", "AAAAAAAAAAAAAAAAA"},
		{"èéẻẽẹêềếểễệ", "eeeeeeeeeee"},
		{"ÈÉẺẼẸÊỀẾỂỄỆ", "EEEEEEEEEEE"},
		{"ìíỉĩị", "iiiii"},
		{"ÌÍỈĨỊ", "IIIII"},
		{"òóỏõọôồốổỗộơờớởỡợ", "ooooooooooooooooo"},
		{"ÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢ", "OOOOOOOOOOOOOOOOO"},
		{"ùúủũụưừứửữự", "uuuuuuuuuuu"},
		{"ÙÚỦŨỤƯỪỨỬỮỰ", "UUUUUUUUUUU"},
		{"ỳýỷỹỵ", "yyyyy"},
		{"ỲÝỶỸỴ", "YYYYY"},
		// Decomposed input: base letter + combining marks.
		{"Vie\u0302\u0323t Nam", "Viet Nam"},
		{"Le\u0323\u0302 phi\u0301", "Le phi"},
		{"u\u031B\u0300", "u"},
		// Not Vietnamese letters: kept.
		{"ñ ß – 😀", "ñ ß – 😀"},
		{"", ""},
	} {
		t.Run(tc.in, func(t *testing.T) {
			if got := StripDiacritics(tc.in); got != tc.want {
				t.Errorf("StripDiacritics(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestOrderInfo(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Lệ phí cấp bản sao văn bằng", "Le phi cap ban sao van bang"},
		{"Nộp lệ phí hồ sơ 000.00.31.H26-260213-0042", "Nop le phi ho so 000.00.31.H26-260213-0042"},
		{"  Phí (lần 2)!  *~'  ", "Phi lan 2"},
		{"Phí: 50.000 đồng, hồ sơ số 1/2026", "Phi: 50.000 dong, ho so so 1/2026"},
		{"Dòng 1\nDòng 2\tvà\u00a0tiếp", "Dong 1 Dong 2 va tiep"},
		{"A&B=C?D#E%F+G", "A B C D E F G"},
		{"«Giấy chứng nhận» – bản sao", "Giay chung nhan ban sao"},
		{"😀", ""},
		{"", ""},
	} {
		t.Run(tc.in, func(t *testing.T) {
			if got := OrderInfo(tc.in); got != tc.want {
				t.Errorf("OrderInfo(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
	long := OrderInfo(strings.Repeat("Lệ phí ", 100))
	if len(long) > MaxInfoLen || strings.HasSuffix(long, " ") || !strings.HasPrefix(long, "Le phi Le phi") {
		t.Errorf("OrderInfo of a long text = %q (%d bytes)", long, len(long))
	}
}

func TestNewRef(t *testing.T) {
	for _, tc := range []struct {
		code    string
		attempt int
		want    string
	}{
		{"000.00.31.H26-260213-0042", 1, "000.00.31.H26-260213-0042-1"},
		{"000.00.31.H26-260213-0042", 12, "000.00.31.H26-260213-0042-12"},
		{"HS Đặc biệt/1", 2, "HS_Dac_biet_1-2"},
		{strings.Repeat("A", 200), 3, strings.Repeat("A", 98) + "-3"},
	} {
		t.Run(tc.want, func(t *testing.T) {
			got := NewRef(tc.code, tc.attempt)
			if got != tc.want {
				t.Errorf("NewRef(%q, %d) = %q, want %q", tc.code, tc.attempt, got, tc.want)
			}
			if !validRef(got) {
				t.Errorf("NewRef(%q, %d) = %q is not a valid reference", tc.code, tc.attempt, got)
			}
		})
	}
	if NewRef("000.00.31.H26-260213-0042", 1) == NewRef("000.00.31.H26-260213-0042", 2) {
		t.Error("two attempts have one reference")
	}
}
