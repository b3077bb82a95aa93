package payment

import (
	"errors"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/hpdoet/cchc"
)

func testSandbox(t testing.TB) *Sandbox {
	t.Helper()
	s, err := NewSandbox(SandboxConfig{Secret: "sandbox secret"})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestSandboxPayURL(t *testing.T) {
	s := testSandbox(t)
	o := testOrder()
	o.ReturnURL = "/thanh-toan/ve" // a path on this site is enough for the local bank
	pay, err := s.PayURL(o)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(pay, SandboxPath+"?vnp_Amount=5000000&") {
		t.Errorf("PayURL = %s", pay)
	}
	req, err := s.ParseRequest(query(t, pay))
	if err != nil {
		t.Fatalf("ParseRequest: %v", err)
	}
	want := Request{
		Ref: o.Ref, Amount: o.Amount, Info: "Le phi cap ban sao van bang ho so 000.00.31.H26-260213-0042",
		ReturnURL: "/thanh-toan/ve", Locale: "vn", BankCode: "NCB", CreatedAt: o.CreatedAt, ExpireAt: o.ExpireAt,
	}
	if req.Ref != want.Ref || req.Amount != want.Amount || req.Info != want.Info || req.ReturnURL != want.ReturnURL ||
		req.Locale != want.Locale || req.BankCode != want.BankCode ||
		!req.CreatedAt.Equal(want.CreatedAt) || !req.ExpireAt.Equal(want.ExpireAt) {
		t.Errorf("ParseRequest = %+v, want %+v", req, want)
	}
	// The real gateway needs an absolute return URL.
	if _, err := testVNPay(t).PayURL(o); cchc.ErrorCode(err) != cchc.EINVALID || cchc.ErrorFields(err)["return_url"] == "" {
		t.Errorf("VNPay.PayURL with a relative return URL: %v, want EINVALID on return_url", err)
	}
}

func TestSandboxComplete(t *testing.T) {
	s := testSandbox(t)
	o := testOrder()
	pay, err := s.PayURL(o)
	if err != nil {
		t.Fatal(err)
	}
	q := query(t, pay)
	at := created.Add(2 * time.Minute)

	cb, err := s.Complete(q, "00", at)
	if err != nil {
		t.Fatal(err)
	}
	for k, want := range map[string]string{
		"vnp_Amount": "5000000", "vnp_BankCode": "NCB", "vnp_CardType": "ATM", "vnp_PayDate": "20260213153200",
		"vnp_ResponseCode": "00", "vnp_TransactionStatus": "00", "vnp_TmnCode": SandboxTmnCode, "vnp_TxnRef": o.Ref,
		"vnp_OrderInfo": "Le phi cap ban sao van bang ho so 000.00.31.H26-260213-0042", "vnp_SecureHashType": "HMACSHA512",
	} {
		if got := cb.Get(k); got != want {
			t.Errorf("%s = %q, want %q", k, got, want)
		}
	}
	if n := cb.Get("vnp_TransactionNo"); len(n) != 8 || strings.Trim(n, "0123456789") != "" {
		t.Errorf("vnp_TransactionNo = %q, want 8 digits", n)
	}
	again, _ := s.Complete(q, "00", at)
	if again.Get("vnp_TransactionNo") != cb.Get("vnp_TransactionNo") || again.Get("vnp_SecureHash") != cb.Get("vnp_SecureHash") {
		t.Error("Complete is not deterministic")
	}
	later, _ := s.Complete(q, "00", at.Add(time.Second))
	if later.Get("vnp_TransactionNo") == cb.Get("vnp_TransactionNo") {
		t.Error("two payments at different times have one transaction number")
	}

	// The return URL and the IPN carry the same set; it verifies either way.
	back := CallbackURL(o.ReturnURL, cb)
	if !strings.HasPrefix(back, o.ReturnURL+"?vnp_Amount=") || !strings.Contains(back, "&vnp_SecureHash=") ||
		strings.Index(back, "vnp_SecureHash=") < strings.Index(back, "vnp_TxnRef=") {
		t.Errorf("CallbackURL = %s", back)
	}
	if _, err := s.Verify(query(t, back)); err != nil {
		t.Errorf("Verify(return URL): %v", err)
	}
	if _, err := s.Verify(cb); err != nil {
		t.Errorf("Verify(IPN parameters): %v", err)
	}
	// The sandbox's callbacks are not VNPAY's.
	if _, err := testVNPay(t).Verify(cb); !errors.Is(err, ErrSignature) {
		t.Errorf("VNPay.Verify(sandbox callback) error = %v, want ErrSignature", err)
	}

	// After the expiry the outcome is a timeout, whatever was asked.
	late, err := s.Complete(q, "00", o.ExpireAt.Add(time.Second))
	if err != nil {
		t.Fatal(err)
	}
	if got := late.Get("vnp_ResponseCode"); got != CodeTimeout {
		t.Errorf("outcome after the expiry = %q, want %q", got, CodeTimeout)
	}
	if _, err := s.Complete(q, "00", o.ExpireAt); err != nil {
		t.Errorf("Complete at the expiry instant: %v", err)
	}

	for _, outcome := range []string{"", "0", "42", "000", "xx"} {
		if _, err := s.Complete(q, outcome, at); cchc.ErrorCode(err) != cchc.EINVALID {
			t.Errorf("Complete(outcome %q) error = %v, want EINVALID", outcome, err)
		}
	}
}

func TestSandboxRefusesRequests(t *testing.T) {
	s := testSandbox(t)
	pay, err := s.PayURL(testOrder())
	if err != nil {
		t.Fatal(err)
	}
	good := query(t, pay)
	other, err := NewSandbox(SandboxConfig{Secret: "sandbox secret", TmnCode: "OTHER001"})
	if err != nil {
		t.Fatal(err)
	}
	otherPay, err := other.PayURL(testOrder())
	if err != nil {
		t.Fatal(err)
	}
	resigned := func(key, value string) url.Values {
		q := cloneValues(good)
		q.Set(key, value)
		data, err := signData(q)
		if err != nil {
			t.Fatal(err)
		}
		q.Set(paramSecureHash, sign("sandbox secret", data))
		return q
	}
	for _, tc := range []struct {
		name string
		q    url.Values
		want error
	}{
		{"amount changed", func() url.Values { q := cloneValues(good); q.Set("vnp_Amount", "100"); return q }(), ErrSignature},
		{"hash missing", func() url.Values { q := cloneValues(good); q.Del(paramSecureHash); return q }(), ErrSignature},
		{"another terminal", query(t, otherPay), ErrTerminal},
		{"another command", resigned("vnp_Command", "refund"), ErrMalformed},
		{"another version", resigned("vnp_Version", "2.0.0"), ErrMalformed},
		{"another currency", resigned("vnp_CurrCode", "USD"), ErrMalformed},
		{"amount not whole", resigned("vnp_Amount", "5000001"), ErrMalformed},
		{"bad create date", resigned("vnp_CreateDate", "2026"), ErrMalformed},
		{"bad expire date", resigned("vnp_ExpireDate", "tomorrow"), ErrMalformed},
		{"bad ref", resigned("vnp_TxnRef", "hồ sơ"), ErrMalformed},
		{"return URL elsewhere", resigned("vnp_ReturnUrl", "//evil.example/x"), ErrMalformed},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := s.Complete(tc.q, "00", created); !errors.Is(err, tc.want) {
				t.Errorf("Complete error = %v, want %v", err, tc.want)
			}
		})
	}
}

func TestPayURLRefusesOrders(t *testing.T) {
	v := testVNPay(t)
	for _, tc := range []struct {
		field string
		edit  func(o *Order)
	}{
		{"ref", func(o *Order) { o.Ref = "" }},
		{"ref", func(o *Order) { o.Ref = "hồ sơ 1" }},
		{"ref", func(o *Order) { o.Ref = strings.Repeat("1", MaxRefLen+1) }},
		{"amount", func(o *Order) { o.Amount = 0 }},
		{"amount", func(o *Order) { o.Amount = -50_000 }},
		{"amount", func(o *Order) { o.Amount = MaxAmount + 1 }},
		{"info", func(o *Order) { o.Info = " (!) " }},
		{"return_url", func(o *Order) { o.ReturnURL = "" }},
		{"return_url", func(o *Order) { o.ReturnURL = "javascript:alert(1)" }},
		{"return_url", func(o *Order) { o.ReturnURL = "https:///no-host" }},
		{"ip_addr", func(o *Order) { o.IPAddr = "203.113.135.10:443" }},
		{"ip_addr", func(o *Order) { o.IPAddr = "" }},
		{"created_at", func(o *Order) { o.CreatedAt = time.Time{} }},
		{"expire_at", func(o *Order) { o.ExpireAt = o.CreatedAt }},
		{"locale", func(o *Order) { o.Locale = "vi" }},
		{"bank_code", func(o *Order) { o.BankCode = "NCB&x=1" }},
	} {
		t.Run(tc.field, func(t *testing.T) {
			o := testOrder()
			tc.edit(&o)
			_, err := v.PayURL(o)
			if cchc.ErrorCode(err) != cchc.EINVALID || cchc.ErrorFields(err)[tc.field] == "" {
				t.Errorf("PayURL error = %v (fields %v), want EINVALID on %s", err, cchc.ErrorFields(err), tc.field)
			}
		})
	}
	// Optional values may be left out.
	o := testOrder()
	o.ExpireAt, o.Locale, o.BankCode = time.Time{}, "", ""
	pay, err := v.PayURL(o)
	if err != nil {
		t.Fatal(err)
	}
	q := query(t, pay)
	if q.Get("vnp_Locale") != "vn" || q.Has("vnp_ExpireDate") || q.Has("vnp_BankCode") {
		t.Errorf("PayURL without optional values = %s", pay)
	}
	o.IPAddr = "2001:db8::1"
	if _, err := v.PayURL(o); err != nil {
		t.Errorf("PayURL with an IPv6 address: %v", err)
	}
}

func TestNewProviders(t *testing.T) {
	for _, c := range []VNPayConfig{
		{HashSecret: "s"},
		{TmnCode: "2QXUI4J4"},
		{TmnCode: "2QX UI4J4", HashSecret: "s"},
		{TmnCode: "2QXUI4J4", HashSecret: "s", URL: "/vpcpay.html"},
		{TmnCode: "2QXUI4J4", HashSecret: "s", URL: "https://pay.example/vpcpay.html?a=1"},
	} {
		if _, err := NewVNPay(c); err == nil {
			t.Errorf("NewVNPay(%+v) succeeded", c)
		}
	}
	if _, err := NewSandbox(SandboxConfig{}); err == nil {
		t.Error("NewSandbox without a secret succeeded")
	}
	v := testVNPay(t)
	if v.Name() != "vnpay" || testSandbox(t).Name() != "sandbox" {
		t.Error("provider names changed: storage keeps them")
	}
	var _ Provider = v
	var _ Provider = testSandbox(t)
}

func TestCallbackURL(t *testing.T) {
	cb := url.Values{"vnp_SecureHash": {"ab"}, "vnp_B": {"x y"}, "vnp_A": {"1"}}
	for _, tc := range []struct{ base, want string }{
		{"/ve", "/ve?vnp_A=1&vnp_B=x+y&vnp_SecureHash=ab"},
		{"https://x.vn/ve?lang=vi", "https://x.vn/ve?lang=vi&vnp_A=1&vnp_B=x+y&vnp_SecureHash=ab"},
		{"https://x.vn/ve#top", "https://x.vn/ve?vnp_A=1&vnp_B=x+y&vnp_SecureHash=ab#top"},
		{"/ve?", "/ve?vnp_A=1&vnp_B=x+y&vnp_SecureHash=ab"},
	} {
		if got := CallbackURL(tc.base, cb); got != tc.want {
			t.Errorf("CallbackURL(%q) = %q, want %q", tc.base, got, tc.want)
		}
	}
}
