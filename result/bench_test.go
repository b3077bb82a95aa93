package result

import (
	"bytes"
	"testing"
	"time"
)

// BenchmarkIssue is the cost of one electronic result: render the A4 PDF
// and sign it (what issue-result adds to its transaction).
func BenchmarkIssue(b *testing.B) {
	f, err := signed()
	if err != nil {
		b.Fatal(err)
	}
	d := fixture()
	now := time.Now()
	for b.Loop() {
		var buf bytes.Buffer
		if err := Render(&buf, d); err != nil {
			b.Fatal(err)
		}
		if _, err := f.signer.Sign(buf.Bytes(), "", now); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkVerifySignature checks a signed result offline: what the
// verification page does for an uploaded file that is not the issued one.
func BenchmarkVerifySignature(b *testing.B) {
	f, err := signed()
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if v, err := VerifySignature(f.pdf, f.signer.Roots()); err != nil || !v.Valid() {
			b.Fatal(err, v.Problems)
		}
	}
}
