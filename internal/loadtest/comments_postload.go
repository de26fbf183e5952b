package loadtest

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
)

// PostLoad has readers post comments as fast as the server acknowledges
// them: one worker per token, each on its own keep-alive connection,
// posting back to back, every post to the next article in turn. Like Load,
// it runs Warmup and then Duration, and a post counts in the measured
// window when its 201 arrives inside it.
type PostLoad struct {
	API      commentsAPI
	Tokens   []string
	Slugs    []string
	Warmup   time.Duration
	Duration time.Duration
}

// PostResult is what the posters saw.
type PostResult struct {
	// Summary covers the 201s of the measured window.
	Summary
	// Statuses counts every answer that was not a 201, by status code
	// ("transport" for a failed request), warm-up included; Summary.Errors
	// is their sum.
	Statuses   map[string]int
	FirstError string
	// Acknowledged counts every 201 of the run, warm-up and the last
	// moments included; States counts them by the comment's status
	// (published, held, rejected): the published ones must all be listed
	// by the API afterwards.
	Acknowledged int
	States       map[string]int
}

// Run posts until the time is up or ctx ends.
func (l PostLoad) Run(ctx context.Context) (PostResult, error) {
	if len(l.Tokens) == 0 || len(l.Slugs) == 0 || l.Duration <= 0 || l.Warmup < 0 {
		return PostResult{}, fmt.Errorf("post load: bad settings (%d tokens, %d articles, %v, %v)",
			len(l.Tokens), len(l.Slugs), l.Warmup, l.Duration)
	}
	start := time.Now()
	measureFrom := start.Add(l.Warmup)
	end := measureFrom.Add(l.Duration)
	var next atomic.Uint64
	workers := make([]postWorker, len(l.Tokens))
	var wg sync.WaitGroup
	for i := range workers {
		w := &workers[i]
		w.statuses, w.states = make(map[string]int), make(map[string]int)
		w.latencies = make([]time.Duration, 0, int(l.Duration.Seconds()*10000)/len(workers)+256)
		gen := NewTextGen(uint64(i + 1))
		wg.Go(func() {
			w.run(ctx, l.Tokens[i], measureFrom, end, func() (string, string) {
				return l.Slugs[(next.Add(1)-1)%uint64(len(l.Slugs))], gen.Comment()
			}, l.API)
		})
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return PostResult{}, err
	}
	res := PostResult{Statuses: make(map[string]int), States: make(map[string]int)}
	var all []time.Duration
	errs := 0
	for _, w := range workers {
		all = append(all, w.latencies...)
		res.Acknowledged += w.acked
		for k, v := range w.statuses {
			res.Statuses[k] += v
			errs += v
		}
		for k, v := range w.states {
			res.States[k] += v
		}
		if res.FirstError == "" {
			res.FirstError = w.firstErr
		}
	}
	res.Summary = Summarize(all, errs, l.Duration)
	return res, nil
}

// postWorker is one reader's loop and what it saw.
type postWorker struct {
	latencies []time.Duration
	statuses  map[string]int
	states    map[string]int
	acked     int
	firstErr  string
}

func (w *postWorker) run(ctx context.Context, token string, measureFrom, end time.Time,
	next func() (slug, text string), api commentsAPI) {
	for ctx.Err() == nil {
		t0 := time.Now()
		if !t0.Before(end) {
			return
		}
		slug, text := next()
		p, err := api.post(ctx, token, slug, text, "")
		t1 := time.Now()
		switch {
		case ctx.Err() != nil:
			return
		case err != nil && p.Status == 0:
			w.fail("transport", err.Error())
		case err != nil:
			w.fail(strconv.Itoa(p.Status)+" unreadable", err.Error())
		case p.Status != http.StatusCreated:
			w.fail(strconv.Itoa(p.Status), fmt.Sprintf("status %d: %s", p.Status, p.Error))
		default:
			w.acked++
			w.states[p.State]++
			if !t1.After(end) && !t1.Before(measureFrom) {
				w.latencies = append(w.latencies, t1.Sub(t0))
			}
		}
	}
}

func (w *postWorker) fail(key, msg string) {
	w.statuses[key]++
	if w.firstErr == "" {
		w.firstErr = msg
	}
}
