package store_test

import (
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"tribune/internal/store"
	"tribune/internal/store/storetest"
)

func mustEnqueue(t *testing.T, st *store.Store, j store.Job) string {
	t.Helper()
	if j.CreatedAt.IsZero() {
		j.CreatedAt = base
	}
	id, err := st.EnqueueJob(t.Context(), j)
	if err != nil {
		t.Fatalf("EnqueueJob(%q, %q) error: %v", j.Kind, j.UniqueKey, err)
	}
	return id
}

func mustClaim(t *testing.T, st *store.Store, by string, now time.Time, kinds ...string) store.Job {
	t.Helper()
	j, err := st.ClaimJob(t.Context(), by, now, now.Add(time.Minute), kinds...)
	if err != nil {
		t.Fatalf("ClaimJob(%q, %v, %q) error: %v", by, now, kinds, err)
	}
	return j
}

func wantNoClaim(t *testing.T, st *store.Store, now time.Time, kinds ...string) {
	t.Helper()
	j, err := st.ClaimJob(t.Context(), "idle", now, now.Add(time.Minute), kinds...)
	if !errors.Is(err, store.ErrNotFound) {
		t.Errorf("ClaimJob(%v, %q) = %q, %v; want ErrNotFound", now, kinds, j.ID, err)
	}
}

// jobState reads the columns Job leaves out, for checking the end states.
func jobState(t *testing.T, st *store.Store, id string) (doneAt, failedAt int64, key *string) {
	t.Helper()
	err := st.DB().QueryRowContext(t.Context(), `SELECT done_at, failed_at, unique_key FROM jobs WHERE id = $1`, id).
		Scan(&doneAt, &failedAt, &key)
	if err != nil {
		t.Fatalf("read job %s: %v", id, err)
	}
	return doneAt, failedAt, key
}

func TestEnqueueJobDefaults(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		id := mustEnqueue(t, st, store.Job{Kind: "email", Payload: `{"to":"a@example.org"}`})
		got := mustClaim(t, st, "w1", base)
		want := store.Job{ID: id, Kind: "email", Payload: `{"to":"a@example.org"}`, RunAt: base,
			Attempts: 1, MaxAttempts: 10, CreatedAt: base}
		if got != want {
			t.Errorf("ClaimJob() = %+v, want %+v", got, want)
		}
		if _, err := st.EnqueueJob(t.Context(), store.Job{}); err == nil {
			t.Errorf("EnqueueJob(no kind) error = nil, want an error")
		}
	})
}

func TestEnqueueJobUniqueKey(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := t.Context()
		first := mustEnqueue(t, st, store.Job{Kind: "purge", UniqueKey: "purge-user:1", RunAt: base.Add(time.Hour)})
		again := mustEnqueue(t, st, store.Job{Kind: "purge", UniqueKey: "purge-user:1", RunAt: base})
		if again != first {
			t.Errorf("EnqueueJob(same key) = %q, want the pending job %q", again, first)
		}
		got, err := st.JobByUniqueKey(ctx, "purge-user:1")
		if err != nil || got.ID != first || !got.RunAt.Equal(base.Add(time.Hour)) {
			t.Errorf("JobByUniqueKey() = %+v, %v; want job %q at %v (the first schedule kept)", got, err, first, base.Add(time.Hour))
		}
		other := mustEnqueue(t, st, store.Job{Kind: "purge", UniqueKey: "purge-user:2"})
		if other == first {
			t.Errorf("EnqueueJob(another key) = %q, want a new job", other)
		}
		a, b := mustEnqueue(t, st, store.Job{Kind: "email"}), mustEnqueue(t, st, store.Job{Kind: "email"})
		if a == b {
			t.Errorf("EnqueueJob(no key) twice = %q, %q; want two jobs", a, b)
		}

		// Completing frees the key for a later schedule.
		j := mustClaim(t, st, "w1", base.Add(time.Hour), "purge")
		if j.ID != first && j.ID != other {
			t.Fatalf("ClaimJob(purge) = %q, want %q or %q", j.ID, first, other)
		}
		if err := st.CompleteJob(ctx, j.ID, "w1", base.Add(time.Hour)); err != nil {
			t.Fatalf("CompleteJob() error: %v", err)
		}
		if _, err := st.JobByUniqueKey(ctx, j.UniqueKey); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("JobByUniqueKey(%q) after completion error = %v, want ErrNotFound", j.UniqueKey, err)
		}
		next := mustEnqueue(t, st, store.Job{Kind: "purge", UniqueKey: j.UniqueKey})
		if next == j.ID {
			t.Errorf("EnqueueJob(%q) after completion = the finished job, want a new one", j.UniqueKey)
		}

		// So does failing for good.
		k := mustClaim(t, st, "w1", base.Add(time.Hour), "purge")
		if err := st.FailJob(ctx, k.ID, "w1", "broken", base.Add(time.Hour), time.Time{}); err != nil {
			t.Fatalf("FailJob(permanent) error: %v", err)
		}
		if id := mustEnqueue(t, st, store.Job{Kind: "purge", UniqueKey: k.UniqueKey}); id == k.ID {
			t.Errorf("EnqueueJob(%q) after final failure = the failed job, want a new one", k.UniqueKey)
		}
	})
}

func TestClaimJobOrderAndKinds(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		late := mustEnqueue(t, st, store.Job{Kind: "email", RunAt: base.Add(2 * time.Second)})
		early := mustEnqueue(t, st, store.Job{Kind: "email", RunAt: base.Add(time.Second)})
		purge := mustEnqueue(t, st, store.Job{Kind: "purge", RunAt: base})
		future := mustEnqueue(t, st, store.Job{Kind: "email", RunAt: base.Add(time.Hour)})

		wantNoClaim(t, st, base.Add(-time.Second))
		wantNoClaim(t, st, base.Add(time.Minute), "unknown")
		now := base.Add(time.Minute)
		for _, tc := range []struct {
			kinds []string
			want  string
		}{
			{[]string{"email"}, early},
			{nil, purge},
			{[]string{"email", "purge"}, late},
		} {
			got := mustClaim(t, st, "w1", now, tc.kinds...)
			if got.ID != tc.want {
				t.Errorf("ClaimJob(%q) = %q, want %q", tc.kinds, got.ID, tc.want)
			}
			if err := st.CompleteJob(t.Context(), got.ID, "w1", now); err != nil {
				t.Fatal(err)
			}
		}
		wantNoClaim(t, st, now)
		if got := mustClaim(t, st, "w1", base.Add(time.Hour)); got.ID != future {
			t.Errorf("ClaimJob(at run_at) = %q, want %q", got.ID, future)
		}
	})
}

func TestClaimJobLeaseExpiry(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := t.Context()
		id := mustEnqueue(t, st, store.Job{Kind: "email"})
		if _, err := st.ClaimJob(ctx, "dead", base, base.Add(time.Minute)); err != nil {
			t.Fatalf("ClaimJob(dead) error: %v", err)
		}
		wantNoClaim(t, st, base.Add(30*time.Second))
		wantNoClaim(t, st, base.Add(time.Minute))
		got := mustClaim(t, st, "alive", base.Add(time.Minute+time.Millisecond))
		if got.ID != id || got.Attempts != 2 {
			t.Errorf("ClaimJob(after lease) = %q with %d attempts, want %q with 2", got.ID, got.Attempts, id)
		}
		if err := st.CompleteJob(ctx, id, "dead", base.Add(2*time.Minute)); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("CompleteJob(by the lost worker) error = %v, want ErrNotFound", err)
		}
		if err := st.FailJob(ctx, id, "dead", "late", base, base); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("FailJob(by the lost worker) error = %v, want ErrNotFound", err)
		}
		if err := st.CompleteJob(ctx, id, "alive", base.Add(2*time.Minute)); err != nil {
			t.Errorf("CompleteJob(by the holder) error = %v", err)
		}
		if err := st.CompleteJob(ctx, id, "alive", base.Add(2*time.Minute)); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("CompleteJob(twice) error = %v, want ErrNotFound", err)
		}
		wantNoClaim(t, st, base.Add(time.Hour))
		if done, _, _ := jobState(t, st, id); done != base.Add(2*time.Minute).UnixMilli() {
			t.Errorf("done_at = %d, want %d", done, base.Add(2*time.Minute).UnixMilli())
		}
	})
}

func TestFailJobRetriesUntilMaxAttempts(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := t.Context()
		id := mustEnqueue(t, st, store.Job{Kind: "email", UniqueKey: "mail:1", MaxAttempts: 3})
		now := base
		for attempt := 1; attempt <= 3; attempt++ {
			j := mustClaim(t, st, "w1", now)
			if j.ID != id || j.Attempts != attempt {
				t.Fatalf("ClaimJob() = %q with %d attempts, want %q with %d", j.ID, j.Attempts, id, attempt)
			}
			retry := now.Add(10 * time.Second)
			msg := fmt.Sprintf("smtp down %d", attempt)
			if err := st.FailJob(ctx, id, "w1", msg, now, retry); err != nil {
				t.Fatalf("FailJob(attempt %d) error: %v", attempt, err)
			}
			if attempt == 3 {
				break
			}
			got, err := st.JobByUniqueKey(ctx, "mail:1")
			if err != nil || !got.RunAt.Equal(retry) || got.LastError != msg || got.Attempts != attempt {
				t.Errorf("JobByUniqueKey() after failure %d = %+v, %v; want run at %v, error %q, %d attempts",
					attempt, got, err, retry, msg, attempt)
			}
			wantNoClaim(t, st, retry.Add(-time.Millisecond))
			now = retry
		}
		wantNoClaim(t, st, now.Add(24*time.Hour))
		if _, err := st.JobByUniqueKey(ctx, "mail:1"); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("JobByUniqueKey() after the last attempt error = %v, want ErrNotFound", err)
		}
		done, failed, key := jobState(t, st, id)
		if done != 0 || failed != now.UnixMilli() || key != nil {
			t.Errorf("job after the last attempt: done_at %d, failed_at %d, unique_key %v; want 0, %d, NULL", done, failed, key, now.UnixMilli())
		}
	})
}

func TestFailJobPermanent(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		id := mustEnqueue(t, st, store.Job{Kind: "email"})
		mustClaim(t, st, "w1", base)
		if err := st.FailJob(t.Context(), id, "w1", "bad address\x00\xff", base, time.Time{}); err != nil {
			t.Fatalf("FailJob(permanent) error: %v", err)
		}
		wantNoClaim(t, st, base.Add(24*time.Hour))
		if _, failed, _ := jobState(t, st, id); failed != base.UnixMilli() {
			t.Errorf("failed_at = %d, want %d", failed, base.UnixMilli())
		}
	})
}

// A job whose last attempt died with its worker is failed for good by the
// next claimer rather than left running forever.
func TestClaimJobFailsAbandonedLastAttempt(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		id := mustEnqueue(t, st, store.Job{Kind: "email", UniqueKey: "mail:2", MaxAttempts: 1})
		mustClaim(t, st, "dead", base)
		wantNoClaim(t, st, base.Add(time.Hour))
		_, failed, key := jobState(t, st, id)
		if failed != base.Add(time.Hour).UnixMilli() || key != nil {
			t.Errorf("abandoned job: failed_at %d, unique_key %v; want %d, NULL", failed, key, base.Add(time.Hour).UnixMilli())
		}
		var msg string
		if err := st.DB().QueryRowContext(t.Context(), `SELECT last_error FROM jobs WHERE id = $1`, id).Scan(&msg); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(msg, "lease") || !strings.Contains(msg, "dead") {
			t.Errorf("last_error = %q, want it to name the expired lease and worker dead", msg)
		}
	})
}

func TestCancelJob(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := t.Context()
		mustEnqueue(t, st, store.Job{Kind: "purge", UniqueKey: "purge-user:1", RunAt: base.Add(time.Hour)})
		for i, want := range []bool{true, false} {
			if got, err := st.CancelJob(ctx, "purge-user:1"); err != nil || got != want {
				t.Errorf("CancelJob() call %d = %v, %v; want %v, nil", i+1, got, err, want)
			}
		}
		wantNoClaim(t, st, base.Add(2*time.Hour))
		done := mustEnqueue(t, st, store.Job{Kind: "purge", UniqueKey: "purge-user:2"})
		mustClaim(t, st, "w1", base)
		if err := st.CompleteJob(ctx, done, "w1", base); err != nil {
			t.Fatal(err)
		}
		if got, err := st.CancelJob(ctx, "purge-user:2"); err != nil || got {
			t.Errorf("CancelJob(completed) = %v, %v; want false, nil", got, err)
		}
	})
}

func TestPruneJobs(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := t.Context()
		done := mustEnqueue(t, st, store.Job{Kind: "a"})
		mustClaim(t, st, "w1", base)
		if err := st.CompleteJob(ctx, done, "w1", base); err != nil {
			t.Fatal(err)
		}
		failed := mustEnqueue(t, st, store.Job{Kind: "a"})
		mustClaim(t, st, "w1", base)
		if err := st.FailJob(ctx, failed, "w1", "no", base.Add(time.Hour), time.Time{}); err != nil {
			t.Fatal(err)
		}
		pending := mustEnqueue(t, st, store.Job{Kind: "a", RunAt: base.Add(48 * time.Hour)})
		for _, tc := range []struct {
			before time.Time
			want   int
		}{
			{base, 0},
			{base.Add(30 * time.Minute), 1},
			{base.Add(24 * time.Hour), 1},
			{base.Add(24 * time.Hour), 0},
		} {
			if got, err := st.PruneJobs(ctx, tc.before); err != nil || got != tc.want {
				t.Errorf("PruneJobs(%v) = %d, %v; want %d, nil", tc.before, got, err, tc.want)
			}
		}
		if got := mustClaim(t, st, "w1", base.Add(48*time.Hour)); got.ID != pending {
			t.Errorf("ClaimJob() after pruning = %q, want the pending %q", got.ID, pending)
		}
	})
}

// TestClaimJobConcurrent lets several claimers race for the same jobs, first
// fresh and then after their first worker's lease expired: each job must go
// to exactly one of them each time.
func TestClaimJobConcurrent(t *testing.T) {
	const jobs, claimers = 40, 8
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ids := map[string]bool{}
		for i := range jobs {
			ids[mustEnqueue(t, st, store.Job{Kind: "k", Payload: fmt.Sprint(i)})] = true
		}
		for _, round := range []struct {
			name     string
			now      time.Time
			complete bool
		}{
			{"fresh", base, false},                            // leases held until base+1m, never completed
			{"after lease expiry", base.Add(time.Hour), true}, // every job is reclaimed
		} {
			got := claimAll(t, st, claimers, round.now, round.complete)
			if len(got) != jobs {
				t.Errorf("%s: %d jobs claimed, want %d", round.name, len(got), jobs)
			}
			for id, n := range got {
				if n != 1 || !ids[id] {
					t.Errorf("%s: job %q claimed %d times, want once", round.name, id, n)
				}
			}
		}
		wantNoClaim(t, st, base.Add(24*time.Hour))
	})
}

// claimAll runs n claimers at now until none finds a job and counts the
// claims per job id.
func claimAll(t *testing.T, st *store.Store, n int, now time.Time, complete bool) map[string]int {
	t.Helper()
	var (
		mu   sync.Mutex
		got  = map[string]int{}
		wg   sync.WaitGroup
		errs = make(chan error, n)
		gate = make(chan struct{})
	)
	for w := range n {
		by := fmt.Sprintf("node%d@%d", w, now.Unix())
		wg.Go(func() {
			<-gate
			for {
				j, err := st.ClaimJob(t.Context(), by, now, now.Add(time.Minute))
				if errors.Is(err, store.ErrNotFound) {
					return
				}
				if err != nil {
					errs <- err
					return
				}
				mu.Lock()
				got[j.ID]++
				mu.Unlock()
				if complete {
					if err := st.CompleteJob(t.Context(), j.ID, by, now); err != nil {
						errs <- err
						return
					}
				}
			}
		})
	}
	close(gate)
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Errorf("claimer error: %v", err)
	}
	return got
}
