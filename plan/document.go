// Package plan holds the reform plan (Kế hoạch CCHC) as data: its tree of
// sections, tasks and targets, the Office's assignments (Phụ lục phân công),
// progress and evidence, and the rules that derive a task's status. It has no
// storage or HTTP in it.
package plan

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"
)

// Node kinds of the plan tree.
const (
	KindSection    = "section"   // I, II, III … (Roman numeral headings)
	KindHeading    = "heading"   // 1., 2., 2.1 … numbered headings inside a section
	KindItem       = "item"      // a), b), đ) … lettered items
	KindBullet     = "bullet"    // "-" and "+" bullets
	KindParagraph  = "paragraph" // running text that is none of the above
	KindDocument   = "document"  // the root: the plan itself
	maxNodeTextLen = 4000
)

// Phases of the plan's targets.
const (
	Phase2026to2027 = "2026-2027"
	Phase2028to2030 = "2028-2030"
	Phase2026to2030 = "2026-2030" // targets of II.2 that hold for the whole plan
)

// Target directions: how a measured value is compared with the target value.
const (
	DirAtLeast     = "at_least"    // value ≥ target meets it (e.g. 95% satisfied)
	DirAtMost      = "at_most"     // value ≤ target meets it
	DirQualitative = "qualitative" // no number: judged with evidence
)

// Document is the whole plan as stored in plans/*.json.
type Document struct {
	ID         string    `json:"id"`         // stable identifier, e.g. "ke-hoach-cchc-2026-2030"
	Number     string    `json:"number"`     // số, ký hiệu as printed, e.g. "/KH-SGDĐT"
	Place      string    `json:"place_date"` // địa danh, ngày tháng as printed
	Title      string    `json:"title"`      // "Cải cách hành chính nhà nước trọng tâm giai đoạn 2026 - 2030 …"
	Issuer     string    `json:"issuer"`     // "Sở Giáo dục và Đào tạo Hải Phòng"
	Signer     string    `json:"signer"`     // "GIÁM ĐỐC Lương Văn Việt"
	FromYear   int       `json:"from_year"`  // 2026
	ToYear     int       `json:"to_year"`    // 2030
	Preamble   []string  `json:"preamble"`   // the paragraphs before section I
	Closing    []string  `json:"closing"`    // the paragraphs after section V (appendix note, "Trên đây là …")
	Recipients []string  `json:"recipients"` // Nơi nhận
	Notes      []string  `json:"notes"`      // how the seed's slips were coded
	Nodes      []*Node   `json:"nodes"`      // sections I–V in order
	Targets    []*Target `json:"targets"`    // the numeric and qualitative targets
}

// Node is one element of the plan tree.
type Node struct {
	Code     string  `json:"code"`            // "II.2.a.2.1"; unique; ASCII except đ
	Kind     string  `json:"kind"`            // one of the Kind* constants
	Label    string  `json:"label,omitempty"` // as printed: "II.", "2.", "a)", "+", "-"
	Title    string  `json:"title,omitempty"` // heading text, exact
	Text     string  `json:"text,omitempty"`  // body text, exact
	Task     bool    `json:"task,omitempty"`  // the Office can assign it to units
	Children []*Node `json:"children,omitempty"`
}

// Target is one measurable (or qualitative) promise of the plan.
type Target struct {
	Code      string   `json:"code"`      // "CT-01", stable
	Node      string   `json:"node"`      // the plan node that states it
	Phase     string   `json:"phase"`     // Phase* constants
	Name      string   `json:"name"`      // short Vietnamese name
	Text      string   `json:"text"`      // the exact words of the plan
	Value     *float64 `json:"value"`     // nil for qualitative targets
	Unit      string   `json:"unit"`      // "%", "cấp độ", "" for qualitative
	Direction string   `json:"direction"` // Dir* constants
	Measure   string   `json:"measure"`   // "computed" from cchc data or "entered" with evidence
}

var codePattern = regexp.MustCompile(`^(I|II|III|IV|V)(\.([0-9]+|[a-zđ]))*$`)

// ParseDocument decodes and validates a plan data file. Unknown fields are
// errors, so a typo in the file cannot silently drop data.
func ParseDocument(data []byte) (*Document, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var d Document
	if err := dec.Decode(&d); err != nil {
		return nil, fmt.Errorf("decode plan file: %w", err)
	}
	if dec.More() {
		return nil, fmt.Errorf("decode plan file: data after the document")
	}
	if err := d.Validate(); err != nil {
		return nil, err
	}
	return &d, nil
}

// Validate checks the structural rules every plan file must satisfy.
func (d *Document) Validate() error {
	var errs []string
	add := func(format string, a ...any) { errs = append(errs, fmt.Sprintf(format, a...)) }
	if strings.TrimSpace(d.ID) == "" {
		add("id is empty")
	}
	if strings.TrimSpace(d.Title) == "" {
		add("title is empty")
	}
	if d.FromYear < 2000 || d.ToYear < d.FromYear || d.ToYear > 2100 {
		add("years %d–%d are not a valid range", d.FromYear, d.ToYear)
	}
	seen := map[string]bool{}
	var walk func(n *Node, parent string)
	walk = func(n *Node, parent string) {
		if n == nil {
			add("empty node under %q", parent)
			return
		}
		if !codePattern.MatchString(n.Code) {
			add("node code %q is malformed", n.Code)
		}
		if parent != "" && !strings.HasPrefix(n.Code, parent+".") {
			add("node %q is not under its parent %q", n.Code, parent)
		}
		if seen[n.Code] {
			add("node code %q appears twice", n.Code)
		}
		seen[n.Code] = true
		switch n.Kind {
		case KindSection, KindHeading, KindItem, KindBullet, KindParagraph:
		default:
			add("node %q has unknown kind %q", n.Code, n.Kind)
		}
		if strings.TrimSpace(n.Title) == "" && strings.TrimSpace(n.Text) == "" {
			add("node %q has neither title nor text", n.Code)
		}
		if utf8.RuneCountInString(n.Title) > maxNodeTextLen || utf8.RuneCountInString(n.Text) > maxNodeTextLen {
			add("node %q text is too long", n.Code)
		}
		for _, c := range n.Children {
			walk(c, n.Code)
		}
	}
	for _, n := range d.Nodes {
		walk(n, "")
	}
	targetSeen := map[string]bool{}
	for i, t := range d.Targets {
		if t == nil {
			add("target %d is empty", i+1)
			continue
		}
		if t.Code == "" || targetSeen[t.Code] {
			add("target code %q is empty or repeated", t.Code)
		}
		targetSeen[t.Code] = true
		if !seen[t.Node] {
			add("target %q refers to unknown node %q", t.Code, t.Node)
		}
		switch t.Phase {
		case Phase2026to2027, Phase2028to2030, Phase2026to2030:
		default:
			add("target %q has unknown phase %q", t.Code, t.Phase)
		}
		switch t.Direction {
		case DirAtLeast, DirAtMost:
			if t.Value == nil {
				add("target %q has a direction but no value", t.Code)
			}
		case DirQualitative:
			if t.Value != nil {
				add("qualitative target %q has a value", t.Code)
			}
		default:
			add("target %q has unknown direction %q", t.Code, t.Direction)
		}
		if t.Measure != "computed" && t.Measure != "entered" {
			add("target %q has unknown measure %q", t.Code, t.Measure)
		}
		if strings.TrimSpace(t.Name) == "" || strings.TrimSpace(t.Text) == "" {
			add("target %q lacks a name or text", t.Code)
		}
	}
	if len(errs) > 0 {
		return fmt.Errorf("invalid plan file: %s", strings.Join(errs, "; "))
	}
	return nil
}

// Walk calls fn for every node in document order with its parent code and
// its position among its siblings.
func (d *Document) Walk(fn func(n *Node, parent string, pos int)) {
	var walk func(n *Node, parent string, pos int)
	walk = func(n *Node, parent string, pos int) {
		fn(n, parent, pos)
		for i, c := range n.Children {
			walk(c, n.Code, i)
		}
	}
	for i, n := range d.Nodes {
		walk(n, "", i)
	}
}
