// Package site is the public news site: the home page, article pages,
// section, tag and author listings, short links, images, feeds and
// sitemaps. Pages are rendered on the server and work without JavaScript;
// rendered pages are cached in memory and dropped when content changes on
// any node.
package site

import (
	"context"
	"errors"
	"html/template"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"
	"tribune/internal/review"

	"tribune/internal/accounts"
	"tribune/internal/captcha"
	"tribune/internal/comments"
	"tribune/internal/config"
	"tribune/internal/memo"
	"tribune/internal/moderation/policy"
	"tribune/internal/news"
	"tribune/internal/store"
	"tribune/internal/views"
	"tribune/internal/web"
)

// Store is what the public site reads.
type Store interface {
	ArticleBySlug(ctx context.Context, slug string) (news.Article, error)
	ArticleByShortCode(ctx context.Context, code string) (news.Article, error)
	ArticleByID(ctx context.Context, id string) (news.Article, error)
	Articles(ctx context.Context, f store.ArticleFilter) ([]news.Article, error)
	CountArticles(ctx context.Context, f store.ArticleFilter) (int, error)
	ArticlesBySlugs(ctx context.Context, now time.Time, slugs []string) ([]news.Article, error)
	RelatedArticles(ctx context.Context, now time.Time, a news.Article, limit int) ([]news.Article, error)
	MostRead(ctx context.Context, now, since time.Time, limit int) ([]news.Article, error)
	Sections(ctx context.Context) ([]news.Section, error)
	SectionBySlug(ctx context.Context, slug string) (news.Section, error)
	TagBySlug(ctx context.Context, slug string) (news.Tag, error)
	AuthorBySlug(ctx context.Context, slug string) (news.Author, error)
	ImageByID(ctx context.Context, id string) (news.Image, error)
	CommentStore
	UserByID(ctx context.Context, id string) (store.User, error)
	ContentVersion(ctx context.Context) (int64, error)
	Ping(ctx context.Context) error
}

// Site serves the public pages. Build it with New and mount Routes.
type Site struct {
	cfg   *config.Config
	store Store
	setup SetupStore
	users interface {
		UserByID(ctx context.Context, id string) (store.User, error)
	}
	accounts     *accounts.Service
	captcha      *captcha.Captcha
	social       []SocialProvider
	comments     *comments.Service
	review       *review.Service
	filePolicy   *policy.Policy
	commentStore CommentStore
	// fragments keeps anonymous readers' comment sections (package memo).
	fragments *memo.Cache
	bodies    *sync.Pool
	policy    Policy
	rules     atomic.Pointer[policy.Policy]
	csrfKey   []byte
	views     *views.Counter
	log       *slog.Logger
	tmpl      map[string]*template.Template
	assets    *assets
	cache     *pageCache
	media     *mediaCache
	// now is the clock; tests replace it.
	now func() time.Time
	// ready reports whether the node may take traffic (for /healthz).
	ready func() bool
}

// Deps are what New needs.
type Deps struct {
	Config *config.Config
	Store  Store
	// Setup serves the first-admin link; nil leaves the /setup pages out.
	Setup SetupStore
	// Accounts and Captcha serve reader accounts; nil Accounts leaves the
	// account pages out.
	Accounts *accounts.Service
	Captcha  *captcha.Captcha
	// Social are the configured social logins, in the order shown.
	Social []SocialProvider
	// Policy is the privacy policy; zero means DefaultPrivacyPolicy.
	Policy Policy
	// Rules is the moderation policy the Community Standards page shows;
	// nil means the shipped one.
	Rules *policy.Policy
	// Key signs CSRF tokens and cookies; 32 secret bytes shared by all nodes.
	Key   []byte
	Views *views.Counter
	Log   *slog.Logger
	// Ready is consulted by /healthz; nil means always ready.
	Ready func() bool
	// Now is the clock; nil means time.Now.
	Now func() time.Time
}

// SetRules replaces the Community Standards shown (an admin changed the
// policy).
func (s *Site) SetRules(p *policy.Policy) {
	s.rules.Store(p)
	s.cache.clear()
}

// New parses the templates and prepares the caches.
func New(d Deps) (*Site, error) {
	s := &Site{cfg: d.Config, store: d.Store, users: d.Store, commentStore: d.Store, setup: d.Setup, accounts: d.Accounts, captcha: d.Captcha,
		social: d.Social, policy: d.Policy, csrfKey: d.Key, views: d.Views, log: d.Log, now: d.Now, ready: d.Ready}
	if s.now == nil {
		s.now = time.Now
	}
	if d.Rules == nil {
		d.Rules = policy.Default()
	}
	s.rules.Store(d.Rules)
	if s.policy.Text == "" {
		s.policy = DefaultPrivacyPolicy()
	}
	if s.accounts != nil && (len(s.csrfKey) < 32 || s.captcha == nil) {
		return nil, errors.New("site: accounts need a 32-byte key and a captcha")
	}
	if s.ready == nil {
		s.ready = func() bool { return true }
	}
	var err error
	if s.assets, err = loadAssets(); err != nil {
		return nil, err
	}
	if s.tmpl, err = s.parseTemplates(); err != nil {
		return nil, err
	}
	s.cache = newPageCache(30*time.Second, 2000)
	s.bodies = newBodyPool()
	s.fragments = memo.New(5*time.Second, 5000)
	s.media = newMediaCache(64 << 20)
	return s, nil
}

// WatchContent polls the store's content version every interval and drops
// cached pages when it moves, so an edit made on any node shows everywhere
// within that interval. It returns when ctx ends.
func (s *Site) WatchContent(ctx context.Context, interval time.Duration) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		v, err := s.store.ContentVersion(ctx)
		if err == nil {
			s.cache.setVersion(v)
		} else if ctx.Err() == nil {
			s.log.Warn("read content version", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// ContentChanged drops cached pages at once; the node that made a change calls it.
func (s *Site) ContentChanged() { s.cache.clear() }

// adapter renders errors as the site's error page.
func (s *Site) adapter() web.Adapter {
	return web.Adapter{Log: s.log, Render: s.renderError}
}
