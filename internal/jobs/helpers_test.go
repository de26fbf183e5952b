package jobs_test

import (
	"context"
	"log/slog"
	"sync"
	"testing"
	"time"

	"tribune/internal/jobs"
	"tribune/internal/store"
)

// start is the fake clock's first reading; stored times keep milliseconds.
var start = time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)

// clock is a fake clock the tests move by hand, so backoff never means
// sleeping.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// newRunner returns a runner on a fake clock that logs to the test.
func newRunner(t *testing.T, st jobs.Store, opts jobs.Options) (*jobs.Runner, *clock) {
	t.Helper()
	clk := &clock{now: start}
	opts.Now = clk.Now
	if opts.NodeID == "" {
		opts.NodeID = "test-node"
	}
	log := slog.New(slog.NewTextHandler(t.Output(), &slog.HandlerOptions{Level: slog.LevelDebug}))
	return jobs.New(st, log, opts), clk
}

func enqueue(t *testing.T, st *store.Store, j store.Job) string {
	t.Helper()
	if j.CreatedAt.IsZero() {
		j.CreatedAt = start
	}
	id, err := st.EnqueueJob(t.Context(), j)
	if err != nil {
		t.Fatalf("EnqueueJob(%q) error: %v", j.Kind, err)
	}
	return id
}

// row is a job's stored state, read behind the store's back.
type row struct {
	Attempts     int
	RunAt        time.Time
	Done, Failed bool
	LastError    string
}

func jobRow(t *testing.T, st *store.Store, id string) row {
	t.Helper()
	var r row
	var runAt, done, failed int64
	err := st.DB().QueryRowContext(context.Background(),
		`SELECT attempts, run_at, done_at, failed_at, last_error FROM jobs WHERE id = $1`, id).
		Scan(&r.Attempts, &runAt, &done, &failed, &r.LastError)
	if err != nil {
		t.Fatalf("read job %s: %v", id, err)
	}
	r.RunAt, r.Done, r.Failed = time.UnixMilli(runAt).UTC(), done > 0, failed > 0
	return r
}

func runDue(t *testing.T, r *jobs.Runner, want int) {
	t.Helper()
	if got, err := r.RunDue(t.Context()); err != nil || got != want {
		t.Errorf("RunDue() = %d, %v; want %d, nil", got, err, want)
	}
}

// receive waits for a value; the timeout only turns a hang into a failure.
func receive[T any](t *testing.T, ch <-chan T, what string) T {
	t.Helper()
	select {
	case v := <-ch:
		return v
	case <-time.After(10 * time.Second):
		t.Fatalf("timed out waiting for %s", what)
		panic("unreachable")
	}
}

// running starts r.Run and returns a function that stops it and waits for it.
func running(t *testing.T, r *jobs.Runner) (stop func(), done <-chan struct{}) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	ch := make(chan struct{})
	go func() {
		defer close(ch)
		r.Run(ctx)
	}()
	t.Cleanup(func() {
		cancel()
		<-ch
	})
	return cancel, ch
}
