package payment

import (
	"fmt"
	"net/netip"
	"net/url"
	"strings"

	"github.com/hpdoet/cchc"
)

// Version is the protocol version both providers speak.
const Version = "2.1.0"

// Fixed request values of the protocol.
const (
	commandPay = "pay"
	currVND    = "VND"
	orderOther = "other"
)

// terminal is what both providers share: a terminal code (vnp_TmnCode), the
// secret that signs for it, and the protocol version. It builds signed
// requests and verifies callbacks; the providers differ only in where the
// request goes.
type terminal struct {
	tmnCode string
	secret  string
	version string
}

// payURL validates o and returns base with the signed request appended.
// absoluteReturn requires an absolute http(s) return URL, which a real
// gateway needs to send the browser back.
func (t terminal) payURL(base string, o Order, absoluteReturn bool) (string, error) {
	q, err := t.request(o, absoluteReturn)
	if err != nil {
		return "", err
	}
	query, err := signedQuery(t.secret, q)
	if err != nil {
		return "", fmt.Errorf("sign payment request: %w", err)
	}
	return joinQuery(base, query), nil
}

// request returns the unsigned vnp_* parameters of o, or an EINVALID
// *cchc.Error naming the fields at fault.
func (t terminal) request(o Order, absoluteReturn bool) (url.Values, error) {
	f := map[string]string{}
	if !validRef(o.Ref) {
		f["ref"] = fmt.Sprintf("Mã giao dịch phải có 1–%d ký tự gồm chữ cái không dấu, chữ số, '-', '_' hoặc '.'.", MaxRefLen)
	}
	amount, err := formatAmount(o.Amount)
	if err != nil {
		f["amount"] = fmt.Sprintf("Số tiền thanh toán phải từ 1 đến %d đồng.", int64(MaxAmount))
	}
	info := OrderInfo(o.Info)
	if info == "" {
		f["info"] = "Nội dung thanh toán không được để trống."
	}
	if !validReturnURL(o.ReturnURL, absoluteReturn) {
		f["return_url"] = "Địa chỉ trở về sau khi thanh toán không hợp lệ."
	}
	if _, err := netip.ParseAddr(o.IPAddr); err != nil {
		f["ip_addr"] = "Địa chỉ IP của người nộp tiền không hợp lệ."
	}
	if o.CreatedAt.IsZero() {
		f["created_at"] = "Thiếu thời điểm tạo giao dịch."
	}
	if !o.ExpireAt.IsZero() && !o.ExpireAt.After(o.CreatedAt) {
		f["expire_at"] = "Hạn thanh toán phải sau thời điểm tạo giao dịch."
	}
	locale := o.Locale
	switch locale {
	case "":
		locale = "vn"
	case "vn", "en":
	default:
		f["locale"] = "Ngôn ngữ của trang thanh toán phải là vn hoặc en."
	}
	if !validBankCode(o.BankCode) {
		f["bank_code"] = "Mã ngân hàng chỉ gồm tối đa 20 chữ cái không dấu và chữ số."
	}
	if len(f) > 0 {
		return nil, cchc.Invalid("Không tạo được yêu cầu thanh toán.", f)
	}
	q := url.Values{
		"vnp_Version":    {t.version},
		"vnp_Command":    {commandPay},
		"vnp_TmnCode":    {t.tmnCode},
		"vnp_Amount":     {amount},
		"vnp_CurrCode":   {currVND},
		"vnp_TxnRef":     {o.Ref},
		"vnp_OrderInfo":  {info},
		"vnp_OrderType":  {orderOther},
		"vnp_Locale":     {locale},
		"vnp_ReturnUrl":  {o.ReturnURL},
		"vnp_IpAddr":     {o.IPAddr},
		"vnp_CreateDate": {formatDate(o.CreatedAt)},
	}
	if !o.ExpireAt.IsZero() {
		q.Set("vnp_ExpireDate", formatDate(o.ExpireAt))
	}
	if o.BankCode != "" {
		q.Set("vnp_BankCode", o.BankCode)
	}
	return q, nil
}

// verify checks the signature and terminal of callback parameters and parses
// the result they carry. The signature is checked first, so nothing else of
// an unsigned set is looked at.
func (t terminal) verify(q url.Values) (*Result, error) {
	if err := t.authenticate(q); err != nil {
		return nil, err
	}
	r := &Result{
		Ref:               q.Get("vnp_TxnRef"),
		ResponseCode:      q.Get("vnp_ResponseCode"),
		TransactionStatus: q.Get("vnp_TransactionStatus"),
		TransactionNo:     q.Get("vnp_TransactionNo"),
		BankCode:          q.Get("vnp_BankCode"),
		CardType:          q.Get("vnp_CardType"),
		Raw:               cloneValues(q),
	}
	if r.Ref == "" {
		return nil, fmt.Errorf("%w: vnp_TxnRef is missing", ErrMalformed)
	}
	if r.ResponseCode == "" {
		return nil, fmt.Errorf("%w: vnp_ResponseCode is missing", ErrMalformed)
	}
	var err error
	if r.Amount, err = parseAmount(q.Get("vnp_Amount")); err != nil {
		return nil, err
	}
	if s := q.Get("vnp_PayDate"); s != "" {
		if r.PayDate, err = parseDate("vnp_PayDate", s); err != nil {
			return nil, err
		}
	}
	r.Success = r.ResponseCode == CodeSuccess && r.TransactionStatus == StatusSuccess
	return r, nil
}

// authenticate checks the signature of q (ErrSignature), then that it is
// for this terminal (ErrTerminal).
func (t terminal) authenticate(q url.Values) error {
	if err := checkSignature(t.secret, q); err != nil {
		return err
	}
	if got := q.Get("vnp_TmnCode"); got != t.tmnCode {
		return fmt.Errorf("%w: vnp_TmnCode %s", ErrTerminal, clip(got))
	}
	return nil
}

// validReturnURL reports whether s can be sent as vnp_ReturnUrl: an absolute
// http(s) URL, or with absolute false also a path on this site ("/…").
func validReturnURL(s string, absolute bool) bool {
	u, err := url.Parse(s)
	if err != nil || s == "" || strings.ContainsAny(s, " \t\r\n") {
		return false
	}
	if u.Scheme == "http" || u.Scheme == "https" {
		return u.Host != ""
	}
	return !absolute && u.Scheme == "" && u.Host == "" && strings.HasPrefix(s, "/") && !strings.HasPrefix(s, "//")
}

// validBankCode reports whether s can be sent as vnp_BankCode: at most 20
// ASCII letters and digits ("" means none).
func validBankCode(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
			return false
		}
	}
	return len(s) <= 20
}

// joinQuery appends a query string to base, before any fragment.
func joinQuery(base, query string) string {
	frag := ""
	if i := strings.IndexByte(base, '#'); i >= 0 {
		base, frag = base[:i], base[i:]
	}
	sep := "?"
	if strings.Contains(base, "?") {
		sep = "&"
		if strings.HasSuffix(base, "?") || strings.HasSuffix(base, "&") {
			sep = ""
		}
	}
	return base + sep + query + frag
}

// cloneValues returns a deep copy of q.
func cloneValues(q url.Values) url.Values {
	c := make(url.Values, len(q))
	for k, vs := range q {
		c[k] = append([]string(nil), vs...)
	}
	return c
}
