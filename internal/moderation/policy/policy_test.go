package policy

import (
	"strings"
	"testing"
)

func TestDefaultPolicyCoversEveryRule(t *testing.T) {
	p := Default()
	if len(p.Rules) != len(RuleIDs) {
		t.Errorf("default policy has %d rules, want all %d", len(p.Rules), len(RuleIDs))
	}
	for i, id := range RuleIDs {
		if p.Rules[i].ID != id {
			t.Errorf("rule %d = %q, want %q (the Community Standards' order)", i, p.Rules[i].ID, id)
		}
	}
}

func TestParseRefusals(t *testing.T) {
	tests := []struct{ name, yaml, want string }{
		{"no version", "rules: []", "version is required"},
		{"unknown field", "version: x\nrulez: []", "rulez"},
		{"unknown id", "version: x\nrules:\n- {id: rude, title: T, text: T, detectors: [a], action: hold}", "unknown id"},
		{"duplicate", "version: x\nrules:\n- {id: spam, title: T, text: T, detectors: [a], action: hold}\n- {id: spam, title: T, text: T, detectors: [a], action: hold}", "twice"},
		{"bad action", "version: x\nrules:\n- {id: spam, title: T, text: T, detectors: [a], action: ban}", "action"},
		{"no text", "version: x\nrules:\n- {id: spam, title: T, detectors: [a], action: hold}", "text are required"},
		{"threshold", "version: x\nrules:\n- {id: spam, title: T, text: T, detectors: [a], action: hold, threshold: 2}", "threshold"},
	}
	for _, tt := range tests {
		if _, err := Parse([]byte(tt.yaml)); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: Parse error = %v, want it to mention %q", tt.name, err, tt.want)
		}
	}
	if _, err := Parse([]byte(`{"version": "j", "rules": [{"id": "spam", "title": "Spam", "text": "No spam.", "detectors": ["classifier"], "action": "reject"}]}`)); err != nil {
		t.Errorf("JSON policy: %v", err)
	}
}

func TestAdjust(t *testing.T) {
	p := Default()
	q, err := p.Adjust("2-admin", map[string]Change{"insult": {Threshold: 0.8, Action: Hold, Severity: 3}})
	if err != nil {
		t.Fatal(err)
	}
	r, _ := q.Rule("insult")
	if r.Threshold != 0.8 || r.Action != Hold || r.Severity != 3 || q.Version != "2-admin" {
		t.Errorf("adjusted insult = %+v (version %s)", r, q.Version)
	}
	if orig, _ := p.Rule("insult"); orig.Action == Hold && orig.Threshold == 0.8 {
		t.Errorf("Adjust changed the original")
	}
	for _, bad := range []map[string]Change{
		{"insult": {Threshold: 1.5, Action: Hold, Severity: 1}},
		{"insult": {Threshold: 0.5, Action: "delete", Severity: 1}},
		{"insult": {Threshold: 0.5, Action: Hold, Severity: 0}},
		{"nope": {Threshold: 0.5, Action: Hold, Severity: 1}},
	} {
		if _, err := p.Adjust("x", bad); err == nil {
			t.Errorf("Adjust(%v) accepted", bad)
		}
	}
	back, err := Parse([]byte(q.JSON()))
	if err != nil || back.Version != "2-admin" {
		t.Errorf("JSON round trip: %v", err)
	}
}
