package payment

import (
	"errors"
	"testing"
	"time"
)

func TestFormatAmount(t *testing.T) {
	for _, tc := range []struct {
		dong int64
		want string
	}{
		{1, "100"},
		{50_000, "5000000"},
		{1_000_000_000, "100000000000"},
		{MaxAmount, "9223372036854775800"},
	} {
		got, err := formatAmount(tc.dong)
		if err != nil || got != tc.want {
			t.Errorf("formatAmount(%d) = %q, %v; want %q", tc.dong, got, err, tc.want)
		}
	}
	for _, dong := range []int64{0, -1, -50_000, MaxAmount + 1, 1 << 62} {
		if got, err := formatAmount(dong); !errors.Is(err, ErrMalformed) {
			t.Errorf("formatAmount(%d) = %q, %v; want ErrMalformed", dong, got, err)
		}
	}
}

func TestParseAmount(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want int64
	}{
		{"100", 1},
		{"5000000", 50_000},
		{"05000000", 50_000},
		{"100000000000", 1_000_000_000},
		{"9223372036854775800", MaxAmount},
	} {
		got, err := parseAmount(tc.in)
		if err != nil || got != tc.want {
			t.Errorf("parseAmount(%q) = %d, %v; want %d", tc.in, got, err, tc.want)
		}
	}
	for _, in := range []string{
		"", "0", "000", "50", "5000050", // not a whole number of đồng
		"5000000.00", "50000,00", "5e6", "-5000000", "+5000000", " 5000000", "5000000 ", "0x100",
		"9223372036854775807", "9223372036854775900", "99999999999999999999", // overflow
		"５０００", // full-width digits
	} {
		if got, err := parseAmount(in); !errors.Is(err, ErrMalformed) {
			t.Errorf("parseAmount(%q) = %d, %v; want ErrMalformed", in, got, err)
		}
	}
}

func TestAmountRoundTrip(t *testing.T) {
	for _, dong := range []int64{1, 99, 100, 12_345, 50_000, 1_000_000_000, MaxAmount} {
		s, err := formatAmount(dong)
		if err != nil {
			t.Fatal(err)
		}
		if got, err := parseAmount(s); err != nil || got != dong {
			t.Errorf("parseAmount(formatAmount(%d)) = %d, %v", dong, got, err)
		}
	}
}

func TestDates(t *testing.T) {
	// 23:59:59 UTC is 06:59:59 the next day in GMT+7.
	at := time.Date(2026, 12, 31, 23, 59, 59, 0, time.UTC)
	if got, want := formatDate(at), "20270101065959"; got != want {
		t.Errorf("formatDate = %s, want %s", got, want)
	}
	back, err := parseDate("vnp_PayDate", "20270101065959")
	if err != nil || !back.Equal(at) {
		t.Errorf("parseDate = %v, %v; want %v", back, err, at)
	}
	for _, s := range []string{"", "2027010106595", "202701010659590", "20270230065959", "2027-01-01T06", "20270101 65959"} {
		if _, err := parseDate("vnp_PayDate", s); !errors.Is(err, ErrMalformed) {
			t.Errorf("parseDate(%q) error = %v, want ErrMalformed", s, err)
		}
	}
}
