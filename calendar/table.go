package calendar

import "fmt"

// dayTable knows, for every day from 1 January MinYear to 31 December
// MaxYear, whether it is a working day, and holds prefix counts that make
// working-day arithmetic O(1). Outside that range only Saturdays and Sundays
// are days off. It is built once and never changed, so it is safe to share.
//
// Working days are numbered: count(x) is the number of working days before
// day x (counted from the start of the table, negative before it), and at(k)
// is the working day numbered k, so at(count(x)) is the first working day on
// or after x. Days are Julian Day Numbers.
type dayTable struct {
	first     int         // Julian Day Number of 1 January MinYear
	n         int         // number of days in the table
	work      []uint64    // bit i: day first+i is a working day
	before    []int32     // before[i]: working days in [first, first+i); len n+1
	nth       []int32     // nth[k]: offset from first of working day number k
	wdFirst   int         // weekdaysBefore(first)
	wdEnd     int         // weekdaysBefore(first+n)
	schedules []*Schedule // effective schedule of each year, index year-MinYear
}

// mondayJDN is an arbitrary Monday (1970-01-05), the origin of weekday counts.
const mondayJDN = 2440592

// newDayTable builds the table from the effective schedule of every year:
// the default, with the official schedules given (keyed by year) overriding
// the occasions they cover.
func newDayTable(official map[int]*Schedule) (*dayTable, error) {
	for y, s := range official {
		switch {
		case s == nil:
			return nil, fmt.Errorf("build calendar: schedule for %d is nil", y)
		case s.Year != y:
			return nil, fmt.Errorf("build calendar: schedule keyed %d is for year %d", y, s.Year)
		case y < MinYear || y > MaxYear:
			return nil, fmt.Errorf("build calendar: schedule year %d outside %d–%d", y, MinYear, MaxYear)
		}
	}
	first := dayNumber(MinYear, 1, 1)
	n := dayNumber(MaxYear+1, 1, 1) - first
	t := &dayTable{
		first:     first,
		n:         n,
		work:      make([]uint64, (n+63)/64),
		before:    make([]int32, n+1),
		wdFirst:   weekdaysBefore(first),
		wdEnd:     weekdaysBefore(first + n),
		schedules: make([]*Schedule, MaxYear-MinYear+1),
	}
	for i := range n {
		t.set(i, isWeekdayJDN(first+i))
	}
	for y := MinYear; y <= MaxYear; y++ {
		s, err := EffectiveSchedule(y, official[y])
		if err != nil {
			return nil, fmt.Errorf("build calendar: %w", err)
		}
		for _, d := range s.DaysOff {
			t.set(d.Date.DayNumber()-first, false)
		}
		for _, w := range s.WorkingDays {
			t.set(w.Date.DayNumber()-first, true)
		}
		t.schedules[y-MinYear] = s
	}
	t.nth = make([]int32, 0, n*5/7)
	for i := range n {
		t.before[i+1] = t.before[i]
		if t.work[i>>6]&(1<<(i&63)) != 0 {
			t.before[i+1]++
			t.nth = append(t.nth, int32(i))
		}
	}
	return t, nil
}

func (t *dayTable) set(i int, working bool) {
	if working {
		t.work[i>>6] |= 1 << (i & 63)
	} else {
		t.work[i>>6] &^= 1 << (i & 63)
	}
}

// isWorking reports whether day x is a working day.
func (t *dayTable) isWorking(x int) bool {
	i := x - t.first
	if uint(i) < uint(t.n) {
		return t.work[i>>6]&(1<<(i&63)) != 0
	}
	return isWeekdayJDN(x)
}

// count returns the number of working days before day x.
func (t *dayTable) count(x int) int {
	i := x - t.first
	switch {
	case i < 0:
		return weekdaysBefore(x) - t.wdFirst
	case i <= t.n:
		return int(t.before[i])
	default:
		return int(t.before[t.n]) + weekdaysBefore(x) - t.wdEnd
	}
}

// at returns the working day numbered k, the day x with isWorking(x) and
// count(x) == k.
func (t *dayTable) at(k int) int {
	total := int(t.before[t.n])
	switch {
	case k < 0:
		return weekdayAt(k + t.wdFirst)
	case k < total:
		return t.first + int(t.nth[k])
	default:
		return weekdayAt(k - total + t.wdEnd)
	}
}

// isWeekdayJDN reports whether day x is Monday to Friday.
func isWeekdayJDN(x int) bool {
	wd := mod(x+1, 7) // 0 is Sunday
	return wd != 0 && wd != 6
}

// weekdaysBefore returns the number of Monday–Friday days in
// [mondayJDN, x), negative when x is before mondayJDN.
func weekdaysBefore(x int) int {
	d := x - mondayJDN
	w := floorDiv(d, 7)
	return 5*w + min(d-7*w, 5)
}

// weekdayAt returns the Monday–Friday day x with weekdaysBefore(x) == j.
func weekdayAt(j int) int {
	w := floorDiv(j, 5)
	return mondayJDN + 7*w + (j - 5*w)
}
