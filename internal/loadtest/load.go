package loadtest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"sync"
	"time"
)

// Load says how hard and how long to hit one URL.
type Load struct {
	URL         string
	Concurrency int
	Warmup      time.Duration
	Duration    time.Duration
}

// LoadResult is a measured phase plus the first error seen, if any.
type LoadResult struct {
	Summary
	FirstError string
}

// userAgent is a reader's browser as far as the server can tell, so its
// requests count as page views like a reader's (tribune leaves out bots).
const userAgent = "Mozilla/5.0 (X11; Linux x86_64) tribune-loadtest/1"

// requestTimeout bounds one request; a server slower than this is broken.
const requestTimeout = 10 * time.Second

// newClient returns a keep-alive client with exactly conns connections to
// the one host under test and no compression, so both servers send the same
// bytes the same way.
func newClient(conns int) *http.Client {
	tr := &http.Transport{
		Proxy:               nil,
		DialContext:         (&net.Dialer{Timeout: 5 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
		MaxIdleConns:        conns,
		MaxIdleConnsPerHost: conns,
		MaxConnsPerHost:     conns,
		IdleConnTimeout:     time.Minute,
		DisableCompression:  true,
	}
	return &http.Client{
		Transport:     tr,
		Timeout:       requestTimeout,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
}

// Run hits the URL from Concurrency workers, each on its own keep-alive
// connection, for Warmup and then Duration. A request counts in the measured
// window when it completes inside it; requests still in flight when the
// window closes are dropped, so the rate is not inflated. A failed request
// counts as an error whenever it happens. Every latency is kept (no
// sampling), so the percentiles are exact. Run returns early only when ctx
// ends.
func (l Load) Run(ctx context.Context) (LoadResult, error) {
	if l.Concurrency < 1 || l.Duration <= 0 || l.Warmup < 0 {
		return LoadResult{}, fmt.Errorf("load: bad settings %+v", l)
	}
	client := newClient(l.Concurrency)
	defer client.CloseIdleConnections()

	start := time.Now()
	measureFrom := start.Add(l.Warmup)
	end := measureFrom.Add(l.Duration)
	// Room for 40k requests/s in total before a worker's slice has to grow.
	perWorker := int(l.Duration.Seconds()*40000)/l.Concurrency + 1024

	workers := make([]worker, l.Concurrency)
	var wg sync.WaitGroup
	for i := range workers {
		workers[i].latencies = make([]time.Duration, 0, perWorker)
		wg.Go(func() { workers[i].run(ctx, client, l.URL, measureFrom, end) })
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return LoadResult{}, err
	}

	var all []time.Duration
	var res LoadResult
	errs := 0
	for _, w := range workers {
		all = append(all, w.latencies...)
		errs += w.errors
		if res.FirstError == "" && w.firstErr != nil {
			res.FirstError = w.firstErr.Error()
		}
	}
	res.Summary = Summarize(all, errs, l.Duration)
	return res, nil
}

// worker is one connection's loop and what it saw.
type worker struct {
	latencies []time.Duration
	errors    int
	firstErr  error
}

func (w *worker) run(ctx context.Context, client *http.Client, url string, measureFrom, end time.Time) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		w.fail(err)
		return
	}
	req.Header.Set("User-Agent", userAgent)
	for ctx.Err() == nil {
		t0 := time.Now()
		if !t0.Before(end) {
			return
		}
		err := hit(client, req)
		t1 := time.Now()
		switch {
		case ctx.Err() != nil:
			return
		case err != nil:
			w.fail(err) // late or not, a failure is a failure
		case t1.After(end):
			return
		case !t1.Before(measureFrom):
			w.latencies = append(w.latencies, t1.Sub(t0))
		}
	}
}

func (w *worker) fail(err error) {
	w.errors++
	if w.firstErr == nil {
		w.firstErr = err
	}
}

var errStatus = errors.New("status is not 200")

// hit makes one request and reads the whole body, as a browser would.
func hit(client *http.Client, req *http.Request) error {
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	_, err = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("%w: %d", errStatus, resp.StatusCode)
	}
	return err
}
