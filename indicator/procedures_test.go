package indicator

import (
	"math"
	"testing"
	"time"

	"github.com/hpdoet/cchc/procedure"
)

func TestByProcedure(t *testing.T) {
	d := &Data{Period: MustPeriod("2026-Q1"), OfficeDay: 8 * time.Hour,
		Rows: []Row{
			{Metric: MTimeN, Month: "2026-01", Procedure: "A", N: 2}, {Metric: MTimeMin, Month: "2026-01", Procedure: "A", N: 960},
			{Metric: MTimeN, Month: "2026-02", Procedure: "A", N: 2}, {Metric: MTimeMin, Month: "2026-02", Procedure: "A", N: 960},
			{Metric: MCostN, Month: "2026-01", Procedure: "A", N: 4}, {Metric: MCost, Month: "2026-01", Procedure: "A", N: 400000},
			{Metric: MTimeN, Month: "2026-03", Procedure: "C", N: 1}, {Metric: MTimeMin, Month: "2026-03", Procedure: "C", N: 100},
		},
		Base: []Row{
			{Metric: MTimeN, Month: "2024-05", Procedure: "A", N: 10}, {Metric: MTimeMin, Month: "2024-05", Procedure: "A", N: 9600},
			{Metric: MCostN, Month: "2024-05", Procedure: "A", N: 10}, {Metric: MCost, Month: "2024-05", Procedure: "A", N: 2000000},
			{Metric: MTimeN, Month: "2024-05", Procedure: "B", N: 1}, {Metric: MTimeMin, Month: "2024-05", Procedure: "B", N: 50},
		},
		Procedures: []ProcInfo{{Code: "A", Name: "Cấp bản sao"}, {Code: "C", Name: "Công nhận", Baseline: &procedure.Baseline{ProcessingDays: 1}}},
	}
	got := ByProcedure(d)
	if len(got) != 3 || got[0].Code != "A" || got[1].Code != "B" || got[2].Code != "C" {
		t.Fatalf("procedures %+v", got)
	}
	a := got[0]
	// A: 4 dossiers, 1 920 min → 480 min each against 960 in 2024: 50% less;
	// cost 100 000 against 200 000: 50% less.
	if a.Name != "Cấp bản sao" || a.Ended != 4 || *a.Minutes != 480 || *a.BaseMinutes != 960 || math.Abs(*a.TimeCut-50) > 1e-9 ||
		*a.Cost != 100000 || *a.BaseCost != 200000 || math.Abs(*a.CostCut-50) > 1e-9 {
		t.Errorf("A = %+v", a)
	}
	// B: a 2024 baseline and nothing now.
	if b := got[1]; b.Ended != 0 || b.Minutes != nil || *b.BaseMinutes != 50 || b.TimeCut != nil {
		t.Errorf("B = %+v", b)
	}
	// C: the catalog's entered baseline of 1 working day (480 min); 100 min now.
	if c := got[2]; *c.BaseMinutes != 480 || math.Abs(*c.TimeCut-100*(1-100.0/480)) > 1e-9 || c.Cost != nil || c.CostCut != nil {
		t.Errorf("C = %+v", c)
	}
}
