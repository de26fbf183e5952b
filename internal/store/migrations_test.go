package store_test

import (
	"path"
	"testing"

	"tribune/internal/store"
	"tribune/internal/store/storetest"
)

func TestMigrateFromZero(t *testing.T) {
	storetest.EachEmpty(t, func(t *testing.T, st *store.Store) {
		ctx := t.Context()
		applied, err := st.Migrate(ctx)
		if err != nil {
			t.Fatalf("Migrate() on an empty database error: %v", err)
		}
		if want := store.SchemaVersion(); applied != want {
			t.Errorf("Migrate() on an empty database applied %d steps, want %d", applied, want)
		}
		again, err := st.Migrate(ctx)
		if err != nil {
			t.Fatalf("second Migrate() error: %v", err)
		}
		if again != 0 {
			t.Errorf("second Migrate() applied %d steps, want 0", again)
		}
		v, err := st.Version(ctx)
		if err != nil {
			t.Fatalf("Version() error: %v", err)
		}
		if want := store.SchemaVersion(); v != want {
			t.Errorf("Version() = %d, want %d", v, want)
		}
		// The migrated schema is usable.
		if _, _, err := st.SaveArticle(ctx, input("first", base)); err != nil {
			t.Errorf("SaveArticle() after Migrate() error: %v", err)
		}
	})
}

func TestHarnessStoresAreMigrated(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		if got, want := st.Dialect().String(), path.Base(t.Name()); got != want {
			t.Errorf("Dialect() = %q, want %q", got, want)
		}
		v, err := st.Version(t.Context())
		if err != nil {
			t.Fatalf("Version() error: %v", err)
		}
		if want := store.SchemaVersion(); v != want {
			t.Errorf("Version() = %d, want %d", v, want)
		}
		n, err := st.CountArticles(t.Context(), store.ArticleFilter{Now: base})
		if err != nil {
			t.Fatalf("CountArticles() error: %v", err)
		}
		if n != 0 {
			t.Errorf("CountArticles() on a fresh store = %d, want 0", n)
		}
	})
}
