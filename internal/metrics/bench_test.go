package metrics

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

// discardWriter is the cheapest ResponseWriter, so the benchmarks measure
// the middleware and the mux rather than a recorder.
type discardWriter struct{ h http.Header }

func (w *discardWriter) Header() http.Header         { return w.h }
func (w *discardWriter) Write(p []byte) (int, error) { return len(p), nil }
func (w *discardWriter) WriteHeader(int)             {}

func benchMux() *http.ServeMux {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /news/{slug}", func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusOK)
	})
	return mux
}

func runParallel(b *testing.B, h http.Handler) {
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		// One request per goroutine: the mux writes into it on every call.
		req := httptest.NewRequest("GET", "/news/some-article", nil)
		w := &discardWriter{h: http.Header{}}
		for pb.Next() {
			h.ServeHTTP(w, req)
		}
	})
}

// BenchmarkMiddleware measures a request through Middleware and a ServeMux
// from all cores at once, all on one route: the worst case for contention.
func BenchmarkMiddleware(b *testing.B) {
	runParallel(b, New(Options{}).Middleware(benchMux()))
}

// BenchmarkMux is the baseline: the same ServeMux without Middleware. The
// difference from BenchmarkMiddleware is the middleware's cost.
func BenchmarkMux(b *testing.B) {
	runParallel(b, benchMux())
}
