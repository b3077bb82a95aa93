package jobs

import (
	"context"
	"io"
	"log/slog"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/hpdoet/cchc"
	"github.com/hpdoet/cchc/calendar"
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

// TestDossierStatusMail follows a dossier's e-mail from the transaction
// that queued it to a local SMTP receiver, in Vietnamese.
func TestDossierStatusMail(t *testing.T) {
	db := sqldbtest.Open(t, sqldb.SQLite)
	ctx := context.Background()
	doc, _ := plan.ParseDocument(plans.SeedPlan())
	now := time.Date(2026, 9, 10, 2, 0, 0, 0, time.UTC)
	if _, err := demo.Load(ctx, db, doc, now); err != nil {
		t.Fatal(err)
	}
	cal, _ := calendar.NewDefault()
	db.Now = func() time.Time { return now }
	db.OneStop = sqldb.OneStop{Agency: "000.00.31.H31", Calendar: func() *calendar.Calendar { return cal }, BaseURL: "https://cchc.example"}
	users, _ := db.FindUsers(cchc.WithUser(ctx, cchc.SystemUser), sqldb.UserFilter{Role: cchc.RoleOneStop})
	officer := cchc.WithUser(ctx, users[0])
	p, _ := db.FindProcedure(ctx, "2.001914")
	form := url.Values{"ho_ten": {"Hoàng Văn Nam"}, "so_cccd": {"031095001234"}, "ngay_sinh": {"12/05/1995"}, "dien_thoai": {"0912345678"},
		"email": {"nam@example.vn"}, "so_hieu_van_bang": {"B 123456"}, "truong": {"Trường THPT Trần Phú"}, "nam_tot_nghiep": {"2013"},
		"noi_dung_hien_tai": {"Hoàng Văn Năm"}, "noi_dung_de_nghi": {"Hoàng Văn Nam"}, "cam_ket": {"1"}}
	for _, f := range p.Form {
		if f.Type == "choice" {
			form.Set(f.Name, f.Options[0])
		}
	}
	files := []sqldb.NewDossierFile{}
	for _, d := range p.Documents {
		if d.Required {
			files = append(files, sqldb.NewDossierFile{DocKey: d.Key, Name: d.Key + ".pdf", SHA256: strings.Repeat("d", 64), ContentType: "application/pdf", Size: 1})
		}
	}
	rec, _, err := db.SubmitDossier(officer, sqldb.NewDossier{ProcedureCode: p.Code, Form: form, Files: files})
	if err != nil {
		t.Fatal(err)
	}
	srv := mailtest.Start(t)
	r := &Runner{DB: db, Log: slog.New(slog.NewTextHandler(io.Discard, nil)), Mail: &mail.SMTP{Host: srv.Host(), Port: srv.Port(), From: "Sở GD&ĐT Hải Phòng <mot-cua@sgddt-hp.example>"}}
	for i := 0; i < 20; i++ { // reminders of the demo are queued too
		if n, err := r.SendMail(ctx); err != nil || n == 0 {
			break
		}
	}
	var got *mailtest.Received
	for _, m := range srv.Messages() {
		if m.To == "nam@example.vn" {
			m := m
			got = &m
		}
	}
	if got == nil {
		t.Fatalf("no message to the applicant among %d", len(srv.Messages()))
	}
	if got.Subject != "Hồ sơ "+rec.Code()+": Đã tiếp nhận" && !strings.Contains(got.Subject, rec.Code()) {
		t.Errorf("subject %q", got.Subject)
	}
	for _, want := range []string{"Kính gửi Ông/Bà Hoàng Văn Nam", rec.Code(), "Ngày hẹn trả kết quả: 17:00 17/09/2026", "https://cchc.example/tra-cuu?ma="} {
		if !strings.Contains(got.Body, want) {
			t.Errorf("body lacks %q:\n%s", want, got.Body)
		}
	}
}
