package calendar

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
)

func TestParseDate(t *testing.T) {
	got, err := ParseDate("2026-02-17")
	if err != nil {
		t.Fatal(err)
	}
	if want := (Date{2026, time.February, 17}); got != want {
		t.Errorf("got %v, want %v", got, want)
	}
	if got.String() != "2026-02-17" || got.Display() != "17/02/2026" {
		t.Errorf("String %q, Display %q", got.String(), got.Display())
	}
	if got.DayNumber() != 2461089 {
		t.Errorf("DayNumber = %d, want 2461089", got.DayNumber())
	}
	if got.Weekday() != time.Tuesday {
		t.Errorf("Weekday = %v, want Tuesday", got.Weekday())
	}
}

func TestParseDateErrors(t *testing.T) {
	tests := []struct{ in, want string }{
		{"2026-2-17", "YYYY-MM-DD"},
		{"17/02/2026", "YYYY-MM-DD"},
		{"2026-02-1x", "YYYY-MM-DD"},
		{"+026-02-17", "YYYY-MM-DD"},
		{"2026-13-01", "month 13 out of range"},
		{"2026-00-10", "month 0 out of range"},
		{"2026-02-29", "day 29 out of range for 02/2026"},
		{"2025-04-31", "day 31 out of range for 04/2025"},
		{"", "YYYY-MM-DD"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			_, err := ParseDate(tt.in)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("ParseDate(%q) error = %v, want it to mention %q", tt.in, err, tt.want)
			}
		})
	}
	if _, err := ParseDate("2024-02-29"); err != nil {
		t.Errorf("leap day 2024-02-29: %v", err)
	}
}

func TestDateArithmetic(t *testing.T) {
	d := Date{2026, time.December, 30}
	if got, want := d.AddDays(3), (Date{2027, time.January, 2}); got != want {
		t.Errorf("AddDays(3) = %v, want %v", got, want)
	}
	if got, want := d.AddDays(-365), (Date{2025, time.December, 30}); got != want {
		t.Errorf("AddDays(-365) = %v, want %v", got, want)
	}
	if got, want := NewDate(2026, 2, 30), (Date{2026, time.March, 2}); got != want {
		t.Errorf("NewDate(2026, 2, 30) = %v, want %v", got, want)
	}
	if got, want := NewDate(2026, 14, 1), (Date{2027, time.February, 1}); got != want {
		t.Errorf("NewDate(2026, 14, 1) = %v, want %v", got, want)
	}
	if got, want := NewDate(2026, 0, 1), (Date{2025, time.December, 1}); got != want {
		t.Errorf("NewDate(2026, 0, 1) = %v, want %v", got, want)
	}
	a, b := Date{2026, 4, 30}, Date{2026, 5, 1}
	if !a.Before(b) || a.After(b) || a.Compare(b) != -1 || b.Compare(a) != 1 || a.Compare(a) != 0 {
		t.Errorf("ordering of %v and %v is wrong", a, b)
	}
	if (Date{}).Valid() || !(Date{}).IsZero() || !a.Valid() {
		t.Error("Valid/IsZero are wrong")
	}
}

func TestDateDayNumberRoundTrip(t *testing.T) {
	ref := time.Date(1800, 1, 1, 0, 0, 0, 0, time.UTC)
	start := (Date{1800, 1, 1}).DayNumber()
	for i := 0; i < 150000; i += 7 {
		tm := ref.AddDate(0, 0, i)
		want := Date{tm.Year(), tm.Month(), tm.Day()}
		if got := DateFromDayNumber(start + i); got != want {
			t.Fatalf("DateFromDayNumber(%d) = %v, want %v", start+i, got, want)
		}
		if got := want.DayNumber(); got != start+i {
			t.Fatalf("%v.DayNumber() = %d, want %d", want, got, start+i)
		}
		if got := want.Weekday(); got != tm.Weekday() {
			t.Fatalf("%v.Weekday() = %v, want %v", want, got, tm.Weekday())
		}
	}
}

func TestDateOfUsesVietnamTime(t *testing.T) {
	// 16:59:59 UTC is 23:59:59 in Hà Nội; 17:00 UTC is already the next day.
	if got, want := DateOf(time.Date(2026, 2, 16, 16, 59, 59, 0, time.UTC)), (Date{2026, 2, 16}); got != want {
		t.Errorf("got %v, want %v", got, want)
	}
	if got, want := DateOf(time.Date(2026, 2, 16, 17, 0, 0, 0, time.UTC)), (Date{2026, 2, 17}); got != want {
		t.Errorf("got %v, want %v", got, want)
	}
	at := (Date{2026, 2, 17}).At(17 * time.Hour)
	if want := time.Date(2026, 2, 17, 10, 0, 0, 0, time.UTC); !at.Equal(want) || at.Location() != Vietnam {
		t.Errorf("At(17h) = %v, want %v in ICT", at, want)
	}
	if _, off := at.Zone(); off != 7*3600 {
		t.Errorf("zone offset %d, want UTC+7", off)
	}
}

func TestDateJSON(t *testing.T) {
	var v struct {
		D Date `json:"d"`
	}
	if err := json.Unmarshal([]byte(`{"d":"2030-02-02"}`), &v); err != nil {
		t.Fatal(err)
	}
	if v.D != (Date{2030, 2, 2}) {
		t.Errorf("got %v", v.D)
	}
	b, err := json.Marshal(v)
	if err != nil || string(b) != `{"d":"2030-02-02"}` {
		t.Errorf("Marshal = %s, %v", b, err)
	}
	if err := json.Unmarshal([]byte(`{"d":"2030-02-30"}`), &v); err == nil || !strings.Contains(err.Error(), "day 30 out of range") {
		t.Errorf("bad date error = %v", err)
	}
}
