package loadtest

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"time"
)

// Targets are the pass marks from the issue: tribune's article page must
// reach MinRatio percent of the static server's throughput with a p99 under
// MaxP99, and an edit must show within MaxEdit.
type Targets struct {
	MinRatio float64
	MaxP99   time.Duration
	MaxEdit  time.Duration
}

// DefaultTargets are the numbers.
var DefaultTargets = Targets{MinRatio: 50, MaxP99: 25 * time.Millisecond, MaxEdit: time.Second}

// busyMachine is the share of the machine's CPU, in percent, other
// processes may use during a phase before the report warns that the
// figures are not trustworthy.
const busyMachine = 5.0

// ServerFigures is one server's measured phase, in the units the report
// prints (milliseconds, bytes) so the JSON needs no explaining.
type ServerFigures struct {
	Server     string  `json:"server"`
	Requests   int     `json:"requests"`
	Errors     int     `json:"errors"`
	FirstError string  `json:"first_error,omitempty"`
	RPS        float64 `json:"requests_per_second"`
	P50MS      float64 `json:"p50_ms"`
	P90MS      float64 `json:"p90_ms"`
	P99MS      float64 `json:"p99_ms"`
	MaxMS      float64 `json:"max_ms"`
	RSS        int64   `json:"rss_bytes"`
	PeakRSS    int64   `json:"peak_rss_bytes"`
	// OtherCPU is the share of the whole machine's CPU that processes other
	// than the benchmark and this server used during the phase: a sign that
	// something else was competing and the figures are low.
	OtherCPU float64 `json:"other_cpu_percent"`
}

// newFigures converts a load result and memory reading to report units.
func newFigures(server string, r LoadResult, m Memory, otherCPU float64) ServerFigures {
	return ServerFigures{
		Server: server, Requests: r.Requests, Errors: r.Errors, FirstError: r.FirstError, RPS: r.RPS,
		P50MS: millis(r.P50), P90MS: millis(r.P90), P99MS: millis(r.P99), MaxMS: millis(r.Max),
		RSS: m.RSS, PeakRSS: m.Peak, OtherCPU: otherCPU,
	}
}

func millis(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// Edit is the edit-under-load check: how long after "tribune articles import"
// exited the new headline was served, and the whole time including the CLI.
type Edit struct {
	VisibleMS float64 `json:"visible_ms"`
	CLIMS     float64 `json:"cli_ms"`
	TotalMS   float64 `json:"total_ms"`
	// DemoStatus is the status of the measured page fetched right after.
	DemoStatus int    `json:"demo_page_status"`
	Error      string `json:"error,omitempty"`
}

// Report is everything one run found, printed as Markdown and optionally
// written as JSON.
type Report struct {
	Date        time.Time     `json:"date"`
	Machine     string        `json:"machine"`
	CPUs        int           `json:"cpus"`
	LoadAverage float64       `json:"load_average_1m_before"`
	Database    string        `json:"database"`
	Path        string        `json:"path"`
	PageBytes   int           `json:"page_bytes"`
	Concurrency int           `json:"concurrency"`
	WarmupS     float64       `json:"warmup_seconds"`
	DurationS   float64       `json:"duration_seconds"`
	Order       []string      `json:"order"`
	Static      ServerFigures `json:"static"`
	Tribune     ServerFigures `json:"tribune"`
	Ratio       float64       `json:"ratio_percent"`
	ViewsFound  bool          `json:"views_found"`
	ViewsBefore int64         `json:"views_before"`
	ViewsAfter  int64         `json:"views_after"`
	Edit        Edit          `json:"edit"`
	ShutdownMS  float64       `json:"shutdown_ms"`
	ShutdownErr string        `json:"shutdown_error,omitempty"`
	Checks      []Check       `json:"checks"`
	Pass        bool          `json:"pass"`
}

// Check is one pass mark and how the run did against it.
type Check struct {
	Name   string `json:"name"`
	Target string `json:"target"`
	Got    string `json:"got"`
	Pass   bool   `json:"pass"`
}

// WriteJSON writes the report to a file.
func (r *Report) WriteJSON(path string) error {
	b, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return fmt.Errorf("report json: %w", err)
	}
	if err := os.WriteFile(path, append(b, '\n'), 0o644); err != nil {
		return fmt.Errorf("report json: %w", err)
	}
	return nil
}

// mib formats bytes as MiB.
func mib(n int64) string { return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20)) }

// msText formats milliseconds with a precision that suits their size.
func msText(v float64) string {
	if v < 10 {
		return fmt.Sprintf("%.2f ms", v)
	}
	return fmt.Sprintf("%.1f ms", v)
}

func passText(ok bool) string {
	if ok {
		return "PASS"
	}
	return "FAIL"
}

// writeTable writes the figures of both servers.
func writeTable(w io.Writer, rows ...ServerFigures) {
	fmt.Fprintln(w, "| server | req/s | p50 | p90 | p99 | max | errors | RSS | peak RSS |")
	fmt.Fprintln(w, "|---|---:|---:|---:|---:|---:|---:|---:|---:|")
	for _, s := range rows {
		fmt.Fprintf(w, "| %s | %.0f | %s | %s | %s | %s | %d | %s | %s |\n", s.Server, s.RPS,
			msText(s.P50MS), msText(s.P90MS), msText(s.P99MS), msText(s.MaxMS), s.Errors, mib(s.RSS), mib(s.PeakRSS))
	}
}
