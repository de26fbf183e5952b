package store_test

import (
	"fmt"
	"sync"
	"testing"
	"time"

	"tribune/internal/store"
	"tribune/internal/store/storetest"
)

func TestSpend(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := t.Context()
		exp := base.Add(10 * time.Minute)
		tests := []struct {
			id   string
			want bool
		}{
			{"a", true},
			{"a", false},
			{"b", true},
			{"a", false},
			{"b", false},
		}
		for _, tt := range tests {
			if got, err := st.Spend(ctx, tt.id, exp); err != nil || got != tt.want {
				t.Errorf("Spend(%q) = %v, %v; want %v, nil", tt.id, got, err, tt.want)
			}
		}
	})
}

// TestSpendConcurrent spends one id from many connections at once, as
// nodes racing on the same replayed challenge would: exactly one wins.
func TestSpendConcurrent(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		const n = 8
		var (
			wg    sync.WaitGroup
			mu    sync.Mutex
			wins  int
			fails []error
		)
		for range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				first, err := st.Spend(t.Context(), "raced", base.Add(time.Minute))
				mu.Lock()
				defer mu.Unlock()
				if err != nil {
					fails = append(fails, err)
				}
				if first {
					wins++
				}
			}()
		}
		wg.Wait()
		if len(fails) > 0 {
			t.Fatalf("Spend(raced) errors: %v", fails)
		}
		if wins != 1 {
			t.Errorf("Spend(raced) from %d goroutines: %d got first=true, want 1", n, wins)
		}
	})
}

func TestPruneCaptcha(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := t.Context()
		for i, exp := range []time.Time{base.Add(-time.Minute), base, base.Add(time.Second), base.Add(time.Hour)} {
			if _, err := st.Spend(ctx, fmt.Sprint("id", i), exp); err != nil {
				t.Fatalf("Spend(id%d) error: %v", i, err)
			}
		}
		n, err := st.PruneCaptcha(ctx, base)
		if err != nil || n != 2 {
			t.Fatalf("PruneCaptcha(base) = %d, %v; want 2, nil", n, err)
		}
		// Pruned ids are free again; the others are still spent.
		for i, want := range []bool{true, true, false, false} {
			if got, err := st.Spend(ctx, fmt.Sprint("id", i), base.Add(time.Hour)); err != nil || got != want {
				t.Errorf("Spend(id%d) after prune = %v, %v; want %v, nil", i, got, err, want)
			}
		}
		if n, err := st.PruneCaptcha(ctx, base.Add(-time.Hour)); err != nil || n != 0 {
			t.Errorf("PruneCaptcha(an hour before) = %d, %v; want 0, nil", n, err)
		}
	})
}
