package oauth_test

import (
	"errors"
	"net/url"
	"strings"
	"testing"

	"tribune/internal/oauth"
	"tribune/internal/oauth/oauthtest"
)

func TestIDTokenRejected(t *testing.T) {
	for _, tc := range []struct {
		name string
		m    oauthtest.Misbehaviour
	}{
		{"wrong nonce", oauthtest.WrongNonce},
		{"wrong audience", oauthtest.WrongAudience},
		{"wrong issuer", oauthtest.WrongIssuer},
		{"expired", oauthtest.Expired},
		{"tampered signature", oauthtest.BadSignature},
		{"claims changed after signing", oauthtest.TamperedClaims},
		{"alg none", oauthtest.AlgNone},
		{"alg HS256 with the client secret", oauthtest.AlgHS256},
		{"key not in the JWKS", oauthtest.UnknownKey},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, p := newFake(t)
			f.Misbehave(tc.m)
			st, q := authorize(t, p, callback)
			got, err := p.Finish(t.Context(), callback, st, q)
			if !errors.Is(err, oauth.ErrIDToken) {
				t.Errorf("Finish = %+v, %v; want ErrIDToken", got, err)
			}
			t.Log(err)
		})
	}
}

// Without a jwks_uri the client leans on TLS to the token endpoint, as OIDC
// Core 3.1.3.7 allows, but still refuses unsigned and HMAC tokens.
func TestNoJWKS(t *testing.T) {
	for _, tc := range []struct {
		name string
		m    oauthtest.Misbehaviour
		want error
	}{
		{"honest", oauthtest.Honest, nil},
		{"alg none", oauthtest.AlgNone, oauth.ErrIDToken},
		{"alg HS256", oauthtest.AlgHS256, oauth.ErrIDToken},
		{"wrong nonce", oauthtest.WrongNonce, oauth.ErrIDToken},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := oauthtest.NewFake(t)
			cfg := f.Config("corp")
			cfg.AuthURL, cfg.TokenURL = f.Issuer()+"/authorize", f.Issuer()+"/token"
			p, err := oauth.NewProvider(cfg, nil)
			if err != nil {
				t.Fatalf("NewProvider: %v", err)
			}
			f.Misbehave(tc.m)
			st, q := authorize(t, p, callback)
			if _, err := p.Finish(t.Context(), callback, st, q); !errors.Is(err, tc.want) {
				t.Errorf("Finish error = %v, want %v", err, tc.want)
			}
			if n := f.Hits("/.well-known/openid-configuration") + f.Hits("/jwks"); n != 0 {
				t.Errorf("requests to discovery and jwks = %d, want 0 with endpoints configured", n)
			}
		})
	}
}

func TestStateRejected(t *testing.T) {
	for _, tc := range []struct {
		name  string
		alter func(st *oauth.State, q url.Values)
	}{
		{"state parameter changed", func(st *oauth.State, q url.Values) { q.Set("state", st.Value[1:]+"x") }},
		{"state parameter missing", func(st *oauth.State, q url.Values) { q.Del("state") }},
		{"no state cookie", func(st *oauth.State, q url.Values) { *st = oauth.State{} }},
		{"expired login", func(st *oauth.State, q url.Values) { st.Expires -= int64(oauth.StateLifetime.Seconds()) + 1 }},
		{"started at another provider", func(st *oauth.State, q url.Values) { st.Provider = "google" }},
		{"callback from another issuer", func(st *oauth.State, q url.Values) { q.Set("iss", "https://evil.example") }},
		{"denial with a forged state", func(st *oauth.State, q url.Values) {
			q.Del("code")
			q.Set("error", "access_denied")
			q.Set("state", "forged")
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, p := newFake(t)
			st, q := authorize(t, p, callback)
			tc.alter(&st, q)
			_, err := p.Finish(t.Context(), callback, st, q)
			t.Log(err)
			if !errors.Is(err, oauth.ErrState) {
				t.Errorf("Finish error = %v, want ErrState", err)
			}
			if n := f.Hits("/token"); n != 0 {
				t.Errorf("requests to /token = %d, want 0: the code must not be spent", n)
			}
		})
	}
}

// The provider refuses exchanges a thief could attempt; the client reports
// them as ErrProvider with the provider's error code.
func TestExchangeRefused(t *testing.T) {
	for _, tc := range []struct {
		name     string
		alter    func(st *oauth.State, redirect *string)
		wantCode string
	}{
		{"wrong PKCE verifier", func(st *oauth.State, _ *string) { st.Verifier = strings.Repeat("v", 43) }, "invalid_grant"},
		{"other redirect URI", func(_ *oauth.State, r *string) { *r = "https://news.example/elsewhere" }, "invalid_grant"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, p := newFake(t)
			st, q := authorize(t, p, callback)
			redirect := callback
			tc.alter(&st, &redirect)
			_, err := p.Finish(t.Context(), redirect, st, q)
			var pe *oauth.ProviderError
			if !errors.As(err, &pe) || pe.Code != tc.wantCode || !errors.Is(err, oauth.ErrProvider) {
				t.Errorf("Finish error = %v, want a ProviderError %s", err, tc.wantCode)
			}
		})
	}
}

func TestCodeReplay(t *testing.T) {
	_, p := newFake(t)
	st, q := authorize(t, p, callback)
	if _, err := p.Finish(t.Context(), callback, st, q); err != nil {
		t.Fatalf("first Finish error: %v", err)
	}
	var pe *oauth.ProviderError
	if _, err := p.Finish(t.Context(), callback, st, q); !errors.As(err, &pe) || pe.Code != "invalid_grant" {
		t.Errorf("second Finish with the same code: error %v, want ProviderError invalid_grant", err)
	}
}

func TestWrongSecretNotLeaked(t *testing.T) {
	f := oauthtest.NewFake(t)
	cfg := f.Config("corp")
	cfg.ClientSecret = "s3cr3t-value-that-must-not-leak"
	p, err := oauth.NewProvider(cfg, nil)
	if err != nil {
		t.Fatalf("NewProvider: %v", err)
	}
	st, q := authorize(t, p, callback)
	_, err = p.Finish(t.Context(), callback, st, q)
	var pe *oauth.ProviderError
	if !errors.As(err, &pe) || pe.Code != "invalid_client" {
		t.Fatalf("Finish error = %v, want ProviderError invalid_client", err)
	}
	for _, secret := range []string{cfg.ClientSecret, q.Get("code"), st.Verifier} {
		if strings.Contains(err.Error(), secret) {
			t.Errorf("error %q contains a secret %q", err, secret)
		}
	}
}

func TestProviderErrorCallback(t *testing.T) {
	_, p := newFake(t)
	st, _ := authorize(t, p, callback)
	q := url.Values{"state": {st.Value}, "error": {"server_error"}, "error_description": {"Try later"}}
	_, err := p.Finish(t.Context(), callback, st, q)
	var pe *oauth.ProviderError
	if !errors.As(err, &pe) || pe.Code != "server_error" || pe.Description != "Try later" || errors.Is(err, oauth.ErrDenied) {
		t.Errorf("Finish(error=server_error) = %v, want ProviderError server_error: Try later", err)
	}
	if _, err := p.Finish(t.Context(), callback, st, url.Values{"state": {st.Value}}); !errors.Is(err, oauth.ErrProvider) {
		t.Errorf("Finish with neither code nor error = %v, want ErrProvider", err)
	}
}
