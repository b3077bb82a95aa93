package sqldb

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/hpdoet/cchc"
	"github.com/hpdoet/cchc/procedure"
	"github.com/hpdoet/cchc/textkey"
)

// ProcedureFilter selects procedures; zero fields do not filter.
type ProcedureFilter struct {
	Query string // words of the name, code or field; diacritics and case ignored
	Field string
	Level string
	// All includes unpublished procedures; only admins may ask for it.
	All bool
}

func scanProcedure(doc string) (*procedure.Procedure, error) {
	var p procedure.Procedure
	if err := json.Unmarshal([]byte(doc), &p); err != nil {
		return nil, fmt.Errorf("decode stored procedure: %w", err)
	}
	return &p, nil
}

// FindProcedures lists the catalog in name order. The public sees
// published procedures only.
func (db *DB) FindProcedures(ctx context.Context, f ProcedureFilter) ([]*procedure.Procedure, error) {
	if f.All && !cchc.UserFromContext(ctx).CanManageAccounts() {
		f.All = false
	}
	q := `SELECT document FROM procedures WHERE ($1 OR published) AND ($2 = '' OR field = $2) AND ($3 = '' OR online_level = $3)`
	args := []any{f.All, f.Field, f.Level}
	// Each word must occur in the stored search key (lower case, no
	// diacritics), on both engines alike.
	for _, term := range textkey.Terms(f.Query) {
		args = append(args, "%"+strings.NewReplacer("%", "", "_", "").Replace(term)+"%")
		q += fmt.Sprintf(" AND search_key LIKE $%d", len(args))
	}
	rows, err := db.sql.QueryContext(ctx, q+" ORDER BY name, code", args...)
	if err != nil {
		return nil, fmt.Errorf("query procedures: %w", err)
	}
	defer rows.Close()
	var out []*procedure.Procedure
	for rows.Next() {
		var doc string
		if err := rows.Scan(&doc); err != nil {
			return nil, fmt.Errorf("scan procedure: %w", err)
		}
		p, err := scanProcedure(doc)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// FindProcedure returns one procedure; unpublished ones only to officials.
func (db *DB) FindProcedure(ctx context.Context, code string) (*procedure.Procedure, error) {
	return findProcedure(ctx, db.sql, code, cchc.UserFromContext(ctx).IsOfficial())
}

func findProcedure(ctx context.Context, q querier, code string, unpublished bool) (*procedure.Procedure, error) {
	var doc string
	var published bool
	err := q.QueryRowContext(ctx, `SELECT document, published FROM procedures WHERE code = $1`, code).Scan(&doc, &published)
	if isNoRows(err) || (err == nil && !published && !unpublished) {
		return nil, cchc.Errorf(cchc.ENOTFOUND, "Không tìm thấy thủ tục hành chính %s.", code)
	} else if err != nil {
		return nil, fmt.Errorf("find procedure %s: %w", code, err)
	}
	return scanProcedure(doc)
}

// SaveProcedure creates or replaces a procedure (admins only), validated
// and audited with its before and after.
func (db *DB) SaveProcedure(ctx context.Context, p *procedure.Procedure) error {
	if !cchc.UserFromContext(ctx).CanManageAccounts() {
		return cchc.Errorf(cchc.EFORBIDDEN, "Chỉ quản trị viên được sửa danh mục thủ tục.")
	}
	if err := p.Validate(); err != nil {
		return cchc.Errorf(cchc.EINVALID, "Thủ tục chưa hợp lệ: %v", err)
	}
	return db.write(ctx, func(tx *Tx) error {
		_, err := tx.saveProcedure(ctx, p)
		return err
	})
}

// saveProcedure upserts p and audits a change; it reports whether anything changed.
func (tx *Tx) saveProcedure(ctx context.Context, p *procedure.Procedure) (bool, error) {
	doc, err := json.Marshal(p)
	if err != nil {
		return false, fmt.Errorf("encode procedure %s: %w", p.Code, err)
	}
	var before string
	err = tx.QueryRowContext(ctx, `SELECT document FROM procedures WHERE code = $1`, p.Code).Scan(&before)
	switch {
	case isNoRows(err):
		before = ""
	case err != nil:
		return false, fmt.Errorf("read procedure %s: %w", p.Code, err)
	case before == string(doc):
		return false, nil
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO procedures (code, name, field, online_level, published, search_key, document, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (code) DO UPDATE SET name = $2, field = $3, online_level = $4,
		published = $5, search_key = $6, document = $7, updated_at = $8`,
		p.Code, p.Name, p.Field, p.OnlineLevel, p.Published, procedure.SearchKey(p), string(doc), tx.now); err != nil {
		return false, fmt.Errorf("store procedure %s: %w", p.Code, err)
	}
	action := "procedure.update"
	var beforeDoc any
	if before == "" {
		action = "procedure.create"
	} else {
		beforeDoc = json.RawMessage(before)
	}
	return true, tx.audit(ctx, action, "procedure", p.Code, beforeDoc, json.RawMessage(doc))
}

// ImportCatalog loads a catalog idempotently (admins and the system):
// unchanged procedures are left alone, others created or updated.
func (db *DB) ImportCatalog(ctx context.Context, c *procedure.Catalog) (int, error) {
	if !cchc.UserFromContext(ctx).CanManageAccounts() {
		return 0, cchc.Errorf(cchc.EFORBIDDEN, "Chỉ quản trị viên được nhập danh mục thủ tục.")
	}
	if err := c.Validate(); err != nil {
		return 0, cchc.Errorf(cchc.EINVALID, "Danh mục thủ tục không hợp lệ: %v", err)
	}
	changed := 0
	err := db.write(ctx, func(tx *Tx) error {
		changed = 0
		for _, p := range c.Procedures {
			ok, err := tx.saveProcedure(ctx, p)
			if err != nil {
				return err
			}
			if ok {
				changed++
			}
		}
		return nil
	})
	return changed, err
}

// CountProcedures tells whether a catalog was imported.
func (db *DB) CountProcedures(ctx context.Context) (int, error) {
	var n int
	if err := db.sql.QueryRowContext(ctx, `SELECT COUNT(*) FROM procedures`).Scan(&n); err != nil {
		return 0, fmt.Errorf("count procedures: %w", err)
	}
	return n, nil
}
