// Package payment speaks the redirect + signed callback protocol of online fee
// payment (VNPAY payment gateway, version 2.1.0): it builds the signed URL the
// citizen's browser is sent to, verifies the signed parameters the gateway
// sends back to the return URL and to the IPN URL, and decides the IPN reply.
//
// Two providers speak it: VNPay, the real gateway, and Sandbox, the built-in
// bank of the demo and the tests, which signs with its own secret and serves
// its "bank page" inside cchc. Both share one signing function.
//
// The package is pure: no SQL, no HTTP server, no clock (callers pass times).
// See docs/payments.md.
package payment

import (
	"errors"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// Provider is a payment gateway speaking the redirect + signed callback
// protocol.
type Provider interface {
	// Name identifies the provider in storage and logs: "vnpay", "sandbox".
	Name() string
	// PayURL returns the signed URL to redirect the payer's browser to.
	PayURL(o Order) (string, error)
	// Verify checks the signed parameters of a return URL or an IPN call and
	// returns the payment result they carry. Its errors wrap ErrSignature,
	// ErrTerminal or ErrMalformed.
	Verify(q url.Values) (*Result, error)
}

// Order is one payment attempt to send to a gateway.
type Order struct {
	Ref       string    // vnp_TxnRef: unique within the day (see NewRef); ASCII letters, digits, '-', '_', '.'; at most 100
	Amount    int64     // đồng; sent ×100
	Info      string    // vnp_OrderInfo; Vietnamese allowed: diacritics are stripped (see OrderInfo)
	ReturnURL string    // where the gateway sends the browser back
	IPAddr    string    // the payer's IP address
	CreatedAt time.Time // vnp_CreateDate
	ExpireAt  time.Time // vnp_ExpireDate; zero for none
	Locale    string    // "vn" (default) or "en"
	BankCode  string    // optional: pre-selects a bank or method, e.g. "NCB", "VNPAYQR"
}

// Result is the outcome a gateway reports for one payment attempt. Only a
// verified Result (Verify returned no error) may be trusted, and only the
// IPN's may change state: see docs/payments.md.
type Result struct {
	Ref               string // vnp_TxnRef
	Amount            int64  // đồng (vnp_Amount divided back by 100)
	Success           bool   // ResponseCode "00" and TransactionStatus "00"
	ResponseCode      string // vnp_ResponseCode; ResponseMessage explains it
	TransactionStatus string // vnp_TransactionStatus
	TransactionNo     string // vnp_TransactionNo: the gateway's id of the transaction
	BankCode          string // vnp_BankCode
	CardType          string // vnp_CardType: "ATM", "QRCODE", …
	PayDate           time.Time
	Raw               url.Values // every parameter received, for the callback log
}

// Errors of Verify (and of Sandbox.Complete). Callers recognise them with
// errors.Is; DecideIPN maps ErrSignature to RspCode 97 and the others to 99.
var (
	// ErrSignature: vnp_SecureHash is missing, not hex, or does not match the
	// parameters, or a signed parameter is repeated.
	ErrSignature = errors.New("payment: bad or missing signature")
	// ErrTerminal: correctly signed, but for another terminal (vnp_TmnCode).
	ErrTerminal = errors.New("payment: parameters are for another terminal")
	// ErrMalformed: correctly signed, but a parameter is missing or cannot be
	// parsed (an amount that is not a whole number of đồng, a bad date).
	ErrMalformed = errors.New("payment: malformed parameter")
)

// MaxRefLen is the longest vnp_TxnRef the protocol allows.
const MaxRefLen = 100

// NewRef returns the vnp_TxnRef of the attempt-th payment attempt (from 1) of
// the dossier, "<dossier code>-<attempt>", e.g. "000.00.31.H26-260213-0042-1".
// A dossier code is unique for ever, so the reference is unique within the
// day (as the protocol requires) and beyond. Characters outside ASCII letters,
// digits, '-', '_' and '.' (never in a valid dossier code) become '_', and the
// code is shortened so that the result fits MaxRefLen.
func NewRef(dossierCode string, attempt int) string {
	suffix := "-" + strconv.Itoa(attempt)
	var b strings.Builder
	for _, r := range StripDiacritics(dossierCode) {
		if b.Len()+len(suffix) >= MaxRefLen {
			break
		}
		if !refChar(r) {
			r = '_'
		}
		b.WriteRune(r)
	}
	return b.String() + suffix
}

// refChar reports whether r may appear in a vnp_TxnRef we send.
func refChar(r rune) bool {
	return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_' || r == '.'
}

// validRef reports whether s is a reference PayURL accepts.
func validRef(s string) bool {
	if s == "" || len(s) > MaxRefLen {
		return false
	}
	for _, r := range s {
		if !refChar(r) {
			return false
		}
	}
	return true
}
