package report

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/hpdoet/cchc/indicator"
	"github.com/hpdoet/cchc/officedoc"
	"github.com/hpdoet/cchc/plan"
)

// Section headings of the report's body.
const (
	periodicHeadResults     = "I. KẾT QUẢ THỰC HIỆN"
	periodicHeadTargets     = "II. CÁC CHỈ TIÊU"
	periodicHeadDossiers    = "III. KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH"
	periodicHeadDifficulty  = "IV. KHÓ KHĂN, VƯỚNG MẮC"
	periodicHeadProposals   = "V. ĐỀ XUẤT, KIẾN NGHỊ"
	periodicHeadNextTasks   = "VI. NHIỆM VỤ TRỌNG TÂM" // followed by the next period: "QUÝ IV NĂM 2026", or "KỲ TỚI"
	periodicPlanDescription = "cải cách hành chính nhà nước trọng tâm giai đoạn 2026 - 2030 của Sở Giáo dục và Đào tạo Hải Phòng"
)

// Longest task wording in a table cell of the report; the appendix has it whole.
const periodicTaskChars = 220

// PeriodicDocument builds the periodic report as an administrative
// document (officedoc.Document) for WriteDOCX and WritePDF: the header,
// number, place and date; the title (Title); an opening paragraph; "I. KẾT
// QUẢ THỰC HIỆN" with, for each focus area II.1–II.6 of the plan and for
// the direction tasks of sections III and V, the counts of its tasks by
// their status in the period, a table of the tasks done or overdue in the
// period with their lead unit and evidence, and the Office's comment; "II.
// CÁC CHỈ TIÊU" with the plan's targets and the 766 index; "III. KẾT QUẢ
// GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH" with the dossier counts and a table by
// procedure; then difficulties, proposals and the next period's tasks from
// the narrative (a default sentence each when empty), the recipients and
// the signature. Input that Validate refuses is an EINVALID error.
func PeriodicDocument(p Periodic) (officedoc.Document, error) {
	if err := p.Validate(); err != nil {
		return officedoc.Document{}, err
	}
	sp, _ := p.resolve(map[string]string{})
	views := p.taskViews(sp)
	b := &periodicBody{}

	if p.Version >= 2 {
		b.para(p.versionNote())
	}
	b.para(orDefault(p.Narrative.Intro, p.defaultIntro(sp)))

	b.heading(1, periodicHeadResults)
	p.writeResults(b, sp, views)
	b.heading(1, periodicHeadTargets)
	if p.Kind == PeriodicRange && !p.From.IsZero() && !p.To.IsZero() && (p.From.Day() != 1 || p.To.AddDate(0, 0, 1).Day() != 1) {
		// A span of days: the targets and the index are computed from monthly sums.
		b.para(fmt.Sprintf("Các chỉ tiêu và Bộ chỉ số dưới đây tính theo các tháng của khoảng báo cáo (từ tháng %s đến tháng %s).",
			monthLabel(p.From.Format("2006-01")), monthLabel(p.To.Format("2006-01"))))
	}
	p.writeTargets(b, sp)
	b.heading(1, periodicHeadDossiers)
	p.writeDossiers(b)
	b.heading(1, periodicHeadDifficulty)
	b.para(orDefault(p.Narrative.Difficulties, p.defaultDifficulties(views)))
	b.heading(1, periodicHeadProposals)
	b.para(orDefault(p.Narrative.Proposals, "Không có đề xuất, kiến nghị."))
	next, hasNext := sp.next()
	if hasNext {
		b.heading(1, periodicHeadNextTasks+" "+strings.ToUpper(next.phrase()))
	} else {
		b.heading(1, periodicHeadNextTasks+" KỲ TỚI")
	}
	b.para(orDefault(p.Narrative.NextTasks, p.defaultNextTasks(views, next, hasNext)))
	b.para(fmt.Sprintf("Trên đây là báo cáo kết quả thực hiện công tác cải cách hành chính %s của %s./.", sp.phrase(), periodicIssuerIn))

	number := strings.TrimSpace(p.Number)
	if number == "" {
		number = periodicDraftNo
	}
	signer := p.Signer.Title
	if len(signer) == 0 {
		signer = DefaultPeriodicSigner
	}
	recipients := p.Recipients
	if len(recipients) == 0 {
		recipients = DefaultPeriodicRecipients
	}
	return officedoc.Document{
		Parent:      periodicParent,
		Issuer:      periodicIssuer,
		Number:      number,
		Place:       periodicPlace,
		Date:        p.Date,
		Kind:        periodicKind,
		Title:       p.Title(),
		Body:        b.blocks,
		Recipients:  recipients,
		SignerTitle: signer,
		SignerName:  p.Signer.Name,
	}, nil
}

// periodicBody collects the blocks of a document's body.
type periodicBody struct{ blocks []officedoc.Block }

func (b *periodicBody) heading(level int, text string) {
	b.blocks = append(b.blocks, officedoc.Heading{Level: level, Text: text})
}

func (b *periodicBody) para(text string) {
	if strings.TrimSpace(text) != "" {
		b.blocks = append(b.blocks, officedoc.Paragraph{Text: text})
	}
}

func (b *periodicBody) table(t officedoc.Table) { b.blocks = append(b.blocks, t) }

// orDefault is text, or def when text is blank.
func orDefault(text, def string) string {
	if strings.TrimSpace(text) == "" {
		return def
	}
	return text
}

// versionNote says which report this one replaces and why.
func (p Periodic) versionNote() string {
	previous := fmt.Sprintf("báo cáo cùng kỳ ban hành lần %d", p.Version-1)
	if r := clean(p.Replaces); r != "" {
		if !strings.HasPrefix(strings.ToLower(r), "số") {
			r = "số " + r
		}
		previous = fmt.Sprintf("Báo cáo %s (lần %d)", r, p.Version-1)
	}
	return fmt.Sprintf("Báo cáo này (ban hành lần %d) thay thế %s. Lý do: %s", p.Version, previous, strings.TrimSpace(p.Reason))
}

// planDocNumber matches a plan number that has the number itself, not only
// the symbol a draft carries ("/KH-SGDĐT").
var (
	planDocNumber = regexp.MustCompile(`^[0-9]+[^ ]*/[^ ]+$`)
	planDocDate   = regexp.MustCompile(`ngày\s+([0-9]{1,2})\s+tháng\s+([0-9]{1,2})\s+năm\s+([0-9]{4})`)
)

// defaultIntro is the opening sentence: it cites the plan by number and
// date when the plan has them, by name otherwise.
func (p Periodic) defaultIntro(sp periodSpan) string {
	what := periodicPlanDescription
	ref := "Kế hoạch"
	if d := p.Plan; d != nil {
		if t := clean(d.Title); t != "" {
			what = viLowerFirst(strings.TrimPrefix(strings.TrimPrefix(t, "Kế hoạch "), "kế hoạch "))
		}
		number := clean(d.Number)
		for _, prefix := range []string{"Số:", "số:", "Số", "số"} {
			number = strings.TrimSpace(strings.TrimPrefix(number, prefix))
		}
		if planDocNumber.MatchString(number) {
			ref += " số " + number
			if m := planDocDate.FindStringSubmatch(d.Place); m != nil {
				day, _ := strconv.Atoi(m[1])
				month, _ := strconv.Atoi(m[2])
				ref += fmt.Sprintf(" ngày %02d/%02d/%s", day, month, m[3])
			}
			return fmt.Sprintf("Thực hiện %s về %s, %s báo cáo kết quả thực hiện công tác cải cách hành chính %s như sau:",
				ref, what, periodicIssuerIn, sp.phrase())
		}
	}
	return fmt.Sprintf("Thực hiện Kế hoạch %s, %s báo cáo kết quả thực hiện công tác cải cách hành chính %s như sau:",
		what, periodicIssuerIn, sp.phrase())
}

// taskCountSentence sums up a group's tasks in the period: "Trong kỳ có 5
// nhiệm vụ phải thực hiện, trong đó: hoàn thành đúng hạn 2; hoàn thành
// muộn 1; đang thực hiện 1; quá hạn 1."
func taskCountSentence(c areaCounts, lead string) string {
	var s string
	if c.inPeriod == 0 {
		s = lead + " không có nhiệm vụ phải thực hiện."
	} else {
		s = fmt.Sprintf("%s có %s nhiệm vụ phải thực hiện, trong đó: hoàn thành đúng hạn %s; hoàn thành muộn %s; đang thực hiện %s; quá hạn %s",
			lead, viInt(int64(c.inPeriod)), viInt(int64(c.byStatus[plan.Done])), viInt(int64(c.byStatus[plan.DoneLate])),
			viInt(int64(c.byStatus[plan.InProgress])), viInt(int64(c.byStatus[plan.Overdue])))
		if n := c.byStatus[plan.NotStarted]; n > 0 {
			s += "; chưa bắt đầu " + viInt(int64(n))
		}
		s += "."
	}
	if c.unassigned > 0 {
		s += fmt.Sprintf(" Còn %s nhiệm vụ chưa được phân công thực hiện.", viInt(int64(c.unassigned)))
	}
	return s
}

// writeResults writes part I: a summary, then each group of tasks.
func (p Periodic) writeResults(b *periodicBody, sp periodSpan, views []*taskView) {
	b.para(taskCountSentence(countViews(views), "Tổng hợp chung, trong kỳ toàn Sở") +
		" Chi tiết từng nhiệm vụ tại Phụ lục kèm theo Báo cáo này.")
	names := areaNames(p.Plan)
	byArea := map[string][]*taskView{}
	for _, v := range views {
		byArea[v.area] = append(byArea[v.area], v)
	}
	for i, area := range areaOrder {
		b.heading(2, fmt.Sprintf("%d. %s", i+1, names[area]))
		group := byArea[area]
		b.para(taskCountSentence(countViews(group), "Trong kỳ"))
		if t, ok := taskResultTable(group, p.Evidence); ok {
			b.table(t)
		}
		if area == areaDirection {
			b.para(p.Narrative.Direction)
		} else {
			b.para(p.Narrative.Areas[area])
		}
	}
}

// taskResultTable is the table of a group's tasks done or overdue in the
// period, one row a task: for a recurring task, a line of result per
// period ("Quý 3/2026: hoàn thành ngày 22/09/2026"); false when there are
// none.
func taskResultTable(views []*taskView, evidence map[int64][]*plan.Evidence) (officedoc.Table, bool) {
	t := officedoc.Table{
		Header: []string{"STT", "Nhiệm vụ", "Đơn vị chủ trì", "Kết quả", "Minh chứng"},
		Widths: []float64{12, 55, 25, 30, 43}, // millimetres of the 165 of the text width
		Align:  []officedoc.Align{officedoc.AlignCenter, officedoc.AlignLeft, officedoc.AlignLeft, officedoc.AlignLeft, officedoc.AlignLeft},
	}
	for _, v := range views {
		if len(v.results) == 0 {
			continue
		}
		var results, proofs []string
		for _, in := range v.results {
			results = append(results, instanceResult(in))
			for _, e := range acceptedEvidence(evidence[in.ID]) {
				proofs = append(proofs, evidenceText(e))
			}
		}
		if len(proofs) == 0 {
			proofs = []string{"Chưa có minh chứng được chấp nhận"}
		}
		t.Rows = append(t.Rows, []string{viInt(int64(len(t.Rows) + 1)), v.task.Node.Code + ". " + taskWording(v.task.Node, periodicTaskChars),
			v.lead, strings.Join(results, "\n"), strings.Join(proofs, "\n")})
	}
	return t, len(t.Rows) > 0
}

// instanceResult is the result of an instance done or overdue: "Hoàn thành
// ngày 10/09/2026", "Quá hạn (hạn 31/08/2026)", "Quý 3/2026: hoàn thành
// muộn ngày 25/09/2026 (hạn 20/09/2026)" for one period of a recurring task.
func instanceResult(in *plan.InstanceState) string {
	var s string
	switch in.Status {
	case plan.Done:
		s = "hoàn thành ngày " + shortDate(in.Delivered)
	case plan.DoneLate:
		s = "hoàn thành muộn ngày " + shortDate(in.Delivered) + " (hạn " + shortDate(in.Due) + ")"
	default:
		s = "quá hạn (hạn " + shortDate(in.Due) + ")"
	}
	if in.Period == "" || in.Period == "once" {
		return viUpperFirst(s)
	}
	return plan.PeriodName(in.Period) + ": " + s
}

// writeTargets writes part II: the plan's targets, then the 766 index.
func (p Periodic) writeTargets(b *periodicBody, sp periodSpan) {
	b.heading(2, "1. Các chỉ tiêu của Kế hoạch")
	if len(p.Indicators) == 0 {
		b.para("Chưa có số liệu các chỉ tiêu của Kế hoạch trong kỳ.")
	} else {
		counts := map[string]int{}
		t := officedoc.Table{
			Header: []string{"Mã", "Chỉ tiêu", "Kết quả", "Mục tiêu", "Đánh giá"},
			Widths: []float64{15, 75, 22, 22, 31},
			Align:  []officedoc.Align{officedoc.AlignCenter, officedoc.AlignLeft, officedoc.AlignRight, officedoc.AlignRight, officedoc.AlignLeft},
		}
		for _, v := range p.Indicators {
			counts[v.Status]++
			t.Rows = append(t.Rows, []string{clean(v.Code), clean(v.Name), viValue(v.Value, v.Unit), indicatorTargetText(v), indicatorStatusName(v.Status)})
		}
		var parts []string
		for _, s := range indicatorStatuses {
			if counts[s] > 0 {
				parts = append(parts, fmt.Sprintf("%s %s", viLowerFirst(indicatorStatusName(s)), viInt(int64(counts[s]))))
			}
		}
		phase := ""
		if ph := (indicator.Period{Period: plan.Period{From: sp.from}}).Phase(); ph != "" {
			phase = fmt.Sprintf(" (mục tiêu của giai đoạn %s)", strings.Replace(ph, "-", " - ", 1))
		}
		b.para(fmt.Sprintf("Kết quả thực hiện %s chỉ tiêu của Kế hoạch%s: %s.", viInt(int64(len(p.Indicators))), phase, strings.Join(parts, "; ")))
		b.table(t)
	}

	b.heading(2, "2. Chỉ số phục vụ người dân, doanh nghiệp (Quyết định số 766/QĐ-TTg)")
	if len(p.Index.Groups) == 0 {
		b.para("Chưa có số liệu Chỉ số phục vụ người dân, doanh nghiệp trong kỳ.")
		return
	}
	idx := p.Index
	s := fmt.Sprintf("Các tiêu chí hệ thống đo được đạt %s/%s điểm (thang điểm %s); các tiêu chí cần dữ liệu ngoài hệ thống được ghi «Chưa đo được» và không tính điểm.",
		viDecimal(idx.Score, 2), viDecimal(idx.Measurable, 2), viDecimal(idx.Max, 2))
	if idx.AvgDays != nil {
		s += fmt.Sprintf(" Thời gian giải quyết bình quân một hồ sơ: %s ngày làm việc.", viDecimal(*idx.AvgDays, 2))
	}
	b.para(s)
	t := officedoc.Table{
		Header: []string{"Mã", "Nhóm chỉ số, tiêu chí", "Tỷ lệ", "Điểm", "Tối đa"},
		Widths: []float64{21, 82, 26, 19, 17},
		Align:  []officedoc.Align{officedoc.AlignCenter, officedoc.AlignLeft, officedoc.AlignRight, officedoc.AlignRight, officedoc.AlignRight},
	}
	for _, g := range idx.Groups {
		t.Rows = append(t.Rows, []string{"Nhóm " + clean(g.No), strings.ToUpper(clean(g.Name)), "", viDecimal(g.Score, 2), viDecimal(g.Max, 2)})
		for _, c := range g.Components {
			ratio, score := "Chưa đo được", "-"
			if c.Measured {
				ratio = "Không có số liệu"
				if c.Ratio != nil {
					ratio = viDecimal(*c.Ratio, 1) + "%"
				}
				if c.Score != nil {
					score = viDecimal(*c.Score, 2)
				}
			}
			t.Rows = append(t.Rows, []string{clean(c.Code), clean(c.Name), ratio, score, viDecimal(c.Max, 2)})
		}
	}
	t.Rows = append(t.Rows, []string{"", "Tổng điểm (phần đo được)", "", viDecimal(idx.Score, 2), viDecimal(idx.Measurable, 2)})
	b.table(t)
}

// indicatorStatuses are the statuses of an indicator in the order the
// report counts them.
var indicatorStatuses = []string{
	indicator.StatusMet, indicator.StatusOnTrack, indicator.StatusAtRisk, indicator.StatusMissed,
	indicator.StatusNoData, indicator.StatusNoTarget,
}

// indicatorStatusName is the Vietnamese đánh giá of an indicator status.
func indicatorStatusName(s string) string {
	switch s {
	case indicator.StatusMet:
		return "Đạt"
	case indicator.StatusOnTrack:
		return "Đúng tiến độ"
	case indicator.StatusAtRisk:
		return "Có nguy cơ không đạt"
	case indicator.StatusMissed:
		return "Không đạt"
	case indicator.StatusNoTarget:
		return "Không có mục tiêu cho kỳ"
	}
	return "Chưa có số liệu"
}

// indicatorTargetText is an indicator's target for the period: "≥ 95%", "Định
// tính" for a qualitative one, "-" when the period's phase sets none.
func indicatorTargetText(v indicator.Value) string {
	switch {
	case v.Direction == plan.DirQualitative:
		return "Định tính"
	case v.Target == nil:
		return "-"
	case v.Direction == plan.DirAtMost:
		return "≤ " + viValue(v.Target, v.Unit)
	}
	return "≥ " + viValue(v.Target, v.Unit)
}

// writeDossiers writes part III: the dossier counts as sentences, then the
// table by procedure.
func (p Periodic) writeDossiers(b *periodicBody) {
	c := p.Dossiers.total()
	if c == (DossierCounts{}) {
		b.para("Trong kỳ, Sở không tiếp nhận, giải quyết hồ sơ thủ tục hành chính.")
		return
	}
	b.para(fmt.Sprintf("Trong kỳ, Sở tiếp nhận %s hồ sơ (trong đó %s hồ sơ nộp trực tuyến, chiếm %s); kỳ trước chuyển sang %s hồ sơ.",
		viInt(c.Received), viInt(c.Online), viPercent(c.Online, c.Received), viInt(c.CarriedOver)))
	settled := fmt.Sprintf("Đã giải quyết %s hồ sơ", viInt(c.Settled()))
	if c.Settled() > 0 {
		settled += fmt.Sprintf(", trong đó đúng hạn và trước hạn %s hồ sơ (đạt %s), quá hạn %s hồ sơ (%s)",
			viInt(c.SettledOnTime), viPercent(c.SettledOnTime, c.Settled()), viInt(c.SettledLate), viPercent(c.SettledLate, c.Settled()))
	}
	settled += fmt.Sprintf(". Đang giải quyết %s hồ sơ, trong đó quá hạn %s hồ sơ.", viInt(c.Open), viInt(c.OpenLate))
	b.para(settled)

	var digital []string
	if c.Results > 0 {
		digital = append(digital, fmt.Sprintf("cấp kết quả điện tử %s/%s hồ sơ có kết quả (%s)", viInt(c.EResults), viInt(c.Results), viPercent(c.EResults, c.Results)))
	}
	if c.FeeDossiers > 0 {
		digital = append(digital, fmt.Sprintf("thanh toán trực tuyến %s/%s hồ sơ có phí, lệ phí (%s)", viInt(c.PaidOnline), viInt(c.FeeDossiers), viPercent(c.PaidOnline, c.FeeDossiers)))
	} else {
		digital = append(digital, "không phát sinh hồ sơ có phí, lệ phí")
	}
	if c.Received > 0 {
		digital = append(digital, fmt.Sprintf("khai thác, sử dụng lại dữ liệu đã số hóa ở %s hồ sơ (%s số hồ sơ tiếp nhận)", viInt(c.Reused), viPercent(c.Reused, c.Received)))
	}
	b.para(viUpperFirst(strings.Join(digital, "; ")) + ".")

	if len(p.Dossiers.ByProcedure) == 0 {
		return
	}
	b.para("Kết quả giải quyết theo từng thủ tục hành chính:")
	t := officedoc.Table{
		Header: []string{"STT", "Thủ tục hành chính", "Tiếp nhận", "Trực tuyến", "Đã giải quyết", "Đúng hạn", "Quá hạn", "Tỷ lệ đúng hạn", "Đang giải quyết"},
		Widths: []float64{12, 44, 15, 15, 16, 15, 14, 17, 17},
		Align: []officedoc.Align{officedoc.AlignCenter, officedoc.AlignLeft, officedoc.AlignRight, officedoc.AlignRight,
			officedoc.AlignRight, officedoc.AlignRight, officedoc.AlignRight, officedoc.AlignRight, officedoc.AlignRight},
	}
	row := func(no, name string, c DossierCounts) []string {
		return []string{no, name, viInt(c.Received), viPercent(c.Online, c.Received), viInt(c.Settled()),
			viInt(c.SettledOnTime), viInt(c.SettledLate), viPercent(c.SettledOnTime, c.Settled()), viInt(c.Open)}
	}
	var sum DossierCounts
	for i, r := range p.Dossiers.ByProcedure {
		sum = sum.add(r.DossierCounts)
		t.Rows = append(t.Rows, row(viInt(int64(i+1)), clean(r.Name), r.DossierCounts))
	}
	t.Rows = append(t.Rows, row("", "Tổng cộng", sum))
	b.table(t)
}

// defaultDifficulties names what is behind: overdue tasks and late dossiers.
func (p Periodic) defaultDifficulties(views []*taskView) string {
	var overdue []string
	for _, v := range views {
		if v.inPeriod && v.status == plan.Overdue {
			overdue = append(overdue, v.task.Node.Code)
		}
	}
	c := p.Dossiers.total()
	var parts []string
	if len(overdue) > 0 {
		parts = append(parts, fmt.Sprintf("còn %s nhiệm vụ quá hạn chưa hoàn thành (%s)", viInt(int64(len(overdue))), strings.Join(overdue, ", ")))
	}
	if late := c.SettledLate + c.OpenLate; late > 0 {
		parts = append(parts, fmt.Sprintf("còn %s hồ sơ thủ tục hành chính giải quyết quá hạn", viInt(late)))
	}
	if len(parts) == 0 {
		return "Trong kỳ, không có khó khăn, vướng mắc phát sinh."
	}
	return "Trong kỳ, " + strings.Join(parts, "; ") + "."
}

// defaultNextTasks is the plan's work ahead: overdue tasks to finish and
// the tasks falling due in the next period.
func (p Periodic) defaultNextTasks(views []*taskView, next periodSpan, hasNext bool) string {
	var overdue, due int
	for _, v := range views {
		if v.inPeriod && v.status == plan.Overdue {
			overdue++
		}
		if hasNext && v.task.Assignment != nil {
			for _, in := range v.task.Instances {
				if next.contains(in.Due) && !in.Status.Finished() {
					due++
					break
				}
			}
		}
	}
	s := "Tiếp tục triển khai các nhiệm vụ của Kế hoạch " + periodicPlanDescription + " theo Phụ lục phân công"
	var focus []string
	if overdue > 0 {
		focus = append(focus, fmt.Sprintf("hoàn thành %s nhiệm vụ đang quá hạn", viInt(int64(overdue))))
	}
	if due > 0 {
		focus = append(focus, fmt.Sprintf("thực hiện %s nhiệm vụ đến hạn trong %s", viInt(int64(due)), next.phrase()))
	}
	if len(focus) > 0 {
		s += ", trong đó tập trung: " + strings.Join(focus, "; ")
	}
	return s + "; nâng cao chất lượng giải quyết thủ tục hành chính và cung cấp dịch vụ công trực tuyến."
}

// monthLabel writes "2026-03" as "3/2026".
func monthLabel(m string) string {
	if len(m) != 7 {
		return m
	}
	return strings.TrimPrefix(m[5:], "0") + "/" + m[:4]
}
