package payment

import (
	"errors"
	"net/url"
)

// SandboxURL is the payment page of VNPAY's test environment, the default
// VNPayConfig.URL. The production URL is issued with the production terminal.
const SandboxURL = "https://sandbox.vnpayment.vn/paymentv2/vpcpay.html"

// VNPayConfig configures the VNPAY gateway. TmnCode and HashSecret are issued
// by VNPAY with the terminal; the IPN URL is not part of it: it is registered
// at VNPAY for the terminal.
type VNPayConfig struct {
	TmnCode    string // vnp_TmnCode
	HashSecret string // the secret key of HMAC-SHA512
	URL        string // the payment page; SandboxURL if empty
	Version    string // Version if empty
}

// VNPay is the VNPAY payment gateway (redirect + IPN, version 2.1.0).
type VNPay struct {
	t   terminal
	url string
}

// NewVNPay returns the VNPAY provider, or an error if the terminal code, the
// secret or the URL is missing or malformed.
func NewVNPay(c VNPayConfig) (*VNPay, error) {
	if c.URL == "" {
		c.URL = SandboxURL
	}
	if c.Version == "" {
		c.Version = Version
	}
	switch u, err := url.Parse(c.URL); {
	case c.TmnCode == "" || !validBankCode(c.TmnCode):
		return nil, errors.New("payment: VNPAY terminal code (vnp_TmnCode) is missing or not alphanumeric")
	case c.HashSecret == "":
		return nil, errors.New("payment: VNPAY hash secret is missing")
	case err != nil || u.Scheme != "https" && u.Scheme != "http" || u.Host == "" || u.RawQuery != "":
		return nil, errors.New("payment: VNPAY URL must be an absolute http(s) URL without a query")
	}
	return &VNPay{t: terminal{tmnCode: c.TmnCode, secret: c.HashSecret, version: c.Version}, url: c.URL}, nil
}

// Name returns "vnpay".
func (v *VNPay) Name() string { return "vnpay" }

// PayURL returns the signed URL of VNPAY's payment page for o. The return
// URL must be absolute. Invalid orders give an EINVALID *cchc.Error.
func (v *VNPay) PayURL(o Order) (string, error) { return v.t.payURL(v.url, o, true) }

// Verify checks the parameters of a return URL or an IPN call from VNPAY:
// the signature first (ErrSignature), then the terminal (ErrTerminal), then
// the values (ErrMalformed).
func (v *VNPay) Verify(q url.Values) (*Result, error) { return v.t.verify(q) }
