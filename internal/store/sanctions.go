package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// ErrPermanent means an action needs an admin: the account's block is
// permanent.
var ErrPermanent = errors.New("the block is permanent")

// Strike is a rejected comment's weight against its author.
type Strike struct {
	UserID    string
	CommentID string
	Rule      string
	Points    int
	At        time.Time
	// BlockAt is the points total that blocks the account (0: never).
	BlockAt int
	// Reason is the block's stated reason if this strike crosses BlockAt.
	Reason string
}

// Block is a block put on an account, by a person or by the strikes
// threshold (Automated).
type Block struct {
	UserID    string
	ActorID   string
	Automated bool
	Rule      string
	Reason    string
	At        time.Time
	// Permanent makes even a first block permanent (block evasion).
	Permanent bool
}

// addStrike records a strike and, when the author's points reach the
// threshold, blocks the account; the returned user has the new state and
// blocked says whether this strike blocked it.
func addStrike(ctx context.Context, tx *sql.Tx, s Strike) (User, bool, error) {
	if _, err := tx.ExecContext(ctx, `INSERT INTO strikes (id, user_id, comment_id, rule, points, created_at) VALUES ($1, $2, $3, $4, $5, $6)`,
		NewID(), s.UserID, s.CommentID, s.Rule, s.Points, millis(s.At)); err != nil {
		return User{}, false, fmt.Errorf("strike: %w", mapErr(err))
	}
	u, err := scanUser(tx.QueryRowContext(ctx, `UPDATE users SET strike_points = strike_points + $2 WHERE id = $1 RETURNING `+userColumns,
		s.UserID, s.Points))
	if err != nil {
		return u, false, fmt.Errorf("strike: %w", err)
	}
	if err := addAudit(ctx, tx, AuditEntry{At: s.At, Automated: true, Action: ActionStrike, TargetType: TargetUser, TargetID: s.UserID,
		SubjectID: s.UserID, Rule: s.Rule, Reason: fmt.Sprintf("%d point(s) for comment %s; %d in total", s.Points, s.CommentID, u.StrikePoints)}); err != nil {
		return u, false, err
	}
	if s.BlockAt <= 0 || u.StrikePoints < s.BlockAt || u.Blocked() {
		return u, false, nil
	}
	u, err = block(ctx, tx, Block{UserID: s.UserID, Automated: true, Rule: s.Rule, Reason: s.Reason, At: s.At})
	return u, err == nil, err
}

// block puts a block on an account: the second one is permanent. Strike
// points start again from zero.
func block(ctx context.Context, tx *sql.Tx, b Block) (User, error) {
	before, err := scanUser(tx.QueryRowContext(ctx, `SELECT `+userColumns+` FROM users WHERE id = $1`, b.UserID))
	if err != nil {
		return before, err
	}
	if before.Blocked() {
		return before, ErrConflict
	}
	u, err := scanUser(tx.QueryRowContext(ctx, `UPDATE users SET blocked_at = $2, block_reason = $3, block_count = block_count + 1,
		block_permanent = CASE WHEN block_count + 1 >= 2 OR $4 = 1 THEN 1 ELSE 0 END, strike_points = 0 WHERE id = $1 RETURNING `+userColumns,
		b.UserID, millis(b.At), b.Reason, boolInt(b.Permanent)))
	if err != nil {
		return u, fmt.Errorf("block: %w", err)
	}
	after := "blocked"
	if u.BlockPermanent {
		after = "blocked permanently"
	}
	err = addAudit(ctx, tx, AuditEntry{At: b.At, ActorID: b.ActorID, Automated: b.Automated, Action: ActionBlock, TargetType: TargetUser,
		TargetID: b.UserID, SubjectID: b.UserID, Rule: b.Rule, Reason: b.Reason, Before: fmt.Sprintf("blocks so far: %d", before.BlockCount),
		After: after})
	return u, err
}

// BlockUser blocks an account by hand. ErrConflict: it is blocked already.
func (s *Store) BlockUser(ctx context.Context, b Block) (User, error) {
	var u User
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		var err error
		u, err = block(ctx, tx, b)
		return err
	})
	return u, err
}

// UnblockUser lifts a block, keeping the count of blocks (so the next is
// permanent). A permanent block needs admin; ErrPermanent otherwise.
// ErrConflict: the account is not blocked.
func (s *Store) UnblockUser(ctx context.Context, userID, actorID, reason string, admin bool, at time.Time) (User, error) {
	var u User
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		var err error
		u, err = unblock(ctx, tx, userID, actorID, reason, admin, at, ActionUnblock)
		return err
	})
	return u, err
}

func unblock(ctx context.Context, tx *sql.Tx, userID, actorID, reason string, admin bool, at time.Time, action string) (User, error) {
	u, err := scanUser(tx.QueryRowContext(ctx, `SELECT `+userColumns+` FROM users WHERE id = $1`, userID))
	if err != nil {
		return u, err
	}
	if !u.Blocked() {
		return u, ErrConflict
	}
	if u.BlockPermanent && !admin {
		return u, ErrPermanent
	}
	// An admin lifting a permanent block gives the account a fresh start
	// at one block: the next is permanent again.
	u, err = scanUser(tx.QueryRowContext(ctx, `UPDATE users SET blocked_at = 0, block_reason = '', strike_points = 0,
		block_count = CASE WHEN block_permanent = 1 THEN 1 ELSE block_count END, block_permanent = 0 WHERE id = $1 RETURNING `+userColumns, userID))
	if err != nil {
		return u, fmt.Errorf("unblock: %w", err)
	}
	if action == ActionUnblock {
		err = addAudit(ctx, tx, AuditEntry{At: at, ActorID: actorID, Action: ActionUnblock, TargetType: TargetUser, TargetID: userID,
			SubjectID: userID, Reason: reason, Before: "blocked", After: "active"})
	}
	return u, err
}

// Strikes lists an account's strikes, newest first.
func (s *Store) Strikes(ctx context.Context, userID string, limit int) ([]Strike, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT user_id, comment_id, rule, points, created_at FROM strikes WHERE user_id = $1
		ORDER BY created_at DESC LIMIT $2`, userID, limit)
	if err != nil {
		return nil, fmt.Errorf("strikes: %w", err)
	}
	defer rows.Close()
	var out []Strike
	for rows.Next() {
		var st Strike
		var at int64
		if err := rows.Scan(&st.UserID, &st.CommentID, &st.Rule, &st.Points, &at); err != nil {
			return nil, err
		}
		st.At = fromMillis(at)
		out = append(out, st)
	}
	return out, rows.Err()
}

// BanIdentities remembers keyed hashes of a permanently blocked person's
// email and social identities, so a new account with one of them is
// recognised after the old one is deleted.
func (s *Store) BanIdentities(ctx context.Context, userID, kind string, hashes []string, at time.Time) error {
	for _, h := range hashes {
		if _, err := s.db.ExecContext(ctx, `INSERT INTO banned_identities (hash, user_id, kind, created_at) VALUES ($1, $2, $3, $4)
			ON CONFLICT (hash) DO NOTHING`, h, userID, kind, millis(at)); err != nil {
			return fmt.Errorf("ban identity: %w", err)
		}
	}
	return nil
}

// UnbanIdentities forgets a person's hashes (an admin lifted the block).
func (s *Store) UnbanIdentities(ctx context.Context, userID string) error {
	_, err := s.db.ExecContext(ctx, `DELETE FROM banned_identities WHERE user_id = $1`, userID)
	return err
}

// BannedIdentity reports the account whose ban one of the hashes matches
// (ErrNotFound: none).
func (s *Store) BannedIdentity(ctx context.Context, hashes ...string) (string, error) {
	if len(hashes) == 0 {
		return "", ErrNotFound
	}
	ph, args := placeholders(1, hashes)
	var id string
	err := s.db.QueryRowContext(ctx, `SELECT user_id FROM banned_identities WHERE hash IN (`+ph+`) LIMIT 1`, args...).Scan(&id)
	return id, mapErr(err)
}

// UserNote is a moderator's private note on an account.
type UserNote struct {
	ID         string
	UserID     string
	AuthorID   string
	AuthorName string
	Body       string
	CreatedAt  time.Time
}

// AddUserNote stores a note (and its audit entry).
func (s *Store) AddUserNote(ctx context.Context, n UserNote) (UserNote, error) {
	if n.ID == "" {
		n.ID = NewID()
	}
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO user_notes (id, user_id, author_id, body, created_at) VALUES ($1, $2, $3, $4, $5)`,
			n.ID, n.UserID, n.AuthorID, n.Body, millis(n.CreatedAt)); err != nil {
			return fmt.Errorf("user note: %w", mapErr(err))
		}
		return addAudit(ctx, tx, AuditEntry{At: n.CreatedAt, ActorID: n.AuthorID, Action: ActionNote, TargetType: TargetUser,
			TargetID: n.UserID, SubjectID: n.UserID, After: n.Body})
	})
	return n, err
}

// UserNotes lists the notes on an account, newest first.
func (s *Store) UserNotes(ctx context.Context, userID string) ([]UserNote, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT n.id, n.user_id, n.author_id, COALESCE(u.name, ''), n.body, n.created_at
		FROM user_notes n LEFT JOIN users u ON u.id = n.author_id WHERE n.user_id = $1 ORDER BY n.created_at DESC, n.id DESC`, userID)
	if err != nil {
		return nil, fmt.Errorf("user notes: %w", err)
	}
	defer rows.Close()
	var out []UserNote
	for rows.Next() {
		var n UserNote
		var at int64
		if err := rows.Scan(&n.ID, &n.UserID, &n.AuthorID, &n.AuthorName, &n.Body, &at); err != nil {
			return nil, err
		}
		n.CreatedAt = fromMillis(at)
		out = append(out, n)
	}
	return out, rows.Err()
}
