package sqldb

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"

	"github.com/hpdoet/cchc"
	"github.com/hpdoet/cchc/password"
)

// SignUp creates a citizen or business account that signs in with its
// e-mail address, and opens a web session for it. Anyone may sign up; an
// address already in use is refused without saying whose it is.
func (db *DB) SignUp(ctx context.Context, email, fullName, pw string) (string, *cchc.User, error) {
	email = strings.ToLower(strings.TrimSpace(email))
	b := make([]byte, 5)
	rand.Read(b)
	u := &cchc.User{Username: "cd-" + hex.EncodeToString(b), FullName: fullName, Email: email, Role: cchc.RoleCitizen, Active: true}
	fields := map[string]string{}
	if email == "" {
		fields["email"] = "Vui lòng nhập địa chỉ thư điện tử."
	}
	if err := u.Validate(); err != nil {
		for k, v := range cchc.ErrorFields(err) {
			fields[k] = v
		}
	}
	if err := cchc.ValidatePassword(pw); err != nil {
		fields["password"] = cchc.ErrorFields(err)["password"]
	}
	if len(fields) > 0 {
		return "", nil, cchc.Invalid("Thông tin đăng ký chưa hợp lệ.", fields)
	}
	hash, err := password.Hash(pw, db.passwordParams())
	if err != nil {
		return "", nil, err
	}
	var token string
	err = db.write(ctx, func(tx *Tx) error {
		err := tx.QueryRowContext(ctx, `INSERT INTO users (username, full_name, email, role, unit_id, password_hash, active, created_at, updated_at)
			VALUES ($1, $2, $3, $4, NULL, $5, TRUE, $6, $6) RETURNING id`, u.Username, u.FullName, u.Email, string(u.Role), hash, tx.now).Scan(&u.ID)
		if constraint(err) == "unique" {
			return cchc.Invalid("Địa chỉ thư điện tử này đã được dùng để đăng ký.", map[string]string{"email": "Địa chỉ này đã có tài khoản. Hãy đăng nhập."})
		} else if err != nil {
			return fmt.Errorf("insert citizen: %w", err)
		}
		u.CreatedAt = tx.now
		if token, err = tx.createSession(ctx, u.ID, SessionWeb); err != nil {
			return err
		}
		return tx.audit(cchc.WithUser(ctx, u), "user.signup", "user", strconv.FormatInt(u.ID, 10), nil, u)
	})
	if err != nil {
		return "", nil, err
	}
	return token, u, nil
}
