package comments

import (
	"context"

	"tribune/internal/store"
)

// writer turns many concurrent posts into few transactions: posters queue
// their comment, a committer takes everything queued (up to maxBatch) and
// writes it in one durable commit, then answers each poster. On SQLite,
// where every commit waits for the disk, this is what lets thousands of
// comments a second be acknowledged only once they are safe.
type writer struct {
	store   Store
	queue   chan *writeReq
	workers int
}

type writeReq struct {
	c    store.Comment
	done chan writeResult
}

type writeResult struct {
	c   store.Comment
	err error
}

const maxBatch = 256

func newWriter(st Store, workers int) *writer {
	return &writer{store: st, queue: make(chan *writeReq, 4096), workers: workers}
}

// write queues c and waits until it is committed (or failed).
func (w *writer) write(ctx context.Context, c store.Comment) (store.Comment, error) {
	req := &writeReq{c: c, done: make(chan writeResult, 1)}
	select {
	case w.queue <- req:
	case <-ctx.Done():
		return c, ctx.Err()
	}
	// Once queued, the outcome must be awaited even if the poster leaves,
	// so the batch can finish; a departed poster just misses the answer.
	r := <-req.done
	return r.c, r.err
}

// run commits batches until ctx ends, then drains what is queued.
func (w *writer) run(ctx context.Context) {
	done := make(chan struct{}, w.workers)
	for range w.workers {
		go func() {
			w.loop(ctx)
			done <- struct{}{}
		}()
	}
	for range w.workers {
		<-done
	}
}

func (w *writer) loop(ctx context.Context) {
	for {
		var first *writeReq
		select {
		case first = <-w.queue:
		case <-ctx.Done():
			w.drain()
			return
		}
		batch := []*writeReq{first}
	fill:
		for len(batch) < maxBatch {
			select {
			case r := <-w.queue:
				batch = append(batch, r)
			default:
				break fill
			}
		}
		w.commit(context.WithoutCancel(ctx), batch)
	}
}

// drain commits what was queued before shutdown.
func (w *writer) drain() {
	for {
		select {
		case r := <-w.queue:
			w.commit(context.Background(), []*writeReq{r})
		default:
			return
		}
	}
}

// commit writes a batch; if the batch fails, each comment is tried alone
// so that one bad comment cannot fail its neighbours.
func (w *writer) commit(ctx context.Context, batch []*writeReq) {
	cs := make([]store.Comment, len(batch))
	for i, r := range batch {
		cs[i] = r.c
	}
	saved, err := w.store.InsertComments(ctx, cs)
	if err == nil {
		for i, r := range batch {
			r.done <- writeResult{c: saved[i]}
		}
		return
	}
	if len(batch) == 1 {
		batch[0].done <- writeResult{c: batch[0].c, err: err}
		return
	}
	for _, r := range batch {
		w.commit(ctx, []*writeReq{r})
	}
}
