package sqldb_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hpdoet/cchc"
	"github.com/hpdoet/cchc/calendar"
	"github.com/hpdoet/cchc/demo"
	"github.com/hpdoet/cchc/dossier"
	"github.com/hpdoet/cchc/plan"
	"github.com/hpdoet/cchc/plans"
	"github.com/hpdoet/cchc/sqldb"
	"github.com/hpdoet/cchc/sqldb/sqldbtest"
)

// oneStop is a demo database set up for dossiers, with its accounts by name.
type oneStop struct {
	db    *sqldb.DB
	users map[string]*cchc.User
	clock *time.Time
}

func newOneStop(t *testing.T, db *sqldb.DB) *oneStop {
	t.Helper()
	ctx := context.Background()
	doc, _ := plan.ParseDocument(plans.SeedPlan())
	now := time.Date(2026, 2, 13, 9, 30, 0, 0, time.UTC) // Friday 13/02/2026 16:30 in Hải Phòng
	if _, err := demo.Load(ctx, db, doc, now); err != nil {
		t.Fatal(err)
	}
	cal, err := calendar.NewDefault()
	if err != nil {
		t.Fatal(err)
	}
	o := &oneStop{db: db, users: map[string]*cchc.User{}, clock: &now}
	db.Now = func() time.Time { return *o.clock }
	db.OneStop = sqldb.OneStop{Agency: "000.00.31.H31", Calendar: func() *calendar.Calendar { return cal }, BaseURL: "https://cchc.example",
		Results: fakeResults}
	users, err := db.FindUsers(cchc.WithUser(ctx, cchc.SystemUser), sqldb.UserFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range users {
		o.users[u.Username] = u
	}
	return o
}

func (o *oneStop) as(name string) context.Context {
	return cchc.WithUser(context.Background(), o.users[name])
}

func (o *oneStop) advance(d time.Duration) { *o.clock = o.clock.Add(d) }

// correction is a valid online application for 2.001914 (chỉnh sửa nội dung văn bằng).
func correction() sqldb.NewDossier {
	return sqldb.NewDossier{ProcedureCode: "2.001914", Declaration: true,
		Form: url.Values{"ho_ten": {"Hoàng Văn Nam"}, "so_cccd": {"031095001234"}, "ngay_sinh": {"12/05/1995"}, "dien_thoai": {"0912345678"},
			"email": {"nam@example.vn"}, "loai_van_bang": {"Bằng tốt nghiệp trung học phổ thông"}, "so_hieu_van_bang": {"B 123456"},
			"truong": {"Trường THPT Trần Phú"}, "nam_tot_nghiep": {"2013"}, "can_cu": {"Quyết định cải chính hộ tịch"},
			"noi_dung_hien_tai": {"Hoàng Văn Năm"}, "noi_dung_de_nghi": {"Hoàng Văn Nam"}, "cam_ket": {"1"}},
		Files: []sqldb.NewDossierFile{
			{DocKey: "don-de-nghi", Name: "don.pdf", SHA256: strings.Repeat("a", 64), ContentType: "application/pdf", Size: 10},
			{DocKey: "van-bang", Name: "bang.pdf", SHA256: strings.Repeat("b", 64), ContentType: "application/pdf", Size: 10},
			{DocKey: "cccd", Name: "cccd.jpg", SHA256: strings.Repeat("c", 64), ContentType: "image/jpeg", Size: 10},
		}}
}

func fixChoices(t *testing.T, o *oneStop, in *sqldb.NewDossier) {
	t.Helper()
	p, err := o.db.FindProcedure(context.Background(), in.ProcedureCode)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range p.Form {
		if f.Type == "choice" && len(f.Options) > 0 {
			in.Form[f.Name] = []string{f.Options[0]}
		}
	}
}

func TestDossierLifecycle(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		o := newOneStop(t, db)
		in := correction()
		fixChoices(t, o, &in)
		in.IdempotencyKey = "lan-nop-1"
		rec, created, err := db.SubmitDossier(o.as("congdan"), in)
		if err != nil || !created {
			t.Fatalf("submit: %v (fields %v)", err, cchc.ErrorFields(err))
		}
		code := rec.Code()
		if !strings.HasPrefix(code, "000.00.31.H31-260213-") || rec.D.State != dossier.Submitted {
			t.Fatalf("code %s state %s", code, rec.D.State)
		}
		again, created, err := db.SubmitDossier(o.as("congdan"), in)
		if err != nil || created || again.Code() != code {
			t.Fatalf("retry with the same key: %v %v %s", err, created, again.Code())
		}
		var n int
		db.SQL().QueryRow(`SELECT COUNT(*) FROM dossiers`).Scan(&n)
		if n != 1 {
			t.Fatalf("%d dossiers after a retried submission", n)
		}

		// The counter receives it: received Friday 16:30 before Tết, 5 working days.
		o.advance(10 * time.Minute)
		rec, _, err = db.ActOnDossier(o.as("motcua"), code, dossier.Receive, sqldb.ActionInput{})
		if err != nil {
			t.Fatal(err)
		}
		if got := rec.D.Due.In(calendar.Vietnam).Format("02/01/2006 15:04"); got != "27/02/2026 17:00" {
			t.Errorf("due = %s, want 27/02/2026 17:00 (Tết 16–20/02 is not counted)", got)
		}
		// Scope: a specialist of another unit can neither see nor act.
		if _, err := db.FindDossier(o.as("cv.khtc"), code); cchc.ErrorCode(err) != cchc.ENOTFOUND {
			t.Errorf("other unit sees the dossier: %v", err)
		}
		if _, err := db.FindDossier(o.as("chuyenvien"), code); cchc.ErrorCode(err) != cchc.ENOTFOUND {
			t.Errorf("GDTrH specialist sees a QLCL dossier: %v", err)
		}
		// Assign step 1 (QLCL specialist).
		o.advance(72 * time.Hour)
		if _, _, err := db.ActOnDossier(o.as("motcua"), code, dossier.Assign, sqldb.ActionInput{AssigneeID: o.users["cv.khtc"].ID}); cchc.ErrorCode(err) != cchc.EINVALID {
			t.Errorf("assigning an official of another unit: %v", err)
		}
		rec, _, err = db.ActOnDossier(o.as("motcua"), code, dossier.Assign, sqldb.ActionInput{AssigneeID: o.users["cv.qlcl"].ID})
		if err != nil {
			t.Fatal(err)
		}
		if rec.D.State != dossier.Processing || rec.AssigneeID != o.users["cv.qlcl"].ID {
			t.Fatalf("after assign: %s %d", rec.D.State, rec.AssigneeID)
		}
		if _, _, err := db.ActOnDossier(o.as("cv.khtc"), code, dossier.CompleteStep, sqldb.ActionInput{}); cchc.ErrorCode(err) != cchc.ENOTFOUND {
			t.Errorf("other unit completes the step: %v", err)
		}
		if _, err := db.FindDossier(o.as("cv.qlcl"), code); err != nil {
			t.Errorf("the assignee cannot see it: %v", err)
		}
		o.advance(2 * time.Hour)
		if _, _, err := db.ActOnDossier(o.as("cv.qlcl"), code, dossier.CompleteStep, sqldb.ActionInput{}); err != nil {
			t.Fatal(err)
		}
		o.advance(time.Hour)
		if _, _, err := db.ActOnDossier(o.as("tp.qlcl"), code, dossier.CompleteStep, sqldb.ActionInput{}); err != nil {
			t.Fatal(err)
		}
		// The illegal: returning a result before approval.
		if _, _, err := db.ActOnDossier(o.as("motcua"), code, dossier.Return, sqldb.ActionInput{}); cchc.ErrorCode(err) != cchc.ECONFLICT {
			t.Errorf("return before approval: %v", err)
		}
		o.advance(time.Hour)
		if _, _, err := db.ActOnDossier(o.as("lanhdao"), code, dossier.Approve, sqldb.ActionInput{}); err != nil {
			t.Fatal(err)
		}
		o.advance(time.Hour)
		if _, _, err := db.ActOnDossier(o.as("motcua"), code, dossier.IssueResult, sqldb.ActionInput{}); err != nil {
			t.Fatal(err)
		}
		rec, _, err = db.ActOnDossier(o.as("motcua"), code, dossier.Return, sqldb.ActionInput{})
		if err != nil {
			t.Fatal(err)
		}
		if rec.D.State != dossier.Returned || len(rec.Events) != 7 {
			t.Errorf("state %s, %d events", rec.D.State, len(rec.Events))
		}
		st, err := db.LookupDossier(context.Background(), code)
		if err != nil || st.State != dossier.Returned || st.Timeliness == "" {
			t.Errorf("lookup = %+v %v", st, err)
		}
		if _, err := db.LookupDossier(context.Background(), "000.00.31.H31-260213-9999"); cchc.ErrorCode(err) != cchc.ENOTFOUND {
			t.Errorf("unknown code: %v", err)
		}
		if _, err := db.LookupDossier(context.Background(), "' OR 1=1 --"); cchc.ErrorCode(err) != cchc.EINVALID {
			t.Errorf("malformed code: %v", err)
		}
		// Every transition is in the audit log, and e-mails to the applicant are queued.
		entries, _ := db.FindAuditEntries(o.as("admin"), sqldb.AuditFilter{Entity: "dossier", EntityID: code})
		if len(entries) != 8 {
			t.Errorf("%d audit entries for the dossier", len(entries))
		}
		for _, e := range entries {
			if strings.Contains(e.After, "031095001234") {
				t.Error("the audit log holds the citizen ID number")
			}
		}
		var mails int
		db.SQL().QueryRow(`SELECT COUNT(*) FROM outbox WHERE recipient = 'nam@example.vn'`).Scan(&mails)
		if mails < 6 {
			t.Errorf("%d e-mails queued to the applicant", mails)
		}
	})
}

func TestSubmitDossierBadInput(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		o := newOneStop(t, db)
		for _, tc := range []struct {
			name  string
			who   string
			edit  func(*sqldb.NewDossier)
			code  string
			field string
		}{
			{"anonymous", "", nil, cchc.EUNAUTHORIZED, ""},
			{"specialist", "chuyenvien", nil, cchc.EFORBIDDEN, ""},
			{"unknown procedure", "congdan", func(n *sqldb.NewDossier) { n.ProcedureCode = "9.999999" }, cchc.ENOTFOUND, ""},
			{"bad CCCD", "congdan", func(n *sqldb.NewDossier) { n.Form["so_cccd"] = []string{"12345"} }, cchc.EINVALID, "so_cccd"},
			{"missing paper", "congdan", func(n *sqldb.NewDossier) { n.Files = n.Files[:1] }, cchc.EINVALID, "file_van-bang"},
			{"foreign paper", "congdan", func(n *sqldb.NewDossier) { n.Files[0].DocKey = "ho-chieu" }, cchc.EINVALID, "file_ho-chieu"},
			{"no declaration", "congdan", func(n *sqldb.NewDossier) { n.Declaration = false }, cchc.EINVALID, "declaration"},
		} {
			t.Run(tc.name, func(t *testing.T) {
				in := correction()
				fixChoices(t, o, &in)
				if tc.edit != nil {
					tc.edit(&in)
				}
				ctx := context.Background()
				if tc.who != "" {
					ctx = o.as(tc.who)
				}
				_, _, err := db.SubmitDossier(ctx, in)
				if cchc.ErrorCode(err) != tc.code || (tc.field != "" && cchc.ErrorFields(err)[tc.field] == "") {
					t.Errorf("err = %v %v, want %s on %s", err, cchc.ErrorFields(err), tc.code, tc.field)
				}
				var n int
				db.SQL().QueryRow(`SELECT COUNT(*) FROM dossiers`).Scan(&n)
				if n != 0 {
					t.Errorf("a refused submission left %d dossiers", n)
				}
			})
		}
	})
}

func TestDossierCodesUnderConcurrency(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		o := newOneStop(t, db)
		const n = 12
		var wg sync.WaitGroup
		codes := make(chan string, n)
		errs := make(chan error, n)
		for i := 0; i < n; i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				in := correction()
				fixChoices(t, o, &in)
				rec, _, err := db.SubmitDossier(o.as("motcua"), in)
				if err != nil {
					errs <- err
					return
				}
				codes <- rec.Code()
			}()
		}
		wg.Wait()
		close(codes)
		close(errs)
		for err := range errs {
			t.Error(err)
		}
		seen := map[string]bool{}
		for c := range codes {
			if seen[c] {
				t.Errorf("code %s given twice", c)
			}
			seen[c] = true
		}
		if len(seen) != n || !seen["000.00.31.H31-260213-0001"] || !seen["000.00.31.H31-260213-0012"] {
			t.Errorf("codes %v", seen)
		}
	})
}

func TestWorklists(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		o := newOneStop(t, db)
		in := correction()
		fixChoices(t, o, &in)
		online, _, err := db.SubmitDossier(o.as("congdan"), in)
		if err != nil {
			t.Fatal(err)
		}
		counter, _, err := db.SubmitDossier(o.as("motcua"), in)
		if err != nil {
			t.Fatal(err)
		}
		rows, total, _ := db.FindDossiers(o.as("motcua"), sqldb.DossierFilter{Queue: sqldb.QueueNew})
		if total != 1 || rows[0].Code != online.Code() {
			t.Errorf("counter's new queue: %d %v", total, rows)
		}
		rows, _, _ = db.FindDossiers(o.as("congdan"), sqldb.DossierFilter{})
		if len(rows) != 1 || rows[0].Code != online.Code() {
			t.Errorf("citizen sees %v", rows)
		}
		if _, _, err := db.ActOnDossier(o.as("motcua"), counter.Code(), dossier.Assign, sqldb.ActionInput{}); err != nil {
			t.Fatal(err)
		}
		rows, _, _ = db.FindDossiers(o.as("tp.qlcl"), sqldb.DossierFilter{Queue: sqldb.QueueNew})
		if len(rows) != 1 || rows[0].Code != counter.Code() {
			t.Errorf("QLCL head's queue to assign: %v", rows)
		}
		if rows, _, _ := db.FindDossiers(o.as("cv.khtc"), sqldb.DossierFilter{}); len(rows) != 0 {
			t.Errorf("KHTC sees %d dossiers", len(rows))
		}
		o.advance(20 * 24 * time.Hour)
		rows, _, _ = db.FindDossiers(o.as("lanhdao"), sqldb.DossierFilter{Queue: sqldb.QueueLate})
		if len(rows) != 1 || rows[0].Code != counter.Code() {
			t.Errorf("late queue: %v", rows)
		}
		if _, _, err := db.FindDossiers(o.as("motcua"), sqldb.DossierFilter{Queue: "bogus"}); cchc.ErrorCode(err) != cchc.EINVALID {
			t.Errorf("bogus queue: %v", err)
		}
	})
}

// issuedKeys holds the verification key fakeResults was given, by result code.
var issuedKeys sync.Map

// fakeResults issues a result without rendering it: its "file" is the hash
// of its code, time and holder, which is all storage needs.
func fakeResults(_ context.Context, r sqldb.ResultRequest) (sqldb.IssuedFile, error) {
	issuedKeys.Store(r.Code, r.Key)
	sum := sha256.Sum256([]byte(r.Code + "|" + r.At.UTC().Format(time.RFC3339Nano) + "|" + r.Dossier.ApplicantName + "|" + r.Key))
	return sqldb.IssuedFile{SHA256: hex.EncodeToString(sum[:]), Size: 1234, Title: "Kết quả: " + r.Procedure.Name}, nil
}
