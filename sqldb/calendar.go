package sqldb

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"

	"github.com/hpdoet/cchc"
	"github.com/hpdoet/cchc/calendar"
)

// CalendarSchedules returns the official schedules the admin has entered, by year.
func (db *DB) CalendarSchedules(ctx context.Context) (map[int]*calendar.Schedule, error) {
	rows, err := db.sql.QueryContext(ctx, `SELECT year, document FROM calendar_schedules ORDER BY year`)
	if err != nil {
		return nil, fmt.Errorf("query calendar schedules: %w", err)
	}
	defer rows.Close()
	out := map[int]*calendar.Schedule{}
	for rows.Next() {
		var year int
		var doc string
		if err := rows.Scan(&year, &doc); err != nil {
			return nil, fmt.Errorf("scan calendar schedule: %w", err)
		}
		s, err := calendar.ParseSchedule([]byte(doc))
		if err != nil {
			return nil, fmt.Errorf("stored calendar schedule %d: %w", year, err)
		}
		out[year] = s
	}
	return out, rows.Err()
}

// SaveCalendarSchedule stores the official schedule of a year, replacing
// any earlier one (admins only). The schedule must validate.
func (db *DB) SaveCalendarSchedule(ctx context.Context, s *calendar.Schedule) error {
	me := cchc.UserFromContext(ctx)
	if !me.CanManageAccounts() {
		return cchc.Errorf(cchc.EFORBIDDEN, "Chỉ quản trị viên được sửa lịch nghỉ.")
	}
	if err := s.Validate(); err != nil {
		return cchc.Errorf(cchc.EINVALID, "Lịch nghỉ không hợp lệ: %v", err)
	}
	doc, err := json.Marshal(s)
	if err != nil {
		return fmt.Errorf("encode schedule %d: %w", s.Year, err)
	}
	return db.write(ctx, func(tx *Tx) error {
		before, err := tx.scheduleDoc(ctx, s.Year)
		if err != nil {
			return err
		}
		var by any
		if me.ID != 0 {
			by = me.ID
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO calendar_schedules (year, document, updated_by, updated_at) VALUES ($1, $2, $3, $4)
			ON CONFLICT (year) DO UPDATE SET document = $2, updated_by = $3, updated_at = $4`, s.Year, string(doc), by, tx.now); err != nil {
			return fmt.Errorf("store schedule %d: %w", s.Year, err)
		}
		return tx.audit(ctx, "calendar.save", "calendar", strconv.Itoa(s.Year), before, json.RawMessage(doc))
	})
}

// DeleteCalendarSchedule removes the admin's schedule of a year, so the
// embedded file or the computed default governs it again (admins only).
func (db *DB) DeleteCalendarSchedule(ctx context.Context, year int) error {
	if !cchc.UserFromContext(ctx).CanManageAccounts() {
		return cchc.Errorf(cchc.EFORBIDDEN, "Chỉ quản trị viên được sửa lịch nghỉ.")
	}
	return db.write(ctx, func(tx *Tx) error {
		before, err := tx.scheduleDoc(ctx, year)
		if err != nil {
			return err
		}
		if before == nil {
			return cchc.Errorf(cchc.ENOTFOUND, "Năm %d chưa có lịch nghỉ do quản trị viên nhập.", year)
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM calendar_schedules WHERE year = $1`, year); err != nil {
			return fmt.Errorf("delete schedule %d: %w", year, err)
		}
		return tx.audit(ctx, "calendar.reset", "calendar", strconv.Itoa(year), before, nil)
	})
}

func (tx *Tx) scheduleDoc(ctx context.Context, year int) (json.RawMessage, error) {
	var doc string
	err := tx.QueryRowContext(ctx, `SELECT document FROM calendar_schedules WHERE year = $1`, year).Scan(&doc)
	if isNoRows(err) {
		return nil, nil
	} else if err != nil {
		return nil, fmt.Errorf("read schedule %d: %w", year, err)
	}
	return json.RawMessage(doc), nil
}
