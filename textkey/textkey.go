// Package textkey folds Vietnamese text into search keys: lower case, no
// diacritics, đ → d, runs of spaces and punctuation collapsed. SQLite's
// lower() and LIKE fold ASCII only, so the key is computed here and stored
// beside the text on both engines.
package textkey

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Key returns the search key of s: "Cấp bản sao văn bằng" → "cap ban sao van bang".
func Key(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := true // suppress leading spaces
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case r == 'đ' || r == 'Đ':
			r = 'd'
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			r = unicode.ToLower(r)
		default:
			if !space {
				b.WriteByte(' ')
				space = true
			}
			continue
		}
		b.WriteRune(r)
		space = false
	}
	return strings.TrimRight(b.String(), " ")
}

// Terms splits a query into the keys of its words.
func Terms(q string) []string { return strings.Fields(Key(q)) }

// Match reports whether every term of the query occurs in key.
func Match(key string, terms []string) bool {
	for _, t := range terms {
		if !strings.Contains(key, t) {
			return false
		}
	}
	return true
}
