// Command cchc is the one binary of the administrative-reform system of the
// Hải Phòng Department of Education and Training: the web server, its
// migrations, the plan importer, the demo loader and the audit verifier.
// It is the only package that knows every other one and wires them.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(Main(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr, os.Getenv))
}

// Main runs one subcommand and returns the process exit code. Tests call it
// with their own arguments, streams and environment.
func Main(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer, getenv func(string) string) int {
	if len(args) == 0 {
		usage(stderr)
		return 2
	}
	cmd, rest := args[0], args[1:]
	var err error
	switch cmd {
	case "serve":
		err = runServe(ctx, rest, stdout, stderr, getenv)
	case "migrate":
		err = runMigrate(ctx, rest, stdout, stderr, getenv)
	case "import-plan":
		err = runImportPlan(ctx, rest, stdout, stderr, getenv)
	case "audit":
		err = runAudit(ctx, rest, stdout, stderr, getenv)
	case "indicators":
		err = runIndicators(ctx, rest, stdout, stderr, getenv)
	case "create-admin":
		err = runCreateAdmin(ctx, rest, stdin, stdout, stderr, getenv)
	case "demo":
		err = runDemo(ctx, rest, stdout, stderr, getenv)
	case "version":
		fmt.Fprintln(stdout, "cchc", version())
		return 0
	case "help", "-h", "--help":
		usage(stdout)
		return 0
	default:
		fmt.Fprintf(stderr, "cchc: unknown command %q\n\n", cmd)
		usage(stderr)
		return 2
	}
	if err != nil {
		if err == errUsage {
			return 2
		}
		fmt.Fprintln(stderr, "cchc:", err)
		return 1
	}
	return 0
}

func usage(w io.Writer) {
	fmt.Fprint(w, `cchc — hệ thống quản lý cải cách hành chính, Sở GD&ĐT Hải Phòng

Usage:
  cchc serve [--demo] [flags]     run the web server (migrates first; --demo loads demo data into an empty database)
  cchc migrate [flags]            apply database migrations
  cchc import-plan [flags] FILE   import a plan data file (JSON) idempotently
  cchc audit verify [flags]       verify the hash chain of the audit log
  cchc create-admin [flags] --username NAME --full-name "Họ và tên"
                                  create an administrator (password from CCHC_ADMIN_PASSWORD or stdin)
  cchc demo [flags] [--dossiers N] [--from 2024-01-01] [--seed S]
                                  load demo data into an empty database, and generate dossiers
                                  (the demo volume, or about N for benchmarks: 1000000, 10000000)
  cchc indicators rebuild [flags] recompute the indicator sums from the dossiers (reports what differed)
  cchc version                    print the version

Common flags (and environment variables):
  --database-url  CCHC_DATABASE_URL  postgres://… for PostgreSQL, else a SQLite file (default DATA_DIR/cchc.db)
  --data-dir      CCHC_DATA_DIR      directory for the SQLite file and uploaded files (default ./data)
  --agency-code   CCHC_AGENCY_CODE   receiving agency identifier in dossier codes (default 000.00.31.H31, a placeholder)
Serve flags:
  --addr          CCHC_ADDR          listen address (default :8080)
  --base-url      CCHC_BASE_URL      public URL (default http://localhost:PORT)
  --max-upload-mb CCHC_MAX_UPLOAD_MB largest uploaded file in MB (default 20)
  --cookie-secure CCHC_COOKIE_SECURE set the Secure flag on cookies (default true)
  --log-level     CCHC_LOG_LEVEL     debug, info, warn or error (default info)
  --log-format    CCHC_LOG_FORMAT    text or json (default text)
  --smtp-host     CCHC_SMTP_HOST     SMTP server for e-mail; empty keeps mail queued (also CCHC_SMTP_PORT, _USER, _PASSWORD)
  --mail-from     CCHC_MAIL_FROM     sender address of e-mail
  --office-hours  CCHC_OFFICE_HOURS  office hours, Vietnam time (default 07:30-17:00)
  --receipt-cutoff CCHC_RECEIPT_CUTOFF receipts from this time count from the next working day (default 17:00)
`)
}
