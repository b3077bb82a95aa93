// Package jobs runs cchc's background work: sending queued e-mail with
// retries, and queuing task reminders. Every job is safe to restart and to
// run on several instances at once.
package jobs

import (
	"context"
	"errors"
	"log/slog"
	"time"

	"github.com/hpdoet/cchc/mail"
	"github.com/hpdoet/cchc/sqldb"
)

// Runner runs the background jobs until its context ends.
type Runner struct {
	DB      *sqldb.DB
	Mail    mail.Sender // nil or a disabled SMTP keeps messages queued
	Log     *slog.Logger
	BaseURL string
	// Every is how often the mail queue is polled; reminders are queued
	// every ReminderEvery.
	Every         time.Duration
	ReminderEvery time.Duration
}

// Run loops until ctx is done.
func (r *Runner) Run(ctx context.Context) {
	every, remind := r.Every, r.ReminderEvery
	if every <= 0 {
		every = 10 * time.Second
	}
	if remind <= 0 {
		remind = time.Hour
	}
	tick := time.NewTicker(every)
	defer tick.Stop()
	var lastReminders time.Time
	for {
		if time.Since(lastReminders) >= remind {
			if n, err := r.DB.EnqueueTaskReminders(ctx, r.BaseURL); err != nil {
				r.Log.Error("queue task reminders", "err", err)
			} else if n > 0 {
				r.Log.Info("task reminders queued", "count", n)
			}
			lastReminders = time.Now()
		}
		if _, err := r.SendMail(ctx); err != nil && !errors.Is(err, context.Canceled) {
			r.Log.Error("send mail", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
}

// maxAttempts is how many times a message is tried before it is left for
// an operator.
const maxAttempts = 8

// SendMail sends what is due in the queue and returns how many went out.
// A failed message is retried with exponential backoff.
func (r *Runner) SendMail(ctx context.Context) (int, error) {
	if r.Mail == nil {
		return 0, nil
	}
	if s, ok := r.Mail.(*mail.SMTP); ok && s.Host == "" {
		return 0, nil
	}
	batch, err := r.DB.ClaimMail(ctx, 20, 2*time.Minute)
	if err != nil {
		return 0, err
	}
	sent := 0
	for _, m := range batch {
		err := r.Mail.Send(ctx, mail.Message{To: m.Recipient, Subject: m.Subject, Body: m.Body})
		if err != nil {
			// Server replies can quote the address, which is personal data:
			// the error text goes to the outbox row, the log gets the id.
			r.Log.Warn("mail not sent", "outbox_id", m.ID, "attempt", m.Attempts)
			retry := time.Now().Add(time.Duration(1<<min(m.Attempts, 10)) * time.Minute)
			if m.Attempts >= maxAttempts {
				retry = time.Now().Add(100 * 365 * 24 * time.Hour)
			}
			if err := r.DB.MarkMailFailed(ctx, m.ID, err, retry); err != nil {
				return sent, err
			}
			continue
		}
		if err := r.DB.MarkMailSent(ctx, m.ID); err != nil {
			return sent, err
		}
		sent++
	}
	return sent, nil
}
