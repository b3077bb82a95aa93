package web

import (
	"bytes"
	"embed"
	"fmt"
	"github.com/hpdoet/cchc/chart"
	"html/template"
	"io/fs"
	"log/slog"
	"math"
	"net/http"
	"strings"
	"time"

	"github.com/hpdoet/cchc"
	"github.com/hpdoet/cchc/dossier"
	"github.com/hpdoet/cchc/plan"
	"github.com/hpdoet/cchc/procedure"
)

//go:embed all:html
var htmlFS embed.FS

// page is what every template receives; Data is the page's own struct.
type page struct {
	Lang     string
	Title    string
	User     *cchc.User
	UnitName string
	CSRF     string
	Path     string
	Nav      []navItem
	Notice   string
	Demo     bool
	Data     any
	s        *Server
}

type navItem struct {
	Href, Label string
	Current     bool
}

func (s *Server) funcs() template.FuncMap {
	return template.FuncMap{
		"t":     func(lang, key string, args ...any) string { return s.i18n.T(lang, key, args...) },
		"asset": func(name string) string { return s.assets.URL(name) },
		"date": func(t any) string {
			switch v := t.(type) {
			case time.Time:
				if v.IsZero() {
					return ""
				}
				return v.Format("02/01/2006")
			case *time.Time:
				if v == nil || v.IsZero() {
					return ""
				}
				return v.Format("02/01/2006")
			}
			return ""
		},
		"datetime": func(t time.Time) string {
			if t.IsZero() {
				return ""
			}
			return t.In(plan.Vietnam).Format("02/01/2006 15:04")
		},
		"isodate": func(t time.Time) string {
			if t.IsZero() {
				return ""
			}
			return t.Format("2006-01-02")
		},
		"status": func(lang string, st plan.Status) string { return s.i18n.T(lang, "status."+string(st)) },
		"role":   func(lang string, r cchc.Role) string { return s.i18n.T(lang, "role."+string(r)) },
		"recurrence": func(lang string, r plan.Recurrence) string {
			return s.i18n.T(lang, "recurrence."+string(r))
		},
		"period":   plan.PeriodName,
		"evstate":  func(lang, st string) string { return s.i18n.T(lang, "evidence."+st) },
		"unitkind": func(lang, k string) string { return s.i18n.T(lang, "unitkind."+k) },
		"bytes":    formatBytes,
		"provider": providerName,
		"num": func(v *float64) string {
			if v == nil {
				return "—"
			}
			// One decimal, none when the value is whole: 87,5% but 100%.
			return strings.TrimSuffix(chart.FormatNumber(*v, 1), ",0")
		},
		"dict": func(kv ...any) map[string]any {
			m := map[string]any{}
			for i := 0; i+1 < len(kv); i += 2 {
				m[fmt.Sprint(kv[i])] = kv[i+1]
			}
			return m
		},
		"numf": func(v float64, decimals int) string { return chart.FormatNumber(v, decimals) },
		// daysf writes working minutes as working days.
		"daysf": func(minutes *float64, day float64) string {
			if minutes == nil || day <= 0 {
				return "—"
			}
			return chart.FormatNumber(*minutes/day, 1)
		},
		"moneyf": func(v *float64) string {
			if v == nil {
				return "—"
			}
			return formatMoney(int64(math.Round(*v)))
		},
		"days": func(minutes int64, day float64) string {
			if day <= 0 {
				return ""
			}
			return chart.FormatNumber(float64(minutes)/day, 2)
		},
		"withunit": func(v string, unit string) string {
			switch unit {
			case "":
				return v
			case "%":
				return v + "%"
			}
			return v + " " + unit
		},
		"resultno": func(code string) int {
			_, n, _ := dossier.ParseResultCode(code)
			return n
		},
		"join": strings.Join,
		"has": func(list []int64, id int64) bool {
			for _, x := range list {
				if x == id {
					return true
				}
			}
			return false
		},
		"statuses":  func() []plan.Status { return plan.Statuses },
		"string":    func(v any) string { return fmt.Sprint(v) },
		"inc":       func(i int) int { return i + 1 },
		"dec":       func(i int) int { return i - 1 },
		"hasPrefix": strings.HasPrefix,
		"first": func(v []string) string {
			if len(v) == 0 {
				return ""
			}
			return v[0]
		},
		"autocomplete": func(name string) string {
			return map[string]string{"ho_ten": "name", "ngay_sinh": "bday", "dia_chi": "street-address", "dien_thoai": "tel",
				"email": "email", "nguoi_dai_dien": "name", "ten_to_chuc": "organization"}[name]
		},
		"statename": func(st dossier.State) string { return st.Name() },
		"formkey":   func() string { return randomHex(16) },
		"isoToVN": func(s string) string {
			if t, err := time.Parse("2006-01-02", s); err == nil {
				return t.Format("02/01/2006")
			}
			return s
		},
		"fieldArgs": func(p *page, f *procedure.Field, v []string, err string) fieldArgs {
			val := ""
			if len(v) > 0 {
				val = v[0]
			}
			return fieldArgs{Lang: p.Lang, F: f, V: val, Err: err}
		},
		"lunar":     lunarShort,
		"money":     formatMoney,
		"levelname": procedure.LevelName,
		"factlabel": procedure.FactLabel,
		"hhmm": func(d time.Duration) string {
			return fmt.Sprintf("%02d:%02d", int(d.Hours()), int(d.Minutes())%60)
		},
		"deref_bool": func(b *bool) bool { return b != nil && *b },
		"deref_time": func(t *time.Time) time.Time {
			if t == nil {
				return time.Time{}
			}
			return *t
		},
		"deref": func(f *float64) float64 {
			if f == nil {
				return 0
			}
			return *f
		},
		"field":    func(fields map[string]string, name string) string { return fields[name] },
		"list":     func(s ...string) []string { return s },
		"nodeArgs": func(p *page, n *plan.Node) nodeArgs { return nodeArgs{P: p, N: n} },
		"pickArgs": func(p *page, prefix string) pickArgs { return pickArgs{P: p, Prefix: prefix} },
		"truncate": func(n int, s string) string {
			r := []rune(s)
			if len(r) <= n {
				return s
			}
			return string(r[:n]) + "…"
		},
	}
}

// formatMoney writes đồng the Vietnamese way: 10.000 đồng.
func formatMoney(n int64) string {
	s := fmt.Sprint(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(c)
	}
	if neg {
		return "-" + b.String() + " đồng"
	}
	return b.String() + " đồng"
}

// nodeArgs carries the page into the recursive plan-tree template.
type nodeArgs struct {
	P *page
	N *plan.Node
}

// fieldArgs carries one form field of a procedure into its template.
type fieldArgs struct {
	Lang string
	F    *procedure.Field
	V    string
	Err  string
}

// pickArgs carries the page into the instance picker of a form.
type pickArgs struct {
	P      *page
	Prefix string
}

// parseTemplates parses the layout with each page once, at start.
func (s *Server) parseTemplates() (map[string]*template.Template, error) {
	pages := map[string]*template.Template{}
	files, err := fs.Glob(htmlFS, "html/*.html")
	if err != nil {
		return nil, err
	}
	for _, f := range files {
		name := strings.TrimSuffix(strings.TrimPrefix(f, "html/"), ".html")
		if strings.HasPrefix(name, "_") {
			continue
		}
		t, err := template.New(name).Funcs(s.funcs()).ParseFS(htmlFS, "html/_*.html", f)
		if err != nil {
			return nil, fmt.Errorf("parse template %s: %w", name, err)
		}
		pages[name] = t
	}
	return pages, nil
}

func (s *Server) newPage(r *http.Request, title string, data any) *page {
	u := cchc.UserFromContext(r.Context())
	p := &page{Lang: language(r), Title: title, User: u, CSRF: s.csrfToken(r), Path: r.URL.Path, Demo: s.cfg.Demo, Data: data, s: s}
	if n := r.URL.Query().Get("ok"); n != "" && len(n) < 40 {
		p.Notice = s.i18n.T(p.Lang, "notice."+n)
	}
	if u != nil && u.UnitID != 0 {
		if unit, err := s.db.FindUnitByID(r.Context(), u.UnitID); err == nil {
			p.UnitName = unit.Name
		}
	}
	p.Nav = s.nav(p.Lang, u, r.URL.Path)
	return p
}

// nav lists the menu entries the user's role may open.
func (s *Server) nav(lang string, u *cchc.User, current string) []navItem {
	items := []struct {
		href, key string
		need      access
	}{
		{"/", "nav.home", public},
		{"/thu-tuc", "nav.procedures", public},
		{"/ho-so", "nav.dossiers", signedIn},
		{"/tra-cuu", "nav.lookup", public},
		{"/kho-du-lieu", "nav.store", citizen},
		{"/xac-thuc", "nav.verify", public},
		{"/ke-hoach", "nav.plan", public},
		{"/ke-hoach/chi-tieu", "nav.targets", public},
		{"/chi-so-766", "nav.index", public},
		{"/lich", "nav.calendar", public},
		{"/nhiem-vu", "nav.tasks", official},
		{"/quan-tri/don-vi", "nav.units", admin},
		{"/quan-tri/nguoi-dung", "nav.users", admin},
		{"/quan-tri/doi-soat", "nav.recon", allUnits},
		{"/bao-cao", "nav.reports", allUnits},
		{"/quan-tri/ky-so-lieu", "nav.periods", allUnits},
		{"/quan-tri/nhat-ky", "nav.audit", auditor},
	}
	var out []navItem
	for _, it := range items {
		if !it.need.allows(u) {
			continue
		}
		cur := current == it.href || (it.href != "/" && strings.HasPrefix(current, it.href+"/") && it.href != "/ke-hoach")
		out = append(out, navItem{Href: it.href, Label: s.i18n.T(lang, it.key), Current: cur || current == it.href})
	}
	return out
}

// T translates for handlers.
func (p *page) T(key string, args ...any) string { return p.s.i18n.T(p.Lang, key, args...) }

// render writes a page through a buffer, so a template error becomes a
// clean 500 instead of half a page.
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, name string, data any) {
	var p *page
	switch v := data.(type) {
	case *page:
		p = v
	default:
		p = s.newPage(r, "", data)
	}
	if p.Title == "" {
		p.Title = s.i18n.T(p.Lang, "title."+name)
	}
	t, ok := s.pages[name]
	if !ok {
		s.log.Error("unknown template", slog.String("name", name))
		http.Error(w, "Lỗi hệ thống", http.StatusInternalServerError)
		return
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout", p); err != nil {
		s.log.Error("render template", slog.String("name", name), slog.Any("err", err))
		http.Error(w, "Lỗi hệ thống", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}
