package sqldb_test

import (
	"context"
	"math/rand/v2"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/hpdoet/cchc"
	"github.com/hpdoet/cchc/calendar"
	"github.com/hpdoet/cchc/dossier"
	"github.com/hpdoet/cchc/payment"
	"github.com/hpdoet/cchc/sqldb"
)

// The one-stop benchmarks run against a prepared dataset, because a million
// dossiers take minutes to generate:
//
//	cchc demo --dossiers 1000000 --database-url …
//	CCHC_BENCH_DATABASE_URL=… go test -run NONE -bench OneStop ./sqldb/
//
// The URL is a SQLite file path or a postgres:// URL (docs/benchmarks.md).
func benchDB(b *testing.B) (*sqldb.DB, map[string]*cchc.User) {
	url := os.Getenv("CCHC_BENCH_DATABASE_URL")
	if url == "" {
		b.Skip("CCHC_BENCH_DATABASE_URL is not set: generate a dataset with cchc demo --dossiers N")
	}
	ctx := context.Background()
	db, err := sqldb.Open(ctx, url)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	if err := db.Migrate(ctx); err != nil {
		b.Fatal(err)
	}
	cal, err := calendar.NewDefault()
	if err != nil {
		b.Fatal(err)
	}
	db.OneStop = sqldb.OneStop{Agency: "000.00.31.H31", Calendar: func() *calendar.Calendar { return cal }, Results: fakeResults}
	users, err := db.FindUsers(cchc.WithUser(ctx, cchc.SystemUser), sqldb.UserFilter{})
	if err != nil {
		b.Fatal(err)
	}
	byName := map[string]*cchc.User{}
	for _, u := range users {
		byName[u.Username] = u
	}
	var n int
	db.SQL().QueryRow(`SELECT COUNT(*) FROM dossiers`).Scan(&n)
	b.Logf("%s dataset with %d dossiers", db.Engine(), n)
	return db, byName
}

func counterDossier(b *testing.B, db *sqldb.DB, officer *cchc.User) *sqldb.DossierRecord {
	p, err := db.FindProcedure(context.Background(), "2.001914")
	if err != nil {
		b.Fatal(err)
	}
	form := url.Values{"ho_ten": {"Hoàng Văn Nam"}, "so_cccd": {"031095001234"}, "ngay_sinh": {"12/05/1995"}, "dien_thoai": {"0912345678"},
		"so_hieu_van_bang": {"B 123456"}, "truong": {"Trường THPT Trần Phú"}, "nam_tot_nghiep": {"2013"},
		"noi_dung_hien_tai": {"Hoàng Văn Năm"}, "noi_dung_de_nghi": {"Hoàng Văn Nam"}, "cam_ket": {"1"}}
	for _, f := range p.Form {
		if f.Type == "choice" {
			form.Set(f.Name, f.Options[0])
		}
	}
	in := sqldb.NewDossier{ProcedureCode: p.Code, Form: form, Files: []sqldb.NewDossierFile{
		{DocKey: "don-de-nghi", Name: "don.pdf", SHA256: strings.Repeat("a", 64), ContentType: "application/pdf", Size: 10},
		{DocKey: "van-bang", Name: "bang.pdf", SHA256: strings.Repeat("b", 64), ContentType: "application/pdf", Size: 10},
		{DocKey: "cccd", Name: "cccd.pdf", SHA256: strings.Repeat("c", 64), ContentType: "application/pdf", Size: 10}}}
	rec, _, err := db.SubmitDossier(cchc.WithUser(context.Background(), officer), in)
	if err != nil {
		b.Fatal(err)
	}
	return rec
}

// BenchmarkOneStopSubmit records a counter dossier: form and paper checks,
// numbering, the row, its event, the audit entry and the e-mail.
func BenchmarkOneStopSubmit(b *testing.B) {
	db, users := benchDB(b)
	b.ResetTimer()
	for b.Loop() {
		counterDossier(b, db, users["motcua"])
	}
}

// BenchmarkOneStopTransition routes a received dossier to its unit.
func BenchmarkOneStopTransition(b *testing.B) {
	db, users := benchDB(b)
	codes := make([]string, b.N)
	for i := range codes {
		codes[i] = counterDossier(b, db, users["motcua"]).Code()
	}
	ctx := cchc.WithUser(context.Background(), users["motcua"])
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, _, err := db.ActOnDossier(ctx, codes[i], dossier.Assign, sqldb.ActionInput{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkOneStopWorklist reads the first page of worklists: the late
// queue of the whole Sở and a unit head's open queue.
func BenchmarkOneStopWorklist(b *testing.B) {
	db, users := benchDB(b)
	for _, tc := range []struct {
		who   string
		queue string
	}{{"lanhdao", sqldb.QueueLate}, {"tp.qlcl", sqldb.QueueOpen}, {"motcua", sqldb.QueueNew}, {"lanhdao", sqldb.QueueDueSoon}} {
		b.Run(tc.who+"/"+tc.queue, func(b *testing.B) {
			ctx := cchc.WithUser(context.Background(), users[tc.who])
			for b.Loop() {
				if _, _, err := db.FindDossiers(ctx, sqldb.DossierFilter{Queue: tc.queue, Limit: 50}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkOneStopLookup answers the public lookup for random codes.
func BenchmarkOneStopLookup(b *testing.B) {
	db, _ := benchDB(b)
	rows, err := db.SQL().Query(`SELECT code FROM dossiers WHERE id % 997 = 0 LIMIT 1000`)
	if err != nil {
		b.Fatal(err)
	}
	var codes []string
	for rows.Next() {
		var c string
		rows.Scan(&c)
		codes = append(codes, c)
	}
	rows.Close()
	if len(codes) == 0 {
		b.Skip("empty dataset")
	}
	rng := rand.New(rand.NewPCG(1, 2))
	b.ResetTimer()
	for b.Loop() {
		if _, err := db.LookupDossier(context.Background(), codes[rng.IntN(len(codes))]); err != nil {
			b.Fatal(err)
		}
	}

}

// BenchmarkOneStopIPN confirms gateway notifications: each a fresh payment
// of a received dossier with a fee (verify, find the order, update, log,
// audit in one transaction), then a repeat of it (logged, changes nothing).
func BenchmarkOneStopIPN(b *testing.B) {
	db, users := benchDB(b)
	counter := cchc.WithUser(context.Background(), users["motcua"])
	sandbox, err := payment.NewSandbox(payment.SandboxConfig{Secret: "bench"})
	if err != nil {
		b.Fatal(err)
	}
	callbacks := make([]url.Values, b.N)
	for i := range callbacks {
		in := copyRequest()
		rec, _, err := db.SubmitDossier(counter, in)
		if err != nil {
			b.Fatal(err)
		}
		p, err := db.StartPayment(counter, rec.Code(), sandbox.Name())
		if err != nil {
			b.Fatal(err)
		}
		u, err := sandbox.PayURL(payment.Order{Ref: p.Ref, Amount: p.Amount, Info: "bench", ReturnURL: "/r", IPAddr: "203.0.113.9", CreatedAt: time.Now()})
		if err != nil {
			b.Fatal(err)
		}
		q, _ := url.Parse(u)
		if callbacks[i], err = sandbox.Complete(q.Query(), payment.CodeSuccess, time.Now()); err != nil {
			b.Fatal(err)
		}
	}
	ctx := context.Background()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, want := range []string{payment.RspConfirmSuccess, payment.RspAlreadyConfirmed} {
			res, verr := sandbox.Verify(callbacks[i])
			reply, err := db.ConfirmPayment(ctx, sandbox.Name(), "ipn", callbacks[i], res, verr)
			if err != nil || reply.RspCode != want {
				b.Fatalf("IPN = %+v, %v; want %s", reply, err, want)
			}
		}
	}
}

// BenchmarkOneStopVerifyResult answers the public verification page for
// result codes of random dossiers (most have no signed file in a
// generated dataset, so this is the lookup, not the hash comparison).
func BenchmarkOneStopVerifyResult(b *testing.B) {
	db, _ := benchDB(b)
	rows, err := db.SQL().Query(`SELECT code FROM dossiers WHERE id % 997 = 0 LIMIT 1000`)
	if err != nil {
		b.Fatal(err)
	}
	var codes []string
	for rows.Next() {
		var c string
		rows.Scan(&c)
		codes = append(codes, c+"-KQ1")
	}
	rows.Close()
	if len(codes) == 0 {
		b.Skip("empty dataset")
	}
	rng := rand.New(rand.NewPCG(1, 2))
	sum := strings.Repeat("ab", 32)
	for b.Loop() {
		if _, err := db.VerifyResult(context.Background(), codes[rng.IntN(len(codes))], sum, ""); err != nil {
			b.Fatal(err)
		}
	}
}
