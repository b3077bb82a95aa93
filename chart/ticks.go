package chart

import "math"

// maxYTicks bounds the y ticks so that their labels stay apart on a phone.
const maxYTicks = 6

// niceSteps are the mantissas of tick steps: 1, 2, 2.5 and 5 × 10^k.
var niceSteps = [...]float64{1, 2, 2.5, 5}

// axis is a y range with its ticks.
type axis struct {
	lo, hi float64   // the drawn range
	step   float64   // distance between ticks
	ticks  []float64 // lo ≤ tick ≤ hi, ascending
}

// niceAxis chooses the smallest nice step that gives at most maxTicks ticks
// over lo..hi. An end that is not fixed moves out to the next multiple of
// the step (0..93 becomes 0..100); a fixed end stays where it is and the
// ticks are the multiples of the step inside the range. It needs lo < hi
// and maxTicks ≥ 2.
func niceAxis(lo, hi float64, fixLo, fixHi bool, maxTicks int) axis {
	raw := (hi - lo) / float64(maxTicks-1)
	mag := math.Pow10(int(math.Floor(math.Log10(raw))))
	for {
		for _, m := range niceSteps {
			step := m * mag
			if step < raw*(1-1e-9) {
				continue
			}
			a := axis{lo: lo, hi: hi, step: step}
			first := math.Ceil(lo/step - 1e-9)
			last := math.Floor(hi/step + 1e-9)
			if !fixLo {
				first = math.Floor(lo/step + 1e-9)
				a.lo = first * step
			}
			if !fixHi {
				last = math.Ceil(hi/step - 1e-9)
				a.hi = last * step
			}
			if last-first+1 > float64(maxTicks) {
				continue
			}
			for i := first; i <= last; i++ {
				a.ticks = append(a.ticks, i*step)
			}
			return a
		}
		mag *= 10
	}
}

// magnitude returns the divisor and word used to shorten tick labels of
// large numbers ("1,5 tỷ đồng"), or 1 and "" when they are short enough.
func magnitude(a axis, unit string) (float64, string) {
	if unit == "%" {
		return 1, ""
	}
	switch m := max(math.Abs(a.lo), math.Abs(a.hi)); {
	case m >= 1e9:
		return 1e9, "tỷ"
	case m >= 1e6:
		return 1e6, "triệu"
	}
	return 1, ""
}

// tickLabels writes the ticks with the decimals their step needs and the
// unit, shortened by magnitude.
func tickLabels(a axis, unit string) []string {
	div, word := magnitude(a, unit)
	decimals := decimalsOf(a.step/div, 6)
	if word != "" && unit != "" {
		unit = word + " " + unit
	} else if word != "" {
		unit = word
	}
	labels := make([]string, len(a.ticks))
	for i, t := range a.ticks {
		labels[i] = withUnit(FormatNumber(t/div, decimals), unit)
	}
	return labels
}

// labelStride returns every how many x labels to show so that labels of
// the given width fit periods of the given width: 1 shows all.
func labelStride(labelWidth, period float64) int {
	if period <= 0 {
		return 1
	}
	return max(1, int(math.Ceil(labelWidth/period-1e-9)))
}
