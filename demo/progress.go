package demo

import (
	"fmt"
	"io"
	"strings"
	"time"
)

// progress draws a one-line progress bar with the rate so far.
type progress struct {
	w           io.Writer
	total, n    int
	start, last time.Time
}

func newProgress(w io.Writer, total int) *progress {
	return &progress{w: w, total: max(total, 1), start: time.Now()}
}

func (p *progress) add(n int) {
	p.n += n
	if p.w == nil || time.Since(p.last) < 200*time.Millisecond {
		return
	}
	p.last = time.Now()
	p.draw()
}

func (p *progress) draw() {
	frac := min(float64(p.n)/float64(p.total), 1)
	width := 30
	filled := int(frac * float64(width))
	rate := float64(p.n) / max(time.Since(p.start).Seconds(), 0.001)
	fmt.Fprintf(p.w, "\r[%s%s] %3.0f%% %d/%d dossiers, %.0f/s ", strings.Repeat("=", filled), strings.Repeat(" ", width-filled),
		frac*100, p.n, p.total, rate)
}

func (p *progress) done() {
	if p.w == nil {
		return
	}
	p.total = max(p.n, 1)
	p.draw()
	fmt.Fprintf(p.w, "in %s\n", time.Since(p.start).Round(time.Millisecond))
}
