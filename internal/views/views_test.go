package views

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"sync"
	"testing"
	"time"
)

type fakeStore struct {
	mu     sync.Mutex
	totals map[string]int64
	fail   bool
	calls  int
}

func (f *fakeStore) AddViews(_ context.Context, counts map[string]int64, _ time.Time) (map[string]int64, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls++
	if f.fail {
		return nil, errors.New("database down")
	}
	out := map[string]int64{}
	for id, n := range counts {
		f.totals[id] += n
		out[id] = f.totals[id]
	}
	return out, nil
}

func TestCounter(t *testing.T) {
	st := &fakeStore{totals: map[string]int64{"a": 100}}
	c := New(st, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if got := c.Total("a", 100); got != 100 {
		t.Errorf("Total before hits = %d, want 100", got)
	}
	var wg sync.WaitGroup
	for range 50 {
		wg.Go(func() { c.Hit("a") })
	}
	wg.Wait()
	if got := c.Total("a", 100); got != 150 {
		t.Errorf("Total after 50 hits = %d, want 150", got)
	}
	st.fail = true
	if err := c.Flush(t.Context()); err == nil {
		t.Fatal("Flush with a failing store returned nil")
	}
	if got := c.Total("a", 100); got != 150 {
		t.Errorf("Total after failed flush = %d, want 150 (no views lost)", got)
	}
	st.fail = false
	if err := c.Flush(t.Context()); err != nil {
		t.Fatal(err)
	}
	if st.totals["a"] != 150 {
		t.Errorf("stored total = %d, want 150", st.totals["a"])
	}
	// A page rendered before the flush still shows the new total.
	if got := c.Total("a", 100); got != 150 {
		t.Errorf("Total with a stale stored figure = %d, want 150", got)
	}
	calls := st.calls
	if err := c.Flush(t.Context()); err != nil || st.calls != calls {
		t.Errorf("Flush with nothing pending wrote to the store (%d calls, err %v)", st.calls-calls, err)
	}
}

func TestRunFlushesOnShutdown(t *testing.T) {
	st := &fakeStore{totals: map[string]int64{}}
	c := New(st, slog.New(slog.NewTextHandler(io.Discard, nil)))
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan struct{})
	go func() { c.Run(ctx, time.Hour); close(done) }()
	c.Hit("b")
	cancel()
	<-done
	if st.totals["b"] != 1 {
		t.Errorf("views written at shutdown = %d, want 1", st.totals["b"])
	}
}

func TestIsBot(t *testing.T) {
	tests := []struct {
		ua   string
		want bool
	}{
		{"Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)", true},
		{"facebookexternalhit/1.1", true},
		{"Mozilla/5.0 (compatible; bingbot/2.0)", true},
		{"Slackbot-LinkExpanding 1.0", true},
		{"", true},
		{"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/120 Safari/537.36", false},
		{"Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Mobile/15E148", false},
	}
	for _, tt := range tests {
		if got := IsBot(tt.ua); got != tt.want {
			t.Errorf("IsBot(%q) = %v, want %v", tt.ua, got, tt.want)
		}
	}
}
