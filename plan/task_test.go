package plan

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"testing"
	"time"
)

// instance builds an InstanceState with the facts Derive reads.
func instance(start, due, delivered time.Time, activity bool) *InstanceState {
	return &InstanceState{Instance: Instance{Start: start, Due: due}, Delivered: delivered, AnyActivity: activity}
}

// quarters returns a 2026 quarterly task's four instances, the first n delivered on time.
func quarters(n int) []*InstanceState {
	var out []*InstanceState
	for q := range 4 {
		s := date(2026, time.Month(3*q+1), 1)
		d := AddMonths(s, 3).AddDate(0, 0, -1)
		var delivered time.Time
		if q < n {
			delivered = d.AddDate(0, 0, -5)
		}
		out = append(out, instance(s, d, delivered, false))
	}
	return out
}

func TestTaskDerive(t *testing.T) {
	assigned := &Assignment{ID: 1}
	tests := []struct {
		name         string
		task         Task
		today        time.Time
		status       Status
		dueSoon      bool
		instances    []Status
		instanceSoon []bool
	}{
		{
			name:   "unassigned",
			task:   Task{Instances: quarters(0), Status: Done, DueSoon: true},
			today:  date(2026, 3, 28),
			status: Unassigned,
		},
		{
			name:   "assigned without instances",
			task:   Task{Assignment: assigned},
			today:  date(2026, 3, 28),
			status: Unassigned,
		},
		{
			name:         "first quarter running, due soon",
			task:         Task{Assignment: assigned, Instances: quarters(0)},
			today:        date(2026, 3, 28),
			status:       InProgress,
			dueSoon:      true,
			instances:    []Status{InProgress, NotStarted, NotStarted, NotStarted},
			instanceSoon: []bool{true, false, false, false},
		},
		{
			name:         "first quarter missed",
			task:         Task{Assignment: assigned, Instances: quarters(0)},
			today:        date(2026, 4, 1),
			status:       Overdue,
			instances:    []Status{Overdue, InProgress, NotStarted, NotStarted},
			instanceSoon: []bool{false, false, false, false},
		},
		{
			name:         "first quarter done, second due in 7 days",
			task:         Task{Assignment: assigned, Instances: quarters(1)},
			today:        date(2026, 6, 23),
			status:       InProgress,
			dueSoon:      true,
			instances:    []Status{Done, InProgress, NotStarted, NotStarted},
			instanceSoon: []bool{false, true, false, false},
		},
		{
			name:         "all delivered on time",
			task:         Task{Assignment: assigned, Instances: quarters(4)},
			today:        date(2027, 1, 5),
			status:       Done,
			instances:    []Status{Done, Done, Done, Done},
			instanceSoon: []bool{false, false, false, false},
		},
		{
			name: "one delivered late",
			task: Task{Assignment: assigned, Instances: func() []*InstanceState {
				in := quarters(4)
				in[2].Delivered = date(2026, 10, 2)
				return in
			}()},
			today:        date(2027, 1, 5),
			status:       DoneLate,
			instances:    []Status{Done, Done, DoneLate, Done},
			instanceSoon: []bool{false, false, false, false},
		},
		{
			name: "not started with activity ahead of start",
			task: Task{Assignment: assigned, Instances: []*InstanceState{
				instance(date(2026, 9, 1), date(2026, 9, 30), time.Time{}, true),
			}},
			today:        date(2026, 8, 1),
			status:       InProgress,
			instances:    []Status{InProgress},
			instanceSoon: []bool{false},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			task := tt.task
			task.Derive(tt.today)
			if got, want := task.Status, tt.status; got != want {
				t.Errorf("Status = %q, want %q", got, want)
			}
			if got, want := task.DueSoon, tt.dueSoon; got != want {
				t.Errorf("DueSoon = %v, want %v", got, want)
			}
			if tt.instances == nil {
				return
			}
			var statuses []Status
			var soon []bool
			for _, in := range task.Instances {
				statuses = append(statuses, in.Status)
				soon = append(soon, in.DueSoon)
			}
			if got, want := statuses, tt.instances; !slices.Equal(got, want) {
				t.Errorf("instance statuses = %q, want %q", got, want)
			}
			if got, want := soon, tt.instanceSoon; !slices.Equal(got, want) {
				t.Errorf("instance DueSoon = %v, want %v", got, want)
			}
		})
	}
	t.Run("rederiving clears DueSoon", func(t *testing.T) {
		task := Task{Assignment: assigned, Instances: quarters(0)}
		task.Derive(date(2026, 3, 28))
		task.Derive(date(2026, 5, 1))
		if got, want := task.DueSoon, false; got != want {
			t.Errorf("DueSoon = %v, want %v", got, want)
		}
	})
}

func TestTaskCurrentAndNextDue(t *testing.T) {
	assigned := &Assignment{ID: 1}
	tests := []struct {
		name    string
		task    Task
		today   time.Time
		current int // index into Instances; -1 for nil
	}{
		{"no instances", Task{}, date(2026, 1, 1), -1},
		{"none finished", Task{Assignment: assigned, Instances: quarters(0)}, date(2026, 2, 1), 0},
		{"overdue first is current", Task{Assignment: assigned, Instances: quarters(0)}, date(2026, 5, 1), 0},
		{"first two finished", Task{Assignment: assigned, Instances: quarters(2)}, date(2026, 7, 1), 2},
		{"all finished gives the last", Task{Assignment: assigned, Instances: quarters(4)}, date(2027, 1, 1), 3},
		{"a finished one after an open one", Task{Assignment: assigned, Instances: func() []*InstanceState {
			in := quarters(1)
			in[2].Delivered = date(2026, 7, 15)
			return in
		}()}, date(2026, 7, 20), 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			task := tt.task
			task.Derive(tt.today)
			got := task.Current()
			var want *InstanceState
			var wantDue time.Time
			if tt.current >= 0 {
				want = task.Instances[tt.current]
				wantDue = want.Due
			}
			if got != want {
				t.Errorf("Current() = %+v, want instance %d", got, tt.current)
			}
			if got, want := task.NextDue(), wantDue; !got.Equal(want) {
				t.Errorf("NextDue() = %s, want %s", got, want)
			}
		})
	}
}

func TestTaskInPeriod(t *testing.T) {
	task := Task{Instances: []*InstanceState{
		instance(date(2026, 1, 1), date(2026, 3, 25), time.Time{}, false),
		instance(date(2026, 4, 1), date(2026, 6, 25), time.Time{}, false),
	}}
	tests := []struct {
		name     string
		from, to time.Time
		want     bool
	}{
		{"quarter containing the first due", date(2026, 1, 1), date(2026, 3, 31), true},
		{"from on a due date", date(2026, 3, 25), date(2026, 3, 31), true},
		{"to on a due date", date(2026, 6, 1), date(2026, 6, 25), true},
		{"single day that is a due date", date(2026, 6, 25), date(2026, 6, 25), true},
		{"day after a due date", date(2026, 3, 26), date(2026, 5, 31), false},
		{"day before a due date", date(2026, 1, 1), date(2026, 3, 24), false},
		{"later year", date(2027, 1, 1), date(2027, 12, 31), false},
		{"whole plan", PlanStart, PlanEnd, true},
		{"reversed range", date(2026, 12, 31), date(2026, 1, 1), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got, want := task.InPeriod(tt.from, tt.to), tt.want; got != want {
				t.Errorf("InPeriod(%s, %s) = %v, want %v", tt.from.Format(time.DateOnly), tt.to.Format(time.DateOnly), got, want)
			}
		})
	}
	t.Run("no instances", func(t *testing.T) {
		if got, want := (&Task{}).InPeriod(PlanStart, PlanEnd), false; got != want {
			t.Errorf("InPeriod = %v, want %v", got, want)
		}
	})
}

func TestCountBySection(t *testing.T) {
	tasks := []*Task{
		{Section: "II", Status: Done},
		{Section: "II", Status: Overdue},
		{Section: "II", Status: Overdue},
		{Section: "III", Status: Unassigned},
		{Section: "V", Status: InProgress},
	}
	got := CountBySection(tasks)
	want := map[string]Counts{
		"":    {Done: 1, Overdue: 2, Unassigned: 1, InProgress: 1},
		"II":  {Done: 1, Overdue: 2},
		"III": {Unassigned: 1},
		"V":   {InProgress: 1},
	}
	for _, key := range slices.Sorted(maps.Keys(want)) {
		t.Run("section "+strconv.Quote(key), func(t *testing.T) {
			if !maps.Equal(got[key], want[key]) {
				t.Errorf("CountBySection[%q] = %v, want %v", key, got[key], want[key])
			}
		})
	}
	t.Run("no other sections", func(t *testing.T) {
		if got, want := len(got), len(want); got != want {
			t.Errorf("len(CountBySection) = %d, want %d", got, want)
		}
	})
	t.Run("totals", func(t *testing.T) {
		if got, want := got[""].Total(), 5; got != want {
			t.Errorf("overall Total() = %d, want %d", got, want)
		}
		if got, want := got["II"].Total(), 3; got != want {
			t.Errorf("II Total() = %d, want %d", got, want)
		}
	})
	t.Run("no tasks", func(t *testing.T) {
		got := CountBySection(nil)
		if c, ok := got[""]; !ok || c == nil || c.Total() != 0 || len(got) != 1 {
			t.Errorf("CountBySection(nil) = %v, want only an empty overall count", got)
		}
	})
}

func TestSortByDue(t *testing.T) {
	mk := func(code string, dues ...time.Time) *Task {
		t := &Task{Node: &Node{Code: code}}
		if len(dues) > 0 {
			t.Assignment = &Assignment{}
		}
		for _, d := range dues {
			t.Instances = append(t.Instances, &InstanceState{Instance: Instance{Due: d}})
		}
		return t
	}
	tests := []struct {
		name  string
		tasks []*Task
		want  []string
	}{
		{"empty", nil, nil},
		{"by next due", []*Task{
			mk("II.3", date(2026, 9, 30)),
			mk("II.1", date(2026, 3, 31)),
			mk("II.2", date(2026, 6, 30)),
		}, []string{"II.1", "II.2", "II.3"}},
		{"unassigned last, in given order", []*Task{
			mk("II.1"),
			mk("II.4", date(2026, 12, 31)),
			mk("II.2"),
			mk("II.3", date(2026, 3, 31)),
			mk("II.0"),
		}, []string{"II.3", "II.4", "II.1", "II.2", "II.0"}},
		{"equal dues keep the given order", []*Task{
			mk("III.2", date(2026, 6, 30)),
			mk("III.1", date(2026, 6, 30)),
			mk("II.9", date(2026, 6, 30)),
		}, []string{"III.2", "III.1", "II.9"}},
		{"next due is the first unfinished instance", []*Task{
			mk("II.1", date(2026, 12, 31)),
			mk("II.2", date(2026, 3, 31), date(2026, 6, 30)),
		}, []string{"II.2", "II.1"}},
		{"all unassigned keep the given order", []*Task{mk("V.2"), mk("V.1"), mk("IV.1")}, []string{"V.2", "V.1", "IV.1"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			SortByDue(tt.tasks)
			var got []string
			for _, task := range tt.tasks {
				got = append(got, task.Node.Code)
			}
			if want := tt.want; !slices.Equal(got, want) {
				t.Errorf("SortByDue order = %q, want %q", got, want)
			}
		})
	}
}

func TestParsePeriod(t *testing.T) {
	valid := []struct {
		key      string
		from, to time.Time
	}{
		{"2026", date(2026, 1, 1), date(2026, 12, 31)},
		{"2030", date(2030, 1, 1), date(2030, 12, 31)},
		{"2000", date(2000, 1, 1), date(2000, 12, 31)},
		{"2100", date(2100, 1, 1), date(2100, 12, 31)},
		{"2026-H1", date(2026, 1, 1), date(2026, 6, 30)},
		{"2026-H2", date(2026, 7, 1), date(2026, 12, 31)},
		{"2026-Q1", date(2026, 1, 1), date(2026, 3, 31)},
		{"2026-Q2", date(2026, 4, 1), date(2026, 6, 30)},
		{"2026-Q3", date(2026, 7, 1), date(2026, 9, 30)},
		{"2026-Q4", date(2026, 10, 1), date(2026, 12, 31)},
		{"2028-Q1", date(2028, 1, 1), date(2028, 3, 31)},
		{"2026-01", date(2026, 1, 1), date(2026, 1, 31)},
		{"2026-02", date(2026, 2, 1), date(2026, 2, 28)},
		{"2028-02", date(2028, 2, 1), date(2028, 2, 29)},
		{"2026-04", date(2026, 4, 1), date(2026, 4, 30)},
		{"2026-07", date(2026, 7, 1), date(2026, 7, 31)},
		{"2026-09", date(2026, 9, 1), date(2026, 9, 30)},
		{"2026-10", date(2026, 10, 1), date(2026, 10, 31)},
		{"2026-12", date(2026, 12, 1), date(2026, 12, 31)},
	}
	for _, tt := range valid {
		t.Run(tt.key, func(t *testing.T) {
			got, ok := ParsePeriod(tt.key)
			if !ok {
				t.Fatalf("ParsePeriod(%q) not ok", tt.key)
			}
			if want := (Period{Key: tt.key, From: tt.from, To: tt.to}); got != want {
				t.Errorf("ParsePeriod(%q) = %s..%s, want %s..%s", tt.key,
					got.From.Format(time.DateOnly), got.To.Format(time.DateOnly),
					want.From.Format(time.DateOnly), want.To.Format(time.DateOnly))
			}
		})
	}
	invalid := []string{
		"", "2026-Q5", "2026-Q0", "2026-H3", "2026-H0", "2026-13", "2026-00", "26", "2026-7",
		"2026-Q3x", "x2026", "abcd", "1999", "2101", "9999", "20261", "2026-", "2026-q3",
		"2026-h1", "2026Q3", "2026-Q", " 2026", "2026 ", "2026\n", "2026-07-01", "٢٠٢٦",
	}
	for _, key := range invalid {
		t.Run(fmt.Sprintf("invalid %q", key), func(t *testing.T) {
			if got, ok := ParsePeriod(key); ok || got != (Period{}) {
				t.Errorf("ParsePeriod(%q) = %+v, %v, want the zero Period, false", key, got, ok)
			}
		})
	}
}

func FuzzParsePeriod(f *testing.F) {
	for _, s := range []string{"2026", "2026-H1", "2026-H2", "2026-Q1", "2026-Q4", "2026-01", "2026-12", "2028-02",
		"", "2026-Q5", "2026-13", "2026-00", "1999", "2101", "abcd", "2026-Q3x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, key string) {
		p, ok := ParsePeriod(key)
		if !ok {
			if p != (Period{}) {
				t.Errorf("ParsePeriod(%q) = %+v, false; want the zero Period", key, p)
			}
			return
		}
		if p.Key != key {
			t.Errorf("ParsePeriod(%q).Key = %q", key, p.Key)
		}
		if p.From.After(p.To) {
			t.Errorf("ParsePeriod(%q): From %s after To %s", key, p.From, p.To)
		}
		y, err := strconv.Atoi(key[:4])
		if err != nil {
			t.Fatalf("ParsePeriod(%q) ok, but the key does not start with a year: %v", key, err)
		}
		if p.From.Year() != y || p.To.Year() != y {
			t.Errorf("ParsePeriod(%q) = %s..%s, want both in %d", key, p.From, p.To, y)
		}
		if p.From.Day() != 1 || p.To.AddDate(0, 0, 1).Day() != 1 {
			t.Errorf("ParsePeriod(%q) = %s..%s, want whole months", key, p.From, p.To)
		}
		if p.From.Location() != time.UTC || p.From.Hour() != 0 || p.To.Hour() != 0 {
			t.Errorf("ParsePeriod(%q) = %s..%s, want UTC midnights", key, p.From, p.To)
		}
	})
}
