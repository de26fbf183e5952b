package store_test

import (
	"slices"
	"testing"
	"time"

	"tribune/internal/news"
	"tribune/internal/store"
)

// base is the fixed "now" of the store tests; stored times keep milliseconds,
// so every time here is a whole second.
var base = time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)

// input returns a valid article input published at pub; mods adjust it.
func input(slug string, pub time.Time, mods ...func(*store.ArticleInput)) store.ArticleInput {
	in := store.ArticleInput{
		Slug:        slug,
		Headline:    "Headline of " + slug,
		Summary:     "Summary of " + slug,
		Body:        "Body of " + slug,
		SectionPath: []string{"World"},
		PublishedAt: pub,
	}
	for _, m := range mods {
		m(&in)
	}
	return in
}

func inSection(path ...string) func(*store.ArticleInput) {
	return func(in *store.ArticleInput) { in.SectionPath = path }
}

func withTags(tags ...string) func(*store.ArticleInput) {
	return func(in *store.ArticleInput) { in.Tags = tags }
}

func byAuthor(name string) func(*store.ArticleInput) {
	return func(in *store.ArticleInput) { in.AuthorName = name }
}

func relatedTo(slugs ...string) func(*store.ArticleInput) {
	return func(in *store.ArticleInput) { in.Related = slugs }
}

func topStory(in *store.ArticleInput) { in.TopStory = true }

// mustSave saves the inputs in order and returns their ids by slug.
func mustSave(t *testing.T, st *store.Store, ins ...store.ArticleInput) map[string]string {
	t.Helper()
	ids := make(map[string]string, len(ins))
	for _, in := range ins {
		id, _, err := st.SaveArticle(t.Context(), in)
		if err != nil {
			t.Fatalf("SaveArticle(%q) error: %v", in.Slug, err)
		}
		ids[in.Slug] = id
	}
	return ids
}

func mustArticle(t *testing.T, st *store.Store, slug string) news.Article {
	t.Helper()
	a, err := st.ArticleBySlug(t.Context(), slug)
	if err != nil {
		t.Fatalf("ArticleBySlug(%q) error: %v", slug, err)
	}
	return a
}

func slugsOf(as []news.Article) []string {
	out := []string{}
	for _, a := range as {
		out = append(out, a.Slug)
	}
	return out
}

func tagSlugs(tags []news.Tag) []string {
	out := []string{}
	for _, tg := range tags {
		out = append(out, tg.Slug)
	}
	return out
}

func sameStrings(a, b []string) bool {
	return slices.Equal(a, b) || len(a) == 0 && len(b) == 0
}
