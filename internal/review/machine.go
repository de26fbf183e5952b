package review

import (
	"context"
	"fmt"

	"tribune/internal/moderation"
	"tribune/internal/moderation/policy"
	"tribune/internal/store"
)

// Prepare attaches the engine's decision on a new comment to it, so the
// comment store records it in the same transaction as the comment: the
// audit entry, the statement of reasons (held and rejected comments) and
// the strike (rejected ones). Published comments without remark get
// nothing.
func (s *Service) Prepare(c *store.Comment, d moderation.Decision) {
	var action string
	switch d.Action {
	case moderation.Hold:
		action = store.ActionHold
	case moderation.Reject:
		action = store.ActionReject
	case moderation.Flag:
		action = store.ActionFlag
	default:
		return
	}
	r := s.deciding(d)
	m := &store.MachineDecision{Action: action, Rule: r.ID, Reason: r.Title}
	if action == store.ActionReject {
		m.Reason = fmt.Sprintf("%s; strike of %d point(s)", r.Title, max(r.Severity, 1))
	}
	// The author gets the statement of reasons in their notifications (a
	// held comment's also by email, Written); a rejection at posting is
	// also answered on the spot, the comment kept to fix.
	if action != store.ActionFlag {
		n := s.commentStatement(*c, action, r, true, "")
		m.Notify = &n
	}
	if action == store.ActionReject {
		m.Strike = &store.Strike{Rule: r.ID, Points: max(r.Severity, 1), BlockAt: s.cfg.BlockAt,
			Reason: fmt.Sprintf("Your rejected comments reached %d strike points (the last one: %s).", s.cfg.BlockAt, r.Title)}
	}
	c.Machine = m
}

// deciding is the rule behind a decision: the first fired rule whose
// action is the decision's (the strongest), else the first.
func (s *Service) deciding(d moderation.Decision) policy.Rule {
	for _, rs := range d.Reasons {
		if r, ok := s.Policy().Rule(rs.Rule); ok && string(r.Action) == string(d.Action) {
			return r
		}
	}
	if len(d.Reasons) > 0 {
		return s.rule(d.Reasons[0].Rule)
	}
	return policy.Rule{}
}

// Written follows a stored comment's machine decision with what needs no
// transaction: the email copy of the statement, the webhooks, and the
// aftermath of a block its strike caused.
func (s *Service) Written(ctx context.Context, c store.Comment, author store.User) {
	m := c.Machine
	if m == nil {
		return
	}
	// A held comment's author may have left the page: the statement goes
	// by email too. A rejection at posting was explained on the spot (the
	// text kept to fix) and sits in the notifications; mailing every
	// rejected attempt would flood inboxes.
	if m.Notify != nil && m.Action == store.ActionHold {
		s.email(ctx, author, *m.Notify)
	}
	switch m.Action {
	case store.ActionHold:
		s.webhook(ctx, "comment.held", commentEvent(c, moderationRules(c.Reasons), "hold", ""))
	case store.ActionReject:
		s.webhook(ctx, "comment.decided", commentEvent(c, moderationRules(c.Reasons), "reject", ""))
	}
	if m.Blocked != nil {
		s.blocked(ctx, *m.Blocked, s.rule(m.Rule), true, m.Strike.Reason, "")
	}
}

// commentEvent is a comment webhook's data; an empty moderatorID means the
// machine decided.
func commentEvent(c store.Comment, rules []string, decision, moderatorID string) map[string]any {
	data := map[string]any{"comment_id": c.ID, "article_id": c.ArticleID, "author_id": c.AuthorID, "rules": rules,
		"decision": decision, "automated": moderatorID == ""}
	if moderatorID != "" {
		data["moderator_id"] = moderatorID
	}
	return data
}

// moderationRules lists the rule ids of stored reasons.
func moderationRules(reasons string) []string {
	out := []string{}
	for _, r := range moderation.ParseReasons(reasons) {
		out = append(out, r.Rule)
	}
	return out
}

// blocked tells a newly blocked reader (notification and email), the
// newsroom's tools, and for a permanent block remembers the person's
// identities so that a new account of theirs is recognised.
func (s *Service) blocked(ctx context.Context, u store.User, r policy.Rule, automated bool, reason, actorID string) {
	n := s.blockStatement(u, r, automated, reason)
	n.UserID, n.CreatedAt = u.ID, s.now()
	if err := s.store.AddNotification(ctx, n); err != nil {
		s.log.Warn("block: notification", "user", u.ID, "err", err)
	}
	s.email(ctx, u, n)
	if u.BlockPermanent {
		if err := s.store.BanIdentities(ctx, u.ID, "block", s.identityHashes(ctx, u), s.now()); err != nil {
			s.log.Warn("block: remember identities", "user", u.ID, "err", err)
		}
	}
	data := map[string]any{"user_id": u.ID, "reason": reason, "rule": r.ID, "permanent": u.BlockPermanent, "automated": automated}
	if actorID != "" {
		data["moderator_id"] = actorID
	}
	s.webhook(ctx, "user.blocked", data)
}

// Marked follows a rule found after a comment was published (the first
// comments of a flash mob): a held comment's author gets the statement of
// reasons, and the newsroom's tools hear of the hold.
func (s *Service) Marked(ctx context.Context, c store.Comment, reason moderation.Reason) {
	if c.Status != store.CommentHeld {
		return
	}
	n := s.commentStatement(c, store.ActionHold, s.rule(reason.Rule), true, "")
	n.UserID, n.CreatedAt = c.AuthorID, s.now()
	if err := s.store.AddNotification(ctx, n); err != nil {
		s.log.Warn("hold: notification", "comment", c.ID, "err", err)
	}
	if u, err := s.store.UserByID(ctx, c.AuthorID); err == nil {
		s.email(ctx, u, n)
	}
	s.webhook(ctx, "comment.held", commentEvent(c, moderationRules(c.Reasons), "hold", ""))
}
