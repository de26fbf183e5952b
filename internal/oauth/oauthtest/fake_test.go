package oauthtest

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

const cb = "https://news.example/auth/fake/callback"

// get requests the fake's /authorize without following redirects.
func get(t *testing.T, f *Fake, q url.Values) *http.Response {
	t.Helper()
	c := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := c.Get(f.Issuer() + "/authorize?" + q.Encode())
	if err != nil {
		t.Fatalf("GET /authorize: %v", err)
	}
	resp.Body.Close()
	return resp
}

func TestAuthorizeChecks(t *testing.T) {
	f := NewFake(t)
	f.AllowRedirect(cb)
	good := url.Values{
		"client_id": {f.ClientID()}, "redirect_uri": {cb}, "response_type": {"code"}, "scope": {"openid"},
		"state": {"s1"}, "code_challenge": {"E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"}, "code_challenge_method": {"S256"},
	}
	for _, tc := range []struct {
		name      string
		key, val  string
		status    int
		wantError string // the error parameter of the redirect
	}{
		{"good", "", "", http.StatusFound, ""},
		{"unknown client", "client_id", "other", http.StatusBadRequest, ""},
		{"unregistered redirect", "redirect_uri", "https://evil.example/cb", http.StatusBadRequest, ""},
		{"implicit flow", "response_type", "token", http.StatusFound, "unsupported_response_type"},
		{"plain PKCE", "code_challenge_method", "plain", http.StatusFound, "invalid_request"},
		{"no PKCE", "code_challenge", "", http.StatusFound, "invalid_request"},
	} {
		q := url.Values{}
		for k, v := range good {
			q[k] = v
		}
		if tc.key != "" {
			q.Set(tc.key, tc.val)
		}
		resp := get(t, f, q)
		if resp.StatusCode != tc.status {
			t.Errorf("%s: GET /authorize status = %d, want %d", tc.name, resp.StatusCode, tc.status)
			continue
		}
		if tc.status != http.StatusFound {
			continue
		}
		loc, _ := url.Parse(resp.Header.Get("Location"))
		back := loc.Query()
		if !strings.HasPrefix(loc.String(), cb+"?") || back.Get("state") != "s1" || back.Get("error") != tc.wantError {
			t.Errorf("%s: redirect to %q, want %s with state s1 and error %q", tc.name, loc, cb, tc.wantError)
		}
		if tc.wantError == "" && back.Get("code") == "" {
			t.Errorf("%s: redirect to %q has no code", tc.name, loc)
		}
	}
}

func TestTokenChecks(t *testing.T) {
	f := NewFake(t)
	const verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"
	code := func() string {
		resp := get(t, f, url.Values{
			"client_id": {f.ClientID()}, "redirect_uri": {cb}, "response_type": {"code"}, "scope": {"openid"},
			"code_challenge": {"E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"}, "code_challenge_method": {"S256"},
		})
		loc, _ := url.Parse(resp.Header.Get("Location"))
		return loc.Query().Get("code")
	}
	for _, tc := range []struct {
		name   string
		alter  func(form url.Values)
		status int
	}{
		{"good", func(url.Values) {}, http.StatusOK},
		{"wrong secret", func(v url.Values) { v.Set("client_secret", "x") }, http.StatusUnauthorized},
		{"no client auth", func(v url.Values) { v.Del("client_secret") }, http.StatusUnauthorized},
		{"wrong verifier", func(v url.Values) { v.Set("code_verifier", strings.Repeat("x", 43)) }, http.StatusBadRequest},
		{"no verifier", func(v url.Values) { v.Del("code_verifier") }, http.StatusBadRequest},
		{"unknown code", func(v url.Values) { v.Set("code", "made-up") }, http.StatusBadRequest},
		{"other redirect", func(v url.Values) { v.Set("redirect_uri", cb+"2") }, http.StatusBadRequest},
	} {
		form := url.Values{
			"grant_type": {"authorization_code"}, "code": {code()}, "redirect_uri": {cb}, "code_verifier": {verifier},
			"client_id": {f.ClientID()}, "client_secret": {f.ClientSecret()},
		}
		tc.alter(form)
		resp, err := f.Client().PostForm(f.Issuer()+"/token", form)
		if err != nil {
			t.Fatalf("POST /token: %v", err)
		}
		resp.Body.Close()
		if resp.StatusCode != tc.status {
			t.Errorf("%s: POST /token status = %d, want %d", tc.name, resp.StatusCode, tc.status)
		}
	}
}
