package chart

import (
	"math"
	"math/big"
	"strconv"
	"strings"
	"testing"
)

func TestFormatNumber(t *testing.T) {
	for _, tc := range []struct {
		v        float64
		decimals int
		want     string
	}{
		{0, 0, "0"},
		{1234567.84, 1, "1.234.567,8"},
		{1234567.85, 2, "1.234.567,85"},
		{999, 0, "999"},
		{1000, 0, "1.000"},
		{-1000, 0, "-1.000"},
		{-1234.5, 1, "-1.234,5"},
		{100, 0, "100"},
		{95.4, 1, "95,4"},
		{0.25, 2, "0,25"},
		// Halves of the shortest decimal form round away from zero.
		{2.5, 0, "3"},
		{-2.5, 0, "-3"},
		{0.125, 2, "0,13"},
		{1.005, 2, "1,01"},
		{95.125, 2, "95,13"},
		{999.96, 1, "1.000,0"},
		{9.5, 0, "10"},
		{0.44999, 1, "0,4"},
		{1e21, 0, "1.000.000.000.000.000.000.000"},
		{5e-324, 2, "0,00"},
		{12345678901, 0, "12.345.678.901"},
		{-0.04, 1, "0,0"}, // rounds to zero: no minus sign
		{math.Copysign(0, -1), 0, "0"},
		{7, -3, "7"},
		{math.NaN(), 1, "NaN"},
		{math.Inf(1), 0, "+Inf"},
	} {
		name := strconv.FormatFloat(tc.v, 'g', -1, 64) + "/" + strconv.Itoa(tc.decimals)
		t.Run(name, func(t *testing.T) {
			if got := FormatNumber(tc.v, tc.decimals); got != tc.want {
				t.Errorf("FormatNumber(%v, %d) = %q, want %q", tc.v, tc.decimals, got, tc.want)
			}
		})
	}
}

func TestFormatValue(t *testing.T) {
	for _, tc := range []struct {
		v          float64
		unit, want string
	}{
		{92.1, "%", "92,1%"},
		{95, "%", "95%"},
		{5, "ngày", "5 ngày"},
		{1500000, "đồng", "1.500.000 đồng"},
		{12345, "", "12.345"},
		{3.14159, "", "3,14"},
	} {
		t.Run(tc.want, func(t *testing.T) {
			if got := formatValue(tc.v, tc.unit); got != tc.want {
				t.Errorf("formatValue(%v, %q) = %q, want %q", tc.v, tc.unit, got, tc.want)
			}
		})
	}
}

func TestDecimalsOf(t *testing.T) {
	for _, tc := range []struct {
		v     float64
		limit int
		want  int
	}{
		{20, 6, 0}, {2.5, 6, 1}, {0.25, 6, 2}, {92.1, 2, 1}, {0.1 * 3, 6, 1}, {1.0 / 3, 2, 2}, {5e-7, 6, 6},
	} {
		if got := decimalsOf(tc.v, tc.limit); got != tc.want {
			t.Errorf("decimalsOf(%v, %d) = %d, want %d", tc.v, tc.limit, got, tc.want)
		}
	}
}

// FuzzFormatNumber checks FormatNumber against exact rational arithmetic:
// the Vietnamese form, read back, is the shortest decimal form of v
// rounded half away from zero.
func FuzzFormatNumber(f *testing.F) {
	f.Add(1234567.84, 1)
	f.Add(-0.5, 0)
	f.Add(1e21, 2)
	f.Add(0.125, 2)
	f.Fuzz(func(t *testing.T, v float64, decimals int) {
		if !finite(v) || decimals < 0 || decimals > 20 {
			return
		}
		got := FormatNumber(v, decimals)
		back := strings.ReplaceAll(got, ".", "")
		back = strings.Replace(back, ",", ".", 1)

		r, _ := new(big.Rat).SetString(strconv.FormatFloat(math.Abs(v), 'f', -1, 64))
		scale := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(decimals)), nil)
		r.Mul(r, new(big.Rat).SetInt(scale))
		r.Add(r, big.NewRat(1, 2))
		n := new(big.Int).Quo(r.Num(), r.Denom()) // floor, r > 0
		want := new(big.Rat).SetFrac(n, scale).FloatString(decimals)
		if v < 0 && n.Sign() != 0 {
			want = "-" + want
		}
		if back != want {
			t.Errorf("FormatNumber(%v, %d) = %q, reads back as %q, want %q", v, decimals, got, back, want)
		}
		whole, _, _ := strings.Cut(strings.TrimPrefix(got, "-"), ",")
		for i, g := range strings.Split(whole, ".") {
			if i > 0 && len(g) != 3 || i == 0 && (len(g) == 0 || len(g) > 3) {
				t.Errorf("FormatNumber(%v, %d) = %q: bad grouping", v, decimals, got)
			}
		}
	})
}
