package report

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// vn is a civil time in Hải Phòng.
func slipVn(y int, m time.Month, d, hh, mm int) time.Time {
	return time.Date(y, m, d, hh, mm, 0, 0, VietnamTime)
}

var slipAgency = Agency{
	Parent: "UBND THÀNH PHỐ HẢI PHÒNG",
	Name:   "SỞ GIÁO DỤC VÀ ĐÀO TẠO",
	Unit:   "BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ",
	Place:  "Hải Phòng",
}

const (
	slipCode   = "000.00.20.H26-260213-0007"
	slipLookup = "https://dichvucong.haiphong.edu.vn/tra-cuu?ma=000.00.20.H26-260213-0007"
)

func receiptFixture() ReceiptSlip {
	return ReceiptSlip{
		Agency:        slipAgency,
		DossierCode:   slipCode,
		ProcedureName: "Cấp bản sao văn bằng, chứng chỉ từ sổ gốc",
		Applicant:     "Nguyễn Thị Hồng Nhung",
		Address:       "Số 12 đường Lạch Tray, phường Gia Viên, thành phố Hải Phòng",
		Phone:         "0912 345 678",
		Email:         "nhung.nth@example.vn",
		Documents: []SlipDocument{
			{Name: "Đơn đề nghị cấp bản sao văn bằng, chứng chỉ từ sổ gốc", Form: DocOriginal, Count: 1},
			{Name: "Căn cước của người yêu cầu", Form: DocCopy, Count: 1},
			{Name: "Giấy ủy quyền (trường hợp nhận thay)", Form: DocCertifiedCopy, Count: 2},
		},
		ProcessingTime: "10 ngày làm việc",
		// 01:30 UTC is 08:30 in Hải Phòng: the slip must print Vietnam time.
		ReceivedAt: time.Date(2026, 2, 13, 1, 30, 0, 0, time.UTC),
		DueAt:      slipVn(2026, 2, 27, 16, 0),
		Channel:    "Trực tiếp",
		ResultAt:   "Bộ phận Tiếp nhận và Trả kết quả, Sở Giáo dục và Đào tạo",
		Officer:    "Trần Văn Đức",
		LookupURL:  slipLookup,
		Fee:        10000,
	}
}

func apologyFixture() ApologySlip {
	return ApologySlip{
		Agency:        slipAgency,
		DossierCode:   slipCode,
		ProcedureName: "Chỉnh sửa nội dung văn bằng, chứng chỉ",
		Applicant:     "Phạm Quốc Việt",
		ReceivedAt:    slipVn(2026, 2, 13, 8, 30),
		OriginalDue:   slipVn(2026, 2, 27, 16, 0),
		NewDue:        slipVn(2026, 3, 6, 9, 15),
		IssuedAt:      slipVn(2026, 2, 26, 10, 0),
		Reason:        "Cần xác minh hồ sơ gốc lưu trữ tại trường cũ đã sáp nhập",
		Signer:        "Lê Thị Thu Hà",
		SignerTitle:   "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC",
		LookupURL:     slipLookup,
	}
}

func supplementFixture() SupplementSlip {
	return SupplementSlip{
		Agency:        slipAgency,
		DossierCode:   slipCode,
		ProcedureName: "Công nhận văn bằng do cơ sở giáo dục nước ngoài cấp",
		Applicant:     "Đỗ Thị Ánh Tuyết",
		Phone:         "0987 654 321",
		IssuedAt:      slipVn(2026, 3, 4, 14, 0),
		Missing: []string{
			"Bản dịch công chứng sang tiếng Việt của văn bằng",
			"Bảng điểm có xác nhận của cơ sở đào tạo",
		},
		Reason:       "Hồ sơ chưa có bản dịch văn bằng theo quy định",
		Officer:      "Vũ Minh Khôi",
		ContactPhone: "0225 3842 123",
		LookupURL:    slipLookup,
	}
}

func refusalFixture() RefusalSlip {
	return RefusalSlip{
		Agency:        slipAgency,
		DossierCode:   slipCode,
		ProcedureName: "Cấp giấy phép tổ chức dạy thêm, học thêm",
		Applicant:     "Hoàng Gia Bảo",
		Address:       "Thôn Đông, xã Kiến Thụy, thành phố Hải Phòng",
		IssuedAt:      slipVn(2026, 11, 5, 9, 0),
		Reason:        "Thủ tục không thuộc thẩm quyền giải quyết của Sở; đề nghị nộp tại Ủy ban nhân dân cấp xã",
		Officer:       "Trần Văn Đức",
		LookupURL:     slipLookup,
	}
}

// tool finds a command line tool; without it the test is skipped, except on CI
// (CI=true), which must have installed it.
func slipTool(t *testing.T, name, pkg string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s is not on PATH; CI must install %s", name, pkg)
		}
		t.Skipf("%s is not on PATH (Debian package %s)", name, pkg)
	}
	return p
}

func slipRun(t *testing.T, name string, args ...string) string {
	t.Helper()
	var stderr bytes.Buffer
	cmd := exec.Command(name, args...)
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, stderr.String())
	}
	return string(out)
}

// writePDF writes a slip to a file in a temporary folder.
func slipWritePDF(t *testing.T, write func(*bytes.Buffer) error) string {
	t.Helper()
	var buf bytes.Buffer
	if err := write(&buf); err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(buf.Bytes(), []byte("%PDF-")) {
		t.Fatalf("output does not start like a PDF: %q", buf.Bytes()[:min(buf.Len(), 16)])
	}
	path := filepath.Join(t.TempDir(), "slip.pdf")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

var slipSpaces = regexp.MustCompile(`\s+`)

// pdfText is the text of a PDF as pdftotext -layout reads it, with every run of
// white space made one space, so wrapped lines and layout columns still match
// a sentence.
func slipPdfText(t *testing.T, path string) (layout, flat string) {
	t.Helper()
	bin := slipTool(t, "pdftotext", "poppler-utils")
	layout = slipRun(t, bin, "-layout", "-enc", "UTF-8", path, "-")
	return layout, slipSpaces.ReplaceAllString(layout, " ")
}

// pdfInfo returns pdfinfo's fields.
func slipPdfInfo(t *testing.T, path string) map[string]string {
	t.Helper()
	bin := slipTool(t, "pdfinfo", "poppler-utils")
	info := map[string]string{}
	for _, ln := range strings.Split(slipRun(t, bin, "-enc", "UTF-8", path), "\n") {
		k, v, ok := strings.Cut(ln, ":")
		if ok {
			info[k] = strings.TrimSpace(v)
		}
	}
	return info
}

// decodeQR renders page 1 at 150 dpi and returns the QR codes zbarimg finds on
// it. keep, when set, receives a copy of the PNG.
func slipDecodeQR(t *testing.T, path, keep string) []string {
	t.Helper()
	ppm := slipTool(t, "pdftoppm", "poppler-utils")
	zbar := slipTool(t, "zbarimg", "zbar-tools")
	prefix := filepath.Join(t.TempDir(), "page")
	slipRun(t, ppm, "-png", "-r", "150", "-f", "1", "-l", "1", "-singlefile", path, prefix)
	png := prefix + ".png"
	if keep != "" {
		if b, err := os.ReadFile(png); err == nil {
			_ = os.WriteFile(keep, b, 0o644)
		}
	}
	out := slipRun(t, zbar, "--raw", "-q", png)
	return strings.Fields(out)
}

// checkCommon checks what every slip shows.
func slipCheckCommon(t *testing.T, path, title, wantTitleMeta string, want []string) {
	t.Helper()
	layout, flat := slipPdfText(t, path)
	for _, s := range append([]string{
		"UBND THÀNH PHỐ HẢI PHÒNG",
		"SỞ GIÁO DỤC VÀ ĐÀO TẠO",
		"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
		"Độc lập - Tự do - Hạnh phúc",
		title,
		"Mã hồ sơ: " + slipCode,
	}, want...) {
		if !strings.Contains(flat, s) {
			t.Errorf("text lacks %q\n--- pdftotext -layout ---\n%s", s, layout)
		}
	}
	info := slipPdfInfo(t, path)
	if got := info["Title"]; got != wantTitleMeta {
		t.Errorf("Title metadata = %q, want %q", got, wantTitleMeta)
	}
	// A5 is 148 × 210 mm = 419.53 × 595.28 pt.
	if got := info["Page size"]; !strings.HasPrefix(got, "419.53 x 595.28 pts") {
		t.Errorf("page size = %q, want A5 portrait (419.53 x 595.28 pts)", got)
	}
	if got := info["Pages"]; got != "1" {
		t.Errorf("pages = %s, want 1", got)
	}
}

// slipCheckQR checks that page 1 holds one QR code, of slipLookup. With
// SLIP_PNG_DIR set, the rendered page is kept there as <name>.png, for a person
// to look at.
func slipCheckQR(t *testing.T, path, name string) {
	t.Helper()
	keep := ""
	if dir := os.Getenv("SLIP_PNG_DIR"); dir != "" {
		keep = filepath.Join(dir, name+".png")
	}
	codes := slipDecodeQR(t, path, keep)
	if len(codes) != 1 || codes[0] != slipLookup {
		t.Errorf("QR codes on page 1 = %q, want [%q]", codes, slipLookup)
	}
}

func TestWriteReceipt(t *testing.T) {
	s := receiptFixture()
	path := slipWritePDF(t, func(b *bytes.Buffer) error { return WriteReceipt(b, s) })
	slipCheckCommon(t, path, "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ",
		"Giấy tiếp nhận hồ sơ và hẹn trả kết quả - "+slipCode,
		[]string{
			"BỘ PHẬN TIẾP NHẬN VÀ",
			"Hải Phòng, ngày 13 tháng 02 năm 2026",
			"Tiếp nhận hồ sơ của: Nguyễn Thị Hồng Nhung",
			"Nội dung yêu cầu giải quyết: Cấp bản sao văn bằng, chứng chỉ từ sổ gốc",
			"Số điện thoại: 0912 345 678",
			"Email: nhung.nth@example.vn",
			"Thành phần hồ sơ nộp gồm:",
			"Căn cước của người yêu cầu",
			"Bản sao có chứng thực",
			"Số lượng hồ sơ: 01 (bộ)",
			"Thời gian giải quyết hồ sơ theo quy định là: 10 ngày làm việc",
			"Thời gian nhận hồ sơ: 08 giờ 30 phút, ngày 13/02/2026",
			"Thời gian trả kết quả giải quyết hồ sơ: 16 giờ 00 phút, ngày 27/02/2026",
			"Hình thức nộp hồ sơ: Trực tiếp",
			"Phí, lệ phí: 10.000 đồng",
			"NGƯỜI NỘP HỒ SƠ",
			"NGƯỜI TIẾP NHẬN HỒ SƠ",
			"(Ký và ghi rõ họ tên)",
			"Trần Văn Đức",
		})
	slipCheckQR(t, path, "receipt")
}

func TestWriteApology(t *testing.T) {
	s := apologyFixture()
	path := slipWritePDF(t, func(b *bytes.Buffer) error { return WriteApology(b, s) })
	slipCheckCommon(t, path, "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ",
		"Phiếu xin lỗi và hẹn lại ngày trả kết quả - "+slipCode,
		[]string{
			"Hải Phòng, ngày 26 tháng 02 năm 2026",
			"Kính gửi: Ông/Bà Phạm Quốc Việt",
			"Ngày 13/02/2026",
			"Nội dung yêu cầu giải quyết: Chỉnh sửa nội dung văn bằng, chứng chỉ",
			"Thời gian hẹn trả kết quả giải quyết hồ sơ: 16 giờ 00 phút, ngày 27/02/2026",
			"Lý do: Cần xác minh hồ sơ gốc lưu trữ tại trường cũ đã sáp nhập",
			"sẽ trả kết quả giải quyết hồ sơ cho Ông/Bà vào 09 giờ 15 phút, ngày 06/03/2026",
			"Xin trân trọng cảm ơn sự hợp tác của Ông/Bà./.",
			"KT. GIÁM ĐỐC",
			"PHÓ GIÁM ĐỐC",
			"Lê Thị Thu Hà",
		})
	slipCheckQR(t, path, "apology")
}

func TestWriteSupplementRequest(t *testing.T) {
	s := supplementFixture()
	path := slipWritePDF(t, func(b *bytes.Buffer) error { return WriteSupplementRequest(b, s) })
	slipCheckCommon(t, path, "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ",
		"Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ - "+slipCode,
		[]string{
			// March: no leading zero on the month (Nghị định 30/2020).
			"Hải Phòng, ngày 04 tháng 3 năm 2026",
			"Hồ sơ của: Đỗ Thị Ánh Tuyết",
			"hoàn thiện hồ sơ gồm những nội dung sau:",
			"1. Bản dịch công chứng sang tiếng Việt của văn bằng",
			"2. Bảng điểm có xác nhận của cơ sở đào tạo",
			"Lý do: Hồ sơ chưa có bản dịch văn bằng theo quy định",
			"số điện thoại 0225 3842 123",
			"NGƯỜI HƯỚNG DẪN",
			"Vũ Minh Khôi",
		})
	slipCheckQR(t, path, "supplement")
}

func TestWriteRefusal(t *testing.T) {
	s := refusalFixture()
	path := slipWritePDF(t, func(b *bytes.Buffer) error { return WriteRefusal(b, s) })
	slipCheckCommon(t, path, "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ",
		"Phiếu từ chối tiếp nhận giải quyết hồ sơ - "+slipCode,
		[]string{
			"Hải Phòng, ngày 05 tháng 11 năm 2026",
			"Hồ sơ của: Hoàng Gia Bảo",
			"Địa chỉ: Thôn Đông, xã Kiến Thụy, thành phố Hải Phòng",
			"với lý do cụ thể như sau:",
			"Thủ tục không thuộc thẩm quyền giải quyết của Sở; đề nghị nộp tại Ủy ban nhân dân cấp xã",
			"Xin thông báo để Ông/Bà được biết và thực hiện./.",
			"NGƯỜI TIẾP NHẬN HỒ SƠ",
		})
	slipCheckQR(t, path, "refusal")
}

// A fixed input gives the same bytes: fixed creation date, sorted catalogs.
func TestSlipsDeterministic(t *testing.T) {
	writers := map[string]func(*bytes.Buffer) error{
		"receipt":    func(b *bytes.Buffer) error { return WriteReceipt(b, receiptFixture()) },
		"apology":    func(b *bytes.Buffer) error { return WriteApology(b, apologyFixture()) },
		"supplement": func(b *bytes.Buffer) error { return WriteSupplementRequest(b, supplementFixture()) },
		"refusal":    func(b *bytes.Buffer) error { return WriteRefusal(b, refusalFixture()) },
	}
	for name, write := range writers {
		var a, b bytes.Buffer
		if err := write(&a); err != nil {
			t.Fatal(err)
		}
		if err := write(&b); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a.Bytes(), b.Bytes()) {
			t.Errorf("%s: two writes of the same slip differ (%d and %d bytes)", name, a.Len(), b.Len())
		}
		if !bytes.Contains(a.Bytes(), []byte("/FontFile2")) {
			t.Errorf("%s: no embedded TrueType font", name)
		}
	}
}

// A long document list flows onto a second page, the table header repeated,
// without losing the foot.
func TestWriteReceiptLong(t *testing.T) {
	s := receiptFixture()
	for i := range 30 {
		s.Documents = append(s.Documents, SlipDocument{Name: "Giấy tờ bổ sung số " + strconv.Itoa(i+4), Form: DocPhotocopy, Count: 1})
	}
	path := slipWritePDF(t, func(b *bytes.Buffer) error { return WriteReceipt(b, s) })
	_, flat := slipPdfText(t, path)
	if n := strings.Count(flat, "Tên giấy tờ"); n != 2 {
		t.Errorf("table header printed %d times, want 2 (once a page)", n)
	}
	for _, want := range []string{"Giấy tờ bổ sung số 33", "Phí, lệ phí: 10.000 đồng", "NGƯỜI TIẾP NHẬN HỒ SƠ"} {
		if !strings.Contains(flat, want) {
			t.Errorf("text lacks %q", want)
		}
	}
	if got := slipPdfInfo(t, path)["Pages"]; got != "2" {
		t.Errorf("pages = %s, want 2", got)
	}
}

func TestReceiptNoFeeNoQR(t *testing.T) {
	s := receiptFixture()
	s.Fee = 0
	s.LookupURL = ""
	path := slipWritePDF(t, func(b *bytes.Buffer) error { return WriteReceipt(b, s) })
	_, flat := slipPdfText(t, path)
	if !strings.Contains(flat, "Phí, lệ phí: Không") {
		t.Errorf("free procedure does not say %q", "Phí, lệ phí: Không")
	}
	if strings.Contains(flat, "Quét mã") {
		t.Error("a slip without lookup URL shows the QR caption")
	}
}

func TestSlipsRefuseBadInput(t *testing.T) {
	type bad struct {
		name  string
		write func(*bytes.Buffer) error
		want  []string // parts of the error message
	}
	receipt := func(edit func(*ReceiptSlip)) func(*bytes.Buffer) error {
		s := receiptFixture()
		edit(&s)
		return func(b *bytes.Buffer) error { return WriteReceipt(b, s) }
	}
	apology := func(edit func(*ApologySlip)) func(*bytes.Buffer) error {
		s := apologyFixture()
		edit(&s)
		return func(b *bytes.Buffer) error { return WriteApology(b, s) }
	}
	cases := []bad{
		{"receipt without code", receipt(func(s *ReceiptSlip) { s.DossierCode = "  " }), []string{"receipt", "dossier code is empty"}},
		{"receipt without applicant", receipt(func(s *ReceiptSlip) { s.Applicant = "" }), []string{"applicant is empty"}},
		{"receipt without dates", receipt(func(s *ReceiptSlip) { s.ReceivedAt, s.DueAt = time.Time{}, time.Time{} }),
			[]string{"receipt time is not set", "due time is not set"}},
		{"receipt due before receipt", receipt(func(s *ReceiptSlip) { s.DueAt = slipVn(2026, 2, 12, 16, 0) }),
			[]string{"due time 16 giờ 00 phút, ngày 12/02/2026 is not after receipt time 08 giờ 30 phút, ngày 13/02/2026"}},
		{"receipt zero count", receipt(func(s *ReceiptSlip) { s.Documents[1].Count = 0 }),
			[]string{"document 2 (Căn cước của người yêu cầu): count must be positive, got 0"}},
		{"receipt negative count", receipt(func(s *ReceiptSlip) { s.Documents[0].Count = -3 }), []string{"document 1", "got -3"}},
		{"receipt no documents", receipt(func(s *ReceiptSlip) { s.Documents = nil }), []string{"no document listed"}},
		{"receipt negative fee", receipt(func(s *ReceiptSlip) { s.Fee = -1 }), []string{"fee must not be negative"}},
		{"receipt bad URL", receipt(func(s *ReceiptSlip) { s.LookupURL = "tra-cuu?ma=1" }), []string{"not an absolute http(s) URL"}},
		{"receipt URL too long", receipt(func(s *ReceiptSlip) { s.LookupURL = "https://dichvucong.haiphong.edu.vn/" + strings.Repeat("a", 300) }),
			[]string{"lookup URL is 335 bytes long, more than 300"}},
		{"receipt no place", receipt(func(s *ReceiptSlip) { s.Agency.Place = "" }), []string{"agency place is empty"}},
		{"apology empty reason", apology(func(s *ApologySlip) { s.Reason = " \n " }), []string{"apology", "reason is empty"}},
		{"apology new due not later", apology(func(s *ApologySlip) { s.NewDue = s.OriginalDue }), []string{"new due time", "is not after original due time"}},
		{"apology no dates", apology(func(s *ApologySlip) { s.ReceivedAt, s.OriginalDue, s.NewDue = time.Time{}, time.Time{}, time.Time{} }),
			[]string{"receipt time is not set", "original due time is not set", "new due time is not set"}},
		{"apology no signer title", apology(func(s *ApologySlip) { s.SignerTitle = "" }), []string{"signer title is empty"}},
		{"refusal empty reason", func(b *bytes.Buffer) error {
			s := refusalFixture()
			s.Reason = ""
			return WriteRefusal(b, s)
		}, []string{"refusal", "reason is empty"}},
		{"refusal no date", func(b *bytes.Buffer) error {
			s := refusalFixture()
			s.IssuedAt = time.Time{}
			return WriteRefusal(b, s)
		}, []string{"issue date is not set"}},
		{"supplement nothing missing", func(b *bytes.Buffer) error {
			s := supplementFixture()
			s.Missing = []string{"Bảng điểm", " "}
			s.DossierCode = ""
			return WriteSupplementRequest(b, s)
		}, []string{"supplement request", "missing item 2 is empty", "dossier code is empty"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var buf bytes.Buffer
			err := c.write(&buf)
			if err == nil {
				t.Fatal("bad input accepted")
			}
			if !errors.Is(err, ErrInvalidSlip) {
				t.Errorf("error %v is not ErrInvalidSlip", err)
			}
			for _, w := range c.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not say %q", err, w)
				}
			}
			if buf.Len() != 0 {
				t.Errorf("%d bytes written for a refused slip", buf.Len())
			}
		})
	}
}

func TestSlipFormats(t *testing.T) {
	for _, c := range []struct{ got, want string }{
		{PlaceDate("Hải Phòng", slipVn(2026, 2, 13, 0, 0)), "Hải Phòng, ngày 13 tháng 02 năm 2026"},
		{PlaceDate("Hải Phòng", slipVn(2026, 1, 5, 0, 0)), "Hải Phòng, ngày 05 tháng 01 năm 2026"},
		{PlaceDate("Hải Phòng", slipVn(2026, 3, 9, 0, 0)), "Hải Phòng, ngày 09 tháng 3 năm 2026"},
		{PlaceDate("Hải Phòng", slipVn(2026, 12, 31, 0, 0)), "Hải Phòng, ngày 31 tháng 12 năm 2026"},
		// 17:30 UTC on 31/12 is already 1 January in Hải Phòng.
		{PlaceDate("Hải Phòng", time.Date(2026, 12, 31, 17, 30, 0, 0, time.UTC)), "Hải Phòng, ngày 01 tháng 01 năm 2027"},
		{appointment(time.Date(2026, 2, 27, 9, 0, 0, 0, time.UTC)), "16 giờ 00 phút, ngày 27/02/2026"},
		{dong(0), "0 đồng"},
		{dong(500), "500 đồng"},
		{dong(10000), "10.000 đồng"},
		{dong(1234567), "1.234.567 đồng"},
		{dong(-25000), "-25.000 đồng"},
		{metaTitle(ReceiptTitle, " X-1 "), "Giấy tiếp nhận hồ sơ và hẹn trả kết quả - X-1"},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}
