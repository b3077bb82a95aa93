// Package procedure holds the catalog of administrative procedures (thủ tục
// hành chính, TTHC) that the Sở receives at its one-stop counter: each
// procedure's legal facts (time limit, fee, documents, legal basis), its
// online level, its internal process (steps) and the definition of its
// online form, from which the HTML form is rendered and the submitted values
// are validated. Facts that no source confirms are named in Unconfirmed so
// administrators can see them. It has no storage or HTTP in it.
package procedure

import "github.com/hpdoet/cchc"

// Fields (lĩnh vực) a procedure may belong to, as the provincial TTHC lists
// name them.
const (
	FieldDiplomas   = "Văn bằng, chứng chỉ"
	FieldSecondary  = "Giáo dục trung học"
	FieldPrimary    = "Giáo dục tiểu học"
	FieldPreschool  = "Giáo dục mầm non"
	FieldNational   = "Giáo dục và đào tạo thuộc hệ thống giáo dục quốc dân"
	FieldVocational = "Giáo dục nghề nghiệp"
	FieldExams      = "Thi, tuyển sinh"
)

// KnownFields returns every field (lĩnh vực) in display order. Each call
// returns a fresh slice.
func KnownFields() []string {
	return []string{FieldDiplomas, FieldSecondary, FieldPrimary, FieldPreschool, FieldNational, FieldVocational, FieldExams}
}

// Online levels (Nghị định 42/2022/NĐ-CP): toàn trình, một phần, or not
// online at all.
const (
	LevelFull    = "toan-trinh" // DVCTT toàn trình: submitted, handled and returned online
	LevelPartial = "mot-phan"   // DVCTT một phần: some steps still need paper or presence
	LevelNone    = "truc-tiep"  // not online: submitted in person or by post
)

// Levels returns every online level, fullest first. Each call returns a
// fresh slice.
func Levels() []string { return []string{LevelFull, LevelPartial, LevelNone} }

// LevelName is the Vietnamese name of an online level.
func LevelName(level string) string {
	switch level {
	case LevelFull:
		return "Trực tuyến toàn trình"
	case LevelPartial:
		return "Trực tuyến một phần"
	case LevelNone:
		return "Trực tiếp"
	}
	return level
}

// Keys of Unconfirmed: the facts of a procedure that a source may or may not
// confirm.
const (
	FactCode        = "code"
	FactName        = "name"
	FactField       = "field"
	FactTimeLimit   = "time_limit"
	FactFee         = "fee"
	FactDocuments   = "documents"
	FactLegalBasis  = "legal_basis"
	FactOnlineLevel = "online_level"
	FactEligible    = "eligible_full_online"
	FactSteps       = "steps"
	FactForm        = "form"
)

// FactLabel is the Vietnamese name of an Unconfirmed key, as administrators
// see it.
func FactLabel(key string) string {
	switch key {
	case FactCode:
		return "Mã thủ tục"
	case FactName:
		return "Tên thủ tục"
	case FactField:
		return "Lĩnh vực"
	case FactTimeLimit:
		return "Thời hạn giải quyết"
	case FactFee:
		return "Phí, lệ phí"
	case FactDocuments:
		return "Thành phần hồ sơ"
	case FactLegalBasis:
		return "Căn cứ pháp lý"
	case FactOnlineLevel:
		return "Mức độ dịch vụ công trực tuyến"
	case FactEligible:
		return "Đủ điều kiện trực tuyến toàn trình"
	case FactSteps:
		return "Quy trình nội bộ"
	case FactForm:
		return "Tờ khai trực tuyến"
	}
	return key
}

func knownFact(key string) bool {
	switch key {
	case FactCode, FactName, FactField, FactTimeLimit, FactFee, FactDocuments,
		FactLegalBasis, FactOnlineLevel, FactEligible, FactSteps, FactForm:
		return true
	}
	return false
}

// Types of documents in a citizen's or organisation's data store (or in a
// national database) that can stand in for a paper document.
const (
	DataCitizenID        = "cccd"                                 // căn cước / CCCD, from the population database
	DataBirthCert        = "giay-khai-sinh"                       // giấy khai sinh
	DataCivilStatus      = "trich-luc-ho-tich"                    // trích lục thay đổi, cải chính, bổ sung hộ tịch
	DataDiplomaLower     = "bang-tot-nghiep-thcs"                 // bằng tốt nghiệp THCS
	DataDiplomaUpper     = "bang-tot-nghiep-thpt"                 // bằng tốt nghiệp THPT
	DataSchoolRecord     = "hoc-ba"                               // học bạ
	DataBusinessReg      = "giay-chung-nhan-dang-ky-doanh-nghiep" // from the national business registry
	DataPriorResult      = "ket-qua-tthc"                         // the e-result of an earlier procedure
	DataPovertyHousehold = "giay-chung-nhan-ho-ngheo"             // xác nhận hộ nghèo
)

// DataTypeName is the Vietnamese name of a data-store document type, or ""
// for an unknown type.
func DataTypeName(t string) string {
	switch t {
	case DataCitizenID:
		return "Căn cước công dân"
	case DataBirthCert:
		return "Giấy khai sinh"
	case DataCivilStatus:
		return "Trích lục hộ tịch"
	case DataDiplomaLower:
		return "Bằng tốt nghiệp trung học cơ sở"
	case DataDiplomaUpper:
		return "Bằng tốt nghiệp trung học phổ thông"
	case DataSchoolRecord:
		return "Học bạ"
	case DataBusinessReg:
		return "Giấy chứng nhận đăng ký doanh nghiệp"
	case DataPriorResult:
		return "Kết quả giải quyết thủ tục hành chính trước đó"
	case DataPovertyHousehold:
		return "Giấy xác nhận hộ nghèo"
	}
	return ""
}

// Procedure is one administrative procedure of the catalog.
type Procedure struct {
	// Code is the national TTHC code ("2.001914") or, when that is unknown,
	// a local code "HP.GDĐT.nn"; a local code must be flagged "code" in
	// Unconfirmed.
	Code  string `json:"code"`
	Name  string `json:"name"`  // the exact Vietnamese name
	Field string `json:"field"` // lĩnh vực, one of KnownFields

	// TimeLimitDays is the legal processing time in working days. It is 0
	// for a same-day procedure (SameDay), where a request received after
	// 15:00 is handled the next working day.
	TimeLimitDays int  `json:"time_limit_days"`
	SameDay       bool `json:"same_day"`

	Fee     int64  `json:"fee"`      // đồng; 0 means none
	FeeNote string `json:"fee_note"` // how the fee is set or counted

	Documents  []*Document `json:"documents"`   // thành phần hồ sơ
	LegalBasis []string    `json:"legal_basis"` // căn cứ pháp lý

	// OnlineLevel is how the Sở offers the procedure online (Level*).
	// EligibleFullOnline is the national database's flag "đủ điều kiện thực
	// hiện DVCTT toàn trình", kept apart: a procedure may be eligible and
	// still be offered một phần.
	OnlineLevel        string `json:"online_level"`
	EligibleFullOnline bool   `json:"eligible_full_online"`
	Published          bool   `json:"published"` // shown to citizens

	// Baseline2024 is the measured 2024 baseline the plan's cuts are
	// compared with; nil until computed from the 2024 dossiers.
	Baseline2024 *Baseline `json:"baseline_2024"`

	Steps []*Step  `json:"steps"` // the internal process, in order
	Form  []*Field `json:"form"`  // the online form (tờ khai)

	Unconfirmed []string `json:"unconfirmed"` // Fact* keys no source confirms
	Sources     []string `json:"sources"`     // where the facts come from
	Notes       []string `json:"notes"`       // for administrators: conflicts, choices made
}

// Baseline is a procedure's measured 2024 baseline.
type Baseline struct {
	ProcessingDays float64 `json:"processing_days"` // average working days from receipt to result
	ComplianceCost int64   `json:"compliance_cost"` // chi phí tuân thủ per dossier, đồng
}

// Document is one component of a procedure's dossier (thành phần hồ sơ).
type Document struct {
	Key      string `json:"key"`      // ascii slug, unique within the procedure
	Name     string `json:"name"`     // Vietnamese name as the TTHC sheet gives it
	Original bool   `json:"original"` // bản chính (true) or bản sao (false)
	Count    int    `json:"count"`    // number of copies
	Required bool   `json:"required"` // false: only in the cases the name states

	// FromData means the state already holds the document, so the applicant
	// need not upload it; DataType names the data-store document that
	// replaces it (Data* constants). The two go together.
	FromData bool   `json:"from_data"`
	DataType string `json:"data_type"`
	Note     string `json:"note"`
}

// Step is one step of a procedure's internal process.
//
// A step's share of the time limit is in working days, a decimal that is a
// multiple of 1/8 (one working hour of an eight-hour day): 0.125, 0.25,
// 0.5, 1.5 … The shares of all steps sum exactly to TimeLimitDays.
// Same-day procedures have no days to share: their steps have Days 0 and
// give their share in Hours instead, a multiple of 0.25 (a quarter hour),
// summing to at most one working day (8 hours).
type Step struct {
	Name  string    `json:"name"`            // Vietnamese, e.g. "Tiếp nhận hồ sơ"
	Unit  string    `json:"unit"`            // unit code, e.g. "VP", "GDTrH", "BGD"
	Role  cchc.Role `json:"role"`            // motcua, chuyenvien, truongphong or lanhdao
	Days  float64   `json:"days"`            // share of TimeLimitDays
	Hours float64   `json:"hours,omitempty"` // same-day procedures only
}

// StepRoles returns the roles a step may name, in the usual order of a
// process. Each call returns a fresh slice.
func StepRoles() []cchc.Role {
	return []cchc.Role{cchc.RoleOneStop, cchc.RoleSpecialist, cchc.RoleUnitHead, cchc.RoleDirector}
}

// Units returns the unit codes the steps name, each once, in order of first
// use, so a caller can check them against the units it knows.
func (p *Procedure) Units() []string {
	var units []string
	seen := map[string]bool{}
	for _, s := range p.Steps {
		if s != nil && !seen[s.Unit] {
			seen[s.Unit] = true
			units = append(units, s.Unit)
		}
	}
	return units
}

// IsUnconfirmed reports whether the fact key is flagged as not confirmed by
// a source.
func (p *Procedure) IsUnconfirmed(key string) bool {
	for _, k := range p.Unconfirmed {
		if k == key {
			return true
		}
	}
	return false
}

// FindField returns the form field with the given name, or nil.
func (p *Procedure) FindField(name string) *Field {
	for _, f := range p.Form {
		if f != nil && f.Name == name {
			return f
		}
	}
	return nil
}

// Document returns the document with key, or nil.
func (p *Procedure) Document(key string) *Document {
	for _, d := range p.Documents {
		if d.Key == key {
			return d
		}
	}
	return nil
}
