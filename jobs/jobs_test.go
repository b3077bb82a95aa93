package jobs

import (
	"context"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/hpdoet/cchc/demo"
	"github.com/hpdoet/cchc/mail"
	"github.com/hpdoet/cchc/mail/mailtest"
	"github.com/hpdoet/cchc/plan"
	"github.com/hpdoet/cchc/plans"
	"github.com/hpdoet/cchc/sqldb"
	"github.com/hpdoet/cchc/sqldb/sqldbtest"
)

func TestRemindersAndMail(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ctx := context.Background()
		doc, _ := plan.ParseDocument(plans.SeedPlan())
		now := time.Date(2026, 9, 28, 2, 0, 0, 0, time.UTC)
		if _, err := demo.Load(ctx, db, doc, now); err != nil {
			t.Fatal(err)
		}
		db.Now = func() time.Time { return now }
		srv := mailtest.Start(t)
		r := &Runner{DB: db, Log: slog.New(slog.NewTextHandler(io.Discard, nil)), BaseURL: "https://cchc.example",
			Mail: &mail.SMTP{Host: srv.Host(), Port: srv.Port(), From: "CCHC <cchc@sgddt-hp.example>"}}
		n, err := db.EnqueueTaskReminders(ctx, r.BaseURL)
		if err != nil || n == 0 {
			t.Fatalf("reminders queued: %d, %v", n, err)
		}
		if again, _ := db.EnqueueTaskReminders(ctx, r.BaseURL); again != 0 {
			t.Errorf("a second run queued %d more", again)
		}
		sent, err := r.SendMail(ctx)
		for err == nil && sent < n {
			var more int
			more, err = r.SendMail(ctx)
			if more == 0 {
				break
			}
			sent += more
		}
		if err != nil || sent != n {
			t.Fatalf("sent %d of %d: %v", sent, n, err)
		}
		msgs := srv.Wait(t, n, 10*time.Second)
		var overdue bool
		for _, m := range msgs {
			if !strings.HasSuffix(m.To, "@sgddt-hp.example") || !strings.Contains(m.Body, "https://cchc.example/nhiem-vu/") {
				t.Errorf("message %q to %s", m.Subject, m.To)
			}
			overdue = overdue || strings.Contains(m.Subject, "đã quá hạn")
		}
		if !overdue {
			t.Error("no overdue reminder among", len(msgs))
		}
		if more, _ := r.SendMail(ctx); more != 0 {
			t.Errorf("sent %d again", more)
		}
	})
}

func TestFailedMailIsRetriedLater(t *testing.T) {
	db := sqldbtest.Open(t, sqldb.SQLite)
	ctx := context.Background()
	doc, _ := plan.ParseDocument(plans.SeedPlan())
	now := time.Date(2026, 9, 28, 2, 0, 0, 0, time.UTC)
	if _, err := demo.Load(ctx, db, doc, now); err != nil {
		t.Fatal(err)
	}
	db.Now = func() time.Time { return now }
	n, _ := db.EnqueueTaskReminders(ctx, "https://cchc.example")
	r := &Runner{DB: db, Log: slog.New(slog.NewTextHandler(io.Discard, nil)),
		Mail: &mail.SMTP{Host: "127.0.0.1", Port: 1, From: "CCHC <cchc@sgddt-hp.example>", Timeout: time.Second}}
	if sent, err := r.SendMail(ctx); err != nil || sent != 0 {
		t.Fatalf("sent %d, %v to a closed port", sent, err)
	}
	pending, sent, failing, _ := db.MailStats(ctx)
	if pending != n || sent != 0 || failing == 0 {
		t.Errorf("after a failure: pending %d sent %d failing %d of %d", pending, sent, failing, n)
	}
	// The failed batch is not claimed again before its retry time.
	claimed, _ := db.ClaimMail(ctx, 100, time.Minute)
	if len(claimed) != n-min(n, 20) {
		t.Errorf("claimed %d right after the failure", len(claimed))
	}
}
