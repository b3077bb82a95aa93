package chart

import "fmt"

// Colours. Series colours contrast at least 3:1 with white (WCAG 1.4.11),
// text colours at least 4.5:1 (WCAG 1.4.3); TestContrast checks them. They
// match the site's palette (web/assets/style.css).
const (
	colorBackground = "#ffffff"
	colorInk        = "#1b1f24" // axis labels, target line and label
	colorMuted      = "#4a5561" // tick labels, baseline
	colorGrid       = "#c9d1d9" // grid lines: decoration, the labels carry the values
)

// style is how one series is drawn. Colour is never the only difference:
// lines also differ by dash and marker, bars by fill pattern.
type style struct {
	color   string
	dash    string // stroke-dasharray of the line, "" for solid
	marker  int    // marker shape, see writer.marker
	pattern int    // bar fill, see writer.pattern; 0 is solid
}

// styles are the series styles in order; a chart has at most this many
// series, beyond which it would not be readable anyway.
var styles = [...]style{
	{color: "#0b4f8a", dash: "", marker: markerCircle, pattern: 0},
	{color: "#b35600", dash: "7 3", marker: markerSquare, pattern: 1},
	{color: "#1b5e20", dash: "2 3", marker: markerTriangle, pattern: 2},
	{color: "#7b1fa2", dash: "8 3 2 3", marker: markerDiamond, pattern: 3},
	{color: "#a4161a", dash: "12 4", marker: markerTriangleDown, pattern: 4},
	{color: "#4a5561", dash: "1 3", marker: markerCross, pattern: 5},
}

// Marker shapes.
const (
	markerCircle = iota
	markerSquare
	markerTriangle
	markerDiamond
	markerTriangleDown
	markerCross
)

// marker draws a marker centred on x, y in colour c.
func (w *writer) marker(shape int, x, y float64, c string) {
	switch shape {
	case markerCircle:
		w.printf(`<circle cx="%s" cy="%s" r="3.5" fill="%s"/>`+"\n", num(x), num(y), c)
	case markerSquare:
		w.printf(`<rect x="%s" y="%s" width="6.4" height="6.4" fill="%s"/>`+"\n", num(x-3.2), num(y-3.2), c)
	case markerTriangle:
		w.printf(`<path d="M%s %sL%s %sL%s %sZ" fill="%s"/>`+"\n",
			num(x), num(y-4.5), num(x+4.2), num(y+3), num(x-4.2), num(y+3), c)
	case markerDiamond:
		w.printf(`<path d="M%s %sL%s %sL%s %sL%s %sZ" fill="%s"/>`+"\n",
			num(x), num(y-4.5), num(x+4.5), num(y), num(x), num(y+4.5), num(x-4.5), num(y), c)
	case markerTriangleDown:
		w.printf(`<path d="M%s %sL%s %sL%s %sZ" fill="%s"/>`+"\n",
			num(x), num(y+4.5), num(x+4.2), num(y-3), num(x-4.2), num(y-3), c)
	case markerCross:
		w.printf(`<path d="M%s %sL%s %sM%s %sL%s %s" stroke="%s" stroke-width="2" stroke-dasharray="none" fill="none"/>`+"\n",
			num(x-3.5), num(y-3.5), num(x+3.5), num(y+3.5), num(x-3.5), num(y+3.5), num(x+3.5), num(y-3.5), c)
	}
}

// fill returns the fill of bars of series i: the colour itself or a
// reference to the pattern that writer.pattern defines.
func fill(id string, i int) string {
	if styles[i].pattern == 0 {
		return styles[i].color
	}
	return fmt.Sprintf("url(#%s-fill-%d)", id, i)
}

// pattern defines the hatched fill of bars of series i, colour on
// white, unless that series is filled solid.
func (w *writer) pattern(id string, i int) {
	st := styles[i]
	if st.pattern == 0 {
		return
	}
	w.printf(`<pattern id="%s-fill-%d" width="6" height="6" patternUnits="userSpaceOnUse"`, id, i)
	switch st.pattern {
	case 1, 5: // diagonal stripes, one way or the other
		angle := 45
		if st.pattern == 5 {
			angle = -45
		}
		w.printf(` patternTransform="rotate(%d)"><rect width="6" height="6" fill="%s"/><rect width="3" height="6" fill="%s"/>`,
			angle, colorBackground, st.color)
	case 2: // dots
		w.printf(`><rect width="6" height="6" fill="%s"/><circle cx="3" cy="3" r="2" fill="%s"/>`, colorBackground, st.color)
	case 3: // cross-hatch
		w.printf(` patternTransform="rotate(45)"><rect width="6" height="6" fill="%s"/><path d="M0 0H6V2H2V6H0Z" fill="%s"/>`,
			colorBackground, st.color)
	case 4: // horizontal stripes
		w.printf(`><rect width="6" height="6" fill="%s"/><rect width="6" height="3" fill="%s"/>`, colorBackground, st.color)
	}
	w.printf("</pattern>\n")
}
