package indicator

import (
	"math"
	"time"

	"github.com/hpdoet/cchc/plan"
	"github.com/hpdoet/cchc/procedure"
)

// Row is a sum of facts of one metric, month, procedure and key.
type Row struct {
	Metric    string `json:"metric"`
	Month     string `json:"month"`
	Procedure string `json:"procedure"`
	K         string `json:"k,omitempty"`
	N         int64  `json:"n"`
}

// ProcInfo is what the catalog-based measures need of a procedure.
type ProcInfo struct {
	Code      string
	Name      string
	Unit      string // the owner unit (OwnerUnit)
	Level     string // procedure.Level*
	Eligible  bool   // đủ điều kiện DVCTT toàn trình
	Published bool
	Fee       int64
	Complete  bool // all the parts NĐ 63/2010 Điều 8 khoản 2 requires are filled (766 1.3)
	// Baseline is the 2024 baseline entered in the catalog; nil means it is
	// measured from the 2024 dossiers.
	Baseline *procedure.Baseline
}

// Entry is a value entered by hand, with its evidence.
type Entry struct {
	ID       int64     `json:"id"`
	Measure  string    `json:"measure"`
	Period   string    `json:"period"` // the period it describes
	Value    *float64  `json:"value,omitempty"`
	Status   string    `json:"status,omitempty"` // for qualitative targets: met, on_track, at_risk, missed
	Note     string    `json:"note"`
	Evidence string    `json:"evidence"` // an issued document's number and date, or an attached file's name
	FileSHA  string    `json:"file_sha256,omitempty"`
	FileName string    `json:"file_name,omitempty"`
	FileType string    `json:"-"`
	FileSize int64     `json:"-"`
	By       string    `json:"by"`
	At       time.Time `json:"at"`
}

// Data is what a period's values are computed from.
type Data struct {
	Period Period
	Now    time.Time
	Unit   string // "" for the whole Sở
	// Rows are the sums of the period's months for the unit, per procedure.
	Rows []Row
	// Base are the sums of 2024 (the plan's baseline year) for the unit.
	Base []Row
	// OpenLateNow counts the open dossiers received in the period whose late
	// instant falls in the month under way and has passed (only when the
	// period contains now).
	OpenLateNow int64
	Procedures  []ProcInfo
	// Entries are the entered values that apply to the period, by measure.
	Entries map[string]Entry
	// OfficeDay is the length of a working day, to turn minutes into days.
	OfficeDay time.Duration
}

// current reports whether now falls in the period, and the month that
// closes the period's view: the last month, or the month under way.
func (d *Data) current() (bool, string) {
	if d.Period.Contains(d.Now) {
		return true, MonthOf(d.Now)
	}
	return false, d.Period.LastMonth()
}

func (d *Data) sum(metric string, match func(Row) bool) int64 {
	var n int64
	for _, r := range d.Rows {
		if r.Metric == metric && (match == nil || match(r)) {
			n += r.N
		}
	}
	return n
}

func (d *Data) procs() []ProcInfo {
	var out []ProcInfo
	for _, p := range d.Procedures {
		if p.Published && (d.Unit == "" || p.Unit == d.Unit) {
			out = append(out, p)
		}
	}
	return out
}

// OnTime evaluates a MTimeliness key at the close of a period: whether the
// dossier was on time then. last is the month that closes the view; when
// current, the view closes now and a dossier that becomes late in the month
// under way is "pending" (its exact instant decides).
func OnTime(k, last string, current bool) (ontime, pending bool) {
	end, late, o := Timeliness(k)
	if end != "" && end <= last {
		return o == "1", false
	}
	switch {
	case late == "" || late > last:
		return true, false
	case late < last:
		return false, false
	case current:
		return false, true
	}
	return false, false
}

// OnTimeRate returns the 766 2.1 counts: dossiers on time (ended on time,
// or open and not yet late) and dossiers received in the period.
func (d *Data) OnTimeRate() (ontime, received int64) {
	current, last := d.current()
	var pending int64
	for _, r := range d.Rows {
		if r.Metric != MTimeliness {
			continue
		}
		received += r.N
		ok, wait := OnTime(r.K, last, current)
		switch {
		case ok:
			ontime += r.N
		case wait:
			pending += r.N
		}
	}
	return ontime + max(pending-d.OpenLateNow, 0), received
}

// Received counts the dossiers received in the period.
func (d *Data) Received() int64 { return d.sum(MTimeliness, nil) }

// ratio returns num/den as a percentage, or nil when den is 0.
func ratio(num, den float64) *float64 {
	if den <= 0 {
		return nil
	}
	v := 100 * num / den
	return &v
}

// Measure keys of the plan's indicators.
const (
	MeasureFullOnline   = "full_online"
	MeasureEResult      = "e_result"
	MeasureSatOnline    = "sat_online"
	MeasureSatAll       = "sat_all"
	MeasureReuse        = "reuse"
	MeasurePayOnline    = "pay_online"
	MeasureOpenData     = "open_data"
	MeasureSIPAS        = "sipas"
	MeasureSatEducation = "sat_education"
	MeasureTimeCut      = "time_cut"
	MeasureCostCut      = "cost_cut"
	MeasureOnceOnly     = "once_only"
	MeasureMaturity     = "data_maturity"
	MeasureStaff        = "staff_quality"
	MeasureBizCut       = "biz_conditions_cut"
	MeasureBizRepeal    = "biz_conditions_repeal"
	MeasureStandards    = "standards_tthc"
	MeasureBizReports   = "biz_reports"
)

// Kinds of measure.
const (
	KindComputed = "computed" // from cchc's records
	KindEntered  = "entered"  // by hand, with evidence
	KindMissing  = "missing"  // computable once cchc holds the records (surveys, open data)
)

// Definition says how a measure is obtained.
type Definition struct {
	Measure string
	Kind    string
	Unit    string // "%", "cấp độ", ""
	// Formula is the Vietnamese formula shown on the indicator's page.
	Formula string
	// Records names the drill-down (Drills); "" for none.
	Records string
	compute func(d *Data) (v *float64, num, den float64, note string)
}

// Definitions of the plan's measures, by measure key.
var Definitions = map[string]Definition{
	MeasureFullOnline: {Measure: MeasureFullOnline, Kind: KindComputed, Unit: "%", Records: "procedures",
		Formula: "Số thủ tục đủ điều kiện được cung cấp dịch vụ công trực tuyến toàn trình đang cung cấp toàn trình ÷ số thủ tục đủ điều kiện × 100 (danh mục thủ tục đã công bố, tại thời điểm xem).",
		compute: func(d *Data) (*float64, float64, float64, string) {
			var num, den float64
			for _, p := range d.procs() {
				if p.Eligible {
					den++
					if p.Level == procedure.LevelFull {
						num++
					}
				}
			}
			return ratio(num, den), num, den, ""
		}},
	MeasureEResult: {Measure: MeasureEResult, Kind: KindComputed, Unit: "%", Records: MEResult,
		Formula: "Số hồ sơ tiếp nhận trong kỳ đã có kết quả được cấp kết quả điện tử ký số ÷ số hồ sơ tiếp nhận trong kỳ đã có kết quả × 100 (Quyết định 766, chỉ số 4.1).",
		compute: func(d *Data) (*float64, float64, float64, string) {
			num, den := float64(d.sum(MEResult, nil)), float64(d.sum(MResult, nil))
			return ratio(num, den), num, den, ""
		}},
	MeasureSatOnline: {Measure: MeasureSatOnline, Kind: KindComputed, Unit: "%", Records: MRating + ":online",
		Formula: "Số đánh giá «hài lòng» của người nộp hồ sơ trực tuyến trong kỳ ÷ số đánh giá của người nộp hồ sơ trực tuyến trong kỳ × 100.",
		compute: func(d *Data) (*float64, float64, float64, string) {
			num, den := d.ratings(true)
			return ratio(num, den), num, den, ""
		}},
	MeasureSatAll: {Measure: MeasureSatAll, Kind: KindComputed, Unit: "%", Records: MRating,
		Formula: "Số đánh giá «hài lòng» trong kỳ ÷ số đánh giá trong kỳ × 100 (mọi kênh nộp hồ sơ).",
		compute: func(d *Data) (*float64, float64, float64, string) {
			num, den := d.ratings(false)
			return ratio(num, den), num, den, ""
		}},
	MeasureReuse: {Measure: MeasureReuse, Kind: KindComputed, Unit: "%", Records: MReused,
		Formula: "Số hồ sơ tiếp nhận trong kỳ có ít nhất một giấy tờ lấy từ kho dữ liệu (không nộp lại) ÷ số hồ sơ tiếp nhận trong kỳ × 100 (Quyết định 766, chỉ số 4.3).",
		compute: func(d *Data) (*float64, float64, float64, string) {
			num, den := float64(d.sum(MReused, nil)), float64(d.Received())
			return ratio(num, den), num, den, ""
		}},
	MeasurePayOnline: {Measure: MeasurePayOnline, Kind: KindComputed, Unit: "%", Records: MPay,
		Formula: "Số giao dịch nộp phí, lệ phí trực tuyến thành công trong kỳ ÷ tổng số giao dịch nộp phí, lệ phí thành công trong kỳ (trực tuyến và tiền mặt) × 100.",
		compute: func(d *Data) (*float64, float64, float64, string) {
			num := float64(d.sum(MPay, func(r Row) bool { return r.K == "online" }))
			den := float64(d.sum(MPay, nil))
			return ratio(num, den), num, den, ""
		}},
	MeasureOpenData: {Measure: MeasureOpenData, Kind: KindMissing, Unit: "%",
		Formula: "Số bộ dữ liệu mở công bố đúng chuẩn ÷ số bộ dữ liệu mở phải công bố × 100. Chưa có bộ dữ liệu mở nào trên hệ thống: không có số liệu (không tính là 100%)."},
	MeasureSIPAS: {Measure: MeasureSIPAS, Kind: KindMissing, Unit: "%",
		Formula: "Chỉ số SIPAS tính từ phiếu khảo sát theo phương pháp của Bộ Nội vụ. Chưa có đợt khảo sát nào trên hệ thống: không có số liệu."},
	MeasureSatEducation: {Measure: MeasureSatEducation, Kind: KindMissing, Unit: "%",
		Formula: "Mức độ hài lòng về dịch vụ giáo dục công lập tính từ phiếu khảo sát. Chưa có đợt khảo sát nào trên hệ thống: không có số liệu."},
	MeasureTimeCut: {Measure: MeasureTimeCut, Kind: KindComputed, Unit: "%", Records: MTimeN,
		Formula: "1 − (Σ theo thủ tục: số hồ sơ kết thúc trong kỳ × thời gian giải quyết trung bình trong kỳ) ÷ (Σ theo thủ tục: số hồ sơ kết thúc trong kỳ × thời gian trung bình năm 2024), × 100. Thời gian giải quyết tính bằng giờ làm việc từ khi tiếp nhận đến khi kết thúc xử lý, trừ thời gian chờ bổ sung; chỉ tính các thủ tục có số liệu năm 2024 (hoặc mốc 2024 nhập trong danh mục).",
		compute: func(d *Data) (*float64, float64, float64, string) { return d.cut(MTimeN, MTimeMin, false) }},
	MeasureCostCut: {Measure: MeasureCostCut, Kind: KindComputed, Unit: "%", Records: MCostN,
		Formula: "1 − (Σ theo thủ tục: số hồ sơ kết thúc trong kỳ × chi phí tuân thủ trung bình trong kỳ) ÷ (Σ theo thủ tục: số hồ sơ kết thúc trong kỳ × chi phí trung bình năm 2024), × 100. Chi phí tuân thủ theo mô hình: phí, lệ phí + số lần đến Bộ phận Một cửa × (3 giờ × 50.000 đồng + 30.000 đồng đi lại).",
		compute: func(d *Data) (*float64, float64, float64, string) { return d.cut(MCostN, MCost, true) }},
	MeasureOnceOnly: {Measure: MeasureOnceOnly, Kind: KindComputed, Unit: "%", Records: MDocs,
		Formula: "1 − (số giấy tờ bị nộp lại dù bản còn hiệu lực đã có trong kho dữ liệu của người nộp) ÷ (số giấy tờ thuộc loại kho dữ liệu lưu giữ được cung cấp trong các hồ sơ tiếp nhận trong kỳ), × 100.",
		compute: func(d *Data) (*float64, float64, float64, string) {
			again, docs := float64(d.sum(MDocsAgain, nil)), float64(d.sum(MDocs, nil))
			return ratio(docs-again, docs), docs - again, docs, ""
		}},
	MeasureMaturity: {Measure: MeasureMaturity, Kind: KindEntered, Unit: "cấp độ",
		Formula: "Cấp độ trưởng thành về quản trị dữ liệu theo kết quả đánh giá được công bố, nhập kèm minh chứng."},
	MeasureStaff: {Measure: MeasureStaff, Kind: KindEntered,
		Formula: "Đánh giá định tính chất lượng đội ngũ, nhập kèm minh chứng (kết quả đánh giá, xếp loại hằng năm)."},
	MeasureBizCut: {Measure: MeasureBizCut, Kind: KindEntered, Unit: "%",
		Formula: "Tỷ lệ điều kiện đầu tư kinh doanh không cần thiết, chồng chéo, không rõ ràng đã được cắt giảm, đơn giản hóa, theo kết quả rà soát; nhập kèm minh chứng."},
	MeasureBizRepeal: {Measure: MeasureBizRepeal, Kind: KindEntered, Unit: "%",
		Formula: "Tỷ lệ điều kiện kinh doanh ngoài danh mục ngành, nghề có điều kiện đã được bãi bỏ, theo kết quả rà soát; nhập kèm minh chứng."},
	MeasureStandards: {Measure: MeasureStandards, Kind: KindEntered, Unit: "%",
		Formula: "Tỷ lệ thủ tục trong quy chuẩn kỹ thuật, tiêu chuẩn bắt buộc đã được công bố, rà soát, đơn giản hóa; nhập kèm minh chứng."},
	MeasureBizReports: {Measure: MeasureBizReports, Kind: KindEntered, Unit: "%",
		Formula: "Tỷ lệ chế độ báo cáo của doanh nghiệp thực hiện bằng phương thức điện tử; nhập kèm minh chứng."},
}

// Measures maps each target of the plan to its measure; targets that
// share a measure share the target per phase (CT-01 and CT-09 are the same
// maturity level, level 3 by 2027 and level 4 by 2030).
var Measures = map[string]string{
	"CT-01": MeasureMaturity, "CT-02": MeasureFullOnline, "CT-03": MeasureEResult, "CT-04": MeasureSatOnline,
	"CT-05": MeasureStaff, "CT-06": MeasureSatAll, "CT-07": MeasureReuse, "CT-08": MeasurePayOnline,
	"CT-09": MeasureMaturity, "CT-10": MeasureOpenData, "CT-11": MeasureSIPAS, "CT-12": MeasureSatEducation,
	"CT-13": MeasureBizCut, "CT-14": MeasureBizRepeal, "CT-15": MeasureTimeCut, "CT-16": MeasureCostCut,
	"CT-17": MeasureStandards, "CT-18": MeasureBizReports, "CT-19": MeasureFullOnline, "CT-20": MeasureOnceOnly,
}

func (d *Data) ratings(onlineOnly bool) (satisfied, all float64) {
	for _, r := range d.Rows {
		if r.Metric != MRating {
			continue
		}
		ch, score := splitRating(r.K)
		if onlineOnly && ch != "online" {
			continue
		}
		all += float64(r.N)
		if score == Satisfied {
			satisfied += float64(r.N)
		}
	}
	return satisfied, all
}

func splitRating(k string) (channel string, score int) {
	for i := len(k) - 1; i >= 0; i-- {
		if k[i] == '|' {
			if i+1 < len(k) {
				score = int(k[i+1] - '0')
			}
			return k[:i], score
		}
	}
	return k, 0
}

// cut is the reduction against 2024 of an average per dossier: 1 − the
// period's cost of its own mix of procedures at current averages over the
// same mix at 2024 averages. Procedures without a baseline are left out.
func (d *Data) cut(countMetric, sumMetric string, money bool) (*float64, float64, float64, string) {
	base := d.baselines(countMetric, sumMetric, money)
	n, sum := map[string]int64{}, map[string]int64{}
	for _, r := range d.Rows {
		switch r.Metric {
		case countMetric:
			n[r.Procedure] += r.N
		case sumMetric:
			sum[r.Procedure] += r.N
		}
	}
	var now, then float64
	for p, count := range n {
		b, ok := base[p]
		if !ok || count == 0 || b <= 0 {
			continue
		}
		now += float64(sum[p])
		then += float64(count) * b
	}
	if then == 0 {
		return nil, 0, 0, "Chưa có hồ sơ kết thúc trong kỳ thuộc thủ tục có số liệu năm 2024."
	}
	v := 100 * (1 - now/then)
	return &v, now, then, ""
}

// baselines returns each procedure's 2024 average (minutes or đồng): the
// catalog's entered baseline where there is one, else measured from 2024.
func (d *Data) baselines(countMetric, sumMetric string, money bool) map[string]float64 {
	n, sum := map[string]int64{}, map[string]int64{}
	for _, r := range d.Base {
		switch r.Metric {
		case countMetric:
			n[r.Procedure] += r.N
		case sumMetric:
			sum[r.Procedure] += r.N
		}
	}
	out := map[string]float64{}
	for p, c := range n {
		if c > 0 {
			out[p] = float64(sum[p]) / float64(c)
		}
	}
	for _, p := range d.Procedures {
		if p.Baseline == nil {
			continue
		}
		if money && p.Baseline.ComplianceCost > 0 {
			out[p.Code] = float64(p.Baseline.ComplianceCost)
		}
		if !money && p.Baseline.ProcessingDays > 0 && d.OfficeDay > 0 {
			out[p.Code] = p.Baseline.ProcessingDays * d.OfficeDay.Minutes()
		}
	}
	return out
}

// Statuses of an indicator against its target.
const (
	StatusMet      = "met"
	StatusOnTrack  = "on_track"
	StatusAtRisk   = "at_risk"
	StatusMissed   = "missed"
	StatusNoData   = "no_data"
	StatusNoTarget = "no_target"
)

// Value is an indicator's value in a period.
type Value struct {
	Code      string              `json:"code"`
	Name      string              `json:"name"`
	Text      string              `json:"text"`
	Measure   string              `json:"measure"`
	Kind      string              `json:"kind"`
	Unit      string              `json:"unit"`
	Direction string              `json:"direction"`
	Phase     string              `json:"phase"` // the target's own phase in the plan
	Node      string              `json:"node"`  // the plan's section that sets it
	Targets   map[string]*float64 `json:"targets"`
	Target    *float64            `json:"target"` // for the period's phase
	Value     *float64            `json:"value"`
	Num       float64             `json:"numerator,omitempty"`
	Den       float64             `json:"denominator,omitempty"`
	Status    string              `json:"status"`
	Formula   string              `json:"formula"`
	Note      string              `json:"note,omitempty"`
	Records   string              `json:"-"`
	Entry     *Entry              `json:"entry,omitempty"`
}

// Compute returns the value of every target of the plan in the period.
// prior holds each measure's value in the year before the target's phase
// began, the start of the trajectory "on track" is judged against; a
// missing one starts it at 0.
func Compute(targets []*plan.Target, d *Data, prior map[string]*float64) []Value {
	byMeasure := map[string]map[string]*float64{}
	for _, t := range targets {
		m := Measures[t.Code]
		if byMeasure[m] == nil {
			byMeasure[m] = map[string]*float64{}
		}
		for _, ph := range phasesOf(t.Phase) {
			byMeasure[m][ph] = t.Value
		}
	}
	cache := map[string]Value{}
	var out []Value
	for _, t := range targets {
		m := Measures[t.Code]
		def, ok := Definitions[m]
		if !ok {
			def = Definition{Measure: m, Kind: KindMissing}
		}
		v, seen := cache[m]
		if !seen {
			v = measure(def, d)
			cache[m] = v
		}
		v.Code, v.Name, v.Text, v.Measure, v.Direction, v.Phase, v.Node = t.Code, t.Name, t.Text, m, t.Direction, t.Phase, t.Node
		if t.Unit != "" {
			v.Unit = t.Unit
		}
		v.Targets = byMeasure[m]
		v.Target = v.Targets[d.Period.Phase()]
		v.Status = status(v, d, prior[m], t)
		out = append(out, v)
	}
	return out
}

func measure(def Definition, d *Data) Value {
	v := Value{Kind: def.Kind, Unit: def.Unit, Formula: def.Formula, Records: def.Records}
	switch def.Kind {
	case KindComputed:
		v.Value, v.Num, v.Den, v.Note = def.compute(d)
		if v.Value != nil {
			x := math.Round(*v.Value*10) / 10
			v.Value = &x
		}
	case KindEntered:
		if e, ok := d.Entries[def.Measure]; ok {
			e := e
			v.Entry, v.Value = &e, e.Value
		}
	}
	return v
}

func phasesOf(phase string) []string {
	if phase == plan.Phase2026to2030 {
		return []string{plan.Phase2026to2027, plan.Phase2028to2030}
	}
	return []string{phase}
}

// status judges a value against the target of the period's phase: met; or,
// before the phase ends, on track when at least where a straight line from
// the value before the phase to the target stands at the period's end, at
// risk otherwise; missed when the phase is over. Qualitative targets take
// the status entered with their evidence.
func status(v Value, d *Data, prior *float64, t *plan.Target) string {
	if t.Direction == plan.DirQualitative {
		if v.Entry != nil && v.Entry.Status != "" {
			return v.Entry.Status
		}
		return StatusNoData
	}
	if v.Value == nil {
		return StatusNoData
	}
	if v.Target == nil {
		return StatusNoTarget
	}
	val, target := *v.Value, *v.Target
	meets := val >= target
	if t.Direction == plan.DirAtMost {
		meets = val <= target
	}
	if meets {
		return StatusMet
	}
	from, to := phaseSpan(d.Period.Phase())
	at := d.Period.End()
	if d.Now.Before(at) {
		at = d.Now
	}
	if !at.Before(to) {
		return StatusMissed
	}
	start := 0.0
	if prior != nil {
		start = *prior
	}
	elapsed := float64(at.Sub(from)) / float64(to.Sub(from))
	expected := start + (target-start)*math.Max(0, math.Min(1, elapsed))
	if (t.Direction != plan.DirAtMost && val >= expected) || (t.Direction == plan.DirAtMost && val <= expected) {
		return StatusOnTrack
	}
	return StatusAtRisk
}

func phaseSpan(phase string) (time.Time, time.Time) {
	switch phase {
	case plan.Phase2026to2027:
		return time.Date(2026, 1, 1, 0, 0, 0, 0, Vietnam), time.Date(2028, 1, 1, 0, 0, 0, 0, Vietnam)
	case plan.Phase2028to2030:
		return time.Date(2028, 1, 1, 0, 0, 0, 0, Vietnam), time.Date(2031, 1, 1, 0, 0, 0, 0, Vietnam)
	}
	return time.Time{}, time.Time{}
}

// PriorYear is the year whose value starts a phase's trajectory: 2025 for
// 2026–2027, 2027 for 2028–2030.
func PriorYear(phase string) string {
	if phase == plan.Phase2028to2030 {
		return "2027"
	}
	return "2025"
}
