package oauth

import (
	"context"
	"encoding/json"
	"fmt"
	"mime"
	"net/http"
	"net/url"
	"strings"
)

// tokens is the token endpoint's answer (RFC 6749 section 5.1, plus the
// id_token of OIDC Core section 3.1.3.3).
type tokens struct {
	AccessToken string `json:"access_token"`
	TokenType   string `json:"token_type"`
	IDToken     string `json:"id_token"`
}

// exchange trades the authorization code for tokens (RFC 6749 section
// 4.1.3), proving possession of the PKCE verifier. The client secret goes in
// an Authorization header or the form body, never in a URL.
func (p *Provider) exchange(ctx context.Context, m metadata, code, redirectURL, verifier string) (tokens, error) {
	basic, err := p.tokenAuth(m)
	if err != nil {
		return tokens{}, err
	}
	form := url.Values{
		"grant_type":    {"authorization_code"},
		"code":          {code},
		"redirect_uri":  {redirectURL},
		"code_verifier": {verifier},
	}
	if !basic {
		form.Set("client_id", p.cfg.ClientID)
		form.Set("client_secret", p.cfg.ClientSecret)
	}
	req, err := http.NewRequest(http.MethodPost, m.TokenURL, strings.NewReader(form.Encode()))
	if err != nil {
		return tokens{}, errorf(p.cfg.Name, "token endpoint %q: %w", m.TokenURL, err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Accept", "application/json")
	if basic {
		// RFC 6749 section 2.3.1: both parts are form-encoded first.
		req.SetBasicAuth(url.QueryEscape(p.cfg.ClientID), url.QueryEscape(p.cfg.ClientSecret))
	}
	resp, body, err := p.send(ctx, req)
	if err != nil {
		return tokens{}, errorf(p.cfg.Name, "code exchange: %w", err)
	}
	if resp.StatusCode != http.StatusOK {
		if code, desc, ok := parseError(body); ok {
			return tokens{}, errorf(p.cfg.Name, "code exchange: %w", newProviderError(code, desc))
		}
		return tokens{}, errorf(p.cfg.Name, "code exchange: %w: token endpoint answered HTTP %d", ErrProvider, resp.StatusCode)
	}
	t, err := decodeTokens(resp.Header.Get("Content-Type"), body)
	if err != nil {
		return tokens{}, errorf(p.cfg.Name, "code exchange: %w: %w", ErrProvider, err)
	}
	if t.AccessToken == "" {
		return tokens{}, errorf(p.cfg.Name, "code exchange: %w: no access_token in the answer", ErrProvider)
	}
	if t.TokenType != "" && !strings.EqualFold(t.TokenType, "bearer") {
		return tokens{}, errorf(p.cfg.Name, "code exchange: %w: token_type %q is not Bearer", ErrProvider, clip(t.TokenType, 40))
	}
	return t, nil
}

// decodeTokens reads JSON, as the RFC requires, or the form encoding some
// older OAuth 2.0 providers still send.
func decodeTokens(contentType string, body []byte) (tokens, error) {
	ct, _, _ := mime.ParseMediaType(contentType)
	if ct == "application/x-www-form-urlencoded" || ct == "text/plain" {
		v, err := url.ParseQuery(string(body))
		if err != nil {
			return tokens{}, fmt.Errorf("token response is not form-encoded")
		}
		return tokens{AccessToken: v.Get("access_token"), TokenType: v.Get("token_type"), IDToken: v.Get("id_token")}, nil
	}
	var t tokens
	if err := json.Unmarshal(body, &t); err != nil {
		return tokens{}, fmt.Errorf("token response is not valid JSON")
	}
	return t, nil
}
