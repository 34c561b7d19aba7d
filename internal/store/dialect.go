package store

import (
	"embed"
	"io/fs"
	"strings"
)

// A dialect is everything that differs between the two places Chairside
// keeps its records: a SQLite file on this computer (the default) and a
// clinic's PostgreSQL server (issue 16). The store's SQL is written once, in
// the forms both accept (ON CONFLICT upserts, RETURNING, "?" placeholders,
// 0/1 integers for yes/no, text times in the fixed-width UTC timeLayout
// that sorts as text); what cannot be written once is here:
//
//   - placeholders: PostgreSQL numbers them ($1, $2); its connections
//     rewrite "?" once, in pgConn (postgres_driver.go);
//   - yes/no values: stored as 0/1 integers on both, so that the same
//     comparisons (archived = 0) and CHECKs hold; pgConn passes Go bools
//     as 0/1;
//   - snapshots: a SQLite read transaction sees one snapshot; PostgreSQL's
//     default (read committed) does not, so its read-only transactions run
//     at repeatable read (pgConn);
//   - row locks: SQLite writes one transaction at a time (BEGIN
//     IMMEDIATE); PostgreSQL runs them side by side, so a write that reads
//     a row before changing it locks it (lockRow);
//   - "no limit": LIMIT -1 on SQLite, LIMIT NULL on PostgreSQL (noLimit);
//   - a plan per search on PostgreSQL, whose prepared statements may
//     otherwise fall back to one plan for every prefix (searchPlan);
//   - identity columns, blobs, REAL precision, GLOB checks, WITHOUT ROWID
//     and binary ordering of search words: the migrations, numbered alike,
//     with a PostgreSQL file where its SQL must differ
//     (migrations/postgres/, see migrationsFor);
//   - the pragmas, the application ID, the integrity and foreign-key
//     checks and the list of tables: SQLite's own (store.go, check.go);
//     the schema version, kept in schema_migrations on both, is read and
//     taken under an advisory lock on PostgreSQL (postgres.go).
type dialect struct {
	name string
	// noLimit is the LIMIT argument that means "every row".
	noLimit any
	// rowLock is appended to a SELECT inside a write transaction that
	// reads rows it is about to change, so that two chairs saving the
	// same handout or patient at once take turns instead of both building
	// on the same revision. "%s" is the table alias to lock.
	rowLock string
	// tables lists the database's tables (Chairside's and any other).
	tables string
	// searchPlan, when set, runs first in patient search's read
	// transaction. On PostgreSQL it asks for a plan made for the typed
	// prefix each time: the driver prepares each statement once per
	// connection, and after five runs the server may switch to one
	// generic plan for every prefix, which reads the word index's range
	// and sorts it even for "s" (24,000 rows at 100,000 patients, 20 ms)
	// instead of walking migration 0010's name-order index for a page.
	searchPlan string
}

var (
	sqliteDialect = &dialect{
		name:    "sqlite",
		noLimit: -1,
		rowLock: "",
		tables:  "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
	}
	postgresDialect = &dialect{
		name:       "postgres",
		noLimit:    nil,
		rowLock:    " FOR UPDATE OF %s",
		searchPlan: "SET LOCAL plan_cache_mode = force_custom_plan",
		tables: `SELECT c.relname::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
			WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') ORDER BY c.relname`,
	}
)

// limit turns a row count (0 or less: every row) into a LIMIT argument.
func (d *dialect) limit(n int) any {
	if n <= 0 {
		return d.noLimit
	}
	return n
}

// lock is the row-lock clause for the table known as alias in a query.
func (d *dialect) lock(alias string) string {
	if d.rowLock == "" {
		return ""
	}
	return strings.ReplaceAll(d.rowLock, "%s", alias)
}

// server reports whether this is a database on a server (no file, no
// file locks, no automatic file backups: those are the server's job).
func (d *dialect) server() bool { return d == postgresDialect }

//go:embed migrations/postgres/*.sql
var postgresMigrationFS embed.FS

// migrationsFor returns the numbered migrations for d: the same numbers,
// names and order on both backends (migrationList), each with
// PostgreSQL's own SQL where migrations/postgres/ has a file of the same
// name. A migration without one is written in SQL both accept (an ALTER
// TABLE ... ADD COLUMN with a portable type) and runs as it is; the store
// tests run every migration on both backends, so one that needs its own
// PostgreSQL file fails there.
func migrationsFor(d *dialect) []migration {
	list := migrationList()
	if d != postgresDialect {
		return list
	}
	for i, m := range list {
		b, err := postgresMigrationFS.ReadFile("migrations/postgres/" + m.name + ".sql")
		if err == nil {
			list[i].sql = string(b)
		}
	}
	return list
}

// postgresOnlyMigrations names files in migrations/postgres/ that have no
// numbered migration of the same name (a typo, or a renumbered step): the
// tests require none.
func postgresOnlyMigrations() []string {
	names, err := fs.Glob(postgresMigrationFS, "migrations/postgres/*.sql")
	if err != nil {
		panic(err)
	}
	known := map[string]bool{}
	for _, m := range migrationList() {
		known[m.name] = true
	}
	var out []string
	for _, n := range names {
		base := strings.TrimSuffix(strings.TrimPrefix(n, "migrations/postgres/"), ".sql")
		if !known[base] {
			out = append(out, base)
		}
	}
	return out
}
