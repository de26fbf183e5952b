package loadtest

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"time"
)

// PostFigures are the post mode's results, in report units.
type PostFigures struct {
	Articles  int     `json:"articles"`
	Posters   int     `json:"posters"`
	WarmupS   float64 `json:"warmup_seconds"`
	DurationS float64 `json:"duration_seconds"`
	// Acknowledged counts the 201s of the measured window, Rate per second.
	Acknowledged int     `json:"acknowledged_in_window"`
	Rate         float64 `json:"comments_per_second"`
	P50MS        float64 `json:"p50_ms"`
	P90MS        float64 `json:"p90_ms"`
	P99MS        float64 `json:"p99_ms"`
	MaxMS        float64 `json:"max_ms"`
	// Errors counts answers other than 201, warm-up included, by status.
	Errors     int            `json:"errors"`
	Statuses   map[string]int `json:"errors_by_status,omitempty"`
	FirstError string         `json:"first_error,omitempty"`
	// AllAcknowledged counts every 201 of the run; States splits them by
	// the comment's status.
	AllAcknowledged int            `json:"acknowledged_all"`
	States          map[string]int `json:"acknowledged_by_status"`
	RSS             int64          `json:"rss_bytes"`
	PeakRSS         int64          `json:"peak_rss_bytes"`
	OtherCPU        float64        `json:"other_cpu_percent"`
	// ServerCPU, DatabaseCPU and ClientCPU are the shares of the machine's
	// CPU that tribune, the local PostgreSQL processes (0 on SQLite) and
	// this benchmark used during the load, in percent; -1 when unknown.
	ServerCPU   float64 `json:"server_cpu_percent"`
	DatabaseCPU float64 `json:"database_cpu_percent"`
	ClientCPU   float64 `json:"client_cpu_percent"`
	// Listed is the sum of the API's totals over the articles right after
	// the load; ListedAfterKill the same after tribune was killed with
	// SIGKILL and started again. Both must cover every published 201.
	Listed          int64  `json:"listed_after"`
	ListError       string `json:"list_error,omitempty"`
	ListedAfterKill int64  `json:"listed_after_kill"`
	KillError       string `json:"kill_error,omitempty"`
}

// postMode: import the articles, create the readers, post under load,
// then check that the acknowledged comments are there, also after a kill.
func (b *bench) postMode(ctx context.Context, bin string, r *ModeReport) error {
	o := b.opt
	f := &PostFigures{Articles: o.Comments.Articles, Posters: o.Concurrency,
		WarmupS: o.Warmup.Seconds(), DurationS: o.Duration.Seconds()}
	r.Post = f
	base, err := b.startTribune(ctx, bin)
	if err != nil {
		return err
	}
	slugs, err := b.importArticles(ctx, bin, "loadtest-comments", o.Comments.Articles)
	if err != nil {
		return err
	}
	api := commentsAPI{base: base, client: b.check}
	if err := b.waitForAPI(ctx, api, slugs[0]); err != nil {
		return err
	}
	tokens, err := b.createReaders(ctx, bin, o.Concurrency)
	if err != nil {
		return err
	}
	client := newClient(len(tokens))
	defer client.CloseIdleConnections()
	b.logf("post: %v warm-up + %v measured, %d posters over %d articles", o.Warmup, o.Duration, len(tokens), len(slugs))
	runtime.GC()
	cpuBefore, cpuErr := b.sampleCPU(b.tribune.pid())
	split := startCPUSplit(b.tribune.pid(), os.Getpid())
	res, err := PostLoad{API: commentsAPI{base: base, client: client}, Tokens: tokens, Slugs: slugs,
		Warmup: o.Warmup, Duration: o.Duration}.Run(ctx)
	if err != nil {
		return err
	}
	f.OtherCPU = -1
	f.ServerCPU, f.DatabaseCPU, f.ClientCPU = split.finish()
	if cpuAfter, err := b.sampleCPU(b.tribune.pid()); err == nil && cpuErr == nil {
		f.OtherCPU = otherCPU(cpuBefore, cpuAfter)
	}
	mem, err := b.serverMemory()
	if err != nil {
		return err
	}
	f.fill(res, mem)
	b.logf("post: %.0f comments/s, p99 %s, %d errors; %d acknowledged in all", f.Rate, msText(f.P99MS), f.Errors, f.AllAcknowledged)

	f.Listed, err = b.listedTotal(ctx, api, slugs)
	if err != nil {
		f.ListError = err.Error()
	}
	b.logf("post: the API lists %d comments; %d were acknowledged as published", f.Listed, f.States["published"])
	f.ListedAfterKill, err = b.killAndRecount(ctx, bin, slugs)
	if err != nil {
		f.KillError = err.Error()
	}
	b.stopTribune(r)
	return nil
}

// fill copies the load's result and the memory reading.
func (f *PostFigures) fill(res PostResult, mem Memory) {
	f.Acknowledged, f.Rate = res.Requests, res.RPS
	f.P50MS, f.P90MS, f.P99MS, f.MaxMS = millis(res.P50), millis(res.P90), millis(res.P99), millis(res.Max)
	f.Errors, f.Statuses, f.FirstError = res.Errors, res.Statuses, res.FirstError
	f.AllAcknowledged, f.States = res.Acknowledged, res.States
	f.RSS, f.PeakRSS = mem.RSS, mem.Peak
}

// waitForAPI polls the comment list of an article until it answers, so a
// server without the comments API fails the run with a clear message.
func (b *bench) waitForAPI(ctx context.Context, api commentsAPI, slug string) error {
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	var err error
	for {
		if _, err = api.total(ctx, slug); err == nil {
			return nil
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("the comments API does not answer for /news/%s: %w", slug, err)
		case <-time.After(100 * time.Millisecond):
		}
	}
}

// listedTotal sums the API's comment totals over the articles.
func (b *bench) listedTotal(ctx context.Context, api commentsAPI, slugs []string) (int64, error) {
	var sum int64
	for _, s := range slugs {
		n, err := api.total(ctx, s)
		if err != nil {
			return sum, err
		}
		sum += n
	}
	return sum, nil
}

// killAndRecount kills tribune with SIGKILL, as a crash would, starts it
// again on the same data and counts the comments once more. A comment
// whose 201 went out before it was committed would be missing now.
func (b *bench) killAndRecount(ctx context.Context, bin string, slugs []string) (int64, error) {
	b.logf("post: killing tribune (SIGKILL) and starting it again")
	b.tribune.kill()
	log := filepath.Join(b.tmp, "tribune.log")
	if err := os.Rename(log, filepath.Join(b.tmp, "tribune-before-kill.log")); err != nil {
		return 0, err
	}
	base, err := b.startTribune(ctx, bin)
	if err != nil {
		return 0, err
	}
	n, err := b.listedTotal(ctx, commentsAPI{base: base, client: b.check}, slugs)
	b.logf("post: after the restart the API lists %d comments", n)
	return n, err
}

// kill ends the process at once with SIGKILL and waits for it.
func (c *child) kill() {
	if c.stopped {
		return
	}
	c.stopped = true
	defer c.logFile.Close()
	c.cmd.Process.Kill()
	<-c.done
}

func (f *PostFigures) checks(t CommentTargets) []Check {
	published := int64(f.States["published"])
	listed := func(n int64, errText string) string {
		if errText != "" {
			return errText
		}
		return fmt.Sprintf("%d listed, %d acknowledged as published", n, published)
	}
	return []Check{
		{"comments acknowledged per second", fmt.Sprintf("≥ %.0f", t.MinRate), fmt.Sprintf("%.0f", f.Rate),
			f.Acknowledged > 0 && f.Rate >= t.MinRate},
		{"no failed posts", "0 answers other than 201", fmt.Sprintf("%d (%s)", f.Errors, countsText(f.Statuses)), f.Errors == 0},
		{"acknowledged comments listed", "listed ≥ published 201s", listed(f.Listed, f.ListError),
			f.ListError == "" && published > 0 && f.Listed >= published},
		{"still there after SIGKILL and restart", "listed ≥ published 201s", listed(f.ListedAfterKill, f.KillError),
			f.KillError == "" && published > 0 && f.ListedAfterKill >= published},
	}
}

func (f *PostFigures) markdown(w io.Writer) {
	fmt.Fprintf(w, "%d readers post comments back to back, each on its own keep-alive connection, in turn over %d articles; %gs warm-up + %gs measured.\n\n",
		f.Posters, f.Articles, f.WarmupS, f.DurationS)
	fmt.Fprintln(w, "| comments/s | acknowledged | p50 | p90 | p99 | max | errors | RSS | peak RSS |")
	fmt.Fprintln(w, "|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
	fmt.Fprintf(w, "| %.0f | %d | %s | %s | %s | %s | %d | %s | %s |\n\n", f.Rate, f.Acknowledged,
		msText(f.P50MS), msText(f.P90MS), msText(f.P99MS), msText(f.MaxMS), f.Errors, mib(f.RSS), mib(f.PeakRSS))
	if f.FirstError != "" {
		fmt.Fprintf(w, "First error: `%s`.  \n", f.FirstError)
	}
	fmt.Fprintf(w, "All 201s of the run, warm-up included: %d (%s).  \n", f.AllAcknowledged, countsText(f.States))
	fmt.Fprintf(w, "Comments the API lists afterwards: %d; after SIGKILL and a restart: %d.  \n", f.Listed, f.ListedAfterKill)
	fmt.Fprintf(w, "CPU during the load, as shares of the whole machine: tribune %.1f%%, PostgreSQL %.1f%%, this benchmark %.1f%%, other processes %.1f%%.\n",
		f.ServerCPU, f.DatabaseCPU, f.ClientCPU, f.OtherCPU)
	if f.OtherCPU > busyMachine {
		fmt.Fprintf(w, "**Warning:** other work competed for the CPU; the figures are low. Re-run on a quiet machine.\n")
	}
}
