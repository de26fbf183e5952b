package engine

import (
	"context"
	"strings"
	"testing"

	"tribune/internal/moderation"
	"tribune/internal/moderation/policy"
)

// word is a test detector that finds a rule when a word appears.
type word struct {
	name, rule, word string
	score            float64
}

func (w word) Name() string { return w.name }
func (w word) Detect(_ context.Context, in moderation.Input) []moderation.Finding {
	if strings.Contains(in.Text, w.word) {
		return []moderation.Finding{{Rule: w.rule, Score: w.score}}
	}
	return nil
}

func TestEvaluate(t *testing.T) {
	p := policy.Default()
	e := New(p, Options{},
		word{"classifier", "insult", "idiot", 0.99},
		word{"classifier", "spam", "cheap", 0.3},
		word{"classifier", "spam", "casino", 0.95},
		word{"style", "shouting", "LOUD", 1},
		word{"links", "promotion", "dm me", 1},
		word{"relevance", "off-topic", "unrelated", 0.95},
	)
	tests := []struct {
		text     string
		decision string
		rules    []string
	}{
		{"A calm and relevant remark.", "publish", nil},
		{"You idiot.", "reject", []string{"insult"}},
		{"You idiot, LOUD!", "reject", []string{"insult", "shouting"}},
		{"dm me for a deal", "hold", []string{"promotion"}},
		{"something unrelated", "flag", []string{"off-topic"}},
		{"dm me, unrelated", "hold", []string{"off-topic", "promotion"}},
	}
	for _, tt := range tests {
		got := e.Evaluate(context.Background(), moderation.Input{Text: tt.text})
		if got.Decision != tt.decision || strings.Join(got.Rules, ",") != strings.Join(tt.rules, ",") {
			t.Errorf("Evaluate(%q) = %s %v, want %s %v", tt.text, got.Decision, got.Rules, tt.decision, tt.rules)
		}
		if got.PolicyVersion != p.Version || len(got.Reasons) != len(got.Rules) {
			t.Errorf("Evaluate(%q): version %q, %d reasons", tt.text, got.PolicyVersion, len(got.Reasons))
		}
	}
	// The spam rule's threshold is 0.45 (action hold): a 0.3 finding does not fire it.
	if got := e.Evaluate(context.Background(), moderation.Input{Text: "cheap"}); got.Decision != "publish" {
		t.Errorf("spam finding below the threshold: %s", got.Decision)
	}
	if got := e.Evaluate(context.Background(), moderation.Input{Text: "casino"}); got.Decision != "hold" {
		t.Errorf("spam finding above the threshold: %s", got.Decision)
	}
}

func TestUnenforced(t *testing.T) {
	e := New(policy.Default(), Options{}, word{"classifier", "insult", "x", 1})
	got := e.Unenforced()
	for _, id := range []string{"insult", "hate", "spam", "trolling"} {
		for _, u := range got {
			if u == id {
				t.Errorf("Unenforced() lists %s, which the classifier enforces", id)
			}
		}
	}
	if len(got) != len(policy.RuleIDs)-4 {
		t.Errorf("Unenforced() = %v", got)
	}
}

func TestSetPolicy(t *testing.T) {
	e := New(policy.Default(), Options{})
	p, err := policy.Default().Adjust("v2", map[string]policy.Change{"insult": {Threshold: 0.5, Action: policy.Hold, Severity: 2}})
	if err != nil {
		t.Fatal(err)
	}
	if err := e.SetPolicy(p); err != nil || e.Policy().Version != "v2" {
		t.Fatalf("SetPolicy = %v, version %s", err, e.Policy().Version)
	}
	other := *p
	other.Rules = append([]policy.Rule(nil), p.Rules...)
	other.Rules[0].Detectors = []string{"somethingelse"}
	if err := e.SetPolicy(&other); err == nil {
		t.Errorf("a policy with other detectors was accepted")
	}
}
