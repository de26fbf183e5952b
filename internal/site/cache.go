package site

import (
	"bytes"
	"net/http"
	"strconv"
	"sync"
	"time"

	"tribune/internal/web"
)

// Slots are markers a template writes where a per-request value goes, so a
// page can be rendered once, cached, and still show live figures.
const (
	slotViews     = "tribune-slot-views-raw-9d41"
	slotViewsText = "tribune-slot-views-text-9d41"
	// slotAccount is the header's sign-in links or the reader's name.
	slotAccount = "tribune-slot-account-9d41"
	// slotComments is an article's comments section.
	slotComments = "tribune-slot-comments-9d41"
)

var slotMarkers = []string{slotViews, slotViewsText, slotAccount, slotComments}

// slotFiller returns the bytes for a slot marker, per request.
type slotFiller func(marker string) []byte

// cachedPage is a rendered response: static segments with slots between.
type cachedPage struct {
	status      int
	contentType string
	cacheCtl    string
	segments    [][]byte
	// slots[i] is the marker that follows segments[i]; one fewer than segments.
	slots     []string
	articleID string
	views     int64
	expires   time.Time
	// cacheable keeps a non-200 page (an error page) in the cache.
	cacheable bool
}

// pageCache holds rendered pages until they expire, the content version
// moves, or it is full (then it starts over: simple and bounded).
type pageCache struct {
	mu      sync.RWMutex
	entries map[string]*cachedPage
	version int64
	ttl     time.Duration
	max     int

	flightMu sync.Mutex
	flights  map[string]*flight
}

func newPageCache(ttl time.Duration, max int) *pageCache {
	return &pageCache{entries: map[string]*cachedPage{}, ttl: ttl, max: max, flights: map[string]*flight{}}
}

func (c *pageCache) get(key string, now time.Time) *cachedPage {
	c.mu.RLock()
	p := c.entries[key]
	c.mu.RUnlock()
	if p == nil || now.After(p.expires) {
		return nil
	}
	return p
}

func (c *pageCache) put(key string, p *cachedPage, now time.Time) {
	p.expires = now.Add(c.ttl)
	c.mu.Lock()
	if len(c.entries) >= c.max {
		c.entries = map[string]*cachedPage{}
	}
	c.entries[key] = p
	c.mu.Unlock()
}

// load returns the cached page for key or builds it with fn. Concurrent
// misses for one key wait for a single build instead of stampeding the
// database when a popular page expires.
func (c *pageCache) load(key string, now time.Time, fn func() (*cachedPage, error)) (*cachedPage, error) {
	if p := c.get(key, now); p != nil {
		return p, nil
	}
	c.flightMu.Lock()
	if f, ok := c.flights[key]; ok {
		c.flightMu.Unlock()
		<-f.done
		return f.page, f.err
	}
	f := &flight{done: make(chan struct{})}
	c.flights[key] = f
	c.flightMu.Unlock()

	f.page, f.err = fn()
	if f.err == nil && (f.page.status == http.StatusOK || f.page.cacheable) {
		c.put(key, f.page, now)
	}
	c.flightMu.Lock()
	delete(c.flights, key)
	c.flightMu.Unlock()
	close(f.done)
	return f.page, f.err
}

type flight struct {
	done chan struct{}
	page *cachedPage
	err  error
}

func (c *pageCache) clear() {
	c.mu.Lock()
	c.entries = map[string]*cachedPage{}
	c.mu.Unlock()
}

func (c *pageCache) setVersion(v int64) {
	c.mu.Lock()
	if v != c.version {
		c.version = v
		c.entries = map[string]*cachedPage{}
	}
	c.mu.Unlock()
}

// newCachedPage splits a rendered body at the slot markers.
func newCachedPage(status int, contentType, cacheCtl string, body []byte) *cachedPage {
	p := &cachedPage{status: status, contentType: contentType, cacheCtl: cacheCtl}
	for {
		at, marker := -1, ""
		for _, m := range slotMarkers {
			if i := bytes.Index(body, []byte(m)); i >= 0 && (at < 0 || i < at) {
				at, marker = i, m
			}
		}
		if at < 0 {
			p.segments = append(p.segments, body)
			return p
		}
		p.segments = append(p.segments, body[:at])
		p.slots = append(p.slots, marker)
		body = body[at+len(marker):]
	}
}

// write sends the page, filling its slots.
func (p *cachedPage) write(w http.ResponseWriter, fill slotFiller, pool *sync.Pool) {
	h := w.Header()
	h.Set("Content-Type", p.contentType)
	if p.cacheCtl != "" {
		h.Set("Cache-Control", p.cacheCtl)
	}
	fills := make([][]byte, len(p.slots))
	size := 0
	for i, s := range p.segments {
		size += len(s)
		if i < len(p.slots) {
			fills[i] = fill(p.slots[i])
			size += len(fills[i])
		}
	}
	bp := pool.Get().(*[]byte)
	buf := (*bp)[:0]
	for i, s := range p.segments {
		buf = append(buf, s...)
		if i < len(fills) {
			buf = append(buf, fills[i]...)
		}
	}
	h.Set("Content-Length", strconv.Itoa(len(buf)))
	w.WriteHeader(p.status)
	w.Write(buf)
	if cap(buf) <= 1<<20 {
		*bp = buf
		pool.Put(bp)
	}
}

// newBodyPool recycles the buffers pages are assembled in, so serving a
// cached page allocates next to nothing.
func newBodyPool() *sync.Pool {
	return &sync.Pool{New: func() any { b := make([]byte, 0, 64<<10); return &b }}
}

// recorder captures what a page handler writes so it can be cached.
type recorder struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func (r *recorder) Header() http.Header         { return r.header }
func (r *recorder) Write(b []byte) (int, error) { return r.body.Write(b) }
func (r *recorder) WriteHeader(status int) {
	if r.status == 0 {
		r.status = status
	}
}

// cached serves a page from the cache, rendering and storing it on a miss.
// Only the path and the page number make the key, so other query strings
// cannot fill the cache.
func (s *Site) cached(h web.HandlerFunc) web.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		page, err := pageNumber(r)
		if err != nil {
			return err
		}
		key := r.URL.Path + "?page=" + strconv.Itoa(page)
		now := s.now()
		p, err := s.cache.load(key, now, func() (*cachedPage, error) {
			rec := &recorder{header: http.Header{}}
			if err := h(rec, r); err != nil {
				return nil, err
			}
			if rec.status == 0 {
				rec.status = http.StatusOK
			}
			return newCachedPage(rec.status, rec.header.Get("Content-Type"), rec.header.Get("Cache-Control"), rec.body.Bytes()), nil
		})
		if err != nil {
			return err
		}
		p.write(w, s.fill(r, 0), s.bodies)
		return nil
	}
}

// viewsText is the visible view count: "1 view", "12,345 views".
func viewsText(n int64) string {
	if n == 1 {
		return "1 view"
	}
	return groupThousands(n) + " views"
}

// groupThousands formats n as 12,345.
func groupThousands(n int64) string {
	s := strconv.FormatInt(n, 10)
	if n < 0 || len(s) <= 3 {
		return s
	}
	out := make([]byte, 0, len(s)+len(s)/3)
	pre := len(s) % 3
	if pre > 0 {
		out = append(out, s[:pre]...)
	}
	for i := pre; i < len(s); i += 3 {
		if len(out) > 0 {
			out = append(out, ',')
		}
		out = append(out, s[i:i+3]...)
	}
	return string(out)
}
