package loadtest

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"time"
)

// hiddenFlags run the static server mode; only the benchmark passes them.
var hiddenFlags = map[string]bool{"serve-static": true, "addr": true}

// Main is the tribune-loadtest command: it parses args, runs the benchmark
// (or, with the hidden -serve-static flag, the static server the benchmark
// starts as its baseline) and returns the exit status: 0 when every target
// is met, 1 when one is missed or the run fails, 2 for bad flags.
func Main(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("tribune-loadtest", flag.ContinueOnError)
	fs.SetOutput(stderr)
	opt := Options{Targets: DefaultTargets, Comments: DefaultCommentOptions}
	fs.StringVar(&opt.Mode, "mode", "article", "what to measure: article, post, fanout or read (see docs/benchmarks.md)")
	fs.StringVar(&opt.Database, "database", "", "sqlite (the default), postgres (a fresh database on -pg-server) or a postgres:// URL of an empty database")
	fs.StringVar(&opt.PGServer, "pg-server", "", "PostgreSQL server URL for -database postgres (default $"+pgServerEnv+")")
	fs.StringVar(&opt.Tribune, "tribune", "", "tribune binary to run (default: go build tribune/cmd/tribune)")
	fs.StringVar(&opt.Path, "path", "", "page to measure (default: the first /news/SLUG link on the home page)")
	fs.IntVar(&opt.Concurrency, "c", 50, "concurrent connections")
	fs.DurationVar(&opt.Duration, "d", 10*time.Second, "measured duration per server")
	fs.DurationVar(&opt.Warmup, "warmup", 2*time.Second, "warm-up per server, not counted")
	fs.DurationVar(&opt.Timeout, "timeout", 10*time.Minute, "bound on the whole run")
	fs.StringVar(&opt.JSON, "json", "", "also write the figures as JSON to this file")
	fs.BoolVar(&opt.TribuneFirst, "tribune-first", false, "load tribune first, then the static server")
	fs.BoolVar(&opt.Keep, "keep", false, "keep the temporary folder (data, server logs, page copy)")
	fs.Float64Var(&opt.Targets.MinRatio, "min-ratio", DefaultTargets.MinRatio, "target: tribune req/s as % of static")
	fs.DurationVar(&opt.Targets.MaxP99, "max-p99", DefaultTargets.MaxP99, "target: tribune p99 latency below this")
	fs.DurationVar(&opt.Targets.MaxEdit, "max-edit", DefaultTargets.MaxEdit, "target: an edit shows within this")
	commentFlags(fs, &opt.Comments)
	serveStatic := fs.String("serve-static", "", "")
	addr := fs.String("addr", "127.0.0.1:0", "")
	fs.Usage = func() { usage(fs, stderr) }
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if *serveStatic != "" {
		if err := ServeStatic(ctx, *serveStatic, *addr); err != nil {
			fmt.Fprintf(stderr, "tribune-loadtest: %v\n", err)
			return 1
		}
		return 0
	}
	if fs.NArg() > 0 || opt.Concurrency < 1 || opt.Duration <= 0 || opt.Warmup < 0 || opt.Timeout <= 0 {
		fmt.Fprintln(stderr, "tribune-loadtest: takes no arguments; -c and -d must be positive, -warmup not negative")
		return 2
	}
	if err := checkCommentFlags(opt); err != nil {
		fmt.Fprintf(stderr, "tribune-loadtest: %v\n", err)
		return 2
	}
	self, err := os.Executable()
	if err != nil {
		fmt.Fprintf(stderr, "tribune-loadtest: %v\n", err)
		return 1
	}
	opt.Self = self
	if opt.Mode != "article" {
		return runCommentsMain(ctx, opt, stdout, stderr)
	}
	report, err := Run(ctx, opt, stdout, stderr)
	if err != nil {
		fmt.Fprintf(stderr, "tribune-loadtest: %v\n", err)
		return 1
	}
	if !report.Pass {
		return 1
	}
	return 0
}

func usage(fs *flag.FlagSet, w io.Writer) {
	fmt.Fprintln(w, "Usage: tribune-loadtest [flags]")
	fmt.Fprintln(w, "\nServes the demo article page from tribune and its bytes from a static file server,")
	fmt.Fprintln(w, "loads both the same way and checks the issue's targets. -mode post, fanout and read")
	fmt.Fprintln(w, "measure comments instead: posting, the live stream, reading. See docs/benchmarks.md.")
	fmt.Fprintln(w, "\nFlags:")
	fs.VisitAll(func(f *flag.Flag) {
		if !hiddenFlags[f.Name] {
			fmt.Fprintf(w, "  -%s (default %q)\n    \t%s\n", f.Name, f.DefValue, f.Usage)
		}
	})
}
