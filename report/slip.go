package report

import (
	"errors"
	"fmt"
	"io"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// One-stop (một cửa) slips: the four forms of Thông tư 01/2018/TT-VPCP that the
// Bộ phận Tiếp nhận và Trả kết quả hands to an applicant, printed on A5:
//
//	Mẫu 01  Giấy tiếp nhận hồ sơ và hẹn trả kết quả      WriteReceipt
//	Mẫu 02  Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ      WriteSupplementRequest
//	Mẫu 03  Phiếu từ chối tiếp nhận giải quyết hồ sơ     WriteRefusal
//	Mẫu 04  Phiếu xin lỗi và hẹn lại ngày trả kết quả    WriteApology
//
// Sources of the layout. The form list and the A5 print size are from
// shared/domain/one-stop-process.md §2 (Thông tư 01/2018/TT-VPCP as published on
// trangtinphapluat.com). The text of the forms' annex was not in the reference
// pages searched for this work (queries for "Mẫu số 01 Giấy tiếp nhận hồ sơ và
// hẹn trả kết quả Thông tư 01/2018/TT-VPCP", "Phiếu xin lỗi và hẹn lại ngày trả
// kết quả" and the forms' own sentences found only pages that name the forms),
// so the field order below is the one the forms are known by and that public
// one-stop implementations print, checked against two of them:
//   - Mẫu 01: header; title; "Mã hồ sơ"; "Tiếp nhận hồ sơ của", address, phone,
//     e-mail; "Nội dung yêu cầu giải quyết"; numbered items "Thành phần hồ sơ
//     nộp gồm" as a table "TT | Tên giấy tờ | Hình thức (bản chính, bản sao hoặc
//     bản chụp) | Số lượng", "Số lượng hồ sơ … (bộ)", "Thời gian giải quyết hồ
//     sơ theo quy định", "Thời gian nhận hồ sơ: … giờ … phút, ngày …/…/…",
//     "Thời gian trả kết quả giải quyết hồ sơ: … giờ … phút, ngày …/…/…",
//     "Đăng ký nhận kết quả tại"; signatures "NGƯỜI NỘP HỒ SƠ" and "NGƯỜI TIẾP
//     NHẬN HỒ SƠ" with "(Ký và ghi rõ họ tên)". Compared with the receipt
//     templates of the public repository Tinhtue2010/ThutucSV
//     (resources/views/document/tiepnhan.blade.php) and of a public land-office
//     one-stop receipt (React, "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ"), which
//     print the same items in the same order. This system adds the submission
//     channel and the fee (phí, lệ phí) as items, and the QR code.
//   - Mẫu 02: "Hồ sơ của", contact, "Nội dung yêu cầu giải quyết", "… đề nghị
//     ông/bà hoàn thiện hồ sơ gồm những nội dung sau: 1. … 2. …", "Lý do", the
//     sentence on whom to contact, signature "NGƯỜI HƯỚNG DẪN"; compared with
//     Tinhtue2010/ThutucSV huongdanbosung.blade.php.
//   - Mẫu 03: "Hồ sơ của", contact, "Nội dung yêu cầu giải quyết", "Qua xem xét,
//     … thông báo không tiếp nhận, giải quyết hồ sơ này với lý do cụ thể như
//     sau: …", "Xin thông báo để ông/bà được biết và thực hiện./.", signature
//     "NGƯỜI TIẾP NHẬN HỒ SƠ"; compared with Tinhtue2010/ThutucSV
//     tuchoi.blade.php.
//   - Mẫu 04: "Kính gửi"; the date the dossier was received, its code, the
//     request, the promised time; "Tuy nhiên đến nay … chưa trả kết quả giải
//     quyết hồ sơ"; "Lý do"; "Sự chậm trễ này đã gây phiền hà cho ông/bà … xin lỗi
//     ông/bà và sẽ trả kết quả giải quyết hồ sơ cho ông/bà vào …"; "Xin trân
//     trọng cảm ơn sự hợp tác của ông/bà./."; signature of the head of the body
//     that is late. Compared with a public land-office apology slip (React,
//     "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ") which prints the same parts.
//     Where the form has "(tên cơ quan)" inside a sentence, the slip says
//     "chúng tôi": the header already names the body, and an upper-case name
//     cannot be turned into its mixed-case spelling mechanically.
//
// Dates follow Nghị định 30/2020/NĐ-CP: "Hải Phòng, ngày 13 tháng 02 năm 2026",
// a leading zero on days below 10 and on months 1 and 2. Times are Vietnam time
// (UTC+7, no daylight saving) whatever the location of the time.Time given.
// Money is in đồng with "." between thousands: "10.000 đồng".
//
// The slip is built in memory and written only when complete: a slip that fails
// validation or rendering writes nothing.

// Agency is the issuing body's header.
type Agency struct {
	Parent string // "UBND THÀNH PHỐ HẢI PHÒNG"; may be empty
	Name   string // "SỞ GIÁO DỤC VÀ ĐÀO TẠO"
	Unit   string // "BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ"; may be empty
	Place  string // "Hải Phòng", the place in the date line
}

// Forms of a submitted paper, as the receipt's table names them.
const (
	DocOriginal      = "Bản chính"
	DocCopy          = "Bản sao"
	DocCertifiedCopy = "Bản sao có chứng thực"
	DocPhotocopy     = "Bản chụp"
)

// SlipDocument is one paper listed in "Thành phần hồ sơ nộp gồm".
type SlipDocument struct {
	Name  string // "Đơn đề nghị cấp bản sao văn bằng"
	Form  string // DocOriginal, DocCopy, …; may be empty
	Count int    // how many, > 0
}

// ReceiptSlip is Mẫu 01, Giấy tiếp nhận hồ sơ và hẹn trả kết quả.
type ReceiptSlip struct {
	Agency         Agency
	DossierCode    string // mã hồ sơ, TT 01/2018 Điều 19
	ProcedureName  string // nội dung yêu cầu giải quyết
	Applicant      string
	Address        string // may be empty
	Phone          string // may be empty
	Email          string // may be empty
	Documents      []SlipDocument
	Sets           int    // số lượng hồ sơ (bộ); 0 means 1
	ProcessingTime string // "05 ngày làm việc"; omitted when empty
	ReceivedAt     time.Time
	DueAt          time.Time
	Channel        string // "Trực tiếp", "Trực tuyến", "Bưu chính công ích"; omitted when empty
	ResultAt       string // where the result is returned; omitted when empty
	Officer        string // who received the dossier; may be empty (signed by hand)
	LookupURL      string // encoded in the QR code; no QR code when empty
	Fee            int64  // đồng, 0 none
}

// SupplementSlip is Mẫu 02, Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ.
type SupplementSlip struct {
	Agency        Agency
	DossierCode   string
	ProcedureName string
	Applicant     string
	Address       string
	Phone         string
	Email         string
	IssuedAt      time.Time // date of the slip
	Missing       []string  // what to add or redo, one item each
	Reason        string    // may be empty
	Officer       string    // người hướng dẫn; may be empty
	ContactPhone  string    // where to ask; may be empty
	LookupURL     string
}

// RefusalSlip is Mẫu 03, Phiếu từ chối tiếp nhận giải quyết hồ sơ.
type RefusalSlip struct {
	Agency        Agency
	DossierCode   string
	ProcedureName string
	Applicant     string
	Address       string
	Phone         string
	Email         string
	IssuedAt      time.Time
	Reason        string // required
	Officer       string
	LookupURL     string
}

// ApologySlip is Mẫu 04, Phiếu xin lỗi và hẹn lại ngày trả kết quả.
type ApologySlip struct {
	Agency        Agency
	DossierCode   string
	ProcedureName string
	Applicant     string
	ReceivedAt    time.Time
	OriginalDue   time.Time
	NewDue        time.Time
	IssuedAt      time.Time // date of the slip; zero means the original due date
	Reason        string    // required
	Signer        string    // may be empty (signed by hand)
	SignerTitle   string    // "GIÁM ĐỐC", "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC"; required
	LookupURL     string
}

// Titles of the forms.
const (
	ReceiptTitle    = "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ"
	SupplementTitle = "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ"
	RefusalTitle    = "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ"
	ApologyTitle    = "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ"
)

// ErrInvalidSlip is matched (errors.Is) by every validation error of the slip
// writers.
var ErrInvalidSlip = errors.New("invalid slip")

// SlipError lists what is wrong with a slip's input.
type SlipError struct {
	Slip     string   // "receipt", "supplement request", "refusal", "apology"
	Problems []string // one sentence each
}

func (e *SlipError) Error() string {
	return "report: invalid " + e.Slip + " slip: " + strings.Join(e.Problems, "; ")
}

// Is makes errors.Is(err, ErrInvalidSlip) true.
func (e *SlipError) Is(target error) bool { return target == ErrInvalidSlip }

// VietnamTime is the zone every slip prints its times in.
var VietnamTime = time.FixedZone("ICT", 7*60*60)

// slipCheck collects the problems of one slip.
type slipCheck struct {
	slip     string
	problems []string
}

func (c *slipCheck) failf(format string, args ...any) {
	c.problems = append(c.problems, fmt.Sprintf(format, args...))
}

func (c *slipCheck) err() error {
	if len(c.problems) == 0 {
		return nil
	}
	return &SlipError{Slip: c.slip, Problems: c.problems}
}

func (c *slipCheck) text(name, v string) {
	if strings.TrimSpace(v) == "" {
		c.failf("%s is empty", name)
	}
}

func (c *slipCheck) time(name string, t time.Time) {
	if t.IsZero() {
		c.failf("%s is not set", name)
	}
}

func (c *slipCheck) common(a Agency, code, procedure, applicant, lookup string) {
	c.text("agency name", a.Name)
	c.text("agency place", a.Place)
	c.text("dossier code", code)
	if strings.ContainsAny(code, "\r\n\t") {
		c.failf("dossier code %q holds a control character", code)
	}
	c.text("procedure name", procedure)
	c.text("applicant", applicant)
	if lookup != "" {
		u, err := url.Parse(lookup)
		switch {
		case err != nil:
			c.failf("lookup URL: %v", err)
		case u.Scheme != "https" && u.Scheme != "http" || u.Host == "":
			c.failf("lookup URL %q is not an absolute http(s) URL", lookup)
		case len(lookup) > pdfMaxURLSize:
			c.failf("lookup URL is %d bytes long, more than %d", len(lookup), pdfMaxURLSize)
		}
	}
}

func (s ReceiptSlip) validate() error {
	c := slipCheck{slip: "receipt"}
	c.common(s.Agency, s.DossierCode, s.ProcedureName, s.Applicant, s.LookupURL)
	c.time("receipt time", s.ReceivedAt)
	c.time("due time", s.DueAt)
	if !s.ReceivedAt.IsZero() && !s.DueAt.IsZero() && !s.DueAt.After(s.ReceivedAt) {
		c.failf("due time %s is not after receipt time %s", appointment(s.DueAt), appointment(s.ReceivedAt))
	}
	if len(s.Documents) == 0 {
		c.failf("no document listed")
	}
	for i, d := range s.Documents {
		if strings.TrimSpace(d.Name) == "" {
			c.failf("document %d has no name", i+1)
		}
		if d.Count <= 0 {
			c.failf("document %d (%s): count must be positive, got %d", i+1, d.Name, d.Count)
		}
	}
	if s.Sets < 0 {
		c.failf("number of sets must not be negative, got %d", s.Sets)
	}
	if s.Fee < 0 {
		c.failf("fee must not be negative, got %d", s.Fee)
	}
	return c.err()
}

func (s SupplementSlip) validate() error {
	c := slipCheck{slip: "supplement request"}
	c.common(s.Agency, s.DossierCode, s.ProcedureName, s.Applicant, s.LookupURL)
	c.time("issue date", s.IssuedAt)
	if len(s.Missing) == 0 {
		c.failf("nothing is listed as missing")
	}
	for i, m := range s.Missing {
		if strings.TrimSpace(m) == "" {
			c.failf("missing item %d is empty", i+1)
		}
	}
	return c.err()
}

func (s RefusalSlip) validate() error {
	c := slipCheck{slip: "refusal"}
	c.common(s.Agency, s.DossierCode, s.ProcedureName, s.Applicant, s.LookupURL)
	c.time("issue date", s.IssuedAt)
	c.text("reason", s.Reason)
	return c.err()
}

func (s ApologySlip) validate() error {
	c := slipCheck{slip: "apology"}
	c.common(s.Agency, s.DossierCode, s.ProcedureName, s.Applicant, s.LookupURL)
	c.time("receipt time", s.ReceivedAt)
	c.time("original due time", s.OriginalDue)
	c.time("new due time", s.NewDue)
	if !s.ReceivedAt.IsZero() && !s.OriginalDue.IsZero() && !s.OriginalDue.After(s.ReceivedAt) {
		c.failf("original due time %s is not after receipt time %s", appointment(s.OriginalDue), appointment(s.ReceivedAt))
	}
	if !s.OriginalDue.IsZero() && !s.NewDue.IsZero() && !s.NewDue.After(s.OriginalDue) {
		c.failf("new due time %s is not after original due time %s", appointment(s.NewDue), appointment(s.OriginalDue))
	}
	if !s.IssuedAt.IsZero() && !s.ReceivedAt.IsZero() && s.IssuedAt.Before(s.ReceivedAt) {
		c.failf("issue date %s is before receipt time %s", appointment(s.IssuedAt), appointment(s.ReceivedAt))
	}
	c.text("reason", s.Reason)
	c.text("signer title", s.SignerTitle)
	return c.err()
}

// PlaceDate is the place and date line: "Hải Phòng, ngày 13 tháng 02 năm 2026".
// Nghị định 30/2020/NĐ-CP puts a leading zero on days below 10 and on months 1
// and 2 only.
func PlaceDate(place string, t time.Time) string {
	t = t.In(VietnamTime)
	month := strconv.Itoa(int(t.Month()))
	if t.Month() <= time.February {
		month = "0" + month
	}
	return fmt.Sprintf("%s, ngày %02d tháng %s năm %d", strings.TrimSpace(place), t.Day(), month, t.Year())
}

// shortDate is "27/02/2026" in Vietnam time.
func shortDate(t time.Time) string {
	t = t.In(VietnamTime)
	return fmt.Sprintf("%02d/%02d/%04d", t.Day(), int(t.Month()), t.Year())
}

// appointment is "16 giờ 00 phút, ngày 27/02/2026" in Vietnam time.
func appointment(t time.Time) string {
	v := t.In(VietnamTime)
	return fmt.Sprintf("%02d giờ %02d phút, ngày %s", v.Hour(), v.Minute(), shortDate(t))
}

// dong is an amount of money: "10.000 đồng".
func dong(n int64) string { return viInt(n) + " đồng" }

// twoDigits writes small counts the way forms do: "01", "12".
func twoDigits(n int) string { return fmt.Sprintf("%02d", n) }

// clean trims a value and collapses the line breaks a one-line field must not
// have.
func clean(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// metaTitle is the document title readers show: "Giấy tiếp nhận hồ sơ và hẹn
// trả kết quả - <code>".
func metaTitle(formTitle, code string) string {
	t := []rune(strings.ToLower(formTitle))
	return strings.ToUpper(string(t[:1])) + string(t[1:]) + " - " + clean(code)
}

func agencyAuthor(a Agency) string {
	var parts []string
	for _, s := range []string{a.Unit, a.Name, a.Parent} {
		if s = clean(s); s != "" {
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, " - ")
}

// contact writes the address, phone and e-mail lines that are set.
func (p *slipPDF) contact(address, phone, email string) {
	if a := clean(address); a != "" {
		p.para(span{"", "Địa chỉ: " + a})
	}
	phone, email = clean(phone), clean(email)
	switch {
	case phone != "" && email != "":
		p.para(span{"", "Số điện thoại: " + phone + "        Email: " + email})
	case phone != "":
		p.para(span{"", "Số điện thoại: " + phone})
	case email != "":
		p.para(span{"", "Email: " + email})
	}
}

// numbered writes "n. label value" with the value in bold and returns n+1.
func (p *slipPDF) numbered(n int, label, value string) int {
	p.para(span{"", strconv.Itoa(n) + ". " + label + " "}, span{"B", value})
	return n + 1
}

// WriteReceipt writes Mẫu 01, the Giấy tiếp nhận hồ sơ và hẹn trả kết quả, as
// an A5 PDF.
func WriteReceipt(w io.Writer, s ReceiptSlip) error {
	if err := s.validate(); err != nil {
		return err
	}
	code := clean(s.DossierCode)
	p := newSlipPDF(pdfMeta{
		Title:   metaTitle(ReceiptTitle, code),
		Subject: clean(s.ProcedureName),
		Author:  agencyAuthor(s.Agency),
		Stamp:   s.ReceivedAt.In(VietnamTime),
	})
	p.header(s.Agency, PlaceDate(s.Agency.Place, s.ReceivedAt))
	p.title(ReceiptTitle, code)

	p.field("Tiếp nhận hồ sơ của:", clean(s.Applicant))
	p.contact(s.Address, s.Phone, s.Email)
	p.field("Nội dung yêu cầu giải quyết:", clean(s.ProcedureName))
	n := 1
	p.para(span{"", strconv.Itoa(n) + ". Thành phần hồ sơ nộp gồm:"})
	n++
	p.gap(0.8)
	rows := make([][]string, len(s.Documents))
	for i, d := range s.Documents {
		rows[i] = []string{strconv.Itoa(i + 1), clean(d.Name), clean(d.Form), twoDigits(d.Count)}
	}
	p.table([]tableCol{
		{head: "TT", width: 9, align: "C"},
		{head: "Tên giấy tờ", align: "L"},
		{head: "Hình thức (bản chính, bản sao hoặc bản chụp)", width: 36, align: "C"},
		{head: "Số lượng", width: 16, align: "C"},
	}, rows)
	p.gap(1)
	sets := max(s.Sets, 1)
	n = p.numbered(n, "Số lượng hồ sơ:", twoDigits(sets)+" (bộ)")
	if t := clean(s.ProcessingTime); t != "" {
		n = p.numbered(n, "Thời gian giải quyết hồ sơ theo quy định là:", t)
	}
	n = p.numbered(n, "Thời gian nhận hồ sơ:", appointment(s.ReceivedAt))
	n = p.numbered(n, "Thời gian trả kết quả giải quyết hồ sơ:", appointment(s.DueAt))
	if ch := clean(s.Channel); ch != "" {
		n = p.numbered(n, "Hình thức nộp hồ sơ:", ch)
	}
	fee := "Không"
	if s.Fee > 0 {
		fee = dong(s.Fee)
	}
	n = p.numbered(n, "Phí, lệ phí:", fee)
	if r := clean(s.ResultAt); r != "" {
		p.numbered(n, "Đăng ký nhận kết quả tại:", r)
	}
	p.gap(3)
	if err := p.closing(s.LookupURL, code,
		signer{title: "NGƯỜI NỘP HỒ SƠ", name: clean(s.Applicant)},
		signer{title: "NGƯỜI TIẾP NHẬN HỒ SƠ", name: clean(s.Officer)},
	); err != nil {
		return err
	}
	return p.finish(w)
}

// WriteSupplementRequest writes Mẫu 02, the Phiếu yêu cầu bổ sung, hoàn thiện
// hồ sơ, as an A5 PDF.
func WriteSupplementRequest(w io.Writer, s SupplementSlip) error {
	if err := s.validate(); err != nil {
		return err
	}
	code := clean(s.DossierCode)
	p := newSlipPDF(pdfMeta{
		Title:   metaTitle(SupplementTitle, code),
		Subject: clean(s.ProcedureName),
		Author:  agencyAuthor(s.Agency),
		Stamp:   s.IssuedAt.In(VietnamTime),
	})
	p.header(s.Agency, PlaceDate(s.Agency.Place, s.IssuedAt))
	p.title(SupplementTitle, code)

	p.field("Hồ sơ của:", clean(s.Applicant))
	p.contact(s.Address, s.Phone, s.Email)
	p.field("Nội dung yêu cầu giải quyết:", clean(s.ProcedureName))
	p.para(span{"", "Qua xem xét hồ sơ, đề nghị Ông/Bà bổ sung, hoàn thiện hồ sơ gồm những nội dung sau:"})
	for i, m := range s.Missing {
		p.para(span{"", strconv.Itoa(i+1) + ". " + strings.TrimSpace(m)})
	}
	if r := strings.TrimSpace(s.Reason); r != "" {
		p.para(span{"", "Lý do: " + r})
	}
	ask := "Trong quá trình bổ sung, hoàn thiện hồ sơ, nếu có vướng mắc, Ông/Bà liên hệ với người hướng dẫn"
	if o := clean(s.Officer); o != "" {
		ask += " " + o
	}
	if ph := clean(s.ContactPhone); ph != "" {
		ask += ", số điện thoại " + ph
	}
	p.para(span{"", ask + " để được hướng dẫn./."})
	p.gap(3)
	if err := p.closing(s.LookupURL, code, signer{title: "NGƯỜI HƯỚNG DẪN", name: clean(s.Officer)}); err != nil {
		return err
	}
	return p.finish(w)
}

// WriteRefusal writes Mẫu 03, the Phiếu từ chối tiếp nhận giải quyết hồ sơ, as
// an A5 PDF.
func WriteRefusal(w io.Writer, s RefusalSlip) error {
	if err := s.validate(); err != nil {
		return err
	}
	code := clean(s.DossierCode)
	p := newSlipPDF(pdfMeta{
		Title:   metaTitle(RefusalTitle, code),
		Subject: clean(s.ProcedureName),
		Author:  agencyAuthor(s.Agency),
		Stamp:   s.IssuedAt.In(VietnamTime),
	})
	p.header(s.Agency, PlaceDate(s.Agency.Place, s.IssuedAt))
	p.title(RefusalTitle, code)

	p.field("Hồ sơ của:", clean(s.Applicant))
	p.contact(s.Address, s.Phone, s.Email)
	p.field("Nội dung yêu cầu giải quyết:", clean(s.ProcedureName))
	p.para(span{"", "Qua xem xét, cơ quan tiếp nhận thông báo không tiếp nhận, giải quyết hồ sơ này với lý do cụ thể như sau:"})
	p.para(span{"B", strings.TrimSpace(s.Reason)})
	p.para(span{"", "Xin thông báo để Ông/Bà được biết và thực hiện./."})
	p.gap(3)
	if err := p.closing(s.LookupURL, code, signer{title: "NGƯỜI TIẾP NHẬN HỒ SƠ", name: clean(s.Officer)}); err != nil {
		return err
	}
	return p.finish(w)
}

// WriteApology writes Mẫu 04, the Phiếu xin lỗi và hẹn lại ngày trả kết quả,
// as an A5 PDF.
func WriteApology(w io.Writer, s ApologySlip) error {
	if err := s.validate(); err != nil {
		return err
	}
	issued := s.IssuedAt
	if issued.IsZero() {
		issued = s.OriginalDue
	}
	code := clean(s.DossierCode)
	p := newSlipPDF(pdfMeta{
		Title:   metaTitle(ApologyTitle, code),
		Subject: clean(s.ProcedureName),
		Author:  agencyAuthor(s.Agency),
		Stamp:   issued.In(VietnamTime),
	})
	p.header(s.Agency, PlaceDate(s.Agency.Place, issued))
	p.title(ApologyTitle, code)

	p.font("B", pdfBodySize)
	y, _ := p.centred(pdfMarginL, p.f.GetY(), p.w, "Kính gửi: Ông/Bà "+clean(s.Applicant), pdfBodyLine)
	p.f.SetXY(pdfMarginL, y+1.5)

	p.para(span{"", "Ngày " + shortDate(s.ReceivedAt) + ", chúng tôi tiếp nhận giải quyết hồ sơ của Ông/Bà "},
		span{"B", clean(s.Applicant)}, span{"", "."})
	p.field("Mã hồ sơ:", code)
	p.field("Nội dung yêu cầu giải quyết:", clean(s.ProcedureName))
	p.field("Thời gian hẹn trả kết quả giải quyết hồ sơ:", appointment(s.OriginalDue)+".")
	p.para(span{"", "Tuy nhiên, đến nay chúng tôi chưa trả kết quả giải quyết hồ sơ của Ông/Bà."})
	p.para(span{"", "Lý do: "}, span{"B", strings.TrimSpace(s.Reason)})
	p.para(span{"", "Sự chậm trễ này đã gây phiền hà cho Ông/Bà. Chúng tôi xin lỗi Ông/Bà và sẽ trả kết quả giải quyết hồ sơ cho Ông/Bà vào "},
		span{"B", appointment(s.NewDue)}, span{"", "."})
	p.para(span{"", "Xin trân trọng cảm ơn sự hợp tác của Ông/Bà./."})
	p.gap(3)
	if err := p.closing(s.LookupURL, code, signer{title: strings.TrimSpace(s.SignerTitle), name: clean(s.Signer)}); err != nil {
		return err
	}
	return p.finish(w)
}
