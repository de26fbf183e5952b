package oauth_test

import (
	"errors"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"tribune/internal/oauth"
	"tribune/internal/oauth/oauthtest"
)

const callback = "https://news.example/auth/corp/callback"

// authorize plays the browser: it starts a login, GETs the provider's
// authorization URL without following the final redirect, and returns the
// state and the callback's query.
func authorize(t *testing.T, p *oauth.Provider, redirect string) (oauth.State, url.Values) {
	t.Helper()
	authURL, st, err := p.Start(redirect)
	if err != nil {
		t.Fatalf("Start(%q) error: %v", redirect, err)
	}
	return st, follow(t, authURL, redirect)
}

// follow GETs authURL and returns the query of the redirect to redirect.
func follow(t *testing.T, authURL, redirect string) url.Values {
	t.Helper()
	c := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := c.Get(authURL)
	if err != nil {
		t.Fatalf("GET authURL: %v", err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusFound {
		t.Fatalf("GET authURL status = %d, want 302", resp.StatusCode)
	}
	loc := resp.Header.Get("Location")
	if !strings.HasPrefix(loc, redirect+"?") {
		t.Fatalf("redirected to %q, want %q?...", loc, redirect)
	}
	u, err := url.Parse(loc)
	if err != nil {
		t.Fatalf("redirect Location %q: %v", loc, err)
	}
	return u.Query()
}

func queryOf(t *testing.T, raw string) url.Values {
	t.Helper()
	u, err := url.Parse(raw)
	if err != nil {
		t.Fatalf("url.Parse(%q): %v", raw, err)
	}
	return u.Query()
}

func newFake(t *testing.T) (*oauthtest.Fake, *oauth.Provider) {
	t.Helper()
	f := oauthtest.NewFake(t)
	f.AllowRedirect(callback)
	p, err := oauth.NewProvider(f.Config("corp"), nil)
	if err != nil {
		t.Fatalf("NewProvider: %v", err)
	}
	return f, p
}

func TestFullFlow(t *testing.T) {
	for _, methods := range [][]string{
		{"client_secret_basic", "client_secret_post"},
		{"client_secret_basic"},
		{"client_secret_post"},
	} {
		t.Run(strings.Join(methods, "+"), func(t *testing.T) {
			f, p := newFake(t)
			f.TokenAuthMethods(methods...)
			alice := oauth.Identity{Subject: "alice-123", Email: "alice@example.org", EmailVerified: true, Name: "Alice Martin"}
			f.NextUser(alice)
			st, q := authorize(t, p, callback)
			got, err := p.Finish(t.Context(), callback, st, q)
			if err != nil {
				t.Fatalf("Finish error: %v", err)
			}
			alice.Provider = "corp"
			if got != alice {
				t.Errorf("Finish = %+v, want %+v", got, alice)
			}
		})
	}
}

func TestStartURL(t *testing.T) {
	f, p := newFake(t)
	authURL, st, err := p.Start(callback)
	if err != nil {
		t.Fatalf("Start error: %v", err)
	}
	u, _ := url.Parse(authURL)
	q := u.Query()
	for key, want := range map[string]string{
		"response_type":         "code",
		"client_id":             f.ClientID(),
		"redirect_uri":          callback,
		"scope":                 "openid email profile",
		"state":                 st.Value,
		"nonce":                 st.Nonce,
		"code_challenge_method": "S256",
	} {
		if got := q.Get(key); got != want || got == "" {
			t.Errorf("auth URL %s = %q, want %q", key, got, want)
		}
	}
	if q.Get("code_challenge") == "" || strings.Contains(authURL, st.Verifier) {
		t.Errorf("auth URL %q: want a code_challenge and never the verifier", authURL)
	}
	if strings.Contains(authURL, f.ClientSecret()) {
		t.Errorf("auth URL %q contains the client secret", authURL)
	}
	_, st2, _ := p.Start(callback)
	if st2.Value == st.Value || st2.Verifier == st.Verifier || st2.Nonce == st.Nonce {
		t.Errorf("two Starts share random values: %+v and %+v", st, st2)
	}
}

func TestDiscoveryCached(t *testing.T) {
	f, p := newFake(t)
	for range 3 {
		st, q := authorize(t, p, callback)
		if _, err := p.Finish(t.Context(), callback, st, q); err != nil {
			t.Fatalf("Finish error: %v", err)
		}
	}
	for path, want := range map[string]int{"/.well-known/openid-configuration": 1, "/jwks": 1, "/token": 3} {
		if got := f.Hits(path); got != want {
			t.Errorf("requests to %s = %d, want %d", path, got, want)
		}
	}
}

func TestUnverifiedEmail(t *testing.T) {
	f, p := newFake(t)
	f.NextUser(oauth.Identity{Subject: "bob", Email: "bob@example.org", EmailVerified: false, Name: "Bob"})
	st, q := authorize(t, p, callback)
	got, err := p.Finish(t.Context(), callback, st, q)
	if err != nil {
		t.Fatalf("Finish error: %v", err)
	}
	if got.EmailVerified || got.Email != "bob@example.org" {
		t.Errorf("Finish = %+v, want email bob@example.org not verified", got)
	}
}

func TestUserInfoFallback(t *testing.T) {
	f, p := newFake(t)
	want := oauth.Identity{Provider: "corp", Subject: "carol", Email: "carol@example.org", EmailVerified: true, Name: "Carol"}
	f.NextUser(want)
	f.Misbehave(oauthtest.NoEmailInIDToken)
	st, q := authorize(t, p, callback)
	got, err := p.Finish(t.Context(), callback, st, q)
	if err != nil {
		t.Fatalf("Finish error: %v", err)
	}
	if got != want {
		t.Errorf("Finish = %+v, want %+v", got, want)
	}
	if n := f.Hits("/userinfo"); n != 1 {
		t.Errorf("requests to /userinfo = %d, want 1", n)
	}

	f.Misbehave(oauthtest.UserInfoOtherSubject)
	st, q = authorize(t, p, callback)
	if _, err := p.Finish(t.Context(), callback, st, q); !errors.Is(err, oauth.ErrProvider) {
		t.Errorf("Finish with userinfo for another subject: error %v, want ErrProvider", err)
	}
}

func TestDenied(t *testing.T) {
	f, p := newFake(t)
	f.Deny()
	st, q := authorize(t, p, callback)
	if _, err := p.Finish(t.Context(), callback, st, q); !errors.Is(err, oauth.ErrDenied) {
		t.Errorf("Finish after Deny: error %v, want ErrDenied", err)
	}
	if n := f.Hits("/token"); n != 0 {
		t.Errorf("requests to /token after a denial = %d, want 0", n)
	}
	// The denial was for one login only.
	st, q = authorize(t, p, callback)
	if _, err := p.Finish(t.Context(), callback, st, q); err != nil {
		t.Errorf("Finish after the denied login: %v", err)
	}
}
