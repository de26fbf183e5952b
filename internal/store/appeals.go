package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// Appeal statuses.
const (
	AppealOpen     = "open"
	AppealRestored = "restored"
	AppealUpheld   = "upheld"
)

// Appeal is a blocked reader's one request to have access back.
type Appeal struct {
	ID       string
	UserID   string
	UserName string // filled by queries
	// BlockNumber is the block appealed (1: the first); one appeal each.
	BlockNumber    int
	Subject        string
	Explanation    string
	Status         string
	CreatedAt      time.Time
	DecidedBy      string
	DecidedByName  string // filled by queries
	DecidedAt      time.Time
	DecisionReason string
}

const appealColumns = `a.id, a.user_id, COALESCE(u.name, ''), a.block_number, a.subject, a.explanation, a.status, a.created_at,
	a.decided_by, COALESCE(d.name, ''), a.decided_at, a.decision_reason`

const appealJoins = ` FROM appeals a LEFT JOIN users u ON u.id = a.user_id LEFT JOIN users d ON d.id = a.decided_by`

func scanAppeal(row scanner) (Appeal, error) {
	var a Appeal
	var created, decided int64
	err := row.Scan(&a.ID, &a.UserID, &a.UserName, &a.BlockNumber, &a.Subject, &a.Explanation, &a.Status, &created,
		&a.DecidedBy, &a.DecidedByName, &decided, &a.DecisionReason)
	a.CreatedAt, a.DecidedAt = fromMillis(created), fromMillis(decided)
	return a, mapErr(err)
}

// CreateAppeal files an appeal against the account's current block.
// ErrPermanent: the block is permanent; ErrConflict: this block was
// appealed already; ErrNotFound: the account is not blocked.
func (s *Store) CreateAppeal(ctx context.Context, a Appeal) (Appeal, error) {
	if a.ID == "" {
		a.ID = NewID()
	}
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		u, err := scanUser(tx.QueryRowContext(ctx, `SELECT `+userColumns+` FROM users WHERE id = $1`, a.UserID))
		if err != nil {
			return err
		}
		switch {
		case !u.Blocked():
			return ErrNotFound
		case u.BlockPermanent:
			return ErrPermanent
		}
		a.BlockNumber, a.Status, a.UserName = u.BlockCount, AppealOpen, u.Name
		if _, err := tx.ExecContext(ctx, `INSERT INTO appeals (id, user_id, block_number, subject, explanation, status, created_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7)`, a.ID, a.UserID, a.BlockNumber, a.Subject, a.Explanation, a.Status, millis(a.CreatedAt)); err != nil {
			return fmt.Errorf("appeal: %w", mapErr(err))
		}
		return addAudit(ctx, tx, AuditEntry{At: a.CreatedAt, ActorID: a.UserID, Action: ActionAppeal, TargetType: TargetAppeal,
			TargetID: a.ID, SubjectID: a.UserID, Reason: a.Subject, After: a.Explanation})
	})
	return a, err
}

// UserAppeal is the account's appeal against a block (ErrNotFound: none).
func (s *Store) UserAppeal(ctx context.Context, userID string, blockNumber int) (Appeal, error) {
	return scanAppeal(s.db.QueryRowContext(ctx, `SELECT `+appealColumns+appealJoins+` WHERE a.user_id = $1 AND a.block_number = $2`,
		userID, blockNumber))
}

// Appeals lists appeals with a status (all when empty), oldest first for
// open ones, newest first otherwise.
func (s *Store) Appeals(ctx context.Context, status string, limit int) ([]Appeal, error) {
	q := `SELECT ` + appealColumns + appealJoins
	args := []any{}
	order := ` ORDER BY a.created_at DESC, a.id DESC`
	if status != "" {
		q += ` WHERE a.status = $1`
		args = append(args, status)
		if status == AppealOpen {
			order = ` ORDER BY a.created_at, a.id`
		}
	}
	args = append(args, limit)
	rows, err := s.db.QueryContext(ctx, q+order+fmt.Sprintf(` LIMIT $%d`, len(args)), args...)
	if err != nil {
		return nil, fmt.Errorf("appeals: %w", err)
	}
	defer rows.Close()
	var out []Appeal
	for rows.Next() {
		a, err := scanAppeal(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// DecideAppeal restores the account (lifting the block) or upholds the
// block, with a reason. ErrConflict: the appeal was decided already.
func (s *Store) DecideAppeal(ctx context.Context, id string, restore bool, actorID, reason string, at time.Time) (Appeal, error) {
	var a Appeal
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		var err error
		a, err = scanAppeal(tx.QueryRowContext(ctx, `SELECT `+appealColumns+appealJoins+` WHERE a.id = $1`, id))
		if err != nil {
			return err
		}
		if a.Status != AppealOpen {
			return ErrConflict
		}
		action := ActionUphold
		a.Status = AppealUpheld
		if restore {
			a.Status, action = AppealRestored, ActionRestore
			if _, err := unblock(ctx, tx, a.UserID, actorID, reason, false, at, action); err != nil && err != ErrConflict {
				return err
			}
		}
		a.DecidedBy, a.DecidedAt, a.DecisionReason = actorID, at, reason
		if _, err := tx.ExecContext(ctx, `UPDATE appeals SET status = $2, decided_by = $3, decided_at = $4, decision_reason = $5 WHERE id = $1`,
			id, a.Status, actorID, millis(at), reason); err != nil {
			return fmt.Errorf("decide appeal: %w", err)
		}
		return addAudit(ctx, tx, AuditEntry{At: at, ActorID: actorID, Action: action, TargetType: TargetAppeal, TargetID: id,
			SubjectID: a.UserID, Reason: reason, Before: AppealOpen, After: a.Status})
	})
	return a, err
}

// Notification is a message in a reader's account (a statement of
// reasons, an appeal's outcome).
type Notification struct {
	ID        string
	UserID    string
	Kind      string
	Title     string
	Body      string
	Link      string
	CreatedAt time.Time
	ReadAt    time.Time
}

func addNotification(ctx context.Context, q queryer, n Notification) error {
	if n.ID == "" {
		n.ID = NewID()
	}
	_, err := q.ExecContext(ctx, `INSERT INTO notifications (id, user_id, kind, title, body, link, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
		n.ID, n.UserID, n.Kind, n.Title, n.Body, n.Link, millis(n.CreatedAt))
	if err != nil {
		return fmt.Errorf("notification: %w", mapErr(err))
	}
	return nil
}

// AddNotification stores a notification.
func (s *Store) AddNotification(ctx context.Context, n Notification) error {
	return addNotification(ctx, s.db, n)
}

// Notifications lists an account's notifications, newest first.
func (s *Store) Notifications(ctx context.Context, userID string, limit int) ([]Notification, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, user_id, kind, title, body, link, created_at, read_at FROM notifications
		WHERE user_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2`, userID, limit)
	if err != nil {
		return nil, fmt.Errorf("notifications: %w", err)
	}
	defer rows.Close()
	var out []Notification
	for rows.Next() {
		var n Notification
		var created, read int64
		if err := rows.Scan(&n.ID, &n.UserID, &n.Kind, &n.Title, &n.Body, &n.Link, &created, &read); err != nil {
			return nil, err
		}
		n.CreatedAt, n.ReadAt = fromMillis(created), fromMillis(read)
		out = append(out, n)
	}
	return out, rows.Err()
}

// UnreadNotifications counts an account's unread notifications.
func (s *Store) UnreadNotifications(ctx context.Context, userID string) (int, error) {
	var n int
	err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM notifications WHERE user_id = $1 AND read_at = 0`, userID).Scan(&n)
	return n, err
}

// MarkNotificationsRead marks all of an account's notifications read.
func (s *Store) MarkNotificationsRead(ctx context.Context, userID string, at time.Time) error {
	_, err := s.db.ExecContext(ctx, `UPDATE notifications SET read_at = $2 WHERE user_id = $1 AND read_at = 0`, userID, millis(at))
	return err
}
