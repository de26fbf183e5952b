package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// migrations is the one ordered list of schema steps. Steps are never edited
// once released; a change is a new step at the end. Each step is written once
// for both databases: {{blob}} stands for the binary column type and
// {{autoid}} for an auto-incrementing integer primary key.
var migrations = []string{
	// 1: the newsroom's content.
	`CREATE TABLE sections (
		id TEXT PRIMARY KEY,
		slug TEXT NOT NULL UNIQUE,
		name TEXT NOT NULL,
		parent_id TEXT REFERENCES sections(id),
		position INTEGER NOT NULL DEFAULT 0
	);
	CREATE TABLE authors (
		id TEXT PRIMARY KEY,
		slug TEXT NOT NULL UNIQUE,
		name TEXT NOT NULL,
		bio TEXT NOT NULL DEFAULT ''
	);
	CREATE TABLE tags (
		id TEXT PRIMARY KEY,
		slug TEXT NOT NULL UNIQUE,
		name TEXT NOT NULL
	);
	CREATE TABLE images (
		id TEXT PRIMARY KEY,
		sha256 TEXT NOT NULL UNIQUE,
		content_type TEXT NOT NULL,
		width INTEGER NOT NULL DEFAULT 0,
		height INTEGER NOT NULL DEFAULT 0,
		data {{blob}} NOT NULL,
		created_at BIGINT NOT NULL
	);
	CREATE TABLE articles (
		id TEXT PRIMARY KEY,
		slug TEXT NOT NULL UNIQUE,
		short_code TEXT NOT NULL UNIQUE,
		headline TEXT NOT NULL,
		summary TEXT NOT NULL DEFAULT '',
		body TEXT NOT NULL DEFAULT '',
		language TEXT NOT NULL DEFAULT 'en',
		top_story INTEGER NOT NULL DEFAULT 0,
		section_id TEXT NOT NULL REFERENCES sections(id),
		author_id TEXT REFERENCES authors(id),
		lead_image_id TEXT REFERENCES images(id),
		lead_caption TEXT NOT NULL DEFAULT '',
		lead_credit TEXT NOT NULL DEFAULT '',
		published_at BIGINT NOT NULL,
		updated_at BIGINT NOT NULL,
		created_at BIGINT NOT NULL,
		views BIGINT NOT NULL DEFAULT 0
	);
	CREATE INDEX articles_published ON articles (published_at DESC);
	CREATE INDEX articles_section ON articles (section_id, published_at DESC);
	CREATE INDEX articles_author ON articles (author_id, published_at DESC);
	CREATE TABLE article_tags (
		article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
		tag_id TEXT NOT NULL REFERENCES tags(id),
		position INTEGER NOT NULL DEFAULT 0,
		PRIMARY KEY (article_id, tag_id)
	);
	CREATE INDEX article_tags_tag ON article_tags (tag_id);
	CREATE TABLE article_related (
		article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
		related_slug TEXT NOT NULL,
		position INTEGER NOT NULL DEFAULT 0,
		PRIMARY KEY (article_id, related_slug)
	);
	CREATE TABLE article_views_hourly (
		article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
		hour BIGINT NOT NULL,
		views BIGINT NOT NULL DEFAULT 0,
		PRIMARY KEY (article_id, hour)
	);
	CREATE INDEX article_views_hour ON article_views_hourly (hour);
	CREATE TABLE settings (
		key TEXT PRIMARY KEY,
		value TEXT NOT NULL
	);
	CREATE TABLE users (
		id TEXT PRIMARY KEY,
		email TEXT NOT NULL UNIQUE,
		name TEXT NOT NULL,
		role TEXT NOT NULL,
		password_hash TEXT NOT NULL DEFAULT '',
		created_at BIGINT NOT NULL
	);`,
	// 2: reader accounts: verification, consent, deletion, sessions,
	// one-time tokens, API tokens, social identities, rate limits, the
	// captcha replay list and the durable jobs queue.
	`ALTER TABLE users ADD COLUMN name_key TEXT NOT NULL DEFAULT '';
	ALTER TABLE users ADD COLUMN email_verified_at BIGINT NOT NULL DEFAULT 0;
	ALTER TABLE users ADD COLUMN consent_at BIGINT NOT NULL DEFAULT 0;
	ALTER TABLE users ADD COLUMN consent_version TEXT NOT NULL DEFAULT '';
	ALTER TABLE users ADD COLUMN updated_at BIGINT NOT NULL DEFAULT 0;
	ALTER TABLE users ADD COLUMN deleted_at BIGINT NOT NULL DEFAULT 0;
	ALTER TABLE users ADD COLUMN purge_after BIGINT NOT NULL DEFAULT 0;
	ALTER TABLE users ADD COLUMN purged_at BIGINT NOT NULL DEFAULT 0;
	UPDATE users SET name_key = LOWER(name), email_verified_at = created_at, updated_at = created_at;
	CREATE UNIQUE INDEX users_name_key ON users (name_key);
	CREATE TABLE sessions (
		id TEXT PRIMARY KEY,
		user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
		created_at BIGINT NOT NULL,
		last_seen_at BIGINT NOT NULL,
		expires_at BIGINT NOT NULL,
		ip TEXT NOT NULL DEFAULT '',
		user_agent TEXT NOT NULL DEFAULT ''
	);
	CREATE INDEX sessions_user ON sessions (user_id);
	CREATE TABLE user_tokens (
		hash TEXT PRIMARY KEY,
		kind TEXT NOT NULL,
		user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
		data TEXT NOT NULL DEFAULT '',
		created_at BIGINT NOT NULL,
		expires_at BIGINT NOT NULL,
		used_at BIGINT NOT NULL DEFAULT 0
	);
	CREATE INDEX user_tokens_user ON user_tokens (user_id, kind);
	CREATE TABLE api_tokens (
		id TEXT PRIMARY KEY,
		hash TEXT NOT NULL UNIQUE,
		user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
		name TEXT NOT NULL DEFAULT '',
		created_at BIGINT NOT NULL,
		last_used_at BIGINT NOT NULL DEFAULT 0,
		revoked_at BIGINT NOT NULL DEFAULT 0
	);
	CREATE INDEX api_tokens_user ON api_tokens (user_id);
	CREATE TABLE identities (
		provider TEXT NOT NULL,
		subject TEXT NOT NULL,
		user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
		email TEXT NOT NULL DEFAULT '',
		created_at BIGINT NOT NULL,
		PRIMARY KEY (provider, subject)
	);
	CREATE INDEX identities_user ON identities (user_id);
	CREATE TABLE rate_limits (
		key TEXT PRIMARY KEY,
		failures INTEGER NOT NULL DEFAULT 0,
		locked_until BIGINT NOT NULL DEFAULT 0,
		updated_at BIGINT NOT NULL
	);
	CREATE TABLE captcha_used (
		nonce TEXT PRIMARY KEY,
		expires_at BIGINT NOT NULL
	);
	CREATE TABLE jobs (
		id TEXT PRIMARY KEY,
		kind TEXT NOT NULL,
		payload TEXT NOT NULL DEFAULT '',
		unique_key TEXT,
		run_at BIGINT NOT NULL,
		attempts INTEGER NOT NULL DEFAULT 0,
		max_attempts INTEGER NOT NULL DEFAULT 10,
		locked_by TEXT NOT NULL DEFAULT '',
		locked_until BIGINT NOT NULL DEFAULT 0,
		done_at BIGINT NOT NULL DEFAULT 0,
		failed_at BIGINT NOT NULL DEFAULT 0,
		last_error TEXT NOT NULL DEFAULT '',
		created_at BIGINT NOT NULL
	);
	CREATE UNIQUE INDEX jobs_unique_key ON jobs (unique_key);
	CREATE INDEX jobs_due ON jobs (done_at, failed_at, run_at);`,
	// 3: comments, their versions and reports, and the ordered event log
	// that live streams replay from.
	`CREATE TABLE comments (
		id TEXT PRIMARY KEY,
		article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
		parent_id TEXT REFERENCES comments(id),
		root_id TEXT NOT NULL,
		depth INTEGER NOT NULL DEFAULT 0,
		author_id TEXT NOT NULL REFERENCES users(id),
		body TEXT NOT NULL,
		status TEXT NOT NULL,
		reasons TEXT NOT NULL DEFAULT '',
		reply_count INTEGER NOT NULL DEFAULT 0,
		report_count INTEGER NOT NULL DEFAULT 0,
		needs_review INTEGER NOT NULL DEFAULT 0,
		version INTEGER NOT NULL DEFAULT 1,
		edited_at BIGINT NOT NULL DEFAULT 0,
		edited_by_moderator INTEGER NOT NULL DEFAULT 0,
		created_at BIGINT NOT NULL,
		seq BIGINT NOT NULL DEFAULT 0
	);
	CREATE INDEX comments_article ON comments (article_id, status, created_at);
	CREATE INDEX comments_root ON comments (root_id, created_at);
	CREATE INDEX comments_author ON comments (author_id, created_at);
	CREATE TABLE comment_versions (
		comment_id TEXT NOT NULL REFERENCES comments(id) ON DELETE CASCADE,
		version INTEGER NOT NULL,
		body TEXT NOT NULL,
		editor_id TEXT NOT NULL,
		reason TEXT NOT NULL DEFAULT '',
		created_at BIGINT NOT NULL,
		PRIMARY KEY (comment_id, version)
	);
	CREATE TABLE comment_reports (
		comment_id TEXT NOT NULL REFERENCES comments(id) ON DELETE CASCADE,
		reporter_id TEXT NOT NULL REFERENCES users(id),
		rule TEXT NOT NULL,
		note TEXT NOT NULL DEFAULT '',
		created_at BIGINT NOT NULL,
		PRIMARY KEY (comment_id, reporter_id)
	);
	CREATE TABLE comment_events (
		seq {{autoid}},
		article_id TEXT NOT NULL,
		comment_id TEXT NOT NULL,
		created_at BIGINT NOT NULL
	);
	CREATE INDEX comment_events_article ON comment_events (article_id, seq);
	ALTER TABLE articles ADD COLUMN comment_count INTEGER NOT NULL DEFAULT 0;`,
	// 4: what the moderation engine saw in each comment: its detector
	// scores and the policy version it applied, for moderators.
	`ALTER TABLE comments ADD COLUMN scores TEXT NOT NULL DEFAULT '';
	ALTER TABLE comments ADD COLUMN policy_version TEXT NOT NULL DEFAULT '';`,
	// 5: the moderators' workspace: queue lookups, the audit log, strikes,
	// blocks and appeals, private notes on users, readers' notifications,
	// and the keyed hashes that recognise permanently blocked people.
	`CREATE INDEX comments_queue ON comments (status, needs_review, created_at);
	CREATE INDEX comments_created ON comments (created_at);
	ALTER TABLE users ADD COLUMN blocked_at BIGINT NOT NULL DEFAULT 0;
	ALTER TABLE users ADD COLUMN block_reason TEXT NOT NULL DEFAULT '';
	ALTER TABLE users ADD COLUMN block_count INTEGER NOT NULL DEFAULT 0;
	ALTER TABLE users ADD COLUMN block_permanent INTEGER NOT NULL DEFAULT 0;
	ALTER TABLE users ADD COLUMN strike_points INTEGER NOT NULL DEFAULT 0;
	CREATE TABLE audit_log (
		seq {{autoid}},
		at BIGINT NOT NULL,
		actor_id TEXT NOT NULL DEFAULT '',
		automated INTEGER NOT NULL DEFAULT 0,
		action TEXT NOT NULL,
		target_type TEXT NOT NULL,
		target_id TEXT NOT NULL,
		subject_id TEXT NOT NULL DEFAULT '',
		rule TEXT NOT NULL DEFAULT '',
		reason TEXT NOT NULL DEFAULT '',
		before_state TEXT NOT NULL DEFAULT '',
		after_state TEXT NOT NULL DEFAULT ''
	);
	CREATE INDEX audit_target ON audit_log (target_type, target_id, seq);
	CREATE INDEX audit_subject ON audit_log (subject_id, seq);
	CREATE INDEX audit_at ON audit_log (at);
	CREATE TABLE strikes (
		id TEXT PRIMARY KEY,
		user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
		comment_id TEXT NOT NULL,
		rule TEXT NOT NULL,
		points INTEGER NOT NULL,
		created_at BIGINT NOT NULL
	);
	CREATE INDEX strikes_user ON strikes (user_id, created_at);
	CREATE TABLE appeals (
		id TEXT PRIMARY KEY,
		user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
		block_number INTEGER NOT NULL,
		subject TEXT NOT NULL,
		explanation TEXT NOT NULL,
		status TEXT NOT NULL,
		created_at BIGINT NOT NULL,
		decided_by TEXT NOT NULL DEFAULT '',
		decided_at BIGINT NOT NULL DEFAULT 0,
		decision_reason TEXT NOT NULL DEFAULT '',
		UNIQUE (user_id, block_number)
	);
	CREATE INDEX appeals_status ON appeals (status, created_at);
	CREATE TABLE user_notes (
		id TEXT PRIMARY KEY,
		user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
		author_id TEXT NOT NULL,
		body TEXT NOT NULL,
		created_at BIGINT NOT NULL
	);
	CREATE INDEX user_notes_user ON user_notes (user_id, created_at);
	CREATE TABLE notifications (
		id TEXT PRIMARY KEY,
		user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
		kind TEXT NOT NULL,
		title TEXT NOT NULL,
		body TEXT NOT NULL,
		link TEXT NOT NULL DEFAULT '',
		created_at BIGINT NOT NULL,
		read_at BIGINT NOT NULL DEFAULT 0
	);
	CREATE INDEX notifications_user ON notifications (user_id, created_at);
	CREATE TABLE banned_identities (
		hash TEXT PRIMARY KEY,
		user_id TEXT NOT NULL,
		kind TEXT NOT NULL,
		created_at BIGINT NOT NULL
	);`,
}

// SchemaVersion is the number of migration steps this build knows.
func SchemaVersion() int { return len(migrations) }

func (s *Store) ddl(step string) string {
	blob, autoid := "BLOB", "INTEGER PRIMARY KEY AUTOINCREMENT"
	if s.dialect == Postgres {
		blob, autoid = "BYTEA", "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"
	}
	return strings.NewReplacer("{{blob}}", blob, "{{autoid}}", autoid).Replace(step)
}

// Migrate brings the schema up to date, one transaction per step. Several
// nodes may start at once on PostgreSQL: an advisory lock lets one migrate
// while the others wait.
func (s *Store) Migrate(ctx context.Context) (applied int, err error) {
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return 0, fmt.Errorf("migrate: %w", err)
	}
	defer conn.Close()
	if s.dialect == Postgres {
		if _, err := conn.ExecContext(ctx, `SELECT pg_advisory_lock(7461626)`); err != nil {
			return 0, fmt.Errorf("migrate: lock: %w", err)
		}
		defer conn.ExecContext(context.WithoutCancel(ctx), `SELECT pg_advisory_unlock(7461626)`)
	}
	if _, err := conn.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)`); err != nil {
		return 0, fmt.Errorf("migrate: %w", err)
	}
	current, err := currentVersion(ctx, conn)
	if err != nil {
		return 0, err
	}
	if current > len(migrations) {
		return 0, fmt.Errorf("migrate: the database is at schema version %d, newer than this build's %d", current, len(migrations))
	}
	for v := current; v < len(migrations); v++ {
		if err := s.applyStep(ctx, conn, v); err != nil {
			return applied, err
		}
		applied++
	}
	return applied, nil
}

func currentVersion(ctx context.Context, conn *sql.Conn) (int, error) {
	var v sql.NullInt64
	if err := conn.QueryRowContext(ctx, `SELECT MAX(version) FROM schema_version`).Scan(&v); err != nil {
		return 0, fmt.Errorf("migrate: read version: %w", err)
	}
	return int(v.Int64), nil
}

func (s *Store) applyStep(ctx context.Context, conn *sql.Conn, v int) error {
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("migrate step %d: %w", v+1, err)
	}
	defer tx.Rollback()
	for _, stmt := range splitStatements(s.ddl(migrations[v])) {
		if _, err := tx.ExecContext(ctx, stmt); err != nil {
			return fmt.Errorf("migrate step %d: %w\n%s", v+1, err, stmt)
		}
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM schema_version`); err != nil {
		return fmt.Errorf("migrate step %d: %w", v+1, err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO schema_version (version) VALUES ($1)`, v+1); err != nil {
		return fmt.Errorf("migrate step %d: %w", v+1, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("migrate step %d: commit: %w", v+1, err)
	}
	return nil
}

// Version returns the schema version the database is at.
func (s *Store) Version(ctx context.Context) (int, error) {
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return 0, err
	}
	defer conn.Close()
	return currentVersion(ctx, conn)
}

// splitStatements splits a step at semicolons that end a line; steps hold no
// string literals with semicolons.
func splitStatements(step string) []string {
	var out []string
	for _, part := range strings.Split(step, ";\n") {
		if p := strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(part), ";")); p != "" {
			out = append(out, p)
		}
	}
	return out
}
