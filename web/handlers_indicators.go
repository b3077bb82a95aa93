package web

import (
	"fmt"
	"html/template"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/hpdoet/cchc"
	"github.com/hpdoet/cchc/blob"
	"github.com/hpdoet/cchc/chart"
	"github.com/hpdoet/cchc/indicator"
	"github.com/hpdoet/cchc/plan"
	"github.com/hpdoet/cchc/sqldb"
)

// periodOption is one choice of the period selector.
type periodOption struct {
	Key, Label string
}

// periodOptions lists the periods from 2024 to now, newest first: years,
// halves, quarters and months.
func periodOptions(now time.Time) []periodOption {
	var out []periodOption
	cur := now.In(indicator.Vietnam)
	for y := cur.Year(); y >= 2024; y-- {
		year := indicator.MustPeriod(strconv.Itoa(y))
		out = append(out, periodOption{year.Key, year.Label()})
		for _, kind := range []string{"half", "quarter", "month"} {
			subs := year.Split(kind)
			for i := len(subs) - 1; i >= 0; i-- {
				if subs[i].Started(now) {
					out = append(out, periodOption{subs[i].Key, subs[i].Label()})
				}
			}
		}
	}
	return out
}

// indicatorQuery reads ?ky= (the period, default the current year) and
// ?don-vi= (a unit code, default the whole Sở).
func (s *Server) indicatorQuery(r *http.Request, periodKey, unitKey string) (indicator.Period, string, error) {
	q := r.URL.Query()
	p := indicator.Current("year", s.db.Now())
	if key := strings.TrimSpace(q.Get(periodKey)); key != "" {
		var err error
		if p, err = indicator.ParsePeriod(key); err != nil {
			return p, "", err
		}
		if p.Year() < 2020 || p.From.After(s.db.Now()) {
			return p, "", cchc.Invalid("Kỳ không hợp lệ.", map[string]string{periodKey: "Chọn một kỳ đã bắt đầu, từ năm 2020."})
		}
	}
	unit := strings.TrimSpace(q.Get(unitKey))
	if unit != "" {
		units, err := s.db.FindUnits(r.Context())
		if err != nil {
			return p, "", err
		}
		found := false
		for _, u := range units {
			found = found || u.Code == unit
		}
		if !found {
			return p, "", cchc.Invalid("Đơn vị không tồn tại.", map[string]string{unitKey: "Chọn một đơn vị trong danh sách."})
		}
	}
	return p, unit, nil
}

// trendPeriods are the periods a trend shows for p: for a month, the twelve
// months up to it; otherwise the quarters from 2025 to p's end (at most
// twelve, and none after the quarter under way).
func trendPeriods(p indicator.Period, now time.Time) []indicator.Period {
	end := p
	if p.Kind() == "month" {
		var out []indicator.Period
		m := p
		for i := 0; i < 12 && m.Year() >= 2024; i++ {
			out = append([]indicator.Period{m}, out...)
			m = m.Previous()
		}
		return out
	}
	last := indicator.Current("quarter", end.To)
	if cur := indicator.Current("quarter", now); last.From.After(cur.From) {
		last = cur
	}
	var out []indicator.Period
	for q := last; q.Year() >= 2025 && len(out) < 12; q = q.Previous() {
		out = append([]indicator.Period{q}, out...)
	}
	return out
}

type indicatorsData struct {
	Period   indicator.Period
	Periods  []periodOption
	Unit     string
	Units    []*cchc.Unit
	Values   *sqldb.UnitValues
	Snapshot *sqldb.Snapshot
	Spark    map[string]template.HTML // by indicator code
	Trend    []indicator.Period
	Chart    template.HTML // the 766 total by quarter
	Scores   []*float64
	Tasks    plan.Counts
	Statuses []plan.Status
	Staff    bool
	MyUnit   *cchc.Unit // the viewer's own unit, for a link to its dashboard
	Error    string
	Query    string
}

// indicatorsPage is the overview: every indicator of the plan with its
// value, target, status and trend, the 766 index and the plan's tasks, for
// the Sở or a unit.
func (s *Server) indicatorsPage(w http.ResponseWriter, r *http.Request) error {
	d := &indicatorsData{Periods: periodOptions(s.db.Now()), Statuses: plan.Statuses, Staff: cchc.UserFromContext(r.Context()).IsOfficial()}
	var err error
	if d.Units, err = s.db.FindUnits(r.Context()); err != nil {
		return err
	}
	if me := cchc.UserFromContext(r.Context()); me.IsOfficial() {
		for _, u := range d.Units {
			if u.ID == me.UnitID {
				d.MyUnit = u
			}
		}
	}
	d.Period, d.Unit, err = s.indicatorQuery(r, "ky", "don-vi")
	if cchc.ErrorCode(err) == cchc.EINVALID {
		d.Error = fieldsMessage(err)
		d.Period, d.Unit = indicator.Current("year", s.db.Now()), ""
	} else if err != nil {
		return err
	}
	if d.Values, d.Snapshot, err = s.db.Indicators(r.Context(), d.Period.Key, d.Unit); err != nil {
		return err
	}
	d.Trend = trendPeriods(d.Period, s.db.Now())
	series, err := s.db.IndicatorSeries(r.Context(), d.Trend, d.Unit)
	if err != nil {
		return err
	}
	labels := make([]string, len(d.Trend))
	for i, p := range d.Trend {
		labels[i] = p.Short()
	}
	d.Spark = map[string]template.HTML{}
	for i, v := range d.Values.Indicators {
		if v.Kind != indicator.KindComputed {
			continue
		}
		vals := make([]*float64, len(series))
		for j, sv := range series {
			vals[j] = sv.Indicators[i].Value
		}
		if h, err := chart.Sparkline("sp-"+strings.ToLower(v.Code), v.Name, vals, v.Unit); err == nil {
			d.Spark[v.Code] = h
		}
	}
	if d.Scores, d.Chart, err = indexChart("chi-so-766", labels, series); err != nil {
		return err
	}
	filter := sqldb.TaskFilter{}
	if d.Unit != "" {
		for _, u := range d.Units {
			if u.Code == d.Unit {
				filter.UnitID = u.ID
			}
		}
	}
	tasks, err := s.db.FindTasks(r.Context(), filter)
	if err != nil {
		return err
	}
	d.Tasks = plan.CountBySection(tasks)[""]
	d.Query = url.Values{"ky": {d.Period.Key}, "don-vi": {d.Unit}}.Encode()
	status := http.StatusOK
	if d.Error != "" {
		status = http.StatusUnprocessableEntity
	}
	s.render(w, r, status, "indicators", s.newPage(r, s.i18n.T(language(r), "indicators.title"), d))
	return nil
}

// indexChart is the bar chart of the 766 score (measured part) over the
// trend's periods, with the scores for its table.
func indexChart(id string, labels []string, series []*sqldb.UnitValues) ([]*float64, template.HTML, error) {
	scores := make([]*float64, len(series))
	for j, sv := range series {
		score := sv.Index.Score
		scores[j] = &score
	}
	h, err := chart.Render(chart.Chart{ID: id, Title: "Điểm Bộ chỉ số 766 (phần đo được) theo quý", Labels: labels,
		Series: []chart.Series{{Name: "Điểm", Values: scores}}, Kind: chart.KindBar})
	if err != nil {
		return nil, "", fmt.Errorf("chart: %w", err)
	}
	return scores, h, nil
}

func fieldsMessage(err error) string {
	msg := cchc.ErrorMessage(err)
	for _, f := range cchc.ErrorFields(err) {
		msg += " " + f
	}
	return msg
}

type indicatorData struct {
	Period   indicator.Period
	Periods  []periodOption
	Unit     string
	Units    []*cchc.Unit
	V        indicator.Value
	Snapshot *sqldb.Snapshot
	Trend    []indicator.Period
	Values   []*float64
	Chart    template.HTML
	ByUnit   []unitValue
	Procs    []indicator.ProcedureFigures // CT-15, CT-16: per procedure
	Day      float64                      // minutes of a working day
	Entries  []indicator.Entry
	CanEnter bool
	CanDrill bool
	Staff    bool   // the viewer is an official (evidence files are theirs to open)
	Drill    string // the drill-down's records key
	Error    string
	Fields   map[string]string
	Form     url.Values
	Query    string
}

type unitValue struct {
	Unit *cchc.Unit
	V    indicator.Value
}

// indicatorPage shows one indicator: its target per phase, formula, value,
// trend, values per unit, entries and the way to the records.
func (s *Server) indicatorPage(w http.ResponseWriter, r *http.Request) error {
	d, err := s.indicatorData(r)
	if err != nil {
		return err
	}
	s.render(w, r, http.StatusOK, "indicator", s.newPage(r, d.V.Code+" — "+d.V.Name, d))
	return nil
}

func (s *Server) indicatorData(r *http.Request) (*indicatorData, error) {
	code := r.PathValue("code")
	me := cchc.UserFromContext(r.Context())
	d := &indicatorData{Periods: periodOptions(s.db.Now()), CanEnter: me.SeesAllUnits(), CanDrill: me.IsOfficial(), Staff: me.IsOfficial(), Form: url.Values{}}
	var err error
	if d.Units, err = s.db.FindUnits(r.Context()); err != nil {
		return nil, err
	}
	d.Period, d.Unit, err = s.indicatorQuery(r, "ky", "don-vi")
	if err != nil {
		return nil, err
	}
	vals, snap, err := s.db.Indicators(r.Context(), d.Period.Key, d.Unit)
	if err != nil {
		return nil, err
	}
	d.Snapshot = snap
	idx := -1
	for i, v := range vals.Indicators {
		if v.Code == code {
			d.V, idx = v, i
		}
	}
	if idx < 0 {
		return nil, cchc.Errorf(cchc.ENOTFOUND, "Không có chỉ tiêu %s.", code)
	}
	d.Drill = indicator.Definitions[d.V.Measure].Records
	d.CanDrill = d.CanDrill && d.Drill != "" && d.Drill != "procedures"
	d.Trend = trendPeriods(d.Period, s.db.Now())
	series, err := s.db.IndicatorSeries(r.Context(), d.Trend, d.Unit)
	if err != nil {
		return nil, err
	}
	labels := make([]string, len(d.Trend))
	d.Values = make([]*float64, len(series))
	for j, sv := range series {
		labels[j] = d.Trend[j].Short()
		d.Values[j] = sv.Indicators[idx].Value
	}
	if d.V.Kind == indicator.KindComputed {
		c := chart.Chart{ID: "xu-huong", Title: d.V.Name + " theo quý", Labels: labels, Series: []chart.Series{{Name: d.V.Name, Values: d.Values}}, Unit: d.V.Unit, Target: d.V.Target}
		if d.Chart, err = chart.Render(c); err != nil {
			return nil, fmt.Errorf("chart: %w", err)
		}
		if d.Unit == "" {
			for _, u := range d.Units {
				uv, _, err := s.db.Indicators(r.Context(), d.Period.Key, u.Code)
				if cchc.ErrorCode(err) == cchc.ENOTFOUND {
					continue
				} else if err != nil {
					return nil, err
				}
				if v := uv.Indicators[idx]; v.Den > 0 || v.Value != nil {
					d.ByUnit = append(d.ByUnit, unitValue{u, v})
				}
			}
		}
	}
	if d.V.Measure == indicator.MeasureTimeCut || d.V.Measure == indicator.MeasureCostCut {
		data, err := s.db.IndicatorData(r.Context(), d.Period, d.Unit)
		if err != nil {
			return nil, err
		}
		d.Procs, d.Day = indicator.ByProcedure(data), data.OfficeDay.Minutes()
	}
	if d.V.Kind == indicator.KindEntered {
		if d.Entries, err = s.db.IndicatorEntries(r.Context(), d.V.Measure); err != nil {
			return nil, err
		}
		d.Form.Set("period", strconv.Itoa(s.db.Now().In(indicator.Vietnam).Year()))
	}
	d.Query = url.Values{"ky": {d.Period.Key}, "don-vi": {d.Unit}}.Encode()
	return d, nil
}

// addEntry records a value entered by hand, with its evidence.
func (s *Server) addEntry(w http.ResponseWriter, r *http.Request) error {
	code := r.PathValue("code")
	measure, ok := indicator.Measures[code]
	if !ok {
		return cchc.Errorf(cchc.ENOTFOUND, "Không có chỉ tiêu %s.", code)
	}
	e := indicator.Entry{Measure: measure, Period: r.PostFormValue("period"), Status: r.PostFormValue("status"),
		Note: r.PostFormValue("note"), Evidence: r.PostFormValue("evidence")}
	var err error
	if v := strings.TrimSpace(strings.ReplaceAll(r.PostFormValue("value"), ",", ".")); v != "" {
		x, perr := strconv.ParseFloat(v, 64)
		if perr != nil {
			err = cchc.Invalid("Số liệu nhập chưa hợp lệ.", map[string]string{"value": "Nhập giá trị bằng số."})
		}
		e.Value = &x
	}
	if err == nil && r.MultipartForm != nil && len(r.MultipartForm.File["file"]) > 0 {
		err = s.entryFile(r, &e)
	}
	if err == nil {
		_, err = s.db.AddIndicatorEntry(r.Context(), e)
	}
	if err == nil {
		http.Redirect(w, r, "/ke-hoach/chi-tieu/"+url.PathEscape(code)+"?ok=saved", http.StatusSeeOther)
		return nil
	}
	if c := cchc.ErrorCode(err); c != cchc.EINVALID && c != cchc.ETOOLARGE {
		return err
	}
	d, derr := s.indicatorData(r)
	if derr != nil {
		return derr
	}
	d.Error, d.Fields, d.Form = cchc.ErrorMessage(err), cchc.ErrorFields(err), r.PostForm
	s.render(w, r, http.StatusUnprocessableEntity, "indicator", s.newPage(r, d.V.Code+" — "+d.V.Name, d))
	return nil
}

func (s *Server) entryFile(r *http.Request, e *indicator.Entry) error {
	f, fh, err := r.FormFile("file")
	if err != nil {
		return cchc.Invalid("Không đọc được tệp.", map[string]string{"file": "Chọn lại tệp minh chứng."})
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, s.cfg.MaxUploadSize+1))
	if err != nil {
		return fmt.Errorf("read upload: %w", err)
	}
	if int64(len(data)) > s.cfg.MaxUploadSize {
		return cchc.Errorf(cchc.ETOOLARGE, "Tệp quá lớn: tối đa %s.", formatBytes(s.cfg.MaxUploadSize))
	}
	typ, err := blob.Detect(data)
	if err != nil {
		return cchc.Invalid("Loại tệp không được chấp nhận.", map[string]string{"file": "Chỉ nhận tệp PDF, DOCX, XLSX, PNG hoặc JPEG (kiểm tra theo nội dung tệp)."})
	}
	if _, err := s.blobs.Put(data); err != nil {
		return err
	}
	e.FileSHA, e.FileType, e.FileSize, e.FileName = blob.Sum(data), typ.MIME, int64(len(data)), cleanFileName(fh.Filename, typ)
	return nil
}

// entryEvidence serves the file attached to an entry, to officials.
func (s *Server) entryEvidence(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	entries, err := s.db.IndicatorEntries(r.Context(), "")
	if err != nil {
		return err
	}
	for _, e := range entries {
		if e.ID == id && e.FileSHA != "" {
			return s.serveBlob(w, r, e.FileSHA, "minh-chung-"+strconv.FormatInt(id, 10)+blob.ExtensionOf(e.FileType), "application/octet-stream", e.At)
		}
	}
	return cchc.Errorf(cchc.ENOTFOUND, "Không có tệp minh chứng này.")
}

type indexData struct {
	Period   indicator.Period
	Periods  []periodOption
	Unit     string
	Units    []*cchc.Unit
	Index    indicator.Index
	Snapshot *sqldb.Snapshot
	Trend    []indicator.Period
	Scores   []*float64
	Chart    template.HTML
	Staff    bool
	Error    string
	Query    string
}

// serviceIndexPage shows the 766 index: groups, components, ratios,
// scores, what is not measured, and the trend.
func (s *Server) serviceIndexPage(w http.ResponseWriter, r *http.Request) error {
	d := &indexData{Periods: periodOptions(s.db.Now()), Staff: cchc.UserFromContext(r.Context()).IsOfficial()}
	var err error
	if d.Units, err = s.db.FindUnits(r.Context()); err != nil {
		return err
	}
	d.Period, d.Unit, err = s.indicatorQuery(r, "ky", "don-vi")
	if cchc.ErrorCode(err) == cchc.EINVALID {
		d.Error = fieldsMessage(err)
		d.Period, d.Unit = indicator.Current("year", s.db.Now()), ""
	} else if err != nil {
		return err
	}
	v, snap, err := s.db.Indicators(r.Context(), d.Period.Key, d.Unit)
	if err != nil {
		return err
	}
	d.Index, d.Snapshot = v.Index, snap
	d.Trend = trendPeriods(d.Period, s.db.Now())
	series, err := s.db.IndicatorSeries(r.Context(), d.Trend, d.Unit)
	if err != nil {
		return err
	}
	labels := make([]string, len(d.Trend))
	for j, p := range d.Trend {
		labels[j] = p.Short()
	}
	if d.Scores, d.Chart, err = indexChart("diem-766", labels, series); err != nil {
		return err
	}
	d.Query = url.Values{"ky": {d.Period.Key}, "don-vi": {d.Unit}}.Encode()
	status := http.StatusOK
	if d.Error != "" {
		status = http.StatusUnprocessableEntity
	}
	s.render(w, r, status, "service_index", s.newPage(r, s.i18n.T(language(r), "index.title"), d))
	return nil
}

type drillData struct {
	Period  indicator.Period
	Unit    string
	Records string
	Name    string
	Filter  string
	Page    int
	List    []sqldb.DrillRecord
	More    bool
	Back    string
	Query   url.Values
	Minutes bool // Value is processing minutes
	Money   bool // Value is đồng
	Day     float64
}

// drillPage lists the dossiers behind a number.
func (s *Server) drillPage(w http.ResponseWriter, r *http.Request) error {
	d, err := s.drill(r)
	if err != nil {
		return err
	}
	s.render(w, r, http.StatusOK, "drill", s.newPage(r, d.Name, d))
	return nil
}

func (s *Server) drill(r *http.Request) (*drillData, error) {
	q := r.URL.Query()
	p, unit, err := s.indicatorQuery(r, "ky", "don-vi")
	if err != nil {
		return nil, err
	}
	if me := cchc.UserFromContext(r.Context()); unit == "" && !me.SeesAllUnits() && me.Role != cchc.RoleOneStop {
		// A unit's staff see their own unit's records.
		units, err := s.db.FindUnits(r.Context())
		if err != nil {
			return nil, err
		}
		for _, u := range units {
			if u.ID == me.UnitID {
				unit = u.Code
			}
		}
	}
	records := q.Get("ds")
	spec, ok := indicator.Drills[records]
	if !ok {
		return nil, cchc.Errorf(cchc.ENOTFOUND, "Số liệu này không có danh sách hồ sơ.")
	}
	filter := q.Get("loc")
	if filter != sqldb.DrillIn && filter != sqldb.DrillOut {
		filter = sqldb.DrillAll
	}
	page, _ := strconv.Atoi(q.Get("trang"))
	page = max(page, 1)
	list, more, err := s.db.DrillDown(r.Context(), records, p, unit, filter, page)
	if err != nil {
		return nil, err
	}
	d := &drillData{Period: p, Unit: unit, Records: records, Name: spec.Name, Filter: filter, Page: page, List: list, More: more,
		Minutes: records == indicator.MTimeN, Money: records == indicator.MCostN, Day: s.calendarNow().Hours().Length().Minutes(),
		Query: url.Values{"ky": {p.Key}, "don-vi": {unit}, "ds": {records}, "loc": {filter}}}
	d.Back = q.Get("tu")
	if !strings.HasPrefix(d.Back, "/") || strings.HasPrefix(d.Back, "//") {
		d.Back = "/ke-hoach/chi-tieu"
	}
	return d, nil
}

type periodsData struct {
	Snapshots []sqldb.Snapshot
	Periods   []periodOption
	Admin     bool
	Error     string
	Fields    map[string]string
}

// periodsPage lists closed periods and lets the Office close an ended one
// and an admin reopen one.
func (s *Server) periodsPage(w http.ResponseWriter, r *http.Request) error {
	return s.renderPeriods(w, r, http.StatusOK, nil)
}

func (s *Server) renderPeriods(w http.ResponseWriter, r *http.Request, status int, fail error) error {
	snaps, err := s.db.Snapshots(r.Context())
	if err != nil {
		return err
	}
	d := &periodsData{Snapshots: snaps, Admin: cchc.UserFromContext(r.Context()).CanManageAccounts()}
	for _, o := range periodOptions(s.db.Now()) {
		if indicator.MustPeriod(o.Key).Over(s.db.Now()) {
			d.Periods = append(d.Periods, o)
		}
	}
	if fail != nil {
		d.Error, d.Fields = cchc.ErrorMessage(fail), cchc.ErrorFields(fail)
	}
	s.render(w, r, status, "periods", s.newPage(r, s.i18n.T(language(r), "periods.title"), d))
	return nil
}

func (s *Server) closePeriod(w http.ResponseWriter, r *http.Request) error {
	_, err := s.db.ClosePeriod(r.Context(), r.PostFormValue("period"))
	switch cchc.ErrorCode(err) {
	case "":
		http.Redirect(w, r, "/quan-tri/ky-so-lieu?ok=period_closed", http.StatusSeeOther)
		return nil
	case cchc.EINVALID, cchc.ECONFLICT:
		return s.renderPeriods(w, r, http.StatusUnprocessableEntity, err)
	}
	return err
}

func (s *Server) reopenPeriod(w http.ResponseWriter, r *http.Request) error {
	err := s.db.ReopenPeriod(r.Context(), r.PostFormValue("period"), r.PostFormValue("reason"))
	switch cchc.ErrorCode(err) {
	case "":
		http.Redirect(w, r, "/quan-tri/ky-so-lieu?ok=period_reopened", http.StatusSeeOther)
		return nil
	case cchc.EINVALID, cchc.ECONFLICT:
		return s.renderPeriods(w, r, http.StatusUnprocessableEntity, err)
	}
	return err
}

// rateDossier records the applicant's rating.
func (s *Server) rateDossier(w http.ResponseWriter, r *http.Request) error {
	code := r.PathValue("code")
	score, _ := strconv.Atoi(r.PostFormValue("score"))
	return s.afterDossierForm(w, r, code, "rated", s.db.RateDossier(r.Context(), code, score, r.PostFormValue("comment")))
}

// API.

func (s *Server) apiIndicators(w http.ResponseWriter, r *http.Request) error {
	return s.apiPeriodValues(w, r, func(v *sqldb.UnitValues) (string, any) { return "indicators", v.Indicators })
}

func (s *Server) apiServiceIndex(w http.ResponseWriter, r *http.Request) error {
	return s.apiPeriodValues(w, r, func(v *sqldb.UnitValues) (string, any) { return "index", v.Index })
}

// apiPeriodValues answers with part of a period's values for ?period= and ?unit=.
func (s *Server) apiPeriodValues(w http.ResponseWriter, r *http.Request, part func(*sqldb.UnitValues) (string, any)) error {
	p, unit, err := s.indicatorQuery(r, "period", "unit")
	if err != nil {
		return err
	}
	v, snap, err := s.db.Indicators(r.Context(), p.Key, unit)
	if err != nil {
		return err
	}
	key, val := part(v)
	writeJSON(w, http.StatusOK, map[string]any{"period": p.Key, "label": p.Label(), "unit": unit, "closed": snap != nil, key: val})
	return nil
}

func (s *Server) apiIndicatorRecords(w http.ResponseWriter, r *http.Request) error {
	code := r.PathValue("code")
	records := ""
	if m, ok := indicator.Measures[code]; ok {
		records = indicator.Definitions[m].Records
	} else if _, ok := indicator.Drills[code]; ok {
		records = code // a 766 component's records key
	}
	q := r.URL.Query()
	q.Set("ds", records)
	q.Set("ky", q.Get("period"))
	q.Set("don-vi", q.Get("unit"))
	q.Set("loc", q.Get("filter"))
	q.Set("trang", q.Get("page"))
	r.URL.RawQuery = q.Encode()
	d, err := s.drill(r)
	if err != nil {
		return err
	}
	if d.List == nil {
		d.List = []sqldb.DrillRecord{}
	}
	writeJSON(w, http.StatusOK, map[string]any{"period": d.Period.Key, "unit": d.Unit, "records": d.List, "page": d.Page, "more": d.More})
	return nil
}

func (s *Server) apiAddEntry(w http.ResponseWriter, r *http.Request) error {
	measure, ok := indicator.Measures[r.PathValue("code")]
	if !ok {
		return cchc.Errorf(cchc.ENOTFOUND, "Không có chỉ tiêu %s.", r.PathValue("code"))
	}
	var body struct {
		Period   string   `json:"period"`
		Value    *float64 `json:"value"`
		Status   string   `json:"status"`
		Note     string   `json:"note"`
		Evidence string   `json:"evidence"`
	}
	if err := decodeJSON(r, &body); err != nil {
		return err
	}
	e, err := s.db.AddIndicatorEntry(r.Context(), indicator.Entry{Measure: measure, Period: body.Period, Value: body.Value, Status: body.Status,
		Note: body.Note, Evidence: body.Evidence})
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, e)
	return nil
}

func (s *Server) apiClosePeriod(w http.ResponseWriter, r *http.Request) error {
	snap, err := s.db.ClosePeriod(r.Context(), r.PathValue("period"))
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, map[string]any{"period": snap.Period, "closed_at": snap.ClosedAt, "closed_by": snap.ClosedBy})
	return nil
}

func (s *Server) apiReopenPeriod(w http.ResponseWriter, r *http.Request) error {
	var body struct {
		Reason string `json:"reason"`
	}
	if err := decodeJSON(r, &body); err != nil {
		return err
	}
	if err := s.db.ReopenPeriod(r.Context(), r.PathValue("period"), body.Reason); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func (s *Server) apiRate(w http.ResponseWriter, r *http.Request) error {
	var body struct {
		Score   int    `json:"score"`
		Comment string `json:"comment"`
	}
	if err := decodeJSON(r, &body); err != nil {
		return err
	}
	if err := s.db.RateDossier(r.Context(), r.PathValue("code"), body.Score, body.Comment); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}
