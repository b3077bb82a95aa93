package web

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/hpdoet/cchc"
	"github.com/hpdoet/cchc/blob"
	"github.com/hpdoet/cchc/indicator"
	"github.com/hpdoet/cchc/officedoc"
	"github.com/hpdoet/cchc/plan"
	"github.com/hpdoet/cchc/report"
	"github.com/hpdoet/cchc/sqldb"
)

// periodicOf gathers a report's content: the tasks as of today with the
// evidence accepted, the targets and the 766 index of the period (frozen
// when the period is closed), the dossier counts from the monthly sums.
func (s *Server) periodicOf(ctx context.Context, rep *sqldb.Report) (report.Periodic, error) {
	now := s.db.Now()
	p, err := sqldb.ReportPeriod(rep.Kind, rep.Period, now)
	if err != nil {
		return report.Periodic{}, err
	}
	pd := report.Periodic{Kind: rep.Kind, Period: p, From: p.From, To: p.To, Number: rep.Number, Date: now, Version: rep.Version,
		Replaces: rep.Replaces, Reason: rep.Reason, Units: map[int64]*cchc.Unit{}}
	if rep.IssuedAt != nil {
		pd.Date = *rep.IssuedAt
	}
	if pd.Plan, err = s.db.PlanDocument(ctx); err != nil {
		return pd, err
	}
	if pd.Tasks, err = s.db.FindTasks(ctx, sqldb.TaskFilter{}); err != nil {
		return pd, err
	}
	if pd.Evidence, err = s.db.AcceptedEvidence(ctx); err != nil {
		return pd, err
	}
	units, err := s.db.FindUnits(ctx)
	if err != nil {
		return pd, err
	}
	unitName := map[string]string{}
	for _, u := range units {
		pd.Units[u.ID] = u
		unitName[u.Code] = u.Name
	}
	vals, _, err := s.db.Indicators(ctx, p.Key, "")
	if err != nil {
		return pd, err
	}
	pd.Indicators, pd.Index = vals.Indicators, vals.Index
	procs, err := s.db.IndicatorProcedures(ctx)
	if err != nil {
		return pd, err
	}
	procName := map[string]string{}
	for _, pr := range procs {
		procName[pr.Code] = pr.Name
	}
	tallies, err := s.dossierTallies(ctx, p, now)
	if err != nil {
		return pd, err
	}
	byU, byP := map[string]indicator.Tally{}, map[string]indicator.Tally{}
	var total indicator.Tally
	for k, t := range tallies {
		byU[k[0]], byP[k[1]], total = byU[k[0]].Add(t), byP[k[1]].Add(t), total.Add(t)
	}
	pd.Dossiers.Total = report.DossierCounts(total)
	for code, t := range byU {
		name := unitName[code]
		if name == "" {
			name = code
		}
		pd.Dossiers.ByUnit = append(pd.Dossiers.ByUnit, report.DossierRow{Code: code, Name: name, DossierCounts: report.DossierCounts(t)})
	}
	for code, t := range byP {
		pd.Dossiers.ByProcedure = append(pd.Dossiers.ByProcedure, report.DossierRow{Code: code, Name: procName[code], DossierCounts: report.DossierCounts(t)})
	}
	sortRows(pd.Dossiers.ByUnit)
	sortRows(pd.Dossiers.ByProcedure)
	pd.Narrative = narrativeOf(rep.Narrative)
	return pd, nil
}

// dossierTallies counts a report's dossiers by owner unit and procedure:
// for a span of days from the dossiers themselves, otherwise from the
// monthly sums, with, for a period under way, the dossiers that became late
// this month so far. Pairs with nothing to count are left out.
func (s *Server) dossierTallies(ctx context.Context, p indicator.Period, now time.Time) (map[[2]string]indicator.Tally, error) {
	if p.Days() {
		return s.db.DossierTallyDays(ctx, p, now)
	}
	byUnit, err := s.db.StatRowsByUnit(ctx, p.LastMonth())
	if err != nil {
		return nil, err
	}
	out := map[[2]string]indicator.Tally{}
	for unit, rows := range byUnit {
		for proc, t := range indicator.TallyOf(rows, p, now, func(r indicator.Row) string { return r.Procedure }) {
			if t != (indicator.Tally{}) {
				out[[2]string{unit, proc}] = t
			}
		}
	}
	if p.Contains(now) {
		lateNow, err := s.db.OpenLateThisMonth(ctx, p.End(), now)
		if err != nil {
			return nil, err
		}
		for k, n := range lateNow {
			t := out[k]
			t.OpenLate += n
			out[k] = t
		}
	}
	return out, nil
}

func sortRows(rows []report.DossierRow) {
	sort.Slice(rows, func(i, j int) bool { return rows[i].Code < rows[j].Code })
}

// narrativeOf maps the stored narrative to the report's parts.
func narrativeOf(n map[string]string) report.Narrative {
	out := report.Narrative{Intro: n["intro"], Areas: map[string]string{}, Direction: n["direction"], Difficulties: n["difficulties"],
		Proposals: n["proposals"], NextTasks: n["next"]}
	for _, k := range []string{"II.1", "II.2", "II.3", "II.4", "II.5", "II.6"} {
		if n[k] != "" {
			out.Areas[k] = n[k]
		}
	}
	return out
}

// reportFile renders one of a report's files from its content.
func reportFile(pd report.Periodic, format string) ([]byte, blob.Type, error) {
	var b bytes.Buffer
	switch format {
	case "xlsx":
		err := report.WritePeriodicXLSX(&b, pd)
		return b.Bytes(), blob.XLSX, err
	case "docx", "pdf":
		doc, err := report.PeriodicDocument(pd)
		if err != nil {
			return nil, blob.Type{}, err
		}
		if format == "docx" {
			err = officedoc.WriteDOCX(&b, doc)
			return b.Bytes(), blob.DOCX, err
		}
		err = officedoc.WritePDF(&b, doc)
		return b.Bytes(), blob.PDF, err
	}
	return nil, blob.Type{}, cchc.Errorf(cchc.ENOTFOUND, "Không có định dạng %s.", format)
}

// issueReport renders the draft's three files, stores them by hash and
// issues the report with them.
func (s *Server) issueReport(ctx context.Context, id int64, number string) (*sqldb.Report, error) {
	rep, err := s.db.FindReport(ctx, id)
	if err != nil {
		return nil, err
	}
	if rep.State != sqldb.ReportDraft {
		return nil, cchc.Errorf(cchc.ECONFLICT, "Phiên bản này đã ban hành.")
	}
	pd, err := s.periodicOf(ctx, rep)
	if err != nil {
		return nil, err
	}
	pd.Number = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(number), "Số:"))
	if pd.Number == "" {
		return nil, cchc.Invalid("Số văn bản chưa hợp lệ.", map[string]string{"number": "Nhập số, ký hiệu văn bản, ví dụ 125/BC-SGDĐT (tối đa 60 ký tự)."})
	}
	var files []sqldb.ReportFile
	for _, f := range []string{"docx", "pdf", "xlsx"} {
		data, typ, err := reportFile(pd, f)
		if err != nil {
			return nil, err
		}
		if _, err := s.blobs.Put(data); err != nil {
			return nil, err
		}
		files = append(files, sqldb.ReportFile{Format: f, SHA: blob.Sum(data), Size: int64(len(data)), Type: typ.MIME})
	}
	return s.db.IssueReport(ctx, id, pd.Number, files)
}

// serveReportFile sends an issued report's frozen file, or a draft's
// rendered from today's data.
func (s *Server) serveReportFile(w http.ResponseWriter, r *http.Request, id int64, format string) error {
	rep, err := s.db.FindReport(r.Context(), id)
	if err != nil {
		return err
	}
	name := fmt.Sprintf("bao-cao-cchc-%s-v%d.%s", strings.ReplaceAll(rep.Period, "..", "-den-"), rep.Version, format)
	if sha := rep.Files[format]; sha != "" {
		typ := map[string]blob.Type{"docx": blob.DOCX, "pdf": blob.PDF, "xlsx": blob.XLSX}[format]
		return s.serveBlob(w, r, sha, name, typ.MIME, *rep.IssuedAt)
	}
	if rep.State == sqldb.ReportIssued {
		return cchc.Errorf(cchc.ENOTFOUND, "Không có định dạng %s.", format)
	}
	pd, err := s.periodicOf(r.Context(), rep)
	if err != nil {
		return err
	}
	data, typ, err := reportFile(pd, format)
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", typ.MIME)
	w.Header().Set("Content-Disposition", `attachment; filename="du-thao-`+name+`"`)
	w.Header().Set("Cache-Control", "private, no-store")
	_, err = w.Write(data)
	return err
}

type reportsData struct {
	Reports []*sqldb.Report
	Periods []periodOption
	Months  []periodOption
	Error   string
	Fields  map[string]string
	Form    url.Values
}

// reportsPage lists the reports and opens a new one.
func (s *Server) reportsPage(w http.ResponseWriter, r *http.Request) error {
	return s.renderReports(w, r, http.StatusOK, nil)
}

func (s *Server) renderReports(w http.ResponseWriter, r *http.Request, status int, fail error) error {
	list, err := s.db.FindReports(r.Context())
	if err != nil {
		return err
	}
	d := &reportsData{Reports: list, Form: url.Values{}}
	for _, o := range periodOptions(s.db.Now()) {
		if k := indicator.MustPeriod(o.Key).Kind(); k == "month" {
			d.Months = append(d.Months, o)
		} else {
			d.Periods = append(d.Periods, o)
		}
	}
	if fail != nil {
		d.Error, d.Fields, d.Form = cchc.ErrorMessage(fail), cchc.ErrorFields(fail), r.PostForm
	}
	s.render(w, r, status, "reports", s.newPage(r, s.i18n.T(language(r), "reports.title"), d))
	return nil
}

// reportForm reads kind and period from a form or JSON body: a range is
// given as two months.
func reportKey(kind, period, from, to string) string {
	if kind == sqldb.ReportRange {
		return strings.TrimSpace(from) + ".." + strings.TrimSpace(to)
	}
	return strings.TrimSpace(period)
}

func (s *Server) createReport(w http.ResponseWriter, r *http.Request) error {
	kind := r.PostFormValue("kind")
	from, to := r.PostFormValue("from"), r.PostFormValue("to")
	if fd, td := strings.TrimSpace(r.PostFormValue("from_day")), strings.TrimSpace(r.PostFormValue("to_day")); kind == sqldb.ReportRange && (fd != "" || td != "") {
		// Days, written dd/mm/yyyy, take the place of the months.
		f, ferr := parseCivil(fd)
		t, terr := parseCivil(td)
		if ferr != nil || terr != nil {
			return s.renderReports(w, r, http.StatusUnprocessableEntity, cchc.Invalid("Ngày không hợp lệ.",
				map[string]string{"range": "Viết ngày bắt đầu và ngày kết thúc dạng dd/mm/yyyy, ví dụ 15/03/2026."}))
		}
		from, to = f.String(), t.String()
	}
	key := reportKey(kind, r.PostFormValue("period"), from, to)
	if kind != sqldb.ReportRange && key != "" {
		// One select lists every period; the kind follows from it.
		if p, err := indicator.ParsePeriod(key); err == nil {
			kind = p.Kind()
		}
	}
	rep, err := s.db.CreateReport(r.Context(), kind, key, r.PostFormValue("reason"))
	if cchc.ErrorCode(err) == cchc.ECONFLICT {
		// A draft exists: continue it.
		list, lerr := s.db.FindReports(r.Context())
		if lerr != nil {
			return lerr
		}
		for _, x := range list {
			if x.Kind == kind && x.State == sqldb.ReportDraft && (x.Period == key || x.Label == key) {
				http.Redirect(w, r, "/bao-cao/"+strconv.FormatInt(x.ID, 10)+"?ok=report_draft_exists", http.StatusSeeOther)
				return nil
			}
		}
	}
	if cchc.ErrorCode(err) == cchc.EINVALID || cchc.ErrorCode(err) == cchc.ECONFLICT {
		return s.renderReports(w, r, http.StatusUnprocessableEntity, err)
	}
	if err != nil {
		return err
	}
	http.Redirect(w, r, "/bao-cao/"+strconv.FormatInt(rep.ID, 10)+"?ok=report_created", http.StatusSeeOther)
	return nil
}

type reportData struct {
	R      *sqldb.Report
	Areas  []areaField
	Error  string
	Fields map[string]string
	Values map[string]string
	Number string
}

type areaField struct{ Key, Label string }

func (s *Server) reportData(r *http.Request) (*reportData, error) {
	id, err := pathID(r)
	if err != nil {
		return nil, err
	}
	rep, err := s.db.FindReport(r.Context(), id)
	if err != nil {
		return nil, err
	}
	d := &reportData{R: rep, Values: rep.Narrative}
	doc, err := s.db.PlanDocument(r.Context())
	if err != nil {
		return nil, err
	}
	titles := map[string]string{}
	doc.Walk(func(n *plan.Node, _ string, _ int) { titles[n.Code] = n.Title })
	for _, k := range []string{"II.1", "II.2", "II.3", "II.4", "II.5", "II.6"} {
		label := k
		if t := titles[k]; t != "" {
			label = k + ". " + t
		}
		d.Areas = append(d.Areas, areaField{k, label})
	}
	return d, nil
}

func (s *Server) reportPage(w http.ResponseWriter, r *http.Request) error {
	d, err := s.reportData(r)
	if err != nil {
		return err
	}
	s.render(w, r, http.StatusOK, "report", s.newPage(r, s.i18n.T(language(r), "reports.title")+" — "+d.R.Label, d))
	return nil
}

func (s *Server) reportFail(w http.ResponseWriter, r *http.Request, fail error) error {
	if c := cchc.ErrorCode(fail); c != cchc.EINVALID && c != cchc.ECONFLICT {
		return fail
	}
	d, err := s.reportData(r)
	if err != nil {
		return err
	}
	d.Error, d.Fields = cchc.ErrorMessage(fail), cchc.ErrorFields(fail)
	if r.PostForm.Has("number") {
		d.Number = r.PostFormValue("number")
	} else {
		d.Values = map[string]string{}
		for _, k := range sqldb.ReportNarrativeKeys {
			d.Values[k] = r.PostFormValue(k)
		}
	}
	s.render(w, r, http.StatusUnprocessableEntity, "report", s.newPage(r, s.i18n.T(language(r), "reports.title")+" — "+d.R.Label, d))
	return nil
}

func (s *Server) saveReportNarrative(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	n := map[string]string{}
	for _, k := range sqldb.ReportNarrativeKeys {
		n[k] = r.PostFormValue(k)
	}
	if err := s.db.SaveReportNarrative(r.Context(), id, n); err != nil {
		return s.reportFail(w, r, err)
	}
	http.Redirect(w, r, "/bao-cao/"+strconv.FormatInt(id, 10)+"?ok=saved", http.StatusSeeOther)
	return nil
}

func (s *Server) issueReportForm(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if _, err := s.issueReport(r.Context(), id, r.PostFormValue("number")); err != nil {
		return s.reportFail(w, r, err)
	}
	http.Redirect(w, r, "/bao-cao/"+strconv.FormatInt(id, 10)+"?ok=report_issued", http.StatusSeeOther)
	return nil
}

func (s *Server) reportFileHandler(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	return s.serveReportFile(w, r, id, r.PathValue("format"))
}

// API.

func (s *Server) apiReports(w http.ResponseWriter, r *http.Request) error {
	list, err := s.db.FindReports(r.Context())
	if err != nil {
		return err
	}
	if list == nil {
		list = []*sqldb.Report{}
	}
	writeJSON(w, http.StatusOK, map[string]any{"reports": list})
	return nil
}

func (s *Server) apiCreateReport(w http.ResponseWriter, r *http.Request) error {
	var body struct {
		Kind   string `json:"kind"`
		Period string `json:"period"`
		From   string `json:"from"` // a range's first month, "2026-03"
		To     string `json:"to"`
		Reason string `json:"reason"`
	}
	if err := decodeJSON(r, &body); err != nil {
		return err
	}
	rep, err := s.db.CreateReport(r.Context(), body.Kind, reportKey(body.Kind, body.Period, body.From, body.To), body.Reason)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, rep)
	return nil
}

func (s *Server) apiReport(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	rep, err := s.db.FindReport(r.Context(), id)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, rep)
	return nil
}

func (s *Server) apiReportNarrative(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	var body map[string]string
	if err := decodeJSON(r, &body); err != nil {
		return err
	}
	if err := s.db.SaveReportNarrative(r.Context(), id, body); err != nil {
		return err
	}
	return s.apiReport(w, r)
}

func (s *Server) apiIssueReport(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	var body struct {
		Number string `json:"number"`
	}
	if err := decodeJSON(r, &body); err != nil {
		return err
	}
	rep, err := s.issueReport(r.Context(), id, body.Number)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, rep)
	return nil
}
