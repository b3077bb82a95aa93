package sqldb

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"sort"
	"time"

	"github.com/hpdoet/cchc"
	"github.com/hpdoet/cchc/payment"
)

// Payment states.
const (
	PaymentPending = "pending"
	PaymentPaid    = "paid"
	PaymentFailed  = "failed"
	PaymentSuspect = "suspect" // debited but held by the gateway's fraud check (code 07)
)

// Payment methods.
const (
	MethodOnline = "online"
	MethodCash   = "cash"
)

// Payment is one attempt to pay a dossier's fee.
type Payment struct {
	ID            int64      `json:"id"`
	DossierCode   string     `json:"dossier_code"`
	Ref           string     `json:"ref"`
	Provider      string     `json:"provider"`
	Method        string     `json:"method"`
	Amount        int64      `json:"amount"`
	State         string     `json:"state"`
	ResponseCode  string     `json:"response_code,omitempty"`
	TransactionNo string     `json:"transaction_no,omitempty"`
	BankCode      string     `json:"bank_code,omitempty"`
	CreatedAt     time.Time  `json:"created_at"`
	PaidAt        *time.Time `json:"paid_at,omitempty"`
}

const paymentColumns = `p.id, d.code, p.ref, p.provider, p.method, p.amount, p.state, p.response_code, p.transaction_no, p.bank_code,
	p.created_at, p.paid_at`

func scanPayment(s interface{ Scan(...any) error }) (*Payment, error) {
	var p Payment
	if err := s.Scan(&p.ID, &p.DossierCode, &p.Ref, &p.Provider, &p.Method, &p.Amount, &p.State, &p.ResponseCode, &p.TransactionNo,
		&p.BankCode, &p.CreatedAt, &p.PaidAt); err != nil {
		return nil, err
	}
	return &p, nil
}

func (tx *Tx) paymentsOf(ctx context.Context, dossierID int64) ([]*Payment, error) {
	rows, err := tx.QueryContext(ctx, `SELECT `+paymentColumns+` FROM payments p JOIN dossiers d ON d.id = p.dossier_id
		WHERE p.dossier_id = $1 ORDER BY p.id`, dossierID)
	if err != nil {
		return nil, fmt.Errorf("query payments: %w", err)
	}
	defer rows.Close()
	var out []*Payment
	for rows.Next() {
		p, err := scanPayment(rows)
		if err != nil {
			return nil, fmt.Errorf("scan payment: %w", err)
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// feeOf returns the fee a dossier owes and whether it has been paid.
func (tx *Tx) feeOf(ctx context.Context, r *DossierRecord) (fee int64, paid bool, err error) {
	p, err := findProcedure(ctx, tx, r.D.ProcedureCode, true)
	if err != nil {
		return 0, false, err
	}
	if p.Fee <= 0 {
		return 0, true, nil
	}
	err = tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM payments WHERE dossier_id = $1 AND state = $2)`, r.ID, PaymentPaid).Scan(&paid)
	if err != nil {
		return 0, false, fmt.Errorf("check payment: %w", err)
	}
	return p.Fee, paid, nil
}

// DossierPayments lists a dossier's payments, for whoever may see the dossier.
func (db *DB) DossierPayments(ctx context.Context, code string) ([]*Payment, int64, bool, error) {
	rec, err := db.FindDossier(ctx, code)
	if err != nil {
		return nil, 0, false, err
	}
	var out []*Payment
	var fee int64
	var paid bool
	err = db.read(ctx, func(tx *Tx) error {
		var err error
		if fee, paid, err = tx.feeOf(ctx, rec); err != nil {
			return err
		}
		out, err = tx.paymentsOf(ctx, rec.ID)
		return err
	})
	return out, fee, paid, err
}

// StartPayment opens an online payment attempt for a dossier's fee: the
// applicant pays their own dossier, the counter may start one for them.
// The reference is unique; the amount is the procedure's fee.
func (db *DB) StartPayment(ctx context.Context, code, provider string) (*Payment, error) {
	me := cchc.UserFromContext(ctx)
	if me == nil || (me.Role != cchc.RoleCitizen && me.Role != cchc.RoleOneStop) {
		return nil, cchc.Errorf(cchc.EFORBIDDEN, "Chỉ người nộp hồ sơ hoặc cán bộ một cửa được thanh toán phí.")
	}
	var out *Payment
	err := db.write(ctx, func(tx *Tx) error {
		r, err := tx.loadDossier(ctx, code, false)
		if err != nil {
			return err
		}
		if ok, err := tx.canSeeDossier(ctx, me, r); err != nil {
			return err
		} else if !ok {
			return cchc.Errorf(cchc.ENOTFOUND, "Không tìm thấy hồ sơ %s.", code)
		}
		if r.D.State.Terminal() {
			return cchc.Errorf(cchc.ECONFLICT, "Hồ sơ %s đã kết thúc, không cần nộp phí.", code)
		}
		fee, paid, err := tx.feeOf(ctx, r)
		if err != nil {
			return err
		}
		switch {
		case fee == 0:
			return cchc.Errorf(cchc.ECONFLICT, "Thủ tục này không thu phí, lệ phí.")
		case paid:
			return cchc.Errorf(cchc.ECONFLICT, "Hồ sơ %s đã nộp phí.", code)
		}
		var attempts int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM payments WHERE dossier_id = $1`, r.ID).Scan(&attempts); err != nil {
			return fmt.Errorf("count payment attempts: %w", err)
		}
		out = &Payment{DossierCode: code, Ref: payment.NewRef(code, attempts+1), Provider: provider, Method: MethodOnline, Amount: fee,
			State: PaymentPending, CreatedAt: tx.now}
		if err := tx.QueryRowContext(ctx, `INSERT INTO payments (dossier_id, ref, provider, method, amount, state, created_by, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) RETURNING id`, r.ID, out.Ref, provider, MethodOnline, fee, PaymentPending, nullID(me.ID), tx.now).Scan(&out.ID); err != nil {
			return fmt.Errorf("insert payment: %w", mapError(err))
		}
		return tx.audit(ctx, "payment.start", "payment", out.Ref, nil, out)
	})
	return out, err
}

// RecordCashPayment records a fee paid in cash at the counter (one-stop officers only).
func (db *DB) RecordCashPayment(ctx context.Context, code string) (*Payment, error) {
	me := cchc.UserFromContext(ctx)
	if !me.IsOfficial() || me.Role != cchc.RoleOneStop {
		return nil, cchc.Errorf(cchc.EFORBIDDEN, "Chỉ cán bộ một cửa được thu phí tại quầy.")
	}
	var out *Payment
	err := db.write(ctx, func(tx *Tx) error {
		r, err := tx.loadDossier(ctx, code, false)
		if err != nil {
			return err
		}
		fee, paid, err := tx.feeOf(ctx, r)
		if err != nil {
			return err
		}
		switch {
		case fee == 0:
			return cchc.Errorf(cchc.ECONFLICT, "Thủ tục này không thu phí, lệ phí.")
		case paid:
			return cchc.Errorf(cchc.ECONFLICT, "Hồ sơ %s đã nộp phí.", code)
		}
		now := tx.now
		out = &Payment{DossierCode: code, Ref: code + "-TM", Provider: "counter", Method: MethodCash, Amount: fee, State: PaymentPaid,
			CreatedAt: now, PaidAt: &now}
		if err := tx.QueryRowContext(ctx, `INSERT INTO payments (dossier_id, ref, provider, method, amount, state, created_by, created_at, paid_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8, $8) RETURNING id`, r.ID, out.Ref, out.Provider, MethodCash, fee, PaymentPaid, me.ID, now).Scan(&out.ID); err != nil {
			return fmt.Errorf("insert cash payment: %w", mapError(err))
		}
		if err := tx.refreshFacts(ctx, r.ID); err != nil {
			return err
		}
		return tx.audit(ctx, "payment.cash", "payment", out.Ref, nil, out)
	})
	return out, err
}

// ConfirmPayment handles a gateway callback: it logs the callback (forged
// ones too), and for a server-to-server notification (kind "ipn") applies
// the protocol's order — signature, order, amount, already confirmed — in
// one transaction, so a repeated notification changes nothing. The return
// URL (kind "return") is only logged: browsers can be made to show anything.
func (db *DB) ConfirmPayment(ctx context.Context, provider, kind string, q url.Values, res *payment.Result, verifyErr error) (payment.IPNReply, error) {
	var reply payment.IPNReply
	err := db.write(ctx, func(tx *Tx) error {
		ref := q.Get("vnp_TxnRef")
		var p *Payment
		if ref != "" {
			var err error
			p, err = scanPayment(tx.QueryRowContext(ctx, `SELECT `+paymentColumns+` FROM payments p JOIN dossiers d ON d.id = p.dossier_id WHERE p.ref = $1`, ref))
			if err != nil && !isNoRows(err) {
				return fmt.Errorf("find payment %s: %w", ref, err)
			}
		}
		state := payment.OrderState{}
		if p != nil {
			state = payment.OrderState{Found: true, Amount: p.Amount, Confirmed: p.State != PaymentPending}
		}
		reply = payment.DecideIPN(res, verifyErr, state)
		outcome := "refused"
		switch {
		case errors.Is(verifyErr, payment.ErrSignature):
			outcome = "forged"
		case kind != "ipn":
			outcome = "shown"
		case reply.RspCode == payment.RspAlreadyConfirmed:
			outcome = "duplicate" // gateways repeat notifications: not a mismatch
		case reply.OK() && res != nil && res.Success:
			outcome = PaymentPaid
		case reply.OK():
			outcome = PaymentFailed
		}
		params, _ := json.Marshal(q)
		var amount any
		if res != nil {
			amount = res.Amount
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO payment_callbacks (provider, kind, ref, at, outcome, rsp_code, amount, params)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, provider, kind, ref, tx.now, outcome, reply.RspCode, amount, string(params)); err != nil {
			return fmt.Errorf("log payment callback: %w", err)
		}
		if kind != "ipn" || !reply.OK() || p == nil {
			return nil
		}
		before := *p
		newState := PaymentFailed
		var paidAt any
		if res.Success {
			newState, paidAt = PaymentPaid, res.PayDate.UTC()
		} else if res.ResponseCode == "07" {
			newState = PaymentSuspect
		}
		if _, err := tx.ExecContext(ctx, `UPDATE payments SET state = $1, response_code = $2, transaction_no = $3, bank_code = $4, paid_at = $5,
			updated_at = $6 WHERE id = $7 AND state = $8`, newState, res.ResponseCode, res.TransactionNo, res.BankCode, paidAt, tx.now, p.ID, PaymentPending); err != nil {
			return fmt.Errorf("update payment %s: %w", ref, err)
		}
		if newState == PaymentPaid {
			var dossierID int64
			if err := tx.QueryRowContext(ctx, `SELECT dossier_id FROM payments WHERE id = $1`, p.ID).Scan(&dossierID); err != nil {
				return fmt.Errorf("find the payment's dossier: %w", err)
			}
			if err := tx.refreshFacts(ctx, dossierID); err != nil {
				return err
			}
		}
		p.State, p.ResponseCode, p.TransactionNo, p.BankCode = newState, res.ResponseCode, res.TransactionNo, res.BankCode
		if res.Success {
			t := res.PayDate
			p.PaidAt = &t
		}
		return tx.audit(ctx, "payment."+newState, "payment", ref, before, p)
	})
	return reply, err
}

// ReconRow is one line of the Office's reconciliation: a day and provider.
type ReconRow struct {
	Day        string `json:"day"`
	Provider   string `json:"provider"`
	Paid       int    `json:"paid"`
	PaidAmount int64  `json:"paid_amount"`
	Failed     int    `json:"failed"`
	Pending    int    `json:"pending"`
	Suspect    int    `json:"suspect"`
	Mismatches int    `json:"mismatches"` // callbacks refused: forged signature, unknown order, wrong amount
}

// Reconciliation summarises payments per civil day (Vietnam) and provider
// between from and to (inclusive), for the Office, the leaders and admins.
func (db *DB) Reconciliation(ctx context.Context, from, to time.Time) ([]ReconRow, error) {
	me := cchc.UserFromContext(ctx)
	if !me.SeesAllUnits() {
		return nil, cchc.Errorf(cchc.EFORBIDDEN, "Chỉ Văn phòng Sở, Lãnh đạo Sở được xem đối soát thanh toán.")
	}
	if to.Before(from) || to.Sub(from) > 400*24*time.Hour {
		return nil, cchc.Invalid("Khoảng thời gian không hợp lệ.", map[string]string{"to": "Đến ngày phải sau từ ngày, tối đa 400 ngày."})
	}
	// Days are grouped in Go: the engines disagree on date functions, and
	// the range is bounded.
	start, end := from.Add(-7*time.Hour), to.AddDate(0, 0, 1).Add(-7*time.Hour)
	rows := map[string]*ReconRow{}
	key := func(t time.Time, provider string) *ReconRow {
		day := t.In(time.FixedZone("ICT", 7*3600)).Format("2006-01-02")
		k := day + "|" + provider
		if rows[k] == nil {
			rows[k] = &ReconRow{Day: day, Provider: provider}
		}
		return rows[k]
	}
	q, err := db.sql.QueryContext(ctx, `SELECT created_at, provider, state, amount FROM payments WHERE created_at >= $1 AND created_at < $2`, start, end)
	if err != nil {
		return nil, fmt.Errorf("query payments: %w", err)
	}
	for q.Next() {
		var at time.Time
		var provider, state string
		var amount int64
		if err := q.Scan(&at, &provider, &state, &amount); err != nil {
			q.Close()
			return nil, fmt.Errorf("scan payment: %w", err)
		}
		r := key(at, provider)
		switch state {
		case PaymentPaid:
			r.Paid++
			r.PaidAmount += amount
		case PaymentFailed:
			r.Failed++
		case PaymentPending:
			r.Pending++
		case PaymentSuspect:
			r.Suspect++
		}
	}
	q.Close()
	c, err := db.sql.QueryContext(ctx, `SELECT at, provider FROM payment_callbacks WHERE at >= $1 AND at < $2 AND outcome IN ('forged', 'refused')`, start, end)
	if err != nil {
		return nil, fmt.Errorf("query callbacks: %w", err)
	}
	defer c.Close()
	for c.Next() {
		var at time.Time
		var provider string
		if err := c.Scan(&at, &provider); err != nil {
			return nil, fmt.Errorf("scan callback: %w", err)
		}
		key(at, provider).Mismatches++
	}
	out := make([]ReconRow, 0, len(rows))
	for _, r := range rows {
		out = append(out, *r)
	}
	sortRecon(out)
	return out, c.Err()
}

func sortRecon(rows []ReconRow) {
	sort.Slice(rows, func(i, j int) bool {
		if rows[i].Day != rows[j].Day {
			return rows[i].Day > rows[j].Day // newest day first
		}
		return rows[i].Provider < rows[j].Provider
	})
}

// PaymentByRef returns a payment by its reference, for whoever may see its
// dossier.
func (db *DB) PaymentByRef(ctx context.Context, ref string) (*Payment, error) {
	p, err := scanPayment(db.sql.QueryRowContext(ctx, `SELECT `+paymentColumns+` FROM payments p JOIN dossiers d ON d.id = p.dossier_id WHERE p.ref = $1`, ref))
	if isNoRows(err) {
		return nil, cchc.Errorf(cchc.ENOTFOUND, "Không tìm thấy giao dịch %s.", ref)
	} else if err != nil {
		return nil, fmt.Errorf("find payment %s: %w", ref, err)
	}
	if _, err := db.FindDossier(ctx, p.DossierCode); err != nil {
		return nil, err
	}
	return p, nil
}
