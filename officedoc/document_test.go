package officedoc

import (
	"bytes"
	"errors"
	"io"
	"maps"
	"slices"
	"testing"
	"time"

	"github.com/hpdoet/cchc"
)

func TestPlaceDate(t *testing.T) {
	ict := time.FixedZone("ICT", 7*60*60)
	for _, tc := range []struct {
		date time.Time
		want string
	}{
		{time.Date(2026, 10, 5, 0, 0, 0, 0, ict), "Hải Phòng, ngày 05 tháng 10 năm 2026"},
		{time.Date(2026, 1, 9, 0, 0, 0, 0, ict), "Hải Phòng, ngày 09 tháng 01 năm 2026"},
		{time.Date(2026, 2, 28, 0, 0, 0, 0, ict), "Hải Phòng, ngày 28 tháng 02 năm 2026"},
		{time.Date(2026, 3, 1, 0, 0, 0, 0, ict), "Hải Phòng, ngày 01 tháng 3 năm 2026"},
		{time.Date(2026, 9, 10, 0, 0, 0, 0, ict), "Hải Phòng, ngày 10 tháng 9 năm 2026"},
		{time.Date(2026, 12, 31, 0, 0, 0, 0, ict), "Hải Phòng, ngày 31 tháng 12 năm 2026"},
		// 18:00 UTC on 30 September is already 1 October in Hải Phòng.
		{time.Date(2026, 9, 30, 18, 0, 0, 0, time.UTC), "Hải Phòng, ngày 01 tháng 10 năm 2026"},
	} {
		t.Run(tc.want, func(t *testing.T) {
			if got := PlaceDate(" Hải  Phòng ", tc.date); got != tc.want {
				t.Errorf("PlaceDate = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestValidate(t *testing.T) {
	for _, tc := range []struct {
		name   string
		change func(*Document)
		fields []string
	}{
		{"no issuer", func(d *Document) { d.Issuer = " \n\t" }, []string{"issuer"}},
		{"no kind", func(d *Document) { d.Kind = "" }, []string{"kind"}},
		{"no title", func(d *Document) { d.Title = "\x00\x01" }, []string{"title"}},
		{"no date", func(d *Document) { d.Date = time.Time{} }, []string{"date"}},
		{"no place", func(d *Document) { d.Place = "" }, []string{"place"}},
		{"empty", func(d *Document) { *d = Document{} }, []string{"date", "issuer", "kind", "place", "title"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := reportDocument()
			tc.change(&d)
			for name, write := range map[string]func(io.Writer, Document) error{"DOCX": WriteDOCX, "PDF": WritePDF} {
				var buf bytes.Buffer
				err := write(&buf, d)
				var e *cchc.Error
				if !errors.As(err, &e) || e.Code != cchc.EINVALID {
					t.Fatalf("%s: error = %v, want an EINVALID *cchc.Error", name, err)
				}
				if got := slices.Sorted(maps.Keys(e.Fields)); !slices.Equal(got, tc.fields) {
					t.Errorf("%s: fields = %q, want %q", name, got, tc.fields)
				}
				if buf.Len() != 0 {
					t.Errorf("%s: wrote %d bytes for an invalid document", name, buf.Len())
				}
			}
		})
	}
	if err := reportDocument().Validate(); err != nil {
		t.Errorf("Validate(fixture) = %v", err)
	}
}

func TestRecipientLines(t *testing.T) {
	got := recipientLines([]string{"UBND thành phố (để b/c)", "", "- Sở Nội vụ;", "Lưu: VT, VP."})
	want := []string{"- UBND thành phố (để b/c);", "- Sở Nội vụ;", "- Lưu: VT, VP."}
	if !slices.Equal(got, want) {
		t.Errorf("recipientLines = %q, want %q", got, want)
	}
}

func TestNumberLine(t *testing.T) {
	for in, want := range map[string]string{
		"125/BC-SGDĐT":      "Số: 125/BC-SGDĐT",
		"Số: 125/BC-SGDĐT":  "Số: 125/BC-SGDĐT",
		"  Số:   /BC-SGDĐT": "Số: /BC-SGDĐT",
		"":                  "",
	} {
		if got := numberLine(in); got != want {
			t.Errorf("numberLine(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestClean(t *testing.T) {
	for in, want := range map[string]string{
		"a\tb":                    "a b",
		"a\r\nb\rc":               "a\nb\nc",
		"x\x00y\x1bz\u0085w":      "xyz\nw",
		"\xff\xfeok":              "\uFFFDok", // a run of bad bytes becomes one replacement
		"Vie\u0323\u0302t Nam":    "Việt Nam", // decomposed (NFD) input
		"đ\uFFFEĐ\uFFFF":          "đĐ",
		`<a href="x">&amp;</a>'"`: `<a href="x">&amp;</a>'"`,
	} {
		if got := clean(in); got != want {
			t.Errorf("clean(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestIsNumber(t *testing.T) {
	for s, want := range map[string]bool{
		"1.234": true, "12,5": true, "-3": true, "99,7%": true, "1 234": true,
		"": false, "%": false, "II.1.a": false, "3a": false, "1-2": false, "Tổng": false,
	} {
		if got := isNumber(s); got != want {
			t.Errorf("isNumber(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestWrap(t *testing.T) {
	// One millimetre a character, spaces included.
	width := func(s string) float64 { return float64(len([]rune(s))) }
	for _, tc := range []struct {
		text     string
		w, first float64
		want     []string
	}{
		{"", 10, 0, nil},
		{"một hai ba", 20, 0, []string{"một hai ba"}},
		{"một hai ba bốn", 8, 0, []string{"một hai", "ba bốn"}},
		{"một hai ba bốn", 8, 4, []string{"một", "hai ba", "bốn"}},
		{"abcdefghij", 4, 0, []string{"abcd", "efgh", "ij"}},
		{"ab cdefghij", 4, 0, []string{"ab", "cdef", "ghij"}},
		{"abc", 0.1, 0, []string{"a", "b", "c"}}, // narrower than a character: one a line
	} {
		if got := wrap(tc.text, width, tc.w, tc.first); !slices.Equal(got, tc.want) {
			t.Errorf("wrap(%q, %v, %v) = %q, want %q", tc.text, tc.w, tc.first, got, tc.want)
		}
	}
	if got, want := balance("UBND THÀNH PHỐ HẢI PHÒNG", width, 20), []string{"UBND THÀNH", "PHỐ HẢI PHÒNG"}; !slices.Equal(got, want) {
		t.Errorf("balance = %q, want %q", got, want)
	}
}

func TestShare(t *testing.T) {
	got := share([]float64{3, 40, 10}, []float64{10, 20, 20})
	sum := 0.0
	for _, w := range got {
		sum += w
	}
	if sum < textW-0.01 || sum > textW+0.01 {
		t.Errorf("widths %v sum to %v, want %v", got, sum, textW)
	}
	if got[0] != 10 || got[1] <= got[2] {
		t.Errorf("widths = %v, want the first at its least width 10 and the second widest", got)
	}
	// Least widths that do not fit are scaled down together.
	if got := share([]float64{1, 1}, []float64{200, 100}); got[0] != textW*2/3 || got[1] != textW/3 {
		t.Errorf("widths = %v, want %v and %v", got, textW*2/3, textW/3)
	}
}
