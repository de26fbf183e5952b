package jobs

import (
	"testing"
	"time"
)

func TestBackoff(t *testing.T) {
	low := func(int64) int64 { return 0 }
	high := func(n int64) int64 { return n - 1 }
	for _, tc := range []struct {
		attempt  int
		min, max time.Duration
	}{
		{1, 5 * time.Second, 10 * time.Second},
		{2, 10 * time.Second, 20 * time.Second},
		{3, 20 * time.Second, 40 * time.Second},
		{9, 21*time.Minute + 20*time.Second, 42*time.Minute + 40*time.Second},
		{10, 30 * time.Minute, time.Hour},
		{11, 30 * time.Minute, time.Hour},
		{1000, 30 * time.Minute, time.Hour},
	} {
		if got := backoff(tc.attempt, low); got != tc.min {
			t.Errorf("backoff(%d, lowest jitter) = %v, want %v", tc.attempt, got, tc.min)
		}
		if got := backoff(tc.attempt, high); got != tc.max {
			t.Errorf("backoff(%d, highest jitter) = %v, want %v", tc.attempt, got, tc.max)
		}
	}
}
