package oauth_test

import (
	"slices"
	"strings"
	"testing"

	"tribune/internal/oauth"
)

func TestNewProviderRejects(t *testing.T) {
	ok := oauth.ProviderConfig{Name: "corp", Kind: oauth.KindOIDC, Issuer: "https://sso.example", ClientID: "id", ClientSecret: "s"}
	for _, tc := range []struct {
		name  string
		alter func(*oauth.ProviderConfig)
		want  string
	}{
		{"empty name", func(c *oauth.ProviderConfig) { c.Name = "" }, "provider name"},
		{"name with slash", func(c *oauth.ProviderConfig) { c.Name = "a/b" }, "provider name"},
		{"upper-case name", func(c *oauth.ProviderConfig) { c.Name = "Corp" }, "provider name"},
		{"no client ID", func(c *oauth.ProviderConfig) { c.ClientID = "" }, "client ID and client secret"},
		{"no secret", func(c *oauth.ProviderConfig) { c.ClientSecret = "" }, "client ID and client secret"},
		{"unknown kind", func(c *oauth.ProviderConfig) { c.Kind = "saml" }, `unknown kind "saml"`},
		{"oidc without issuer", func(c *oauth.ProviderConfig) { c.Issuer = "" }, "issuer is required"},
		{"http issuer", func(c *oauth.ProviderConfig) { c.Issuer = "http://sso.example" }, "must use https"},
		{"relative token URL", func(c *oauth.ProviderConfig) { c.TokenURL = "/token" }, "not an absolute URL"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg := ok
			tc.alter(&cfg)
			_, err := oauth.NewProvider(cfg, nil)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("NewProvider(%+v) error = %v, want it to mention %q", cfg, err, tc.want)
			}
		})
	}
	if _, err := oauth.NewProvider(ok, nil); err != nil {
		t.Errorf("NewProvider(%+v) error = %v, want nil", ok, err)
	}
}

func TestNewProviderDefaults(t *testing.T) {
	for _, tc := range []struct {
		cfg         oauth.ProviderConfig
		wantDisplay string
		wantURL     string // prefix of the auth URL when no request is needed to know it
	}{
		{oauth.ProviderConfig{Name: "google", Kind: oauth.KindGoogle, ClientID: "id", ClientSecret: "s"}, "Google", ""},
		{oauth.ProviderConfig{Name: "facebook", Kind: oauth.KindFacebook, ClientID: "id", ClientSecret: "s"}, "Facebook",
			"https://www.facebook.com/v19.0/dialog/oauth?"},
		{oauth.ProviderConfig{Name: "corp", DisplayName: "Corp SSO", Kind: oauth.KindOIDC, Issuer: "https://sso.example",
			ClientID: "id", ClientSecret: "s", Scopes: []string{"email"},
			AuthURL: "https://sso.example/auth", TokenURL: "https://sso.example/token"}, "Corp SSO", "https://sso.example/auth?"},
	} {
		p, err := oauth.NewProvider(tc.cfg, nil)
		if err != nil {
			t.Fatalf("NewProvider(%+v): %v", tc.cfg, err)
		}
		if p.DisplayName() != tc.wantDisplay || p.Name() != tc.cfg.Name || p.Kind() != tc.cfg.Kind {
			t.Errorf("NewProvider(%q) = %q %q %q, want %q %q %q", tc.cfg.Name,
				p.Name(), p.DisplayName(), p.Kind(), tc.cfg.Name, tc.wantDisplay, tc.cfg.Kind)
		}
		if tc.wantURL == "" {
			continue
		}
		authURL, _, err := p.Start(callback)
		if err != nil || !strings.HasPrefix(authURL, tc.wantURL) {
			t.Errorf("%s: Start = %q, %v; want %s...", tc.cfg.Name, authURL, err, tc.wantURL)
		}
		if tc.cfg.Kind == oauth.KindOIDC {
			// "openid" is added to operator scopes: without it there is no ID token.
			if !slices.Contains(strings.Fields(queryOf(t, authURL).Get("scope")), "openid") {
				t.Errorf("%s: Start scope lacks openid: %q", tc.cfg.Name, authURL)
			}
		}
	}
}

func TestStartRejectsBadRedirect(t *testing.T) {
	p, err := oauth.NewProvider(oauth.ProviderConfig{Name: "facebook", Kind: oauth.KindFacebook, ClientID: "id", ClientSecret: "s"}, nil)
	if err != nil {
		t.Fatalf("NewProvider: %v", err)
	}
	for _, r := range []string{"", "/auth/facebook/callback", "ftp://x.example/cb", "https://x.example/cb#frag"} {
		if _, _, err := p.Start(r); err == nil {
			t.Errorf("Start(%q) succeeded, want an error", r)
		}
	}
}
