package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// Kinds of one-time tokens sent by email.
const (
	TokenVerify      = "verify"
	TokenReset       = "reset"
	TokenRestore     = "restore"
	TokenEmailChange = "email_change"
)

// UserToken is a one-time link's secret, stored as its hash. Data carries
// what the link confirms, such as the new address of an email change.
type UserToken struct {
	Hash      string
	Kind      string
	UserID    string
	Data      string
	CreatedAt time.Time
	ExpiresAt time.Time
}

// CreateUserToken stores a one-time token. Earlier unused tokens of the
// same kind for the user are voided, so only the newest link works.
func (s *Store) CreateUserToken(ctx context.Context, t UserToken) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM user_tokens WHERE user_id = $1 AND kind = $2 AND used_at = 0`, t.UserID, t.Kind); err != nil {
			return fmt.Errorf("void tokens: %w", err)
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO user_tokens (hash, kind, user_id, data, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6)`,
			t.Hash, t.Kind, t.UserID, t.Data, millis(t.CreatedAt), millis(t.ExpiresAt))
		if err != nil {
			return fmt.Errorf("create token: %w", mapErr(err))
		}
		return nil
	})
}

// Token errors, so a page can tell the reader what happened to their link.
var (
	ErrTokenExpired = errors.New("store: link expired")
	ErrTokenUsed    = errors.New("store: link already used")
)

// PeekUserToken reads an unused, unexpired token without using it up.
func (s *Store) PeekUserToken(ctx context.Context, hash, kind string, now time.Time) (UserToken, error) {
	return peekToken(ctx, s.db, hash, kind, now)
}

func peekToken(ctx context.Context, q queryer, hash, kind string, now time.Time) (UserToken, error) {
	var t UserToken
	var created, expires, used int64
	err := q.QueryRowContext(ctx, `SELECT hash, kind, user_id, data, created_at, expires_at, used_at FROM user_tokens
		WHERE hash = $1 AND kind = $2`, hash, kind).Scan(&t.Hash, &t.Kind, &t.UserID, &t.Data, &created, &expires, &used)
	if err != nil {
		return t, fmt.Errorf("token: %w", mapErr(err))
	}
	t.CreatedAt, t.ExpiresAt = fromMillis(created), fromMillis(expires)
	switch {
	case used != 0:
		return t, ErrTokenUsed
	case !now.Before(t.ExpiresAt):
		return t, ErrTokenExpired
	}
	return t, nil
}

// UseUserToken marks a token used and runs fn in the same transaction, so
// a link works exactly once even when clicked twice at the same moment. If
// fn fails the token stays usable.
func (s *Store) UseUserToken(ctx context.Context, hash, kind string, now time.Time, fn func(tx Tx, t UserToken) error) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		t, err := peekToken(ctx, tx, hash, kind, now)
		if err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `UPDATE user_tokens SET used_at = $2 WHERE hash = $1 AND used_at = 0`, hash, millis(now))
		if err != nil {
			return fmt.Errorf("use token: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return ErrTokenUsed
		}
		return fn(Tx{tx: tx}, t)
	})
}

// Tx is a transaction handed to callbacks, with the few writes they need.
type Tx struct{ tx *sql.Tx }

// UpdateUser is Store.UpdateUser inside the transaction.
func (t Tx) UpdateUser(ctx context.Context, u User) error { return updateUser(ctx, t.tx, u) }

// DeleteUserSessions is Store.DeleteUserSessions inside the transaction.
func (t Tx) DeleteUserSessions(ctx context.Context, userID, keepID string) (int, error) {
	return deleteUserSessions(ctx, t.tx, userID, keepID)
}

// UserByID is Store.UserByID inside the transaction.
func (t Tx) UserByID(ctx context.Context, id string) (User, error) {
	u, err := scanUser(t.tx.QueryRowContext(ctx, `SELECT `+userColumns+` FROM users WHERE id = $1`, id))
	if err != nil {
		return u, fmt.Errorf("user %q: %w", id, err)
	}
	return u, nil
}
