package cli

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// chromium returns the browser the test command provides, skipping (or, in
// CI, failing) when there is none.
func chromium(t *testing.T) string {
	t.Helper()
	path := os.Getenv("TRIBUNE_TEST_CHROMIUM")
	if path == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("Chromium is required in CI: TRIBUNE_TEST_CHROMIUM is not set (run ./scripts/test.sh)")
		}
		t.Skip("browser test skipped: TRIBUNE_TEST_CHROMIUM is not set; ./scripts/test.sh sets it")
	}
	return path
}

// startServer runs `tribune serve` in-process on a free port with demo
// content and returns its base URL; the server stops when the test ends.
func startServer(t *testing.T, extra ...string) string {
	t.Helper()
	base, _ := startServerArgs(t, append([]string{"--data-dir", t.TempDir()}, extra...)...)
	return base
}

// startServerArgs starts the server with extra flags and returns its base
// URL and a function that shuts it down gracefully and waits for it.
func startServerArgs(t *testing.T, extra ...string) (string, func()) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int, 1)
	args := append([]string{"serve", "--addr", addr, "--log-level", "warn", "--timezone", "Europe/Moscow"}, extra...)
	go func() {
		done <- Run(ctx, args, IO{Stdin: strings.NewReader(""), Stdout: io.Discard, Stderr: testLog{t}, Getenv: func(string) string { return "" }})
	}()
	var once sync.Once
	stop := func() {
		once.Do(func() {
			cancel()
			if code := <-done; code != 0 {
				t.Errorf("serve exited with %d, want 0 after a graceful shutdown", code)
			}
		})
	}
	t.Cleanup(stop)
	base := "http://" + addr
	deadline := time.Now().Add(60 * time.Second)
	for {
		resp, err := http.Get(base + "/healthz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return base, stop
			}
		}
		select {
		case code := <-done:
			t.Fatalf("serve exited early with %d", code)
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("server at %s not healthy after 60s: %v", base, err)
		}
		time.Sleep(50 * time.Millisecond) // polling a condition with a deadline
	}
}

type testLog struct{ t *testing.T }

func (l testLog) Write(b []byte) (int, error) {
	l.t.Log(strings.TrimSpace(string(b)))
	return len(b), nil
}

func fetch(t *testing.T, url string) string {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s = %d", url, resp.StatusCode)
	}
	return string(b)
}

func TestBrowserArticlePage(t *testing.T) {
	exec := chromium(t)
	base := startServer(t)
	// The lead top story of the demo has a photo, tags and related picks.
	m := regexp.MustCompile(`<article class="lead-story">[\s\S]*?href="(/news/[a-z0-9-]+)"`).FindStringSubmatch(fetch(t, base+"/"))
	if m == nil {
		t.Fatal("no lead story on the demo home page")
	}
	articleURL := base + m[1]

	ctx := newBrowser(t, exec)

	// What a reader sees, read from the rendered DOM.
	type pageView struct {
		Headline, Dateline, Datetime, Caption, Credit, ShortHref string
		Tags, Related                                            int
		ButtonShown                                              bool
	}
	const read = `(() => {
		const q = (s) => document.querySelector(s);
		const text = (s) => (q(s) ? q(s).innerText.trim() : "");
		return {
			Headline: text("h1"),
			Dateline: text("time.dateline"),
			Datetime: q("time.dateline") ? q("time.dateline").getAttribute("datetime") : "",
			Caption: text("figure.lead-image figcaption"),
			Credit: text("figure.lead-image figcaption .credit"),
			ShortHref: q(".shorturl-link") ? q(".shorturl-link").href : "",
			Tags: document.querySelectorAll('.tags a[href^="/tag/"]').length,
			Related: document.querySelectorAll(".related-list a.related-headline").length,
			ButtonShown: !!q(".shorturl-copy") && !q(".shorturl-copy").hidden && q(".shorturl-copy").offsetParent !== null,
		};
	})()`
	if err := chromedp.Do(ctx, chromedp.Navigate(articleURL), chromedp.WaitVisible(chromedp.CSS("h1"))); err != nil {
		t.Fatalf("load %s: %v", articleURL, err)
	}
	pv, err := chromedp.Run(ctx, chromedp.Evaluate[pageView](read))
	if err != nil {
		t.Fatalf("read page: %v", err)
	}
	headline, dateline, datetime, caption, credit, shortHref := pv.Headline, pv.Dateline, pv.Datetime, pv.Caption, pv.Credit, pv.ShortHref
	tags, related := pv.Tags, pv.Related
	if !pv.ButtonShown {
		t.Fatal("the Get short URL button stayed hidden: site.js did not run (CSP?)")
	}
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(".shorturl-copy"))); err != nil {
		t.Fatalf("click Get short URL: %v", err)
	}
	status, err := chromedp.Run(ctx, chromedp.Poll[string](`document.querySelector(".shorturl-status").textContent`,
		chromedp.WithPollingTimeout(10*time.Second)))
	if err != nil {
		t.Fatalf("no status after clicking Get short URL: %v", err)
	}
	if strings.TrimSpace(headline) == "" {
		t.Error("headline is empty")
	}
	if !regexp.MustCompile(`^\d{2}:\d{2} GMT\+3 \d{2}\.\d{2}\.\d{4}$`).MatchString(dateline) {
		t.Errorf("dateline = %q, want like 19:15 GMT+3 09.02.2017", dateline)
	}
	if _, err := time.Parse(time.RFC3339, datetime); err != nil {
		t.Errorf("dateline datetime = %q, want RFC 3339: %v", datetime, err)
	}
	if credit == "" || !strings.Contains(caption, credit) || strings.TrimSpace(strings.TrimSuffix(caption, credit)) == "" {
		t.Errorf("figcaption = %q with credit %q, want a caption and a credit", caption, credit)
	}
	if tags == 0 || related == 0 {
		t.Errorf("tags = %d, related = %d; want both shown", tags, related)
	}
	if !strings.Contains(status, shortHref) && !strings.Contains(status, "copy") {
		t.Errorf("after clicking Get short URL the status says %q, want the copied link %q", status, shortHref)
	}
	if !regexp.MustCompile(`/s/[A-Za-z0-9]{1,8}$`).MatchString(shortHref) {
		t.Errorf("short link = %q, want /s/ and at most 8 characters", shortHref)
	}
	// The short link leads back to the article.
	if err := chromedp.Do(ctx, chromedp.Navigate(shortHref), chromedp.WaitVisible(chromedp.CSS("h1"))); err != nil {
		t.Fatalf("follow short link: %v", err)
	}
	finalURL, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil {
		t.Fatal(err)
	}
	if finalURL != articleURL {
		t.Errorf("short link %s led to %s, want %s", shortHref, finalURL, articleURL)
	}
	t.Log(fmt.Sprintf("checked %s: %q, %s, %d tags, %d related, short link %s", articleURL, headline, dateline, tags, related, shortHref))
}

// newBrowser starts headless Chromium with the flags this machine needs
// and returns a context for its tab, bounded to 2 minutes.
func newBrowser(t *testing.T, exec string) context.Context {
	t.Helper()
	ctx, _ := newBrowsers(t, exec)
	return ctx
}

// newBrowsers is newBrowser plus a second tab in its own browser context
// (its own cookies): two readers at once.
func newBrowsers(t *testing.T, exec string) (context.Context, context.Context) {
	t.Helper()
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(exec), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.Flag("disable-quic", true),
		chromedp.UserDataDir(t.TempDir()), chromedp.WindowSize(1280, 900),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancelAlloc)
	bctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(cancel)
	// The first action starts the browser, which lives as long as bctx; the
	// timeout goes on a context derived after that.
	if err := chromedp.Do(bctx); err != nil {
		t.Fatalf("start Chromium: %v", err)
	}
	ctx, cancelTimeout := context.WithTimeout(bctx, 2*time.Minute)
	t.Cleanup(cancelTimeout)
	other, cancelOther := chromedp.NewContext(bctx, chromedp.WithNewBrowserContext())
	t.Cleanup(cancelOther)
	octx, cancelOtherTimeout := context.WithTimeout(other, 2*time.Minute)
	t.Cleanup(cancelOtherTimeout)
	return ctx, octx
}
