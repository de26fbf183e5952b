package crashtest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" database/sql driver
)

// envPostgres names the variable holding the PostgreSQL server URL that
// scripts/test.sh sets after starting a throwaway cluster.
const envPostgres = "TRIBUNE_TEST_POSTGRES"

// freshDatabase creates an empty database on the test server and returns
// its URL; it is dropped when the test ends. Without TRIBUNE_TEST_POSTGRES
// the test skips, or fails when CI=true: in CI a missing database must
// never pass for a green run.
func freshDatabase(t *testing.T) string {
	t.Helper()
	base := os.Getenv(envPostgres)
	if base == "" {
		if inCI() {
			t.Fatalf("PostgreSQL is required in CI: %s is not set (run the tests with ./scripts/test.sh)", envPostgres)
		}
		t.Skipf("PostgreSQL skipped: %s is not set; ./scripts/test.sh starts a throwaway cluster and sets it", envPostgres)
	}
	admin, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatalf("connect to %s: %v", envPostgres, err)
	}
	admin.SetMaxOpenConns(1)
	name := "crash_" + randomHex(6)
	if _, err := admin.ExecContext(t.Context(), `CREATE DATABASE `+name); err != nil {
		admin.Close()
		t.Fatalf("create database %s: %v", name, err)
	}
	t.Cleanup(func() {
		// t.Context() is already done when cleanups run. FORCE ends the
		// connections a killed server may have left behind.
		if _, err := admin.ExecContext(context.Background(), `DROP DATABASE IF EXISTS `+name+` WITH (FORCE)`); err != nil {
			t.Errorf("drop database %s: %v", name, err)
		}
		admin.Close()
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("%s: %v", envPostgres, err)
	}
	u.Path = "/" + name
	return u.String()
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
