package jobs

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"tribune/internal/store"
)

// recordWait bounds how long Run, after cancelling the jobs that outlived
// ShutdownWait, waits for them to record their failure.
const recordWait = 2 * time.Second

// Run starts the workers and blocks until ctx ends. Then it stops claiming,
// gives running jobs up to ShutdownWait to finish, cancels the rest (their
// leases let another node retry them) and returns.
func (r *Runner) Run(ctx context.Context) {
	kinds := r.kinds()
	if len(kinds) == 0 {
		r.log.Warn("job runner has no handlers; it runs nothing")
		<-ctx.Done()
		return
	}
	// Jobs keep running past ctx, until stop: a shutdown lets them finish.
	jobCtx, stop := context.WithCancel(context.WithoutCancel(ctx))
	defer stop()
	var wg sync.WaitGroup
	for i := range r.opts.Workers {
		by := fmt.Sprintf("%s/%d", r.opts.NodeID, i)
		wg.Go(func() { r.work(ctx, jobCtx, by, kinds) })
	}
	r.log.Info("job runner started", "node", r.opts.NodeID, "workers", r.opts.Workers, "kinds", kinds)
	<-ctx.Done()

	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	grace := time.NewTimer(r.opts.ShutdownWait)
	defer grace.Stop()
	select {
	case <-done:
		r.log.Info("job runner stopped")
		return
	case <-grace.C:
	}
	r.log.Warn("jobs still running at shutdown; cancelling them", "waited", r.opts.ShutdownWait)
	stop()
	record := time.NewTimer(recordWait)
	defer record.Stop()
	select {
	case <-done:
	case <-record.C:
		r.log.Warn("jobs ignored cancellation; their leases will expire and they will run again")
	}
}

// work is one worker: it runs due jobs back to back, and when none is due
// sleeps until the next poll or a Kick.
func (r *Runner) work(ctx, jobCtx context.Context, by string, kinds []string) {
	idle := time.NewTimer(r.opts.Poll)
	defer idle.Stop()
	for ctx.Err() == nil {
		wake := r.wakeup() // before claiming, so a Kick during the claim is not missed
		ran, err := r.runNext(ctx, jobCtx, by, kinds)
		if err != nil && ctx.Err() == nil {
			r.log.Error("job runner", "worker", by, "error", err)
		}
		if ran {
			continue
		}
		idle.Reset(r.opts.Poll)
		select {
		case <-ctx.Done():
		case <-wake:
		case <-idle.C:
		}
	}
}

// RunDue runs every job due now, one after another, and returns how many it
// ran (failed attempts included). It is for tests and the command line; the
// error is the store's, as handler errors are recorded on their jobs.
func (r *Runner) RunDue(ctx context.Context) (int, error) {
	kinds := r.kinds()
	if len(kinds) == 0 {
		return 0, nil
	}
	by := r.opts.NodeID + "/due"
	n := 0
	for {
		ran, err := r.runNext(ctx, ctx, by, kinds)
		if ran {
			n++
		}
		if err != nil || !ran {
			return n, err
		}
	}
}

// runNext claims one due job with ctx and runs it with jobCtx; it reports
// whether there was one.
func (r *Runner) runNext(ctx, jobCtx context.Context, by string, kinds []string) (bool, error) {
	now := r.opts.Now()
	j, err := r.st.ClaimJob(ctx, by, now, now.Add(r.opts.Lease), kinds...)
	if errors.Is(err, store.ErrNotFound) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("claim job: %w", err)
	}
	return true, r.execute(jobCtx, by, j)
}
