package site

import (
	"net/http"
	"strings"

	"tribune/internal/web"
)

// Routes registers every public route on mux. Each handler is wrapped by
// the error adapter; cached pages go through s.cached.
func (s *Site) Routes(mux *http.ServeMux) {
	h := s.handle
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
	mux.Handle("GET /privacy", h(s.cached(s.privacy)))
	mux.Handle("GET /community-standards", h(s.cached(s.standards)))
	if s.accounts != nil {
		s.accountRoutes(mux, h)
	}
	if s.review != nil {
		s.moderationRoutes(mux, h)
	}
	mux.Handle("GET /healthz", http.HandlerFunc(s.healthz))
	// Everything else is a friendly 404 page.
	mux.Handle("/", h(s.notFound))
}

// accountRoutes are the reader account pages.
func (s *Site) accountRoutes(mux *http.ServeMux, h func(web.HandlerFunc) http.Handler) {
	mux.Handle("GET /register", h(s.registerForm))
	mux.Handle("POST /register", h(s.registerSubmit))
	mux.Handle("GET /captcha/{file}", http.HandlerFunc(s.captchaImage))
	mux.Handle("GET /login", h(s.loginForm))
	mux.Handle("POST /login", h(s.loginSubmit))
	mux.Handle("POST /logout", h(s.logout))
	mux.Handle("GET /account", h(s.account))
	mux.Handle("GET /account/verify", h(s.verify))
	mux.Handle("POST /account/verify/resend", h(s.resendVerification))
	mux.Handle("POST /account/name", h(s.changeName))
	mux.Handle("POST /account/email", h(s.changeEmail))
	mux.Handle("GET /account/email/confirm", h(s.confirmEmail))
	mux.Handle("POST /account/password", h(s.changePassword))
	mux.Handle("POST /account/logout-everywhere", h(s.logoutEverywhere))
	mux.Handle("GET /account/export", h(s.exportData))
	mux.Handle("POST /account/delete", h(s.deleteAccount))
	mux.Handle("GET /account/restore", h(s.restoreForm))
	mux.Handle("POST /account/restore", h(s.restoreSubmit))
	mux.Handle("GET /account/forgot", h(s.forgotForm))
	mux.Handle("POST /account/forgot", h(s.forgotSubmit))
	mux.Handle("GET /account/reset", h(s.resetForm))
	mux.Handle("POST /account/reset", h(s.resetSubmit))
	mux.Handle("GET /auth/complete", h(s.socialCompleteForm))
	mux.Handle("POST /auth/complete", h(s.socialCompleteSubmit))
	mux.Handle("GET /auth/{provider}", h(s.socialStart))
	mux.Handle("GET /auth/{provider}/callback", h(s.socialCallback))
	mux.Handle("GET /readers/{id}", h(s.readerProfile))
	if s.comments != nil {
		mux.Handle("POST /news/{slug}/comments", h(s.postComment))
		mux.Handle("GET /news/{slug}/comments/new", h(s.newComments))
		mux.Handle("POST /comments/{id}/edit", h(s.editComment))
		mux.Handle("POST /comments/{id}/delete", h(s.deleteComment))
		mux.Handle("POST /comments/{id}/report", h(s.reportComment))
		mux.Handle("GET /comments/{id}/versions", h(s.commentVersions))
	}
}

// captchaImage serves /captcha/{token}.png.
func (s *Site) captchaImage(w http.ResponseWriter, r *http.Request) {
	token, ok := strings.CutSuffix(r.PathValue("file"), ".png")
	if !ok {
		http.NotFound(w, r)
		return
	}
	s.captcha.ServeImage(w, r, token)
}
