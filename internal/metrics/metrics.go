// Package metrics exposes Tribune's operational numbers at /metrics in the
// Prometheus text format (version 0.0.4), without a client library: the few
// metric kinds the server needs fit in a small registry, and keeping it here
// saves a dependency tree that would otherwise dwarf the rest of the binary.
//
// A Registry collects HTTP request counts and latencies through Middleware,
// database pool figures, Go runtime and process figures, and whatever
// counters and gauges other packages register. The request path only does
// atomic additions on per-route structures found through a copy-on-write
// map, so it takes no lock that every request would contend on.
package metrics

import (
	"bufio"
	"database/sql"
	"fmt"
	"io"
	"net/http"
	"sync"
	"time"
)

// ContentType is the media type of the text exposition format 0.0.4.
const ContentType = "text/plain; version=0.0.4; charset=utf-8"

// Options configures what a Registry reports beyond HTTP and the runtime.
type Options struct {
	// Version is the application version reported by tribune_build_info.
	Version string
	// DBStats, when set, is called at every scrape to report the database
	// pool (pass (*sql.DB).Stats). It must be safe for concurrent use.
	DBStats func() sql.DBStats
}

// Registry holds every metric the process exposes. Create one with New at
// startup and pass it to the code that records; the zero value is not usable.
type Registry struct {
	http httpStats

	mu         sync.RWMutex // guards names and collectors
	names      map[string]bool
	collectors []collector
}

// collector writes one or more metric families into an exposition.
type collector interface {
	collect(e *expoWriter)
}

// New returns a Registry that already reports HTTP requests (once
// Middleware is in use), the Go runtime, the process, build information and,
// if opts.DBStats is set, the database pool.
func New(opts Options) *Registry {
	r := &Registry{names: map[string]bool{}}
	r.http.init()
	r.register(&r.http, httpRequestsTotal, httpDuration, httpDuration+"_bucket",
		httpDuration+"_sum", httpDuration+"_count", httpInFlight)
	if opts.DBStats != nil {
		r.register(dbCollector(opts.DBStats), dbNames()...)
	}
	r.register(runtimeCollector{}, runtimeNames()...)
	r.register(newProcessCollector(time.Now()), processNames()...)
	r.register(newBuildInfo(opts.Version), buildInfoName)
	return r
}

// register adds c, which writes the families called names. A clash or an
// invalid name is a programming error found at startup, so it panics, as
// http.ServeMux does for a duplicate pattern.
func (r *Registry) register(c collector, names ...string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, n := range names {
		if !validMetricName(n) {
			panic(fmt.Sprintf("metrics: invalid metric name %q", n))
		}
		if r.names[n] {
			panic(fmt.Sprintf("metrics: metric %q registered twice", n))
		}
	}
	for _, n := range names {
		r.names[n] = true
	}
	r.collectors = append(r.collectors, c)
}

// WriteText writes every metric in the text exposition format to w.
func (r *Registry) WriteText(w io.Writer) error {
	r.mu.RLock()
	cs := append([]collector(nil), r.collectors...)
	r.mu.RUnlock()

	e := &expoWriter{w: bufio.NewWriter(w)}
	for _, c := range cs {
		c.collect(e)
	}
	if err := e.w.Flush(); err != nil {
		return fmt.Errorf("write metrics: %w", err)
	}
	return nil
}

// Handler serves the exposition for Prometheus to scrape. Mount it on a
// route that only operators can reach if the figures are sensitive.
func (r *Registry) Handler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		w.Header().Set("Content-Type", ContentType)
		w.Header().Set("Cache-Control", "no-store")
		if req.Method == http.MethodHead {
			return
		}
		// An error here means the scraper went away; there is no one to tell.
		_ = r.WriteText(w)
	})
}

// validMetricName reports whether s matches [a-zA-Z_:][a-zA-Z0-9_:]*.
func validMetricName(s string) bool {
	if s == "" {
		return false
	}
	for i, c := range s {
		alpha := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c == ':'
		if !alpha && (i == 0 || c < '0' || c > '9') {
			return false
		}
	}
	return true
}

// validLabelName reports whether s matches [a-zA-Z_][a-zA-Z0-9_]* and does
// not start with "__", which Prometheus reserves.
func validLabelName(s string) bool {
	if s == "" || len(s) >= 2 && s[:2] == "__" {
		return false
	}
	for i, c := range s {
		alpha := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_'
		if !alpha && (i == 0 || c < '0' || c > '9') {
			return false
		}
	}
	return true
}
