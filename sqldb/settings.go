package sqldb

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
)

const secretKey = "server_secret"

// ensureSecret creates the server's random secret on first start. It keys
// CSRF tokens, so every instance behind a load balancer shares it.
func (db *DB) ensureSecret(ctx context.Context) error {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return fmt.Errorf("generate secret: %w", err)
	}
	_, err := db.sql.ExecContext(ctx,
		`INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING`, secretKey, hex.EncodeToString(b))
	if err != nil {
		return fmt.Errorf("store secret: %w", err)
	}
	return nil
}

// Secret returns the server secret created by Migrate.
func (db *DB) Secret(ctx context.Context) ([]byte, error) {
	var s string
	if err := db.sql.QueryRowContext(ctx, `SELECT value FROM settings WHERE key = $1`, secretKey).Scan(&s); err != nil {
		return nil, fmt.Errorf("read secret: %w", err)
	}
	b, err := hex.DecodeString(s)
	if err != nil {
		return nil, fmt.Errorf("decode secret: %w", err)
	}
	return b, nil
}
