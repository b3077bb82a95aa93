package payment

import (
	"strings"
	"testing"
)

func TestResponseMessage(t *testing.T) {
	for _, code := range []string{"00", "07", "09", "10", "11", "12", "24", "51", "65", "75", "79", "99",
		"01", "02", "03", "04", "05", "06", "08", "13"} {
		m := ResponseMessage(code)
		if !knownCode(code) || m == "" || strings.Contains(m, "mã lỗi") {
			t.Errorf("ResponseMessage(%q) = %q: the code has no message of its own", code, m)
		}
	}
	if got, want := ResponseMessage("00"), "Giao dịch thành công."; got != want {
		t.Errorf("ResponseMessage(00) = %q, want %q", got, want)
	}
	if got, want := ResponseMessage("24"), "Giao dịch không thành công do quý khách đã hủy giao dịch."; got != want {
		t.Errorf("ResponseMessage(24) = %q, want %q", got, want)
	}
	for _, tc := range []struct{ code, want string }{
		{"42", "Giao dịch không thành công (mã lỗi 42)."},
		{"", "Giao dịch không thành công (mã lỗi ?)."},
		{"<script>", "Giao dịch không thành công (mã lỗi scri)."},
	} {
		if got := ResponseMessage(tc.code); got != tc.want || knownCode(tc.code) {
			t.Errorf("ResponseMessage(%q) = %q, want %q", tc.code, got, tc.want)
		}
	}
}
