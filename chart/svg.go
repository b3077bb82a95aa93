package chart

import (
	"fmt"
	"html/template"
	"math"
	"strconv"
	"strings"
	"unicode"
)

// fontSize is the size of all text in viewBox units. The chart is 320
// units wide, so on a 320 px phone (about 290 px of content) text is
// about 11 px high.
const fontSize = 12

// writer accumulates SVG markup.
type writer struct{ b strings.Builder }

func (w *writer) printf(format string, args ...any) { fmt.Fprintf(&w.b, format, args...) }

// text writes a <text> element holding s, escaped; attrs are extra
// attributes, already safe.
func (w *writer) text(x, y float64, anchor, attrs, s string) {
	w.printf(`<text x="%s" y="%s" text-anchor="%s"%s>%s</text>`+"\n", num(x), num(y), anchor, attrs, escape(s))
}

func (w *writer) html() template.HTML { return template.HTML(w.b.String()) }

// num writes a coordinate rounded to 0.1, without trailing zeros or a
// negative zero, so that equal drawings give equal bytes.
func num(v float64) string {
	v = math.Round(v*10) / 10
	if v == 0 {
		return "0"
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

// escape makes s safe as XML character data or an attribute value: it
// drops the characters XML 1.0 forbids, replaces invalid UTF-8 and escapes
// the markup characters.
func escape(s string) string {
	s = strings.Map(func(r rune) rune {
		switch {
		case r == '\t' || r == '\n' || r == '\r':
			return ' '
		case r < 0x20, r == 0xFFFE, r == 0xFFFF, r >= 0xD800 && r <= 0xDFFF:
			return -1
		}
		return r
	}, s)
	return template.HTMLEscapeString(s)
}

// textWidth estimates the width of s set in the given size: about 0.6 em
// a character in the site's sans-serif fonts, a little more than digits
// and lower-case letters need. Combining marks take no room.
func textWidth(s string, size float64) float64 {
	n := 0
	for _, r := range s {
		if !unicode.Is(unicode.Mn, r) {
			n++
		}
	}
	return float64(n) * size * 0.62
}

// validID reports whether id is usable as the prefix of element ids: one
// or more of a-z, 0-9 and "-".
func validID(id string) bool {
	if id == "" {
		return false
	}
	for _, r := range id {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-') {
			return false
		}
	}
	return true
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }
