package oauth

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"net/url"
	"strings"
)

// userInfo is the answer of an OIDC userinfo endpoint (OIDC Core section 5.3).
type userInfo struct {
	Sub           string    `json:"sub"`
	Email         string    `json:"email"`
	EmailVerified *flexBool `json:"email_verified"`
	Name          string    `json:"name"`
	GivenName     string    `json:"given_name"`
	FamilyName    string    `json:"family_name"`
}

// fillFromUserInfo completes id from the userinfo endpoint when the ID
// token left the email or its verification out, as providers may when the
// claims are large or the scope-based claims are only served there.
func (p *Provider) fillFromUserInfo(ctx context.Context, m metadata, accessToken string, id *Identity) error {
	var ui userInfo
	if err := p.getJSON(ctx, m.UserInfoURL, accessToken, &ui); err != nil {
		return errorf(p.cfg.Name, "userinfo: %w", err)
	}
	// OIDC Core 5.3.2: a userinfo answer about someone else must not be used.
	if ui.Sub != id.Subject {
		return errorf(p.cfg.Name, "userinfo: %w: subject %q differs from the ID token's", ErrProvider, clip(ui.Sub, 100))
	}
	email := strings.TrimSpace(ui.Email)
	if id.Email == "" || strings.EqualFold(email, id.Email) {
		id.Email = email
		id.EmailVerified = email != "" && ui.EmailVerified != nil && bool(*ui.EmailVerified)
	}
	if id.Name == "" {
		id.Name = fullName(ui.Name, ui.GivenName, ui.FamilyName)
	}
	return nil
}

// facebookUser reads the signed-in person from the Graph API. Facebook is
// not OpenID Connect here: the access token is the only proof, and /me says
// whose it is.
//
// EmailVerified is true whenever Facebook returns an email: the Graph API
// returns only confirmed addresses (an account whose address is unconfirmed,
// or that signed up by phone, returns no email field at all).
func (p *Provider) facebookUser(ctx context.Context, m metadata, accessToken string) (Identity, error) {
	u, err := url.Parse(m.UserInfoURL)
	if err != nil {
		return Identity{}, errorf(p.cfg.Name, "user endpoint %q: %w", m.UserInfoURL, err)
	}
	q := u.Query()
	q.Set("fields", "id,name,email")
	// appsecret_proof (an HMAC of the token under the app secret) makes the
	// call work when the app has "Require App Secret" on, as it should.
	mac := hmac.New(sha256.New, []byte(p.cfg.ClientSecret))
	mac.Write([]byte(accessToken))
	q.Set("appsecret_proof", hex.EncodeToString(mac.Sum(nil)))
	u.RawQuery = q.Encode()
	var me struct {
		ID    string `json:"id"`
		Name  string `json:"name"`
		Email string `json:"email"`
	}
	if err := p.getJSON(ctx, u.String(), accessToken, &me); err != nil {
		return Identity{}, errorf(p.cfg.Name, "reading the profile: %w", err)
	}
	if me.ID == "" {
		return Identity{}, errorf(p.cfg.Name, "reading the profile: %w: no id in the answer", ErrProvider)
	}
	email := strings.TrimSpace(me.Email)
	return Identity{
		Provider:      p.cfg.Name,
		Subject:       me.ID,
		Email:         email,
		EmailVerified: email != "",
		Name:          strings.TrimSpace(me.Name),
	}, nil
}

// fullName is the name claim, or given and family names when it is absent.
func fullName(name, given, family string) string {
	if n := strings.TrimSpace(name); n != "" {
		return n
	}
	return strings.TrimSpace(strings.TrimSpace(given) + " " + strings.TrimSpace(family))
}
