package report

import (
	"fmt"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/hpdoet/cchc"
	"github.com/hpdoet/cchc/indicator"
	"github.com/hpdoet/cchc/plan"
	"github.com/hpdoet/cchc/plans"
)

// Texts of the periodic fixture that the document and the workbook must
// carry exactly.
const (
	pfAreaComment = `Đã rà soát 22 thủ tục hành chính; đề xuất đơn giản hóa 5 thủ tục. Ký tự đặc biệt: <b>không phải thẻ</b> & "trích dẫn" 'đơn' – 100%.`
	pfDifficulty1 = "Hạ tầng kết nối với Cổng Dịch vụ công quốc gia còn gián đoạn vào cuối quý."
	pfDifficulty2 = "Một số cơ sở giáo dục chưa cập nhật đầy đủ dữ liệu học sinh."
	pfEvidence1   = "Văn bản số 56/BC-SGDĐT ngày 22/09/2026 của Sở Giáo dục và Đào tạo: Báo cáo kết quả tự kiểm tra văn bản quy phạm pháp luật quý III"
	pfEvidence2   = "Văn bản số 2150/QĐ-UBND ngày 24/09/2026 của UBND thành phố Hải Phòng: Quyết định công bố danh mục thủ tục hành chính lĩnh vực giáo dục"
	pfEvidence3   = "Tệp ke-hoach-tu-chu-kinh-phi-2026.pdf: Kế hoạch thực hiện cơ chế tự chủ kinh phí quản lý hành chính"
	pfEvidence4   = "Văn bản số 3001/BC-SGDĐT ngày 14/09/2026 của Sở Giáo dục và Đào tạo: Báo cáo công tác cải cách hành chính quý III gửi Sở Nội vụ"
	pfReturned    = "55/BC-SGDĐT" // the number of evidence the Office returned: never reported
	pfSigner      = "Nguyễn Thị Thu Hương"
)

// pfSeedTasks returns the seed plan and one unassigned task per task node, in
// plan order, the way storage loads them.
func pfSeedTasks(tb testing.TB) (*plan.Document, []*plan.Task, map[string]*plan.Task) {
	tb.Helper()
	doc, err := plan.ParseDocument(plans.SeedPlan())
	if err != nil {
		tb.Fatalf("parse seed plan: %v", err)
	}
	var tasks []*plan.Task
	byCode := map[string]*plan.Task{}
	doc.Walk(func(n *plan.Node, _ string, _ int) {
		if n.Task {
			t := &plan.Task{Node: n, Section: strings.SplitN(n.Code, ".", 2)[0]}
			tasks = append(tasks, t)
			byCode[n.Code] = t
		}
	})
	for _, t := range tasks {
		t.Derive(date(2026, 1, 1))
	}
	if len(tasks) != 53 {
		tb.Fatalf("seed plan has %d tasks, want 53", len(tasks))
	}
	return doc, tasks, byCode
}

// periodicUnits are the Sở's units the fixture assigns tasks to.
func periodicUnits() map[int64]*cchc.Unit {
	return map[int64]*cchc.Unit{
		1: {ID: 1, Code: "VP", Name: "Văn phòng Sở", Kind: cchc.UnitOffice, Active: true, Position: 1},
		2: {ID: 2, Code: "TCCB", Name: "Phòng Tổ chức cán bộ", Kind: cchc.UnitDivision, Active: true, Position: 2},
		3: {ID: 3, Code: "KHTC", Name: "Phòng Kế hoạch - Tài chính", Kind: cchc.UnitDivision, Active: true, Position: 3},
		4: {ID: 4, Code: "GDTrH", Name: "Phòng Giáo dục Trung học", Kind: cchc.UnitDivision, Active: true, Position: 4},
		5: {ID: 5, Code: "QLCL", Name: "Phòng Quản lý chất lượng", Kind: cchc.UnitDivision, Active: true, Position: 5},
		6: {ID: 6, Code: "TTr", Name: "Thanh tra Sở", Kind: cchc.UnitDivision, Active: true, Position: 6},
	}
}

// pfAssigner gives tasks assignments and instances with IDs, as storage would.
type pfAssigner struct {
	nextAssignment, nextInstance, nextEvidence int64
	evidence                                   map[int64][]*plan.Evidence
}

// assign gives t an assignment and its instances, delivered on the dates
// given by period key, with a progress note on each when activity is set,
// then derives the statuses as of today.
func (a *pfAssigner) assign(t *plan.Task, lead int64, co []int64, rec plan.Recurrence, start, due time.Time,
	delivered map[string]time.Time, activity bool, today time.Time) {
	a.nextAssignment++
	as := &plan.Assignment{ID: a.nextAssignment, NodeCode: t.Node.Code, LeadUnitID: lead, CoUnitIDs: co,
		Product: "Báo cáo, văn bản triển khai", Start: start, Due: due, Recurrence: rec}
	t.Assignment = as
	t.Instances = nil
	for _, in := range as.Instances() {
		a.nextInstance++
		in.ID = a.nextInstance
		t.Instances = append(t.Instances, &plan.InstanceState{Instance: in, Delivered: delivered[in.Period], AnyActivity: activity})
	}
	t.Derive(today)
}

// pfInstance is the instance of t for the period key.
func pfInstance(tb testing.TB, t *plan.Task, period string) *plan.InstanceState {
	tb.Helper()
	for _, in := range t.Instances {
		if in.Period == period {
			return in
		}
	}
	tb.Fatalf("task %s has no instance %s", t.Node.Code, period)
	return nil
}

// addDocument records a document as evidence of an instance.
func (a *pfAssigner) addDocument(in *plan.InstanceState, state, number string, day time.Time, issuer, description string) {
	a.nextEvidence++
	d := day
	a.evidence[in.ID] = append(a.evidence[in.ID], &plan.Evidence{ID: a.nextEvidence, InstanceID: in.ID, Kind: plan.EvidenceDocument,
		DocNumber: number, DocDate: &d, DocIssuer: issuer, Description: description, State: state, SubmittedAt: day.Add(9 * time.Hour)})
}

// addFile records an uploaded file as evidence of an instance.
func (a *pfAssigner) addFile(in *plan.InstanceState, name, description string, at time.Time) {
	a.nextEvidence++
	a.evidence[in.ID] = append(a.evidence[in.ID], &plan.Evidence{ID: a.nextEvidence, InstanceID: in.ID, Kind: plan.EvidenceFile,
		FileSHA256: strings.Repeat("ab", 32), FileName: name, FileType: "application/pdf", FileSize: 123456,
		Description: description, State: plan.EvidenceAccepted, SubmittedAt: at})
}

// periodicFixture is the report of quarter III of 2026, dated 05/10/2026,
// on the seed plan with ten tasks assigned. In the quarter:
//   - done on time: II.1.a.1 (quarterly), II.5.b, V.2.2.3 (quarterly);
//   - done late: II.2.b.1 (quarterly, due 20/09, delivered 25/09);
//   - in progress: II.2.a.2.2 (yearly), II.4.đ (half-yearly, H2);
//   - overdue: II.1.b (due 31/08), II.6.c (due 30/09), II.6.d (due 30/06,
//     carried over from quarter II);
//   - out of the period: II.3.a (done 15/06).
//
// The other 43 tasks are unassigned.
func periodicFixture(tb testing.TB) Periodic {
	tb.Helper()
	doc, tasks, byCode := pfSeedTasks(tb)
	today := date(2026, 10, 5)
	a := &pfAssigner{evidence: map[int64][]*plan.Evidence{}}
	sgd := "Sở Giáo dục và Đào tạo"

	a.assign(byCode["II.1.a.1"], 6, []int64{1}, plan.Quarterly, date(2026, 1, 1), date(2026, 3, 25),
		map[string]time.Time{"2026-Q1": date(2026, 3, 20), "2026-Q2": date(2026, 6, 24), "2026-Q3": date(2026, 9, 22)}, true, today)
	q3 := pfInstance(tb, byCode["II.1.a.1"], "2026-Q3")
	a.addDocument(q3, plan.EvidenceReturned, pfReturned, date(2026, 9, 15), sgd, "Báo cáo chưa đủ nội dung")
	a.addDocument(q3, plan.EvidenceAccepted, "56/BC-SGDĐT", date(2026, 9, 22), sgd, "Báo cáo kết quả tự kiểm tra văn bản quy phạm pháp luật quý III")

	a.assign(byCode["II.1.b"], 2, nil, plan.Once, date(2026, 3, 1), date(2026, 8, 31), nil, true, today)
	a.addDocument(pfInstance(tb, byCode["II.1.b"], "once"), plan.EvidenceReturned, "Số: 88/TTr-SGDĐT", date(2026, 8, 20), sgd, "Dự thảo chưa được thông qua")

	a.assign(byCode["II.2.a.2.2"], 1, []int64{4, 5}, plan.Yearly, date(2026, 1, 1), date(2026, 12, 31), nil, true, today)

	a.assign(byCode["II.2.b.1"], 1, nil, plan.Quarterly, date(2026, 1, 1), date(2026, 3, 20),
		map[string]time.Time{"2026-Q1": date(2026, 3, 18), "2026-Q2": date(2026, 6, 19), "2026-Q3": date(2026, 9, 25)}, true, today)
	a.addDocument(pfInstance(tb, byCode["II.2.b.1"], "2026-Q3"), plan.EvidenceAccepted, "2150/QĐ-UBND", date(2026, 9, 24),
		"UBND thành phố Hải Phòng", "Quyết định công bố danh mục thủ tục hành chính lĩnh vực giáo dục")

	a.assign(byCode["II.3.a"], 2, nil, plan.Once, date(2026, 2, 1), date(2026, 6, 30),
		map[string]time.Time{"once": date(2026, 6, 15)}, true, today)

	a.assign(byCode["II.4.đ"], 2, nil, plan.HalfYearly, date(2026, 1, 1), date(2026, 6, 30),
		map[string]time.Time{"2026-H1": date(2026, 6, 28)}, true, today)

	a.assign(byCode["II.5.b"], 3, nil, plan.Once, date(2026, 4, 1), date(2026, 9, 15),
		map[string]time.Time{"once": date(2026, 9, 10)}, true, today)
	a.addFile(pfInstance(tb, byCode["II.5.b"], "once"), "ke-hoach-tu-chu-kinh-phi-2026.pdf",
		"Kế hoạch thực hiện cơ chế tự chủ kinh phí quản lý hành chính", time.Date(2026, 9, 10, 3, 0, 0, 0, time.UTC))

	a.assign(byCode["II.6.c"], 4, nil, plan.Once, date(2026, 4, 1), date(2026, 9, 30), nil, false, today)
	a.assign(byCode["II.6.d"], 1, nil, plan.Once, date(2026, 2, 1), date(2026, 6, 30), nil, true, today)

	a.assign(byCode["V.2.2.3"], 1, nil, plan.Quarterly, date(2026, 1, 1), date(2026, 3, 15),
		map[string]time.Time{"2026-Q1": date(2026, 3, 10), "2026-Q2": date(2026, 6, 12), "2026-Q3": date(2026, 9, 14)}, true, today)
	a.addDocument(pfInstance(tb, byCode["V.2.2.3"], "2026-Q3"), plan.EvidenceAccepted, "3001/BC-SGDĐT", date(2026, 9, 14), sgd,
		"Báo cáo công tác cải cách hành chính quý III gửi Sở Nội vụ")

	return Periodic{
		Kind:       PeriodicQuarter,
		Period:     indicator.MustPeriod("2026-Q3"),
		Date:       today,
		Plan:       doc,
		Tasks:      tasks,
		Evidence:   a.evidence,
		Units:      periodicUnits(),
		Indicators: periodicIndicators(),
		Index:      periodicIndex(indicator.MustPeriod("2026-Q3"), today),
		Dossiers:   periodicDossiers(),
		Narrative: Narrative{
			Areas:        map[string]string{"II.2": pfAreaComment},
			Difficulties: pfDifficulty1 + "\r\n" + pfDifficulty2,
		},
		Signer: Signer{Name: pfSigner},
	}
}

func pfFloat(v float64) *float64 { return &v }

// periodicIndicators are some of the plan's targets in quarter III of 2026,
// with each status an indicator can have in 2026 but "missed".
func periodicIndicators() []indicator.Value {
	return []indicator.Value{
		{Code: "CT-01", Name: "Mức độ trưởng thành về quản trị dữ liệu đạt cấp độ 3", Unit: "cấp độ", Kind: indicator.KindEntered,
			Direction: plan.DirAtLeast, Target: pfFloat(3), Value: pfFloat(2), Status: indicator.StatusOnTrack,
			Entry: &indicator.Entry{Evidence: "Công văn số 1234/SKHCN-CĐS ngày 12/08/2026", Note: "Tự đánh giá"}},
		{Code: "CT-02", Name: "Thủ tục hành chính đủ điều kiện cung cấp dịch vụ công trực tuyến toàn trình", Unit: "%",
			Kind: indicator.KindComputed, Direction: plan.DirAtLeast, Target: pfFloat(100), Value: pfFloat(100), Num: 22, Den: 22, Status: indicator.StatusMet},
		{Code: "CT-03", Name: "Tỷ lệ cấp kết quả giải quyết thủ tục hành chính điện tử", Unit: "%", Kind: indicator.KindComputed,
			Direction: plan.DirAtLeast, Target: pfFloat(100), Value: pfFloat(92.5), Num: 1110, Den: 1200, Status: indicator.StatusAtRisk},
		{Code: "CT-04", Name: "Tỷ lệ hài lòng khi sử dụng dịch vụ công trực tuyến", Unit: "%", Kind: indicator.KindMissing,
			Direction: plan.DirAtLeast, Target: pfFloat(95), Status: indicator.StatusNoData},
		{Code: "CT-05", Name: "Chất lượng đội ngũ cán bộ, công chức, viên chức", Kind: indicator.KindEntered,
			Direction: plan.DirQualitative, Status: indicator.StatusNoData},
		{Code: "CT-08", Name: "Tỷ lệ thanh toán trực tuyến trên Cổng Dịch vụ công quốc gia", Unit: "%", Kind: indicator.KindComputed,
			Direction: plan.DirAtLeast, Value: pfFloat(99.2), Num: 1075, Den: 1084, Status: indicator.StatusNoTarget},
		{Code: "CT-15", Name: "Cắt giảm thời gian giải quyết thủ tục hành chính so với năm 2024", Unit: "%", Kind: indicator.KindComputed,
			Direction: plan.DirAtLeast, Target: pfFloat(50), Value: pfFloat(12.5), Status: indicator.StatusOnTrack},
	}
}

// periodicIndex is the 766 index with the real groups and criteria and
// fixture ratios for the ones cchc measures; a measured criterion's score
// here is its maximum times its ratio.
func periodicIndex(period indicator.Period, now time.Time) indicator.Index {
	idx := indicator.ServiceIndex(&indicator.Data{Period: period, Now: now})
	ratios := map[string]float64{"1.3": 100, "2.1": 98.4, "3.1": 100, "3.2": 90.9, "3.3": 95.9, "3.6": 99.2,
		"3.4": 100, "3.5": 100, "4.1": 95.8, "4.2": 88, "4.3": 34.8, "5.4": 96.1}
	idx.Score, idx.Measurable = 0, 0
	for gi := range idx.Groups {
		g := &idx.Groups[gi]
		g.Score, g.Measurable = 0, 0
		for ci := range g.Components {
			c := &g.Components[ci]
			r, ok := ratios[c.Code]
			if !c.Measured || !ok {
				continue
			}
			score := math.Round(c.Max*r) / 100
			c.Ratio, c.Score, c.Num, c.Den, c.Note = pfFloat(r), pfFloat(score), math.Round(r*10), 1000, ""
			g.Score += score
			g.Measurable += c.Max
		}
		g.Score = math.Round(g.Score*100) / 100
		idx.Score += g.Score
		idx.Measurable += g.Measurable
	}
	idx.Score = math.Round(idx.Score*100) / 100
	idx.AvgDays = pfFloat(4.25)
	return idx
}

// periodicDossiers are three procedures' dossiers; Total is left for the
// report to add up: 1.234 received, 1.184 online (95,9%), 1.190 settled of
// which 1.180 on time (99,2%) and 10 late, 51 open of which 1 late.
func periodicDossiers() DossierStats {
	p1 := DossierRow{Code: "1.005092", Name: "Cấp bản sao văn bằng, chứng chỉ từ sổ gốc", DossierCounts: DossierCounts{
		CarriedOver: 5, Received: 1020, Online: 1000, SettledOnTime: 990, SettledLate: 6, Open: 29, OpenLate: 1,
		Results: 996, EResults: 990, FeeDossiers: 1020, PaidOnline: 1015, Reused: 400}}
	p2 := DossierRow{Code: "2.002480", Name: "Chỉnh sửa nội dung văn bằng, chứng chỉ", DossierCounts: DossierCounts{
		CarriedOver: 2, Received: 150, Online: 120, SettledOnTime: 140, SettledLate: 4, Open: 8,
		Results: 144, EResults: 100, Reused: 30}}
	p3 := DossierRow{Code: "1.001088", Name: "Cho phép trung tâm ngoại ngữ, tin học hoạt động giáo dục", DossierCounts: DossierCounts{
		Received: 64, Online: 64, SettledOnTime: 50, Open: 14, Results: 50, EResults: 50, FeeDossiers: 64, PaidOnline: 60}}
	return DossierStats{
		ByProcedure: []DossierRow{p1, p2, p3},
		ByUnit: []DossierRow{
			{Code: "VP", Name: "Văn phòng Sở (Bộ phận một cửa)", DossierCounts: p1.add(p2.DossierCounts)},
			{Code: "GDTrH", Name: "Phòng Giáo dục Trung học", DossierCounts: p3.DossierCounts},
		},
	}
}

// yearFixture is the report of the year 2026, dated 10/01/2027, with every
// task of the seed plan assigned (recurrences and units in turn, most
// instances delivered with a document, some late, some not at all) and 22
// procedures.
func yearFixture(tb testing.TB) Periodic {
	tb.Helper()
	doc, tasks, _ := pfSeedTasks(tb)
	today := date(2027, 1, 10)
	a := &pfAssigner{evidence: map[int64][]*plan.Evidence{}}
	recurrences := []plan.Recurrence{plan.Quarterly, plan.HalfYearly, plan.Yearly, plan.Once}
	dues := map[plan.Recurrence]time.Time{
		plan.Quarterly: date(2026, 3, 25), plan.HalfYearly: date(2026, 6, 25), plan.Yearly: date(2026, 12, 15), plan.Once: date(2026, 9, 30),
	}
	for i, t := range tasks {
		rec := recurrences[i%len(recurrences)]
		delivered := map[string]time.Time{}
		probe := &plan.Assignment{Start: date(2026, 1, 1), Due: dues[rec], Recurrence: rec}
		for k, in := range probe.Instances() {
			if in.Due.After(today) {
				break
			}
			switch (i + k) % 7 {
			case 0: // not delivered: overdue
			case 1:
				delivered[in.Period] = in.Due.AddDate(0, 0, 4) // late
			default:
				delivered[in.Period] = in.Due.AddDate(0, 0, -((i + k) % 5))
			}
		}
		a.assign(t, int64(i%6)+1, nil, rec, date(2026, 1, 1), dues[rec], delivered, true, today)
		for _, in := range t.Instances {
			if !in.Delivered.IsZero() {
				a.addDocument(in, plan.EvidenceAccepted, fmt.Sprintf("%d/BC-SGDĐT", 100+int(in.ID)), in.Delivered,
					"Sở Giáo dục và Đào tạo", "Báo cáo kết quả thực hiện "+strings.ToLower(plan.PeriodName(in.Period)))
			}
		}
	}
	var stats DossierStats
	for i := range 22 {
		n := int64(40 + 37*i)
		c := DossierCounts{CarriedOver: n / 20, Received: n, Online: n * 9 / 10, SettledOnTime: n*9/10 - int64(i%3),
			SettledLate: int64(i % 3), Open: n / 10, OpenLate: int64(i % 2), Results: n * 9 / 10, EResults: n * 8 / 10,
			FeeDossiers: n / 2, PaidOnline: n * 2 / 5, Reused: n / 3}
		stats.ByProcedure = append(stats.ByProcedure, DossierRow{Code: fmt.Sprintf("1.%06d", 5000+i),
			Name: fmt.Sprintf("Thủ tục hành chính lĩnh vực giáo dục và đào tạo số %d", i+1), DossierCounts: c})
		u := i % 6
		if len(stats.ByUnit) <= u {
			unit := periodicUnits()[int64(u+1)]
			stats.ByUnit = append(stats.ByUnit, DossierRow{Code: unit.Code, Name: unit.Name})
		}
		stats.ByUnit[u].DossierCounts = stats.ByUnit[u].add(c)
	}
	year := indicator.MustPeriod("2026")
	return Periodic{
		Kind: PeriodicYear, Period: year, Number: "312/BC-SGDĐT", Date: today, Plan: doc, Tasks: tasks,
		Evidence: a.evidence, Units: periodicUnits(), Indicators: periodicIndicators(), Index: periodicIndex(year, today),
		Dossiers: stats, Signer: Signer{Name: pfSigner},
	}
}
