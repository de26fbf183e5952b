// Package jobs runs Tribune's durable background work: jobs stored in the
// database (store.Job) by any node and run by a small pool of workers on
// whichever node claims them first. Because a job lives in the jobs table
// until it completes, it survives restarts; because claiming is a leased,
// conditional update, it runs on one node at a time even with several; and
// because a failure is recorded with a retry time, flaky work such as an SMTP
// send is retried with backoff instead of lost.
//
// Delivery is at least once: a worker that dies mid-job leaves a lease that
// expires, and the job runs again elsewhere. Handlers must therefore be
// idempotent and re-check their preconditions (is the account still due for
// purging?).
package jobs

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"os"
	"slices"
	"sync"
	"time"

	"tribune/internal/store"
)

// Handler runs one job of a kind with its payload. Returning an error
// records it and retries the job later with backoff; wrap ErrPermanent to
// stop retrying (a malformed payload will not get better). The context ends
// shortly before the job's lease runs out, or when a shutdown stops waiting.
type Handler func(ctx context.Context, payload string) error

// ErrPermanent marks a handler error that retrying cannot fix; wrap it with
// fmt.Errorf("...: %w", jobs.ErrPermanent) to fail the job for good.
var ErrPermanent = errors.New("permanent")

// Store is what the runner needs of the jobs table; *store.Store provides it.
type Store interface {
	ClaimJob(ctx context.Context, by string, now, lease time.Time, kinds ...string) (store.Job, error)
	CompleteJob(ctx context.Context, id, by string, now time.Time) error
	FailJob(ctx context.Context, id, by, msg string, now, retryAt time.Time) error
}

// Options tune a Runner; zero fields take the defaults.
type Options struct {
	Workers      int              // jobs run at once on this node; default 2
	Poll         time.Duration    // how often idle workers look for due jobs; default 1s
	Lease        time.Duration    // how long a claim holds before another node may retry the job; default 5m
	ShutdownWait time.Duration    // how long Run waits for running jobs once its context ends; default 30s
	Now          func() time.Time // the clock for run times and leases; default time.Now
	NodeID       string           // names this node in locked_by; default hostname-pid-random
}

// Runner claims due jobs and runs the handler registered for their kind.
type Runner struct {
	st     Store
	log    *slog.Logger
	opts   Options
	jitter func(n int64) int64 // a random value in [0, n), for backoff

	mu       sync.Mutex
	handlers map[string]Handler
	wake     chan struct{} // closed by Kick to wake idle workers, then replaced
}

// New makes a runner over st; a nil log discards the runner's messages.
func New(st Store, log *slog.Logger, opts Options) *Runner {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	if opts.Workers <= 0 {
		opts.Workers = 2
	}
	if opts.Poll <= 0 {
		opts.Poll = time.Second
	}
	if opts.Lease <= 0 {
		opts.Lease = 5 * time.Minute
	}
	if opts.ShutdownWait <= 0 {
		opts.ShutdownWait = 30 * time.Second
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.NodeID == "" {
		opts.NodeID = defaultNodeID()
	}
	return &Runner{st: st, log: log, opts: opts, jitter: rand.Int64N,
		handlers: map[string]Handler{}, wake: make(chan struct{})}
}

// Handle registers the handler of a kind. Call it before Run or RunDue: the
// runner claims only the kinds it has handlers for, so a node running an
// older build leaves newer kinds to the nodes that know them. It panics on a
// nil handler or a kind registered twice, both programming errors.
func (r *Runner) Handle(kind string, h Handler) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if h == nil || kind == "" {
		panic("jobs: Handle needs a kind and a handler")
	}
	if _, dup := r.handlers[kind]; dup {
		panic(fmt.Sprintf("jobs: kind %q registered twice", kind))
	}
	r.handlers[kind] = h
}

// Kick wakes this node's idle workers now, so that a job enqueued here runs
// without waiting for the next poll. Other nodes find it when they poll.
func (r *Runner) Kick() {
	r.mu.Lock()
	defer r.mu.Unlock()
	close(r.wake)
	r.wake = make(chan struct{})
}

func (r *Runner) wakeup() <-chan struct{} {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.wake
}

func (r *Runner) handler(kind string) Handler {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.handlers[kind]
}

// kinds lists the registered kinds, sorted so claims are reproducible.
func (r *Runner) kinds() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := make([]string, 0, len(r.handlers))
	for k := range r.handlers {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// defaultNodeID names this process uniquely even when several run on one
// host or a restarted process reuses a pid.
func defaultNodeID() string {
	host, err := os.Hostname()
	if err != nil || host == "" {
		host = "node"
	}
	return fmt.Sprintf("%s-%d-%08x", host, os.Getpid(), rand.Uint32())
}
