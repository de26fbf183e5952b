// Package api is Tribune's JSON API under /api/v1. Callers authenticate
// with a bearer token from `tribune token create` or with the site's
// session cookie; cookie callers must also send the page's CSRF token in
// X-CSRF-Token for anything that changes state. Errors are JSON objects
// {"error": "..."} with a fitting status.
package api

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"tribune/internal/accounts"
	"tribune/internal/comments"
	"tribune/internal/memo"
	"tribune/internal/store"
	"tribune/internal/web"
)

// Tokens resolves bearer tokens to accounts (*accounts.Service).
type Tokens interface {
	APIUser(ctx context.Context, token string) (store.User, error)
}

// Cookies resolves the site's session cookie and checks CSRF tokens
// (*site.Site).
type Cookies interface {
	SessionUser(r *http.Request) (store.User, bool)
	CSRFValid(r *http.Request) bool
}

// API serves the JSON endpoints.
type API struct {
	tokens   Tokens
	cookies  Cookies
	articles Articles
	store    CommentStore
	comments *comments.Service
	links    bool
	log      *slog.Logger
	// lists caches anonymous comment listings.
	lists *memo.Cache
	// slugs caches articles by slug (cachedArticle).
	slugs sync.Map
}

// Deps are what New needs.
type Deps struct {
	Tokens   Tokens
	Cookies  Cookies
	Articles Articles
	Store    CommentStore
	Comments *comments.Service
	// Links renders URLs in comments as links.
	Links bool
	Log   *slog.Logger
}

// New builds the API.
func New(d Deps) *API {
	return &API{tokens: d.Tokens, cookies: d.Cookies, articles: d.Articles, store: d.Store, comments: d.Comments, links: d.Links, log: d.Log,
		lists: memo.New(5*time.Second, 5000)}
}

// Routes registers the endpoints on mux.
func (a *API) Routes(mux *http.ServeMux) {
	mux.Handle("GET /api/v1/me", a.handle(a.me))
	if a.comments != nil {
		a.commentRoutes(mux)
	}
	mux.Handle("/api/", a.handle(func(w http.ResponseWriter, r *http.Request) error {
		return &Error{Status: http.StatusNotFound, Message: "no such API endpoint"}
	}))
}

// Error is an API error with its status; Message is shown to the caller.
type Error struct {
	Status  int
	Message string
	// RetryAfter, when set, is sent as the Retry-After header (429s).
	RetryAfter time.Duration
}

func (e *Error) Error() string { return e.Message }

// handlerFunc is an endpoint that returns an error instead of writing one.
type handlerFunc func(w http.ResponseWriter, r *http.Request) error

func (a *API) handle(h handlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-store")
		err := h(w, r)
		if err == nil {
			return
		}
		var ae *Error
		if !errors.As(err, &ae) {
			a.log.Error("API request failed", "method", r.Method, "path", r.URL.Path, "err", err)
			ae = &Error{Status: http.StatusInternalServerError, Message: "internal error; please try again"}
		}
		if ae.RetryAfter > 0 {
			w.Header().Set("Retry-After", strconv.Itoa(int(ae.RetryAfter.Round(time.Second)/time.Second)+1))
		}
		WriteJSON(w, ae.Status, map[string]string{"error": ae.Message})
	})
}

// WriteJSON writes v as the response body.
func WriteJSON(w http.ResponseWriter, status int, v any) { web.WriteJSON(w, status, v) }

var (
	errUnauthorized = &Error{Status: http.StatusUnauthorized, Message: "sign in, or send Authorization: Bearer TOKEN"}
	errCSRF         = &Error{Status: http.StatusForbidden, Message: "missing or invalid X-CSRF-Token header"}
)

// User authenticates a request: a bearer token, or the session cookie
// (plus the CSRF header on requests that change state).
func (a *API) User(r *http.Request) (store.User, error) {
	if h := r.Header.Get("Authorization"); h != "" {
		scheme, token, ok := strings.Cut(h, " ")
		if !ok || !strings.EqualFold(scheme, "Bearer") {
			return store.User{}, errUnauthorized
		}
		u, err := a.tokens.APIUser(r.Context(), strings.TrimSpace(token))
		if errors.Is(err, accounts.ErrNoSession) {
			return u, &Error{Status: http.StatusUnauthorized, Message: "unknown or revoked token"}
		}
		return u, err
	}
	u, ok := a.cookies.SessionUser(r)
	if !ok {
		return u, errUnauthorized
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead && !a.cookies.CSRFValid(r) {
		return u, errCSRF
	}
	return u, nil
}

// me tells a client who it is authenticated as.
func (a *API) me(w http.ResponseWriter, r *http.Request) error {
	u, err := a.User(r)
	if err != nil {
		return err
	}
	WriteJSON(w, http.StatusOK, map[string]any{
		"id": u.ID, "name": u.Name, "role": u.Role, "email": u.Email, "email_verified": u.Verified(),
	})
	return nil
}
