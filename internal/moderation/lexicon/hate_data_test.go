package lexicon

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"tribune/internal/moderation"
)

// TestHateRecall reports, for information, how much of the shared data's
// group-directed hate the hate rule holds: Davidson's class 0 (hate
// speech; mostly slurs used alone, which are the profanity detector's
// business) and OLID's tweets offensive to a group (GRP; mostly political
// groups, which the rule does not protect). The rule is written from
// general patterns, not tuned to these tweets; the floors only catch a
// rule that stops working. Run with -v for the figures:
//
//	CI=true go test ./internal/moderation/lexicon -run 'TestHateRecall|TestCleanText' -v
func TestHateRecall(t *testing.T) {
	needSharedData(t)
	sets := []struct {
		textSet
		floor float64 // least recall, in percent
	}{
		{textSet{"Davidson hate speech", davidson(t, "0")}, 0.4},
		{textSet{"Davidson offensive (not hate)", davidson(t, "1")}, 0},
		{textSet{"OLID GRP (training)", tsvColumn(t, filepath.Join("toxicity-olid", "olid-training-v1.0.tsv"), 1, 4, "GRP")}, 0.1},
		{textSet{"OLID GRP (test)", olidTest(t, "GRP")}, 0},
	}
	d := New()
	for _, s := range sets {
		hate, any := 0, 0
		for _, text := range s.texts {
			fs := d.Detect(context.Background(), moderation.Input{Text: text})
			if len(fs) > 0 {
				any++
			}
			for _, f := range fs {
				if f.Rule == "hate" {
					hate++
				}
			}
		}
		t.Logf("%s: hate rule %d of %d (%.2f%%), any lexicon rule %d (%.2f%%)",
			s.name, hate, len(s.texts), pct(hate, len(s.texts)), any, pct(any, len(s.texts)))
		if got := pct(hate, len(s.texts)); got < s.floor {
			t.Errorf("%s: hate rule recall = %.2f%%, want >= %.2f%%", s.name, got, s.floor)
		}
	}
}

// olidTest returns the OLID level C test tweets whose gold label is
// label; the labels file ends its lines with carriage returns only.
func olidTest(t *testing.T, label string) []string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(cleanDir, "toxicity-olid", "labels-levelc.csv"))
	if err != nil {
		t.Fatalf("read OLID labels: %v", err)
	}
	want := map[string]bool{}
	for _, line := range strings.FieldsFunc(string(b), func(r rune) bool { return r == '\r' || r == '\n' }) {
		if id, l, ok := strings.Cut(line, ","); ok && l == label {
			want[id] = true
		}
	}
	var out []string
	b, err = os.ReadFile(filepath.Join(cleanDir, "toxicity-olid", "testset-levelc.tsv"))
	if err != nil {
		t.Fatalf("read OLID test set: %v", err)
	}
	for _, line := range strings.Split(string(b), "\n") {
		if id, text, ok := strings.Cut(strings.TrimRight(line, "\r"), "\t"); ok && want[id] {
			out = append(out, text)
		}
	}
	return out
}
