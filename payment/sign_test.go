package payment

import (
	"crypto/hmac"
	"crypto/sha512"
	"encoding/hex"
	"errors"
	"net/url"
	"strings"
	"testing"
)

// goldenRequest is the signed data of testOrder written out by hand: keys in
// byte order, values form-encoded, diacritics and parentheses gone.
const goldenRequest = "vnp_Amount=5000000&vnp_BankCode=NCB&vnp_Command=pay&vnp_CreateDate=20260213153000" +
	"&vnp_CurrCode=VND&vnp_ExpireDate=20260213154500&vnp_IpAddr=203.113.135.10&vnp_Locale=vn" +
	"&vnp_OrderInfo=Le+phi+cap+ban+sao+van+bang+ho+so+000.00.31.H26-260213-0042&vnp_OrderType=other" +
	"&vnp_ReturnUrl=https%3A%2F%2Fdvc.haiphong.edu.vn%2Fthanh-toan%2Fve&vnp_TmnCode=2QXUI4J4" +
	"&vnp_TxnRef=000.00.31.H26-260213-0042-1&vnp_Version=2.1.0"

// goldenRequestHash is `printf '%s' "$goldenRequest" | openssl dgst -sha512 -hmac "$testSecret"`.
const goldenRequestHash = "33006a922aba13dd79813bb249a29a399f81e377aff168856b3f1289f99912ef" +
	"ea58376004b6a0d18bad6da5fdf6e22fc2fef4c7152501d03665f307382f2c9d"

// goldenCallback is a success callback written out by hand, and its hash
// computed with openssl the same way.
const (
	goldenCallback = "vnp_Amount=5000000&vnp_BankCode=NCB&vnp_BankTranNo=VNP14422574&vnp_CardType=ATM" +
		"&vnp_OrderInfo=Le+phi+cap+ban+sao+van+bang&vnp_PayDate=20260213153412&vnp_ResponseCode=00" +
		"&vnp_TmnCode=2QXUI4J4&vnp_TransactionNo=14422574&vnp_TransactionStatus=00" +
		"&vnp_TxnRef=000.00.31.H26-260213-0042-1"
	goldenCallbackHash = "a6e98627d976fbad2628d7455701a8257e3210dc8bfae9d558302f0a6d97be50" +
		"864044b93a847d6e3ea4b41dc616957b8206c2f6548c56c460226ea3427211d9"
)

func TestGoldenRequestSignature(t *testing.T) {
	// An independent construction first: crypto/hmac over the literal.
	m := hmac.New(sha512.New, []byte(testSecret))
	m.Write([]byte(goldenRequest))
	if got := hex.EncodeToString(m.Sum(nil)); got != goldenRequestHash {
		t.Fatalf("HMAC of the literal = %s, want the openssl value %s", got, goldenRequestHash)
	}

	pay, err := testVNPay(t).PayURL(testOrder())
	if err != nil {
		t.Fatal(err)
	}
	want := SandboxURL + "?" + goldenRequest + "&vnp_SecureHash=" + goldenRequestHash
	if pay != want {
		t.Errorf("PayURL =\n%s\nwant\n%s", pay, want)
	}
}

func TestGoldenCallbackVerifies(t *testing.T) {
	q, err := url.ParseQuery(goldenCallback + "&vnp_SecureHashType=HMACSHA512&vnp_SecureHash=" + goldenCallbackHash)
	if err != nil {
		t.Fatal(err)
	}
	res, err := testVNPay(t).Verify(q)
	if err != nil {
		t.Fatalf("Verify: %v", err)
	}
	if !res.Success || res.Amount != 50_000 || res.Ref != "000.00.31.H26-260213-0042-1" ||
		res.TransactionNo != "14422574" || res.BankCode != "NCB" || res.CardType != "ATM" ||
		res.ResponseCode != "00" || res.TransactionStatus != "00" {
		t.Errorf("Verify = %+v", res)
	}
	if want := "2026-02-13T08:34:12Z"; res.PayDate.UTC().Format("2006-01-02T15:04:05Z") != want {
		t.Errorf("PayDate = %v, want %s", res.PayDate, want)
	}
}

// The expected outputs were produced by URLSearchParams in Node.js.
func TestFormEncodeIsURLSearchParams(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"a b", "a+b"},
		{"*-._~", "*-._%7E"},
		{"!'()", "%21%27%28%29"},
		{"https://x.vn/a?b=c&d=e#f", "https%3A%2F%2Fx.vn%2Fa%3Fb%3Dc%26d%3De%23f"},
		{"Lệ phí", "L%E1%BB%87+ph%C3%AD"},
		{"100%+", "100%25%2B"},
		{"ĐĐ", "%C4%90%C4%90"},
		{"tab\there", "tab%09here"},
		{"\u00a0", "%C2%A0"},
		{"", ""},
	} {
		t.Run(tc.in, func(t *testing.T) {
			var b strings.Builder
			formEncode(&b, tc.in)
			if got := b.String(); got != tc.want {
				t.Errorf("formEncode(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestSignData(t *testing.T) {
	for _, tc := range []struct {
		name string
		q    url.Values
		want string
	}{
		{"sorted by bytes", url.Values{"vnp_b": {"2"}, "vnp_B": {"1"}, "vnp_a": {"3"}}, "vnp_B=1&vnp_a=3&vnp_b=2"},
		{"hash and hash type left out", url.Values{"vnp_A": {"1"}, "vnp_SecureHash": {"ab"}, "vnp_SecureHashType": {"HMACSHA512"}}, "vnp_A=1"},
		{"empty values dropped", url.Values{"vnp_A": {"1"}, "vnp_B": {""}, "vnp_C": {"", ""}}, "vnp_A=1"},
		{"other parameters ignored", url.Values{"vnp_A": {"1"}, "lang": {"vi"}, "VNP_B": {"2"}}, "vnp_A=1"},
		{"values encoded", url.Values{"vnp_A": {"a b&c"}}, "vnp_A=a+b%26c"},
		{"nothing", url.Values{}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := signData(tc.q)
			if err != nil || got != tc.want {
				t.Errorf("signData = %q, %v; want %q", got, err, tc.want)
			}
		})
	}
	for _, q := range []url.Values{
		{"vnp_A": {"1", "2"}},
		{"vnp_A": {"", "2"}},
		{"vnp_A": {"1", ""}},
	} {
		if _, err := signData(q); !errors.Is(err, ErrSignature) {
			t.Errorf("signData(%v) error = %v, want ErrSignature (a repeated parameter)", q, err)
		}
	}
}
