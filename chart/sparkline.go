package chart

import (
	"fmt"
	"html/template"
	"math"
	"strings"
)

// Sparkline draws a small trend line, 120 × 28 units (7.5 × 1.75 em, so it
// grows with the text), to sit inline beside a number. It has no axes; its
// accessible name is the label and a summary of the first and last known
// values: "Tỷ lệ đúng hạn: từ 92,1% đến 95,4%". The id becomes the
// element's id. It fails on a bad id, an empty label or a value that is
// NaN or infinite.
func Sparkline(id, label string, values []*float64, unit string) (template.HTML, error) {
	if !validID(id) {
		return "", fmt.Errorf("sparkline %q: the id must be letters a-z, digits and hyphens", id)
	}
	if strings.TrimSpace(label) == "" {
		return "", fmt.Errorf("sparkline %s: no label", id)
	}
	lo, hi := math.Inf(1), math.Inf(-1)
	for i, v := range values {
		if v == nil {
			continue
		}
		if !finite(*v) {
			return "", fmt.Errorf("sparkline %s: value %d is %v", id, i, *v)
		}
		lo, hi = min(lo, *v), max(hi, *v)
	}
	const w, h, inset = 120, 28, 3
	x := func(i int) float64 {
		if len(values) == 1 {
			return w / 2
		}
		return inset + float64(i)*(w-2*inset)/float64(len(values)-1)
	}
	y := func(v float64) float64 {
		if hi == lo {
			return h / 2
		}
		return h - inset - (v-lo)/(hi-lo)*(h-2*inset)
	}
	color := styles[0].color

	out := &writer{}
	out.printf(`<svg xmlns="http://www.w3.org/2000/svg" id="%s" class="sparkline" viewBox="0 0 %d %d" width="7.5em" height="1.75em" role="img" aria-label="%s">`+"\n",
		id, w, h, escape(label+": "+trend(values, nil, unit)))
	rs := runs(values)
	out.printf(`<g fill="none" stroke="%s" stroke-width="1.5" stroke-linejoin="round">`+"\n", color)
	for _, r := range rs {
		if r[0] == r[1] {
			continue
		}
		pts := make([]string, 0, r[1]-r[0]+1)
		for j := r[0]; j <= r[1]; j++ {
			pts = append(pts, num(x(j))+","+num(y(*values[j])))
		}
		out.printf(`<polyline points="%s"/>`+"\n", strings.Join(pts, " "))
	}
	out.printf("</g>\n")
	// Points alone between gaps, which a line cannot show, and the latest
	// value get a dot.
	for k, r := range rs {
		switch {
		case k == len(rs)-1:
			out.printf(`<circle cx="%s" cy="%s" r="2.5" fill="%s"/>`+"\n", num(x(r[1])), num(y(*values[r[1]])), color)
		case r[0] == r[1]:
			out.printf(`<circle cx="%s" cy="%s" r="1.5" fill="%s"/>`+"\n", num(x(r[0])), num(y(*values[r[0]])), color)
		}
	}
	out.printf("</svg>")
	return out.html(), nil
}
