package loadtest

import (
	"testing"
	"time"
)

func TestCommentOptionsWithDefaults(t *testing.T) {
	d := DefaultCommentOptions
	tests := []struct {
		name string
		in   CommentOptions
		want CommentOptions
	}{
		{"all zero takes the workload defaults", CommentOptions{},
			CommentOptions{Articles: d.Articles, Subscribers: d.Subscribers, Count: d.Count, Interval: d.Interval, Seed: d.Seed}},
		{"set values stay", CommentOptions{Articles: 3, Subscribers: 7, Count: 2, Interval: time.Millisecond, Seed: 9, Targets: CommentTargets{MinRate: 1}},
			CommentOptions{Articles: 3, Subscribers: 7, Count: 2, Interval: time.Millisecond, Seed: 9, Targets: CommentTargets{MinRate: 1}}},
	}
	for _, tt := range tests {
		if got := tt.in.withDefaults(); got != tt.want {
			t.Errorf("%s: %+v.withDefaults() = %+v, want %+v", tt.name, tt.in, got, tt.want)
		}
	}
}
