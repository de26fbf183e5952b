package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
)

// Setting reads one key of the settings table; ErrNotFound when unset.
func (s *Store) Setting(ctx context.Context, key string) (string, error) {
	var v string
	if err := s.db.QueryRowContext(ctx, `SELECT value FROM settings WHERE key = $1`, key).Scan(&v); err != nil {
		return "", fmt.Errorf("setting %q: %w", key, mapErr(err))
	}
	return v, nil
}

// SetSetting writes one key of the settings table.
func (s *Store) SetSetting(ctx context.Context, key, value string) error {
	return setSetting(ctx, s.db, key, value)
}

// DeleteSetting removes a key; removing a missing key is not an error.
func (s *Store) DeleteSetting(ctx context.Context, key string) error {
	if _, err := s.db.ExecContext(ctx, `DELETE FROM settings WHERE key = $1`, key); err != nil {
		return fmt.Errorf("delete setting %q: %w", key, err)
	}
	return nil
}

func setSetting(ctx context.Context, q queryer, key, value string) error {
	_, err := q.ExecContext(ctx, `INSERT INTO settings (key, value) VALUES ($1, $2)
		ON CONFLICT (key) DO UPDATE SET value = excluded.value`, key, value)
	if err != nil {
		return fmt.Errorf("set setting %q: %w", key, err)
	}
	return nil
}

const contentVersionKey = "content_version"

// ContentVersion is a counter that moves whenever published content changes
// on any node; page caches compare it to know when to drop what they hold.
func (s *Store) ContentVersion(ctx context.Context) (int64, error) {
	v, err := s.Setting(ctx, contentVersionKey)
	if err != nil {
		if errors.Is(err, ErrNotFound) {
			return 0, nil
		}
		return 0, err
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("content version %q: %w", v, err)
	}
	return n, nil
}

// bumpContentVersion moves the content version inside a writing transaction.
func bumpContentVersion(ctx context.Context, tx *sql.Tx) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO settings (key, value) VALUES ($1, '1')
		ON CONFLICT (key) DO UPDATE SET value = CAST(CAST(settings.value AS BIGINT) + 1 AS TEXT)`, contentVersionKey)
	if err != nil {
		return fmt.Errorf("bump content version: %w", err)
	}
	return nil
}

// Secret returns a named random key, creating it on first use. Every node
// reads the same value, so tokens signed on one node verify on another.
func (s *Store) Secret(ctx context.Context, name string) ([]byte, error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return nil, err
	}
	key := "secret:" + name
	if _, err := s.db.ExecContext(ctx, `INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING`,
		key, hex.EncodeToString(b)); err != nil {
		return nil, fmt.Errorf("secret %q: %w", name, err)
	}
	v, err := s.Setting(ctx, key)
	if err != nil {
		return nil, err
	}
	out, err := hex.DecodeString(v)
	if err != nil || len(out) != 32 {
		return nil, fmt.Errorf("secret %q: malformed", name)
	}
	return out, nil
}
