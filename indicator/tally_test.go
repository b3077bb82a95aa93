package indicator

import (
	"strings"
	"testing"
	"time"
)

func TestTallyOf(t *testing.T) {
	p := MustPeriod("2026-Q2")
	rows := []Row{
		// Received in March, ended in April on time: carried over, settled on time.
		{Metric: MTimeliness, Month: "2026-03", Procedure: "A", K: "2026-04|2026-05|1", N: 2},
		// Received in March, ended in March: before the period, not counted.
		{Metric: MTimeliness, Month: "2026-03", Procedure: "A", K: "2026-03|2026-04|1", N: 5},
		// Received in May, ended in June late.
		{Metric: MTimeliness, Month: "2026-05", Procedure: "A", K: "2026-06|2026-05|0", N: 3},
		// Received in June, still open, late since June: open and late at the end.
		{Metric: MTimeliness, Month: "2026-06", Procedure: "B", K: "||", N: 1},
		{Metric: MTimeliness, Month: "2026-06", Procedure: "B", K: "|2026-06|", N: 4},
		// Received in June, ended in July: open at the end of June, late only in August.
		{Metric: MTimeliness, Month: "2026-06", Procedure: "B", K: "2026-07|2026-08|0", N: 6},
		// After the period: ignored.
		{Metric: MTimeliness, Month: "2026-07", Procedure: "B", K: "||", N: 100},
		{Metric: MOnline, Month: "2026-05", Procedure: "A", N: 2},
		{Metric: MOnline, Month: "2026-03", Procedure: "A", N: 7},
		{Metric: MResult, Month: "2026-05", Procedure: "A", N: 3}, {Metric: MEResult, Month: "2026-05", Procedure: "A", N: 1},
		{Metric: MFee, Month: "2026-06", Procedure: "B", N: 11}, {Metric: MFeeOnline, Month: "2026-06", Procedure: "B", N: 5},
		{Metric: MReused, Month: "2026-04", Procedure: "A", N: 1},
		{Metric: MRating, Month: "2026-05", Procedure: "A", K: "online|3", N: 9},
	}
	all := TallyOf(rows, p, vn(2026, 9, 1, 9, 0), nil)[""]
	want := Tally{CarriedOver: 2, Received: 3 + 1 + 4 + 6, Online: 2, SettledOnTime: 2, SettledLate: 3, Open: 1 + 4 + 6, OpenLate: 4,
		Results: 3, EResults: 1, FeeDossiers: 11, PaidOnline: 5, Reused: 1}
	if all != want {
		t.Errorf("tally\n got %+v\nwant %+v", all, want)
	}
	// While the quarter is under way (in June), only dossiers late before June count.
	if got := TallyOf(rows, p, vn(2026, 6, 20, 9, 0), nil)[""].OpenLate; got != 0 {
		t.Errorf("open and late during June = %d, want 0 (the caller adds June's)", got)
	}
	by := TallyOf(rows, p, vn(2026, 9, 1, 9, 0), func(r Row) string { return r.Procedure })
	if by["A"].Received != 3 || by["B"].Received != 11 || by["A"].CarriedOver != 2 || by["B"].OpenLate != 4 {
		t.Errorf("by procedure %+v", by)
	}
}

func TestRangePeriod(t *testing.T) {
	p, err := RangePeriod("2026-03", "2026-08")
	if err != nil || p.Kind() != "range" || p.FirstMonth() != "2026-03" || p.LastMonth() != "2026-08" || len(p.Months()) != 6 ||
		p.Label() != "Từ tháng 3/2026 đến tháng 8/2026" || p.To.Day() != 31 {
		t.Fatalf("range = %+v %q %v", p, p.Label(), err)
	}
	for _, bad := range [][2]string{{"2026-08", "2026-03"}, {"2026-13", "2026-14"}, {"", "2026-01"}} {
		if _, err := RangePeriod(bad[0], bad[1]); err == nil {
			t.Errorf("RangePeriod(%q, %q) accepted", bad[0], bad[1])
		}
	}
}

func TestRangePeriodDays(t *testing.T) {
	p, err := RangePeriod("2026-03-15", "2026-06-14")
	if err != nil || !p.Days() || p.Key != "2026-03-15..2026-06-14" || p.Label() != "Từ ngày 15/03/2026 đến ngày 14/06/2026" ||
		strings.Join(p.Months(), ",") != "2026-03,2026-04,2026-05,2026-06" ||
		!p.Start().Equal(time.Date(2026, 3, 15, 0, 0, 0, 0, Vietnam)) || !p.End().Equal(time.Date(2026, 6, 15, 0, 0, 0, 0, Vietnam)) {
		t.Fatalf("days = %+v %q %v %v", p, p.Label(), p.Months(), err)
	}
	if m, _ := RangePeriod("2026-03-01", "2026-04-30"); m.Days() {
		t.Error("1 March to 30 April counted as a span of days")
	}
	if _, err := RangePeriod("2026-03-15", "2026-06"); err == nil {
		t.Error("a day and a month mixed accepted")
	}
	// Standard periods keep their instants.
	q := MustPeriod("2026-Q3")
	if !q.Start().Equal(time.Date(2026, 7, 1, 0, 0, 0, 0, Vietnam)) || !q.End().Equal(time.Date(2026, 10, 1, 0, 0, 0, 0, Vietnam)) || len(q.Months()) != 3 {
		t.Errorf("Q3 = %v – %v %v", q.Start(), q.End(), q.Months())
	}
}
