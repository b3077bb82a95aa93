package result

import (
	"strings"
	"testing"

	"github.com/hpdoet/cchc/procedure"
	"github.com/hpdoet/cchc/procedures"
)

func catalogProcedure(t *testing.T, code string) *procedure.Procedure {
	t.Helper()
	c, err := procedure.ParseCatalog(procedures.Catalog())
	if err != nil {
		t.Fatal(err)
	}
	p, err := c.Find(code)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestComposeCorrection(t *testing.T) {
	p := catalogProcedure(t, "2.001914")
	c := Case{
		DossierCode: "000.00.31.H31-260213-0001",
		ResultCode:  "000.00.31.H31-260213-0001-KQ1",
		Procedure:   p,
		Applicant:   "Hoang Van Nam",
		Form: map[string]string{"ho_ten": "Hoàng Văn Nam", "so_cccd": "031095001234", "ngay_sinh": "1995-05-12",
			"dien_thoai": "0912345678", "email": "nam@example.vn", "dia_chi": "12 Lạch Tray, Ngô Quyền",
			"loai_van_bang": "Bằng tốt nghiệp trung học phổ thông", "so_hieu_van_bang": "B 123456",
			"truong": "Trường THPT Trần Phú", "nam_tot_nghiep": "2013", "can_cu": "Quyết định cải chính hộ tịch\nsố 12/QĐ",
			"noi_dung_hien_tai": "Hoàng Văn Năm", "noi_dung_de_nghi": "Hoàng Văn Nam", "cam_ket": "1"},
		ReceivedAt: vn(2026, 2, 13, 16, 30),
		IssuedAt:   vn(2026, 2, 27, 10, 0),
		SignerName: "Trần Văn Minh",
		VerifyURL:  "https://cchc.example/xac-thuc/000.00.31.H31-260213-0001-KQ1",
	}
	d := Compose(c)
	if d.Holder != "Hoàng Văn Nam" || d.SignerTitle != DefaultSignerTitle || !strings.HasPrefix(d.Summary, "Về việc chỉnh sửa nội dung văn bằng") {
		t.Errorf("holder %q, signer title %q, summary %q", d.Holder, d.SignerTitle, d.Summary)
	}
	want := []Detail{{"Ngày sinh", "12/05/1995"}, {"Số định danh cá nhân", "*********234"}}
	if len(d.HolderDetails) != 2 || d.HolderDetails[0] != want[0] || d.HolderDetails[1] != want[1] {
		t.Errorf("holder details = %v, want %v", d.HolderDetails, want)
	}
	for _, s := range []string{
		"GIÁM ĐỐC SỞ GIÁO DỤC VÀ ĐÀO TẠO\n",
		"Căn cứ ",
		"Xét hồ sơ số 000.00.31.H31-260213-0001 của Hoàng Văn Nam, tiếp nhận ngày 13/02/2026;",
		"QUYẾT ĐỊNH:\n",
		"- Nội dung đề nghị chỉnh sửa thành: Hoàng Văn Nam.",
		"Quyết định cải chính hộ tịch; số 12/QĐ",
		"Điều 2. Quyết định này có hiệu lực kể từ ngày ký.",
	} {
		if !strings.Contains(d.DecisionText, s) {
			t.Errorf("decision text lacks %q:\n%s", s, d.DecisionText)
		}
	}
	// Contact data and the identity number never reach the result.
	for _, s := range []string{"0912345678", "nam@example.vn", "Lạch Tray", "031095001234", "Cam kết"} {
		if strings.Contains(d.DecisionText, s) {
			t.Errorf("decision text holds %q", s)
		}
	}
	if text := pdfText(t, render(t, d)); !strings.Contains(text, "*********234") || strings.Contains(text, "0912345678") {
		t.Errorf("rendered result:\n%s", text)
	}

	c.ResultCode, c.Replaces, c.Reason = "000.00.31.H31-260213-0001-KQ2", "000.00.31.H31-260213-0001-KQ1", "Sai năm tốt nghiệp."
	d = Compose(c)
	if !strings.Contains(d.DecisionText, "thay thế kết quả số 000.00.31.H31-260213-0001-KQ1, lý do: Sai năm tốt nghiệp;") ||
		!strings.Contains(d.DecisionText, "và thay thế kết quả số 000.00.31.H31-260213-0001-KQ1.") {
		t.Errorf("replacement text:\n%s", d.DecisionText)
	}
}

func TestComposeOrganisationMasksIdentifiers(t *testing.T) {
	p := catalogProcedure(t, "HP.GDĐT.20")
	d := Compose(Case{DossierCode: "000.00.31.H31-260213-0002", ResultCode: "000.00.31.H31-260213-0002-KQ1", Procedure: p,
		Applicant: "x", IssuedAt: vn(2026, 3, 2, 9, 0), SignerName: "Trần Văn Minh", VerifyURL: "https://cchc.example/xac-thuc/a",
		Form: map[string]string{"ten_to_chuc": "Trường Tiểu học Lê Lợi", "ma_so_thue": "0201234567", "nguoi_dai_dien": "Phạm Thị Hoa",
			"so_cccd": "031180004321", "ten_truong": "Trường Tiểu học Lê Lợi", "muc_do": "Mức độ 2", "nam_hoc": "2025-2026"}})
	if d.Holder != "Trường Tiểu học Lê Lợi" || len(d.HolderDetails) != 1 || d.HolderDetails[0].Value != "Phạm Thị Hoa" {
		t.Errorf("holder %q details %v", d.Holder, d.HolderDetails)
	}
	if strings.Contains(d.DecisionText, "031180004321") || strings.Contains(d.DecisionText, "0201234567") {
		t.Errorf("identifiers in the decision:\n%s", d.DecisionText)
	}
	if err := d.validate(); err != nil {
		t.Errorf("composed document is invalid: %v", err)
	}
	if got := fieldText(&procedure.Field{Type: procedure.TypeText}, "mã 012345678901"); got != "mã *********901" {
		t.Errorf("long digit run = %q", got)
	}
}
