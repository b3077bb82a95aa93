package plan

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"
)

func float(v float64) *float64 { return &v }

// validDocument returns a small document that passes Validate.
func validDocument() *Document {
	return &Document{
		ID:       "ke-hoach-cchc-2026-2030",
		Title:    "Cải cách hành chính nhà nước trọng tâm giai đoạn 2026 - 2030",
		FromYear: 2026,
		ToYear:   2030,
		Nodes: []*Node{
			{Code: "I", Kind: KindSection, Label: "I.", Title: "MỤC ĐÍCH, YÊU CẦU", Children: []*Node{
				{Code: "I.1", Kind: KindHeading, Label: "1.", Title: "Mục đích", Children: []*Node{
					{Code: "I.1.a", Kind: KindItem, Label: "a)", Text: "Nâng cao chất lượng phục vụ.", Task: true},
					{Code: "I.1.đ", Kind: KindItem, Label: "đ)", Text: "Đẩy mạnh chuyển đổi số."},
				}},
				{Code: "I.2", Kind: KindParagraph, Text: "Yêu cầu chung.", Children: []*Node{
					{Code: "I.2.1", Kind: KindBullet, Label: "-", Text: "Bám sát kế hoạch."},
				}},
			}},
			{Code: "II", Kind: KindSection, Label: "II.", Title: "NHIỆM VỤ"},
		},
		Targets: []*Target{
			{Code: "CT-01", Node: "I.1.a", Phase: Phase2026to2027, Name: "Mức độ hài lòng", Text: "Đạt trên 95%.", Value: float(95), Unit: "%", Direction: DirAtLeast, Measure: "computed"},
			{Code: "CT-02", Node: "I.1", Phase: Phase2028to2030, Name: "Thời gian xử lý", Text: "Không quá 5 ngày.", Value: float(5), Unit: "ngày", Direction: DirAtMost, Measure: "entered"},
			{Code: "CT-03", Node: "II", Phase: Phase2026to2030, Name: "Chất lượng", Text: "Nâng cao chất lượng.", Direction: DirQualitative, Measure: "entered"},
		},
	}
}

func TestDocumentValidate(t *testing.T) {
	tests := []struct {
		name   string
		modify func(d *Document)
		want   []string // substrings of the error; none means valid
	}{
		{"minimal valid", func(d *Document) {}, nil},
		{"no nodes and no targets", func(d *Document) { d.Nodes, d.Targets = nil, nil }, nil},
		{"title only or text only", func(d *Document) { d.Nodes[1].Text = "x" }, nil},
		{"text of exactly the maximum", func(d *Document) { d.Nodes[1].Text = strings.Repeat("a", maxNodeTextLen) }, nil},
		{"id empty", func(d *Document) { d.ID = " " }, []string{"id is empty"}},
		{"title empty", func(d *Document) { d.Title = "" }, []string{"title is empty"}},
		{"from year before 2000", func(d *Document) { d.FromYear = 1999 }, []string{"years 1999–2030 are not a valid range"}},
		{"to year before from year", func(d *Document) { d.ToYear = 2025 }, []string{"years 2026–2025 are not a valid range"}},
		{"to year after 2100", func(d *Document) { d.ToYear = 2101 }, []string{"not a valid range"}},
		{"malformed code: upper-case letter", func(d *Document) {
			d.Nodes[0].Children[0].Children[0].Code = "I.1.A"
		}, []string{`node code "I.1.A" is malformed`}},
		{"malformed code: unknown section", func(d *Document) { d.Nodes[1].Code = "VI" }, []string{`node code "VI" is malformed`}},
		{"malformed code: empty part", func(d *Document) { d.Nodes[0].Children[1].Children[0].Code = "I.2..1" }, []string{`node code "I.2..1" is malformed`}},
		{"malformed code: trailing dot", func(d *Document) { d.Nodes[1].Code = "II." }, []string{`node code "II." is malformed`}},
		{"malformed code: empty", func(d *Document) { d.Nodes[1].Code = "" }, []string{`node code "" is malformed`}},
		{"malformed code: two letters", func(d *Document) { d.Nodes[0].Children[0].Children[0].Code = "I.1.ab" }, []string{`node code "I.1.ab" is malformed`}},
		{"duplicate code among sections", func(d *Document) { d.Nodes[1].Code = "I" }, []string{`node code "I" appears twice`}},
		{"duplicate code among siblings", func(d *Document) {
			d.Nodes[0].Children[0].Children[1].Code = "I.1.a"
		}, []string{`node code "I.1.a" appears twice`}},
		{"child not under parent", func(d *Document) {
			d.Nodes[0].Children[0].Children[0].Code = "II.1.a"
		}, []string{`node "II.1.a" is not under its parent "I.1"`}},
		{"child sharing a prefix without the dot", func(d *Document) {
			d.Nodes[0].Children[0].Children[0].Code = "I.10"
		}, []string{`node "I.10" is not under its parent "I.1"`}},
		{"nil node", func(d *Document) {
			d.Nodes[0].Children[1].Children = append(d.Nodes[0].Children[1].Children, nil)
		}, []string{`empty node under "I.2"`}},
		{"nil section", func(d *Document) { d.Nodes = append(d.Nodes, nil) }, []string{`empty node under ""`}},
		{"unknown kind", func(d *Document) { d.Nodes[1].Kind = "chapter" }, []string{`node "II" has unknown kind "chapter"`}},
		{"empty kind", func(d *Document) { d.Nodes[1].Kind = "" }, []string{`node "II" has unknown kind ""`}},
		{"document kind is only for the root", func(d *Document) { d.Nodes[1].Kind = KindDocument }, []string{`node "II" has unknown kind "document"`}},
		{"empty text", func(d *Document) { d.Nodes[1].Title, d.Nodes[1].Text = " ", "\n" }, []string{`node "II" has neither title nor text`}},
		{"text too long", func(d *Document) { d.Nodes[1].Text = strings.Repeat("a", maxNodeTextLen+1) }, []string{`node "II" text is too long`}},
		{"title too long", func(d *Document) { d.Nodes[1].Title = strings.Repeat("a", maxNodeTextLen+1) }, []string{`node "II" text is too long`}},
		{"target refers to an unknown node", func(d *Document) { d.Targets[0].Node = "I.9" }, []string{`target "CT-01" refers to unknown node "I.9"`}},
		{"target refers to no node", func(d *Document) { d.Targets[0].Node = "" }, []string{`target "CT-01" refers to unknown node ""`}},
		{"target code empty", func(d *Document) { d.Targets[1].Code = "" }, []string{`target code "" is empty or repeated`}},
		{"target code repeated", func(d *Document) { d.Targets[1].Code = "CT-01" }, []string{`target code "CT-01" is empty or repeated`}},
		{"bad phase", func(d *Document) { d.Targets[0].Phase = "2026-2028" }, []string{`target "CT-01" has unknown phase "2026-2028"`}},
		{"empty phase", func(d *Document) { d.Targets[0].Phase = "" }, []string{`target "CT-01" has unknown phase ""`}},
		{"at least without value", func(d *Document) { d.Targets[0].Value = nil }, []string{`target "CT-01" has a direction but no value`}},
		{"at most without value", func(d *Document) { d.Targets[1].Value = nil }, []string{`target "CT-02" has a direction but no value`}},
		{"qualitative with value", func(d *Document) { d.Targets[2].Value = float(1) }, []string{`qualitative target "CT-03" has a value`}},
		{"unknown direction", func(d *Document) { d.Targets[0].Direction = "exactly" }, []string{`target "CT-01" has unknown direction "exactly"`}},
		{"unknown measure", func(d *Document) { d.Targets[0].Measure = "guessed" }, []string{`target "CT-01" has unknown measure "guessed"`}},
		{"empty measure", func(d *Document) { d.Targets[2].Measure = "" }, []string{`target "CT-03" has unknown measure ""`}},
		{"target without name", func(d *Document) { d.Targets[0].Name = " " }, []string{`target "CT-01" lacks a name or text`}},
		{"target without text", func(d *Document) { d.Targets[0].Text = "" }, []string{`target "CT-01" lacks a name or text`}},
		{"several problems reported together", func(d *Document) {
			d.ID = ""
			d.Nodes[1].Kind = "chapter"
			d.Targets[0].Measure = "guessed"
		}, []string{"id is empty", `unknown kind "chapter"`, `unknown measure "guessed"`, "; "}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := validDocument()
			tt.modify(d)
			err := d.Validate()
			if len(tt.want) == 0 {
				if err != nil {
					t.Fatalf("Validate() = %v, want nil", err)
				}
				return
			}
			if err == nil {
				t.Fatalf("Validate() = nil, want an error mentioning %q", tt.want)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("Validate() = %q, want it to mention %q", err, w)
				}
			}
		})
	}
}

func TestParseDocument(t *testing.T) {
	valid, err := json.Marshal(validDocument())
	if err != nil {
		t.Fatal(err)
	}
	t.Run("valid", func(t *testing.T) {
		d, err := ParseDocument(valid)
		if err != nil {
			t.Fatalf("ParseDocument error %v", err)
		}
		if got, want := d.Nodes[0].Children[0].Children[1].Code, "I.1.đ"; got != want {
			t.Errorf("node code = %q, want %q", got, want)
		}
		if got, want := *d.Targets[0].Value, 95.0; got != want {
			t.Errorf("target value = %v, want %v", got, want)
		}
		if got := d.Targets[2].Value; got != nil {
			t.Errorf("qualitative target value = %v, want nil", *got)
		}
	})
	tests := []struct {
		name string
		data string
		want string
	}{
		{"unknown top-level field", `{"id":"x","titel":"Kế hoạch"}`, `unknown field "titel"`},
		{"unknown node field", `{"id":"x","title":"t","from_year":2026,"to_year":2030,"nodes":[{"code":"I","kind":"section","title":"t","parent":"x"}]}`, `unknown field "parent"`},
		{"unknown target field", `{"id":"x","title":"t","from_year":2026,"to_year":2030,"targets":[{"code":"CT-01","target":95}]}`, `unknown field "target"`},
		{"not JSON", `id: x`, "decode plan file"},
		{"empty input", ``, "decode plan file"},
		{"wrong type", `{"from_year":"2026"}`, "decode plan file"},
		{"valid JSON, invalid plan", `{"id":"x","title":"t","from_year":2026,"to_year":2030,"nodes":[{"code":"VI","kind":"section","title":"t"}]}`, `node code "VI" is malformed`},
		{"null node", `{"id":"x","title":"t","from_year":2026,"to_year":2030,"nodes":[null]}`, `empty node under ""`},
		// A null target is an error, not a panic.
		{"null target", `{"id":"x","title":"t","from_year":2026,"to_year":2030,"targets":[null]}`, "target"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := parseNoPanic([]byte(tt.data))
			if err == nil {
				t.Fatalf("ParseDocument(%s) = %+v, want an error mentioning %q", tt.data, d, tt.want)
			}
			if d != nil {
				t.Errorf("ParseDocument returned a document with the error %v", err)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("ParseDocument error = %q, want it to mention %q", err, tt.want)
			}
		})
	}
}

// parseNoPanic calls ParseDocument and turns a panic into a test-visible error.
func parseNoPanic(data []byte) (d *Document, err error) {
	defer func() {
		if r := recover(); r != nil {
			d, err = nil, fmt.Errorf("ParseDocument panicked: %v", r)
		}
	}()
	return ParseDocument(data)
}

func TestDocumentWalk(t *testing.T) {
	var got []string
	validDocument().Walk(func(n *Node, parent string, pos int) {
		got = append(got, fmt.Sprintf("%s<%s#%d", n.Code, parent, pos))
	})
	want := []string{"I<#0", "I.1<I#0", "I.1.a<I.1#0", "I.1.đ<I.1#1", "I.2<I#1", "I.2.1<I.2#0", "II<#1"}
	if !slices.Equal(got, want) {
		t.Errorf("Walk visited %q, want %q", got, want)
	}
}
