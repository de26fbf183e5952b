package store

import (
	"context"
	"fmt"
	"strings"
	"time"
)

// Audit actions: what the machine or a moderator did.
const (
	ActionHold    = "comment.hold"
	ActionFlag    = "comment.flag"
	ActionReject  = "comment.reject"
	ActionApprove = "comment.approve"
	ActionEdit    = "comment.edit"
	ActionStrike  = "user.strike"
	ActionBlock   = "user.block"
	ActionUnblock = "user.unblock"
	ActionNote    = "user.note"
	ActionRole    = "user.role"
	ActionAppeal  = "appeal.create"
	ActionRestore = "appeal.restore"
	ActionUphold  = "appeal.uphold"
)

// Audit target types.
const (
	TargetComment = "comment"
	TargetUser    = "user"
	TargetAppeal  = "appeal"
)

// AuditEntry is one line of the append-only audit log: who (a person, or
// the machine when Automated), did what to which target, under which rule,
// why, and the target's state before and after (short JSON).
type AuditEntry struct {
	Seq        int64
	At         time.Time
	ActorID    string
	ActorName  string // filled by queries
	Automated  bool
	Action     string
	TargetType string
	TargetID   string
	// SubjectID is the user whose comment or account the action concerns.
	SubjectID   string
	SubjectName string // filled by queries
	Rule        string
	Reason      string
	Before      string
	After       string
}

// addAudit appends an entry inside a caller's transaction: an action and
// its record commit or fail together.
func addAudit(ctx context.Context, q queryer, e AuditEntry) error {
	if e.At.IsZero() {
		e.At = time.Now().UTC()
	}
	_, err := q.ExecContext(ctx, `INSERT INTO audit_log (at, actor_id, automated, action, target_type, target_id, subject_id, rule, reason,
		before_state, after_state) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
		millis(e.At), e.ActorID, boolInt(e.Automated), e.Action, e.TargetType, e.TargetID, e.SubjectID, e.Rule, e.Reason, e.Before, e.After)
	if err != nil {
		return fmt.Errorf("audit log: %w", err)
	}
	return nil
}

// AddAudit appends one entry on its own.
func (s *Store) AddAudit(ctx context.Context, e AuditEntry) error {
	return addAudit(ctx, s.db, e)
}

// AuditFilter narrows an audit search; zero fields do not filter.
type AuditFilter struct {
	// Text is matched, case-insensitively, against the action, rule and
	// reason, and the actor's and subject's names.
	Text       string
	ActorID    string
	SubjectID  string
	TargetType string
	TargetID   string
	Action     string
	Since      time.Time
	Until      time.Time
	// Before is a cursor: entries older than this position.
	Before int64
	Limit  int
}

// AuditLog lists matching entries, newest first.
func (s *Store) AuditLog(ctx context.Context, f AuditFilter) ([]AuditEntry, error) {
	var where []string
	var args []any
	add := func(cond string, v any) {
		args = append(args, v)
		where = append(where, strings.ReplaceAll(cond, "?", fmt.Sprintf("$%d", len(args))))
	}
	if f.Text != "" {
		add(`(LOWER(a.action || ' ' || a.rule || ' ' || a.reason || ' ' || COALESCE(ua.name, '') || ' ' || COALESCE(us.name, '')) LIKE ?)`,
			"%"+strings.ToLower(f.Text)+"%")
	}
	if f.ActorID != "" {
		add(`a.actor_id = ?`, f.ActorID)
	}
	if f.SubjectID != "" {
		add(`a.subject_id = ?`, f.SubjectID)
	}
	if f.TargetType != "" {
		add(`a.target_type = ?`, f.TargetType)
	}
	if f.TargetID != "" {
		add(`a.target_id = ?`, f.TargetID)
	}
	if f.Action != "" {
		add(`a.action = ?`, f.Action)
	}
	if !f.Since.IsZero() {
		add(`a.at >= ?`, millis(f.Since))
	}
	if !f.Until.IsZero() {
		add(`a.at < ?`, millis(f.Until))
	}
	if f.Before > 0 {
		add(`a.seq < ?`, f.Before)
	}
	if f.Limit <= 0 || f.Limit > 500 {
		f.Limit = 100
	}
	q := `SELECT a.seq, a.at, a.actor_id, COALESCE(ua.name, ''), a.automated, a.action, a.target_type, a.target_id, a.subject_id,
		COALESCE(us.name, ''), a.rule, a.reason, a.before_state, a.after_state
		FROM audit_log a LEFT JOIN users ua ON ua.id = a.actor_id LEFT JOIN users us ON us.id = a.subject_id`
	if len(where) > 0 {
		q += ` WHERE ` + strings.Join(where, " AND ")
	}
	args = append(args, f.Limit)
	q += fmt.Sprintf(` ORDER BY a.seq DESC LIMIT $%d`, len(args))
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("audit log: %w", err)
	}
	defer rows.Close()
	var out []AuditEntry
	for rows.Next() {
		var e AuditEntry
		var at int64
		var auto int
		if err := rows.Scan(&e.Seq, &at, &e.ActorID, &e.ActorName, &auto, &e.Action, &e.TargetType, &e.TargetID, &e.SubjectID,
			&e.SubjectName, &e.Rule, &e.Reason, &e.Before, &e.After); err != nil {
			return nil, err
		}
		e.At, e.Automated = fromMillis(at), auto != 0
		out = append(out, e)
	}
	return out, rows.Err()
}

// LastAudit is the newest entry about a target (who decided it), or
// ErrNotFound.
func (s *Store) LastAudit(ctx context.Context, targetType, targetID string) (AuditEntry, error) {
	es, err := s.AuditLog(ctx, AuditFilter{TargetType: targetType, TargetID: targetID, Limit: 1})
	if err != nil {
		return AuditEntry{}, err
	}
	if len(es) == 0 {
		return AuditEntry{}, ErrNotFound
	}
	return es[0], nil
}

// AuditCount is how many entries share an action, rule and automation.
type AuditCount struct {
	Action    string
	Rule      string
	Automated bool
	N         int
}

// AuditCounts groups the entries of a period by action, rule and whether
// the machine acted: what the transparency report and the quality page
// count.
func (s *Store) AuditCounts(ctx context.Context, since, until time.Time) ([]AuditCount, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT action, rule, automated, COUNT(*) FROM audit_log WHERE at >= $1 AND at < $2
		GROUP BY action, rule, automated ORDER BY action, rule, automated`, millis(since), millis(until))
	if err != nil {
		return nil, fmt.Errorf("audit counts: %w", err)
	}
	defer rows.Close()
	var out []AuditCount
	for rows.Next() {
		var c AuditCount
		var auto int
		if err := rows.Scan(&c.Action, &c.Rule, &auto, &c.N); err != nil {
			return nil, err
		}
		c.Automated = auto != 0
		out = append(out, c)
	}
	return out, rows.Err()
}
