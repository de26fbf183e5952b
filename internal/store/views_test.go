package store_test

import (
	"maps"
	"testing"
	"time"

	"tribune/internal/store"
	"tribune/internal/store/storetest"
)

func TestAddViewsAndMostRead(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := t.Context()
		ids := mustSave(t, st,
			input("a", base.Add(-5*time.Hour)),
			input("b", base.Add(-4*time.Hour)),
			input("c", base.Add(-3*time.Hour)),
			input("never-read", base.Add(-2*time.Hour)),
			input("scheduled", base.Add(time.Hour)),
		)
		batches := []struct {
			at     time.Time
			counts map[string]int64
			want   map[string]int64
		}{
			{base.Add(-30 * time.Minute),
				map[string]int64{ids["a"]: 3, ids["b"]: 5, ids["c"]: 1, ids["scheduled"]: 50, "no-such-article": 4},
				map[string]int64{ids["a"]: 3, ids["b"]: 5, ids["c"]: 1, ids["scheduled"]: 50}},
			{base.Add(-10 * time.Minute),
				map[string]int64{ids["a"]: 4, ids["b"]: 0},
				map[string]int64{ids["a"]: 7}},
			{base.Add(-5 * time.Hour), // an old bucket, outside the last hour
				map[string]int64{ids["c"]: 100},
				map[string]int64{ids["c"]: 101}},
		}
		for i, b := range batches {
			got, err := st.AddViews(ctx, b.counts, b.at)
			if err != nil {
				t.Fatalf("AddViews(batch %d) error: %v", i, err)
			}
			if !maps.Equal(got, b.want) {
				t.Errorf("AddViews(batch %d) = %v, want %v", i, got, b.want)
			}
		}
		if a := mustArticle(t, st, "a"); a.Views != 7 {
			t.Errorf("article a Views = %d, want 7", a.Views)
		}

		tests := []struct {
			name  string
			since time.Time
			limit int
			want  []string
		}{
			{"last hour", base.Add(-time.Hour), 10, []string{"a", "b", "c"}},
			{"last hour, top two", base.Add(-time.Hour), 2, []string{"a", "b"}},
			{"last six hours", base.Add(-6 * time.Hour), 10, []string{"c", "a", "b"}},
			{"future", base.Add(time.Hour), 10, nil},
		}
		for _, tt := range tests {
			got, err := st.MostRead(ctx, base, tt.since, tt.limit)
			if err != nil {
				t.Errorf("MostRead(%s) error: %v", tt.name, err)
				continue
			}
			if !sameStrings(slugsOf(got), tt.want) {
				t.Errorf("MostRead(%s) = %q, want %q", tt.name, slugsOf(got), tt.want)
			}
		}
	})
}
