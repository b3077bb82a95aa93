package indicator

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/hpdoet/cchc"
	"github.com/hpdoet/cchc/calendar"
	"github.com/hpdoet/cchc/dossier"
	"github.com/hpdoet/cchc/plan"
	"github.com/hpdoet/cchc/plans"
)

func vn(y int, m time.Month, d, hh, mm int) time.Time {
	return time.Date(y, m, d, hh, mm, 0, 0, Vietnam)
}

func newCalendar(t testing.TB) *calendar.Calendar {
	t.Helper()
	c, err := calendar.NewDefault()
	if err != nil {
		t.Fatal(err)
	}
	return c
}

var steps = []dossier.StepSpec{
	{Name: "Thẩm định", UnitCode: "QLCL", Role: cchc.RoleSpecialist, Days: 3},
	{Name: "Lãnh đạo phòng", Role: cchc.RoleUnitHead, Days: 1},
	{Name: "Lãnh đạo Sở", UnitCode: "BGD", Role: cchc.RoleDirector, Days: 1},
}

type snap struct {
	at time.Time
	d  *dossier.Dossier
}

// simulate runs one random dossier from t0 and returns its history: the
// state after each action.
func simulate(rng *rand.Rand, cal *calendar.Calendar, t0 time.Time, seq int) []snap {
	d := &dossier.Dossier{}
	now := t0
	var history []snap
	apply := func(a dossier.Action, in dossier.Input) bool {
		if _, err := dossier.Apply(d, a, in, now, cal, dossier.Options{}); err != nil {
			return false
		}
		history = append(history, snap{now, d.Clone()})
		return true
	}
	wait := func(maxHours int) { now = now.Add(time.Duration(1+rng.IntN(maxHours*60)) * time.Minute) }
	code := dossier.Code{Agency: "000.00.31.H31", Date: calendar.DateOf(now), Seq: seq}
	proc := dossier.Procedure{Code: "2.001914", LimitDays: 5}
	if rng.IntN(2) == 0 {
		apply(dossier.Submit, dossier.Input{ActorID: 1, Role: cchc.RoleCitizen, Channel: dossier.Online, Code: code, Procedure: proc})
		wait(30)
		if !apply(dossier.Receive, dossier.Input{ActorID: 2, Role: cchc.RoleOneStop, Steps: steps}) {
			return history
		}
	} else if !apply(dossier.Receive, dossier.Input{ActorID: 2, Role: cchc.RoleOneStop, Channel: dossier.Counter, Code: code, Procedure: proc, Steps: steps}) {
		return history
	}
	wait(40)
	apply(dossier.Assign, dossier.Input{ActorID: 2, Role: cchc.RoleOneStop, AssigneeID: 7})
	for i := 0; i < 12 && d.State != dossier.ResultIssued && d.State != dossier.Returned; i++ {
		wait(1 + rng.IntN(60))
		switch x := rng.IntN(10); {
		case x == 0 && d.State == dossier.Processing:
			apply(dossier.RequestSupplement, dossier.Input{ActorID: 7, Role: cchc.RoleSpecialist, Missing: []string{"Đơn"}, Reason: "Thiếu"})
		case d.State == dossier.SupplementRequested:
			apply(dossier.Supplement, dossier.Input{ActorID: 1, Role: cchc.RoleCitizen})
		case x == 1 && (d.State == dossier.Processing || d.State == dossier.Received):
			apply(dossier.Apologize, dossier.Input{ActorID: 2, Role: cchc.RoleOneStop, Reason: "Cần thêm thời gian", NewDue: now.AddDate(0, 0, 5)})
		case x == 2 && rng.IntN(4) == 0:
			apply(dossier.Refuse, dossier.Input{ActorID: 2, Role: cchc.RoleOneStop, Reason: "Không đủ điều kiện"})
			return history
		case d.State == dossier.Processing:
			s := d.Step()
			a := dossier.CompleteStep
			if d.AtApproval() {
				a = dossier.Approve
			}
			apply(a, dossier.Input{ActorID: s.AssigneeID, Role: s.Role})
		case d.State == dossier.Approved:
			apply(dossier.IssueResult, dossier.Input{ActorID: 2, Role: cchc.RoleOneStop})
		}
	}
	return history
}

// TestOnTimeFromMonthlySums: the 766 on-time count of a period, computed
// from the sums of the dossiers' facts by month, equals the count obtained
// by asking each dossier, as it stood at the period's close, whether it was
// on time then — for past periods and for the period under way.
func TestOnTimeFromMonthlySums(t *testing.T) {
	cal := newCalendar(t)
	rng := rand.New(rand.NewPCG(7, 11))
	type hist struct{ h []snap }
	var all []hist
	start := vn(2026, 1, 5, 8, 0)
	for i := 0; i < 1500; i++ {
		t0 := start.Add(time.Duration(rng.IntN(300*24)) * time.Hour)
		all = append(all, hist{simulate(rng, cal, t0, i+1)})
	}
	now := vn(2026, 9, 17, 10, 30)
	for _, key := range []string{"2026-02", "2026-03", "2026-Q1", "2026-Q2", "2026-H1", "2026-07", "2026-Q3", "2026-09", "2026"} {
		p := MustPeriod(key)
		var rows []Row
		var openLateNow int64
		var want, received int64
		for _, h := range all {
			// The dossier as storage knows it now: its state after the last
			// action before now.
			var final *dossier.Dossier
			for _, s := range h.h {
				if !s.at.After(now) {
					final = s.d
				}
			}
			if final == nil {
				continue
			}
			for _, f := range Facts(Input{D: final}, cal, DefaultCost) {
				if f.Metric == MTimeliness && f.Month >= p.FirstMonth() && f.Month <= p.LastMonth() {
					rows = append(rows, Row{Metric: f.Metric, Month: f.Month, K: f.K, N: f.N})
				}
			}
			if !p.Contains(final.ReceivedAt) {
				continue
			}
			// What the dossier was at the close of the period.
			at := p.End()
			if p.Contains(now) {
				at = now
				if final.EndOfProcessing().IsZero() && MonthOf(final.LateInstant()) == MonthOf(now) && final.LateInstant().Before(now) {
					openLateNow++
				}
			}
			var then *dossier.Dossier
			for _, s := range h.h {
				if s.at.Before(at) {
					then = s.d
				}
			}
			received++
			switch dossier.Timeliness(then, at, cal) {
			case dossier.OnTime, dossier.Early, dossier.OpenOnTime:
				want++
			}
		}
		d := &Data{Period: p, Now: now, Rows: rows, OpenLateNow: openLateNow}
		got, recv := d.OnTimeRate()
		if recv != received || got != want {
			t.Errorf("%s: on time %d of %d from the sums, %d of %d dossier by dossier", key, got, recv, want, received)
		}
		if recv < 30 {
			t.Errorf("%s: only %d dossiers: the test says little", key, recv)
		}
	}
}

func TestDiff(t *testing.T) {
	old := []Fact{{"a", "2026-01", "", 1}, {"b", "2026-01", "x", 2}, {"c", "2026-02", "", 1}}
	new := []Fact{{"a", "2026-01", "", 1}, {"b", "2026-01", "x", 5}, {"d", "2026-03", "", 1}}
	got := Diff(old, new)
	want := []Fact{{"b", "2026-01", "x", 3}, {"c", "2026-02", "", -1}, {"d", "2026-03", "", 1}}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("Diff = %v, want %v", got, want)
	}
	if len(Diff(new, new)) != 0 {
		t.Error("Diff of equal facts is not empty")
	}
}

func TestPeriods(t *testing.T) {
	for _, c := range []struct{ key, kind, label, first, last, phase, prev string }{
		{"2026", "year", "Năm 2026", "2026-01", "2026-12", "2026-2027", "2025"},
		{"2026-H2", "half", "6 tháng cuối năm 2026", "2026-07", "2026-12", "2026-2027", "2026-H1"},
		{"2028-Q1", "quarter", "Quý I/2028", "2028-01", "2028-03", "2028-2030", "2027-Q4"},
		{"2026-07", "month", "Tháng 7/2026", "2026-07", "2026-07", "2026-2027", "2026-06"},
		{"2025", "year", "Năm 2025", "2025-01", "2025-12", "", "2024"},
	} {
		p := MustPeriod(c.key)
		if p.Kind() != c.kind || p.Label() != c.label || p.FirstMonth() != c.first || p.LastMonth() != c.last || p.Phase() != c.phase || p.Previous().Key != c.prev {
			t.Errorf("%s: %s %q %s %s %q %s", c.key, p.Kind(), p.Label(), p.FirstMonth(), p.LastMonth(), p.Phase(), p.Previous().Key)
		}
	}
	if _, err := ParsePeriod("2026-Q5"); cchc.ErrorCode(err) != cchc.EINVALID {
		t.Errorf("2026-Q5: %v", err)
	}
	if got := MustPeriod("2026").Split("quarter"); len(got) != 4 || got[2].Key != "2026-Q3" {
		t.Errorf("split = %v", got)
	}
	p := MustPeriod("2026-07")
	if !p.Contains(vn(2026, 7, 31, 23, 59)) || p.Contains(vn(2026, 8, 1, 0, 0)) || p.Contains(vn(2026, 6, 30, 23, 59)) {
		t.Error("month bounds are not Vietnam's")
	}
	if MonthOf(time.Date(2026, 7, 31, 17, 30, 0, 0, time.UTC)) != "2026-08" {
		t.Error("MonthOf does not use Vietnam time")
	}
}

// TestFactsOfADossier follows one dossier through its life.
func TestFactsOfADossier(t *testing.T) {
	cal := newCalendar(t)
	d := &dossier.Dossier{}
	at := vn(2026, 3, 2, 9, 0)
	must := func(a dossier.Action, in dossier.Input) {
		t.Helper()
		if _, err := dossier.Apply(d, a, in, at, cal, dossier.Options{}); err != nil {
			t.Fatalf("%s: %v", a, err)
		}
	}
	must(dossier.Submit, dossier.Input{ActorID: 1, Role: cchc.RoleCitizen, Channel: dossier.Online,
		Code: dossier.Code{Agency: "000.00.31.H31", Date: calendar.DateOf(at), Seq: 1}, Procedure: dossier.Procedure{Code: "1.010020", LimitDays: 5}})
	in := Input{D: d, Fee: 10000, Files: 2}
	if fs := Facts(in, cal, DefaultCost); len(fs) != 0 {
		t.Errorf("a dossier not yet received has facts %v", fs)
	}
	at = vn(2026, 3, 2, 10, 0)
	must(dossier.Receive, dossier.Input{ActorID: 2, Role: cchc.RoleOneStop, Steps: steps})
	in.Payments = []Payment{{Online: true, PaidAt: vn(2026, 3, 2, 10, 30)}}
	in.Reused, in.TypedDocs, in.DocsAgain = 1, 2, 1
	fs := Facts(in, cal, DefaultCost)
	want := map[string]bool{"tl 2026-03 |2026-03|": true, "onl 2026-03 ": true, "onl_ok 2026-03 ": true, "digi 2026-03 ": true,
		"reuse 2026-03 ": true, "fee 2026-03 ": true, "feeonl 2026-03 ": true, "pay 2026-03 online": true, "docs 2026-03 ": true, "again 2026-03 ": true}
	for _, f := range fs {
		k := f.Metric + " " + f.Month + " " + f.K
		if !want[k] {
			t.Errorf("unexpected fact %s (%d)", k, f.N)
		}
		delete(want, k)
	}
	if len(want) > 0 {
		t.Errorf("missing facts %v", want)
	}
	for _, a := range []dossier.Action{dossier.Assign, dossier.CompleteStep, dossier.CompleteStep, dossier.Approve, dossier.IssueResult} {
		at = at.Add(3 * time.Hour)
		in := dossier.Input{ActorID: 2, Role: cchc.RoleOneStop}
		if s := d.Step(); s != nil {
			in = dossier.Input{ActorID: s.AssigneeID, Role: s.Role}
		}
		must(a, in)
	}
	in.EResults = 1
	in.Rating = &Rating{Score: Satisfied, At: vn(2026, 4, 1, 8, 0)}
	fs = Facts(in, cal, DefaultCost)
	got := map[string]int64{}
	for _, f := range fs {
		got[f.Metric+" "+f.Month+" "+f.K] = f.N
	}
	if got["tl 2026-03 2026-03||1"] != 1 || got["res 2026-03 "] != 1 || got["eres 2026-03 "] != 1 || got["rate 2026-04 online|3"] != 1 {
		t.Errorf("facts after the result: %v", got)
	}
	// Received 10:00, approved 4 × 3 h later = 22:00 → office time 10:00–17:00 + next day until 15:00 … the
	// processing time is the office time between receipt and approval.
	if want := int64(ProcessingTime(d, cal) / time.Minute); got["ptmin 2026-03 "] != want || want <= 0 {
		t.Errorf("processing minutes %d, want %d", got["ptmin 2026-03 "], want)
	}
	// Online, paid online, electronic result: no visit, the cost is the fee.
	if got["cost 2026-03 "] != 10000 {
		t.Errorf("cost %d, want the fee alone", got["cost 2026-03 "])
	}
	in.EResults = 0
	if c := DefaultCost.Cost(in); c != 10000+180_000 {
		t.Errorf("cost with a paper result = %d, want the fee and one visit", c)
	}
}

func TestServiceIndexAndCompute(t *testing.T) {
	p := MustPeriod("2026-Q2")
	now := vn(2026, 9, 1, 9, 0)
	rows := []Row{
		{MTimeliness, "2026-04", "1.010020", "2026-04||1", 80},
		{MTimeliness, "2026-04", "1.010020", "2026-05|2026-05|0", 10},
		{MTimeliness, "2026-05", "1.010020", "|2026-10|", 6},         // open, due after the quarter
		{MTimeliness, "2026-05", "1.010020", "2026-07|2026-06|0", 4}, // late at the end of June, ended later
		{MOnline, "2026-04", "1.010020", "", 50}, {MOnlineOK, "2026-04", "1.010020", "", 45},
		{MResult, "2026-04", "1.010020", "", 90}, {MEResult, "2026-04", "1.010020", "", 45},
		{MReused, "2026-04", "1.010020", "", 20}, {MDigitised, "2026-04", "1.010020", "", 100},
		{MFee, "2026-04", "1.010020", "", 100}, {MFeeOnline, "2026-04", "1.010020", "", 40},
		{MPay, "2026-04", "1.010020", "online", 40}, {MPay, "2026-04", "1.010020", "cash", 60},
		{MRating, "2026-06", "1.010020", "online|3", 9}, {MRating, "2026-06", "1.010020", "online|1", 1}, {MRating, "2026-06", "1.010020", "counter|2", 10},
		{MTimeN, "2026-05", "1.010020", "", 10}, {MTimeMin, "2026-05", "1.010020", "", 10 * 240},
		{MCostN, "2026-05", "1.010020", "", 10}, {MCost, "2026-05", "1.010020", "", 10 * 100_000},
	}
	base := []Row{{MTimeN, "2024-05", "1.010020", "", 5}, {MTimeMin, "2024-05", "1.010020", "", 5 * 480},
		{MCostN, "2024-05", "1.010020", "", 5}, {MCost, "2024-05", "1.010020", "", 5 * 200_000}}
	procs := []ProcInfo{{Code: "1.010020", Unit: "QLCL", Level: "toan-trinh", Eligible: true, Published: true, Fee: 10000, Complete: true},
		{Code: "2.001914", Unit: "QLCL", Level: "mot-phan", Eligible: true, Published: true, Complete: false}}
	d := &Data{Period: p, Now: now, Rows: rows, Base: base, Procedures: procs, OfficeDay: 9*time.Hour + 30*time.Minute}
	ontime, recv := d.OnTimeRate()
	if recv != 100 || ontime != 86 {
		t.Errorf("on time %d of %d, want 86 of 100", ontime, recv)
	}
	idx := ServiceIndex(d)
	score := map[string]float64{}
	for _, g := range idx.Groups {
		for _, c := range g.Components {
			if c.Score != nil {
				score[c.Code] = *c.Score
			}
		}
	}
	for code, want := range map[string]float64{"1.3": 1, "2.1": 17.2, "3.1": 2, "3.2": 2, "3.3": 5.4, "3.6": 2.4, "3.4": 2, "3.5": 2, "4.1": 3, "4.2": 4, "4.3": 0.5, "5.4": 5.67} {
		if score[code] != want {
			t.Errorf("766 %s = %v, want %v", code, score[code], want)
		}
	}
	if _, ok := score["1.1"]; ok {
		t.Error("an unmeasured component has a score")
	}
	if idx.Measurable != 62 || idx.AvgDays == nil {
		t.Errorf("measurable %v, avg days %v", idx.Measurable, idx.AvgDays)
	}
	targets := targetsFor(t)
	prior := map[string]*float64{MeasureFullOnline: f(50), MeasureEResult: f(40), MeasureSatOnline: f(92)}
	vals := Compute(targets, d, prior)
	got := map[string]Value{}
	for _, v := range vals {
		got[v.Code] = v
	}
	check := func(code string, want float64, status string) {
		t.Helper()
		v := got[code]
		if v.Value == nil || *v.Value != want || v.Status != status {
			t.Errorf("%s = %v %s, want %v %s", code, ptr(v.Value), v.Status, want, status)
		}
	}
	// A quarter of the phase 2026–2027 has passed at the end of Q2 2026: on a
	// straight line from the 2025 value to the target, 62,5 % for CT-02.
	check("CT-02", 50, StatusAtRisk) // 1 of 2 eligible procedures is fully online
	check("CT-03", 50, StatusAtRisk) // from 40 % the line stands at 55 %
	check("CT-04", 90, StatusAtRisk) // 9 of 10 online ratings; the line stands at 92,75 %
	if v := Compute(targets, d, nil); v[1].Status != StatusOnTrack {
		t.Errorf("CT-02 from 0 %% = %s, want on track", v[1].Status)
	}
	check("CT-07", 20, StatusNoTarget)
	check("CT-08", 40, StatusNoTarget)
	check("CT-15", 50, StatusMet) // 240 minutes against 480 in 2024
	check("CT-16", 50, StatusMet)
	if v := got["CT-10"]; v.Value != nil || v.Status != StatusNoData || v.Kind != KindMissing {
		t.Errorf("open data = %+v", v)
	}
	if v := got["CT-01"]; v.Status != StatusNoData || v.Targets["2028-2030"] == nil || *v.Targets["2028-2030"] != 4 || *v.Targets["2026-2027"] != 3 {
		t.Errorf("maturity = %+v", v)
	}
}

func ptr(f *float64) any {
	if f == nil {
		return nil
	}
	return *f
}

func f(v float64) *float64 { return &v }

func targetsFor(t *testing.T) []*plan.Target {
	t.Helper()
	doc, err := plan.ParseDocument(plans.SeedPlan())
	if err != nil {
		t.Fatal(err)
	}
	return doc.Targets
}
