package report

import (
	"math"
	"strconv"
	"strings"
	"unicode"
)

// Numbers in the report are written the Vietnamese way: "." between
// thousands, "," before decimals ("1.234", "92,5%").

// viInt writes a count: "1.234".
func viInt(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// viDecimal writes x rounded to at most decimals places, without trailing
// zeros: 92.5 → "92,5", 100 → "100", 19.68 → "19,68", 1234.5 → "1.234,5".
func viDecimal(x float64, decimals int) string {
	p := math.Pow(10, float64(decimals))
	x = math.Round(x*p) / p
	if x == 0 {
		x = 0 // no "-0"
	}
	s := strconv.FormatFloat(math.Abs(x), 'f', decimals, 64)
	whole, frac, _ := strings.Cut(s, ".")
	frac = strings.TrimRight(frac, "0")
	n, _ := strconv.ParseInt(whole, 10, 64)
	out := viInt(n)
	if frac != "" {
		out += "," + frac
	}
	if x < 0 {
		out = "-" + out
	}
	return out
}

// ratioPct is num/den as a percentage rounded to one decimal, the way the
// report shows and stores it; false when den is 0.
func ratioPct(num, den int64) (float64, bool) {
	if den <= 0 {
		return 0, false
	}
	return math.Round(1000*float64(num)/float64(den)) / 10, true
}

// viPercent writes num/den as "92,5%", or "-" when den is 0.
func viPercent(num, den int64) string {
	v, ok := ratioPct(num, den)
	if !ok {
		return "-"
	}
	return viDecimal(v, 1) + "%"
}

// viValue writes an indicator's value or target with its unit: "92,5%",
// "3 cấp độ", "12"; "-" when there is none.
func viValue(v *float64, unit string) string {
	if v == nil {
		return "-"
	}
	s := viDecimal(*v, 2)
	switch unit = strings.TrimSpace(unit); unit {
	case "":
		return s
	case "%":
		return s + "%"
	}
	return s + " " + unit
}

// viUpperFirst capitalises the first letter of s.
func viUpperFirst(s string) string {
	for i, r := range s {
		return string(unicode.ToUpper(r)) + s[i+len(string(r)):]
	}
	return s
}

// viLowerFirst puts the first letter of s in lower case.
func viLowerFirst(s string) string {
	for i, r := range s {
		return string(unicode.ToLower(r)) + s[i+len(string(r)):]
	}
	return s
}
