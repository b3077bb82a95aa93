package payment

import (
	"net/url"
	"testing"
	"time"
)

// Test terminal: a made-up code and secret, the same as in the golden
// signatures (computed with `openssl dgst -sha512 -hmac`).
const (
	testTmnCode = "2QXUI4J4"
	testSecret  = "TESTSECRET0123456789ABCDEFGHIJKL"
)

// created is 15:30:00 on 13/02/2026 in GMT+7.
var created = time.Date(2026, 2, 13, 8, 30, 0, 0, time.UTC)

func testOrder() Order {
	return Order{
		Ref:       "000.00.31.H26-260213-0042-1",
		Amount:    50_000,
		Info:      "Lệ phí cấp bản sao văn bằng (hồ sơ 000.00.31.H26-260213-0042)",
		ReturnURL: "https://dvc.haiphong.edu.vn/thanh-toan/ve",
		IPAddr:    "203.113.135.10",
		CreatedAt: created,
		ExpireAt:  created.Add(15 * time.Minute),
		Locale:    "vn",
		BankCode:  "NCB",
	}
}

func testVNPay(t testing.TB) *VNPay {
	t.Helper()
	v, err := NewVNPay(VNPayConfig{TmnCode: testTmnCode, HashSecret: testSecret})
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// testBank is a sandbox with VNPay's terminal and secret: what it signs, the
// VNPay provider must accept, which shows they speak one protocol.
func testBank(t testing.TB) *Sandbox {
	t.Helper()
	s, err := NewSandbox(SandboxConfig{Secret: testSecret, TmnCode: testTmnCode})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// query returns the parsed query of a URL.
func query(t testing.TB, raw string) url.Values {
	t.Helper()
	u, err := url.Parse(raw)
	if err != nil {
		t.Fatalf("parse %q: %v", raw, err)
	}
	q, err := url.ParseQuery(u.RawQuery)
	if err != nil {
		t.Fatalf("parse query of %q: %v", raw, err)
	}
	return q
}

// callback pays o at the test bank with the outcome and returns the
// parameters as the return URL carries them.
func callback(t testing.TB, p Provider, bank *Sandbox, o Order, outcome string, at time.Time) url.Values {
	t.Helper()
	pay, err := p.PayURL(o)
	if err != nil {
		t.Fatal(err)
	}
	cb, err := bank.Complete(query(t, pay), outcome, at)
	if err != nil {
		t.Fatal(err)
	}
	return query(t, CallbackURL(o.ReturnURL, cb))
}
