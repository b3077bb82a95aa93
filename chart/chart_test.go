package chart

import (
	"encoding/xml"
	"fmt"
	"html/template"
	"io"
	"math"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

// node is an element of parsed SVG.
type node struct {
	XMLName xml.Name
	Attrs   []xml.Attr `xml:",any,attr"`
	Nodes   []node     `xml:",any"`
	Text    string     `xml:",chardata"`
}

func (n node) attr(name string) string {
	for _, a := range n.Attrs {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

// find returns the descendants of n named name, in document order.
func (n node) find(name string) []node {
	var out []node
	for _, c := range n.Nodes {
		if c.XMLName.Local == name {
			out = append(out, c)
		}
		out = append(out, c.find(name)...)
	}
	return out
}

// class returns the descendants of n whose class attribute is class.
func (n node) class(class string) []node {
	var out []node
	for _, c := range n.Nodes {
		if c.attr("class") == class {
			out = append(out, c)
		}
		out = append(out, c.class(class)...)
	}
	return out
}

// parse checks that h is one well-formed XML element and returns it.
func parse(t *testing.T, h template.HTML) node {
	t.Helper()
	if err := wellFormed(string(h)); err != nil {
		t.Fatalf("not well-formed: %v\n%s", err, h)
	}
	var n node
	if err := xml.Unmarshal([]byte(h), &n); err != nil {
		t.Fatalf("unmarshal: %v", err)
	}
	return n
}

// wellFormed reports whether s is exactly one XML element, nothing outside.
func wellFormed(s string) error {
	d := xml.NewDecoder(strings.NewReader(s))
	d.Strict = true
	depth, roots := 0, 0
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		} else if err != nil {
			return err
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			if depth == 0 {
				roots++
			}
			depth++
		case xml.EndElement:
			depth--
		case xml.CharData:
			if depth == 0 && strings.TrimSpace(string(tok)) != "" {
				return fmt.Errorf("text outside the root: %q", tok)
			}
		default:
			if depth == 0 {
				return fmt.Errorf("%T outside the root", tok)
			}
		}
	}
	if roots != 1 {
		return fmt.Errorf("%d root elements", roots)
	}
	return nil
}

func render(t *testing.T, c Chart) node {
	t.Helper()
	h, err := Render(c)
	if err != nil {
		t.Fatalf("Render: %v", err)
	}
	return parse(t, h)
}

// quarterly is a valid chart that tests change.
func quarterly() Chart {
	return Chart{
		ID:     "dung-han",
		Title:  "Tỷ lệ hồ sơ đúng hạn theo quý",
		Desc:   "Từ 92,1 % (Q1/2026) đến 95,4 % (Q3/2026); chỉ tiêu 100 %.",
		Labels: []string{"Q1/2026", "Q2/2026", "Q3/2026", "Q4/2026"},
		Series: []Series{{Name: "Đúng hạn", Values: []*float64{Value(92.1), Value(93.5), Value(95.4), nil}}},
		Unit:   "%",
	}
}

func TestRenderAccessibleName(t *testing.T) {
	svg := render(t, quarterly())
	if svg.XMLName.Local != "svg" || svg.XMLName.Space != "http://www.w3.org/2000/svg" {
		t.Fatalf("root is %v, want svg in the SVG namespace", svg.XMLName)
	}
	if got := svg.attr("role"); got != "img" {
		t.Errorf("role = %q, want img", got)
	}
	if got := svg.attr("aria-labelledby"); got != "dung-han-title dung-han-desc" {
		t.Errorf("aria-labelledby = %q", got)
	}
	// Every id it points to exists, once.
	ids := map[string]int{}
	var walk func(n node)
	walk = func(n node) {
		if id := n.attr("id"); id != "" {
			ids[id]++
		}
		for _, c := range n.Nodes {
			walk(c)
		}
	}
	walk(svg)
	for _, id := range strings.Fields(svg.attr("aria-labelledby")) {
		if ids[id] != 1 {
			t.Errorf("id %q occurs %d times", id, ids[id])
		}
	}
	for id := range ids {
		if !strings.HasPrefix(id, "dung-han-") {
			t.Errorf("id %q lacks the prefix", id)
		}
	}
	if len(svg.Nodes) < 2 || svg.Nodes[0].XMLName.Local != "title" || svg.Nodes[1].XMLName.Local != "desc" {
		t.Fatal("title and desc are not the first children")
	}
	if got := svg.Nodes[0].Text; got != "Tỷ lệ hồ sơ đúng hạn theo quý" {
		t.Errorf("title = %q", got)
	}
	if got := svg.Nodes[1].Text; got != quarterly().Desc {
		t.Errorf("desc = %q", got)
	}
	if got := svg.attr("width"); got != "100%" {
		t.Errorf("width = %q, want 100%%", got)
	}
	if got := svg.attr("height"); got != "" {
		t.Errorf("height = %q, want none: the viewBox gives the proportions", got)
	}
	if vb := strings.Fields(svg.attr("viewBox")); len(vb) != 4 || vb[2] != "320" {
		t.Errorf("viewBox = %q, want 320 wide", svg.attr("viewBox"))
	}
}

// TestRenderNoStyle keeps the output acceptable under the site's
// Content-Security-Policy (style-src 'self'), which blocks inline styles.
func TestRenderNoStyle(t *testing.T) {
	c := quarterly()
	c.Series = append(c.Series, Series{Name: "Quá hạn", Values: []*float64{Value(7.9), Value(6.5), Value(4.6), nil}})
	for _, kind := range []string{KindLine, KindBar} {
		c.Kind = kind
		h, err := Render(c)
		if err != nil {
			t.Fatal(err)
		}
		if s := string(h); strings.Contains(s, "style=") || strings.Contains(s, "<style") || strings.Contains(s, "<script") {
			t.Errorf("%s chart has a style attribute, style or script element", kind)
		}
	}
}

func TestRenderEscapes(t *testing.T) {
	c := quarterly()
	c.Title = `Tỷ lệ <&> "đúng" 'hạn'`
	c.Desc = `</desc><script>alert(1)</script>`
	c.Labels[3] = `Q4<&>` // the last label is always shown
	c.Series = append(c.Series, Series{Name: `A & "B" <i>`, Values: []*float64{Value(1), nil, nil, nil}})
	h, err := Render(c)
	if err != nil {
		t.Fatal(err)
	}
	if s := string(h); strings.Contains(s, "<&>") || strings.Contains(s, "<script") || strings.Contains(s, "<i>") {
		t.Errorf("unescaped text in\n%s", s)
	}
	svg := parse(t, h)
	if got := svg.find("title")[0].Text; got != c.Title {
		t.Errorf("title = %q, want %q", got, c.Title)
	}
	if got := svg.find("desc")[0].Text; got != c.Desc {
		t.Errorf("desc = %q, want %q", got, c.Desc)
	}
	var texts []string
	for _, n := range svg.find("text") {
		texts = append(texts, n.Text)
	}
	all := strings.Join(texts, "\n")
	for _, want := range []string{`Q4<&>`, `A & "B" <i>`} {
		if !strings.Contains(all, want) {
			t.Errorf("text %q not found in %q", want, texts)
		}
	}
}

// TestRenderControlCharacters checks that text XML cannot hold does not
// break the document.
func TestRenderControlCharacters(t *testing.T) {
	c := quarterly()
	c.Title = "A\x00B\x1bC\tD\xffE\uFFFEF"
	svg := render(t, c)
	if got, want := svg.find("title")[0].Text, "ABC D\uFFFDEF"; got != want {
		t.Errorf("title = %q, want %q", got, want)
	}
}

// points returns the coordinates of a polyline.
func points(t *testing.T, n node) [][2]float64 {
	t.Helper()
	var out [][2]float64
	for _, p := range strings.Fields(n.attr("points")) {
		xs, ys, ok := strings.Cut(p, ",")
		x, err1 := strconv.ParseFloat(xs, 64)
		y, err2 := strconv.ParseFloat(ys, 64)
		if !ok || err1 != nil || err2 != nil {
			t.Fatalf("bad point %q", p)
		}
		out = append(out, [2]float64{x, y})
	}
	return out
}

func TestRenderGaps(t *testing.T) {
	v := Value
	for _, tc := range []struct {
		name     string
		values   []*float64
		lines    []int // points in each polyline
		isolated int   // points drawn by a marker alone
	}{
		{"no gap", []*float64{v(1), v(2), v(3), v(4), v(5)}, []int{5}, 0},
		{"gap in the middle", []*float64{v(1), v(2), nil, v(4), v(5)}, []int{2, 2}, 0},
		{"gaps at the ends", []*float64{nil, v(2), v(3), v(4), nil}, []int{3}, 0},
		{"lone points", []*float64{v(1), nil, v(3), nil, v(5)}, nil, 3},
		{"zero is a value", []*float64{v(0), v(0), nil, v(0), v(0)}, []int{2, 2}, 0},
		{"all missing", []*float64{nil, nil, nil, nil, nil}, nil, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := Chart{ID: "g", Title: "Khoảng trống", Labels: []string{"1", "2", "3", "4", "5"},
				Series: []Series{{Name: "A", Values: tc.values}}}
			series := render(t, c).class("chart-series")
			if len(series) != 1 {
				t.Fatalf("%d series groups, want 1", len(series))
			}
			lines := series[0].find("polyline")
			var got []int
			for _, l := range lines {
				got = append(got, len(points(t, l)))
			}
			if fmt.Sprint(got) != fmt.Sprint(tc.lines) {
				t.Errorf("polylines of %v points, want %v", got, tc.lines)
			}
			// Segments are in order and do not overlap: a gap is a gap.
			for i := 1; i < len(lines); i++ {
				prev, next := points(t, lines[i-1]), points(t, lines[i])
				if next[0][0] <= prev[len(prev)-1][0] {
					t.Errorf("polyline %d starts at x=%v, before the previous ends at %v", i, next[0][0], prev[len(prev)-1][0])
				}
			}
			present := 0
			for _, v := range tc.values {
				if v != nil {
					present++
				}
			}
			// Five periods leave room for a marker at every point.
			if got := len(series[0].find("circle")); got != present {
				t.Errorf("%d markers, want %d", got, present)
			}
		})
	}
}

// TestRenderManyPoints checks that with many periods only points standing
// alone get a marker, and that x labels are thinned out without overlap,
// the latest always shown.
func TestRenderManyPoints(t *testing.T) {
	var labels []string
	var values []*float64
	for i := range 36 {
		labels = append(labels, fmt.Sprintf("T%d/%d", i%12+1, 2024+i/12))
		values = append(values, Value(float64(100+i)))
	}
	values[10], values[12] = nil, nil // 11 stands alone
	c := Chart{ID: "m", Title: "Hồ sơ theo tháng", Labels: labels, Series: []Series{{Name: "Hồ sơ", Values: values}}}
	svg := render(t, c)
	if got := len(svg.class("chart-series")[0].find("circle")); got != 1 {
		t.Errorf("%d markers, want 1 (the lone point)", got)
	}
	if got := len(svg.find("polyline")); got != 2 {
		t.Errorf("%d polylines, want 2", got)
	}
	xl := svg.class("chart-x")[0].find("text")
	if len(xl) < 3 || len(xl) > 8 {
		t.Errorf("%d x labels shown for 36 periods, want 3 to 8", len(xl))
	}
	if got := xl[len(xl)-1].Text; got != "T12/2026" {
		t.Errorf("last x label %q, want T12/2026", got)
	}
	for i := 1; i < len(xl); i++ {
		x0, _ := strconv.ParseFloat(xl[i-1].attr("x"), 64)
		x1, _ := strconv.ParseFloat(xl[i].attr("x"), 64)
		w := (textWidth(xl[i-1].Text, fontSize) + textWidth(xl[i].Text, fontSize)) / 2
		if x1-x0 < w {
			t.Errorf("labels %q and %q overlap: %v apart, %v wide", xl[i-1].Text, xl[i].Text, x1-x0, w)
		}
	}
	for _, n := range xl {
		x, _ := strconv.ParseFloat(n.attr("x"), 64)
		if w := textWidth(n.Text, fontSize) / 2; x-w < 0 || x+w > width {
			t.Errorf("label %q at %v leaves the picture", n.Text, x)
		}
	}
}

func TestRenderYAxis(t *testing.T) {
	days := func(values ...*float64) func(*Chart) {
		return func(c *Chart) { c.Unit, c.Series[0].Values = "ngày", values }
	}
	for _, tc := range []struct {
		name string
		want string
		edit func(*Chart)
	}{
		{"percent from 0 to 100", "0% 20% 40% 60% 80% 100%", func(c *Chart) {}},
		{"percent above 100", "0% 25% 50% 75% 100% 125%", func(c *Chart) { c.Series[0].Values[3] = Value(118) }},
		{"days", "0 ngày 1 ngày 2 ngày 3 ngày 4 ngày 5 ngày", days(Value(4.5), Value(3.8), nil, Value(3.1))},
		{"no data", "0,0 ngày 0,2 ngày 0,4 ngày 0,6 ngày 0,8 ngày 1,0 ngày", days(nil, nil, nil, nil)},
		{"fixed range", "90% 92% 94% 96% 98% 100%", func(c *Chart) { c.Min, c.Max = Value(90), Value(100) }},
		{"negative values", "-3 -2 -1 0 1 2", func(c *Chart) {
			c.Unit, c.Series[0].Values = "", []*float64{Value(-3), Value(2), nil, nil}
		}},
		{"target above the values", "0 ngày 5 ngày 10 ngày 15 ngày", func(c *Chart) {
			days(Value(4.5), nil, nil, nil)(c)
			c.Target = Value(15)
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := quarterly()
			tc.edit(&c)
			var got []string
			for _, n := range render(t, c).class("chart-y")[0].find("text") {
				got = append(got, n.Text)
			}
			if strings.Join(got, " ") != tc.want {
				t.Errorf("y labels %q, want %s", got, tc.want)
			}
		})
	}
}

func TestRenderTarget(t *testing.T) {
	c := quarterly()
	if got := render(t, c).class("chart-target"); len(got) != 0 {
		t.Errorf("a target line without a target")
	}
	c.Target = Value(95)
	svg := render(t, c)
	g := svg.class("chart-target")
	if len(g) != 1 {
		t.Fatalf("%d target groups, want 1", len(g))
	}
	path := g[0].find("path")
	if len(path) != 1 || path[0].attr("stroke-dasharray") == "" {
		t.Fatal("the target line is not one dashed path")
	}
	if got := g[0].find("text"); len(got) != 1 || got[0].Text != "Chỉ tiêu: 95%" {
		t.Errorf("target label %v, want Chỉ tiêu: 95%%", got)
	}
	// The line is at 95 on the 0..100 axis: between the 80% and 100% grid lines.
	var y float64
	fmt.Sscanf(path[0].attr("d"), "M%f %f", new(float64), &y)
	y80, y100 := tickY(t, svg, "80%"), tickY(t, svg, "100%")
	if want := y100 + (y80-y100)*0.25; math.Abs(y-want) > 0.11 {
		t.Errorf("target line at y=%v, want %v", y, want)
	}

	c.Unit, c.Target = "ngày", Value(5)
	c.Series[0].Values = []*float64{Value(4.5), Value(3.8), nil, Value(3.1)}
	if got := render(t, c).class("chart-target")[0].find("text")[0].Text; got != "Chỉ tiêu: 5 ngày" {
		t.Errorf("target label %q, want Chỉ tiêu: 5 ngày", got)
	}
}

// tickY returns the y of the grid line labelled label.
func tickY(t *testing.T, svg node, label string) float64 {
	t.Helper()
	for _, n := range svg.class("chart-y")[0].find("text") {
		if n.Text == label {
			y, _ := strconv.ParseFloat(n.attr("y"), 64)
			return y - 4
		}
	}
	t.Fatalf("no tick %q", label)
	return 0
}

func TestRenderLegend(t *testing.T) {
	c := quarterly()
	if got := render(t, c).class("chart-legend"); len(got) != 0 {
		t.Error("a legend for one series")
	}
	names := []string{"Sở Giáo dục và Đào tạo", "UBND cấp huyện", "UBND cấp xã"}
	c.Series = nil
	for i, name := range names {
		c.Series = append(c.Series, Series{Name: name, Values: []*float64{Value(float64(90 + i)), nil, Value(95), Value(96)}})
	}
	for _, kind := range []string{KindLine, KindBar} {
		t.Run(kind, func(t *testing.T) {
			c.Kind = kind
			svg := render(t, c)
			legend := svg.class("chart-legend")
			if len(legend) != 1 {
				t.Fatalf("%d legends, want 1", len(legend))
			}
			var got []string
			for _, n := range legend[0].find("text") {
				got = append(got, n.Text)
			}
			if fmt.Sprint(got) != fmt.Sprint(names) {
				t.Errorf("legend %q, want %q", got, names)
			}
			// Each series differs from the others by more than its colour.
			seen := map[string]bool{}
			for i, g := range svg.class("chart-series") {
				var look string
				if kind == KindLine {
					look = g.attr("stroke-dasharray") + "|" + markerShape(g)
				} else {
					look = g.attr("fill")
					if i > 0 && !strings.HasPrefix(look, "url(#"+c.ID+"-fill-") {
						t.Errorf("series %d filled %q, want a pattern", i, look)
					}
				}
				if seen[look] {
					t.Errorf("series %d looks like an earlier one but for colour (%s)", i, look)
				}
				seen[look] = true
			}
		})
	}
}

// markerShape names the shape of the first marker in g, the series group
// whose markers sit in a nested group.
func markerShape(g node) string {
	for _, m := range g.Nodes {
		if m.XMLName.Local != "g" || len(m.Nodes) == 0 {
			continue
		}
		s := m.Nodes[0]
		if s.XMLName.Local == "path" {
			d := s.attr("d")
			return fmt.Sprintf("path %dM %dL %dZ", strings.Count(d, "M"), strings.Count(d, "L"), strings.Count(d, "Z"))
		}
		return s.XMLName.Local
	}
	return ""
}

func TestRenderBars(t *testing.T) {
	c := quarterly()
	c.Kind = KindBar
	c.Series = []Series{
		{Name: "Cấp sở", Values: []*float64{Value(4.5), Value(3.8), nil, Value(3.1)}},
		{Name: "Cấp huyện", Values: []*float64{Value(6.2), Value(0), Value(5), Value(4.4)}},
	}
	c.Unit = "ngày"
	svg := render(t, c)
	if got := svg.attr("class"); got != "chart chart-bar" {
		t.Errorf("class %q", got)
	}
	if got := len(svg.find("polyline")); got != 0 {
		t.Errorf("%d polylines in a bar chart", got)
	}
	series := svg.class("chart-series")
	if len(series) != 2 {
		t.Fatalf("%d series groups, want 2", len(series))
	}
	for i, want := range []int{3, 4} {
		if got := len(series[i].find("rect")); got != want {
			t.Errorf("series %d: %d bars, want %d (no bar for no data)", i, got, want)
		}
	}
	// Zero is a flat bar on the axis; bars stand on the same base.
	bars := series[1].find("rect")
	if h := bars[1].attr("height"); h != "0" {
		t.Errorf("zero bar height %q, want 0", h)
	}
	y0, _ := strconv.ParseFloat(bars[1].attr("y"), 64)
	y, _ := strconv.ParseFloat(bars[0].attr("y"), 64)
	h, _ := strconv.ParseFloat(bars[0].attr("height"), 64)
	if math.Abs(y+h-y0) > 0.11 {
		t.Errorf("bar ends at %v, zero is at %v", y+h, y0)
	}
	// The hatched fill is defined once, under the chart's prefix.
	patterns := svg.find("pattern")
	if len(patterns) != 1 || patterns[0].attr("id") != "dung-han-fill-1" {
		t.Errorf("patterns %v, want one with id dung-han-fill-1", patterns)
	}
	// Bars of a group sit side by side within the period, in series order.
	x0, _ := strconv.ParseFloat(series[0].find("rect")[0].attr("x"), 64)
	x1, _ := strconv.ParseFloat(bars[0].attr("x"), 64)
	w0, _ := strconv.ParseFloat(series[0].find("rect")[0].attr("width"), 64)
	if x1 < x0+w0 {
		t.Errorf("bars overlap: %v+%v > %v", x0, w0, x1)
	}
}

func TestRenderNegativeBars(t *testing.T) {
	c := Chart{ID: "n", Title: "Chênh lệch", Kind: KindBar, Labels: []string{"A", "B"},
		Series: []Series{{Name: "x", Values: []*float64{Value(-2), Value(3)}}}}
	bars := render(t, c).class("chart-series")[0].find("rect")
	yNeg, _ := strconv.ParseFloat(bars[0].attr("y"), 64)
	yPos, _ := strconv.ParseFloat(bars[1].attr("y"), 64)
	hPos, _ := strconv.ParseFloat(bars[1].attr("height"), 64)
	if math.Abs(yPos+hPos-yNeg) > 0.11 {
		t.Errorf("the negative bar starts at %v, not at zero (%v)", yNeg, yPos+hPos)
	}
}

func TestRenderDefaultDesc(t *testing.T) {
	c := quarterly()
	c.Desc = ""
	c.Target = Value(100)
	if got, want := render(t, c).find("desc")[0].Text, "Từ 92,1% (Q1/2026) đến 95,4% (Q3/2026); chỉ tiêu 100%."; got != want {
		t.Errorf("desc %q, want %q", got, want)
	}
	c.Target = nil
	c.Series = append(c.Series,
		Series{Name: "trực tuyến", Values: []*float64{nil, Value(40), nil, nil}},
		Series{Name: "Trực tiếp", Values: make([]*float64, 4)})
	want := "Đúng hạn: từ 92,1% (Q1/2026) đến 95,4% (Q3/2026); trực tuyến: 40% (Q2/2026); Trực tiếp: chưa có số liệu."
	if got := render(t, c).find("desc")[0].Text; got != want {
		t.Errorf("desc %q, want %q", got, want)
	}
}

func TestRenderErrors(t *testing.T) {
	nan, inf := math.NaN(), math.Inf(1)
	for _, tc := range []struct {
		name string
		edit func(*Chart)
	}{
		{"empty id", func(c *Chart) { c.ID = "" }},
		{"upper-case id", func(c *Chart) { c.ID = "Chart" }},
		{"id with a quote", func(c *Chart) { c.ID = `a"b` }},
		{"id with a space", func(c *Chart) { c.ID = "a b" }},
		{"no title", func(c *Chart) { c.Title = " " }},
		{"unknown kind", func(c *Chart) { c.Kind = "pie" }},
		{"no labels", func(c *Chart) { c.Labels = nil; c.Series[0].Values = nil }},
		{"no series", func(c *Chart) { c.Series = nil }},
		{"too many series", func(c *Chart) {
			for i := range 6 {
				c.Series = append(c.Series, Series{Name: strconv.Itoa(i), Values: make([]*float64, 4)})
			}
		}},
		{"fewer values than labels", func(c *Chart) { c.Series[0].Values = c.Series[0].Values[:3] }},
		{"more values than labels", func(c *Chart) { c.Series[0].Values = append(c.Series[0].Values, Value(1)) }},
		{"unnamed series among several", func(c *Chart) { c.Series = append(c.Series, Series{Values: make([]*float64, 4)}) }},
		{"NaN value", func(c *Chart) { c.Series[0].Values[1] = &nan }},
		{"infinite value", func(c *Chart) { c.Series[0].Values[1] = &inf }},
		{"NaN target", func(c *Chart) { c.Target = &nan }},
		{"infinite max", func(c *Chart) { c.Max = &inf }},
		{"min equals max", func(c *Chart) { c.Min, c.Max = Value(50), Value(50) }},
		{"min above max", func(c *Chart) { c.Min, c.Max = Value(100), Value(0) }},
		{"value above max", func(c *Chart) { c.Max = Value(95) }},
		{"value below min", func(c *Chart) { c.Min = Value(93) }},
		{"target above max", func(c *Chart) { c.Max, c.Target = Value(100), Value(101) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := quarterly()
			tc.edit(&c)
			h, err := Render(c)
			if err == nil {
				t.Fatalf("no error; rendered %.80s…", h)
			}
			if h != "" {
				t.Errorf("output with an error: %.80s…", h)
			}
		})
	}
	// A single series may go unnamed: there is no legend.
	c := quarterly()
	c.Series[0].Name = ""
	if _, err := Render(c); err != nil {
		t.Errorf("unnamed single series: %v", err)
	}
}

func TestRenderDeterministic(t *testing.T) {
	c := quarterly()
	c.Target = Value(95)
	c.Series = append(c.Series, Series{Name: "B", Values: []*float64{Value(1.0 / 3), Value(math.Pi), nil, Value(2)}})
	for _, kind := range []string{KindLine, KindBar} {
		c.Kind = kind
		first, err := Render(c)
		if err != nil {
			t.Fatal(err)
		}
		for range 20 {
			if again, _ := Render(c); again != first {
				t.Fatalf("%s: output differs between runs", kind)
			}
		}
		// Coordinates carry at most one decimal.
		for _, n := range strings.FieldsFunc(string(first), func(r rune) bool { return !(r == '.' || r >= '0' && r <= '9') }) {
			if _, frac, ok := strings.Cut(n, "."); ok && len(frac) > 1 {
				t.Errorf("%s: number %q has more than one decimal", kind, n)
				break
			}
		}
	}
}

// TestContrast checks the colours against white: 3:1 for lines, bars and
// markers (WCAG 1.4.11), 4.5:1 for text (WCAG 1.4.3).
func TestContrast(t *testing.T) {
	for i, st := range styles {
		if r := contrast(st.color, colorBackground); r < 3 {
			t.Errorf("series %d colour %s: contrast %.2f, want ≥ 3", i, st.color, r)
		}
	}
	for _, c := range []string{colorInk, colorMuted} {
		if r := contrast(c, colorBackground); r < 4.5 {
			t.Errorf("text colour %s: contrast %.2f, want ≥ 4.5", c, r)
		}
	}
	seen := map[string]bool{}
	for i, st := range styles {
		key := fmt.Sprint(st.dash, st.marker, st.pattern)
		if seen[key] {
			t.Errorf("style %d repeats the dash, marker and pattern of another", i)
		}
		seen[key] = true
	}
}

func contrast(a, b string) float64 {
	la, lb := luminance(a), luminance(b)
	return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
}

// luminance is the WCAG relative luminance of a #rrggbb colour.
func luminance(hex string) float64 {
	var rgb [3]float64
	for i := range rgb {
		v, _ := strconv.ParseUint(hex[1+2*i:3+2*i], 16, 8)
		c := float64(v) / 255
		if c <= 0.04045 {
			rgb[i] = c / 12.92
		} else {
			rgb[i] = math.Pow((c+0.055)/1.055, 2.4)
		}
	}
	return 0.2126*rgb[0] + 0.7152*rgb[1] + 0.0722*rgb[2]
}

// FuzzRenderText checks that any title, label and series name gives a
// well-formed document whose title reads back as given, bar characters
// XML cannot hold.
func FuzzRenderText(f *testing.F) {
	f.Add(`Tỷ lệ <&> "đúng hạn"`, "Q1/2026", "Đúng hạn")
	f.Add("]]><!--", "'", "&amp;")
	f.Fuzz(func(t *testing.T, title, label, name string) {
		c := Chart{ID: "f", Title: title, Labels: []string{label, "Q2"},
			Series: []Series{{Name: name, Values: []*float64{Value(1), Value(2)}}, {Name: "B", Values: []*float64{nil, Value(3)}}}}
		h, err := Render(c)
		if err != nil {
			if strings.TrimSpace(title) == "" || strings.TrimSpace(name) == "" {
				return
			}
			t.Fatalf("Render: %v", err)
		}
		if err := wellFormed(string(h)); err != nil {
			t.Fatalf("not well-formed: %v\n%s", err, h)
		}
		var svg node
		if err := xml.Unmarshal([]byte(h), &svg); err != nil {
			t.Fatal(err)
		}
		if got := svg.find("title")[0].Text; isXMLText(title) && got != title {
			t.Errorf("title %q reads back as %q", title, got)
		}
	})
}

// isXMLText reports whether s is valid UTF-8 made of characters that XML
// holds and escape keeps as they are.
func isXMLText(s string) bool {
	return utf8.ValidString(s) && !strings.ContainsFunc(s, func(r rune) bool {
		return r < 0x20 || r == 0xFFFE || r == 0xFFFF
	})
}
