package review

import (
	"context"
	"fmt"
	"html"
	"strings"

	"tribune/internal/comments"
	"tribune/internal/mail"
	"tribune/internal/moderation/policy"
	"tribune/internal/store"
)

// Notification kinds.
const (
	KindComment = "comment-decision"
	KindBlock   = "account-block"
	KindAppeal  = "appeal-decision"
)

// commentStatement is the statement of reasons for a decision on a
// comment: what was decided, under which rule, by whom, and what the
// author can do.
func (s *Service) commentStatement(c store.Comment, action string, r policy.Rule, automated bool, note string) store.Notification {
	var title, what string
	switch action {
	case store.ActionHold:
		title = "Your comment is waiting for a moderator"
		what = "Your comment was held for review and is not visible to other readers until a moderator approves it."
	default:
		title = "Your comment was removed"
		what = "Your comment was rejected and is not visible to other readers."
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s\n\n", what)
	fmt.Fprintf(&b, "Rule: %s. %s\n", r.Title, r.Text)
	if automated {
		b.WriteString("Decided by: our automated moderation system, applying the Community Standards.\n")
	} else {
		b.WriteString("Decided by: a moderator.\n")
	}
	if note != "" {
		fmt.Fprintf(&b, "Moderator's note: %s\n", note)
	}
	fmt.Fprintf(&b, "\nYour comment: %q\n\n", comments.Excerpt(c.Body, 300))
	if action == store.ActionReject {
		fmt.Fprintf(&b, "Rejected comments count as strikes; enough strikes block an account. ")
	}
	b.WriteString("You can edit the comment to meet the rule within the edit window and post it again. " +
		"If your account is blocked, you can appeal once from your account page.")
	return store.Notification{Kind: KindComment, Title: title, Body: b.String(), Link: s.cfg.BaseURL + "/account/notifications"}
}

// blockStatement is the statement of reasons for a block.
func (s *Service) blockStatement(u store.User, r policy.Rule, automated bool, reason string) store.Notification {
	var b strings.Builder
	if u.BlockPermanent {
		b.WriteString("Your account is blocked permanently: this is its second block. You can still read the site and sign in, " +
			"but you cannot comment or report comments. A second block cannot be appealed.\n\n")
	} else {
		b.WriteString("Your account is blocked: you can still read the site and sign in, but you cannot comment or report comments.\n\n")
	}
	if r.ID != "" {
		fmt.Fprintf(&b, "Rule: %s. %s\n", r.Title, r.Text)
	}
	if reason != "" {
		fmt.Fprintf(&b, "Reason: %s\n", reason)
	}
	if automated {
		b.WriteString("Decided by: our automated moderation system (the strikes of your rejected comments reached the limit).\n")
	} else {
		b.WriteString("Decided by: a moderator.\n")
	}
	if !u.BlockPermanent {
		fmt.Fprintf(&b, "\nYou may appeal this block once: %s/account/appeal\nA second block would be permanent.", s.cfg.BaseURL)
	}
	return store.Notification{Kind: KindBlock, Title: "Your account is blocked", Body: b.String(), Link: s.cfg.BaseURL + "/account/appeal"}
}

// appealStatement tells a reader the outcome of their appeal.
func (s *Service) appealStatement(a store.Appeal) store.Notification {
	if a.Status == store.AppealRestored {
		return store.Notification{Kind: KindAppeal, Title: "Your appeal was accepted: your account is restored",
			Body: "A moderator reviewed your appeal and restored your account; you can comment again.\n\nModerator's reason: " +
				a.DecisionReason + "\n\nPlease keep to the Community Standards: a second block would be permanent.",
			Link: s.cfg.BaseURL + "/account"}
	}
	return store.Notification{Kind: KindAppeal, Title: "Your appeal was rejected: the block stays",
		Body: "A moderator reviewed your appeal and kept the block.\n\nModerator's reason: " + a.DecisionReason +
			"\n\nYou may appeal a block only once.", Link: s.cfg.BaseURL + "/account"}
}

// email sends a notification to the account's address too.
func (s *Service) email(ctx context.Context, u store.User, n store.Notification) {
	if s.mail == nil || u.Email == "" || u.Deleted() {
		return
	}
	text := n.Body + "\n\n" + n.Link + "\n\n-- \n" + s.cfg.SiteName + "\n"
	var h strings.Builder
	h.WriteString("<!doctype html><html><body>")
	for _, p := range strings.Split(n.Body, "\n\n") {
		h.WriteString("<p>" + strings.ReplaceAll(html.EscapeString(p), "\n", "<br>") + "</p>")
	}
	fmt.Fprintf(&h, `<p><a href="%s">%s</a></p><p>%s</p></body></html>`, html.EscapeString(n.Link), html.EscapeString(n.Link), html.EscapeString(s.cfg.SiteName))
	m := mail.Message{To: u.Email, Subject: n.Title + " - " + s.cfg.SiteName, Text: text, HTML: h.String()}
	if err := s.mail.Send(ctx, m); err != nil {
		s.log.Warn("statement of reasons: email", "user", u.ID, "err", err)
	}
}
