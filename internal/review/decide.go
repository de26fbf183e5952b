package review

import (
	"context"
	"errors"
	"strings"
	"unicode/utf8"

	"tribune/internal/moderation"
	"tribune/internal/store"
)

// CommentDecision is a moderator's decision on one comment, with the state
// of the comment they saw.
type CommentDecision struct {
	CommentID    string
	ExpectStatus string
	ExpectReview bool
	Approve      bool
	// Rule and Note: for a rejection, the rule broken (required) and an
	// optional note to the author.
	Rule string
	Note string
}

func isStaff(u store.User) bool { return u.Role == store.RoleModerator || u.Role == store.RoleAdmin }

// Decide applies a moderator's decision. A comment someone else decided
// meanwhile gives a *DecidedError naming them, and changes nothing.
func (s *Service) Decide(ctx context.Context, mod store.User, d CommentDecision) (store.Decided, error) {
	if !isStaff(mod) {
		return store.Decided{}, ErrNotStaff
	}
	d.Note = strings.TrimSpace(d.Note)
	if utf8.RuneCountInString(d.Note) > 1000 {
		return store.Decided{}, &Problem{"The note is too long (at most 1,000 characters)."}
	}
	sd := store.Decision{CommentID: d.CommentID, ExpectStatus: d.ExpectStatus, ExpectReview: d.ExpectReview, Approve: d.Approve,
		Note: d.Note, ActorID: mod.ID, At: s.now()}
	var c store.Comment
	if !d.Approve {
		r, ok := s.Policy().Rule(d.Rule)
		if !ok {
			return store.Decided{}, ErrNoRule
		}
		var err error
		if c, err = s.store.CommentByID(ctx, d.CommentID); err != nil {
			return store.Decided{}, err
		}
		sd.Rule = r.ID
		sd.Reasons = moderation.Decision{Reasons: []moderation.Reason{{Rule: r.ID, Message: r.Text}}}.ReasonsJSON()
		n := s.commentStatement(c, store.ActionReject, r, false, d.Note)
		sd.Notify = &n
		sd.Strike = &store.Strike{Rule: r.ID, Points: max(r.Severity, 1), BlockAt: s.cfg.BlockAt,
			Reason: "Your rejected comments reached the strike limit (the last one: " + r.Title + ")."}
	}
	out, err := s.store.DecideComment(ctx, sd)
	if errors.Is(err, store.ErrConflict) {
		de := &DecidedError{}
		if e, lerr := s.store.LastAudit(ctx, store.TargetComment, d.CommentID); lerr == nil {
			de.By, de.At = e.ActorName, e.At
			if e.Automated {
				de.By = "The machine"
			}
		}
		return out, de
	}
	if err != nil {
		return out, err
	}
	if s.cfg.Changed != nil {
		s.cfg.Changed(out.Comment.ArticleID)
	}
	decision := "approve"
	if !d.Approve {
		decision = "reject"
		s.email(ctx, out.Author, *sd.Notify)
	}
	s.webhook(ctx, "comment.decided", commentEvent(out.Comment, ruleList(sd.Rule), decision, mod.ID))
	if out.Blocked {
		s.blocked(ctx, out.Author, s.rule(sd.Rule), true, sd.Strike.Reason, "")
	}
	return out, nil
}

func ruleList(r string) []string {
	if r == "" {
		return []string{}
	}
	return []string{r}
}

// BulkResult is one item of a bulk decision.
type BulkResult struct {
	CommentID string
	Err       error
}

// DecideMany applies one decision to many comments (a flash-mob group, an
// author's comments on an article), each on its own: one decided by
// someone else meanwhile does not stop the others.
func (s *Service) DecideMany(ctx context.Context, mod store.User, ds []CommentDecision) []BulkResult {
	out := make([]BulkResult, 0, len(ds))
	for _, d := range ds {
		_, err := s.Decide(ctx, mod, d)
		out = append(out, BulkResult{CommentID: d.CommentID, Err: err})
	}
	return out
}
