package chart

import (
	"math"
	"strconv"
	"strings"
)

// FormatNumber formats v the Vietnamese way, with a dot between thousands
// and a comma before the decimals: FormatNumber(1234567.84, 1) is
// "1.234.567,8". It rounds the shortest decimal form of v half away from
// zero, as people and spreadsheets do (2.5 → "3", 1.005 → "1,01" with two
// decimals); a negative decimals counts as 0. A value that rounds to zero
// carries no minus sign. NaN and infinities are written as strconv writes
// them ("NaN", "+Inf", "-Inf").
func FormatNumber(v float64, decimals int) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return strconv.FormatFloat(v, 'f', -1, 64)
	}
	decimals = max(decimals, 0)
	whole, frac, _ := strings.Cut(strconv.FormatFloat(math.Abs(v), 'f', -1, 64), ".")
	if len(frac) > decimals {
		digits := []byte(whole + frac[:decimals])
		if frac[decimals] >= '5' {
			i := len(digits) - 1
			for ; i >= 0 && digits[i] == '9'; i-- {
				digits[i] = '0'
			}
			if i < 0 {
				digits = append([]byte{'1'}, digits...)
			} else {
				digits[i]++
			}
		}
		whole, frac = string(digits[:len(digits)-decimals]), string(digits[len(digits)-decimals:])
	} else {
		frac += strings.Repeat("0", decimals-len(frac))
	}
	var b strings.Builder
	b.Grow(len(whole) + len(whole)/3 + len(frac) + 2)
	if v < 0 && strings.Trim(whole+frac, "0") != "" {
		b.WriteByte('-')
	}
	for i := 0; i < len(whole); i++ {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteByte(whole[i])
	}
	if frac != "" {
		b.WriteByte(',')
		b.WriteString(frac)
	}
	return b.String()
}

// decimalsOf returns the fewest decimals, at most limit, that write v
// exactly: 92.1 → 1, 2.5 → 1, 0.25 → 2, 20 → 0.
func decimalsOf(v float64, limit int) int {
	for d := 0; d < limit; d++ {
		s := v * math.Pow10(d)
		if math.Abs(s-math.Round(s)) <= 1e-9*max(1, math.Abs(s)) {
			return d
		}
	}
	return limit
}

// formatValue writes v with as many decimals as it needs (at most two) and
// the unit: "%" follows the number directly, any other unit after a space.
func formatValue(v float64, unit string) string {
	return withUnit(FormatNumber(v, decimalsOf(v, 2)), unit)
}

func withUnit(number, unit string) string {
	switch unit {
	case "":
		return number
	case "%":
		return number + "%"
	}
	return number + " " + unit
}
