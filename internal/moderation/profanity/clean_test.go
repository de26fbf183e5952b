package profanity

import (
	"bufio"
	"context"
	"os"
	"strings"
	"testing"

	"tribune/internal/moderation"
)

// maxFalsePositives is the share of clean texts Detect may report.
const maxFalsePositives = 0.01

// TestCleanTextFalsePositives measures how often Detect reports texts of the
// shared data's clean classes, the way the policy's profanity rule sees
// them (any finding fires it). None of these classes is free of profanity:
// SMS and YouTube "ham" only means "not spam", OLID's NOT and Davidson's
// "neither" are majority votes. The texts among them that a reader checked
// and found profane (testdata/profane-in-clean.tsv) are left out; every
// other report is a false positive, and they must stay under 1% of each
// set. The raw share reported is logged beside it.
func TestCleanTextFalsePositives(t *testing.T) {
	needSharedData(t)
	d := newDetector(t)
	profane := reviewedProfane(t)
	missed := map[string]bool{}
	for _, set := range cleanSets {
		texts := set.load(t)
		flagged, fp, known := 0, 0, 0
		var examples []string
		for _, s := range texts {
			_, isProfane := profane[s.id]
			reported := d.Detect(context.Background(), moderation.Input{Text: s.text}) != nil
			switch {
			case isProfane:
				known++
				if !reported {
					missed[s.id] = true
				}
			case reported:
				fp++
				if len(examples) < 10 {
					examples = append(examples, s.id)
				}
			}
			if reported {
				flagged++
			}
		}
		rate := float64(fp) / float64(len(texts)-known)
		t.Logf("%-18s %5d texts: %4d reported (%.2f%%); %3d reviewed profane; %3d false positives (%.2f%%) %v",
			set.name, len(texts), flagged, pct(flagged, len(texts)), known, fp, 100*rate, examples)
		if rate >= maxFalsePositives {
			t.Errorf("%s: %.2f%% false positives, want under %.0f%%", set.name, 100*rate, 100*maxFalsePositives)
		}
	}
	// The reviewed texts double as a check that real profanity is still
	// caught.
	n := len(profane)
	t.Logf("reviewed profane texts no longer reported: %d of %d", len(missed), n)
	if float64(len(missed)) > 0.05*float64(n) {
		t.Errorf("%d of %d reviewed profane texts no longer reported, want at most 5%%", len(missed), n)
	}
}

// TestOffensiveHitRate reports how many texts of the offensive classes
// Detect reports. Both classes hold insults and hate written without any
// listed word, so the floors guard against lost recall rather than ask for
// all of them.
func TestOffensiveHitRate(t *testing.T) {
	needSharedData(t)
	d := newDetector(t)
	floors := map[string]float64{"davidson-offensive": 0.75, "olid-off": 0.20}
	for _, set := range offensiveSets {
		texts := set.load(t)
		hit := 0
		for _, s := range texts {
			if d.Detect(context.Background(), moderation.Input{Text: s.text}) != nil {
				hit++
			}
		}
		rate := float64(hit) / float64(len(texts))
		t.Logf("%-18s %5d/%5d reported (%.2f%%)", set.name, hit, len(texts), 100*rate)
		if rate < floors[set.name] {
			t.Errorf("%s: %.2f%% reported, want at least %.0f%%", set.name, 100*rate, 100*floors[set.name])
		}
	}
}

// reviewedProfane reads testdata/profane-in-clean.tsv: the ids of clean-
// labelled texts that use profanity, with the terms found.
func reviewedProfane(t *testing.T) map[string]string {
	t.Helper()
	f, err := os.Open("testdata/profane-in-clean.tsv")
	if err != nil {
		t.Fatalf("open reviewed list: %v", err)
	}
	defer f.Close()
	out := map[string]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || line[0] == '#' {
			continue
		}
		id, terms, _ := strings.Cut(line, "\t")
		out[id] = terms
	}
	if err := sc.Err(); err != nil {
		t.Fatalf("read reviewed list: %v", err)
	}
	return out
}

func pct(n, of int) float64 { return 100 * float64(n) / float64(of) }
