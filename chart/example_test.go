package chart_test

import (
	"fmt"
	"strings"

	"github.com/hpdoet/cchc/chart"
)

func ExampleRender() {
	v := chart.Value
	svg, err := chart.Render(chart.Chart{
		ID:     "dung-han",
		Title:  "Tỷ lệ hồ sơ đúng hạn theo quý",
		Labels: []string{"Q1/2026", "Q2/2026", "Q3/2026", "Q4/2026"},
		Series: []chart.Series{{Name: "Đúng hạn", Values: []*float64{v(92.1), v(93.5), v(95.4), nil}}},
		Unit:   "%",
		Target: v(95),
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	// In a page: {{.Chart}} beside a table of the same numbers.
	lines := strings.Split(string(svg), "\n")
	fmt.Println(strings.Join(lines[:3], "\n"))
	// Output:
	// <svg xmlns="http://www.w3.org/2000/svg" class="chart chart-line" viewBox="0 0 320 190" width="100%" font-size="12" role="img" aria-labelledby="dung-han-title dung-han-desc">
	// <title id="dung-han-title">Tỷ lệ hồ sơ đúng hạn theo quý</title>
	// <desc id="dung-han-desc">Từ 92,1% (Q1/2026) đến 95,4% (Q3/2026); chỉ tiêu 95%.</desc>
}

func ExampleSparkline() {
	v := chart.Value
	svg, err := chart.Sparkline("xu-huong-dung-han", "Tỷ lệ đúng hạn", []*float64{v(92.1), nil, v(93.5), v(95.4)}, "%")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(svg)
	// Output:
	// <svg xmlns="http://www.w3.org/2000/svg" id="xu-huong-dung-han" class="sparkline" viewBox="0 0 120 28" width="7.5em" height="1.75em" role="img" aria-label="Tỷ lệ đúng hạn: từ 92,1% đến 95,4%">
	// <g fill="none" stroke="#0b4f8a" stroke-width="1.5" stroke-linejoin="round">
	// <polyline points="79,15.7 117,3"/>
	// </g>
	// <circle cx="3" cy="25" r="1.5" fill="#0b4f8a"/>
	// <circle cx="117" cy="3" r="2.5" fill="#0b4f8a"/>
	// </svg>
}

func ExampleFormatNumber() {
	fmt.Println(chart.FormatNumber(1234567.84, 1))
	fmt.Println(chart.FormatNumber(95.125, 2))
	fmt.Println(chart.FormatNumber(-1500, 0))
	// Output:
	// 1.234.567,8
	// 95,13
	// -1.500
}
