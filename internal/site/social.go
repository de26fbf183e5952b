package site

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"time"

	"tribune/internal/accounts"
	"tribune/internal/oauth"
	"tribune/internal/web"
)

// SocialProvider is one configured social login (*oauth.Provider).
type SocialProvider interface {
	Name() string
	DisplayName() string
	Start(redirectURL string) (string, oauth.State, error)
	Finish(ctx context.Context, redirectURL string, st oauth.State, query url.Values) (oauth.Identity, error)
}

type socialLink struct{ Name, DisplayName string }

func (s *Site) socialLinks() []socialLink {
	out := make([]socialLink, 0, len(s.social))
	for _, p := range s.social {
		out = append(out, socialLink{Name: p.Name(), DisplayName: p.DisplayName()})
	}
	return out
}

func (s *Site) provider(name string) SocialProvider {
	for _, p := range s.social {
		if p.Name() == name {
			return p
		}
	}
	return nil
}

const (
	oauthCookie   = "tribune_oauth"
	pendingCookie = "tribune_social_signup"
)

// oauthFlow is what the browser carries from the start of a social login
// to its callback, signed so it cannot be forged.
type oauthFlow struct {
	State string `json:"s"`
	Link  bool   `json:"l,omitempty"`
	Next  string `json:"n,omitempty"`
}

// sign and unsign protect cookie values with the site's key.
func (s *Site) sign(purpose string, v any) string {
	b, _ := json.Marshal(v)
	payload := base64.RawURLEncoding.EncodeToString(b)
	return payload + "." + s.mac(purpose, payload)
}

func (s *Site) unsign(purpose, value string, v any) bool {
	payload, mac, ok := strings.Cut(value, ".")
	if !ok || !hmac.Equal([]byte(mac), []byte(s.mac(purpose, payload))) {
		return false
	}
	b, err := base64.RawURLEncoding.DecodeString(payload)
	return err == nil && json.Unmarshal(b, v) == nil
}

func (s *Site) mac(purpose, payload string) string {
	m := hmac.New(sha256.New, s.csrfKey)
	m.Write([]byte(purpose + ":" + payload))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

func (s *Site) callbackURL(name string) string { return s.cfg.BaseURL + "/auth/" + name + "/callback" }

// socialStart sends the browser to the provider.
func (s *Site) socialStart(w http.ResponseWriter, r *http.Request) error {
	p := s.provider(r.PathValue("provider"))
	if p == nil {
		return web.NotFound("There is no such sign-in provider.")
	}
	flow := oauthFlow{Next: safeNext(r.URL.Query().Get("next")), Link: r.URL.Query().Get("link") != ""}
	if flow.Link && requireViewer(w, r) == nil {
		return nil
	}
	authURL, st, err := p.Start(s.callbackURL(p.Name()))
	if err != nil {
		s.log.Warn("social login start", "provider", p.Name(), "err", err)
		return s.socialFailed(w, r, p, "We could not reach "+p.DisplayName()+" just now. Please try again, or sign in with your email.")
	}
	flow.State = st.Marshal()
	http.SetCookie(w, &http.Cookie{Name: oauthCookie, Value: s.sign("oauth", flow), Path: "/auth/", HttpOnly: true,
		Secure: s.cfg.Secure(), SameSite: http.SameSiteLaxMode, MaxAge: int(oauth.StateLifetime / time.Second)})
	http.Redirect(w, r, authURL, http.StatusFound)
	return nil
}

// socialCallback finishes a social login the provider sent back.
func (s *Site) socialCallback(w http.ResponseWriter, r *http.Request) error {
	p := s.provider(r.PathValue("provider"))
	if p == nil {
		return web.NotFound("There is no such sign-in provider.")
	}
	http.SetCookie(w, &http.Cookie{Name: oauthCookie, Value: "", Path: "/auth/", MaxAge: -1, HttpOnly: true, Secure: s.cfg.Secure()})
	var flow oauthFlow
	var st oauth.State
	c, err := r.Cookie(oauthCookie)
	if err == nil && s.unsign("oauth", c.Value, &flow) {
		err = st.Unmarshal(flow.State)
	} else {
		err = oauth.ErrState
	}
	var id oauth.Identity
	if err == nil {
		id, err = p.Finish(r.Context(), s.callbackURL(p.Name()), st, r.URL.Query())
	}
	switch {
	case errors.Is(err, oauth.ErrDenied):
		return s.socialFailed(w, r, p, "You cancelled signing in with "+p.DisplayName()+". Nothing was shared; you can sign in with your email instead.")
	case errors.Is(err, oauth.ErrState):
		return s.socialFailed(w, r, p, "This sign-in took too long or was started in another browser. Please try again.")
	case err != nil:
		s.log.Warn("social login", "provider", p.Name(), "err", err)
		return s.socialFailed(w, r, p, p.DisplayName()+" could not confirm who you are. Please try again, or sign in with your email.")
	}
	social := accounts.Social{Provider: p.Name(), Subject: id.Subject, Email: id.Email, EmailVerified: id.EmailVerified, Name: id.Name}
	if flow.Link {
		v := requireViewer(w, r)
		if v == nil {
			return nil
		}
		if err := s.accounts.LinkSocial(r.Context(), v.user, social); err != nil {
			return s.accountPage(w, r, http.StatusConflict, map[string]string{"": err.Error()}, nil, "")
		}
		return s.accountPage(w, r, http.StatusOK, nil, nil, p.DisplayName()+" is now connected to your account.")
	}
	_, token, err := s.accounts.SocialLogin(r.Context(), social, s.clientIP(r), r.UserAgent())
	switch {
	case errors.Is(err, accounts.ErrNeedsRegistration):
		http.SetCookie(w, &http.Cookie{Name: pendingCookie, Value: s.sign("pending", pendingSignup{Social: social, Expires: s.now().Add(30 * time.Minute).Unix()}),
			Path: "/auth/", HttpOnly: true, Secure: s.cfg.Secure(), SameSite: http.SameSiteLaxMode, MaxAge: 1800})
		http.Redirect(w, r, "/auth/complete", http.StatusSeeOther)
		return nil
	case readerError(err):
		return s.socialFailed(w, r, p, err.Error())
	case err != nil:
		return err
	}
	s.setSession(w, token)
	http.Redirect(w, r, safeNext(flow.Next), http.StatusSeeOther)
	return nil
}

// pendingSignup is a social identity waiting for a display name and consent.
type pendingSignup struct {
	Social  accounts.Social `json:"id"`
	Expires int64           `json:"e"`
}

func (s *Site) pending(r *http.Request) (accounts.Social, bool) {
	c, err := r.Cookie(pendingCookie)
	var p pendingSignup
	if err != nil || !s.unsign("pending", c.Value, &p) || time.Unix(p.Expires, 0).Before(s.now()) {
		return accounts.Social{}, false
	}
	return p.Social, true
}

func (s *Site) socialCompleteForm(w http.ResponseWriter, r *http.Request) error {
	id, ok := s.pending(r)
	if !ok {
		return s.socialFailed(w, r, nil, "This sign-up expired. Please start again.")
	}
	f, err := s.newForm(w, r, "Finish creating your account")
	if err != nil {
		return err
	}
	f.Provider, f.Values["name"], f.Values["email"] = s.displayName(id.Provider), id.Name, id.Email
	return s.page(w, r, http.StatusOK, "social", f)
}

func (s *Site) socialCompleteSubmit(w http.ResponseWriter, r *http.Request) error {
	id, ok := s.pending(r)
	if !ok {
		return s.socialFailed(w, r, nil, "This sign-up expired. Please start again.")
	}
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	f, err := s.newForm(w, r, "Finish creating your account")
	if err != nil {
		return err
	}
	f.Provider, f.Values["name"], f.Values["email"] = s.displayName(id.Provider), r.PostFormValue("name"), id.Email
	if r.PostFormValue("consent") != "" {
		f.Values["consent"] = "yes"
	}
	if !s.csrfOK(r) {
		f.Errors[""] = formExpired
		return s.page(w, r, http.StatusForbidden, "social", f)
	}
	_, token, err := s.accounts.CompleteSocialRegistration(r.Context(), id, f.Values["name"], f.Values["consent"] != "", s.clientIP(r), r.UserAgent())
	if err != nil {
		status, err := applyError(&f, err)
		if err != nil {
			return err
		}
		return s.page(w, r, status, "social", f)
	}
	http.SetCookie(w, &http.Cookie{Name: pendingCookie, Value: "", Path: "/auth/", MaxAge: -1, HttpOnly: true, Secure: s.cfg.Secure()})
	s.setSession(w, token)
	http.Redirect(w, r, "/", http.StatusSeeOther)
	return nil
}

func (s *Site) displayName(provider string) string {
	if p := s.provider(provider); p != nil {
		return p.DisplayName()
	}
	return provider
}

func (s *Site) socialFailed(w http.ResponseWriter, r *http.Request, p SocialProvider, msg string) error {
	heading := "Social sign-in did not work"
	if p != nil {
		heading = "Signing in with " + p.DisplayName() + " did not work"
	}
	return s.notice(w, r, http.StatusBadRequest, noticePage{Heading: heading, Lines: []string{msg}, LinkURL: "/login", LinkLabel: "Sign in with email"})
}
