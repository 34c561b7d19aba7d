package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"time"
)

// errNeedsOpen says that OpenForReading found something it leaves to Open:
// a missing, odd, damaged, older, newer, foreign, locked or half-written
// file, or one not yet in WAL mode.
var errNeedsOpen = errors.New("needs the full open")

// OpenForReading opens the database at path for a command that only reads
// it (export a handout, show or list them): one read-only connection, the
// shared lock and the full integrity check in the background (Health), as
// Open does, but no write connection, no switch to WAL, no migration
// check and no probe file in the folder, which together were most of what
// opening cost a cold `chairside handouts export`. The connection is
// query_only: SQLite refuses any statement that would write.
//
// It takes that short way only for a current Chairside database in WAL
// mode with nothing pending in a -wal or -journal file. Anything else (a
// missing, empty, damaged, foreign, locked or newer file, one from an
// older Chairside, one in rollback-journal mode, one that a crash left
// with changes to apply, a read-only folder, a server address) is handed
// to Open, so it is refused, upgraded or opened read-only exactly as the
// app would. Every write through the returned DB is refused with
// EREADONLY.
func OpenForReading(path string) (*DB, error) {
	if IsServerAddress(path) {
		return Open(path)
	}
	db, err := openReading(path, options{busyTimeout: busyTimeout})
	if err == nil {
		db.startChair()
	}
	return db, err
}

// openReading is OpenForReading's file part: the short way, else open.
func openReading(path string, o options) (*DB, error) {
	db, err := openForReading(path, o)
	if errors.Is(err, errNeedsOpen) {
		return open(path, o)
	}
	return db, err
}

func openForReading(path string, o options) (*DB, error) {
	if err := checkPath(path); err != nil {
		return nil, err
	}
	removeLeftovers(path) // as Open does: a killed Chairside's temporary files
	if fi, err := os.Stat(path); err != nil || !fi.Mode().IsRegular() || fi.Size() == 0 {
		return nil, errNeedsOpen
	}
	if _, err := os.Stat(path + "-journal"); err == nil || pendingLog(path) {
		return nil, errNeedsOpen // a crash's changes: Open recovers them first
	}
	db := &DB{path: path, dialect: sqliteDialect, now: time.Now, checked: make(chan struct{}), readOnly: true, forReading: true}
	var err error
	if db.lock, db.unlock, db.ident, err = lockShared(path, o); err != nil {
		return nil, errNeedsOpen
	}
	fail := func() (*DB, error) {
		if db.r != nil {
			db.r.Close()
		}
		db.releaseLock()
		return nil, errNeedsOpen
	}
	hdr, err := readHeader(path)
	if err != nil || checkHeader(hdr, db.ident.Size()) != nil {
		return fail()
	}
	if wal := hdr[18] == 2 && hdr[19] == 2; !wal {
		return fail() // the app's open switches it to WAL first
	}
	// query_only rather than mode=ro: no statement can write, but the last
	// connection to close still checkpoints and removes the -wal and -shm
	// files, so the folder is left as Open leaves it (a mode=ro connection
	// leaves both behind).
	db.r, err = sql.Open("sqlite3", dsn(path, fmt.Sprintf("_foreign_keys=on&_busy_timeout=%d&_query_only=on", o.busyTimeout/time.Millisecond)))
	if err != nil {
		return fail()
	}
	db.r.SetMaxOpenConns(4)
	ctx := context.Background()
	ver, known, err := schemaVersion(ctx, db.r)
	if err != nil && ErrorCode(openError(path, err)) == ELOCKED {
		// Open would only wait as long again to say the same.
		fail()
		return nil, openError(path, err)
	}
	if err != nil || !known || ver != len(migrationList()) {
		return fail()
	}
	db.tightened = tightenModes(path)
	db.startCheck(ctx)
	return db, nil
}
