package sqldb

import (
	"context"
	"fmt"
	"strconv"

	"github.com/hpdoet/cchc"
	"github.com/hpdoet/cchc/password"
)

const userColumns = `id, username, full_name, email, role, COALESCE(unit_id, 0), active, created_at`

func scanUser(s interface{ Scan(...any) error }) (*cchc.User, error) {
	var u cchc.User
	var role string
	if err := s.Scan(&u.ID, &u.Username, &u.FullName, &u.Email, &role, &u.UnitID, &u.Active, &u.CreatedAt); err != nil {
		return nil, err
	}
	u.Role = cchc.Role(role)
	return &u, nil
}

func findUser(ctx context.Context, q querier, id int64) (*cchc.User, error) {
	u, err := scanUser(q.QueryRowContext(ctx, `SELECT `+userColumns+` FROM users WHERE id = $1`, id))
	if isNoRows(err) {
		return nil, cchc.Errorf(cchc.ENOTFOUND, "Không tìm thấy tài khoản.")
	} else if err != nil {
		return nil, fmt.Errorf("find user %d: %w", id, err)
	}
	return u, nil
}

// FindUserByID returns one account. Admins see any; others only themselves.
func (db *DB) FindUserByID(ctx context.Context, id int64) (*cchc.User, error) {
	me := cchc.UserFromContext(ctx)
	if me == nil || (!me.CanManageAccounts() && me.ID != id) {
		return nil, cchc.Errorf(cchc.EFORBIDDEN, "Bạn không có quyền xem tài khoản này.")
	}
	return findUser(ctx, db.sql, id)
}

// UserFilter selects accounts; zero fields do not filter.
type UserFilter struct {
	UnitID int64
	Role   cchc.Role
}

// FindUsers lists accounts. Admins see all; a unit head sees the officials
// of their own unit; nobody else may list accounts.
func (db *DB) FindUsers(ctx context.Context, f UserFilter) ([]*cchc.User, error) {
	me := cchc.UserFromContext(ctx)
	switch {
	case me.CanManageAccounts() || me.SeesAllUnits():
	case me.IsOfficial() && me.Role == cchc.RoleUnitHead:
		f.UnitID = me.UnitID
	default:
		return nil, cchc.Errorf(cchc.EFORBIDDEN, "Bạn không có quyền xem danh sách tài khoản.")
	}
	rows, err := db.sql.QueryContext(ctx, `SELECT `+userColumns+` FROM users
		WHERE ($1 = 0 OR unit_id = $1) AND ($2 = '' OR role = $2) ORDER BY role, username`, f.UnitID, string(f.Role))
	if err != nil {
		return nil, fmt.Errorf("query users: %w", err)
	}
	defer rows.Close()
	var out []*cchc.User
	for rows.Next() {
		u, err := scanUser(rows)
		if err != nil {
			return nil, fmt.Errorf("scan user: %w", err)
		}
		out = append(out, u)
	}
	return out, rows.Err()
}

// checkUnit makes sure an official's unit exists and is active.
func checkUnit(ctx context.Context, tx *Tx, u *cchc.User) error {
	if u.UnitID == 0 {
		return nil
	}
	unit, err := findUnit(ctx, tx, u.UnitID)
	if cchc.ErrorCode(err) == cchc.ENOTFOUND || (err == nil && !unit.Active) {
		return cchc.Invalid("Đơn vị không tồn tại hoặc đã ngừng hoạt động.", map[string]string{"unit_id": "Đơn vị không tồn tại hoặc đã ngừng hoạt động."})
	}
	return err
}

// CreateUser adds an account with the given password. Only an admin may.
func (db *DB) CreateUser(ctx context.Context, u *cchc.User, pw string) error {
	if !cchc.UserFromContext(ctx).CanManageAccounts() {
		return cchc.Errorf(cchc.EFORBIDDEN, "Bạn không có quyền quản lý tài khoản.")
	}
	if err := u.Validate(); err != nil {
		return err
	}
	if err := cchc.ValidatePassword(pw); err != nil {
		return err
	}
	hash, err := password.Hash(pw, db.passwordParams())
	if err != nil {
		return err
	}
	return db.write(ctx, func(tx *Tx) error {
		if err := checkUnit(ctx, tx, u); err != nil {
			return err
		}
		var unit any
		if u.UnitID != 0 {
			unit = u.UnitID
		}
		err := tx.QueryRowContext(ctx, `INSERT INTO users (username, full_name, email, role, unit_id, password_hash, active, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) RETURNING id`,
			u.Username, u.FullName, u.Email, string(u.Role), unit, hash, u.Active, tx.now).Scan(&u.ID)
		if constraint(err) == "unique" {
			return cchc.Invalid("Tên đăng nhập hoặc thư điện tử đã được dùng.", map[string]string{"username": "Tên đăng nhập hoặc thư điện tử đã được dùng."})
		} else if err != nil {
			return fmt.Errorf("insert user: %w", err)
		}
		u.CreatedAt = tx.now
		return tx.audit(ctx, "user.create", "user", strconv.FormatInt(u.ID, 10), nil, u)
	})
}

// UpdateUser changes an account. Only an admin may. Deactivating an account
// ends its sessions.
func (db *DB) UpdateUser(ctx context.Context, id int64, up cchc.UserUpdate) (*cchc.User, error) {
	me := cchc.UserFromContext(ctx)
	if !me.CanManageAccounts() {
		return nil, cchc.Errorf(cchc.EFORBIDDEN, "Bạn không có quyền quản lý tài khoản.")
	}
	var out *cchc.User
	err := db.write(ctx, func(tx *Tx) error {
		before, err := findUser(ctx, tx, id)
		if err != nil {
			return err
		}
		after := up.Apply(*before)
		if after.Role == cchc.RoleCitizen {
			after.UnitID = 0
		}
		if err := after.Validate(); err != nil {
			return err
		}
		if id == me.ID && (!after.Active || after.Role != cchc.RoleAdmin) {
			return cchc.Errorf(cchc.ECONFLICT, "Bạn không thể tự khóa hoặc bỏ quyền quản trị của chính mình.")
		}
		if err := checkUnit(ctx, tx, &after); err != nil {
			return err
		}
		var unit any
		if after.UnitID != 0 {
			unit = after.UnitID
		}
		_, err = tx.ExecContext(ctx, `UPDATE users SET full_name = $1, email = $2, role = $3, unit_id = $4, active = $5,
			updated_at = $6 WHERE id = $7`, after.FullName, after.Email, string(after.Role), unit, after.Active, tx.now, id)
		if constraint(err) == "unique" {
			return cchc.Invalid("Thư điện tử đã được dùng.", map[string]string{"email": "Thư điện tử này đã thuộc một tài khoản khác."})
		} else if err != nil {
			return fmt.Errorf("update user %d: %w", id, err)
		}
		if !after.Active || after.Role != before.Role || after.UnitID != before.UnitID {
			if _, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE user_id = $1`, id); err != nil {
				return fmt.Errorf("end sessions of user %d: %w", id, err)
			}
		}
		out = &after
		return tx.audit(ctx, "user.update", "user", strconv.FormatInt(id, 10), before, after)
	})
	return out, err
}

// SetPassword replaces an account's password: an admin for anyone, a user
// for themselves (the caller checks the old password first). Other sessions
// of the account end.
func (db *DB) SetPassword(ctx context.Context, id int64, pw string) error {
	me := cchc.UserFromContext(ctx)
	if me == nil || (!me.CanManageAccounts() && me.ID != id) {
		return cchc.Errorf(cchc.EFORBIDDEN, "Bạn không có quyền đổi mật khẩu tài khoản này.")
	}
	if err := cchc.ValidatePassword(pw); err != nil {
		return err
	}
	hash, err := password.Hash(pw, db.passwordParams())
	if err != nil {
		return err
	}
	return db.write(ctx, func(tx *Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE users SET password_hash = $1, updated_at = $2 WHERE id = $3`, hash, tx.now, id)
		if err != nil {
			return fmt.Errorf("set password of user %d: %w", id, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return cchc.Errorf(cchc.ENOTFOUND, "Không tìm thấy tài khoản.")
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE user_id = $1`, id); err != nil {
			return fmt.Errorf("end sessions of user %d: %w", id, err)
		}
		// The hash itself never enters the audit log.
		return tx.audit(ctx, "user.password", "user", strconv.FormatInt(id, 10), nil, map[string]string{"password": "changed"})
	})
}

// CountUsers returns how many accounts exist (to tell an empty database).
func (db *DB) CountUsers(ctx context.Context) (int, error) {
	var n int
	if err := db.sql.QueryRowContext(ctx, `SELECT COUNT(*) FROM users`).Scan(&n); err != nil {
		return 0, fmt.Errorf("count users: %w", err)
	}
	return n, nil
}

func (db *DB) passwordParams() password.Params {
	if db.PasswordParams != (password.Params{}) {
		return db.PasswordParams
	}
	return password.Default
}
