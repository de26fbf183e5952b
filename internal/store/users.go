package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Roles a user can have, from least to most powerful.
const (
	RoleReader    = "reader"
	RoleModerator = "moderator"
	RoleEditor    = "editor"
	RoleAdmin     = "admin"
)

// User is an account.
type User struct {
	ID           string
	Email        string
	Name         string
	Role         string
	PasswordHash string
	CreatedAt    time.Time
}

// CountUsers counts the users with a role.
func (s *Store) CountUsers(ctx context.Context, role string) (int, error) {
	var n int
	if err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM users WHERE role = $1`, role).Scan(&n); err != nil {
		return 0, fmt.Errorf("count users: %w", err)
	}
	return n, nil
}

// UserByEmail finds a user by (normalised) email.
func (s *Store) UserByEmail(ctx context.Context, email string) (User, error) {
	var u User
	var created int64
	err := s.db.QueryRowContext(ctx, `SELECT id, email, name, role, password_hash, created_at FROM users WHERE email = $1`,
		strings.ToLower(strings.TrimSpace(email))).Scan(&u.ID, &u.Email, &u.Name, &u.Role, &u.PasswordHash, &created)
	if err != nil {
		return u, fmt.Errorf("user %q: %w", email, mapErr(err))
	}
	u.CreatedAt = fromMillis(created)
	return u, nil
}

const setupTokenPrefix = "setup_token:"

// AddSetupToken records the hash of a one-time link that may create the
// first admin until it expires. Each node that starts without an admin adds
// its own, so the link any of them printed works.
func (s *Store) AddSetupToken(ctx context.Context, hash string, expires time.Time) error {
	return s.SetSetting(ctx, setupTokenPrefix+hash, strconv.FormatInt(millis(expires), 10))
}

// SetupTokenValid reports whether a setup token hash exists and is unexpired.
func (s *Store) SetupTokenValid(ctx context.Context, hash string, now time.Time) (bool, error) {
	return setupTokenValid(ctx, s.db, hash, now)
}

func setupTokenValid(ctx context.Context, q queryer, hash string, now time.Time) (bool, error) {
	var v string
	err := q.QueryRowContext(ctx, `SELECT value FROM settings WHERE key = $1`, setupTokenPrefix+hash).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("setup token: %w", err)
	}
	exp, err := strconv.ParseInt(v, 10, 64)
	return err == nil && now.UnixMilli() < exp, nil
}

// CreateFirstAdmin creates u as an admin if tokenHash is a valid setup token
// and no admin exists yet, and then voids every setup token. ErrNotFound
// means the token is unknown or expired; ErrConflict that an admin exists.
func (s *Store) CreateFirstAdmin(ctx context.Context, tokenHash string, u User, now time.Time) (User, error) {
	u.ID = NewID()
	u.Role = RoleAdmin
	u.Email = strings.ToLower(strings.TrimSpace(u.Email))
	u.CreatedAt = now.UTC()
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		ok, err := setupTokenValid(ctx, tx, tokenHash, now)
		if err != nil {
			return err
		}
		if !ok {
			return ErrNotFound
		}
		var admins int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM users WHERE role = $1`, RoleAdmin).Scan(&admins); err != nil {
			return err
		}
		if admins > 0 {
			return ErrConflict
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO users (id, email, name, role, password_hash, created_at) VALUES ($1, $2, $3, $4, $5, $6)`,
			u.ID, u.Email, u.Name, u.Role, u.PasswordHash, millis(u.CreatedAt)); err != nil {
			return fmt.Errorf("create admin: %w", mapErr(err))
		}
		_, err = tx.ExecContext(ctx, `DELETE FROM settings WHERE key LIKE $1`, setupTokenPrefix+"%")
		return err
	})
	return u, err
}
