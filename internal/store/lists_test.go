package store_test

import (
	"slices"
	"testing"
	"time"

	"tribune/internal/store"
	"tribune/internal/store/storetest"
)

func TestArticlesListing(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := t.Context()
		mustSave(t, st,
			input("sport-1", base.Add(-25*time.Hour), inSection("Sport")),
			input("world-1", base.Add(-1*time.Hour), topStory, withTags("Elections"), byAuthor("Ann Lee")),
			input("mideast-1", base.Add(-2*time.Hour), inSection("World", "Middle East"), withTags("Elections", "Gaza"), byAuthor("Bo Chen")),
			input("business-1", base.Add(-3*time.Hour), inSection("Business"), topStory, withTags("Markets"), byAuthor("Ann Lee")),
			input("scheduled", base.Add(time.Hour), topStory, withTags("Elections"), byAuthor("Ann Lee")),
		)
		id := func(get func(string) (string, error), slug string) string {
			t.Helper()
			v, err := get(slug)
			if err != nil {
				t.Fatalf("lookup %q: %v", slug, err)
			}
			return v
		}
		section := func(slug string) (string, error) { s, err := st.SectionBySlug(ctx, slug); return s.ID, err }
		tag := func(slug string) (string, error) { s, err := st.TagBySlug(ctx, slug); return s.ID, err }
		author := func(slug string) (string, error) { s, err := st.AuthorBySlug(ctx, slug); return s.ID, err }

		tests := []struct {
			name      string
			filter    store.ArticleFilter
			want      []string
			wantCount int
		}{
			{"all, newest first", store.ArticleFilter{Now: base},
				[]string{"world-1", "mideast-1", "business-1", "sport-1"}, 4},
			{"first page", store.ArticleFilter{Now: base, Limit: 2},
				[]string{"world-1", "mideast-1"}, 4},
			{"second page", store.ArticleFilter{Now: base, Limit: 2, Offset: 2},
				[]string{"business-1", "sport-1"}, 4},
			{"offset in the middle", store.ArticleFilter{Now: base, Limit: 2, Offset: 1},
				[]string{"mideast-1", "business-1"}, 4},
			{"past the end", store.ArticleFilter{Now: base, Limit: 2, Offset: 4},
				nil, 4},
			{"parent section includes children", store.ArticleFilter{Now: base, SectionID: id(section, "world")},
				[]string{"world-1", "mideast-1"}, 2},
			{"child section", store.ArticleFilter{Now: base, SectionID: id(section, "middle-east")},
				[]string{"mideast-1"}, 1},
			{"tag", store.ArticleFilter{Now: base, TagID: id(tag, "elections")},
				[]string{"world-1", "mideast-1"}, 2},
			{"author", store.ArticleFilter{Now: base, AuthorID: id(author, "ann-lee")},
				[]string{"world-1", "business-1"}, 2},
			{"top only", store.ArticleFilter{Now: base, TopOnly: true},
				[]string{"world-1", "business-1"}, 2},
			{"since", store.ArticleFilter{Now: base, Since: base.Add(-150 * time.Minute)},
				[]string{"world-1", "mideast-1"}, 2},
			{"section and top only", store.ArticleFilter{Now: base, SectionID: id(section, "world"), TopOnly: true},
				[]string{"world-1"}, 1},
			{"scheduled shows when its time comes", store.ArticleFilter{Now: base.Add(time.Hour), Limit: 2},
				[]string{"scheduled", "world-1"}, 5},
			{"unknown tag", store.ArticleFilter{Now: base, TagID: "no-such-tag"},
				nil, 0},
		}
		for _, tt := range tests {
			got, err := st.Articles(ctx, tt.filter)
			if err != nil {
				t.Errorf("Articles(%s) error: %v", tt.name, err)
				continue
			}
			if !sameStrings(slugsOf(got), tt.want) {
				t.Errorf("Articles(%s) = %q, want %q", tt.name, slugsOf(got), tt.want)
			}
			n, err := st.CountArticles(ctx, tt.filter)
			if err != nil || n != tt.wantCount {
				t.Errorf("CountArticles(%s) = %d, %v; want %d, nil", tt.name, n, err, tt.wantCount)
			}
		}

		// Listed articles carry their tags and section path.
		got, err := st.Articles(ctx, store.ArticleFilter{Now: base, SectionID: id(section, "middle-east")})
		if err != nil || len(got) != 1 {
			t.Fatalf("Articles(middle-east) = %d articles, %v; want 1", len(got), err)
		}
		if tags, want := tagSlugs(got[0].Tags), []string{"elections", "gaza"}; !slices.Equal(tags, want) {
			t.Errorf("listed article tags = %q, want %q", tags, want)
		}
		if p := got[0].Section.Path(); p != "World > Middle East" {
			t.Errorf("listed article section = %q, want %q", p, "World > Middle East")
		}
	})
}

func TestRelatedArticles(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := t.Context()
		mideast := inSection("World", "Middle East")
		mustSave(t, st,
			input("target", base.Add(-1*time.Hour), mideast, withTags("Gaza"),
				relatedTo("pick-b", "scheduled-pick", "missing", "pick-a")),
			input("pick-a", base.Add(-10*time.Hour), inSection("Sport")),
			input("pick-b", base.Add(-20*time.Hour), inSection("Business"), withTags("Gaza")),
			input("scheduled-pick", base.Add(time.Hour), inSection("Sport")),
			input("same-tag", base.Add(-2*time.Hour), inSection("Business"), withTags("Aid", "Gaza")),
			input("same-section", base.Add(-3*time.Hour), mideast),
			input("tag-and-section", base.Add(-4*time.Hour), mideast, withTags("Gaza")),
			input("scheduled-same-tag", base.Add(2*time.Hour), inSection("Culture"), withTags("Gaza")),
			input("parent-section", base.Add(-5*time.Minute), inSection("World")),
			input("unrelated", base.Add(-6*time.Minute), inSection("Culture"), withTags("Film")),
		)
		target := mustArticle(t, st, "target")
		tests := []struct {
			slug  string
			limit int
			want  []string
		}{
			{"target", 10, []string{"pick-b", "pick-a", "same-tag", "same-section", "tag-and-section"}},
			{"target", 3, []string{"pick-b", "pick-a", "same-tag"}},
			{"target", 1, []string{"pick-b"}},
			{"same-section", 10, []string{"target", "tag-and-section"}},
			{"unrelated", 10, nil},
		}
		for _, tt := range tests {
			a := target
			if tt.slug != "target" {
				a = mustArticle(t, st, tt.slug)
			}
			got, err := st.RelatedArticles(ctx, base, a, tt.limit)
			if err != nil {
				t.Errorf("RelatedArticles(%q, %d) error: %v", tt.slug, tt.limit, err)
				continue
			}
			if !sameStrings(slugsOf(got), tt.want) {
				t.Errorf("RelatedArticles(%q, %d) = %q, want %q", tt.slug, tt.limit, slugsOf(got), tt.want)
			}
		}
	})
}
