package loadtest

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

func TestLoadRunCountsRequestsAndErrors(t *testing.T) {
	var served atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		served.Add(1)
		if r.URL.Path == "/missing" {
			http.NotFound(w, r)
			return
		}
		w.Write([]byte(strings.Repeat("x", 4096)))
	}))
	defer srv.Close()

	ok, err := Load{URL: srv.URL + "/page", Concurrency: 4, Warmup: 20 * time.Millisecond, Duration: 200 * time.Millisecond}.Run(context.Background())
	if err != nil {
		t.Fatalf("Run(/page) error = %v", err)
	}
	if ok.Requests == 0 || ok.Errors != 0 || ok.FirstError != "" {
		t.Errorf("Run(/page) = %d requests, %d errors (%q); want some requests and no errors", ok.Requests, ok.Errors, ok.FirstError)
	}
	if int64(ok.Requests) > served.Load() {
		t.Errorf("Run(/page) counted %d requests, server saw only %d", ok.Requests, served.Load())
	}
	if ok.P50 <= 0 || ok.P50 > ok.P99 || ok.P99 > ok.Max {
		t.Errorf("Run(/page) percentiles p50=%v p99=%v max=%v, want 0 < p50 <= p99 <= max", ok.P50, ok.P99, ok.Max)
	}

	bad, err := Load{URL: srv.URL + "/missing", Concurrency: 2, Duration: 100 * time.Millisecond}.Run(context.Background())
	if err != nil {
		t.Fatalf("Run(/missing) error = %v", err)
	}
	if bad.Errors == 0 || bad.Requests != 0 || !strings.Contains(bad.FirstError, "404") {
		t.Errorf("Run(/missing) = %d requests, %d errors (%q); want only errors mentioning 404", bad.Requests, bad.Errors, bad.FirstError)
	}
}

func TestLoadRunStopsWithContext(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	defer srv.Close()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := (Load{URL: srv.URL, Concurrency: 2, Duration: time.Hour}).Run(ctx); err == nil {
		t.Errorf("Run(cancelled ctx) error = nil, want the context's error")
	}
}
