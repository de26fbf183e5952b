package metrics

import (
	"bufio"
	"context"
	"database/sql"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

func fakeDBStats() sql.DBStats {
	return sql.DBStats{
		MaxOpenConnections: 10, OpenConnections: 4, InUse: 3, Idle: 1,
		WaitCount: 7, WaitDuration: 1500 * time.Millisecond,
		MaxIdleClosed: 1, MaxIdleTimeClosed: 2, MaxLifetimeClosed: 3,
	}
}

// newSite returns a ServeMux with the kinds of routes the site has.
func newSite() *http.ServeMux {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /news/{slug}", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, "article %s", r.PathValue("slug"))
	})
	mux.HandleFunc("POST /news/{slug}/comments", func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusCreated)
	})
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {}) // writes nothing
	mux.HandleFunc("GET /hints", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Link", "</style.css>; rel=preload; as=style")
		w.WriteHeader(http.StatusEarlyHints)
		w.WriteHeader(http.StatusNoContent)
	})
	mux.HandleFunc("GET /media/", func(w http.ResponseWriter, r *http.Request) {
		io.Copy(w, strings.NewReader("bytes")) // goes through ReadFrom
	})
	mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, "home") // goes through WriteString
	})
	return mux
}

func TestMiddlewareThroughServeMux(t *testing.T) {
	r := New(Options{})
	srv := httptest.NewServer(r.Middleware(newSite()))
	defer srv.Close()
	client := srv.Client()
	client.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }

	requests := []struct {
		method, path string
		wantStatus   int
	}{
		{"GET", "/news/one", 200},
		{"GET", "/news/two", 200},
		{"HEAD", "/news/three", 200},
		{"POST", "/news/one/comments", 201},
		{"GET", "/healthz", 200},
		{"GET", "/hints", 204},
		{"GET", "/media/abc.jpg", 200},
		{"GET", "/media", 307}, // trailing-slash redirect, labelled with the pattern it leads to
		{"GET", "/", 200},
		{"GET", "/no/such/page", 404},
		{"GET", "/wp-login.php", 404},
		{"DELETE", "/news/one", 405},
	}
	for _, rq := range requests {
		req, err := http.NewRequest(rq.method, srv.URL+rq.path, nil)
		if err != nil {
			t.Fatal(err)
		}
		resp, err := client.Do(req)
		if err != nil {
			t.Fatalf("%s %s: %v", rq.method, rq.path, err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode != rq.wantStatus {
			t.Errorf("%s %s status = %d, want %d", rq.method, rq.path, resp.StatusCode, rq.wantStatus)
		}
	}

	got := series(scrape(t, r))
	want := map[string]string{
		`tribune_http_requests_total{route="GET /news/{slug}",code="200"}`:           "3",
		`tribune_http_requests_total{route="POST /news/{slug}/comments",code="201"}`: "1",
		`tribune_http_requests_total{route="GET /healthz",code="200"}`:               "1",
		`tribune_http_requests_total{route="GET /hints",code="204"}`:                 "1",
		`tribune_http_requests_total{route="GET /media/",code="200"}`:                "1",
		`tribune_http_requests_total{route="GET /media/",code="307"}`:                "1",
		`tribune_http_requests_total{route="GET /{$}",code="200"}`:                   "1",
		`tribune_http_requests_total{route="unmatched",code="404"}`:                  "2",
		`tribune_http_requests_total{route="unmatched",code="405"}`:                  "1",
		`tribune_http_request_duration_seconds_count{route="GET /news/{slug}"}`:      "3",
		`tribune_http_request_duration_seconds_bucket{route="unmatched",le="+Inf"}`:  "3",
		`tribune_http_request_duration_seconds_count{route="GET /media/"}`:           "2",
		`tribune_http_requests_in_flight`:                                            "0",
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("after requests, %s = %q, want %q", k, got[k], v)
		}
	}
	var total int
	for k := range got {
		if strings.HasPrefix(k, "tribune_http_requests_total{") {
			total++
		}
	}
	if total != 9 {
		t.Errorf("tribune_http_requests_total has %d series, want 9 (no route per URL)", total)
	}
}

func TestMiddlewareInFlight(t *testing.T) {
	r := New(Options{})
	entered, release := make(chan struct{}), make(chan struct{})
	mux := http.NewServeMux()
	mux.HandleFunc("GET /slow", func(w http.ResponseWriter, req *http.Request) {
		close(entered)
		<-release
	})
	h := r.Middleware(mux)
	done := make(chan struct{})
	go func() {
		defer close(done)
		h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/slow", nil))
	}()
	<-entered
	if got := series(scrape(t, r))["tribune_http_requests_in_flight"]; got != "1" {
		t.Errorf("in flight during a request = %q, want 1", got)
	}
	close(release)
	<-done
	got := series(scrape(t, r))
	if got["tribune_http_requests_in_flight"] != "0" {
		t.Errorf("in flight after the request = %q, want 0", got["tribune_http_requests_in_flight"])
	}
	if k := `tribune_http_requests_total{route="GET /slow",code="200"}`; got[k] != "1" {
		t.Errorf("%s = %q, want 1", k, got[k])
	}
}

func TestMiddlewarePanic(t *testing.T) {
	r := New(Options{})
	mux := http.NewServeMux()
	mux.HandleFunc("GET /boom", func(http.ResponseWriter, *http.Request) { panic("boom") })
	func() {
		defer func() {
			if p := recover(); p != "boom" {
				t.Errorf("recover() = %v, want the handler's panic to pass through", p)
			}
		}()
		r.Middleware(mux).ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/boom", nil))
	}()
	got := series(scrape(t, r))
	if k := `tribune_http_requests_total{route="GET /boom",code="500"}`; got[k] != "1" {
		t.Errorf("after a panic, %s = %q, want 1", k, got[k])
	}
	if got["tribune_http_requests_in_flight"] != "0" {
		t.Errorf("in flight after a panic = %q, want 0", got["tribune_http_requests_in_flight"])
	}
}

// TestMiddlewareStreaming checks that a handler behind the middleware can
// still stream Server-Sent Events: http.Flusher by type assertion, and
// http.ResponseController (which needs Unwrap for deadlines).
func TestMiddlewareStreaming(t *testing.T) {
	r := New(Options{})
	read := make(chan struct{})
	mux := http.NewServeMux()
	mux.HandleFunc("GET /events", func(w http.ResponseWriter, req *http.Request) {
		if _, ok := w.(http.Flusher); !ok {
			t.Errorf("ResponseWriter behind Middleware is not an http.Flusher")
		}
		rc := http.NewResponseController(w)
		if err := rc.SetWriteDeadline(time.Now().Add(time.Minute)); err != nil {
			t.Errorf("ResponseController.SetWriteDeadline() error = %v, want nil (Unwrap)", err)
		}
		w.Header().Set("Content-Type", "text/event-stream")
		io.WriteString(w, "data: first\n\n")
		if err := rc.Flush(); err != nil {
			t.Errorf("ResponseController.Flush() error = %v", err)
		}
		// The client can only have read the event if the flush reached it.
		select {
		case <-read:
		case <-req.Context().Done():
		}
	})
	srv := httptest.NewServer(r.Middleware(mux))
	defer srv.Close()

	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, "GET", srv.URL+"/events", nil)
	resp, err := srv.Client().Do(req)
	if err != nil {
		t.Fatalf("GET /events: %v", err)
	}
	defer resp.Body.Close()
	line, err := bufio.NewReader(resp.Body).ReadString('\n')
	if err != nil || line != "data: first\n" {
		t.Fatalf("first line of the stream = %q, %v; want %q (flushed before the handler returned)", line, err, "data: first\n")
	}
	close(read)
}

func TestStatusWriterRecords(t *testing.T) {
	tests := []struct {
		name  string
		write func(w http.ResponseWriter)
		want  int
	}{
		{"nothing", func(w http.ResponseWriter) {}, 0},
		{"Write", func(w http.ResponseWriter) { w.Write([]byte("x")) }, 200},
		{"WriteString", func(w http.ResponseWriter) { io.WriteString(w, "x") }, 200},
		{"ReadFrom", func(w http.ResponseWriter) { io.Copy(w, strings.NewReader("x")) }, 200},
		{"Flush", func(w http.ResponseWriter) { w.(http.Flusher).Flush() }, 200},
		{"WriteHeader", func(w http.ResponseWriter) { w.WriteHeader(418) }, 418},
		{"WriteHeader twice", func(w http.ResponseWriter) { w.WriteHeader(404); w.WriteHeader(500) }, 404},
		{"after Write", func(w http.ResponseWriter) { w.Write(nil); w.WriteHeader(500) }, 200},
		{"informational first", func(w http.ResponseWriter) { w.WriteHeader(103); w.WriteHeader(302) }, 302},
	}
	for _, tt := range tests {
		sw := &statusWriter{ResponseWriter: httptest.NewRecorder()}
		tt.write(sw)
		if sw.code != tt.want {
			t.Errorf("statusWriter after %s: code = %d, want %d", tt.name, sw.code, tt.want)
		}
	}
}

func TestRouteLimit(t *testing.T) {
	r := New(Options{})
	for i := range MaxRoutes + 10 {
		r.http.route(fmt.Sprintf("GET /r%d", i)).observe(200, time.Millisecond)
	}
	routes := *r.http.routes.Load()
	if len(routes) != MaxRoutes+1 {
		t.Errorf("after %d patterns, %d routes, want %d", MaxRoutes+10, len(routes), MaxRoutes+1)
	}
	got := series(scrape(t, r))
	if k := `tribune_http_requests_total{route="other",code="200"}`; got[k] != "10" {
		t.Errorf("%s = %q, want 10", k, got[k])
	}
}

func TestHandler(t *testing.T) {
	r := New(Options{Version: "v9", DBStats: fakeDBStats})
	for _, method := range []string{"GET", "HEAD"} {
		rec := httptest.NewRecorder()
		r.Handler().ServeHTTP(rec, httptest.NewRequest(method, "/metrics", nil))
		if rec.Code != 200 {
			t.Errorf("%s /metrics status = %d, want 200", method, rec.Code)
		}
		if got := rec.Header().Get("Content-Type"); got != ContentType {
			t.Errorf("%s /metrics Content-Type = %q, want %q", method, got, ContentType)
		}
		if method == "HEAD" && rec.Body.Len() != 0 {
			t.Errorf("HEAD /metrics wrote %d bytes, want 0", rec.Body.Len())
		}
		if method == "GET" && !strings.Contains(rec.Body.String(), "# TYPE tribune_http_requests_total counter\n") {
			t.Errorf("GET /metrics body lacks the requests counter:\n%s", rec.Body.String())
		}
	}
}

// TestMiddlewareNeedsSameRequest pins down the limit documented on
// Middleware: a handler between it and the mux that passes on a copy of the
// request hides the pattern, and the request counts as unmatched.
func TestMiddlewareNeedsSameRequest(t *testing.T) {
	r := New(Options{})
	mux := newSite()
	cloning := http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		mux.ServeHTTP(w, req.WithContext(context.WithValue(req.Context(), struct{}{}, 1)))
	})
	r.Middleware(cloning).ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/news/a", nil))
	r.Middleware(mux).ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/news/a", nil))
	got := series(scrape(t, r))
	for k, want := range map[string]string{
		`tribune_http_requests_total{route="unmatched",code="200"}`:        "1",
		`tribune_http_requests_total{route="GET /news/{slug}",code="200"}`: "1",
	} {
		if got[k] != want {
			t.Errorf("%s = %q, want %q", k, got[k], want)
		}
	}
}
