package plan

import (
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/hpdoet/cchc"
)

// Evidence kinds.
const (
	EvidenceFile     = "file"     // an uploaded file
	EvidenceDocument = "document" // a reference to an issued document
)

// Evidence review states.
const (
	EvidenceSubmitted = "submitted"
	EvidenceAccepted  = "accepted"
	EvidenceReturned  = "returned"
)

// EvidenceStateName is the Vietnamese name of a review state.
func EvidenceStateName(s string) string {
	switch s {
	case EvidenceSubmitted:
		return "Chờ xem xét"
	case EvidenceAccepted:
		return "Đã chấp nhận"
	case EvidenceReturned:
		return "Trả lại"
	}
	return s
}

// Evidence (minh chứng) proves an instance's work: a file or an issued
// document's number, date and issuer.
type Evidence struct {
	ID            int64      `json:"id"`
	InstanceID    int64      `json:"instance_id"`
	UnitID        int64      `json:"unit_id"`
	Kind          string     `json:"kind"`
	FileSHA256    string     `json:"file_sha256,omitempty"`
	FileName      string     `json:"file_name,omitempty"`
	FileType      string     `json:"file_type,omitempty"`
	FileSize      int64      `json:"file_size,omitempty"`
	DocNumber     string     `json:"doc_number,omitempty"`
	DocDate       *time.Time `json:"doc_date,omitempty"`
	DocIssuer     string     `json:"doc_issuer,omitempty"`
	Description   string     `json:"description"`
	State         string     `json:"state"`
	ReviewComment string     `json:"review_comment,omitempty"`
	ReviewedBy    int64      `json:"reviewed_by,omitempty"`
	ReviewedAt    *time.Time `json:"reviewed_at,omitempty"`
	SubmittedBy   int64      `json:"submitted_by"`
	SubmittedAt   time.Time  `json:"submitted_at"`
}

// Validate checks a new piece of evidence submitted on the civil date today.
func (e *Evidence) Validate(today time.Time) error {
	f := map[string]string{}
	e.Description = strings.TrimSpace(e.Description)
	e.DocNumber = strings.TrimSpace(e.DocNumber)
	e.DocIssuer = strings.TrimSpace(e.DocIssuer)
	if utf8.RuneCountInString(e.Description) > 2000 {
		f["description"] = "Mô tả không quá 2.000 ký tự."
	}
	switch e.Kind {
	case EvidenceFile:
		if !sha256Pattern.MatchString(e.FileSHA256) {
			f["file"] = "Vui lòng chọn tệp minh chứng."
		}
	case EvidenceDocument:
		if e.DocNumber == "" {
			f["doc_number"] = "Vui lòng nhập số, ký hiệu văn bản."
		} else if utf8.RuneCountInString(e.DocNumber) > 100 {
			f["doc_number"] = "Số, ký hiệu không quá 100 ký tự."
		}
		switch {
		case e.DocDate == nil:
			f["doc_date"] = "Vui lòng nhập ngày ban hành văn bản."
		case e.DocDate.After(today):
			f["doc_date"] = "Ngày ban hành không được sau ngày hôm nay."
		case e.DocDate.Year() < 2020:
			f["doc_date"] = "Ngày ban hành không hợp lệ."
		}
		if e.DocIssuer == "" {
			f["doc_issuer"] = "Vui lòng nhập cơ quan ban hành."
		} else if utf8.RuneCountInString(e.DocIssuer) > 200 {
			f["doc_issuer"] = "Cơ quan ban hành không quá 200 ký tự."
		}
	default:
		f["kind"] = "Loại minh chứng không hợp lệ."
	}
	if len(f) > 0 {
		return cchc.Invalid("Minh chứng chưa hợp lệ.", f)
	}
	return nil
}

var sha256Pattern = regexp.MustCompile(`^[0-9a-f]{64}$`)

// Progress is a unit's note on how an instance is going.
type Progress struct {
	ID         int64     `json:"id"`
	InstanceID int64     `json:"instance_id"`
	UnitID     int64     `json:"unit_id"`
	AuthorID   int64     `json:"author_id"`
	AuthorName string    `json:"author_name"`
	Body       string    `json:"body"`
	CreatedAt  time.Time `json:"created_at"`
}

// ValidateProgress checks a progress note's text.
func ValidateProgress(body string) (string, error) {
	body = strings.TrimSpace(body)
	switch {
	case body == "":
		return "", cchc.Invalid("Báo cáo tiến độ chưa hợp lệ.", map[string]string{"body": "Vui lòng nhập nội dung tiến độ."})
	case utf8.RuneCountInString(body) > 5000:
		return "", cchc.Invalid("Báo cáo tiến độ chưa hợp lệ.", map[string]string{"body": "Nội dung không quá 5.000 ký tự."})
	}
	return body, nil
}

// ValidateReview checks an Office decision on evidence: a return needs a comment.
func ValidateReview(accept bool, comment string) (string, error) {
	comment = strings.TrimSpace(comment)
	switch {
	case !accept && comment == "":
		return "", cchc.Invalid("Vui lòng nêu lý do trả lại minh chứng.", map[string]string{"comment": "Vui lòng nêu lý do trả lại."})
	case utf8.RuneCountInString(comment) > 2000:
		return "", cchc.Invalid("Nhận xét quá dài.", map[string]string{"comment": "Nhận xét không quá 2.000 ký tự."})
	}
	return comment, nil
}
