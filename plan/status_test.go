package plan

import (
	"testing"
	"time"
)

func TestInstanceStatus(t *testing.T) {
	start, due := date(2026, 3, 1), date(2026, 3, 31)
	tests := []struct {
		name  string
		facts Facts
		today time.Time
		want  Status
	}{
		{"before start, nothing posted", Facts{Start: start, Due: due}, date(2026, 2, 28), NotStarted},
		{"long before start", Facts{Start: start, Due: due}, date(2026, 1, 1), NotStarted},
		{"activity before start", Facts{Start: start, Due: due, AnyActivity: true}, date(2026, 2, 28), InProgress},
		{"today is start", Facts{Start: start, Due: due}, start, InProgress},
		{"between start and due", Facts{Start: start, Due: due}, date(2026, 3, 15), InProgress},
		{"today is due", Facts{Start: start, Due: due}, due, InProgress},
		{"today is due with activity", Facts{Start: start, Due: due, AnyActivity: true}, due, InProgress},
		{"today is due plus one", Facts{Start: start, Due: due}, date(2026, 4, 1), Overdue},
		{"overdue despite activity", Facts{Start: start, Due: due, AnyActivity: true}, date(2026, 4, 1), Overdue},
		{"start equals due, today is that day", Facts{Start: due, Due: due}, due, InProgress},
		{"delivered before start", Facts{Start: start, Due: due, Delivered: date(2026, 2, 20)}, date(2026, 2, 25), Done},
		{"delivered early", Facts{Start: start, Due: due, Delivered: date(2026, 3, 10)}, date(2026, 3, 11), Done},
		{"delivered on due", Facts{Start: start, Due: due, Delivered: due}, due, Done},
		{"delivered on due, looked at much later", Facts{Start: start, Due: due, Delivered: due}, date(2027, 1, 1), Done},
		{"delivered due plus one", Facts{Start: start, Due: due, Delivered: date(2026, 4, 1)}, date(2026, 4, 1), DoneLate},
		{"delivered late, looked at much later", Facts{Start: start, Due: due, Delivered: date(2026, 6, 1)}, date(2027, 1, 1), DoneLate},
		// Review delays do not matter: only the submission date counts, even
		// when today (the acceptance date) is long after the due date.
		{"delivered on time, accepted after due", Facts{Start: start, Due: due, Delivered: date(2026, 3, 30), AnyActivity: true}, date(2026, 4, 20), Done},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got, want := InstanceStatus(tt.facts, tt.today), tt.want; got != want {
				t.Errorf("InstanceStatus(%+v, %s) = %q, want %q", tt.facts, tt.today.Format(time.DateOnly), got, want)
			}
		})
	}
}

func TestTaskStatus(t *testing.T) {
	tests := []struct {
		name string
		in   []Status
		want Status
	}{
		{"empty", nil, Unassigned},
		{"empty non-nil", []Status{}, Unassigned},
		{"one done", []Status{Done}, Done},
		{"all done", []Status{Done, Done, Done}, Done},
		{"one late among done", []Status{Done, DoneLate, Done}, DoneLate},
		{"all late", []Status{DoneLate, DoneLate}, DoneLate},
		{"one overdue among done", []Status{Done, Overdue, Done}, Overdue},
		{"overdue beats in progress", []Status{InProgress, Overdue, NotStarted}, Overdue},
		{"overdue beats late", []Status{DoneLate, Overdue}, Overdue},
		{"done then in progress", []Status{Done, InProgress}, InProgress},
		{"done then not started", []Status{Done, NotStarted, NotStarted}, InProgress},
		{"late then not started", []Status{DoneLate, NotStarted}, InProgress},
		{"in progress then not started", []Status{InProgress, NotStarted}, InProgress},
		{"one in progress", []Status{InProgress}, InProgress},
		{"all not started", []Status{NotStarted, NotStarted}, NotStarted},
		{"one not started", []Status{NotStarted}, NotStarted},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got, want := TaskStatus(tt.in), tt.want; got != want {
				t.Errorf("TaskStatus(%q) = %q, want %q", tt.in, got, want)
			}
		})
	}
}

func TestDueSoon(t *testing.T) {
	today := date(2026, 5, 10)
	tests := []struct {
		name   string
		status Status
		due    time.Time
		want   bool
	}{
		{"due today", InProgress, today, true},
		{"due tomorrow", InProgress, date(2026, 5, 11), true},
		{"due in 7 days", InProgress, date(2026, 5, 17), true},
		{"due in 8 days", InProgress, date(2026, 5, 18), false},
		{"not started, due in 3 days", NotStarted, date(2026, 5, 13), true},
		{"done, due today", Done, today, false},
		{"done late, due in 2 days", DoneLate, date(2026, 5, 12), false},
		{"overdue", Overdue, date(2026, 5, 9), false},
		{"overdue status, due today", Overdue, today, false},
		{"due yesterday, in progress", InProgress, date(2026, 5, 9), false},
		{"due far ahead", InProgress, date(2026, 12, 31), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got, want := DueSoon(tt.status, tt.due, today, DueSoonDays), tt.want; got != want {
				t.Errorf("DueSoon(%q, %s, %s, %d) = %v, want %v", tt.status, tt.due.Format(time.DateOnly), today.Format(time.DateOnly), DueSoonDays, got, want)
			}
		})
	}
	t.Run("window across a month end", func(t *testing.T) {
		if got, want := DueSoon(InProgress, date(2026, 2, 4), date(2026, 1, 28), 7), true; got != want {
			t.Errorf("DueSoon 2026-01-28 → 2026-02-04 = %v, want %v", got, want)
		}
	})
	t.Run("zero days: only today", func(t *testing.T) {
		if got, want := DueSoon(InProgress, today, today, 0), true; got != want {
			t.Errorf("DueSoon(today, 0) = %v, want %v", got, want)
		}
		if got, want := DueSoon(InProgress, date(2026, 5, 11), today, 0), false; got != want {
			t.Errorf("DueSoon(tomorrow, 0) = %v, want %v", got, want)
		}
	})
}

func TestStatusNameValidFinished(t *testing.T) {
	tests := []struct {
		status   Status
		name     string
		finished bool
	}{
		{Unassigned, "Chưa phân công", false},
		{NotStarted, "Chưa bắt đầu", false},
		{InProgress, "Đang thực hiện", false},
		{Done, "Hoàn thành", true},
		{DoneLate, "Hoàn thành muộn", true},
		{Overdue, "Quá hạn", false},
	}
	for _, tt := range tests {
		t.Run(string(tt.status), func(t *testing.T) {
			if got, want := tt.status.Name(), tt.name; got != want {
				t.Errorf("Name() = %q, want %q", got, want)
			}
			if got, want := tt.status.Valid(), true; got != want {
				t.Errorf("Valid() = %v, want %v", got, want)
			}
			if got, want := tt.status.Finished(), tt.finished; got != want {
				t.Errorf("Finished() = %v, want %v", got, want)
			}
		})
	}
	t.Run("unknown", func(t *testing.T) {
		s := Status("archived")
		if got, want := s.Valid(), false; got != want {
			t.Errorf("Valid() = %v, want %v", got, want)
		}
		if got, want := s.Name(), "archived"; got != want {
			t.Errorf("Name() = %q, want %q", got, want)
		}
	})
	t.Run("every status listed once", func(t *testing.T) {
		if got, want := len(Statuses), 6; got != want {
			t.Errorf("len(Statuses) = %d, want %d", got, want)
		}
	})
}
