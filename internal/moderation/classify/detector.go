package classify

import (
	"context"
	"fmt"

	"tribune/internal/moderation"
)

// Detector turns classifier scores into findings. Its rules, in order:
//
//   - insult: the insult/toxicity model's probability reaches its threshold.
//   - hate: the hate-speech model's probability reaches its threshold.
//   - spam: the spam model's probability reaches its threshold.
//
// Thresholds were chosen on held-out calibration data at training time and
// travel inside the weights files; the policy may apply stricter ones to
// the scores.
type Detector struct {
	c *Classifier
}

// NewDetector returns a detector backed by c.
func NewDetector(c *Classifier) *Detector { return &Detector{c: c} }

// Name identifies the detector in the policy.
func (d *Detector) Name() string { return "classifier" }

// Detect scores the comment and reports each rule over its threshold.
func (d *Detector) Detect(_ context.Context, in moderation.Input) []moderation.Finding {
	var probs [8]float64
	d.c.cached(in.Text, probs[:len(d.c.models)])
	var out []moderation.Finding
	for j, m := range d.c.models {
		if m.Name == Insult && probs[j] >= 0.5 {
			// Trolling (aggressive, humiliating behaviour) has no data of
			// its own; the policy reads it from a very high insult score.
			out = append(out, moderation.Finding{Rule: "trolling", Score: probs[j], Detail: fmt.Sprintf("the insult classifier scored %.2f", probs[j])})
		}
		if probs[j] >= m.Threshold {
			out = append(out, moderation.Finding{
				Rule:   m.Name,
				Score:  probs[j],
				Detail: fmt.Sprintf("the %s classifier scored %.2f", m.Name, probs[j]),
			})
		}
	}
	return out
}
