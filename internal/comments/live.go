package comments

import (
	"context"
	"encoding/json"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"tribune/internal/store"
)

// Event is one newly published comment, ready to send on a stream.
type Event struct {
	Seq       int64
	ArticleID string
	// Data is the JSON of the event's data line.
	Data []byte
}

// EventComment is the JSON a stream event carries (and the API lists).
type EventComment struct {
	ID        string       `json:"id"`
	Seq       int64        `json:"seq"`
	ParentID  string       `json:"parent_id,omitempty"`
	Author    EventAuthor  `json:"author"`
	ReplyTo   *EventAuthor `json:"reply_to,omitempty"`
	Text      string       `json:"text"`
	HTML      string       `json:"html"`
	Status    string       `json:"status"`
	CreatedAt time.Time    `json:"created_at"`
	EditedAt  *time.Time   `json:"edited_at,omitempty"`
	Replies   int          `json:"reply_count"`
	Moderated bool         `json:"edited_by_moderator,omitempty"`
}

// EventAuthor is a comment's author as readers see it.
type EventAuthor struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// ToEvent converts a comment to its JSON form.
func ToEvent(c store.Comment, links bool) EventComment {
	e := EventComment{ID: c.ID, Seq: c.Seq, ParentID: c.ParentID, Author: EventAuthor{ID: c.AuthorID, Name: c.AuthorName},
		Text: c.Body, HTML: string(RenderText(c.Body, links)), Status: c.Status, CreatedAt: c.CreatedAt, Replies: c.ReplyCount,
		Moderated: c.EditedByModerator}
	if c.ParentAuthorID != "" {
		e.ReplyTo = &EventAuthor{ID: c.ParentAuthorID, Name: c.ParentAuthorName}
	}
	if !c.EditedAt.IsZero() {
		t := c.EditedAt
		e.EditedAt = &t
	}
	if c.Status == store.CommentDeleted {
		e.Text, e.HTML = "", ""
	}
	return e
}

// Hub delivers newly published comments to the streams open on this node.
// It follows the store's event log (so comments published on any node
// arrive, in order, exactly once) and fans each event out to subscribers.
type Hub struct {
	store Store
	log   *slog.Logger
	links bool

	mu     sync.Mutex
	subs   map[string]map[*Subscriber]struct{}
	conns  map[string]map[*ConnStream]struct{}
	closed bool
	// nextShard spreads streams over the writers.
	nextShard int
	writers   shardWriters
	// last is the position up to which every event has been delivered;
	// only Run writes it.
	last atomic.Int64
	// ahead holds positions beyond last already delivered: with several
	// committers (or nodes) a later position can commit before an earlier
	// one, so the hub delivers what it sees and waits for the gaps.
	ahead map[int64]bool
	// stuck is when last stopped at a gap; a gap older than gapWait is a
	// rolled-back transaction and is skipped.
	stuck time.Time

	kick  chan struct{}
	ready chan struct{}
	// observe, if set, sees every comment the poller delivers (published
	// on any node), once each.
	observe func(store.Comment)
}

// Observe sets a function that sees every newly published comment, from
// any node, as the poller delivers it: for detectors that must see the
// whole site's traffic (coordinated posting, flooding). Set it before Run.
func (h *Hub) Observe(fn func(store.Comment)) { h.observe = fn }

// Subscriber is one open stream.
type Subscriber struct {
	// C receives the article's events; it is closed when the subscriber
	// falls too far behind, and the client should reconnect and resume.
	C         chan Event
	articleID string
	closed    bool
}

// heartbeat is how often idle streams get a comment line, so proxies and
// load balancers keep them open.
const heartbeat = 15 * time.Second

// pollEvery bounds how late a comment published on another node arrives.
const pollEvery = 100 * time.Millisecond

func newHub(st Store, log *slog.Logger, links bool) *Hub {
	return &Hub{store: st, log: log, links: links, subs: map[string]map[*Subscriber]struct{}{}, kick: make(chan struct{}, 1),
		conns: map[string]map[*ConnStream]struct{}{},
		ahead: map[int64]bool{}, ready: make(chan struct{})}
}

// Subscribe opens a stream on an article's new comments.
func (h *Hub) Subscribe(articleID string) *Subscriber {
	s := &Subscriber{C: make(chan Event, 64), articleID: articleID}
	h.mu.Lock()
	if h.closed {
		s.closed = true
		close(s.C)
		h.mu.Unlock()
		return s
	}
	if h.subs[articleID] == nil {
		h.subs[articleID] = map[*Subscriber]struct{}{}
	}
	h.subs[articleID][s] = struct{}{}
	h.mu.Unlock()
	return s
}

// Unsubscribe closes a stream.
func (h *Hub) Unsubscribe(s *Subscriber) {
	h.mu.Lock()
	defer h.mu.Unlock()
	delete(h.subs[s.articleID], s)
	if len(h.subs[s.articleID]) == 0 {
		delete(h.subs, s.articleID)
	}
	if !s.closed {
		s.closed = true
		close(s.C)
	}
}

// Subscribers counts the open streams on this node, of both kinds.
func (h *Hub) Subscribers() int {
	n := h.Streams()
	h.mu.Lock()
	defer h.mu.Unlock()
	for _, m := range h.subs {
		n += len(m)
	}
	return n
}

// Last is the newest stream position this node has delivered.
func (h *Hub) Last() int64 { return h.last.Load() }

// Ready is closed once the hub knows where the event log stands; events
// published before that are not delivered live (streams replay them).
func (h *Hub) Ready() <-chan struct{} { return h.ready }

// Kick makes the hub look for new events now (after a local publish).
func (h *Hub) Kick() {
	select {
	case h.kick <- struct{}{}:
	default:
	}
}

// Run follows the event log until ctx ends.
func (h *Hub) Run(ctx context.Context) {
	last, err := h.store.LastCommentSeq(ctx)
	if err != nil {
		h.log.Error("live comments: read position", "err", err)
	}
	h.last.Store(last)
	close(h.ready)
	t := time.NewTicker(pollEvery)
	defer t.Stop()
	ping := time.NewTicker(heartbeat)
	defer ping.Stop()
	for {
		select {
		case <-ctx.Done():
			h.Close()
			return
		case <-ping.C:
			h.pingConns()
			continue
		case <-t.C:
		case <-h.kick:
		}
		if err := h.poll(ctx); err != nil && ctx.Err() == nil {
			h.log.Warn("live comments: poll", "err", err)
		}
	}
}

// gapWait is how long the hub waits for a missing position to commit.
const gapWait = 2 * time.Second

func (h *Hub) poll(ctx context.Context) error {
	for {
		evs, err := h.store.CommentEventsAfter(ctx, "", h.last.Load(), 500)
		if err != nil || len(evs) == 0 {
			return err
		}
		fresh := evs[:0:0]
		for _, e := range evs {
			if !h.ahead[e.Seq] {
				fresh = append(fresh, e)
			}
		}
		out, cs, err := h.load(ctx, fresh)
		if err != nil {
			return err
		}
		if h.observe != nil {
			for _, c := range cs {
				h.observe(c)
			}
		}
		for _, e := range out {
			h.fanOut(e)
		}
		for _, e := range fresh {
			h.ahead[e.Seq] = true
		}
		h.advance(time.Now())
		if len(evs) < 500 || len(fresh) == 0 {
			return nil
		}
	}
}

// advance moves last over every delivered position, and over a gap that
// has stayed open longer than gapWait.
func (h *Hub) advance(now time.Time) {
	last := h.last.Load()
	for {
		for h.ahead[last+1] {
			delete(h.ahead, last+1)
			last++
		}
		if len(h.ahead) == 0 {
			h.stuck = time.Time{}
			break
		}
		if h.stuck.IsZero() {
			h.stuck = now
		}
		if now.Sub(h.stuck) < gapWait {
			break
		}
		last++ // a rolled-back position: skip it
		h.stuck = now
	}
	h.last.Store(last)
}

// Load turns stored events into stream events with their comments' JSON.
func (h *Hub) Load(ctx context.Context, evs []store.CommentEvent) ([]Event, error) {
	out, _, err := h.load(ctx, evs)
	return out, err
}

// load is Load that also returns the comments sent.
func (h *Hub) load(ctx context.Context, evs []store.CommentEvent) ([]Event, []store.Comment, error) {
	ids := make([]string, len(evs))
	for i, e := range evs {
		ids[i] = e.CommentID
	}
	cs, err := h.store.CommentsByIDs(ctx, ids)
	if err != nil {
		return nil, nil, err
	}
	byID := make(map[string]store.Comment, len(cs))
	for _, c := range cs {
		byID[c.ID] = c
	}
	out := make([]Event, 0, len(evs))
	var sent []store.Comment
	for _, e := range evs {
		c, ok := byID[e.CommentID]
		// Comments taken down since (held for a moderator) are not sent;
		// one published again has a newer event, which is the one sent.
		if !ok || c.Status == store.CommentHeld || c.Status == store.CommentRejected || (c.Seq != 0 && c.Seq != e.Seq) {
			continue
		}
		c.Seq = e.Seq
		data, err := json.Marshal(ToEvent(c, h.links))
		if err != nil {
			return nil, nil, err
		}
		out = append(out, Event{Seq: e.Seq, ArticleID: e.ArticleID, Data: data})
		sent = append(sent, c)
	}
	return out, sent, nil
}

// fanOut gives an event to every subscriber of its article without ever
// blocking: a subscriber whose buffer is full is closed and resumes later
// from its last event id.
func (h *Hub) fanOut(e Event) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.fanOutConns(e)
	for s := range h.subs[e.ArticleID] {
		select {
		case s.C <- e:
		default:
			delete(h.subs[e.ArticleID], s)
			s.closed = true
			close(s.C)
		}
	}
}

// Close ends every open stream and refuses new ones; a server calls it
// when it starts shutting down, since streams never finish on their own.
func (h *Hub) Close() {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.closed = true
	h.closeConns()
	for id, m := range h.subs {
		for s := range m {
			if !s.closed {
				s.closed = true
				close(s.C)
			}
		}
		delete(h.subs, id)
	}
}
