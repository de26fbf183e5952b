package loadtest

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// goodReport is a run that meets every target.
func goodReport() Report {
	return Report{
		Date: time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC), Machine: "linux/amd64 go1.26", CPUs: 2,
		Path: "/news/quake", PageBytes: 30000, Concurrency: 50, WarmupS: 2, DurationS: 10,
		Order:       []string{"static", "tribune"},
		Static:      ServerFigures{Server: "static", Requests: 100000, RPS: 10000, P50MS: 4, P90MS: 8, P99MS: 12, MaxMS: 30, RSS: 8 << 20, PeakRSS: 9 << 20},
		Tribune:     ServerFigures{Server: "tribune", Requests: 60000, RPS: 6000, P50MS: 7, P90MS: 12, P99MS: 20, MaxMS: 40, RSS: 40 << 20, PeakRSS: 48 << 20},
		ViewsFound:  true,
		ViewsBefore: 3, ViewsAfter: 60003,
		Edit:       Edit{VisibleMS: 12, CLIMS: 150, TotalMS: 162, DemoStatus: 200},
		ShutdownMS: 20,
	}
}

func TestEvaluate(t *testing.T) {
	tests := []struct {
		name      string
		change    func(r *Report)
		wantFails []string
	}{
		{"all targets met", func(*Report) {}, nil},
		{"slow throughput", func(r *Report) { r.Tribune.RPS = 4999 }, []string{"throughput tribune/static"}},
		{"exactly half passes", func(r *Report) { r.Tribune.RPS = 5000 }, nil},
		{"p99 at the limit fails", func(r *Report) { r.Tribune.P99MS = 25 }, []string{"tribune p99 latency"}},
		{"errors", func(r *Report) { r.Static.Errors = 1 }, []string{"no failed requests"}},
		{"views stuck", func(r *Report) { r.ViewsAfter = r.ViewsBefore }, []string{"view count grew"}},
		{"no view count", func(r *Report) { r.ViewsFound = false }, []string{"view count grew"}},
		{"slow edit", func(r *Report) { r.Edit.VisibleMS = 1001 }, []string{"edit visible under load"}},
		{"edit failed", func(r *Report) { r.Edit = Edit{Error: "import failed", DemoStatus: 200} }, []string{"edit visible under load"}},
		{"page broken after edit", func(r *Report) { r.Edit.DemoStatus = 500 }, []string{"page still served after the edit"}},
		{"killed at shutdown", func(r *Report) { r.ShutdownErr = "did not stop" }, []string{"graceful shutdown"}},
		{"static measured nothing", func(r *Report) { r.Static.RPS = 0 }, []string{"throughput tribune/static"}},
	}
	for _, tt := range tests {
		r := goodReport()
		tt.change(&r)
		r.Evaluate(DefaultTargets)
		var fails []string
		for _, c := range r.Checks {
			if !c.Pass {
				fails = append(fails, c.Name)
			}
		}
		if strings.Join(fails, ",") != strings.Join(tt.wantFails, ",") || r.Pass != (len(tt.wantFails) == 0) {
			t.Errorf("%s: Evaluate() failed %q (pass %v), want %q", tt.name, fails, r.Pass, tt.wantFails)
		}
	}
}

func TestWriteMarkdown(t *testing.T) {
	r := goodReport()
	r.Evaluate(DefaultTargets)
	var b strings.Builder
	r.WriteMarkdown(&b)
	out := b.String()
	for _, want := range []string{
		"| server | req/s | p50 | p90 | p99 | max | errors | RSS | peak RSS |",
		"| static | 10000 | 4.00 ms | 8.00 ms | 12.0 ms | 30.0 ms | 0 | 8.0 MiB | 9.0 MiB |",
		"| tribune | 6000 | 7.00 ms | 12.0 ms | 20.0 ms | 40.0 ms | 0 | 40.0 MiB | 48.0 MiB |",
		"Throughput tribune/static: **60.0%**",
		"3 before tribune's load, 60003 after",
		"served 12.0 ms after `tribune articles import` exited",
		"order: static, then tribune",
		"| throughput tribune/static | ≥ 50% | 60.0% | PASS |",
		"| tribune p99 latency | < 25.0 ms | 20.0 ms | PASS |",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("WriteMarkdown() lacks %q; got:\n%s", want, out)
		}
	}
	if strings.Contains(out, "Warning") {
		t.Errorf("WriteMarkdown() warns on a quiet machine; got:\n%s", out)
	}
	r.Tribune.OtherCPU = 12
	b.Reset()
	r.WriteMarkdown(&b)
	if !strings.Contains(b.String(), "**Warning:** other work competed") {
		t.Errorf("WriteMarkdown() with 12%% other CPU does not warn; got:\n%s", b.String())
	}
	if !strings.HasSuffix(out, "**PASS**\n") {
		t.Errorf("WriteMarkdown() does not end with the verdict; got:\n%s", out)
	}
}

func TestWriteJSON(t *testing.T) {
	r := goodReport()
	r.Evaluate(DefaultTargets)
	path := filepath.Join(t.TempDir(), "r.json")
	if err := r.WriteJSON(path); err != nil {
		t.Fatalf("WriteJSON() = %v", err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var got map[string]any
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatalf("WriteJSON() wrote invalid JSON: %v", err)
	}
	if got["ratio_percent"] != 60.0 || got["pass"] != true {
		t.Errorf("WriteJSON() ratio_percent = %v, pass = %v; want 60, true", got["ratio_percent"], got["pass"])
	}
	tribune, _ := got["tribune"].(map[string]any)
	if tribune["p99_ms"] != 20.0 || tribune["requests_per_second"] != 6000.0 {
		t.Errorf("WriteJSON() tribune = %v, want p99_ms 20 and requests_per_second 6000", tribune)
	}
}
