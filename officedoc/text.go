package officedoc

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// clean makes text safe for both writers: valid UTF-8 in NFC (Vietnamese
// typed on some systems arrives decomposed, and a PDF font shows combining
// marks badly), line ends as "\n", tabs as spaces, and no character that XML
// 1.0 forbids or that would draw nothing (other control characters,
// U+FFFE, U+FFFF).
func clean(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.Map(func(r rune) rune {
		switch {
		case r == '\n':
			return r
		case r == '\r', r == '\v', r == '\f', r == 0x85, r == 0x2028, r == 0x2029:
			return '\n'
		case r == '\t':
			return ' '
		case unicode.IsControl(r), r == 0xFFFE, r == 0xFFFF, r >= 0xD800 && r <= 0xDFFF:
			return -1
		}
		return r
	}, s)
	return norm.NFC.String(s)
}

// oneLine is clean text on one line with runs of white space made single.
func oneLine(s string) string {
	return strings.Join(strings.Fields(clean(s)), " ")
}

// lines is clean text split at line ends, each line's white space made
// single and empty lines dropped.
func lines(s string) []string {
	var out []string
	for _, ln := range strings.Split(clean(s), "\n") {
		if ln = strings.Join(strings.Fields(ln), " "); ln != "" {
			out = append(out, ln)
		}
	}
	return out
}

// isNumber reports whether a table cell holds a number as Vietnamese
// documents write them ("1.234", "12,5", "-3", "98,7%"), to right-align it.
func isNumber(s string) bool {
	digits := 0
	for i, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case r == '.' || r == ',' || r == ' ':
		case (r == '-' || r == '+' || r == '−') && i == 0:
		case r == '%' && i == len(s)-1:
		default:
			return false
		}
	}
	return digits > 0
}

// measure gives the width in millimetres of text in the current font.
type measure func(string) float64

// wrap breaks text into lines no wider than w millimetres, the first line
// narrower by first. Words wider than a line are broken between characters;
// every line holds at least one character, so wrap ends on any width. It
// takes time linear in the length of text.
func wrap(text string, width measure, w, first float64) []string {
	var out []string
	space := width(" ")
	avail := w - first
	var line strings.Builder
	lineW := 0.0
	flush := func() {
		out = append(out, line.String())
		line.Reset()
		lineW, avail = 0, w
	}
	for _, word := range strings.Fields(text) {
		ww := width(word)
		if line.Len() > 0 && lineW+space+ww <= avail {
			line.WriteByte(' ')
			line.WriteString(word)
			lineW += space + ww
			continue
		}
		if line.Len() > 0 {
			flush()
		}
		if ww <= avail {
			line.WriteString(word)
			lineW = ww
			continue
		}
		// A word wider than the line: cut it between characters.
		for _, r := range word {
			rw := width(string(r))
			if line.Len() > 0 && lineW+rw > avail {
				flush()
			}
			line.WriteRune(r)
			lineW += rw
		}
	}
	if line.Len() > 0 {
		out = append(out, line.String())
	}
	return out
}

// balance wraps text into as few lines as wrap would at width w, but with
// lines of about equal length ("ỦY BAN NHÂN DÂN / THÀNH PHỐ HẢI PHÒNG"
// rather than a full line and a short one), as document headers are set by
// hand.
func balance(text string, width measure, w float64) []string {
	best := wrap(text, width, w, 0)
	if len(best) <= 1 || len(text) > 2000 {
		return best
	}
	lo, hi := w/float64(len(best)+1), w
	for hi-lo > 0.25 {
		mid := (lo + hi) / 2
		if ls := wrap(text, width, mid, 0); len(ls) <= len(best) {
			hi, best = mid, ls
		} else {
			lo = mid
		}
	}
	return best
}

// widest is the width of the widest of lines.
func widest(ls []string, width measure) float64 {
	m := 0.0
	for _, l := range ls {
		m = max(m, width(l))
	}
	return m
}
