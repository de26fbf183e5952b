package comments

import (
	"net"
	"strconv"
	"sync"
	"time"
)

// Streams to thousands of readers would cost two goroutines and their
// buffers each if net/http kept serving them. Instead the stream handler
// takes the connection over (http.Hijacker) and hands it to the hub, which
// writes events to all connections of an article from a few writer
// goroutines: a stream then costs little more than its socket.

// ConnStream is a reader's live stream, written by the hub.
type ConnStream struct {
	conn      net.Conn
	articleID string
	shard     int
	// live is false while the handler replays what the reader missed;
	// events arriving meanwhile wait in pending.
	live    bool
	pending []Event
	// after is the last position the replay sent; later deliveries of
	// earlier positions are skipped.
	after  int64
	closed bool
}

// writeShards is how many goroutines write to streams.
const writeShards = 8

// connWrite is one batch of bytes for some streams of one shard.
type connWrite struct {
	data    []byte
	seq     int64
	streams []*ConnStream
}

// shardWriters runs the writer goroutines.
type shardWriters struct {
	queues [writeShards]chan connWrite
	once   sync.Once
}

// writeTimeout bounds how long a slow reader may hold a writer; a stream
// that cannot take an event in time is closed and reconnects.
const writeTimeout = 2 * time.Second

func (h *Hub) startWriters() {
	h.writers.once.Do(func() {
		for i := range h.writers.queues {
			q := make(chan connWrite, 1024)
			h.writers.queues[i] = q
			go func() {
				for w := range q {
					for _, cs := range w.streams {
						if w.seq > 0 && w.seq <= cs.after {
							continue
						}
						cs.conn.SetWriteDeadline(time.Now().Add(writeTimeout))
						if _, err := cs.conn.Write(w.data); err != nil {
							h.Detach(cs)
						}
					}
				}
			}()
		}
	})
}

// Attach hands a hijacked connection, whose response headers are already
// sent, to the hub. Until Live is called, events for it are kept back.
func (h *Hub) Attach(articleID string, conn net.Conn) *ConnStream {
	h.startWriters()
	cs := &ConnStream{conn: conn, articleID: articleID}
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.closed {
		cs.closed = true
		conn.Close()
		return cs
	}
	h.nextShard++
	cs.shard = h.nextShard % writeShards
	if h.conns[articleID] == nil {
		h.conns[articleID] = map[*ConnStream]struct{}{}
	}
	h.conns[articleID][cs] = struct{}{}
	return cs
}

// Live marks a stream caught up: after is the last position its replay
// wrote. Events kept back meanwhile are written now, in order.
func (h *Hub) Live(cs *ConnStream, after int64) {
	cs.after = after
	for {
		h.mu.Lock()
		p := cs.pending
		cs.pending = nil
		if len(p) == 0 || cs.closed {
			cs.live = !cs.closed
			h.mu.Unlock()
			return
		}
		h.mu.Unlock()
		for _, e := range p {
			if e.Seq <= cs.after {
				continue
			}
			cs.conn.SetWriteDeadline(time.Now().Add(writeTimeout))
			if _, err := cs.conn.Write(EventBytes(e)); err != nil {
				h.Detach(cs)
				return
			}
		}
	}
}

// Detach closes a stream.
func (h *Hub) Detach(cs *ConnStream) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.detachLocked(cs)
}

func (h *Hub) detachLocked(cs *ConnStream) {
	if cs.closed {
		return
	}
	cs.closed = true
	cs.conn.Close()
	delete(h.conns[cs.articleID], cs)
	if len(h.conns[cs.articleID]) == 0 {
		delete(h.conns, cs.articleID)
	}
}

// fanOutConns queues an event for the article's streams; called with h.mu held.
func (h *Hub) fanOutConns(e Event) {
	streams := h.conns[e.ArticleID]
	if len(streams) == 0 {
		return
	}
	data := EventBytes(e)
	var shards [writeShards][]*ConnStream
	for cs := range streams {
		if !cs.live {
			cs.pending = append(cs.pending, e)
			continue
		}
		shards[cs.shard] = append(shards[cs.shard], cs)
	}
	for i, list := range shards {
		if len(list) > 0 {
			h.queue(i, connWrite{data: data, seq: e.Seq, streams: list})
		}
	}
}

// queue hands work to a shard without ever blocking the hub: a shard so
// far behind that its queue is full drops its streams, which reconnect.
func (h *Hub) queue(i int, w connWrite) {
	select {
	case h.writers.queues[i] <- w:
	default:
		for _, cs := range w.streams {
			h.detachLocked(cs)
		}
	}
}

// pingConns sends the heartbeat comment to every stream.
func (h *Hub) pingConns() {
	h.mu.Lock()
	defer h.mu.Unlock()
	var shards [writeShards][]*ConnStream
	for _, streams := range h.conns {
		for cs := range streams {
			if cs.live {
				shards[cs.shard] = append(shards[cs.shard], cs)
			}
		}
	}
	for i, list := range shards {
		if len(list) > 0 {
			h.queue(i, connWrite{data: []byte(": ping\n\n"), streams: list})
		}
	}
}

// closeConns ends every stream (shutdown).
func (h *Hub) closeConns() {
	for _, streams := range h.conns {
		for cs := range streams {
			h.detachLocked(cs)
		}
	}
}

// Streams counts the hijacked streams open on this node.
func (h *Hub) Streams() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	n := 0
	for _, m := range h.conns {
		n += len(m)
	}
	return n
}

// EventBytes is an event as it goes on the wire.
func EventBytes(e Event) []byte {
	b := make([]byte, 0, len(e.Data)+40)
	b = append(b, "id: "...)
	b = strconv.AppendInt(b, e.Seq, 10)
	b = append(b, "\nevent: comment\ndata: "...)
	b = append(b, e.Data...)
	return append(b, "\n\n"...)
}
