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

// ValidRole reports whether r is one of the four roles.
func ValidRole(r string) bool {
	switch r {
	case RoleReader, RoleModerator, RoleEditor, RoleAdmin:
		return true
	}
	return false
}

// User is an account. Zero times mean "never": not verified, not deleted.
type User struct {
	ID    string
	Email string
	Name  string
	// NameKey is the display name's comparison key (package names); unique.
	NameKey         string
	Role            string
	PasswordHash    string
	EmailVerifiedAt time.Time
	ConsentAt       time.Time
	ConsentVersion  string
	CreatedAt       time.Time
	UpdatedAt       time.Time
	// DeletedAt is set while a deleted account can still be restored.
	DeletedAt  time.Time
	PurgeAfter time.Time
	PurgedAt   time.Time
	// BlockedAt is set while the account may not comment; BlockReason says
	// why. BlockCount counts blocks so far (a second one is permanent,
	// BlockPermanent). StrikePoints are the strikes since the last block.
	BlockedAt      time.Time
	BlockReason    string
	BlockCount     int
	BlockPermanent bool
	StrikePoints   int
}

// Blocked reports whether the account may not comment.
func (u User) Blocked() bool { return !u.BlockedAt.IsZero() }

// Verified reports whether the user confirmed their email address.
func (u User) Verified() bool { return !u.EmailVerifiedAt.IsZero() }

// Deleted reports whether the account is deleted (restorable or purged).
func (u User) Deleted() bool { return !u.DeletedAt.IsZero() || !u.PurgedAt.IsZero() }

// NormalizeEmail is how emails are compared and stored: trimmed, lower case.
func NormalizeEmail(email string) string { return strings.ToLower(strings.TrimSpace(email)) }

const userColumns = `id, email, name, name_key, role, password_hash, email_verified_at, consent_at, consent_version,
	created_at, updated_at, deleted_at, purge_after, purged_at, blocked_at, block_reason, block_count, block_permanent, strike_points`

// userValues are userColumns' placeholders.
const userValues = `$1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19`

// userArgs are a user's values in userColumns' order.
func userArgs(u User) []any {
	return []any{u.ID, u.Email, u.Name, u.NameKey, u.Role, u.PasswordHash, millis(u.EmailVerifiedAt), millis(u.ConsentAt), u.ConsentVersion,
		millis(u.CreatedAt), millis(u.UpdatedAt), millis(u.DeletedAt), millis(u.PurgeAfter), millis(u.PurgedAt),
		millis(u.BlockedAt), u.BlockReason, u.BlockCount, boolInt(u.BlockPermanent), u.StrikePoints}
}

func scanUser(row scanner) (User, error) {
	var u User
	var verified, consent, created, updated, deleted, purgeAfter, purged, blocked int64
	var permanent int
	err := row.Scan(&u.ID, &u.Email, &u.Name, &u.NameKey, &u.Role, &u.PasswordHash, &verified, &consent, &u.ConsentVersion,
		&created, &updated, &deleted, &purgeAfter, &purged, &blocked, &u.BlockReason, &u.BlockCount, &permanent, &u.StrikePoints)
	if err != nil {
		return u, mapErr(err)
	}
	u.BlockedAt, u.BlockPermanent = fromMillis(blocked), permanent != 0
	u.EmailVerifiedAt, u.ConsentAt, u.CreatedAt, u.UpdatedAt = fromMillis(verified), fromMillis(consent), fromMillis(created), fromMillis(updated)
	u.DeletedAt, u.PurgeAfter, u.PurgedAt = fromMillis(deleted), fromMillis(purgeAfter), fromMillis(purged)
	return u, nil
}

// CreateUser inserts a new account. ErrConflict means the email or the
// display name (by its key) is taken; which one is told by EmailTaken and
// NameTaken.
func (s *Store) CreateUser(ctx context.Context, u User) (User, error) {
	if u.ID == "" {
		u.ID = NewID()
	}
	u.Email = NormalizeEmail(u.Email)
	if !ValidRole(u.Role) {
		return u, fmt.Errorf("create user: unknown role %q", u.Role)
	}
	if u.CreatedAt.IsZero() {
		u.CreatedAt = time.Now().UTC()
	}
	u.UpdatedAt = u.CreatedAt
	_, err := s.db.ExecContext(ctx, `INSERT INTO users (`+userColumns+`) VALUES (`+userValues+`)`, userArgs(u)...)
	if err != nil {
		return u, fmt.Errorf("create user: %w", mapErr(err))
	}
	return u, nil
}

// EmailTaken reports whether an account (deleted ones included) uses email.
func (s *Store) EmailTaken(ctx context.Context, email string) (bool, error) {
	return s.exists(ctx, `SELECT COUNT(*) FROM users WHERE email = $1`, NormalizeEmail(email))
}

// NameTaken reports whether another account than exceptID uses a display
// name with this key.
func (s *Store) NameTaken(ctx context.Context, nameKey, exceptID string) (bool, error) {
	return s.exists(ctx, `SELECT COUNT(*) FROM users WHERE name_key = $1 AND id <> $2`, nameKey, exceptID)
}

func (s *Store) exists(ctx context.Context, q string, args ...any) (bool, error) {
	var n int
	if err := s.db.QueryRowContext(ctx, q, args...).Scan(&n); err != nil {
		return false, fmt.Errorf("exists: %w", err)
	}
	return n > 0, nil
}

// UserByID finds an account, deleted or not.
func (s *Store) UserByID(ctx context.Context, id string) (User, error) {
	u, err := scanUser(s.db.QueryRowContext(ctx, `SELECT `+userColumns+` FROM users WHERE id = $1`, id))
	if err != nil {
		return u, fmt.Errorf("user %q: %w", id, err)
	}
	return u, nil
}

// UserByEmail finds an account by email, deleted or not.
func (s *Store) UserByEmail(ctx context.Context, email string) (User, error) {
	u, err := scanUser(s.db.QueryRowContext(ctx, `SELECT `+userColumns+` FROM users WHERE email = $1`, NormalizeEmail(email)))
	if err != nil {
		return u, fmt.Errorf("user %q: %w", email, err)
	}
	return u, nil
}

// Users lists accounts, oldest first, purged ones left out.
func (s *Store) Users(ctx context.Context, limit, offset int) ([]User, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+userColumns+` FROM users WHERE purged_at = 0
		ORDER BY created_at, id LIMIT $1 OFFSET $2`, limit, offset)
	if err != nil {
		return nil, fmt.Errorf("users: %w", err)
	}
	defer rows.Close()
	var out []User
	for rows.Next() {
		u, err := scanUser(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, u)
	}
	return out, rows.Err()
}

// UpdateUser writes an account's changeable fields: email, name and its
// key, role, password hash, verification, consent and deletion state.
func (s *Store) UpdateUser(ctx context.Context, u User) error {
	return updateUser(ctx, s.db, u)
}

func updateUser(ctx context.Context, q queryer, u User) error {
	u.UpdatedAt = time.Now().UTC()
	res, err := q.ExecContext(ctx, `UPDATE users SET email = $2, name = $3, name_key = $4, role = $5, password_hash = $6,
		email_verified_at = $7, consent_at = $8, consent_version = $9, updated_at = $10, deleted_at = $11,
		purge_after = $12, purged_at = $13 WHERE id = $1`,
		u.ID, NormalizeEmail(u.Email), u.Name, u.NameKey, u.Role, u.PasswordHash, millis(u.EmailVerifiedAt), millis(u.ConsentAt),
		u.ConsentVersion, millis(u.UpdatedAt), millis(u.DeletedAt), millis(u.PurgeAfter), millis(u.PurgedAt))
	if err != nil {
		return fmt.Errorf("update user: %w", mapErr(err))
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("update user %q: %w", u.ID, ErrNotFound)
	}
	return nil
}

// CountUsers counts the live accounts with a role.
func (s *Store) CountUsers(ctx context.Context, role string) (int, error) {
	var n int
	if err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM users WHERE role = $1 AND purged_at = 0`, role).Scan(&n); err != nil {
		return 0, fmt.Errorf("count users: %w", err)
	}
	return n, nil
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

// CreateFirstAdmin creates u as a verified admin if tokenHash is a valid
// setup token and no admin exists yet, and then voids every setup token.
// ErrNotFound means the token is unknown or expired; ErrConflict that an
// admin exists (or the email or name is taken).
func (s *Store) CreateFirstAdmin(ctx context.Context, tokenHash string, u User, now time.Time) (User, error) {
	u.ID = NewID()
	u.Role = RoleAdmin
	u.Email = NormalizeEmail(u.Email)
	u.CreatedAt, u.UpdatedAt = now.UTC(), now.UTC()
	if u.EmailVerifiedAt.IsZero() {
		u.EmailVerifiedAt = now.UTC()
	}
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
		u.DeletedAt, u.PurgeAfter, u.PurgedAt, u.BlockedAt = time.Time{}, time.Time{}, time.Time{}, time.Time{}
		if _, err := tx.ExecContext(ctx, `INSERT INTO users (`+userColumns+`) VALUES (`+userValues+`)`, userArgs(u)...); err != nil {
			return fmt.Errorf("create admin: %w", mapErr(err))
		}
		_, err = tx.ExecContext(ctx, `DELETE FROM settings WHERE key LIKE $1`, setupTokenPrefix+"%")
		return err
	})
	return u, err
}

// PurgedName is what remains of a purged account's display name.
const PurgedName = "Former reader"

// Purge erases the personal data of an account that was deleted and not
// restored in time: email, name, password, social logins, sessions and
// tokens. The row stays, anonymous, so that what refers to it keeps its
// shape. It reports false (and changes nothing) when the account is not
// deleted, is already purged, or its restore window has not ended.
//
// removeComments also deletes the person's comments (each becomes "comment
// deleted", keeping threads' shape); otherwise they stay, signed by the
// anonymous former reader.
func (s *Store) Purge(ctx context.Context, userID string, now time.Time, removeComments bool) (bool, error) {
	purged := false
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE users SET email = $2, name = $3, name_key = $4, password_hash = '',
			email_verified_at = 0, purged_at = $5, updated_at = $5
			WHERE id = $1 AND deleted_at <> 0 AND purged_at = 0 AND purge_after <= $5`,
			userID, "purged-"+userID+"@invalid", PurgedName, "purged:"+userID, millis(now))
		if err != nil {
			return fmt.Errorf("purge user: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return nil
		}
		if removeComments {
			if _, err := tx.ExecContext(ctx, `UPDATE articles SET comment_count = comment_count -
				(SELECT COUNT(*) FROM comments c WHERE c.article_id = articles.id AND c.author_id = $1 AND c.status = 'published')
				WHERE id IN (SELECT article_id FROM comments WHERE author_id = $1)`, userID); err != nil {
				return fmt.Errorf("purge comments: %w", err)
			}
			if _, err := tx.ExecContext(ctx, `UPDATE comments SET status = 'deleted', body = '' WHERE author_id = $1`, userID); err != nil {
				return fmt.Errorf("purge comments: %w", err)
			}
			if _, err := tx.ExecContext(ctx, `UPDATE comment_versions SET body = '' WHERE comment_id IN
				(SELECT id FROM comments WHERE author_id = $1)`, userID); err != nil {
				return fmt.Errorf("purge comments: %w", err)
			}
		}
		for _, q := range []string{
			`DELETE FROM identities WHERE user_id = $1`,
			`DELETE FROM sessions WHERE user_id = $1`,
			`DELETE FROM user_tokens WHERE user_id = $1`,
			`DELETE FROM api_tokens WHERE user_id = $1`,
		} {
			if _, err := tx.ExecContext(ctx, q, userID); err != nil {
				return fmt.Errorf("purge user: %w", err)
			}
		}
		purged = true
		return nil
	})
	return purged, err
}
