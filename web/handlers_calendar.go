package web

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/hpdoet/cchc"
	"github.com/hpdoet/cchc/calendar"
)

// loadCalendar builds the working-day calendar from the computed defaults,
// the embedded official schedules and the admin's schedules, which win.
func (s *Server) loadCalendar(ctx context.Context) error {
	official, err := calendar.Schedules()
	if err != nil {
		return err
	}
	stored, err := s.db.CalendarSchedules(ctx)
	if err != nil {
		return err
	}
	for y, sch := range stored {
		official[y] = sch
	}
	cal, err := calendar.New(official, s.cfg.OfficeHours)
	if err != nil {
		return fmt.Errorf("build calendar: %w", err)
	}
	s.cal.Store(cal)
	return nil
}

// calendarNow is the calendar in force; it is swapped whole after an edit.
func (s *Server) calendarNow() *calendar.Calendar { return s.cal.Load() }

func civil(t time.Time) calendar.Date { return calendar.NewDate(t.Year(), t.Month(), t.Day()) }

// lunarShort writes a civil date's lunar date the way Vietnamese calendars
// print it beside the solar one: "27/1 ÂL", "3/6n ÂL" in a leap month.
func lunarShort(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	l := calendar.SolarToLunar(civil(t))
	leap := ""
	if l.Leap {
		leap = "n"
	}
	return fmt.Sprintf("%d/%d%s ÂL", l.Day, l.Month, leap)
}

type dayView struct {
	Date     time.Time
	Weekday  string
	Lunar    string
	Name     string
	Kind     string
	Occasion string
}

type calendarData struct {
	Year        int
	Years       []int
	Source      string
	DaysOff     []dayView
	WorkingDays []dayView
	Edited      bool // the admin has entered this year's schedule
	CanEdit     bool
	Occasions   []calendar.Occasion
	Hours       calendar.OfficeHours
	// The due-date calculator.
	Received, Days string
	DueResult      *dueView
	Error          string
	Fields         map[string]string
}

type dueView struct {
	Received time.Time
	StartDay time.Time
	Due      time.Time
	Days     int
}

var weekdaysVI = [...]string{"Chủ nhật", "Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy"}

func (s *Server) calendarData(r *http.Request, year int) (*calendarData, error) {
	cal := s.calendarNow()
	sch, err := cal.Schedule(year)
	if err != nil {
		return nil, cchc.Errorf(cchc.EINVALID, "Năm phải trong khoảng %d–%d.", calendar.MinYear, calendar.MaxYear)
	}
	stored, err := s.db.CalendarSchedules(r.Context())
	if err != nil {
		return nil, err
	}
	d := &calendarData{Year: year, Source: sch.Source, Edited: stored[year] != nil, CanEdit: cchc.UserFromContext(r.Context()).CanManageAccounts(),
		Occasions: calendar.Occasions(), Hours: cal.Hours(), Fields: map[string]string{}}
	for y := year - 2; y <= year+2; y++ {
		if y >= calendar.MinYear && y <= calendar.MaxYear {
			d.Years = append(d.Years, y)
		}
	}
	view := func(dt calendar.Date, name, kind string, o calendar.Occasion) dayView {
		t := time.Date(dt.Year, dt.Month, dt.Day, 0, 0, 0, 0, time.UTC)
		return dayView{Date: t, Weekday: weekdaysVI[dt.Weekday()], Lunar: lunarShort(t), Name: name, Kind: kind, Occasion: o.Label()}
	}
	for _, x := range sch.DaysOff {
		d.DaysOff = append(d.DaysOff, view(x.Date, x.Name, string(x.Kind), x.Occasion))
	}
	for _, x := range sch.WorkingDays {
		d.WorkingDays = append(d.WorkingDays, view(x.Date, x.Name, string(calendar.KindSwapWork), x.Occasion))
	}
	return d, nil
}

func yearParam(v string, fallback int) (int, error) {
	if v == "" {
		return fallback, nil
	}
	y, err := strconv.Atoi(v)
	if err != nil || y < calendar.MinYear || y > calendar.MaxYear {
		return 0, cchc.Invalid(fmt.Sprintf("Năm phải là số trong khoảng %d–%d.", calendar.MinYear, calendar.MaxYear),
			map[string]string{"year": "Năm không hợp lệ."})
	}
	return y, nil
}

// calendarPage shows a year's days off with their lunar dates, and a
// calculator of the appointment date (GET form, works without JavaScript).
func (s *Server) calendarPage(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	year, err := yearParam(q.Get("nam"), s.db.Today().Year())
	if err != nil {
		return err
	}
	d, err := s.calendarData(r, year)
	if err != nil {
		return err
	}
	d.Received, d.Days = q.Get("nhan"), q.Get("so-ngay")
	status := http.StatusOK
	if d.Received != "" || d.Days != "" {
		received, days, err := dueInput(d.Received, d.Days, "02/01/2006 15:04", "2/1/2006 15:04", "2006-01-02T15:04")
		if err != nil {
			d.Error, d.Fields, status = cchc.ErrorMessage(err), cchc.ErrorFields(err), http.StatusBadRequest
		} else {
			cal := s.calendarNow()
			sd := cal.StartDay(received)
			d.DueResult = &dueView{Received: received, StartDay: time.Date(sd.Year, sd.Month, sd.Day, 0, 0, 0, 0, time.UTC),
				Due: cal.Due(received, days), Days: days}
		}
	}
	s.render(w, r, status, "calendar", s.newPage(r, fmt.Sprintf("Lịch nghỉ năm %d", year), d))
	return nil
}

// dueInput reads a receipt time (in Vietnam time unless it carries an
// offset) and a number of working days.
func dueInput(received, days string, layouts ...string) (time.Time, int, error) {
	fields := map[string]string{}
	var t time.Time
	err := fmt.Errorf("no layout")
	for _, layout := range layouts {
		if t, err = time.ParseInLocation(layout, strings.TrimSpace(received), calendar.Vietnam); err == nil {
			break
		}
	}
	if err != nil || t.Year() < calendar.MinYear || t.Year() > calendar.MaxYear {
		fields["received"] = "Thời điểm tiếp nhận không hợp lệ."
	}
	n, nerr := strconv.Atoi(strings.TrimSpace(days))
	if nerr != nil || n < 0 || n > 1000 {
		fields["days"] = "Số ngày làm việc là số nguyên từ 0 đến 1000."
	}
	if len(fields) > 0 {
		return time.Time{}, 0, cchc.Invalid("Dữ liệu tính hạn chưa hợp lệ.", fields)
	}
	return t, n, nil
}

// editableSchedule is the admin's stored schedule of a year, or else the
// effective one as a starting point that covers every occasion, so that the
// edited schedule fully decides the year.
func (s *Server) editableSchedule(ctx context.Context, year int) (*calendar.Schedule, error) {
	stored, err := s.db.CalendarSchedules(ctx)
	if err != nil {
		return nil, err
	}
	if sch := stored[year]; sch != nil {
		return sch, nil
	}
	eff, err := s.calendarNow().Schedule(year)
	if err != nil {
		return nil, cchc.Errorf(cchc.EINVALID, "Năm phải trong khoảng %d–%d.", calendar.MinYear, calendar.MaxYear)
	}
	eff.Covers = calendar.Occasions()
	eff.Source = "Lịch nghỉ do quản trị viên điều chỉnh trên cơ sở: " + eff.Source
	if strings.TrimSpace(eff.Source) == "" {
		eff.Source = "Lịch nghỉ do quản trị viên điều chỉnh"
	}
	return eff, nil
}

// editCalendar applies one admin change to a year's schedule, validates and
// saves it (audited), and rebuilds the calendar in force.
func (s *Server) editCalendar(w http.ResponseWriter, r *http.Request) error {
	year, err := yearParam(r.PathValue("year"), 0)
	if err != nil {
		return err
	}
	action := r.PathValue("action")
	if action == "khoi-phuc" {
		err = s.db.DeleteCalendarSchedule(r.Context(), year)
	} else {
		var sch *calendar.Schedule
		if sch, err = s.editableSchedule(r.Context(), year); err == nil {
			if err = applyCalendarEdit(sch, action, r); err == nil {
				err = s.db.SaveCalendarSchedule(r.Context(), sch)
			}
		}
	}
	if err == nil {
		err = s.loadCalendar(r.Context())
		if err == nil {
			http.Redirect(w, r, fmt.Sprintf("/lich?nam=%d&ok=saved", year), http.StatusSeeOther)
			return nil
		}
	}
	switch cchc.ErrorCode(err) {
	case cchc.EINVALID, cchc.ENOTFOUND:
		d, derr := s.calendarData(r, year)
		if derr != nil {
			return derr
		}
		d.Error, d.Fields = cchc.ErrorMessage(err), cchc.ErrorFields(err)
		if d.Fields == nil {
			d.Fields = map[string]string{}
		}
		s.render(w, r, statusOf(cchc.ErrorCode(err)), "calendar", s.newPage(r, fmt.Sprintf("Lịch nghỉ năm %d", year), d))
		return nil
	}
	return err
}

func applyCalendarEdit(sch *calendar.Schedule, action string, r *http.Request) error {
	date, err := parseCivil(r.PostFormValue("date"))
	if err != nil {
		return cchc.Invalid("Ngày không hợp lệ.", map[string]string{"date": "Ngày viết dạng dd/mm/yyyy."})
	}
	name := strings.TrimSpace(r.PostFormValue("name"))
	occasion := calendar.Occasion(r.PostFormValue("occasion"))
	if occasion == "" {
		occasion = calendar.OccasionOther
	}
	switch action {
	case "ngay-nghi":
		sch.DaysOff = append(sch.DaysOff, calendar.DayOff{Date: date, Name: name, Kind: calendar.Kind(r.PostFormValue("kind")), Occasion: occasion})
	case "ngay-lam-bu":
		sch.WorkingDays = append(sch.WorkingDays, calendar.WorkDay{Date: date, Name: name, Occasion: occasion})
	case "xoa":
		n := len(sch.DaysOff) + len(sch.WorkingDays)
		sch.DaysOff = filterDays(sch.DaysOff, func(d calendar.DayOff) bool { return d.Date != date })
		sch.WorkingDays = filterDays(sch.WorkingDays, func(d calendar.WorkDay) bool { return d.Date != date })
		if len(sch.DaysOff)+len(sch.WorkingDays) == n {
			return cchc.Errorf(cchc.ENOTFOUND, "Ngày %s không có trong lịch năm %d.", date.Display(), sch.Year)
		}
	default:
		return cchc.Errorf(cchc.ENOTFOUND, "Không tìm thấy thao tác.")
	}
	return nil
}

// parseCivil reads a civil date written dd/mm/yyyy or yyyy-mm-dd.
func parseCivil(s string) (calendar.Date, error) {
	s = strings.TrimSpace(s)
	for _, layout := range []string{"02/01/2006", "2/1/2006"} {
		if t, err := time.Parse(layout, s); err == nil {
			return civil(t), nil
		}
	}
	return calendar.ParseDate(s)
}

func filterDays[T any](in []T, keep func(T) bool) []T {
	var out []T
	for _, x := range in {
		if keep(x) {
			out = append(out, x)
		}
	}
	return out
}

type apiDay struct {
	Date     string `json:"date"`
	Weekday  string `json:"weekday"`
	Lunar    string `json:"lunar"`
	Name     string `json:"name"`
	Kind     string `json:"kind"`
	Occasion string `json:"occasion"`
}

func (s *Server) apiCalendarYear(w http.ResponseWriter, r *http.Request) error {
	year, err := yearParam(r.PathValue("year"), 0)
	if err != nil {
		return err
	}
	sch, err := s.calendarNow().Schedule(year)
	if err != nil {
		return cchc.Errorf(cchc.EINVALID, "Năm phải trong khoảng %d–%d.", calendar.MinYear, calendar.MaxYear)
	}
	out := struct {
		Year        int      `json:"year"`
		Source      string   `json:"source"`
		DaysOff     []apiDay `json:"days_off"`
		WorkingDays []apiDay `json:"working_days"`
	}{Year: year, Source: sch.Source, DaysOff: []apiDay{}, WorkingDays: []apiDay{}}
	day := func(d calendar.Date, name, kind string, o calendar.Occasion) apiDay {
		return apiDay{Date: d.String(), Weekday: weekdaysVI[d.Weekday()], Lunar: calendar.SolarToLunar(d).String(), Name: name, Kind: kind, Occasion: string(o)}
	}
	for _, x := range sch.DaysOff {
		out.DaysOff = append(out.DaysOff, day(x.Date, x.Name, string(x.Kind), x.Occasion))
	}
	for _, x := range sch.WorkingDays {
		out.WorkingDays = append(out.WorkingDays, day(x.Date, x.Name, string(calendar.KindSwapWork), x.Occasion))
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}

func (s *Server) apiCalendarDue(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	received, days, err := dueInput(q.Get("received"), q.Get("days"), time.RFC3339)
	if err != nil {
		return err
	}
	cal := s.calendarNow()
	due := cal.Due(received, days)
	writeJSON(w, http.StatusOK, map[string]any{
		"received":  received.Format(time.RFC3339),
		"days":      days,
		"start_day": cal.StartDay(received).String(),
		"due":       due.In(calendar.Vietnam).Format(time.RFC3339),
		"due_date":  calendar.DateOf(due).String(),
		"rule":      "Ngày tiếp nhận không tính; hồ sơ nhận ngoài giờ hoặc ngày nghỉ tính từ ngày làm việc tiếp theo; hạn trả là giờ đóng cửa của ngày làm việc thứ N.",
	})
	return nil
}

func (s *Server) apiCalendarLunar(w http.ResponseWriter, r *http.Request) error {
	d, err := calendar.ParseDate(r.URL.Query().Get("date"))
	if err != nil || d.Year < calendar.MinYear || d.Year > calendar.MaxYear {
		return cchc.Invalid("Ngày không hợp lệ.", map[string]string{"date": fmt.Sprintf("Ngày viết dạng YYYY-MM-DD, năm %d–%d.", calendar.MinYear, calendar.MaxYear)})
	}
	l := calendar.SolarToLunar(d)
	writeJSON(w, http.StatusOK, map[string]any{"date": d.String(), "day": l.Day, "month": l.Month, "year": l.Year, "leap": l.Leap,
		"year_name": calendar.YearCanChi(l.Year), "text": l.String()})
	return nil
}
