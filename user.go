package cchc

import (
	"regexp"
	"strings"
	"time"
	"unicode/utf8"
)

// User is an account: an official of a unit, or a citizen or business.
type User struct {
	ID        int64     `json:"id"`
	Username  string    `json:"username"`
	FullName  string    `json:"full_name"`
	Email     string    `json:"email,omitempty"`
	Role      Role      `json:"role"`
	UnitID    int64     `json:"unit_id,omitempty"` // 0 for citizens
	Active    bool      `json:"active"`
	CreatedAt time.Time `json:"created_at"`
}

// UserUpdate holds the fields an admin may change; nil means unchanged.
type UserUpdate struct {
	FullName *string
	Email    *string
	Role     *Role
	UnitID   *int64
	Active   *bool
}

// Apply returns a copy of u with the update applied.
func (up UserUpdate) Apply(u User) User {
	if up.FullName != nil {
		u.FullName = *up.FullName
	}
	if up.Email != nil {
		u.Email = *up.Email
	}
	if up.Role != nil {
		u.Role = *up.Role
	}
	if up.UnitID != nil {
		u.UnitID = *up.UnitID
	}
	if up.Active != nil {
		u.Active = *up.Active
	}
	return u
}

var usernamePattern = regexp.MustCompile(`^[a-z0-9][a-z0-9._-]{2,39}$`)

// Validate checks the account's fields. Whether UnitID names an existing
// unit is for storage to check.
func (u *User) Validate() error {
	f := map[string]string{}
	u.Username = strings.ToLower(strings.TrimSpace(u.Username))
	u.FullName = strings.TrimSpace(u.FullName)
	u.Email = strings.TrimSpace(u.Email)
	if !usernamePattern.MatchString(u.Username) {
		f["username"] = "Tên đăng nhập gồm 3–40 ký tự: chữ thường không dấu, chữ số, dấu chấm, gạch ngang."
	}
	if u.FullName == "" {
		f["full_name"] = "Vui lòng nhập họ và tên."
	} else if utf8.RuneCountInString(u.FullName) > 120 {
		f["full_name"] = "Họ và tên không quá 120 ký tự."
	}
	if u.Email != "" && !ValidEmail(u.Email) {
		f["email"] = "Địa chỉ thư điện tử không hợp lệ."
	}
	switch {
	case !u.Role.Valid():
		f["role"] = "Vai trò không hợp lệ."
	case u.Role.Official() && u.UnitID == 0:
		f["unit_id"] = "Cán bộ, công chức phải thuộc một đơn vị."
	case u.Role == RoleCitizen && u.UnitID != 0:
		f["unit_id"] = "Tài khoản công dân không thuộc đơn vị nào."
	}
	if len(f) > 0 {
		return Invalid("Thông tin tài khoản chưa hợp lệ.", f)
	}
	return nil
}

// ValidatePassword checks a new password against the policy.
func ValidatePassword(pw string) error {
	n := utf8.RuneCountInString(pw)
	if n < 8 {
		return Invalid("Mật khẩu chưa đạt yêu cầu.", map[string]string{"password": "Mật khẩu phải có ít nhất 8 ký tự."})
	}
	if n > 128 {
		return Invalid("Mật khẩu chưa đạt yêu cầu.", map[string]string{"password": "Mật khẩu không quá 128 ký tự."})
	}
	return nil
}

// IsOfficial reports whether the user is an active civil servant.
func (u *User) IsOfficial() bool { return u != nil && u.Active && u.Role.Official() }

// SeesAllUnits reports whether the user's role reaches beyond their own unit.
func (u *User) SeesAllUnits() bool {
	return u != nil && u.Active && (u.Role == RoleOffice || u.Role == RoleDirector || u.Role == RoleAdmin)
}

// CanManageAccounts reports whether the user may create and edit units and users.
func (u *User) CanManageAccounts() bool { return u != nil && u.Active && u.Role == RoleAdmin }

// CanReadAudit reports whether the user may read the audit log.
func (u *User) CanReadAudit() bool {
	return u != nil && u.Active && (u.Role == RoleAdmin || u.Role == RoleDirector)
}

// InUnit reports whether the user is an active official of unit id.
func (u *User) InUnit(id int64) bool { return u.IsOfficial() && id != 0 && u.UnitID == id }
