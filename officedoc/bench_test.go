package officedoc

import (
	"bytes"
	"io"
	"testing"
)

// The benchmarks write the long fixture: about forty A4 pages of headings,
// paragraphs and tables, ending in a 300-row table.

func BenchmarkWriteDOCX(b *testing.B) { benchmarkWrite(b, WriteDOCX) }

func BenchmarkWritePDF(b *testing.B) { benchmarkWrite(b, WritePDF) }

func benchmarkWrite(b *testing.B, write func(io.Writer, Document) error) {
	d := longDocument()
	var buf bytes.Buffer
	b.ReportAllocs()
	for b.Loop() {
		buf.Reset()
		if err := write(&buf, d); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(buf.Len()), "bytes/doc")
}
