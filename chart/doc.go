// Package chart draws the indicator dashboards' charts as inline SVG,
// rendered on the server: line and bar charts over periods, and sparklines.
//
// The output is made for html/template pages that work without JavaScript
// and meet WCAG 2.1 AA:
//
//   - The <svg> has role="img" and is named by its <title> and <desc>
//     (aria-labelledby), whose ids start with the caller's Chart.ID. The
//     page shows the same numbers in a data table beside the chart: the
//     table, not the picture, is the full text alternative.
//   - Lines and bars contrast at least 3:1 with the white background, text
//     at least 4.5:1. Series differ by marker shape and dash pattern (lines)
//     or fill pattern (bars), not by colour alone, and a legend names them
//     when there is more than one.
//   - The chart scales with its container (a viewBox, width="100%", no
//     fixed pixel size) and stays readable 320 px wide: few y ticks, x
//     labels thinned out when they would overlap.
//   - There is no inline style and no <style> element, so a
//     Content-Security-Policy of style-src 'self' lets it through; styling
//     uses presentation attributes only.
//
// The page's stylesheet bounds the size (text in the chart grows with its
// width) and aligns sparklines with the text, for example:
//
//	svg.chart { display: block; max-width: 36rem; height: auto; }
//	svg.sparkline { vertical-align: middle; }
//
// A missing value (a nil *float64) is a gap in a line and a missing bar,
// never a zero. Numbers are written the Vietnamese way (FormatNumber:
// "1.234.567,8"). The same input always gives the same bytes.
package chart
