// Package storetest hands tests a fresh store on each database Tribune
// supports, so that every store test proves its SQL on SQLite and on
// PostgreSQL alike. PostgreSQL comes from TRIBUNE_TEST_POSTGRES, which
// scripts/test.sh sets after starting a throwaway cluster; each test gets its
// own schema there, so tests never see each other's rows.
package storetest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"testing"

	"tribune/internal/store"
)

// EnvPostgres names the variable holding the PostgreSQL URL tests connect to.
const EnvPostgres = "TRIBUNE_TEST_POSTGRES"

// Each runs fn once per database, as the subtests "sqlite" and "postgres",
// each on a fresh, migrated, empty schema.
func Each(t *testing.T, fn func(t *testing.T, st *store.Store)) {
	t.Helper()
	t.Run("sqlite", func(t *testing.T) { fn(t, SQLite(t)) })
	t.Run("postgres", func(t *testing.T) { fn(t, Postgres(t)) })
}

// EachEmpty is Each without the migrations: the schema has no tables, for
// the tests of Migrate itself.
func EachEmpty(t *testing.T, fn func(t *testing.T, st *store.Store)) {
	t.Helper()
	t.Run("sqlite", func(t *testing.T) { fn(t, openSQLite(t)) })
	t.Run("postgres", func(t *testing.T) { fn(t, openPostgres(t)) })
}

// SQLite returns a fresh migrated store in a file of t.TempDir().
func SQLite(t testing.TB) *store.Store {
	t.Helper()
	st := openSQLite(t)
	migrate(t, st)
	return st
}

// Postgres returns a fresh migrated store in a schema of its own. Without
// TRIBUNE_TEST_POSTGRES it skips the test, or fails it when CI=true: in CI a
// missing database must never pass for a green run.
func Postgres(t testing.TB) *store.Store {
	t.Helper()
	st := openPostgres(t)
	migrate(t, st)
	return st
}

func openSQLite(t testing.TB) *store.Store {
	t.Helper()
	st, err := store.Open(t.Context(), filepath.Join(t.TempDir(), "tribune.db"))
	if err != nil {
		t.Fatalf("open SQLite store: %v", err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func openPostgres(t testing.TB) *store.Store {
	t.Helper()
	base := os.Getenv(EnvPostgres)
	if base == "" {
		if inCI() {
			t.Fatalf("PostgreSQL is required in CI: %s is not set (run the tests with ./scripts/test.sh)", EnvPostgres)
		}
		t.Skipf("PostgreSQL tests skipped: %s is not set; ./scripts/test.sh starts a throwaway cluster and sets it", EnvPostgres)
	}
	admin, err := store.Open(t.Context(), base)
	if err != nil {
		t.Fatalf("connect to %s: %v", EnvPostgres, err)
	}
	admin.DB().SetMaxOpenConns(1) // it only creates and drops the schema
	schema := "t_" + randomHex(8)
	if _, err := admin.DB().ExecContext(t.Context(), `CREATE SCHEMA `+schema); err != nil {
		admin.Close()
		t.Fatalf("create schema %s: %v", schema, err)
	}
	t.Cleanup(func() {
		// t.Context() is already done when cleanups run.
		if _, err := admin.DB().ExecContext(context.Background(), `DROP SCHEMA `+schema+` CASCADE`); err != nil {
			t.Errorf("drop schema %s: %v", schema, err)
		}
		admin.Close()
	})
	dsn, err := withSearchPath(base, schema)
	if err != nil {
		t.Fatalf("%s: %v", EnvPostgres, err)
	}
	st, err := store.Open(t.Context(), dsn)
	if err != nil {
		t.Fatalf("open PostgreSQL store in schema %s: %v", schema, err)
	}
	t.Cleanup(func() { st.Close() }) // runs before the schema is dropped
	return st
}

// withSearchPath adds search_path to the URL; pgx passes unknown query
// parameters to the server as run-time settings.
func withSearchPath(dsn, schema string) (string, error) {
	u, err := url.Parse(dsn)
	if err != nil {
		return "", fmt.Errorf("parse URL: %w", err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String(), nil
}

func migrate(t testing.TB, st *store.Store) {
	t.Helper()
	if _, err := st.Migrate(t.Context()); err != nil {
		t.Fatalf("migrate %s store: %v", st.Dialect(), err)
	}
}

// inCI matches scripts/test.sh: CI=true (as CI services set it) or CI=1.
func inCI() bool {
	ci := os.Getenv("CI")
	return ci == "true" || ci == "1"
}

func randomHex(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	return hex.EncodeToString(b)
}
