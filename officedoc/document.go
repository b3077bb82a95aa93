package officedoc

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/hpdoet/cchc"
)

// Document is one administrative document (văn bản hành chính) with a tên
// loại, such as a báo cáo, kế hoạch or thông báo. Text fields are plain
// text; the writers escape them, so any characters are safe.
type Document struct {
	Parent      string    // cơ quan chủ quản, e.g. "UBND THÀNH PHỐ HẢI PHÒNG"; optional; set in upper case
	Issuer      string    // cơ quan ban hành, e.g. "SỞ GIÁO DỤC VÀ ĐÀO TẠO"; required; set in upper case
	Number      string    // số, ký hiệu, e.g. "125/BC-SGDĐT" or "Số: 125/BC-SGDĐT"; "Số: " is added when missing
	Place       string    // địa danh, e.g. "Hải Phòng"; required
	Date        time.Time // ngày ban hành, taken in Vietnam time (UTC+7); required
	Kind        string    // tên loại, e.g. "BÁO CÁO"; required; set in upper case
	Title       string    // trích yếu nội dung, e.g. "Kết quả thực hiện công tác cải cách hành chính quý III năm 2026"; required
	Body        []Block   // nội dung: headings, paragraphs, tables and page breaks, in order
	Recipients  []string  // nơi nhận, e.g. "UBND thành phố (để b/c)", …, "Lưu: VT, VP"; "- " and the closing ";" or "." are added when missing
	SignerTitle []string  // quyền hạn và chức vụ, e.g. {"KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"}; set in upper case
	SignerName  string    // họ tên người ký, e.g. "Nguyễn Văn An"
}

// Block is one element of a document's body: a Heading, Paragraph, Table or
// PageBreak (or a pointer to one; nil pointers are skipped).
type Block interface{ isBlock() }

// Heading is a numbered heading of the body. Text carries its own number:
// "I. KẾT QUẢ ĐẠT ĐƯỢC" (Level 1), "1. Công tác chỉ đạo, điều hành"
// (Level 2), "a) Cải cách thủ tục hành chính" (Level 3). Levels outside 1–3
// are taken as the nearest of them.
type Heading struct {
	Level int
	Text  string
}

// Paragraph is body text: justified, first line indented. Each line of Text
// (separated by "\n") becomes a paragraph of its own; empty lines are
// dropped, so a narrative typed into a form keeps its paragraphs.
type Paragraph struct {
	Text string
}

// Table is a ruled table. Header is its first row, in bold and repeated on
// every page the table spans; Rows may be ragged (missing cells are empty).
// A "\n" in a cell starts a new line in it.
type Table struct {
	Header []string
	Rows   [][]string
	// Widths are the relative widths of the columns; when their count is not
	// the number of columns, or one is not positive, widths follow the text.
	Widths []float64
	// Align sets a column's alignment; AlignAuto (and columns past the end)
	// right-aligns numbers such as "1.234" or "12,5%" and left-aligns text.
	Align []Align
}

// PageBreak starts a new page.
type PageBreak struct{}

func (Heading) isBlock()   {}
func (Paragraph) isBlock() {}
func (Table) isBlock()     {}
func (PageBreak) isBlock() {}

// Align is the horizontal alignment of a table column.
type Align int

// Alignments of table columns.
const (
	AlignAuto Align = iota
	AlignLeft
	AlignCenter
	AlignRight
)

// Validate reports the missing parts of the document that Nghị định
// 30/2020/NĐ-CP requires, as an EINVALID *cchc.Error naming each field.
func (d Document) Validate() error {
	fields := map[string]string{}
	if oneLine(d.Issuer) == "" {
		fields["issuer"] = "Chưa có tên cơ quan ban hành văn bản."
	}
	if oneLine(d.Place) == "" {
		fields["place"] = "Chưa có địa danh ban hành văn bản."
	}
	if d.Date.IsZero() {
		fields["date"] = "Chưa có ngày ban hành văn bản."
	}
	if oneLine(d.Kind) == "" {
		fields["kind"] = "Chưa có tên loại văn bản."
	}
	if oneLine(d.Title) == "" {
		fields["title"] = "Chưa có trích yếu nội dung văn bản."
	}
	if len(fields) > 0 {
		return cchc.Invalid("Văn bản chưa đủ các thành phần thể thức bắt buộc.", fields)
	}
	return nil
}

// PlaceDate is the place and date line: "Hải Phòng, ngày 05 tháng 10 năm
// 2026". Nghị định 30/2020/NĐ-CP writes days below 10 and the months 1 and 2
// with a leading zero ("ngày 05 tháng 02", but "tháng 3"), so that no digit
// can be added in front later. The date is read in Vietnam time (UTC+7).
func PlaceDate(place string, t time.Time) string {
	t = t.In(time.FixedZone("ICT", 7*60*60))
	month := strconv.Itoa(int(t.Month()))
	if t.Month() <= time.February {
		month = "0" + month
	}
	return fmt.Sprintf("%s, ngày %02d tháng %s năm %d", oneLine(place), t.Day(), month, t.Year())
}

// numberLine is "Số: 125/BC-SGDĐT", keeping a "Số" the caller already wrote.
func numberLine(number string) string {
	n := oneLine(number)
	if n == "" || strings.HasPrefix(strings.ToLower(n), "số") {
		return n
	}
	return "Số: " + n
}

// recipientLines writes each recipient as Nghị định 30/2020/NĐ-CP lists
// them: a dash in front, ";" at the end of each line and "." after the last.
func recipientLines(items []string) []string {
	var out []string
	for _, it := range items {
		if s := oneLine(it); s != "" {
			out = append(out, s)
		}
	}
	for i, s := range out {
		if !strings.HasPrefix(s, "-") {
			s = "- " + s
		}
		s = strings.TrimRight(s, ";.,: ")
		if i == len(out)-1 {
			s += "."
		} else {
			s += ";"
		}
		out[i] = s
	}
	return out
}
