package loadtest

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"runtime"
	"slices"
	"strings"
	"time"
)

// FanoutFigures are the fan-out mode's results.
type FanoutFigures struct {
	Subscribers int `json:"subscribers"`
	// Connected counts subscribers that got the stream's response headers,
	// Failed those that could not subscribe; ConnectS is how long it took.
	Connected    int     `json:"connected"`
	Failed       int     `json:"failed"`
	ConnectS     float64 `json:"connect_seconds"`
	FirstFailure string  `json:"first_failure,omitempty"`
	OpenFiles    uint64  `json:"open_files_limit"`
	// ServerMetrics are the lines of tribune's /metrics about streams and
	// subscribers, read with everyone connected.
	ServerMetrics []string `json:"server_metrics,omitempty"`
	// ProbeReached counts subscribers that received the probe comment
	// posted before the measured ones: the server's own proof that it
	// registered them.
	ProbeReached int `json:"probe_reached"`
	// Comments were posted, one per IntervalMS; Published of them were
	// published (and so streamed); PostErrors failed.
	Comments       int      `json:"comments"`
	IntervalMS     float64  `json:"interval_ms"`
	Published      int      `json:"published"`
	PostErrors     int      `json:"post_errors"`
	FirstPostError string   `json:"first_post_error,omitempty"`
	PostP50MS      float64  `json:"post_p50_ms"`
	PostMaxMS      float64  `json:"post_max_ms"`
	Delivery       Delivery `json:"delivery"`
	// Ended counts streams the server ended before the benchmark closed
	// them; Pings the comment lines received; Mismatches events whose data
	// did not agree with their ID.
	Ended      int `json:"streams_ended_early"`
	Pings      int `json:"pings"`
	Mismatches int `json:"mismatched_events"`
	// Memory: with every subscriber connected, after the comments, and
	// the peak since tribune started.
	RSSConnected int64 `json:"rss_connected_bytes"`
	RSSAfter     int64 `json:"rss_after_bytes"`
	PeakRSS      int64 `json:"peak_rss_bytes"`
	// ServerCPU and ClientCPU are tribune's and the benchmark's shares of
	// the machine's CPU while the comments were posted and delivered, in
	// percent (-1 when unknown): the client must not be what limits.
	ServerCPU float64 `json:"server_cpu_percent"`
	ClientCPU float64 `json:"client_cpu_percent"`
}

// fanoutMode: subscribe many readers to one article's stream, post
// comments one by one and time their arrival at every subscriber.
func (b *bench) fanoutMode(ctx context.Context, bin string, r *ModeReport) error {
	o := b.opt.Comments
	f := &FanoutFigures{Subscribers: o.Subscribers, Comments: o.Count, IntervalMS: millis(o.Interval)}
	r.Fanout = f
	var err error
	// One descriptor per subscriber on each side, plus the server's own.
	if f.OpenFiles, err = raiseOpenFiles(uint64(o.Subscribers) + 1024); err != nil {
		return err
	}
	base, err := b.startTribune(ctx, bin)
	if err != nil {
		return err
	}
	slugs, err := b.importArticles(ctx, bin, "loadtest-fanout", 1)
	if err != nil {
		return err
	}
	api := commentsAPI{base: base, client: b.check}
	if err := b.waitForAPI(ctx, api, slugs[0]); err != nil {
		return err
	}
	tokens, err := b.createReaders(ctx, bin, 1)
	if err != nil {
		return err
	}
	u, _ := url.Parse(base)
	fleet := &Fleet{Addr: u.Host, Path: "/api/v1/articles/" + url.PathEscape(slugs[0]) + "/comments/stream", Dials: 256}
	runtime.GC()
	start := time.Now()
	fleet.Open(ctx, o.Subscribers, o.Count+2)
	defer fleet.Close()
	b.waitConnected(ctx, fleet, o.Subscribers)
	f.ConnectS = time.Since(start).Seconds()
	f.Connected, f.Failed = fleet.Connected(), fleet.Failed()
	b.logf("fanout: %d of %d subscribers connected in %.1fs (%d failed)", f.Connected, o.Subscribers, f.ConnectS, f.Failed)
	if f.Connected == 0 {
		fleet.Close()
		f.FirstFailure = fleet.Stats().FirstFail
		return fmt.Errorf("no subscriber could connect to the stream: %s", f.FirstFailure)
	}
	f.ServerMetrics = b.streamMetrics(ctx, base)
	mem, err := b.serverMemory()
	if err != nil {
		return err
	}
	f.RSSConnected = mem.RSS

	p := fanoutPoster{api: api, token: tokens[0], slug: slugs[0], gen: NewTextGen(99)}
	probe, err := p.post(ctx)
	if err != nil {
		return fmt.Errorf("probe comment: %w", err)
	}
	b.waitEvents(ctx, fleet, f.Connected, time.Now().Add(10*time.Second))
	b.logf("fanout: probe comment delivered %d times; posting %d comments, one every %v", fleet.Events(), o.Count, o.Interval)
	cpuBefore, cpuErr := sampleSplit(b.tribune.pid(), os.Getpid())
	posts := p.postEvery(ctx, o.Count, o.Interval)
	published := 0
	for _, q := range posts {
		if q.err == nil {
			published++
		}
	}
	last := time.Now()
	b.waitEvents(ctx, fleet, f.Connected*(1+published), last.Add(max(3*time.Second, 3*o.Targets.MaxDelivery)))
	f.ServerCPU, f.ClientCPU = -1, -1
	if cpuAfter, err := sampleSplit(b.tribune.pid(), os.Getpid()); err == nil && cpuErr == nil {
		if sh := cpuBefore.shares(cpuAfter); sh != nil {
			f.ServerCPU, f.ClientCPU = sh[0], sh[1]
		}
	}
	if mem, err = b.serverMemory(); err != nil {
		return err
	}
	f.RSSAfter, f.PeakRSS = mem.RSS, mem.Peak
	fleet.Close()
	if err := ctx.Err(); err != nil {
		return err
	}
	st := fleet.Stats()
	all := append([]fanoutPost{probe}, posts...)
	f.fill(st, api.seqs(ctx, slugs[0], all, st.IDs), o.Targets.MaxDelivery)
	b.logf("fanout: %.2f%% delivered within %v, p99 %s, %d missed; server RSS %s, peak %s",
		f.Delivery.WithinPercent, o.Targets.MaxDelivery, msText(f.Delivery.P99MS), f.Delivery.Missed, mib(f.RSSAfter), mib(f.PeakRSS))
	b.stopTribune(r)
	return nil
}

// waitConnected waits until every subscriber has connected or failed,
// logging progress; it gives up after streamTimeout.
func (b *bench) waitConnected(ctx context.Context, fleet *Fleet, n int) {
	deadline := time.Now().Add(streamTimeout)
	lastLog := time.Now()
	for ctx.Err() == nil && time.Now().Before(deadline) && fleet.Connected()+fleet.Failed() < n {
		if time.Since(lastLog) > 2*time.Second {
			b.logf("fanout: %d connected, %d failed", fleet.Connected(), fleet.Failed())
			lastLog = time.Now()
		}
		time.Sleep(20 * time.Millisecond) // polling a counter; nothing to wait on
	}
}

// waitEvents waits until the subscribers have received want events in all,
// or until the deadline.
func (b *bench) waitEvents(ctx context.Context, fleet *Fleet, want int, deadline time.Time) {
	for ctx.Err() == nil && time.Now().Before(deadline) && fleet.Events() < want {
		time.Sleep(5 * time.Millisecond) // polling a counter; nothing to wait on
	}
}

// streamMetrics returns tribune's /metrics lines about streams or
// subscribers, if it has any, and those that split its memory (goroutines,
// live heap, memory from the OS): with every subscriber connected they
// show what one costs.
func (b *bench) streamMetrics(ctx context.Context, base string) []string {
	status, body, err := fetch(ctx, b.check, base+"/metrics")
	if err != nil || status != http.StatusOK {
		return nil
	}
	var out []string
	for _, line := range splitLines(string(body)) {
		if line == "" || line[0] == '#' {
			continue
		}
		if containsFold(line, "subscri") || containsFold(line, "stream") || slices.ContainsFunc(memoryMetrics, func(m string) bool {
			return strings.HasPrefix(line, m+" ")
		}) {
			out = append(out, line)
		}
	}
	return out
}

// memoryMetrics are the Go runtime's figures that explain a server's RSS.
var memoryMetrics = []string{"go_goroutines", "go_memstats_heap_alloc_bytes", "go_gc_heap_goal_bytes", "go_memstats_sys_bytes"}
