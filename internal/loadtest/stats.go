package loadtest

import (
	"math"
	"slices"
	"time"
)

// Summary is what one measured phase comes to: how many requests succeeded,
// how fast, and how their latencies spread. Requests and the percentiles
// cover the measured window only; Errors also counts the warm-up, because any
// failed request means the server was not serving what we measured.
type Summary struct {
	Requests int
	Errors   int
	Window   time.Duration
	RPS      float64
	P50      time.Duration
	P90      time.Duration
	P99      time.Duration
	Max      time.Duration
}

// Percentile returns the q-quantile (0 < q <= 1) of latencies already sorted
// in ascending order, by the nearest-rank method: the smallest value with at
// least q of all values at or below it. It never interpolates, so the result
// is always a latency some request really had. It returns 0 for no values.
func Percentile(sorted []time.Duration, q float64) time.Duration {
	n := len(sorted)
	if n == 0 {
		return 0
	}
	rank := int(math.Ceil(q * float64(n)))
	rank = max(1, min(rank, n))
	return sorted[rank-1]
}

// Summarize sorts latencies in place and reduces them, with the error count
// and the length of the measured window, to a Summary.
func Summarize(latencies []time.Duration, errors int, window time.Duration) Summary {
	slices.Sort(latencies)
	s := Summary{Requests: len(latencies), Errors: errors, Window: window}
	if window > 0 {
		s.RPS = float64(len(latencies)) / window.Seconds()
	}
	if len(latencies) > 0 {
		s.P50 = Percentile(latencies, 0.50)
		s.P90 = Percentile(latencies, 0.90)
		s.P99 = Percentile(latencies, 0.99)
		s.Max = latencies[len(latencies)-1]
	}
	return s
}
