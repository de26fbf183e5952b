package store

import (
	"database/sql"
	"errors"
	"strings"

	"github.com/jackc/pgx/v5/pgconn"
)

// Sentinel errors shared by both databases; callers test them with errors.Is.
var (
	// ErrNotFound means the row asked for does not exist.
	ErrNotFound = errors.New("store: not found")
	// ErrConflict means a unique value (a slug, an email) is already taken.
	ErrConflict = errors.New("store: already exists")
)

// mapErr turns driver errors into the shared sentinels, keeping the rest.
func mapErr(err error) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, sql.ErrNoRows) {
		return ErrNotFound
	}
	var pg *pgconn.PgError
	if errors.As(err, &pg) && pg.Code == "23505" {
		return errors.Join(ErrConflict, err)
	}
	// modernc.org/sqlite reports constraint failures in the message.
	if msg := err.Error(); strings.Contains(msg, "UNIQUE constraint failed") || strings.Contains(msg, "constraint failed: UNIQUE") {
		return errors.Join(ErrConflict, err)
	}
	return err
}
