package indicator

import "sort"

// ProcedureFigures are a procedure's processing time and compliance cost
// over a period against its 2024 baseline (CT-15, CT-16 per procedure).
type ProcedureFigures struct {
	Code string `json:"code"`
	Name string `json:"name"`
	// Ended counts the dossiers that ended with a result in the period.
	Ended int64 `json:"ended"`
	// Minutes is their average processing time in working minutes, Base
	// the 2024 average (measured, or entered in the catalog); nil without data.
	Minutes     *float64 `json:"avg_minutes"`
	BaseMinutes *float64 `json:"base_minutes"`
	// Cost is their average compliance cost in đồng, BaseCost 2024's.
	Cost     *float64 `json:"avg_cost"`
	BaseCost *float64 `json:"base_cost"`
	// TimeCut and CostCut are the reductions against 2024, in percent
	// (negative when it went up); nil when either side is missing.
	TimeCut *float64 `json:"time_cut"`
	CostCut *float64 `json:"cost_cut"`
}

// ByProcedure returns the figures of every procedure that has dossiers
// ended in the period or a 2024 baseline, by code.
func ByProcedure(d *Data) []ProcedureFigures {
	type sums struct{ n, min, costN, cost int64 }
	cur := map[string]*sums{}
	get := func(code string) *sums {
		if cur[code] == nil {
			cur[code] = &sums{}
		}
		return cur[code]
	}
	for _, r := range d.Rows {
		switch r.Metric {
		case MTimeN:
			get(r.Procedure).n += r.N
		case MTimeMin:
			get(r.Procedure).min += r.N
		case MCostN:
			get(r.Procedure).costN += r.N
		case MCost:
			get(r.Procedure).cost += r.N
		}
	}
	baseTime := d.baselines(MTimeN, MTimeMin, false)
	baseCost := d.baselines(MCostN, MCost, true)
	names := map[string]string{}
	for _, p := range d.Procedures {
		names[p.Code] = p.Name
	}
	codes := map[string]bool{}
	for c := range cur {
		codes[c] = true
	}
	for c := range baseTime {
		codes[c] = true
	}
	for c := range baseCost {
		codes[c] = true
	}
	var out []ProcedureFigures
	for c := range codes {
		f := ProcedureFigures{Code: c, Name: names[c]}
		if s := cur[c]; s != nil {
			f.Ended = s.n
			f.Minutes = avg(s.min, s.n)
			f.Cost = avg(s.cost, s.costN)
		}
		if b, ok := baseTime[c]; ok {
			f.BaseMinutes = &b
		}
		if b, ok := baseCost[c]; ok {
			f.BaseCost = &b
		}
		f.TimeCut, f.CostCut = reduction(f.Minutes, f.BaseMinutes), reduction(f.Cost, f.BaseCost)
		out = append(out, f)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Code < out[j].Code })
	return out
}

func avg(sum, n int64) *float64 {
	if n == 0 {
		return nil
	}
	v := float64(sum) / float64(n)
	return &v
}

// reduction is 100 × (1 − now/base), nil when either is missing or base is 0.
func reduction(now, base *float64) *float64 {
	if now == nil || base == nil || *base <= 0 {
		return nil
	}
	v := 100 * (1 - *now / *base)
	return &v
}
