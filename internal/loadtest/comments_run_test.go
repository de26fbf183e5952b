package loadtest

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestCommentModesAgainstFake runs each comment mode, small and short,
// against the stand-in tribune of fake_test.go and comments_fake_test.go,
// and checks that every check passes and the report comes out. The speed
// targets are set out of reach of failure: a test must not depend on how
// fast this machine is.
func TestCommentModesAgainstFake(t *testing.T) {
	if testing.Short() {
		t.Skip("starts processes; skipped with -short")
	}
	t.Setenv(fakeEnv, "1")
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	loose := CommentTargets{MinRate: 1, MaxDelivery: 5 * time.Second, MinWithin: 99, MaxRSS: 1 << 40, MaxAPIP99: time.Minute}
	tests := []struct {
		mode     string
		comments CommentOptions
		section  string
	}{
		{"post", CommentOptions{Articles: 3, Targets: loose}, "| comments/s |"},
		{"fanout", CommentOptions{Subscribers: 60, Count: 3, Interval: 20 * time.Millisecond, Targets: loose}, "| subscribers |"},
		{"read", CommentOptions{Seed: 40, Targets: loose}, "| comments API |"},
	}
	for _, tt := range tests {
		t.Run(tt.mode, func(t *testing.T) {
			jsonPath := filepath.Join(t.TempDir(), "report.json")
			opt := Options{
				Mode: tt.mode, Tribune: self, Self: self, Concurrency: 3,
				Warmup: 50 * time.Millisecond, Duration: 400 * time.Millisecond, Timeout: time.Minute,
				JSON: jsonPath, Comments: tt.comments,
				Targets: Targets{MinRatio: 0, MaxP99: time.Minute, MaxEdit: 10 * time.Second},
			}
			var out, progress strings.Builder
			report, err := RunComments(context.Background(), opt, &out, &progress)
			if err != nil {
				t.Fatalf("RunComments(%s) error = %v; progress:\n%s", tt.mode, err, progress.String())
			}
			for _, c := range report.Checks {
				if !c.Pass {
					t.Errorf("RunComments(%s) check %q = %s, want %s", tt.mode, c.Name, c.Got, c.Target)
				}
			}
			if !report.Pass || !strings.Contains(out.String(), tt.section) {
				t.Errorf("RunComments(%s) pass = %v, report:\n%s\nprogress:\n%s", tt.mode, report.Pass, out.String(), progress.String())
			}
			b, err := os.ReadFile(jsonPath)
			var back ModeReport
			if err != nil || json.Unmarshal(b, &back) != nil || back.Mode != tt.mode {
				t.Errorf("RunComments(%s) JSON = %.200s (%v), want the report", tt.mode, b, err)
			}
		})
	}
}
