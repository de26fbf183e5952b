// Command tribune-loadtest is the article page's load benchmark: it runs
// tribune and a static file server serving the same bytes side by side on
// this machine and reports throughput, latency, memory and correctness
// against the targets. See docs/benchmarks.md.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"tribune/internal/loadtest"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := loadtest.Main(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
