package chart

import (
	"fmt"
	"slices"
	"testing"
)

func TestNiceAxis(t *testing.T) {
	for _, tc := range []struct {
		lo, hi       float64
		fixLo, fixHi bool
		wantLo       float64
		wantHi       float64
		wantStep     float64
		wantTicks    []float64
	}{
		{0, 100, false, false, 0, 100, 20, []float64{0, 20, 40, 60, 80, 100}},
		{0, 93, false, false, 0, 100, 20, []float64{0, 20, 40, 60, 80, 100}},
		{0, 120, false, false, 0, 125, 25, []float64{0, 25, 50, 75, 100, 125}},
		{0, 7.3, false, false, 0, 8, 2, []float64{0, 2, 4, 6, 8}},
		{0, 1, false, false, 0, 1, 0.2, []float64{0, 0.2, 0.4, 0.6, 0.8, 1}},
		{0, 230, false, false, 0, 250, 50, []float64{0, 50, 100, 150, 200, 250}},
		{-3.5, 2.8, false, false, -4, 4, 2, []float64{-4, -2, 0, 2, 4}},
		{0, 2.3e9, false, false, 0, 2.5e9, 5e8, []float64{0, 5e8, 1e9, 1.5e9, 2e9, 2.5e9}},
		// Fixed ends stay; ticks are the multiples inside.
		{-5, 5, true, true, -5, 5, 2, []float64{-4, -2, 0, 2, 4}},
		{90, 100, true, true, 90, 100, 2, []float64{90, 92, 94, 96, 98, 100}},
		{92, 97, true, false, 92, 97, 1, []float64{92, 93, 94, 95, 96, 97}},
		{0, 12.5, false, true, 0, 12.5, 2.5, []float64{0, 2.5, 5, 7.5, 10, 12.5}},
	} {
		name := fmt.Sprintf("%v..%v fixed %v,%v", tc.lo, tc.hi, tc.fixLo, tc.fixHi)
		t.Run(name, func(t *testing.T) {
			got := niceAxis(tc.lo, tc.hi, tc.fixLo, tc.fixHi, maxYTicks)
			if !near(got.lo, tc.wantLo) || !near(got.hi, tc.wantHi) || !near(got.step, tc.wantStep) {
				t.Errorf("range %v..%v step %v, want %v..%v step %v", got.lo, got.hi, got.step, tc.wantLo, tc.wantHi, tc.wantStep)
			}
			if !slices.EqualFunc(got.ticks, tc.wantTicks, near) {
				t.Errorf("ticks %v, want %v", got.ticks, tc.wantTicks)
			}
		})
	}
}

// TestNiceAxisBounds checks, over many ranges, that the ticks are at most
// maxYTicks, at least two, inside the range, and a nice step apart.
func TestNiceAxisBounds(t *testing.T) {
	for _, hi := range []float64{0.001, 0.7, 1, 3, 9.99, 10, 11, 47, 99, 101, 999, 1001, 123456, 7.5e9} {
		for _, lo := range []float64{0, -hi / 3, hi / 2} {
			for _, fix := range []bool{false, true} {
				a := niceAxis(lo, hi, fix, fix, maxYTicks)
				if n := len(a.ticks); n < 2 || n > maxYTicks {
					t.Errorf("%v..%v fixed %v: %d ticks %v", lo, hi, fix, n, a.ticks)
				}
				if a.lo > lo || a.hi < hi || a.ticks[0] < a.lo-1e-9*a.step || a.ticks[len(a.ticks)-1] > a.hi+1e-9*a.step {
					t.Errorf("%v..%v fixed %v: axis %v..%v ticks %v", lo, hi, fix, a.lo, a.hi, a.ticks)
				}
				m := a.step
				for m >= 10 {
					m /= 10
				}
				for m < 1 {
					m *= 10
				}
				if !slices.ContainsFunc([]float64{1, 2, 2.5, 5}, func(s float64) bool { return near(s, m) }) {
					t.Errorf("%v..%v: step %v is not nice", lo, hi, a.step)
				}
			}
		}
	}
}

func TestTickLabels(t *testing.T) {
	for _, tc := range []struct {
		lo, hi float64
		unit   string
		want   []string
	}{
		{0, 100, "%", []string{"0%", "20%", "40%", "60%", "80%", "100%"}},
		{0, 12.5, "ngày", []string{"0,0 ngày", "2,5 ngày", "5,0 ngày", "7,5 ngày", "10,0 ngày", "12,5 ngày"}},
		{0, 1, "", []string{"0,0", "0,2", "0,4", "0,6", "0,8", "1,0"}},
		{0, 25000, "đồng", []string{"0 đồng", "5.000 đồng", "10.000 đồng", "15.000 đồng", "20.000 đồng", "25.000 đồng"}},
		{0, 2.5e9, "đồng", []string{"0,0 tỷ đồng", "0,5 tỷ đồng", "1,0 tỷ đồng", "1,5 tỷ đồng", "2,0 tỷ đồng", "2,5 tỷ đồng"}},
		{0, 5e6, "", []string{"0 triệu", "1 triệu", "2 triệu", "3 triệu", "4 triệu", "5 triệu"}},
		{-4, 4, "%", []string{"-4%", "-2%", "0%", "2%", "4%"}},
	} {
		t.Run(fmt.Sprintf("%v..%v %s", tc.lo, tc.hi, tc.unit), func(t *testing.T) {
			got := tickLabels(niceAxis(tc.lo, tc.hi, true, true, maxYTicks), tc.unit)
			if !slices.Equal(got, tc.want) {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func TestLabelStride(t *testing.T) {
	for _, tc := range []struct {
		label, period float64
		want          int
	}{
		{50, 60, 1}, {50, 50, 1}, {50, 49, 2}, {50, 20, 3}, {50, 7.4, 7}, {50, 0, 1},
	} {
		if got := labelStride(tc.label, tc.period); got != tc.want {
			t.Errorf("labelStride(%v, %v) = %d, want %d", tc.label, tc.period, got, tc.want)
		}
	}
}

func near(a, b float64) bool {
	d := a - b
	return d < 1e-9*max(1, abs(a), abs(b)) && -d < 1e-9*max(1, abs(a), abs(b))
}

func abs(v float64) float64 { return max(v, -v) }
