package site

import (
	"net/http"
	"strconv"
	"strings"
	"sync"

	"tribune/internal/news"
	"tribune/internal/web"
)

// mediaCache keeps recently served images in memory up to a byte budget;
// images never change for an id, so entries never go stale.
type mediaCache struct {
	mu     sync.RWMutex
	items  map[string]news.Image
	size   int
	budget int
}

func newMediaCache(budget int) *mediaCache {
	return &mediaCache{items: map[string]news.Image{}, budget: budget}
}

func (c *mediaCache) get(id string) (news.Image, bool) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	img, ok := c.items[id]
	return img, ok
}

func (c *mediaCache) put(img news.Image) {
	if len(img.Data) > c.budget/8 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.size+len(img.Data) > c.budget {
		c.items, c.size = map[string]news.Image{}, 0
	}
	c.items[img.ID] = img
	c.size += len(img.Data)
}

// mediaFile serves /media/{id}.{ext} with year-long caching.
func (s *Site) mediaFile(w http.ResponseWriter, r *http.Request) error {
	id, ext, ok := strings.Cut(r.PathValue("file"), ".")
	if !ok || len(id) != 36 {
		return web.NotFound("No such image.")
	}
	img, ok := s.media.get(id)
	if !ok {
		var err error
		if img, err = s.store.ImageByID(r.Context(), id); err != nil {
			return notFoundOr(err, "No such image.")
		}
		s.media.put(img)
	}
	if img.Ext() != ext {
		http.Redirect(w, r, news.ImageURL(img.ID, img.ContentType), http.StatusMovedPermanently)
		return nil
	}
	h := w.Header()
	etag := `"` + img.SHA256[:16] + `"`
	h.Set("Cache-Control", "public, max-age=31536000, immutable")
	h.Set("ETag", etag)
	if r.Header.Get("If-None-Match") == etag {
		w.WriteHeader(http.StatusNotModified)
		return nil
	}
	h.Set("Content-Type", img.ContentType)
	h.Set("Content-Length", strconv.Itoa(len(img.Data)))
	w.Write(img.Data)
	return nil
}
