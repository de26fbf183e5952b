package cli

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"os"
	"runtime/debug"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"tribune/internal/api"
	"tribune/internal/comments"
	"tribune/internal/config"
	"tribune/internal/demo"
	"tribune/internal/importer"
	"tribune/internal/metrics"
	"tribune/internal/moderation"
	"tribune/internal/moderation/engine"
	"tribune/internal/moderation/policy"
	"tribune/internal/site"
	"tribune/internal/store"
	"tribune/internal/views"
	"tribune/internal/web"
)

func runServe(ctx context.Context, sio IO, args []string) error {
	fs, finish := newFlags(sio, "serve", "serve [flags]")
	cfg, err := parse(fs, finish, args)
	if err != nil {
		return err
	}
	log := newLogger(cfg, sio.Stderr)
	st, err := openStore(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := seedDemo(ctx, cfg, st, log); err != nil {
		return err
	}
	if cfg.TelegramURL == "" && !cfg.TelegramOff {
		// The demo newsroom comes with a channel of its own.
		cfg.TelegramURL, _ = st.Setting(ctx, "demo_telegram_url")
	}
	if err := announceSetup(ctx, cfg, st, sio); err != nil {
		return err
	}
	return serve(ctx, cfg, st, log)
}

// seedDemo fills an empty database with the demo newsroom, once.
func seedDemo(ctx context.Context, cfg *config.Config, st *store.Store, log *slog.Logger) error {
	if !cfg.Demo {
		return nil
	}
	if _, err := st.Setting(ctx, "demo_seeded"); err == nil {
		return nil
	}
	n, err := st.CountArticles(ctx, store.ArticleFilter{Now: time.Now().Add(100 * 365 * 24 * time.Hour)})
	if err != nil || n > 0 {
		return err
	}
	count, err := demo.Seed(ctx, importer.New(st), time.Now())
	if err != nil {
		return fmt.Errorf("create demo content: %w", err)
	}
	log.Info("demo content created", "articles", count)
	if err := st.SetSetting(ctx, "demo_telegram_url", demo.TelegramURL); err != nil {
		return err
	}
	return st.SetSetting(ctx, "demo_seeded", time.Now().UTC().Format(time.RFC3339))
}

// serve runs the HTTP server until ctx ends, then shuts down gracefully:
// in-flight requests finish, pending view counts are written.
func serve(ctx context.Context, cfg *config.Config, st *store.Store, log *slog.Logger) error {
	// A news node's heap is small (caches are bounded); collecting less
	// often buys CPU for readers. GOGC in the environment still wins.
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(200)
	}
	var ready atomic.Bool
	counter := views.New(st, log)
	acc, err := newAccounts(ctx, cfg, st, log)
	if err != nil {
		return err
	}
	rules, err := loadRules(cfg)
	if err != nil {
		return err
	}
	s, err := site.New(site.Deps{Config: cfg, Store: st, Setup: st, Views: counter, Log: log, Ready: ready.Load,
		Accounts: acc.service, Captcha: acc.captcha, Social: acc.social, Policy: acc.policy, Key: acc.key, Rules: rules})
	if err != nil {
		return err
	}
	reg := metrics.New(metrics.Options{Version: Version, DBStats: st.DB().Stats})
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", reg.Handler())
	writers := 1
	if st.Dialect() == store.Postgres {
		writers = 2
	}
	mod, err := newModerator(rules, cfg, log)
	if err != nil {
		return err
	}
	if err := rebuildStateful(ctx, st, mod); err != nil {
		log.Warn("rebuild flash-mob and flood memory", "err", err)
	}
	if un := mod.engine.Unenforced(); len(un) > 0 {
		log.Info("moderation rules without a detector yet (moderators and reports still apply)", "rules", strings.Join(un, ","))
	}
	step := moderation.Step{Rate: moderation.RateLimit{Counter: st, PerMinute: cfg.CommentRate}, Engine: engine.Step{Engine: mod.engine}, Lang: cfg.Language}
	cs := comments.New(comments.Config{Links: cfg.CommentLinks, Writers: writers}, st, step, log)
	shareStateful(cs, mod)
	marks := newLaterMarks(cs, mod, rules, log)
	s.SetComments(cs)
	rv, err := newWorkspace(ctx, cfg, st, rules, acc, cs, log)
	if err != nil {
		return err
	}
	s.SetReview(rv, rules)
	apply := func(p *policy.Policy) error {
		if err := mod.engine.SetPolicy(p); err != nil {
			return err
		}
		s.SetRules(p)
		rv.SetPolicy(p)
		return nil
	}
	rv.OnPolicy(apply)
	if stored, err := rv.StoredPolicy(ctx); err != nil {
		log.Warn("the policy admins changed cannot be read; the file's is in force", "err", err)
	} else if stored != nil {
		if err := apply(stored); err != nil {
			log.Warn("the policy admins changed does not fit the file's detectors; the file's is in force", "err", err)
		} else {
			log.Info("moderation policy changed by admins is in force", "version", stored.Version)
		}
	}
	s.Routes(mux)
	api.New(api.Deps{Tokens: acc.service, Cookies: s, Articles: st, Store: st, Comments: cs, Links: cfg.CommentLinks, Log: log}).Routes(mux)
	var h http.Handler = mux
	h = web.AccessLog(log, h)
	h = web.Recover(log, func(w http.ResponseWriter, r *http.Request, status int, msg string) {
		http.Error(w, msg, status)
	}, h)
	h = web.SecurityHeaders(cfg.Secure(), h)
	h = reg.Middleware(h)

	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", cfg.Addr, err)
	}
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		IdleTimeout:       120 * time.Second,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}

	srv.RegisterOnShutdown(cs.Hub.Close)
	bg, stopBG := context.WithCancel(context.WithoutCancel(ctx))
	var wg sync.WaitGroup
	wg.Go(func() { counter.Run(bg, cfg.ViewFlushInterval) })
	wg.Go(func() { s.WatchContent(bg, 500*time.Millisecond) })
	wg.Go(func() { housekeeping(bg, st, log) })
	wg.Go(func() { acc.runner.Run(bg) })
	wg.Go(func() { cs.Run(bg) })
	if marks != nil {
		wg.Go(func() { marks.Run(bg) })
	}
	wg.Go(func() { rv.WatchPolicy(bg, rules, 5*time.Second) })

	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	ready.Store(true)
	log.Info("Tribune is serving", "url", cfg.BaseURL, "listen", ln.Addr().String(), "database", st.Dialect().String())

	var serveErr error
	select {
	case <-ctx.Done():
		log.Info("shutting down: finishing in-flight requests")
	case serveErr = <-errc:
	}
	ready.Store(false)
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		log.Warn("shutdown", "err", err)
	}
	stopBG()
	wg.Wait()
	log.Info("stopped")
	if serveErr != nil && !errors.Is(serveErr, http.ErrServerClosed) {
		return serveErr
	}
	return nil
}

// housekeeping runs once an hour: it drops hourly view buckets older than
// a week ("most read" looks back a day), expired sessions, links and
// rate-limit rows, and finished jobs older than a week.
func housekeeping(ctx context.Context, st *store.Store, log *slog.Logger) {
	t := time.NewTicker(time.Hour)
	defer t.Stop()
	for {
		now := time.Now()
		for name, err := range map[string]error{
			"view buckets": st.PruneViewBuckets(ctx, now.Add(-7*24*time.Hour)),
			"accounts":     st.PruneAccounts(ctx, now),
			"jobs":         pruneJobs(ctx, st, now),
		} {
			if err != nil && ctx.Err() == nil {
				log.Warn("housekeeping", "what", name, "err", err)
			}
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

func pruneJobs(ctx context.Context, st *store.Store, now time.Time) error {
	_, err := st.PruneJobs(ctx, now.Add(-7*24*time.Hour))
	return err
}

// siteHost is the host of the site's own address, whose links are allowed
// in comments.
func siteHost(baseURL string) string {
	u, err := url.Parse(baseURL)
	if err != nil {
		return ""
	}
	return u.Hostname()
}
