package site

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"image"
	"image/color"
	"image/png"

	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"tribune/internal/config"
	"tribune/internal/news"
	"tribune/internal/password"
	"tribune/internal/secret"
	"tribune/internal/store"
	"tribune/internal/store/storetest"
	"tribune/internal/views"
)

// now is the fixed clock of the site tests.
var now = time.Date(2026, 11, 27, 16, 15, 0, 0, time.UTC)

// fixture is a site over a store with a small newsroom in it.
type fixture struct {
	t     *testing.T
	st    *store.Store
	site  *Site
	mux   *http.ServeMux
	views *views.Counter
	img   news.Image
}

func newFixture(t *testing.T, st *store.Store) *fixture {
	t.Helper()
	ctx := t.Context()
	var buf bytes.Buffer
	pic := image.NewRGBA(image.Rect(0, 0, 32, 18))
	pic.Set(1, 1, color.RGBA{200, 0, 0, 255})
	png.Encode(&buf, pic)
	img, err := st.SaveImage(ctx, buf.Bytes(), "image/png", 32, 18)
	if err != nil {
		t.Fatal(err)
	}
	ins := []store.ArticleInput{
		{Slug: "harbour-reopens", Headline: "Harbour reopens after storm", Summary: "Ships return to Port Alder.",
			Body:        "First paragraph.\n\n> \"We are open again.\"\n>\n> — Mara Lind, harbour master\n\n[[related:grain-prices]]\n\nLast paragraph.",
			SectionPath: []string{"World", "Europe"}, AuthorName: "Ana Ruiz", Tags: []string{"Shipping", "Weather"},
			LeadImageID: img.ID, LeadCaption: "Cranes at dawn", LeadCredit: "Photo: Tom Vale / Tribune",
			Related: []string{"grain-prices"}, TopStory: true, PublishedAt: now.Add(-2 * time.Hour)},
		{Slug: "grain-prices", Headline: "Grain prices ease", Summary: "Markets calm.", Body: "Text.",
			SectionPath: []string{"Business"}, Tags: []string{"Shipping"}, LeadImageID: img.ID, PublishedAt: now.Add(-3 * time.Hour)},
		{Slug: "storm-damage", Headline: "Storm damage counted", Body: "Text.",
			SectionPath: []string{"World", "Europe"}, Tags: []string{"Weather"}, PublishedAt: now.Add(-72 * time.Hour)},
		{Slug: "unrelated-science", Headline: "Telescope finds comet", Body: "Text.",
			SectionPath: []string{"Science"}, PublishedAt: now.Add(-4 * time.Hour)},
		{Slug: "embargoed", Headline: "Embargoed budget story", Body: "Secret.",
			SectionPath: []string{"Business"}, Tags: []string{"Shipping"}, PublishedAt: now.Add(time.Hour)},
	}
	for _, in := range ins {
		if _, _, err := st.SaveArticle(ctx, in); err != nil {
			t.Fatalf("SaveArticle(%q): %v", in.Slug, err)
		}
	}
	loc, _ := time.LoadLocation("Europe/Moscow")
	cfg := &config.Config{SiteName: "Tribune Test", SiteDescription: "Test news", Language: "en", Timezone: loc,
		BaseURL: "https://news.example", TelegramURL: "https://t.me/example"}
	log := slog.New(slog.NewTextHandler(testWriter{t}, nil))
	counter := views.New(st, log)
	s, err := New(Deps{Config: cfg, Store: st, Setup: st, Views: counter, Log: log, Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	s.Routes(mux)
	return &fixture{t: t, st: st, site: s, mux: mux, views: counter, img: img}
}

// get requests path through the real router.
func (f *fixture) get(path string, header ...string) *httptest.ResponseRecorder {
	f.t.Helper()
	req := httptest.NewRequest(http.MethodGet, path, nil)
	req.Header.Set("User-Agent", "Mozilla/5.0 (X11; Linux x86_64) Test")
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	rec := httptest.NewRecorder()
	f.mux.ServeHTTP(rec, req)
	return rec
}

func TestArticlePage(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		f := newFixture(t, st)
		rec := f.get("/news/harbour-reopens")
		if rec.Code != http.StatusOK {
			t.Fatalf("GET article = %d, want 200", rec.Code)
		}
		body := rec.Body.String()
		wants := []string{
			`<h1>Harbour reopens after storm</h1>`,
			`<a class="section-label" href="/section/europe">Europe</a>`,
			`<a href="/section/world">World</a>`,
			// 14:15 UTC is 17:15 in Moscow (GMT+3).
			`<time class="dateline" datetime="2026-11-27T14:15:00Z">17:15 GMT+3 27.11.2026</time>`,
			`<figure class="lead-image">`,
			`<figcaption>Cranes at dawn <span class="credit">Photo: Tom Vale / Tribune</span></figcaption>`,
			`<figure class="pullquote">`,
			`<aside class="teaser"`,
			`<a href="/tag/shipping" rel="tag">Shipping</a>`,
			`<link rel="canonical" href="https://news.example/news/harbour-reopens">`,
			`<meta property="og:title" content="Harbour reopens after storm">`,
			`<meta name="twitter:card" content="summary_large_image">`,
			`href="https://t.me/example"`,
			`class="view-count" data-views="1">1 view</span>`,
		}
		for _, w := range wants {
			if !strings.Contains(body, w) {
				t.Errorf("article page lacks %s", w)
			}
		}
		a, err := st.ArticleBySlug(t.Context(), "harbour-reopens")
		if err != nil {
			t.Fatal(err)
		}
		short := `<link rel="shortlink" href="https://news.example/s/` + a.ShortCode + `">`
		if !strings.Contains(body, short) {
			t.Errorf("article page lacks %s", short)
		}
		related := regexp.MustCompile(`(?s)<section class="related".*?</section>`).FindString(body)
		if !strings.Contains(related, "/news/grain-prices") || !strings.Contains(related, "/news/storm-damage") {
			t.Errorf("related list = %q, want the explicit pick and the same-section story", related)
		}
		if strings.Index(related, "grain-prices") > strings.Index(related, "storm-damage") {
			t.Errorf("related list puts the automatic pick before the explicit one")
		}
		for _, no := range []string{"/news/harbour-reopens\"", "/news/embargoed", "unrelated-science"} {
			if strings.Contains(related, no) {
				t.Errorf("related list contains %s", no)
			}
		}
		if csp := rec.Header().Get("Content-Type"); !strings.HasPrefix(csp, "text/html") {
			t.Errorf("Content-Type = %q", csp)
		}
	})
}

func TestArticleJSONLD(t *testing.T) {
	f := newFixture(t, storetest.SQLite(t))
	body := f.get("/news/harbour-reopens").Body.String()
	m := regexp.MustCompile(`<script type="application/ld\+json">(.*?)</script>`).FindStringSubmatch(body)
	if m == nil {
		t.Fatal("no JSON-LD block")
	}
	var ld struct {
		Type          string `json:"@type"`
		Headline      string `json:"headline"`
		DatePublished string `json:"datePublished"`
		DateModified  string `json:"dateModified"`
		Section       string `json:"articleSection"`
		Keywords      []string
		Author        []struct{ Name string }
		Publisher     struct{ Name string }
		Image         []struct {
			URL        string `json:"url"`
			CreditText string `json:"creditText"`
		}
	}
	if err := json.Unmarshal([]byte(m[1]), &ld); err != nil {
		t.Fatalf("JSON-LD does not parse: %v\n%s", err, m[1])
	}
	if ld.Type != "NewsArticle" || ld.Headline != "Harbour reopens after storm" || ld.DatePublished != "2026-11-27T14:15:00Z" ||
		ld.DateModified == "" || ld.Section != "Europe" || len(ld.Keywords) != 2 || len(ld.Author) != 1 ||
		ld.Author[0].Name != "Ana Ruiz" || ld.Publisher.Name != "Tribune Test" || len(ld.Image) != 1 ||
		ld.Image[0].CreditText != "Photo: Tom Vale / Tribune" || !strings.HasPrefix(ld.Image[0].URL, "https://news.example/media/") {
		t.Errorf("JSON-LD = %+v", ld)
	}
}

var viewsRE = regexp.MustCompile(`data-views="(\d+)"`)

func viewCount(t *testing.T, body string) int {
	t.Helper()
	m := viewsRE.FindStringSubmatch(body)
	if m == nil {
		t.Fatal("no view count on the page")
	}
	n, _ := strconv.Atoi(m[1])
	return n
}

func TestViewCounting(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		f := newFixture(t, st)
		first := viewCount(t, f.get("/news/harbour-reopens").Body.String())
		f.get("/news/harbour-reopens", "User-Agent", "Googlebot/2.1")
		f.get("/news/harbour-reopens", "Sec-Purpose", "prefetch")
		second := viewCount(t, f.get("/news/harbour-reopens").Body.String())
		if first != 1 || second != 2 {
			t.Errorf("views after 1st and 2nd reader = %d, %d; want 1, 2 (bots and prefetches not counted)", first, second)
		}
		if err := f.views.Flush(t.Context()); err != nil {
			t.Fatal(err)
		}
		a, _ := st.ArticleBySlug(t.Context(), "harbour-reopens")
		if a.Views != 2 {
			t.Errorf("stored views after flush = %d, want 2", a.Views)
		}
		// Once flushed, a fresh render (another node, or after expiry) shows the same figure.
		f.site.ContentChanged()
		if got := viewCount(t, f.get("/news/harbour-reopens").Body.String()); got != 3 {
			t.Errorf("views after flush and re-render = %d, want 3", got)
		}
		most, _ := st.MostRead(t.Context(), now, now.Add(-24*time.Hour), 5)
		if len(most) != 1 || most[0].Slug != "harbour-reopens" {
			t.Errorf("MostRead after views = %v", most)
		}
	})
}

func TestEditShowsAfterContentVersionMoves(t *testing.T) {
	f := newFixture(t, storetest.SQLite(t))
	if !strings.Contains(f.get("/news/grain-prices").Body.String(), "Grain prices ease") {
		t.Fatal("article not shown")
	}
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	in := store.ArticleInput{Slug: "grain-prices", Headline: "Grain prices fall sharply", Body: "Text.",
		SectionPath: []string{"Business"}, PublishedAt: now.Add(-3 * time.Hour)}
	// The edit comes from elsewhere (another node or the CLI): only the
	// content version tells this node.
	if _, _, err := f.st.SaveArticle(ctx, in); err != nil {
		t.Fatal(err)
	}
	v, _ := f.st.ContentVersion(ctx)
	f.site.cache.setVersion(v)
	if body := f.get("/news/grain-prices").Body.String(); !strings.Contains(body, "Grain prices fall sharply") {
		t.Error("edited headline not shown after the content version moved")
	}
}

func TestListPages(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		f := newFixture(t, st)
		tests := []struct {
			path      string
			want, not []string
		}{
			{"/", []string{"Top stories", "Harbour reopens after storm", "Grain prices ease", `type="application/rss+xml"`, "Follow our Telegram channel"}, []string{"Embargoed"}},
			{"/news", []string{"All news", "Storm damage counted", "Telescope finds comet"}, []string{"Embargoed"}},
			{"/section/world", []string{"Harbour reopens", "Storm damage", `href="/section/europe"`}, []string{"Grain prices"}},
			{"/section/europe", []string{"Harbour reopens", "/section/europe/rss.xml"}, []string{"Telescope"}},
			{"/tag/shipping", []string{"Harbour reopens", "Grain prices ease"}, []string{"Embargoed", "Storm damage"}},
			{"/author/ana-ruiz", []string{"Ana Ruiz", "Harbour reopens"}, []string{"Grain prices"}},
		}
		for _, tt := range tests {
			rec := f.get(tt.path)
			if rec.Code != http.StatusOK {
				t.Errorf("GET %s = %d, want 200", tt.path, rec.Code)
				continue
			}
			body := rec.Body.String()
			for _, w := range tt.want {
				if !strings.Contains(body, w) {
					t.Errorf("GET %s lacks %q", tt.path, w)
				}
			}
			for _, n := range tt.not {
				if strings.Contains(body, n) {
					t.Errorf("GET %s shows %q", tt.path, n)
				}
			}
		}
	})
}

func TestPaging(t *testing.T) {
	st := storetest.SQLite(t)
	f := newFixture(t, st)
	for i := range 30 {
		in := store.ArticleInput{Slug: "brief-" + strconv.Itoa(i), Headline: "Brief number " + strconv.Itoa(i), Body: "x",
			SectionPath: []string{"Science"}, PublishedAt: now.Add(-time.Duration(10+i) * time.Hour)}
		if _, _, err := st.SaveArticle(t.Context(), in); err != nil {
			t.Fatal(err)
		}
	}
	f.site.ContentChanged()
	p1 := f.get("/news").Body.String()
	p2 := f.get("/news?page=2").Body.String()
	if !strings.Contains(p1, `rel="next" href="/news?page=2"`) || !strings.Contains(p2, `rel="prev" href="/news"`) {
		t.Error("pager links missing")
	}
	if strings.Count(p1, `class="row"`) != perPage {
		t.Errorf("page 1 has %d rows, want %d", strings.Count(p1, `class="row"`), perPage)
	}
	if !strings.Contains(p2, "Page 2 of 3") {
		t.Error("page 2 does not say Page 2 of 3")
	}
}

func TestBadRequestsNever500(t *testing.T) {
	f := newFixture(t, storetest.SQLite(t))
	tests := []struct {
		path string
		want int
	}{
		{"/news/no-such-story", 404},
		{"/news/Bad%20Slug", 404},
		{"/news/embargoed", 404},
		{"/news?page=abc", 404},
		{"/news?page=0", 404},
		{"/news?page=-1", 404},
		{"/news?page=99999999999999999999", 404},
		{"/news?page=50", 404},
		{"/section/nowhere", 404},
		{"/section/nowhere/rss.xml", 404},
		{"/tag/none", 404},
		{"/author/nobody", 404},
		{"/s/zzzzzz", 404},
		{"/s/waytoolongcode", 404},
		{"/media/nothing.png", 404},
		{"/media/00000000-0000-0000-0000-000000000000.png", 404},
		{"/static/abc/nothing.css", 404},
		{"/wp-admin.php", 404},
		{"/news/harbour-reopens/extra", 404},
		{"/%ff%fe", 404},
		{"/setup/not-a-token", 404},
	}
	for _, tt := range tests {
		rec := f.get(tt.path)
		if rec.Code != tt.want {
			t.Errorf("GET %s = %d, want %d", tt.path, rec.Code, tt.want)
		}
		if tt.want == 404 && !strings.Contains(rec.Body.String(), "Go to the front page") {
			t.Errorf("GET %s: not the friendly error page", tt.path)
		}
	}
}

func TestShortLink(t *testing.T) {
	st := storetest.SQLite(t)
	f := newFixture(t, st)
	a, _ := st.ArticleBySlug(t.Context(), "harbour-reopens")
	if len(a.ShortCode) == 0 || len(a.ShortCode) > 8 {
		t.Fatalf("short code %q, want 1 to 8 characters", a.ShortCode)
	}
	rec := f.get("/s/" + a.ShortCode)
	if rec.Code != http.StatusMovedPermanently || rec.Header().Get("Location") != "https://news.example/news/harbour-reopens" {
		t.Errorf("GET /s/%s = %d to %q, want 301 to the canonical URL", a.ShortCode, rec.Code, rec.Header().Get("Location"))
	}
	e, _ := st.ArticleBySlug(t.Context(), "embargoed")
	if rec := f.get("/s/" + e.ShortCode); rec.Code != 404 {
		t.Errorf("short link of a scheduled article = %d, want 404", rec.Code)
	}
}

func TestFeedsAndSitemaps(t *testing.T) {
	f := newFixture(t, storetest.SQLite(t))
	var rss struct {
		Channel struct {
			Title string `xml:"title"`
			Items []struct {
				Title string `xml:"title"`
				Link  string `xml:"link"`
			} `xml:"item"`
		} `xml:"channel"`
	}
	rec := f.get("/rss.xml")
	if err := xml.Unmarshal(rec.Body.Bytes(), &rss); err != nil {
		t.Fatalf("RSS does not parse: %v", err)
	}
	if len(rss.Channel.Items) != 4 || rss.Channel.Items[0].Link != "https://news.example/news/harbour-reopens" {
		t.Errorf("RSS items = %+v, want 4 published, newest first", rss.Channel.Items)
	}
	if ct := rec.Header().Get("Content-Type"); !strings.HasPrefix(ct, "application/rss+xml") {
		t.Errorf("RSS Content-Type = %q", ct)
	}
	rss.Channel.Items = nil
	if err := xml.Unmarshal(f.get("/section/business/rss.xml").Body.Bytes(), &rss); err != nil || len(rss.Channel.Items) != 1 {
		t.Errorf("section RSS: %v, %d items, want 1", err, len(rss.Channel.Items))
	}
	var sm struct {
		URLs []struct {
			Loc string `xml:"loc"`
		} `xml:"url"`
	}
	if err := xml.Unmarshal(f.get("/sitemap.xml").Body.Bytes(), &sm); err != nil {
		t.Fatal(err)
	}
	locs := ""
	for _, u := range sm.URLs {
		locs += u.Loc + " "
	}
	if !strings.Contains(locs, "/news/storm-damage") || strings.Contains(locs, "embargoed") {
		t.Errorf("sitemap = %s", locs)
	}
	news := f.get("/sitemap-news.xml").Body.String()
	if !strings.Contains(news, "harbour-reopens") || strings.Contains(news, "storm-damage") {
		t.Errorf("news sitemap must list the last 48 hours only:\n%s", news)
	}
	robots := f.get("/robots.txt").Body.String()
	if !strings.Contains(robots, "Sitemap: https://news.example/sitemap.xml") {
		t.Errorf("robots.txt = %q", robots)
	}
}

func TestMediaAndStatic(t *testing.T) {
	f := newFixture(t, storetest.SQLite(t))
	rec := f.get(news.ImageURL(f.img.ID, "image/png"))
	if rec.Code != 200 || rec.Header().Get("Content-Type") != "image/png" ||
		!strings.Contains(rec.Header().Get("Cache-Control"), "immutable") || !bytes.Equal(rec.Body.Bytes(), f.img.Data) {
		t.Errorf("GET image = %d %v", rec.Code, rec.Header())
	}
	if rec := f.get(news.ImageURL(f.img.ID, "image/png"), "If-None-Match", rec.Header().Get("ETag")); rec.Code != 304 {
		t.Errorf("conditional GET image = %d, want 304", rec.Code)
	}
	css := f.site.assets.path("site.css")
	rec = f.get(css)
	if rec.Code != 200 || !strings.Contains(rec.Header().Get("Cache-Control"), "immutable") || !strings.HasPrefix(rec.Header().Get("Content-Type"), "text/css") {
		t.Errorf("GET %s = %d %v", css, rec.Code, rec.Header())
	}
	if rec := f.get("/healthz"); rec.Code != 200 {
		t.Errorf("GET /healthz = %d", rec.Code)
	}
}

func TestDateline(t *testing.T) {
	tests := []struct {
		zone string
		want string
	}{
		{"UTC", "16:15 GMT 27.11.2026"},
		{"Europe/Moscow", "19:15 GMT+3 27.11.2026"},
		{"America/New_York", "11:15 GMT-5 27.11.2026"},
		{"Asia/Kolkata", "21:45 GMT+5:30 27.11.2026"},
	}
	for _, tt := range tests {
		loc, err := time.LoadLocation(tt.zone)
		if err != nil {
			t.Fatal(err)
		}
		s := &Site{cfg: &config.Config{Timezone: loc}}
		if got := s.dateline(now); got != tt.want {
			t.Errorf("dateline(%s) = %q, want %q", tt.zone, got, tt.want)
		}
	}
}

func TestGroupThousands(t *testing.T) {
	for n, want := range map[int64]string{0: "0", 999: "999", 1000: "1,000", 1234567: "1,234,567"} {
		if got := groupThousands(n); got != want {
			t.Errorf("groupThousands(%d) = %q, want %q", n, got, want)
		}
	}
}

// testWriter sends the site's log lines to the test log.
type testWriter struct{ t *testing.T }

func (w testWriter) Write(b []byte) (int, error) {
	w.t.Helper()
	w.t.Log(strings.TrimSpace(string(b)))
	return len(b), nil
}

func TestFirstAdminSetup(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		f := newFixture(t, st)
		token, hash := secret.New()
		if err := st.AddSetupToken(t.Context(), hash, now.Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
		if rec := f.get("/setup/" + token); rec.Code != 200 || !strings.Contains(rec.Body.String(), "Create the first admin account") {
			t.Fatalf("GET setup form = %d", rec.Code)
		}
		post := func(form url.Values, origin string) *httptest.ResponseRecorder {
			req := httptest.NewRequest(http.MethodPost, "/setup/"+token, strings.NewReader(form.Encode()))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			if origin != "" {
				req.Header.Set("Origin", origin)
			}
			rec := httptest.NewRecorder()
			f.mux.ServeHTTP(rec, req)
			return rec
		}
		good := url.Values{"email": {"Editor@Example.org"}, "name": {"Chief"}, "password": {"long enough pw"}, "password2": {"long enough pw"}}
		if rec := post(good, "https://evil.example"); rec.Code != http.StatusForbidden {
			t.Errorf("cross-site POST = %d, want 403", rec.Code)
		}
		bad := url.Values{"email": {"not-an-email"}, "name": {"Chief"}, "password": {"short"}, "password2": {"short"}}
		rec := post(bad, "https://news.example")
		if rec.Code != http.StatusUnprocessableEntity || !strings.Contains(rec.Body.String(), `value="Chief"`) {
			t.Errorf("invalid POST = %d, want 422 keeping what was typed", rec.Code)
		}
		if rec := post(good, "https://news.example"); rec.Code != 200 || !strings.Contains(rec.Body.String(), "Admin account created") {
			t.Fatalf("valid POST = %d", rec.Code)
		}
		u, err := st.UserByEmail(t.Context(), "editor@example.org")
		if err != nil || u.Role != store.RoleAdmin {
			t.Fatalf("admin user = %+v, %v", u, err)
		}
		if ok, _ := password.Verify("long enough pw", u.PasswordHash); !ok {
			t.Error("stored password hash does not verify")
		}
		if rec := post(good, "https://news.example"); rec.Code != http.StatusNotFound {
			t.Errorf("second use of the link = %d, want 404", rec.Code)
		}
	})
}
