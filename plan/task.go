package plan

import (
	"regexp"
	"sort"
	"strconv"
	"time"
)

// InstanceState is an instance with the facts its status comes from.
type InstanceState struct {
	Instance
	Delivered   time.Time `json:"delivered,omitzero"` // civil date of the first accepted evidence's submission
	AnyActivity bool      `json:"any_activity"`
	Status      Status    `json:"status"`
	DueSoon     bool      `json:"due_soon"`
}

// Task is a task node with its assignment (nil if not yet assigned), its
// instances and the derived status.
type Task struct {
	Node       *Node            `json:"node"`
	Section    string           `json:"section"` // "II", "III", "V"
	Assignment *Assignment      `json:"assignment,omitempty"`
	Instances  []*InstanceState `json:"instances,omitempty"`
	Status     Status           `json:"status"`
	DueSoon    bool             `json:"due_soon"`
}

// DueSoonDays is how far ahead "due soon" looks.
const DueSoonDays = 7

// Derive fills in the statuses of the task and its instances as of the civil
// date today.
func (t *Task) Derive(today time.Time) {
	if t.Assignment == nil {
		t.Status, t.DueSoon = Unassigned, false
		return
	}
	statuses := make([]Status, len(t.Instances))
	t.DueSoon = false
	for i, in := range t.Instances {
		in.Status = InstanceStatus(Facts{Start: in.Start, Due: in.Due, Delivered: in.Delivered, AnyActivity: in.AnyActivity}, today)
		in.DueSoon = DueSoon(in.Status, in.Due, today, DueSoonDays)
		t.DueSoon = t.DueSoon || in.DueSoon
		statuses[i] = in.Status
	}
	t.Status = TaskStatus(statuses)
}

// Current returns the instance a unit should be working on today: the
// earliest unfinished one, or the last one if all are finished.
func (t *Task) Current() *InstanceState {
	for _, in := range t.Instances {
		if !in.Status.Finished() {
			return in
		}
	}
	if n := len(t.Instances); n > 0 {
		return t.Instances[n-1]
	}
	return nil
}

// NextDue returns the due date of the current instance, zero if none.
func (t *Task) NextDue() time.Time {
	if c := t.Current(); c != nil {
		return c.Due
	}
	return time.Time{}
}

// InPeriod reports whether any instance of the task is due within [from, to].
func (t *Task) InPeriod(from, to time.Time) bool {
	for _, in := range t.Instances {
		if !in.Due.Before(from) && !in.Due.After(to) {
			return true
		}
	}
	return false
}

// Counts tallies tasks by status.
type Counts map[Status]int

// Total is the number of tasks counted.
func (c Counts) Total() int {
	n := 0
	for _, v := range c {
		n += v
	}
	return n
}

// CountBySection tallies tasks per top-level section code ("II", "III", …)
// and overall under the key "".
func CountBySection(tasks []*Task) map[string]Counts {
	out := map[string]Counts{"": {}}
	for _, t := range tasks {
		if out[t.Section] == nil {
			out[t.Section] = Counts{}
		}
		out[t.Section][t.Status]++
		out[""][t.Status]++
	}
	return out
}

// SortByDue orders tasks by their next due date, unassigned last, then by code order as given.
func SortByDue(tasks []*Task) {
	sort.SliceStable(tasks, func(i, j int) bool {
		a, b := tasks[i].NextDue(), tasks[j].NextDue()
		switch {
		case a.IsZero() != b.IsZero():
			return !a.IsZero()
		default:
			return a.Before(b)
		}
	})
}

// Period is a reporting period: a year, half-year, quarter or month.
type Period struct {
	Key      string    // "2026", "2026-H1", "2026-Q3", "2026-07"
	From, To time.Time // civil dates, inclusive
}

var periodPattern = regexp.MustCompile(`^(\d{4})(?:-(H[12]|Q[1-4]|0[1-9]|1[0-2]))?$`)

// ParsePeriod reads a period key: "2026", "2026-H1", "2026-Q3" or "2026-07".
func ParsePeriod(key string) (Period, bool) {
	m := periodPattern.FindStringSubmatch(key)
	if m == nil {
		return Period{}, false
	}
	y, _ := strconv.Atoi(m[1])
	if y < 2000 || y > 2100 {
		return Period{}, false
	}
	month, months := 1, 12
	switch sub := m[2]; {
	case sub == "":
	case sub[0] == 'H':
		month, months = 6*int(sub[1]-'1')+1, 6
	case sub[0] == 'Q':
		month, months = 3*int(sub[1]-'1')+1, 3
	default:
		month, _ = strconv.Atoi(sub)
		months = 1
	}
	from := time.Date(y, time.Month(month), 1, 0, 0, 0, 0, time.UTC)
	return Period{Key: key, From: from, To: from.AddDate(0, months, -1)}, true
}
