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
	return s.renderList(w, r, "All news", "/news", store.ArticleFilter{}, func(d *listPage) {
		d.Current, d.Intro = "news", "Every story, newest first."
	})
}

func (s *Site) section(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	sec, err := s.store.SectionBySlug(ctx, r.PathValue("slug"))
	if err != nil {
		return notFoundOr(err, "There is no such section.")
	}
	all, err := s.store.Sections(ctx)
	if err != nil {
		return err
	}
	return s.renderList(w, r, sec.Name, sec.URL(), store.ArticleFilter{SectionID: sec.ID}, func(d *listPage) {
		d.Title = sec.Path()
		d.Current = sec.Slug
		if sec.Parent != nil {
			d.Current, d.Kicker = sec.Parent.Slug, sec.Parent.Name
		}
		d.Description = fmt.Sprintf("%s news from %s.", sec.Name, s.cfg.SiteName)
		d.RSS = append(d.RSS, feedLink{Title: s.cfg.SiteName + ": " + sec.Name, URL: s.cfg.BaseURL + sec.URL() + "/rss.xml"})
		for _, c := range all {
			if c.ParentID == sec.ID {
				d.Children = append(d.Children, c)
			}
		}
	})
}

func (s *Site) tag(w http.ResponseWriter, r *http.Request) error {
	t, err := s.store.TagBySlug(r.Context(), r.PathValue("slug"))
	if err != nil {
		return notFoundOr(err, "There is no such tag.")
	}
	return s.renderList(w, r, t.Name, t.URL(), store.ArticleFilter{TagID: t.ID}, func(d *listPage) {
		d.Kicker = "Tag"
		d.Description = fmt.Sprintf("News tagged %s from %s.", t.Name, s.cfg.SiteName)
	})
}

func (s *Site) author(w http.ResponseWriter, r *http.Request) error {
	a, err := s.store.AuthorBySlug(r.Context(), r.PathValue("slug"))
	if err != nil {
		return notFoundOr(err, "There is no such author.")
	}
	return s.renderList(w, r, a.Name, a.URL(), store.ArticleFilter{AuthorID: a.ID}, func(d *listPage) {
		d.Kicker, d.Intro = "Author", a.Bio
		d.Description = fmt.Sprintf("Stories by %s for %s.", a.Name, s.cfg.SiteName)
	})
}

// renderList renders one page of a listing titled heading at path, with
// the articles f selects; adjust sets what is particular to the listing.
func (s *Site) renderList(w http.ResponseWriter, r *http.Request, heading, path string, f store.ArticleFilter, adjust func(*listPage)) error {
	n, _ := pageNumber(r)
	p, err := s.basePage(r.Context(), heading, path)
	if err != nil {
		return err
	}
	data := listPage{page: p, Heading: heading}
	adjust(&data)
	f.Now = s.now()
	if err := s.fillList(r, &data, f, n, path); err != nil {
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
