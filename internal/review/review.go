// Package review is the moderators' workspace: the queues of comments the
// machine held, flagged or readers reported; decisions with a statement of
// reasons to the author; strikes, blocks and appeals; the audit log; and
// the figures of the transparency report.
//
// Every decision, by a moderator or the machine, is written with its audit
// entry, the author's notification and strike in one transaction; emails
// and webhooks follow from the durable jobs queue.
package review

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"sync/atomic"
	"time"

	"tribune/internal/mail"
	"tribune/internal/moderation/policy"
	"tribune/internal/news"
	"tribune/internal/store"
)

// Store is what the workspace keeps in the database.
type Store interface {
	QueueComments(ctx context.Context, f store.QueueFilter) ([]store.Comment, error)
	CountQueue(ctx context.Context, f store.QueueFilter) (int, error)
	QueueCounts(ctx context.Context) (map[string]int, error)
	CommentByID(ctx context.Context, id string) (store.Comment, error)
	CommentsByIDs(ctx context.Context, ids []string) ([]store.Comment, error)
	CommentReports(ctx context.Context, ids []string) ([]store.Report, error)
	AuthorRecords(ctx context.Context, userIDs []string) (map[string]store.AuthorRecord, error)
	ArticleByID(ctx context.Context, id string) (news.Article, error)
	UserByID(ctx context.Context, id string) (store.User, error)
	UserIdentities(ctx context.Context, userID string) ([]store.Identity, error)
	DecideComment(ctx context.Context, d store.Decision) (store.Decided, error)
	BlockUser(ctx context.Context, b store.Block) (store.User, error)
	UnblockUser(ctx context.Context, userID, actorID, reason string, admin bool, at time.Time) (store.User, error)
	Strikes(ctx context.Context, userID string, limit int) ([]store.Strike, error)
	CreateAppeal(ctx context.Context, a store.Appeal) (store.Appeal, error)
	UserAppeal(ctx context.Context, userID string, blockNumber int) (store.Appeal, error)
	Appeals(ctx context.Context, status string, limit int) ([]store.Appeal, error)
	DecideAppeal(ctx context.Context, id string, restore bool, actorID, reason string, at time.Time) (store.Appeal, error)
	AddUserNote(ctx context.Context, n store.UserNote) (store.UserNote, error)
	UserNotes(ctx context.Context, userID string) ([]store.UserNote, error)
	AddNotification(ctx context.Context, n store.Notification) error
	Notifications(ctx context.Context, userID string, limit int) ([]store.Notification, error)
	MarkNotificationsRead(ctx context.Context, userID string, at time.Time) error
	UnreadNotifications(ctx context.Context, userID string) (int, error)
	AuditLog(ctx context.Context, f store.AuditFilter) ([]store.AuditEntry, error)
	LastAudit(ctx context.Context, targetType, targetID string) (store.AuditEntry, error)
	AuditCounts(ctx context.Context, since, until time.Time) ([]store.AuditCount, error)
	BanIdentities(ctx context.Context, userID, kind string, hashes []string, at time.Time) error
	UnbanIdentities(ctx context.Context, userID string) error
	BannedIdentity(ctx context.Context, hashes ...string) (string, error)
	AddAudit(ctx context.Context, e store.AuditEntry) error
	UpdateUser(ctx context.Context, u store.User) error
	CountUsers(ctx context.Context, role string) (int, error)
	Setting(ctx context.Context, key string) (string, error)
	SetSetting(ctx context.Context, key, value string) error
	DeleteSetting(ctx context.Context, key string) error
}

// Mailer sends email (through the durable jobs queue).
type Mailer interface {
	Send(ctx context.Context, m mail.Message) error
}

// Hooks tells the newsroom's own tools (signed webhooks).
type Hooks interface {
	Notify(ctx context.Context, eventType string, data map[string]any)
}

// Config is what the workspace needs to know about the site.
type Config struct {
	SiteName string
	BaseURL  string
	// BlockAt is the strike points that block an account automatically
	// (0: never).
	BlockAt int
	// Key keys the hashes that recognise permanently blocked people.
	Key []byte
	Now func() time.Time
	// Changed, if set, is told an article whose visible comments changed
	// (page caches).
	Changed func(articleID string)
}

// Service is the workspace.
type Service struct {
	store Store
	mail  Mailer
	hooks Hooks
	cfg   Config
	log   *slog.Logger
	// pol is the policy in force (SetPolicy).
	pol atomic.Pointer[policy.Policy]
	// apply puts a changed policy in force on this node (OnPolicy).
	apply func(*policy.Policy) error
}

// OnPolicy sets what puts a changed policy in force on this node: the
// engine, the Community Standards page, and this service.
func (s *Service) OnPolicy(fn func(*policy.Policy) error) { s.apply = fn }

// New returns the workspace. mail and hooks may be nil.
func New(cfg Config, st Store, p *policy.Policy, m Mailer, h Hooks, log *slog.Logger) *Service {
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	s := &Service{store: st, mail: m, hooks: h, cfg: cfg, log: log}
	s.pol.Store(p)
	return s
}

// SetPolicy puts a changed policy in force for decisions and statements.
func (s *Service) SetPolicy(p *policy.Policy) { s.pol.Store(p) }

// Policy is the policy decisions refer to.
func (s *Service) Policy() *policy.Policy { return s.pol.Load() }

// Problem is an error written for people (moderators or readers): the
// pages show its text.
type Problem struct{ Message string }

func (p *Problem) Error() string { return p.Message }

// Errors moderators and readers see.
var (
	ErrDecided     = errors.New("someone else decided this meanwhile")
	ErrNoRule      = &Problem{"Choose the rule the comment breaks."}
	ErrNeedReason  = &Problem{"Give a reason (at least 3 characters)."}
	ErrNotBlocked  = &Problem{"This account is not blocked."}
	ErrBlocked     = &Problem{"This account is blocked already."}
	ErrPermanent   = &Problem{"This block is permanent: only an admin can lift it."}
	ErrAppealed    = &Problem{"You have already appealed this block; you may appeal a block only once."}
	ErrNoAppeal    = &Problem{"A permanent block cannot be appealed."}
	ErrExplanation = &Problem{"Explain what broke the rules and why access should return (at least 20 characters)."}
	ErrNotStaff    = &Problem{"Only moderators can do this."}
)

// DecidedError says who decided an item first.
type DecidedError struct {
	By string
	At time.Time
}

func (e *DecidedError) Error() string {
	if e.By == "" {
		return "This item was decided by someone else meanwhile; it has left the queue."
	}
	return fmt.Sprintf("%s decided this item at %s; it has left the queue.", e.By, e.At.UTC().Format("15:04:05 MST"))
}

func (e *DecidedError) Unwrap() error { return ErrDecided }

// now is the current time, to the stored millisecond.
func (s *Service) now() time.Time { return s.cfg.Now().UTC().Truncate(time.Millisecond) }

// ruleTitle is a rule's title, or its id for rules not in the policy.
func (s *Service) rule(id string) policy.Rule {
	if r, ok := s.Policy().Rule(id); ok {
		return r
	}
	return policy.Rule{ID: id, Title: id, Text: id, Severity: 1}
}

// identityHashes are the keyed hashes of an account's email and social
// identities: what recognises a permanently blocked person who registers
// again, without keeping the email in clear.
func (s *Service) identityHashes(ctx context.Context, u store.User) []string {
	var out []string
	if u.Email != "" {
		out = append(out, s.hash("email:"+store.NormalizeEmail(u.Email)))
	}
	ids, err := s.store.UserIdentities(ctx, u.ID)
	if err != nil {
		s.log.Warn("identities for a ban", "user", u.ID, "err", err)
	}
	for _, id := range ids {
		out = append(out, s.hash("social:"+id.Provider+":"+id.Subject))
	}
	return out
}

func (s *Service) hash(v string) string {
	m := hmac.New(sha256.New, s.cfg.Key)
	m.Write([]byte(v))
	return hex.EncodeToString(m.Sum(nil))
}

// webhook sends an event to the newsroom's tools, if any.
func (s *Service) webhook(ctx context.Context, event string, data map[string]any) {
	if s.hooks != nil {
		s.hooks.Notify(ctx, event, data)
	}
}
