// Package store keeps Chairside's patients, handouts (with every revision)
// and clinic settings in one local SQLite file, and guards that file: it
// refuses to touch a damaged, locked, read-only or newer database, backs it
// up with SQLite's online backup and restores it only from a verified copy.
// It knows nothing of Fyne. Error messages never contain patient data.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/mattn/go-sqlite3"
)

// DB is an open Chairside database. It is safe for concurrent use.
type DB struct {
	path string
	w    *sql.DB // one connection: writes, BEGIN IMMEDIATE
	r    *sql.DB // readers: WAL lets them run beside the writer
	now  func() time.Time

	// The full integrity check runs in the background after Open; every
	// write (and every backup) waits for it, so nothing is ever written to
	// a damaged file and no damaged copy pushes a good backup out.
	checked   chan struct{}
	healthErr error
	stopCheck context.CancelFunc
}

// busyTimeout is how long a connection waits for another writer before
// giving up with EBUSY (or ELOCKED at open).
const busyTimeout = 5 * time.Second

// options tune Open for tests (short timeouts) without widening the API.
type options struct {
	busyTimeout time.Duration
}

// Open opens the database at path, creating it (0600, parent folder 0700)
// when it does not exist.
//
// An existing file is first inspected read-only: a file that is not a
// SQLite database (random bytes, a text file), is truncated, has an
// unreadable schema, is locked, read-only, unreadable or from a newer
// Chairside is refused with an *Error that says the way out, and is never
// modified. When the file needs upgrading, the full integrity check runs
// before anything is written. Otherwise Open returns at once and the full
// check (PRAGMA quick_check, which reads every page) runs in the
// background: Health reports its result, and writes and backups wait for
// it and refuse a damaged file with ECORRUPT.
func Open(path string) (*DB, error) {
	return open(path, options{busyTimeout: busyTimeout})
}

func open(path string, o options) (*DB, error) {
	if strings.TrimSpace(path) == "" {
		return nil, errorf(EINVALID, nil, "No database file was given; choose one with --db FILE.")
	}
	fresh, err := prepareFile(path)
	if err != nil {
		return nil, err
	}
	checkNow := false
	if !fresh {
		if checkNow, err = inspect(path, o); err != nil {
			return nil, err
		}
	}
	db := &DB{path: path, now: time.Now, checked: make(chan struct{})}
	ms := int(o.busyTimeout / time.Millisecond)
	ctx := context.Background()
	// Switching a new file to WAL, or two processes migrating it at once,
	// can report busy without waiting (SQLite's deadlock avoidance): retry
	// for the busy timeout before calling the file locked.
	start := time.Now()
	for {
		db.w, err = openWriter(ctx, db, ms)
		if err == nil {
			break
		}
		if ErrorCode(err) != ELOCKED || time.Since(start) > o.busyTimeout {
			return nil, err
		}
		time.Sleep(25 * time.Millisecond)
	}
	db.r, err = sql.Open("sqlite3", dsn(path, fmt.Sprintf(
		"_foreign_keys=on&_busy_timeout=%d&_query_only=on", ms)))
	if err != nil {
		db.w.Close()
		return nil, openError(path, err)
	}
	db.r.SetMaxOpenConns(4)
	if fresh || checkNow {
		close(db.checked) // new, or checked in full by inspect already
		return db, nil
	}
	cctx, cancel := context.WithCancel(ctx)
	db.stopCheck = cancel
	go func() {
		defer close(db.checked)
		if err := quickCheck(cctx, db.r); err != nil && cctx.Err() == nil {
			db.healthErr = openError(path, err)
		}
	}()
	return db, nil
}

// openWriter opens the write connection (WAL, foreign keys, FULL sync,
// BEGIN IMMEDIATE) and applies pending migrations.
func openWriter(ctx context.Context, db *DB, busyMS int) (*sql.DB, error) {
	w, err := sql.Open("sqlite3", dsn(db.path, fmt.Sprintf(
		"_journal_mode=WAL&_foreign_keys=on&_busy_timeout=%d&_synchronous=FULL&_txlock=immediate", busyMS)))
	if err != nil {
		return nil, openError(db.path, err)
	}
	w.SetMaxOpenConns(1)
	w.SetConnMaxIdleTime(0)
	if err := w.PingContext(ctx); err != nil {
		w.Close()
		return nil, openError(db.path, err)
	}
	db.w = w
	if err := db.migrate(ctx); err != nil {
		w.Close()
		db.w = nil
		return nil, err
	}
	return w, nil
}

// Health waits for the integrity check that Open started and returns nil
// for a healthy file or an ECORRUPT *Error with the way out. The UI calls
// it after Open (in the background) to show the damaged-file dialog.
func (db *DB) Health(ctx context.Context) error {
	select {
	case <-db.checked:
		return db.healthErr
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Close closes the database; the WAL is checkpointed by SQLite when the last
// connection closes.
func (db *DB) Close() error {
	if db.stopCheck != nil {
		db.stopCheck()
	}
	<-db.checked
	var errs []error
	if db.r != nil {
		errs = append(errs, db.r.Close())
	}
	if db.w != nil {
		errs = append(errs, db.w.Close())
	}
	return errors.Join(errs...)
}

// begin starts a write transaction once the file is known to be healthy.
func (db *DB) begin(ctx context.Context, what string) (*sql.Tx, error) {
	if err := db.Health(ctx); err != nil {
		return nil, err
	}
	tx, err := db.w.BeginTx(ctx, nil)
	if err != nil {
		return nil, dbError(what, err)
	}
	return tx, nil
}

// Path is the database file this DB was opened from.
func (db *DB) Path() string { return db.path }

// dsn builds a file: URI so that SQLite itself reads the query parameters
// (mode=ro among them) and odd characters in the path survive.
func dsn(path, params string) string {
	esc := strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23").Replace(path)
	return "file:" + esc + "?" + params
}

// prepareFile creates a missing database file 0600 (and its folder 0700)
// and reports whether the file is new (empty) so there is nothing to check.
func prepareFile(path string) (fresh bool, err error) {
	fi, err := os.Stat(path)
	switch {
	case err == nil && fi.IsDir():
		return false, errorf(EINVALID, nil, "%s is a folder, not a database file; choose a file with --db FILE.", path)
	case err == nil && fi.Size() == 0:
		return true, checkWritable(path)
	case err == nil:
		return false, nil
	case errors.Is(err, os.ErrNotExist):
		if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
			return false, errorf(EREADONLY, err, "Cannot create the folder for the database %s; choose another place with --db FILE.", path)
		}
		f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
		if err != nil {
			if errors.Is(err, os.ErrExist) {
				return prepareFile(path) // created by another process meanwhile
			}
			return false, errorf(EREADONLY, err, "Cannot create the database file %s; choose another place with --db FILE.", path)
		}
		return true, f.Close()
	case errors.Is(err, syscall.ENOTDIR):
		return false, errorf(EINVALID, err, "%s cannot be a database: part of its folder path is a file, not a folder. Choose another file with --db FILE.", path)
	default:
		return false, errorf(EREADONLY, err, "Cannot read the database file %s (no permission?); check the file's permissions or choose another file with --db FILE.", path)
	}
}

// checkWritable makes sure the file and its folder (where SQLite puts the
// -wal and -shm files) can be written, without writing anything.
func checkWritable(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		if errors.Is(err, os.ErrPermission) {
			return errorf(EREADONLY, err, "The database file %s is read-only, so nothing could be saved. Make it writable, or choose another file with --db FILE.", path)
		}
		return errorf(EREADONLY, err, "Cannot open the database file %s for writing; choose another file with --db FILE.", path)
	}
	f.Close()
	dir := filepath.Dir(path)
	probe, err := os.CreateTemp(dir, ".chairside-probe-*")
	if err != nil {
		return errorf(EREADONLY, err, "The folder %s is read-only, so the database cannot be written. Make it writable, or choose another file with --db FILE.", dir)
	}
	probe.Close()
	os.Remove(probe.Name())
	return nil
}

const wayOut = "Restore a backup with 'chairside restore FILE' (or Settings > Restore), or choose another file with --db FILE. The file was not changed."

// inspect checks an existing database without writing to it: readable, a
// whole SQLite file with a readable schema, a Chairside database not newer
// than this program, and writable. When opening will write to the file
// (an upgrade, or switching it to WAL), it also runs the full integrity
// check first and reports checked = true.
func inspect(path string, o options) (checked bool, err error) {
	f, err := os.Open(path)
	if err != nil {
		return false, errorf(EREADONLY, err, "Cannot read the database file %s (no permission?); check the file's permissions or choose another file with --db FILE.", path)
	}
	hdr := make([]byte, 100)
	n, _ := f.ReadAt(hdr, 0)
	fi, statErr := f.Stat()
	f.Close()
	if statErr != nil {
		return false, errorf(EREADONLY, statErr, "Cannot read the database file %s; choose another file with --db FILE.", path)
	}
	// A crash during a checkpoint can leave the file shorter than its
	// header says, with the missing pages still in the -wal file (and a
	// crash in a rollback-journal transaction leaves a -journal to undo
	// it): SQLite repairs both on open, so the size checks wait for that.
	size := fi.Size()
	if pendingLog(path) {
		size = -1
	}
	if err := checkHeader(hdr[:n], size); err != nil {
		return false, errorf(ECORRUPT, err, "%s is not a readable Chairside database (it is damaged or is another kind of file). %s", path, wayOut)
	}
	// Another process creating or recovering the file can make a read-only
	// connection report busy at once, without waiting: retry for the busy
	// timeout before calling the file locked.
	start := time.Now()
	for {
		checked, err = inspectSQL(path, hdr, o)
		if ErrorCode(err) != ELOCKED || time.Since(start) > o.busyTimeout {
			return checked, err
		}
		time.Sleep(25 * time.Millisecond)
	}
}

// inspectSQL is inspect's part that reads the file through SQLite.
func inspectSQL(path string, hdr []byte, o options) (checked bool, err error) {
	// Reading a WAL database makes SQLite create empty -wal and -shm files
	// even read-only; when the file is refused for good, remove the ones it
	// made so the refused database is left exactly as it was found. (Not
	// when it is locked: then they belong to the process holding it.)
	_, walErr := os.Stat(path + "-wal")
	_, shmErr := os.Stat(path + "-shm")
	ro, err := sql.Open("sqlite3", dsn(path, fmt.Sprintf("mode=ro&_busy_timeout=%d", o.busyTimeout/time.Millisecond)))
	if err != nil {
		return false, openError(path, err)
	}
	defer func() {
		ro.Close()
		code := ErrorCode(err)
		refused := code == ECORRUPT || code == ENEWER || code == EINVALID || code == EREADONLY
		if refused && errors.Is(walErr, os.ErrNotExist) {
			if fi, serr := os.Stat(path + "-wal"); serr == nil && fi.Size() == 0 {
				os.Remove(path + "-wal")
				if errors.Is(shmErr, os.ErrNotExist) {
					os.Remove(path + "-shm")
				}
			}
		}
	}()
	ctx := context.Background()
	ver, known, err := schemaVersion(ctx, ro)
	if err != nil {
		return false, openError(path, err)
	}
	if !known {
		return false, errorf(EINVALID, nil, "%s is a database of another program, not Chairside's; choose another file with --db FILE. The file was not changed.", path)
	}
	if latest := len(migrationList()); ver > latest {
		return false, errorf(ENEWER, nil, "%s was written by a newer version of Chairside (database version %d; this program knows up to %d). Install the newer Chairside to open it. The file was not changed.", path, ver, latest)
	}
	if err := checkWritable(path); err != nil {
		return false, err
	}
	wal := hdr[18] == 2 && hdr[19] == 2
	if ver == len(migrationList()) && wal {
		return false, nil
	}
	if err := quickCheck(ctx, ro); err != nil {
		return false, openError(path, err)
	}
	return true, nil
}

// pendingLog reports whether a non-empty -wal or -journal file holds
// changes that SQLite will apply to (or undo in) the database on open.
func pendingLog(path string) bool {
	for _, side := range []string{"-wal", "-journal"} {
		if fi, err := os.Stat(path + side); err == nil && fi.Size() > 0 {
			return true
		}
	}
	return false
}

// checkHeader rejects files that cannot be a whole SQLite database: a
// wrong magic string (text files, random bytes), a bad page size, or a file
// shorter than the page count its header promises (truncated). A negative
// size skips the size checks.
func checkHeader(h []byte, size int64) error {
	if len(h) < 100 || string(h[:16]) != "SQLite format 3\x00" {
		return errors.New("not an SQLite file")
	}
	pageSize := int64(h[16])<<8 | int64(h[17])
	if pageSize == 1 {
		pageSize = 65536
	}
	if pageSize < 512 || pageSize&(pageSize-1) != 0 {
		return errors.New("bad page size")
	}
	if size < 0 {
		return nil
	}
	if size%pageSize != 0 {
		return errors.New("file size is not a whole number of pages")
	}
	pages := int64(h[28])<<24 | int64(h[29])<<16 | int64(h[30])<<8 | int64(h[31])
	changeCounter := string(h[24:28])
	validFor := string(h[92:96])
	// The in-header size is trustworthy only when both counters agree.
	if changeCounter == validFor && pages > 0 && pages*pageSize > size {
		return fmt.Errorf("truncated: header says %d pages, file holds %d", pages, size/pageSize)
	}
	return nil
}

// quickCheck runs PRAGMA quick_check and turns any finding into an error.
func quickCheck(ctx context.Context, q querier) error {
	rows, err := q.QueryContext(ctx, "PRAGMA quick_check")
	if err != nil {
		return err
	}
	defer rows.Close()
	var problems []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return err
		}
		if s != "ok" {
			problems = append(problems, s)
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	if len(problems) > 0 {
		return fmt.Errorf("%w: %d problem(s), first: %s", errIntegrity, len(problems), problems[0])
	}
	return nil
}

// errIntegrity marks a failed integrity check (SQLite's findings name pages
// and tables, never row contents).
var errIntegrity = errors.New("integrity check failed")

type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// openError maps a SQLite failure while opening into the store's codes.
func openError(path string, err error) error {
	if errors.Is(err, errIntegrity) {
		return errorf(ECORRUPT, err, "%s is damaged: the database failed its integrity check. %s", path, wayOut)
	}
	var se sqlite3.Error
	if errors.As(err, &se) {
		switch se.Code {
		case sqlite3.ErrCorrupt, sqlite3.ErrNotADB:
			return errorf(ECORRUPT, err, "%s is damaged: the database failed its integrity check. %s", path, wayOut)
		case sqlite3.ErrBusy, sqlite3.ErrLocked:
			return errorf(ELOCKED, err, "%s is locked by another program (another Chairside window, a backup tool or a sync client). Close that program and try again, or choose another file with --db FILE. The file was not changed.", path)
		case sqlite3.ErrReadonly:
			return errorf(EREADONLY, err, "%s cannot be written (read-only file, folder or disk). Make it writable, or choose another file with --db FILE. The file was not changed.", path)
		case sqlite3.ErrPerm, sqlite3.ErrCantOpen, sqlite3.ErrAuth:
			return errorf(EREADONLY, err, "Cannot open %s (no permission, or the folder is missing). Check the file's permissions or choose another file with --db FILE.", path)
		case sqlite3.ErrIoErr:
			return errorf(ECORRUPT, err, "Cannot read %s: the disk reported an error. %s", path, wayOut)
		}
	}
	var e *Error
	if errors.As(err, &e) {
		return err
	}
	return errorf(ECORRUPT, err, "Cannot open %s as a database. %s", path, wayOut)
}

// dbError maps a SQLite failure during normal work: busy becomes EBUSY, a
// file damaged while open becomes ECORRUPT; what says what was being done.
func dbError(what string, err error) error {
	if err == nil {
		return nil
	}
	var e *Error
	if errors.As(err, &e) {
		return err
	}
	var se sqlite3.Error
	if errors.As(err, &se) {
		switch se.Code {
		case sqlite3.ErrBusy, sqlite3.ErrLocked:
			return errorf(EBUSY, err, "Could not %s: the database is busy with another Chairside window or program. Nothing was lost; try again in a moment.", what)
		case sqlite3.ErrCorrupt, sqlite3.ErrNotADB:
			return errorf(ECORRUPT, err, "Could not %s: the database file is damaged. Restore a backup with 'chairside restore FILE' (or Settings > Restore).", what)
		case sqlite3.ErrReadonly, sqlite3.ErrPerm:
			return errorf(EREADONLY, err, "Could not %s: the database file can no longer be written (read-only file or disk). Make it writable and try again.", what)
		case sqlite3.ErrFull:
			return errorf(EREADONLY, err, "Could not %s: the disk is full. Free some space and try again; nothing already saved was lost.", what)
		case sqlite3.ErrIoErr:
			return errorf(ECORRUPT, err, "Could not %s: the disk reported an error. Check the disk, then restore a backup if the problem stays.", what)
		}
	}
	return fmt.Errorf("%s: %w", what, err)
}
