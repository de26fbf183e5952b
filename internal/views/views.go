// Package views counts article page views in memory and writes them to the
// database in batches, so a busy article costs no database write per reader.
package views

import (
	"context"
	"log/slog"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Store is where batches go.
type Store interface {
	AddViews(ctx context.Context, counts map[string]int64, at time.Time) (map[string]int64, error)
}

// Counter batches views. The zero value is not usable; call New.
type Counter struct {
	store Store
	log   *slog.Logger
	// entries maps an article id to its *entry.
	entries sync.Map
	// flushMu keeps two flushes (ticker and shutdown) from interleaving.
	flushMu sync.Mutex
}

type entry struct {
	pending atomic.Int64
	// known is the total last read from or written to the database.
	known atomic.Int64
}

// New returns a Counter writing to st.
func New(st Store, log *slog.Logger) *Counter {
	return &Counter{store: st, log: log}
}

func (c *Counter) entry(id string) *entry {
	if e, ok := c.entries.Load(id); ok {
		return e.(*entry)
	}
	e, _ := c.entries.LoadOrStore(id, &entry{})
	return e.(*entry)
}

// Hit counts one view of an article.
func (c *Counter) Hit(id string) { c.entry(id).pending.Add(1) }

// Total is the article's view count as readers should see it: the larger
// of the database's figure (stored, from a page render) and the last total
// this node wrote, plus the views not yet written.
func (c *Counter) Total(id string, stored int64) int64 {
	e := c.entry(id)
	known := e.known.Load()
	if stored > known {
		e.known.CompareAndSwap(known, stored)
		known = stored
	}
	return known + e.pending.Load()
}

// Flush writes the pending views in one transaction. Views of a failed
// batch are put back so none are lost.
func (c *Counter) Flush(ctx context.Context) error {
	c.flushMu.Lock()
	defer c.flushMu.Unlock()
	batch := map[string]int64{}
	c.entries.Range(func(k, v any) bool {
		if n := v.(*entry).pending.Swap(0); n > 0 {
			batch[k.(string)] = n
		}
		return true
	})
	if len(batch) == 0 {
		return nil
	}
	totals, err := c.store.AddViews(ctx, batch, time.Now())
	if err != nil {
		for id, n := range batch {
			c.entry(id).pending.Add(n)
		}
		return err
	}
	for id, total := range totals {
		c.entry(id).known.Store(total)
	}
	return nil
}

// Run flushes every interval until ctx ends, then flushes once more.
func (c *Counter) Run(ctx context.Context, interval time.Duration) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-t.C:
			if err := c.Flush(ctx); err != nil {
				c.log.Warn("flush views", "err", err)
			}
		case <-ctx.Done():
			fctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
			if err := c.Flush(fctx); err != nil {
				c.log.Error("final flush of views", "err", err)
			}
			cancel()
			return
		}
	}
}

// botMarkers are substrings of the User-Agent of crawlers, link previewers
// and monitors, which read pages but are not readers.
var botMarkers = []string{
	"bot", "crawl", "spider", "slurp", "facebookexternalhit", "embedly", "preview",
	"monitor", "pingdom", "lighthouse", "feedfetcher", "mediapartners", "archiver", "wget",
}

// IsBot reports whether a request with this User-Agent should not count.
func IsBot(userAgent string) bool {
	if userAgent == "" {
		return true
	}
	ua := strings.ToLower(userAgent)
	for _, m := range botMarkers {
		if strings.Contains(ua, m) {
			return true
		}
	}
	return false
}
