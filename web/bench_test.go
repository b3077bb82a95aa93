package web

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/hpdoet/cchc/sqldb"
	"github.com/hpdoet/cchc/sqldb/sqldbtest"
)

// BenchmarkPages renders the heaviest public pages over the demo data.
func BenchmarkPages(b *testing.B) {
	for _, engine := range sqldbtest.Engines(b) {
		b.Run(string(engine), func(b *testing.B) {
			e := newBenchEnv(b, engine)
			h := e.srv.Handler()
			for _, path := range []string{"/ke-hoach", "/api/v1/tasks", "/api/v1/plan"} {
				b.Run(path, func(b *testing.B) {
					for b.Loop() {
						rec := httptest.NewRecorder()
						h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
						if rec.Code != 200 {
							b.Fatalf("%s = %d", path, rec.Code)
						}
					}
				})
			}
		})
	}
}

func newBenchEnv(b *testing.B, engine sqldb.Engine) *env {
	return newEnvTB(b, sqldbtest.Open(b, engine))
}
