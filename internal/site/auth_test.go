package site

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"tribune/internal/accounts"
	"tribune/internal/captcha"
	"tribune/internal/comments"
	"tribune/internal/config"
	"tribune/internal/mail"
	"tribune/internal/moderation"
	"tribune/internal/moderation/policy"
	"tribune/internal/password"
	"tribune/internal/review"
	"tribune/internal/store"
	"tribune/internal/store/storetest"
	"tribune/internal/views"
)

// outbox keeps the emails the site sends.
type outbox struct {
	mu   sync.Mutex
	sent []mail.Message
}

func (o *outbox) Send(_ context.Context, m mail.Message) error {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.sent = append(o.sent, m)
	return nil
}

var tokenLinkRE = regexp.MustCompile(`https://news\.example(/account/[a-z/]+\?token=[A-Za-z0-9_-]+)`)

// link returns the path of the newest link emailed to an address.
func (o *outbox) link(t *testing.T, to string) string {
	t.Helper()
	o.mu.Lock()
	defer o.mu.Unlock()
	for i := len(o.sent) - 1; i >= 0; i-- {
		if o.sent[i].To == to {
			if m := tokenLinkRE.FindStringSubmatch(o.sent[i].Text); m != nil {
				return m[1]
			}
		}
	}
	t.Fatalf("no link emailed to %s", to)
	return ""
}

func (o *outbox) count() int {
	o.mu.Lock()
	defer o.mu.Unlock()
	return len(o.sent)
}

// authSite is a site with accounts behind a real HTTP server.
type authSite struct {
	t    testing.TB
	st   *store.Store
	srv  *httptest.Server
	mail *outbox
	acc  *accounts.Service
	// review is the moderators' workspace; mux the whole router.
	review *review.Service
	mux    *http.ServeMux
}

func newAuthSite(t testing.TB, st *store.Store, social ...SocialProvider) *authSite {
	t.Helper()
	a := &authSite{t: t, st: st, mail: &outbox{}}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	cfg := &config.Config{SiteName: "Tribune Test", SiteDescription: "Test news", Language: "en", Timezone: time.UTC,
		BaseURL: "https://news.example"}
	var err error
	a.acc, err = accounts.New(accounts.Config{SiteName: cfg.SiteName, BaseURL: cfg.BaseURL, PolicyVersion: "test-1",
		Password: password.Params{Memory: 1024, Time: 1, Threads: 1, KeyLen: 32}}, st, a.mail, log)
	if err != nil {
		t.Fatal(err)
	}
	key := []byte("0123456789abcdef0123456789abcdef")
	cap, err := captcha.New(captcha.Options{Key: key, TestHook: true}, st)
	if err != nil {
		t.Fatal(err)
	}
	s, err := New(Deps{Config: cfg, Store: st, Views: views.New(st, log), Log: log, Accounts: a.acc, Captcha: cap, Key: key, Social: social})
	if err != nil {
		t.Fatal(err)
	}
	cs := comments.New(comments.Config{}, st, moderation.RateLimit{Counter: st, PerMinute: 3}, log)
	runCtx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { cs.Run(runCtx); close(done) }()
	t.Cleanup(func() { cancel(); <-done })
	s.SetComments(cs)
	a.review = review.New(review.Config{SiteName: cfg.SiteName, BaseURL: cfg.BaseURL, BlockAt: 4, Key: key, Changed: cs.Changed},
		st, policy.Default(), a.mail, nil, log)
	cs.SetRecorder(a.review)
	s.SetReview(a.review, policy.Default())
	a.review.OnPolicy(func(p *policy.Policy) error { s.SetRules(p); a.review.SetPolicy(p); return nil })
	mux := http.NewServeMux()
	s.Routes(mux)
	a.mux = mux
	a.srv = httptest.NewServer(mux)
	t.Cleanup(a.srv.Close)
	return a
}

// browser is one visitor with its own cookies.
type browser struct {
	a      *authSite
	client *http.Client
}

func (a *authSite) browser() *browser {
	jar, _ := cookiejar.New(nil)
	return &browser{a: a, client: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error {
		return http.ErrUseLastResponse
	}}}
}

type page2 struct {
	status   int
	body     string
	location string
}

func (b *browser) do(req *http.Request) page2 {
	b.a.t.Helper()
	resp, err := b.client.Do(req)
	if err != nil {
		b.a.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return page2{status: resp.StatusCode, body: string(body), location: resp.Header.Get("Location")}
}

func (b *browser) get(path string) page2 {
	req, _ := http.NewRequest(http.MethodGet, b.a.srv.URL+path, nil)
	return b.do(req)
}

var csrfRE = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

// post submits a form the way the page at from would: with its CSRF token.
func (b *browser) post(from, path string, form url.Values) page2 {
	b.a.t.Helper()
	if from != "" {
		m := csrfRE.FindStringSubmatch(b.get(from).body)
		if m == nil {
			b.a.t.Fatalf("no CSRF token on %s", from)
		}
		form.Set("csrf", m[1])
	}
	req, _ := http.NewRequest(http.MethodPost, b.a.srv.URL+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return b.do(req)
}

func (b *browser) register(name, email, pw string) page2 {
	return b.post("/register", "/register", url.Values{"name": {name}, "email": {email}, "password": {pw},
		"consent": {"yes"}, "captcha_token": {b.captchaToken()}, "captcha_answer": {captcha.TestPass}})
}

var captchaRE = regexp.MustCompile(`name="captcha_token" value="([^"]+)"`)

func (b *browser) captchaToken() string {
	m := captchaRE.FindStringSubmatch(b.get("/register").body)
	if m == nil {
		b.a.t.Fatal("no captcha on the register page")
	}
	return m[1]
}

func (b *browser) login(email, pw string) page2 {
	return b.post("/login", "/login", url.Values{"email": {email}, "password": {pw}})
}

const pw = "tram ocean lamp 97"

func TestAccountLifecycle(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		a := newAuthSite(t, st)
		b := a.browser()
		if p := b.register("Mara Lind", "mara@example.org", pw); p.status != 200 || !strings.Contains(p.body, "Check your email") {
			t.Fatalf("register = %d\n%s", p.status, p.body)
		}
		// Not verified yet: signing in works, the account page asks to confirm.
		if p := b.login("mara@example.org", pw); p.status != http.StatusSeeOther {
			t.Fatalf("login = %d", p.status)
		}
		if p := b.get("/account"); !strings.Contains(p.body, "Please confirm your email address") {
			t.Error("account page does not ask to confirm the email")
		}
		if p := b.get(a.mail.link(t, "mara@example.org")); p.status != http.StatusSeeOther || p.location != "/account?notice=verified" {
			t.Fatalf("verify = %d to %q", p.status, p.location)
		}
		if p := b.get("/account"); strings.Contains(p.body, "Please confirm your email address") || !strings.Contains(p.body, "mara@example.org") {
			t.Error("account page after verifying still asks to confirm")
		}
		if p := b.get("/"); !strings.Contains(p.body, `class="account-name">Mara Lind</a>`) {
			t.Error("the header does not show the signed-in reader")
		}
		// Log out, then recover the password.
		if p := b.post("/account", "/logout", url.Values{}); p.status != http.StatusSeeOther {
			t.Errorf("logout = %d", p.status)
		}
		if p := b.get("/account"); p.status != http.StatusSeeOther {
			t.Errorf("account page after logout = %d, want a redirect to sign in", p.status)
		}
		b.post("/account/forgot", "/account/forgot", url.Values{"email": {"mara@example.org"}})
		reset := a.mail.link(t, "mara@example.org")
		token := strings.TrimPrefix(reset, "/account/reset?token=")
		if p := b.post(reset, "/account/reset", url.Values{"token": {token}, "password": {"a brand new phrase"}}); p.status != http.StatusSeeOther {
			t.Fatalf("reset = %d\n%s", p.status, p.body)
		}
		if p := b.post(reset, "/account/reset", url.Values{"token": {token}, "password": {"yet another phrase"}}); p.status != http.StatusGone {
			t.Errorf("reused reset link = %d, want 410", p.status)
		}
		// Delete, fail to sign in, restore, sign in.
		if p := b.post("/account", "/account/delete", url.Values{"confirm": {"a brand new phrase"}}); !strings.Contains(p.body, "Your account was deleted") {
			t.Fatalf("delete = %d\n%s", p.status, p.body)
		}
		u, _ := st.UserByEmail(t.Context(), "mara@example.org")
		if p := b.get("/readers/" + u.ID); p.status != 404 {
			t.Errorf("profile of a deleted reader = %d, want 404", p.status)
		}
		if p := b.login("mara@example.org", "a brand new phrase"); p.status == http.StatusSeeOther || !strings.Contains(p.body, "This account was deleted") {
			t.Errorf("login to a deleted account = %d", p.status)
		}
		restore := a.mail.link(t, "mara@example.org")
		if p := b.post(restore, "/account/restore", url.Values{"token": {strings.TrimPrefix(restore, "/account/restore?token=")}}); !strings.Contains(p.body, "Welcome back") {
			t.Fatalf("restore = %d\n%s", p.status, p.body)
		}
		if p := b.login("mara@example.org", "a brand new phrase"); p.status != http.StatusSeeOther {
			t.Errorf("login after restore = %d", p.status)
		}
		if p := b.get("/readers/" + u.ID); p.status != 200 {
			t.Errorf("profile after restore = %d", p.status)
		}
	})
}

func TestRegistrationRefusals(t *testing.T) {
	a := newAuthSite(t, storetest.SQLite(t))
	b := a.browser()
	b.register("Anna", "anna@example.org", pw)
	tests := []struct {
		name  string
		form  url.Values
		want  string
		typed string
	}{
		{"no consent", url.Values{"name": {"Bea"}, "email": {"bea@example.org"}, "password": {pw}, "captcha_answer": {captcha.TestPass}},
			"Please agree to the Privacy Policy", `value="bea@example.org"`},
		{"wrong captcha", url.Values{"name": {"Bea"}, "email": {"bea@example.org"}, "password": {pw}, "consent": {"yes"}, "captcha_answer": {"NOPE"}},
			"The characters did not match", `value="Bea"`},
		{"look-alike name", url.Values{"name": {"Аnnа"}, "email": {"b2@example.org"}, "password": {pw}, "consent": {"yes"}, "captcha_answer": {captcha.TestPass}},
			"name", `value="b2@example.org"`},
		{"duplicate name", url.Values{"name": {"ANNA"}, "email": {"b3@example.org"}, "password": {pw}, "consent": {"yes"}, "captcha_answer": {captcha.TestPass}},
			"already taken", `value="b3@example.org"`},
		{"invalid email", url.Values{"name": {"Bea"}, "email": {"bea@@example"}, "password": {pw}, "consent": {"yes"}, "captcha_answer": {captcha.TestPass}},
			"valid email address", `value="Bea"`},
		{"weak password", url.Values{"name": {"Bea"}, "email": {"bea@example.org"}, "password": {"password123"}, "consent": {"yes"}, "captcha_answer": {captcha.TestPass}},
			"too common", `value="bea@example.org"`},
	}
	for _, tt := range tests {
		tt.form.Set("captcha_token", b.captchaToken())
		p := b.post("/register", "/register", tt.form)
		if p.status != http.StatusUnprocessableEntity || !strings.Contains(p.body, tt.want) || !strings.Contains(p.body, tt.typed) {
			t.Errorf("%s: status %d; want 422 with %q and the typed %s", tt.name, p.status, tt.want, tt.typed)
		}
		if strings.Contains(p.body, pw) {
			t.Errorf("%s: the password was echoed back into the page", tt.name)
		}
	}
	// Reusing a captcha token fails.
	tok := b.captchaToken()
	form := url.Values{"name": {"Cleo"}, "email": {"cleo@example.org"}, "password": {pw}, "consent": {"yes"}, "captcha_token": {tok}, "captcha_answer": {captcha.TestPass}}
	b.post("/register", "/register", form)
	form.Set("email", "cleo2@example.org")
	form.Set("name", "Cleo Two")
	if p := b.post("/register", "/register", form); !strings.Contains(p.body, "already used") {
		t.Errorf("reused captcha: %d", p.status)
	}
}

func TestNoAccountEnumeration(t *testing.T) {
	a := newAuthSite(t, storetest.SQLite(t))
	b := a.browser()
	b.register("Anna", "anna@example.org", pw)
	strip := func(body, email string) string {
		body = strings.ReplaceAll(body, email, "EMAIL")
		body = csrfRE.ReplaceAllString(body, "")
		return regexp.MustCompile(`/captcha/[^"]+|value="[^"]*"|data-seed="[^"]*"`).ReplaceAllString(body, "")
	}
	taken := b.register("Someone", "anna@example.org", pw)
	fresh := b.register("Someone Else", "new@example.org", pw)
	if taken.status != fresh.status || strip(taken.body, "anna@example.org") != strip(fresh.body, "new@example.org") {
		t.Error("registering a taken email answers differently from a new one")
	}
	known := b.post("/account/forgot", "/account/forgot", url.Values{"email": {"anna@example.org"}})
	unknown := b.post("/account/forgot", "/account/forgot", url.Values{"email": {"ghost@example.org"}})
	if known.status != unknown.status || strip(known.body, "anna@example.org") != strip(unknown.body, "ghost@example.org") {
		t.Error("password recovery answers differently for a known and an unknown email")
	}
	wrongPw := b.login("anna@example.org", "wrong password here")
	noUser := b.login("ghost@example.org", "wrong password here")
	if wrongPw.status != noUser.status || strip(wrongPw.body, "anna@example.org") != strip(noUser.body, "ghost@example.org") {
		t.Error("sign-in answers differently for a wrong password and an unknown email")
	}
}

func TestCSRFAndFixation(t *testing.T) {
	a := newAuthSite(t, storetest.SQLite(t))
	b := a.browser()
	b.register("Anna", "anna@example.org", pw)
	// Without a token, and with another visitor's token: refused, typed email kept.
	p := b.post("", "/login", url.Values{"email": {"anna@example.org"}, "password": {pw}})
	if p.status != http.StatusForbidden || !strings.Contains(p.body, "This form expired") || !strings.Contains(p.body, `value="anna@example.org"`) {
		t.Errorf("login without CSRF token = %d", p.status)
	}
	other := a.browser()
	m := csrfRE.FindStringSubmatch(other.get("/login").body)
	p = b.post("", "/login", url.Values{"email": {"anna@example.org"}, "password": {pw}, "csrf": {m[1]}})
	if p.status != http.StatusForbidden {
		t.Errorf("login with another visitor's CSRF token = %d, want 403", p.status)
	}
	// A cross-site form post is refused even with a token.
	m = csrfRE.FindStringSubmatch(b.get("/login").body)
	req, _ := http.NewRequest(http.MethodPost, a.srv.URL+"/login", strings.NewReader(url.Values{"email": {"anna@example.org"}, "password": {pw}, "csrf": {m[1]}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", "https://evil.example")
	if p := b.do(req); p.status != http.StatusForbidden {
		t.Errorf("cross-origin login = %d, want 403", p.status)
	}
	// Session fixation: a session id planted before sign-in is never
	// adopted; sign-in issues a fresh one.
	planted := "attacker-chosen-session-id-0123456789"
	srvURL, _ := url.Parse(a.srv.URL)
	b.client.Jar.SetCookies(srvURL, []*http.Cookie{{Name: sessionCookie, Value: planted, Path: "/"}})
	if p := b.login("anna@example.org", pw); p.status != http.StatusSeeOther {
		t.Fatalf("login = %d", p.status)
	}
	var now string
	for _, c := range b.client.Jar.Cookies(srvURL) {
		if c.Name == sessionCookie {
			now = c.Value
		}
	}
	if now == "" || now == planted {
		t.Error("sign-in kept the planted session id")
	}
	if _, _, err := a.acc.Session(t.Context(), planted); err == nil {
		t.Error("the planted session still works after the victim signed in")
	}
	// Logout needs the token too.
	if p := b.post("", "/logout", url.Values{}); p.status != http.StatusForbidden {
		t.Errorf("logout without CSRF token = %d, want 403", p.status)
	}
}

func TestLoginRateLimit(t *testing.T) {
	a := newAuthSite(t, storetest.SQLite(t))
	b := a.browser()
	b.register("Anna", "anna@example.org", pw)
	var p page2
	for range 5 {
		p = b.login("anna@example.org", "wrong password!!")
	}
	if p.status != http.StatusTooManyRequests || !strings.Contains(p.body, "Too many attempts") || !strings.Contains(p.body, `value="anna@example.org"`) {
		t.Errorf("5th wrong password = %d, want 429 with a clear message", p.status)
	}
	if p := b.login("anna@example.org", pw); p.status != http.StatusTooManyRequests {
		t.Errorf("right password during the lock = %d, want 429", p.status)
	}
}

func TestExpiredAndForgedLinks(t *testing.T) {
	a := newAuthSite(t, storetest.SQLite(t))
	b := a.browser()
	for _, path := range []string{"/account/verify?token=nope", "/account/reset?token=nope", "/account/restore?token=nope", "/account/email/confirm?token="} {
		if p := b.get(path); p.status != http.StatusGone || !strings.Contains(p.body, "This link cannot be used") {
			t.Errorf("GET %s = %d, want 410 with an explanation", path, p.status)
		}
	}
}

func TestPrivacyAndStandardsPages(t *testing.T) {
	a := newAuthSite(t, storetest.SQLite(t))
	b := a.browser()
	if p := b.get("/privacy"); p.status != 200 || !strings.Contains(p.body, "Version 2026-11-27") {
		t.Errorf("privacy page = %d", p.status)
	}
	if p := b.get("/community-standards"); p.status != 200 || !strings.Contains(p.body, "Flash mobs") {
		t.Errorf("community standards page = %d", p.status)
	}
	if p := b.get("/register"); !strings.Contains(p.body, "By registering you agree to the") || !strings.Contains(p.body, `href="/privacy"`) {
		t.Error("the register page lacks the consent text")
	}
}
