package store

import (
	"context"
	"fmt"
	"slices"
	"time"
)

// AuditRange chooses the audit entries of a period that the transparency
// figures and the exports page through; zero Actions means all actions.
type AuditRange struct {
	Since, Until time.Time
	Actions      []string
	// After is a cursor: entries after this position (Seq).
	After int64
	// Limit is the page size: 1,000 by default, at most 5,000.
	Limit int
}

// AuditEntries lists a period's entries, oldest first, without the names
// of actors and subjects: the reports built from them never show names.
func (s *Store) AuditEntries(ctx context.Context, r AuditRange) ([]AuditEntry, error) {
	args := []any{millis(r.Since), millis(r.Until), r.After}
	where := `at >= $1 AND at < $2 AND seq > $3`
	if len(r.Actions) > 0 {
		ph, as := placeholders(len(args)+1, r.Actions)
		where += ` AND action IN (` + ph + `)`
		args = append(args, as...)
	}
	if r.Limit <= 0 || r.Limit > 5000 {
		r.Limit = 1000
	}
	args = append(args, r.Limit)
	rows, err := s.db.QueryContext(ctx, `SELECT seq, at, actor_id, automated, action, target_type, target_id, subject_id, rule, reason,
		before_state, after_state FROM audit_log WHERE `+where+fmt.Sprintf(` ORDER BY seq LIMIT $%d`, len(args)), args...)
	if err != nil {
		return nil, fmt.Errorf("audit entries: %w", err)
	}
	defer rows.Close()
	var out []AuditEntry
	for rows.Next() {
		var e AuditEntry
		var at int64
		var auto int
		if err := rows.Scan(&e.Seq, &at, &e.ActorID, &auto, &e.Action, &e.TargetType, &e.TargetID, &e.SubjectID, &e.Rule, &e.Reason,
			&e.Before, &e.After); err != nil {
			return nil, err
		}
		e.At, e.Automated = fromMillis(at), auto != 0
		out = append(out, e)
	}
	return out, rows.Err()
}

// CommentRecord is what the exports need of a decided comment: its text
// as it stands (training labels), when it was posted and whether readers
// reported it (statements of reasons), and whether its author deleted
// their account (whose words then stay out of training data).
type CommentRecord struct {
	ID         string
	Body       string
	Status     string
	CreatedAt  time.Time
	Reported   bool
	AuthorGone bool
}

// CommentRecords loads the records of some comments by id; unknown ids
// are left out.
func (s *Store) CommentRecords(ctx context.Context, ids []string) (map[string]CommentRecord, error) {
	out := map[string]CommentRecord{}
	err := inChunks(ids, func(chunk []string) error {
		ph, args := placeholders(1, chunk)
		rows, err := s.db.QueryContext(ctx, `SELECT c.id, c.body, c.status, c.created_at, c.report_count, u.deleted_at, u.purged_at
			FROM comments c JOIN users u ON u.id = c.author_id WHERE c.id IN (`+ph+`)`, args...)
		if err != nil {
			return fmt.Errorf("comment records: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var c CommentRecord
			var created, deleted, purged int64
			var reports int
			if err := rows.Scan(&c.ID, &c.Body, &c.Status, &created, &reports, &deleted, &purged); err != nil {
				return err
			}
			c.CreatedAt, c.Reported, c.AuthorGone = fromMillis(created), reports > 0, deleted != 0 || purged != 0
			out[c.ID] = c
		}
		return rows.Err()
	})
	return out, err
}

// UsersCreatedAt tells when some accounts were registered (the content
// date of a block's statement of reasons); unknown ids are left out.
func (s *Store) UsersCreatedAt(ctx context.Context, ids []string) (map[string]time.Time, error) {
	out := map[string]time.Time{}
	err := inChunks(ids, func(chunk []string) error {
		ph, args := placeholders(1, chunk)
		rows, err := s.db.QueryContext(ctx, `SELECT id, created_at FROM users WHERE id IN (`+ph+`)`, args...)
		if err != nil {
			return fmt.Errorf("users created at: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var id string
			var at int64
			if err := rows.Scan(&id, &at); err != nil {
				return err
			}
			out[id] = fromMillis(at)
		}
		return rows.Err()
	})
	return out, err
}

// inChunks calls fn with the distinct ids, a few hundred at a time, so an
// IN list stays well under both databases' limits on parameters.
func inChunks(ids []string, fn func(chunk []string) error) error {
	ids = slices.Compact(slices.Sorted(slices.Values(ids)))
	for len(ids) > 0 && ids[0] == "" {
		ids = ids[1:]
	}
	for chunk := range slices.Chunk(ids, 500) {
		if err := fn(chunk); err != nil {
			return err
		}
	}
	return nil
}
