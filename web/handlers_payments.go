package web

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/hpdoet/cchc"
	"github.com/hpdoet/cchc/calendar"
	"github.com/hpdoet/cchc/payment"
	"github.com/hpdoet/cchc/report"
	"github.com/hpdoet/cchc/sqldb"
)

// paymentWindow is how long a payment request stays open at the gateway.
const paymentWindow = 15 * time.Minute

// setupPayments builds the configured gateways: VNPAY when configured, and
// the built-in sandbox bank when enabled (demo and tests only: it "pays"
// without money).
func (s *Server) setupPayments() error {
	s.providers = map[string]payment.Provider{}
	if c := s.cfg.VNPay; c != nil {
		v, err := payment.NewVNPay(*c)
		if err != nil {
			return err
		}
		s.providers[v.Name()] = v
		s.providerOrder = append(s.providerOrder, v.Name())
	}
	if s.cfg.PaymentSandbox {
		m := hmac.New(sha256.New, s.secret)
		m.Write([]byte("payment-sandbox"))
		sb, err := payment.NewSandbox(payment.SandboxConfig{Secret: hex.EncodeToString(m.Sum(nil))})
		if err != nil {
			return err
		}
		s.sandbox = sb
		s.providers[sb.Name()] = sb
		s.providerOrder = append(s.providerOrder, sb.Name())
	}
	return nil
}

// providerName is how a gateway is named to users.
func providerName(name string) string {
	switch name {
	case "vnpay":
		return "VNPAY"
	case "sandbox":
		return "Cổng thanh toán thử nghiệm"
	case "counter":
		return "Tiền mặt tại Bộ phận Một cửa"
	}
	return name
}

// paymentData is the fee part of a dossier page.
type paymentData struct {
	Fee       int64
	Paid      bool
	Payments  []*sqldb.Payment
	Providers []string // gateways the payer may use
	CanPay    bool     // the viewer may start an online payment now
	CanCash   bool     // the viewer may record cash at the counter
}

func (s *Server) paymentData(r *http.Request, rec *sqldb.DossierRecord) (*paymentData, error) {
	list, fee, paid, err := s.db.DossierPayments(r.Context(), rec.Code())
	if err != nil {
		return nil, err
	}
	me := cchc.UserFromContext(r.Context())
	open := !rec.D.State.Terminal()
	d := &paymentData{Fee: fee, Paid: paid, Payments: list, Providers: s.providerOrder}
	d.CanPay = fee > 0 && !paid && open && len(s.providerOrder) > 0 && (me.Role == cchc.RoleCitizen || me.Role == cchc.RoleOneStop)
	d.CanCash = fee > 0 && !paid && open && me.Role == cchc.RoleOneStop
	return d, nil
}

// startPayment opens a payment attempt and sends the payer to the gateway.
func (s *Server) startPayment(w http.ResponseWriter, r *http.Request) error {
	pay, err := s.beginPayment(r, r.PathValue("code"), r.PostFormValue("provider"))
	if err != nil {
		return err
	}
	http.Redirect(w, r, pay, http.StatusSeeOther)
	return nil
}

func (s *Server) apiStartPayment(w http.ResponseWriter, r *http.Request) error {
	var body struct {
		Provider string `json:"provider"`
	}
	if err := decodeJSON(r, &body); err != nil {
		return err
	}
	pay, err := s.beginPayment(r, r.PathValue("code"), body.Provider)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, map[string]string{"pay_url": pay})
	return nil
}

func (s *Server) beginPayment(r *http.Request, code, provider string) (string, error) {
	if provider == "" && len(s.providerOrder) > 0 {
		provider = s.providerOrder[0]
	}
	p, ok := s.providers[provider]
	if !ok {
		if len(s.providers) == 0 {
			return "", cchc.Errorf(cchc.ECONFLICT, "Chưa có cổng thanh toán trực tuyến: vui lòng nộp phí tại Bộ phận Một cửa.")
		}
		return "", cchc.Invalid("Cổng thanh toán không hợp lệ.", map[string]string{"provider": "Hãy chọn một cổng thanh toán trong danh sách."})
	}
	pay, err := s.db.StartPayment(r.Context(), code, p.Name())
	if err != nil {
		return "", err
	}
	now := s.db.Now()
	locale := "vn"
	if language(r) == "en" {
		locale = "en"
	}
	return p.PayURL(payment.Order{
		Ref: pay.Ref, Amount: pay.Amount, Info: "Thanh toán phí hồ sơ " + code,
		ReturnURL: s.absURL(r, "/thanh-toan/ket-qua/"+p.Name()), IPAddr: cchc.ClientFromContext(r.Context()).IP,
		CreatedAt: now, ExpireAt: now.Add(paymentWindow), Locale: locale,
	})
}

// absURL makes a site path absolute with the public base URL, or the
// request's host when none is configured.
func (s *Server) absURL(r *http.Request, path string) string {
	base := s.cfg.BaseURL
	if base == "" {
		base = "http://" + r.Host
	}
	return strings.TrimRight(base, "/") + path
}

// ipn is the gateway's server-to-server notification: verified, recorded
// once, answered in the protocol's JSON whatever happens.
func (s *Server) ipn(w http.ResponseWriter, r *http.Request) error {
	p, ok := s.providers[r.PathValue("provider")]
	if !ok {
		return cchc.Errorf(cchc.ENOTFOUND, "Không có cổng thanh toán %s.", r.PathValue("provider"))
	}
	writeJSON(w, http.StatusOK, s.confirm(r, p, "ipn", r.URL.Query()))
	return nil
}

// confirm verifies and records a callback. A storage failure answers
// "unknown error", which makes the gateway retry later.
func (s *Server) confirm(r *http.Request, p payment.Provider, kind string, q url.Values) payment.IPNReply {
	res, verr := p.Verify(q)
	reply, err := s.db.ConfirmPayment(r.Context(), p.Name(), kind, q, res, verr)
	if err != nil {
		s.log.Error("payment callback not recorded", "provider", p.Name(), "kind", kind, "ref", q.Get("vnp_TxnRef"), "err", err)
		return payment.NewIPNReply(payment.RspUnknownError)
	}
	if verr != nil {
		s.log.Warn("payment callback refused", "provider", p.Name(), "kind", kind, "ref", q.Get("vnp_TxnRef"), "rsp", reply.RspCode, "err", verr)
	}
	return reply
}

type paymentResultData struct {
	OK       bool   // the callback was authentic
	Code     string // vnp_ResponseCode
	Message  string
	Payment  *sqldb.Payment // nil when the viewer may not see it
	Provider string
}

// paymentReturn is where the gateway sends the payer back. The page shows
// what storage holds (which only the IPN changes) and the gateway's message.
func (s *Server) paymentReturn(w http.ResponseWriter, r *http.Request) error {
	p, ok := s.providers[r.PathValue("provider")]
	if !ok {
		return cchc.Errorf(cchc.ENOTFOUND, "Không có cổng thanh toán %s.", r.PathValue("provider"))
	}
	q := r.URL.Query()
	reply := s.confirm(r, p, "return", q)
	d := &paymentResultData{Provider: providerName(p.Name())}
	status := http.StatusOK
	if reply.RspCode == payment.RspFailChecksum || reply.RspCode == payment.RspUnknownError {
		d.Message = "Kết quả thanh toán không xác thực được (sai chữ ký hoặc dữ liệu). Giao dịch không được ghi nhận từ trang này."
		status = http.StatusBadRequest
	} else {
		d.OK, d.Code = true, q.Get("vnp_ResponseCode")
		d.Message = payment.ResponseMessage(d.Code)
		if pay, err := s.db.PaymentByRef(r.Context(), q.Get("vnp_TxnRef")); err == nil {
			d.Payment = pay
		}
	}
	s.render(w, r, status, "payment_result", s.newPage(r, s.i18n.T(language(r), "payment.result_title"), d))
	return nil
}

type sandboxData struct {
	Req      *payment.Request
	Query    string
	Outcomes []string
	Error    string
}

// sandboxOutcomes are the answers the sandbox bank offers.
var sandboxOutcomes = []string{payment.CodeSuccess, payment.CodeCancelled, payment.CodeNoFunds, payment.CodeSuspected}

// sandboxPage is the built-in bank's payment page.
func (s *Server) sandboxPage(w http.ResponseWriter, r *http.Request) error {
	if s.sandbox == nil {
		return cchc.Errorf(cchc.ENOTFOUND, "Cổng thanh toán thử nghiệm không được bật.")
	}
	req, err := s.sandbox.ParseRequest(r.URL.Query())
	if err != nil {
		return cchc.Errorf(cchc.EINVALID, "Yêu cầu thanh toán không hợp lệ (sai chữ ký hoặc thiếu tham số).")
	}
	d := &sandboxData{Req: req, Query: r.URL.RawQuery, Outcomes: sandboxOutcomes}
	s.render(w, r, http.StatusOK, "sandbox", s.newPage(r, "Cổng thanh toán thử nghiệm", d))
	return nil
}

// sandboxPay plays the bank: it answers the request with the chosen
// outcome, notifies cchc as the gateway's IPN would (the same handler
// path), then sends the browser to the return URL.
func (s *Server) sandboxPay(w http.ResponseWriter, r *http.Request) error {
	if s.sandbox == nil {
		return cchc.Errorf(cchc.ENOTFOUND, "Cổng thanh toán thử nghiệm không được bật.")
	}
	q, err := url.ParseQuery(r.PostFormValue("request"))
	if err != nil {
		return cchc.Errorf(cchc.EINVALID, "Yêu cầu thanh toán không đọc được.")
	}
	outcome := r.PostFormValue("outcome")
	if !slices.Contains(sandboxOutcomes, outcome) {
		return cchc.Invalid("Kết quả giao dịch thử không hợp lệ.", map[string]string{"outcome": "Hãy chọn một kết quả trong danh sách."})
	}
	req, err := s.sandbox.ParseRequest(q)
	if err != nil {
		return cchc.Errorf(cchc.EINVALID, "Yêu cầu thanh toán không hợp lệ (sai chữ ký hoặc thiếu tham số).")
	}
	cb, err := s.sandbox.Complete(q, outcome, s.db.Now())
	if err != nil {
		return err
	}
	if reply := s.confirm(r, s.sandbox, "ipn", cb); reply.RspCode == payment.RspUnknownError {
		return fmt.Errorf("sandbox IPN for %s not recorded", req.Ref)
	}
	target := req.ReturnURL
	if strings.HasPrefix(target, "/") {
		target = s.absURL(r, target)
	}
	http.Redirect(w, r, payment.CallbackURL(target, cb), http.StatusSeeOther)
	return nil
}

// cashPayment records a fee paid in cash at the counter.
func (s *Server) cashPayment(w http.ResponseWriter, r *http.Request) error {
	code := r.PathValue("code")
	if _, err := s.db.RecordCashPayment(r.Context(), code); err != nil {
		return err
	}
	http.Redirect(w, r, "/ho-so/"+url.PathEscape(code)+"?ok=cash_paid", http.StatusSeeOther)
	return nil
}

func (s *Server) apiPayments(w http.ResponseWriter, r *http.Request) error {
	list, fee, paid, err := s.db.DossierPayments(r.Context(), r.PathValue("code"))
	if err != nil {
		return err
	}
	if list == nil {
		list = []*sqldb.Payment{}
	}
	writeJSON(w, http.StatusOK, map[string]any{"fee": fee, "paid": paid, "payments": list})
	return nil
}

// feeReceiptPDF is the electronic receipt of a paid fee.
func (s *Server) feeReceiptPDF(w http.ResponseWriter, r *http.Request) error {
	code, ref := r.PathValue("code"), r.PathValue("ref")
	pay, err := s.db.PaymentByRef(r.Context(), ref)
	if err != nil {
		return err
	}
	if pay.DossierCode != code || pay.State != sqldb.PaymentPaid || pay.PaidAt == nil {
		return cchc.Errorf(cchc.ENOTFOUND, "Không có biên lai cho giao dịch %s.", ref)
	}
	rec, err := s.db.FindDossier(r.Context(), code)
	if err != nil {
		return err
	}
	method := "Tiền mặt tại Bộ phận Một cửa"
	if pay.Method == sqldb.MethodOnline {
		method = "Trực tuyến qua " + providerName(pay.Provider)
	}
	collector := ""
	if pay.Method == sqldb.MethodCash {
		collector = receiver(rec)
	}
	var buf bytes.Buffer
	err = report.WriteFeeReceipt(&buf, report.FeeReceipt{
		Agency: s.agency(), Number: pay.Ref, DossierCode: code, ProcedureName: rec.ProcedureName, Payer: rec.ApplicantName,
		Address: rec.Form["dia_chi"], Amount: pay.Amount, Method: method, TransactionNo: pay.TransactionNo, PaidAt: *pay.PaidAt,
		Collector: collector, LookupURL: s.lookupURL(r, code),
	})
	if err != nil {
		return fmt.Errorf("write fee receipt %s: %w", ref, err)
	}
	return writePDF(w, "bien-lai-"+pay.Ref+".pdf", buf.Bytes())
}

type reconData struct {
	From, To string // dd/mm/yyyy as shown in the form
	Rows     []sqldb.ReconRow
	Total    sqldb.ReconRow
	Query    string
	Error    string
}

// reconRange reads ?tu=&den= (dd/mm/yyyy or yyyy-mm-dd); the default is
// the last 30 days up to today. Days are civil dates, as midnight UTC.
func (s *Server) reconRange(r *http.Request, fromKey, toKey string) (time.Time, time.Time, error) {
	today := s.db.Now().In(calendar.Vietnam)
	to := time.Date(today.Year(), today.Month(), today.Day(), 0, 0, 0, 0, time.UTC)
	from := to.AddDate(0, 0, -29)
	for _, p := range []struct {
		key string
		dst *time.Time
	}{{fromKey, &from}, {toKey, &to}} {
		v := strings.TrimSpace(r.URL.Query().Get(p.key))
		if v == "" {
			continue
		}
		day, err := parseCivil(v)
		if err != nil {
			return from, to, cchc.Invalid("Ngày không hợp lệ.", map[string]string{p.key: "Ngày viết dạng dd/mm/yyyy."})
		}
		*p.dst = time.Date(day.Year, day.Month, day.Day, 0, 0, 0, 0, time.UTC)
	}
	return from, to, nil
}

func (s *Server) reconciliationPage(w http.ResponseWriter, r *http.Request) error {
	from, to, err := s.reconRange(r, "tu", "den")
	d := &reconData{From: from.Format("02/01/2006"), To: to.Format("02/01/2006")}
	if err == nil {
		d.Rows, err = s.db.Reconciliation(r.Context(), from, to)
	}
	switch cchc.ErrorCode(err) {
	case "":
	case cchc.EINVALID:
		d.Error = cchc.ErrorMessage(err)
		for _, f := range cchc.ErrorFields(err) {
			d.Error += " " + f
		}
		if v := r.URL.Query().Get("tu"); v != "" {
			d.From = v
		}
		if v := r.URL.Query().Get("den"); v != "" {
			d.To = v
		}
		s.render(w, r, http.StatusUnprocessableEntity, "reconciliation", s.newPage(r, s.i18n.T(language(r), "recon.title"), d))
		return nil
	default:
		return err
	}
	for _, row := range d.Rows {
		d.Total.Paid += row.Paid
		d.Total.PaidAmount += row.PaidAmount
		d.Total.Failed += row.Failed
		d.Total.Pending += row.Pending
		d.Total.Suspect += row.Suspect
		d.Total.Mismatches += row.Mismatches
	}
	d.Query = url.Values{"tu": {d.From}, "den": {d.To}}.Encode()
	s.render(w, r, http.StatusOK, "reconciliation", s.newPage(r, s.i18n.T(language(r), "recon.title"), d))
	return nil
}

func (s *Server) reconciliationXLSX(w http.ResponseWriter, r *http.Request) error {
	from, to, err := s.reconRange(r, "tu", "den")
	if err != nil {
		return err
	}
	return s.writeRecon(w, r, from, to)
}

func (s *Server) apiReconciliationXLSX(w http.ResponseWriter, r *http.Request) error {
	from, to, err := s.reconRange(r, "from", "to")
	if err != nil {
		return err
	}
	return s.writeRecon(w, r, from, to)
}

func (s *Server) writeRecon(w http.ResponseWriter, r *http.Request, from, to time.Time) error {
	rows, err := s.db.Reconciliation(r.Context(), from, to)
	if err != nil {
		return err
	}
	rec := report.Reconciliation{Issuer: "Sở Giáo dục và Đào tạo Hải Phòng", From: from, To: to, GeneratedAt: s.db.Now()}
	for _, row := range rows {
		day, err := time.Parse("2006-01-02", row.Day)
		if err != nil {
			return fmt.Errorf("reconciliation day %q: %w", row.Day, err)
		}
		rec.Rows = append(rec.Rows, report.ReconRow{Day: day, Provider: row.Provider, Paid: row.Paid, PaidAmount: row.PaidAmount,
			Failed: row.Failed, Pending: row.Pending, Suspect: row.Suspect, Mismatches: row.Mismatches})
	}
	var buf bytes.Buffer
	if err := report.WriteReconciliation(&buf, rec); err != nil {
		return fmt.Errorf("write reconciliation: %w", err)
	}
	name := fmt.Sprintf("doi-soat-thanh-toan-%s-%s.xlsx", from.Format("20060102"), to.Format("20060102"))
	w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
	w.Header().Set("Cache-Control", "private, no-store")
	w.Write(buf.Bytes())
	return nil
}

func (s *Server) apiReconciliation(w http.ResponseWriter, r *http.Request) error {
	from, to, err := s.reconRange(r, "from", "to")
	if err != nil {
		return err
	}
	rows, err := s.db.Reconciliation(r.Context(), from, to)
	if err != nil {
		return err
	}
	if rows == nil {
		rows = []sqldb.ReconRow{}
	}
	writeJSON(w, http.StatusOK, map[string]any{"from": from.Format("2006-01-02"), "to": to.Format("2006-01-02"), "rows": rows})
	return nil
}
