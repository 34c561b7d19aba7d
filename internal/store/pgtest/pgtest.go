// Package pgtest gives tests of any package a database of their own on the
// PostgreSQL test server: the throw-away cluster that scripts/pg-test-cluster
// starts for `make test` and names in CHAIRSIDE_TEST_POSTGRES. Without it
// the tests skip, saying why, so a developer without PostgreSQL sees skips,
// never failures. It is used by tests only; it imports nothing of
// Chairside's, so the store's own tests can use it too.
package pgtest

import (
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" driver, for the tests' own admin connection
)

// Env names the test server's address.
const Env = "CHAIRSIDE_TEST_POSTGRES"

// Server returns the test server's address, or skips t saying why.
func Server(t testing.TB) string {
	t.Helper()
	addr := os.Getenv(Env)
	if addr == "" {
		t.Skip(Env + " is not set (no PostgreSQL test server: `make test` starts one when PostgreSQL is installed, see scripts/pg-test-cluster)")
	}
	return addr
}

var seq atomic.Int64

// unsafeChars are what a test's name may hold that a schema name should not.
var unsafeChars = regexp.MustCompile(`[^A-Za-z0-9]+`)

// FreshSchema makes an empty schema on the test server for t, named after
// prefix, the process and t (so that parallel test processes never share
// one), dropped when t ends, and returns an address whose tables go there.
func FreshSchema(t testing.TB, prefix string) string {
	t.Helper()
	base := Server(t)
	admin, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { admin.Close() })
	name := fmt.Sprintf("%s%d_%d_%s", prefix, os.Getpid(), seq.Add(1),
		strings.ToLower(unsafeChars.ReplaceAllString(t.Name(), "_")))
	if len(name) > 60 {
		name = name[:60]
	}
	if _, err := admin.Exec(`CREATE SCHEMA "` + name + `"`); err != nil {
		t.Fatalf("making a schema on the test server: %v", err)
	}
	t.Cleanup(func() {
		if _, err := admin.Exec(`DROP SCHEMA "` + name + `" CASCADE`); err != nil {
			t.Errorf("dropping the test schema: %v", err)
		}
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", name)
	u.RawQuery = q.Encode()
	return u.String()
}
