package store

import (
	"context"
	"net"
	"path/filepath"
	"sync/atomic"
	"testing"

	"chairside/internal/store/pgtest"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" driver, for the tests' own admin connection
)

// testServer returns the test server's address, or skips t saying why.
func testServer(t testing.TB) string { return pgtest.Server(t) }

var schemaSeq atomic.Int64

// freshServerDB makes an empty schema on the test server for t (dropped
// when t ends) and returns an address whose tables go there.
func freshServerDB(t testing.TB) string { return pgtest.FreshSchema(t, "t") }

// backend is one place the store keeps records, for the tests that run
// on both.
type backend struct {
	name string
	// address opens the test's own database; Open on it again reopens it.
	address string
}

// backends runs body once on a new SQLite file and, when a test server is
// set (pgtest.Env, which scripts/pg-test-cluster sets), once on a new, empty schema of that server, with
// the same assertions: the store's API behaves the same on both.
func backends(t *testing.T, body func(t *testing.T, b backend)) {
	t.Helper()
	t.Run("sqlite", func(t *testing.T) {
		body(t, backend{name: "sqlite", address: filepath.Join(t.TempDir(), "chairside.db")})
	})
	t.Run("postgres", func(t *testing.T) {
		body(t, backend{name: "postgres", address: freshServerDB(t)})
	})
}

// open opens the backend's database, closed when t ends.
func (b backend) open(t testing.TB) *DB {
	t.Helper()
	db, err := Open(b.address)
	if err != nil {
		t.Fatalf("Open (%s): %v", b.name, err)
	}
	t.Cleanup(func() { db.Close() })
	if err := db.Health(context.Background()); err != nil {
		t.Fatalf("Health (%s): %v", b.name, err)
	}
	return db
}

// eachBackend is backends for a test body that needs one open database.
func eachBackend(t *testing.T, body func(t *testing.T, db *DB)) {
	t.Helper()
	backends(t, func(t *testing.T, b backend) { body(t, b.open(t)) })
}

// closedPort is a TCP port on 127.0.0.1 that nothing listens on: one the
// system just handed out and that was closed again, for the tests of a
// server that cannot be reached.
func closedPort(t testing.TB) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	return port
}
