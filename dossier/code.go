package dossier

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/hpdoet/cchc"
	"github.com/hpdoet/cchc/calendar"
)

// Limits of the code format.
const (
	MaxSeq     = 9999 // the sequence of a day's dossiers has four digits
	MaxResults = 999  // results of one dossier, the n of <code>-KQn
)

// Code is a dossier code (mã số hồ sơ) in the format of Thông tư
// 01/2018/TT-VPCP, Điều 19: V1V2V3.Z1Z2.Y1Y2.MX1X2-YYMMDD-XXXX, that is the
// receiving agency's identifier, the receipt date and the sequence number of
// the dossier among those the agency received that day, e.g.
// "000.00.31.H26-260213-0042".
//
// Numbering the day's dossiers (one counter per agency per civil date in
// Vietnam time, without gaps or repeats under concurrency) is storage's job.
type Code struct {
	Agency string        // the receiving agency, e.g. "000.00.31.H26" (see ValidAgency)
	Date   calendar.Date // the receipt date in Vietnam time, years 2000–2099
	Seq    int           // 1–MaxSeq
}

// ValidAgency reports whether s has the shape of an agency identifier
// V1V2V3.Z1Z2.Y1Y2.MX1X2 (the structure of Thông tư 10/2016/TT-BTTTT):
// three digits, two digits, two digits, then an upper-case letter and two
// digits, separated by dots, e.g. "000.00.31.H26". Only the shape is checked;
// which identifier the Sở uses is configuration.
func ValidAgency(s string) bool {
	if len(s) != 13 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch i {
		case 3, 6, 9:
			if c != '.' {
				return false
			}
		case 10:
			if c < 'A' || c > 'Z' {
				return false
			}
		default:
			if c < '0' || c > '9' {
				return false
			}
		}
	}
	return true
}

// NewCode returns the code of the seq-th dossier received by agency on the
// civil date (Vietnam time) of received. A seq above MaxSeq is an error that
// says the day's numbers are used up.
func NewCode(agency string, received time.Time, seq int) (Code, error) {
	c := Code{Agency: agency, Date: calendar.DateOf(received), Seq: seq}
	if err := c.Validate(); err != nil {
		return Code{}, err
	}
	return c, nil
}

// Validate checks the three parts of c and returns an EINVALID *cchc.Error
// naming the fields at fault (agency, date, seq).
func (c Code) Validate() error {
	f := map[string]string{}
	if !ValidAgency(c.Agency) {
		f["agency"] = fmt.Sprintf("Mã cơ quan tiếp nhận «%s» không đúng dạng V1V2V3.Z1Z2.Y1Y2.MX1X2 (ví dụ 000.00.31.H26).", c.Agency)
	}
	if !c.Date.Valid() || c.Date.Year < 2000 || c.Date.Year > 2099 {
		f["date"] = "Ngày tiếp nhận trong mã hồ sơ phải là một ngày có thật từ năm 2000 đến 2099."
	}
	switch {
	case c.Seq > MaxSeq:
		day := "trong ngày"
		if c.Date.Valid() {
			day = "trong ngày " + c.Date.Display()
		}
		f["seq"] = fmt.Sprintf("Cơ quan đã tiếp nhận quá %d hồ sơ %s: số thứ tự trong mã hồ sơ (Thông tư 01/2018/TT-VPCP, Điều 19) chỉ có 4 chữ số.", MaxSeq, day)
	case c.Seq < 1:
		f["seq"] = fmt.Sprintf("Số thứ tự hồ sơ trong ngày phải từ 1 đến %d.", MaxSeq)
	}
	if len(f) > 0 {
		return cchc.Invalid("Mã số hồ sơ không hợp lệ.", f)
	}
	return nil
}

// IsZero reports whether c is the zero Code (no code assigned).
func (c Code) IsZero() bool { return c == Code{} }

// String returns the code in its official form, e.g.
// "000.00.31.H26-260213-0042". It is meaningful only for a valid code.
func (c Code) String() string {
	return fmt.Sprintf("%s-%02d%02d%02d-%04d", c.Agency, c.Date.Year%100, int(c.Date.Month), c.Date.Day, c.Seq)
}

// ParseCode parses a dossier code. Surrounding spaces are ignored and the
// agency letter may be lower case; everything else must be exact, so for a
// parsed code c, c.String() equals the input trimmed and upper-cased.
func ParseCode(s string) (Code, error) {
	s = strings.TrimSpace(s)
	bad := func() (Code, error) {
		return Code{}, cchc.Invalid("Mã số hồ sơ không hợp lệ.", map[string]string{
			"code": fmt.Sprintf("«%s» không đúng dạng mã số hồ sơ V1V2V3.Z1Z2.Y1Y2.MX1X2-YYMMDD-XXXX (ví dụ 000.00.31.H26-260213-0042).", clip(s)),
		})
	}
	if len(s) != 25 || s[13] != '-' || s[20] != '-' {
		return bad()
	}
	agency := []byte(s[:13])
	if c := agency[10]; c >= 'a' && c <= 'z' {
		agency[10] = c - 'a' + 'A'
	}
	yy, ok1 := digits(s[14:16])
	mm, ok2 := digits(s[16:18])
	dd, ok3 := digits(s[18:20])
	seq, ok4 := digits(s[21:25])
	if !ok1 || !ok2 || !ok3 || !ok4 || !ValidAgency(string(agency)) {
		return bad()
	}
	c := Code{Agency: string(agency), Date: calendar.Date{Year: 2000 + yy, Month: time.Month(mm), Day: dd}, Seq: seq}
	if err := c.Validate(); err != nil {
		return Code{}, err
	}
	return c, nil
}

// ResultCode returns the code of the n-th electronic result of the dossier,
// "<code>-KQ<n>" (Nghị định 45/2020/NĐ-CP, Điều 14 khoản 3), e.g.
// "000.00.31.H26-260213-0042-KQ1". The decree writes the ordinal as "KQ(n)";
// we read the parentheses as notation, not as characters of the code.
func (c Code) ResultCode(n int) (string, error) {
	if err := c.Validate(); err != nil {
		return "", err
	}
	if n < 1 || n > MaxResults {
		return "", cchc.Invalid("Mã kết quả không hợp lệ.", map[string]string{
			"result": fmt.Sprintf("Số thứ tự kết quả phải từ 1 đến %d.", MaxResults),
		})
	}
	return c.String() + "-KQ" + strconv.Itoa(n), nil
}

// ParseResultCode parses an electronic result code "<code>-KQ<n>" into the
// dossier code and n. The ordinal has no leading zeros, so the parse
// round-trips like ParseCode's.
func ParseResultCode(s string) (Code, int, error) {
	s = strings.TrimSpace(s)
	bad := func() (Code, int, error) {
		return Code{}, 0, cchc.Invalid("Mã kết quả không hợp lệ.", map[string]string{
			"result": fmt.Sprintf("«%s» không đúng dạng mã kết quả <mã số hồ sơ>-KQ<số thứ tự> (ví dụ 000.00.31.H26-260213-0042-KQ1).", clip(s)),
		})
	}
	if len(s) < 29 || (s[25:28] != "-KQ" && s[25:28] != "-kq") {
		return bad()
	}
	c, err := ParseCode(s[:25])
	if err != nil {
		return bad()
	}
	ord := s[28:]
	n, ok := digits(ord)
	if !ok || ord[0] == '0' || n > MaxResults {
		return bad()
	}
	return c, n, nil
}

// digits parses a short string of ASCII digits.
func digits(s string) (int, bool) {
	if s == "" || len(s) > 4 {
		return 0, false
	}
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
		n = n*10 + int(s[i]-'0')
	}
	return n, true
}

// clip shortens user input quoted in a message.
func clip(s string) string {
	if r := []rune(s); len(r) > 40 {
		return string(r[:40]) + "…"
	}
	return s
}
