package dossier

import (
	"strings"
	"testing"
	"time"

	"github.com/hpdoet/cchc"
	"github.com/hpdoet/cchc/calendar"
)

func TestValidAgency(t *testing.T) {
	tests := []struct {
		s    string
		want bool
	}{
		{"000.00.31.H26", true},
		{"000.00.00.G12", true},
		{"000.00.31.h26", false},
		{"000.00.31.H2", false},
		{"000.00.31.H266", false},
		{"00.000.31.H26", false},
		{"000-00-31-H26", false},
		{"000.00.31.626", false},
		{"000.0a.31.H26", false},
		{"", false},
	}
	for _, tt := range tests {
		if got := ValidAgency(tt.s); got != tt.want {
			t.Errorf("ValidAgency(%q) = %v, want %v", tt.s, got, tt.want)
		}
	}
}

func TestCode(t *testing.T) {
	// 23:30 on 13/02/2026 in Hà Nội is still the 13th; 17:30 UTC is 00:30
	// on the 14th in Vietnam time.
	c, err := NewCode(agency, vn(2026, 2, 13, 23, 30), 42)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := c.String(), "000.00.31.H26-260213-0042"; got != want {
		t.Errorf("String = %q, want %q", got, want)
	}
	c, err = NewCode(agency, time.Date(2026, 2, 13, 17, 30, 0, 0, time.UTC), 1)
	if err != nil || c.String() != "000.00.31.H26-260214-0001" {
		t.Errorf("UTC receipt: %v %v", c, err)
	}
	if c, err := NewCode(agency, vn(2026, 2, 13, 9, 0), MaxSeq); err != nil || c.String() != "000.00.31.H26-260213-9999" {
		t.Errorf("seq 9999: %v %v", c, err)
	}

	_, err = NewCode(agency, vn(2026, 2, 13, 9, 0), MaxSeq+1)
	wantInvalid(t, err, "seq")
	if msg := cchc.ErrorFields(err)["seq"]; !strings.Contains(msg, "quá 9999 hồ sơ") || !strings.Contains(msg, "13/02/2026") {
		t.Errorf("seq overflow message %q", msg)
	}
	_, err = NewCode("H26", vn(2026, 2, 13, 9, 0), 0)
	wantInvalid(t, err, "agency", "seq")
	_, err = NewCode(agency, vn(2100, 1, 1, 9, 0), 1)
	wantInvalid(t, err, "date")
}

func TestParseCode(t *testing.T) {
	want := Code{Agency: agency, Date: calendar.NewDate(2026, 2, 13), Seq: 42}
	for _, s := range []string{"000.00.31.H26-260213-0042", "  000.00.31.h26-260213-0042\n"} {
		got, err := ParseCode(s)
		if err != nil || got != want {
			t.Errorf("ParseCode(%q) = %v, %v; want %v", s, got, err, want)
		}
	}
	for _, s := range []string{
		"",
		"000.00.31.H26-260213-0000", // seq 0
		"000.00.31.H26-260230-0042", // 30 February
		"000.00.31.H26-261301-0042", // month 13
		"000.00.31.H26-260213-042",  // 3 digits
		"000.00.31.H26-260213-00042",
		"000.00.31.H26_260213_0042",
		"000.00.31.H26-2602l3-0042",
		"000.00.31.H26-260213-+042",
		"000.00.31.H26-260213-0042-KQ1",
		"000.00.31.Đ26-260213-0042",
	} {
		if _, err := ParseCode(s); cchc.ErrorCode(err) != cchc.EINVALID {
			t.Errorf("ParseCode(%q): %v, want EINVALID", s, err)
		}
	}
}

func TestResultCode(t *testing.T) {
	c := Code{Agency: agency, Date: calendar.NewDate(2026, 2, 13), Seq: 42}
	got, err := c.ResultCode(1)
	if err != nil || got != "000.00.31.H26-260213-0042-KQ1" {
		t.Errorf("ResultCode(1) = %q, %v", got, err)
	}
	if _, err := c.ResultCode(0); cchc.ErrorCode(err) != cchc.EINVALID {
		t.Errorf("ResultCode(0): %v", err)
	}
	if _, err := (Code{}).ResultCode(1); cchc.ErrorCode(err) != cchc.EINVALID {
		t.Errorf("zero code: %v", err)
	}
	pc, n, err := ParseResultCode(" 000.00.31.H26-260213-0042-kq12 ")
	if err != nil || pc != c || n != 12 {
		t.Errorf("ParseResultCode = %v %d %v", pc, n, err)
	}
	for _, s := range []string{"000.00.31.H26-260213-0042", "000.00.31.H26-260213-0042-KQ", "000.00.31.H26-260213-0042-KQ0",
		"000.00.31.H26-260213-0042-KQ01", "000.00.31.H26-260213-0042-KQ1000", "000.00.31.H26-260213-0042-KQ(1)"} {
		if _, _, err := ParseResultCode(s); cchc.ErrorCode(err) != cchc.EINVALID {
			t.Errorf("ParseResultCode(%q): %v, want EINVALID", s, err)
		}
	}

	// Issuing results numbers them.
	cal := newCalendar(t)
	d := fixture(t, cal, "result_issued")
	run(t, cal, Options{}, d, step{IssueResult, Input{Role: cchc.RoleSpecialist}, tNow})
	if len(d.ResultCodes) != 2 || d.ResultCodes[1] != "000.00.31.H26-260302-0042-KQ2" {
		t.Errorf("result codes %q", d.ResultCodes)
	}
}

// FuzzParseCode checks that a parsed code prints back as its input (trimmed,
// upper case) and parses again to itself.
func FuzzParseCode(f *testing.F) {
	for _, s := range []string{"000.00.31.H26-260213-0042", " 000.00.31.h26-991231-9999", "000.00.31.H26-260230-0042", "x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := ParseCode(s)
		if err != nil {
			if cchc.ErrorCode(err) != cchc.EINVALID {
				t.Fatalf("ParseCode(%q): %v", s, err)
			}
			return
		}
		if got := c.String(); !strings.EqualFold(got, strings.TrimSpace(s)) || got != strings.ToUpper(got) {
			t.Fatalf("ParseCode(%q).String() = %q", s, got)
		}
		if err := c.Validate(); err != nil {
			t.Fatalf("parsed %q is invalid: %v", s, err)
		}
		again, err := ParseCode(c.String())
		if err != nil || again != c {
			t.Fatalf("round trip of %q: %v %v", s, again, err)
		}
	})
}

// FuzzParseResultCode checks the round trip of result codes.
func FuzzParseResultCode(f *testing.F) {
	for _, s := range []string{"000.00.31.H26-260213-0042-KQ1", "000.00.31.H26-260213-0042-kq999", "000.00.31.H26-260213-0042-KQ01"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, n, err := ParseResultCode(s)
		if err != nil {
			return
		}
		got, err := c.ResultCode(n)
		if err != nil || !strings.EqualFold(got, strings.TrimSpace(s)) {
			t.Fatalf("ParseResultCode(%q) → %q, %v", s, got, err)
		}
	})
}
