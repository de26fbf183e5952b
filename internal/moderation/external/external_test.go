package external

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"tribune/internal/moderation"
)

// fakeClock is a clock the test moves by hand.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fakeClock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *fakeClock) Add(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

var comment = moderation.Input{ID: "c1", Text: "Buy cheap pills", ArticleID: "a1", AuthorID: "u1"}

func newDetector(t *testing.T, url string, clock *fakeClock) *Detector {
	t.Helper()
	cfg := Config{URL: url, Token: "s3cret", Timeout: 50 * time.Millisecond}
	if clock != nil {
		cfg.Now = clock.Now
	}
	d, err := New(cfg)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return d
}

func TestNewNeedsURL(t *testing.T) {
	if _, err := New(Config{}); err != ErrNoURL {
		t.Errorf("New(Config{}) error = %v, want %v", err, ErrNoURL)
	}
}

func TestSuccess(t *testing.T) {
	var got request
	var auth, ctype string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		auth, ctype = r.Header.Get("Authorization"), r.Header.Get("Content-Type")
		if err := json.NewDecoder(r.Body).Decode(&got); err != nil {
			t.Errorf("server: decode: %v", err)
		}
		_, _ = w.Write([]byte(`{"scores": {"spam": 0.93, "insult": 0.1, "made-up": 0.99, "drugs": 1.7, "hate": -2}}`))
	}))
	defer srv.Close()
	d := newDetector(t, srv.URL, nil)

	findings := d.Detect(context.Background(), comment)
	var rules []string
	var scores []float64
	for _, f := range findings {
		rules = append(rules, f.Rule)
		scores = append(scores, f.Score)
	}
	if want := []string{"drugs", "hate", "insult", "spam"}; !reflect.DeepEqual(rules, want) {
		t.Errorf("Detect rules = %v, want %v", rules, want)
	}
	if want := []float64{1, 0, 0.1, 0.93}; !reflect.DeepEqual(scores, want) {
		t.Errorf("Detect scores = %v, want %v", scores, want)
	}
	if want := (request{ID: "c1", Text: "Buy cheap pills", ArticleID: "a1", AuthorID: "u1"}); got != want {
		t.Errorf("request body = %+v, want %+v", got, want)
	}
	if auth != "Bearer s3cret" || ctype != "application/json" {
		t.Errorf("headers = %q, %q, want bearer token and JSON", auth, ctype)
	}
	if s := d.Stats(); s != (Stats{Calls: 1, OK: 1}) {
		t.Errorf("Stats() = %+v, want one successful call", s)
	}
}

func TestFailures(t *testing.T) {
	tests := []struct {
		name     string
		handler  func(release <-chan struct{}) http.HandlerFunc
		timeouts uint64
	}{
		{"slow", func(release <-chan struct{}) http.HandlerFunc {
			return func(w http.ResponseWriter, r *http.Request) {
				select {
				case <-r.Context().Done():
				case <-release:
				}
			}
		}, 1},
		{"HTTP 500", func(<-chan struct{}) http.HandlerFunc {
			return func(w http.ResponseWriter, r *http.Request) {
				http.Error(w, `{"scores": {"spam": 1}}`, http.StatusInternalServerError)
			}
		}, 0},
		{"bad JSON", func(<-chan struct{}) http.HandlerFunc {
			return func(w http.ResponseWriter, r *http.Request) { _, _ = w.Write([]byte(`{"scores": {"spam": `)) }
		}, 0},
		{"no scores", func(<-chan struct{}) http.HandlerFunc {
			return func(w http.ResponseWriter, r *http.Request) { _, _ = w.Write([]byte(`{"result": "ok"}`)) }
		}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			release := make(chan struct{})
			srv := httptest.NewServer(tt.handler(release))
			defer srv.Close()
			defer close(release)
			d := newDetector(t, srv.URL, nil)
			if got := d.Detect(context.Background(), comment); got != nil {
				t.Errorf("Detect = %v, want no findings", got)
			}
			if s := d.Stats(); s != (Stats{Calls: 1, Failures: 1, Timeouts: tt.timeouts}) {
				t.Errorf("Stats() = %+v, want one failure, %d timeouts", s, tt.timeouts)
			}
		})
	}
}

func TestUnreachable(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	url := srv.URL
	srv.Close()
	d := newDetector(t, url, nil)
	if got := d.Detect(context.Background(), comment); got != nil {
		t.Errorf("Detect = %v, want no findings", got)
	}
	if s := d.Stats(); s.Failures != 1 {
		t.Errorf("Stats().Failures = %d, want 1", s.Failures)
	}
}

func TestBreaker(t *testing.T) {
	var mu sync.Mutex
	hits, healthy := 0, false
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		hits++
		if !healthy {
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		_, _ = w.Write([]byte(`{"scores": {"spam": 0.7}}`))
	}))
	defer srv.Close()
	clock := &fakeClock{t: time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)}
	d := newDetector(t, srv.URL, clock)
	ctx := context.Background()
	hitCount := func() int { mu.Lock(); defer mu.Unlock(); return hits }

	for range 8 {
		d.Detect(ctx, comment)
	}
	if got := hitCount(); got != 5 {
		t.Errorf("requests after 8 comments with a failing service = %d, want 5", got)
	}
	if s := d.Stats(); s.Skipped != 3 || s.Failures != 5 {
		t.Errorf("Stats() = %+v, want 5 failures and 3 skipped", s)
	}

	clock.Add(31 * time.Second) // past the pause, still failing: one try reopens
	d.Detect(ctx, comment)
	d.Detect(ctx, comment)
	if got := hitCount(); got != 6 {
		t.Errorf("requests after the pause = %d, want 6", got)
	}

	clock.Add(31 * time.Second)
	mu.Lock()
	healthy = true
	mu.Unlock()
	if got := d.Detect(ctx, comment); len(got) != 1 || got[0].Rule != "spam" {
		t.Errorf("Detect after recovery = %v, want a spam finding", got)
	}
	d.Detect(ctx, comment)
	if got := hitCount(); got != 8 {
		t.Errorf("requests after recovery = %d, want 8", got)
	}
}

func TestRulesFilter(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write([]byte(`{"scores": {"spam": 0.9, "insult": 0.8}}`))
	}))
	defer srv.Close()
	d, err := New(Config{URL: srv.URL, Rules: []string{"insult"}})
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	got := d.Detect(context.Background(), comment)
	want := []moderation.Finding{{Rule: "insult", Score: 0.8, Detail: "scored by the newsroom's model service"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Detect = %v, want %v", got, want)
	}
}

func TestLogsAtMostOncePerMinute(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusBadGateway)
	}))
	defer srv.Close()
	var buf bytes.Buffer
	clock := &fakeClock{t: time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)}
	d, err := New(Config{URL: srv.URL, Now: clock.Now, Logger: slog.New(slog.NewTextHandler(&buf, nil))})
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	for range 3 {
		d.Detect(context.Background(), comment)
	}
	if got := strings.Count(buf.String(), "\n"); got != 1 {
		t.Errorf("log lines after 3 failures in a second = %d, want 1", got)
	}
	clock.Add(61 * time.Second)
	d.Detect(context.Background(), comment)
	if got := strings.Count(buf.String(), "\n"); got != 2 {
		t.Errorf("log lines a minute later = %d, want 2", got)
	}
	if !strings.Contains(buf.String(), "suppressed=2") {
		t.Errorf("second log line does not report 2 suppressed failures: %s", buf.String())
	}
}
