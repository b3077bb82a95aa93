package sqldb_test

import (
	"bytes"
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/hpdoet/cchc"
	"github.com/hpdoet/cchc/dossier"
	"github.com/hpdoet/cchc/indicator"
	"github.com/hpdoet/cchc/sqldb"
	"github.com/hpdoet/cchc/sqldb/sqldbtest"
)

// value returns the target's value in v, failing when it is missing.
func value(t *testing.T, v *sqldb.UnitValues, code string) indicator.Value {
	t.Helper()
	for _, x := range v.Indicators {
		if x.Code == code {
			return x
		}
	}
	t.Fatalf("no %s among the values", code)
	return indicator.Value{}
}

func pct(v indicator.Value) float64 {
	if v.Value == nil {
		return -1
	}
	return *v.Value
}

// TestIndicatorValuesByHand follows three dossiers of August 2026 whose
// figures are counted by hand: the values per target, per unit, the
// records behind them, ratings replaced, a closed period that keeps its
// figures while the records change, reopening, and values entered with
// evidence.
func TestIndicatorValuesByHand(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		o := newOneStop(t, db)
		ctx := context.Background()
		*o.clock = time.Date(2026, 8, 3, 2, 0, 0, 0, time.UTC) // Monday 03/08/2026, 09:00
		submit := func(who string) string {
			t.Helper()
			in := correction()
			fixChoices(t, o, &in)
			rec, _, err := db.SubmitDossier(o.as(who), in)
			if err != nil {
				t.Fatalf("submit: %v %v", err, cchc.ErrorFields(err))
			}
			o.advance(10 * time.Minute)
			return rec.Code()
		}
		act := func(who, code string, a dossier.Action, in sqldb.ActionInput) {
			t.Helper()
			if _, _, err := db.ActOnDossier(o.as(who), code, a, in); err != nil {
				t.Fatalf("%s %s by %s: %v", a, code, who, err)
			}
			o.advance(20 * time.Minute)
		}
		d1, d2, d3 := submit("congdan"), submit("congdan"), submit("motcua")
		for _, code := range []string{d1, d2} {
			act("motcua", code, dossier.Receive, sqldb.ActionInput{})
		}
		act("motcua", d1, dossier.Assign, sqldb.ActionInput{AssigneeID: o.users["cv.qlcl"].ID})
		act("cv.qlcl", d1, dossier.CompleteStep, sqldb.ActionInput{})
		act("tp.qlcl", d1, dossier.CompleteStep, sqldb.ActionInput{})
		act("lanhdao", d1, dossier.Approve, sqldb.ActionInput{})
		act("motcua", d1, dossier.IssueResult, sqldb.ActionInput{})
		act("motcua", d1, dossier.Return, sqldb.ActionInput{})

		// Ratings: only the applicant, only once the dossier has ended.
		if err := db.RateDossier(o.as("congdan"), d2, indicator.Satisfied, ""); cchc.ErrorCode(err) != cchc.ECONFLICT {
			t.Errorf("rating an open dossier: %v", err)
		}
		if err := db.RateDossier(o.as("chuyenvien"), d1, indicator.Satisfied, ""); cchc.ErrorCode(err) != cchc.EFORBIDDEN {
			t.Errorf("an official rates: %v", err)
		}
		if err := db.RateDossier(o.as("congdan"), d1, 7, ""); cchc.ErrorCode(err) != cchc.EINVALID {
			t.Errorf("score 7: %v", err)
		}
		if err := db.RateDossier(o.as("congdan"), d1, indicator.Satisfied, "Nhanh"); err != nil {
			t.Fatal(err)
		}
		o.advance(time.Hour)

		all, snap, err := db.Indicators(o.as("vanphong"), "2026-08", "")
		if err != nil || snap != nil {
			t.Fatalf("values of August: %v (snapshot %v)", err, snap)
		}
		// CT-03: one of the received dossiers has a result, and it is electronic.
		if v := value(t, all, "CT-03"); pct(v) != 100 || v.Num != 1 || v.Den != 1 {
			t.Errorf("CT-03 = %v (%v/%v), want 100 (1/1)", pct(v), v.Num, v.Den)
		}
		// CT-06 and CT-04: one rating, satisfied, of an online dossier.
		for _, c := range []string{"CT-06", "CT-04"} {
			if v := value(t, all, c); pct(v) != 100 || v.Den != 1 {
				t.Errorf("%s = %v (%v/%v), want 100 (1/1)", c, pct(v), v.Num, v.Den)
			}
		}
		// CT-07: three dossiers received (two online, one at the counter), none reusing a stored paper.
		if v := value(t, all, "CT-07"); pct(v) != 0 || v.Den != 3 {
			t.Errorf("CT-07 = %v (%v/%v), want 0 (0/3)", pct(v), v.Num, v.Den)
		}
		// A new rating replaces the earlier one: still one rating.
		if err := db.RateDossier(o.as("congdan"), d1, indicator.Unsatisfied, "Phải đi lại"); err != nil {
			t.Fatal(err)
		}
		all, _, _ = db.Indicators(ctx, "2026-08", "")
		if v := value(t, all, "CT-06"); pct(v) != 0 || v.Den != 1 {
			t.Errorf("CT-06 after a new rating = %v (%v/%v), want 0 (0/1)", pct(v), v.Num, v.Den)
		}
		// Per unit: the procedure belongs to QLCL; another unit has nothing.
		qlcl, _, err := db.Indicators(ctx, "2026-08", "QLCL")
		if err != nil {
			t.Fatal(err)
		}
		if v := value(t, qlcl, "CT-07"); v.Den != 3 {
			t.Errorf("QLCL's CT-07 denominator = %v, want 3", v.Den)
		}
		other, _, err := db.Indicators(ctx, "2026-08", "GDTrH")
		if err != nil {
			t.Fatal(err)
		}
		if v := value(t, other, "CT-03"); v.Value != nil || v.Den != 0 || v.Status != indicator.StatusNoData {
			t.Errorf("GDTrH's CT-03 = %+v, want no data", v)
		}

		// The records behind the numbers, within the viewer's unit.
		p := indicator.MustPeriod("2026-08")
		list, more, err := db.DrillDown(o.as("cv.qlcl"), indicator.MReused, p, "QLCL", sqldb.DrillAll, 1)
		if err != nil || more || len(list) != 3 {
			t.Fatalf("QLCL's records = %d, %v, %v", len(list), more, err)
		}
		codes := map[string]bool{}
		for _, r := range list {
			codes[r.Code] = r.Den == 1 && r.Num == 0
		}
		if !codes[d1] || !codes[d2] || !codes[d3] {
			t.Errorf("records %v, want %s, %s and %s counted in the denominator only", codes, d1, d2, d3)
		}
		if in, _, _ := db.DrillDown(o.as("cv.qlcl"), indicator.MEResult, p, "QLCL", sqldb.DrillIn, 1); len(in) != 1 || in[0].Code != d1 {
			t.Errorf("electronic results: %+v, want %s", in, d1)
		}
		if out, _, _ := db.DrillDown(o.as("vanphong"), indicator.MReused, p, "", sqldb.DrillOut, 1); len(out) != 3 {
			t.Errorf("the Office sees %d records of the whole Sở, want 3", len(out))
		}
		for who, unit := range map[string]string{"chuyenvien": "QLCL", "cv.qlcl": "", "congdan": "QLCL"} {
			if _, _, err := db.DrillDown(o.as(who), indicator.MReused, p, unit, sqldb.DrillAll, 1); cchc.ErrorCode(err) != cchc.EFORBIDDEN {
				t.Errorf("%s reads records of %q: %v", who, unit, err)
			}
		}

		// Closing: only ended periods, only the Office, leaders and admins, once.
		if _, err := db.ClosePeriod(o.as("vanphong"), "2026-08"); cchc.ErrorCode(err) != cchc.ECONFLICT {
			t.Errorf("closing the month under way: %v", err)
		}
		*o.clock = time.Date(2026, 9, 2, 2, 0, 0, 0, time.UTC)
		if _, err := db.ClosePeriod(o.as("chuyenvien"), "2026-08"); cchc.ErrorCode(err) != cchc.EFORBIDDEN {
			t.Errorf("a specialist closes: %v", err)
		}
		if _, err := db.ClosePeriod(o.as("vanphong"), "2026-8"); cchc.ErrorCode(err) != cchc.EINVALID {
			t.Errorf("a malformed period: %v", err)
		}
		if _, err := db.ClosePeriod(o.as("vanphong"), "2026-08"); err != nil {
			t.Fatal(err)
		}
		if _, err := db.ClosePeriod(o.as("lanhdao"), "2026-08"); cchc.ErrorCode(err) != cchc.ECONFLICT {
			t.Errorf("closing twice: %v", err)
		}
		// A rating given again in September leaves August's frozen figures alone…
		if err := db.RateDossier(o.as("congdan"), d1, indicator.Satisfied, ""); err != nil {
			t.Fatal(err)
		}
		frozen, snap, err := db.Indicators(ctx, "2026-08", "")
		if err != nil || snap == nil || snap.ClosedBy == "" {
			t.Fatalf("August after closing: snapshot %v, %v", snap, err)
		}
		if v := value(t, frozen, "CT-06"); pct(v) != 0 || v.Den != 1 {
			t.Errorf("frozen CT-06 = %v (%v/%v), want 0 (0/1)", pct(v), v.Num, v.Den)
		}
		if fq, _, _ := db.Indicators(ctx, "2026-08", "QLCL"); value(t, fq, "CT-06").Den != 1 {
			t.Errorf("QLCL's August is not frozen")
		}
		if sep, _, _ := db.Indicators(ctx, "2026-09", ""); pct(value(t, sep, "CT-06")) != 100 {
			t.Errorf("September's CT-06 = %v, want 100", pct(value(t, sep, "CT-06")))
		}
		// … until an admin reopens it, with a reason.
		if err := db.ReopenPeriod(o.as("vanphong"), "2026-08", "Sửa"); cchc.ErrorCode(err) != cchc.EFORBIDDEN {
			t.Errorf("the Office reopens: %v", err)
		}
		if err := db.ReopenPeriod(o.as("admin"), "2026-08", "  "); cchc.ErrorCode(err) != cchc.EINVALID {
			t.Errorf("reopening without a reason: %v", err)
		}
		if err := db.ReopenPeriod(o.as("admin"), "2026-07", "Sửa"); cchc.ErrorCode(err) == "" {
			t.Error("reopening a period never closed succeeded")
		}
		if err := db.ReopenPeriod(o.as("admin"), "2026-08", "Đánh giá nhập nhầm tháng"); err != nil {
			t.Fatal(err)
		}
		live, snap, _ := db.Indicators(ctx, "2026-08", "")
		if v := value(t, live, "CT-06"); snap != nil || v.Value != nil || v.Den != 0 {
			t.Errorf("reopened August: snapshot %v, CT-06 %+v; want live, no rating", snap, v)
		}
		snaps, err := db.Snapshots(o.as("admin"))
		if err != nil || len(snaps) != 1 || snaps[0].ReopenedAt == nil || snaps[0].Reason != "Đánh giá nhập nhầm tháng" || snaps[0].Values.Label != "Tháng 8/2026" {
			t.Errorf("snapshots = %+v, %v", snaps, err)
		}
		if _, err := db.ClosePeriod(o.as("vanphong"), "2026-08"); err != nil {
			t.Errorf("closing again after reopening: %v", err)
		}

		// Values entered by hand need evidence; computed targets cannot be entered.
		three := 3.0
		entry := indicator.Entry{Measure: indicator.MeasureMaturity, Period: "2026", Value: &three,
			Evidence: "Quyết định số 15/QĐ-UBND ngày 20/08/2026 công bố kết quả đánh giá"}
		bad := entry
		bad.Evidence = ""
		if _, err := db.AddIndicatorEntry(o.as("vanphong"), bad); cchc.ErrorFields(err)["evidence"] == "" {
			t.Errorf("entry without evidence: %v", err)
		}
		bad = entry
		bad.Measure = indicator.MeasureEResult
		if _, err := db.AddIndicatorEntry(o.as("vanphong"), bad); cchc.ErrorFields(err)["measure"] == "" {
			t.Errorf("entering a computed target: %v", err)
		}
		bad = entry
		bad.Period = "2026-13"
		if _, err := db.AddIndicatorEntry(o.as("vanphong"), bad); cchc.ErrorFields(err)["period"] == "" {
			t.Errorf("entry for month 13: %v", err)
		}
		if _, err := db.AddIndicatorEntry(o.as("chuyenvien"), entry); cchc.ErrorCode(err) != cchc.EFORBIDDEN {
			t.Errorf("a specialist enters: %v", err)
		}
		if _, err := db.AddIndicatorEntry(o.as("vanphong"), entry); err != nil {
			t.Fatal(err)
		}
		year, _, _ := db.Indicators(ctx, "2026", "")
		for _, c := range []string{"CT-01", "CT-09"} { // one maturity level, two targets
			if v := value(t, year, c); pct(v) != 3 || v.Entry == nil || v.Entry.By == "" {
				t.Errorf("%s = %+v, want the entered level 3", c, v)
			}
		}

		// Values served from the cache are those computed afresh.
		for _, key := range []string{"2026", "2026-09", "2026-Q3"} {
			for _, unit := range []string{"", "QLCL"} {
				cached, _, err := db.Indicators(ctx, key, unit)
				if err != nil {
					t.Fatal(err)
				}
				db.NoValuesCache = true
				fresh, _, err := db.Indicators(ctx, key, unit)
				db.NoValuesCache = false
				if err != nil {
					t.Fatal(err)
				}
				a, _ := json.Marshal(cached)
				b, _ := json.Marshal(fresh)
				if !bytes.Equal(a, b) {
					t.Errorf("%s %q: cached values differ from fresh ones", key, unit)
				}
			}
		}

		var audited int
		db.SQL().QueryRow(`SELECT COUNT(*) FROM audit_log WHERE action IN ('period.close', 'period.reopen', 'indicator.entry', 'dossier.rate')`).Scan(&audited)
		if audited != 2+1+1+3 {
			t.Errorf("%d audit entries for closes, reopenings, entries and ratings, want 7", audited)
		}
		if res, err := db.RebuildIndicators(o.as("admin"), nil); err != nil || res.FactsChanged != 0 || res.StatsChanged != 0 {
			t.Errorf("a rebuild corrects %+v, %v", res, err)
		}
	})
}

// TestOpenLateThisMonth counts the open dossiers that became late this
// month, before now, by unit and procedure (periodic reports of a period
// under way).
func TestOpenLateThisMonth(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		o := newOneStop(t, db)
		ctx := context.Background()
		*o.clock = time.Date(2026, 9, 1, 2, 0, 0, 0, time.UTC) // Tuesday 01/09/2026, 09:00
		in := correction()
		fixChoices(t, o, &in)
		rec, _, err := db.SubmitDossier(o.as("congdan"), in)
		if err != nil {
			t.Fatal(err)
		}
		if _, _, err := db.ActOnDossier(o.as("motcua"), rec.Code(), dossier.Receive, sqldb.ActionInput{}); err != nil {
			t.Fatal(err)
		}
		end := indicator.MustPeriod("2026-Q3").End()
		if got, err := db.OpenLateThisMonth(ctx, end, *o.clock); err != nil || len(got) != 0 {
			t.Errorf("on the day of receipt: %v %v", got, err)
		}
		*o.clock = time.Date(2026, 9, 29, 2, 0, 0, 0, time.UTC) // weeks past its due time, still open
		got, err := db.OpenLateThisMonth(ctx, end, *o.clock)
		if err != nil || got[[2]string{"QLCL", "2.001914"}] != 1 || len(got) != 1 {
			t.Errorf("at the end of the month: %v %v, want QLCL 2.001914: 1", got, err)
		}
		if got, _ := db.OpenLateThisMonth(ctx, indicator.MustPeriod("2026-08").End(), *o.clock); len(got) != 0 {
			t.Errorf("received after August's end, counted for August: %v", got)
		}
	})
}
