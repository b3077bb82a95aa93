package cchc

// Role is what an account may do. Each account has exactly one role; an
// official's reach is further limited to their unit unless the role says more.
type Role string

// The roles of PRODUCT.md, named as the UI names them.
const (
	RoleCitizen    Role = "congdan"     // Công dân / doanh nghiệp
	RoleOneStop    Role = "motcua"      // Cán bộ một cửa
	RoleSpecialist Role = "chuyenvien"  // Chuyên viên of a phòng
	RoleUnitHead   Role = "truongphong" // Lãnh đạo phòng / đơn vị
	RoleOffice     Role = "vanphong"    // Văn phòng Sở, the plan coordinator
	RoleDirector   Role = "lanhdao"     // Lãnh đạo Sở
	RoleAdmin      Role = "admin"       // Quản trị
)

// Roles lists every role in the order the admin pages show them.
var Roles = []Role{RoleAdmin, RoleDirector, RoleOffice, RoleUnitHead, RoleSpecialist, RoleOneStop, RoleCitizen}

// Valid reports whether r is a known role.
func (r Role) Valid() bool {
	for _, x := range Roles {
		if x == r {
			return true
		}
	}
	return false
}

// Name is the role's Vietnamese name.
func (r Role) Name() string {
	switch r {
	case RoleCitizen:
		return "Công dân / doanh nghiệp"
	case RoleOneStop:
		return "Cán bộ một cửa"
	case RoleSpecialist:
		return "Chuyên viên"
	case RoleUnitHead:
		return "Lãnh đạo phòng / đơn vị"
	case RoleOffice:
		return "Văn phòng Sở"
	case RoleDirector:
		return "Lãnh đạo Sở"
	case RoleAdmin:
		return "Quản trị hệ thống"
	}
	return string(r)
}

// Official reports whether the role belongs to a civil servant, who must
// belong to a unit.
func (r Role) Official() bool { return r.Valid() && r != RoleCitizen }
