package store_test

import (
	"errors"
	"testing"

	"tribune/internal/store"
	"tribune/internal/store/storetest"
)

func TestSettings(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := t.Context()
		if _, err := st.Setting(ctx, "site_name"); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("Setting(unset) error = %v, want ErrNotFound", err)
		}
		for _, v := range []string{"The Tribune", "The Daily Tribune", ""} {
			if err := st.SetSetting(ctx, "site_name", v); err != nil {
				t.Fatalf("SetSetting(site_name, %q) error: %v", v, err)
			}
			if got, err := st.Setting(ctx, "site_name"); err != nil || got != v {
				t.Errorf("Setting(site_name) = %q, %v; want %q, nil", got, err, v)
			}
		}
		if err := st.DeleteSetting(ctx, "site_name"); err != nil {
			t.Fatalf("DeleteSetting() error: %v", err)
		}
		if _, err := st.Setting(ctx, "site_name"); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("Setting(deleted) error = %v, want ErrNotFound", err)
		}
		if err := st.DeleteSetting(ctx, "never-set"); err != nil {
			t.Errorf("DeleteSetting(never-set) error = %v, want nil", err)
		}
	})
}

func TestContentVersionMovesOnSave(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := t.Context()
		v, err := st.ContentVersion(ctx)
		if err != nil || v != 0 {
			t.Fatalf("ContentVersion() on a fresh store = %d, %v; want 0, nil", v, err)
		}
		for _, in := range []store.ArticleInput{input("one", base), input("two", base), input("one", base)} {
			mustSave(t, st, in)
			next, err := st.ContentVersion(ctx)
			if err != nil {
				t.Fatalf("ContentVersion() error: %v", err)
			}
			if next <= v {
				t.Errorf("ContentVersion() after SaveArticle(%q) = %d, want more than %d", in.Slug, next, v)
			}
			v = next
		}
	})
}
