package sqldb_test

import (
	"context"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/hpdoet/cchc"
	"github.com/hpdoet/cchc/dossier"
	"github.com/hpdoet/cchc/payment"
	"github.com/hpdoet/cchc/sqldb"
	"github.com/hpdoet/cchc/sqldb/sqldbtest"
)

// copyRequest is a valid online request for 1.010020 (bản sao văn bằng, 10.000 đồng).
func copyRequest() sqldb.NewDossier {
	return sqldb.NewDossier{ProcedureCode: "1.010020", Declaration: true,
		Form: url.Values{"ho_ten": {"Hoàng Văn Nam"}, "so_cccd": {"031095001234"}, "ngay_sinh": {"12/05/1995"}, "dien_thoai": {"0912345678"},
			"quan_he": {"Người được cấp văn bằng, chứng chỉ"}, "loai_van_bang": {"Bằng tốt nghiệp THPT"}, "truong": {"Trường THPT Trần Phú"},
			"nam_tot_nghiep": {"2013"}, "so_ban_sao": {"2"}, "hinh_thuc_nhan": {"Nhận trực tiếp tại Bộ phận Một cửa"}, "cam_ket": {"1"}},
		Files: []sqldb.NewDossierFile{
			{DocKey: "don-de-nghi", Name: "don.pdf", SHA256: strings.Repeat("a", 64), ContentType: "application/pdf", Size: 10},
			{DocKey: "cccd", Name: "cccd.pdf", SHA256: strings.Repeat("c", 64), ContentType: "application/pdf", Size: 10}}}
}

func TestPayments(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		o := newOneStop(t, db)
		rec, _, err := db.SubmitDossier(o.as("congdan"), copyRequest())
		if err != nil {
			t.Fatalf("submit: %v %v", err, cchc.ErrorFields(err))
		}
		code := rec.Code()
		if _, _, err := db.ActOnDossier(o.as("motcua"), code, dossier.Receive, sqldb.ActionInput{}); err != nil {
			t.Fatal(err)
		}
		if _, _, err := db.ActOnDossier(o.as("motcua"), code, dossier.Assign, sqldb.ActionInput{}); cchc.ErrorCode(err) != cchc.ECONFLICT {
			t.Fatalf("processing before the fee is paid: %v", err)
		}
		sandbox, _ := payment.NewSandbox(payment.SandboxConfig{Secret: "bi-mat-thu-nghiem"})
		if _, err := db.StartPayment(o.as("cv.khtc"), code, sandbox.Name()); cchc.ErrorCode(err) != cchc.EFORBIDDEN {
			t.Errorf("a specialist starts a payment: %v", err)
		}
		p, err := db.StartPayment(o.as("congdan"), code, sandbox.Name())
		if err != nil || p.Amount != 10000 {
			t.Fatalf("start payment: %+v %v", p, err)
		}
		pay := func(ref string, amount int64, outcome string) url.Values {
			u, err := sandbox.PayURL(payment.Order{Ref: ref, Amount: amount, Info: "Lệ phí " + code, ReturnURL: "https://cchc.example/thanh-toan/ket-qua",
				IPAddr: "203.0.113.9", CreatedAt: *o.clock, ExpireAt: o.clock.Add(15 * time.Minute), Locale: "vn"})
			if err != nil {
				t.Fatal(err)
			}
			parsed, _ := url.Parse(u)
			cb, err := sandbox.Complete(parsed.Query(), outcome, o.clock.Add(time.Minute))
			if err != nil {
				t.Fatal(err)
			}
			return cb
		}
		ipn := func(q url.Values) payment.IPNReply {
			res, verr := sandbox.Verify(q)
			reply, err := db.ConfirmPayment(context.Background(), sandbox.Name(), "ipn", q, res, verr)
			if err != nil {
				t.Fatal(err)
			}
			return reply
		}
		// A forged callback and one with another amount are refused and logged.
		forged := pay(p.Ref, 10000, "00")
		forged.Set("vnp_Amount", "100")
		if r := ipn(forged); r.RspCode != payment.RspFailChecksum {
			t.Errorf("forged = %+v", r)
		}
		if r := ipn(pay(p.Ref, 5000, "00")); r.RspCode != payment.RspInvalidAmount {
			t.Errorf("amount mismatch = %+v", r)
		}
		if r := ipn(pay("KHONG-CO", 10000, "00")); r.RspCode != payment.RspOrderNotFound {
			t.Errorf("unknown order = %+v", r)
		}
		good := pay(p.Ref, 10000, "00")
		if r := ipn(good); r.RspCode != payment.RspConfirmSuccess {
			t.Fatalf("good IPN = %+v", r)
		}
		if r := ipn(good); r.RspCode != payment.RspAlreadyConfirmed {
			t.Errorf("repeated IPN = %+v", r)
		}
		payments, _, paid, err := db.DossierPayments(o.as("congdan"), code)
		if err != nil || !paid || len(payments) != 1 || payments[0].State != sqldb.PaymentPaid {
			t.Fatalf("after payment: %+v paid=%v %v", payments, paid, err)
		}
		var audits int
		db.SQL().QueryRow(`SELECT COUNT(*) FROM audit_log WHERE action = 'payment.paid'`).Scan(&audits)
		if audits != 1 {
			t.Errorf("%d payment.paid audit entries, want exactly 1", audits)
		}
		if _, err := db.StartPayment(o.as("congdan"), code, sandbox.Name()); cchc.ErrorCode(err) != cchc.ECONFLICT {
			t.Errorf("paying twice: %v", err)
		}
		if _, _, err := db.ActOnDossier(o.as("motcua"), code, dossier.Assign, sqldb.ActionInput{}); err != nil {
			t.Errorf("processing after payment: %v", err)
		}

		// Cash at the counter for another dossier.
		rec2, _, _ := db.SubmitDossier(o.as("motcua"), copyRequest())
		if _, err := db.RecordCashPayment(o.as("congdan"), rec2.Code()); cchc.ErrorCode(err) != cchc.EFORBIDDEN {
			t.Errorf("a citizen records cash: %v", err)
		}
		if _, err := db.RecordCashPayment(o.as("motcua"), rec2.Code()); err != nil {
			t.Fatal(err)
		}
		rows, err := db.Reconciliation(o.as("vanphong"), o.clock.AddDate(0, 0, -1), o.clock.AddDate(0, 0, 1))
		if err != nil {
			t.Fatal(err)
		}
		var sandboxRow, counterRow sqldb.ReconRow
		for _, r := range rows {
			switch r.Provider {
			case "sandbox":
				sandboxRow = r
			case "counter":
				counterRow = r
			}
		}
		if sandboxRow.Paid != 1 || sandboxRow.PaidAmount != 10000 || sandboxRow.Mismatches != 3 || counterRow.Paid != 1 {
			t.Errorf("reconciliation: %+v", rows)
		}
		if _, err := db.Reconciliation(o.as("motcua"), *o.clock, *o.clock); cchc.ErrorCode(err) != cchc.EFORBIDDEN {
			t.Errorf("a one-stop officer reads the reconciliation: %v", err)
		}
	})
}
