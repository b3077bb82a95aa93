package sqldb

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/hpdoet/cchc"
	"github.com/hpdoet/cchc/password"
)

// Session kinds.
const (
	SessionWeb = "web" // a browser session in a cookie
	SessionAPI = "api" // a bearer token
)

// Session lifetimes.
const (
	WebSessionTTL = 12 * time.Hour
	APISessionTTL = 24 * time.Hour
)

// Login throttling: after loginMaxFailures failed attempts for one account
// within loginWindow, or loginMaxIPFailures from one address, further
// attempts are refused until loginLockout has passed.
const (
	loginWindow        = 15 * time.Minute
	loginLockout       = 15 * time.Minute
	loginMaxFailures   = 5
	loginMaxIPFailures = 30
)

// Session is an authenticated session; the token itself is never stored.
type Session struct {
	Kind      string
	CSRFKey   string // per-session key that CSRF tokens are derived from
	ExpiresAt time.Time
}

func hashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

func randomToken() (string, error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("read random: %w", err)
	}
	return base64.RawURLEncoding.EncodeToString(b), nil
}

// dummyHash is checked when the account does not exist, so a missing
// account takes as long as a wrong password (argon2id with password.Default).
const dummyHash = "$argon2id$v=19$m=19456,t=2,p=1$a/bR5YbIrhPGVYRMfBJ+Ww$wus1BQP0PKhsRNoPpFKS1tI3DWyb/8fciRxmyGhoca4"

// Login checks a username and password, throttled per account and per
// client address, and on success opens a session of the given kind. It
// returns the session token (to hand to the client once) and the user.
func (db *DB) Login(ctx context.Context, username, pw, kind string) (string, *cchc.User, error) {
	u, err := db.checkCredentials(ctx, username, pw)
	if err != nil {
		return "", nil, err
	}
	var token string
	err = db.write(ctx, func(tx *Tx) error {
		token, err = tx.createSession(ctx, u.ID, kind)
		if err != nil {
			return err
		}
		return tx.audit(cchc.WithUser(ctx, u), "session.login", "user", strconv.FormatInt(u.ID, 10), nil, map[string]string{"kind": kind})
	})
	if err != nil {
		return "", nil, err
	}
	return token, u, nil
}

// VerifyPassword checks a user's password without opening a session (e.g.
// before a password change), throttled like a login.
func (db *DB) VerifyPassword(ctx context.Context, username, pw string) error {
	_, err := db.checkCredentials(ctx, username, pw)
	return err
}

func (db *DB) checkCredentials(ctx context.Context, username, pw string) (*cchc.User, error) {
	username = strings.ToLower(strings.TrimSpace(username))
	ip := cchc.ClientFromContext(ctx).IP
	userKey, ipKey := "u:"+username, "ip:"+ip
	now := db.Now().UTC()
	for _, key := range []string{userKey, ipKey} {
		var locked *time.Time
		err := db.sql.QueryRowContext(ctx, `SELECT locked_until FROM login_failures WHERE key = $1`, key).Scan(&locked)
		if err != nil && !isNoRows(err) {
			return nil, fmt.Errorf("read login throttle: %w", err)
		}
		if locked != nil && locked.After(now) {
			mins := int(locked.Sub(now).Minutes()) + 1
			return nil, cchc.Errorf(cchc.ERATELIMIT, "Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau %d phút.", mins)
		}
	}
	var hash string
	// Citizens sign in with their e-mail address, officials with a username.
	query := `SELECT ` + userColumns + ` FROM users WHERE username = $1`
	if strings.Contains(username, "@") {
		query = `SELECT ` + userColumns + ` FROM users WHERE lower(email) = $1 AND email <> ''`
	}
	u, err := scanUser(db.sql.QueryRowContext(ctx, query, username))
	if err == nil {
		err = db.sql.QueryRowContext(ctx, `SELECT password_hash FROM users WHERE id = $1`, u.ID).Scan(&hash)
	}
	if err != nil && !isNoRows(err) {
		return nil, fmt.Errorf("find user for login: %w", err)
	}
	ok := false
	if u != nil {
		ok, err = password.Check(pw, hash)
		if err != nil {
			return nil, fmt.Errorf("check password of user %d: %w", u.ID, err)
		}
	} else {
		password.Check(pw, dummyHash)
	}
	if !ok || !u.Active {
		if err := db.recordLoginFailure(ctx, userKey, ipKey); err != nil {
			return nil, err
		}
		return nil, cchc.Errorf(cchc.EUNAUTHORIZED, "Tên đăng nhập hoặc mật khẩu không đúng, hoặc tài khoản đã bị khóa.")
	}
	if _, err := db.sql.ExecContext(ctx, `DELETE FROM login_failures WHERE key = $1`, userKey); err != nil {
		return nil, fmt.Errorf("reset login throttle: %w", err)
	}
	return u, nil
}

func (db *DB) recordLoginFailure(ctx context.Context, keys ...string) error {
	return db.write(ctx, func(tx *Tx) error {
		for _, key := range keys {
			limit := loginMaxFailures
			if strings.HasPrefix(key, "ip:") {
				limit = loginMaxIPFailures
			}
			// A window older than loginWindow starts over.
			var failures int
			var start time.Time
			err := tx.QueryRowContext(ctx, `SELECT failures, window_start FROM login_failures WHERE key = $1`, key).Scan(&failures, &start)
			switch {
			case isNoRows(err):
				failures, start = 0, tx.now
			case err != nil:
				return fmt.Errorf("read login failures: %w", err)
			case tx.now.Sub(start) > loginWindow:
				failures, start = 0, tx.now
			}
			failures++
			var locked any
			if failures >= limit {
				locked = tx.now.Add(loginLockout)
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO login_failures (key, failures, window_start, locked_until)
				VALUES ($1, $2, $3, $4) ON CONFLICT (key) DO UPDATE SET failures = $2, window_start = $3, locked_until = $4`,
				key, failures, start, locked); err != nil {
				return fmt.Errorf("record login failure: %w", err)
			}
			if failures == limit && !strings.HasPrefix(key, "ip:") {
				if err := tx.audit(ctx, "session.lockout", "login", key, nil, map[string]any{"failures": failures}); err != nil {
					return err
				}
			}
		}
		return nil
	})
}

func (tx *Tx) createSession(ctx context.Context, userID int64, kind string) (string, error) {
	if kind != SessionWeb && kind != SessionAPI {
		return "", fmt.Errorf("unknown session kind %q", kind)
	}
	token, err := randomToken()
	if err != nil {
		return "", err
	}
	csrf, err := randomToken()
	if err != nil {
		return "", err
	}
	ttl := WebSessionTTL
	if kind == SessionAPI {
		ttl = APISessionTTL
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO sessions (token_hash, user_id, kind, csrf_key, created_at, expires_at)
		VALUES ($1, $2, $3, $4, $5, $6)`, hashToken(token), userID, kind, csrf, tx.now, tx.now.Add(ttl)); err != nil {
		return "", fmt.Errorf("insert session: %w", err)
	}
	// Expired sessions are swept as new ones open, so the table stays small.
	if _, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE expires_at < $1`, tx.now); err != nil {
		return "", fmt.Errorf("sweep sessions: %w", err)
	}
	return token, nil
}

// FindSession returns the active user and session of a token, or
// EUNAUTHORIZED if the token is unknown, expired, or its account is locked.
func (db *DB) FindSession(ctx context.Context, token string) (*cchc.User, *Session, error) {
	if token == "" {
		return nil, nil, cchc.Errorf(cchc.EUNAUTHORIZED, "Vui lòng đăng nhập.")
	}
	var s Session
	row := db.sql.QueryRowContext(ctx, `SELECT u.id, u.username, u.full_name, u.email, u.role, COALESCE(u.unit_id, 0), u.active,
		u.created_at, s.kind, s.csrf_key, s.expires_at FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = $1`, hashToken(token))
	var u cchc.User
	var role string
	err := row.Scan(&u.ID, &u.Username, &u.FullName, &u.Email, &role, &u.UnitID, &u.Active, &u.CreatedAt, &s.Kind, &s.CSRFKey, &s.ExpiresAt)
	if isNoRows(err) {
		return nil, nil, cchc.Errorf(cchc.EUNAUTHORIZED, "Phiên đăng nhập đã hết hạn. Vui lòng đăng nhập lại.")
	} else if err != nil {
		return nil, nil, fmt.Errorf("find session: %w", err)
	}
	u.Role = cchc.Role(role)
	if !u.Active || !s.ExpiresAt.After(db.Now()) {
		return nil, nil, cchc.Errorf(cchc.EUNAUTHORIZED, "Phiên đăng nhập đã hết hạn. Vui lòng đăng nhập lại.")
	}
	return &u, &s, nil
}

// Logout ends the session of a token. Ending an unknown session is not an error.
func (db *DB) Logout(ctx context.Context, token string) error {
	return db.write(ctx, func(tx *Tx) error {
		var userID int64
		err := tx.QueryRowContext(ctx, `DELETE FROM sessions WHERE token_hash = $1 RETURNING user_id`, hashToken(token)).Scan(&userID)
		if isNoRows(err) {
			return nil
		} else if err != nil {
			return fmt.Errorf("delete session: %w", err)
		}
		return tx.audit(ctx, "session.logout", "user", strconv.FormatInt(userID, 10), nil, nil)
	})
}
