package oauth

import (
	"context"
	"crypto/subtle"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"
)

// clockSkew is the leeway allowed between our clock and the provider's.
const clockSkew = 2 * time.Minute

// claims is the part of an ID token (OIDC Core section 2) a login uses.
type claims struct {
	Iss           string      `json:"iss"`
	Sub           string      `json:"sub"`
	Aud           audience    `json:"aud"`
	Azp           string      `json:"azp"`
	Exp           json.Number `json:"exp"`
	Iat           json.Number `json:"iat"`
	Nonce         string      `json:"nonce"`
	Email         string      `json:"email"`
	EmailVerified *flexBool   `json:"email_verified"`
	Name          string      `json:"name"`
	GivenName     string      `json:"given_name"`
	FamilyName    string      `json:"family_name"`
}

// audience is the aud claim: one string or an array of them.
type audience []string

func (a *audience) UnmarshalJSON(b []byte) error {
	var one string
	if json.Unmarshal(b, &one) == nil {
		*a = audience{one}
		return nil
	}
	var many []string
	if err := json.Unmarshal(b, &many); err != nil {
		return fmt.Errorf("aud is neither a string nor an array of strings")
	}
	*a = many
	return nil
}

// flexBool reads email_verified, which some providers send as the string
// "true" instead of a JSON boolean.
type flexBool bool

func (f *flexBool) UnmarshalJSON(b []byte) error {
	var v bool
	if json.Unmarshal(b, &v) == nil {
		*f = flexBool(v)
		return nil
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("email_verified is neither a boolean nor a string")
	}
	*f = flexBool(strings.EqualFold(s, "true"))
	return nil
}

// checkIDToken validates an ID token per OIDC Core section 3.1.3.7 and
// returns its claims. Every failure wraps ErrIDToken.
//
// About the signature: section 3.1.3.7 item 6 lets a client that received
// the ID token directly from the token endpoint over TLS (as here: our own
// back-channel POST, and NewProvider insists on https) use the TLS server
// check in place of the signature check. We rely on that only when the
// provider publishes no jwks_uri. When it does, the RS256/ES256 (or 384/512)
// signature is verified as well, so a compromised or misrouted token
// endpoint cannot vouch for an identity on its own. "none" and HS* are
// always refused: neither proves the provider made the token.
func (p *Provider) checkIDToken(ctx context.Context, m metadata, raw, nonce string) (claims, error) {
	fail := func(format string, args ...any) (claims, error) {
		return claims{}, fmt.Errorf("oauth %s: %w: "+format, append([]any{p.cfg.Name, ErrIDToken}, args...)...)
	}
	t, err := parseJWS(raw)
	if err != nil {
		return fail("%v", err)
	}
	alg, ok := lookupAlg(t.alg)
	if !ok {
		return fail("signature algorithm %q is not accepted", clip(t.alg, 20))
	}
	if m.JWKSURL != "" {
		keys, err := p.signingKeys(ctx, m.JWKSURL, t.kid)
		if err != nil {
			return claims{}, fmt.Errorf("oauth %s: checking the ID token signature: %w", p.cfg.Name, err)
		}
		if err := verifyWith(keys, alg, t); err != nil {
			return fail("%v", err)
		}
	}
	var c claims
	dec := json.NewDecoder(strings.NewReader(string(t.payload)))
	dec.UseNumber()
	if err := dec.Decode(&c); err != nil {
		return fail("claims: %v", err)
	}
	now := p.now()
	switch {
	case !p.issuerOK(m, c.Iss):
		return fail("issuer %q, want %q", clip(c.Iss, 200), m.Issuer)
	case c.Sub == "":
		return fail("no subject")
	case !slices.Contains(c.Aud, p.cfg.ClientID):
		return fail("audience %q does not include our client ID", clipAll(c.Aud))
	case len(c.Aud) > 1 && c.Azp == "":
		return fail("several audiences and no azp")
	case c.Azp != "" && c.Azp != p.cfg.ClientID:
		return fail("authorized party %q is not our client ID", clip(c.Azp, 200))
	}
	exp, err := unixTime(c.Exp)
	if err != nil {
		return fail("exp: %v", err)
	}
	if !now.Before(exp.Add(clockSkew)) {
		return fail("expired at %s", exp.UTC().Format(time.RFC3339))
	}
	if c.Iat != "" {
		iat, err := unixTime(c.Iat)
		if err != nil {
			return fail("iat: %v", err)
		}
		if iat.After(now.Add(clockSkew)) {
			return fail("issued in the future, at %s", iat.UTC().Format(time.RFC3339))
		}
	}
	if nonce == "" || subtle.ConstantTimeCompare([]byte(c.Nonce), []byte(nonce)) != 1 {
		return fail("nonce does not match this login")
	}
	return c, nil
}

// issuerOK compares iss with the discovered issuer. Google documents that
// its tokens may carry the issuer without the scheme.
func (p *Provider) issuerOK(m metadata, iss string) bool {
	if iss == m.Issuer {
		return true
	}
	return p.cfg.Kind == KindGoogle && "https://"+iss == googleIssuer && m.Issuer == googleIssuer
}

func unixTime(n json.Number) (time.Time, error) {
	if n == "" {
		return time.Time{}, fmt.Errorf("missing")
	}
	f, err := n.Float64()
	if err != nil || f < 0 || f > 1e11 { // 1e11 s is year 5138: beyond it int64 conversion is unsafe
		return time.Time{}, fmt.Errorf("%q is not a plausible time", clip(string(n), 30))
	}
	return time.Unix(int64(f), 0), nil
}

func clipAll(ss []string) []string {
	out := make([]string, 0, min(len(ss), 5))
	for _, s := range ss[:min(len(ss), 5)] {
		out = append(out, clip(s, 100))
	}
	return out
}
