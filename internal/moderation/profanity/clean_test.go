package profanity

import (
	"encoding/csv"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// sharedData is the shared moderation data beside the checkout.
const sharedData = "../../../../shared/data/moderation"

// cleanSet is a class of the shared data labelled as not offensive, and the
// false-positive rate the detector must stay under on it.
type cleanSet struct {
	name  string
	load  func(t *testing.T) []string
	limit float64
}

// TestCleanTextFalsePositives measures how often texts labelled clean are
// flagged. None of these sets is free of profanity: SMS ham holds casual
// swearing ("shit", "fucking"), OLID's NOT class is "not offensive" in
// OLID's sense and keeps profanity not aimed at anyone, and Davidson's
// "neither" class holds tweets some annotators found offensive. Most of what
// is flagged there is real profanity, so those sets get loose bounds that
// guard against regressions; the 1% target is held on the Davidson tweets
// that every annotator called neither. The bounds apply to findings of
// severity 2 or more (score 0.75 and up); mild words ("damn", "crap", score
// 0.5) are counted and reported but a policy threshold of 0.75 ignores them.
func TestCleanTextFalsePositives(t *testing.T) {
	if _, err := os.Stat(sharedData); err != nil {
		t.Skipf("shared data not found at %s: %v", sharedData, err)
	}
	d := newDetector(t)
	for _, set := range []cleanSet{
		{"sms-ham", loadSMSHam, 0.04},
		{"davidson-neither", loadDavidsonNeither(false), 0.05},
		{"davidson-unanimous", loadDavidsonNeither(true), 0.01},
		{"olid-not", loadOLIDNot, 0.04},
	} {
		texts := set.load(t)
		flagged, strong := 0, 0
		var examples []string
		for _, s := range texts {
			if m := d.Matches(s); len(m) > 0 {
				flagged++
				if maxSeverity(m) >= 2 {
					strong++
				}
				if len(examples) < 8 {
					examples = append(examples, m[0].Term)
				}
			}
		}
		rate := float64(strong) / float64(len(texts))
		t.Logf("%-18s %4d/%5d flagged (%.2f%%), %4d (%.2f%%) at severity 2 or more, e.g. %q", set.name,
			flagged, len(texts), 100*float64(flagged)/float64(len(texts)), strong, 100*rate, examples)
		if rate >= set.limit {
			t.Errorf("%s: %.2f%% flagged, want under %.0f%%", set.name, 100*rate, 100*set.limit)
		}
	}
}

func maxSeverity(ms []Match) int {
	s := 0
	for _, m := range ms {
		s = max(s, m.Severity)
	}
	return s
}

func readRecords(t *testing.T, path string, comma rune) [][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatalf("open %s: %v", path, err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.Comma = comma
	r.LazyQuotes = true
	r.FieldsPerRecord = -1
	if comma == '\t' {
		r.LazyQuotes = false
		r.ReuseRecord = false
	}
	var out [][]string
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			continue
		}
		out = append(out, rec)
	}
	return out
}

func loadSMSHam(t *testing.T) []string {
	raw, err := os.ReadFile(filepath.Join(sharedData, "spam-sms", "SMSSpamCollection.tsv"))
	if err != nil {
		t.Fatalf("read SMS data: %v", err)
	}
	var out []string
	for _, line := range strings.Split(string(raw), "\n")[1:] {
		if label, text, ok := strings.Cut(line, "\t"); ok && label == "ham" {
			out = append(out, text)
		}
	}
	return out
}

// loadDavidsonNeither returns Davidson's class 2 ("neither") tweets, or only
// those that every annotator called neither when unanimous is set.
func loadDavidsonNeither(unanimous bool) func(t *testing.T) []string {
	return func(t *testing.T) []string { return davidson(t, unanimous) }
}

func davidson(t *testing.T, unanimous bool) []string {
	recs := readRecords(t, filepath.Join(sharedData, "toxicity-davidson", "labeled_data.csv"), ',')
	var out []string
	for _, r := range recs[1:] {
		if len(r) >= 7 && r[5] == "2" && (!unanimous || r[1] == r[4]) {
			out = append(out, r[6])
		}
	}
	return out
}

func loadOLIDNot(t *testing.T) []string {
	raw, err := os.ReadFile(filepath.Join(sharedData, "toxicity-olid", "olid-training-v1.0.tsv"))
	if err != nil {
		t.Fatalf("read OLID data: %v", err)
	}
	var out []string
	for _, line := range strings.Split(string(raw), "\n")[1:] {
		f := strings.Split(line, "\t")
		if len(f) >= 3 && f[2] == "NOT" {
			out = append(out, f[1])
		}
	}
	return out
}
