package indicator

import (
	"slices"
	"strings"
	"time"
)

// Drill-down bases: which date of a dossier places it in a period.
const (
	BasisReceipt = "receipt" // ngày tiếp nhận
	BasisEnd     = "end"     // kết thúc xử lý
	BasisPayment = "payment" // a payment's date
	BasisRating  = "rating"  // the rating's date
)

// Drills are the record lists behind the numbers, by records key: the
// metric that places a dossier in the denominator and the one that puts it
// in the numerator.
var Drills = map[string]struct {
	Basis, Den, Num, Name string
}{
	MTimeliness:         {BasisReceipt, MTimeliness, "", "Hồ sơ tiếp nhận trong kỳ và tình trạng đúng hạn"},
	MEResult:            {BasisReceipt, MResult, MEResult, "Hồ sơ có kết quả và kết quả điện tử"},
	MReused:             {BasisReceipt, MTimeliness, MReused, "Hồ sơ tiếp nhận và hồ sơ tái sử dụng dữ liệu"},
	MOnlineOK:           {BasisReceipt, MTimeliness, MOnlineOK, "Hồ sơ tiếp nhận và hồ sơ nộp trực tuyến"},
	MDigitised:          {BasisReceipt, MTimeliness, MDigitised, "Hồ sơ tiếp nhận và hồ sơ đã số hóa"},
	MFeeOnline:          {BasisReceipt, MFee, MFeeOnline, "Hồ sơ có phí, lệ phí và hồ sơ nộp phí trực tuyến"},
	MDocs:               {BasisReceipt, MDocs, MDocsAgain, "Giấy tờ cung cấp và giấy tờ bị nộp lại"},
	MTimeN:              {BasisEnd, MTimeN, "", "Hồ sơ kết thúc trong kỳ và thời gian giải quyết"},
	MCostN:              {BasisEnd, MCostN, "", "Hồ sơ kết thúc trong kỳ và chi phí tuân thủ"},
	MPay:                {BasisPayment, MPay, MPay + ":online", "Giao dịch nộp phí, lệ phí"},
	MRating:             {BasisRating, MRating, MRating + ":3", "Đánh giá của người nộp hồ sơ"},
	MRating + ":online": {BasisRating, MRating + ":online", MRating + ":online:3", "Đánh giá của người nộp hồ sơ trực tuyến"},
}

// DrillRow is how one dossier counts in a drill-down.
type DrillRow struct {
	Den, Num int64
	// Value is the dossier's processing minutes (MTimeN) or compliance cost
	// in đồng (MCostN) in the period.
	Value int64
}

// Drill evaluates a dossier's facts for the records key in period p: how
// much it adds to the denominator and to the numerator. lateAt is the
// dossier's late instant, needed for the month under way.
func Drill(records string, facts []Fact, p Period, now, lateAt time.Time) DrillRow {
	spec, ok := Drills[records]
	if !ok {
		return DrillRow{}
	}
	months := p.Months()
	in := func(f Fact) bool { return slices.Contains(months, f.Month) }
	current := p.Contains(now)
	last := p.LastMonth()
	if current {
		last = MonthOf(now)
	}
	var row DrillRow
	for _, f := range facts {
		if !in(f) {
			continue
		}
		if match(f, spec.Den) {
			row.Den += f.N
		}
		if spec.Num != "" && match(f, spec.Num) {
			row.Num += f.N
		}
		if (records == MTimeN && f.Metric == MTimeMin) || (records == MCostN && f.Metric == MCost) {
			row.Value += f.N
		}
		if records == MTimeliness && f.Metric == MTimeliness {
			ok, wait := OnTime(f.K, last, current)
			if wait {
				ok = lateAt.IsZero() || !lateAt.Before(now)
			}
			if ok {
				row.Num += f.N
			}
		}
	}
	return row
}

// match tells whether a fact is of "metric[:channel][:score]" (ratings) or
// "pay:online" (payments).
func match(f Fact, key string) bool {
	metric, rest, _ := strings.Cut(key, ":")
	if f.Metric != metric {
		return false
	}
	switch metric {
	case MRating:
		ch, score := splitRating(f.K)
		for _, part := range strings.Split(rest, ":") {
			switch {
			case part == "":
			case len(part) == 1 && part[0] >= '1' && part[0] <= '3':
				if score != int(part[0]-'0') {
					return false
				}
			case part != ch:
				return false
			}
		}
	case MPay:
		if rest != "" && f.K != rest {
			return false
		}
	}
	return true
}
