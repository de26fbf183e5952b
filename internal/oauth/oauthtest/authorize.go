package oauthtest

import (
	"net/http"
	"net/url"
	"slices"
	"strings"
)

// authorize is the authorization endpoint. A bad client_id or redirect_uri
// gets an error page, never a redirect (RFC 6749 section 4.1.2.1: the URI
// cannot be trusted); other faults go back to the client as error codes.
func (f *Fake) authorize(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	f.mu.Lock()
	defer f.mu.Unlock()
	if q.Get("client_id") != f.id {
		f.t.Logf("oauthtest: /authorize: unknown client_id %q", q.Get("client_id"))
		http.Error(w, "unknown client_id", http.StatusBadRequest)
		return
	}
	redirectURI := q.Get("redirect_uri")
	if !redirectOK(redirectURI, f.redirects) {
		f.t.Logf("oauthtest: /authorize: redirect_uri %q not allowed", redirectURI)
		http.Error(w, "redirect_uri not registered", http.StatusBadRequest)
		return
	}
	user, deny, misbehave := DefaultUser(), f.deny, f.misbehave
	if f.next != nil {
		user = *f.next
	}
	f.next, f.deny, f.misbehave = nil, false, Honest
	back := url.Values{"state": {q.Get("state")}, "iss": {f.Issuer()}} // RFC 9207
	fail := func(code, desc string) {
		back.Set("error", code)
		back.Set("error_description", desc)
		redirectBack(w, r, redirectURI, back)
	}
	switch {
	case q.Get("response_type") != "code":
		fail("unsupported_response_type", "only the authorization code flow is supported")
	case q.Get("code_challenge_method") != "S256" || q.Get("code_challenge") == "":
		fail("invalid_request", "PKCE with code_challenge_method=S256 is required")
	case deny:
		fail("access_denied", "The user denied the request")
	default:
		code := random()
		f.codes[code] = grant{
			clientID: f.id, redirectURI: redirectURI,
			challenge: q.Get("code_challenge"), nonce: q.Get("nonce"),
			openid: slices.Contains(strings.Fields(q.Get("scope")), "openid"),
			user:   user, misbehave: misbehave,
		}
		back.Set("code", code)
		redirectBack(w, r, redirectURI, back)
	}
}

// token is the token endpoint: it authenticates the client, takes each code
// once, and checks the redirect URI and the PKCE verifier.
func (f *Fake) token(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		oauthError(w, http.StatusBadRequest, "invalid_request", "unreadable form")
		return
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if code, desc := f.authenticate(r); code != "" {
		f.t.Logf("oauthtest: /token: %s", desc)
		w.Header().Set("WWW-Authenticate", `Basic realm="fake"`)
		oauthError(w, http.StatusUnauthorized, code, desc)
		return
	}
	if r.PostForm.Get("grant_type") != "authorization_code" {
		oauthError(w, http.StatusBadRequest, "unsupported_grant_type", "only authorization_code")
		return
	}
	code := r.PostForm.Get("code")
	g, ok := f.codes[code]
	delete(f.codes, code) // a code works once, even when the exchange fails
	var bad string
	switch {
	case !ok:
		bad = "unknown or used code"
	case r.PostForm.Get("redirect_uri") != g.redirectURI:
		bad = "redirect_uri differs from the authorization request"
	case !pkceOK(r.PostForm.Get("code_verifier"), g.challenge):
		bad = "PKCE verification failed"
	}
	if bad != "" {
		f.t.Logf("oauthtest: /token: %s", bad)
		oauthError(w, http.StatusBadRequest, "invalid_grant", bad)
		return
	}
	access := random()
	f.access[access] = g
	resp := map[string]any{"access_token": access, "token_type": "Bearer", "expires_in": 3600}
	if g.openid {
		resp["id_token"] = f.idToken(g)
	}
	writeJSON(w, http.StatusOK, resp)
}

// authenticate checks the client's credentials, given by one allowed
// method, and returns an OAuth error code and description if they fail.
func (f *Fake) authenticate(r *http.Request) (code, desc string) {
	user, pass, basic := r.BasicAuth()
	post := r.PostForm.Has("client_secret")
	method := "client_secret_post"
	switch {
	case basic && post:
		return "invalid_request", "two client authentication methods"
	case basic:
		method = "client_secret_basic"
		var err1, err2 error
		user, err1 = url.QueryUnescape(user)
		pass, err2 = url.QueryUnescape(pass)
		if err1 != nil || err2 != nil {
			return "invalid_client", "bad Basic credentials encoding"
		}
	case post:
		user, pass = r.PostForm.Get("client_id"), r.PostForm.Get("client_secret")
	default:
		return "invalid_client", "no client authentication"
	}
	if !slices.Contains(f.authMethods, method) {
		return "invalid_client", method + " is not allowed"
	}
	if user != f.id || !equal(pass, f.secret) {
		return "invalid_client", "wrong client credentials"
	}
	return "", ""
}

// userinfo answers for the bearer of an access token.
func (f *Fake) userinfo(w http.ResponseWriter, r *http.Request) {
	token, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	f.mu.Lock()
	g, known := f.access[token]
	f.mu.Unlock()
	if !ok || !known {
		w.Header().Set("WWW-Authenticate", `Bearer error="invalid_token"`)
		oauthError(w, http.StatusUnauthorized, "invalid_token", "unknown access token")
		return
	}
	sub := g.user.Subject
	if g.misbehave == UserInfoOtherSubject {
		sub = "someone-else"
	}
	writeJSON(w, http.StatusOK, map[string]any{
		"sub": sub, "email": g.user.Email, "email_verified": g.user.EmailVerified, "name": g.user.Name,
	})
}
