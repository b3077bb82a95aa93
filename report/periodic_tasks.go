package report

import (
	"cmp"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/hpdoet/cchc/plan"
)

// The plan's focus areas (Mục II, Nhiệm vụ trọng tâm) in order, with the
// names the plan gives them; tasks of the other sections (III, Giải pháp
// thực hiện, and V, Tổ chức thực hiện: direction, communication,
// monitoring, reporting) form one more group, areaDirection.
var (
	areaOrder        = []string{"II.1", "II.2", "II.3", "II.4", "II.5", "II.6", areaDirection}
	defaultAreaNames = map[string]string{
		"II.1": "Cải cách thể chế",
		"II.2": "Cải cách thủ tục hành chính",
		"II.3": "Cải cách tổ chức bộ máy hành chính nhà nước",
		"II.4": "Cải cách chế độ công vụ",
		"II.5": "Cải cách tài chính công",
		"II.6": "Xây dựng và phát triển Chính phủ điện tử, Chính phủ số",
	}
)

// areaDirection is the group of the tasks outside the focus areas.
const (
	areaDirection     = "III-V"
	areaDirectionName = "Công tác chỉ đạo, điều hành và tổ chức thực hiện"
)

// areaOf is the focus area a task belongs to: "II.2" for task II.2.a.2.1,
// areaDirection for tasks of sections III and V (and any other).
func areaOf(t *plan.Task) string {
	parts := strings.SplitN(t.Node.Code, ".", 3)
	if len(parts) >= 2 && parts[0] == "II" {
		if area := "II." + parts[1]; defaultAreaNames[area] != "" {
			return area
		}
	}
	return areaDirection
}

// areaNames are the names of the groups: the plan's own headings when the
// plan is given, else the seed plan's.
func areaNames(d *plan.Document) map[string]string {
	names := map[string]string{areaDirection: areaDirectionName}
	for code, name := range defaultAreaNames {
		names[code] = name
	}
	if d != nil {
		d.Walk(func(n *plan.Node, _ string, _ int) {
			if _, ok := defaultAreaNames[n.Code]; ok {
				if title := strings.TrimRight(clean(n.Title), ": "); title != "" {
					names[n.Code] = title
				}
			}
		})
	}
	return names
}

// taskView is a task as the report shows it for its period.
type taskView struct {
	task      *plan.Task
	area      string
	lead      string      // the lead unit's name; "" when unassigned
	inPeriod  bool        // some instance of the task falls to the period
	status    plan.Status // its status in the period (Unassigned when unassigned)
	due       time.Time   // the due date the period reports on
	delivered time.Time   // when the last of the period's instances was delivered
	evidence  []*plan.Evidence
	results   []*plan.InstanceState // instances done or overdue in the period
}

// instanceInPeriod reports whether an instance falls to the period: it is due in
// the period; or it was due before and is still overdue or was delivered
// in the period; or it runs past the period's end and was not finished
// before the period began.
func instanceInPeriod(in *plan.InstanceState, sp periodSpan) bool {
	switch {
	case sp.contains(in.Due):
		return true
	case in.Due.Before(sp.from):
		return in.Status == plan.Overdue || sp.contains(in.Delivered)
	case !in.Start.After(sp.to):
		return !in.Status.Finished() || !in.Delivered.Before(sp.from)
	}
	return false
}

// resultInPeriod reports whether an instance of the period counts as done
// in it (delivered in the period, or due in it and delivered) or as overdue.
func resultInPeriod(in *plan.InstanceState, sp periodSpan) bool {
	switch {
	case in.Status.Finished():
		return sp.contains(in.Delivered) || sp.contains(in.Due)
	case in.Status == plan.Overdue:
		return !in.Due.After(sp.to)
	}
	return false
}

// taskViews resolves every task for the period. The input was validated,
// so every unit an assignment names is known.
func (p Periodic) taskViews(sp periodSpan) []*taskView {
	views := make([]*taskView, 0, len(p.Tasks))
	for _, t := range p.Tasks {
		v := &taskView{task: t, area: areaOf(t), status: plan.Unassigned}
		if t.Assignment != nil {
			v.lead = p.Units[t.Assignment.LeadUnitID].Name
			var statuses []plan.Status
			// The due date shown: the first overdue one, else the last
			// due in the period, else the next one after it.
			var overdueDue, dueIn, dueAfter time.Time
			for _, in := range t.Instances {
				if !instanceInPeriod(in, sp) {
					continue
				}
				statuses = append(statuses, in.Status)
				if in.Status == plan.Overdue && (overdueDue.IsZero() || in.Due.Before(overdueDue)) {
					overdueDue = in.Due
				}
				switch {
				case !in.Due.After(sp.to):
					if in.Due.After(dueIn) {
						dueIn = in.Due
					}
				case dueAfter.IsZero() || in.Due.Before(dueAfter):
					dueAfter = in.Due
				}
				if in.Delivered.After(v.delivered) {
					v.delivered = in.Delivered
				}
				if resultInPeriod(in, sp) {
					v.results = append(v.results, in)
				}
				v.evidence = append(v.evidence, acceptedEvidence(p.Evidence[in.ID])...)
			}
			v.due = cmp.Or(overdueDue, dueIn, dueAfter)
			v.inPeriod = len(statuses) > 0
			v.status = plan.NotStarted
			if v.inPeriod {
				v.status = plan.TaskStatus(statuses)
			}
			if !v.status.Finished() {
				v.delivered = time.Time{}
			}
		}
		views = append(views, v)
	}
	return views
}

// acceptedEvidence is the evidence the Office accepted, oldest document first.
func acceptedEvidence(list []*plan.Evidence) []*plan.Evidence {
	var out []*plan.Evidence
	for _, e := range list {
		if e != nil && e.State == plan.EvidenceAccepted {
			out = append(out, e)
		}
	}
	slices.SortStableFunc(out, func(a, b *plan.Evidence) int {
		return cmp.Or(evidenceDate(a).Compare(evidenceDate(b)), cmp.Compare(a.ID, b.ID))
	})
	return out
}

// evidenceDate is the date a piece of evidence is known by: its document's
// date, or when it was submitted.
func evidenceDate(e *plan.Evidence) time.Time {
	if e.DocDate != nil {
		return *e.DocDate
	}
	return e.SubmittedAt
}

// evidenceText describes a piece of evidence on one line: "Văn bản số
// 56/BC-SGDĐT ngày 22/09/2026 của Sở Giáo dục và Đào tạo: Báo cáo tự kiểm
// tra", or "Tệp bao-cao-quy-3.pdf: …".
func evidenceText(e *plan.Evidence) string {
	var s string
	if e.Kind == plan.EvidenceDocument {
		number := clean(e.DocNumber)
		for _, prefix := range []string{"Số:", "số:", "Số", "số"} {
			number = strings.TrimSpace(strings.TrimPrefix(number, prefix))
		}
		s = "Văn bản số " + number
		if e.DocDate != nil {
			s += " ngày " + shortDate(*e.DocDate)
		}
		if issuer := clean(e.DocIssuer); issuer != "" {
			s += " của " + issuer
		}
	} else {
		s = "Tệp " + clean(e.FileName)
	}
	if d := clean(e.Description); d != "" {
		s += ": " + d
	}
	return s
}

// evidenceLines is the evidence of a task, one item a line.
func evidenceLines(list []*plan.Evidence) string {
	lines := make([]string, len(list))
	for i, e := range list {
		lines[i] = evidenceText(e)
	}
	return strings.Join(lines, "\n")
}

// taskWording is the task's wording, cut at a word boundary near limit
// characters for a table cell.
func taskWording(n *plan.Node, limit int) string {
	s := clean(n.Title)
	if s == "" {
		s = clean(n.Text)
	}
	if limit <= 0 || utf8.RuneCountInString(s) <= limit {
		return s
	}
	r := []rune(s)[:limit]
	cut := strings.LastIndexByte(string(r), ' ')
	if cut < len(string(r))/2 {
		cut = len(string(r))
	}
	return strings.TrimRight(string(r)[:cut], " ,;:.") + "…"
}

// areaCounts are the counts of an area's tasks by their status in the
// period, the number of tasks of the period and of tasks unassigned.
type areaCounts struct {
	byStatus   plan.Counts
	inPeriod   int
	unassigned int
}

func countViews(views []*taskView) areaCounts {
	c := areaCounts{byStatus: plan.Counts{}}
	for _, v := range views {
		switch {
		case v.task.Assignment == nil:
			c.unassigned++
		case v.inPeriod:
			c.inPeriod++
			c.byStatus[v.status]++
		}
	}
	return c
}
