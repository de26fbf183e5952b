package site

import (
	"bytes"
	"context"
	"fmt"
	"html/template"
	"net/http"
	"strconv"
	"time"

	"tribune/internal/news"
	"tribune/internal/web"
)

// page is what the layout needs from every page.
type page struct {
	SiteName string
	// SiteDescription is the publication's one-liner, for the footer.
	SiteDescription string
	Language        string
	BaseURL         string
	TelegramURL     string
	// Title is the document title without the site name.
	Title       string
	Description string
	// Canonical is the page's absolute canonical URL.
	Canonical string
	Shortlink string
	// OG holds OpenGraph/Twitter values; nil on pages that need none.
	OG       *openGraph
	JSONLD   template.JS
	RSS      []feedLink
	NoIndex  bool
	Nav      []news.Section
	Today    string
	MostRead []news.Article
	// Current is the slug of the top-level section being shown, for the nav.
	Current string
}

type openGraph struct {
	Type, Title, Description, Image, ImageAlt string
	ImageWidth, ImageHeight                   int
	Published, Modified, Section              string
	Tags                                      []string
}

type feedLink struct{ Title, URL string }

// basePage fills what every page shares: navigation, most read, feeds.
func (s *Site) basePage(ctx context.Context, title, path string) (page, error) {
	nav, err := s.store.Sections(ctx)
	if err != nil {
		return page{}, err
	}
	top := nav[:0:0]
	for _, sec := range nav {
		if sec.ParentID == "" {
			top = append(top, sec)
		}
	}
	now := s.now()
	most, err := s.store.MostRead(ctx, now, now.Add(-24*time.Hour), 5)
	if err != nil {
		return page{}, err
	}
	return page{
		SiteName:        s.cfg.SiteName,
		SiteDescription: s.cfg.SiteDescription,
		Language:        s.cfg.Language,
		BaseURL:         s.cfg.BaseURL,
		TelegramURL:     s.cfg.TelegramURL,
		Title:           title,
		Description:     s.cfg.SiteDescription,
		Canonical:       s.cfg.BaseURL + path,
		RSS:             []feedLink{{Title: s.cfg.SiteName + ": all news", URL: s.cfg.BaseURL + "/rss.xml"}},
		Nav:             top,
		Today:           now.In(s.cfg.Timezone).Format("Monday, 2 January 2006"),
		MostRead:        most,
	}, nil
}

// render executes a page template into a buffer first, so a template error
// becomes a clean error page rather than half a page.
func (s *Site) render(w http.ResponseWriter, status int, name string, data any) error {
	var buf bytes.Buffer
	if err := s.tmpl[name].ExecuteTemplate(&buf, "layout", data); err != nil {
		return fmt.Errorf("render %s: %w", name, err)
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	if h.Get("Cache-Control") == "" {
		h.Set("Cache-Control", "public, max-age=30")
	}
	w.WriteHeader(status)
	_, err := w.Write(buf.Bytes())
	return err
}

// page renders a page that is not cached (forms, account pages) and
// fills its slots for this request.
func (s *Site) page(w http.ResponseWriter, r *http.Request, status int, name string, data any) error {
	rec := &recorder{header: http.Header{}}
	if err := s.render(rec, status, name, data); err != nil {
		return err
	}
	p := newCachedPage(status, rec.header.Get("Content-Type"), "no-store", rec.body.Bytes())
	p.write(w, s.fill(r, 0), s.bodies)
	return nil
}

// fill returns the slot filler of a request: the live view count and the
// header's account links.
func (s *Site) fill(r *http.Request, views int64) slotFiller {
	return s.fillWith(r, views, nil)
}

// fillWith is fill with an article's comments section.
func (s *Site) fillWith(r *http.Request, views int64, commentsHTML []byte) slotFiller {
	return func(marker string) []byte {
		switch marker {
		case slotViews:
			return strconv.AppendInt(nil, views, 10)
		case slotViewsText:
			return []byte(viewsText(views))
		case slotAccount:
			return s.accountNav(r)
		case slotComments:
			return commentsHTML
		}
		return nil
	}
}

// errorPage is the data of the error page.
type errorPage struct {
	page
	Status  int
	Message string
	Latest  []news.Article
}

// renderError is the site's error page: the message, navigation and the
// latest news, so a reader who hit a dead link still finds their way. The
// page is cached per status and message, so a flood of bad URLs costs no
// database work.
func (s *Site) renderError(w http.ResponseWriter, r *http.Request, status int, message string) {
	key := "error:" + strconv.Itoa(status) + ":" + message
	p, err := s.cache.load(key, s.now(), func() (*cachedPage, error) {
		return s.renderErrorPage(r.Context(), status, message)
	})
	if err != nil {
		s.log.Error("render error page", "err", err)
		http.Error(w, message, status)
		return
	}
	p.write(w, s.fill(r, 0), s.bodies)
}

func (s *Site) renderErrorPage(ctx context.Context, status int, message string) (*cachedPage, error) {
	title := "Page not found"
	if status != http.StatusNotFound {
		title = http.StatusText(status)
	}
	p, err := s.basePage(ctx, title, "")
	if err != nil {
		return nil, err
	}
	p.NoIndex = true
	p.Canonical = ""
	latest, err := s.store.Articles(ctx, storeFilter(s.now(), 6, 0))
	if err != nil {
		return nil, err
	}
	rec := &recorder{header: http.Header{}}
	if err := s.render(rec, status, "error", errorPage{page: p, Status: status, Message: message, Latest: latest}); err != nil {
		return nil, err
	}
	cp := newCachedPage(status, rec.header.Get("Content-Type"), "no-store", rec.body.Bytes())
	// Error pages are cached whatever their status; load only keeps 200s.
	cp.cacheable = true
	return cp, nil
}

// notFound answers every unknown path.
func (s *Site) notFound(w http.ResponseWriter, r *http.Request) error {
	return web.NotFound("We could not find that page. It may have moved, or the link may be mistyped.")
}

// pageNumber reads ?page=N (1 when absent); anything else is a 404, so bad
// links never reach the database or the cache.
func pageNumber(r *http.Request) (int, error) {
	v := r.URL.Query().Get("page")
	if v == "" {
		return 1, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 || n > 10000 {
		return 0, web.NotFound("There is no such page of this list.")
	}
	return n, nil
}
