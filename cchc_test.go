package cchc

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
)

func TestErrors(t *testing.T) {
	inner := Invalid("Thông tin chưa hợp lệ.", map[string]string{"name": "Vui lòng nhập tên."})
	wrapped := fmt.Errorf("create unit: %w", inner)
	for _, tc := range []struct {
		name          string
		err           error
		code, message string
	}{
		{"nil", nil, "", ""},
		{"domain", inner, EINVALID, "Thông tin chưa hợp lệ."},
		{"wrapped domain", wrapped, EINVALID, "Thông tin chưa hợp lệ."},
		{"internal", errors.New("pq: connection refused at 10.0.0.5"), EINTERNAL, "Đã xảy ra lỗi hệ thống. Vui lòng thử lại sau."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := ErrorCode(tc.err); got != tc.code {
				t.Errorf("ErrorCode = %q, want %q", got, tc.code)
			}
			if got := ErrorMessage(tc.err); got != tc.message {
				t.Errorf("ErrorMessage = %q, want %q", got, tc.message)
			}
		})
	}
	if ErrorFields(wrapped)["name"] == "" {
		t.Error("fields lost through wrapping")
	}
}

func TestUnitValidate(t *testing.T) {
	for _, tc := range []struct {
		name   string
		unit   Unit
		fields []string
	}{
		{"valid", Unit{Code: "GDTrH", Name: "Phòng Giáo dục Trung học", Kind: UnitDivision}, nil},
		{"trimmed", Unit{Code: " VP ", Name: " Văn phòng Sở ", Kind: UnitOffice, Email: " vp@haiphong.edu.vn "}, nil},
		{"code with diacritics", Unit{Code: "Phòng", Name: "X", Kind: UnitDivision}, []string{"code"}},
		{"code too long", Unit{Code: strings.Repeat("A", 21), Name: "X", Kind: UnitDivision}, []string{"code"}},
		{"no name", Unit{Code: "X", Kind: UnitDivision}, []string{"name"}},
		{"name too long", Unit{Code: "X", Name: strings.Repeat("ư", 201), Kind: UnitDivision}, []string{"name"}},
		{"bad kind", Unit{Code: "X", Name: "X", Kind: "so"}, []string{"kind"}},
		{"bad email", Unit{Code: "X", Name: "X", Kind: UnitAgency, Email: "khong-phai-email"}, []string{"email"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			u := tc.unit
			err := u.Validate()
			checkFields(t, err, tc.fields)
			if err == nil && (u.Code != strings.TrimSpace(tc.unit.Code) || u.Name != strings.TrimSpace(tc.unit.Name)) {
				t.Errorf("not trimmed: %+v", u)
			}
		})
	}
}

func checkFields(t *testing.T, err error, want []string) {
	t.Helper()
	if len(want) == 0 {
		if err != nil {
			t.Fatalf("unexpected error %v (%v)", err, ErrorFields(err))
		}
		return
	}
	if ErrorCode(err) != EINVALID {
		t.Fatalf("error %v, want EINVALID", err)
	}
	got := ErrorFields(err)
	if len(got) != len(want) {
		t.Errorf("fields %v, want %v", got, want)
	}
	for _, f := range want {
		if got[f] == "" {
			t.Errorf("no message for %s in %v", f, got)
		}
	}
}

func TestUserValidate(t *testing.T) {
	for _, tc := range []struct {
		name   string
		user   User
		fields []string
	}{
		{"official", User{Username: "chuyenvien", FullName: "Vũ Đức Anh", Role: RoleSpecialist, UnitID: 3}, nil},
		{"upper-case username folded", User{Username: " VanPhong ", FullName: "X", Role: RoleOffice, UnitID: 1}, nil},
		{"citizen", User{Username: "congdan", FullName: "Hoàng Văn Nam", Role: RoleCitizen}, nil},
		{"username with diacritics", User{Username: "chuyên", FullName: "X", Role: RoleCitizen}, []string{"username"}},
		{"username too short", User{Username: "ab", FullName: "X", Role: RoleCitizen}, []string{"username"}},
		{"no name", User{Username: "abc", Role: RoleCitizen}, []string{"full_name"}},
		{"unknown role", User{Username: "abc", FullName: "X", Role: "root"}, []string{"role"}},
		{"official without unit", User{Username: "abc", FullName: "X", Role: RoleUnitHead}, []string{"unit_id"}},
		{"citizen with unit", User{Username: "abc", FullName: "X", Role: RoleCitizen, UnitID: 2}, []string{"unit_id"}},
		{"bad email", User{Username: "abc", FullName: "X", Role: RoleCitizen, Email: "@"}, []string{"email"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			u := tc.user
			checkFields(t, u.Validate(), tc.fields)
		})
	}
	for pw, ok := range map[string]bool{"cchc-demo": true, "1234567": false, "mậtkhẩu": false, "mật khẩu": true, strings.Repeat("x", 129): false} {
		if err := ValidatePassword(pw); (err == nil) != ok {
			t.Errorf("ValidatePassword(%q) = %v, want ok=%v", pw, err, ok)
		}
	}
}

func TestRolePermissions(t *testing.T) {
	mk := func(r Role, unit int64, active bool) *User { return &User{Role: r, UnitID: unit, Active: active} }
	for _, tc := range []struct {
		name                           string
		u                              *User
		official, all, accounts, audit bool
	}{
		{"nobody", nil, false, false, false, false},
		{"admin", mk(RoleAdmin, 1, true), true, true, true, true},
		{"director", mk(RoleDirector, 1, true), true, true, false, true},
		{"office", mk(RoleOffice, 1, true), true, true, false, false},
		{"specialist", mk(RoleSpecialist, 2, true), true, false, false, false},
		{"inactive admin", mk(RoleAdmin, 1, false), false, false, false, false},
		{"citizen", mk(RoleCitizen, 0, true), false, false, false, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.u.IsOfficial(); got != tc.official {
				t.Errorf("IsOfficial = %v", got)
			}
			if got := tc.u.SeesAllUnits(); got != tc.all {
				t.Errorf("SeesAllUnits = %v", got)
			}
			if got := tc.u.CanManageAccounts(); got != tc.accounts {
				t.Errorf("CanManageAccounts = %v", got)
			}
			if got := tc.u.CanReadAudit(); got != tc.audit {
				t.Errorf("CanReadAudit = %v", got)
			}
		})
	}
	if mk(RoleSpecialist, 2, true).InUnit(3) || !mk(RoleSpecialist, 2, true).InUnit(2) || mk(RoleCitizen, 0, true).InUnit(0) {
		t.Error("InUnit is wrong")
	}
}

func chain(n int) []AuditEntry {
	prev := GenesisHash
	var out []AuditEntry
	for i := 1; i <= n; i++ {
		e := AuditEntry{Seq: int64(i), At: time.Date(2026, 5, 1, 8, 0, i, 123456789, time.UTC), ActorName: "vanphong",
			Action: "plan.assign", Entity: "assignment", EntityID: fmt.Sprintf("II.1.%d", i), After: `{"a":1}`, PrevHash: prev}
		e.Hash = e.ComputeHash()
		prev = e.Hash
		out = append(out, e)
	}
	return out
}

func TestVerifyAuditChain(t *testing.T) {
	if p := VerifyAuditChain(chain(5), 1, GenesisHash); p != nil {
		t.Fatalf("intact chain: %+v", p)
	}
	for _, tc := range []struct {
		name   string
		edit   func([]AuditEntry) []AuditEntry
		seq    int64
		reason string
	}{
		{"changed content", func(c []AuditEntry) []AuditEntry { c[2].After = `{"a":2}`; return c }, 3, "changed"},
		{"changed time", func(c []AuditEntry) []AuditEntry { c[1].At = c[1].At.Add(time.Second); return c }, 2, "changed"},
		{"deleted row", func(c []AuditEntry) []AuditEntry { return append(c[:2], c[3:]...) }, 3, "deleted"},
		{"re-hashed after an edit", func(c []AuditEntry) []AuditEntry { c[1].After = "x"; c[1].Hash = c[1].ComputeHash(); return c }, 3, "broken"},
		{"foreign row inserted", func(c []AuditEntry) []AuditEntry {
			x := c[3]
			x.PrevHash = "f00d"
			x.Hash = x.ComputeHash()
			c[3] = x
			return c
		}, 4, "broken"},
		{"duplicate seq", func(c []AuditEntry) []AuditEntry { return append(c[:3], append([]AuditEntry{c[2]}, c[3:]...)...) }, 3, "inserted"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := VerifyAuditChain(tc.edit(chain(5)), 1, GenesisHash)
			if p == nil || p.Seq != tc.seq || p.Reason != tc.reason {
				t.Errorf("got %+v, want %s at %d", p, tc.reason, tc.seq)
			}
		})
	}
	// Microseconds are what both databases keep: nanoseconds beyond them do not change the hash.
	e := chain(1)[0]
	e2 := e
	e2.At = e.At.Truncate(time.Microsecond)
	if e.ComputeHash() != e2.ComputeHash() {
		t.Error("hash depends on sub-microsecond time")
	}
}
