package store

import "context"

// DataVersion is a number that changes when another program (the command
// line, another Chairside window) commits to the database file; this DB's
// own saves leave it as it is. The app polls it to show what was written
// elsewhere, as change notices (Changes) do on a server, where it is
// always 0.
//
// It is SQLite's data_version, read on the one write connection: the
// number is per connection, so the pool of readers would give a different
// one each time. A read-only file has no write connection: there it is
// always 0 too (a window on a file it cannot write does not follow
// another program's writes; it says so when it opens).
func (db *DB) DataVersion(ctx context.Context) (int64, error) {
	if db.dialect.server() || db.w == nil {
		return 0, nil
	}
	var v int64
	if err := db.w.QueryRowContext(ctx, "PRAGMA data_version").Scan(&v); err != nil {
		return 0, dbError("read whether the database changed", err)
	}
	return v, nil
}
