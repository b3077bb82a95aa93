package chart

import (
	"fmt"
	"html/template"
	"math"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Kinds of chart.
const (
	KindLine = "line"
	KindBar  = "bar"
)

// Series is one line of a line chart, or one bar in each group of a bar
// chart.
type Series struct {
	Name   string     // shown in the legend when the chart has more than one series
	Values []*float64 // one per label; nil means no data for that period
}

// Chart is a chart of values over periods.
type Chart struct {
	ID       string   // prefix of the element ids, unique in the page: a-z, 0-9 and "-"
	Title    string   // the chart's name for screen readers: "Tỷ lệ hồ sơ đúng hạn theo quý"
	Desc     string   // a one-sentence summary for screen readers; Render writes one when empty
	Labels   []string // the periods along the x axis: "Q1/2026"
	Series   []Series // one to six
	Unit     string   // "%", "ngày", "đồng" or "": follows the y tick labels
	Target   *float64 // a dashed horizontal line labelled "Chỉ tiêu: 95%"; nil for none
	Min, Max *float64 // a fixed y range; nil for 0 (or the lowest value) up to a nice number above the data, 100 for "%"
	Kind     string   // KindLine (also when empty) or KindBar
}

// Value returns a pointer to v, for writing Series.Values.
func Value(v float64) *float64 { return &v }

// Geometry, in viewBox units.
const (
	width      = 320 // see fontSize
	plotHeight = 150
	pad        = 8  // between the plot or legend and the edge
	legendRow  = 18 // height of a legend row
)

// Render draws c as an <svg> element to embed in an HTML page. It fails
// when c is not drawable: a bad ID, no title, no labels, no series or more
// than six, a series whose length differs from the labels', an unnamed
// series among several, a value that is NaN or infinite, a Min not below
// Max, or a value or target outside a fixed Min or Max.
func Render(c Chart) (template.HTML, error) {
	if err := c.validate(); err != nil {
		return "", err
	}
	ax, err := c.axis()
	if err != nil {
		return "", fmt.Errorf("chart %s: %w", c.ID, err)
	}
	l := c.layout(ax)
	w := &writer{}
	c.open(w, l)
	c.grid(w, l)
	if c.Kind == KindBar {
		c.bars(w, l)
	} else {
		c.lines(w, l)
	}
	c.target(w, l)
	c.xLabels(w, l)
	c.legend(w, l)
	w.printf("</svg>")
	return w.html(), nil
}

func (c *Chart) validate() error {
	if !validID(c.ID) {
		return fmt.Errorf("chart %q: the id must be letters a-z, digits and hyphens", c.ID)
	}
	errorf := func(format string, args ...any) error {
		return fmt.Errorf("chart %s: "+format, append([]any{c.ID}, args...)...)
	}
	switch {
	case strings.TrimSpace(c.Title) == "":
		return errorf("no title")
	case c.Kind != "" && c.Kind != KindLine && c.Kind != KindBar:
		return errorf("unknown kind %q", c.Kind)
	case len(c.Labels) == 0:
		return errorf("no labels")
	case len(c.Series) == 0:
		return errorf("no series")
	case len(c.Series) > len(styles):
		return errorf("%d series, at most %d can be told apart", len(c.Series), len(styles))
	}
	for i, s := range c.Series {
		if len(s.Values) != len(c.Labels) {
			return errorf("series %d (%q) has %d values for %d labels", i, s.Name, len(s.Values), len(c.Labels))
		}
		if len(c.Series) > 1 && strings.TrimSpace(s.Name) == "" {
			return errorf("series %d has no name for the legend", i)
		}
		for j, v := range s.Values {
			if v != nil && !finite(*v) {
				return errorf("series %d (%q) value %d is %v", i, s.Name, j, *v)
			}
		}
	}
	for _, p := range []struct {
		name string
		v    *float64
	}{{"target", c.Target}, {"min", c.Min}, {"max", c.Max}} {
		if p.v != nil && !finite(*p.v) {
			return errorf("%s is %v", p.name, *p.v)
		}
	}
	if c.Min != nil && c.Max != nil && *c.Min >= *c.Max {
		return errorf("min %v is not below max %v", *c.Min, *c.Max)
	}
	return nil
}

// axis chooses the y range and ticks: from 0 (or lower values) to a nice
// number above the values and target (at least 100 for "%"), unless Min or
// Max fixes an end.
func (c *Chart) axis() (axis, error) {
	lo, hi := 0.0, 0.0
	if c.Unit == "%" {
		hi = 100
	}
	vlo, vhi, seen := math.Inf(1), math.Inf(-1), false
	see := func(v float64) { vlo, vhi, seen = min(vlo, v), max(vhi, v), true }
	for _, s := range c.Series {
		for _, v := range s.Values {
			if v != nil {
				see(*v)
			}
		}
	}
	if c.Target != nil {
		see(*c.Target)
	}
	if seen {
		lo, hi = min(lo, vlo), max(hi, vhi)
	}
	if c.Min != nil {
		if seen && vlo < *c.Min {
			return axis{}, fmt.Errorf("value or target %v below min %v", vlo, *c.Min)
		}
		lo = *c.Min
	}
	if c.Max != nil {
		if seen && vhi > *c.Max {
			return axis{}, fmt.Errorf("value or target %v above max %v", vhi, *c.Max)
		}
		hi = *c.Max
	}
	if hi <= lo {
		if c.Max == nil {
			hi = lo + 1
		} else {
			lo = hi - 1
		}
	}
	return niceAxis(lo, hi, c.Min != nil, c.Max != nil, maxYTicks), nil
}

// layout is where things go.
type layout struct {
	ax          axis
	yLabels     []string
	height      float64
	left, right float64 // x of the plot's edges
	top, bottom float64 // y of the plot's edges
	period      float64 // width of one label's band
	stride      int     // show every stride-th x label, counting back from the last
	legend      [][2]float64
}

// x is the middle of period i.
func (l *layout) x(i int) float64 { return l.left + (float64(i)+0.5)*l.period }

// y is where value v is.
func (l *layout) y(v float64) float64 {
	return l.bottom - (v-l.ax.lo)/(l.ax.hi-l.ax.lo)*(l.bottom-l.top)
}

// base is the value bars grow from and the x axis sits on: 0, or the end
// of the range nearer to it.
func (l *layout) base() float64 { return min(max(0, l.ax.lo), l.ax.hi) }

func (c *Chart) layout(ax axis) *layout {
	l := &layout{ax: ax, yLabels: tickLabels(ax, c.Unit)}
	widest := 0.0
	for _, s := range l.yLabels {
		widest = max(widest, textWidth(s, fontSize))
	}
	l.left = math.Ceil(widest) + 4 + 6

	l.top = 16
	if len(c.Series) > 1 {
		x, y := float64(pad), float64(pad+legendRow/2)
		for _, s := range c.Series {
			w := c.swatchWidth() + 5 + textWidth(s.Name, fontSize)
			if x > pad && x+w > width-pad {
				x, y = pad, y+legendRow
			}
			l.legend = append(l.legend, [2]float64{x, y})
			x += w + 14
		}
		l.top = y + legendRow/2 + 16 // room for a target label at the top
	}
	l.bottom = l.top + plotHeight
	l.height = l.bottom + 24

	labelWidth := 0.0
	for _, s := range c.Labels {
		labelWidth = max(labelWidth, textWidth(s, fontSize))
	}
	// The last label is always shown: keep it inside the picture.
	l.right = width - pad
	for range 3 {
		l.period = (l.right - l.left) / float64(len(c.Labels))
		l.right = min(width-pad, width-2-labelWidth/2+l.period/2)
	}
	l.period = (l.right - l.left) / float64(len(c.Labels))
	l.stride = labelStride(labelWidth+8, l.period)
	return l
}

func (c *Chart) swatchWidth() float64 {
	if c.Kind == KindBar {
		return 12
	}
	return 22
}

func (c *Chart) open(w *writer, l *layout) {
	kind := c.Kind
	if kind == "" {
		kind = KindLine
	}
	desc := c.Desc
	if strings.TrimSpace(desc) == "" {
		desc = c.summary()
	}
	w.printf(`<svg xmlns="http://www.w3.org/2000/svg" class="chart chart-%s" viewBox="0 0 %d %s" width="100%%" font-size="%d" role="img" aria-labelledby="%s-title %s-desc">`+"\n",
		kind, width, num(l.height), fontSize, c.ID, c.ID)
	w.printf(`<title id="%s-title">%s</title>`+"\n", c.ID, escape(c.Title))
	w.printf(`<desc id="%s-desc">%s</desc>`+"\n", c.ID, escape(desc))
	if c.Kind == KindBar && len(c.Series) > 1 {
		w.printf("<defs>\n")
		for i := range c.Series {
			w.pattern(c.ID, i)
		}
		w.printf("</defs>\n")
	}
	w.printf(`<rect width="%d" height="%s" fill="%s"/>`+"\n", width, num(l.height), colorBackground)
}

// grid draws the y ticks' lines and labels and the x axis.
func (c *Chart) grid(w *writer, l *layout) {
	var d strings.Builder
	for _, t := range l.ax.ticks {
		fmt.Fprintf(&d, "M%s %sH%s", num(l.left), num(l.y(t)), num(l.right))
	}
	w.printf(`<path d="%s" stroke="%s" stroke-width="1" fill="none"/>`+"\n", d.String(), colorGrid)
	w.printf(`<g class="chart-y" fill="%s">`+"\n", colorMuted)
	for i, t := range l.ax.ticks {
		w.text(l.left-6, l.y(t)+4, "end", "", l.yLabels[i])
	}
	w.printf("</g>\n")
	w.printf(`<path d="M%s %sH%s" stroke="%s" stroke-width="1" fill="none"/>`+"\n",
		num(l.left), num(l.y(l.base())), num(l.right), colorMuted)
}

// lines draws each series as polylines broken at missing values, with
// markers at every point when there is room and otherwise at points that
// stand alone between gaps (which a line cannot show).
func (c *Chart) lines(w *writer, l *layout) {
	everyPoint := l.period >= 14
	for i, s := range c.Series {
		st := styles[i]
		dash := ""
		if st.dash != "" {
			dash = fmt.Sprintf(` stroke-dasharray="%s"`, st.dash)
		}
		w.printf(`<g class="chart-series" fill="none" stroke="%s" stroke-width="2" stroke-linejoin="round"%s>`+"\n", st.color, dash)
		for _, r := range runs(s.Values) {
			if r[0] == r[1] {
				continue
			}
			pts := make([]string, 0, r[1]-r[0]+1)
			for j := r[0]; j <= r[1]; j++ {
				pts = append(pts, num(l.x(j))+","+num(l.y(*s.Values[j])))
			}
			w.printf(`<polyline points="%s"/>`+"\n", strings.Join(pts, " "))
		}
		w.printf(`<g stroke="none">` + "\n")
		for _, r := range runs(s.Values) {
			for j := r[0]; j <= r[1]; j++ {
				if everyPoint || r[0] == r[1] {
					w.marker(st.marker, l.x(j), l.y(*s.Values[j]), st.color)
				}
			}
		}
		w.printf("</g>\n</g>\n")
	}
}

// bars draws a group of bars for each label, one bar a series, from the
// base to the value; a missing value has no bar, a zero a flat one.
func (c *Chart) bars(w *writer, l *layout) {
	group := l.period * 0.72
	bar := group / float64(len(c.Series))
	gap := min(1, bar/4)
	base := l.y(l.base())
	for i, s := range c.Series {
		w.printf(`<g class="chart-series" fill="%s" stroke="%s" stroke-width="1">`+"\n", fill(c.ID, i), styles[i].color)
		for j, v := range s.Values {
			if v == nil {
				continue
			}
			x := l.x(j) - group/2 + float64(i)*bar + gap/2
			y := l.y(*v)
			w.printf(`<rect x="%s" y="%s" width="%s" height="%s"/>`+"\n",
				num(x), num(min(y, base)), num(bar-gap), num(math.Abs(y-base)))
		}
		w.printf("</g>\n")
	}
}

// target draws the target line with its label at the right end.
func (c *Chart) target(w *writer, l *layout) {
	if c.Target == nil {
		return
	}
	y := l.y(*c.Target)
	w.printf(`<g class="chart-target" fill="%s">`+"\n", colorInk)
	w.printf(`<path d="M%s %sH%s" stroke="%s" stroke-width="1.5" stroke-dasharray="5 4" fill="none"/>`+"\n",
		num(l.left), num(y), num(l.right), colorInk)
	w.text(l.right, y-5, "end",
		fmt.Sprintf(` stroke="%s" stroke-width="3" stroke-linejoin="round" paint-order="stroke"`, colorBackground),
		"Chỉ tiêu: "+formatValue(*c.Target, c.Unit))
	w.printf("</g>\n")
}

// xLabels writes every stride-th label, counting back from the last, so
// that the latest period is always named.
func (c *Chart) xLabels(w *writer, l *layout) {
	n := len(c.Labels)
	var d strings.Builder
	for i := (n - 1) % l.stride; i < n; i += l.stride {
		fmt.Fprintf(&d, "M%s %sv4", num(l.x(i)), num(l.bottom))
	}
	w.printf(`<path d="%s" stroke="%s" stroke-width="1" fill="none"/>`+"\n", d.String(), colorMuted)
	w.printf(`<g class="chart-x" fill="%s">`+"\n", colorInk)
	for i := (n - 1) % l.stride; i < n; i += l.stride {
		w.text(l.x(i), l.bottom+17, "middle", "", c.Labels[i])
	}
	w.printf("</g>\n")
}

// legend names the series, each beside a sample of its line and marker or
// of its bar fill.
func (c *Chart) legend(w *writer, l *layout) {
	if len(l.legend) == 0 {
		return
	}
	w.printf(`<g class="chart-legend" fill="%s">`+"\n", colorInk)
	for i, p := range l.legend {
		x, y, st := p[0], p[1], styles[i]
		if c.Kind == KindBar {
			w.printf(`<rect x="%s" y="%s" width="12" height="12" fill="%s" stroke="%s" stroke-width="1"/>`+"\n",
				num(x), num(y-6), fill(c.ID, i), st.color)
		} else {
			dash := ""
			if st.dash != "" {
				dash = fmt.Sprintf(` stroke-dasharray="%s"`, st.dash)
			}
			w.printf(`<path d="M%s %sh22" stroke="%s" stroke-width="2"%s fill="none"/>`+"\n", num(x), num(y), st.color, dash)
			w.marker(st.marker, x+11, y, st.color)
		}
		w.text(x+c.swatchWidth()+5, y+4, "start", "", c.Series[i].Name)
	}
	w.printf("</g>\n")
}

// summary describes the chart in one sentence for screen readers when the
// caller gave none: "Từ 92,1% (Q1/2026) đến 95,4% (Q3/2026); chỉ tiêu 100%."
func (c *Chart) summary() string {
	parts := make([]string, 0, len(c.Series)+1)
	for _, s := range c.Series {
		p := trend(s.Values, c.Labels, c.Unit)
		if len(c.Series) > 1 {
			p = s.Name + ": " + p
		}
		parts = append(parts, p)
	}
	if c.Target != nil {
		parts = append(parts, "chỉ tiêu "+formatValue(*c.Target, c.Unit))
	}
	s := strings.Join(parts, "; ") + "."
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}

// trend says how values went from the first known one to the last:
// "từ 92,1% (Q1/2026) đến 95,4% (Q3/2026)"; labels may be nil.
func trend(values []*float64, labels []string, unit string) string {
	first, last := -1, -1
	for i, v := range values {
		if v != nil {
			if first < 0 {
				first = i
			}
			last = i
		}
	}
	at := func(i int) string {
		s := formatValue(*values[i], unit)
		if labels != nil {
			s += " (" + labels[i] + ")"
		}
		return s
	}
	switch {
	case first < 0:
		return "chưa có số liệu"
	case first == last:
		return at(first)
	}
	return "từ " + at(first) + " đến " + at(last)
}

// runs returns the first and last index of each run of present values.
func runs(values []*float64) [][2]int {
	var rs [][2]int
	start := -1
	for i, v := range values {
		switch {
		case v != nil && start < 0:
			start = i
		case v == nil && start >= 0:
			rs = append(rs, [2]int{start, i - 1})
			start = -1
		}
	}
	if start >= 0 {
		rs = append(rs, [2]int{start, len(values) - 1})
	}
	return rs
}
