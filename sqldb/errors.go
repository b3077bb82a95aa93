package sqldb

import (
	"errors"

	"github.com/hpdoet/cchc"
	"github.com/jackc/pgx/v5/pgconn"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// constraint classifies a driver error by its code, never by its text.
func constraint(err error) string {
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		switch pgErr.Code {
		case "23505":
			return "unique"
		case "23503":
			return "foreign"
		case "23514", "23502":
			return "check"
		}
		return ""
	}
	var liteErr *sqlite.Error
	if errors.As(err, &liteErr) {
		switch liteErr.Code() {
		case sqlite3.SQLITE_CONSTRAINT_UNIQUE, sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY:
			return "unique"
		case sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY:
			return "foreign"
		case sqlite3.SQLITE_CONSTRAINT_CHECK, sqlite3.SQLITE_CONSTRAINT_NOTNULL:
			return "check"
		}
	}
	return ""
}

// mapError turns a constraint violation into a domain error; other errors
// pass through unchanged.
func mapError(err error) error {
	switch constraint(err) {
	case "unique":
		return &cchc.Error{Code: cchc.ECONFLICT, Message: "Dữ liệu trùng với bản ghi đã có."}
	case "foreign":
		return &cchc.Error{Code: cchc.EINVALID, Message: "Dữ liệu tham chiếu đến bản ghi không tồn tại."}
	}
	return err
}
