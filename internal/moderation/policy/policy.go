// Package policy reads the Community Standards as an executable policy: a
// YAML (or JSON) file listing each rule with its id, the text readers see,
// the detectors that test it, the score at which it fires and the action.
// The same file renders the public Community Standards page and drives
// the moderation engine, so the rules readers read are the rules applied.
package policy

import (
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"

	"go.yaml.in/yaml/v3"
)

//go:embed default.yaml
var defaultYAML []byte

// Action is what a fired rule does with a comment.
type Action string

// The actions, weakest first.
const (
	Flag   Action = "flag"
	Hold   Action = "hold"
	Reject Action = "reject"
)

// Strength orders actions: reject beats hold beats flag.
func (a Action) Strength() int {
	switch a {
	case Reject:
		return 3
	case Hold:
		return 2
	case Flag:
		return 1
	}
	return 0
}

// Rule is one clause of the Community Standards.
type Rule struct {
	ID        string   `yaml:"id" json:"id"`
	Title     string   `yaml:"title" json:"title"`
	Text      string   `yaml:"text" json:"text"`
	Detectors []string `yaml:"detectors" json:"detectors"`
	// Threshold is the score at which the rule fires; 0 means each
	// detector's own default (its calibrated threshold, or any match).
	Threshold float64 `yaml:"threshold" json:"threshold"`
	Action    Action  `yaml:"action" json:"action"`
	Severity  int     `yaml:"severity" json:"severity"`
}

// Policy is the whole file.
type Policy struct {
	Version          string   `yaml:"version" json:"version"`
	PublicationNames []string `yaml:"publication_names" json:"publication_names"`
	Rules            []Rule   `yaml:"rules" json:"rules"`
}

// RuleIDs are the rule ids outside tools rely on; a policy may leave
// rules out (to turn them off) but not invent others.
var RuleIDs = []string{"off-topic", "hate", "minors", "extremism", "insult", "publisher-insult", "personal-data",
	"violence", "suicide", "advertising", "promotion", "profanity", "spam", "drugs", "malware", "flash-mob",
	"flood", "trolling", "shouting", "run-on", "language"}

// Default returns the policy shipped with Tribune.
func Default() *Policy {
	p, err := Parse(defaultYAML)
	if err != nil {
		panic("default policy: " + err.Error()) // a test guards the shipped file
	}
	return p
}

// Load reads a policy file (YAML or JSON; JSON is YAML).
func Load(path string) (*Policy, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("policy: %w", err)
	}
	p, err := Parse(b)
	if err != nil {
		return nil, fmt.Errorf("policy %s: %w", path, err)
	}
	return p, nil
}

// Parse reads and checks a policy; unknown fields, unknown rule ids or
// actions, duplicates and missing texts are errors naming the rule.
func Parse(b []byte) (*Policy, error) {
	var p Policy
	dec := yaml.NewDecoder(strings.NewReader(string(b)))
	dec.KnownFields(true)
	if err := dec.Decode(&p); err != nil {
		return nil, err
	}
	if p.Version == "" {
		return nil, errors.New("version is required (it is stored with every decision)")
	}
	seen := map[string]bool{}
	for i, r := range p.Rules {
		switch {
		case !known(r.ID):
			return nil, fmt.Errorf("rule %d: unknown id %q (want one of %s)", i+1, r.ID, strings.Join(RuleIDs, ", "))
		case seen[r.ID]:
			return nil, fmt.Errorf("rule %q appears twice", r.ID)
		case strings.TrimSpace(r.Title) == "" || strings.TrimSpace(r.Text) == "":
			return nil, fmt.Errorf("rule %q: title and text are required (readers see them)", r.ID)
		case r.Action.Strength() == 0:
			return nil, fmt.Errorf("rule %q: action %q, want reject, hold or flag", r.ID, r.Action)
		case r.Threshold < 0 || r.Threshold > 1:
			return nil, fmt.Errorf("rule %q: threshold %v, want 0 to 1", r.ID, r.Threshold)
		case len(r.Detectors) == 0:
			return nil, fmt.Errorf("rule %q: name at least one detector", r.ID)
		}
		seen[r.ID] = true
	}
	return &p, nil
}

func known(id string) bool {
	for _, r := range RuleIDs {
		if r == id {
			return true
		}
	}
	return false
}

// Rule returns the rule with an id.
func (p *Policy) Rule(id string) (Rule, bool) {
	for _, r := range p.Rules {
		if r.ID == id {
			return r, true
		}
	}
	return Rule{}, false
}

// Change is an admin's change to one rule: its threshold, action and
// strike severity. Texts and detectors change only through the file.
type Change struct {
	Threshold float64
	Action    Action
	Severity  int
}

// Adjust returns a copy of the policy with the changes applied and the
// version set, checked like a file.
func (p *Policy) Adjust(version string, changes map[string]Change) (*Policy, error) {
	out := *p
	out.Version = version
	out.Rules = make([]Rule, len(p.Rules))
	for i, r := range p.Rules {
		r.Detectors = append([]string(nil), r.Detectors...)
		if c, ok := changes[r.ID]; ok {
			if c.Severity < 1 || c.Severity > 10 {
				return nil, fmt.Errorf("rule %q: severity %d, want 1 to 10", r.ID, c.Severity)
			}
			r.Threshold, r.Action, r.Severity = c.Threshold, c.Action, c.Severity
		}
		out.Rules[i] = r
	}
	for id := range changes {
		if _, ok := p.Rule(id); !ok {
			return nil, fmt.Errorf("rule %q is not in the policy", id)
		}
	}
	b, err := json.Marshal(out)
	if err != nil {
		return nil, err
	}
	return Parse(b)
}

// JSON is the policy as stored in the database.
func (p *Policy) JSON() string {
	b, _ := json.Marshal(p)
	return string(b)
}
