package sqldb

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/hpdoet/cchc"
	"github.com/hpdoet/cchc/blob"
	"github.com/hpdoet/cchc/plan"
	"github.com/hpdoet/cchc/procedure"
)

// Sources of stored documents.
const (
	StoreUpload = "upload" // the citizen uploaded it with a dossier
	StoreScan   = "scan"   // the counter digitised it
	StoreResult = "result" // the Sở issued it as a result
)

// StoredDocument is a paper in a citizen's data store (kho dữ liệu).
type StoredDocument struct {
	ID          int64      `json:"id"`
	DocType     string     `json:"doc_type"`
	Title       string     `json:"title"`
	SHA256      string     `json:"sha256"`
	ContentType string     `json:"content_type"`
	Size        int64      `json:"size"`
	Source      string     `json:"source"`
	ValidUntil  *time.Time `json:"valid_until,omitempty"`
	DossierCode string     `json:"dossier_code,omitempty"`
	CreatedAt   time.Time  `json:"created_at"`
	Reuses      int        `json:"reuses"`
}

// Valid reports whether the document may still stand in for a paper on the civil date today.
func (d *StoredDocument) Valid(today time.Time) bool {
	return d.ValidUntil == nil || !d.ValidUntil.Before(today)
}

func (tx *Tx) storedDocuments(ctx context.Context, owner int64, id int64) ([]StoredDocument, error) {
	rows, err := tx.QueryContext(ctx, `SELECT s.id, s.doc_type, s.title, s.sha256, f.content_type, f.size, s.source, COALESCE(s.valid_until, ''),
		COALESCE(d.code, ''), s.created_at, (SELECT COUNT(*) FROM data_reuse r WHERE r.store_document_id = s.id)
		FROM store_documents s JOIN files f ON f.sha256 = s.sha256 LEFT JOIN dossiers d ON d.id = s.dossier_id
		WHERE s.owner_id = $1 AND ($2 = 0 OR s.id = $2) ORDER BY s.created_at DESC, s.id DESC`, owner, id)
	if err != nil {
		return nil, fmt.Errorf("query data store: %w", err)
	}
	defer rows.Close()
	var out []StoredDocument
	for rows.Next() {
		var d StoredDocument
		var until string
		if err := rows.Scan(&d.ID, &d.DocType, &d.Title, &d.SHA256, &d.ContentType, &d.Size, &d.Source, &until, &d.DossierCode, &d.CreatedAt, &d.Reuses); err != nil {
			return nil, fmt.Errorf("scan stored document: %w", err)
		}
		if until != "" {
			t, err := parseDate(until)
			if err != nil {
				return nil, err
			}
			d.ValidUntil = &t
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// MyDocuments lists the signed-in citizen's data store; nobody else's.
func (db *DB) MyDocuments(ctx context.Context) ([]StoredDocument, error) {
	me := cchc.UserFromContext(ctx)
	if me == nil || me.Role != cchc.RoleCitizen || !me.Active {
		return nil, cchc.Errorf(cchc.EFORBIDDEN, "Kho dữ liệu chỉ dành cho tài khoản công dân, doanh nghiệp.")
	}
	var out []StoredDocument
	err := db.read(ctx, func(tx *Tx) error {
		var err error
		out, err = tx.storedDocuments(ctx, me.ID, 0)
		return err
	})
	return out, err
}

// DeleteStoredDocument removes a paper the citizen uploaded or had scanned;
// results the Sở issued cannot be deleted. Past reuses keep their record.
func (db *DB) DeleteStoredDocument(ctx context.Context, id int64) error {
	me := cchc.UserFromContext(ctx)
	if me == nil || me.Role != cchc.RoleCitizen || !me.Active {
		return cchc.Errorf(cchc.EFORBIDDEN, "Kho dữ liệu chỉ dành cho tài khoản công dân, doanh nghiệp.")
	}
	return db.write(ctx, func(tx *Tx) error {
		docs, err := tx.storedDocuments(ctx, me.ID, id)
		if err != nil {
			return err
		}
		if len(docs) == 0 {
			return cchc.Errorf(cchc.ENOTFOUND, "Không tìm thấy giấy tờ trong kho dữ liệu của bạn.")
		}
		if docs[0].Source == StoreResult {
			return cchc.Errorf(cchc.ECONFLICT, "Kết quả do Sở cấp không xóa được khỏi kho dữ liệu.")
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM store_documents WHERE id = $1 AND owner_id = $2`, id, me.ID); err != nil {
			return fmt.Errorf("delete stored document %d: %w", id, err)
		}
		return tx.audit(ctx, "store.delete", "store_document", strconv.FormatInt(id, 10), docs[0], nil)
	})
}

// keepInStore adds a dossier's papers that a data store can hold (those
// whose document has a data type) to the owner's store, once per content.
func (tx *Tx) keepInStore(ctx context.Context, owner, dossierID int64, p *procedure.Procedure, files []NewDossierFile, source string) error {
	if owner == 0 {
		return nil
	}
	for _, f := range files {
		d := p.Document(f.DocKey)
		if d == nil || d.DataType == "" {
			continue
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO store_documents (owner_id, doc_type, title, sha256, source, dossier_id, created_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (owner_id, doc_type, sha256) DO NOTHING`,
			owner, d.DataType, procedure.DataTypeName(d.DataType), f.SHA256, source, dossierID, tx.now); err != nil {
			return fmt.Errorf("keep paper in the data store: %w", err)
		}
	}
	return nil
}

// reuseFromStore turns the citizen's choices of stored documents into the
// dossier's papers, checking that each is theirs, of the type the paper
// needs and still valid, and records every reuse.
func (tx *Tx) reuseFromStore(ctx context.Context, me *cchc.User, p *procedure.Procedure, choices map[string]int64, fields map[string]string) ([]NewDossierFile, []reuse, error) {
	var files []NewDossierFile
	var used []reuse
	if len(choices) == 0 {
		return nil, nil, nil
	}
	today := plan.CivilDate(tx.now)
	for key, id := range choices {
		d := p.Document(key)
		if d == nil || d.DataType == "" {
			fields["reuse_"+key] = "Giấy tờ này không lấy được từ kho dữ liệu."
			continue
		}
		docs, err := tx.storedDocuments(ctx, me.ID, id)
		if err != nil {
			return nil, nil, err
		}
		switch {
		case me.Role != cchc.RoleCitizen || len(docs) == 0:
			fields["reuse_"+key] = "Không tìm thấy giấy tờ trong kho dữ liệu của bạn."
		case docs[0].DocType != d.DataType:
			fields["reuse_"+key] = "Giấy tờ đã chọn không đúng loại: cần " + procedure.DataTypeName(d.DataType) + "."
		case !docs[0].Valid(today):
			fields["reuse_"+key] = "Giấy tờ đã chọn đã hết hiệu lực."
		default:
			s := docs[0]
			files = append(files, NewDossierFile{DocKey: key, Name: s.Title + blob.ExtensionOf(s.ContentType), SHA256: s.SHA256, ContentType: s.ContentType, Size: s.Size})
			used = append(used, reuse{key: key, storeID: s.ID, docType: s.DocType, source: s.Source})
		}
	}
	return files, used, nil
}

type reuse struct {
	key, docType, source string
	storeID              int64
}

func (tx *Tx) recordReuse(ctx context.Context, dossierID int64, used []reuse) error {
	for _, u := range used {
		if _, err := tx.ExecContext(ctx, `INSERT INTO data_reuse (dossier_id, doc_key, store_document_id, doc_type, source, at)
			VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (dossier_id, doc_key) DO NOTHING`, dossierID, u.key, u.storeID, u.docType, u.source, tx.now); err != nil {
			return fmt.Errorf("record reuse: %w", err)
		}
	}
	return nil
}

// countOnceOnly records, for the plan's "given only once" indicator, how
// many of a new dossier's papers are of a type the data store keeps
// (uploaded, or taken from the store) and how many of those were uploaded
// although the applicant's store held a valid copy of that type.
func (tx *Tx) countOnceOnly(ctx context.Context, rec *DossierRecord, p *procedure.Procedure, uploads []NewDossierFile, reused int) error {
	held := map[string]bool{}
	if rec.ApplicantID != 0 {
		docs, err := tx.storedDocuments(ctx, rec.ApplicantID, 0)
		if err != nil {
			return err
		}
		today := plan.CivilDate(tx.now)
		for _, d := range docs {
			if d.Valid(today) {
				held[d.DocType] = true
			}
		}
	}
	typed, again := reused, 0
	for _, f := range uploads {
		if d := p.Document(f.DocKey); d != nil && d.DataType != "" {
			typed++
			if held[d.DataType] {
				again++
			}
		}
	}
	if typed == 0 {
		return nil
	}
	if _, err := tx.ExecContext(ctx, `UPDATE dossiers SET typed_docs = $1, docs_again = $2 WHERE id = $3`, typed, again, rec.ID); err != nil {
		return fmt.Errorf("count once-only papers: %w", err)
	}
	return nil
}
