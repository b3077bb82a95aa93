package payment

import (
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"
)

// FuzzVerify: Verify never panics, and what it accepts is sane.
func FuzzVerify(f *testing.F) {
	f.Add(goldenCallback + "&vnp_SecureHash=" + goldenCallbackHash)
	f.Add(goldenCallback + "&vnp_SecureHash=" + strings.ToUpper(goldenCallbackHash) + "&vnp_Extra=")
	f.Add(goldenRequest + "&vnp_SecureHash=" + goldenRequestHash)
	f.Add("vnp_Amount=1&vnp_Amount=2&vnp_SecureHash=00")
	f.Add("vnp_SecureHash=%zz&;&&=")
	f.Add("")
	v := testVNPay(f)
	s := testSandbox(f)
	f.Fuzz(func(t *testing.T, raw string) {
		q, _ := url.ParseQuery(raw) // a partial parse is what a lenient server passes on
		for _, p := range []Provider{v, s} {
			res, err := p.Verify(q)
			if (res == nil) == (err == nil) {
				t.Fatalf("Verify(%q) = %v, %v: want exactly one of result and error", raw, res, err)
			}
			if err == nil && (res.Amount <= 0 || res.Ref == "" || res.ResponseCode == "") {
				t.Fatalf("Verify(%q) accepted %+v", raw, res)
			}
			_ = DecideIPN(res, err, OrderState{Found: true, Amount: 50_000})
		}
		_, _ = s.Complete(q, "00", time.Unix(0, 0))
	})
}

// FuzzOrderInfo: the description sent is short printable ASCII whatever the
// input, and stripping is idempotent.
func FuzzOrderInfo(f *testing.F) {
	f.Add("Lệ phí cấp bản sao văn bằng")
	f.Add("Vie\u0302\u0323t (!) ~*'")
	f.Fuzz(func(t *testing.T, s string) {
		info := OrderInfo(s)
		if len(info) > MaxInfoLen || strings.HasPrefix(info, " ") || strings.HasSuffix(info, " ") || strings.Contains(info, "  ") {
			t.Fatalf("OrderInfo(%q) = %q", s, info)
		}
		for _, r := range info {
			if !infoChar(r) {
				t.Fatalf("OrderInfo(%q) = %q holds %q", s, info, r)
			}
		}
		if OrderInfo(info) != info {
			t.Fatalf("OrderInfo is not idempotent on %q", s)
		}
		if d := StripDiacritics(s); StripDiacritics(d) != d {
			t.Fatalf("StripDiacritics is not idempotent on %q", s)
		}
	})
}

// FuzzSignedCallback: correctly signed callbacks with arbitrary values reach
// the parsing behind the signature; it never panics, and an accepted amount
// is the signed one divided by 100.
func FuzzSignedCallback(f *testing.F) {
	f.Add("5000000", "000.00.31.H26-260213-0042-1", "00", "00", "20260213153412", "2QXUI4J4")
	f.Add("5000050", "", "", "", "2026", "")
	f.Add("-1", "x", "24", "02", "99999999999999", "2QXUI4J4")
	v := testVNPay(f)
	good, err := url.ParseQuery(goldenCallback)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, amount, ref, code, status, payDate, tmn string) {
		q := cloneValues(good)
		for k, val := range map[string]string{"vnp_Amount": amount, "vnp_TxnRef": ref, "vnp_ResponseCode": code,
			"vnp_TransactionStatus": status, "vnp_PayDate": payDate, "vnp_TmnCode": tmn} {
			q.Set(k, val)
		}
		data, err := signData(q)
		if err != nil {
			t.Fatal(err)
		}
		q.Set(paramSecureHash, sign(testSecret, data))
		res, err := v.Verify(q)
		if err != nil {
			return
		}
		if tmn != testTmnCode || res.Ref != ref || res.Amount <= 0 || strconv.FormatInt(res.Amount, 10)+"00" != strings.TrimLeft(amount, "0") {
			t.Fatalf("Verify accepted %+v from amount %q, terminal %q", res, amount, tmn)
		}
		if res.Success != (code == "00" && status == "00") {
			t.Fatalf("Success = %v for %q/%q", res.Success, code, status)
		}
	})
}
