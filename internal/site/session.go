package site

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"html"
	"net"
	"net/http"
	"net/url"
	"strings"

	"tribune/internal/accounts"
	"tribune/internal/store"
	"tribune/internal/web"
)

// Cookie names.
const (
	sessionCookie = "tribune_session"
	csrfCookie    = "tribune_csrf"
)

// viewer is the signed-in reader of a request.
type viewer struct {
	user    store.User
	session store.Session
	token   string
}

type viewerKey struct{}

// withViewer attaches the signed-in reader, if any, to the request.
// Requests without a session cookie cost nothing.
func (s *Site) withViewer(r *http.Request) *http.Request {
	if s.accounts == nil {
		return r
	}
	c, err := r.Cookie(sessionCookie)
	if err != nil || c.Value == "" {
		return r
	}
	se, u, err := s.accounts.Session(r.Context(), c.Value)
	if err != nil {
		if !errors.Is(err, accounts.ErrNoSession) {
			s.log.Warn("load session", "err", err)
		}
		return r
	}
	return r.WithContext(context.WithValue(r.Context(), viewerKey{}, &viewer{user: u, session: se, token: c.Value}))
}

// viewerOf returns the request's signed-in reader, or nil.
func viewerOf(r *http.Request) *viewer {
	v, _ := r.Context().Value(viewerKey{}).(*viewer)
	return v
}

// handle adapts a page handler: it attaches the viewer and renders errors.
func (s *Site) handle(h web.HandlerFunc) http.Handler {
	return s.adapter().Handle(func(w http.ResponseWriter, r *http.Request) error {
		return h(w, s.withViewer(r))
	})
}

// accountNav is the header's account area for this request.
func (s *Site) accountNav(r *http.Request) []byte {
	if s.accounts == nil {
		return nil
	}
	v := viewerOf(r)
	if v == nil {
		next := url.QueryEscape(r.URL.RequestURI())
		return []byte(`<a href="/login?next=` + html.EscapeString(next) + `">Sign in</a> <a class="button small" href="/register">Register</a>`)
	}
	return []byte(`<a href="/account" class="account-name">` + html.EscapeString(v.user.Name) + `</a> ` +
		`<form method="post" action="/logout" class="inline"><input type="hidden" name="csrf" value="` +
		html.EscapeString(s.csrfFor(v.session.ID)) + `"><button type="submit" class="link-button">Sign out</button></form>`)
}

// setSession gives the browser a new session cookie.
func (s *Site) setSession(w http.ResponseWriter, token string) {
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: token, Path: "/", HttpOnly: true,
		Secure: s.cfg.Secure(), SameSite: http.SameSiteLaxMode, MaxAge: 30 * 24 * 3600})
}

// clearSession removes the session cookie.
func (s *Site) clearSession(w http.ResponseWriter) {
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: "", Path: "/", HttpOnly: true,
		Secure: s.cfg.Secure(), SameSite: http.SameSiteLaxMode, MaxAge: -1})
}

// csrfFor derives the form token bound to a binding (a session id, or an
// anonymous visitor's csrf cookie); no token is stored anywhere.
func (s *Site) csrfFor(binding string) string {
	m := hmac.New(sha256.New, s.csrfKey)
	m.Write([]byte("csrf:" + binding))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

// csrfToken returns the token forms on this page must carry, giving an
// anonymous visitor the cookie it is bound to when they have none.
func (s *Site) csrfToken(w http.ResponseWriter, r *http.Request) string {
	if v := viewerOf(r); v != nil {
		return s.csrfFor(v.session.ID)
	}
	if c, err := r.Cookie(csrfCookie); err == nil && len(c.Value) >= 20 && len(c.Value) <= 64 {
		return s.csrfFor("anon:" + c.Value)
	}
	b := make([]byte, 24)
	rand.Read(b) // never fails on supported platforms
	val := base64.RawURLEncoding.EncodeToString(b)
	http.SetCookie(w, &http.Cookie{Name: csrfCookie, Value: val, Path: "/", HttpOnly: true,
		Secure: s.cfg.Secure(), SameSite: http.SameSiteLaxMode})
	// Later code on this request sees the cookie it will have.
	r.AddCookie(&http.Cookie{Name: csrfCookie, Value: val})
	return s.csrfFor("anon:" + val)
}

// csrfOK checks a state-changing request: it must come from this site
// (Sec-Fetch-Site or Origin when the browser sends them) and carry the
// token bound to the visitor's session or csrf cookie.
func (s *Site) csrfOK(r *http.Request) bool {
	switch r.Header.Get("Sec-Fetch-Site") {
	case "", "same-origin", "none":
	default:
		return false
	}
	if o := r.Header.Get("Origin"); o != "" && o != "null" {
		u, err := url.Parse(o)
		if err != nil || (o != s.cfg.BaseURL && u.Host != r.Host) {
			return false
		}
	}
	got := r.PostFormValue("csrf")
	if got == "" {
		got = r.Header.Get("X-CSRF-Token")
	}
	if got == "" {
		return false
	}
	var want string
	if v := viewerOf(r); v != nil {
		want = s.csrfFor(v.session.ID)
	} else if c, err := r.Cookie(csrfCookie); err == nil && c.Value != "" {
		want = s.csrfFor("anon:" + c.Value)
	} else {
		return false
	}
	return hmac.Equal([]byte(got), []byte(want))
}

// clientIP is the address limits are counted against: the connection's
// peer, or the proxy-reported client when the operator trusts the proxy.
func (s *Site) clientIP(r *http.Request) string {
	if s.cfg.TrustProxy {
		if xff := r.Header.Get("X-Forwarded-For"); xff != "" {
			parts := strings.Split(xff, ",")
			if ip := strings.TrimSpace(parts[len(parts)-1]); net.ParseIP(ip) != nil {
				return ip
			}
		}
	}
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// safeNext returns a local path to go to after signing in, or "/".
func safeNext(next string) string {
	if next == "" || !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(next, "/\\") ||
		strings.ContainsAny(next, "\r\n") {
		return "/"
	}
	return next
}

// SessionUser returns the account signed in with the request's session
// cookie, for the JSON API.
func (s *Site) SessionUser(r *http.Request) (store.User, bool) {
	if v := viewerOf(s.withViewer(r)); v != nil {
		return v.user, true
	}
	return store.User{}, false
}

// CSRFValid checks the request's CSRF token (form field or X-CSRF-Token),
// for the JSON API's cookie callers.
func (s *Site) CSRFValid(r *http.Request) bool { return s.csrfOK(s.withViewer(r)) }
