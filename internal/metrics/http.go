package metrics

import (
	"maps"
	"net/http"
	"slices"
	"sync"
	"sync/atomic"
	"time"
)

// Names of the HTTP metric families.
const (
	httpRequestsTotal = "tribune_http_requests_total"
	httpDuration      = "tribune_http_request_duration_seconds"
	httpInFlight      = "tribune_http_requests_in_flight"
)

// Route labels that do not come from a ServeMux pattern.
const (
	// UnmatchedRoute labels requests that no pattern matched (404s, 405s),
	// so that random URLs cannot create new time series.
	UnmatchedRoute = "unmatched"
	// OtherRoute labels requests once MaxRoutes distinct routes are known.
	OtherRoute = "other"
	// MaxRoutes bounds the number of route labels, a safety net in case
	// something other than registered patterns reaches the route label.
	MaxRoutes = 256
)

// durationBounds are the upper bounds of the latency histogram's buckets,
// from half a millisecond (a cached page) to ten seconds. Read-only.
var durationBounds = [...]time.Duration{
	500 * time.Microsecond, time.Millisecond, 2500 * time.Microsecond,
	5 * time.Millisecond, 10 * time.Millisecond, 25 * time.Millisecond,
	50 * time.Millisecond, 100 * time.Millisecond, 250 * time.Millisecond,
	500 * time.Millisecond, time.Second, 2500 * time.Millisecond,
	5 * time.Second, 10 * time.Second,
}

// Lowest and highest status codes net/http lets a handler write.
const (
	minCode = 100
	maxCode = 999
)

// routeStats holds one route's counters. Every field is updated atomically,
// so concurrent requests never wait for each other.
type routeStats struct {
	codes    [maxCode - minCode + 1]atomic.Uint64   // requests by status code
	buckets  [len(durationBounds) + 1]atomic.Uint64 // last one is +Inf
	sumNanos atomic.Int64
}

// observe records one request that ended with code after d.
func (rs *routeStats) observe(code int, d time.Duration) {
	if code >= minCode && code <= maxCode {
		rs.codes[code-minCode].Add(1)
	}
	i := 0
	for i < len(durationBounds) && d > durationBounds[i] {
		i++
	}
	rs.buckets[i].Add(1)
	rs.sumNanos.Add(int64(d))
}

// httpStats is the HTTP part of a Registry. Routes live in an immutable
// map replaced wholesale when a new route appears (rare: once per pattern),
// so the request path reads it with one atomic load and no lock.
type httpStats struct {
	inFlight atomic.Int64
	routes   atomic.Pointer[map[string]*routeStats]
	addMu    sync.Mutex // serializes route additions
}

func (h *httpStats) init() {
	h.routes.Store(&map[string]*routeStats{})
}

// route returns the stats for the ServeMux pattern, creating them if needed.
func (h *httpStats) route(pattern string) *routeStats {
	if pattern == "" {
		pattern = UnmatchedRoute
	}
	if rs := (*h.routes.Load())[pattern]; rs != nil {
		return rs
	}
	return h.addRoute(pattern)
}

func (h *httpStats) addRoute(pattern string) *routeStats {
	h.addMu.Lock()
	defer h.addMu.Unlock()
	old := *h.routes.Load()
	if rs := old[pattern]; rs != nil {
		return rs
	}
	if len(old) >= MaxRoutes {
		pattern = OtherRoute
		if rs := old[pattern]; rs != nil {
			return rs
		}
	}
	next := maps.Clone(old)
	rs := &routeStats{}
	next[pattern] = rs
	h.routes.Store(&next)
	return rs
}

// Middleware records, for every request next serves, the in-flight gauge,
// the count by route and status code, and the latency by route.
//
// The route label is the pattern http.ServeMux matched, which the mux writes
// into the *http.Request it is given (Request.Pattern, Go 1.22+). Wrap the
// ServeMux directly, or make sure any handler in between passes the request
// on unchanged: one that calls r.WithContext hands the mux a copy, and every
// request would be counted as UnmatchedRoute.
//
// A handler that panics before writing a status is counted as a 500.
func (r *Registry) Middleware(next http.Handler) http.Handler {
	h := &r.http
	return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		start := time.Now()
		h.inFlight.Add(1)
		sw := &statusWriter{ResponseWriter: w}
		returned := false
		defer func() {
			h.inFlight.Add(-1)
			code := sw.code
			if code == 0 {
				code = http.StatusOK // what net/http sends for an empty response
				if !returned {
					code = http.StatusInternalServerError // panicking
				}
			}
			h.route(req.Pattern).observe(code, time.Since(start))
		}()
		next.ServeHTTP(sw, req)
		returned = true
	})
}

// collect writes the three HTTP families, routes sorted by name.
func (h *httpStats) collect(e *expoWriter) {
	routes := *h.routes.Load()
	names := slices.Sorted(maps.Keys(routes))

	e.family(httpRequestsTotal, "counter", "HTTP requests served, by ServeMux route pattern and status code.")
	for _, name := range names {
		rs := routes[name]
		for i := range rs.codes {
			if n := rs.codes[i].Load(); n > 0 {
				e.sample(httpRequestsTotal, formatUint(n), "route", name, "code", formatUint(uint64(i+minCode)))
			}
		}
	}

	e.family(httpDuration, "histogram", "Time from receiving an HTTP request to its handler returning, by route pattern.")
	for _, name := range names {
		rs := routes[name]
		var cum uint64
		for i, b := range durationBounds {
			cum += rs.buckets[i].Load()
			e.sample(httpDuration+"_bucket", formatUint(cum), "route", name, "le", formatFloat(b.Seconds()))
		}
		cum += rs.buckets[len(durationBounds)].Load()
		e.sample(httpDuration+"_bucket", formatUint(cum), "route", name, "le", "+Inf")
		e.sample(httpDuration+"_sum", formatFloat(time.Duration(rs.sumNanos.Load()).Seconds()), "route", name)
		e.sample(httpDuration+"_count", formatUint(cum), "route", name)
	}

	e.family(httpInFlight, "gauge", "HTTP requests being served right now.")
	e.sample(httpInFlight, formatFloat(float64(h.inFlight.Load())))
}
