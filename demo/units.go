// Package demo loads demonstration data into an empty database: the units
// of the Sở, one account per role, the seed plan with a plausible
// assignment appendix, and a history of progress and evidence, so every
// screen shows real-looking data. Nothing here is presented as fact.
package demo

import "github.com/hpdoet/cchc"

// Password is the password of every demo account. It exists only in demo mode.
const Password = "cchc-demo"

// unitSpec is a demo unit. The divisions follow Quyết định 08/2025/QĐ-UBND
// of Hải Phòng (as reported by a school portal of the city, see
// docs/demo.md); the Văn phòng Sở is the one the plan itself names.
type unitSpec struct {
	Code, Name, Kind, Email string
}

var units = []unitSpec{
	{"BGD", "Ban Giám đốc Sở", cchc.UnitLeadership, ""},
	{"VP", "Văn phòng Sở", cchc.UnitOffice, "vanphong@sgddt-hp.example"},
	{"TCCB", "Phòng Tổ chức cán bộ", cchc.UnitDivision, ""},
	{"KHTC", "Phòng Kế hoạch - Tài chính", cchc.UnitDivision, ""},
	{"GDMNTH", "Phòng Giáo dục Mầm non và Giáo dục Tiểu học", cchc.UnitDivision, ""},
	{"GDTrH", "Phòng Giáo dục Trung học", cchc.UnitDivision, ""},
	{"GDTX", "Phòng Giáo dục Thường xuyên, Giáo dục Nghề nghiệp và Đại học", cchc.UnitDivision, ""},
	{"QLCL", "Phòng Quản lý chất lượng", cchc.UnitDivision, ""},
	{"TTr", "Thanh tra Sở", cchc.UnitDivision, ""},
}

// userSpec is a demo account.
type userSpec struct {
	Username, FullName string
	Role               cchc.Role
	Unit               string
}

// Accounts are the demo accounts with one per role first, as the README lists them.
var Accounts = []userSpec{
	{"admin", "Phạm Quốc Toàn", cchc.RoleAdmin, "VP"},
	{"vanphong", "Nguyễn Thị Thu Hà", cchc.RoleOffice, "VP"},
	{"lanhdao", "Trần Văn Minh", cchc.RoleDirector, "BGD"},
	{"truongphong", "Lê Thị Hồng Nhung", cchc.RoleUnitHead, "GDTrH"},
	{"chuyenvien", "Vũ Đức Anh", cchc.RoleSpecialist, "GDTrH"},
	{"motcua", "Đỗ Thị Lan", cchc.RoleOneStop, "VP"},
	{"congdan", "Hoàng Văn Nam", cchc.RoleCitizen, ""},
	// Officials of the other units, so each unit can post its own evidence.
	{"cv.tccb", "Bùi Thị Mai", cchc.RoleSpecialist, "TCCB"},
	{"tp.tccb", "Đặng Quang Huy", cchc.RoleUnitHead, "TCCB"},
	{"cv.khtc", "Ngô Thị Thanh", cchc.RoleSpecialist, "KHTC"},
	{"cv.gdmnth", "Phan Thị Yến", cchc.RoleSpecialist, "GDMNTH"},
	{"cv.gdtx", "Lý Văn Sơn", cchc.RoleSpecialist, "GDTX"},
	{"cv.qlcl", "Trịnh Thị Thảo", cchc.RoleSpecialist, "QLCL"},
	{"cv.ttr", "Mạc Văn Dũng", cchc.RoleSpecialist, "TTr"},
	{"cv.vp", "Cao Thị Huyền", cchc.RoleOffice, "VP"},
	{"tp.khtc", "Đinh Văn Thắng", cchc.RoleUnitHead, "KHTC"},
	{"tp.gdmnth", "Hà Thị Loan", cchc.RoleUnitHead, "GDMNTH"},
	{"tp.gdtx", "Tạ Quang Vinh", cchc.RoleUnitHead, "GDTX"},
	{"tp.qlcl", "Lương Thị Hạnh", cchc.RoleUnitHead, "QLCL"},
	{"tp.ttr", "Kiều Văn Hải", cchc.RoleUnitHead, "TTr"},
}
