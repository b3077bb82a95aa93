package chart

import (
	"math"
	"testing"
)

func TestSparkline(t *testing.T) {
	v := Value
	for _, tc := range []struct {
		name      string
		values    []*float64
		unit      string
		wantLabel string
		wantLines int
		wantDots  int
	}{
		{"trend", []*float64{v(92.1), v(93), v(95.4)}, "%", "Tỷ lệ đúng hạn: từ 92,1% đến 95,4%", 1, 1},
		{"gaps", []*float64{nil, v(3), v(2.5), nil, v(4), nil, v(2), v(1.5)}, "ngày", "Tỷ lệ đúng hạn: từ 3 ngày đến 1,5 ngày", 2, 2},
		{"one value", []*float64{nil, v(1234.5)}, "đồng", "Tỷ lệ đúng hạn: 1.234,5 đồng", 0, 1},
		{"flat", []*float64{v(7), v(7), v(7)}, "", "Tỷ lệ đúng hạn: từ 7 đến 7", 1, 1},
		{"no data", []*float64{nil, nil}, "%", "Tỷ lệ đúng hạn: chưa có số liệu", 0, 0},
		{"empty", nil, "%", "Tỷ lệ đúng hạn: chưa có số liệu", 0, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h, err := Sparkline("xu-huong", "Tỷ lệ đúng hạn", tc.values, tc.unit)
			if err != nil {
				t.Fatal(err)
			}
			svg := parse(t, h)
			if svg.attr("role") != "img" || svg.attr("id") != "xu-huong" {
				t.Errorf("role %q id %q", svg.attr("role"), svg.attr("id"))
			}
			if got := svg.attr("aria-label"); got != tc.wantLabel {
				t.Errorf("aria-label %q, want %q", got, tc.wantLabel)
			}
			if got := len(svg.find("polyline")); got != tc.wantLines {
				t.Errorf("%d polylines, want %d", got, tc.wantLines)
			}
			if got := len(svg.find("circle")); got != tc.wantDots {
				t.Errorf("%d dots, want %d", got, tc.wantDots)
			}
			if svg.attr("viewBox") != "0 0 120 28" || len(svg.find("text")) != 0 {
				t.Errorf("viewBox %q, %d texts: want a 120×28 picture without text", svg.attr("viewBox"), len(svg.find("text")))
			}
		})
	}
}

func TestSparklineEscapes(t *testing.T) {
	h, err := Sparkline("s", `A <&> "B"`, []*float64{Value(1)}, "")
	if err != nil {
		t.Fatal(err)
	}
	if got := parse(t, h).attr("aria-label"); got != `A <&> "B": 1` {
		t.Errorf("aria-label %q", got)
	}
}

func TestSparklineErrors(t *testing.T) {
	nan := math.NaN()
	for _, tc := range []struct {
		name, id, label string
		values          []*float64
	}{
		{"bad id", "S 1", "Nhãn", nil},
		{"no label", "s", "", nil},
		{"NaN", "s", "Nhãn", []*float64{Value(1), &nan}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := Sparkline(tc.id, tc.label, tc.values, ""); err == nil {
				t.Error("no error")
			}
		})
	}
}
