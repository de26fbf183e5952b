package loadtest

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"strings"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" driver, already tribune's
)

// pgServerEnv names the PostgreSQL server the test command provides
// (scripts/test.sh); the benchmark uses it when -pg-server is not given.
const pgServerEnv = "TRIBUNE_TEST_POSTGRES"

// isPostgresURL reports whether s names a PostgreSQL database, as tribune's
// --database flag expects.
func isPostgresURL(s string) bool {
	return strings.HasPrefix(s, "postgres://") || strings.HasPrefix(s, "postgresql://")
}

// openDatabase settles the database tribune runs on, from -database:
// empty or "sqlite" is the embedded default; "postgres" (or -pg-server
// alone) creates a fresh database on the server -pg-server or
// TRIBUNE_TEST_POSTGRES names, dropped again by closeDatabase; a
// postgres:// URL is passed through as it is and must name an empty
// database, since tribune creates the demo content only on an empty one.
func (b *bench) openDatabase(ctx context.Context) error {
	db := b.opt.Database
	if db == "" && b.opt.PGServer != "" {
		db = "postgres"
	}
	switch {
	case db == "" || db == "sqlite":
		b.dbLabel = "SQLite (embedded)"
		return nil
	case isPostgresURL(db):
		b.dbURL = db
	case db == "postgres":
		server := b.opt.PGServer
		if server == "" {
			server = os.Getenv(pgServerEnv)
		}
		if !isPostgresURL(server) {
			return fmt.Errorf("-database postgres needs a server URL in -pg-server or %s", pgServerEnv)
		}
		if err := b.createDatabase(ctx, server); err != nil {
			return err
		}
	default:
		return fmt.Errorf("-database %q: want sqlite, postgres or a postgres:// URL", db)
	}
	b.dbLabel = postgresLabel(ctx, b.dbURL)
	b.logf("database: %s", b.dbLabel)
	return nil
}

// createDatabase makes a database of its own for this run on server.
func (b *bench) createDatabase(ctx context.Context, server string) error {
	u, err := url.Parse(server)
	if err != nil {
		return fmt.Errorf("-pg-server: %w", err)
	}
	admin, err := sql.Open("pgx", server)
	if err != nil {
		return fmt.Errorf("postgres server: %w", err)
	}
	defer admin.Close()
	name := fmt.Sprintf("tribune_loadtest_%d_%d", time.Now().Unix(), os.Getpid())
	if _, err := admin.ExecContext(ctx, "CREATE DATABASE "+name); err != nil {
		return fmt.Errorf("create database %s: %w", name, err)
	}
	u.Path = "/" + name
	b.dbURL = u.String()
	b.dropDB = func() error {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		admin, err := sql.Open("pgx", server)
		if err != nil {
			return err
		}
		defer admin.Close()
		_, err = admin.ExecContext(ctx, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)")
		return err
	}
	b.logf("created database %s", name)
	return nil
}

// closeDatabase drops the database openDatabase created, if it did; with
// -keep it stays, like the temporary folder.
func (b *bench) closeDatabase() {
	if b.dropDB == nil {
		return
	}
	if b.opt.Keep {
		b.logf("keeping database %s", redactArgs([]string{b.dbURL})[0])
		return
	}
	if err := b.dropDB(); err != nil {
		b.logf("cleanup: drop database: %v", err)
	}
}

// postgresLabel describes the server for the report, with the settings
// that decide what a commit costs: a server with fsync off does not make
// writes durable, and its figures say nothing about durable writes.
func postgresLabel(ctx context.Context, dsn string) string {
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		return "PostgreSQL"
	}
	defer db.Close()
	var version, fsync, syncCommit string
	err = errors.Join(
		db.QueryRowContext(ctx, "SHOW server_version").Scan(&version),
		db.QueryRowContext(ctx, "SHOW fsync").Scan(&fsync),
		db.QueryRowContext(ctx, "SHOW synchronous_commit").Scan(&syncCommit),
	)
	if err != nil {
		return "PostgreSQL"
	}
	return fmt.Sprintf("PostgreSQL %s (fsync %s, synchronous_commit %s)", version, fsync, syncCommit)
}

// dbArgs are the flags that point a tribune command at the run's database.
func (b *bench) dbArgs() []string {
	if b.dbURL == "" {
		return nil
	}
	return []string{"--database", b.dbURL}
}

// redactArgs hides a password in any database URL among args, for the
// progress log.
func redactArgs(args []string) []string {
	out := make([]string, len(args))
	for i, a := range args {
		out[i] = a
		if u, err := url.Parse(a); err == nil && isPostgresURL(a) {
			out[i] = u.Redacted()
		}
	}
	return out
}
