package store

import (
	"context"
	"fmt"
	"strings"
	"time"
)

// APIToken is a bearer token for the JSON API, stored as its hash.
type APIToken struct {
	ID         string
	UserID     string
	Name       string
	CreatedAt  time.Time
	LastUsedAt time.Time
	RevokedAt  time.Time
}

// CreateAPIToken stores a token's hash for a user and returns its record.
func (s *Store) CreateAPIToken(ctx context.Context, userID, hash, name string, now time.Time) (APIToken, error) {
	t := APIToken{ID: NewID(), UserID: userID, Name: name, CreatedAt: now.UTC()}
	_, err := s.db.ExecContext(ctx, `INSERT INTO api_tokens (id, hash, user_id, name, created_at) VALUES ($1, $2, $3, $4, $5)`,
		t.ID, hash, userID, name, millis(now))
	if err != nil {
		return t, fmt.Errorf("create API token: %w", mapErr(err))
	}
	return t, nil
}

// APITokenUser finds the account of an unrevoked token by the token's hash
// and notes its use (at most once a minute, to spare the database).
func (s *Store) APITokenUser(ctx context.Context, hash string, now time.Time) (APIToken, User, error) {
	var t APIToken
	var created, used, revoked int64
	// One query for the token and its user: every API request makes it.
	st, err := s.prepared(ctx, apiTokenUserSQL)
	if err != nil {
		return t, User{}, err
	}
	row := st.QueryRowContext(ctx, hash)
	u, err := scanUser(prefixScan{row: row, pre: []any{&t.ID, &t.UserID, &t.Name, &created, &used, &revoked}})
	if err != nil {
		return t, User{}, fmt.Errorf("API token: %w", err)
	}
	t.CreatedAt, t.LastUsedAt = fromMillis(created), fromMillis(used)
	if now.Sub(t.LastUsedAt) > time.Minute {
		if _, err := s.db.ExecContext(ctx, `UPDATE api_tokens SET last_used_at = $2 WHERE id = $1`, t.ID, millis(now)); err != nil {
			return t, User{}, fmt.Errorf("API token: %w", err)
		}
	}
	return t, u, nil
}

var apiTokenUserSQL = `SELECT t.id, t.user_id, t.name, t.created_at, t.last_used_at, t.revoked_at, ` +
	prefixColumns("u.", userColumns) + ` FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.hash = $1 AND t.revoked_at = 0`

// prefixScan scans some leading columns into pre, the rest into the
// destinations a scan function asks for.
type prefixScan struct {
	row scanner
	pre []any
}

func (p prefixScan) Scan(dest ...any) error {
	return p.row.Scan(append(append([]any(nil), p.pre...), dest...)...)
}

// prefixColumns qualifies a comma-separated column list with a table alias.
func prefixColumns(prefix, cols string) string {
	parts := strings.Split(cols, ",")
	for i, c := range parts {
		parts[i] = prefix + strings.TrimSpace(c)
	}
	return strings.Join(parts, ", ")
}

// APITokens lists a user's tokens, revoked ones included, newest first.
func (s *Store) APITokens(ctx context.Context, userID string) ([]APIToken, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, user_id, name, created_at, last_used_at, revoked_at FROM api_tokens
		WHERE user_id = $1 ORDER BY created_at DESC, id DESC`, userID)
	if err != nil {
		return nil, fmt.Errorf("API tokens: %w", err)
	}
	defer rows.Close()
	var out []APIToken
	for rows.Next() {
		var t APIToken
		var created, used, revoked int64
		if err := rows.Scan(&t.ID, &t.UserID, &t.Name, &created, &used, &revoked); err != nil {
			return nil, err
		}
		t.CreatedAt, t.LastUsedAt, t.RevokedAt = fromMillis(created), fromMillis(used), fromMillis(revoked)
		out = append(out, t)
	}
	return out, rows.Err()
}

// RevokeAPIToken revokes a token by id, or by hash when id is empty.
// ErrNotFound when no unrevoked token matches.
func (s *Store) RevokeAPIToken(ctx context.Context, id, hash string, now time.Time) error {
	res, err := s.db.ExecContext(ctx, `UPDATE api_tokens SET revoked_at = $3 WHERE (id = $1 OR hash = $2) AND revoked_at = 0`, id, hash, millis(now))
	if err != nil {
		return fmt.Errorf("revoke API token: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("revoke API token: %w", ErrNotFound)
	}
	return nil
}
