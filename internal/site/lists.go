package site

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"time"

	"tribune/internal/news"
	"tribune/internal/store"
	"tribune/internal/web"
)

const perPage = 12

// listPage is the data of the home page and of every paginated listing.
type listPage struct {
	page
	Heading  string
	Kicker   string
	Intro    string
	Top      []news.Article
	Articles []news.Article
	Page     int
	Pages    int
	PrevURL  string
	NextURL  string
	// Children are a section's sub-sections.
	Children []news.Section
}

func storeFilter(now time.Time, limit, offset int) store.ArticleFilter {
	return store.ArticleFilter{Now: now, Limit: limit, Offset: offset}
}

func (s *Site) home(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	n, _ := pageNumber(r)
	p, err := s.basePage(ctx, "", "/")
	if err != nil {
		return err
	}
	data := listPage{page: p, Heading: "All news"}
	now := s.now()
	if n == 1 {
		if data.Top, err = s.store.Articles(ctx, store.ArticleFilter{Now: now, TopOnly: true, Limit: 3}); err != nil {
			return err
		}
	}
	skip := map[string]bool{}
	for _, a := range data.Top {
		skip[a.ID] = true
	}
	if err := s.fillList(r, &data, store.ArticleFilter{Now: now}, n, "/"); err != nil {
		return err
	}
	if n == 1 {
		rest := data.Articles[:0]
		for _, a := range data.Articles {
			if !skip[a.ID] {
				rest = append(rest, a)
			}
		}
		data.Articles = rest
	}
	return s.render(w, http.StatusOK, "home", data)
}

func (s *Site) allNews(w http.ResponseWriter, r *http.Request) error {
	n, _ := pageNumber(r)
	p, err := s.basePage(r.Context(), "All news", "/news")
	if err != nil {
		return err
	}
	data := listPage{page: p, Heading: "All news", Intro: "Every story, newest first."}
	if err := s.fillList(r, &data, store.ArticleFilter{Now: s.now()}, n, "/news"); err != nil {
		return err
	}
	return s.render(w, http.StatusOK, "list", data)
}

func (s *Site) section(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	sec, err := s.store.SectionBySlug(ctx, r.PathValue("slug"))
	if err != nil {
		return notFoundOr(err, "There is no such section.")
	}
	n, _ := pageNumber(r)
	p, err := s.basePage(ctx, sec.Path(), sec.URL())
	if err != nil {
		return err
	}
	p.Current = sec.Slug
	if sec.Parent != nil {
		p.Current = sec.Parent.Slug
	}
	p.Description = fmt.Sprintf("%s news from %s.", sec.Name, s.cfg.SiteName)
	p.RSS = append(p.RSS, feedLink{Title: s.cfg.SiteName + ": " + sec.Name, URL: s.cfg.BaseURL + sec.URL() + "/rss.xml"})
	data := listPage{page: p, Heading: sec.Name}
	if sec.Parent != nil {
		data.Kicker = sec.Parent.Name
	}
	all, err := s.store.Sections(ctx)
	if err != nil {
		return err
	}
	for _, c := range all {
		if c.ParentID == sec.ID {
			data.Children = append(data.Children, c)
		}
	}
	if err := s.fillList(r, &data, store.ArticleFilter{Now: s.now(), SectionID: sec.ID}, n, sec.URL()); err != nil {
		return err
	}
	return s.render(w, http.StatusOK, "list", data)
}

func (s *Site) tag(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	t, err := s.store.TagBySlug(ctx, r.PathValue("slug"))
	if err != nil {
		return notFoundOr(err, "There is no such tag.")
	}
	n, _ := pageNumber(r)
	p, err := s.basePage(ctx, t.Name, t.URL())
	if err != nil {
		return err
	}
	p.Description = fmt.Sprintf("News tagged %s from %s.", t.Name, s.cfg.SiteName)
	data := listPage{page: p, Heading: t.Name, Kicker: "Tag"}
	if err := s.fillList(r, &data, store.ArticleFilter{Now: s.now(), TagID: t.ID}, n, t.URL()); err != nil {
		return err
	}
	return s.render(w, http.StatusOK, "list", data)
}

func (s *Site) author(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	a, err := s.store.AuthorBySlug(ctx, r.PathValue("slug"))
	if err != nil {
		return notFoundOr(err, "There is no such author.")
	}
	n, _ := pageNumber(r)
	p, err := s.basePage(ctx, a.Name, a.URL())
	if err != nil {
		return err
	}
	p.Description = fmt.Sprintf("Stories by %s for %s.", a.Name, s.cfg.SiteName)
	data := listPage{page: p, Heading: a.Name, Kicker: "Author", Intro: a.Bio}
	if err := s.fillList(r, &data, store.ArticleFilter{Now: s.now(), AuthorID: a.ID}, n, a.URL()); err != nil {
		return err
	}
	return s.render(w, http.StatusOK, "list", data)
}

// fillList loads page n of a listing with its pager. A page past the end
// is a 404, except the first page of an empty list.
func (s *Site) fillList(r *http.Request, data *listPage, f store.ArticleFilter, n int, path string) error {
	ctx := r.Context()
	total, err := s.store.CountArticles(ctx, f)
	if err != nil {
		return err
	}
	data.Pages = max(1, (total+perPage-1)/perPage)
	if n > data.Pages {
		return web.NotFound("This list has fewer pages.")
	}
	data.Page = n
	f.Limit, f.Offset = perPage, (n-1)*perPage
	if data.Articles, err = s.store.Articles(ctx, f); err != nil {
		return err
	}
	if n > 1 {
		data.PrevURL = pageURL(path, n-1)
		data.Canonical = s.cfg.BaseURL + pageURL(path, n)
		data.Title = fmt.Sprintf("%s, page %d", data.Heading, n)
	}
	if n < data.Pages {
		data.NextURL = pageURL(path, n+1)
	}
	return nil
}

func pageURL(path string, n int) string {
	if n <= 1 {
		return path
	}
	return path + "?" + url.Values{"page": {fmt.Sprint(n)}}.Encode()
}

// notFoundOr turns store.ErrNotFound into a 404 with msg, keeping other errors.
func notFoundOr(err error, msg string) error {
	if errors.Is(err, store.ErrNotFound) {
		return web.NotFound(msg)
	}
	return err
}
