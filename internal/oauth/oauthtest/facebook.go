package oauthtest

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"tribune/internal/oauth"
)

// FakeFacebook imitates Facebook Login and the Graph API's /me: the login
// dialog, the code exchange (secret in the form body) and the profile,
// which, like Facebook's, has an email only when it is confirmed.
type FakeFacebook struct {
	t      testing.TB
	srv    *httptest.Server
	id     string
	secret string

	mu        sync.Mutex
	redirects []string
	next      *oauth.Identity
	deny      bool
	codes     map[string]grant
	access    map[string]grant
}

// NewFacebook starts a fake Facebook that stops when the test ends.
func NewFacebook(t testing.TB) *FakeFacebook {
	t.Helper()
	f := &FakeFacebook{
		t: t, id: "1234567890", secret: "fb-secret-" + random(),
		codes: map[string]grant{}, access: map[string]grant{},
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /v19.0/dialog/oauth", f.dialog)
	mux.HandleFunc("POST /v19.0/oauth/access_token", f.token)
	mux.HandleFunc("GET /v19.0/me", f.me)
	f.srv = httptest.NewServer(mux)
	t.Cleanup(f.srv.Close)
	return f
}

// Config is a Facebook provider config whose endpoints point at the fake.
func (f *FakeFacebook) Config() oauth.ProviderConfig {
	return oauth.ProviderConfig{
		Name: "facebook", Kind: oauth.KindFacebook, ClientID: f.id, ClientSecret: f.secret,
		AuthURL:     f.srv.URL + "/v19.0/dialog/oauth",
		TokenURL:    f.srv.URL + "/v19.0/oauth/access_token",
		UserInfoURL: f.srv.URL + "/v19.0/me",
	}
}

// AllowRedirect registers a redirect URI, as Fake.AllowRedirect does.
func (f *FakeFacebook) AllowRedirect(uri string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.redirects = append(f.redirects, uri)
}

// NextUser sets who logs in next. An unverified email is withheld from /me,
// as Facebook withholds unconfirmed ones.
func (f *FakeFacebook) NextUser(id oauth.Identity) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.next = &id
}

// Deny makes the next login answer as Facebook does when the reader
// cancels: error=access_denied&error_reason=user_denied.
func (f *FakeFacebook) Deny() {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.deny = true
}

func (f *FakeFacebook) dialog(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	f.mu.Lock()
	defer f.mu.Unlock()
	redirectURI := q.Get("redirect_uri")
	if q.Get("client_id") != f.id || !redirectOK(redirectURI, f.redirects) {
		f.t.Logf("oauthtest: facebook dialog: bad client_id or redirect_uri %q", redirectURI)
		http.Error(w, "URL Blocked: This redirect failed because the redirect URI is not whitelisted", http.StatusBadRequest)
		return
	}
	user, deny := DefaultUser(), f.deny
	if f.next != nil {
		user = *f.next
	}
	f.next, f.deny = nil, false
	back := map[string][]string{"state": {q.Get("state")}}
	if deny {
		back["error"] = []string{"access_denied"}
		back["error_code"] = []string{"200"}
		back["error_description"] = []string{"Permissions error"}
		back["error_reason"] = []string{"user_denied"}
		redirectBack(w, r, redirectURI, back)
		return
	}
	code := random()
	f.codes[code] = grant{clientID: f.id, redirectURI: redirectURI, challenge: q.Get("code_challenge"), user: user}
	back["code"] = []string{code}
	redirectBack(w, r, redirectURI, back)
}

func (f *FakeFacebook) token(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		graphError(w, http.StatusBadRequest, "unreadable form")
		return
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	code := r.PostForm.Get("code")
	g, ok := f.codes[code]
	delete(f.codes, code)
	var bad string
	switch {
	case r.PostForm.Get("client_id") != f.id || !equal(r.PostForm.Get("client_secret"), f.secret):
		bad = "Error validating client secret."
	case !ok:
		bad = "This authorization code has been used."
	case r.PostForm.Get("redirect_uri") != g.redirectURI:
		bad = "Error validating verification code. Please make sure your redirect_uri is identical to the one you used in the OAuth dialog request"
	case g.challenge != "" && !pkceOK(r.PostForm.Get("code_verifier"), g.challenge):
		bad = "Invalid code verifier."
	}
	if bad != "" {
		f.t.Logf("oauthtest: facebook token: %s", bad)
		graphError(w, http.StatusBadRequest, bad)
		return
	}
	access := random()
	f.access[access] = g
	writeJSON(w, http.StatusOK, map[string]any{"access_token": access, "token_type": "bearer", "expires_in": 5183944})
}

func (f *FakeFacebook) me(w http.ResponseWriter, r *http.Request) {
	token, _ := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	f.mu.Lock()
	g, ok := f.access[token]
	f.mu.Unlock()
	if !ok {
		graphError(w, http.StatusUnauthorized, "Invalid OAuth access token.")
		return
	}
	mac := hmac.New(sha256.New, []byte(f.secret))
	mac.Write([]byte(token))
	if !equal(r.URL.Query().Get("appsecret_proof"), hex.EncodeToString(mac.Sum(nil))) {
		graphError(w, http.StatusBadRequest, "Invalid appsecret_proof provided in the API argument")
		return
	}
	resp := map[string]string{"id": g.user.Subject}
	for _, field := range strings.Split(r.URL.Query().Get("fields"), ",") {
		switch {
		case field == "name":
			resp["name"] = g.user.Name
		case field == "email" && g.user.Email != "" && g.user.EmailVerified:
			resp["email"] = g.user.Email
		}
	}
	writeJSON(w, http.StatusOK, resp)
}

// graphError writes an error in the Graph API's shape.
func graphError(w http.ResponseWriter, status int, msg string) {
	writeJSON(w, status, map[string]any{"error": map[string]any{"message": msg, "type": "OAuthException", "code": 100}})
}
