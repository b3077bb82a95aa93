package indicator

import "github.com/hpdoet/cchc/dossier"

// CostModel prices an applicant's compliance cost (chi phí tuân thủ) for one
// dossier: the fee plus each visit to the counter, valued at the time it
// takes and the travel. It is a model, not a measurement: the plan compares
// the cost with 2024 under the same model, so what it captures is the saving
// of visits that online submission, online payment and electronic results
// bring. The figures are assumptions to review (docs/indicators.md).
type CostModel struct {
	VisitHours   float64 // one visit, travel and waiting included
	HourlyIncome int64   // đồng per hour of the applicant's time
	VisitTravel  int64   // đồng of travel per visit
}

// DefaultCost: a visit takes 3 hours and 30 000 đồng of travel; an hour is
// worth 50 000 đồng (about 9 million đồng a month of 22 eight-hour days).
var DefaultCost = CostModel{VisitHours: 3, HourlyIncome: 50_000, VisitTravel: 30_000}

// Visits counts the applicant's visits to the counter: one to submit at the
// counter, one per supplement brought to the counter, one to collect a
// result that is not electronic, and one to pay in cash when there is no
// other visit.
func (c CostModel) Visits(in Input) int {
	d := in.D
	n := 0
	if d.Channel == dossier.Counter {
		n += 1 + d.SupplementRequests
	}
	if d.ReturnedAt.IsZero() && len(d.ResultCodes) == 0 {
		// no result handed over yet
	} else if in.EResults == 0 {
		n++
	}
	if n == 0 && in.Fee > 0 {
		for _, p := range in.Payments {
			if !p.Online {
				n++
				break
			}
		}
	}
	return n
}

// Cost is the fee plus the visits, in đồng.
func (c CostModel) Cost(in Input) int64 {
	visit := int64(c.VisitHours*float64(c.HourlyIncome)) + c.VisitTravel
	return in.Fee + int64(c.Visits(in))*visit
}
