package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"
)

// The moderators' queues.
const (
	QueueHeld     = "held"     // held by the machine, not published
	QueueReported = "reported" // published, reported by readers
	QueueFlagged  = "flagged"  // published by the machine, marked for review
	QueueAppeals  = "appeals"  // open appeals against blocks
)

// Queues lists the comment queues in the order moderators see them.
var Queues = []string{QueueHeld, QueueReported, QueueFlagged}

func queueCond(queue string) (string, bool) {
	switch queue {
	case QueueHeld:
		return `c.status = 'held'`, true
	case QueueReported:
		return `c.status = 'published' AND c.needs_review = 1 AND c.report_count > 0`, true
	case QueueFlagged:
		return `c.status = 'published' AND c.needs_review = 1 AND c.report_count = 0`, true
	}
	return "", false
}

// QueueFilter chooses a queue's items; zero fields do not filter.
type QueueFilter struct {
	Queue     string
	Rule      string
	ArticleID string
	AuthorID  string
	Since     time.Time
	Until     time.Time
	// Oldest lists oldest first (the default is newest first).
	Oldest bool
	Limit  int
	Offset int
}

func (f QueueFilter) where() (string, []any, error) {
	cond, ok := queueCond(f.Queue)
	if !ok {
		return "", nil, fmt.Errorf("queue %q: %w", f.Queue, ErrNotFound)
	}
	where := []string{cond}
	var args []any
	add := func(c string, v any) {
		args = append(args, v)
		where = append(where, strings.ReplaceAll(c, "?", fmt.Sprintf("$%d", len(args))))
	}
	if f.Rule != "" {
		add(`c.reasons LIKE ?`, `%"rule":"`+f.Rule+`"%`)
	}
	if f.ArticleID != "" {
		add(`c.article_id = ?`, f.ArticleID)
	}
	if f.AuthorID != "" {
		add(`c.author_id = ?`, f.AuthorID)
	}
	if !f.Since.IsZero() {
		add(`c.created_at >= ?`, millis(f.Since))
	}
	if !f.Until.IsZero() {
		add(`c.created_at < ?`, millis(f.Until))
	}
	return strings.Join(where, " AND "), args, nil
}

// QueueComments lists a queue's comments.
func (s *Store) QueueComments(ctx context.Context, f QueueFilter) ([]Comment, error) {
	where, args, err := f.where()
	if err != nil {
		return nil, err
	}
	order := "DESC"
	if f.Oldest {
		order = "ASC"
	}
	if f.Limit <= 0 || f.Limit > 1000 {
		f.Limit = 50
	}
	args = append(args, f.Limit, f.Offset)
	q := `SELECT ` + commentColumns + commentJoins + ` WHERE ` + where +
		fmt.Sprintf(` ORDER BY c.created_at %s, c.id %s LIMIT $%d OFFSET $%d`, order, order, len(args)-1, len(args))
	return s.queryComments(ctx, q, args...)
}

// CountQueue counts a queue's comments under a filter.
func (s *Store) CountQueue(ctx context.Context, f QueueFilter) (int, error) {
	where, args, err := f.where()
	if err != nil {
		return 0, err
	}
	var n int
	err = s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM comments c WHERE `+where, args...).Scan(&n)
	return n, err
}

// QueueCounts counts every queue, appeals included.
func (s *Store) QueueCounts(ctx context.Context) (map[string]int, error) {
	out := map[string]int{}
	for _, q := range Queues {
		n, err := s.CountQueue(ctx, QueueFilter{Queue: q})
		if err != nil {
			return nil, fmt.Errorf("queue counts: %w", err)
		}
		out[q] = n
	}
	var n int
	if err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM appeals WHERE status = 'open'`).Scan(&n); err != nil {
		return nil, fmt.Errorf("queue counts: %w", err)
	}
	out[QueueAppeals] = n
	return out, nil
}

// Report is one reader's report of a comment.
type Report struct {
	CommentID    string
	ReporterID   string
	ReporterName string
	Rule         string
	Note         string
	CreatedAt    time.Time
}

// CommentReports lists the reports of some comments, oldest first.
func (s *Store) CommentReports(ctx context.Context, commentIDs []string) ([]Report, error) {
	if len(commentIDs) == 0 {
		return nil, nil
	}
	ph, args := placeholders(1, commentIDs)
	rows, err := s.db.QueryContext(ctx, `SELECT r.comment_id, r.reporter_id, COALESCE(u.name, ''), r.rule, r.note, r.created_at
		FROM comment_reports r LEFT JOIN users u ON u.id = r.reporter_id WHERE r.comment_id IN (`+ph+`) ORDER BY r.created_at`, args...)
	if err != nil {
		return nil, fmt.Errorf("comment reports: %w", err)
	}
	defer rows.Close()
	var out []Report
	for rows.Next() {
		var r Report
		var at int64
		if err := rows.Scan(&r.CommentID, &r.ReporterID, &r.ReporterName, &r.Rule, &r.Note, &at); err != nil {
			return nil, err
		}
		r.CreatedAt = fromMillis(at)
		out = append(out, r)
	}
	return out, rows.Err()
}

// AuthorRecord is an author's history at a glance.
type AuthorRecord struct {
	User                                User
	Comments, Published, Held, Rejected int
	Strikes, StrikePoints               int
	// Decisions counts moderators' and the machine's decisions on the
	// author's comments and account.
	Decisions int
}

// AuthorRecords loads the records of some accounts.
func (s *Store) AuthorRecords(ctx context.Context, userIDs []string) (map[string]AuthorRecord, error) {
	out := map[string]AuthorRecord{}
	if len(userIDs) == 0 {
		return out, nil
	}
	ph, args := placeholders(1, userIDs)
	rows, err := s.db.QueryContext(ctx, `SELECT `+userColumns+` FROM users WHERE id IN (`+ph+`)`, args...)
	if err != nil {
		return nil, fmt.Errorf("author records: %w", err)
	}
	for rows.Next() {
		u, err := scanUser(rows)
		if err != nil {
			rows.Close()
			return nil, err
		}
		out[u.ID] = AuthorRecord{User: u}
	}
	rows.Close()
	type count struct {
		q   string
		set func(r *AuthorRecord, key string, n, m int)
	}
	for _, c := range []count{
		{`SELECT author_id, status, COUNT(*), 0 FROM comments WHERE author_id IN (` + ph + `) GROUP BY author_id, status`,
			func(r *AuthorRecord, status string, n, _ int) {
				r.Comments += n
				switch status {
				case CommentPublished:
					r.Published += n
				case CommentHeld:
					r.Held += n
				case CommentRejected:
					r.Rejected += n
				}
			}},
		{`SELECT user_id, '', COUNT(*), COALESCE(SUM(points), 0) FROM strikes WHERE user_id IN (` + ph + `) GROUP BY user_id`,
			func(r *AuthorRecord, _ string, n, m int) { r.Strikes, r.StrikePoints = n, m }},
		{`SELECT subject_id, '', COUNT(*), 0 FROM audit_log WHERE subject_id IN (` + ph + `)
			AND action IN ('comment.hold', 'comment.reject', 'comment.approve', 'comment.flag', 'user.block') GROUP BY subject_id`,
			func(r *AuthorRecord, _ string, n, _ int) { r.Decisions = n }},
	} {
		rows, err := s.db.QueryContext(ctx, c.q, args...)
		if err != nil {
			return nil, fmt.Errorf("author records: %w", err)
		}
		for rows.Next() {
			var id, key string
			var n, m int
			if err := rows.Scan(&id, &key, &n, &m); err != nil {
				rows.Close()
				return nil, err
			}
			r := out[id]
			c.set(&r, key, n, m)
			out[id] = r
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// Decision is a moderator's approve or reject of a comment.
type Decision struct {
	CommentID string
	// ExpectStatus and ExpectReview are the state the moderator saw; if
	// the comment changed meanwhile (someone else decided), the decision
	// fails with ErrConflict and changes nothing.
	ExpectStatus string
	ExpectReview bool
	Approve      bool
	Rule         string
	Note         string
	ActorID      string
	At           time.Time
	// Reasons are the comment's stored reasons after a rejection.
	Reasons string
	// Strike, for a rejection, is the author's strike; Notify the
	// statement of reasons in their account.
	Strike *Strike
	Notify *Notification
}

// Decided is a decision's outcome.
type Decided struct {
	Before  Comment
	Comment Comment
	Author  User
	// Blocked: the strike blocked the author.
	Blocked bool
}

// auditState is the short JSON of a comment's state in the audit log.
func auditState(c Comment, rules []string) string {
	m := map[string]any{"status": c.Status, "needs_review": c.NeedsReview, "version": c.Version}
	if rules != nil {
		m["rules"] = rules
	}
	b, _ := json.Marshal(m)
	return string(b)
}

// ruleIDs reads the rule ids out of stored reasons.
func ruleIDs(reasons string) []string {
	var rs []struct {
		Rule string `json:"rule"`
	}
	json.Unmarshal([]byte(reasons), &rs)
	out := []string{}
	for _, r := range rs {
		if !slices.Contains(out, r.Rule) {
			out = append(out, r.Rule)
		}
	}
	return out
}

// DecideComment applies a moderator's decision in one transaction: the
// comment's status and counts, the audit entry, the statement of reasons
// and the strike (which may block the author).
func (s *Store) DecideComment(ctx context.Context, d Decision) (Decided, error) {
	var out Decided
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		c, err := scanComment(tx.QueryRowContext(ctx, `SELECT `+commentColumns+commentJoins+` WHERE c.id = $1`, d.CommentID))
		if err != nil {
			return err
		}
		out.Before = c
		if c.Status != d.ExpectStatus || c.NeedsReview != d.ExpectReview || (c.Status != CommentPublished && c.Status != CommentHeld) {
			return ErrConflict
		}
		action := ActionApprove
		if d.Approve {
			if c.Status == CommentHeld {
				c.Status = CommentPublished
				if err := publish(ctx, tx, &c); err != nil {
					return err
				}
			}
		} else {
			action = ActionReject
			if c.Status == CommentPublished {
				if err := unpublish(ctx, tx, c); err != nil {
					return err
				}
			}
			c.Status, c.Reasons = CommentRejected, d.Reasons
		}
		c.NeedsReview = false
		if _, err := tx.ExecContext(ctx, `UPDATE comments SET status = $2, needs_review = 0, reasons = $3 WHERE id = $1`,
			c.ID, c.Status, c.Reasons); err != nil {
			return fmt.Errorf("decide comment: %w", err)
		}
		if err := addAudit(ctx, tx, AuditEntry{At: d.At, ActorID: d.ActorID, Action: action, TargetType: TargetComment, TargetID: c.ID,
			SubjectID: c.AuthorID, Rule: d.Rule, Reason: d.Note, Before: auditState(out.Before, ruleIDs(out.Before.Reasons)),
			After: auditState(c, nil)}); err != nil {
			return err
		}
		if d.Notify != nil {
			d.Notify.UserID, d.Notify.CreatedAt = c.AuthorID, d.At
			if err := addNotification(ctx, tx, *d.Notify); err != nil {
				return err
			}
		}
		if d.Strike != nil {
			d.Strike.UserID, d.Strike.CommentID, d.Strike.At = c.AuthorID, c.ID, d.At
			if out.Author, out.Blocked, err = addStrike(ctx, tx, *d.Strike); err != nil {
				return err
			}
		} else if out.Author, err = scanUser(tx.QueryRowContext(ctx, `SELECT `+userColumns+` FROM users WHERE id = $1`, c.AuthorID)); err != nil {
			return err
		}
		out.Comment = c
		return nil
	})
	return out, err
}

// MachineDecision is what the engine decided about a new comment when it
// did not simply publish it, recorded with the comment in the same
// transaction: the audit entry, the statement of reasons and, for a
// rejection, the author's strike.
type MachineDecision struct {
	Action string // ActionHold, ActionFlag or ActionReject
	Rule   string
	Reason string
	Notify *Notification
	Strike *Strike
	// Blocked is set by InsertComments when the strike blocked the author.
	Blocked *User
}

// recordMachine writes new comments' machine decisions: their audit
// entries and statements of reasons, through prepared statements. Called
// within InsertComments' transaction.
func (s *Store) recordMachine(ctx context.Context, tx *sql.Tx, cs []*Comment) error {
	audit, err := s.txStmt(ctx, tx, insertAuditSQL)
	if err != nil {
		return err
	}
	var notify *sql.Stmt
	for _, c := range cs {
		m := c.Machine
		if _, err := audit.ExecContext(ctx, millis(c.CreatedAt), "", 1, m.Action, TargetComment, c.ID, c.AuthorID, m.Rule, m.Reason, "",
			auditState(*c, ruleIDs(c.Reasons))); err != nil {
			return fmt.Errorf("audit log: %w", err)
		}
		n := m.Notify
		if n == nil {
			continue
		}
		if notify == nil {
			if notify, err = s.txStmt(ctx, tx, insertNotificationSQL); err != nil {
				return err
			}
		}
		n.UserID, n.CreatedAt = c.AuthorID, c.CreatedAt
		if n.ID == "" {
			n.ID = NewID()
		}
		if _, err := notify.ExecContext(ctx, n.ID, n.UserID, n.Kind, n.Title, n.Body, n.Link, millis(n.CreatedAt)); err != nil {
			return fmt.Errorf("notification: %w", mapErr(err))
		}
	}
	return nil
}

const (
	insertAuditSQL = `INSERT INTO audit_log (at, actor_id, automated, action, target_type, target_id, subject_id, rule, reason,
		before_state, after_state) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`
	insertNotificationSQL = `INSERT INTO notifications (id, user_id, kind, title, body, link, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)`
	insertStrikeSQL       = `INSERT INTO strikes (id, user_id, comment_id, rule, points, created_at) VALUES ($1, $2, $3, $4, $5, $6)`
)

// recordStrikes records the strikes of a batch's rejected comments (sorted
// by author): their rows in one statement, then each author's points once,
// blocking an author whose points reach the limit. The comment.reject
// audit entries already name the rule; strikes of a batch are not audited
// one by one (moderators' strikes are, addStrike).
func (s *Store) recordStrikes(ctx context.Context, tx *sql.Tx, struck []*Comment) error {
	if len(struck) == 0 {
		return nil
	}
	ins, err := s.txStmt(ctx, tx, insertStrikeSQL)
	if err != nil {
		return err
	}
	upd, err := s.txStmt(ctx, tx, addPointsSQL)
	if err != nil {
		return err
	}
	for _, c := range struck {
		st := c.Machine.Strike
		if _, err := ins.ExecContext(ctx, NewID(), c.AuthorID, c.ID, st.Rule, st.Points, millis(c.CreatedAt)); err != nil {
			return fmt.Errorf("strike: %w", mapErr(err))
		}
	}
	for i := 0; i < len(struck); {
		j, points := i, 0
		for j < len(struck) && struck[j].AuthorID == struck[i].AuthorID {
			points += struck[j].Machine.Strike.Points
			j++
		}
		last := struck[j-1]
		u, err := scanUser(upd.QueryRowContext(ctx, last.AuthorID, points))
		if err != nil {
			return fmt.Errorf("strike: %w", err)
		}
		if st := last.Machine.Strike; st.BlockAt > 0 && u.StrikePoints >= st.BlockAt && !u.Blocked() {
			u, err = block(ctx, tx, Block{UserID: u.ID, Automated: true, Rule: st.Rule, Reason: st.Reason, At: last.CreatedAt})
			if err != nil {
				return err
			}
			last.Machine.Blocked = &u
		}
		i = j
	}
	return nil
}

const addPointsSQL = `UPDATE users SET strike_points = strike_points + $2 WHERE id = $1 RETURNING ` + userColumns
