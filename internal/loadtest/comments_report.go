package loadtest

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"time"
)

// ModeReport is what one comment benchmark found: the run's setting, the
// figures of its mode (one of Post, Fanout, Read), the checks against the
// issue's targets and the verdict.
type ModeReport struct {
	Mode        string         `json:"mode"`
	Date        time.Time      `json:"date"`
	Machine     string         `json:"machine"`
	CPUs        int            `json:"cpus"`
	LoadAverage float64        `json:"load_average_1m_before"`
	Database    string         `json:"database"`
	Post        *PostFigures   `json:"post,omitempty"`
	Fanout      *FanoutFigures `json:"fanout,omitempty"`
	Read        *ReadFigures   `json:"read,omitempty"`
	ShutdownMS  float64        `json:"shutdown_ms"`
	ShutdownErr string         `json:"shutdown_error,omitempty"`
	Checks      []Check        `json:"checks"`
	Pass        bool           `json:"pass"`
}

// writeJSON writes v, indented, to a file.
func writeJSON(path string, v any) error {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return fmt.Errorf("report json: %w", err)
	}
	if err := os.WriteFile(path, append(b, '\n'), 0o644); err != nil {
		return fmt.Errorf("report json: %w", err)
	}
	return nil
}

// Evaluate fills the checks and the verdict from the figures; a check whose
// figure could not be measured fails.
func (r *ModeReport) Evaluate(t CommentTargets, page Targets) {
	r.Checks = nil
	switch {
	case r.Post != nil:
		r.Checks = r.Post.checks(t)
	case r.Fanout != nil:
		r.Checks = r.Fanout.checks(t)
	case r.Read != nil:
		r.Checks = r.Read.checks(t, page)
	}
	shutdown := fmt.Sprintf("exit 0 after SIGTERM in %s", msText(r.ShutdownMS))
	if r.ShutdownErr != "" {
		shutdown = r.ShutdownErr
	}
	r.Checks = append(r.Checks, Check{"graceful shutdown", "exit 0 after SIGTERM", shutdown, r.ShutdownErr == ""})
	r.Pass = len(r.Checks) > 1
	for _, c := range r.Checks {
		r.Pass = r.Pass && c.Pass
	}
}

// modeTitles head the report of each mode.
var modeTitles = map[string]string{
	"post":   "Comment posting load benchmark",
	"fanout": "Comment stream fan-out benchmark",
	"read":   "Article with many comments: page and comment list benchmark",
}

// WriteMarkdown prints the report: the setting, the mode's figures, the
// checks and the verdict on the last line.
func (r *ModeReport) WriteMarkdown(w io.Writer) {
	fmt.Fprintf(w, "## %s, %s\n\n", modeTitles[r.Mode], r.Date.UTC().Format("2006-01-02 15:04 UTC"))
	fmt.Fprintf(w, "Machine: %s, %d CPUs; 1-minute load average before the run: %.2f.  \n", r.Machine, r.CPUs, r.LoadAverage)
	fmt.Fprintf(w, "Database: %s.\n\n", r.Database)
	switch {
	case r.Post != nil:
		r.Post.markdown(w)
	case r.Fanout != nil:
		r.Fanout.markdown(w)
	case r.Read != nil:
		r.Read.markdown(w)
	}
	fmt.Fprintln(w, "\n| check | target | got | result |")
	fmt.Fprintln(w, "|---|---|---|---|")
	for _, c := range r.Checks {
		fmt.Fprintf(w, "| %s | %s | %s | %s |\n", c.Name, c.Target, strings.ReplaceAll(c.Got, "|", `\|`), passText(c.Pass))
	}
	fmt.Fprintf(w, "\n**%s**\n", passText(r.Pass))
}

// mb formats bytes as decimal megabytes, the unit of the memory
// target, with MiB alongside.
func mb(n int64) string {
	return fmt.Sprintf("%.1f MB (%s)", float64(n)/1e6, mib(n))
}

// countsText lists status counts such as {"201": 9, "429": 2} in order.
func countsText(counts map[string]int) string {
	if len(counts) == 0 {
		return "none"
	}
	keys := make([]string, 0, len(counts))
	for k := range counts {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%s × %d", k, counts[k])
	}
	return strings.Join(parts, ", ")
}
