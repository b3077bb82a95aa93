package sqldb

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base32"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/hpdoet/cchc"
	"github.com/hpdoet/cchc/calendar"
	"github.com/hpdoet/cchc/dossier"
	"github.com/hpdoet/cchc/procedure"
)

// Result states.
const (
	ResultValid    = "valid"
	ResultRevoked  = "revoked"
	ResultReplaced = "replaced"
)

// IssuedFile is a signed result document, already in the blob store.
type IssuedFile struct {
	SHA256 string
	Size   int64
	Title  string // what the result is, e.g. "Quyết định chỉnh sửa nội dung văn bằng"
}

// ResultRequest is what a result document is made from.
type ResultRequest struct {
	Dossier   *DossierRecord
	Procedure *procedure.Procedure
	Code      string    // the result code, <dossier code>-KQn
	Key       string    // the verification key to print (in the QR code's URL)
	At        time.Time // the issue time
}

// ResultIssuer renders, signs and stores a dossier's result document; the
// web layer provides it (it holds the signing key and the blob store). It
// runs inside the transaction that issues the result.
type ResultIssuer func(ctx context.Context, req ResultRequest) (IssuedFile, error)

// Result is an issued electronic result and its standing.
type Result struct {
	Code         string     `json:"code"`
	DossierCode  string     `json:"dossier_code"`
	SHA256       string     `json:"sha256"`
	Holder       string     `json:"holder"`
	Title        string     `json:"title"`
	IssuedAt     time.Time  `json:"issued_at"`
	State        string     `json:"state"`
	RevokedAt    *time.Time `json:"revoked_at,omitempty"`
	RevokeReason string     `json:"revoke_reason,omitempty"`
	ReplacedBy   string     `json:"replaced_by,omitempty"`
}

const resultColumns = `r.code, d.code, r.sha256, r.holder, r.title, r.issued_at, r.state, r.revoked_at, r.revoke_reason, COALESCE(r.replaced_by, '')`

func scanResult(s interface{ Scan(...any) error }) (*Result, error) {
	var r Result
	if err := s.Scan(&r.Code, &r.DossierCode, &r.SHA256, &r.Holder, &r.Title, &r.IssuedAt, &r.State, &r.RevokedAt, &r.RevokeReason, &r.ReplacedBy); err != nil {
		return nil, err
	}
	return &r, nil
}

// newResultKey draws a verification key: 80 random bits in lower-case
// base32, short enough to type from the paper.
func newResultKey() (string, error) {
	b := make([]byte, 10)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("draw result key: %w", err)
	}
	return strings.ToLower(base32.StdEncoding.EncodeToString(b)), nil
}

func keyHash(key string) string {
	sum := sha256.Sum256([]byte(strings.ToLower(strings.TrimSpace(key))))
	return hex.EncodeToString(sum[:])
}

// storeResult renders and records one result of a dossier, and puts it in
// the holder's data store.
func (tx *Tx) storeResult(ctx context.Context, rec *DossierRecord, code string) (*Result, error) {
	issue := tx.db.OneStop.Results
	if issue == nil {
		return nil, fmt.Errorf("issue result %s: no result issuer configured", code)
	}
	p, err := findProcedure(ctx, tx, rec.D.ProcedureCode, true)
	if err != nil {
		return nil, err
	}
	key, err := newResultKey()
	if err != nil {
		return nil, err
	}
	f, err := issue(ctx, ResultRequest{Dossier: rec, Procedure: p, Code: code, Key: key, At: tx.now})
	if err != nil {
		return nil, fmt.Errorf("issue result %s: %w", code, err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO files (sha256, size, content_type, created_at) VALUES ($1, $2, 'application/pdf', $3)
		ON CONFLICT (sha256) DO NOTHING`, f.SHA256, f.Size, tx.now); err != nil {
		return nil, fmt.Errorf("record result file: %w", err)
	}
	res := &Result{Code: code, DossierCode: rec.Code(), SHA256: f.SHA256, Holder: rec.ApplicantName, Title: f.Title, IssuedAt: tx.now, State: ResultValid}
	if _, err := tx.ExecContext(ctx, `INSERT INTO results (code, dossier_id, sha256, holder, title, issued_at, state, key_hash)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, code, rec.ID, f.SHA256, res.Holder, res.Title, tx.now, ResultValid, keyHash(key)); err != nil {
		return nil, fmt.Errorf("insert result %s: %w", code, mapError(err))
	}
	if err := tx.audit(ctx, "result.issued", "result", code, nil, res); err != nil {
		return nil, err
	}
	if rec.ApplicantID != 0 {
		if _, err := tx.ExecContext(ctx, `INSERT INTO store_documents (owner_id, doc_type, title, sha256, source, dossier_id, created_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (owner_id, doc_type, sha256) DO NOTHING`,
			rec.ApplicantID, procedure.DataPriorResult, f.Title, f.SHA256, StoreResult, rec.ID, tx.now); err != nil {
			return nil, fmt.Errorf("keep result in the data store: %w", err)
		}
	}
	return res, nil
}

// DossierResults lists a dossier's results, for whoever may see the dossier.
func (db *DB) DossierResults(ctx context.Context, code string) ([]*Result, error) {
	rec, err := db.FindDossier(ctx, code)
	if err != nil {
		return nil, err
	}
	rows, err := db.sql.QueryContext(ctx, `SELECT `+resultColumns+` FROM results r JOIN dossiers d ON d.id = r.dossier_id
		WHERE r.dossier_id = $1 ORDER BY r.issued_at, r.code`, rec.ID)
	if err != nil {
		return nil, fmt.Errorf("query results: %w", err)
	}
	defer rows.Close()
	var out []*Result
	for rows.Next() {
		r, err := scanResult(rows)
		if err != nil {
			return nil, fmt.Errorf("scan result: %w", err)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// Verification is the public answer about a result code. Anyone learns
// its standing, what kind of document it is and when it was issued; whom it
// was issued to only who proves they hold it, by its verification key (in
// its QR code) or by the file itself (its SHA-256): codes are sequential
// and could be enumerated.
type Verification struct {
	Code  string `json:"code"`
	State string `json:"state"` // valid, revoked, replaced; paper (the dossier's result exists on paper only); unknown
	// Matches is set when a file's hash was presented: whether it is the
	// issued file.
	Matches *bool `json:"matches,omitempty"`
	// Proven: a matching file or the right key was presented.
	Proven     bool       `json:"proven"`
	Title      string     `json:"title,omitempty"`
	Holder     string     `json:"holder,omitempty"` // only when Proven
	IssuedAt   *time.Time `json:"issued_at,omitempty"`
	RevokedAt  *time.Time `json:"revoked_at,omitempty"`
	Reason     string     `json:"reason,omitempty"`
	ReplacedBy string     `json:"replaced_by,omitempty"`
}

// Result states only verification reports.
const (
	ResultPaper   = "paper"
	ResultUnknown = "unknown"
)

// VerifyResult answers anyone about a result code; sha is the SHA-256 of a
// presented file and key the verification key, either may be empty. It
// tells only what the result itself states, nothing of the dossier.
func (db *DB) VerifyResult(ctx context.Context, code, sha, key string) (*Verification, error) {
	code = strings.TrimSpace(code)
	dcode, _, err := dossier.ParseResultCode(code)
	if err != nil {
		return nil, cchc.Invalid("Mã kết quả không đúng định dạng.", map[string]string{"code": "Mã kết quả có dạng <mã hồ sơ>-KQ1."})
	}
	sha = strings.ToLower(strings.TrimSpace(sha))
	var stored string
	r, err := scanResultKey(db.sql.QueryRowContext(ctx, `SELECT `+resultColumns+`, r.key_hash FROM results r JOIN dossiers d ON d.id = r.dossier_id
		WHERE r.code = $1`, code), &stored)
	if isNoRows(err) {
		return db.paperResult(ctx, dcode.String(), code)
	} else if err != nil {
		return nil, fmt.Errorf("verify result %s: %w", code, err)
	}
	v := &Verification{Code: code, State: r.State, Title: r.Title, IssuedAt: &r.IssuedAt, RevokedAt: r.RevokedAt,
		Reason: r.RevokeReason, ReplacedBy: r.ReplacedBy}
	if sha != "" {
		m := sha == r.SHA256
		v.Matches = &m
		v.Proven = m
	}
	if key != "" && stored != "" && subtle.ConstantTimeCompare([]byte(keyHash(key)), []byte(stored)) == 1 {
		v.Proven = true
	}
	if v.Proven {
		v.Holder = r.Holder
	}
	return v, nil
}

func scanResultKey(s interface{ Scan(...any) error }, key *string) (*Result, error) {
	var r Result
	if err := s.Scan(&r.Code, &r.DossierCode, &r.SHA256, &r.Holder, &r.Title, &r.IssuedAt, &r.State, &r.RevokedAt, &r.RevokeReason, &r.ReplacedBy, key); err != nil {
		return nil, err
	}
	return &r, nil
}

// paperResult answers for a code with no electronic result: a dossier
// whose history names the code had its result on paper (before the
// service, or by the counter's choice); otherwise the code is unknown.
func (db *DB) paperResult(ctx context.Context, dossierCode, code string) (*Verification, error) {
	var machine, name string
	err := db.sql.QueryRowContext(ctx, `SELECT d.machine, p.name FROM dossiers d JOIN procedures p ON p.code = d.procedure_code WHERE d.code = $1`,
		dossierCode).Scan(&machine, &name)
	if isNoRows(err) {
		return &Verification{Code: code, State: ResultUnknown}, nil
	} else if err != nil {
		return nil, fmt.Errorf("verify result %s: %w", code, err)
	}
	var d dossier.Dossier
	if err := json.Unmarshal([]byte(machine), &d); err != nil {
		return nil, fmt.Errorf("decode dossier %s: %w", dossierCode, err)
	}
	if !slices.Contains(d.ResultCodes, code) {
		return &Verification{Code: code, State: ResultUnknown}, nil
	}
	v := &Verification{Code: code, State: ResultPaper, Title: "Kết quả giải quyết thủ tục " + name}
	if !d.FinishedAt.IsZero() {
		t := d.FinishedAt
		v.IssuedAt = &t
	}
	return v, nil
}

// ResultFile returns a result for download by its holder or staff who may
// see the dossier; n = 0 means the latest valid one.
func (db *DB) ResultFile(ctx context.Context, dossierCode string, n int) (*Result, error) {
	list, err := db.DossierResults(ctx, dossierCode)
	if err != nil {
		return nil, err
	}
	for i := len(list) - 1; i >= 0; i-- {
		r := list[i]
		_, k, _ := dossier.ParseResultCode(r.Code)
		if (n == 0 && r.State == ResultValid) || k == n {
			return r, nil
		}
	}
	return nil, cchc.Errorf(cchc.ENOTFOUND, "Hồ sơ %s chưa có kết quả điện tử.", dossierCode)
}

// RevokeResult revokes a valid result, or replaces it with a newly issued
// one (the next -KQn), with a reason; the Sở's leaders and admins may. The
// old result then verifies as revoked or replaced.
func (db *DB) RevokeResult(ctx context.Context, code, reason string, replace bool) (*Result, error) {
	me := cchc.UserFromContext(ctx)
	if me == nil || !me.Active || (me.Role != cchc.RoleDirector && me.Role != cchc.RoleAdmin) {
		return nil, cchc.Errorf(cchc.EFORBIDDEN, "Chỉ Lãnh đạo Sở được thu hồi hoặc thay thế kết quả.")
	}
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return nil, cchc.Invalid("Vui lòng nêu lý do.", map[string]string{"reason": "Vui lòng nêu lý do thu hồi hoặc thay thế."})
	}
	var out *Result
	err := db.write(ctx, func(tx *Tx) error {
		old, err := scanResult(tx.QueryRowContext(ctx, `SELECT `+resultColumns+` FROM results r JOIN dossiers d ON d.id = r.dossier_id WHERE r.code = $1`, code))
		if isNoRows(err) {
			return cchc.Errorf(cchc.ENOTFOUND, "Không tìm thấy kết quả %s.", code)
		} else if err != nil {
			return fmt.Errorf("find result %s: %w", code, err)
		}
		if old.State != ResultValid {
			return cchc.Errorf(cchc.ECONFLICT, "Kết quả %s đã bị thu hồi hoặc thay thế.", code)
		}
		state, replacedBy := ResultRevoked, ""
		var replacement *Result
		if replace {
			rec, err := tx.loadDossier(ctx, old.DossierCode, true)
			if err != nil {
				return err
			}
			next, err := rec.D.Code.ResultCode(len(rec.D.ResultCodes) + 1)
			if err != nil {
				return cchc.Errorf(cchc.ECONFLICT, "Không cấp được mã kết quả mới: %v", err)
			}
			// The replacement joins the dossier's result codes; its state
			// does not change (a returned dossier stays returned).
			rec.D.ResultCodes = append(rec.D.ResultCodes, next)
			machine, err := json.Marshal(rec.D)
			if err != nil {
				return fmt.Errorf("encode dossier: %w", err)
			}
			if _, err := tx.ExecContext(ctx, `UPDATE dossiers SET machine = $1, version = version + 1, updated_at = $2 WHERE id = $3`, string(machine), tx.now, rec.ID); err != nil {
				return fmt.Errorf("record replacement code: %w", err)
			}
			if replacement, err = tx.storeResult(ctx, rec, next); err != nil {
				return err
			}
			if err := tx.refreshFacts(ctx, rec.ID); err != nil {
				return err
			}
			state, replacedBy = ResultReplaced, next
		}
		var by any
		if replacedBy != "" {
			by = replacedBy
		}
		if _, err := tx.ExecContext(ctx, `UPDATE results SET state = $1, revoked_at = $2, revoke_reason = $3, replaced_by = $4 WHERE code = $5`,
			state, tx.now, reason, by, code); err != nil {
			return fmt.Errorf("revoke result %s: %w", code, err)
		}
		// A revoked or replaced result can no longer stand in for a paper
		// in a later dossier: its validity ends the day before.
		yesterday := tx.now.In(calendar.Vietnam).AddDate(0, 0, -1).Format("2006-01-02")
		if _, err := tx.ExecContext(ctx, `UPDATE store_documents SET valid_until = $1 WHERE sha256 = $2 AND source = $3`,
			yesterday, old.SHA256, StoreResult); err != nil {
			return fmt.Errorf("expire revoked result in the data store: %w", err)
		}
		after := *old
		now := tx.now
		after.State, after.RevokedAt, after.RevokeReason, after.ReplacedBy = state, &now, reason, replacedBy
		out = &after
		if replacement != nil {
			out = replacement
		}
		return tx.audit(ctx, "result."+state, "result", code, old, after)
	})
	return out, err
}
