// Package memo keeps rendered bytes (page fragments, API answers) for a
// short time, computing each key once even when many requests miss it at
// the same moment. Keys carry whatever version makes an entry stale, so
// the time-to-live only bounds changes the version cannot see.
package memo

import (
	"sync"
	"time"
)

// Cache maps keys to bytes that expire.
type Cache struct {
	ttl time.Duration
	max int

	mu      sync.Mutex
	entries map[string]entry
	flights map[string]chan struct{}
}

type entry struct {
	b       []byte
	expires time.Time
}

// New makes a cache whose entries live ttl and which starts over when it
// holds max entries (simple and bounded).
func New(ttl time.Duration, max int) *Cache {
	return &Cache{ttl: ttl, max: max, entries: map[string]entry{}, flights: map[string]chan struct{}{}}
}

// Load returns the bytes for key, computing them with fn on a miss. A
// result fn marks as not to keep (an error page) is returned but not kept.
func (c *Cache) Load(key string, now time.Time, fn func() ([]byte, bool)) []byte {
	for {
		c.mu.Lock()
		if e, ok := c.entries[key]; ok && now.Before(e.expires) {
			c.mu.Unlock()
			return e.b
		}
		if wait, ok := c.flights[key]; ok {
			c.mu.Unlock()
			<-wait
			continue
		}
		done := make(chan struct{})
		c.flights[key] = done
		c.mu.Unlock()

		b, keep := fn()
		c.mu.Lock()
		if keep {
			if len(c.entries) >= c.max {
				c.entries = map[string]entry{}
			}
			c.entries[key] = entry{b: b, expires: now.Add(c.ttl)}
		}
		delete(c.flights, key)
		c.mu.Unlock()
		close(done)
		return b
	}
}
