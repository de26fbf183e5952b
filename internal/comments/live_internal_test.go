package comments

import (
	"testing"
	"time"
)

// TestHubAdvanceWaitsForGaps checks the delivery watermark: it moves over
// delivered positions, stops at a gap (a transaction still committing),
// and skips the gap only after gapWait (a rolled-back transaction).
func TestHubAdvanceWaitsForGaps(t *testing.T) {
	h := newHub(nil, nil, false)
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		deliver []int64
		at      time.Duration
		want    int64
	}{
		{[]int64{1, 2}, 0, 2},
		{[]int64{4, 5}, 0, 2},                    // 3 still committing
		{nil, time.Second, 2},                    // still waiting
		{[]int64{3}, 1500 * time.Millisecond, 5}, // 3 arrived: all delivered
		{[]int64{7}, 2 * time.Second, 5},         // 6 missing
		{nil, 4500 * time.Millisecond, 7},        // 6 given up after gapWait
	}
	for i, tt := range tests {
		for _, s := range tt.deliver {
			h.ahead[s] = true
		}
		h.advance(now.Add(tt.at))
		if got := h.Last(); got != tt.want {
			t.Errorf("step %d: Last() = %d, want %d", i, got, tt.want)
		}
	}
}
