package loadtest

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Fleet is many stream subscribers of one article, each a raw TCP
// connection with a hand-written HTTP/1.1 request and the benchmark's own
// event parser: ten thousand of them cost a goroutine and a few kilobytes
// each, far less than net/http clients would, so the client is not what
// limits the measurement. A subscriber notes the time a read returned
// before it parses anything, and keeps only each comment event's sequence
// number and that time. Subscriber 0 also decodes every event's data, to
// map sequence numbers to comment IDs and check the two agree.
type Fleet struct {
	// Addr is the server's host:port, Path the stream's path.
	Addr string
	Path string
	// Dials bounds the connections being opened at once, so the listen
	// queue is not overrun.
	Dials int

	subs      []subscriber
	connected atomic.Int64
	failed    atomic.Int64
	events    atomic.Int64
	stop      context.CancelFunc
	wg        sync.WaitGroup

	mu        sync.Mutex
	ids       map[int64]string // seq → comment id, from subscriber 0
	mismatch  int
	firstFail string
}

// subscriber is one connection's state, owned by its goroutine until the
// fleet is closed.
type subscriber struct {
	receipts []Receipt
	pings    int
	// ended is set when the stream ended before the fleet closed it.
	ended bool
	err   error
}

// Open starts n subscribers; they connect in the background. expect is
// how many events each should have room for.
func (f *Fleet) Open(ctx context.Context, n, expect int) {
	ctx, f.stop = context.WithCancel(ctx)
	f.subs = make([]subscriber, n)
	f.ids = make(map[int64]string)
	host, _, _ := net.SplitHostPort(f.Addr)
	req := []byte("GET " + f.Path + " HTTP/1.1\r\nHost: " + host + "\r\nAccept: text/event-stream\r\n" +
		"User-Agent: " + userAgent + "\r\nCache-Control: no-cache\r\n\r\n")
	sem := make(chan struct{}, max(f.Dials, 1))
	for i := range f.subs {
		f.subs[i].receipts = make([]Receipt, 0, expect)
		f.wg.Go(func() { f.run(ctx, i, req, sem) })
	}
}

// Connected is how many subscribers have had the stream's response
// headers; Failed how many could not subscribe.
func (f *Fleet) Connected() int { return int(f.connected.Load()) }

// Failed is how many subscribers could not subscribe.
func (f *Fleet) Failed() int { return int(f.failed.Load()) }

// Events is how many comment events all subscribers received so far.
func (f *Fleet) Events() int { return int(f.events.Load()) }

// Close ends every connection and waits for the subscribers to finish.
func (f *Fleet) Close() {
	f.stop()
	f.wg.Wait()
}

// streamTimeout bounds the wait for the stream's response headers.
const streamTimeout = 2 * time.Minute

func (f *Fleet) run(ctx context.Context, i int, req []byte, sem chan struct{}) {
	s := &f.subs[i]
	select {
	case sem <- struct{}{}:
	case <-ctx.Done():
		return
	}
	conn, err := (&net.Dialer{Timeout: 30 * time.Second}).DialContext(ctx, "tcp", f.Addr)
	<-sem
	if err != nil {
		f.fail(s, err)
		return
	}
	defer conn.Close()
	defer context.AfterFunc(ctx, func() { conn.Close() })()
	conn.SetDeadline(time.Now().Add(streamTimeout))
	if _, err := conn.Write(req); err != nil {
		f.fail(s, err)
		return
	}
	br := bufio.NewReaderSize(conn, 1024)
	resp, err := http.ReadResponse(br, nil)
	if err != nil {
		f.fail(s, fmt.Errorf("stream headers: %w", err))
		return
	}
	defer resp.Body.Close()
	if ct := resp.Header.Get("Content-Type"); resp.StatusCode != http.StatusOK || !strings.HasPrefix(ct, "text/event-stream") {
		f.fail(s, fmt.Errorf("stream answered %d %q", resp.StatusCode, ct))
		return
	}
	conn.SetDeadline(time.Time{})
	f.connected.Add(1)
	f.read(ctx, i, resp)
}

// read consumes the stream until it ends or the fleet closes it.
func (f *Fleet) read(ctx context.Context, i int, resp *http.Response) {
	s := &f.subs[i]
	p := SSEParser{KeepData: i == 0}
	buf := make([]byte, 2048)
	var now time.Time
	emit := func(e SSEEvent) {
		if e.Event != "comment" {
			return
		}
		s.receipts = append(s.receipts, Receipt{Seq: e.Seq(), At: now})
		f.events.Add(1)
		if i == 0 {
			f.learn(e)
		}
	}
	for {
		n, err := resp.Body.Read(buf)
		if n > 0 {
			now = time.Now()
			p.Feed(buf[:n], emit)
		}
		if err != nil {
			s.pings = p.Comments
			if ctx.Err() == nil {
				s.ended, s.err = true, err
			}
			return
		}
	}
}

// learn records the comment ID of an event subscriber 0 received.
func (f *Fleet) learn(e SSEEvent) {
	var c struct {
		ID  string `json:"id"`
		Seq *int64 `json:"seq"`
	}
	err := json.Unmarshal([]byte(e.Data), &c)
	f.mu.Lock()
	defer f.mu.Unlock()
	switch {
	case err != nil || c.ID == "":
		f.mismatch++
		f.noteFail(fmt.Sprintf("event %s: data is not a comment: %.80s", e.ID, e.Data))
	case c.Seq != nil && *c.Seq != e.Seq():
		f.mismatch++
		f.noteFail(fmt.Sprintf("event id %s but data seq %d", e.ID, *c.Seq))
	default:
		f.ids[e.Seq()] = c.ID
	}
}

func (f *Fleet) fail(s *subscriber, err error) {
	s.err = err
	f.failed.Add(1)
	f.mu.Lock()
	f.noteFail(err.Error())
	f.mu.Unlock()
}

func (f *Fleet) noteFail(msg string) {
	if f.firstFail == "" {
		f.firstFail = msg
	}
}

// FleetStats is what the subscribers saw, read after Close.
type FleetStats struct {
	Receipts  [][]Receipt
	Ended     int
	Pings     int
	Mismatch  int
	FirstFail string
	// IDs maps sequence numbers to comment IDs, from subscriber 0.
	IDs map[int64]string
}

// Stats gathers the subscribers' results; call it after Close.
func (f *Fleet) Stats() FleetStats {
	st := FleetStats{Receipts: make([][]Receipt, len(f.subs)), Mismatch: f.mismatch, FirstFail: f.firstFail, IDs: f.ids}
	for i, s := range f.subs {
		st.Receipts[i] = s.receipts
		st.Pings += s.pings
		if s.ended {
			st.Ended++
			if st.FirstFail == "" && s.err != nil && !errors.Is(s.err, net.ErrClosed) {
				st.FirstFail = "stream ended: " + s.err.Error()
			}
		}
	}
	return st
}
