package moderation

import (
	"context"
)

// Evaluator is the policy engine as the step uses it.
type Evaluator interface {
	Evaluate(ctx context.Context, in Input) Decision
}

// Step is the moderation step every new or edited comment passes: the
// posting-rate limit first, then the policy engine. Moderators' own edits
// skip the engine.
type Step struct {
	Rate   RateLimit
	Engine Evaluator
	// Lang is the site's language, for the language rule.
	Lang string
}

// Moderate decides what happens to a submission.
func (s Step) Moderate(ctx context.Context, sub Submission) (Decision, error) {
	d, err := s.Rate.Moderate(ctx, sub)
	if err != nil || s.Engine == nil || (sub.IsEdit && sub.IsModerator) {
		return d, err
	}
	return s.Engine.Evaluate(ctx, Input{ID: sub.ID, Text: sub.Text, AuthorID: sub.AuthorID, ArticleID: sub.ArticleID,
		ArticleText: sub.ArticleText, ParentText: sub.ParentText, At: sub.At, Lang: s.Lang}), nil
}
