package metrics

import (
	"math"
	"os"
	"runtime"
	"runtime/metrics"
	"strconv"
	"testing"
	"time"
)

func TestRuntimeAndProcess(t *testing.T) {
	r := New(Options{Version: "v1.2.3", DBStats: fakeDBStats})
	got := series(scrape(t, r))

	positive := []string{"go_goroutines", "go_gomaxprocs", "go_memstats_heap_alloc_bytes",
		"go_memstats_alloc_bytes_total", "go_memstats_sys_bytes", "go_gc_heap_goal_bytes"}
	if _, err := os.Stat("/proc/self/statm"); err == nil {
		positive = append(positive, "process_resident_memory_bytes")
	}
	for _, name := range positive {
		v, err := strconv.ParseFloat(got[name], 64)
		if err != nil || v <= 0 {
			t.Errorf("%s = %q, want a positive number", name, got[name])
		}
	}
	for _, name := range []string{"go_gc_cycles_total", "go_gc_pause_seconds_total"} {
		if v, err := strconv.ParseFloat(got[name], 64); err != nil || v < 0 {
			t.Errorf("%s = %q, want a number >= 0", name, got[name])
		}
	}

	start, err := strconv.ParseFloat(got["process_start_time_seconds"], 64)
	now := float64(time.Now().Unix())
	if err != nil || start > now+2 || start < now-3600 {
		t.Errorf("process_start_time_seconds = %q, want within the hour before now (%v)", got["process_start_time_seconds"], now)
	}

	build := `tribune_build_info{version="v1.2.3",revision="",goversion="` + runtime.Version() + `"}`
	if got[build] != "1" {
		// Tests run without VCS stamping, so the revision is empty.
		t.Errorf("%s = %q, want 1", build, got[build])
	}

	db := map[string]string{
		"tribune_db_connections_max_open":                             "10",
		"tribune_db_connections_open":                                 "4",
		"tribune_db_connections_in_use":                               "3",
		"tribune_db_connections_idle":                                 "1",
		"tribune_db_waits_total":                                      "7",
		"tribune_db_wait_duration_seconds_total":                      "1.5",
		`tribune_db_connections_closed_total{reason="max_idle"}`:      "1",
		`tribune_db_connections_closed_total{reason="max_idle_time"}`: "2",
		`tribune_db_connections_closed_total{reason="max_lifetime"}`:  "3",
	}
	for k, want := range db {
		if got[k] != want {
			t.Errorf("%s = %q, want %q", k, got[k], want)
		}
	}
}

func TestNoDBStats(t *testing.T) {
	got := series(scrape(t, New(Options{})))
	if v, ok := got["tribune_db_connections_open"]; ok {
		t.Errorf("without DBStats, tribune_db_connections_open = %q, want absent", v)
	}
}

func TestHistogramSum(t *testing.T) {
	inf := math.Inf(1)
	tests := []struct {
		name string
		h    metrics.Float64Histogram
		want float64
	}{
		{"empty", metrics.Float64Histogram{Counts: []uint64{0, 0}, Buckets: []float64{0, 1, 2}}, 0},
		{"midpoints", metrics.Float64Histogram{Counts: []uint64{2, 1}, Buckets: []float64{0, 1, 3}}, 2*0.5 + 1*2},
		{"open ends", metrics.Float64Histogram{Counts: []uint64{1, 0, 3}, Buckets: []float64{-inf, 1, 2, inf}}, 1 + 3*2},
	}
	for _, tt := range tests {
		if got := histogramSum(&tt.h); got != tt.want {
			t.Errorf("histogramSum(%s) = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestGCPauseGrows(t *testing.T) {
	r := New(Options{})
	before := series(scrape(t, r))["go_gc_cycles_total"]
	runtime.GC()
	after := series(scrape(t, r))
	b, _ := strconv.ParseFloat(before, 64)
	a, _ := strconv.ParseFloat(after["go_gc_cycles_total"], 64)
	if a <= b {
		t.Errorf("go_gc_cycles_total after runtime.GC() = %v, want more than %v", a, b)
	}
	if p, err := strconv.ParseFloat(after["go_gc_pause_seconds_total"], 64); err != nil || p <= 0 {
		t.Errorf("go_gc_pause_seconds_total after a GC = %q, want > 0", after["go_gc_pause_seconds_total"])
	}
}
