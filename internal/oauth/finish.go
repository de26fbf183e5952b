package oauth

import (
	"context"
	"net/url"
	"strings"
)

// Finish completes a login from the provider's callback query. redirectURL
// must be the one given to Start; st is the State Start returned.
//
// It reports ErrDenied when the reader declined consent, ErrState when the
// callback does not match the login this browser started, a *ProviderError
// (errors.Is ErrProvider) when the provider answered with an error, and
// ErrIDToken when an ID token fails a check. The Identity it returns has
// passed every check; whether to link it to an account is the caller's rule.
func (p *Provider) Finish(ctx context.Context, redirectURL string, st State, query url.Values) (Identity, error) {
	if e := query.Get("error"); e != "" {
		// An error response grants nothing, so it is reported even without
		// a state to compare; but a state that is present must match.
		if s := query.Get("state"); s != "" {
			if err := st.check(p.cfg.Name, s, p.now()); err != nil {
				return Identity{}, errorf(p.cfg.Name, "%w", err)
			}
		}
		if e == "access_denied" {
			return Identity{}, errorf(p.cfg.Name, "%w", ErrDenied)
		}
		return Identity{}, errorf(p.cfg.Name, "authorization: %w", newProviderError(e, query.Get("error_description")))
	}
	if err := st.check(p.cfg.Name, query.Get("state"), p.now()); err != nil {
		return Identity{}, errorf(p.cfg.Name, "%w", err)
	}
	code := query.Get("code")
	if code == "" {
		return Identity{}, errorf(p.cfg.Name, "%w: the callback has neither a code nor an error", ErrProvider)
	}
	m, err := p.endpoints(ctx)
	if err != nil {
		return Identity{}, err
	}
	// RFC 9207: a provider that names itself in the callback must be the
	// one this login went to (a defence against mix-up attacks).
	if iss := query.Get("iss"); iss != "" && p.isOIDC() && !p.issuerOK(m, iss) {
		return Identity{}, errorf(p.cfg.Name, "%w: callback from issuer %q", ErrState, clip(iss, 200))
	}
	t, err := p.exchange(ctx, m, code, redirectURL, st.Verifier)
	if err != nil {
		return Identity{}, err
	}
	if !p.isOIDC() {
		return p.facebookUser(ctx, m, t.AccessToken)
	}
	if t.IDToken == "" {
		return Identity{}, errorf(p.cfg.Name, "%w: no id_token in the token response (is the openid scope allowed for this client?)", ErrProvider)
	}
	c, err := p.checkIDToken(ctx, m, t.IDToken, st.Nonce)
	if err != nil {
		return Identity{}, err
	}
	id := Identity{
		Provider:      p.cfg.Name,
		Subject:       c.Sub,
		Email:         strings.TrimSpace(c.Email),
		EmailVerified: c.EmailVerified != nil && bool(*c.EmailVerified),
		Name:          fullName(c.Name, c.GivenName, c.FamilyName),
	}
	if id.Email == "" {
		id.EmailVerified = false
	}
	if (id.Email == "" || c.EmailVerified == nil) && m.UserInfoURL != "" {
		if err := p.fillFromUserInfo(ctx, m, t.AccessToken, &id); err != nil {
			return Identity{}, err
		}
	}
	return id, nil
}
