package result

import (
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/hpdoet/cchc/procedure"
	"github.com/hpdoet/cchc/report"
)

// Case is what a dossier's result is made from.
type Case struct {
	DossierCode string
	ResultCode  string
	Procedure   *procedure.Procedure
	// Applicant is the name the dossier was filed under; the form's
	// organisation name (ten_to_chuc) or person's name (ho_ten) wins.
	Applicant  string
	Form       map[string]string // the dossier's tờ khai, by field name
	ReceivedAt time.Time
	IssuedAt   time.Time
	SignerName string
	// SignerTitle defaults to DefaultSignerTitle.
	SignerTitle string
	VerifyURL   string
	// Replaces is the result code this result replaces, with Reason; both
	// empty for a first result.
	Replaces, Reason string
}

// DefaultSignerTitle is how a result is signed when the case names no
// title: a deputy director signs for the director (ký thay).
const DefaultSignerTitle = "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC"

// Form fields that identify the holder: printed in the holder block (masked
// where they are numbers), never in the body.
var holderFields = map[string]bool{
	"ho_ten": true, "ten_to_chuc": true, "ngay_sinh": true, "so_cccd": true, "ma_so_thue": true,
	"nguoi_dai_dien": true, "dia_chi": true, "dien_thoai": true, "email": true, "hinh_thuc_nhan": true,
}

// Compose writes the result of a case as a decision of the Sở (NĐ 30/2020
// layout): the legal bases of the procedure, the dossier it answers, and in
// Điều 1 what was asked in the form. Contact data (address, phone, e-mail)
// is left out and identity numbers are masked, since the result is shown to
// whoever the holder presents it to.
func Compose(c Case) Document {
	p := c.Procedure
	holder := firstNonEmpty(c.Form["ten_to_chuc"], c.Form["ho_ten"], c.Applicant)
	d := Document{
		DossierCode:   c.DossierCode,
		ResultCode:    c.ResultCode,
		ProcedureName: p.Name,
		Summary:       "Về việc " + lowerFirst(p.Name),
		Holder:        holder,
		IssuedAt:      c.IssuedAt,
		SignerName:    c.SignerName,
		SignerTitle:   c.SignerTitle,
		Recipients:    []string{"Như Điều 3;", "Lưu: VT, hồ sơ " + c.DossierCode + "."},
		VerifyURL:     c.VerifyURL,
	}
	if strings.TrimSpace(d.SignerTitle) == "" {
		d.SignerTitle = DefaultSignerTitle
	}
	if c.Form["ten_to_chuc"] != "" {
		d.HolderDetails = appendDetail(d.HolderDetails, "Người đại diện", c.Form["nguoi_dai_dien"])
	} else {
		d.HolderDetails = appendDetail(d.HolderDetails, "Ngày sinh", isoToVN(c.Form["ngay_sinh"]))
		d.HolderDetails = appendDetail(d.HolderDetails, "Số định danh cá nhân", MaskID(c.Form["so_cccd"]))
	}

	var b strings.Builder
	b.WriteString("GIÁM ĐỐC SỞ GIÁO DỤC VÀ ĐÀO TẠO\n")
	for _, basis := range p.LegalBasis {
		fmt.Fprintf(&b, "Căn cứ %s;\n", lowerFirst(strings.TrimRight(strings.TrimSpace(basis), ".;")))
	}
	received := ""
	if !c.ReceivedAt.IsZero() {
		received = ", tiếp nhận ngày " + c.ReceivedAt.In(report.VietnamTime).Format("02/01/2006")
	}
	fmt.Fprintf(&b, "Xét hồ sơ số %s của %s%s;\n", c.DossierCode, holder, received)
	if c.Replaces != "" {
		fmt.Fprintf(&b, "Xét việc thay thế kết quả số %s, lý do: %s;\n", c.Replaces, strings.TrimRight(clean(c.Reason), ".;"))
	}
	b.WriteString("QUYẾT ĐỊNH:\n")
	fmt.Fprintf(&b, "Điều 1. Giải quyết thủ tục %s cho %s với nội dung sau:\n", lowerFirst(p.Name), holder)
	for _, f := range p.Form {
		if holderFields[f.Name] {
			continue
		}
		v := fieldText(f, c.Form[f.Name])
		if v == "" {
			continue
		}
		fmt.Fprintf(&b, "- %s: %s.\n", strings.TrimRight(f.Label, ".:"), strings.TrimRight(v, "."))
	}
	if c.Replaces != "" {
		fmt.Fprintf(&b, "Điều 2. Quyết định này có hiệu lực kể từ ngày ký và thay thế kết quả số %s.\n", c.Replaces)
	} else {
		b.WriteString("Điều 2. Quyết định này có hiệu lực kể từ ngày ký.\n")
	}
	fmt.Fprintf(&b, "Điều 3. Chánh Văn phòng Sở, Trưởng các phòng có liên quan và %s chịu trách nhiệm thi hành Quyết định này.", holder)
	d.DecisionText = b.String()
	return d
}

// fieldText is how a form value reads in the decision: dates as
// dd/mm/yyyy, several lines joined, long digit runs (identity numbers)
// masked; empty for fields that only confirm something.
func fieldText(f *procedure.Field, v string) string {
	v = strings.TrimSpace(v)
	switch f.Type {
	case procedure.TypeCheckbox, procedure.TypeCCCD, procedure.TypePhone, procedure.TypeEmail:
		return ""
	case procedure.TypeDate:
		return isoToVN(v)
	}
	v = strings.Join(strings.FieldsFunc(v, func(r rune) bool { return r == '\n' || r == '\r' }), "; ")
	if longDigitRun(v, 9) {
		v = MaskID(v)
	}
	return clean(v)
}

func appendDetail(ds []Detail, label, v string) []Detail {
	v = clean(v)
	if v == "" {
		return ds
	}
	if longDigitRun(v, 9) {
		v = MaskID(v)
	}
	return append(ds, Detail{Label: label, Value: v})
}

func isoToVN(s string) string {
	if t, err := time.Parse("2006-01-02", strings.TrimSpace(s)); err == nil {
		return t.Format("02/01/2006")
	}
	return strings.TrimSpace(s)
}

func lowerFirst(s string) string {
	s = strings.TrimSpace(s)
	r, n := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError {
		return s
	}
	// Keep acronyms and proper names ("THPT", "Nghị định") as they are.
	if next, _ := utf8.DecodeRuneInString(s[n:]); unicode.IsUpper(next) {
		return s
	}
	if strings.HasPrefix(s, "Nghị định") || strings.HasPrefix(s, "Thông tư") || strings.HasPrefix(s, "Luật") || strings.HasPrefix(s, "Quyết định") {
		return s
	}
	return string(unicode.ToLower(r)) + s[n:]
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s = clean(s); s != "" {
			return s
		}
	}
	return ""
}
