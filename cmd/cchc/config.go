package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"path/filepath"
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	"github.com/hpdoet/cchc/calendar"
	"github.com/hpdoet/cchc/dossier"
)

var errUsage = errors.New("usage")

// config is every setting, filled from defaults, then the environment, then flags.
type config struct {
	DatabaseURL  string
	DataDir      string
	Addr         string
	BaseURL      string
	MaxUploadMB  int
	CookieSecure bool
	LogLevel     string
	LogFormat    string
	Demo         bool
	SMTPHost     string
	SMTPPort     int
	SMTPUser     string
	SMTPPassword string
	MailFrom     string
	Agency       string // receiving agency identifier in dossier codes
	OfficeHours  string // "07:30-17:00"
	CutOff       string // "17:00": receipts from then count from the next working day
	SignCert     string // PEM certificate chain that signs results; empty: the demo CA in the data directory
	SignKey      string // PEM private key of SignCert
	VNPayTmnCode string
	VNPaySecret  string
	VNPayURL     string
	Sandbox      string // "true"/"false": the built-in test bank; empty follows --demo
}

func defaults(getenv func(string) string) config {
	c := config{DataDir: "data", Addr: ":8080", MaxUploadMB: 20, CookieSecure: true, LogLevel: "info", LogFormat: "text",
		OfficeHours: "07:30-17:00", CutOff: "17:00", Agency: "000.00.31.H31", SMTPPort: 587, MailFrom: "Sở GD&ĐT Hải Phòng <khong-tra-loi@localhost>"}
	str := func(dst *string, key string) {
		if v := getenv(key); v != "" {
			*dst = v
		}
	}
	str(&c.DatabaseURL, "CCHC_DATABASE_URL")
	str(&c.DataDir, "CCHC_DATA_DIR")
	str(&c.Addr, "CCHC_ADDR")
	str(&c.BaseURL, "CCHC_BASE_URL")
	str(&c.LogLevel, "CCHC_LOG_LEVEL")
	str(&c.LogFormat, "CCHC_LOG_FORMAT")
	str(&c.OfficeHours, "CCHC_OFFICE_HOURS")
	str(&c.Agency, "CCHC_AGENCY_CODE")
	str(&c.SMTPHost, "CCHC_SMTP_HOST")
	str(&c.SMTPUser, "CCHC_SMTP_USER")
	str(&c.SMTPPassword, "CCHC_SMTP_PASSWORD")
	str(&c.MailFrom, "CCHC_MAIL_FROM")
	if v, err := strconv.Atoi(getenv("CCHC_SMTP_PORT")); err == nil {
		c.SMTPPort = v
	}
	str(&c.CutOff, "CCHC_RECEIPT_CUTOFF")
	str(&c.SignCert, "CCHC_SIGN_CERT")
	str(&c.SignKey, "CCHC_SIGN_KEY")
	str(&c.VNPayTmnCode, "CCHC_VNPAY_TMN_CODE")
	str(&c.VNPaySecret, "CCHC_VNPAY_HASH_SECRET")
	str(&c.VNPayURL, "CCHC_VNPAY_URL")
	str(&c.Sandbox, "CCHC_PAYMENT_SANDBOX")
	if v, err := strconv.Atoi(getenv("CCHC_MAX_UPLOAD_MB")); err == nil {
		c.MaxUploadMB = v
	}
	if v, err := strconv.ParseBool(getenv("CCHC_COOKIE_SECURE")); err == nil {
		c.CookieSecure = v
	}
	return c
}

// flags declares the flags of a subcommand over c; serve adds its own.
func (c *config) flags(name string, stderr io.Writer, serve bool) *flag.FlagSet {
	fs := flag.NewFlagSet("cchc "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&c.DatabaseURL, "database-url", c.DatabaseURL, "PostgreSQL URL or SQLite file")
	fs.StringVar(&c.DataDir, "data-dir", c.DataDir, "data directory")
	fs.StringVar(&c.LogLevel, "log-level", c.LogLevel, "log level")
	fs.StringVar(&c.LogFormat, "log-format", c.LogFormat, "log format: text or json")
	fs.StringVar(&c.Agency, "agency-code", c.Agency, "receiving agency identifier in dossier codes (TT 01/2018 Điều 19)")
	if serve {
		fs.StringVar(&c.Addr, "addr", c.Addr, "listen address")
		fs.StringVar(&c.BaseURL, "base-url", c.BaseURL, "public base URL")
		fs.IntVar(&c.MaxUploadMB, "max-upload-mb", c.MaxUploadMB, "largest upload in MB")
		fs.BoolVar(&c.CookieSecure, "cookie-secure", c.CookieSecure, "set the Secure flag on cookies")
		fs.BoolVar(&c.Demo, "demo", false, "load demo data into an empty database")
		fs.StringVar(&c.SMTPHost, "smtp-host", c.SMTPHost, "SMTP server for e-mail (empty: mail stays queued)")
		fs.IntVar(&c.SMTPPort, "smtp-port", c.SMTPPort, "SMTP port")
		fs.StringVar(&c.MailFrom, "mail-from", c.MailFrom, "sender of e-mail")
		fs.StringVar(&c.OfficeHours, "office-hours", c.OfficeHours, "office hours, HH:MM-HH:MM (Vietnam time)")
		fs.StringVar(&c.CutOff, "receipt-cutoff", c.CutOff, "receipt cut-off HH:MM: dossiers received from then count from the next working day")
		fs.StringVar(&c.SignCert, "sign-cert", c.SignCert, "PEM certificate (chain) that signs results; empty: a demo CA kept in the data directory")
		fs.StringVar(&c.SignKey, "sign-key", c.SignKey, "PEM private key of --sign-cert")
		fs.StringVar(&c.VNPayTmnCode, "vnpay-tmn-code", c.VNPayTmnCode, "VNPAY terminal code (empty: no VNPAY)")
		fs.StringVar(&c.VNPayURL, "vnpay-url", c.VNPayURL, "VNPAY payment page URL (default: VNPAY's test environment)")
		fs.StringVar(&c.Sandbox, "payment-sandbox", c.Sandbox, "enable the built-in test bank (true/false; default: on with --demo only)")
	}
	return fs
}

func (c *config) validate() error {
	if c.DatabaseURL == "" {
		c.DatabaseURL = filepath.Join(c.DataDir, "cchc.db")
	}
	if c.MaxUploadMB < 1 || c.MaxUploadMB > 1024 {
		return fmt.Errorf("max upload size must be 1–1024 MB, got %d", c.MaxUploadMB)
	}
	if _, err := c.level(); err != nil {
		return err
	}
	if !dossier.ValidAgency(c.Agency) {
		return fmt.Errorf("agency code %q: want the shape 000.00.31.H31", c.Agency)
	}
	if _, err := c.hours(); err != nil {
		return err
	}
	if (c.SignCert == "") != (c.SignKey == "") {
		return errors.New("give both --sign-cert and --sign-key, or neither (demo CA)")
	}
	if c.Sandbox != "" {
		if _, err := strconv.ParseBool(c.Sandbox); err != nil {
			return fmt.Errorf("payment sandbox must be true or false, got %q", c.Sandbox)
		}
	}
	if (c.VNPayTmnCode == "") != (c.VNPaySecret == "") {
		return errors.New("VNPAY needs both the terminal code and CCHC_VNPAY_HASH_SECRET")
	}
	if c.LogFormat != "text" && c.LogFormat != "json" {
		return fmt.Errorf("log format must be text or json, got %q", c.LogFormat)
	}
	return nil
}

func (c *config) level() (slog.Level, error) {
	var l slog.Level
	if err := l.UnmarshalText([]byte(c.LogLevel)); err != nil {
		return 0, fmt.Errorf("log level must be debug, info, warn or error, got %q", c.LogLevel)
	}
	return l, nil
}

func (c *config) logger(w io.Writer) *slog.Logger {
	l, _ := c.level()
	opts := &slog.HandlerOptions{Level: l}
	if c.LogFormat == "json" {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}

// redactedURL hides a password in a database URL for messages.
func redactedURL(u string) string {
	if i := strings.Index(u, "://"); i >= 0 {
		if at := strings.Index(u[i+3:], "@"); at >= 0 {
			cred := u[i+3 : i+3+at]
			if c := strings.Index(cred, ":"); c >= 0 {
				return u[:i+3] + cred[:c] + ":***" + u[i+3+at:]
			}
		}
	}
	return u
}

func version() string {
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, s := range bi.Settings {
			if s.Key == "vcs.revision" && len(s.Value) >= 12 {
				return s.Value[:12]
			}
		}
		if bi.Main.Version != "" && bi.Main.Version != "(devel)" {
			return bi.Main.Version
		}
	}
	return "dev"
}

func clock(s string) (time.Duration, error) {
	t, err := time.Parse("15:04", strings.TrimSpace(s))
	if err != nil {
		return 0, fmt.Errorf("time of day %q: want HH:MM", s)
	}
	return time.Duration(t.Hour())*time.Hour + time.Duration(t.Minute())*time.Minute, nil
}

// hours reads the office hours and the receipt cut-off.
func (c *config) hours() (calendar.OfficeHours, error) {
	open, close, ok := strings.Cut(c.OfficeHours, "-")
	if !ok {
		return calendar.OfficeHours{}, fmt.Errorf("office hours %q: want HH:MM-HH:MM", c.OfficeHours)
	}
	var h calendar.OfficeHours
	var err error
	if h.Open, err = clock(open); err != nil {
		return h, err
	}
	if h.Close, err = clock(close); err != nil {
		return h, err
	}
	if h.CutOff, err = clock(c.CutOff); err != nil {
		return h, err
	}
	if err := h.Validate(); err != nil {
		return h, err
	}
	return h, nil
}

// sandbox reports whether the built-in test bank is on: as configured, or
// with the demo.
func (c *config) sandbox() bool {
	if v, err := strconv.ParseBool(c.Sandbox); err == nil {
		return v
	}
	return c.Demo
}
