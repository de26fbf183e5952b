package jobs

import (
	"context"
	"errors"
	"fmt"
	"runtime/debug"
	"time"

	"tribune/internal/store"
)

// recordTimeout bounds the store write that records a job's outcome; it is
// made even when the job's context has ended, so the outcome is not lost.
const recordTimeout = 30 * time.Second

// execute runs a claimed job and records its outcome: done, a retry after
// backoff, or a failure for good (a permanent error or the last attempt).
func (r *Runner) execute(ctx context.Context, by string, j store.Job) error {
	err := r.call(ctx, j)
	rec, cancel := context.WithTimeout(context.WithoutCancel(ctx), recordTimeout)
	defer cancel()
	now := r.opts.Now()
	log := r.log.With("job_id", j.ID, "kind", j.Kind, "attempt", j.Attempts, "worker", by)
	if err == nil {
		if err := r.st.CompleteJob(rec, j.ID, by, now); err != nil {
			return fmt.Errorf("record %s job %s done: %w", j.Kind, j.ID, err)
		}
		log.Debug("job done")
		return nil
	}
	var retry time.Time // zero: no retry
	if !errors.Is(err, ErrPermanent) && j.Attempts < j.MaxAttempts {
		retry = now.Add(backoff(j.Attempts, r.jitter))
	}
	if ferr := r.st.FailJob(rec, j.ID, by, err.Error(), now, retry); ferr != nil {
		return fmt.Errorf("record %s job %s failure (%v): %w", j.Kind, j.ID, err, ferr)
	}
	if retry.IsZero() {
		log.Error("job failed for good", "error", err)
	} else {
		log.Warn("job failed; retrying later", "error", err, "retry_at", retry)
	}
	return nil
}

// call runs the job's handler, turning a missing handler into a permanent
// error and a panic into an ordinary, retried failure. The handler's context
// ends a tenth before the lease does, so that it has stopped before another
// node may claim the job again.
func (r *Runner) call(ctx context.Context, j store.Job) (err error) {
	h := r.handler(j.Kind)
	if h == nil {
		return fmt.Errorf("no handler for job kind %q on node %s: %w", j.Kind, r.opts.NodeID, ErrPermanent)
	}
	ctx, cancel := context.WithTimeout(ctx, r.opts.Lease-r.opts.Lease/10)
	defer cancel()
	defer func() {
		if p := recover(); p != nil {
			r.log.Error("job handler panicked", "job_id", j.ID, "kind", j.Kind, "panic", p, "stack", string(debug.Stack()))
			err = fmt.Errorf("panic: %v", p)
		}
	}()
	return h(ctx, j.Payload)
}

// Backoff bounds: the first retry comes after 10 s, each later one waits
// twice as long, up to an hour.
const (
	backoffBase = 10 * time.Second
	backoffCap  = time.Hour
)

// backoff is the wait before retrying after the given attempt (1 for the
// first): 10 s doubled per attempt, capped at 1 h, then scaled to a random
// point between half and all of it so that jobs that failed together (a mail
// server outage) do not all retry together. jitter returns a value in [0, n).
func backoff(attempt int, jitter func(n int64) int64) time.Duration {
	d := backoffBase
	for i := 1; i < attempt && d < backoffCap; i++ {
		d *= 2
	}
	d = min(d, backoffCap)
	half := d / 2
	return half + time.Duration(jitter(int64(d-half)+1))
}
