package store

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"strings"
	"time"
)

//go:embed migrations/*.sql
var migrationFS embed.FS

// applicationID marks the file as Chairside's ("CHRS") in the SQLite header.
const applicationID = 0x43485253

type migration struct {
	version int
	name    string
	sql     string
}

// migrationList returns the embedded migrations sorted by version. The
// files are named NNNN_what.sql and numbered without gaps; a broken
// numbering is a programming error caught by the tests.
func migrationList() []migration {
	names, err := fs.Glob(migrationFS, "migrations/*.sql")
	if err != nil {
		panic(err)
	}
	var out []migration
	for _, n := range names {
		base := strings.TrimPrefix(n, "migrations/")
		num, _, ok := strings.Cut(base, "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil {
			panic("store: migration file without a number: " + base)
		}
		b, err := migrationFS.ReadFile(n)
		if err != nil {
			panic(err)
		}
		out = append(out, migration{version: v, name: strings.TrimSuffix(base, ".sql"), sql: string(b)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].version < out[j].version })
	for i, m := range out {
		if m.version != i+1 {
			panic(fmt.Sprintf("store: migration %s out of sequence (want %04d)", m.name, i+1))
		}
	}
	return out
}

// schemaVersion reads a database's migration level without writing. known
// is false for a non-empty database that Chairside did not create.
func schemaVersion(ctx context.Context, q querier) (version int, known bool, err error) {
	// One statement reads one snapshot: another process may be applying a
	// migration (tables and application ID appear together) meanwhile.
	var appID, userVersion, tables int
	if err := q.QueryRowContext(ctx, `SELECT
		(SELECT application_id FROM pragma_application_id()),
		(SELECT user_version FROM pragma_user_version()),
		(SELECT count(*) FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%')`).Scan(&appID, &userVersion, &tables); err != nil {
		return 0, false, err
	}
	if tables == 0 && appID == 0 {
		return 0, true, nil // an empty SQLite file: ours to fill
	}
	if appID != applicationID {
		return 0, false, nil
	}
	var recorded sql.NullInt64
	err = q.QueryRowContext(ctx, "SELECT max(version) FROM schema_migrations").Scan(&recorded)
	if err != nil {
		return 0, false, err
	}
	return max(userVersion, int(recorded.Int64)), true, nil
}

// migrate applies the pending migrations in one transaction that also
// records them, so a crash leaves the database at the version it had or at
// the latest one. One commit, not one per migration: each commit waits for
// the disk (synchronous=FULL), and a new database's twelve did so while
// the app's first screen waited for the file (9-45 ms of its start-up,
// 2026-12-02).
func (db *DB) migrate(ctx context.Context) error {
	list := migrationList()
	ver, known, err := schemaVersion(ctx, db.w)
	if err != nil {
		return openError(db.path, err)
	}
	if !known {
		return errorf(EINVALID, nil, "%s is a database of another program, not Chairside's; choose another file with --db FILE. The file was not changed.", db.path)
	}
	if ver > len(list) {
		return errorf(ENEWER, nil, "%s was written by a newer version of Chairside (database version %d; this program knows up to %d). Install the newer Chairside to open it. The file was not changed.", db.path, ver, len(list))
	}
	if ver == len(list) {
		return nil
	}
	return db.apply(ctx, list[ver:]...)
}

// apply runs the migrations ms, in order, in one transaction, each
// recorded in schema_migrations and the file's user_version.
func (db *DB) apply(ctx context.Context, ms ...migration) error {
	tx, err := db.w.BeginTx(ctx, nil)
	if err != nil {
		return openError(db.path, err)
	}
	defer tx.Rollback()
	// Another process opening the same new file may have applied some or
	// all of them while this one waited for the write lock.
	ver, _, err := schemaVersion(ctx, tx)
	if err != nil {
		ver = 0
	}
	stamp := db.now().UTC().Format(time.RFC3339Nano)
	applied := false
	for _, m := range ms {
		if m.version <= ver {
			continue
		}
		stmts := []string{
			fmt.Sprintf("PRAGMA application_id = %d", applicationID),
			`CREATE TABLE IF NOT EXISTS schema_migrations (
			version    INTEGER PRIMARY KEY,
			name       TEXT NOT NULL,
			applied_at TEXT NOT NULL)`,
			m.sql,
			fmt.Sprintf("PRAGMA user_version = %d", m.version),
		}
		for _, s := range stmts {
			if _, err := tx.ExecContext(ctx, s); err != nil {
				return openError(db.path, fmt.Errorf("migration %s: %w", m.name, err))
			}
		}
		if _, err := tx.ExecContext(ctx, "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
			m.version, m.name, stamp); err != nil {
			return openError(db.path, fmt.Errorf("migration %s: %w", m.name, err))
		}
		applied = true
	}
	if !applied {
		return nil
	}
	if err := tx.Commit(); err != nil {
		return openError(db.path, fmt.Errorf("migration %s: %w", ms[len(ms)-1].name, err))
	}
	return nil
}
