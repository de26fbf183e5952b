package review

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"tribune/internal/store"
)

// Block blocks an account by hand, with a rule (optional) and a reason.
func (s *Service) Block(ctx context.Context, mod store.User, userID, rule, reason string) (store.User, error) {
	if !isStaff(mod) {
		return store.User{}, ErrNotStaff
	}
	reason = strings.TrimSpace(reason)
	if utf8.RuneCountInString(reason) < 3 {
		return store.User{}, ErrNeedReason
	}
	if rule != "" {
		if _, ok := s.Policy().Rule(rule); !ok {
			return store.User{}, ErrNoRule
		}
	}
	if userID == mod.ID {
		return store.User{}, &Problem{"You cannot block yourself."}
	}
	u, err := s.store.BlockUser(ctx, store.Block{UserID: userID, ActorID: mod.ID, Rule: rule, Reason: reason, At: s.now()})
	if errors.Is(err, store.ErrConflict) {
		return u, ErrBlocked
	}
	if err != nil {
		return u, err
	}
	r := s.rule(rule)
	if rule == "" {
		r.ID, r.Title, r.Text = "", "", ""
	}
	s.blocked(ctx, u, r, false, reason, mod.ID)
	return u, nil
}

// Unblock lifts a block. A permanent block needs an admin, whose reason
// is kept in the audit log, and forgets the person's banned identities.
func (s *Service) Unblock(ctx context.Context, actor store.User, userID, reason string) (store.User, error) {
	if !isStaff(actor) {
		return store.User{}, ErrNotStaff
	}
	reason = strings.TrimSpace(reason)
	if utf8.RuneCountInString(reason) < 3 {
		return store.User{}, ErrNeedReason
	}
	admin := actor.Role == store.RoleAdmin
	u, err := s.store.UnblockUser(ctx, userID, actor.ID, reason, admin, s.now())
	switch {
	case errors.Is(err, store.ErrConflict):
		return u, ErrNotBlocked
	case errors.Is(err, store.ErrPermanent):
		return u, ErrPermanent
	case err != nil:
		return u, err
	}
	if admin {
		if err := s.store.UnbanIdentities(ctx, userID); err != nil {
			s.log.Warn("unblock: forget identities", "user", userID, "err", err)
		}
	}
	n := store.Notification{UserID: u.ID, Kind: KindBlock, Title: "Your account is unblocked",
		Body: "A moderator lifted the block on your account; you can comment again.\n\nReason: " + reason, Link: s.cfg.BaseURL + "/account",
		CreatedAt: s.now()}
	if err := s.store.AddNotification(ctx, n); err != nil {
		s.log.Warn("unblock: notification", "user", u.ID, "err", err)
	}
	s.email(ctx, u, n)
	return u, nil
}

// AppealSubject is the subject every appeal carries.
const AppealSubject = "Restoration of account / unlock access"

// Appeal files a blocked reader's one appeal against the current block.
func (s *Service) Appeal(ctx context.Context, u store.User, explanation string) (store.Appeal, error) {
	explanation = strings.TrimSpace(explanation)
	if !u.Blocked() {
		return store.Appeal{}, ErrNotBlocked
	}
	if u.BlockPermanent {
		return store.Appeal{}, ErrNoAppeal
	}
	if utf8.RuneCountInString(explanation) < 20 {
		return store.Appeal{}, ErrExplanation
	}
	if utf8.RuneCountInString(explanation) > 5000 {
		return store.Appeal{}, &Problem{"The explanation is too long (at most 5,000 characters)."}
	}
	a, err := s.store.CreateAppeal(ctx, store.Appeal{UserID: u.ID, Subject: AppealSubject, Explanation: explanation, CreatedAt: s.now()})
	switch {
	case errors.Is(err, store.ErrConflict):
		return a, ErrAppealed
	case errors.Is(err, store.ErrPermanent):
		return a, ErrNoAppeal
	case errors.Is(err, store.ErrNotFound):
		return a, ErrNotBlocked
	case err != nil:
		return a, err
	}
	s.webhook(ctx, "appeal.received", map[string]any{"appeal_id": a.ID, "user_id": u.ID, "subject": a.Subject})
	return a, nil
}

// AppealState is what a reader's account page shows about a block.
type AppealState struct {
	Blocked   bool
	Permanent bool
	Reason    string
	// Appeal is the appeal against the current block, if filed.
	Appeal *store.Appeal
}

// State tells a reader where they stand.
func (s *Service) State(ctx context.Context, u store.User) (AppealState, error) {
	st := AppealState{Blocked: u.Blocked(), Permanent: u.BlockPermanent, Reason: u.BlockReason}
	if !u.Blocked() {
		return st, nil
	}
	a, err := s.store.UserAppeal(ctx, u.ID, u.BlockCount)
	if err == nil {
		st.Appeal = &a
	} else if !errors.Is(err, store.ErrNotFound) {
		return st, err
	}
	return st, nil
}

// DecideAppeal restores the account or upholds the block, with a reason;
// the reader is told.
func (s *Service) DecideAppeal(ctx context.Context, mod store.User, id string, restore bool, reason string) (store.Appeal, error) {
	if !isStaff(mod) {
		return store.Appeal{}, ErrNotStaff
	}
	reason = strings.TrimSpace(reason)
	if utf8.RuneCountInString(reason) < 3 {
		return store.Appeal{}, ErrNeedReason
	}
	a, err := s.store.DecideAppeal(ctx, id, restore, mod.ID, reason, s.now())
	if errors.Is(err, store.ErrConflict) {
		de := &DecidedError{}
		if e, lerr := s.store.LastAudit(ctx, store.TargetAppeal, id); lerr == nil {
			de.By, de.At = e.ActorName, e.At
		}
		return a, de
	}
	if err != nil {
		return a, err
	}
	n := s.appealStatement(a)
	n.UserID, n.CreatedAt = a.UserID, s.now()
	if err := s.store.AddNotification(ctx, n); err != nil {
		s.log.Warn("appeal: notification", "user", a.UserID, "err", err)
	}
	if u, err := s.store.UserByID(ctx, a.UserID); err == nil {
		s.email(ctx, u, n)
	}
	return a, nil
}

// AddNote keeps a moderator's private note on an account.
func (s *Service) AddNote(ctx context.Context, mod store.User, userID, body string) (store.UserNote, error) {
	if !isStaff(mod) {
		return store.UserNote{}, ErrNotStaff
	}
	body = strings.TrimSpace(body)
	if body == "" || utf8.RuneCountInString(body) > 5000 {
		return store.UserNote{}, &Problem{"Write a note of 1 to 5,000 characters."}
	}
	return s.store.AddUserNote(ctx, store.UserNote{UserID: userID, AuthorID: mod.ID, Body: body, CreatedAt: s.now()})
}

// Recognise checks a new account against the identities of permanently
// blocked people; a match is blocked permanently at once (it can still
// read), with the reason in the audit log.
func (s *Service) Recognise(ctx context.Context, u store.User) error {
	hashes := s.identityHashes(ctx, u)
	old, err := s.store.BannedIdentity(ctx, hashes...)
	if errors.Is(err, store.ErrNotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	if old == u.ID {
		return nil
	}
	reason := fmt.Sprintf("Block evasion: this email address or social account belongs to a permanently blocked account (%s).", old)
	b, err := s.store.BlockUser(ctx, store.Block{UserID: u.ID, Automated: true, Reason: reason, At: s.now(), Permanent: true})
	if errors.Is(err, store.ErrConflict) {
		return nil // blocked already
	}
	if err != nil {
		return err
	}
	u = b
	s.blocked(ctx, u, s.rule(""), true, reason, "")
	return nil
}

// SetRole changes an account's role (admins only), with a reason in the
// audit log. The last admin cannot step down.
func (s *Service) SetRole(ctx context.Context, admin store.User, userID, role, reason string) (store.User, error) {
	if admin.Role != store.RoleAdmin {
		return store.User{}, &Problem{"Only admins can change roles."}
	}
	if !store.ValidRole(role) {
		return store.User{}, &Problem{"Choose reader, moderator, editor or admin."}
	}
	reason = strings.TrimSpace(reason)
	if utf8.RuneCountInString(reason) < 3 {
		return store.User{}, ErrNeedReason
	}
	u, err := s.store.UserByID(ctx, userID)
	if err != nil {
		return u, err
	}
	if u.Role == role {
		return u, &Problem{"The account has this role already."}
	}
	if u.Role == store.RoleAdmin {
		n, err := s.store.CountUsers(ctx, store.RoleAdmin)
		if err != nil {
			return u, err
		}
		if n <= 1 {
			return u, &Problem{"This is the last admin; make another admin first."}
		}
	}
	before := u.Role
	u.Role = role
	if err := s.store.UpdateUser(ctx, u); err != nil {
		return u, err
	}
	if err := s.store.AddAudit(ctx, store.AuditEntry{At: s.now(), ActorID: admin.ID, Action: store.ActionRole, TargetType: store.TargetUser,
		TargetID: u.ID, SubjectID: u.ID, Reason: reason, Before: before, After: role}); err != nil {
		s.log.Warn("role change: audit", "err", err)
	}
	return u, nil
}
