package oauth

import (
	"fmt"
	"net"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"sync"
	"time"
)

// ProviderConfig is what the operator configures for one provider.
type ProviderConfig struct {
	Name        string // url-safe id used in routes and stored with identities, e.g. "google", "corp"
	DisplayName string // shown on the button, e.g. "Google", "Corp SSO"
	Kind        Kind
	ClientID    string
	// ClientSecret is sent only to the token endpoint, never logged.
	ClientSecret string
	// Issuer is the OIDC issuer; discovery is read from
	// Issuer + "/.well-known/openid-configuration". Google's is the default
	// for KindGoogle; Facebook has none.
	Issuer string
	// Scopes default by kind: "openid email profile" for OIDC and Google,
	// "email public_profile" for Facebook. "openid" is always added for OIDC.
	Scopes []string
	// Endpoints override discovery or the built-in defaults (tests, or
	// providers without discovery). With AuthURL and TokenURL both set,
	// discovery is not fetched, and ID token signatures are checked only if
	// JWKSURL is set too.
	AuthURL, TokenURL, UserInfoURL, JWKSURL string
}

// Provider runs logins against one configured provider. It is safe for
// concurrent use; discovery and signing keys are fetched on first use and
// cached.
type Provider struct {
	cfg     ProviderConfig
	client  *http.Client
	now     func() time.Time
	timeout time.Duration // per request; a field so tests can shorten it

	mu       sync.Mutex
	meta     *metadata // the discovery document, nil until first fetched
	metaAt   time.Time
	keys     []jwk
	keysURL  string
	keysAt   time.Time
	keysMiss time.Time // last refetch for an unknown kid, to rate-limit them
}

// Facebook's endpoints, pinned to a Graph API version so a change of
// default version at Facebook does not change behaviour under us.
const (
	facebookAuthURL  = "https://www.facebook.com/v19.0/dialog/oauth"
	facebookTokenURL = "https://graph.facebook.com/v19.0/oauth/access_token"
	facebookUserURL  = "https://graph.facebook.com/v19.0/me"
	googleIssuer     = "https://accounts.google.com"
)

var namePattern = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]{0,31}$`)

// NewProvider checks cfg and fills in the defaults of its kind. It makes no
// request: discovery happens on first use, so a provider that is down at
// start-up does not stop the site.
func NewProvider(cfg ProviderConfig, client *http.Client) (*Provider, error) {
	if !namePattern.MatchString(cfg.Name) {
		return nil, fmt.Errorf("oauth: provider name %q: want 1-32 lowercase letters, digits, '-' or '_'", cfg.Name)
	}
	if cfg.ClientID == "" || cfg.ClientSecret == "" {
		return nil, errorf(cfg.Name, "client ID and client secret are required")
	}
	switch cfg.Kind {
	case KindGoogle:
		if cfg.Issuer == "" {
			cfg.Issuer = googleIssuer
		}
		cfg.DisplayName = orDefault(cfg.DisplayName, "Google")
		cfg.Scopes = withOpenID(orDefaultScopes(cfg.Scopes, "openid", "email", "profile"))
	case KindOIDC:
		if cfg.Issuer == "" {
			return nil, errorf(cfg.Name, "issuer is required for a generic OIDC provider")
		}
		cfg.DisplayName = orDefault(cfg.DisplayName, cfg.Name)
		cfg.Scopes = withOpenID(orDefaultScopes(cfg.Scopes, "openid", "email", "profile"))
	case KindFacebook:
		cfg.DisplayName = orDefault(cfg.DisplayName, "Facebook")
		cfg.Scopes = orDefaultScopes(cfg.Scopes, "email", "public_profile")
		cfg.AuthURL = orDefault(cfg.AuthURL, facebookAuthURL)
		cfg.TokenURL = orDefault(cfg.TokenURL, facebookTokenURL)
		cfg.UserInfoURL = orDefault(cfg.UserInfoURL, facebookUserURL)
	default:
		return nil, errorf(cfg.Name, "unknown kind %q (want google, facebook or oidc)", cfg.Kind)
	}
	for _, u := range []struct{ what, v string }{
		{"issuer", cfg.Issuer}, {"auth URL", cfg.AuthURL}, {"token URL", cfg.TokenURL},
		{"userinfo URL", cfg.UserInfoURL}, {"JWKS URL", cfg.JWKSURL},
	} {
		if u.v == "" {
			continue
		}
		if err := checkEndpoint(u.v); err != nil {
			return nil, errorf(cfg.Name, "%s: %w", u.what, err)
		}
	}
	if client == nil {
		client = defaultClient()
	}
	return &Provider{cfg: cfg, client: client, now: time.Now, timeout: requestTimeout}, nil
}

// Name is the url-safe id used in routes and stored with linked identities.
func (p *Provider) Name() string { return p.cfg.Name }

// DisplayName is the provider's name for people, e.g. on a "Comment via" button.
func (p *Provider) DisplayName() string { return p.cfg.DisplayName }

// Kind is the provider's protocol dialect.
func (p *Provider) Kind() Kind { return p.cfg.Kind }

func (p *Provider) isOIDC() bool { return p.cfg.Kind != KindFacebook }

// checkEndpoint insists on HTTPS except on the loopback interface (tests and
// development), because the ID token check leans on TLS (see idtoken.go).
func checkEndpoint(raw string) error {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return fmt.Errorf("%q is not an absolute URL", raw)
	}
	switch {
	case u.Scheme == "https":
		return nil
	case u.Scheme == "http" && isLoopback(u.Hostname()):
		return nil
	}
	return fmt.Errorf("%q: must use https", raw)
}

func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

func orDefaultScopes(s []string, def ...string) []string {
	if len(s) == 0 {
		return def
	}
	return slices.Clone(s)
}

func withOpenID(s []string) []string {
	if slices.Contains(s, "openid") {
		return s
	}
	return append([]string{"openid"}, s...)
}
