package site

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"tribune/internal/oauth"
	"tribune/internal/oauth/oauthtest"
	"tribune/internal/store"
	"tribune/internal/store/storetest"
)

// socialSite is an auth site with one fake OpenID Connect provider.
func socialSite(t *testing.T, st *store.Store) (*authSite, *oauthtest.Fake) {
	t.Helper()
	fake := oauthtest.NewFake(t)
	cfg := fake.Config("corp")
	cfg.DisplayName = "Corp"
	p, err := oauth.NewProvider(cfg, fake.Client())
	if err != nil {
		t.Fatal(err)
	}
	fake.AllowRedirect("https://news.example/auth/corp/callback")
	return newAuthSite(t, st, p), fake
}

// socialLogin walks the browser through the provider and back, and
// returns the callback's answer.
func (b *browser) socialLogin(t *testing.T, fake *oauthtest.Fake, start string) page2 {
	t.Helper()
	p := b.get(start)
	if p.status != http.StatusFound {
		t.Fatalf("GET %s = %d, want a redirect to the provider", start, p.status)
	}
	noFollow := fake.Client()
	noFollow.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	resp, err := noFollow.Get(p.location)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	back, err := url.Parse(resp.Header.Get("Location"))
	if err != nil || back.Host != "news.example" {
		t.Fatalf("provider redirected to %q", resp.Header.Get("Location"))
	}
	return b.get(back.Path + "?" + back.RawQuery)
}

func TestSocialSignUpAndLogin(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		a, fake := socialSite(t, st)
		b := a.browser()
		if p := b.get("/login"); !strings.Contains(p.body, "Comment via Corp") {
			t.Error("the sign-in page lacks the social button")
		}
		fake.NextUser(oauth.Identity{Subject: "u-1", Email: "lea@example.org", EmailVerified: true, Name: "Lea Stone"})
		p := b.socialLogin(t, fake, "/auth/corp")
		if p.status != http.StatusSeeOther || p.location != "/auth/complete" {
			t.Fatalf("first social login = %d to %q, want the finish-registration page", p.status, p.location)
		}
		if p := b.get("/auth/complete"); !strings.Contains(p.body, `value="Lea Stone"`) || !strings.Contains(p.body, "lea@example.org") {
			t.Errorf("finish page = %d, want the provider's name and email filled in", p.status)
		}
		if p := b.post("/auth/complete", "/auth/complete", url.Values{"name": {"Lea Stone"}}); p.status != http.StatusUnprocessableEntity ||
			!strings.Contains(p.body, "Privacy Policy") {
			t.Errorf("finish without consent = %d", p.status)
		}
		if p := b.post("/auth/complete", "/auth/complete", url.Values{"name": {"Lea Stone"}, "consent": {"yes"}}); p.status != http.StatusSeeOther {
			t.Fatalf("finish = %d\n%s", p.status, p.body)
		}
		u, err := st.UserByEmail(t.Context(), "lea@example.org")
		if err != nil || !u.Verified() || u.ConsentVersion != "test-1" {
			t.Fatalf("social account = %+v, %v", u, err)
		}
		// Next time the same identity signs straight in.
		c := a.browser()
		fake.NextUser(oauth.Identity{Subject: "u-1", Email: "lea@example.org", EmailVerified: true})
		if p := c.socialLogin(t, fake, "/auth/corp?next=/news"); p.status != http.StatusSeeOther || p.location != "/news" {
			t.Errorf("second social login = %d to %q, want /news", p.status, p.location)
		}
	})
}

func TestSocialLinkingNeedsVerifiedEmail(t *testing.T) {
	a, fake := socialSite(t, storetest.SQLite(t))
	b := a.browser()
	b.register("Anna", "anna@example.org", pw)
	c := a.browser()
	fake.NextUser(oauth.Identity{Subject: "x-1", Email: "anna@example.org", EmailVerified: false})
	if p := c.socialLogin(t, fake, "/auth/corp"); p.status != http.StatusBadRequest || !strings.Contains(p.body, "did not confirm the address") {
		t.Errorf("unverified email = %d, want a refusal that explains", p.status)
	}
	fake.NextUser(oauth.Identity{Subject: "x-2", Email: "anna@example.org", EmailVerified: true})
	if p := c.socialLogin(t, fake, "/auth/corp"); p.status != http.StatusSeeOther {
		t.Errorf("verified email = %d, want it linked and signed in", p.status)
	}
	u, _ := a.st.UserByEmail(t.Context(), "anna@example.org")
	ids, _ := a.st.UserIdentities(t.Context(), u.ID)
	if len(ids) != 1 || ids[0].Subject != "x-2" {
		t.Errorf("identities = %+v, want only the verified one", ids)
	}
}

func TestSocialDeniedAndForged(t *testing.T) {
	a, fake := socialSite(t, storetest.SQLite(t))
	b := a.browser()
	fake.Deny()
	if p := b.socialLogin(t, fake, "/auth/corp"); p.status != http.StatusBadRequest || !strings.Contains(p.body, "You cancelled") {
		t.Errorf("denied consent = %d", p.status)
	}
	// A callback this browser did not start.
	if p := b.get("/auth/corp/callback?code=x&state=y"); p.status != http.StatusBadRequest || !strings.Contains(p.body, "try again") {
		t.Errorf("forged callback = %d", p.status)
	}
	if p := b.get("/auth/nobody"); p.status != 404 {
		t.Errorf("unknown provider = %d", p.status)
	}
	fake.Misbehave(oauthtest.WrongNonce)
	if p := b.socialLogin(t, fake, "/auth/corp"); p.status != http.StatusBadRequest {
		t.Errorf("bad ID token = %d, want a refusal", p.status)
	}
}
