package site

import (
	"context"
	"encoding/json"
	"html/template"
	"net/http"
	"strings"
	"time"

	"tribune/internal/markup"
	"tribune/internal/news"
	"tribune/internal/views"
	"tribune/internal/web"
)

// articlePage is the data of the article template.
type articlePage struct {
	page
	Article  news.Article
	Body     template.HTML
	Related  []news.Article
	Latest   []news.Article
	ShortURL string
}

const relatedLimit = 5

// article serves an article page from the cache, counting the view. The
// view count is filled in per request, so it moves while the page is cached.
func (s *Site) article(w http.ResponseWriter, r *http.Request) error {
	slug := r.PathValue("slug")
	if !news.ValidSlug(slug) {
		return web.NotFound("We could not find that article.")
	}
	now := s.now()
	p, err := s.cache.load("article:"+slug, now, func() (*cachedPage, error) {
		return s.renderArticle(r.Context(), slug, now)
	})
	if err != nil {
		return err
	}
	if countsAsView(r) {
		s.views.Hit(p.articleID)
	}
	p.write(w, s.fillWith(r, s.views.Total(p.articleID, p.views), s.commentsHTML(w, r, p.articleID, slug)), s.bodies)
	return nil
}

// countsAsView leaves out crawlers, link previews and browser prefetches.
func countsAsView(r *http.Request) bool {
	if r.Method != http.MethodGet || views.IsBot(r.UserAgent()) {
		return false
	}
	purpose := r.Header.Get("Sec-Purpose") + r.Header.Get("Purpose") + r.Header.Get("X-Moz")
	return !strings.Contains(purpose, "prefetch")
}

func (s *Site) renderArticle(ctx context.Context, slug string, now time.Time) (*cachedPage, error) {
	a, err := s.store.ArticleBySlug(ctx, slug)
	if err != nil {
		return nil, notFoundOr(err, "We could not find that article.")
	}
	if a.PublishedAt.After(now) {
		return nil, web.NotFound("We could not find that article.")
	}
	teasers, err := s.teasers(ctx, now, markup.TeaserSlugs(a.Body))
	if err != nil {
		return nil, err
	}
	body, err := markup.Render(a.Body, teasers)
	if err != nil {
		return nil, err
	}
	related, err := s.store.RelatedArticles(ctx, now, a, relatedLimit)
	if err != nil {
		return nil, err
	}
	p, err := s.basePage(ctx, a.Headline, a.URL())
	if err != nil {
		return nil, err
	}
	p.Current = a.Section.Slug
	if a.Section.Parent != nil {
		p.Current = a.Section.Parent.Slug
	}
	if a.Summary != "" {
		p.Description = a.Summary
	}
	shortURL := s.cfg.BaseURL + "/s/" + a.ShortCode
	p.Shortlink = shortURL
	p.OG = s.openGraph(a)
	if p.JSONLD, err = s.newsArticleLD(a); err != nil {
		return nil, err
	}
	section := a.Section
	if section.Parent != nil {
		section = *section.Parent
	}
	p.RSS = append(p.RSS, feedLink{Title: s.cfg.SiteName + ": " + section.Name, URL: s.cfg.BaseURL + section.URL() + "/rss.xml"})
	latest, err := s.store.Articles(ctx, storeFilter(now, 6, 0))
	if err != nil {
		return nil, err
	}
	rec := &recorder{header: http.Header{}}
	data := articlePage{page: p, Article: a, Body: body, Related: related, ShortURL: shortURL}
	for _, l := range latest {
		if l.ID != a.ID && len(data.Latest) < 5 {
			data.Latest = append(data.Latest, l)
		}
	}
	if err := s.render(rec, http.StatusOK, "article", data); err != nil {
		return nil, err
	}
	cp := newCachedPage(http.StatusOK, rec.header.Get("Content-Type"), "public, max-age=0, must-revalidate", rec.body.Bytes())
	cp.articleID, cp.views = a.ID, a.Views
	return cp, nil
}

// teasers loads the articles that inline teasers reference.
func (s *Site) teasers(ctx context.Context, now time.Time, slugs []string) (map[string]markup.Teaser, error) {
	out := map[string]markup.Teaser{}
	if len(slugs) == 0 {
		return out, nil
	}
	found, err := s.store.ArticlesBySlugs(ctx, now, slugs)
	if err != nil {
		return nil, err
	}
	for _, t := range found {
		out[t.Slug] = markup.Teaser{
			URL: t.URL(), Headline: t.Headline, Summary: t.Summary, Section: t.Section.Name,
			ImageURL: t.Lead.URL(), ImageAlt: t.Lead.Caption,
		}
	}
	return out, nil
}

func (s *Site) openGraph(a news.Article) *openGraph {
	og := &openGraph{
		Type: "article", Title: a.Headline, Description: a.Summary,
		Published: a.PublishedAt.UTC().Format(time.RFC3339), Modified: a.UpdatedAt.UTC().Format(time.RFC3339),
		Section: a.Section.Name,
	}
	if a.HasImage() {
		og.Image = s.cfg.BaseURL + a.Lead.URL()
		og.ImageAlt = a.Lead.Caption
		og.ImageWidth, og.ImageHeight = a.Lead.Width, a.Lead.Height
	}
	for _, t := range a.Tags {
		og.Tags = append(og.Tags, t.Name)
	}
	return og
}

// newsArticleLD is the schema.org NewsArticle block search engines read.
func (s *Site) newsArticleLD(a news.Article) (template.JS, error) {
	type thing = map[string]any
	ld := thing{
		"@context":         "https://schema.org",
		"@type":            "NewsArticle",
		"headline":         a.Headline,
		"description":      a.Summary,
		"datePublished":    a.PublishedAt.UTC().Format(time.RFC3339),
		"dateModified":     a.UpdatedAt.UTC().Format(time.RFC3339),
		"articleSection":   a.Section.Name,
		"inLanguage":       a.Language,
		"mainEntityOfPage": thing{"@type": "WebPage", "@id": s.cfg.BaseURL + a.URL()},
		"url":              s.cfg.BaseURL + a.URL(),
		"publisher": thing{
			"@type": "NewsMediaOrganization", "name": s.cfg.SiteName, "url": s.cfg.BaseURL + "/",
			"logo": thing{"@type": "ImageObject", "url": s.cfg.BaseURL + s.assets.path("logo.png")},
		},
	}
	if a.Author.Name != "" {
		ld["author"] = []thing{{"@type": "Person", "name": a.Author.Name, "url": s.cfg.BaseURL + a.Author.URL()}}
	} else {
		ld["author"] = []thing{{"@type": "Organization", "name": s.cfg.SiteName}}
	}
	if a.HasImage() {
		ld["image"] = []thing{{
			"@type": "ImageObject", "url": s.cfg.BaseURL + a.Lead.URL(),
			"width": a.Lead.Width, "height": a.Lead.Height,
			"caption": a.Lead.Caption, "creditText": a.Lead.Credit,
		}}
	}
	if len(a.Tags) > 0 {
		names := make([]string, len(a.Tags))
		for i, t := range a.Tags {
			names[i] = t.Name
		}
		ld["keywords"] = names
	}
	b, err := json.Marshal(ld)
	if err != nil {
		return "", err
	}
	// json.Marshal escapes <, > and &, so the block cannot end the script early.
	return template.JS(b), nil
}

// shortLink redirects /s/{code} to the article's canonical URL.
func (s *Site) shortLink(w http.ResponseWriter, r *http.Request) error {
	code := r.PathValue("code")
	if len(code) == 0 || len(code) > 8 {
		return web.NotFound("That short link does not exist.")
	}
	a, err := s.store.ArticleByShortCode(r.Context(), code)
	if err != nil {
		return notFoundOr(err, "That short link does not exist.")
	}
	if a.PublishedAt.After(s.now()) {
		return web.NotFound("That short link does not exist.")
	}
	w.Header().Set("Cache-Control", "public, max-age=86400")
	http.Redirect(w, r, s.cfg.BaseURL+a.URL(), http.StatusMovedPermanently)
	return nil
}
