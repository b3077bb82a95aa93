package payment

import "strings"

// MaxInfoLen is the longest vnp_OrderInfo OrderInfo returns. The 255 is
// recalled from VNPAY's parameter table, not confirmed by a source read.
const MaxInfoLen = 255

// StripDiacritics removes Vietnamese diacritics and keeps the case:
// "Lệ phí cấp bản sao văn bằng" → "Le phi cap ban sao van bang", "Đ" → "D".
// It knows every precomposed Vietnamese letter (and 'Ð', U+00D0, which old
// fonts used for 'Đ'), and drops combining marks U+0300–U+036F, so decomposed
// input gives the same result without a Unicode normalisation table. Other
// runes are kept as they are.
func StripDiacritics(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if r >= 0x300 && r <= 0x36f {
			continue
		}
		b.WriteRune(baseLetter(r))
	}
	return b.String()
}

// baseLetter returns the letter under the diacritics of a Vietnamese letter,
// and any other rune unchanged.
func baseLetter(r rune) rune {
	if r < 0x80 {
		return r
	}
	switch r {
	case 'à', 'á', 'ả', 'ã', 'ạ', 'ă', 'ằ', 'ắ', 'ẳ', 'ẵ', 'ặ', 'â', 'ầ', 'ấ', 'ẩ', 'ẫ', 'ậ':
		return 'a'
	case 'À', 'Á', 'Ả', 'Ã', 'Ạ', 'Ă', 'Ằ', 'Ắ', 'Ẳ', 'Ẵ', 'Ặ', 'Â', 'Ầ', 'Ấ', 'Ẩ', 'Ẫ', 'Ậ':
		return 'A'
	case 'è', 'é', 'ẻ', 'ẽ', 'ẹ', 'ê', 'ề', 'ế', 'ể', 'ễ', 'ệ':
		return 'e'
	case 'È', 'É', 'Ẻ', 'Ẽ', 'Ẹ', 'Ê', 'Ề', 'Ế', 'Ể', 'Ễ', 'Ệ':
		return 'E'
	case 'ì', 'í', 'ỉ', 'ĩ', 'ị':
		return 'i'
	case 'Ì', 'Í', 'Ỉ', 'Ĩ', 'Ị':
		return 'I'
	case 'ò', 'ó', 'ỏ', 'õ', 'ọ', 'ô', 'ồ', 'ố', 'ổ', 'ỗ', 'ộ', 'ơ', 'ờ', 'ớ', 'ở', 'ỡ', 'ợ':
		return 'o'
	case 'Ò', 'Ó', 'Ỏ', 'Õ', 'Ọ', 'Ô', 'Ồ', 'Ố', 'Ổ', 'Ỗ', 'Ộ', 'Ơ', 'Ờ', 'Ớ', 'Ở', 'Ỡ', 'Ợ':
		return 'O'
	case 'ù', 'ú', 'ủ', 'ũ', 'ụ', 'ư', 'ừ', 'ứ', 'ử', 'ữ', 'ự':
		return 'u'
	case 'Ù', 'Ú', 'Ủ', 'Ũ', 'Ụ', 'Ư', 'Ừ', 'Ứ', 'Ử', 'Ữ', 'Ự':
		return 'U'
	case 'ỳ', 'ý', 'ỷ', 'ỹ', 'ỵ':
		return 'y'
	case 'Ỳ', 'Ý', 'Ỷ', 'Ỹ', 'Ỵ':
		return 'Y'
	case 'đ':
		return 'd'
	case 'Đ', 'Ð':
		return 'D'
	}
	return r
}

// OrderInfo returns the vnp_OrderInfo for a description: diacritics stripped,
// then only ASCII letters, digits, spaces and . , : - _ / kept (any other
// rune becomes a space), spaces collapsed and trimmed, at most MaxInfoLen
// bytes. The protocol asks for Vietnamese without diacritics; the narrow
// punctuation set also avoids the characters (! ' ( ) * ~) on which the
// gateway's client libraries encode differently, so a description can never
// be why a signature fails.
func OrderInfo(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := true // drop leading spaces
	for _, r := range StripDiacritics(s) {
		if !infoChar(r) {
			r = ' '
		}
		if r == ' ' {
			if space {
				continue
			}
			space = true
		} else {
			space = false
		}
		if b.Len() == MaxInfoLen {
			break
		}
		b.WriteRune(r)
	}
	return strings.TrimRight(b.String(), " ")
}

// infoChar reports whether r is kept by OrderInfo.
func infoChar(r rune) bool {
	switch {
	case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9':
		return true
	}
	return strings.ContainsRune(" .,:-_/", r)
}
