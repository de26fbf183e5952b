package relevance

import (
	"container/list"
	"sync"
)

// lru keeps the prepared features of the most recently seen articles:
// comments on one article arrive together, and preparing a long article
// costs more than judging a comment.
type lru struct {
	mu    sync.Mutex
	size  int
	order *list.List // front = most recent; values are *entry
	items map[uint64]*list.Element
}

type entry struct {
	key uint64
	f   *features
}

func newLRU(size int) *lru {
	return &lru{size: size, order: list.New(), items: make(map[uint64]*list.Element)}
}

func (c *lru) get(key uint64) (*features, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.items[key]
	if !ok {
		return nil, false
	}
	c.order.MoveToFront(e)
	return e.Value.(*entry).f, true
}

func (c *lru) put(key uint64, f *features) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.items[key]; ok {
		e.Value.(*entry).f = f
		c.order.MoveToFront(e)
		return
	}
	c.items[key] = c.order.PushFront(&entry{key: key, f: f})
	for c.order.Len() > c.size {
		last := c.order.Back()
		c.order.Remove(last)
		delete(c.items, last.Value.(*entry).key)
	}
}
