package memo

import (
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func TestLoad(t *testing.T) {
	c := New(time.Second, 10)
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	var calls atomic.Int32
	release := make(chan struct{})
	started := make(chan struct{}, 1)
	fn := func() ([]byte, bool) {
		calls.Add(1)
		select {
		case started <- struct{}{}:
		default:
		}
		<-release
		return []byte("v"), true
	}
	var wg sync.WaitGroup
	for range 20 {
		wg.Go(func() {
			if got := string(c.Load("k", now, fn)); got != "v" {
				t.Errorf("Load = %q", got)
			}
		})
	}
	// One caller computes; the others wait for it or find its result.
	<-started
	close(release)
	wg.Wait()
	if calls.Load() != 1 {
		t.Errorf("fn ran %d times for concurrent misses, want 1", calls.Load())
	}
	c.Load("k", now.Add(500*time.Millisecond), fn)
	if calls.Load() != 1 {
		t.Error("fn ran again within the TTL")
	}
	c.Load("k", now.Add(2*time.Second), fn)
	if calls.Load() != 2 {
		t.Error("fn did not run after the TTL")
	}
	c.Load("bad", now, func() ([]byte, bool) { return []byte("error"), false })
	if got := string(c.Load("bad", now, func() ([]byte, bool) { return []byte("ok"), true })); got != "ok" {
		t.Errorf("a result marked not to keep was kept: %q", got)
	}
}
