package cchc

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// Unit kinds.
const (
	UnitLeadership = "lanh-dao"  // Ban Giám đốc Sở
	UnitOffice     = "van-phong" // Văn phòng Sở
	UnitDivision   = "phong"     // a phòng chuyên môn
	UnitAgency     = "don-vi"    // an đơn vị sự nghiệp trực thuộc
)

// UnitKinds lists every unit kind in display order.
var UnitKinds = []string{UnitLeadership, UnitOffice, UnitDivision, UnitAgency}

// UnitKindName is the Vietnamese name of a unit kind.
func UnitKindName(kind string) string {
	switch kind {
	case UnitLeadership:
		return "Lãnh đạo Sở"
	case UnitOffice:
		return "Văn phòng"
	case UnitDivision:
		return "Phòng chuyên môn"
	case UnitAgency:
		return "Đơn vị trực thuộc"
	}
	return kind
}

// Unit is a phòng or đơn vị of the Sở.
type Unit struct {
	ID       int64  `json:"id"`
	Code     string `json:"code"` // short code, e.g. "GDTrH"
	Name     string `json:"name"` // full Vietnamese name
	Kind     string `json:"kind"`
	Email    string `json:"email,omitempty"`
	Active   bool   `json:"active"`
	Position int    `json:"position"`
}

// UnitUpdate holds the fields an admin may change; nil means unchanged.
type UnitUpdate struct {
	Code     *string
	Name     *string
	Kind     *string
	Email    *string
	Active   *bool
	Position *int
}

// Apply returns a copy of u with the update applied.
func (up UnitUpdate) Apply(u Unit) Unit {
	if up.Code != nil {
		u.Code = *up.Code
	}
	if up.Name != nil {
		u.Name = *up.Name
	}
	if up.Kind != nil {
		u.Kind = *up.Kind
	}
	if up.Email != nil {
		u.Email = *up.Email
	}
	if up.Active != nil {
		u.Active = *up.Active
	}
	if up.Position != nil {
		u.Position = *up.Position
	}
	return u
}

var unitCodePattern = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_-]{0,19}$`)

// Validate checks a unit's fields and returns an EINVALID error naming each
// field at fault.
func (u *Unit) Validate() error {
	f := map[string]string{}
	u.Code = strings.TrimSpace(u.Code)
	u.Name = strings.TrimSpace(u.Name)
	u.Email = strings.TrimSpace(u.Email)
	if !unitCodePattern.MatchString(u.Code) {
		f["code"] = "Mã đơn vị gồm 1–20 chữ cái không dấu, chữ số, gạch ngang."
	}
	if u.Name == "" {
		f["name"] = "Vui lòng nhập tên đơn vị."
	} else if utf8.RuneCountInString(u.Name) > 200 {
		f["name"] = "Tên đơn vị không quá 200 ký tự."
	}
	found := false
	for _, k := range UnitKinds {
		found = found || k == u.Kind
	}
	if !found {
		f["kind"] = "Loại đơn vị không hợp lệ."
	}
	if u.Email != "" && !ValidEmail(u.Email) {
		f["email"] = "Địa chỉ thư điện tử không hợp lệ."
	}
	if len(f) > 0 {
		return Invalid("Thông tin đơn vị chưa hợp lệ.", f)
	}
	return nil
}

var emailPattern = regexp.MustCompile(`^[^@\s]+@[^@\s]+\.[^@\s]+$`)

// ValidEmail reports whether s looks like an e-mail address.
func ValidEmail(s string) bool { return len(s) <= 254 && emailPattern.MatchString(s) }
