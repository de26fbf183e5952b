// Package loadtest is the article page's load benchmark, behind the
// tribune-loadtest command. It exists to answer one question with numbers
// taken in a single run on one machine: does tribune serve an article page
// at a good fraction of the speed of a static file server serving the same
// bytes, within its latency target, while the page stays live (views move,
// edits show)? It starts both servers as child processes, loads them with
// the same client, checks correctness during the load and reports against
// the targets. docs/benchmarks.md explains the method and figures.
package loadtest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"time"
)

// Options are the benchmark's settings; each is a command-line flag.
type Options struct {
	// Tribune is a prebuilt tribune binary; empty builds one.
	Tribune string
	// Path is the page to measure; empty takes the first article linked
	// from the home page.
	Path        string
	Concurrency int
	Warmup      time.Duration
	Duration    time.Duration
	// Timeout bounds the whole run.
	Timeout time.Duration
	// JSON, if set, is a file the report is also written to as JSON.
	JSON string
	// Keep leaves the temporary folder (data, logs, page copy) in place.
	Keep    bool
	Targets Targets
	// TribuneFirst loads tribune before the static server instead of after,
	// to check that the order does not matter.
	TribuneFirst bool
	// Self is this program, re-run with -serve-static as the static server.
	Self string
	// Mode picks what is measured: "article" (the default, the article
	// page against a static server) or one of the comment modes of
	// comments_run.go ("post", "fanout", "read").
	Mode string
	// Database is "sqlite" (or empty), "postgres" for a fresh database on
	// PGServer, or a postgres:// URL passed through to tribune.
	Database string
	// PGServer is the PostgreSQL server a fresh database is created on;
	// empty takes TRIBUNE_TEST_POSTGRES.
	PGServer string
	// Comments are the comment modes' settings and targets.
	Comments CommentOptions
}

// bench is one run's state: the temporary folder, the servers it started
// and the report it fills in.
type bench struct {
	opt      Options
	tmp      string
	progress io.Writer
	// logMu serialises progress notes: the edit check writes them while
	// a phase runs, and progress need not be safe for concurrent use.
	logMu   sync.Mutex
	tribune *child
	static  *child
	report  Report
	// check is the client for everything but the load itself.
	check *http.Client
	// dbURL is the PostgreSQL database tribune runs on, empty for SQLite;
	// dbLabel describes the database for the report; dropDB, if set,
	// removes the database this run created (postgres.go).
	dbURL   string
	dbLabel string
	dropDB  func() error
	// serveEnv are extra settings for "tribune serve" (the comment modes
	// turn the per-author comment rate limit off).
	serveEnv []string
}

// Run performs the whole benchmark (see docs/benchmarks.md), writes the
// Markdown report to out and progress notes to progress, and returns the
// report. An error means the benchmark could not be carried out at all;
// a carried-out benchmark that misses a target returns a report whose Pass
// is false. Both servers are stopped and the temporary folder removed
// before Run returns, however it returns.
func Run(ctx context.Context, opt Options, out, progress io.Writer) (*Report, error) {
	ctx, cancel := context.WithTimeout(ctx, opt.Timeout)
	defer cancel()
	tmp, err := os.MkdirTemp("", "tribune-loadtest-")
	if err != nil {
		return nil, fmt.Errorf("temporary folder: %w", err)
	}
	if opt.Keep {
		fmt.Fprintf(progress, "keeping %s\n", tmp)
	} else {
		defer os.RemoveAll(tmp)
	}
	b := &bench{opt: opt, tmp: tmp, progress: progress, check: &http.Client{Timeout: 5 * time.Second}}
	defer b.check.CloseIdleConnections()
	if err := b.openDatabase(ctx); err != nil {
		return nil, err
	}
	defer b.closeDatabase() // after the servers have stopped
	defer b.stopAll()
	if err := b.run(ctx); err != nil {
		switch {
		case ctx.Err() == nil || !errors.Is(err, ctx.Err()):
			return nil, err
		case errors.Is(context.Cause(ctx), context.DeadlineExceeded):
			return nil, fmt.Errorf("benchmark took longer than -timeout %v: %w", opt.Timeout, err)
		default:
			return nil, fmt.Errorf("benchmark interrupted: %w", context.Cause(ctx))
		}
	}
	b.report.Evaluate(opt.Targets)
	b.report.WriteMarkdown(out)
	if opt.JSON != "" {
		if err := b.report.WriteJSON(opt.JSON); err != nil {
			return &b.report, err
		}
	}
	return &b.report, nil
}

// stopAll stops whatever server is still running; it is the cleanup for
// every way out of Run, including Ctrl-C.
func (b *bench) stopAll() {
	for _, c := range []*child{b.static, b.tribune} {
		if c != nil {
			if _, err := c.stop(); err != nil {
				fmt.Fprintf(b.progress, "cleanup: %v\n", err)
			}
		}
	}
}

func (b *bench) logf(format string, args ...any) {
	b.logMu.Lock()
	defer b.logMu.Unlock()
	fmt.Fprintf(b.progress, format+"\n", args...)
}

// run is the benchmark's sequence; the steps live in steps.go and
// checks.go.
func (b *bench) run(ctx context.Context) error {
	r := &b.report
	r.Date = time.Now()
	r.Machine = fmt.Sprintf("%s/%s, %s", runtime.GOOS, runtime.GOARCH, runtime.Version())
	r.CPUs = runtime.NumCPU()
	r.LoadAverage = loadAverage()
	r.Database = b.dbLabel
	r.Concurrency = b.opt.Concurrency
	r.WarmupS, r.DurationS = b.opt.Warmup.Seconds(), b.opt.Duration.Seconds()

	bin, err := b.tribuneBinary(ctx)
	if err != nil {
		return err
	}
	base, err := b.startTribune(ctx, bin)
	if err != nil {
		return err
	}
	if r.Path, err = b.pickPath(ctx, base); err != nil {
		return err
	}
	im := importer{bin: bin, dataDir: filepath.Join(b.tmp, "data"), dir: b.tmp, env: childEnv(), db: b.dbArgs()}
	if err := b.importEditArticle(ctx, im, base); err != nil {
		return err
	}
	staticURL, err := b.startStatic(ctx, base+r.Path)
	if err != nil {
		return err
	}

	// Each phase stops its server when done, so the next phase has the
	// machine to itself whichever order they run in.
	phases := []func(context.Context) error{
		func(ctx context.Context) error { return b.staticPhase(ctx, staticURL) },
		func(ctx context.Context) error { return b.tribunePhase(ctx, im, base) },
	}
	r.Order = []string{"static", "tribune"}
	if b.opt.TribuneFirst {
		phases[0], phases[1] = phases[1], phases[0]
		r.Order[0], r.Order[1] = r.Order[1], r.Order[0]
	}
	for _, phase := range phases {
		if err := phase(ctx); err != nil {
			return err
		}
	}
	return ctx.Err()
}

// staticPhase loads the static server, then stops it.
func (b *bench) staticPhase(ctx context.Context, url string) error {
	b.logf("static: %v warm-up + %v measured, %d connections, %s", b.opt.Warmup, b.opt.Duration, b.opt.Concurrency, url)
	var err error
	if b.report.Static, err = b.phase(ctx, "static", b.static, url); err != nil {
		return err
	}
	if _, err := b.static.stop(); err != nil {
		b.logf("static server: %v", err)
	}
	return nil
}

// tribunePhase loads tribune while checking views and an edit, then stops
// it, which must be graceful.
func (b *bench) tribunePhase(ctx context.Context, im importer, base string) error {
	r := &b.report
	pageURL := base + r.Path
	r.ViewsBefore, r.ViewsFound = b.views(ctx, pageURL)
	b.logf("tribune: %v warm-up + %v measured, %d connections, %s", b.opt.Warmup, b.opt.Duration, b.opt.Concurrency, pageURL)
	edit := b.editLater(ctx, im, base, pageURL, b.opt.Warmup+b.opt.Duration/2)
	var err error
	if r.Tribune, err = b.phase(ctx, "tribune", b.tribune, pageURL); err != nil {
		return err
	}
	select {
	case r.Edit = <-edit:
	case <-ctx.Done():
		return ctx.Err()
	}
	if r.ViewsFound {
		r.ViewsAfter = b.viewsAfter(ctx, pageURL, r.ViewsBefore)
	}
	took, err := b.tribune.stop()
	r.ShutdownMS = millis(took)
	if err != nil {
		r.ShutdownErr = err.Error()
	}
	return nil
}
