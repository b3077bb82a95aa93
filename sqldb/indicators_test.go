package sqldb_test

import (
	"context"
	"math/rand/v2"
	"net/url"
	"testing"
	"time"

	"github.com/hpdoet/cchc"
	"github.com/hpdoet/cchc/demo"
	"github.com/hpdoet/cchc/dossier"
	"github.com/hpdoet/cchc/payment"
	"github.com/hpdoet/cchc/sqldb"
	"github.com/hpdoet/cchc/sqldb/sqldbtest"
)

// TestIndicatorsIncrementalAgreeWithRebuild drives a long random sequence
// of what the service does — submissions online and at the counter,
// receipts, supplements, steps, apologies, approvals, results issued and
// replaced, fees paid online (with repeated and forged notifications) and
// in cash, ratings — over generated history, with the clock moving; then a
// rebuild from the records must find every dossier's facts and every sum
// exactly as the increments left them.
func TestIndicatorsIncrementalAgreeWithRebuild(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		o := newOneStop(t, db)
		ctx := context.Background()
		*o.clock = time.Date(2026, 3, 2, 1, 0, 0, 0, time.UTC)
		if _, err := demo.GenerateDossiers(ctx, db, db.OneStop.Calendar(), demo.DossierOptions{From: time.Date(2025, 10, 1, 0, 0, 0, 0, time.UTC),
			To: *o.clock, Count: 400, Seed: 3}); err != nil {
			t.Fatal(err)
		}
		if res, err := db.RebuildIndicators(o.as("admin"), nil); err != nil || res.FactsChanged != 0 || res.StatsChanged != 0 {
			t.Fatalf("after the bulk load a rebuild finds %+v, %v", res, err)
		}
		sandbox, _ := payment.NewSandbox(payment.SandboxConfig{Secret: "bi-mat"})
		rng := rand.New(rand.NewPCG(5, 8))
		var codes []string
		acts := 0
		lastAction := ""
		try := func(who string, code string, a dossier.Action, in sqldb.ActionInput) {
			lastAction += " " + string(a)
			if _, _, err := db.ActOnDossier(o.as(who), code, a, in); err == nil {
				acts++
			} else if c := cchc.ErrorCode(err); c != cchc.ECONFLICT && c != cchc.EINVALID && c != cchc.EFORBIDDEN {
				t.Fatalf("%s %s by %s: %v", a, code, who, err)
			}
		}
		pay := func(code string, online bool) {
			lastAction += " pay"
			if !online {
				db.RecordCashPayment(o.as("motcua"), code)
				return
			}
			p, err := db.StartPayment(o.as("congdan"), code, sandbox.Name())
			if err != nil {
				return
			}
			u, _ := sandbox.PayURL(payment.Order{Ref: p.Ref, Amount: p.Amount, Info: "x", ReturnURL: "/r", IPAddr: "203.0.113.9", CreatedAt: *o.clock})
			q, _ := url.Parse(u)
			outcome := payment.CodeSuccess
			if rng.IntN(5) == 0 {
				outcome = payment.CodeCancelled
			}
			cb, _ := sandbox.Complete(q.Query(), outcome, *o.clock)
			for range 1 + rng.IntN(2) { // gateways repeat notifications
				res, verr := sandbox.Verify(cb)
				if _, err := db.ConfirmPayment(ctx, sandbox.Name(), "ipn", cb, res, verr); err != nil {
					t.Fatal(err)
				}
			}
		}
		touched := ""
		for step := 0; step < 450; step++ {
			// Every change leaves the dossier's facts as its records give them.
			if touched != "" {
				if stale, err := db.StaleFacts(ctx, touched); err != nil || stale {
					t.Fatalf("step %d: the facts of %s are stale (%v) after %s", step, touched, err, lastAction)
				}
			}
			o.advance(time.Duration(5+rng.IntN(18*60)) * time.Minute)
			if len(codes) < 8 || rng.IntN(6) == 0 {
				in := correction()
				who := "congdan"
				if rng.IntN(2) == 0 {
					in = copyRequest()
				}
				if rng.IntN(3) == 0 {
					who = "motcua"
				}
				fixChoices(t, o, &in)
				rec, _, err := db.SubmitDossier(o.as(who), in)
				if err != nil {
					t.Fatalf("submit: %v %v", err, cchc.ErrorFields(err))
				}
				codes = append(codes, rec.Code())
				touched, lastAction = rec.Code(), "submit"
				continue
			}
			code := codes[rng.IntN(len(codes))]
			touched, lastAction = code, ""
			rec, err := db.FindDossier(o.as("admin"), code)
			if err != nil {
				t.Fatal(err)
			}
			d := rec.D
			switch d.State {
			case dossier.Submitted:
				if rng.IntN(8) == 0 {
					try("motcua", code, dossier.Refuse, sqldb.ActionInput{Reason: "Không thuộc thẩm quyền"})
				} else {
					try("motcua", code, dossier.Receive, sqldb.ActionInput{})
				}
			case dossier.Received:
				if _, _, paid, _ := db.DossierPayments(o.as("admin"), code); !paid && d.ProcedureCode == "1.010020" {
					pay(code, rec.ApplicantID != 0 && rng.IntN(3) > 0)
				} else {
					try("motcua", code, dossier.Assign, sqldb.ActionInput{AssigneeID: o.users["cv.qlcl"].ID})
				}
			case dossier.Processing:
				s := d.Step()
				switch x := rng.IntN(10); {
				case x == 0:
					try("motcua", code, dossier.Apologize, sqldb.ActionInput{Reason: "Cần xác minh", NewDue: o.clock.AddDate(0, 0, 7)})
				case x == 1 && s.Role == cchc.RoleSpecialist:
					try("cv.qlcl", code, dossier.RequestSupplement, sqldb.ActionInput{Missing: []string{"Bản sao giấy khai sinh"}, Reason: "Chưa khớp"})
				default:
					who, a := "cv.qlcl", dossier.CompleteStep
					switch s.Role {
					case cchc.RoleUnitHead:
						who = "tp.qlcl"
					case cchc.RoleDirector:
						who = "lanhdao"
					}
					if d.AtApproval() {
						a = dossier.Approve
					}
					try(who, code, a, sqldb.ActionInput{})
				}
			case dossier.SupplementRequested:
				who := "motcua"
				if rec.ApplicantID != 0 {
					who = "congdan"
				}
				try(who, code, dossier.Supplement, sqldb.ActionInput{})
			case dossier.Approved:
				try("motcua", code, dossier.IssueResult, sqldb.ActionInput{})
			case dossier.ResultIssued:
				if rng.IntN(6) == 0 {
					lastAction += " replace-result"
					if _, err := db.RevokeResult(o.as("lanhdao"), d.ResultCodes[len(d.ResultCodes)-1], "Sai thông tin", true); err != nil {
						t.Fatal(err)
					}
				} else {
					try("motcua", code, dossier.Return, sqldb.ActionInput{})
				}
			case dossier.Returned:
				if rec.ApplicantID != 0 {
					if err := db.RateDossier(o.as("congdan"), code, 1+rng.IntN(3), ""); err != nil {
						t.Fatal(err)
					}
					acts++
				}
			}
		}
		if acts < 250 {
			t.Fatalf("only %d actions succeeded", acts)
		}
		res, err := db.RebuildIndicators(o.as("admin"), nil)
		if err != nil {
			t.Fatal(err)
		}
		if res.FactsChanged != 0 || res.StatsChanged != 0 || res.Dossiers < 300 {
			t.Errorf("rebuild after %d actions found %+v", acts, res)
		}
		// And the numbers read from the sums make sense.
		db.Now = func() time.Time { return *o.clock }
		v, _, err := db.Indicators(ctx, "2026", "")
		if err != nil {
			t.Fatal(err)
		}
		var received float64
		for _, g := range v.Index.Groups {
			for _, c := range g.Components {
				if c.Code == "2.1" {
					received = c.Den
				}
			}
		}
		var direct int
		db.SQL().QueryRow(`SELECT COUNT(*) FROM dossiers WHERE received_at >= $1`, time.Date(2025, 12, 31, 17, 0, 0, 0, time.UTC)).Scan(&direct)
		if int(received) != direct || direct == 0 {
			t.Errorf("766 2.1 counts %v dossiers received in 2026, the table %d", received, direct)
		}
		for _, ind := range v.Indicators {
			if ind.Code == "CT-08" && (ind.Value == nil || ind.Den == 0) {
				t.Errorf("online payment share = %+v", ind)
			}
		}
	})
}
