package accounts

import (
	"context"
	"errors"
	"time"

	"tribune/internal/secret"
	"tribune/internal/store"
)

// Sign-in limits: after freeFailures failed attempts on one account (or
// ipFreeFailures from one address, which may be a shared office or a
// mobile carrier) each further failure doubles the wait, up to maxLock.
const (
	freeFailures   = 4
	ipFreeFailures = 20
	maxLock        = 15 * time.Minute
)

// lockAfter returns the lock that the n-th failure earns once free
// attempts are spent: 2 s, 4 s, 8 s ... up to maxLock.
func lockAfter(free int) func(n int) time.Duration {
	return func(n int) time.Duration {
		if n <= free {
			return 0
		}
		shift := min(n-free, 20)
		return min(time.Second<<shift, maxLock)
	}
}

func accountKey(email string) string { return "login:acct:" + store.NormalizeEmail(email) }
func ipKey(ip string) string         { return "login:ip:" + ip }

// Login checks an email and password and opens a session. Attempts are
// limited per account and per address; the limits live in the database,
// so they hold across nodes.
func (s *Service) Login(ctx context.Context, email, pw, ip, userAgent string) (store.User, string, error) {
	now := s.now()
	for _, key := range []string{accountKey(email), ipKey(ip)} {
		l, err := s.store.RateLimit(ctx, key)
		if err != nil {
			return store.User{}, "", err
		}
		if l.LockedUntil.After(now) {
			return store.User{}, "", &LimitError{Wait: l.LockedUntil.Sub(now)}
		}
	}
	u, err := s.store.UserByEmail(ctx, email)
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		return store.User{}, "", err
	}
	hash := u.PasswordHash
	if err != nil || hash == "" {
		hash = s.dummyHash
	}
	ok, verr := s.verify(ctx, pw, hash)
	if verr != nil || !ok || err != nil || u.PasswordHash == "" {
		return store.User{}, "", s.failLogin(ctx, email, ip)
	}
	if u.Deleted() {
		return store.User{}, "", ErrDeletedAccount
	}
	s.store.ResetLimit(ctx, accountKey(email))
	token, err := s.StartSession(ctx, u, ip, userAgent)
	return u, token, err
}

// failLogin counts a failed attempt and says how long to wait if the
// attempt locked the account or address.
func (s *Service) failLogin(ctx context.Context, email, ip string) error {
	now := s.now()
	a, err := s.store.AddFailure(ctx, accountKey(email), now, lockAfter(freeFailures))
	if err != nil {
		return err
	}
	b, err := s.store.AddFailure(ctx, ipKey(ip), now, lockAfter(ipFreeFailures))
	if err != nil {
		return err
	}
	if until := later(a.LockedUntil, b.LockedUntil); until.After(now) {
		return &LimitError{Wait: until.Sub(now)}
	}
	return ErrBadCredentials
}

func later(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

// StartSession opens a new session for u and returns the cookie's secret.
// Every sign-in gets a fresh id, so a session id planted before sign-in
// (session fixation) is worthless.
func (s *Service) StartSession(ctx context.Context, u store.User, ip, userAgent string) (string, error) {
	token, hash := secret.New()
	now := s.now()
	err := s.store.CreateSession(ctx, store.Session{ID: hash, UserID: u.ID, CreatedAt: now, LastSeenAt: now,
		ExpiresAt: now.Add(s.cfg.SessionTTL), IP: ip, UserAgent: userAgent})
	return token, err
}

// touchEvery is how stale last_seen may get before a request refreshes it.
const touchEvery = 10 * time.Minute

// Session returns the session and account behind a cookie's secret.
// Deleted accounts have no sessions; ErrNoSession covers every miss.
func (s *Service) Session(ctx context.Context, token string) (store.Session, store.User, error) {
	if token == "" || len(token) > 100 {
		return store.Session{}, store.User{}, ErrNoSession
	}
	now := s.now()
	se, u, err := s.store.SessionUser(ctx, secret.Hash(token), now)
	if errors.Is(err, store.ErrNotFound) || (err == nil && u.Deleted()) {
		return se, u, ErrNoSession
	}
	if err != nil {
		return se, u, err
	}
	if now.Sub(se.LastSeenAt) > touchEvery {
		if err := s.store.TouchSession(ctx, se.ID, now, now.Add(s.cfg.SessionTTL)); err != nil {
			s.log.Warn("touch session", "err", err)
		}
	}
	return se, u, nil
}

// Logout ends the session behind a cookie's secret.
func (s *Service) Logout(ctx context.Context, token string) error {
	if token == "" {
		return nil
	}
	return s.store.DeleteSession(ctx, secret.Hash(token))
}

// LogoutEverywhere ends every session of the account, this one included.
func (s *Service) LogoutEverywhere(ctx context.Context, u store.User) (int, error) {
	return s.store.DeleteUserSessions(ctx, u.ID, "")
}

// Sessions lists the account's signed-in browsers.
func (s *Service) Sessions(ctx context.Context, u store.User) ([]store.Session, error) {
	return s.store.UserSessions(ctx, u.ID, s.now())
}
