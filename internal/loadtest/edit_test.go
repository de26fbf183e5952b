package loadtest

import (
	"testing"
	"time"
)

func TestArticleFileMarkdown(t *testing.T) {
	date := time.Date(2026, 11, 27, 11, 0, 0, 0, time.FixedZone("CET", 3600))
	tests := []struct {
		name string
		file ArticleFile
		want string
	}{
		{
			"required fields only",
			ArticleFile{Title: `Loadtest "edit" 42`, Slug: "loadtest-edit", Section: "World", Date: date, Paragraphs: []string{"One.", "Two."}},
			"---\ntitle: \"Loadtest \\\"edit\\\" 42\"\nslug: loadtest-edit\nsection: \"World\"\ndate: 2026-11-27T10:00:00Z\n---\n\nOne.\n\nTwo.\n",
		},
		{
			"with summary and author",
			ArticleFile{Title: "T", Slug: "s", Summary: `a\b`, Section: "World > Europe", Author: "Desk", Date: date, Paragraphs: []string{"P."}},
			"---\ntitle: \"T\"\nslug: s\nsummary: \"a\\\\b\"\nsection: \"World > Europe\"\nauthor: \"Desk\"\ndate: 2026-11-27T10:00:00Z\n---\n\nP.\n",
		},
	}
	for _, tt := range tests {
		if got := tt.file.Markdown(); got != tt.want {
			t.Errorf("%s: Markdown() =\n%s\nwant\n%s", tt.name, got, tt.want)
		}
	}
}
