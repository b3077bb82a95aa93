package officedoc

import (
	"fmt"
	"time"
	"unicode"
)

// Texts of the fixture that every reader must show.
const (
	fxParent  = "UBND THÀNH PHỐ HẢI PHÒNG"
	fxIssuer  = "SỞ GIÁO DỤC VÀ ĐÀO TẠO"
	fxNumber  = "Số: 125/BC-SGDĐT"
	fxDate    = "Hải Phòng, ngày 05 tháng 10 năm 2026"
	fxKind    = "BÁO CÁO"
	fxTitle   = "Kết quả thực hiện công tác cải cách hành chính quý III năm 2026"
	fxPhrase  = "Đẩy mạnh cải cách thủ tục hành chính"
	fxNumCell = "1.234"
	fxRecip   = "- UBND thành phố (để b/c);"
	fxLast    = "- Lưu: VT, VP."
	fxSigner1 = "KT. GIÁM ĐỐC"
	fxSigner2 = "PHÓ GIÁM ĐỐC"
	fxName    = "Nguyễn Thị Thu Hương"
	fxMarkup  = `Ghi chú: <script>alert("x")</script> & 'trích dẫn' <w:t>không phải thẻ</w:t>`
)

// reportDocument is a realistic quarterly report of the Sở on its
// administrative-reform plan.
func reportDocument() Document {
	return Document{
		Parent: fxParent,
		Issuer: fxIssuer,
		Number: "125/BC-SGDĐT",
		Place:  "Hải Phòng",
		Date:   time.Date(2026, 10, 5, 0, 0, 0, 0, time.UTC),
		Kind:   "Báo cáo",
		Title:  fxTitle,
		Body: []Block{
			Paragraph{Text: "Thực hiện Kế hoạch số 12/KH-SGDĐT ngày 15 tháng 01 năm 2026 của Sở Giáo dục và Đào tạo về cải cách hành chính năm 2026, Sở Giáo dục và Đào tạo báo cáo kết quả thực hiện công tác cải cách hành chính quý III năm 2026 như sau:"},
			Heading{Level: 1, Text: "I. KẾT QUẢ THỰC HIỆN"},
			Heading{Level: 2, Text: "1. Công tác chỉ đạo, điều hành"},
			Paragraph{Text: "Sở đã ban hành 05 văn bản chỉ đạo, hướng dẫn các phòng, đơn vị trực thuộc và các cơ sở giáo dục triển khai nhiệm vụ cải cách hành chính; lồng ghép nội dung cải cách hành chính vào hội nghị giao ban hằng tháng; gắn kết quả thực hiện với đánh giá, xếp loại công chức, viên chức cuối năm."},
			Heading{Level: 2, Text: "2. Cải cách thủ tục hành chính"},
			Heading{Level: 3, Text: "a) Rà soát, đơn giản hóa thủ tục hành chính"},
			Paragraph{Text: fxPhrase + ", tập trung vào các thủ tục thuộc lĩnh vực giáo dục trung học và giáo dục nghề nghiệp; kiến nghị đơn giản hóa 07 thủ tục, cắt giảm 15% thời gian giải quyết.\nCông khai đầy đủ 100% thủ tục hành chính trên Cổng Dịch vụ công quốc gia và Cổng thông tin điện tử của Sở."},
			Heading{Level: 3, Text: "b) Kết quả giải quyết hồ sơ"},
			Paragraph{Text: "Trong quý III năm 2026, Sở tiếp nhận 1.234 hồ sơ, trong đó hồ sơ trực tuyến chiếm 92,5%; kết quả cụ thể như bảng dưới đây:"},
			Table{
				Header: []string{"STT", "Lĩnh vực", "Số hồ sơ tiếp nhận", "Đúng hạn", "Tỷ lệ đúng hạn"},
				Rows: [][]string{
					{"1", "Giáo dục trung học", fxNumCell, "1.230", "99,7%"},
					{"2", "Giáo dục mầm non và tiểu học", "412", "412", "100%"},
					{"3", "Văn bằng, chứng chỉ (cấp bản sao, chỉnh sửa nội dung văn bằng)", "2.087", "2.080", "99,7%"},
					{"", "Tổng cộng", "3.733", "3.722", "99,7%"},
				},
				Align: []Align{AlignCenter},
			},
			Heading{Level: 2, Text: "3. Cải cách tổ chức bộ máy"},
			Paragraph{Text: "Tiếp tục rà soát, sắp xếp các phòng chuyên môn thuộc Sở theo hướng tinh gọn, hoạt động hiệu lực, hiệu quả; kiện toàn bộ phận một cửa của Sở."},
			Heading{Level: 1, Text: "II. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN"},
			Paragraph{Text: "Một số đơn vị còn chậm cập nhật kết quả giải quyết hồ sơ lên hệ thống; tỷ lệ thanh toán trực tuyến phí, lệ phí chưa cao. " + fxMarkup},
			Heading{Level: 1, Text: "III. NHIỆM VỤ TRỌNG TÂM QUÝ IV NĂM 2026"},
			Paragraph{Text: "Tiếp tục " + lowerFirst(fxPhrase) + "; nâng cao chất lượng cung cấp dịch vụ công trực tuyến toàn trình; hoàn thành số hóa hồ sơ, kết quả giải quyết thủ tục hành chính theo quy định."},
			Paragraph{Text: "Trên đây là báo cáo kết quả thực hiện công tác cải cách hành chính quý III năm 2026 của Sở Giáo dục và Đào tạo./."},
		},
		Recipients:  []string{"UBND thành phố (để b/c)", "Sở Nội vụ", "Giám đốc, các PGĐ Sở", "Lưu: VT, VP"},
		SignerTitle: []string{fxSigner1, fxSigner2},
		SignerName:  fxName,
	}
}

func lowerFirst(s string) string {
	r := []rune(s)
	r[0] = unicode.ToLower(r[0])
	return string(r)
}

// longDocument is the report with its body repeated to about forty pages,
// with a long table.
func longDocument() Document {
	d := reportDocument()
	base := d.Body
	d.Body = nil
	for i := range 12 {
		d.Body = append(d.Body, Heading{Level: 1, Text: fmt.Sprintf("PHẦN %d", i+1)})
		d.Body = append(d.Body, base...)
	}
	t := Table{Header: []string{"STT", "Đơn vị", "Nội dung công việc", "Kết quả", "Số liệu"}}
	for i := range 300 {
		t.Rows = append(t.Rows, []string{fmt.Sprint(i + 1), "Phòng Giáo dục Trung học",
			"Rà soát, cập nhật quy trình nội bộ giải quyết thủ tục hành chính trên hệ thống thông tin giải quyết thủ tục hành chính của thành phố",
			"Hoàn thành", fmt.Sprintf("%d.%03d", i%9+1, i)})
	}
	d.Body = append(d.Body, t)
	return d
}
