// Package sqldb is the one storage package of cchc, for SQLite (the default,
// pure Go) and PostgreSQL (production). Every public method opens a
// transaction, applies the domain's rules and permission checks inside it,
// writes the audit entry, and commits, so no path can skip them.
package sqldb

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"github.com/hpdoet/cchc/indicator"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/hpdoet/cchc/password"
	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
	"github.com/pressly/goose/v3"
	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// Engine names a database engine.
type Engine string

// Supported engines.
const (
	SQLite   Engine = "sqlite"
	Postgres Engine = "postgres"
)

//go:embed migrations
var migrations embed.FS

// DB is a handle on the database. It is safe for concurrent use.
type DB struct {
	sql    *sql.DB
	engine Engine
	// Now returns the current time; tests replace it to fix the clock.
	Now func() time.Time
	// PasswordParams are the argon2id costs; zero means password.Default.
	PasswordParams password.Params
	// OneStop configures dossiers: the agency code, the calendar, the clock.
	OneStop OneStop
	// Cost prices compliance cost in the indicators; zero means
	// indicator.DefaultCost.
	Cost indicator.CostModel
	// NoValuesCache computes indicator values on every call (benchmarks of
	// the computation itself).
	NoValuesCache bool
	values        valuesCache
	refs          refCache
}

// IsPostgres reports whether url names a PostgreSQL database.
func IsPostgres(url string) bool {
	return strings.HasPrefix(url, "postgres://") || strings.HasPrefix(url, "postgresql://")
}

// Open opens the database named by url: a postgres:// URL, or a SQLite file
// path (optionally written sqlite:PATH). It does not migrate.
func Open(ctx context.Context, url string) (*DB, error) {
	db := &DB{Now: time.Now}
	var err error
	if IsPostgres(url) {
		db.engine = Postgres
		db.sql, err = sql.Open("pgx", url)
		if err != nil {
			return nil, fmt.Errorf("open postgres: %w", err)
		}
		db.sql.SetMaxOpenConns(20)
		db.sql.SetMaxIdleConns(10)
		db.sql.SetConnMaxIdleTime(5 * time.Minute)
	} else {
		db.engine = SQLite
		path := strings.TrimPrefix(url, "sqlite:")
		if dir := filepath.Dir(path); dir != "" {
			if err := os.MkdirAll(dir, 0o750); err != nil {
				return nil, fmt.Errorf("create database directory: %w", err)
			}
		}
		db.sql, err = sql.Open("sqlite", sqliteDSN(path))
		if err != nil {
			return nil, fmt.Errorf("open sqlite %s: %w", path, err)
		}
		// WAL allows readers beside one writer; _txlock=immediate makes
		// writers queue on busy_timeout instead of failing on upgrade.
		db.sql.SetMaxOpenConns(8)
		db.sql.SetMaxIdleConns(8)
	}
	if err := db.sql.PingContext(ctx); err != nil {
		db.sql.Close()
		return nil, fmt.Errorf("connect to %s database: %w", db.engine, err)
	}
	return db, nil
}

func sqliteDSN(path string) string {
	q := url.Values{}
	// busy_timeout must come first so the other pragmas wait for locks too.
	q.Add("_pragma", "busy_timeout(10000)")
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_pragma", "synchronous(NORMAL)")
	q.Set("_time_format", "sqlite")
	q.Set("_txlock", "immediate")
	return "file:" + path + "?" + q.Encode()
}

// Engine reports which engine the database runs on.
func (db *DB) Engine() Engine { return db.engine }

// SQL exposes the underlying pool, for tests and bulk tools.
func (db *DB) SQL() *sql.DB { return db.sql }

// Close closes the pool.
func (db *DB) Close() error { return db.sql.Close() }

// Ping checks that the database answers.
func (db *DB) Ping(ctx context.Context) error {
	var one int
	if err := db.sql.QueryRowContext(ctx, "SELECT 1").Scan(&one); err != nil {
		return fmt.Errorf("ping database: %w", err)
	}
	return nil
}

// Migrate applies every pending migration of the engine.
func (db *DB) Migrate(ctx context.Context) error {
	p, err := db.migrator()
	if err != nil {
		return err
	}
	if _, err := p.Up(ctx); err != nil {
		return fmt.Errorf("migrate %s: %w", db.engine, err)
	}
	return db.ensureSecret(ctx)
}

// MigrationVersion returns the current schema version.
func (db *DB) MigrationVersion(ctx context.Context) (int64, error) {
	p, err := db.migrator()
	if err != nil {
		return 0, err
	}
	return p.GetDBVersion(ctx)
}

func (db *DB) migrator() (*goose.Provider, error) {
	sub, err := fs.Sub(migrations, "migrations/"+string(db.engine))
	if err != nil {
		return nil, fmt.Errorf("migrations for %s: %w", db.engine, err)
	}
	dialect := goose.DialectSQLite3
	if db.engine == Postgres {
		dialect = goose.DialectPostgres
	}
	p, err := goose.NewProvider(dialect, db.sql, sub)
	if err != nil {
		return nil, fmt.Errorf("migration provider: %w", err)
	}
	return p, nil
}

// Tx is a transaction with the one timestamp every row it writes carries.
type Tx struct {
	*sql.Tx
	db  *DB
	now time.Time
}

func (db *DB) begin(ctx context.Context) (*Tx, error) {
	tx, err := db.sql.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("begin transaction: %w", err)
	}
	return &Tx{Tx: tx, db: db, now: db.Now().UTC().Truncate(time.Microsecond)}, nil
}

// read runs fn in a transaction that is always rolled back.
func (db *DB) read(ctx context.Context, fn func(tx *Tx) error) error {
	tx, err := db.begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	return fn(tx)
}

// write runs fn in a transaction and commits it if fn succeeds.
func (db *DB) write(ctx context.Context, fn func(tx *Tx) error) error {
	tx, err := db.begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", mapError(err))
	}
	return nil
}

// querier is what *sql.DB and *Tx share, so read helpers serve both.
type querier interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// ErrNoRows is re-exported so callers need not import database/sql.
var ErrNoRows = sql.ErrNoRows

func isNoRows(err error) bool { return errors.Is(err, sql.ErrNoRows) }
