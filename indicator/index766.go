package indicator

import (
	"math"

	"github.com/hpdoet/cchc/procedure"
)

// Component is one indicator of the 766 index.
type Component struct {
	Code     string   `json:"code"`
	Name     string   `json:"name"`
	Max      float64  `json:"max"`
	Measured bool     `json:"measured"` // cchc holds the records it needs
	Num      float64  `json:"numerator"`
	Den      float64  `json:"denominator"`
	Ratio    *float64 `json:"ratio"` // percent; nil without data
	Score    *float64 `json:"score"` // points; nil when not measured or without data
	Formula  string   `json:"formula"`
	Note     string   `json:"note,omitempty"`
	Records  string   `json:"-"`
}

// Group is one of the index's five groups.
type Group struct {
	No         string      `json:"no"`
	Name       string      `json:"name"`
	Max        float64     `json:"max"`
	Score      float64     `json:"score"`        // points of the measured components with data
	Measurable float64     `json:"max_measured"` // the maximum of those components
	Components []Component `json:"components"`
}

// Index is the 766 service index of a unit (or the whole Sở) in a period.
type Index struct {
	Period     string  `json:"period"`
	Unit       string  `json:"unit,omitempty"`
	Score      float64 `json:"score"`
	Measurable float64 `json:"max_measured"`
	Max        float64 `json:"max"`
	Groups     []Group `json:"groups"`
	// AvgDays is the average processing time of the dossiers that ended in
	// the period, in working days (2.2, monitoring only); nil without any.
	AvgDays *float64 `json:"avg_processing_days"`
}

const notMeasured = "cchc chưa giữ dữ liệu cần cho chỉ số này (công bố thủ tục trên Cơ sở dữ liệu quốc gia, đồng bộ với Cổng Dịch vụ công quốc gia, phản ánh kiến nghị, dữ liệu dân cư): không chấm điểm."

// ServiceIndex computes the 766 index of the period from its sums. Formulas
// are the ones domain/766-index.md records from the live scoring system
// (confidence M); components cchc cannot measure are listed with their
// maximum and no score, and the totals show both the points earned and the
// maximum of what was measured.
func ServiceIndex(d *Data) Index {
	idx := Index{Period: d.Period.Key, Unit: d.Unit, Max: 100}
	procs := d.procs()
	received := float64(d.Received())

	// Group 1 — publicity and transparency.
	var complete, published float64
	for _, p := range procs {
		published++
		if p.Complete {
			complete++
		}
	}
	g1 := Group{No: "1", Name: "Công khai, minh bạch", Max: 18, Components: []Component{
		missing("1.1", "Tỷ lệ thủ tục hành chính công bố đúng hạn", 6),
		missing("1.2", "Tỷ lệ thủ tục được cập nhật, công khai đúng hạn trên Cơ sở dữ liệu quốc gia", 4),
		linear("1.3", "Tỷ lệ thủ tục công khai đầy đủ các bộ phận tạo thành", 2, complete, published, "procedures",
			"Số thủ tục đã công bố có đủ tên, trình tự, cách thức, thành phần và số lượng hồ sơ, thời hạn, đối tượng, cơ quan thực hiện ÷ số thủ tục đã công bố; điểm = 2 × tỷ lệ."),
		missing("1.4", "Tỷ lệ hồ sơ đồng bộ lên Cổng Dịch vụ công quốc gia", 6),
	}}

	// Group 2 — timeliness.
	ontime, recv := d.OnTimeRate()
	g2 := Group{No: "2", Name: "Tiến độ, kết quả giải quyết", Max: 20, Components: []Component{
		linear("2.1", "Tỷ lệ hồ sơ xử lý trước hạn, đúng hạn", 20, float64(ontime), float64(recv), MTimeliness,
			"(Số hồ sơ tiếp nhận trong kỳ đã kết thúc đúng hạn hoặc trước hạn + số hồ sơ chưa kết thúc và chưa quá hạn tại cuối kỳ) ÷ số hồ sơ tiếp nhận trong kỳ; hồ sơ yêu cầu bổ sung quá một lần tính trễ hạn; thời gian chờ bổ sung không tính; điểm = 20 × tỷ lệ."),
	}}
	if n := d.sum(MTimeN, nil); n > 0 && d.OfficeDay > 0 {
		days := float64(d.sum(MTimeMin, nil)) / float64(n) / d.OfficeDay.Minutes()
		days = math.Round(days*100) / 100
		idx.AvgDays = &days
	}

	// Group 3a — online services.
	var offered, online float64
	used := map[string]bool{}
	for _, r := range d.Rows {
		if r.Metric == MOnline && r.N > 0 {
			used[r.Procedure] = true
		}
	}
	var usedOnline float64
	for _, p := range procs {
		if p.Level == procedure.LevelFull || p.Level == procedure.LevelPartial {
			offered++
			if used[p.Code] {
				usedOnline++
			}
		}
	}
	online = float64(d.sum(MOnlineOK, nil))
	a := component("3.1", "Tỷ lệ thủ tục cung cấp dịch vụ công trực tuyến", 2, offered, float64(len(procs)), "procedures",
		"Số thủ tục cung cấp dịch vụ công trực tuyến (một phần hoặc toàn trình) ÷ số thủ tục; điểm = min(2; 2 × tỷ lệ ÷ 80%).",
		func(r float64) float64 { return math.Min(2, 2*r/0.8) })
	b := component("3.2", "Tỷ lệ dịch vụ công trực tuyến có phát sinh hồ sơ", 4, usedOnline, offered, "procedures",
		"Số thủ tục trực tuyến có ít nhất một hồ sơ nộp trực tuyến trong kỳ ÷ số thủ tục trực tuyến; điểm = 4 × tỷ lệ.",
		func(r float64) float64 { return 4 * r })
	c := component("3.3", "Tỷ lệ hồ sơ nộp trực tuyến", 6, online, received, MOnlineOK,
		"Số hồ sơ tiếp nhận trong kỳ nộp trực tuyến (và, khi đã có kết quả, được cấp kết quả điện tử) ÷ số hồ sơ tiếp nhận trong kỳ; điểm = min(6; 6 × tỷ lệ ÷ 50%).",
		func(r float64) float64 { return math.Min(6, 6*r/0.5) })
	g3a := Group{No: "3a", Name: "Cung cấp dịch vụ công trực tuyến", Max: 12, Components: []Component{a, b, c}}

	// Group 3b — online payment.
	var feeProcs, paidOnlineProcs, paidProcs float64
	paidOnline, paidAny := map[string]bool{}, map[string]bool{}
	for _, r := range d.Rows {
		if r.Metric == MPay && r.N > 0 {
			paidAny[r.Procedure] = true
			if r.K == "online" {
				paidOnline[r.Procedure] = true
			}
		}
	}
	for _, p := range procs {
		if p.Fee > 0 {
			feeProcs++
			if paidOnline[p.Code] {
				paidOnlineProcs++
			}
			if paidAny[p.Code] {
				paidProcs++
			}
		}
	}
	g3b := Group{No: "3b", Name: "Thanh toán trực tuyến", Max: 10, Components: []Component{
		component("3.6", "Tỷ lệ hồ sơ thanh toán trực tuyến", 6, float64(d.sum(MFeeOnline, nil)), float64(d.sum(MFee, nil)), MFeeOnline,
			"Số hồ sơ tiếp nhận trong kỳ thuộc thủ tục có phí, lệ phí đã nộp phí trực tuyến ÷ số hồ sơ tiếp nhận trong kỳ thuộc thủ tục có phí, lệ phí; điểm = 6 × tỷ lệ.",
			func(r float64) float64 { return 6 * r }),
		component("3.4", "Tỷ lệ thủ tục có phí có giao dịch thanh toán trực tuyến", 2, paidOnlineProcs, feeProcs, "procedures",
			"Số thủ tục có phí, lệ phí có ít nhất một giao dịch thanh toán trực tuyến thành công trong kỳ ÷ số thủ tục có phí, lệ phí; điểm = min(2; 2,5 × tỷ lệ).",
			func(r float64) float64 { return math.Min(2, 2.5*r) }),
		component("3.5", "Tỷ lệ thủ tục có nghĩa vụ tài chính được tích hợp thanh toán", 2, paidProcs, feeProcs, "procedures",
			"Số thủ tục có phí, lệ phí có dữ liệu nộp phí trong kỳ ÷ số thủ tục có phí, lệ phí; điểm = min(2; 2,5 × tỷ lệ).",
			func(r float64) float64 { return math.Min(2, 2.5*r) }),
	}}

	// Group 4 — digitisation.
	g4 := Group{No: "4", Name: "Số hóa hồ sơ", Max: 22, Components: []Component{
		component("4.1", "Tỷ lệ hồ sơ có cấp kết quả giải quyết điện tử", 6, float64(d.sum(MEResult, nil)), float64(d.sum(MResult, nil)), MEResult,
			"Số hồ sơ tiếp nhận trong kỳ được cấp kết quả điện tử ký số ÷ số hồ sơ tiếp nhận trong kỳ đã có kết quả; điểm = 6 × tỷ lệ.",
			func(r float64) float64 { return 6 * r }),
		component("4.2", "Tỷ lệ hồ sơ thực hiện số hóa", 4, float64(d.sum(MDigitised, nil)), received, MDigitised,
			"Số hồ sơ tiếp nhận trong kỳ có giấy tờ lưu trên hệ thống (tải lên, số hóa hoặc lấy từ kho dữ liệu) và, khi đã có kết quả, kết quả điện tử ÷ số hồ sơ tiếp nhận trong kỳ; điểm = 4 × tỷ lệ.",
			func(r float64) float64 { return 4 * r }),
		missing("4.x", "Cung cấp dịch vụ chứng thực bản sao điện tử từ bản chính", 2),
		component("4.3", "Tỷ lệ hồ sơ khai thác, sử dụng lại dữ liệu số hóa", 2, float64(d.sum(MReused, nil)), received, MReused,
			"Số hồ sơ tiếp nhận trong kỳ có ít nhất một giấy tờ lấy từ kho dữ liệu ÷ số hồ sơ tiếp nhận trong kỳ; điểm = min(2; 2 × tỷ lệ ÷ 80%).",
			func(r float64) float64 { return math.Min(2, 2*r/0.8) }),
		missing("4.4", "Hồ sơ số hóa có kết nối, chia sẻ với kho dữ liệu trên Cổng Dịch vụ công quốc gia", 4),
		missing("4.5b", "Hồ sơ sử dụng dữ liệu từ Cơ sở dữ liệu quốc gia về dân cư", 2),
		missing("4.5a", "Thủ tục có kết nối, chia sẻ dữ liệu dân cư", 2),
	}}

	// Group 5 — satisfaction.
	var dislikes float64
	for _, r := range d.Rows {
		if r.Metric == MRating {
			if _, s := splitRating(r.K); s == Unsatisfied {
				dislikes += float64(r.N)
			}
		}
	}
	sat := Component{Code: "5.4", Name: "Tỷ lệ hài lòng trong tiếp nhận, giải quyết thủ tục hành chính", Max: 6, Measured: true, Records: MTimeliness,
		Formula: "100% − (tỷ lệ hồ sơ trễ hạn + số đánh giá «không hài lòng» trong kỳ ÷ số hồ sơ tiếp nhận trong kỳ); điểm = min(6; 6 × tỷ lệ ÷ 90%); 0 điểm khi không có hồ sơ.",
		Num:     float64(ontime) - dislikes, Den: float64(recv)}
	if recv > 0 {
		r := math.Max(0, 100*(float64(ontime)-dislikes)/float64(recv))
		s := math.Min(6, 6*r/100/0.9)
		sat.Ratio, sat.Score = round(r, 1), round(s, 2)
	} else {
		zero := 0.0
		sat.Score = &zero
		sat.Note = "Không có hồ sơ tiếp nhận trong kỳ."
	}
	g5 := Group{No: "5", Name: "Mức độ hài lòng", Max: 18, Components: []Component{
		missing("5.2", "Tiến độ xử lý phản ánh, kiến nghị", 6),
		missing("5.3", "Tỷ lệ hài lòng trong xử lý phản ánh, kiến nghị", 6),
		sat,
	}}

	for _, g := range []Group{g1, g2, g3a, g3b, g4, g5} {
		for _, c := range g.Components {
			if c.Score != nil {
				g.Score += *c.Score
				g.Measurable += c.Max
			}
		}
		g.Score = math.Round(g.Score*100) / 100
		idx.Score += g.Score
		idx.Measurable += g.Measurable
		idx.Groups = append(idx.Groups, g)
	}
	idx.Score = math.Round(idx.Score*100) / 100
	return idx
}

func missing(code, name string, max float64) Component {
	return Component{Code: code, Name: name, Max: max, Note: notMeasured}
}

func linear(code, name string, max, num, den float64, records, formula string) Component {
	return component(code, name, max, num, den, records, formula, func(r float64) float64 { return max * r })
}

// component scores a ratio num/den with score(ratio in 0..1); no data (den
// 0) gives no score.
func component(code, name string, max, num, den float64, records, formula string, score func(float64) float64) Component {
	c := Component{Code: code, Name: name, Max: max, Measured: true, Num: num, Den: den, Formula: formula, Records: records}
	if den > 0 {
		r := num / den
		c.Ratio = round(100*r, 1)
		c.Score = round(math.Min(max, score(r)), 2)
	} else {
		c.Note = "Không có số liệu trong kỳ."
	}
	return c
}

func round(v float64, decimals int) *float64 {
	p := math.Pow(10, float64(decimals))
	x := math.Round(v*p) / p
	return &x
}
