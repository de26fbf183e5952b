package demo

import (
	"context"
	"errors"
	"io/fs"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"tribune/internal/importer"
	"tribune/internal/store"
)

// fakeImporter records what Seed asks it to import and fails on request.
type fakeImporter struct {
	names  []string
	failAt int // 1-based call that fails; 0 never
}

func (f *fakeImporter) ImportFile(_ context.Context, fsys fs.FS, name string) (importer.Result, error) {
	f.names = append(f.names, name)
	if len(f.names) == f.failAt {
		return importer.Result{}, errors.New("disk full")
	}
	if _, err := fs.ReadFile(fsys, name); err != nil {
		return importer.Result{}, err
	}
	return importer.Result{Slug: name, Created: true}, nil
}

func TestSeedImportsEveryArticleOldestFirst(t *testing.T) {
	now := time.Date(2030, 6, 1, 8, 0, 0, 0, time.UTC)
	fake := &fakeImporter{}
	n, err := Seed(context.Background(), fake, now)
	if err != nil {
		t.Fatalf("Seed() error: %v", err)
	}
	files := readDemo(t, now)
	if n != len(files) || len(fake.names) != len(files) {
		t.Errorf("Seed() = %d after %d imports, want %d", n, len(fake.names), len(files))
	}
	date := map[string]time.Time{}
	for _, f := range files {
		date[f.name] = f.fm.Date
	}
	if !slices.IsSortedFunc(fake.names, func(a, b string) int { return date[a].Compare(date[b]) }) {
		t.Errorf("Seed() imported %v, want oldest first", fake.names)
	}
}

func TestSeedStopsAtFirstError(t *testing.T) {
	fake := &fakeImporter{failAt: 3}
	n, err := Seed(context.Background(), fake, anchor())
	if err == nil || n != 2 {
		t.Errorf("Seed() = %d, %v; want 2 and the import error", n, err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if n, err := Seed(ctx, &fakeImporter{}, anchor()); !errors.Is(err, context.Canceled) || n != 0 {
		t.Errorf("Seed(cancelled) = %d, %v; want 0 and context.Canceled", n, err)
	}
}

// warningImporter fails the test on any warning the real importer reports,
// so the demo stays a clean example of the format.
type warningImporter struct {
	t  *testing.T
	im *importer.Importer
}

func (w warningImporter) ImportFile(ctx context.Context, fsys fs.FS, name string) (importer.Result, error) {
	res, err := w.im.ImportFile(ctx, fsys, name)
	for _, warn := range res.Warnings {
		w.t.Errorf("%s: importer warning: %s", name, warn)
	}
	return res, err
}

func TestSeedIntoSQLite(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "t.db"))
	if err != nil {
		t.Fatalf("store.Open() error: %v", err)
	}
	defer st.Close()
	if _, err := st.Migrate(ctx); err != nil {
		t.Fatalf("Migrate() error: %v", err)
	}
	now := time.Now().UTC()
	n, err := Seed(ctx, warningImporter{t, importer.New(st)}, now)
	if err != nil {
		t.Fatalf("Seed() error: %v", err)
	}
	files := readDemo(t, now)
	if n != len(files) {
		t.Errorf("Seed() = %d, want %d", n, len(files))
	}
	published, err := st.CountArticles(ctx, store.ArticleFilter{Now: now})
	if err != nil {
		t.Fatalf("CountArticles() error: %v", err)
	}
	all, err := st.CountArticles(ctx, store.ArticleFilter{Now: now.Add(24 * time.Hour)})
	if err != nil {
		t.Fatalf("CountArticles() error: %v", err)
	}
	if published != len(files)-1 || all != len(files) {
		t.Errorf("CountArticles() = %d now and %d tomorrow, want %d and %d", published, all, len(files)-1, len(files))
	}
	for _, f := range files {
		a, err := st.ArticleBySlug(ctx, f.fm.Slug)
		if err != nil {
			t.Errorf("ArticleBySlug(%q) error: %v", f.fm.Slug, err)
			continue
		}
		if !a.HasImage() || a.Lead.Width != 1200 || a.Section.Path() != f.fm.Section || a.Author.Name != f.fm.Author {
			t.Errorf("ArticleBySlug(%q) = image %q %dpx, section %q, author %q; want a 1200px lead, %q, %q",
				f.fm.Slug, a.Lead.ImageID, a.Lead.Width, a.Section.Path(), a.Author.Name, f.fm.Section, f.fm.Author)
		}
		if !slices.Equal(a.RelatedSlugs, f.fm.Related) || len(a.Tags) != len(f.fm.Tags) {
			t.Errorf("ArticleBySlug(%q) related %v, %d tags; want %v, %d", f.fm.Slug, a.RelatedSlugs, len(a.Tags), f.fm.Related, len(f.fm.Tags))
		}
	}
}
