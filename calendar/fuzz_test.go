package calendar

import (
	"math/rand/v2"
	"testing"
	"time"
)

// FuzzDueRoundTrip checks that adding working days with Due and counting them
// back with WorkingDaysBetween round-trips for any receipt time, limit and
// cut-off, and that Due agrees with a naive day-by-day walk.
func FuzzDueRoundTrip(f *testing.F) {
	c := defaultCalendar(f)
	// Receipts are folded into mid-1899 to mid-2101, so both ends of the day
	// table are crossed.
	fuzzFrom := time.Date(1899, 6, 1, 0, 0, 0, 0, Vietnam).Unix()
	fuzzTo := time.Date(2101, 6, 1, 0, 0, 0, 0, Vietnam).Unix()
	f.Add(vn(2026, 2, 13, 10, 0).Unix(), uint16(1), uint16(0))
	f.Add(vn(2026, 2, 14, 9, 0).Unix(), uint16(0), uint16(450))
	f.Add(vn(2028, 4, 30, 23, 59).Unix(), uint16(3), uint16(100))
	f.Add(vn(2100, 12, 30, 16, 0).Unix(), uint16(40), uint16(5))
	f.Add(vn(1899, 12, 29, 8, 0).Unix(), uint16(2), uint16(0))
	f.Fuzz(func(t *testing.T, sec int64, days uint16, cut uint16) {
		span := fuzzTo - fuzzFrom
		r := time.Unix(fuzzFrom+((sec%span)+span)%span, 0)
		n := int(days % 2000)
		h := DefaultOfficeHours()
		// Any cut-off after opening and at or before closing.
		h.CutOff = h.Open + time.Minute + time.Duration(int(cut)%int(h.Length()/time.Minute))*time.Minute
		cal, err := c.WithHours(h)
		if err != nil {
			t.Fatal(err)
		}

		due := cal.Due(r, n)
		if got := cal.WorkingDaysBetween(r, due); got != n {
			t.Fatalf("received %v, %d days (cut-off %v): due %v, WorkingDaysBetween = %d", r, n, h.CutOff, due, got)
		}
		dd := DateOf(due)
		if !cal.IsWorkingDay(dd) || !due.Equal(dd.At(h.Close)) {
			t.Fatalf("due %v is not closing time on a working day", due)
		}
		if due.Before(r) {
			t.Fatalf("due %v before receipt %v", due, r)
		}
		if next := cal.Due(due, 0); !next.Equal(cal.Due(r, n+1)) {
			t.Fatalf("Due(Due(r, %d), 0) = %v, Due(r, %d) = %v", n, next, n+1, cal.Due(r, n+1))
		}
		if cal.DaysLate(due, due) != 0 || cal.DaysLate(due, due.Add(time.Second)) != 1 {
			t.Fatalf("DaysLate around due %v is wrong", due)
		}
		if n > 40 {
			return
		}
		// Naive walk: find the start day, then step day by day.
		d := DateOf(r)
		if !cal.IsWorkingDay(d) || r.Sub(d.At(0)) >= h.CutOff {
			d = d.AddDays(1)
			for !cal.IsWorkingDay(d) {
				d = d.AddDays(1)
			}
		}
		for k := 0; k < n; {
			d = d.AddDays(1)
			if cal.IsWorkingDay(d) {
				k++
			}
		}
		if d != dd {
			t.Fatalf("received %v, %d days: Due gives %v, a day-by-day walk gives %v", r, n, dd, d)
		}
	})
}

func benchTimes(n int) []time.Time {
	rng := rand.New(rand.NewPCG(1, 2))
	from, to := vn(2020, 1, 1, 0, 0).Unix(), vn(2035, 1, 1, 0, 0).Unix()
	out := make([]time.Time, n)
	for i := range out {
		out[i] = time.Unix(from+rng.Int64N(to-from), 0)
	}
	return out
}

func BenchmarkDue(b *testing.B) {
	c := defaultCalendar(b)
	ts := benchTimes(1024)
	i := 0
	for b.Loop() {
		c.Due(ts[i&1023], 15)
		i++
	}
}

func BenchmarkWorkingDaysBetween(b *testing.B) {
	c := defaultCalendar(b)
	ts := benchTimes(1025)
	i := 0
	for b.Loop() {
		c.WorkingDaysBetween(ts[i&1023], ts[(i&1023)+1])
		i++
	}
}

func BenchmarkWorkingDuration(b *testing.B) {
	c := defaultCalendar(b)
	ts := benchTimes(1025)
	i := 0
	for b.Loop() {
		c.WorkingDuration(ts[i&1023], ts[(i&1023)+1])
		i++
	}
}

func BenchmarkIsWorkingDay(b *testing.B) {
	c := defaultCalendar(b)
	ts := benchTimes(1024)
	ds := make([]Date, len(ts))
	for i, t := range ts {
		ds[i] = DateOf(t)
	}
	i := 0
	for b.Loop() {
		c.IsWorkingDay(ds[i&1023])
		i++
	}
}

func BenchmarkNewDefault(b *testing.B) {
	for b.Loop() {
		if _, err := NewDefault(); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSolarToLunar(b *testing.B) {
	d := Date{2026, 4, 26}
	for b.Loop() {
		SolarToLunar(d)
	}
}
