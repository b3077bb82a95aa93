package sqldb_test

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/hpdoet/cchc"
	"github.com/hpdoet/cchc/sqldb"
	"github.com/hpdoet/cchc/sqldb/sqldbtest"
)

func TestMigrationListsMatch(t *testing.T) {
	lite, err := os.ReadDir("migrations/sqlite")
	if err != nil {
		t.Fatal(err)
	}
	pg, err := os.ReadDir("migrations/postgres")
	if err != nil {
		t.Fatal(err)
	}
	if len(lite) != len(pg) {
		t.Fatalf("sqlite has %d migrations, postgres %d", len(lite), len(pg))
	}
	for i := range lite {
		if lite[i].Name() != pg[i].Name() {
			t.Errorf("migration %d: sqlite %s, postgres %s", i, lite[i].Name(), pg[i].Name())
		}
	}
}

func TestUnits(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		t.Run("only admins manage units", func(t *testing.T) {
			err := db.CreateUnit(as(f.vp), &cchc.Unit{Code: "X", Name: "X", Kind: cchc.UnitDivision})
			wantCode(t, err, cchc.EFORBIDDEN)
			_, err = db.UpdateUnit(as(f.specialist), f.secondary.ID, cchc.UnitUpdate{Name: ptr("Đổi tên")})
			wantCode(t, err, cchc.EFORBIDDEN)
		})
		t.Run("duplicate code", func(t *testing.T) {
			n := auditCount(t, db)
			err := db.CreateUnit(as(f.admin), &cchc.Unit{Code: "VP", Name: "Trùng", Kind: cchc.UnitDivision})
			wantCode(t, err, cchc.EINVALID)
			if cchc.ErrorFields(err)["code"] == "" {
				t.Errorf("no field message for code: %v", err)
			}
			if auditCount(t, db) != n {
				t.Error("a refused change was audited")
			}
		})
		t.Run("invalid fields", func(t *testing.T) {
			err := db.CreateUnit(as(f.admin), &cchc.Unit{Code: "có dấu", Name: "", Kind: "khác"})
			fields := cchc.ErrorFields(err)
			for _, k := range []string{"code", "name", "kind"} {
				if fields[k] == "" {
					t.Errorf("no message for %s in %v", k, fields)
				}
			}
		})
		t.Run("update is audited with before and after", func(t *testing.T) {
			u, err := db.UpdateUnit(as(f.admin), f.finance.ID, cchc.UnitUpdate{Name: ptr("Phòng Kế hoạch – Tài chính")})
			if err != nil {
				t.Fatal(err)
			}
			if u.Name != "Phòng Kế hoạch – Tài chính" {
				t.Errorf("name = %q", u.Name)
			}
			entries, err := db.FindAuditEntries(as(f.admin), sqldb.AuditFilter{Entity: "unit", Limit: 1})
			if err != nil {
				t.Fatal(err)
			}
			e := entries[0]
			if e.Action != "unit.update" || e.ActorName != "admin" || !strings.Contains(e.Before, "Kế hoạch - Tài chính") ||
				!strings.Contains(e.After, "Kế hoạch – Tài chính") {
				t.Errorf("audit entry = %+v", e)
			}
		})
		t.Run("unknown unit", func(t *testing.T) {
			_, err := db.UpdateUnit(as(f.admin), 9999, cchc.UnitUpdate{Name: ptr("x")})
			wantCode(t, err, cchc.ENOTFOUND)
		})
	})
}

func ptr[T any](v T) *T { return &v }

func TestUsers(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		t.Run("duplicate username", func(t *testing.T) {
			err := db.CreateUser(as(f.admin), &cchc.User{Username: "VanPhong", FullName: "X", Role: cchc.RoleOffice, UnitID: f.office.ID}, "cchc-demo")
			wantCode(t, err, cchc.EINVALID)
		})
		t.Run("official needs a unit, an existing one", func(t *testing.T) {
			err := db.CreateUser(as(f.admin), &cchc.User{Username: "nounit", FullName: "X", Role: cchc.RoleSpecialist}, "cchc-demo")
			wantCode(t, err, cchc.EINVALID)
			err = db.CreateUser(as(f.admin), &cchc.User{Username: "ghost", FullName: "X", Role: cchc.RoleSpecialist, UnitID: 777}, "cchc-demo")
			wantCode(t, err, cchc.EINVALID)
		})
		t.Run("short password", func(t *testing.T) {
			err := db.CreateUser(as(f.admin), &cchc.User{Username: "shortpw", FullName: "X", Role: cchc.RoleCitizen}, "1234")
			wantCode(t, err, cchc.EINVALID)
		})
		t.Run("non-admin cannot create", func(t *testing.T) {
			err := db.CreateUser(as(f.head), &cchc.User{Username: "x1", FullName: "X", Role: cchc.RoleSpecialist, UnitID: f.secondary.ID}, "cchc-demo")
			wantCode(t, err, cchc.EFORBIDDEN)
		})
		t.Run("unit head lists only own unit", func(t *testing.T) {
			users, err := db.FindUsers(as(f.head), sqldb.UserFilter{})
			if err != nil {
				t.Fatal(err)
			}
			for _, u := range users {
				if u.UnitID != f.secondary.ID {
					t.Errorf("unit head sees %s of unit %d", u.Username, u.UnitID)
				}
			}
			_, err = db.FindUsers(as(f.specialist), sqldb.UserFilter{})
			wantCode(t, err, cchc.EFORBIDDEN)
		})
		t.Run("admin cannot lock themselves out", func(t *testing.T) {
			_, err := db.UpdateUser(as(f.admin), f.admin.ID, cchc.UserUpdate{Active: ptr(false)})
			wantCode(t, err, cchc.ECONFLICT)
		})
		t.Run("password hash never audited", func(t *testing.T) {
			var n int
			db.SQL().QueryRow(`SELECT COUNT(*) FROM audit_log WHERE before_doc LIKE '%argon2%' OR after_doc LIKE '%argon2%'`).Scan(&n)
			if n != 0 {
				t.Errorf("%d audit rows hold a password hash", n)
			}
		})
	})
}

func TestLoginAndSessions(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		ctx := cchc.WithClient(context.Background(), cchc.Client{IP: "203.0.113.5"})
		token, u, err := db.Login(ctx, " ChuyenVien ", "cchc-demo", sqldb.SessionWeb)
		if err != nil {
			t.Fatal(err)
		}
		if u.ID != f.specialist.ID {
			t.Errorf("logged in as %d", u.ID)
		}
		got, s, err := db.FindSession(ctx, token)
		if err != nil || got.ID != u.ID || s.CSRFKey == "" || s.Kind != sqldb.SessionWeb {
			t.Fatalf("FindSession = %v, %+v, %v", got, s, err)
		}
		var stored int
		db.SQL().QueryRow(`SELECT COUNT(*) FROM sessions WHERE token_hash = $1`, token).Scan(&stored)
		if stored != 0 {
			t.Error("the raw token is stored")
		}
		t.Run("expired", func(t *testing.T) {
			f.clock = f.clock.Add(sqldb.WebSessionTTL + time.Minute)
			defer func() { f.clock = f.clock.Add(-sqldb.WebSessionTTL - time.Minute) }()
			_, _, err := db.FindSession(ctx, token)
			wantCode(t, err, cchc.EUNAUTHORIZED)
		})
		t.Run("logout", func(t *testing.T) {
			if err := db.Logout(cchc.WithUser(ctx, u), token); err != nil {
				t.Fatal(err)
			}
			_, _, err := db.FindSession(ctx, token)
			wantCode(t, err, cchc.EUNAUTHORIZED)
		})
		t.Run("wrong password then lockout", func(t *testing.T) {
			for i := 0; i < 5; i++ {
				_, _, err := db.Login(ctx, "truongphong", "sai-mat-khau", sqldb.SessionWeb)
				wantCode(t, err, cchc.EUNAUTHORIZED)
			}
			_, _, err := db.Login(ctx, "truongphong", "cchc-demo", sqldb.SessionWeb)
			wantCode(t, err, cchc.ERATELIMIT)
			f.clock = f.clock.Add(16 * time.Minute)
			if _, _, err := db.Login(ctx, "truongphong", "cchc-demo", sqldb.SessionWeb); err != nil {
				t.Errorf("after the lockout: %v", err)
			}
		})
		t.Run("unknown user", func(t *testing.T) {
			_, _, err := db.Login(ctx, "khongco", "cchc-demo", sqldb.SessionAPI)
			wantCode(t, err, cchc.EUNAUTHORIZED)
		})
		t.Run("deactivated account", func(t *testing.T) {
			tok, _, err := db.Login(ctx, "chuyenvien2", "cchc-demo", sqldb.SessionAPI)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := db.UpdateUser(as(f.admin), f.otherSpec.ID, cchc.UserUpdate{Active: ptr(false)}); err != nil {
				t.Fatal(err)
			}
			_, _, err = db.FindSession(ctx, tok)
			wantCode(t, err, cchc.EUNAUTHORIZED)
			_, _, err = db.Login(ctx, "chuyenvien2", "cchc-demo", sqldb.SessionAPI)
			wantCode(t, err, cchc.EUNAUTHORIZED)
		})
	})
}
