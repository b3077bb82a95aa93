package procedure

import "github.com/hpdoet/cchc"

func i64(v int64) *int64 { return &v }

// validProcedure returns a small procedure that passes Validate: five
// working days shared by five steps, one field of every type.
func validProcedure() *Procedure {
	return &Procedure{
		Code:          "2.001914",
		Name:          "Chỉnh sửa nội dung văn bằng, chứng chỉ",
		Field:         FieldDiplomas,
		TimeLimitDays: 5,
		Documents: []*Document{
			{Key: "don-de-nghi", Name: "Đơn đề nghị chỉnh sửa", Original: true, Count: 1, Required: true},
			{Key: "cccd", Name: "Căn cước công dân", Original: true, Count: 1, Required: true, FromData: true, DataType: DataCitizenID},
		},
		LegalBasis:         []string{"Thông tư số 19/2015/TT-BGDĐT"},
		OnlineLevel:        LevelFull,
		EligibleFullOnline: true,
		Published:          true,
		Steps: []*Step{
			{Name: "Tiếp nhận", Unit: "VP", Role: cchc.RoleOneStop, Days: 0.5},
			{Name: "Thẩm định", Unit: "QLCL", Role: cchc.RoleSpecialist, Days: 2.375},
			{Name: "Trình ký", Unit: "QLCL", Role: cchc.RoleUnitHead, Days: 0.625},
			{Name: "Ký", Unit: "BGD", Role: cchc.RoleDirector, Days: 1},
			{Name: "Trả kết quả", Unit: "VP", Role: cchc.RoleOneStop, Days: 0.5},
		},
		Form: []*Field{
			{Name: "ho_ten", Label: "Họ và tên", Type: TypeText, Required: true, MaxLen: 20},
			{Name: "ghi_chu", Label: "Ghi chú", Type: TypeTextarea, MaxLen: 50},
			{Name: "ngay_sinh", Label: "Ngày sinh", Type: TypeDate, Required: true, PastOnly: true},
			{Name: "ngay_cap", Label: "Ngày cấp", Type: TypeDate},
			{Name: "email", Label: "Thư điện tử", Type: TypeEmail},
			{Name: "dien_thoai", Label: "Số điện thoại", Type: TypePhone, Required: true},
			{Name: "so_cccd", Label: "Số CCCD", Type: TypeCCCD, Required: true},
			{Name: "so_ban_sao", Label: "Số bản sao", Type: TypeNumber, Min: i64(1), Max: i64(20)},
			{Name: "nam", Label: "Năm", Type: TypeNumber},
			{Name: "loai", Label: "Loại văn bằng", Type: TypeChoice, Required: true, Options: []string{"Bằng tốt nghiệp THPT", "Bằng tốt nghiệp THCS"}},
			{Name: "cam_ket", Label: "Tôi cam đoan", Type: TypeCheckbox, Required: true},
			{Name: "ho_ngheo", Label: "Hộ nghèo", Type: TypeCheckbox},
		},
		Unconfirmed: []string{FactOnlineLevel},
		Sources:     []string{"https://dichvucong.quangtri.gov.vn/"},
	}
}

// goodValues are submitted values that validProcedure's form accepts.
func goodValues() map[string][]string {
	return map[string][]string{
		"ho_ten":     {"  Nguyễn Văn An "},
		"ngay_sinh":  {"05/09/2008"},
		"dien_thoai": {"0912 345 678"},
		"so_cccd":    {"031208001234"},
		"loai":       {"Bằng tốt nghiệp THPT"},
		"cam_ket":    {"on"},
	}
}
