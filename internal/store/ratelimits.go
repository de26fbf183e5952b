package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// Limit is the state of one rate-limited key ("login:acct:EMAIL",
// "login:ip:ADDR"...), kept in the database so that every node enforces it.
type Limit struct {
	Key         string
	Failures    int
	LockedUntil time.Time
}

// RateLimit reads a key's state; a missing key is a zero Limit.
func (s *Store) RateLimit(ctx context.Context, key string) (Limit, error) {
	l := Limit{Key: key}
	var locked int64
	err := s.db.QueryRowContext(ctx, `SELECT failures, locked_until FROM rate_limits WHERE key = $1`, key).Scan(&l.Failures, &locked)
	if errors.Is(err, sql.ErrNoRows) {
		return l, nil
	}
	if err != nil {
		return l, fmt.Errorf("rate limit: %w", err)
	}
	l.LockedUntil = fromMillis(locked)
	return l, nil
}

// AddFailure counts one failure for key and sets the lock that lock (a
// function of the new failure count) returns, atomically.
func (s *Store) AddFailure(ctx context.Context, key string, now time.Time, lock func(failures int) time.Duration) (Limit, error) {
	l := Limit{Key: key}
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, `INSERT INTO rate_limits (key, failures, locked_until, updated_at) VALUES ($1, 1, 0, $2)
			ON CONFLICT (key) DO UPDATE SET failures = rate_limits.failures + 1, updated_at = excluded.updated_at
			RETURNING failures`, key, millis(now)).Scan(&l.Failures)
		if err != nil {
			return fmt.Errorf("rate limit: %w", err)
		}
		if d := lock(l.Failures); d > 0 {
			l.LockedUntil = now.Add(d)
			_, err = tx.ExecContext(ctx, `UPDATE rate_limits SET locked_until = $2 WHERE key = $1`, key, millis(l.LockedUntil))
		}
		return err
	})
	return l, err
}

// ResetLimit forgets a key's failures (after a successful login).
func (s *Store) ResetLimit(ctx context.Context, key string) error {
	if _, err := s.db.ExecContext(ctx, `DELETE FROM rate_limits WHERE key = $1`, key); err != nil {
		return fmt.Errorf("reset rate limit: %w", err)
	}
	return nil
}

// CountHit counts one use of key within a fixed window starting at its
// first use and returns the count so far and when the window ends. It backs
// "at most N per hour" limits (registrations per address, reset emails).
func (s *Store) CountHit(ctx context.Context, key string, now time.Time, window time.Duration) (int, time.Time, error) {
	var n int
	var until int64
	err := s.db.QueryRowContext(ctx, `INSERT INTO rate_limits (key, failures, locked_until, updated_at) VALUES ($1, 1, $3, $2)
		ON CONFLICT (key) DO UPDATE SET
			failures = CASE WHEN rate_limits.locked_until <= excluded.updated_at THEN 1 ELSE rate_limits.failures + 1 END,
			locked_until = CASE WHEN rate_limits.locked_until <= excluded.updated_at THEN excluded.locked_until ELSE rate_limits.locked_until END,
			updated_at = excluded.updated_at
		RETURNING failures, locked_until`, key, millis(now), millis(now.Add(window))).Scan(&n, &until)
	if err != nil {
		return 0, time.Time{}, fmt.Errorf("count hit: %w", err)
	}
	return n, fromMillis(until), nil
}
