package cli

import (
	"context"
	"io"
	"net/http"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"tribune/internal/store"
)

// TestServeEndToEnd runs the real server with demo content and checks what
// operators rely on: headers, health, metrics, and that a graceful shutdown
// writes the pending view counts.
func TestServeEndToEnd(t *testing.T) {
	dir := t.TempDir()
	base, stop := startServerIn(t, dir)

	home := fetch(t, base+"/")
	m := regexp.MustCompile(`href="(/news/[a-z0-9-]+)"`).FindStringSubmatch(home)
	if m == nil {
		t.Fatal("no article link on the demo home page")
	}
	if !strings.Contains(home, `<link rel="alternate" type="application/rss+xml"`) {
		t.Error("home page does not link its RSS feed")
	}
	resp, err := http.Get(base + m[1])
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	h := resp.Header
	for name, want := range map[string]string{
		"Content-Security-Policy": "script-src 'self'",
		"X-Content-Type-Options":  "nosniff",
		"Referrer-Policy":         "strict-origin-when-cross-origin",
	} {
		if !strings.Contains(h.Get(name), want) {
			t.Errorf("%s = %q, want it to contain %q", name, h.Get(name), want)
		}
	}
	if !strings.Contains(h.Get("Content-Security-Policy"), "frame-ancestors 'none'") {
		t.Errorf("CSP = %q, want frame-ancestors 'none'", h.Get("Content-Security-Policy"))
	}
	metrics := fetch(t, base+"/metrics")
	for _, want := range []string{
		`tribune_http_requests_total{route="GET /news/{slug}",code="200"} 1`,
		`tribune_http_request_duration_seconds_bucket{route="GET /news/{slug}",le="+Inf"} 1`,
		`tribune_db_connections_open`,
		`go_goroutines`,
	} {
		if !strings.Contains(metrics, want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}

	stop()
	st, err := store.Open(context.Background(), filepath.Join(dir, "tribune.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	a, err := st.ArticleBySlug(context.Background(), strings.TrimPrefix(m[1], "/news/"))
	if err != nil {
		t.Fatal(err)
	}
	if a.Views != 1 {
		t.Errorf("views written at shutdown = %d, want 1", a.Views)
	}
}

func TestServeNoDemo(t *testing.T) {
	base, _ := startServerIn(t, t.TempDir(), "--no-demo")
	if body := fetch(t, base+"/"); !strings.Contains(body, "No news yet") {
		t.Error("--no-demo home page is not empty")
	}
}

func TestServeBadConfig(t *testing.T) {
	tests := [][]string{
		{"serve", "--timezone", "Mars/Base"},
		{"serve", "--database", "mysql://x"},
		{"serve", "--base-url", "ftp://x"},
		{"serve", "--telegram-url", "http://t.me/x"},
		{"serve", "--view-flush-interval", "soon"},
		{"serve", "--addr", "127.0.0.1:99999", "--data-dir", t.TempDir(), "--no-demo"},
	}
	for _, args := range tests {
		var stderr strings.Builder
		code := Run(context.Background(), args, IO{Stdin: strings.NewReader(""), Stdout: io.Discard, Stderr: &stderr, Getenv: func(string) string { return "" }})
		if code == 0 || !strings.Contains(stderr.String(), "tribune serve:") {
			t.Errorf("Run(%q) = %d, %q; want a failure naming the problem", args, code, stderr.String())
		}
	}
}

func TestVersionAndHelp(t *testing.T) {
	for _, args := range [][]string{{"version"}, {"--help"}, {"serve", "--help"}, {"migrate", "--help"}} {
		var out, errOut strings.Builder
		code := Run(context.Background(), args, IO{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errOut, Getenv: func(string) string { return "" }})
		if code != 0 || out.Len()+errOut.Len() == 0 {
			t.Errorf("Run(%q) = %d with no output", args, code)
		}
	}
	var errOut strings.Builder
	if code := Run(context.Background(), []string{"frobnicate"}, IO{Stdout: io.Discard, Stderr: &errOut, Getenv: func(string) string { return "" }}); code != 2 {
		t.Errorf("unknown command exit = %d, want 2", code)
	}
}

func TestMigrateCommand(t *testing.T) {
	var out strings.Builder
	dir := t.TempDir()
	code := Run(context.Background(), []string{"migrate", "--data-dir", dir}, IO{Stdout: &out, Stderr: io.Discard, Getenv: func(string) string { return "" }})
	if code != 0 || !strings.Contains(out.String(), "schema version") {
		t.Errorf("migrate = %d, %q", code, out.String())
	}
}

// startServerIn is startServer with a chosen data folder; stop shuts the
// server down and waits for it (the test cleanup also does, once).
func startServerIn(t *testing.T, dir string, extra ...string) (base string, stop func()) {
	t.Helper()
	args := append([]string{"--data-dir", dir}, extra...)
	base, stop = startServerArgs(t, args...)
	return base, stop
}
