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
