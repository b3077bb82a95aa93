// Package web serves cchc's Vietnamese web UI and its JSON API over HTTP.
// Every route is in one list (routes.go) with the permission it needs; the
// storage layer checks the finer, unit-scoped rules on every call.
package web

import (
	"context"
	"errors"
	"fmt"
	"github.com/hpdoet/cchc/payment"
	"github.com/hpdoet/cchc/result"
	"html/template"
	"log/slog"
	"net"
	"net/http"
	"sync/atomic"
	"time"

	"github.com/hpdoet/cchc/blob"
	"github.com/hpdoet/cchc/calendar"
	"github.com/hpdoet/cchc/sqldb"
)

// Config holds what the web layer needs to know about its deployment.
type Config struct {
	Addr          string // listen address, e.g. ":8080"
	BaseURL       string // public URL, e.g. "https://cchc.haiphong.edu.vn"
	CookieSecure  bool   // set the Secure flag on cookies (true unless plain HTTP is unavoidable)
	MaxUploadSize int64  // bytes per uploaded file
	Demo          bool   // demo mode: the login page lists the demo accounts
	OfficeHours   calendar.OfficeHours
	Agency        string // the receiving agency's identifier in dossier codes
	// Signer signs electronic results with the Sở's certificate; required.
	Signer *result.Signer
	// VNPay configures the VNPAY gateway; nil when not contracted.
	VNPay *payment.VNPayConfig
	// PaymentSandbox enables the built-in test bank, which "pays" without
	// money: for the demo and tests only.
	PaymentSandbox bool
}

// Server is the HTTP server.
type Server struct {
	cfg    Config
	db     *sqldb.DB
	blobs  *blob.Store
	log    *slog.Logger
	secret []byte
	pages  map[string]*template.Template
	assets *assetSet
	i18n   *catalog
	cal    atomic.Pointer[calendar.Calendar]
	mux    *http.ServeMux
	srv    *http.Server
	ln     net.Listener

	providers     map[string]payment.Provider
	providerOrder []string // the order gateways are offered in
	sandbox       *payment.Sandbox
	listenBase    string // the base URL when Config.BaseURL is empty, from the listening address
}

// New builds a server; it parses templates and loads assets once.
func New(ctx context.Context, cfg Config, db *sqldb.DB, blobs *blob.Store, log *slog.Logger) (*Server, error) {
	if cfg.MaxUploadSize <= 0 {
		cfg.MaxUploadSize = 20 << 20
	}
	if cfg.OfficeHours == (calendar.OfficeHours{}) {
		cfg.OfficeHours = calendar.DefaultOfficeHours()
	}
	if cfg.Signer == nil {
		return nil, errors.New("web: a result signer is required")
	}
	secret, err := db.Secret(ctx)
	if err != nil {
		return nil, fmt.Errorf("load server secret: %w", err)
	}
	s := &Server{cfg: cfg, db: db, blobs: blobs, log: log, secret: secret}
	if err := s.loadCalendar(ctx); err != nil {
		return nil, err
	}
	if s.cfg.Agency == "" {
		s.cfg.Agency = "000.00.31.H31"
	}
	// Storage numbers and times dossiers with the agency code and the
	// calendar in force (which an admin's edit replaces).
	db.OneStop.Agency, db.OneStop.Calendar, db.OneStop.BaseURL = s.cfg.Agency, s.calendarNow, s.cfg.BaseURL
	db.OneStop.Results = s.issueResult
	if err := s.setupPayments(); err != nil {
		return nil, fmt.Errorf("payment gateways: %w", err)
	}
	if s.i18n, err = loadCatalog(); err != nil {
		return nil, err
	}
	if s.assets, err = loadAssets(); err != nil {
		return nil, err
	}
	if s.pages, err = s.parseTemplates(); err != nil {
		return nil, err
	}
	s.mux = http.NewServeMux()
	s.register()
	return s, nil
}

// Handler returns the server's root handler with its middleware.
func (s *Server) Handler() http.Handler {
	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.fail(w, r, csrfError())
	}))
	return s.recoverer(s.requestLog(s.securityHeaders(cop.Handler(s.authenticate(s.mux)))))
}

// Listen opens the listening socket; Addr reports the bound address.
func (s *Server) Listen() error {
	ln, err := net.Listen("tcp", s.cfg.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", s.cfg.Addr, err)
	}
	s.ln = ln
	if s.cfg.BaseURL == "" {
		// Links in e-mails and results' QR codes need an absolute URL even
		// where no request tells the host: use the listening address.
		host, port, _ := net.SplitHostPort(ln.Addr().String())
		if ip := net.ParseIP(host); ip == nil || ip.IsUnspecified() {
			host = "localhost"
		}
		s.listenBase = "http://" + net.JoinHostPort(host, port)
		if s.db.OneStop.BaseURL == "" {
			s.db.OneStop.BaseURL = s.listenBase
		}
	}
	return nil
}

// Addr is the address the server listens on (after Listen).
func (s *Server) Addr() string { return s.ln.Addr().String() }

// Serve serves until ctx is done, then shuts down gracefully, letting
// requests in flight finish for up to 15 seconds.
func (s *Server) Serve(ctx context.Context) error {
	if s.ln == nil {
		if err := s.Listen(); err != nil {
			return err
		}
	}
	s.srv = &http.Server{
		Handler:           s.Handler(),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       2 * time.Minute,
		WriteTimeout:      2 * time.Minute,
		IdleTimeout:       2 * time.Minute,
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
	}
	errc := make(chan error, 1)
	go func() { errc <- s.srv.Serve(s.ln) }()
	select {
	case err := <-errc:
		if errors.Is(err, http.ErrServerClosed) {
			return nil
		}
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	if err := s.srv.Shutdown(shutdown); err != nil {
		return fmt.Errorf("shut down: %w", err)
	}
	return nil
}
