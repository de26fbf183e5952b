// Package accounts holds the reader account lifecycle: registration with
// consent, email verification, sessions, sign-in limits, recovery, changes,
// export, deletion with a 30-day restore, and API tokens. It has the rules;
// the pages live in package site and the SQL in package store.
package accounts

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"tribune/internal/mail"
	"tribune/internal/password"
	"tribune/internal/store"
)

// Store is the persistence the account rules need.
type Store interface {
	CreateUser(ctx context.Context, u store.User) (store.User, error)
	UserByID(ctx context.Context, id string) (store.User, error)
	UserByEmail(ctx context.Context, email string) (store.User, error)
	UpdateUser(ctx context.Context, u store.User) error
	EmailTaken(ctx context.Context, email string) (bool, error)
	NameTaken(ctx context.Context, nameKey, exceptID string) (bool, error)
	Users(ctx context.Context, limit, offset int) ([]store.User, error)

	CreateSession(ctx context.Context, se store.Session) error
	SessionUser(ctx context.Context, id string, now time.Time) (store.Session, store.User, error)
	TouchSession(ctx context.Context, id string, seen, expires time.Time) error
	DeleteSession(ctx context.Context, id string) error
	DeleteUserSessions(ctx context.Context, userID, keepID string) (int, error)
	UserSessions(ctx context.Context, userID string, now time.Time) ([]store.Session, error)

	CreateUserToken(ctx context.Context, t store.UserToken) error
	PeekUserToken(ctx context.Context, hash, kind string, now time.Time) (store.UserToken, error)
	UseUserToken(ctx context.Context, hash, kind string, now time.Time, fn func(tx store.Tx, t store.UserToken) error) error

	RateLimit(ctx context.Context, key string) (store.Limit, error)
	AddFailure(ctx context.Context, key string, now time.Time, lock func(failures int) time.Duration) (store.Limit, error)
	ResetLimit(ctx context.Context, key string) error
	CountHit(ctx context.Context, key string, now time.Time, window time.Duration) (int, time.Time, error)

	LinkIdentity(ctx context.Context, id store.Identity) error
	IdentityUser(ctx context.Context, provider, subject string) (store.User, error)
	UserIdentities(ctx context.Context, userID string) ([]store.Identity, error)

	CreateAPIToken(ctx context.Context, userID, hash, name string, now time.Time) (store.APIToken, error)
	APITokenUser(ctx context.Context, hash string, now time.Time) (store.APIToken, store.User, error)
	APITokens(ctx context.Context, userID string) ([]store.APIToken, error)
	RevokeAPIToken(ctx context.Context, id, hash string, now time.Time) error

	EnqueueJob(ctx context.Context, j store.Job) (string, error)
	CancelJob(ctx context.Context, uniqueKey string) (bool, error)
	Purge(ctx context.Context, userID string, now time.Time, removeComments bool) (bool, error)
	UserComments(ctx context.Context, userID string, limit int) ([]store.Comment, []string, error)
}

// Mailer delivers account emails (in production through the jobs queue, so
// a failed delivery is retried).
type Mailer interface {
	Send(ctx context.Context, m mail.Message) error
}

// Config is what the rules need to know about the site.
type Config struct {
	SiteName string
	BaseURL  string
	// PolicyVersion is the privacy policy version readers consent to.
	PolicyVersion string
	// SessionTTL is how long an unused session lasts (sliding).
	SessionTTL time.Duration
	// RestoreWindow is how long a deleted account can be restored.
	RestoreWindow time.Duration
	// PurgeComments removes a purged reader's comments; otherwise they stay,
	// anonymised.
	PurgeComments bool
	// Password are the argon2id parameters for new hashes.
	Password password.Params
	Now      func() time.Time
}

// Service applies the account rules.
type Service struct {
	cfg   Config
	store Store
	mail  Mailer
	log   *slog.Logger
	// dummyHash is verified against when an email is unknown, so a failed
	// sign-in takes as long whether or not the account exists.
	dummyHash string
	// hashSlots bounds how many argon2id computations run at once: each
	// takes its parameters' memory, so a burst of sign-ins must queue
	// rather than exhaust the node's memory.
	hashSlots chan struct{}
	// newAccount, if set, sees every new account and newly linked social
	// identity (recognising permanently blocked people).
	newAccount func(ctx context.Context, u store.User) error
}

// OnNewAccount sets a check run on every new account and on every social
// identity linked to one, after it is stored; set it before use.
func (s *Service) OnNewAccount(fn func(ctx context.Context, u store.User) error) { s.newAccount = fn }

// checkNew runs the new-account check; its failure is logged, never
// shown: the account exists either way.
func (s *Service) checkNew(ctx context.Context, u store.User) {
	if s.newAccount == nil {
		return
	}
	if err := s.newAccount(ctx, u); err != nil {
		s.log.Warn("new account check", "user", u.ID, "err", err)
	}
}

// maxConcurrentHashes is how many password hashes one node computes at once.
const maxConcurrentHashes = 4

// hash computes a password hash in one of the bounded slots.
func (s *Service) hash(ctx context.Context, pw string) (string, error) {
	if err := s.acquire(ctx); err != nil {
		return "", err
	}
	defer func() { <-s.hashSlots }()
	return password.Hash(pw, s.cfg.Password)
}

// verify checks a password against a hash in one of the bounded slots.
func (s *Service) verify(ctx context.Context, pw, hash string) (bool, error) {
	if err := s.acquire(ctx); err != nil {
		return false, err
	}
	defer func() { <-s.hashSlots }()
	return password.Verify(pw, hash)
}

func (s *Service) acquire(ctx context.Context) error {
	select {
	case s.hashSlots <- struct{}{}:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Lifetimes of the one-time links.
const (
	verifyTTL      = 48 * time.Hour
	resetTTL       = time.Hour
	emailChangeTTL = 24 * time.Hour
)

// New builds the service.
func New(cfg Config, st Store, m Mailer, log *slog.Logger) (*Service, error) {
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.SessionTTL == 0 {
		cfg.SessionTTL = 30 * 24 * time.Hour
	}
	if cfg.RestoreWindow == 0 {
		cfg.RestoreWindow = 30 * 24 * time.Hour
	}
	if cfg.Password.Memory == 0 {
		cfg.Password = password.Default
	}
	h, err := password.Hash("not a real password, only for timing", cfg.Password)
	if err != nil {
		return nil, err
	}
	return &Service{cfg: cfg, store: st, mail: m, log: log, dummyHash: h, hashSlots: make(chan struct{}, maxConcurrentHashes)}, nil
}

func (s *Service) now() time.Time { return s.cfg.Now().UTC() }

// FormError carries reader-facing messages by form field ("name", "email",
// "password", "consent", "captcha", "" for the form as a whole).
type FormError struct{ Fields map[string]string }

func (e *FormError) Error() string {
	var parts []string
	for f, m := range e.Fields {
		parts = append(parts, f+": "+m)
	}
	return "invalid form: " + strings.Join(parts, "; ")
}

// formError builds a FormError for one field.
func formError(field, msg string) *FormError {
	return &FormError{Fields: map[string]string{field: msg}}
}

// add records a message for a field unless it already has one.
func (e *FormError) add(field, msg string) {
	if _, ok := e.Fields[field]; !ok {
		e.Fields[field] = msg
	}
}

// LimitError means too many attempts; the reader may try again after Wait.
type LimitError struct{ Wait time.Duration }

func (e *LimitError) Error() string {
	return "Too many attempts. Please wait " + humanDuration(e.Wait) + " before trying again."
}

// humanDuration renders a wait for people: "40 seconds", "3 minutes".
func humanDuration(d time.Duration) string {
	switch {
	case d < 2*time.Second:
		return "a second"
	case d < 90*time.Second:
		return fmt.Sprintf("%d seconds", int(d.Round(time.Second)/time.Second))
	case d < 90*time.Minute:
		return fmt.Sprintf("%d minutes", int((d+time.Minute-1)/time.Minute))
	default:
		return fmt.Sprintf("%d hours", int((d+time.Hour-1)/time.Hour))
	}
}

// Errors the pages explain to readers.
var (
	ErrBadCredentials = errors.New("The email or password is not correct.")
	ErrDeletedAccount = errors.New("This account was deleted. Use the link in the email we sent to restore it within 30 days.")
	ErrLinkExpired    = errors.New("This link has expired. Ask for a new one.")
	ErrLinkUsed       = errors.New("This link was already used.")
	ErrLinkInvalid    = errors.New("This link is not valid. Check that you copied all of it.")
	ErrNoSession      = errors.New("not signed in")
)

// linkError turns store token errors into reader messages.
func linkError(err error) error {
	switch {
	case errors.Is(err, store.ErrTokenExpired):
		return ErrLinkExpired
	case errors.Is(err, store.ErrTokenUsed):
		return ErrLinkUsed
	case errors.Is(err, store.ErrNotFound):
		return ErrLinkInvalid
	}
	return err
}
