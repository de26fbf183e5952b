package loadtest

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestRunAgainstFakeTribune runs the whole benchmark, with short phases,
// against the stand-in tribune of fake_test.go, and checks every
// correctness check passes and the report and JSON come out. The targets
// on speed are set out of reach of failure: a test must not depend on how
// fast this machine is.
func TestRunAgainstFakeTribune(t *testing.T) {
	if testing.Short() {
		t.Skip("starts processes; skipped with -short")
	}
	t.Setenv(fakeEnv, "1")
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	for _, tribuneFirst := range []bool{false, true} {
		t.Run(fmt.Sprintf("tribuneFirst=%v", tribuneFirst), func(t *testing.T) {
			runAgainstFake(t, self, tribuneFirst)
		})
	}
}

func runAgainstFake(t *testing.T, self string, tribuneFirst bool) {
	jsonPath := filepath.Join(t.TempDir(), "report.json")
	opt := Options{
		Tribune: self, Self: self, Concurrency: 4, TribuneFirst: tribuneFirst,
		Warmup: 50 * time.Millisecond, Duration: 600 * time.Millisecond, Timeout: time.Minute,
		JSON:    jsonPath,
		Targets: Targets{MinRatio: 0, MaxP99: time.Minute, MaxEdit: 10 * time.Second},
	}
	var out, progress strings.Builder
	report, err := Run(context.Background(), opt, &out, &progress)
	if err != nil {
		t.Fatalf("Run() error = %v; progress:\n%s", err, progress.String())
	}
	for _, c := range report.Checks {
		if !c.Pass {
			t.Errorf("Run() check %q = %s, want %s", c.Name, c.Got, c.Target)
		}
	}
	if report.Path != "/news/demo-story" {
		t.Errorf("Run() measured %q, want the home page's first article /news/demo-story", report.Path)
	}
	if report.Static.Requests == 0 || report.Tribune.Requests == 0 || report.Static.RSS == 0 || report.Tribune.RSS == 0 {
		t.Errorf("Run() static %+v, tribune %+v; want requests and RSS for both", report.Static, report.Tribune)
	}
	if !strings.Contains(out.String(), "| tribune |") {
		t.Errorf("Run() wrote no report table:\n%s", out.String())
	}
	if want := map[bool]string{false: "static tribune", true: "tribune static"}[tribuneFirst]; strings.Join(report.Order, " ") != want {
		t.Errorf("Run() order = %v, want %s", report.Order, want)
	}
	if _, err := os.Stat(jsonPath); err != nil {
		t.Errorf("Run() wrote no JSON: %v", err)
	}
}
