package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"
)

// Comment statuses.
const (
	CommentPublished = "published"
	CommentHeld      = "held"
	CommentRejected  = "rejected"
	CommentDeleted   = "deleted"
)

// Comment is a reader's comment or reply. Reasons is the moderation
// step's JSON (rule ids and messages); Seq orders published comments for
// live streams.
type Comment struct {
	ID                string
	ArticleID         string
	ParentID          string
	RootID            string
	Depth             int
	AuthorID          string
	AuthorName        string
	Body              string
	Status            string
	Reasons           string
	ReplyCount        int
	ReportCount       int
	NeedsReview       bool
	Version           int
	EditedAt          time.Time
	EditedByModerator bool
	CreatedAt         time.Time
	Seq               int64
	// Scores are the moderation engine's scores (JSON) and PolicyVersion
	// the policy it applied.
	Scores        string
	PolicyVersion string
	// ParentAuthorID is filled by queries that join the parent.
	ParentAuthorID   string
	ParentAuthorName string
	// Machine, on a new comment, is the engine's decision to record with
	// it (InsertComments); nil when the comment was simply published.
	Machine *MachineDecision
}

const commentColumns = `c.id, c.article_id, COALESCE(c.parent_id, ''), c.root_id, c.depth, c.author_id, u.name, c.body, c.status,
	c.reasons, c.reply_count, c.report_count, c.needs_review, c.version, c.edited_at, c.edited_by_moderator, c.created_at, c.seq,
	c.scores, c.policy_version, COALESCE(p.author_id, ''), COALESCE(pu.name, '')`

const commentJoins = ` FROM comments c JOIN users u ON u.id = c.author_id
	LEFT JOIN comments p ON p.id = c.parent_id LEFT JOIN users pu ON pu.id = p.author_id`

func scanComment(row scanner) (Comment, error) {
	var c Comment
	var review, mod int
	var edited, created int64
	err := row.Scan(&c.ID, &c.ArticleID, &c.ParentID, &c.RootID, &c.Depth, &c.AuthorID, &c.AuthorName, &c.Body, &c.Status,
		&c.Reasons, &c.ReplyCount, &c.ReportCount, &review, &c.Version, &edited, &mod, &created, &c.Seq,
		&c.Scores, &c.PolicyVersion, &c.ParentAuthorID, &c.ParentAuthorName)
	if err != nil {
		return c, mapErr(err)
	}
	c.NeedsReview, c.EditedByModerator = review != 0, mod != 0
	c.EditedAt, c.CreatedAt = fromMillis(edited), fromMillis(created)
	return c, nil
}

// InsertComments stores new comments in one transaction, so that many
// posters share one durable commit. Published ones first take their place
// in the live-stream order (Seq); their articles' counts and their
// parents' reply counts move once per batch, not once per comment, so
// concurrent batches hold those rows only briefly. The comments come back
// with Seq filled. Callers check parents beforehand; a failing batch
// changes nothing.
func (s *Store) InsertComments(ctx context.Context, cs []Comment) ([]Comment, error) {
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		articles := map[string]int{}
		parents := map[string]int{}
		// The batch's statements are prepared once: parsing SQL per row
		// was an eighth of the posting path's CPU on SQLite.
		var stmts [3]*sql.Stmt
		for i, q := range []string{insertEventSQL, insertCommentSQL, insertVersionSQL} {
			var err error
			if stmts[i], err = s.txStmt(ctx, tx, q); err != nil {
				return err
			}
		}
		events, comments, versions := stmts[0], stmts[1], stmts[2]
		for i := range cs {
			c := &cs[i]
			if c.Status == CommentPublished {
				if err := events.QueryRowContext(ctx, c.ArticleID, c.ID, millis(c.CreatedAt)).Scan(&c.Seq); err != nil {
					return fmt.Errorf("comment event: %w", err)
				}
				articles[c.ArticleID]++
				if c.ParentID != "" {
					parents[c.ParentID]++
				}
			}
			parent := sql.NullString{String: c.ParentID, Valid: c.ParentID != ""}
			_, err := comments.ExecContext(ctx, c.ID, c.ArticleID, parent, c.RootID, c.Depth, c.AuthorID, c.Body, c.Status, c.Reasons,
				millis(c.CreatedAt), c.Seq, boolInt(c.NeedsReview), c.Scores, c.PolicyVersion)
			if err != nil {
				return fmt.Errorf("insert comment: %w", mapErr(err))
			}
			if _, err := versions.ExecContext(ctx, c.ID, c.Body, c.AuthorID, millis(c.CreatedAt)); err != nil {
				return fmt.Errorf("insert comment version: %w", err)
			}
		}
		// Strikes and their users' rows in author order, so concurrent
		// batches do not deadlock on them.
		var decided, struck []*Comment
		for i := range cs {
			c := &cs[i]
			if c.Machine == nil {
				continue
			}
			decided = append(decided, c)
			if c.Machine.Strike != nil {
				struck = append(struck, c)
			}
		}
		if len(decided) > 0 {
			if err := s.recordMachine(ctx, tx, decided); err != nil {
				return err
			}
		}
		slices.SortStableFunc(struck, func(a, b *Comment) int { return strings.Compare(a.AuthorID, b.AuthorID) })
		if err := s.recordStrikes(ctx, tx, struck); err != nil {
			return err
		}
		// Rows are updated in id order, so two batches touching the same
		// rows wait for each other instead of deadlocking.
		for _, id := range slices.Sorted(maps.Keys(parents)) {
			if _, err := tx.ExecContext(ctx, `UPDATE comments SET reply_count = reply_count + $2 WHERE id = $1`, id, parents[id]); err != nil {
				return fmt.Errorf("reply count: %w", err)
			}
		}
		for _, id := range slices.Sorted(maps.Keys(articles)) {
			if _, err := tx.ExecContext(ctx, `UPDATE articles SET comment_count = comment_count + $2 WHERE id = $1`, id, articles[id]); err != nil {
				return fmt.Errorf("comment count: %w", err)
			}
		}
		return nil
	})
	return cs, err
}

const (
	insertEventSQL   = `INSERT INTO comment_events (article_id, comment_id, created_at) VALUES ($1, $2, $3) RETURNING seq`
	insertCommentSQL = `INSERT INTO comments (id, article_id, parent_id, root_id, depth, author_id, body, status,
		reasons, version, created_at, seq, needs_review, scores, policy_version)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 1, $10, $11, $12, $13, $14)`
	insertVersionSQL = `INSERT INTO comment_versions (comment_id, version, body, editor_id, created_at) VALUES ($1, 1, $2, $3, $4)`
)

// CommentByID loads one comment, whatever its status.
func (s *Store) CommentByID(ctx context.Context, id string) (Comment, error) {
	c, err := scanComment(s.db.QueryRowContext(ctx, `SELECT `+commentColumns+commentJoins+` WHERE c.id = $1`, id))
	if err != nil {
		return c, fmt.Errorf("comment %q: %w", id, err)
	}
	return c, nil
}

// CommentSort orders comment listings.
type CommentSort string

// The orders readers can choose.
const (
	SortOldest  CommentSort = "oldest"
	SortNewest  CommentSort = "newest"
	SortReplies CommentSort = "replies"
)

// ValidSort reports whether s is a known order.
func ValidSort(s string) bool {
	switch CommentSort(s) {
	case SortOldest, SortNewest, SortReplies:
		return true
	}
	return false
}

func (o CommentSort) orderBy() string {
	switch o {
	case SortNewest:
		return ` ORDER BY c.created_at DESC, c.id DESC`
	case SortReplies:
		return ` ORDER BY c.reply_count DESC, c.created_at, c.id`
	}
	return ` ORDER BY c.created_at, c.id`
}

// CommentPage selects a page of an article's comments.
type CommentPage struct {
	ArticleID string
	Sort      CommentSort
	// TopLevel lists only thread starters (the page view); otherwise all
	// levels (the API).
	TopLevel bool
	// Viewer also sees their own held and rejected comments.
	Viewer string
	Limit  int
	Offset int
	// AfterSeq lists only comments published after this stream position.
	AfterSeq int64
}

// Comments lists comments readers may see: published ones, deleted ones
// that keep a thread's shape, and the viewer's own held or rejected ones.
func (s *Store) Comments(ctx context.Context, p CommentPage) ([]Comment, error) {
	conds := []string{"c.article_id = $1"}
	args := []any{p.ArticleID}
	vis := "(c.status = 'published' OR (c.status = 'deleted' AND c.reply_count > 0)"
	if p.Viewer != "" {
		args = append(args, p.Viewer)
		vis += fmt.Sprintf(" OR (c.author_id = $%d AND c.status IN ('held', 'rejected'))", len(args))
	}
	conds = append(conds, vis+")")
	if p.TopLevel {
		conds = append(conds, "c.parent_id IS NULL")
	}
	if p.AfterSeq > 0 {
		args = append(args, p.AfterSeq)
		conds = append(conds, fmt.Sprintf("c.seq > $%d AND c.status = 'published'", len(args)))
	}
	limit := p.Limit
	if limit <= 0 || limit > 500 {
		limit = 50
	}
	args = append(args, limit, max(p.Offset, 0))
	q := `SELECT ` + commentColumns + commentJoins + ` WHERE ` + strings.Join(conds, " AND ") + p.Sort.orderBy() +
		fmt.Sprintf(` LIMIT $%d OFFSET $%d`, len(args)-1, len(args))
	return s.queryComments(ctx, q, args...)
}

// CountComments counts the thread starters (topLevel) or all comments of
// an article that everyone may see.
func (s *Store) CountComments(ctx context.Context, articleID string, topLevel bool) (int, error) {
	q := `SELECT COUNT(*) FROM comments c WHERE c.article_id = $1 AND (c.status = 'published' OR (c.status = 'deleted' AND c.reply_count > 0))`
	if topLevel {
		q += ` AND c.parent_id IS NULL`
	}
	var n int
	if err := s.db.QueryRowContext(ctx, q, articleID).Scan(&n); err != nil {
		return 0, fmt.Errorf("count comments: %w", err)
	}
	return n, nil
}

// Replies lists the replies in some threads, oldest first, at most limit
// per query (the page shows long threads in parts).
func (s *Store) Replies(ctx context.Context, rootIDs []string, viewer string, limit int) ([]Comment, error) {
	if len(rootIDs) == 0 {
		return nil, nil
	}
	ph, args := placeholders(1, rootIDs)
	args = append(args, viewer, limit)
	q := `SELECT ` + commentColumns + commentJoins + ` WHERE c.root_id IN (` + ph + `) AND c.parent_id IS NOT NULL
		AND (c.status = 'published' OR (c.status = 'deleted' AND c.reply_count > 0)
			OR (c.author_id = $` + fmt.Sprint(len(args)-1) + ` AND c.status IN ('held', 'rejected')))
		ORDER BY c.created_at, c.id LIMIT $` + fmt.Sprint(len(args))
	return s.queryComments(ctx, q, args...)
}

// UserComments lists a reader's own comments, newest first, with the slug
// and headline of their articles (for the account page).
func (s *Store) UserComments(ctx context.Context, userID string, limit int) ([]Comment, []string, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+commentColumns+`, a.slug`+commentJoins+` JOIN articles a ON a.id = c.article_id
		WHERE c.author_id = $1 AND c.status <> 'deleted' ORDER BY c.created_at DESC LIMIT $2`, userID, limit)
	if err != nil {
		return nil, nil, fmt.Errorf("user comments: %w", err)
	}
	defer rows.Close()
	var out []Comment
	var slugs []string
	for rows.Next() {
		var c Comment
		var slug string
		var review, mod int
		var edited, created int64
		if err := rows.Scan(&c.ID, &c.ArticleID, &c.ParentID, &c.RootID, &c.Depth, &c.AuthorID, &c.AuthorName, &c.Body, &c.Status,
			&c.Reasons, &c.ReplyCount, &c.ReportCount, &review, &c.Version, &edited, &mod, &created, &c.Seq,
			&c.Scores, &c.PolicyVersion, &c.ParentAuthorID, &c.ParentAuthorName, &slug); err != nil {
			return nil, nil, err
		}
		c.NeedsReview, c.EditedByModerator = review != 0, mod != 0
		c.EditedAt, c.CreatedAt = fromMillis(edited), fromMillis(created)
		out = append(out, c)
		slugs = append(slugs, slug)
	}
	return out, slugs, rows.Err()
}

func (s *Store) queryComments(ctx context.Context, q string, args ...any) ([]Comment, error) {
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("comments: %w", err)
	}
	defer rows.Close()
	var out []Comment
	for rows.Next() {
		c, err := scanComment(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// CommentVersion is one saved text of a comment.
type CommentVersion struct {
	Version    int
	Body       string
	EditorID   string
	EditorName string
	Reason     string
	CreatedAt  time.Time
}

// CommentVersions lists every version of a comment, oldest first.
func (s *Store) CommentVersions(ctx context.Context, commentID string) ([]CommentVersion, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT v.version, v.body, v.editor_id, COALESCE(u.name, ''), v.reason, v.created_at
		FROM comment_versions v LEFT JOIN users u ON u.id = v.editor_id WHERE v.comment_id = $1 ORDER BY v.version`, commentID)
	if err != nil {
		return nil, fmt.Errorf("comment versions: %w", err)
	}
	defer rows.Close()
	var out []CommentVersion
	for rows.Next() {
		var v CommentVersion
		var created int64
		if err := rows.Scan(&v.Version, &v.Body, &v.EditorID, &v.EditorName, &v.Reason, &created); err != nil {
			return nil, err
		}
		v.CreatedAt = fromMillis(created)
		out = append(out, v)
	}
	return out, rows.Err()
}

// CommentEdit is a change of a comment's text (and, after moderation, its
// status) by its author or a moderator.
type CommentEdit struct {
	ID          string
	Body        string
	Status      string
	Reasons     string
	EditorID    string
	Reason      string
	ByModerator bool
	At          time.Time
	// Version is the version the editor saw; a concurrent edit fails with
	// ErrConflict instead of being overwritten.
	Version int
	// Scores and PolicyVersion are the moderation step's view of the new text.
	Scores        string
	PolicyVersion string
}

// EditComment saves a new version. A comment that becomes published now
// (an edited held or rejected one) enters the live-stream order.
func (s *Store) EditComment(ctx context.Context, e CommentEdit) (Comment, error) {
	var out Comment
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		c, err := scanComment(tx.QueryRowContext(ctx, `SELECT `+commentColumns+commentJoins+` WHERE c.id = $1`, e.ID))
		if err != nil {
			return err
		}
		if c.Version != e.Version {
			return ErrConflict
		}
		if c.Status == CommentDeleted {
			return ErrNotFound
		}
		next := c.Version + 1
		mod := boolInt(e.ByModerator || c.EditedByModerator)
		if _, err := tx.ExecContext(ctx, `UPDATE comments SET body = $2, status = $3, reasons = $4, version = $5, edited_at = $6,
			edited_by_moderator = $7, scores = $8, policy_version = $9 WHERE id = $1`,
			e.ID, e.Body, e.Status, e.Reasons, next, millis(e.At), mod, e.Scores, e.PolicyVersion); err != nil {
			return fmt.Errorf("edit comment: %w", err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO comment_versions (comment_id, version, body, editor_id, reason, created_at)
			VALUES ($1, $2, $3, $4, $5, $6)`, e.ID, next, e.Body, e.EditorID, e.Reason, millis(e.At)); err != nil {
			return fmt.Errorf("comment version: %w", err)
		}
		was := c.Status
		if e.ByModerator {
			if err := addAudit(ctx, tx, AuditEntry{At: e.At, ActorID: e.EditorID, Action: ActionEdit, TargetType: TargetComment, TargetID: e.ID,
				SubjectID: c.AuthorID, Reason: e.Reason, Before: c.Body, After: e.Body}); err != nil {
				return err
			}
		}
		c.Body, c.Status, c.Reasons, c.Version, c.EditedAt, c.EditedByModerator = e.Body, e.Status, e.Reasons, next, e.At, mod != 0
		switch {
		case e.Status == CommentPublished && was != CommentPublished:
			if c.Seq == 0 {
				c.CreatedAt = e.At
			}
			if err := publish(ctx, tx, &c); err != nil {
				return err
			}
		case e.Status != CommentPublished && was == CommentPublished:
			if err := unpublish(ctx, tx, c); err != nil {
				return err
			}
		}
		out = c
		return nil
	})
	return out, err
}

// DeleteComment marks a comment deleted, keeping the row so a thread keeps
// its shape ("comment deleted"); the text is kept for moderators only.
func (s *Store) DeleteComment(ctx context.Context, id string) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		var status, articleID string
		if err := tx.QueryRowContext(ctx, `SELECT status, article_id FROM comments WHERE id = $1`, id).Scan(&status, &articleID); err != nil {
			return fmt.Errorf("delete comment: %w", mapErr(err))
		}
		if status == CommentDeleted {
			return nil
		}
		if _, err := tx.ExecContext(ctx, `UPDATE comments SET status = 'deleted' WHERE id = $1`, id); err != nil {
			return fmt.Errorf("delete comment: %w", err)
		}
		if status == CommentPublished {
			if _, err := tx.ExecContext(ctx, `UPDATE articles SET comment_count = comment_count - 1 WHERE id = $1 AND comment_count > 0`, articleID); err != nil {
				return fmt.Errorf("delete comment: %w", err)
			}
		}
		return nil
	})
}

// ReportComment records a reader's report (once per reader) and returns
// how many readers have reported the comment. At threshold reports the
// comment is marked for the moderators.
func (s *Store) ReportComment(ctx context.Context, commentID, reporterID, rule, note string, at time.Time, threshold int) (int, error) {
	var n int
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO comment_reports (comment_id, reporter_id, rule, note, created_at) VALUES ($1, $2, $3, $4, $5)`,
			commentID, reporterID, rule, note, millis(at))
		if err != nil {
			err = mapErr(err)
			if errors.Is(err, ErrConflict) {
				return ErrConflict
			}
			return fmt.Errorf("report comment: %w", err)
		}
		if err := tx.QueryRowContext(ctx, `UPDATE comments SET report_count = report_count + 1,
			needs_review = CASE WHEN report_count + 1 >= $2 THEN 1 ELSE needs_review END
			WHERE id = $1 RETURNING report_count`, commentID, threshold).Scan(&n); err != nil {
			return fmt.Errorf("report comment: %w", mapErr(err))
		}
		return nil
	})
	return n, err
}

// CommentEvent is one published comment in the live-stream order.
type CommentEvent struct {
	Seq       int64
	ArticleID string
	CommentID string
}

// CommentEventsAfter lists events after a position, oldest first: for all
// articles (a node's poller) or one (a stream resuming with Last-Event-ID).
func (s *Store) CommentEventsAfter(ctx context.Context, articleID string, after int64, limit int) ([]CommentEvent, error) {
	q := `SELECT seq, article_id, comment_id FROM comment_events WHERE seq > $1`
	args := []any{after}
	if articleID != "" {
		q += ` AND article_id = $2`
		args = append(args, articleID)
	}
	args = append(args, limit)
	q += fmt.Sprintf(` ORDER BY seq LIMIT $%d`, len(args))
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("comment events: %w", err)
	}
	defer rows.Close()
	var out []CommentEvent
	for rows.Next() {
		var e CommentEvent
		if err := rows.Scan(&e.Seq, &e.ArticleID, &e.CommentID); err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// LastCommentSeq is the newest position of the live-stream order.
func (s *Store) LastCommentSeq(ctx context.Context) (int64, error) {
	var n sql.NullInt64
	if err := s.db.QueryRowContext(ctx, `SELECT MAX(seq) FROM comment_events`).Scan(&n); err != nil {
		return 0, fmt.Errorf("last comment seq: %w", err)
	}
	return n.Int64, nil
}

// CommentsByIDs loads comments by id, in no particular order.
func (s *Store) CommentsByIDs(ctx context.Context, ids []string) ([]Comment, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	ph, args := placeholders(1, ids)
	return s.queryComments(ctx, `SELECT `+commentColumns+commentJoins+` WHERE c.id IN (`+ph+`)`, args...)
}

// publish puts a comment that becomes visible later (an edited held or
// rejected one) into the live-stream order and its counters.
func publish(ctx context.Context, tx *sql.Tx, c *Comment) error {
	err := tx.QueryRowContext(ctx, `INSERT INTO comment_events (article_id, comment_id, created_at) VALUES ($1, $2, $3) RETURNING seq`,
		c.ArticleID, c.ID, millis(c.CreatedAt)).Scan(&c.Seq)
	if err != nil {
		return fmt.Errorf("comment event: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `UPDATE comments SET seq = $2 WHERE id = $1`, c.ID, c.Seq); err != nil {
		return fmt.Errorf("publish comment: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `UPDATE articles SET comment_count = comment_count + 1 WHERE id = $1`, c.ArticleID); err != nil {
		return fmt.Errorf("publish comment: %w", err)
	}
	if c.ParentID != "" {
		if _, err := tx.ExecContext(ctx, `UPDATE comments SET reply_count = reply_count + 1 WHERE id = $1`, c.ParentID); err != nil {
			return fmt.Errorf("publish comment: %w", err)
		}
	}
	return nil
}

// unpublish takes a comment that stops being visible out of its article's
// and parent's counts.
func unpublish(ctx context.Context, tx *sql.Tx, c Comment) error {
	if _, err := tx.ExecContext(ctx, `UPDATE articles SET comment_count = comment_count - 1 WHERE id = $1 AND comment_count > 0`, c.ArticleID); err != nil {
		return fmt.Errorf("unpublish comment: %w", err)
	}
	if c.ParentID != "" {
		if _, err := tx.ExecContext(ctx, `UPDATE comments SET reply_count = reply_count - 1 WHERE id = $1 AND reply_count > 0`, c.ParentID); err != nil {
			return fmt.Errorf("unpublish comment: %w", err)
		}
	}
	return nil
}

// MarkComment records a rule found after a comment was judged (an
// organised action recognised later) by replacing its reasons. With hold, a
// published comment is taken down to wait for a moderator; otherwise it is
// marked for review. Only published or held comments change; the result
// says whether this one did.
func (s *Store) MarkComment(ctx context.Context, id, reasons string, hold bool) (Comment, bool, error) {
	var out Comment
	changed := false
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		c, err := scanComment(tx.QueryRowContext(ctx, `SELECT `+commentColumns+commentJoins+` WHERE c.id = $1`, id))
		if err != nil {
			return err
		}
		out = c
		if c.Status != CommentPublished && c.Status != CommentHeld {
			return nil
		}
		review := 1
		if hold && c.Status == CommentPublished {
			if err := unpublish(ctx, tx, c); err != nil {
				return err
			}
			c.Status, review = CommentHeld, 0
		} else if c.Status == CommentHeld {
			review = 0
		}
		before := auditState(out, ruleIDs(out.Reasons))
		if _, err := tx.ExecContext(ctx, `UPDATE comments SET status = $2, reasons = $3, needs_review = $4 WHERE id = $1`,
			id, c.Status, reasons, review); err != nil {
			return fmt.Errorf("mark comment: %w", err)
		}
		action, added := ActionFlag, ""
		if c.Status == CommentHeld {
			action = ActionHold
		}
		if rs := ruleIDs(reasons); len(rs) > 0 {
			added = rs[len(rs)-1]
		}
		c.Reasons, c.NeedsReview = reasons, review != 0
		if err := addAudit(ctx, tx, AuditEntry{Automated: true, Action: action, TargetType: TargetComment, TargetID: id, SubjectID: c.AuthorID,
			Rule: added, Reason: "found after the comment was published", Before: before, After: auditState(c, ruleIDs(reasons))}); err != nil {
			return err
		}
		out, changed = c, true
		return nil
	})
	return out, changed, err
}

// RecentComments lists the comments posted since a time, oldest first, at
// most limit: what stateful detectors (coordinated posting) rebuild their
// memory from when a node starts.
func (s *Store) RecentComments(ctx context.Context, since time.Time, limit int) ([]Comment, error) {
	return s.queryComments(ctx, `SELECT `+commentColumns+commentJoins+` WHERE c.created_at >= $1 ORDER BY c.created_at, c.id LIMIT $2`,
		millis(since), limit)
}
