package metrics

import (
	"fmt"
	"strings"
	"sync"
	"testing"
)

func TestRegistrationPanics(t *testing.T) {
	tests := []struct {
		name     string
		register func(r *Registry)
	}{
		{"duplicate counter", func(r *Registry) {
			r.Counter("tribune_a_total", "A.")
			r.Counter("tribune_a_total", "A again.")
		}},
		{"clash with a gauge", func(r *Registry) {
			r.Gauge("tribune_b", "B.")
			r.GaugeFunc("tribune_b", "B.", func() float64 { return 0 })
		}},
		{"built-in runtime name", func(r *Registry) { r.Counter("go_goroutines", "Mine.") }},
		{"built-in histogram series", func(r *Registry) { r.Counter("tribune_http_request_duration_seconds_count", "Mine.") }},
		{"empty name", func(r *Registry) { r.Counter("", "Empty.") }},
		{"leading digit", func(r *Registry) { r.Counter("1st_total", "Digit.") }},
		{"dash", func(r *Registry) { r.Gauge("tribune-queue", "Dash.") }},
		{"space", func(r *Registry) { r.Gauge("tribune queue", "Space.") }},
		{"reserved label", func(r *Registry) { r.CounterVec("tribune_c_total", "C.", "__name") }},
		{"bad label", func(r *Registry) { r.CounterVec("tribune_d_total", "D.", "out-come") }},
		{"too few values", func(r *Registry) { r.CounterVec("tribune_e_total", "E.", "a", "b").With("x") }},
		{"too many values", func(r *Registry) { r.CounterVec("tribune_f_total", "F.", "a").With("x", "y") }},
	}
	for _, tt := range tests {
		r := New(Options{})
		func() {
			defer func() {
				if p := recover(); p == nil {
					t.Errorf("%s: did not panic", tt.name)
				} else if !strings.HasPrefix(fmt.Sprint(p), "metrics: ") {
					t.Errorf("%s: panic %q does not start with \"metrics: \"", tt.name, p)
				}
			}()
			tt.register(r)
		}()
	}
}

func TestValidNames(t *testing.T) {
	tests := []struct {
		in          string
		metric, lbl bool
	}{
		{"tribune_views_total", true, true},
		{"a:b", true, false},
		{"_x9", true, true},
		{"__x", true, false},
		{"9x", false, false},
		{"", false, false},
		{"é", false, false},
	}
	for _, tt := range tests {
		if got := validMetricName(tt.in); got != tt.metric {
			t.Errorf("validMetricName(%q) = %v, want %v", tt.in, got, tt.metric)
		}
		if got := validLabelName(tt.in); got != tt.lbl {
			t.Errorf("validLabelName(%q) = %v, want %v", tt.in, got, tt.lbl)
		}
	}
}

// TestConcurrentUpdates is meant for -race: counters, gauges and vectors
// updated from many goroutines while the registry is scraped.
func TestConcurrentUpdates(t *testing.T) {
	r := New(Options{})
	c := r.Counter("tribune_c_total", "C.")
	g := r.Gauge("tribune_g", "G.")
	v := r.CounterVec("tribune_v_total", "V.", "kind")
	const workers, perWorker = 8, 1000
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range perWorker {
				c.Inc()
				g.Add(1)
				v.With(fmt.Sprint("k", w%2)).Inc()
			}
		}()
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		for range 10 {
			scrape(t, r)
		}
	}()
	wg.Wait()

	if got := c.Value(); got != workers*perWorker {
		t.Errorf("Counter.Value() = %d, want %d", got, workers*perWorker)
	}
	if got := g.Value(); got != workers*perWorker {
		t.Errorf("Gauge.Value() = %v, want %d", got, workers*perWorker)
	}
	got := series(scrape(t, r))
	for _, k := range []string{`tribune_v_total{kind="k0"}`, `tribune_v_total{kind="k1"}`} {
		if want := fmt.Sprint(workers * perWorker / 2); got[k] != want {
			t.Errorf("%s = %q, want %q", k, got[k], want)
		}
	}
}

func TestCounterVecInvalidUTF8(t *testing.T) {
	r := New(Options{})
	v := r.CounterVec("tribune_u_total", "U.", "v")
	v.With("a\xffb").Inc()
	v.With("a\ufffdb").Inc() // the same series once sanitised
	if k, got := `tribune_u_total{v="a`+"\ufffd"+`b"}`, series(scrape(t, r)); got[k] != "2" {
		t.Errorf("%s = %q, want 2", k, got[k])
	}
}
