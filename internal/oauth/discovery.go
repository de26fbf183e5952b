package oauth

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"
)

// metadata is the part of an OpenID Provider's discovery document (OpenID
// Connect Discovery 1.0, section 3) that a login needs.
type metadata struct {
	Issuer           string   `json:"issuer"`
	AuthURL          string   `json:"authorization_endpoint"`
	TokenURL         string   `json:"token_endpoint"`
	UserInfoURL      string   `json:"userinfo_endpoint"`
	JWKSURL          string   `json:"jwks_uri"`
	TokenAuthMethods []string `json:"token_endpoint_auth_methods_supported"`
}

// discoveryMaxAge is how long a discovery document is trusted before it is
// read again; providers move endpoints rarely, and a failed refresh keeps
// the old document.
const discoveryMaxAge = 24 * time.Hour

// discoveryRetry spaces out refreshes after a failed one, so a provider
// outage does not add a timeout to every login.
const discoveryRetry = 5 * time.Minute

// discoveryURL is where OIDC Discovery puts the document for an issuer.
func discoveryURL(issuer string) string {
	return strings.TrimSuffix(issuer, "/") + "/.well-known/openid-configuration"
}

// needsDiscovery is false for Facebook and for OIDC providers whose
// endpoints the operator configured by hand.
func (p *Provider) needsDiscovery() bool {
	return p.isOIDC() && (p.cfg.AuthURL == "" || p.cfg.TokenURL == "")
}

// endpoints returns the provider's endpoints, reading discovery on first use.
// Concurrent first logins wait for one fetch rather than each making one.
func (p *Provider) endpoints(ctx context.Context) (metadata, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if !p.needsDiscovery() {
		return p.configured(metadata{Issuer: p.cfg.Issuer}), nil
	}
	if p.meta != nil && p.now().Sub(p.metaAt) < discoveryMaxAge {
		return *p.meta, nil
	}
	m, err := p.discover(ctx)
	if err != nil {
		if p.meta != nil { // keep working on yesterday's document, retry later
			p.metaAt = p.now().Add(discoveryRetry - discoveryMaxAge)
			return *p.meta, nil
		}
		return metadata{}, err
	}
	p.meta, p.metaAt = &m, p.now()
	return m, nil
}

// configured lays the operator's endpoint overrides over m.
func (p *Provider) configured(m metadata) metadata {
	m.AuthURL = orDefault(p.cfg.AuthURL, m.AuthURL)
	m.TokenURL = orDefault(p.cfg.TokenURL, m.TokenURL)
	m.UserInfoURL = orDefault(p.cfg.UserInfoURL, m.UserInfoURL)
	m.JWKSURL = orDefault(p.cfg.JWKSURL, m.JWKSURL)
	return m
}

func (p *Provider) discover(ctx context.Context) (metadata, error) {
	u := discoveryURL(p.cfg.Issuer)
	var m metadata
	if err := p.getJSON(ctx, u, "", &m); err != nil {
		return metadata{}, errorf(p.cfg.Name, "OIDC discovery failed (is the issuer %q right?): %w", p.cfg.Issuer, err)
	}
	// Discovery section 4.3: the document must name the issuer we asked
	// for. A trailing slash is the one difference tolerated, since operators
	// type issuers both ways; the document's spelling is what tokens carry.
	if strings.TrimSuffix(m.Issuer, "/") != strings.TrimSuffix(p.cfg.Issuer, "/") {
		return metadata{}, errorf(p.cfg.Name, "OIDC discovery at %s names issuer %q, not the configured %q", u, m.Issuer, p.cfg.Issuer)
	}
	m = p.configured(m)
	for _, e := range []struct{ what, v string }{
		{"authorization_endpoint", m.AuthURL}, {"token_endpoint", m.TokenURL},
		{"userinfo_endpoint", m.UserInfoURL}, {"jwks_uri", m.JWKSURL},
	} {
		if e.v == "" {
			if e.what == "authorization_endpoint" || e.what == "token_endpoint" {
				return metadata{}, errorf(p.cfg.Name, "OIDC discovery at %s has no %s", u, e.what)
			}
			continue
		}
		if err := checkEndpoint(e.v); err != nil {
			return metadata{}, errorf(p.cfg.Name, "OIDC discovery at %s: %s: %w", u, e.what, err)
		}
	}
	return m, nil
}

// tokenAuth picks how the client authenticates at the token endpoint:
// HTTP Basic (the spec's default, RFC 6749 section 2.3.1) unless the
// provider says it only takes the secret in the form body.
func (p *Provider) tokenAuth(m metadata) (basic bool, err error) {
	if p.cfg.Kind == KindFacebook {
		return false, nil
	}
	methods := m.TokenAuthMethods
	switch {
	case len(methods) == 0 || slices.Contains(methods, "client_secret_basic"):
		return true, nil
	case slices.Contains(methods, "client_secret_post"):
		return false, nil
	}
	return false, fmt.Errorf("oauth %s: the token endpoint takes none of client_secret_basic, client_secret_post (it offers %s)",
		p.cfg.Name, strings.Join(methods, ", "))
}
