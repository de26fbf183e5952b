package store

import (
	"context"
	"fmt"
	"time"
)

// Identity links an account to a social login (provider and its subject id).
type Identity struct {
	Provider  string
	Subject   string
	UserID    string
	Email     string
	CreatedAt time.Time
}

// LinkIdentity records that a provider's subject signs in as userID.
func (s *Store) LinkIdentity(ctx context.Context, id Identity) error {
	_, err := s.db.ExecContext(ctx, `INSERT INTO identities (provider, subject, user_id, email, created_at) VALUES ($1, $2, $3, $4, $5)`,
		id.Provider, id.Subject, id.UserID, NormalizeEmail(id.Email), millis(id.CreatedAt))
	if err != nil {
		return fmt.Errorf("link identity: %w", mapErr(err))
	}
	return nil
}

// IdentityUser finds the account a provider's subject signs in as.
func (s *Store) IdentityUser(ctx context.Context, provider, subject string) (User, error) {
	var userID string
	err := s.db.QueryRowContext(ctx, `SELECT user_id FROM identities WHERE provider = $1 AND subject = $2`, provider, subject).Scan(&userID)
	if err != nil {
		return User{}, fmt.Errorf("identity: %w", mapErr(err))
	}
	return s.UserByID(ctx, userID)
}

// UserIdentities lists the social logins linked to an account.
func (s *Store) UserIdentities(ctx context.Context, userID string) ([]Identity, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT provider, subject, user_id, email, created_at FROM identities WHERE user_id = $1 ORDER BY created_at`, userID)
	if err != nil {
		return nil, fmt.Errorf("identities: %w", err)
	}
	defer rows.Close()
	var out []Identity
	for rows.Next() {
		var id Identity
		var created int64
		if err := rows.Scan(&id.Provider, &id.Subject, &id.UserID, &id.Email, &created); err != nil {
			return nil, err
		}
		id.CreatedAt = fromMillis(created)
		out = append(out, id)
	}
	return out, rows.Err()
}

// UnlinkIdentity removes one social login from an account.
func (s *Store) UnlinkIdentity(ctx context.Context, userID, provider string) error {
	if _, err := s.db.ExecContext(ctx, `DELETE FROM identities WHERE user_id = $1 AND provider = $2`, userID, provider); err != nil {
		return fmt.Errorf("unlink identity: %w", err)
	}
	return nil
}
