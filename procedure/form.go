package procedure

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/hpdoet/cchc"
	"golang.org/x/text/unicode/norm"
)

// Types of form fields.
const (
	TypeText     = "text"     // one line of text
	TypeTextarea = "textarea" // several lines of text
	TypeDate     = "date"     // dd/mm/yyyy or yyyy-mm-dd, stored as yyyy-mm-dd
	TypeEmail    = "email"    // e-mail address, domain stored in lower case
	TypePhone    = "phone"    // Vietnamese phone number, stored as 0xxxxxxxxx
	TypeCCCD     = "cccd"     // 12-digit citizen identity number
	TypeNumber   = "number"   // integer, within Min and Max if set
	TypeChoice   = "choice"   // one of Options
	TypeCheckbox = "checkbox" // "1" when checked, absent otherwise
)

// Types returns every form field type. Each call returns a fresh slice.
func Types() []string {
	return []string{TypeText, TypeTextarea, TypeDate, TypeEmail, TypePhone, TypeCCCD, TypeNumber, TypeChoice, TypeCheckbox}
}

// Field is one input of a procedure's online form. The HTML form is rendered
// from it and the submitted values are validated against it, so the two
// cannot disagree.
type Field struct {
	Name     string   `json:"name"`              // ascii, lower case: the input's name
	Label    string   `json:"label"`             // Vietnamese label
	Type     string   `json:"type"`              // Type* constants
	Required bool     `json:"required"`          // for a checkbox: must be checked
	Options  []string `json:"options,omitempty"` // choice fields only
	MaxLen   int      `json:"max_len,omitempty"` // in characters (runes); 0 = the type's default
	Min      *int64   `json:"min,omitempty"`     // number fields only
	Max      *int64   `json:"max,omitempty"`     // number fields only
	PastOnly bool     `json:"past_only,omitempty"`
	Help     string   `json:"help,omitempty"` // Vietnamese hint shown under the input
}

// Limit returns the most characters the field accepts: MaxLen, or the
// type's default when MaxLen is 0. The defaults of the typed fields are
// loose on purpose, so that a malformed value gets the type's own message.
func (f *Field) Limit() int {
	if f.MaxLen > 0 {
		return f.MaxLen
	}
	switch f.Type {
	case TypeTextarea:
		return 2000
	case TypeText, TypeEmail:
		return 254
	case TypeChoice:
		return 500
	}
	return 30
}

// FormMessage is the message of the error ValidateForm returns.
const FormMessage = "Thông tin tờ khai chưa hợp lệ."

// vietnam is the zone in which "today" is reckoned for past-only dates.
var vietnam = time.FixedZone("ICT", 7*60*60)

// ValidateForm validates values submitted for the procedure's form and
// returns the normalised values of the form's fields, keyed by field name;
// empty optional fields and unchecked boxes are left out. Values are trimmed
// and put in Unicode NFC; submitted names the form does not define are
// ignored. On failure it returns an EINVALID *cchc.Error whose Fields holds
// a Vietnamese message for each field at fault.
func (p *Procedure) ValidateForm(values map[string][]string) (map[string]string, error) {
	return p.ValidateFormAt(values, time.Now())
}

// ValidateFormAt is ValidateForm with "today", for past-only dates, taken
// from now in Vietnam's time zone.
func (p *Procedure) ValidateFormAt(values map[string][]string, now time.Time) (map[string]string, error) {
	out := map[string]string{}
	bad := map[string]string{}
	today := now.In(vietnam).Format(time.DateOnly)
	for _, f := range p.Form {
		if f == nil {
			continue
		}
		v, msg := f.validate(values[f.Name], today)
		switch {
		case msg != "":
			bad[f.Name] = msg
		case v != "":
			out[f.Name] = v
		}
	}
	if len(bad) > 0 {
		return nil, cchc.Invalid(FormMessage, bad)
	}
	return out, nil
}

var (
	digits12   = regexp.MustCompile(`^[0-9]{12}$`)
	dmyPattern = regexp.MustCompile(`^([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})$`)
	isoPattern = regexp.MustCompile(`^([0-9]{4})-([0-9]{2})-([0-9]{2})$`)
	intPattern = regexp.MustCompile(`^[+-]?[0-9]{1,18}$`)
	dnsLabel   = regexp.MustCompile(`^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$`)
	emailLocal = regexp.MustCompile("^[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]{1,64}$")
)

// validate returns the normalised value of one field, or a Vietnamese
// message saying what is wrong with it.
func (f *Field) validate(vals []string, today string) (string, string) {
	if f.Type == TypeCheckbox {
		return checkbox(vals, f.Required)
	}
	var raw string
	if len(vals) > 0 {
		raw = vals[0]
	}
	if !utf8.ValidString(raw) {
		return "", "Nội dung chứa ký tự không hợp lệ."
	}
	v := norm.NFC.String(strings.TrimSpace(raw))
	if f.Type == TypeTextarea {
		v = strings.ReplaceAll(v, "\r\n", "\n")
	}
	for _, r := range v {
		if unicode.IsControl(r) && !(f.Type == TypeTextarea && (r == '\n' || r == '\t')) {
			return "", "Nội dung chứa ký tự điều khiển không hợp lệ."
		}
	}
	if v == "" {
		if !f.Required {
			return "", ""
		}
		switch f.Type {
		case TypeChoice:
			return "", "Vui lòng chọn một giá trị."
		case TypeDate:
			return "", "Vui lòng nhập ngày."
		}
		return "", "Vui lòng nhập thông tin này."
	}
	if n := utf8.RuneCountInString(v); n > f.Limit() {
		return "", fmt.Sprintf("Không quá %d ký tự (đang có %d).", f.Limit(), n)
	}
	switch f.Type {
	case TypeText, TypeTextarea:
		return v, ""
	case TypeDate:
		return date(v, f.PastOnly, today)
	case TypeEmail:
		return email(v)
	case TypePhone:
		return phone(v)
	case TypeCCCD:
		return cccd(v)
	case TypeNumber:
		return number(v, f.Min, f.Max)
	case TypeChoice:
		for _, o := range f.Options {
			if v == o {
				return v, ""
			}
		}
		return "", "Lựa chọn không hợp lệ."
	}
	return "", "Trường thông tin không hợp lệ."
}

func checkbox(vals []string, required bool) (string, string) {
	checked := false
	for _, raw := range vals {
		switch strings.ToLower(strings.TrimSpace(raw)) {
		case "1", "on", "true":
			checked = true
		case "", "0", "off", "false":
		default:
			return "", "Giá trị không hợp lệ."
		}
	}
	switch {
	case checked:
		return "1", ""
	case required:
		return "", "Vui lòng đánh dấu xác nhận."
	}
	return "", ""
}

// date accepts dd/mm/yyyy (day and month may have one digit) or yyyy-mm-dd
// and returns yyyy-mm-dd.
func date(v string, pastOnly bool, today string) (string, string) {
	var y, m, d string
	if s := dmyPattern.FindStringSubmatch(v); s != nil {
		d, m, y = s[1], s[2], s[3]
	} else if s := isoPattern.FindStringSubmatch(v); s != nil {
		y, m, d = s[1], s[2], s[3]
	} else {
		return "", "Ngày không đúng định dạng; nhập theo dạng ngày/tháng/năm, ví dụ 25/03/2026."
	}
	year, _ := strconv.Atoi(y)
	month, _ := strconv.Atoi(m)
	day, _ := strconv.Atoi(d)
	if year < 1900 || year > 2100 {
		return "", "Năm phải từ 1900 đến 2100."
	}
	t := time.Date(year, time.Month(month), day, 0, 0, 0, 0, time.UTC)
	if t.Year() != year || int(t.Month()) != month || t.Day() != day {
		return "", "Ngày không tồn tại."
	}
	iso := t.Format(time.DateOnly)
	if pastOnly && iso > today {
		return "", "Ngày không được sau ngày hôm nay."
	}
	return iso, ""
}

// email checks an address and returns it with its domain in lower case.
func email(v string) (string, string) {
	const msg = "Địa chỉ thư điện tử không hợp lệ, ví dụ: ten@example.com."
	local, domain, ok := strings.Cut(v, "@")
	if !ok || strings.Contains(domain, "@") || !cchc.ValidEmail(v) || !emailLocal.MatchString(local) ||
		strings.HasPrefix(local, ".") || strings.HasSuffix(local, ".") || strings.Contains(local, "..") {
		return "", msg
	}
	labels := strings.Split(domain, ".")
	if len(labels) < 2 || len(labels[len(labels)-1]) < 2 {
		return "", msg
	}
	for _, l := range labels {
		if !dnsLabel.MatchString(l) {
			return "", msg
		}
	}
	return local + "@" + strings.ToLower(domain), ""
}

// phone accepts 10 digits starting with 0, or +84 and 9 digits, with
// spaces, dots or hyphens between groups, and returns 0xxxxxxxxx.
func phone(v string) (string, string) {
	const msg = "Số điện thoại gồm 10 chữ số, bắt đầu bằng 0 (hoặc +84)."
	s := strings.NewReplacer(" ", "", ".", "", "-", "").Replace(v)
	if rest, ok := strings.CutPrefix(s, "+84"); ok {
		if len(rest) != 9 || rest[0] == '0' {
			return "", msg
		}
		s = "0" + rest
	}
	if len(s) != 10 || s[0] != '0' {
		return "", msg
	}
	for _, c := range []byte(s) {
		if c < '0' || c > '9' {
			return "", msg
		}
	}
	return s, ""
}

// cccd checks a citizen identity number: exactly 12 digits, of which the
// first three are the code of the province where the birth was registered.
// The 63 province codes of Thông tư 07/2016/TT-BCA all lie in 001–096;
// only that range is checked, so that a code not in the 2016 table is not
// refused.
func cccd(v string) (string, string) {
	if !digits12.MatchString(v) {
		return "", "Số CCCD phải gồm đúng 12 chữ số."
	}
	if p, _ := strconv.Atoi(v[:3]); p < 1 || p > 96 {
		return "", "Ba chữ số đầu của số CCCD (mã tỉnh nơi đăng ký khai sinh) phải từ 001 đến 096."
	}
	return v, ""
}

// number checks an integer and returns it without a plus sign or leading
// zeros.
func number(v string, min, max *int64) (string, string) {
	if !intPattern.MatchString(v) {
		return "", "Vui lòng nhập một số nguyên."
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		return "", "Vui lòng nhập một số nguyên."
	}
	switch {
	case min != nil && max != nil && (n < *min || n > *max):
		return "", fmt.Sprintf("Giá trị phải từ %d đến %d.", *min, *max)
	case min != nil && n < *min:
		return "", fmt.Sprintf("Giá trị không được nhỏ hơn %d.", *min)
	case max != nil && n > *max:
		return "", fmt.Sprintf("Giá trị không được lớn hơn %d.", *max)
	}
	return strconv.FormatInt(n, 10), ""
}
