package loadtest

import (
	"fmt"
	"io"
	"strings"
)

// Evaluate fills the ratio, the checks and the verdict from the figures.
// Every check must pass; a check whose figure could not be measured fails.
func (r *Report) Evaluate(t Targets) {
	if r.Static.RPS > 0 {
		r.Ratio = 100 * r.Tribune.RPS / r.Static.RPS
	}
	views := "no view-count element on the page"
	if r.ViewsFound {
		views = fmt.Sprintf("%d → %d", r.ViewsBefore, r.ViewsAfter)
	}
	edit := msText(r.Edit.VisibleMS)
	if r.Edit.Error != "" {
		edit = r.Edit.Error
	}
	shutdown := fmt.Sprintf("exit 0 after SIGTERM in %s", msText(r.ShutdownMS))
	if r.ShutdownErr != "" {
		shutdown = r.ShutdownErr
	}
	r.Checks = []Check{
		{"throughput tribune/static", fmt.Sprintf("≥ %.0f%%", t.MinRatio), fmt.Sprintf("%.1f%%", r.Ratio),
			r.Static.RPS > 0 && r.Ratio >= t.MinRatio},
		{"tribune p99 latency", "< " + msText(millis(t.MaxP99)), msText(r.Tribune.P99MS),
			r.Tribune.Requests > 0 && r.Tribune.P99MS < millis(t.MaxP99)},
		{"no failed requests", "0 errors", fmt.Sprintf("static %d, tribune %d", r.Static.Errors, r.Tribune.Errors),
			r.Static.Errors == 0 && r.Tribune.Errors == 0},
		{"view count grew", "after > before", views, r.ViewsFound && r.ViewsAfter > r.ViewsBefore},
		{"edit visible under load", "≤ " + msText(millis(t.MaxEdit)), edit,
			r.Edit.Error == "" && r.Edit.VisibleMS <= millis(t.MaxEdit)},
		{"page still served after the edit", "200", fmt.Sprint(r.Edit.DemoStatus), r.Edit.DemoStatus == 200},
		{"graceful shutdown", "exit 0 after SIGTERM", shutdown, r.ShutdownErr == ""},
	}
	r.Pass = true
	for _, c := range r.Checks {
		r.Pass = r.Pass && c.Pass
	}
}

// WriteMarkdown prints the report as Markdown: the figures, what they mean
// against the targets, and the verdict on the last line.
func (r *Report) WriteMarkdown(w io.Writer) {
	fmt.Fprintf(w, "## Article page load benchmark, %s\n\n", r.Date.UTC().Format("2006-01-02 15:04 UTC"))
	fmt.Fprintf(w, "Machine: %s, %d CPUs; 1-minute load average before the run: %.2f.  \n", r.Machine, r.CPUs, r.LoadAverage)
	if r.Database != "" {
		fmt.Fprintf(w, "Database: %s.  \n", r.Database)
	}
	fmt.Fprintf(w, "Page: `%s` (%d bytes, the same bytes from both servers); %d connections, %gs warm-up + %gs measured per server; order: %s.\n\n",
		r.Path, r.PageBytes, r.Concurrency, r.WarmupS, r.DurationS, strings.Join(r.Order, ", then "))
	writeTable(w, r.Static, r.Tribune)
	fmt.Fprintln(w)
	for _, s := range []ServerFigures{r.Static, r.Tribune} {
		if s.FirstError != "" {
			fmt.Fprintf(w, "First %s error: `%s`.  \n", s.Server, s.FirstError)
		}
	}
	fmt.Fprintf(w, "Throughput tribune/static: **%.1f%%**.  \n", r.Ratio)
	fmt.Fprintf(w, "CPU used by other processes during the phases: static %.1f%%, tribune %.1f%% of the machine.  \n",
		r.Static.OtherCPU, r.Tribune.OtherCPU)
	if max(r.Static.OtherCPU, r.Tribune.OtherCPU) > busyMachine {
		fmt.Fprintf(w, "**Warning:** other work competed for the CPU; the figures are low. Re-run on a quiet machine.  \n")
	}
	if r.ViewsFound {
		fmt.Fprintf(w, "View count on the page: %d before tribune's load, %d after.  \n", r.ViewsBefore, r.ViewsAfter)
	}
	if r.Edit.Error == "" {
		fmt.Fprintf(w, "Edit under load: new headline served %s after `tribune articles import` exited (the import took %s; %s in all).\n",
			msText(r.Edit.VisibleMS), msText(r.Edit.CLIMS), msText(r.Edit.TotalMS))
	}
	fmt.Fprintln(w, "\n| check | target | got | result |")
	fmt.Fprintln(w, "|---|---|---|---|")
	for _, c := range r.Checks {
		fmt.Fprintf(w, "| %s | %s | %s | %s |\n", c.Name, c.Target, strings.ReplaceAll(c.Got, "|", `\|`), passText(c.Pass))
	}
	fmt.Fprintf(w, "\n**%s**\n", passText(r.Pass))
}
