package payment

import (
	"errors"
	"net/url"
	"strings"
	"testing"
	"time"
)

func TestRoundTrip(t *testing.T) {
	at := created.Add(4*time.Minute + 12*time.Second)
	for _, p := range []struct {
		name     string
		provider Provider
		bank     *Sandbox
	}{
		{"vnpay", testVNPay(t), testBank(t)},
		{"sandbox", testBank(t), testBank(t)},
	} {
		for _, tc := range []struct {
			outcome    string
			success    bool
			status     string
			bankTranNo bool
		}{
			{"00", true, "00", true},
			{"07", false, "07", true},
			{"09", false, "02", false},
			{"10", false, "02", false},
			{"11", false, "02", false},
			{"24", false, "02", false},
			{"51", false, "02", false},
			{"65", false, "02", false},
			{"75", false, "02", false},
			{"99", false, "02", false},
		} {
			t.Run(p.name+"/"+tc.outcome, func(t *testing.T) {
				o := testOrder()
				q := callback(t, p.provider, p.bank, o, tc.outcome, at)
				res, err := p.provider.Verify(q)
				if err != nil {
					t.Fatalf("Verify: %v", err)
				}
				if res.Ref != o.Ref || res.Amount != o.Amount || res.ResponseCode != tc.outcome ||
					res.Success != tc.success || res.TransactionStatus != tc.status {
					t.Errorf("Verify = %+v", res)
				}
				if !res.PayDate.Equal(at) {
					t.Errorf("PayDate = %v, want %v", res.PayDate, at)
				}
				if res.BankCode != "NCB" || len(res.TransactionNo) != 8 {
					t.Errorf("BankCode, TransactionNo = %q, %q", res.BankCode, res.TransactionNo)
				}
				if got := q.Get("vnp_BankTranNo") != ""; got != tc.bankTranNo {
					t.Errorf("vnp_BankTranNo present = %v, want %v", got, tc.bankTranNo)
				}
				if got := res.Raw.Get("vnp_OrderInfo"); got != "Le phi cap ban sao van bang ho so 000.00.31.H26-260213-0042" {
					t.Errorf("vnp_OrderInfo = %q", got)
				}
			})
		}
	}
}

func TestVerifyRefuses(t *testing.T) {
	v := testVNPay(t)
	good := callback(t, v, testBank(t), testOrder(), "00", created.Add(time.Minute))
	if _, err := v.Verify(good); err != nil {
		t.Fatalf("the untampered callback does not verify: %v", err)
	}
	otherTerminal, err := NewSandbox(SandboxConfig{Secret: testSecret, TmnCode: "OTHER001"})
	if err != nil {
		t.Fatal(err)
	}
	otherOrder := testOrder()
	otherOrder.Amount = 20_000
	otherSecret, err := NewSandbox(SandboxConfig{Secret: "another secret", TmnCode: testTmnCode})
	if err != nil {
		t.Fatal(err)
	}
	signedBy := func(bank *Sandbox, o Order) func(url.Values) url.Values {
		return func(url.Values) url.Values { return callback(t, bank, bank, o, "00", created.Add(time.Minute)) }
	}
	set := func(key, value string) func(url.Values) url.Values {
		return func(q url.Values) url.Values { q.Set(key, value); return q }
	}
	for _, tc := range []struct {
		name string
		edit func(q url.Values) url.Values // of a copy of good
		want error                         // nil: must verify
	}{
		{"changed amount", set("vnp_Amount", "100"), ErrSignature},
		{"changed ref", set("vnp_TxnRef", "000.00.31.H26-260213-0043-1"), ErrSignature},
		{"changed response code", set("vnp_ResponseCode", "24"), ErrSignature},
		{"changed hash", func(q url.Values) url.Values {
			h := []byte(q.Get("vnp_SecureHash"))
			if h[10] == '0' { // another hex digit: still a well-formed hash
				h[10] = '1'
			} else {
				h[10] = '0'
			}
			q.Set("vnp_SecureHash", string(h))
			return q
		}, ErrSignature},
		{"missing hash", func(q url.Values) url.Values { q.Del("vnp_SecureHash"); return q }, ErrSignature},
		{"empty hash", set("vnp_SecureHash", ""), ErrSignature},
		{"truncated hash", func(q url.Values) url.Values { return set("vnp_SecureHash", q.Get("vnp_SecureHash")[:64])(q) }, ErrSignature},
		{"hash not hex", set("vnp_SecureHash", strings.Repeat("zz", 64)), ErrSignature},
		{"hash repeated", func(q url.Values) url.Values { q.Add("vnp_SecureHash", q.Get("vnp_SecureHash")); return q }, ErrSignature},
		{"added signed parameter", set("vnp_Extra", "1"), ErrSignature},
		{"signed parameter repeated", func(q url.Values) url.Values { q.Add("vnp_Amount", "100"); return q }, ErrSignature},
		{"signed by another secret", signedBy(otherSecret, testOrder()), ErrSignature},
		{"wrong terminal code", signedBy(otherTerminal, testOrder()), ErrTerminal},
		{"extra empty parameter ignored", set("vnp_Extra", ""), nil},
		{"other parameter ignored", set("utm_source", "zalo"), nil},
		{"hash type ignored", set("vnp_SecureHashType", "SHA256"), nil},
		{"upper-case hash", func(q url.Values) url.Values {
			return set("vnp_SecureHash", strings.ToUpper(q.Get("vnp_SecureHash")))(q)
		}, nil},
		{"different amount, correctly signed", signedBy(testBank(t), otherOrder), nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, err := v.Verify(tc.edit(cloneValues(good)))
			if tc.want == nil {
				if err != nil || res == nil || res.Ref == "" {
					t.Fatalf("Verify = %+v, %v; want success", res, err)
				}
				return
			}
			if !errors.Is(err, tc.want) {
				t.Fatalf("Verify error = %v, want %v", err, tc.want)
			}
			if res != nil {
				t.Errorf("Verify returned a result with an error: %+v", res)
			}
		})
	}
}

// The parameters arrive in another order, in another encoding of the same
// values: the signature is over the values, not the bytes received.
func TestVerifyParameterOrder(t *testing.T) {
	v := testVNPay(t)
	good := callback(t, v, testBank(t), testOrder(), "00", created.Add(time.Minute))
	keys := []string{}
	for k := range good {
		keys = append(keys, k)
	}
	for i, j := 0, len(keys)-1; i < j; i, j = i+1, j-1 {
		keys[i], keys[j] = keys[j], keys[i]
	}
	var parts []string
	for _, k := range keys {
		// url.PathEscape writes spaces as %20, not '+'.
		parts = append(parts, k+"="+url.PathEscape(good.Get(k)))
	}
	raw := strings.Join(parts, "&")
	q, err := url.ParseQuery(raw)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := v.Verify(q); err != nil {
		t.Errorf("Verify(%s): %v", raw, err)
	}
}

// Correctly signed but malformed values: the signature holds, the values
// cannot be used.
func TestVerifyMalformed(t *testing.T) {
	v := testVNPay(t)
	good := callback(t, v, testBank(t), testOrder(), "00", created.Add(time.Minute))
	for _, tc := range []struct {
		name  string
		key   string
		value string
	}{
		{"amount not a whole number of đồng", "vnp_Amount", "5000050"},
		{"amount with a point", "vnp_Amount", "50000.00"},
		{"amount negative", "vnp_Amount", "-5000000"},
		{"amount zero", "vnp_Amount", "0"},
		{"amount too large", "vnp_Amount", "99999999999999999999"},
		{"amount missing", "vnp_Amount", ""},
		{"ref missing", "vnp_TxnRef", ""},
		{"response code missing", "vnp_ResponseCode", ""},
		{"pay date not a date", "vnp_PayDate", "20261341000000"},
		{"pay date short", "vnp_PayDate", "2026021315"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			q := resign(t, good, tc.key, tc.value)
			if _, err := v.Verify(q); !errors.Is(err, ErrMalformed) {
				t.Errorf("Verify error = %v, want ErrMalformed", err)
			}
		})
	}
}

// resign returns q with key set to value (deleted if empty) and signed again
// with the test secret, as a gateway with a bug would send it.
func resign(t *testing.T, q url.Values, key, value string) url.Values {
	t.Helper()
	q = cloneValues(q)
	if value == "" {
		q.Del(key)
	} else {
		q.Set(key, value)
	}
	data, err := signData(q)
	if err != nil {
		t.Fatal(err)
	}
	q.Set("vnp_SecureHash", sign(testSecret, data))
	return q
}
