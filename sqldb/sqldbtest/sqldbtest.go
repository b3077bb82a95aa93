// Package sqldbtest opens fresh databases for tests: always SQLite, and
// PostgreSQL too when CCHC_TEST_DATABASE_URL is set. Under CI=true the
// PostgreSQL run is mandatory, so a missing server fails the suite instead
// of silently skipping it.
package sqldbtest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/hpdoet/cchc/password"
	"github.com/hpdoet/cchc/sqldb"
)

// EnvURL names the variable holding an admin URL of a PostgreSQL server on
// which tests may create and drop databases.
const EnvURL = "CCHC_TEST_DATABASE_URL"

// FastPasswords are argon2id costs low enough for tests.
var FastPasswords = password.Params{Memory: 1024, Time: 1, Threads: 1}

// Engines returns the engines tests must run on. It fails the test under
// CI=true when PostgreSQL is not configured.
func Engines(t testing.TB) []sqldb.Engine {
	t.Helper()
	engines := []sqldb.Engine{sqldb.SQLite}
	if os.Getenv(EnvURL) != "" {
		engines = append(engines, sqldb.Postgres)
	} else if os.Getenv("CI") == "true" {
		t.Fatalf("CI=true but %s is not set: the PostgreSQL suite must run in CI", EnvURL)
	}
	return engines
}

// Each runs fn once per engine, each time on a fresh migrated database.
func Each(t *testing.T, fn func(t *testing.T, db *sqldb.DB)) {
	t.Helper()
	for _, e := range Engines(t) {
		t.Run(string(e), func(t *testing.T) { fn(t, Open(t, e)) })
	}
}

// URL creates a fresh empty database of the engine and returns its URL; the
// database is dropped when the test ends.
func URL(t testing.TB, engine sqldb.Engine) string {
	t.Helper()
	if engine == sqldb.SQLite {
		return filepath.Join(t.TempDir(), "cchc.db")
	}
	admin := os.Getenv(EnvURL)
	if admin == "" {
		t.Fatalf("%s is not set", EnvURL)
	}
	b := make([]byte, 6)
	rand.Read(b)
	name := "cchc_test_" + hex.EncodeToString(b)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	conn, err := sql.Open("pgx", admin)
	if err != nil {
		t.Fatalf("open PostgreSQL admin connection: %v", err)
	}
	if _, err := conn.ExecContext(ctx, "CREATE DATABASE "+name); err != nil {
		conn.Close()
		t.Fatalf("create test database on %s: %v", redact(admin), err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		if _, err := conn.ExecContext(ctx, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)"); err != nil {
			t.Errorf("drop test database %s: %v", name, err)
		}
		conn.Close()
	})
	u, err := url.Parse(admin)
	if err != nil {
		t.Fatalf("parse %s: %v", EnvURL, err)
	}
	u.Path = "/" + name
	return u.String()
}

func redact(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "(unparsable URL)"
	}
	return u.Redacted()
}

// Open returns a fresh migrated database of the engine, closed at cleanup,
// with fast password hashing.
func Open(t testing.TB, engine sqldb.Engine) *sqldb.DB {
	t.Helper()
	ctx := context.Background()
	db, err := sqldb.Open(ctx, URL(t, engine))
	if err != nil {
		t.Fatalf("open %s: %v", engine, err)
	}
	t.Cleanup(func() { db.Close() })
	db.PasswordParams = FastPasswords
	if err := db.Migrate(ctx); err != nil {
		t.Fatalf("migrate %s: %v", engine, err)
	}
	return db
}
