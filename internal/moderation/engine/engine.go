// Package engine applies a policy to comments: it runs the detectors the
// policy names, fires each rule whose detector scored at or above the
// rule's threshold, and decides with the strongest action among the fired
// rules (reject over hold over flag; nothing fired publishes). Every
// decision names its rules and the policy version.
package engine

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync/atomic"

	"tribune/internal/moderation"
	"tribune/internal/moderation/policy"
)

// Scorer gives a classifier's raw scores (toxicity, insult, hate, spam),
// which decisions report even when no rule fires.
type Scorer interface {
	Scores(text string) map[string]float64
}

// Identifier names a text's language.
type Identifier interface {
	Identify(text string) (code string, confidence float64)
}

// Engine applies one policy with a set of detectors. Safe for concurrent
// use when its detectors are.
type Engine struct {
	policy    atomic.Pointer[policy.Policy]
	detectors []moderation.Detector
	wanted    map[string]bool
	scorer    Scorer
	lang      Identifier
}

// Options are the optional parts.
type Options struct {
	Scorer   Scorer
	Language Identifier
}

// New builds an engine for p with the given detectors.
func New(p *policy.Policy, opts Options, detectors ...moderation.Detector) *Engine {
	e := &Engine{scorer: opts.Scorer, lang: opts.Language, wanted: map[string]bool{}}
	e.policy.Store(p)
	for _, r := range p.Rules {
		for _, d := range r.Detectors {
			e.wanted[d] = true
		}
	}
	for _, d := range detectors {
		if e.wanted[d.Name()] {
			e.detectors = append(e.detectors, d)
		}
	}
	return e
}

// SetPolicy replaces the policy while the engine runs (an admin changed a
// threshold or an action). The new policy must name the same detectors
// for each rule: the engine's detectors were chosen for the old one.
func (e *Engine) SetPolicy(p *policy.Policy) error {
	old := e.policy.Load()
	if len(old.Rules) != len(p.Rules) {
		return errors.New("engine: the new policy has other rules")
	}
	for i, r := range p.Rules {
		if r.ID != old.Rules[i].ID || !slices.Equal(r.Detectors, old.Rules[i].Detectors) {
			return fmt.Errorf("engine: rule %q changed its detectors; restart with the new policy file", r.ID)
		}
	}
	e.policy.Store(p)
	return nil
}

// Policy is the policy in force.
func (e *Engine) Policy() *policy.Policy { return e.policy.Load() }

// Unenforced lists the policy's rules none of whose detectors is
// available, so an operator knows what the machine does not check.
func (e *Engine) Unenforced() []string {
	have := map[string]bool{}
	for _, d := range e.detectors {
		have[d.Name()] = true
	}
	var out []string
	for _, r := range e.policy.Load().Rules {
		if !slices.ContainsFunc(r.Detectors, func(n string) bool { return have[n] }) {
			out = append(out, r.ID)
		}
	}
	return out
}

// Result is the engine's answer for one comment.
type Result struct {
	// Decision is publish, hold, reject or flag.
	Decision string
	Rules    []string
	Reasons  []moderation.Reason
	Scores   map[string]float64
	Language string
	// PolicyVersion is stored with the decision.
	PolicyVersion string
}

// Evaluate judges one comment.
func (e *Engine) Evaluate(ctx context.Context, in moderation.Input) Result {
	p := e.policy.Load()
	res := Result{Decision: "publish", Scores: map[string]float64{}, PolicyVersion: p.Version}
	if e.scorer != nil {
		for k, v := range e.scorer.Scores(in.Text) {
			res.Scores[k] = v
		}
	}
	if e.lang != nil {
		res.Language, _ = e.lang.Identify(in.Text)
	}
	findings := map[string][]finding{}
	for _, d := range e.detectors {
		for _, f := range d.Detect(ctx, in) {
			findings[f.Rule] = append(findings[f.Rule], finding{Finding: f, detector: d.Name()})
			if f.Rule == "profanity" && f.Score > res.Scores["profanity"] {
				res.Scores["profanity"] = f.Score
			}
		}
	}
	if _, ok := res.Scores["profanity"]; !ok && e.wanted["profanity"] {
		res.Scores["profanity"] = 0
	}
	strongest := policy.Action("")
	for _, r := range p.Rules {
		fired := false
		for _, f := range findings[r.ID] {
			if slices.Contains(r.Detectors, f.detector) && f.Score >= r.Threshold {
				fired = true
				break
			}
		}
		if !fired {
			continue
		}
		res.Rules = append(res.Rules, r.ID)
		res.Reasons = append(res.Reasons, moderation.Reason{Rule: r.ID, Message: r.Text})
		if r.Action.Strength() > strongest.Strength() {
			strongest = r.Action
		}
	}
	if strongest != "" {
		res.Decision = string(strongest)
	}
	return res
}

type finding struct {
	moderation.Finding
	detector string
}

// Step adapts the engine to moderation.Step.
type Step struct{ *Engine }

// Evaluate runs the engine and returns its decision with the scores.
func (s Step) Evaluate(ctx context.Context, in moderation.Input) moderation.Decision {
	r := s.Engine.Evaluate(ctx, in)
	d := moderation.Decision{Action: moderation.Publish, Reasons: r.Reasons, Scores: r.Scores, PolicyVersion: r.PolicyVersion}
	switch moderation.Action(r.Decision) {
	case moderation.Reject, moderation.Hold, moderation.Flag:
		d.Action = moderation.Action(r.Decision)
	}
	return d
}
