package sqldb

import (
	"context"
	"fmt"
	"strconv"

	"github.com/hpdoet/cchc"
)

const unitColumns = `id, code, name, kind, email, active, position`

func scanUnit(s interface{ Scan(...any) error }) (*cchc.Unit, error) {
	var u cchc.Unit
	if err := s.Scan(&u.ID, &u.Code, &u.Name, &u.Kind, &u.Email, &u.Active, &u.Position); err != nil {
		return nil, err
	}
	return &u, nil
}

// FindUnits returns every unit in display order. Unit names are public.
func (db *DB) FindUnits(ctx context.Context) ([]*cchc.Unit, error) {
	rows, err := db.sql.QueryContext(ctx, `SELECT `+unitColumns+` FROM units ORDER BY position, name`)
	if err != nil {
		return nil, fmt.Errorf("query units: %w", err)
	}
	defer rows.Close()
	var out []*cchc.Unit
	for rows.Next() {
		u, err := scanUnit(rows)
		if err != nil {
			return nil, fmt.Errorf("scan unit: %w", err)
		}
		out = append(out, u)
	}
	return out, rows.Err()
}

// FindUnitByID returns one unit or ENOTFOUND.
func (db *DB) FindUnitByID(ctx context.Context, id int64) (*cchc.Unit, error) {
	return findUnit(ctx, db.sql, id)
}

func findUnit(ctx context.Context, q querier, id int64) (*cchc.Unit, error) {
	u, err := scanUnit(q.QueryRowContext(ctx, `SELECT `+unitColumns+` FROM units WHERE id = $1`, id))
	if isNoRows(err) {
		return nil, cchc.Errorf(cchc.ENOTFOUND, "Không tìm thấy đơn vị.")
	} else if err != nil {
		return nil, fmt.Errorf("find unit %d: %w", id, err)
	}
	return u, nil
}

// CreateUnit adds a unit. Only an admin may.
func (db *DB) CreateUnit(ctx context.Context, u *cchc.Unit) error {
	if !cchc.UserFromContext(ctx).CanManageAccounts() {
		return cchc.Errorf(cchc.EFORBIDDEN, "Bạn không có quyền quản lý đơn vị.")
	}
	if err := u.Validate(); err != nil {
		return err
	}
	return db.write(ctx, func(tx *Tx) error {
		err := tx.QueryRowContext(ctx, `INSERT INTO units (code, name, kind, email, active, position, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING id`,
			u.Code, u.Name, u.Kind, u.Email, u.Active, u.Position, tx.now).Scan(&u.ID)
		if constraint(err) == "unique" {
			return cchc.Invalid("Mã đơn vị đã được dùng.", map[string]string{"code": "Mã đơn vị đã được dùng."})
		} else if err != nil {
			return fmt.Errorf("insert unit: %w", err)
		}
		return tx.audit(ctx, "unit.create", "unit", strconv.FormatInt(u.ID, 10), nil, u)
	})
}

// UpdateUnit changes a unit. Only an admin may.
func (db *DB) UpdateUnit(ctx context.Context, id int64, up cchc.UnitUpdate) (*cchc.Unit, error) {
	if !cchc.UserFromContext(ctx).CanManageAccounts() {
		return nil, cchc.Errorf(cchc.EFORBIDDEN, "Bạn không có quyền quản lý đơn vị.")
	}
	var out *cchc.Unit
	err := db.write(ctx, func(tx *Tx) error {
		before, err := findUnit(ctx, tx, id)
		if err != nil {
			return err
		}
		after := up.Apply(*before)
		if err := after.Validate(); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `UPDATE units SET code = $1, name = $2, kind = $3, email = $4, active = $5,
			position = $6, updated_at = $7 WHERE id = $8`,
			after.Code, after.Name, after.Kind, after.Email, after.Active, after.Position, tx.now, id)
		if constraint(err) == "unique" {
			return cchc.Invalid("Mã đơn vị đã được dùng.", map[string]string{"code": "Mã đơn vị đã được dùng."})
		} else if err != nil {
			return fmt.Errorf("update unit %d: %w", id, err)
		}
		out = &after
		return tx.audit(ctx, "unit.update", "unit", strconv.FormatInt(id, 10), before, after)
	})
	return out, err
}
