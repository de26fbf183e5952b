package lexicon

import (
	"context"
	"strings"
	"testing"

	"tribune/internal/moderation"
)

// lexCase is a comment and the rule it must trip ("" for none of the
// detector's rules) with the least score expected.
type lexCase struct {
	text  string
	rule  string
	score float64
}

func runCases(t *testing.T, d moderation.Detector, rules []string, cases []lexCase) {
	t.Helper()
	for _, c := range cases {
		got := d.Detect(context.Background(), moderation.Input{Text: c.text})
		fired := map[string]float64{}
		for _, f := range got {
			fired[f.Rule] = f.Score
			if f.Detail == "" || strings.Contains(strings.ToLower(c.text), strings.ToLower(f.Detail)) {
				t.Errorf("Detect(%q) detail %q: want a category, not a quote", c.text, f.Detail)
			}
		}
		for _, r := range rules {
			s, ok := fired[r]
			switch {
			case r == c.rule && !ok:
				t.Errorf("Detect(%q) = %v, want rule %s", c.text, got, r)
			case r == c.rule && s < c.score:
				t.Errorf("Detect(%q) score for %s = %v, want >= %v", c.text, r, s, c.score)
			case r != c.rule && ok:
				t.Errorf("Detect(%q) = %v, want no %s", c.text, got, r)
			}
		}
	}
}

var lexRules = []string{"drugs", "extremism", "violence", "suicide", "minors", "hate"}

func TestDetectorName(t *testing.T) {
	if got := New().Name(); got != "lexicon" {
		t.Errorf("Name() = %q, want %q", got, "lexicon")
	}
	if got := NewPublisher().Name(); got != "publisher" {
		t.Errorf("Name() = %q, want %q", got, "publisher")
	}
}

func TestDetectEmpty(t *testing.T) {
	for _, text := range []string{"", "   ", "!!!", "..."} {
		if got := New().Detect(context.Background(), moderation.Input{Text: text}); len(got) != 0 {
			t.Errorf("Detect(%q) = %v, want none", text, got)
		}
	}
}
