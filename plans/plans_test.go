package plans_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/hpdoet/cchc/plan"
	"github.com/hpdoet/cchc/plans"
)

// The seed breaks one paragraph of II.2.a (its 4th "-" bullet) across a blank
// line in mid-sentence; the plan file joins it with a single space.
const (
	splitBreak  = "đơn giản hóa thủ\n\ntục hành chính theo đúng lộ trình"
	splitJoined = "đơn giản hóa thủ tục hành chính theo đúng lộ trình"
)

var (
	reSection = regexp.MustCompile(`^(I|II|III|IV|V)\. (.+)$`)
	reHeading = regexp.MustCompile(`^([0-9]+(?:\.[0-9]+)?\.) (.+)$`)
	reItem    = regexp.MustCompile(`^([a-zđ]\)) (.+)$`)
)

// normalise removes markdown emphasis and heading marks and collapses runs
// of whitespace to one space.
func normalise(s string) string {
	s = strings.ReplaceAll(s, "**", "")
	s = strings.ReplaceAll(s, "*", "")
	s = strings.TrimLeft(strings.TrimSpace(s), "#")
	return strings.Join(strings.Fields(s), " ")
}

// seedLine is one non-blank line of the seed markdown.
type seedLine struct {
	raw  string // as in the file
	text string // normalised
}

// seedLines returns the non-blank lines of the seed markdown, with the one
// split paragraph joined.
func seedLines(t *testing.T) []seedLine {
	t.Helper()
	md := string(plans.SeedMarkdown())
	if n := strings.Count(md, splitBreak); n != 1 {
		t.Fatalf("the split paragraph of II.2.a occurs %d times in the seed, want 1", n)
	}
	md = strings.Replace(md, splitBreak, splitJoined, 1)
	var lines []seedLine
	for _, l := range strings.Split(md, "\n") {
		if strings.TrimSpace(l) != "" {
			lines = append(lines, seedLine{raw: l, text: normalise(l)})
		}
	}
	return lines
}

// seedText is the whole normalised seed as one string.
func seedText(lines []seedLine) string {
	parts := make([]string, len(lines))
	for i, l := range lines {
		parts[i] = l.text
	}
	return strings.Join(parts, " ")
}

// between returns the lines from the first line starting with from
// (exclusive) to the next line starting with to (exclusive).
func between(t *testing.T, lines []seedLine, from, to string) []seedLine {
	t.Helper()
	start := slices.IndexFunc(lines, func(l seedLine) bool { return strings.HasPrefix(l.raw, from) })
	if start < 0 {
		t.Fatalf("marker %q not found in the seed", from)
	}
	end := slices.IndexFunc(lines[start+1:], func(l seedLine) bool { return strings.HasPrefix(l.raw, to) })
	if end < 0 {
		t.Fatalf("marker %q not found after %q in the seed", to, from)
	}
	return lines[start+1 : start+1+end]
}

func loadDoc(t *testing.T) *plan.Document {
	t.Helper()
	d, err := plan.ParseDocument(plans.SeedPlan())
	if err != nil {
		t.Fatalf("ParseDocument: %v", err)
	}
	return d
}

func nodesByCode(d *plan.Document) map[string]*plan.Node {
	m := map[string]*plan.Node{}
	d.Walk(func(n *plan.Node, _ string, _ int) { m[n.Code] = n })
	return m
}

// subtree returns n and all its descendants in document order.
func subtree(n *plan.Node) []*plan.Node {
	out := []*plan.Node{n}
	for _, c := range n.Children {
		out = append(out, subtree(c)...)
	}
	return out
}

func TestSeedPlanParses(t *testing.T) {
	d := loadDoc(t)
	if d.ID != "ke-hoach-cchc-2026-2030" || d.FromYear != 2026 || d.ToYear != 2030 {
		t.Errorf("id/years = %q %d–%d", d.ID, d.FromYear, d.ToYear)
	}
	var codes []string
	for _, n := range d.Nodes {
		if n.Kind != plan.KindSection {
			t.Errorf("top-level node %q has kind %q, want section", n.Code, n.Kind)
		}
		codes = append(codes, n.Code)
	}
	if want := []string{"I", "II", "III", "IV", "V"}; !slices.Equal(codes, want) {
		t.Errorf("sections = %v, want %v", codes, want)
	}
}

// TestSeedPlanIsCanonical checks the file's layout: two-space indentation,
// fields in struct order, UTF-8 rather than \u escapes.
func TestSeedPlanIsCanonical(t *testing.T) {
	d := loadDoc(t)
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(d); err != nil {
		t.Fatal(err)
	}
	got := plans.SeedPlan()
	if !bytes.Equal(got, buf.Bytes()) {
		t.Errorf("plan file is not in canonical form (re-encode it with two-space indent and SetEscapeHTML(false))")
	}
	if bytes.Contains(got, []byte(`\u`)) {
		t.Errorf("plan file contains \\u escapes")
	}
}

func TestSeedAccessorsReturnCopies(t *testing.T) {
	for name, get := range map[string]func() []byte{"SeedPlan": plans.SeedPlan, "SeedMarkdown": plans.SeedMarkdown} {
		t.Run(name, func(t *testing.T) {
			b := get()
			if len(b) == 0 {
				t.Fatal("empty")
			}
			b[0] ^= 0xff
			if get()[0] == b[0] {
				t.Error("modifying the returned bytes changed the embedded data")
			}
		})
	}
}

// TestTextsOccurInSeed checks that every text of the plan file occurs
// verbatim in the seed: node texts within one line (paragraph) of it.
func TestTextsOccurInSeed(t *testing.T) {
	d := loadDoc(t)
	lines := seedLines(t)
	whole := seedText(lines)
	inOneLine := func(s string) bool {
		s = normalise(s)
		return slices.ContainsFunc(lines, func(l seedLine) bool { return strings.Contains(l.text, s) })
	}

	fields := map[string]string{
		"number": d.Number, "place_date": d.Place, "title": d.Title,
		"issuer": d.Issuer, "signer": d.Signer,
	}
	for name, v := range fields {
		t.Run(name, func(t *testing.T) {
			if strings.TrimSpace(v) == "" || !strings.Contains(whole, normalise(v)) {
				t.Errorf("%s %q does not occur in the seed", name, v)
			}
		})
	}
	for name, list := range map[string][]string{"preamble": d.Preamble, "closing": d.Closing, "recipients": d.Recipients} {
		t.Run(name, func(t *testing.T) {
			if len(list) == 0 {
				t.Errorf("%s is empty", name)
			}
			for _, s := range list {
				if !inOneLine(s) {
					t.Errorf("%s line %q does not occur in the seed", name, s)
				}
			}
		})
	}
	t.Run("nodes", func(t *testing.T) {
		d.Walk(func(n *plan.Node, _ string, _ int) {
			for field, s := range map[string]string{"title": n.Title, "text": n.Text} {
				if s != "" && !inOneLine(s) {
					t.Errorf("node %s %s %q does not occur in the seed", n.Code, field, s)
				}
			}
		})
	})
	t.Run("targets", func(t *testing.T) {
		for _, tg := range d.Targets {
			if !inOneLine(tg.Text) {
				t.Errorf("target %s text %q does not occur in the seed", tg.Code, tg.Text)
			}
		}
	})
}

func TestPreambleClosingRecipients(t *testing.T) {
	d := loadDoc(t)
	lines := seedLines(t)
	var preamble []string
	for _, l := range between(t, lines, "### Cải cách hành chính nhà nước trọng tâm", "#### I. MỤC ĐÍCH") {
		preamble = append(preamble, l.text)
	}
	var closing []string
	start := slices.IndexFunc(lines, func(l seedLine) bool { return strings.HasPrefix(l.raw, "*(Phụ lục") })
	if start < 0 {
		t.Fatal("appendix note not found in the seed")
	}
	closing = append(closing, lines[start].text)
	for _, l := range between(t, lines, "*(Phụ lục", "### **Nơi nhận") {
		closing = append(closing, l.text)
	}
	var recipients []string
	for _, l := range between(t, lines, "### **Nơi nhận", "**GIÁM ĐỐC") {
		recipients = append(recipients, strings.TrimPrefix(l.text, "- "))
	}
	tests := []struct {
		name      string
		got, want []string
	}{
		{"preamble", d.Preamble, preamble},
		{"closing", d.Closing, closing},
		{"recipients", d.Recipients, recipients},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !slices.Equal(tt.got, tt.want) {
				t.Errorf("got %q\nwant %q", tt.got, tt.want)
			}
		})
	}
}

// entry is one element of the plan body, read either from the seed or from
// the plan tree, so that the two can be compared element by element.
type entry struct{ kind, label, text string }

func (e entry) String() string { return fmt.Sprintf("%s %q %.60q", e.kind, e.label, e.text) }

// seedEntries classifies the seed lines of the body.
func seedEntries(lines []seedLine) []entry {
	var out []entry
	for _, l := range lines {
		s := l.text
		if m := reSection.FindStringSubmatch(s); m != nil {
			out = append(out, entry{plan.KindSection, m[1] + ".", m[2]})
		} else if m := reHeading.FindStringSubmatch(s); m != nil {
			if strings.HasPrefix(l.raw, "#") {
				out = append(out, entry{plan.KindHeading, m[1], m[2]})
				continue
			}
			// A bold lead-in of a paragraph (III.6): the bold part is the
			// heading, the whole sentence its text.
			bold := strings.SplitN(l.raw, "**", 3)
			out = append(out,
				entry{plan.KindHeading, m[1], strings.TrimPrefix(normalise(bold[1]), m[1]+" ")},
				entry{"body", "", m[2]})
		} else if m := reItem.FindStringSubmatch(s); m != nil {
			out = append(out, entry{plan.KindItem, m[1], m[2]})
		} else if strings.HasPrefix(s, "- ") || strings.HasPrefix(s, "+ ") {
			out = append(out, entry{plan.KindBullet, s[:1], s[2:]})
		} else {
			out = append(out, entry{"body", "", s})
		}
	}
	return out
}

// treeEntries lists the nodes in document order the way seedEntries reads
// the seed; a text carried by a section or heading follows it as body.
func treeEntries(nodes []*plan.Node) []entry {
	var out []entry
	for _, n := range nodes {
		for _, n := range subtree(n) {
			switch n.Kind {
			case plan.KindSection, plan.KindHeading:
				out = append(out, entry{n.Kind, n.Label, normalise(n.Title)})
				if n.Text != "" {
					out = append(out, entry{"body", "", normalise(n.Text)})
				}
			case plan.KindParagraph:
				out = append(out, entry{"body", n.Label, normalise(n.Text)})
			default:
				out = append(out, entry{n.Kind, n.Label, normalise(n.Text)})
			}
		}
	}
	return out
}

// TestBodyMatchesSeed compares the whole body, from section I to the
// appendix note, element by element: a node dropped, duplicated, moved or
// altered fails it.
func TestBodyMatchesSeed(t *testing.T) {
	d := loadDoc(t)
	lines := seedLines(t)
	start := slices.IndexFunc(lines, func(l seedLine) bool { return strings.HasPrefix(l.raw, "#### I. MỤC ĐÍCH") })
	if start < 0 {
		t.Fatal("section I not found in the seed")
	}
	body := append([]seedLine{lines[start]}, between(t, lines, "#### I. MỤC ĐÍCH", "*(Phụ lục")...)
	want := seedEntries(body)
	got := treeEntries(d.Nodes)
	for i := range max(len(got), len(want)) {
		var g, w entry
		if i < len(got) {
			g = got[i]
		}
		if i < len(want) {
			w = want[i]
		}
		if g != w {
			t.Fatalf("element %d differs (plan has %d elements, seed %d):\nplan %v\nseed %v", i, len(got), len(want), g, w)
		}
	}
}

// TestCompleteness counts the bullet lines ("- ", "+ ") and lettered items
// of each part of the seed and compares them with the nodes of that part.
func TestCompleteness(t *testing.T) {
	d := loadDoc(t)
	lines := seedLines(t)
	byCode := nodesByCode(d)
	tests := []struct {
		root, from, to         string
		wantBullets, wantItems int
	}{
		{"I.1", "##### 1. Mục đích", "##### 2. Yêu cầu", 5, 0},
		{"I.2", "##### 2. Yêu cầu", "### **3. Một số chỉ tiêu cụ thể**", 3, 0},
		{"I.3", "### **3. Một số chỉ tiêu cụ thể**", "## **II. NHIỆM VỤ TRỌNG TÂM**", 13, 0},
		{"II", "## **II. NHIỆM VỤ TRỌNG TÂM**", "### **III.", 15, 25},
		{"III", "### **III.", "### **IV.", 10, 0},
		{"IV", "### **IV.", "### **V.", 0, 0},
		{"V", "### **V.", "*(Phụ lục", 6, 0},
	}
	for _, tt := range tests {
		t.Run(tt.root, func(t *testing.T) {
			root := byCode[tt.root]
			if root == nil {
				t.Fatalf("node %s missing", tt.root)
			}
			var seedBullets, seedItems int
			for _, l := range between(t, lines, tt.from, tt.to) {
				switch {
				case strings.HasPrefix(l.text, "- "), strings.HasPrefix(l.text, "+ "):
					seedBullets++
				case reItem.MatchString(l.text):
					seedItems++
				}
			}
			var nodeBullets, nodeItems int
			for _, n := range subtree(root) {
				switch n.Kind {
				case plan.KindBullet:
					nodeBullets++
				case plan.KindItem:
					nodeItems++
				}
			}
			if seedBullets != tt.wantBullets || seedItems != tt.wantItems {
				t.Errorf("seed has %d bullets, %d items; the test expects %d, %d", seedBullets, seedItems, tt.wantBullets, tt.wantItems)
			}
			if nodeBullets != seedBullets {
				t.Errorf("plan has %d bullet nodes under %s, seed has %d bullet lines", nodeBullets, tt.root, seedBullets)
			}
			if nodeItems != seedItems {
				t.Errorf("plan has %d item nodes under %s, seed has %d lettered items", nodeItems, tt.root, seedItems)
			}
		})
	}
}

func TestNodeKindCounts(t *testing.T) {
	d := loadDoc(t)
	got := map[string]int{}
	d.Walk(func(n *plan.Node, _ string, _ int) { got[n.Kind]++ })
	want := map[string]int{
		plan.KindSection: 5, plan.KindHeading: 20, plan.KindItem: 25,
		plan.KindBullet: 52, plan.KindParagraph: 2,
	}
	for kind, w := range want {
		if got[kind] != w {
			t.Errorf("%d %s nodes, want %d", got[kind], kind, w)
		}
	}
	if len(got) != len(want) {
		t.Errorf("node kinds %v, want %v", got, want)
	}
}

func TestSpotCheckCodes(t *testing.T) {
	byCode := nodesByCode(loadDoc(t))
	tests := []struct {
		code, kind, label, title, text string // title, text: expected prefixes
	}{
		{"I", plan.KindSection, "I.", "MỤC ĐÍCH, YÊU CẦU", ""},
		{"I.3", plan.KindHeading, "3.", "Một số chỉ tiêu cụ thể", ""},
		{"I.3.1", plan.KindBullet, "-", "", "Giai đoạn 2026 - 2027:"},
		{"I.3.1.4", plan.KindBullet, "+", "", "95% người dân, doanh nghiệp"},
		{"I.3.2", plan.KindBullet, "-", "", "Giai đoạn 2028 - 2030:"},
		{"I.3.2.7", plan.KindBullet, "+", "", "Mức độ hài lòng của người dân đối với sự phục vụ"},
		{"II.1.a.2", plan.KindBullet, "+", "", "Chủ động rà soát, kiểm tra văn bản"},
		{"II.2.a", plan.KindItem, "a)", "", "Đẩy mạnh thực hiện rà soát, cắt giảm"},
		{"II.2.a.2.1", plan.KindBullet, "+", "", "Cắt giảm, đơn giản hoá 100% điều kiện"},
		{"II.2.a.2.3", plan.KindBullet, "+", "", "100% thủ tục hành chính đủ điều kiện"},
		{"II.2.a.4", plan.KindBullet, "-", "", "Đẩy mạnh cắt giảm, đơn giản hóa các thủ tục hành chính nội bộ"},
		{"II.2.b.6", plan.KindBullet, "-", "", "Tăng cường kiểm tra trách nhiệm thực hiện công vụ"},
		{"II.4.đ", plan.KindItem, "đ)", "", "Đổi mới phương pháp bồi dưỡng"},
		{"II.4.e", plan.KindItem, "e)", "", "Tăng cường kỷ luật, kỷ cương hành chính"},
		{"II.6.d", plan.KindItem, "d)", "", "Tiếp tục nghiên cứu, xây dựng các hệ thống thông tin"},
		{"II.6.đ", plan.KindItem, "d)", "", "Tiếp tục duy trì xây dựng"},
		{"III.1", plan.KindHeading, "1.", "Tăng cường công tác chỉ đạo, điều hành", "Trưởng các phòng, đơn vị chịu trách nhiệm trực tiếp"},
		{"III.6", plan.KindHeading, "6.", "Đẩy mạnh ứng dụng khoa học và công nghệ", "Đẩy mạnh ứng dụng khoa học và công nghệ, nhất là"},
		{"IV", plan.KindSection, "IV.", "KINH PHÍ", "Nguồn kinh phí bảo đảm"},
		{"V.1.3", plan.KindBullet, "-", "", "Trưởng các phòng, đơn vị chỉ đạo thực hiện nghiêm chế độ thông tin báo cáo"},
		{"V.2.1", plan.KindHeading, "2.1.", "Các đồng chí Lãnh đạo Sở", "Các đồng chí Lãnh đạo Sở trực tiếp"},
		{"V.2.2.3", plan.KindBullet, "-", "", "Định kỳ hàng quý, 6 tháng"},
		{"V.2.3.1", plan.KindParagraph, "", "", "Chủ động nghiên cứu, đề xuất"},
		{"V.2.3.2", plan.KindParagraph, "", "", "Trong quá trình tổ chức thực hiện"},
	}
	for _, tt := range tests {
		t.Run(tt.code, func(t *testing.T) {
			n := byCode[tt.code]
			if n == nil {
				t.Fatalf("node %s missing", tt.code)
			}
			if n.Kind != tt.kind || n.Label != tt.label {
				t.Errorf("kind/label = %q %q, want %q %q", n.Kind, n.Label, tt.kind, tt.label)
			}
			if !strings.HasPrefix(n.Title, tt.title) || (tt.title == "") != (n.Title == "") {
				t.Errorf("title = %q, want it to start with %q", n.Title, tt.title)
			}
			if !strings.HasPrefix(n.Text, tt.text) || (tt.text == "") != (n.Text == "") {
				t.Errorf("text = %.80q, want it to start with %q", n.Text, tt.text)
			}
		})
	}
	t.Run("joined paragraph", func(t *testing.T) {
		if n := byCode["II.2.a.4"]; n == nil || !strings.Contains(n.Text, splitJoined) {
			t.Errorf("II.2.a.4 does not contain the joined text %q", splitJoined)
		}
	})
}

// TestSiblingOrder checks that each node occurs in the seed after its parent
// and after its previous sibling.
func TestSiblingOrder(t *testing.T) {
	d := loadDoc(t)
	whole := seedText(seedLines(t))
	key := func(n *plan.Node) string {
		switch n.Kind {
		case plan.KindSection, plan.KindHeading:
			return n.Label + " " + normalise(n.Title)
		case plan.KindParagraph:
			return normalise(n.Text)
		}
		return n.Label + " " + normalise(n.Text)
	}
	var check func(nodes []*plan.Node, from int)
	check = func(nodes []*plan.Node, from int) {
		prev := from - 1
		for _, n := range nodes {
			i := strings.Index(whole[from:], key(n))
			if i < 0 {
				t.Errorf("node %s (%.60q) not found in the seed after its parent", n.Code, key(n))
				continue
			}
			pos := from + i
			if pos <= prev {
				t.Errorf("node %s occurs in the seed before its previous sibling", n.Code)
			}
			prev = pos
			check(n.Children, pos)
		}
	}
	check(d.Nodes, 0)
}

func TestTargets(t *testing.T) {
	d := loadDoc(t)
	byCode := nodesByCode(d)
	type want struct {
		code, node, phase string
		value             float64 // -1: no value (qualitative)
		unit, direction   string
		measure           string
	}
	const (
		p1, p2, p3 = plan.Phase2026to2027, plan.Phase2028to2030, plan.Phase2026to2030
		ge         = plan.DirAtLeast
	)
	wants := []want{
		{"CT-01", "I.3.1.1", p1, 3, "cấp độ", ge, "entered"},
		{"CT-02", "I.3.1.2", p1, 100, "%", ge, "computed"},
		{"CT-03", "I.3.1.3", p1, 100, "%", ge, "computed"},
		{"CT-04", "I.3.1.4", p1, 95, "%", ge, "computed"},
		{"CT-05", "I.3.2.1", p2, -1, "", plan.DirQualitative, "entered"},
		{"CT-06", "I.3.2.2", p2, 95, "%", ge, "computed"},
		{"CT-07", "I.3.2.3", p2, 90, "%", ge, "computed"},
		{"CT-08", "I.3.2.4", p2, 80, "%", ge, "computed"},
		{"CT-09", "I.3.2.5", p2, 4, "cấp độ", ge, "entered"},
		{"CT-10", "I.3.2.6", p2, 100, "%", ge, "computed"},
		{"CT-11", "I.3.2.7", p2, 95, "%", ge, "computed"},
		{"CT-12", "I.3.2.7", p2, 90, "%", ge, "computed"},
		{"CT-13", "II.2.a.2.1", p3, 100, "%", ge, "entered"},
		{"CT-14", "II.2.a.2.1", p3, 100, "%", ge, "entered"},
		{"CT-15", "II.2.a.2.2", p3, 50, "%", ge, "computed"},
		{"CT-16", "II.2.a.2.2", p3, 50, "%", ge, "computed"},
		{"CT-17", "II.2.a.2.2", p3, 100, "%", ge, "entered"},
		{"CT-18", "II.2.a.2.2", p3, 100, "%", ge, "entered"},
		{"CT-19", "II.2.a.2.3", p3, 100, "%", ge, "computed"},
		{"CT-20", "II.2.b.3", p3, 100, "%", ge, "computed"},
	}
	if len(d.Targets) != len(wants) {
		t.Fatalf("%d targets, want %d", len(d.Targets), len(wants))
	}
	texts := map[string]string{}
	for i, w := range wants {
		tg := d.Targets[i]
		t.Run(w.code, func(t *testing.T) {
			if tg.Code != w.code || tg.Node != w.node || tg.Phase != w.phase {
				t.Errorf("code/node/phase = %s %s %s, want %s %s %s", tg.Code, tg.Node, tg.Phase, w.code, w.node, w.phase)
			}
			switch {
			case w.value < 0 && tg.Value != nil:
				t.Errorf("value = %v, want null", *tg.Value)
			case w.value >= 0 && (tg.Value == nil || *tg.Value != w.value):
				t.Errorf("value = %v, want %v", tg.Value, w.value)
			}
			if tg.Unit != w.unit || tg.Direction != w.direction || tg.Measure != w.measure {
				t.Errorf("unit/direction/measure = %q %s %s, want %q %s %s", tg.Unit, tg.Direction, tg.Measure, w.unit, w.direction, w.measure)
			}
			if n := byCode[tg.Node]; n == nil || !strings.Contains(n.Text, tg.Text) {
				t.Errorf("text %q is not part of node %s", tg.Text, tg.Node)
			}
			if w.value >= 0 && !strings.Contains(tg.Text, fmt.Sprint(w.value)) {
				t.Errorf("text %q does not state the value %v", tg.Text, w.value)
			}
			if other, dup := texts[tg.Text]; dup {
				t.Errorf("same text as %s", other)
			}
			texts[tg.Text] = tg.Code
		})
	}
}

// TestTasks recomputes the task rule from the tree: every leaf under II and
// III, V.2.1, the bullets of V.2.2, and the V.1 bullet about periodic
// reporting.
func TestTasks(t *testing.T) {
	d := loadDoc(t)
	byCode := nodesByCode(d)
	want := map[string]bool{}
	for _, code := range []string{"II", "III"} {
		for _, n := range subtree(byCode[code]) {
			if len(n.Children) == 0 {
				want[n.Code] = true
			}
		}
	}
	want["V.2.1"] = true
	for _, n := range byCode["V.2.2"].Children {
		want[n.Code] = true
	}
	for _, n := range byCode["V.1"].Children {
		if strings.Contains(n.Text, "báo cáo kết quả định kỳ") {
			want[n.Code] = true
		}
	}
	if len(want) != 53 {
		t.Errorf("the rule gives %d tasks, want 53", len(want))
	}
	for _, code := range []string{"II.1.a.1", "II.2.a.2.3", "II.6.đ", "III.1", "III.6", "V.1.3", "V.2.1", "V.2.2.3"} {
		if !want[code] {
			t.Errorf("the rule misses %s", code)
		}
	}
	d.Walk(func(n *plan.Node, _ string, _ int) {
		if n.Task != want[n.Code] {
			t.Errorf("node %s task = %v, want %v", n.Code, n.Task, want[n.Code])
		}
	})
}
