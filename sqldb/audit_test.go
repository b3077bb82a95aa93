package sqldb_test

import (
	"testing"

	"github.com/hpdoet/cchc"
	"github.com/hpdoet/cchc/sqldb"
	"github.com/hpdoet/cchc/sqldb/sqldbtest"
)

func TestAuditChain(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		ctx := as(f.admin)
		verify := func(t *testing.T) *cchc.AuditProblem {
			t.Helper()
			p, n, err := db.VerifyAudit(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if p == nil && n == 0 {
				t.Fatal("verified no entries")
			}
			return p
		}
		if p := verify(t); p != nil {
			t.Fatalf("intact chain reported %+v", p)
		}
		if _, err := db.SQL().Exec(`UPDATE audit_log SET actor_name = 'x' WHERE seq = 3`); err == nil {
			t.Fatal("the append-only trigger let an update through")
		}
		// Tampering needs the triggers out of the way, as an attacker with
		// database access would do.
		dropTriggers(t, db)
		t.Run("changed row", func(t *testing.T) {
			var after string
			db.SQL().QueryRow(`SELECT after_doc FROM audit_log WHERE seq = 4`).Scan(&after)
			mustExec(t, db, `UPDATE audit_log SET after_doc = 'tampered' WHERE seq = 4`)
			p := verify(t)
			if p == nil || p.Seq != 4 || p.Reason != "changed" {
				t.Errorf("got %+v, want changed at 4", p)
			}
			mustExec(t, db, `UPDATE audit_log SET after_doc = $1 WHERE seq = 4`, after)
			if p := verify(t); p != nil {
				t.Fatalf("restored chain reported %+v", p)
			}
		})
		t.Run("deleted row", func(t *testing.T) {
			mustExec(t, db, `CREATE TABLE audit_saved AS SELECT * FROM audit_log WHERE seq = 6`)
			mustExec(t, db, `DELETE FROM audit_log WHERE seq = 6`)
			p := verify(t)
			if p == nil || p.Seq != 6 || p.Reason != "deleted" {
				t.Errorf("got %+v, want deleted at 6", p)
			}
			mustExec(t, db, `INSERT INTO audit_log SELECT * FROM audit_saved`)
			mustExec(t, db, `DROP TABLE audit_saved`)
		})
		t.Run("tail deleted", func(t *testing.T) {
			var last int64
			db.SQL().QueryRow(`SELECT MAX(seq) FROM audit_log`).Scan(&last)
			mustExec(t, db, `CREATE TABLE audit_saved AS SELECT * FROM audit_log WHERE seq = $1`, last)
			mustExec(t, db, `DELETE FROM audit_log WHERE seq = $1`, last)
			p := verify(t)
			if p == nil || p.Seq != last || p.Reason != "deleted" {
				t.Errorf("got %+v, want deleted at %d", p, last)
			}
			mustExec(t, db, `INSERT INTO audit_log SELECT * FROM audit_saved`)
			mustExec(t, db, `DROP TABLE audit_saved`)
		})
		t.Run("row inserted out of order", func(t *testing.T) {
			// A forger renumbers the log to slip a row in at seq 5.
			mustExec(t, db, `UPDATE audit_log SET seq = seq + 1000000 WHERE seq >= 5`)
			mustExec(t, db, `UPDATE audit_log SET seq = seq - 1000000 + 1 WHERE seq >= 1000000`)
			mustExec(t, db, `INSERT INTO audit_log (seq, at, actor_name, action, entity, entity_id, before_doc, after_doc, ip, prev_hash, hash)
				SELECT 5, at, 'admin', 'user.create', 'user', '99', '', '{}', '', hash, 'x' FROM audit_log WHERE seq = 4`)
			p := verify(t)
			if p == nil || p.Seq != 5 {
				t.Errorf("got %+v, want a problem at 5", p)
			}
		})
	})
}

func dropTriggers(t *testing.T, db *sqldb.DB) {
	t.Helper()
	if db.Engine() == sqldb.Postgres {
		mustExec(t, db, `DROP TRIGGER audit_log_no_change ON audit_log`)
		return
	}
	mustExec(t, db, `DROP TRIGGER audit_log_no_update`)
	mustExec(t, db, `DROP TRIGGER audit_log_no_delete`)
}

func mustExec(t *testing.T, db *sqldb.DB, q string, args ...any) {
	t.Helper()
	if _, err := db.SQL().Exec(q, args...); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
}
