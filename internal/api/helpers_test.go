package api_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"tribune/internal/accounts"
	"tribune/internal/api"
	"tribune/internal/comments"
	"tribune/internal/mail"
	"tribune/internal/moderation"
	"tribune/internal/news"
	"tribune/internal/password"
	"tribune/internal/store"
)

// clock is the comment rules' time, moved by the tests (edit window).
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *clock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// noMail drops account emails; the API tests send none.
type noMail struct{}

func (noMail) Send(context.Context, mail.Message) error { return nil }

// sessionCookie is the site's sign-in cookie; the API looks for it by name.
const sessionCookie = "tribune_session"

// fakeCookies stands in for the site's session cookie: its value names a
// user id, and the CSRF token for it is "csrf-" + that.
type fakeCookies struct {
	users map[string]store.User
}

func (f *fakeCookies) SessionUser(r *http.Request) (store.User, bool) {
	c, err := r.Cookie(sessionCookie)
	if err != nil {
		return store.User{}, false
	}
	u, ok := f.users[c.Value]
	return u, ok
}

func (f *fakeCookies) CSRFValid(r *http.Request) bool {
	c, err := r.Cookie(sessionCookie)
	return err == nil && r.Header.Get("X-CSRF-Token") == "csrf-"+c.Value
}

// env is a running API on a real store: accounts, the comment service
// (running), the router, and readers with tokens.
type env struct {
	t       *testing.T
	st      *store.Store
	acc     *accounts.Service
	svc     *comments.Service
	mux     *http.ServeMux
	clock   *clock
	cookies *fakeCookies
	art     news.Article

	reader, other, mod, unverified store.User
	// token holds each user's bearer token by user id.
	token map[string]string
}

// newEnv wires the API as `tribune serve` does, with a per-minute posting
// limit of perMinute (0: none).
func newEnv(t *testing.T, st *store.Store, perMinute int) *env {
	t.Helper()
	ctx := t.Context()
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	e := &env{t: t, st: st, clock: &clock{now: time.Now().UTC().Truncate(time.Millisecond)}, token: map[string]string{}}
	if _, _, err := st.SaveArticle(ctx, store.ArticleInput{Slug: "story", Headline: "Story", Body: "x", SectionPath: []string{"World"},
		PublishedAt: time.Now().Add(-time.Hour)}); err != nil {
		t.Fatal(err)
	}
	if _, _, err := st.SaveArticle(ctx, store.ArticleInput{Slug: "tomorrow", Headline: "Tomorrow", Body: "x", SectionPath: []string{"World"},
		PublishedAt: time.Now().Add(24 * time.Hour)}); err != nil {
		t.Fatal(err)
	}
	var err error
	if e.art, err = st.ArticleBySlug(ctx, "story"); err != nil {
		t.Fatal(err)
	}
	e.acc, err = accounts.New(accounts.Config{SiteName: "Tribune", BaseURL: "http://tribune.test",
		Password: password.Params{Memory: 1024, Time: 1, Threads: 1, KeyLen: 32}}, st, noMail{}, log)
	if err != nil {
		t.Fatal(err)
	}
	e.reader = e.user("anna@example.org", "Anna", store.RoleReader)
	e.other = e.user("boris@example.org", "Boris", store.RoleReader)
	e.mod = e.user("mod@example.org", "Mia", store.RoleModerator)
	e.unverified, err = st.CreateUser(ctx, store.User{Email: "new@example.org", Name: "Newcomer", NameKey: "newcomer",
		Role: store.RoleReader, CreatedAt: e.clock.Now()})
	if err != nil {
		t.Fatal(err)
	}
	e.newToken(e.unverified)
	e.cookies = &fakeCookies{users: map[string]store.User{e.reader.ID: e.reader, e.other.ID: e.other}}

	e.svc = comments.New(comments.Config{Now: e.clock.Now}, st, moderation.RateLimit{Counter: st, PerMinute: perMinute}, log)
	runCtx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { e.svc.Run(runCtx); close(done) }()
	t.Cleanup(func() { cancel(); <-done })
	// Comments published before the hub knows the log's position are
	// not delivered live; the tests start streaming after that.
	<-e.svc.Hub.Ready()

	e.mux = http.NewServeMux()
	api.New(api.Deps{Tokens: e.acc, Cookies: e.cookies, Articles: st, Store: st, Comments: e.svc, Log: log}).Routes(e.mux)
	return e
}

// user makes a verified account with a bearer token, as the CLI does.
func (e *env) user(email, name, role string) store.User {
	e.t.Helper()
	u, _, err := e.acc.CreateUser(e.t.Context(), email, name, role, "")
	if err != nil {
		e.t.Fatalf("CreateUser(%q): %v", email, err)
	}
	e.newToken(u)
	return u
}

func (e *env) newToken(u store.User) string {
	e.t.Helper()
	tok, _, err := e.acc.CreateAPIToken(e.t.Context(), u.Email, "test")
	if err != nil {
		e.t.Fatalf("CreateAPIToken(%q): %v", u.Email, err)
	}
	e.token[u.ID] = tok
	return tok
}

// response is a recorded answer.
type response struct {
	status int
	header http.Header
	body   []byte
}

// json decodes the body into a fresh map.
func (r response) json(t *testing.T) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(r.body, &m); err != nil {
		t.Fatalf("response %d body %q is not a JSON object: %v", r.status, r.body, err)
	}
	return m
}

// errorText is the "error" member of an error response.
func (r response) errorText(t *testing.T) string {
	t.Helper()
	s, ok := r.json(t)["error"].(string)
	if !ok || s == "" {
		t.Errorf("error response %d body %q: want {\"error\": \"...\"}", r.status, r.body)
	}
	return s
}

// as is who sends a request: a user's bearer token, or nobody.
type as struct {
	user   *store.User
	header map[string]string
	cookie string
}

var anonymous = as{}

func bearer(u store.User) as { return as{user: &u} }

// do sends a request through the router; body may be a string (sent as
// is) or a value (sent as JSON).
func (e *env) do(method, path string, who as, body any) response {
	e.t.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		rd = strings.NewReader(b)
	case []byte:
		rd = bytes.NewReader(b)
	default:
		j, err := json.Marshal(b)
		if err != nil {
			e.t.Fatal(err)
		}
		rd = bytes.NewReader(j)
	}
	req := httptest.NewRequestWithContext(e.t.Context(), method, path, rd)
	if rd != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if who.user != nil {
		req.Header.Set("Authorization", "Bearer "+e.token[who.user.ID])
	}
	if who.cookie != "" {
		req.AddCookie(&http.Cookie{Name: sessionCookie, Value: who.cookie})
	}
	for k, v := range who.header {
		req.Header.Set(k, v)
	}
	rec := httptest.NewRecorder()
	e.mux.ServeHTTP(rec, req)
	return response{status: rec.Code, header: rec.Header(), body: rec.Body.Bytes()}
}

// post posts a comment as u and returns the 201 answer's comment.
func (e *env) post(u store.User, parentID, text string) map[string]any {
	e.t.Helper()
	r := e.do("POST", "/api/v1/articles/story/comments", bearer(u), map[string]string{"text": text, "parent_id": parentID})
	if r.status != http.StatusCreated {
		e.t.Fatalf("POST comment %q: status %d body %s, want 201", text, r.status, r.body)
	}
	c, ok := r.json(e.t)["comment"].(map[string]any)
	if !ok {
		e.t.Fatalf("POST comment %q: no comment in %s", text, r.body)
	}
	return c
}
