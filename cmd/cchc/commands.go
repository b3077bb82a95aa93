package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/hpdoet/cchc"
	"github.com/hpdoet/cchc/blob"
	"github.com/hpdoet/cchc/calendar"
	"github.com/hpdoet/cchc/demo"
	"github.com/hpdoet/cchc/jobs"
	"github.com/hpdoet/cchc/mail"
	"github.com/hpdoet/cchc/payment"
	"github.com/hpdoet/cchc/plan"
	"github.com/hpdoet/cchc/plans"
	"github.com/hpdoet/cchc/procedure"
	"github.com/hpdoet/cchc/procedures"
	"github.com/hpdoet/cchc/result"
	"github.com/hpdoet/cchc/sqldb"
	"github.com/hpdoet/cchc/web"
)

// open parses flags, then opens and migrates the database.
func open(ctx context.Context, name string, args []string, stderr io.Writer, getenv func(string) string, serve bool) (*config, *sqldb.DB, []string, error) {
	c := defaults(getenv)
	fs := c.flags(name, stderr, serve)
	if err := fs.Parse(args); err != nil {
		return nil, nil, nil, errUsage
	}
	if err := c.validate(); err != nil {
		return nil, nil, nil, err
	}
	db, err := sqldb.Open(ctx, c.DatabaseURL)
	if err != nil {
		return nil, nil, nil, fmt.Errorf("open database %s: %w", redactedURL(c.DatabaseURL), err)
	}
	if err := db.Migrate(ctx); err != nil {
		db.Close()
		return nil, nil, nil, err
	}
	return &c, db, fs.Args(), nil
}

func runMigrate(ctx context.Context, args []string, stdout, stderr io.Writer, getenv func(string) string) error {
	_, db, _, err := open(ctx, "migrate", args, stderr, getenv, false)
	if err != nil {
		return err
	}
	defer db.Close()
	v, err := db.MigrationVersion(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "database (%s) at schema version %d\n", db.Engine(), v)
	return nil
}

func seedPlan() (*plan.Document, error) {
	doc, err := plan.ParseDocument(plans.SeedPlan())
	if err != nil {
		return nil, fmt.Errorf("embedded seed plan: %w", err)
	}
	return doc, nil
}

func runImportPlan(ctx context.Context, args []string, stdout, stderr io.Writer, getenv func(string) string) error {
	_, db, rest, err := open(ctx, "import-plan", args, stderr, getenv, false)
	if err != nil {
		return err
	}
	defer db.Close()
	if len(rest) != 1 {
		fmt.Fprintln(stderr, "usage: cchc import-plan [flags] FILE")
		return errUsage
	}
	data, err := os.ReadFile(rest[0])
	if err != nil {
		return fmt.Errorf("read plan file: %w", err)
	}
	doc, err := plan.ParseDocument(data)
	if err != nil {
		return err
	}
	res, err := db.ImportPlan(cchc.WithUser(ctx, cchc.SystemUser), doc)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "imported %s: %d created, %d updated, %d retired, %d unchanged\n", doc.ID, res.Created, res.Updated, res.Retired, res.Unchanged)
	return nil
}

func runAudit(ctx context.Context, args []string, stdout, stderr io.Writer, getenv func(string) string) error {
	if len(args) == 0 || args[0] != "verify" {
		fmt.Fprintln(stderr, "usage: cchc audit verify [flags]")
		return errUsage
	}
	_, db, _, err := open(ctx, "audit verify", args[1:], stderr, getenv, false)
	if err != nil {
		return err
	}
	defer db.Close()
	p, n, err := db.VerifyAudit(ctx)
	if err != nil {
		return err
	}
	if p != nil {
		return fmt.Errorf("audit log broken at entry %d: %s (%s)", p.Seq, p.Reason, p.Detail)
	}
	fmt.Fprintf(stdout, "audit log intact: %d entries verified\n", n)
	return nil
}

func runCreateAdmin(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer, getenv func(string) string) error {
	var username, fullName, unitCode string
	c := defaults(getenv)
	fs := c.flags("create-admin", stderr, false)
	fs.StringVar(&username, "username", "", "username of the administrator")
	fs.StringVar(&fullName, "full-name", "", "full name")
	fs.StringVar(&unitCode, "unit", "VP", "code of the admin's unit (created as the Văn phòng Sở if missing)")
	if err := fs.Parse(args); err != nil {
		return errUsage
	}
	if err := c.validate(); err != nil {
		return err
	}
	pw := getenv("CCHC_ADMIN_PASSWORD")
	if pw == "" {
		fmt.Fprint(stderr, "Mật khẩu (password): ")
		line, err := bufio.NewReader(stdin).ReadString('\n')
		if err != nil && !errors.Is(err, io.EOF) {
			return fmt.Errorf("read password: %w", err)
		}
		pw = strings.TrimRight(line, "\r\n")
	}
	db, err := sqldb.Open(ctx, c.DatabaseURL)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := db.Migrate(ctx); err != nil {
		return err
	}
	sys := cchc.WithUser(ctx, cchc.SystemUser)
	var unitID int64
	units, err := db.FindUnits(ctx)
	if err != nil {
		return err
	}
	for _, u := range units {
		if u.Code == unitCode {
			unitID = u.ID
		}
	}
	if unitID == 0 {
		u := &cchc.Unit{Code: unitCode, Name: "Văn phòng Sở", Kind: cchc.UnitOffice, Active: true}
		if err := db.CreateUnit(sys, u); err != nil {
			return fmt.Errorf("create unit %s: %s", unitCode, cchc.ErrorMessage(err))
		}
		unitID = u.ID
	}
	u := &cchc.User{Username: username, FullName: fullName, Role: cchc.RoleAdmin, UnitID: unitID, Active: true}
	if err := db.CreateUser(sys, u, pw); err != nil {
		if fields := cchc.ErrorFields(err); len(fields) > 0 {
			return fmt.Errorf("%s %v", cchc.ErrorMessage(err), fields)
		}
		return err
	}
	fmt.Fprintf(stdout, "created administrator %s\n", u.Username)
	return nil
}

func runDemo(ctx context.Context, args []string, stdout, stderr io.Writer, getenv func(string) string) error {
	c := defaults(getenv)
	fs := c.flags("demo", stderr, false)
	count := fs.Int("dossiers", 0, "generate about this many dossiers (default: the demo volume, about 8 000 a year)")
	from := fs.String("from", "2024-01-01", "first day of generated dossiers (YYYY-MM-DD)")
	seed := fs.Uint64("seed", 2026, "random seed, for reproducible datasets")
	if err := fs.Parse(args); err != nil {
		return errUsage
	}
	if err := c.validate(); err != nil {
		return err
	}
	start, err := time.Parse("2006-01-02", *from)
	if err != nil {
		return fmt.Errorf("--from: %w", err)
	}
	db, err := sqldb.Open(ctx, c.DatabaseURL)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := db.Migrate(ctx); err != nil {
		return err
	}
	users, err := db.CountUsers(ctx)
	if err != nil {
		return err
	}
	if users == 0 {
		if err := loadDemo(ctx, db, stdout); err != nil {
			return err
		}
	} else if *count == 0 {
		return fmt.Errorf("the database already has accounts: demo data is loaded only into an empty database (use --dossiers N to add generated dossiers)")
	}
	return generateDossiers(ctx, &c, db, start, *count, *seed, stdout, stderr)
}

func loadDemo(ctx context.Context, db *sqldb.DB, stdout io.Writer) error {
	doc, err := seedPlan()
	if err != nil {
		return err
	}
	start := time.Now()
	st, err := demo.Load(ctx, db, doc, time.Now())
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "demo data loaded in %s: %d units, %d accounts, %d procedures, %d assignments, %d progress notes, %d pieces of evidence, %d reviews\n",
		time.Since(start).Round(time.Millisecond), st.Units, st.Users, st.Procedures, st.Assignments, st.Progress, st.Evidence, st.Reviews)
	return nil
}

// calendarOf builds the working-day calendar in force: the official
// schedules with the admin's edits stored in the database, and the
// configured office hours.
func calendarOf(ctx context.Context, c *config, db *sqldb.DB) (*calendar.Calendar, error) {
	hours, _ := c.hours()
	official, err := calendar.Schedules()
	if err != nil {
		return nil, err
	}
	stored, err := db.CalendarSchedules(ctx)
	if err != nil {
		return nil, err
	}
	for y, s := range stored {
		official[y] = s
	}
	return calendar.New(official, hours)
}

func generateDossiers(ctx context.Context, c *config, db *sqldb.DB, from time.Time, count int, seed uint64, stdout, progress io.Writer) error {
	cal, err := calendarOf(ctx, c, db)
	if err != nil {
		return err
	}
	db.OneStop = sqldb.OneStop{Agency: c.Agency, Calendar: func() *calendar.Calendar { return cal }}
	start := time.Now()
	n, err := demo.GenerateDossiers(ctx, db, cal, demo.DossierOptions{From: from, To: time.Now(), Count: count, Seed: seed,
		Agency: c.Agency, Progress: progress})
	if err != nil {
		return err
	}
	secs := time.Since(start).Seconds()
	fmt.Fprintf(stdout, "generated %d dossiers in %.1f s (%.0f dossiers/s, %s)\n", n, secs, float64(n)/max(secs, 0.001), db.Engine())
	return nil
}

func runServe(ctx context.Context, args []string, stdout, stderr io.Writer, getenv func(string) string) error {
	c, db, _, err := open(ctx, "serve", args, stderr, getenv, true)
	if err != nil {
		return err
	}
	defer db.Close()
	log := c.logger(stderr)
	users, err := db.CountUsers(ctx)
	if err != nil {
		return err
	}
	switch {
	case c.Demo && users == 0:
		if err := loadDemo(ctx, db, stdout); err != nil {
			return err
		}
		if err := generateDossiers(ctx, c, db, time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC), 0, 2026, stdout, nil); err != nil {
			return err
		}
	case c.Demo:
		fmt.Fprintln(stdout, "the database already has accounts: demo data not loaded again")
	}
	if _, err := db.PlanDocument(ctx); cchc.ErrorCode(err) == cchc.ENOTFOUND {
		doc, err := seedPlan()
		if err != nil {
			return err
		}
		if _, err := db.ImportPlan(cchc.WithUser(ctx, cchc.SystemUser), doc); err != nil {
			return err
		}
		log.Info("seed plan imported", "plan", doc.ID)
	} else if err != nil {
		return err
	}
	hours, _ := c.hours() // validated with the flags
	if n, err := db.CountProcedures(ctx); err != nil {
		return err
	} else if n == 0 {
		cat, err := procedure.ParseCatalog(procedures.Catalog())
		if err != nil {
			return fmt.Errorf("embedded procedure catalog: %w", err)
		}
		if _, err := db.ImportCatalog(cchc.WithUser(ctx, cchc.SystemUser), cat); err != nil {
			return err
		}
		log.Info("procedure catalog imported", "procedures", len(cat.Procedures))
	}
	signer, err := loadSigner(c, log)
	if err != nil {
		return err
	}
	wc := web.Config{Addr: c.Addr, BaseURL: c.BaseURL, CookieSecure: c.CookieSecure, MaxUploadSize: int64(c.MaxUploadMB) << 20,
		Demo: c.Demo, OfficeHours: hours, Agency: c.Agency, Signer: signer, PaymentSandbox: c.sandbox()}
	if c.VNPayTmnCode != "" {
		wc.VNPay = &payment.VNPayConfig{TmnCode: c.VNPayTmnCode, HashSecret: c.VNPaySecret, URL: c.VNPayURL}
	}
	if wc.PaymentSandbox && !c.Demo {
		log.Warn("the payment sandbox is on: it records fees as paid without money")
	}
	srv, err := web.New(ctx, wc, db, &blob.Store{Dir: filepath.Join(c.DataDir, "files")}, log)
	if err != nil {
		return err
	}
	if need, err := db.NeedsIndicatorRebuild(ctx); err != nil {
		return err
	} else if need {
		log.Info("computing the indicator sums from the dossiers (first start after an upgrade)")
		res, err := db.RebuildIndicators(cchc.WithUser(ctx, cchc.SystemUser), nil)
		if err != nil {
			return err
		}
		log.Info("indicator sums computed", "dossiers", res.Dossiers, "sums", res.StatRows, "took", res.Took.Round(time.Millisecond))
	}
	if err := srv.Listen(); err != nil {
		return err
	}
	url := c.BaseURL
	if url == "" {
		_, port, _ := net.SplitHostPort(srv.Addr())
		url = "http://localhost:" + port
	}
	runner := &jobs.Runner{DB: db, Log: log, BaseURL: url, Mail: &mail.SMTP{Host: c.SMTPHost, Port: c.SMTPPort,
		Username: c.SMTPUser, Password: c.SMTPPassword, From: c.MailFrom}}
	jobsDone := make(chan struct{})
	go func() { runner.Run(ctx); close(jobsDone) }()
	defer func() { <-jobsDone }()
	fmt.Fprintf(stdout, "cchc %s serving on %s (database: %s)\n", version(), url, db.Engine())
	if c.Demo {
		fmt.Fprintf(stdout, "demo accounts (password %q): admin, vanphong, lanhdao, truongphong, chuyenvien, motcua, congdan\n", demo.Password)
	} else if users == 0 {
		fmt.Fprintln(stdout, "no accounts yet: create the first administrator with `cchc create-admin --username … --full-name …`")
	}
	return srv.Serve(ctx)
}

// loadSigner loads the certificate that signs results, or the demo CA kept
// in the data directory (created on first start).
func loadSigner(c *config, log *slog.Logger) (*result.Signer, error) {
	if c.SignCert != "" {
		return result.LoadSigner(c.SignCert, c.SignKey, time.Now())
	}
	dir := filepath.Join(c.DataDir, "pki")
	s, err := result.NewDemoCA(dir, time.Now())
	if err != nil {
		return nil, err
	}
	log.Warn("results are signed with the demo CA, which no reader trusts: configure --sign-cert and --sign-key for production",
		"root", filepath.Join(dir, result.DemoCACertFile))
	return s, nil
}

func runIndicators(ctx context.Context, args []string, stdout, stderr io.Writer, getenv func(string) string) error {
	if len(args) == 0 || args[0] != "rebuild" {
		fmt.Fprintln(stderr, "usage: cchc indicators rebuild [flags]")
		return errUsage
	}
	c, db, _, err := open(ctx, "indicators rebuild", args[1:], stderr, getenv, false)
	if err != nil {
		return err
	}
	defer db.Close()
	cal, err := calendarOf(ctx, c, db)
	if err != nil {
		return err
	}
	db.OneStop = sqldb.OneStop{Agency: c.Agency, Calendar: func() *calendar.Calendar { return cal }}
	var total int
	db.SQL().QueryRowContext(ctx, `SELECT COUNT(*) FROM dossiers`).Scan(&total)
	bar := newBar(stderr, total)
	res, err := db.RebuildIndicators(cchc.WithUser(ctx, cchc.SystemUser), bar)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "rebuilt the indicators from %d dossiers in %.1f s (%.0f dossiers/s, %s): %d dossiers' facts and %d sums corrected, %d sums\n",
		res.Dossiers, res.Took.Seconds(), float64(res.Dossiers)/max(res.Took.Seconds(), 0.001), db.Engine(), res.FactsChanged, res.StatsChanged, res.StatRows)
	return nil
}

// newBar returns a progress callback that redraws one line on w.
func newBar(w io.Writer, total int) func(int) {
	last := time.Time{}
	return func(done int) {
		if time.Since(last) < 500*time.Millisecond && done < total {
			return
		}
		last = time.Now()
		pct := 100.0
		if total > 0 {
			pct = 100 * float64(done) / float64(total)
		}
		fmt.Fprintf(w, "\r%d / %d dossiers (%.0f%%)", done, total, pct)
		if done >= total {
			fmt.Fprintln(w)
		}
	}
}
