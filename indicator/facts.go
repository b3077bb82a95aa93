package indicator

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/hpdoet/cchc"
	"github.com/hpdoet/cchc/calendar"
	"github.com/hpdoet/cchc/dossier"
	"github.com/hpdoet/cchc/procedure"
)

// Fact is one contribution of a dossier to the sums: N added to Metric in
// the civil month Month (Vietnam time), with the detail key K.
type Fact struct {
	Metric string `json:"m"`
	Month  string `json:"t"`
	K      string `json:"k,omitempty"`
	N      int64  `json:"n"`
}

// Metrics. Most are counted in the month the dossier was received (its
// cohort, as the 766 index counts "hồ sơ tiếp nhận trong kỳ"); times and
// costs in the month processing ended; payments and ratings in their own
// month.
const (
	// MTimeliness: every received dossier once, in its receipt month, with
	// K = "<end month>|<late month>|<o>": the month processing ended ("" while
	// open), the month it became or will become late ("" never: see
	// dossier.LateInstant), and o = "1" if it ended on time, "0" if it ended
	// late, "" while open. Enough to tell, for the end of any month, whether it
	// was on time then.
	MTimeliness = "tl"
	MOnline     = "onl"    // received online
	MOnlineOK   = "onl_ok" // received online and, once it has a result, an electronic one (766 3.3)
	MResult     = "res"    // has a result (a result code)
	MEResult    = "eres"   // has an electronic, signed result
	MDigitised  = "digi"   // its papers are in the system and, once it has a result, an electronic one (766 4.2)
	MReused     = "reuse"  // at least one paper taken from the data store (766 4.3)
	MFee        = "fee"    // of a procedure with a fee
	MFeeOnline  = "feeonl" // … and the fee paid online (766 3.6)
	MDocs       = "docs"   // N = papers of a type the data store keeps, supplied in the dossier
	MDocsAgain  = "again"  // N = of those, uploaded again although a valid copy was in the applicant's store
	MTimeN      = "ptn"    // end month: dossiers that ended with a result
	MTimeMin    = "ptmin"  // end month: N = their working minutes from receipt to end, waits excluded
	MCostN      = "costn"  // end month: dossiers that ended with a result
	MCost       = "cost"   // end month: N = their compliance cost in đồng (CostModel)
	MPay        = "pay"    // month paid: a paid fee payment, K = "online" or "cash"
	MRating     = "rate"   // month rated: K = "<channel>|<score>"
)

// Rating scores.
const (
	Unsatisfied = 1 // không hài lòng
	Neutral     = 2 // bình thường
	Satisfied   = 3 // hài lòng
)

// Input is a dossier and what surrounds it.
type Input struct {
	D         *dossier.Dossier
	Fee       int64 // the procedure's fee, đồng
	Files     int   // papers attached (uploaded or scanned)
	EResults  int   // electronic results issued
	Reused    int   // papers taken from the data store
	TypedDocs int   // papers of a type the data store keeps, supplied (uploaded or reused)
	DocsAgain int   // of those, uploaded although a valid stored copy existed
	Payments  []Payment
	Rating    *Rating
}

// Payment is a paid fee payment.
type Payment struct {
	Online bool
	PaidAt time.Time
}

// Rating is the applicant's rating of the dossier.
type Rating struct {
	Score int
	At    time.Time
}

// Facts returns the dossier's contributions, sorted. cal measures working
// time; cost prices the applicant's visits.
func Facts(in Input, cal *calendar.Calendar, cost CostModel) []Fact {
	d := in.D
	var out []Fact
	add := func(metric, month, k string, n int64) {
		if month != "" && n != 0 {
			out = append(out, Fact{Metric: metric, Month: month, K: k, N: n})
		}
	}
	for _, p := range in.Payments {
		k := "cash"
		if p.Online {
			k = "online"
		}
		add(MPay, MonthOf(p.PaidAt), k, 1)
	}
	if in.Rating != nil {
		add(MRating, MonthOf(in.Rating.At), string(d.Channel)+"|"+strconv.Itoa(in.Rating.Score), 1)
	}
	r := MonthOf(d.ReceivedAt)
	if r == "" {
		return sorted(out)
	}
	end := d.EndOfProcessing()
	o := ""
	if !end.IsZero() {
		o = "0"
		if st := dossier.Timeliness(d, end, cal); st == dossier.OnTime || st == dossier.Early {
			o = "1"
		}
	}
	add(MTimeliness, r, MonthOf(end)+"|"+MonthOf(d.LateInstant())+"|"+o, 1)
	hasResult := len(d.ResultCodes) > 0
	electronic := !hasResult || in.EResults > 0
	if d.Channel == dossier.Online {
		add(MOnline, r, "", 1)
		if electronic {
			add(MOnlineOK, r, "", 1)
		}
	}
	if hasResult {
		add(MResult, r, "", 1)
		if in.EResults > 0 {
			add(MEResult, r, "", 1)
		}
	}
	if in.Files+in.Reused > 0 && electronic {
		add(MDigitised, r, "", 1)
	}
	if in.Reused > 0 {
		add(MReused, r, "", 1)
	}
	if in.Fee > 0 {
		add(MFee, r, "", 1)
		if slices.ContainsFunc(in.Payments, func(p Payment) bool { return p.Online }) {
			add(MFeeOnline, r, "", 1)
		}
	}
	add(MDocs, r, "", int64(in.TypedDocs))
	add(MDocsAgain, r, "", int64(in.DocsAgain))
	if ended := MonthOf(end); ended != "" && d.State != dossier.Refused && d.State != dossier.Withdrawn {
		add(MTimeN, ended, "", 1)
		add(MTimeMin, ended, "", max(int64(ProcessingTime(d, cal)/time.Minute), 1))
		add(MCostN, ended, "", 1)
		add(MCost, ended, "", cost.Cost(in))
	}
	return sorted(out)
}

func sorted(fs []Fact) []Fact {
	slices.SortFunc(fs, func(a, b Fact) int {
		return cmp.Or(strings.Compare(a.Metric, b.Metric), strings.Compare(a.Month, b.Month), strings.Compare(a.K, b.K))
	})
	return fs
}

// ProcessingTime is the office time from receipt to the end of processing,
// the waits for the applicant's supplements excluded (766 2.2); zero while
// the dossier is open.
func ProcessingTime(d *dossier.Dossier, cal *calendar.Calendar) time.Duration {
	end := d.EndOfProcessing()
	if end.IsZero() || d.ReceivedAt.IsZero() {
		return 0
	}
	t := cal.WorkingDuration(d.ReceivedAt, end)
	for _, p := range d.Pauses {
		to := p.To
		if to.IsZero() || to.After(end) {
			to = end
		}
		if to.After(p.From) {
			t -= cal.WorkingDuration(p.From, to)
		}
	}
	return max(t, 0)
}

// Timeliness reads a MTimeliness key.
func Timeliness(k string) (end, late, ontime string) {
	end, rest, _ := strings.Cut(k, "|")
	late, ontime, _ = strings.Cut(rest, "|")
	return end, late, ontime
}

// OwnerUnit is the unit a dossier's numbers belong to: the unit of the
// first step a specialist or unit head does (the phòng that handles it),
// from the dossier's planned process or else the procedure's.
func OwnerUnit(d *dossier.Dossier, p *procedure.Procedure) string {
	for _, s := range d.Steps {
		if s.Role == cchc.RoleSpecialist || s.Role == cchc.RoleUnitHead {
			return s.UnitCode
		}
	}
	if p != nil {
		for _, s := range dossier.StepsFor(p) {
			if s.Role == cchc.RoleSpecialist || s.Role == cchc.RoleUnitHead {
				return s.UnitCode
			}
		}
	}
	if len(d.Steps) > 0 {
		return d.Steps[0].UnitCode
	}
	return ""
}

// Diff returns what to add to the sums when a dossier's facts change from
// old to new: new counts, old ones negated, equal ones cancelled.
func Diff(old, new []Fact) []Fact {
	sum := map[[3]string]int64{}
	for _, f := range old {
		sum[[3]string{f.Metric, f.Month, f.K}] -= f.N
	}
	for _, f := range new {
		sum[[3]string{f.Metric, f.Month, f.K}] += f.N
	}
	var out []Fact
	for k, n := range sum {
		if n != 0 {
			out = append(out, Fact{Metric: k[0], Month: k[1], K: k[2], N: n})
		}
	}
	return sorted(out)
}
