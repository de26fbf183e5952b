package jobs_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"tribune/internal/jobs"
	"tribune/internal/store"
	"tribune/internal/store/storetest"
)

func TestRunDueRunsDueJobsOfKnownKinds(t *testing.T) {
	st := storetest.SQLite(t)
	r, clk := newRunner(t, st, jobs.Options{})
	var got []string
	r.Handle("note", func(_ context.Context, payload string) error {
		got = append(got, payload)
		return nil
	})
	second := enqueue(t, st, store.Job{Kind: "note", Payload: "second", RunAt: start.Add(-time.Second)})
	enqueue(t, st, store.Job{Kind: "note", Payload: "first", RunAt: start.Add(-2 * time.Second)})
	enqueue(t, st, store.Job{Kind: "note", Payload: "later", RunAt: start.Add(time.Hour)})
	other := enqueue(t, st, store.Job{Kind: "other", Payload: "not ours"})

	runDue(t, r, 2)
	if want := []string{"first", "second"}; !slices.Equal(got, want) {
		t.Errorf("handled %q, want %q", got, want)
	}
	if row := jobRow(t, st, second); !row.Done || row.Attempts != 1 {
		t.Errorf("job after RunDue = %+v, want done after 1 attempt", row)
	}
	runDue(t, r, 0)
	clk.Advance(time.Hour)
	runDue(t, r, 1)
	if want := []string{"first", "second", "later"}; !slices.Equal(got, want) {
		t.Errorf("handled %q, want %q", got, want)
	}
	// A kind without a handler here is left for a node that has one.
	if row := jobRow(t, st, other); row.Attempts != 0 || row.Done || row.Failed {
		t.Errorf("job of an unhandled kind = %+v, want untouched", row)
	}
}

func TestRunDueRetriesWithBackoff(t *testing.T) {
	st := storetest.SQLite(t)
	r, clk := newRunner(t, st, jobs.Options{})
	calls := 0
	r.Handle("mail", func(context.Context, string) error {
		calls++
		if calls < 3 {
			return fmt.Errorf("smtp: connection refused (call %d)", calls)
		}
		return nil
	})
	id := enqueue(t, st, store.Job{Kind: "mail"})
	for _, tc := range []struct{ min, max time.Duration }{
		{5 * time.Second, 10 * time.Second},
		{10 * time.Second, 20 * time.Second},
	} {
		now := clk.Now()
		runDue(t, r, 1)
		row := jobRow(t, st, id)
		if row.Done || row.Failed || row.Attempts != calls || !strings.Contains(row.LastError, "connection refused") {
			t.Errorf("job after failure %d = %+v, want pending with the error", calls, row)
		}
		if wait := row.RunAt.Sub(now); wait < tc.min || wait > tc.max {
			t.Errorf("retry after failure %d in %v, want between %v and %v", calls, wait, tc.min, tc.max)
		}
		runDue(t, r, 0) // not due again yet
		clk.Advance(tc.max)
	}
	runDue(t, r, 1)
	if row := jobRow(t, st, id); !row.Done || row.Attempts != 3 {
		t.Errorf("job after the third call = %+v, want done after 3 attempts", row)
	}
}

func TestRunDueStopsAtMaxAttempts(t *testing.T) {
	st := storetest.SQLite(t)
	r, clk := newRunner(t, st, jobs.Options{})
	calls := 0
	r.Handle("mail", func(context.Context, string) error { calls++; return errors.New("down") })
	id := enqueue(t, st, store.Job{Kind: "mail", MaxAttempts: 3})
	for range 5 {
		r.RunDue(t.Context())
		clk.Advance(2 * time.Hour)
	}
	if row := jobRow(t, st, id); calls != 3 || !row.Failed || row.Attempts != 3 {
		t.Errorf("after 5 rounds: %d calls, job %+v; want 3 calls and failed after 3 attempts", calls, row)
	}
}

func TestRunDuePermanentError(t *testing.T) {
	st := storetest.SQLite(t)
	r, clk := newRunner(t, st, jobs.Options{})
	calls := 0
	r.Handle("purge", func(context.Context, string) error {
		calls++
		return fmt.Errorf("payload %q is no user id: %w", "x", jobs.ErrPermanent)
	})
	id := enqueue(t, st, store.Job{Kind: "purge", UniqueKey: "purge-user:x", Payload: "x"})
	runDue(t, r, 1)
	clk.Advance(24 * time.Hour)
	runDue(t, r, 0)
	row := jobRow(t, st, id)
	if calls != 1 || !row.Failed || !strings.Contains(row.LastError, "no user id") {
		t.Errorf("after a permanent error: %d calls, job %+v; want 1 call and failed with the error", calls, row)
	}
}

func TestRunDueRecoversPanics(t *testing.T) {
	st := storetest.SQLite(t)
	r, clk := newRunner(t, st, jobs.Options{})
	calls := 0
	r.Handle("flaky", func(context.Context, string) error {
		calls++
		if calls == 1 {
			var m map[string]int
			m["boom"]++ // a nil map write panics
		}
		return nil
	})
	id := enqueue(t, st, store.Job{Kind: "flaky"})
	runDue(t, r, 1)
	if row := jobRow(t, st, id); row.Done || row.Failed || !strings.Contains(row.LastError, "panic") {
		t.Errorf("job after a panic = %+v, want pending with a panic error", row)
	}
	clk.Advance(time.Hour)
	runDue(t, r, 1)
	if row := jobRow(t, st, id); !row.Done {
		t.Errorf("job after the retry = %+v, want done", row)
	}
}

// A job whose worker died is run again once its lease has expired.
func TestRunDueReclaimsExpiredLease(t *testing.T) {
	st := storetest.SQLite(t)
	r, clk := newRunner(t, st, jobs.Options{Lease: time.Minute})
	r.Handle("mail", func(context.Context, string) error { return nil })
	id := enqueue(t, st, store.Job{Kind: "mail"})
	if _, err := st.ClaimJob(t.Context(), "dead-node/0", start, start.Add(5*time.Minute)); err != nil {
		t.Fatal(err)
	}
	runDue(t, r, 0)
	clk.Advance(5*time.Minute + time.Millisecond)
	runDue(t, r, 1)
	if row := jobRow(t, st, id); !row.Done || row.Attempts != 2 {
		t.Errorf("job after reclaim = %+v, want done after 2 attempts", row)
	}
}

// fakeStore hands out fixed jobs and records what the runner does with them.
type fakeStore struct {
	mu       sync.Mutex
	queue    []store.Job
	claimErr error
	kinds    [][]string
	done     []string
	failures []failure
}

type failure struct {
	ID, Msg string
	RetryAt time.Time
}

func (f *fakeStore) ClaimJob(_ context.Context, by string, now, lease time.Time, kinds ...string) (store.Job, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.kinds = append(f.kinds, kinds)
	if f.claimErr != nil {
		return store.Job{}, f.claimErr
	}
	if len(f.queue) == 0 {
		return store.Job{}, fmt.Errorf("fake: %w", store.ErrNotFound)
	}
	j := f.queue[0]
	f.queue = f.queue[1:]
	return j, nil
}

func (f *fakeStore) CompleteJob(_ context.Context, id, by string, now time.Time) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.done = append(f.done, id)
	return nil
}

func (f *fakeStore) FailJob(_ context.Context, id, by, msg string, now, retryAt time.Time) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.failures = append(f.failures, failure{id, msg, retryAt})
	return nil
}

func TestRunDueFailsUnknownKindPermanently(t *testing.T) {
	f := &fakeStore{queue: []store.Job{{ID: "j1", Kind: "mystery", Attempts: 1, MaxAttempts: 10}}}
	r, _ := newRunner(t, f, jobs.Options{})
	r.Handle("mail", func(context.Context, string) error { return nil })
	r.Handle("purge", func(context.Context, string) error { return nil })
	runDue(t, r, 1)
	if len(f.failures) != 1 || !f.failures[0].RetryAt.IsZero() || !strings.Contains(f.failures[0].Msg, `"mystery"`) {
		t.Errorf("failures = %+v, want one permanent failure naming the kind", f.failures)
	}
	if want := []string{"mail", "purge"}; len(f.kinds) == 0 || !slices.Equal(f.kinds[0], want) {
		t.Errorf("claimed kinds = %q, want %q first", f.kinds, want)
	}
}

func TestRunDueReportsStoreErrors(t *testing.T) {
	f := &fakeStore{claimErr: errors.New("database is down")}
	r, _ := newRunner(t, f, jobs.Options{})
	r.Handle("mail", func(context.Context, string) error { return nil })
	if n, err := r.RunDue(t.Context()); n != 0 || err == nil || !strings.Contains(err.Error(), "database is down") {
		t.Errorf("RunDue() = %d, %v; want 0 and the store's error", n, err)
	}
}

func TestRunDueWithoutHandlersClaimsNothing(t *testing.T) {
	f := &fakeStore{queue: []store.Job{{ID: "j1", Kind: "mail"}}}
	r, _ := newRunner(t, f, jobs.Options{})
	runDue(t, r, 0)
	if len(f.kinds) != 0 {
		t.Errorf("ClaimJob called %d times, want never (it would claim every kind)", len(f.kinds))
	}
}
