package sqldb_test

import (
	"context"
	"strings"
	"testing"

	"github.com/hpdoet/cchc"
	"github.com/hpdoet/cchc/sqldb"
	"github.com/hpdoet/cchc/sqldb/sqldbtest"
)

func TestDataStoreReuse(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		o := newOneStop(t, db)
		in := correction()
		fixChoices(t, o, &in)
		if _, _, err := db.SubmitDossier(o.as("congdan"), in); err != nil {
			t.Fatal(err)
		}
		docs, err := db.MyDocuments(o.as("congdan"))
		if err != nil {
			t.Fatal(err)
		}
		byType := map[string]sqldb.StoredDocument{}
		for _, d := range docs {
			byType[d.DocType] = d
		}
		cccd, ok := byType["cccd"]
		if !ok {
			t.Fatalf("the CCCD paper was not kept: %+v", docs)
		}
		if _, ok := byType[""]; ok {
			t.Error("a paper without a data type was kept")
		}
		if _, err := db.MyDocuments(o.as("motcua")); cchc.ErrorCode(err) != cchc.EFORBIDDEN {
			t.Errorf("an officer reads a citizen's store: %v", err)
		}

		// A second dossier takes the CCCD from the store instead of an upload.
		second := correction()
		fixChoices(t, o, &second)
		second.Files = second.Files[:2] // no cccd upload
		second.Reuse = map[string]int64{"cccd": cccd.ID}
		var filesBefore int
		db.SQL().QueryRow(`SELECT COUNT(*) FROM files`).Scan(&filesBefore)
		rec, _, err := db.SubmitDossier(o.as("congdan"), second)
		if err != nil {
			t.Fatalf("reuse: %v %v", err, cchc.ErrorFields(err))
		}
		full, _ := db.FindDossier(o.as("congdan"), rec.Code())
		var fromStore int
		for _, f := range full.Files {
			if f.Source == "store" && f.DocKey == "cccd" && f.SHA256 == cccd.SHA256 {
				fromStore++
			}
		}
		if fromStore != 1 {
			t.Errorf("dossier papers: %+v", full.Files)
		}
		var reuses, filesAfter int
		db.SQL().QueryRow(`SELECT COUNT(*) FROM data_reuse WHERE dossier_id = (SELECT id FROM dossiers WHERE code = $1)`, rec.Code()).Scan(&reuses)
		db.SQL().QueryRow(`SELECT COUNT(*) FROM files`).Scan(&filesAfter)
		if reuses != 1 || filesAfter != filesBefore {
			t.Errorf("reuse rows %d, files %d → %d (reuse must not copy the file)", reuses, filesBefore, filesAfter)
		}
		docs, _ = db.MyDocuments(o.as("congdan"))
		for _, d := range docs {
			if d.ID == cccd.ID && d.Reuses != 1 {
				t.Errorf("stored CCCD counted %d reuses", d.Reuses)
			}
		}

		// Someone else's document, the wrong type, or an unknown id are refused.
		_, other, err := db.SignUp(context.Background(), "khac@example.vn", "Người Khác", "mat-khau-1")
		if err != nil {
			t.Fatal(err)
		}
		theirs := correction()
		fixChoices(t, o, &theirs)
		theirs.Files[2].SHA256 = strings.Repeat("e", 64) // their own CCCD scan
		if _, _, err := db.SubmitDossier(cchc.WithUser(context.Background(), other), theirs); err != nil {
			t.Fatal(err)
		}
		theirDocs, _ := db.MyDocuments(cchc.WithUser(context.Background(), other))
		var theirCCCD int64
		for _, d := range theirDocs {
			if d.DocType == "cccd" {
				theirCCCD = d.ID
			}
		}
		for name, reuse := range map[string]map[string]int64{
			"wrong type":           {"van-bang": cccd.ID},
			"unknown id":           {"cccd": 987654},
			"another person's one": {"cccd": theirCCCD},
		} {
			bad := correction()
			fixChoices(t, o, &bad)
			bad.Files = bad.Files[:2]
			bad.Reuse = reuse
			if _, _, err := db.SubmitDossier(o.as("congdan"), bad); cchc.ErrorCode(err) != cchc.EINVALID {
				t.Errorf("%s: %v", name, err)
			}
		}
		if err := db.DeleteStoredDocument(o.as("congdan"), cccd.ID); err != nil {
			t.Fatal(err)
		}
		if err := db.DeleteStoredDocument(o.as("congdan"), cccd.ID); cchc.ErrorCode(err) != cchc.ENOTFOUND {
			t.Errorf("second delete: %v", err)
		}
		db.SQL().QueryRow(`SELECT COUNT(*) FROM data_reuse WHERE store_document_id IS NULL`).Scan(&reuses)
		if reuses != 1 {
			t.Errorf("the reuse record was lost with the document: %d", reuses)
		}
	})
}
