package payment

import (
	"encoding/binary"
	"errors"
	"fmt"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/hpdoet/cchc"
)

// Defaults of SandboxConfig.
const (
	SandboxPath    = "/thanh-toan/sandbox"
	SandboxTmnCode = "CCHCDEMO"
	SandboxBank    = "NCB"
)

// SandboxConfig configures the built-in bank.
type SandboxConfig struct {
	Secret  string // signs requests and callbacks; required (cmd may draw one at start)
	URL     string // the bank page; SandboxPath if empty
	TmnCode string // SandboxTmnCode if empty
}

// Sandbox is the built-in bank of the demo and the tests. It speaks the same
// protocol as VNPay (the same parameters, signed the same way with its own
// secret), but its payment page is served by cchc itself: the page shows the
// request (ParseRequest), lets the user pick an outcome, and turns it into
// the signed callback (Complete) that cchc's return URL and IPN handler
// receive as they would from VNPAY. No money moves.
type Sandbox struct {
	t   terminal
	url string
}

// NewSandbox returns the sandbox provider, or an error if the secret is
// missing.
func NewSandbox(c SandboxConfig) (*Sandbox, error) {
	if c.Secret == "" {
		return nil, errors.New("payment: sandbox secret is missing")
	}
	if c.URL == "" {
		c.URL = SandboxPath
	}
	if c.TmnCode == "" {
		c.TmnCode = SandboxTmnCode
	}
	if !validBankCode(c.TmnCode) {
		return nil, errors.New("payment: sandbox terminal code is not alphanumeric")
	}
	return &Sandbox{t: terminal{tmnCode: c.TmnCode, secret: c.Secret, version: Version}, url: c.URL}, nil
}

// Name returns "sandbox".
func (s *Sandbox) Name() string { return "sandbox" }

// PayURL returns the sandbox bank page's URL with the signed request for o.
// The return URL may be absolute or a path on this site.
func (s *Sandbox) PayURL(o Order) (string, error) { return s.t.payURL(s.url, o, false) }

// Verify checks callback parameters as VNPay.Verify does, with the sandbox's
// secret and terminal.
func (s *Sandbox) Verify(q url.Values) (*Result, error) { return s.t.verify(q) }

// Request is a payment request as the sandbox bank page received it.
type Request struct {
	Ref       string
	Amount    int64 // đồng
	Info      string
	ReturnURL string
	Locale    string
	BankCode  string
	CreatedAt time.Time
	ExpireAt  time.Time // zero if none
}

// ParseRequest verifies the signature and terminal of a request arriving at
// the bank page and returns it. Its errors wrap ErrSignature, ErrTerminal or
// ErrMalformed.
func (s *Sandbox) ParseRequest(q url.Values) (*Request, error) {
	if err := s.t.authenticate(q); err != nil {
		return nil, err
	}
	for _, p := range [][2]string{{"vnp_Version", s.t.version}, {"vnp_Command", commandPay}, {"vnp_CurrCode", currVND}} {
		if got := q.Get(p[0]); got != p[1] {
			return nil, fmt.Errorf("%w: %s is %s, want %q", ErrMalformed, p[0], clip(got), p[1])
		}
	}
	r := &Request{
		Ref:       q.Get("vnp_TxnRef"),
		Info:      q.Get("vnp_OrderInfo"),
		ReturnURL: q.Get("vnp_ReturnUrl"),
		Locale:    q.Get("vnp_Locale"),
		BankCode:  q.Get("vnp_BankCode"),
	}
	if !validRef(r.Ref) {
		return nil, fmt.Errorf("%w: vnp_TxnRef %s", ErrMalformed, clip(r.Ref))
	}
	if !validReturnURL(r.ReturnURL, false) {
		return nil, fmt.Errorf("%w: vnp_ReturnUrl %s", ErrMalformed, clip(r.ReturnURL))
	}
	var err error
	if r.Amount, err = parseAmount(q.Get("vnp_Amount")); err != nil {
		return nil, err
	}
	if r.CreatedAt, err = parseDate("vnp_CreateDate", q.Get("vnp_CreateDate")); err != nil {
		return nil, err
	}
	if e := q.Get("vnp_ExpireDate"); e != "" {
		if r.ExpireAt, err = parseDate("vnp_ExpireDate", e); err != nil {
			return nil, err
		}
	}
	return r, nil
}

// Complete is the sandbox bank's answer to the request q: it verifies q
// (ParseRequest) and returns the signed callback parameters for the outcome
// at time at — the set that the return URL and the IPN call both carry.
// outcome is a vnp_ResponseCode with a message of its own (ResponseMessage),
// e.g. "00" success, "24" cancelled, "11" timed out, "51" insufficient
// funds. After the request's vnp_ExpireDate the outcome is "11" whatever was
// asked, as at a real gateway. An unknown outcome is an EINVALID
// *cchc.Error.
func (s *Sandbox) Complete(q url.Values, outcome string, at time.Time) (url.Values, error) {
	req, err := s.ParseRequest(q)
	if err != nil {
		return nil, err
	}
	if !knownCode(outcome) {
		return nil, cchc.Invalid("Kết quả giao dịch thử không hợp lệ.", map[string]string{
			"outcome": "Hãy chọn một kết quả trong danh sách.",
		})
	}
	if !req.ExpireAt.IsZero() && at.After(req.ExpireAt) {
		outcome = CodeTimeout
	}
	amount, _ := formatAmount(req.Amount) // ParseRequest checked the range
	txn := s.transactionNo(req.Ref, at)
	cb := url.Values{
		"vnp_Amount":            {amount},
		"vnp_BankCode":          {SandboxBank},
		"vnp_CardType":          {"ATM"},
		"vnp_OrderInfo":         {req.Info},
		"vnp_PayDate":           {formatDate(at)},
		"vnp_ResponseCode":      {outcome},
		"vnp_TmnCode":           {s.t.tmnCode},
		"vnp_TransactionNo":     {txn},
		"vnp_TransactionStatus": {sandboxStatus(outcome)},
		"vnp_TxnRef":            {req.Ref},
		paramHashType:           {HashType},
	}
	if outcome == CodeSuccess || outcome == CodeSuspected {
		cb.Set("vnp_BankTranNo", SandboxBank+txn)
	}
	data, err := signData(cb)
	if err != nil {
		return nil, fmt.Errorf("sign sandbox callback: %w", err)
	}
	cb.Set(paramSecureHash, sign(s.t.secret, data))
	return cb, nil
}

// transactionNo derives the sandbox's vnp_TransactionNo, 8 digits like
// VNPAY's, from the reference and the time: deterministic, so tests can fix
// it, and distinct for distinct attempts but by rare chance.
func (s *Sandbox) transactionNo(ref string, at time.Time) string {
	n := binary.BigEndian.Uint64(mac(s.t.secret, "transaction|"+ref+"|"+formatDate(at)))
	return strconv.FormatUint(10_000_000+n%90_000_000, 10)
}

// sandboxStatus returns the vnp_TransactionStatus the sandbox reports with a
// response code. That VNPAY reports "02" (error) for a failed or cancelled
// payment is recalled, not confirmed by a source read.
func sandboxStatus(code string) string {
	switch code {
	case CodeSuccess:
		return StatusSuccess
	case CodeSuspected:
		return "07"
	}
	return "02"
}

// CallbackURL returns returnURL with the callback parameters cb appended
// (keys sorted, encoded as in the signature, vnp_SecureHash last): where the
// sandbox bank page sends the browser back.
func CallbackURL(returnURL string, cb url.Values) string {
	keys := make([]string, 0, len(cb))
	for k := range cb {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		hi, hj := keys[i] == paramSecureHash, keys[j] == paramSecureHash
		if hi != hj {
			return hj
		}
		return keys[i] < keys[j]
	})
	var b strings.Builder
	for _, k := range keys {
		for _, v := range cb[k] {
			if b.Len() > 0 {
				b.WriteByte('&')
			}
			formEncode(&b, k)
			b.WriteByte('=')
			formEncode(&b, v)
		}
	}
	return joinQuery(returnURL, b.String())
}
