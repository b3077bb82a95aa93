package demo

import "github.com/hpdoet/cchc/plan"

// assignmentSpec is one row of the demo appendix. Dates are YYYY-MM-DD.
type assignmentSpec struct {
	Code       string
	Lead       string
	Co         []string
	Product    string
	Start, Due string
	Recurrence plan.Recurrence
}

// appendix is a plausible Phụ lục phân công for every task of the seed
// plan, written for the demo (the real appendix is the Sở's to issue).
var appendix = []assignmentSpec{
	{"II.1.a.1", "VP", []string{"TTr"}, "Báo cáo kết quả tự kiểm tra văn bản QPPL thuộc lĩnh vực ngành", "2026-01-01", "2026-11-30", plan.Yearly},
	{"II.1.a.2", "VP", []string{"TTr", "GDTrH"}, "Danh mục văn bản QPPL hết hiệu lực, cần sửa đổi; tờ trình UBND thành phố công bố", "2026-04-01", "2026-09-30", plan.Yearly},
	{"II.1.b", "TCCB", []string{"VP"}, "Quyết định quy định chức năng, nhiệm vụ, cơ cấu tổ chức của Sở (dự thảo trình UBND)", "2026-04-15", "2026-08-31", plan.Once},
	{"II.1.c", "KHTC", []string{"VP"}, "Văn bản góp ý, đề xuất hoàn thiện thể chế về thu hút đầu tư trong giáo dục", "2026-05-01", "2027-06-30", plan.Once},
	{"II.1.d", "VP", []string{"TTr", "TCCB"}, "Kế hoạch và báo cáo theo dõi thi hành pháp luật; kế hoạch phổ biến, giáo dục pháp luật", "2026-01-01", "2026-12-15", plan.Yearly},
	{"II.2.a.1", "VP", []string{"GDMNTH", "GDTrH", "GDTX", "QLCL"}, "Báo cáo rà soát, đề xuất bãi bỏ TTHC và thành phần hồ sơ không cần thiết", "2026-04-01", "2026-06-30", plan.HalfYearly},
	{"II.2.a.2.1", "KHTC", []string{"GDTX", "VP"}, "Báo cáo rà soát điều kiện đầu tư kinh doanh trong lĩnh vực giáo dục", "2026-05-01", "2026-10-31", plan.Once},
	{"II.2.a.2.2", "VP", []string{"GDMNTH", "GDTrH", "GDTX", "QLCL", "KHTC"}, "Phương án cắt giảm 50% thời gian và chi phí tuân thủ TTHC so với năm 2024", "2026-05-01", "2026-12-31", plan.Yearly},
	{"II.2.a.2.3", "VP", []string{"QLCL"}, "Danh mục TTHC đủ điều kiện cung cấp DVCTT toàn trình; quyết định công bố", "2026-05-01", "2026-09-30", plan.Once},
	{"II.2.a.3", "GDTrH", []string{"VP", "QLCL"}, "Quy trình giải quyết TTHC được tái cấu trúc dựa trên dữ liệu", "2026-06-01", "2027-06-30", plan.Once},
	{"II.2.a.4", "VP", []string{"TCCB", "KHTC"}, "Danh mục TTHC nội bộ được công bố và phương án đơn giản hóa", "2026-06-01", "2026-12-31", plan.Yearly},
	{"II.2.b.1", "VP", nil, "Quyết định công bố, công khai TTHC được cập nhật", "2026-01-01", "2026-03-25", plan.Quarterly},
	{"II.2.b.2", "VP", []string{"QLCL"}, "Báo cáo tiếp nhận hồ sơ không phụ thuộc địa giới hành chính", "2026-07-01", "2026-12-31", plan.HalfYearly},
	{"II.2.b.3", "VP", []string{"QLCL"}, "Báo cáo kết nối, khai thác CSDL quốc gia; tỷ lệ thông tin chỉ cung cấp một lần", "2026-05-01", "2026-11-30", plan.Yearly},
	{"II.2.b.4", "VP", []string{"QLCL", "GDTrH"}, "Kế hoạch số hóa hồ sơ, kết quả giải quyết TTHC; báo cáo tiến độ số hóa", "2026-04-01", "2026-06-30", plan.Quarterly},
	{"II.2.b.5", "VP", []string{"GDMNTH", "GDTrH", "GDTX", "QLCL"}, "Quyết định phê duyệt quy trình nội bộ, quy trình điện tử giải quyết TTHC", "2026-05-01", "2026-10-31", plan.Once},
	{"II.2.b.6", "TTr", []string{"VP", "TCCB"}, "Báo cáo kiểm tra trách nhiệm thực hiện công vụ trong giải quyết TTHC", "2026-04-01", "2026-12-15", plan.Yearly},
	{"II.3.a", "TCCB", []string{"VP"}, "Đề án sắp xếp, kiện toàn các phòng, đơn vị thuộc Sở", "2026-04-15", "2026-12-31", plan.Once},
	{"II.3.b", "TCCB", []string{"KHTC"}, "Phương án sắp xếp đơn vị sự nghiệp công lập trực thuộc", "2026-06-01", "2027-12-31", plan.Once},
	{"II.3.c", "TCCB", []string{"VP"}, "Quyết định phân cấp, ủy quyền trong quản lý của Sở", "2026-09-01", "2027-06-30", plan.Once},
	{"II.3.d", "VP", []string{"QLCL"}, "Báo cáo vận hành văn phòng số, họp không giấy tờ", "2026-04-01", "2026-12-31", plan.Yearly},
	{"II.4.a", "TCCB", nil, "Kế hoạch triển khai Luật Cán bộ, công chức và Luật Viên chức năm 2025", "2026-04-15", "2026-07-31", plan.Once},
	{"II.4.b", "TCCB", nil, "Văn bản triển khai cơ chế đặc biệt theo Kết luận 205-KL/TW", "2026-05-01", "2026-12-31", plan.Once},
	{"II.4.c", "TCCB", []string{"GDMNTH", "GDTrH", "GDTX"}, "Đề án vị trí việc làm được phê duyệt", "2026-04-15", "2027-03-31", plan.Once},
	{"II.4.d", "TCCB", []string{"KHTC"}, "Báo cáo thực hiện chính sách tiền lương, tiền thưởng", "2026-07-01", "2026-12-31", plan.Yearly},
	{"II.4.đ", "TCCB", []string{"GDTX"}, "Kế hoạch bồi dưỡng công chức, viên chức theo vị trí việc làm", "2026-01-01", "2026-03-31", plan.Yearly},
	{"II.4.e", "TCCB", []string{"TTr"}, "Quy định thẩm quyền, trách nhiệm người đứng đầu trong công tác cán bộ", "2026-05-01", "2026-10-31", plan.Once},
	{"II.5.a", "KHTC", nil, "Báo cáo thực hiện dự toán ngân sách", "2026-01-01", "2026-06-30", plan.HalfYearly},
	{"II.5.b", "KHTC", []string{"VP"}, "Quy chế chi tiêu nội bộ được cập nhật", "2026-01-01", "2026-03-31", plan.Yearly},
	{"II.5.c", "KHTC", []string{"TCCB"}, "Phương án tự chủ tài chính của các đơn vị sự nghiệp công lập", "2026-06-01", "2027-06-30", plan.Once},
	{"II.5.d", "KHTC", []string{"VP"}, "Báo cáo quản lý, sử dụng tài sản công theo NĐ 186/2025 và NĐ 286/2025", "2026-01-01", "2026-12-31", plan.Yearly},
	{"II.6.a", "VP", []string{"QLCL"}, "Báo cáo chất lượng cung cấp dịch vụ công trực tuyến toàn trình", "2026-01-01", "2026-03-31", plan.Quarterly},
	{"II.6.b", "VP", []string{"QLCL", "KHTC"}, "Kế hoạch chuyển đổi số của Sở và báo cáo thực hiện", "2026-01-01", "2026-12-31", plan.Yearly},
	{"II.6.c", "KHTC", []string{"VP"}, "Báo cáo tỷ lệ thanh toán trực tuyến phí, lệ phí TTHC", "2026-01-01", "2026-06-30", plan.HalfYearly},
	{"II.6.d", "QLCL", []string{"VP", "GDTrH"}, "Hệ thống thông tin khai thác CSDL ngành được kết nối với Bộ GD&ĐT", "2026-05-01", "2027-12-31", plan.Once},
	{"II.6.đ", "VP", []string{"TCCB"}, "Báo cáo duy trì, cải tiến Hệ thống quản lý chất lượng TCVN ISO 9001:2015", "2026-01-01", "2026-11-30", plan.Yearly},
	{"III.1", "VP", []string{"TCCB"}, "Kế hoạch CCHC năm của Sở; kết quả đánh giá người đứng đầu gắn với CCHC", "2026-01-01", "2026-01-31", plan.Yearly},
	{"III.2.1", "VP", nil, "Kế hoạch tuyên truyền CCHC năm", "2026-01-01", "2026-02-28", plan.Yearly},
	{"III.2.2", "VP", []string{"QLCL"}, "Kết quả lấy ý kiến người dân về dự thảo chính sách và thái độ phục vụ", "2026-04-01", "2026-06-30", plan.HalfYearly},
	{"III.2.3", "VP", nil, "Tin, bài tuyên truyền CCHC trên Cổng thông tin điện tử của Sở", "2026-01-01", "2026-03-31", plan.Quarterly},
	{"III.3.1", "KHTC", []string{"VP"}, "Đề xuất cơ chế, chính sách phát triển ngành gắn với CCHC", "2026-06-01", "2027-03-31", plan.Once},
	{"III.3.2", "TCCB", []string{"VP"}, "Danh sách công chức làm công tác CCHC được bồi dưỡng", "2026-01-01", "2026-12-15", plan.Yearly},
	{"III.3.3", "KHTC", nil, "Dự toán kinh phí thực hiện nhiệm vụ CCHC", "2026-07-01", "2026-10-31", plan.Yearly},
	{"III.4.1", "TCCB", nil, "Báo cáo kỷ luật, kỷ cương hành chính", "2026-01-01", "2026-06-30", plan.HalfYearly},
	{"III.4.2", "TCCB", []string{"VP"}, "Bộ tiêu chí KPI đánh giá công chức, viên chức", "2026-05-01", "2026-12-31", plan.Once},
	{"III.5.1", "VP", []string{"QLCL"}, "Kết quả khảo sát sự hài lòng của người dân, tổ chức", "2026-01-01", "2026-06-30", plan.HalfYearly},
	{"III.5.2", "QLCL", []string{"VP"}, "Công cụ khảo sát trực tuyến được đưa vào sử dụng", "2026-05-01", "2026-09-30", plan.Once},
	{"III.6", "QLCL", []string{"VP"}, "Báo cáo ứng dụng khoa học, công nghệ trong hoạt động của Sở", "2026-01-01", "2026-12-15", plan.Yearly},
	{"V.1.3", "VP", []string{"TCCB", "KHTC", "GDMNTH", "GDTrH", "GDTX", "QLCL", "TTr"}, "Báo cáo của các phòng, đơn vị gửi Văn phòng Sở", "2026-01-01", "2026-03-10", plan.Quarterly},
	{"V.2.1", "BGD", []string{"VP"}, "Ý kiến chỉ đạo, kết luận kiểm tra của Lãnh đạo Sở", "2026-01-01", "2026-12-31", plan.Yearly},
	{"V.2.2.1", "VP", nil, "Văn bản hướng dẫn, đôn đốc; báo cáo tổng hợp trình Giám đốc Sở", "2026-01-01", "2026-06-30", plan.HalfYearly},
	{"V.2.2.2", "VP", []string{"TCCB", "KHTC", "QLCL"}, "Kết quả thực hiện các nội dung CCHC do Văn phòng chủ trì", "2026-01-01", "2026-12-15", plan.Yearly},
	{"V.2.2.3", "VP", nil, "Báo cáo CCHC định kỳ gửi UBND thành phố (qua Sở Nội vụ)", "2026-01-01", "2026-03-15", plan.Quarterly},
}
