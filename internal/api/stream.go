package api

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"strconv"
	"time"

	"tribune/internal/comments"
)

// heartbeat keeps proxies and load balancers from closing idle streams.
const heartbeat = 15 * time.Second

// stream serves an article's new comments as Server-Sent Events. A client
// that reconnects with Last-Event-ID (or ?last_event_id=) first receives
// what was published meanwhile, from the store's event log.
func (a *API) stream(w http.ResponseWriter, r *http.Request) error {
	art, err := a.article(r)
	if err != nil {
		return err
	}
	last, _ := strconv.ParseInt(r.Header.Get("Last-Event-ID"), 10, 64)
	if v := r.URL.Query().Get("last_event_id"); v != "" && last == 0 {
		last, _ = strconv.ParseInt(v, 10, 64)
	}
	hub := a.comments.Hub
	select {
	case <-hub.Ready():
	case <-r.Context().Done():
		return nil
	}
	// Positions can commit out of order; a client may have seen a later one
	// before an earlier one arrived. Resume from where this node has
	// delivered everything (the stream may repeat a comment the client
	// already has; clients dedupe by id).
	if hl := hub.Last(); hl < last {
		last = hl
	}
	rc := http.NewResponseController(w)
	if r.ProtoMajor == 1 {
		if conn, brw, err := rc.Hijack(); err == nil {
			a.streamConn(r, w.Header(), conn, brw, art.ID, last)
			return nil
		}
	}
	// A stream outlives the server's read and write timeouts.
	rc.SetReadDeadline(time.Time{})
	rc.SetWriteDeadline(time.Time{})
	sub := hub.Subscribe(art.ID)
	defer hub.Unsubscribe(sub)

	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-cache, no-transform")
	h.Set("X-Accel-Buffering", "no")
	h.Set("Connection", "keep-alive")
	w.WriteHeader(http.StatusOK)
	bw := bufio.NewWriterSize(w, 512)
	fmt.Fprint(bw, "retry: 3000\n: connected\n\n")
	flush := func() error {
		if err := bw.Flush(); err != nil {
			return err
		}
		return rc.Flush()
	}
	replayed := a.replay(r.Context(), art.ID, last, bw)
	if err := flush(); err != nil {
		return nil
	}
	// Events can arrive out of order when several committers (or nodes)
	// publish at once; sent remembers what this stream already carried.
	sent := map[int64]bool{}
	send := func(e comments.Event) {
		if sent[e.Seq] || (e.Seq <= replayed) {
			return
		}
		if len(sent) > 10000 {
			clear(sent)
		}
		sent[e.Seq] = true
		writeEvent(bw, e)
	}
	ping := time.NewTicker(heartbeat)
	defer ping.Stop()
	for {
		select {
		case <-r.Context().Done():
			return nil
		case e, ok := <-sub.C:
			if !ok {
				return nil // fell behind or shutting down: the client resumes
			}
			send(e)
			// Send what is already queued in one write.
			for more := true; more; {
				select {
				case e2, ok := <-sub.C:
					if !ok {
						flush()
						return nil
					}
					send(e2)
				default:
					more = false
				}
			}
		case <-ping.C:
			fmt.Fprint(bw, ": ping\n\n")
		}
		if err := flush(); err != nil {
			return nil
		}
	}
}

func writeEvent(w io.Writer, e comments.Event) { w.Write(comments.EventBytes(e)) }

// replay writes the article's events after position last (a reconnecting
// reader's Last-Event-ID) and returns the last position written; 0 means
// a fresh stream with nothing to replay.
func (a *API) replay(ctx context.Context, articleID string, last int64, w io.Writer) int64 {
	if last <= 0 {
		return last
	}
	for {
		evs, err := a.store.CommentEventsAfter(ctx, articleID, last, 500)
		if err != nil || len(evs) == 0 {
			return last
		}
		out, err := a.comments.Hub.Load(ctx, evs)
		if err != nil {
			return last
		}
		for _, e := range out {
			writeEvent(w, e)
		}
		last = evs[len(evs)-1].Seq
		if len(evs) < 500 {
			return last
		}
	}
}

// streamConn serves a stream on a hijacked connection: it writes the
// response head and what the reader missed, then hands the connection to
// the hub, which writes every later event and heartbeat. No goroutine
// stays behind for the stream.
func (a *API) streamConn(r *http.Request, header http.Header, conn net.Conn, brw *bufio.ReadWriter, articleID string, last int64) {
	hub := a.comments.Hub
	cs := hub.Attach(articleID, conn)
	conn.SetDeadline(time.Time{})
	head := brw.Writer
	head.WriteString("HTTP/1.1 200 OK\r\n")
	header.Set("Content-Type", "text/event-stream")
	header.Set("Cache-Control", "no-cache, no-transform")
	header.Set("X-Accel-Buffering", "no")
	// The body runs until either side closes the connection.
	header.Set("Connection", "close")
	header.Del("Content-Length")
	header.Write(head)
	head.WriteString("\r\nretry: 3000\n: connected\n\n")
	replayed := a.replay(r.Context(), articleID, last, head)
	conn.SetWriteDeadline(time.Now().Add(10 * time.Second))
	if err := head.Flush(); err != nil {
		hub.Detach(cs)
		return
	}
	hub.Live(cs, replayed)
}
