package oauth_test

import (
	"errors"
	"net/url"
	"testing"

	"tribune/internal/oauth"
	"tribune/internal/oauth/oauthtest"
)

const fbCallback = "https://news.example/auth/facebook/callback"

func newFacebook(t *testing.T) (*oauthtest.FakeFacebook, *oauth.Provider) {
	t.Helper()
	f := oauthtest.NewFacebook(t)
	f.AllowRedirect(fbCallback)
	p, err := oauth.NewProvider(f.Config(), nil)
	if err != nil {
		t.Fatalf("NewProvider: %v", err)
	}
	return f, p
}

func TestFacebookFlow(t *testing.T) {
	for _, tc := range []struct {
		name string
		user oauth.Identity
		want oauth.Identity
	}{
		{
			"confirmed email",
			oauth.Identity{Subject: "10158", Email: "dana@example.org", EmailVerified: true, Name: "Dana"},
			oauth.Identity{Provider: "facebook", Subject: "10158", Email: "dana@example.org", EmailVerified: true, Name: "Dana"},
		},
		{
			// Facebook withholds unconfirmed addresses: nothing to link by.
			"unconfirmed email",
			oauth.Identity{Subject: "10159", Email: "eve@example.org", EmailVerified: false, Name: "Eve"},
			oauth.Identity{Provider: "facebook", Subject: "10159", Name: "Eve"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, p := newFacebook(t)
			f.NextUser(tc.user)
			authURL, st, err := p.Start(fbCallback)
			if err != nil {
				t.Fatalf("Start error: %v", err)
			}
			u, _ := url.Parse(authURL)
			if got := u.Query().Get("scope"); got != "email public_profile" {
				t.Errorf("auth URL scope = %q, want %q", got, "email public_profile")
			}
			if u.Query().Has("nonce") || st.Nonce != "" {
				t.Errorf("Facebook login carries a nonce (%q); it is not OIDC", st.Nonce)
			}
			got, err := p.Finish(t.Context(), fbCallback, st, follow(t, authURL, fbCallback))
			if err != nil {
				t.Fatalf("Finish error: %v", err)
			}
			if got != tc.want {
				t.Errorf("Finish = %+v, want %+v", got, tc.want)
			}
		})
	}
}

func TestFacebookDenied(t *testing.T) {
	f, p := newFacebook(t)
	f.Deny()
	authURL, st, err := p.Start(fbCallback)
	if err != nil {
		t.Fatalf("Start error: %v", err)
	}
	q := follow(t, authURL, fbCallback)
	if q.Get("error_reason") != "user_denied" {
		t.Fatalf("callback query %v, want error_reason=user_denied", q)
	}
	if _, err := p.Finish(t.Context(), fbCallback, st, q); !errors.Is(err, oauth.ErrDenied) {
		t.Errorf("Finish error = %v, want ErrDenied", err)
	}
}

func TestFacebookGraphError(t *testing.T) {
	f := oauthtest.NewFacebook(t)
	cfg := f.Config()
	cfg.ClientSecret = "not-the-secret"
	p, err := oauth.NewProvider(cfg, nil)
	if err != nil {
		t.Fatalf("NewProvider: %v", err)
	}
	authURL, st, err := p.Start(fbCallback)
	if err != nil {
		t.Fatalf("Start error: %v", err)
	}
	_, err = p.Finish(t.Context(), fbCallback, st, follow(t, authURL, fbCallback))
	var pe *oauth.ProviderError
	if !errors.As(err, &pe) || pe.Code != "OAuthException" || pe.Description != "Error validating client secret." {
		t.Errorf("Finish error = %v, want ProviderError OAuthException: Error validating client secret.", err)
	}
}
