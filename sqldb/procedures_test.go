package sqldb_test

import (
	"testing"

	"github.com/hpdoet/cchc"
	"github.com/hpdoet/cchc/procedure"
	"github.com/hpdoet/cchc/procedures"
	"github.com/hpdoet/cchc/sqldb"
	"github.com/hpdoet/cchc/sqldb/sqldbtest"
)

func TestProcedureCatalog(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		cat, err := procedure.ParseCatalog(procedures.Catalog())
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.ImportCatalog(as(f.vp), cat); cchc.ErrorCode(err) != cchc.EFORBIDDEN {
			t.Errorf("office imports the catalog: %v", err)
		}
		n, err := db.ImportCatalog(sys, cat)
		if err != nil || n != len(cat.Procedures) {
			t.Fatalf("import = %d, %v", n, err)
		}
		before := auditCount(t, db)
		if n, _ := db.ImportCatalog(sys, cat); n != 0 || auditCount(t, db) != before {
			t.Errorf("second import changed %d", n)
		}
		for _, tc := range []struct {
			q, field, level string
			want            string
		}{
			{"cap ban sao van bang", "", "", "Cấp bản sao văn bằng, chứng chỉ từ sổ gốc"},
			{"CHUYỂN TRƯỜNG", "", "", "Chuyển trường đối với học sinh trung học phổ thông"},
			{"2.001914", "", "", "Chỉnh sửa nội dung văn bằng, chứng chỉ"},
			{"", "Văn bằng, chứng chỉ", procedure.LevelFull, "Cấp bản sao văn bằng, chứng chỉ từ sổ gốc"},
		} {
			got, err := db.FindProcedures(as(nil), sqldb.ProcedureFilter{Query: tc.q, Field: tc.field, Level: tc.level})
			if err != nil {
				t.Fatal(err)
			}
			found := false
			for _, p := range got {
				found = found || p.Name == tc.want
				if tc.field != "" && p.Field != tc.field {
					t.Errorf("field filter let %s through", p.Code)
				}
			}
			if !found {
				t.Errorf("search %q/%q/%q: %d results without %q", tc.q, tc.field, tc.level, len(got), tc.want)
			}
		}
		if got, _ := db.FindProcedures(as(nil), sqldb.ProcedureFilter{Query: "khong co thu tuc nay"}); len(got) != 0 {
			t.Errorf("nonsense query found %d", len(got))
		}
		// Unpublished procedures are hidden from the public.
		p, err := db.FindProcedure(as(nil), "2.001914")
		if err != nil {
			t.Fatal(err)
		}
		p.Published = false
		if err := db.SaveProcedure(as(f.vp), p); cchc.ErrorCode(err) != cchc.EFORBIDDEN {
			t.Errorf("office edits a procedure: %v", err)
		}
		if err := db.SaveProcedure(as(f.admin), p); err != nil {
			t.Fatal(err)
		}
		if _, err := db.FindProcedure(as(nil), "2.001914"); cchc.ErrorCode(err) != cchc.ENOTFOUND {
			t.Errorf("public sees an unpublished procedure: %v", err)
		}
		if _, err := db.FindProcedure(as(f.specialist), "2.001914"); err != nil {
			t.Errorf("official cannot see an unpublished procedure: %v", err)
		}
		p.TimeLimitDays = -3
		if err := db.SaveProcedure(as(f.admin), p); cchc.ErrorCode(err) != cchc.EINVALID {
			t.Errorf("invalid procedure saved: %v", err)
		}
		entries, _ := db.FindAuditEntries(as(f.admin), sqldb.AuditFilter{Entity: "procedure", EntityID: "2.001914"})
		if len(entries) != 2 || entries[0].Action != "procedure.update" {
			t.Errorf("procedure history: %d entries", len(entries))
		}
	})
}
