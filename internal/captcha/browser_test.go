package captcha

import (
	"context"
	"html/template"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
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
		if ci := os.Getenv("CI"); ci == "true" || ci == "1" {
			t.Fatal("Chromium is required in CI: TRIBUNE_TEST_CHROMIUM is not set (run ./scripts/test.sh)")
		}
		t.Skip("browser test skipped: TRIBUNE_TEST_CHROMIUM is not set; ./scripts/test.sh sets it")
	}
	return path
}

// TestBrowserSolvesProofOfWork serves the widget and pow.js under the
// site's CSP and checks that Chromium fills pow_nonce, says so in the live
// status line, and that Verify accepts what it found.
func TestBrowserSolvesProofOfWork(t *testing.T) {
	exec := chromium(t)
	c, _ := newTest(t, Options{})
	ch, err := c.New()
	if err != nil {
		t.Fatal(err)
	}
	page := template.Must(template.New("page").Parse(WidgetTemplate +
		`<!doctype html><html lang="en"><title>Register</title><form method="post">{{template "captcha" .}}</form><script src="/pow.js" defer></script></html>`))
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Security-Policy", "default-src 'self'; script-src 'self'; img-src 'self'")
		if err := page.Execute(w, ch); err != nil {
			t.Errorf("render page: %v", err)
		}
	})
	mux.HandleFunc("GET /pow.js", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/javascript")
		w.Write(Script())
	})
	mux.HandleFunc("GET /captcha/{file}", func(w http.ResponseWriter, r *http.Request) {
		c.ServeImage(w, r, r.PathValue("file"))
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()

	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(exec), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.UserDataDir(t.TempDir()),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancelAlloc()
	bctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	if err := chromedp.Do(bctx); err != nil {
		t.Fatalf("start Chromium: %v", err)
	}
	ctx, cancelTimeout := context.WithTimeout(bctx, 90*time.Second)
	defer cancelTimeout()

	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/")); err != nil {
		t.Fatalf("load the form: %v", err)
	}
	nonce, err := chromedp.Run(ctx, chromedp.Poll[string](
		`(document.querySelector('input[name="pow_nonce"]').value) || false`,
		chromedp.WithPollingTimeout(60*time.Second)))
	if err != nil {
		t.Fatalf("pow_nonce never filled: %v", err)
	}
	ms, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector("[data-captcha]").getAttribute("data-captcha-ms")`))
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("Chromium found nonce %s (%s hashes) at difficulty %d in %s ms", nonce, nonce, ch.Difficulty, ms)
	status, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector("[data-captcha-status]").textContent`))
	if err != nil {
		t.Fatal(err)
	}
	if want := "Verified automatically"; !strings.Contains(status, want) {
		t.Errorf("status line = %q, want it to contain %q", status, want)
	}
	size, err := chromedp.Run(ctx, chromedp.Poll[string](
		`(() => { const i = document.querySelector("img.captcha-image"); return i.complete && i.naturalWidth > 0 && (i.naturalWidth + "x" + i.naturalHeight); })()`,
		chromedp.WithPollingTimeout(10*time.Second)))
	if err != nil {
		t.Errorf("the captcha image did not load: %v", err)
	} else if size != "200x70" {
		t.Errorf("captcha image size = %s, want 200x70", size)
	}
	if err := c.Verify(t.Context(), ch.Token, "", nonce); err != nil {
		t.Errorf("Verify(token, \"\", %q from Chromium) = %v, want nil", nonce, err)
	}
}
