package store_test

import (
	"errors"
	"slices"
	"testing"
	"time"

	"tribune/internal/store"
	"tribune/internal/store/storetest"
)

func TestSaveArticleCreateThenUpdate(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := t.Context()
		img, err := st.SaveImage(ctx, []byte("lead photo"), "image/jpeg", 1200, 800)
		if err != nil {
			t.Fatalf("SaveImage() error: %v", err)
		}
		in := store.ArticleInput{
			Slug:        "ceasefire-talks",
			Headline:    "Ceasefire talks resume",
			Summary:     "Negotiators meet again.",
			Body:        "Talks *resumed* today.",
			TopStory:    true,
			SectionPath: []string{"World", "Middle East"},
			AuthorName:  "Ann Lee",
			Tags:        []string{"Diplomacy", "Gaza", "diplomacy"},
			LeadImageID: img.ID,
			LeadCaption: "The venue",
			LeadCredit:  "Photo: Agency",
			Related:     []string{"earlier-talks", "map-of-region"},
			PublishedAt: base,
			UpdatedAt:   base.Add(time.Hour),
		}
		id, created, err := st.SaveArticle(ctx, in)
		if err != nil {
			t.Fatalf("SaveArticle(new) error: %v", err)
		}
		if !created || id == "" {
			t.Fatalf("SaveArticle(new) = %q, created %v; want an id, created true", id, created)
		}

		a := mustArticle(t, st, in.Slug)
		checks := []struct {
			name      string
			got, want any
		}{
			{"ID", a.ID, id},
			{"Headline", a.Headline, in.Headline},
			{"Summary", a.Summary, in.Summary},
			{"Body", a.Body, in.Body},
			{"Language", a.Language, "en"},
			{"TopStory", a.TopStory, true},
			{"Section.Path()", a.Section.Path(), "World > Middle East"},
			{"Section.Slug", a.Section.Slug, "middle-east"},
			{"Author.Slug", a.Author.Slug, "ann-lee"},
			{"Author.Name", a.Author.Name, "Ann Lee"},
			{"Lead.ImageID", a.Lead.ImageID, img.ID},
			{"Lead.Width", a.Lead.Width, 1200},
			{"Lead.Height", a.Lead.Height, 800},
			{"Lead.Caption", a.Lead.Caption, "The venue"},
			{"Lead.Credit", a.Lead.Credit, "Photo: Agency"},
			{"PublishedAt", a.PublishedAt, base},
			{"UpdatedAt", a.UpdatedAt, base.Add(time.Hour)},
		}
		for _, c := range checks {
			if c.got != c.want {
				t.Errorf("new article %s = %v, want %v", c.name, c.got, c.want)
			}
		}
		if got, want := tagSlugs(a.Tags), []string{"diplomacy", "gaza"}; !slices.Equal(got, want) {
			t.Errorf("new article tags = %q, want %q", got, want)
		}
		if got, want := a.RelatedSlugs, in.Related; !slices.Equal(got, want) {
			t.Errorf("new article related = %q, want %q", got, want)
		}
		code := a.ShortCode
		if code == "" || len(code) > 8 {
			t.Errorf("short code = %q, want 1 to 8 characters", code)
		}
		if byCode, err := st.ArticleByShortCode(ctx, code); err != nil || byCode.ID != id {
			t.Errorf("ArticleByShortCode(%q) = %q, %v; want %q, nil", code, byCode.ID, err, id)
		}

		// The section path made a parent and a child.
		world, err := st.SectionBySlug(ctx, "world")
		if err != nil || world.ParentID != "" {
			t.Errorf("SectionBySlug(world) = %+v, %v; want a top-level section", world, err)
		}
		if a.Section.ParentID != world.ID {
			t.Errorf("Middle East parent = %q, want World %q", a.Section.ParentID, world.ID)
		}
		secs, err := st.Sections(ctx)
		if err != nil {
			t.Fatalf("Sections() error: %v", err)
		}
		var paths []string
		for _, s := range secs {
			paths = append(paths, s.Path())
		}
		if want := []string{"World", "World > Middle East"}; !slices.Equal(paths, want) {
			t.Errorf("Sections() = %q, want %q", paths, want)
		}

		// Update by slug: fields change, tags and related are replaced,
		// the id and short code stay.
		up := in
		up.Headline = "Ceasefire talks stall"
		up.Body = "Talks stalled."
		up.TopStory = false
		up.Language = "fr"
		up.SectionPath = []string{"World"}
		up.AuthorName = "Bo Chen"
		up.Tags = []string{"Ceasefire"}
		up.Related = []string{"map-of-region"}
		up.LeadImageID = ""
		up.UpdatedAt = base.Add(2 * time.Hour)
		id2, created, err := st.SaveArticle(ctx, up)
		if err != nil {
			t.Fatalf("SaveArticle(update) error: %v", err)
		}
		if created || id2 != id {
			t.Errorf("SaveArticle(update) = %q, created %v; want %q, created false", id2, created, id)
		}
		b := mustArticle(t, st, in.Slug)
		checks = []struct {
			name      string
			got, want any
		}{
			{"Headline", b.Headline, up.Headline},
			{"Body", b.Body, up.Body},
			{"Language", b.Language, "fr"},
			{"TopStory", b.TopStory, false},
			{"Section.Path()", b.Section.Path(), "World"},
			{"Author.Slug", b.Author.Slug, "bo-chen"},
			{"Lead.ImageID", b.Lead.ImageID, ""},
			{"UpdatedAt", b.UpdatedAt, base.Add(2 * time.Hour)},
			{"ShortCode", b.ShortCode, code},
		}
		for _, c := range checks {
			if c.got != c.want {
				t.Errorf("updated article %s = %v, want %v", c.name, c.got, c.want)
			}
		}
		if got, want := tagSlugs(b.Tags), []string{"ceasefire"}; !slices.Equal(got, want) {
			t.Errorf("updated article tags = %q, want %q", got, want)
		}
		if got, want := b.RelatedSlugs, up.Related; !slices.Equal(got, want) {
			t.Errorf("updated article related = %q, want %q", got, want)
		}
		n, err := st.CountArticles(ctx, store.ArticleFilter{Now: base.Add(time.Hour)})
		if err != nil || n != 1 {
			t.Errorf("CountArticles() after update = %d, %v; want 1, nil", n, err)
		}
	})
}

func TestSaveArticleRejectsInvalidInput(t *testing.T) {
	tests := []struct {
		name string
		mod  func(*store.ArticleInput)
	}{
		{"empty slug", func(in *store.ArticleInput) { in.Slug = "" }},
		{"upper-case slug", func(in *store.ArticleInput) { in.Slug = "Bad-Slug" }},
		{"slug with space", func(in *store.ArticleInput) { in.Slug = "bad slug" }},
		{"blank headline", func(in *store.ArticleInput) { in.Headline = "  " }},
		{"no section", func(in *store.ArticleInput) { in.SectionPath = nil }},
		{"blank section", func(in *store.ArticleInput) { in.SectionPath = []string{" "} }},
		{"three levels", func(in *store.ArticleInput) { in.SectionPath = []string{"A", "B", "C"} }},
		{"no date", func(in *store.ArticleInput) { in.PublishedAt = time.Time{} }},
		{"self-related", func(in *store.ArticleInput) { in.Related = []string{"other", in.Slug} }},
	}
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := t.Context()
		for _, tt := range tests {
			in := input("valid-slug", base, tt.mod)
			if err := in.Validate(); err == nil {
				t.Errorf("Validate() with %s = nil, want an error", tt.name)
			}
			if _, _, err := st.SaveArticle(ctx, in); err == nil {
				t.Errorf("SaveArticle() with %s = nil error, want an error", tt.name)
			}
		}
		if n, err := st.CountArticles(ctx, store.ArticleFilter{Now: base}); err != nil || n != 0 {
			t.Errorf("CountArticles() after rejected saves = %d, %v; want 0, nil", n, err)
		}
		if secs, err := st.Sections(ctx); err != nil || len(secs) != 0 {
			t.Errorf("Sections() after rejected saves = %v, %v; want none", secs, err)
		}
		if valid := input("valid-slug", base); valid.Validate() != nil {
			t.Errorf("Validate() of a valid input = %v, want nil", valid.Validate())
		}
	})
}

func TestSaveArticleFailureChangesNothing(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := t.Context()
		mustSave(t, st,
			input("talks", base, inSection("World", "Middle East"), withTags("Gaza"), byAuthor("Ann Lee")))
		before := mustArticle(t, st, "talks")
		v0, err := st.ContentVersion(ctx)
		if err != nil {
			t.Fatalf("ContentVersion() error: %v", err)
		}
		tests := []struct {
			name string
			in   store.ArticleInput
		}{
			// The new section, author and tag are written before the
			// missing image fails the update.
			{"missing lead image", input("talks", base, inSection("Sport", "Football"), withTags("Cup"),
				byAuthor("Cy Dee"), func(in *store.ArticleInput) { in.LeadImageID = "no-such-image" })},
			// "Asia" is created before "Middle East" turns out to have
			// another parent.
			{"section under another parent", input("talks", base, inSection("Asia", "Middle East"), withTags("Cup"))},
			{"new article, missing lead image", input("fresh", base, inSection("Sport"), withTags("Cup"),
				func(in *store.ArticleInput) { in.LeadImageID = "no-such-image" })},
		}
		for _, tt := range tests {
			if _, _, err := st.SaveArticle(ctx, tt.in); err == nil {
				t.Errorf("SaveArticle() with %s = nil error, want an error", tt.name)
			}
		}
		after := mustArticle(t, st, "talks")
		if after.Headline != before.Headline || after.Section.ID != before.Section.ID ||
			after.Author.ID != before.Author.ID || !slices.Equal(tagSlugs(after.Tags), tagSlugs(before.Tags)) {
			t.Errorf("article after failed saves = %+v, want unchanged %+v", after, before)
		}
		for _, slug := range []string{"sport", "football", "asia"} {
			if _, err := st.SectionBySlug(ctx, slug); !errors.Is(err, store.ErrNotFound) {
				t.Errorf("SectionBySlug(%q) after failed saves error = %v, want ErrNotFound", slug, err)
			}
		}
		if _, err := st.TagBySlug(ctx, "cup"); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("TagBySlug(cup) after failed saves error = %v, want ErrNotFound", err)
		}
		if _, err := st.AuthorBySlug(ctx, "cy-dee"); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("AuthorBySlug(cy-dee) after failed saves error = %v, want ErrNotFound", err)
		}
		if _, err := st.ArticleBySlug(ctx, "fresh"); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("ArticleBySlug(fresh) after failed save error = %v, want ErrNotFound", err)
		}
		if v, err := st.ContentVersion(ctx); err != nil || v != v0 {
			t.Errorf("ContentVersion() after failed saves = %d, %v; want %d", v, err, v0)
		}
	})
}

func TestLookupsNotFound(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := t.Context()
		mustSave(t, st, input("exists", base, byAuthor("Ann Lee"), withTags("Gaza")))
		lookups := []struct {
			name string
			call func() error
		}{
			{"ArticleBySlug", func() error { _, err := st.ArticleBySlug(ctx, "missing"); return err }},
			{"ArticleByShortCode", func() error { _, err := st.ArticleByShortCode(ctx, "zzzzzz"); return err }},
			{"SectionBySlug", func() error { _, err := st.SectionBySlug(ctx, "missing"); return err }},
			{"TagBySlug", func() error { _, err := st.TagBySlug(ctx, "missing"); return err }},
			{"AuthorBySlug", func() error { _, err := st.AuthorBySlug(ctx, "missing"); return err }},
			{"ImageByID", func() error { _, err := st.ImageByID(ctx, "missing"); return err }},
			{"Setting", func() error { _, err := st.Setting(ctx, "missing"); return err }},
		}
		for _, l := range lookups {
			if err := l.call(); !errors.Is(err, store.ErrNotFound) {
				t.Errorf("%s(missing) error = %v, want ErrNotFound", l.name, err)
			}
		}
	})
}
