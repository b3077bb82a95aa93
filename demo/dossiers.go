package demo

import (
	"context"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"sort"
	"strconv"
	"time"

	"github.com/hpdoet/cchc"
	"github.com/hpdoet/cchc/calendar"
	"github.com/hpdoet/cchc/dossier"
	"github.com/hpdoet/cchc/indicator"
	"github.com/hpdoet/cchc/payment"
	"github.com/hpdoet/cchc/procedure"
	"github.com/hpdoet/cchc/sqldb"
)

// DossierOptions sizes a generated history of dossiers.
type DossierOptions struct {
	From, To time.Time // the span of submissions; To is also "now" for open dossiers
	Count    int       // about how many dossiers; 0 means the demo volume, PerYear a year
	PerYear  int       // default 8 000: a DOET's own volume (docs/demo.md)
	Seed     uint64
	Agency   string
	Progress io.Writer // receives a progress bar; nil for none
}

// procedure weights: copies of diplomas dominate a DOET's counter.
var procedureWeight = map[string]float64{"1.010020": 40, "2.001914": 12, "HP.GDĐT.04": 20, "1.004889": 4}

type actors struct {
	counter, leader, citizen *cchc.User
	spec, head               map[string]*cchc.User // by unit code
}

// generator simulates dossiers through the real state machine, so every
// generated history is one the service itself could have produced.
type generator struct {
	cal   *calendar.Calendar
	rng   *rand.Rand
	opts  DossierOptions
	procs []*procedure.Procedure
	cum   []float64
	who   actors
	steps map[string][]dossier.StepSpec
	names []string
}

// GenerateDossiers loads a history of dossiers from opts.From to opts.To
// into db through its bulk path, and returns how many it wrote.
func GenerateDossiers(ctx context.Context, db *sqldb.DB, cal *calendar.Calendar, opts DossierOptions) (int, error) {
	sys := cchc.WithUser(ctx, cchc.SystemUser)
	if opts.PerYear == 0 {
		opts.PerYear = 8000
	}
	if opts.Agency == "" {
		opts.Agency = "000.00.31.H31"
	}
	g := &generator{cal: cal, rng: rand.New(rand.NewPCG(opts.Seed, 766)), opts: opts, steps: map[string][]dossier.StepSpec{}}
	procs, err := db.FindProcedures(sys, sqldb.ProcedureFilter{All: true})
	if err != nil {
		return 0, err
	}
	if len(procs) == 0 {
		return 0, fmt.Errorf("generate dossiers: no procedures in the catalog")
	}
	total := 0.0
	for _, p := range procs {
		w := procedureWeight[p.Code]
		if w == 0 {
			w = 1
		}
		total += w
		g.procs, g.cum = append(g.procs, p), append(g.cum, total)
		g.steps[p.Code] = dossier.StepsFor(p)
	}
	if err := g.loadActors(sys, db); err != nil {
		return 0, err
	}
	g.names = vietnameseNames()
	seqs, err := db.Sequences(sys)
	if err != nil {
		return 0, err
	}
	loader, err := db.NewBulkLoader(sys)
	if err != nil {
		return 0, err
	}
	days := g.workingDays()
	perDay := float64(opts.PerYear) / 250
	if opts.Count > 0 {
		perDay = float64(opts.Count) / float64(max(len(days), 1))
	}
	expected := int(perDay * float64(len(days)))
	bar := newProgress(opts.Progress, expected)
	var batch []*sqldb.BulkDossier
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		if err := loader.Load(sys, batch); err != nil {
			return err
		}
		bar.add(len(batch))
		batch = batch[:0]
		return nil
	}
	for _, day := range days {
		n := g.dayCount(day, perDay)
		times := g.submissionTimes(day, n)
		for _, t0 := range times {
			if !t0.Before(opts.To) {
				continue
			}
			code, err := g.nextCode(seqs, t0)
			if err != nil {
				return loader.Loaded, err
			}
			b, err := g.simulate(code, t0)
			if err != nil {
				return loader.Loaded, fmt.Errorf("simulate %s: %w", code, err)
			}
			batch = append(batch, b)
			if len(batch) >= 5000 {
				if err := flush(); err != nil {
					return loader.Loaded, err
				}
			}
		}
		if err := ctx.Err(); err != nil {
			return loader.Loaded, err
		}
	}
	if err := flush(); err != nil {
		return loader.Loaded, err
	}
	bar.done()
	return loader.Loaded, loader.Finish(sys, fmt.Sprintf("generated dossiers %s – %s", opts.From.Format("2006-01-02"), opts.To.Format("2006-01-02")))
}

func (g *generator) loadActors(ctx context.Context, db *sqldb.DB) error {
	users, err := db.FindUsers(ctx, sqldb.UserFilter{})
	if err != nil {
		return err
	}
	units, err := db.FindUnits(ctx)
	if err != nil {
		return err
	}
	codeOf := map[int64]string{}
	for _, u := range units {
		codeOf[u.ID] = u.Code
	}
	g.who = actors{spec: map[string]*cchc.User{}, head: map[string]*cchc.User{}}
	for _, u := range users {
		switch u.Role {
		case cchc.RoleOneStop:
			g.who.counter = u
		case cchc.RoleDirector:
			g.who.leader = u
		case cchc.RoleCitizen:
			g.who.citizen = u
		case cchc.RoleSpecialist:
			g.who.spec[codeOf[u.UnitID]] = u
		case cchc.RoleUnitHead:
			g.who.head[codeOf[u.UnitID]] = u
		}
	}
	if g.who.counter == nil || g.who.leader == nil || g.who.citizen == nil {
		return fmt.Errorf("generate dossiers: the database needs a one-stop officer, a director and a citizen account (load the demo first)")
	}
	return nil
}

func (g *generator) workingDays() []calendar.Date {
	var out []calendar.Date
	for d := calendar.DateOf(g.opts.From); !d.After(calendar.DateOf(g.opts.To)); d = d.AddDays(1) {
		if g.cal.IsWorkingDay(d) {
			out = append(out, d)
		}
	}
	return out
}

// dayCount varies the day's volume with the school year: copies and
// transfers peak in summer, around enrolment.
func (g *generator) dayCount(d calendar.Date, perDay float64) int {
	season := 1 + 0.5*math.Cos(2*math.Pi*(float64(d.Month)-7)/12)
	n := perDay * season / 1.0 * (0.6 + 0.8*g.rng.Float64())
	return int(n + g.rng.Float64())
}

func (g *generator) submissionTimes(d calendar.Date, n int) []time.Time {
	out := make([]time.Time, n)
	for i := range out {
		// Office hours 07:30–17:00 with a lunch dip.
		minute := 450 + g.rng.IntN(570)
		if minute > 690 && minute < 810 && g.rng.IntN(3) > 0 {
			minute -= 180
		}
		out[i] = d.At(time.Duration(minute) * time.Minute).Add(time.Duration(g.rng.IntN(60)) * time.Second)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Before(out[j]) })
	return out
}

// nextCode numbers dossiers per day after the stored ones; past 9 999 in
// a day (benchmark volumes only) it moves to another agency code.
func (g *generator) nextCode(seqs map[string]int, t time.Time) (dossier.Code, error) {
	day := calendar.DateOf(t).String()
	for k := 0; ; k++ {
		agency := g.opts.Agency
		if k > 0 {
			agency = fmt.Sprintf("%s.%02d.%s", agency[:6], 31+k, agency[10:])
		}
		key := agency + "|" + day
		if seqs[key] < dossier.MaxSeq {
			seqs[key]++
			return dossier.NewCode(agency, t, seqs[key])
		}
		if k > 60 {
			return dossier.Code{}, fmt.Errorf("more than %d dossiers on %s", 60*dossier.MaxSeq, day)
		}
	}
}

func (g *generator) pick() *procedure.Procedure {
	x := g.rng.Float64() * g.cum[len(g.cum)-1]
	i := sort.SearchFloat64s(g.cum, x)
	return g.procs[min(i, len(g.procs)-1)]
}

// simulate runs one dossier through the machine from t0 until it ends or
// reaches the generator's "now".
func (g *generator) simulate(code dossier.Code, t0 time.Time) (*sqldb.BulkDossier, error) {
	p := g.pick()
	now := g.opts.To
	d := &dossier.Dossier{}
	b := &sqldb.BulkDossier{D: d, ApplicantName: g.names[g.rng.IntN(len(g.names))], CreatedBy: g.who.counter.ID}
	b.Form = map[string]string{"ho_ten": b.ApplicantName}
	at := t0
	apply := func(a dossier.Action, u *cchc.User, in dossier.Input) (bool, error) {
		if at.After(now) {
			return false, nil
		}
		in.ActorID, in.Role = u.ID, u.Role
		t, err := dossier.Apply(d, a, in, at, g.cal, dossier.Options{})
		if err != nil {
			return false, err
		}
		b.Events = append(b.Events, sqldb.BulkEvent{T: t, ActorID: u.ID, ActorName: u.FullName})
		return true, nil
	}
	later := func(minH, maxH float64) {
		at = at.Add(time.Duration((minH + g.rng.Float64()*(maxH-minH)) * float64(time.Hour)))
	}
	proc := dossier.Procedure{Code: p.Code, LimitDays: p.TimeLimitDays, SameDay: p.SameDay}
	// The online share grows over the plan years, from about 30 % in 2024.
	online := p.OnlineLevel != procedure.LevelNone && g.rng.Float64() < 0.3+0.15*float64(t0.Year()-2024)
	steps := g.steps[p.Code]
	if online {
		if ok, err := apply(dossier.Submit, g.who.citizen, dossier.Input{Channel: dossier.Online, Code: code, Procedure: proc}); !ok {
			return b, err
		}
		if g.rng.Float64() < 0.02 {
			later(1, 20)
			_, err := apply(dossier.Refuse, g.who.counter, dossier.Input{Reason: "Hồ sơ không thuộc thẩm quyền giải quyết của Sở."})
			return b, err
		}
		later(0.5, 6)
		// The code is dated the day of submission; receipt may be later.
		if ok, err := apply(dossier.Receive, g.who.counter, dossier.Input{Steps: steps}); !ok {
			return b, err
		}
	} else {
		if ok, err := apply(dossier.Receive, g.who.counter, dossier.Input{Channel: dossier.Counter, Code: code, Procedure: proc, Steps: steps}); !ok {
			return b, err
		}
	}
	if p.Fee > 0 && !g.pay(b, code, p.Fee, online, &at) {
		return b, nil // still unpaid at the generator's "now"
	}
	if g.rng.Float64() < 0.015 {
		later(2, 48)
		_, err := apply(dossier.Withdraw, g.who.counter, dossier.Input{Reason: "Công dân đề nghị rút hồ sơ."})
		return b, err
	}
	later(0.3, 3)
	first := steps[0]
	assignee := g.who.spec[first.UnitCode]
	var aid int64
	if assignee != nil && first.Role == cchc.RoleSpecialist {
		aid = assignee.ID
	}
	if ok, err := apply(dossier.Assign, g.who.counter, dossier.Input{AssigneeID: aid}); !ok {
		return b, err
	}
	late := g.rng.Float64() < 0.08
	supplement := g.rng.Float64() < 0.06
	for d.State == dossier.Processing {
		s := d.Step()
		actor := g.actorFor(s)
		if actor == nil {
			return b, fmt.Errorf("no demo official for step %q of unit %s", s.Name, s.UnitCode)
		}
		if supplement && d.CurrentStep == 0 {
			supplement = false
			later(2, 20)
			if ok, err := apply(dossier.RequestSupplement, actor, dossier.Input{Missing: []string{"Bản sao giấy khai sinh"}, Reason: "Thông tin trên văn bằng và giấy tờ hộ tịch chưa khớp."}); !ok {
				return b, err
			}
			later(24, 150)
			if ok, err := apply(dossier.Supplement, g.who.counter, dossier.Input{}); !ok {
				return b, err
			}
			continue
		}
		// Most steps finish well within their window; a late dossier
		// overruns one of them.
		window := g.cal.WorkingDuration(at, s.DueAt)
		share := 0.2 + 0.6*g.rng.Float64()
		if late && g.rng.Float64() < 0.5 {
			share = 1.1 + g.rng.Float64()
			late = false
			if g.rng.Float64() < 0.5 {
				// The unit sees it coming and apologises first.
				mid := at.Add(window / 2)
				if !mid.After(now) && dossier.WillBeLate(d, mid, g.cal) {
					at = mid
					newDue := g.cal.Due(d.Due, 3)
					apply(dossier.Apologize, g.who.counter, dossier.Input{Reason: "Hồ sơ cần xác minh thêm với trường cấp văn bằng.", NewDue: newDue})
				}
			}
		}
		at = addWorking(g.cal, at, time.Duration(float64(max(window, time.Hour))*share))
		a := dossier.CompleteStep
		if d.AtApproval() {
			a = dossier.Approve
		}
		var next int64
		if d.CurrentStep+1 < len(d.Steps) {
			if n := d.Steps[d.CurrentStep+1]; n.Role == cchc.RoleSpecialist && g.who.spec[n.UnitCode] != nil {
				next = g.who.spec[n.UnitCode].ID
			}
		}
		if ok, err := apply(a, actor, dossier.Input{AssigneeID: next}); !ok {
			return b, err
		}
	}
	later(0.5, 8)
	if ok, err := apply(dossier.IssueResult, g.who.counter, dossier.Input{}); !ok {
		return b, err
	}
	later(1, 72)
	if ok, err := apply(dossier.Return, g.who.counter, dossier.Input{}); !ok {
		return b, err
	}
	g.rate(b, at)
	return b, nil
}

// rate gives about half the returned dossiers a rating from their
// applicant, a day or two after the return: mostly satisfied, less so when
// the dossier was late, a little more each year.
func (g *generator) rate(b *sqldb.BulkDossier, returned time.Time) {
	if g.rng.Float64() >= 0.55 {
		return
	}
	at := returned.Add(time.Duration(1+g.rng.IntN(72)) * time.Hour)
	if at.After(g.opts.To) {
		return
	}
	satisfied, unsatisfied := 0.80+0.04*float64(at.Year()-2024), 0.05
	if b.D.Late {
		satisfied, unsatisfied = 0.45, 0.30
	}
	score := indicator.Neutral
	switch x := g.rng.Float64(); {
	case x < satisfied:
		score = indicator.Satisfied
	case x < satisfied+unsatisfied:
		score = indicator.Unsatisfied
	}
	b.Rating = &sqldb.BulkRating{Score: score, At: at}
}

// banks the generated online payments go through.
var banks = []string{"NCB", "VCB", "BIDV", "VIETINBANK", "AGRIBANK", "TCB", "MBBANK", "VNPAYQR"}

// pay records the fee of a received dossier at *at, as the service would:
// an online dossier is mostly paid online through the gateway (sometimes
// after a cancelled attempt), the rest in cash at the counter. It moves *at
// to the payment and reports false when that is after the generator's "now".
func (g *generator) pay(b *sqldb.BulkDossier, code dossier.Code, fee int64, online bool, at *time.Time) bool {
	if !online || g.rng.Float64() >= 0.9 {
		if at.After(g.opts.To) {
			return false
		}
		b.Payments = append(b.Payments, sqldb.BulkPayment{Ref: code.String() + "-TM", Provider: "counter", Method: sqldb.MethodCash,
			State: sqldb.PaymentPaid, Amount: fee, CreatedBy: g.who.counter.ID, CreatedAt: *at, PaidAt: *at})
		return true
	}
	attempt := 1
	if g.rng.Float64() < 0.08 {
		t := at.Add(time.Duration(2+g.rng.IntN(20)) * time.Minute)
		if t.After(g.opts.To) {
			return false
		}
		b.Payments = append(b.Payments, sqldb.BulkPayment{Ref: payment.NewRef(code.String(), attempt), Provider: "vnpay", Method: sqldb.MethodOnline,
			State: sqldb.PaymentFailed, Amount: fee, ResponseCode: payment.CodeCancelled, CreatedBy: g.who.citizen.ID, CreatedAt: t})
		attempt++
		*at = t
	}
	t := at.Add(time.Duration(3+g.rng.IntN(90)) * time.Minute)
	if t.After(g.opts.To) {
		return false
	}
	b.Payments = append(b.Payments, sqldb.BulkPayment{Ref: payment.NewRef(code.String(), attempt), Provider: "vnpay", Method: sqldb.MethodOnline,
		State: sqldb.PaymentPaid, Amount: fee, ResponseCode: payment.CodeSuccess, TransactionNo: strconv.Itoa(10_000_000 + g.rng.IntN(90_000_000)),
		Bank: banks[g.rng.IntN(len(banks))], CreatedBy: g.who.citizen.ID, CreatedAt: t.Add(-2 * time.Minute), PaidAt: t})
	*at = t
	return true
}

func (g *generator) actorFor(s *dossier.StepState) *cchc.User {
	switch s.Role {
	case cchc.RoleDirector:
		return g.who.leader
	case cchc.RoleUnitHead:
		return g.who.head[s.UnitCode]
	case cchc.RoleSpecialist:
		if s.AssigneeID != 0 {
			if u := g.who.spec[s.UnitCode]; u != nil && u.ID == s.AssigneeID {
				return u
			}
		}
		return g.who.spec[s.UnitCode]
	}
	return nil
}

// addWorking moves t forward by d of office time.
func addWorking(cal *calendar.Calendar, t time.Time, d time.Duration) time.Time {
	h := cal.Hours()
	for d > 0 {
		day := calendar.DateOf(t)
		if !cal.IsWorkingDay(day) {
			t = cal.NextWorkingDay(day).At(h.Open)
			continue
		}
		open, close := day.At(h.Open), day.At(h.Close)
		if t.Before(open) {
			t = open
		}
		if !t.Before(close) {
			t = day.AddDays(1).At(0)
			continue
		}
		if left := close.Sub(t); d <= left {
			return t.Add(d)
		} else {
			d -= left
			t = close
		}
	}
	return t
}

func vietnameseNames() []string {
	family := []string{"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Phan", "Trịnh"}
	middle := []string{"Văn", "Thị", "Đức", "Minh", "Thu", "Ngọc", "Quang", "Thanh", "Hữu", "Hồng"}
	given := []string{"An", "Bình", "Châu", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hiếu", "Hoa", "Hùng", "Hương", "Khánh", "Lan", "Linh", "Long",
		"Mai", "Nam", "Ngân", "Phong", "Phương", "Quân", "Sơn", "Tâm", "Thảo", "Trang", "Trung", "Tuấn", "Vy", "Yến"}
	var out []string
	for _, f := range family {
		for _, m := range middle {
			for _, g := range given {
				out = append(out, f+" "+m+" "+g)
			}
		}
	}
	return out
}
