package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// Session is a signed-in browser. ID is the hash of the cookie's token, so
// the table alone cannot be used to sign in.
type Session struct {
	ID         string
	UserID     string
	CreatedAt  time.Time
	LastSeenAt time.Time
	ExpiresAt  time.Time
	IP         string
	UserAgent  string
}

// CreateSession stores a new session.
func (s *Store) CreateSession(ctx context.Context, se Session) error {
	_, err := s.db.ExecContext(ctx, `INSERT INTO sessions (id, user_id, created_at, last_seen_at, expires_at, ip, user_agent)
		VALUES ($1, $2, $3, $4, $5, $6, $7)`, se.ID, se.UserID, millis(se.CreatedAt), millis(se.LastSeenAt), millis(se.ExpiresAt),
		se.IP, truncate(se.UserAgent, 300))
	if err != nil {
		return fmt.Errorf("create session: %w", mapErr(err))
	}
	return nil
}

// SessionUser loads an unexpired session with its account;
// ErrNotFound when the session is unknown or expired.
func (s *Store) SessionUser(ctx context.Context, id string, now time.Time) (Session, User, error) {
	var se Session
	var created, seen, expires int64
	err := s.db.QueryRowContext(ctx, `SELECT user_id, created_at, last_seen_at, expires_at, ip, user_agent
		FROM sessions WHERE id = $1 AND expires_at > $2`, id, millis(now)).
		Scan(&se.UserID, &created, &seen, &expires, &se.IP, &se.UserAgent)
	if err != nil {
		return se, User{}, fmt.Errorf("session: %w", mapErr(err))
	}
	se.ID = id
	se.CreatedAt, se.LastSeenAt, se.ExpiresAt = fromMillis(created), fromMillis(seen), fromMillis(expires)
	u, err := s.UserByID(ctx, se.UserID)
	return se, u, err
}

// TouchSession extends a session that is in use.
func (s *Store) TouchSession(ctx context.Context, id string, seen, expires time.Time) error {
	_, err := s.db.ExecContext(ctx, `UPDATE sessions SET last_seen_at = $2, expires_at = $3 WHERE id = $1`, id, millis(seen), millis(expires))
	if err != nil {
		return fmt.Errorf("touch session: %w", err)
	}
	return nil
}

// DeleteSession ends one session.
func (s *Store) DeleteSession(ctx context.Context, id string) error {
	if _, err := s.db.ExecContext(ctx, `DELETE FROM sessions WHERE id = $1`, id); err != nil {
		return fmt.Errorf("delete session: %w", err)
	}
	return nil
}

// DeleteUserSessions ends every session of a user except keepID (empty
// keeps none) and returns how many ended.
func (s *Store) DeleteUserSessions(ctx context.Context, userID, keepID string) (int, error) {
	return deleteUserSessions(ctx, s.db, userID, keepID)
}

func deleteUserSessions(ctx context.Context, q queryer, userID, keepID string) (int, error) {
	res, err := q.ExecContext(ctx, `DELETE FROM sessions WHERE user_id = $1 AND id <> $2`, userID, keepID)
	if err != nil {
		return 0, fmt.Errorf("delete sessions: %w", err)
	}
	n, _ := res.RowsAffected()
	return int(n), nil
}

// UserSessions lists a user's live sessions, newest first.
func (s *Store) UserSessions(ctx context.Context, userID string, now time.Time) ([]Session, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, user_id, created_at, last_seen_at, expires_at, ip, user_agent FROM sessions
		WHERE user_id = $1 AND expires_at > $2 ORDER BY last_seen_at DESC`, userID, millis(now))
	if err != nil {
		return nil, fmt.Errorf("sessions: %w", err)
	}
	defer rows.Close()
	var out []Session
	for rows.Next() {
		var se Session
		var created, seen, expires int64
		if err := rows.Scan(&se.ID, &se.UserID, &created, &seen, &expires, &se.IP, &se.UserAgent); err != nil {
			return nil, err
		}
		se.CreatedAt, se.LastSeenAt, se.ExpiresAt = fromMillis(created), fromMillis(seen), fromMillis(expires)
		out = append(out, se)
	}
	return out, rows.Err()
}

// PruneAccounts drops expired sessions, used or expired one-time tokens and
// stale rate-limit rows: housekeeping for a periodic job.
func (s *Store) PruneAccounts(ctx context.Context, now time.Time) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		for _, q := range []string{
			`DELETE FROM sessions WHERE expires_at <= $1`,
			`DELETE FROM user_tokens WHERE expires_at <= $1`,
			`DELETE FROM rate_limits WHERE locked_until <= $1 AND updated_at <= $1 - 86400000`,
			`DELETE FROM captcha_used WHERE expires_at <= $1`,
		} {
			if _, err := tx.ExecContext(ctx, q, millis(now)); err != nil {
				return fmt.Errorf("prune: %w", err)
			}
		}
		return nil
	})
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && s[n]&0xC0 == 0x80 {
		n--
	}
	return s[:n]
}
