package result

import (
	"fmt"
	"net/url"
	"strings"
	"time"
	"unicode"

	"github.com/hpdoet/cchc"
	"github.com/hpdoet/cchc/dossier"
	"github.com/hpdoet/cchc/report"
)

// Document is the content of an electronic result (kết quả giải quyết thủ tục
// hành chính điện tử) before it is signed.
type Document struct {
	// Agency is the issuing body in the header. Its zero value means
	// DefaultAgency. Its Place is not used: see Place.
	Agency report.Agency

	DossierCode   string // "000.00.31.H26-260213-0042"
	ResultCode    string // "<DossierCode>-KQ<n>" (Nghị định 45/2020/NĐ-CP, Điều 14 khoản 3)
	ProcedureName string // the procedure the result concludes
	Title         string // "QUYẾT ĐỊNH" when empty; or the result's own title, e.g. "GIẤY CHỨNG NHẬN"
	Summary       string // trích yếu under the title, e.g. "Về việc cấp bản sao văn bằng"; may be empty

	Holder string // the person or organisation the result is for
	// HolderDetails identify the holder with as little personal data as
	// needed: e.g. the date of birth and the identity number masked with
	// MaskID. A value holding nine or more digits in a row (an unmasked
	// identity card or phone number) is refused.
	HolderDetails []Detail

	// DecisionText is the body: one paragraph a line. A line without lower
	// case letters ("QUYẾT ĐỊNH:", "GIÁM ĐỐC SỞ GIÁO DỤC VÀ ĐÀO TẠO") is
	// set centred in bold, the others justified with an indented first line.
	DecisionText string

	IssuedAt    time.Time // date of the result; also the PDF's creation date
	Place       string    // place in the date line; "Hải Phòng" when empty
	SignerName  string    // the official who signs, e.g. "Lê Thị Thu Hà"
	SignerTitle string    // upper case, may hold "\n": "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC"
	Recipients  []string  // "Nơi nhận", one item each; may be empty

	// VerifyURL is the public verification page the QR code points to, e.g.
	// "https://dichvucong.haiphong.edu.vn/xac-thuc/<ResultCode>".
	VerifyURL string
}

// Detail is one identifying line about the holder: "Ngày sinh: 12/05/2008".
type Detail struct {
	Label string
	Value string
}

// DefaultTitle is the title of a result whose Title is empty.
const DefaultTitle = "QUYẾT ĐỊNH"

// DefaultPlace is the place in the date line when Document.Place is empty.
const DefaultPlace = "Hải Phòng"

// VerifyNote is printed beside the QR code of every result.
const VerifyNote = "Văn bản điện tử được ký số; quét mã để xác thực."

// DefaultAgency is the header of the Sở's results.
func DefaultAgency() report.Agency {
	return report.Agency{
		Parent: "UBND THÀNH PHỐ HẢI PHÒNG",
		Name:   "SỞ GIÁO DỤC VÀ ĐÀO TẠO",
		Place:  DefaultPlace,
	}
}

// maxURLLen is the longest verification URL put in the QR code: longer ones
// need modules too small to scan at the printed size.
const maxURLLen = 300

// MaskID masks an identity number for printing, keeping only its last three
// digits: "001204012345" becomes "*********345". Characters other than digits
// are kept; a number of three digits or fewer is masked whole.
func MaskID(id string) string {
	id = strings.TrimSpace(id)
	digits := 0
	for _, r := range id {
		if r >= '0' && r <= '9' {
			digits++
		}
	}
	keep := 3
	if digits <= keep {
		keep = 0
	}
	var b strings.Builder
	seen := 0
	for _, r := range id {
		if r >= '0' && r <= '9' {
			seen++
			if seen <= digits-keep {
				r = '*'
			}
		}
		b.WriteRune(r)
	}
	return b.String()
}

// longDigitRun reports whether s holds n or more ASCII digits in a row.
func longDigitRun(s string, n int) bool {
	run := 0
	for _, r := range s {
		if r >= '0' && r <= '9' {
			run++
			if run >= n {
				return true
			}
		} else if r != ' ' && r != '.' && r != '-' {
			run = 0
		}
	}
	return false
}

// validate checks the document and returns a cchc EINVALID error naming
// the fields at fault.
func (d Document) validate() error {
	f := map[string]string{}
	required := func(field, name, v string) {
		if strings.TrimSpace(v) == "" {
			f[field] = name + " không được để trống."
		}
	}
	required("dossier_code", "Mã hồ sơ", d.DossierCode)
	required("result_code", "Mã kết quả", d.ResultCode)
	required("procedure_name", "Tên thủ tục", d.ProcedureName)
	required("holder", "Tổ chức, cá nhân nhận kết quả", d.Holder)
	required("decision_text", "Nội dung kết quả", d.DecisionText)
	required("signer_name", "Người ký", d.SignerName)
	required("signer_title", "Chức vụ người ký", d.SignerTitle)
	required("verify_url", "Địa chỉ xác thực", d.VerifyURL)
	if d.IssuedAt.IsZero() {
		f["issued_at"] = "Ngày ban hành không được để trống."
	}
	if _, ok := f["result_code"]; !ok {
		code, _, err := dossier.ParseResultCode(d.ResultCode)
		switch {
		case err != nil:
			f["result_code"] = cchc.ErrorMessage(err) + " " + cchc.ErrorFields(err)["result"]
		case code.String() != strings.TrimSpace(d.DossierCode):
			f["result_code"] = fmt.Sprintf("Mã kết quả %s không thuộc hồ sơ %s.", clean(d.ResultCode), clean(d.DossierCode))
		}
	}
	for i, det := range d.HolderDetails {
		switch {
		case strings.TrimSpace(det.Label) == "" || strings.TrimSpace(det.Value) == "":
			f[fmt.Sprintf("holder_details[%d]", i)] = "Thông tin nhận dạng phải có cả tên và giá trị."
		case longDigitRun(det.Value, 9):
			f[fmt.Sprintf("holder_details[%d]", i)] = fmt.Sprintf("«%s» có dãy số dài như số định danh hoặc số điện thoại chưa che: chỉ in ba chữ số cuối (MaskID).", clean(det.Label))
		}
	}
	if u := strings.TrimSpace(d.VerifyURL); u != "" {
		p, err := url.Parse(u)
		switch {
		case err != nil || (p.Scheme != "https" && p.Scheme != "http") || p.Host == "":
			f["verify_url"] = "Địa chỉ xác thực phải là địa chỉ http(s) đầy đủ."
		case len(u) > maxURLLen:
			f["verify_url"] = fmt.Sprintf("Địa chỉ xác thực dài %d byte, quá %d byte để in mã QR.", len(u), maxURLLen)
		}
	}
	for _, s := range []string{d.DossierCode, d.ResultCode, d.Holder, d.SignerName} {
		if strings.ContainsFunc(s, unicode.IsControl) {
			f["text"] = "Các trường một dòng không được chứa ký tự điều khiển."
		}
	}
	if len(f) > 0 {
		return cchc.Invalid("Kết quả giải quyết thủ tục hành chính chưa đủ hoặc sai thông tin.", f)
	}
	return nil
}

// clean trims a one-line value and collapses its inner white space.
func clean(s string) string { return strings.Join(strings.Fields(s), " ") }
