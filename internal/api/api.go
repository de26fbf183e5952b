// Package api is Tribune's JSON API under /api/v1. Callers authenticate
// with a bearer token from `tribune token create` or with the site's
// session cookie; cookie callers must also send the page's CSRF token in
// X-CSRF-Token for anything that changes state. Errors are JSON objects
// {"error": "..."} with a fitting status.
package api

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"strings"

	"tribune/internal/accounts"
	"tribune/internal/store"
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
	tokens  Tokens
	cookies Cookies
	log     *slog.Logger
}

// New builds the API.
func New(tokens Tokens, cookies Cookies, log *slog.Logger) *API {
	return &API{tokens: tokens, cookies: cookies, log: log}
}

// Routes registers the endpoints on mux.
func (a *API) Routes(mux *http.ServeMux) {
	mux.Handle("GET /api/v1/me", a.handle(a.me))
	mux.Handle("/api/", a.handle(func(w http.ResponseWriter, r *http.Request) error {
		return &Error{Status: http.StatusNotFound, Message: "no such API endpoint"}
	}))
}

// Error is an API error with its status; Message is shown to the caller.
type Error struct {
	Status  int
	Message string
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
		WriteJSON(w, ae.Status, map[string]string{"error": ae.Message})
	})
}

// WriteJSON writes v as the response body.
func WriteJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(true)
	enc.Encode(v)
}

var (
	errUnauthorized = &Error{Status: http.StatusUnauthorized, Message: "sign in, or send Authorization: Bearer TOKEN"}
	errCSRF         = &Error{Status: http.StatusForbidden, Message: "missing or invalid X-CSRF-Token header"}
)

// User authenticates a request: a bearer token, or the session cookie
// (plus the CSRF header on requests that change state).
func (a *API) User(r *http.Request) (store.User, error) {
	if h := r.Header.Get("Authorization"); h != "" {
		token, ok := strings.CutPrefix(h, "Bearer ")
		if !ok {
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
