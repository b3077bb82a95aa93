package web

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"testing"
	"time"

	"github.com/hpdoet/cchc"
	"github.com/hpdoet/cchc/blob"
	"github.com/hpdoet/cchc/calendar"
	"github.com/hpdoet/cchc/demo"
	"github.com/hpdoet/cchc/plan"
	"github.com/hpdoet/cchc/plans"
	"github.com/hpdoet/cchc/sqldb"
	"github.com/hpdoet/cchc/sqldb/sqldbtest"
)

// BenchmarkIndicatorPages serves the indicator pages and API through the
// whole handler (session, rendering, charts). Over a prepared dataset when
// CCHC_BENCH_DATABASE_URL is set (cchc demo --dossiers 1000000 or 10000000,
// docs/benchmarks.md); otherwise over 10 000 generated dossiers on each engine.
//
//	CCHC_BENCH_DATABASE_URL=… go test -run NONE -bench IndicatorPages -benchtime 20x ./web/
func BenchmarkIndicatorPages(b *testing.B) {
	if url := os.Getenv("CCHC_BENCH_DATABASE_URL"); url != "" {
		db, err := sqldb.Open(context.Background(), url)
		if err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() { db.Close() })
		if err := db.Migrate(context.Background()); err != nil {
			b.Fatal(err)
		}
		benchIndicatorPages(b, db)
		return
	}
	for _, engine := range sqldbtest.Engines(b) {
		b.Run(string(engine), func(b *testing.B) {
			db := sqldbtest.Open(b, engine)
			// The demo's units and accounts, then 10 000 dossiers up to today.
			now := time.Now()
			doc, err := plan.ParseDocument(plans.SeedPlan())
			if err != nil {
				b.Fatal(err)
			}
			if _, err := demo.Load(context.Background(), db, doc, now); err != nil {
				b.Fatal(err)
			}
			cal, err := calendar.NewDefault()
			if err != nil {
				b.Fatal(err)
			}
			if _, err := demo.GenerateDossiers(context.Background(), db, cal, demo.DossierOptions{
				From: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC), To: now, Count: 10_000, Seed: 2026}); err != nil {
				b.Fatal(err)
			}
			benchIndicatorPages(b, db)
		})
	}
}

func benchIndicatorPages(b *testing.B, db *sqldb.DB) {
	ctx, cancel := context.WithCancel(context.Background())
	b.Cleanup(cancel)
	srv, err := New(ctx, Config{Addr: "127.0.0.1:0", Signer: testSigner(b)}, db, &blob.Store{Dir: b.TempDir()}, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		b.Fatal(err)
	}
	var n int
	db.SQL().QueryRow(`SELECT COUNT(*) FROM dossiers`).Scan(&n)
	b.Logf("%s, %d dossiers", db.Engine(), n)
	token, _, err := db.Login(ctx, "vanphong", demo.Password, sqldb.SessionAPI)
	if err != nil {
		b.Fatal(err)
	}
	h := srv.Handler()
	year := time.Now().In(time.FixedZone("ICT", 7*3600)).Format("2006")
	for _, path := range []string{
		"/ke-hoach/chi-tieu",                // the overview: the year, sparklines over the quarters, the 766 chart, tasks
		"/api/v1/indicators?period=" + year, // every target for the year
		"/api/v1/service-index?period=" + year + "-Q2&unit=QLCL",
		"/chi-so-766?ky=" + year,
		"/ke-hoach/chi-tieu/CT-15?ky=" + year,                     // one target with its values per unit and per procedure
		"/api/v1/indicators/CT-03/records?period=" + year + "-Q2", // first page of a drill-down
	} {
		// computed: every figure computed from the monthly sums (the first
		// view after a start); changed: after a change to the records (the
		// 2024 baseline and the previous year's values are kept for the hour);
		// cached: nothing changed since the last view.
		for _, mode := range []string{"computed", "changed", "cached"} {
			b.Run(mode+path, func(b *testing.B) {
				db.NoValuesCache = mode == "computed"
				for b.Loop() {
					if mode == "changed" {
						db.ForgetValues()
					}
					req := httptest.NewRequest(http.MethodGet, path, nil)
					req.Header.Set("Authorization", "Bearer "+token)
					rec := httptest.NewRecorder()
					h.ServeHTTP(rec, req)
					if rec.Code != http.StatusOK {
						b.Fatalf("%s = %d %s", path, rec.Code, rec.Body.String())
					}
				}
			})
		}
	}
}

// BenchmarkYearReport makes the yearly report's three files from the data
// (a draft's download: tasks, targets, the 766 index, dossier counts by
// procedure and unit), over a prepared dataset when CCHC_BENCH_DATABASE_URL
// is set.
//
//	CCHC_BENCH_DATABASE_URL=… go test -run NONE -bench YearReport -benchtime 5x ./web/
func BenchmarkYearReport(b *testing.B) {
	url := os.Getenv("CCHC_BENCH_DATABASE_URL")
	if url == "" {
		b.Skip("CCHC_BENCH_DATABASE_URL is not set: generate a dataset with cchc demo --dossiers N")
	}
	db, err := sqldb.Open(context.Background(), url)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	if err := db.Migrate(context.Background()); err != nil {
		b.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	b.Cleanup(cancel)
	srv, err := New(ctx, Config{Addr: "127.0.0.1:0", Signer: testSigner(b)}, db, &blob.Store{Dir: b.TempDir()}, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		b.Fatal(err)
	}
	token, office, err := db.Login(ctx, "vanphong", demo.Password, sqldb.SessionAPI)
	if err != nil {
		b.Fatal(err)
	}
	year := time.Now().In(time.FixedZone("ICT", 7*3600)).Format("2006")
	rep, err := db.CreateReport(cchc.WithUser(ctx, office), sqldb.ReportYear, year, "Đo thời gian lập báo cáo")
	if cchc.ErrorCode(err) == cchc.ECONFLICT {
		list, _ := db.FindReports(cchc.WithUser(ctx, office))
		for _, r := range list {
			if r.Kind == sqldb.ReportYear && r.Period == year && r.State == sqldb.ReportDraft {
				rep, err = r, nil
			}
		}
	}
	if err != nil {
		b.Fatal(err)
	}
	h := srv.Handler()
	for _, format := range []string{"docx", "pdf", "xlsx"} {
		b.Run(format, func(b *testing.B) {
			for b.Loop() {
				db.ForgetValues()
				req := httptest.NewRequest(http.MethodGet, fmt.Sprintf("/api/v1/reports/%d/files/%s", rep.ID, format), nil)
				req.Header.Set("Authorization", "Bearer "+token)
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, req)
				if rec.Code != http.StatusOK || rec.Body.Len() < 1000 {
					b.Fatalf("%s = %d %s", format, rec.Code, rec.Body.String())
				}
			}
		})
	}
}
