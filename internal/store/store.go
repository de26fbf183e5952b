// Package store keeps Tribune's data in SQLite (the embedded default) or
// PostgreSQL (for several nodes), with the same hand-written SQL for both.
// The few places where the two differ sit behind Dialect.
package store

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/google/uuid"
	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
	_ "modernc.org/sqlite"             // registers the "sqlite" driver
)

// Dialect names the database behind a Store.
type Dialect int

// The two supported databases.
const (
	SQLite Dialect = iota
	Postgres
)

func (d Dialect) String() string {
	if d == Postgres {
		return "postgres"
	}
	return "sqlite"
}

// Store is the one concrete store every feature uses.
type Store struct {
	db      *sql.DB
	dialect Dialect
	// stmts keeps the hot paths' prepared statements (*sql.Stmt by
	// query): the pure-Go SQLite parses a statement on every Exec
	// otherwise, and that was a tenth of the posting path.
	stmts sync.Map
}

// IsPostgresURL reports whether dsn names a PostgreSQL database.
func IsPostgresURL(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
}

// SQLitePath returns the database file Tribune uses inside a data folder.
func SQLitePath(dataDir string) string { return filepath.Join(dataDir, "tribune.db") }

// Open connects to dsn: a postgres:// URL, or else a path to an SQLite file
// (created with its folder when missing). It does not migrate.
func Open(ctx context.Context, dsn string) (*Store, error) {
	var (
		db  *sql.DB
		d   Dialect
		err error
	)
	if IsPostgresURL(dsn) {
		d = Postgres
		db, err = sql.Open("pgx", dsn)
		if err == nil {
			db.SetMaxOpenConns(20)
			db.SetMaxIdleConns(10)
			db.SetConnMaxIdleTime(5 * time.Minute)
		}
	} else {
		path := strings.TrimPrefix(dsn, "sqlite:")
		if dir := filepath.Dir(path); dir != "" {
			if err := os.MkdirAll(dir, 0o750); err != nil {
				return nil, fmt.Errorf("create data folder: %w", err)
			}
		}
		// synchronous=FULL: a commit is on disk before it returns, so an
		// acknowledged comment survives a crash; writers batch to afford it.
		q := "?_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)&_pragma=foreign_keys(1)&_pragma=synchronous(FULL)&_txlock=immediate"
		db, err = sql.Open("sqlite", "file:"+path+q)
		if err == nil {
			db.SetMaxOpenConns(8)
			db.SetMaxIdleConns(8)
		}
	}
	if err != nil {
		return nil, fmt.Errorf("open database: %w", err)
	}
	pctx, cancel := context.WithTimeout(ctx, 15*time.Second)
	defer cancel()
	if err := db.PingContext(pctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("connect to %s database: %w", d, err)
	}
	return &Store{db: db, dialect: d}, nil
}

// Close releases the connections.
func (s *Store) Close() error {
	s.stmts.Range(func(_, v any) bool {
		v.(*sql.Stmt).Close()
		return true
	})
	return s.db.Close()
}

// prepared returns the store's prepared statement for q, preparing it the
// first time; database/sql keeps it prepared on each connection it meets.
func (s *Store) prepared(ctx context.Context, q string) (*sql.Stmt, error) {
	if st, ok := s.stmts.Load(q); ok {
		return st.(*sql.Stmt), nil
	}
	st, err := s.db.PrepareContext(ctx, q)
	if err != nil {
		return nil, fmt.Errorf("prepare: %w", err)
	}
	if old, loaded := s.stmts.LoadOrStore(q, st); loaded {
		st.Close()
		return old.(*sql.Stmt), nil
	}
	return st, nil
}

// txStmt is prepared(q) bound to a transaction. It never waits for a
// connection of its own while the transaction holds one (with every
// connection busy, and some waiting for this transaction's write lock,
// that would deadlock): the first time, q is prepared on the transaction
// and the store's copy is prepared in the background.
func (s *Store) txStmt(ctx context.Context, tx *sql.Tx, q string) (*sql.Stmt, error) {
	if st, ok := s.stmts.Load(q); ok {
		return tx.StmtContext(ctx, st.(*sql.Stmt)), nil
	}
	go s.prepared(context.WithoutCancel(ctx), q)
	st, err := tx.PrepareContext(ctx, q)
	if err != nil {
		return nil, fmt.Errorf("prepare: %w", err)
	}
	return st, nil
}

// DB exposes the pool for metrics and for packages with their own queries.
func (s *Store) DB() *sql.DB { return s.db }

// Dialect tells which database is behind the store.
func (s *Store) Dialect() Dialect { return s.dialect }

// Ping checks that the database answers.
func (s *Store) Ping(ctx context.Context) error { return s.db.PingContext(ctx) }

// NewID returns a new time-sortable identifier (UUIDv7).
func NewID() string { return uuid.Must(uuid.NewV7()).String() }

// millis converts a time to the stored form: UTC Unix milliseconds.
func millis(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixMilli()
}

// fromMillis converts a stored time back; 0 is the zero time.
func fromMillis(ms int64) time.Time {
	if ms == 0 {
		return time.Time{}
	}
	return time.UnixMilli(ms).UTC()
}

// inTx runs fn in a transaction, committing when it returns nil.
func (s *Store) inTx(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin: %w", mapErr(err))
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", mapErr(err))
	}
	return nil
}

// queryer is what *sql.DB and *sql.Tx share.
type queryer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

var _ queryer = (*sql.DB)(nil)
var _ queryer = (*sql.Tx)(nil)
