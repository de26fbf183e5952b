package loadtest

import (
	"testing"
	"time"
)

func ms(n int) time.Duration { return time.Duration(n) * time.Millisecond }

// hundred returns the latencies 1 ms ... 100 ms.
func hundred() []time.Duration {
	out := make([]time.Duration, 100)
	for i := range out {
		out[i] = ms(i + 1)
	}
	return out
}

func TestPercentile(t *testing.T) {
	tests := []struct {
		name   string
		sorted []time.Duration
		q      float64
		want   time.Duration
	}{
		{"empty", nil, 0.5, 0},
		{"one value", []time.Duration{ms(7)}, 0.99, ms(7)},
		{"median of 100", hundred(), 0.50, ms(50)},
		{"p90 of 100", hundred(), 0.90, ms(90)},
		{"p99 of 100", hundred(), 0.99, ms(99)},
		{"max of 100", hundred(), 1, ms(100)},
		{"tiny q takes the first", hundred(), 0.0001, ms(1)},
		{"median of 3", []time.Duration{ms(1), ms(2), ms(3)}, 0.5, ms(2)},
		{"p99 of 3", []time.Duration{ms(1), ms(2), ms(3)}, 0.99, ms(3)},
		{"median of 4 rounds up the rank", []time.Duration{ms(1), ms(2), ms(3), ms(4)}, 0.5, ms(2)},
	}
	for _, tt := range tests {
		if got := Percentile(tt.sorted, tt.q); got != tt.want {
			t.Errorf("%s: Percentile(%d values, %v) = %v, want %v", tt.name, len(tt.sorted), tt.q, got, tt.want)
		}
	}
}

func TestSummarize(t *testing.T) {
	lat := hundred()
	// Shuffle deterministically: Summarize must sort.
	for i := range lat {
		j := (i * 37) % len(lat)
		lat[i], lat[j] = lat[j], lat[i]
	}
	got := Summarize(lat, 2, 4*time.Second)
	want := Summary{Requests: 100, Errors: 2, Window: 4 * time.Second, RPS: 25,
		P50: ms(50), P90: ms(90), P99: ms(99), Max: ms(100)}
	if got != want {
		t.Errorf("Summarize(1..100 ms, 2, 4s) = %+v, want %+v", got, want)
	}

	empty := Summarize(nil, 0, time.Second)
	if empty != (Summary{Window: time.Second}) {
		t.Errorf("Summarize(nil, 0, 1s) = %+v, want only the window set", empty)
	}
}
