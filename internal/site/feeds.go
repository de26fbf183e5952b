package site

import (
	"bytes"
	"net/http"
	"time"

	"tribune/internal/feeds"
	"tribune/internal/news"
	"tribune/internal/store"
)

const feedItems = 50

func (s *Site) rss(w http.ResponseWriter, r *http.Request) error {
	list, err := s.store.Articles(r.Context(), store.ArticleFilter{Now: s.now(), Limit: feedItems})
	if err != nil {
		return err
	}
	ch := feeds.Channel{
		Title: s.cfg.SiteName, Link: s.cfg.BaseURL + "/", Description: s.cfg.SiteDescription,
		Language: s.cfg.Language, SelfURL: s.cfg.BaseURL + "/rss.xml",
	}
	return s.writeRSS(w, ch, list)
}

func (s *Site) sectionRSS(w http.ResponseWriter, r *http.Request) error {
	sec, err := s.store.SectionBySlug(r.Context(), r.PathValue("slug"))
	if err != nil {
		return notFoundOr(err, "There is no such section.")
	}
	list, err := s.store.Articles(r.Context(), store.ArticleFilter{Now: s.now(), SectionID: sec.ID, Limit: feedItems})
	if err != nil {
		return err
	}
	ch := feeds.Channel{
		Title: s.cfg.SiteName + ": " + sec.Path(), Link: s.cfg.BaseURL + sec.URL(),
		Description: sec.Name + " news from " + s.cfg.SiteName,
		Language:    s.cfg.Language, SelfURL: s.cfg.BaseURL + sec.URL() + "/rss.xml",
	}
	return s.writeRSS(w, ch, list)
}

func (s *Site) writeRSS(w http.ResponseWriter, ch feeds.Channel, list []news.Article) error {
	items := make([]feeds.Item, 0, len(list))
	for _, a := range list {
		it := feeds.Item{
			Title: a.Headline, Link: s.cfg.BaseURL + a.URL(), GUID: s.cfg.BaseURL + a.URL(),
			Description: a.Summary, Author: a.Author.Name, Category: a.Section.Name, Published: a.PublishedAt,
		}
		if a.HasImage() {
			it.ImageURL, it.ImageType = s.cfg.BaseURL+a.Lead.URL(), a.Lead.ContentType
		}
		for _, t := range a.Tags {
			it.Tags = append(it.Tags, t.Name)
		}
		if a.UpdatedAt.After(ch.Updated) {
			ch.Updated = a.UpdatedAt
		}
		items = append(items, it)
	}
	return s.writeBuffered(w, "application/rss+xml; charset=utf-8", func(b *bytes.Buffer) error { return feeds.WriteRSS(b, ch, items) })
}

func (s *Site) sitemap(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	now := s.now()
	urls := []feeds.URL{{Loc: s.cfg.BaseURL + "/", ChangeFreq: "always", Priority: 1}, {Loc: s.cfg.BaseURL + "/news", ChangeFreq: "always", Priority: 0.9}}
	sections, err := s.store.Sections(ctx)
	if err != nil {
		return err
	}
	for _, sec := range sections {
		urls = append(urls, feeds.URL{Loc: s.cfg.BaseURL + sec.URL(), ChangeFreq: "hourly", Priority: 0.8})
	}
	list, err := s.store.Articles(ctx, store.ArticleFilter{Now: now, Limit: 1000})
	if err != nil {
		return err
	}
	for _, a := range list {
		urls = append(urls, feeds.URL{Loc: s.cfg.BaseURL + a.URL(), LastMod: a.UpdatedAt, Priority: 0.6})
	}
	return s.writeBuffered(w, "application/xml; charset=utf-8", func(b *bytes.Buffer) error { return feeds.WriteSitemap(b, urls) })
}

// newsSitemap lists the last 48 hours of articles, as Google News asks.
func (s *Site) newsSitemap(w http.ResponseWriter, r *http.Request) error {
	now := s.now()
	list, err := s.store.Articles(r.Context(), store.ArticleFilter{Now: now, Since: now.Add(-48 * time.Hour), Limit: 1000})
	if err != nil {
		return err
	}
	urls := make([]feeds.NewsURL, 0, len(list))
	for _, a := range list {
		u := feeds.NewsURL{Loc: s.cfg.BaseURL + a.URL(), Title: a.Headline, Language: a.Language, Published: a.PublishedAt}
		for _, t := range a.Tags {
			u.Keywords = append(u.Keywords, t.Name)
		}
		urls = append(urls, u)
	}
	return s.writeBuffered(w, "application/xml; charset=utf-8", func(b *bytes.Buffer) error {
		return feeds.WriteNewsSitemap(b, s.cfg.SiteName, urls)
	})
}

func (s *Site) robots(w http.ResponseWriter, r *http.Request) error {
	return s.writeBuffered(w, "text/plain; charset=utf-8", func(b *bytes.Buffer) error {
		return feeds.WriteRobots(b, s.cfg.BaseURL, []string{"/setup/", "/api/"})
	})
}

// writeBuffered renders into a buffer first so a failure leaves no half document.
func (s *Site) writeBuffered(w http.ResponseWriter, contentType string, fn func(*bytes.Buffer) error) error {
	var b bytes.Buffer
	if err := fn(&b); err != nil {
		return err
	}
	w.Header().Set("Content-Type", contentType)
	w.Header().Set("Cache-Control", "public, max-age=300")
	_, err := w.Write(b.Bytes())
	return err
}

// healthz answers 200 when the node is ready and its database answers.
func (s *Site) healthz(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	if !s.ready() {
		w.WriteHeader(http.StatusServiceUnavailable)
		w.Write([]byte("starting\n"))
		return
	}
	if err := s.store.Ping(r.Context()); err != nil {
		s.log.Warn("health check: database", "err", err)
		w.WriteHeader(http.StatusServiceUnavailable)
		w.Write([]byte("database unavailable\n"))
		return
	}
	w.Write([]byte("ok\n"))
}
