package indicator

import "time"

// Tally are the dossier counts of a period that a periodic report gives,
// read from the monthly sums (month granularity: a period is whole months).
type Tally struct {
	CarriedOver   int64 // received before the period and still open at its start
	Received      int64 // received in the period
	Online        int64 // of Received, submitted online
	SettledOnTime int64 // ended in the period on time or early
	SettledLate   int64 // ended in the period late
	Open          int64 // received by the period's end and still open then
	OpenLate      int64 // of Open, past the due time by the period's end
	Results       int64 // of Received, those with a result
	EResults      int64 // of Results, electronic (signed) ones
	FeeDossiers   int64 // of Received, those of a procedure with a fee
	PaidOnline    int64 // of FeeDossiers, paid online
	Reused        int64 // of Received, those that took a paper from the data store
}

// TallyOf counts rows — the sums from the first month on record up to
// p's last month — into p's tally, grouped by group(row) ("" for one group).
// For a period under way at now, OpenLate counts only the dossiers late
// before the current month: those that became late since its start are
// the caller's to add (the sums do not say whether the instant has passed).
func TallyOf(rows []Row, p Period, now time.Time, group func(Row) string) map[string]Tally {
	first, last := p.FirstMonth(), p.LastMonth()
	lateBy := func(late string) bool { return late != "" && late <= last }
	if p.Contains(now) {
		cur := MonthOf(now)
		lateBy = func(late string) bool { return late != "" && late < cur }
	}
	out := map[string]Tally{}
	for _, r := range rows {
		if r.Month > last {
			continue
		}
		g := ""
		if group != nil {
			g = group(r)
		}
		t := out[g]
		in := r.Month >= first
		switch r.Metric {
		case MTimeliness:
			end, late, ontime := Timeliness(r.K)
			if in {
				t.Received += r.N
			} else if end == "" || end >= first {
				t.CarriedOver += r.N
			}
			if end >= first && end <= last {
				if ontime == "1" {
					t.SettledOnTime += r.N
				} else {
					t.SettledLate += r.N
				}
			}
			if end == "" || end > last {
				t.Open += r.N
				if lateBy(late) {
					t.OpenLate += r.N
				}
			}
		case MOnline:
			if in {
				t.Online += r.N
			}
		case MResult:
			if in {
				t.Results += r.N
			}
		case MEResult:
			if in {
				t.EResults += r.N
			}
		case MFee:
			if in {
				t.FeeDossiers += r.N
			}
		case MFeeOnline:
			if in {
				t.PaidOnline += r.N
			}
		case MReused:
			if in {
				t.Reused += r.N
			}
		default:
			continue
		}
		out[g] = t
	}
	return out
}

// Add returns the sum of two tallies.
func (t Tally) Add(u Tally) Tally {
	return Tally{CarriedOver: t.CarriedOver + u.CarriedOver, Received: t.Received + u.Received, Online: t.Online + u.Online,
		SettledOnTime: t.SettledOnTime + u.SettledOnTime, SettledLate: t.SettledLate + u.SettledLate, Open: t.Open + u.Open,
		OpenLate: t.OpenLate + u.OpenLate, Results: t.Results + u.Results, EResults: t.EResults + u.EResults,
		FeeDossiers: t.FeeDossiers + u.FeeDossiers, PaidOnline: t.PaidOnline + u.PaidOnline, Reused: t.Reused + u.Reused}
}
