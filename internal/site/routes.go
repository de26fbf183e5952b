package site

import "net/http"

// Routes registers every public route on mux. Each handler is wrapped by
// the error adapter; cached pages go through s.cached.
func (s *Site) Routes(mux *http.ServeMux) {
	h := s.adapter().Handle
	mux.Handle("GET /{$}", h(s.cached(s.home)))
	mux.Handle("GET /news", h(s.cached(s.allNews)))
	mux.Handle("GET /news/{slug}", h(s.article))
	mux.Handle("GET /section/{slug}", h(s.cached(s.section)))
	mux.Handle("GET /section/{slug}/rss.xml", h(s.cached(s.sectionRSS)))
	mux.Handle("GET /tag/{slug}", h(s.cached(s.tag)))
	mux.Handle("GET /author/{slug}", h(s.cached(s.author)))
	mux.Handle("GET /s/{code}", h(s.shortLink))
	mux.Handle("GET /media/{file}", h(s.mediaFile))
	mux.Handle("GET /static/{hash}/{file}", h(s.staticFile))
	mux.Handle("GET /rss.xml", h(s.cached(s.rss)))
	mux.Handle("GET /sitemap.xml", h(s.cached(s.sitemap)))
	mux.Handle("GET /sitemap-news.xml", h(s.cached(s.newsSitemap)))
	mux.Handle("GET /robots.txt", h(s.robots))
	mux.Handle("GET /favicon.ico", h(s.favicon))
	if s.setup != nil {
		mux.Handle("GET /setup/{token}", h(s.setupForm))
		mux.Handle("POST /setup/{token}", h(s.setupSubmit))
	}
	mux.Handle("GET /healthz", http.HandlerFunc(s.healthz))
	// Everything else is a friendly 404 page.
	mux.Handle("/", h(s.notFound))
}
