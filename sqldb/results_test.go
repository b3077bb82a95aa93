package sqldb_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/hpdoet/cchc"
	"github.com/hpdoet/cchc/dossier"
	"github.com/hpdoet/cchc/procedure"
	"github.com/hpdoet/cchc/sqldb"
	"github.com/hpdoet/cchc/sqldb/sqldbtest"
)

// issued takes a correction request from submission to an issued result
// and returns its code.
func issued(t *testing.T, o *oneStop) string {
	t.Helper()
	db := o.db
	in := correction()
	fixChoices(t, o, &in)
	rec, _, err := db.SubmitDossier(o.as("congdan"), in)
	if err != nil {
		t.Fatal(err)
	}
	code := rec.Code()
	steps := []struct {
		who    string
		action dossier.Action
		in     sqldb.ActionInput
	}{
		{"motcua", dossier.Receive, sqldb.ActionInput{}},
		{"motcua", dossier.Assign, sqldb.ActionInput{AssigneeID: o.users["cv.qlcl"].ID}},
		{"cv.qlcl", dossier.CompleteStep, sqldb.ActionInput{}},
		{"tp.qlcl", dossier.CompleteStep, sqldb.ActionInput{}},
		{"lanhdao", dossier.Approve, sqldb.ActionInput{}},
		{"motcua", dossier.IssueResult, sqldb.ActionInput{}},
	}
	for _, s := range steps {
		o.advance(time.Hour)
		if _, _, err := db.ActOnDossier(o.as(s.who), code, s.action, s.in); err != nil {
			t.Fatalf("%s by %s: %v", s.action, s.who, err)
		}
	}
	return code
}

func TestResults(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		o := newOneStop(t, db)
		code := issued(t, o)
		list, err := db.DossierResults(o.as("congdan"), code)
		if err != nil || len(list) != 1 {
			t.Fatalf("results = %v, %v", list, err)
		}
		r := list[0]
		if r.Code != code+"-KQ1" || r.State != sqldb.ResultValid || r.Holder == "" || len(r.SHA256) != 64 {
			t.Fatalf("result = %+v", r)
		}
		// Scope: another citizen and another unit's specialist see nothing.
		if _, err := db.DossierResults(o.as("cv.khtc"), code); cchc.ErrorCode(err) != cchc.ENOTFOUND {
			t.Errorf("another unit lists the results: %v", err)
		}
		// The result is in the holder's data store, typed as a prior result,
		// and cannot be deleted there.
		docs, err := db.MyDocuments(o.as("congdan"))
		if err != nil {
			t.Fatal(err)
		}
		var kept *sqldb.StoredDocument
		for i := range docs {
			if docs[i].SHA256 == r.SHA256 {
				kept = &docs[i]
			}
		}
		if kept == nil || kept.DocType != procedure.DataPriorResult || kept.Source != sqldb.StoreResult {
			t.Fatalf("the result is not in the data store: %+v", docs)
		}
		if err := db.DeleteStoredDocument(o.as("congdan"), kept.ID); err == nil {
			t.Error("an issued result was deleted from the data store")
		}

		// Public verification: the code alone tells the standing, not the
		// holder; the file's hash or the key printed in the QR code does.
		ctx := context.Background()
		v, err := db.VerifyResult(ctx, r.Code, "", "")
		if err != nil || v.State != sqldb.ResultValid || v.Matches != nil || v.Proven || v.Holder != "" || v.Title == "" {
			t.Fatalf("verify by code = %+v, %v", v, err)
		}
		if v, _ := db.VerifyResult(ctx, r.Code, r.SHA256, ""); v.Matches == nil || !*v.Matches || !v.Proven || v.Holder != r.Holder {
			t.Errorf("the issued file: %+v", v)
		}
		key, _ := issuedKeys.Load(r.Code)
		if k, _ := key.(string); len(k) != 16 {
			t.Fatalf("verification key %q", k)
		}
		if v, _ := db.VerifyResult(ctx, r.Code, "", strings.ToUpper(key.(string))); !v.Proven || v.Holder != r.Holder || v.Matches != nil {
			t.Errorf("with the key: %+v", v)
		}
		if v, _ := db.VerifyResult(ctx, r.Code, "", "aaaaaaaaaaaaaaaa"); v.Proven || v.Holder != "" {
			t.Errorf("with a wrong key: %+v", v)
		}
		other := "0" + r.SHA256[1:]
		if other == r.SHA256 {
			other = "1" + r.SHA256[1:]
		}
		if v, _ := db.VerifyResult(ctx, r.Code, other, ""); v.Matches == nil || *v.Matches || v.Proven || v.Holder != "" {
			t.Errorf("another file: %+v", v)
		}
		if v, _ := db.VerifyResult(ctx, code+"-KQ9", "", ""); v.State != sqldb.ResultUnknown || v.Holder != "" || v.Title != "" {
			t.Errorf("unknown code = %+v", v)
		}
		if _, err := db.VerifyResult(ctx, "' OR 1=1", "", ""); cchc.ErrorCode(err) != cchc.EINVALID {
			t.Errorf("malformed code: %v", err)
		}

		// Revoking and replacing: leaders only, with a reason.
		if _, err := db.RevokeResult(o.as("motcua"), r.Code, "Sai tên", true); cchc.ErrorCode(err) != cchc.EFORBIDDEN {
			t.Errorf("the counter replaced a result: %v", err)
		}
		if _, err := db.RevokeResult(o.as("lanhdao"), r.Code, "  ", true); cchc.ErrorCode(err) != cchc.EINVALID {
			t.Errorf("no reason: %v", err)
		}
		o.advance(24 * time.Hour)
		repl, err := db.RevokeResult(o.as("lanhdao"), r.Code, "Sai ngày sinh của người được cấp", true)
		if err != nil {
			t.Fatal(err)
		}
		if repl.Code != code+"-KQ2" || repl.State != sqldb.ResultValid || repl.SHA256 == r.SHA256 {
			t.Fatalf("replacement = %+v", repl)
		}
		docs, _ = db.MyDocuments(o.as("congdan"))
		for _, d := range docs {
			if d.SHA256 == r.SHA256 && d.Valid(*o.clock) {
				t.Errorf("the replaced result is still valid in the data store: %+v", d)
			}
		}
		v, _ = db.VerifyResult(ctx, r.Code, r.SHA256, "")
		if v.State != sqldb.ResultReplaced || v.ReplacedBy != repl.Code || v.Reason == "" || v.RevokedAt == nil {
			t.Errorf("the replaced result verifies as %+v", v)
		}
		if _, err := db.RevokeResult(o.as("lanhdao"), r.Code, "lần nữa", false); cchc.ErrorCode(err) != cchc.ECONFLICT {
			t.Errorf("revoking a replaced result: %v", err)
		}
		latest, err := db.ResultFile(o.as("congdan"), code, 0)
		if err != nil || latest.Code != repl.Code {
			t.Errorf("latest result = %+v, %v", latest, err)
		}
		first, err := db.ResultFile(o.as("congdan"), code, 1)
		if err != nil || first.Code != r.Code {
			t.Errorf("result 1 = %+v, %v", first, err)
		}
		rec, _ := db.FindDossier(o.as("congdan"), code)
		if len(rec.D.ResultCodes) != 2 || rec.D.State != dossier.ResultIssued && rec.D.State != dossier.Returned {
			t.Errorf("dossier after replacement: %v %s", rec.D.ResultCodes, rec.D.State)
		}

		// Revoking outright: nothing valid remains.
		if _, err := db.RevokeResult(o.as("lanhdao"), repl.Code, "Hồ sơ giả mạo", false); err != nil {
			t.Fatal(err)
		}
		if v, _ := db.VerifyResult(ctx, repl.Code, repl.SHA256, ""); v.State != sqldb.ResultRevoked || v.Matches == nil || !*v.Matches {
			t.Errorf("revoked result verifies as %+v", v)
		}
		if _, err := db.ResultFile(o.as("congdan"), code, 0); cchc.ErrorCode(err) != cchc.ENOTFOUND {
			t.Errorf("a revoked result is still the latest: %v", err)
		}
		// A dossier whose result code has no electronic result had it on
		// paper (history before the service).
		paper := issued(t, o)
		if _, err := db.SQL().Exec(`DELETE FROM store_documents WHERE dossier_id = (SELECT id FROM dossiers WHERE code = $1)`, paper); err != nil {
			t.Fatal(err)
		}
		if _, err := db.SQL().Exec(`DELETE FROM results WHERE code = $1`, paper+"-KQ1"); err != nil {
			t.Fatal(err)
		}
		if v, err := db.VerifyResult(ctx, paper+"-KQ1", "", ""); err != nil || v.State != sqldb.ResultPaper || v.Holder != "" || v.IssuedAt == nil {
			t.Errorf("a paper result verifies as %+v, %v", v, err)
		}
		entries, _ := db.FindAuditEntries(o.as("admin"), sqldb.AuditFilter{Entity: "result"})
		if len(entries) != 5 { // issued KQ1, issued KQ2 and replaced KQ1, revoked KQ2, issued the paper one
			t.Errorf("%d audit entries for results, want 5", len(entries))
		}
	})
}
