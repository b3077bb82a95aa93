package sqldb

import (
	"context"
	"fmt"
	"net/url"
	"strings"

	"github.com/hpdoet/cchc/plan"
)

// EnqueueTaskReminders queues e-mails about task periods that fell due
// without accepted evidence or fall due within plan.DueSoonDays, to the
// lead and coordinating units (the unit's address and its officials'),
// once per period, kind and recipient, so running it every hour sends each
// reminder once. It returns how many messages were queued.
func (db *DB) EnqueueTaskReminders(ctx context.Context, baseURL string) (int, error) {
	queued := 0
	err := db.write(ctx, func(tx *Tx) error {
		tasks, err := tx.loadTasks(ctx, "", plan.CivilDate(tx.now))
		if err != nil {
			return err
		}
		recipients, err := tx.unitRecipients(ctx)
		if err != nil {
			return err
		}
		for _, t := range tasks {
			if t.Assignment == nil {
				continue
			}
			units := append([]int64{t.Assignment.LeadUnitID}, t.Assignment.CoUnitIDs...)
			for _, in := range t.Instances {
				kind := ""
				switch {
				case in.Status == plan.Overdue:
					kind = "qua-han"
				case in.DueSoon:
					kind = "sap-den-han"
				default:
					continue
				}
				subject, body := reminderText(kind, t, in, baseURL)
				for _, u := range units {
					for _, to := range recipients[u] {
						key := fmt.Sprintf("nhac-viec:%s:%d:%s", kind, in.ID, strings.ToLower(to))
						before := queued
						res, err := tx.ExecContext(ctx, `INSERT INTO outbox (recipient, subject, body, dedup_key, created_at, next_attempt_at)
							VALUES ($1, $2, $3, $4, $5, $5) ON CONFLICT (dedup_key) DO NOTHING`, to, subject, body, key, tx.now)
						if err != nil {
							return fmt.Errorf("queue reminder: %w", err)
						}
						if n, _ := res.RowsAffected(); n > 0 {
							queued = before + 1
						}
					}
				}
			}
		}
		return nil
	})
	return queued, err
}

// unitRecipients maps each unit to its e-mail and those of its active
// specialists and unit heads.
func (tx *Tx) unitRecipients(ctx context.Context) (map[int64][]string, error) {
	out := map[int64][]string{}
	rows, err := tx.QueryContext(ctx, `SELECT id, email FROM units WHERE active AND email <> ''
		UNION ALL SELECT unit_id, email FROM users WHERE active AND email <> '' AND unit_id IS NOT NULL
			AND role IN ('chuyenvien', 'truongphong')`)
	if err != nil {
		return nil, fmt.Errorf("query reminder recipients: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var email string
		if err := rows.Scan(&id, &email); err != nil {
			return nil, fmt.Errorf("scan reminder recipient: %w", err)
		}
		out[id] = append(out[id], email)
	}
	return out, rows.Err()
}

func reminderText(kind string, t *plan.Task, in *plan.InstanceState, baseURL string) (string, string) {
	text := t.Node.Title
	if text == "" {
		text = t.Node.Text
	}
	link := strings.TrimRight(baseURL, "/") + "/nhiem-vu/" + url.PathEscape(t.Node.Code)
	due := in.Due.Format("02/01/2006")
	if kind == "qua-han" {
		return fmt.Sprintf("[CCHC] Nhiệm vụ %s đã quá hạn (%s)", t.Node.Code, due),
			fmt.Sprintf("Nhiệm vụ %s (%s) có hạn %s nhưng chưa có minh chứng được chấp nhận.\n\n%s\n\nSản phẩm: %s\n\nXem và cập nhật tiến độ: %s\n\n— Hệ thống quản lý cải cách hành chính, Sở GD&ĐT Hải Phòng",
				t.Node.Code, plan.PeriodName(in.Period), due, text, t.Assignment.Product, link)
	}
	return fmt.Sprintf("[CCHC] Nhiệm vụ %s sắp đến hạn (%s)", t.Node.Code, due),
		fmt.Sprintf("Nhiệm vụ %s (%s) đến hạn ngày %s.\n\n%s\n\nSản phẩm: %s\n\nXem và cập nhật tiến độ: %s\n\n— Hệ thống quản lý cải cách hành chính, Sở GD&ĐT Hải Phòng",
			t.Node.Code, plan.PeriodName(in.Period), due, text, t.Assignment.Product, link)
}
