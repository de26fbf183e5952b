package jobs_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"tribune/internal/jobs"
	"tribune/internal/store"
	"tribune/internal/store/storetest"
)

// watched tells the test when a worker found nothing to do, so the test
// knows every worker is idle before it enqueues.
type watched struct {
	jobs.Store
	idle chan string
}

func (w watched) ClaimJob(ctx context.Context, by string, now, lease time.Time, kinds ...string) (store.Job, error) {
	j, err := w.Store.ClaimJob(ctx, by, now, lease, kinds...)
	if errors.Is(err, store.ErrNotFound) {
		select {
		case w.idle <- by:
		default:
		}
	}
	return j, err
}

// waitIdle waits until n distinct workers have found no job.
func waitIdle(t *testing.T, idle <-chan string, n int) {
	t.Helper()
	seen := map[string]bool{}
	for len(seen) < n {
		seen[receive(t, idle, "idle workers")] = true
	}
}

func TestRunKickWakesIdleWorkers(t *testing.T) {
	st := storetest.SQLite(t)
	w := watched{Store: st, idle: make(chan string, 64)}
	r, _ := newRunner(t, w, jobs.Options{Workers: 2, Poll: time.Hour})
	handled := make(chan string, 1)
	r.Handle("mail", func(_ context.Context, payload string) error {
		handled <- payload
		return nil
	})
	running(t, r)
	waitIdle(t, w.idle, 2)
	enqueue(t, st, store.Job{Kind: "mail", Payload: "hello"})
	r.Kick() // the poll is an hour away: only the kick can start the job
	if got := receive(t, handled, "the kicked job"); got != "hello" {
		t.Errorf("handled %q, want %q", got, "hello")
	}
}

func TestRunWorkersRunJobsConcurrently(t *testing.T) {
	st := storetest.SQLite(t)
	r, _ := newRunner(t, st, jobs.Options{Workers: 2, Poll: time.Hour})
	started, release := make(chan string, 2), make(chan struct{})
	r.Handle("slow", func(_ context.Context, payload string) error {
		started <- payload
		<-release
		return nil
	})
	a := enqueue(t, st, store.Job{Kind: "slow", Payload: "a"})
	b := enqueue(t, st, store.Job{Kind: "slow", Payload: "b"})
	stop, done := running(t, r)
	receive(t, started, "the first job")
	receive(t, started, "the second job while the first still runs")
	close(release)
	stop()
	receive(t, done, "Run to return")
	for _, id := range []string{a, b} {
		if row := jobRow(t, st, id); !row.Done {
			t.Errorf("job %s after shutdown = %+v, want done", id, row)
		}
	}
}

// On shutdown Run stops claiming but lets the running job finish, with its
// context still alive.
func TestRunShutdownLetsRunningJobsFinish(t *testing.T) {
	st := storetest.SQLite(t)
	r, _ := newRunner(t, st, jobs.Options{Workers: 2, Poll: time.Hour})
	started, release, ctxErr := make(chan struct{}, 1), make(chan struct{}), make(chan error, 1)
	r.Handle("slow", func(ctx context.Context, _ string) error {
		started <- struct{}{}
		<-release
		ctxErr <- ctx.Err()
		return nil
	})
	first := enqueue(t, st, store.Job{Kind: "slow"})
	stop, done := running(t, r)
	receive(t, started, "the job to start")
	stop()
	second := enqueue(t, st, store.Job{Kind: "slow"})
	r.Kick()
	select {
	case <-done:
		t.Fatalf("Run returned while a job was still running")
	default:
	}
	close(release)
	if err := receive(t, ctxErr, "the job to finish"); err != nil {
		t.Errorf("job context at shutdown: %v, want still alive", err)
	}
	receive(t, done, "Run to return")
	if row := jobRow(t, st, first); !row.Done {
		t.Errorf("running job after shutdown = %+v, want done", row)
	}
	if row := jobRow(t, st, second); row.Attempts != 0 {
		t.Errorf("job enqueued during shutdown = %+v, want never claimed", row)
	}
}

// A job that outlives ShutdownWait is cancelled, so shutdown is bounded.
func TestRunShutdownWaitIsBounded(t *testing.T) {
	st := storetest.SQLite(t)
	r, _ := newRunner(t, st, jobs.Options{Workers: 1, Poll: time.Hour, ShutdownWait: time.Millisecond})
	started, ctxErr := make(chan struct{}, 1), make(chan error, 1)
	r.Handle("stuck", func(ctx context.Context, _ string) error {
		started <- struct{}{}
		<-ctx.Done()
		ctxErr <- ctx.Err()
		return ctx.Err()
	})
	enqueue(t, st, store.Job{Kind: "stuck"})
	stop, done := running(t, r)
	receive(t, started, "the job to start")
	stop()
	receive(t, done, "Run to return")
	if err := receive(t, ctxErr, "the job to see its cancellation"); !errors.Is(err, context.Canceled) {
		t.Errorf("job context after ShutdownWait: %v, want context.Canceled", err)
	}
}

func TestHandlePanicsOnMisuse(t *testing.T) {
	ok := func(context.Context, string) error { return nil }
	for _, tc := range []struct {
		name string
		reg  func(r *jobs.Runner)
	}{
		{"nil handler", func(r *jobs.Runner) { r.Handle("mail", nil) }},
		{"empty kind", func(r *jobs.Runner) { r.Handle("", ok) }},
		{"twice", func(r *jobs.Runner) { r.Handle("mail", ok); r.Handle("mail", ok) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			defer func() {
				if recover() == nil {
					t.Errorf("Handle(%s) did not panic", tc.name)
				}
			}()
			tc.reg(jobs.New(&fakeStore{}, nil, jobs.Options{}))
		})
	}
}
