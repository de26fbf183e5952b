package lexicon

import (
	"bufio"
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"tribune/internal/moderation"
)

// cleanDir is the shared moderation data beside the checkout.
const cleanDir = "../../../../shared/data/moderation"

// cleanTexts returns the non-offensive texts of the shared data: Davidson
// class 2, OLID NOT (training split) and SMS ham. None should trip these
// detectors; a few may mention the same subjects.
func cleanTexts(t *testing.T) []string {
	t.Helper()
	var out []string
	f, err := os.Open(filepath.Join(cleanDir, "toxicity-davidson", "labeled_data.csv"))
	if err != nil {
		t.Skipf("shared data not available: %v", err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatalf("read Davidson: %v", err)
	}
	for _, rec := range recs[1:] {
		if rec[5] == "2" {
			out = append(out, rec[6])
		}
	}
	out = append(out, tsvColumn(t, filepath.Join(cleanDir, "toxicity-olid", "olid-training-v1.0.tsv"), 1, 2, "NOT")...)
	out = append(out, tsvColumn(t, filepath.Join(cleanDir, "spam-sms", "SMSSpamCollection.tsv"), 1, 0, "ham")...)
	return out
}

// tsvColumn returns column col of the rows whose column key equals want.
func tsvColumn(t *testing.T, path string, col, key int, want string) []string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatalf("open %s: %v", path, err)
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		p := strings.Split(sc.Text(), "\t")
		if len(p) > col && len(p) > key && p[key] == want {
			out = append(out, p[col])
		}
	}
	return out
}

// TestCleanText measures how often the detectors fire on text labelled
// non-offensive; it runs only where the shared data is present.
func TestCleanText(t *testing.T) {
	texts := cleanTexts(t)
	ctx := context.Background()
	lex, pub := New(), NewPublisher()
	hits := 0
	for _, text := range texts {
		in := moderation.Input{Text: text}
		if fs := append(lex.Detect(ctx, in), pub.Detect(ctx, in)...); len(fs) > 0 {
			hits++
			t.Logf("%s: %q", fs[0].Rule, text)
		}
	}
	rate := float64(hits) / float64(len(texts))
	t.Logf("fired on %d of %d non-offensive texts (%.3f%%)", hits, len(texts), 100*rate)
	if rate > 0.002 {
		t.Errorf("false-positive rate on clean text = %.3f%%, want <= 0.2%%", 100*rate)
	}
}
