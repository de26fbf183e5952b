package oauth

import (
	"context"
	"fmt"
	"net/url"
	"strings"
)

// Start begins a login. It returns the provider URL to send the browser to
// and the State the caller keeps until the callback (see State). redirectURL
// is the site's callback, e.g. BASE_URL/auth/google/callback, and must be
// registered with the provider exactly as given.
//
// The request carries a random state (CSRF), a PKCE S256 challenge (so a
// stolen code is useless without the verifier) and, for OpenID Connect, a
// nonce (so a replayed ID token is refused).
func (p *Provider) Start(redirectURL string) (authURL string, st State, err error) {
	if err := checkRedirect(redirectURL); err != nil {
		return "", State{}, errorf(p.cfg.Name, "redirect URL: %w", err)
	}
	m, err := p.endpoints(context.Background())
	if err != nil {
		return "", State{}, err
	}
	st = State{
		Provider: p.cfg.Name,
		Value:    random(),
		Verifier: random(),
		Expires:  p.now().Add(StateLifetime).Unix(),
	}
	u, err := url.Parse(m.AuthURL)
	if err != nil {
		return "", State{}, errorf(p.cfg.Name, "authorization endpoint %q: %w", m.AuthURL, err)
	}
	q := u.Query() // keep any parameters the endpoint itself carries
	q.Set("response_type", "code")
	q.Set("client_id", p.cfg.ClientID)
	q.Set("redirect_uri", redirectURL)
	q.Set("scope", strings.Join(p.cfg.Scopes, " "))
	q.Set("state", st.Value)
	q.Set("code_challenge", challengeS256(st.Verifier))
	q.Set("code_challenge_method", "S256")
	if p.isOIDC() {
		st.Nonce = random()
		q.Set("nonce", st.Nonce)
	}
	u.RawQuery = q.Encode()
	return u.String(), st, nil
}

// checkRedirect refuses callback URLs a provider would refuse anyway, so the
// mistake shows in our log with a clear message rather than on the
// provider's error page.
func checkRedirect(raw string) error {
	u, err := url.Parse(raw)
	switch {
	case err != nil || u.Host == "" || (u.Scheme != "https" && u.Scheme != "http"):
		return fmt.Errorf("%q is not an absolute http(s) URL", raw)
	case u.Fragment != "":
		return fmt.Errorf("%q has a fragment, which OAuth forbids", raw)
	}
	return nil
}
