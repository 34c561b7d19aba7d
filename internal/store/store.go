// Package store keeps Chairside's patients, handouts (with every revision)
// and clinic settings in one local SQLite file, and guards that file: it
// refuses to touch a damaged, locked or newer database, only reads a
// read-only one, backs it up with SQLite's online backup and restores it
// only from a fully checked copy, never under another process that has it
// open. It knows nothing of Fyne. Error messages never contain patient
// data.
//
// The same API keeps the records on a clinic's PostgreSQL server instead
// when Open is given a postgres:// address (issue 16): dialect.go says
// what differs between the two, postgres*.go is the server's side.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/mattn/go-sqlite3"

	"chairside/internal/safefile"
)

// DB is an open Chairside database. It is safe for concurrent use.
type DB struct {
	path    string
	dialect *dialect        // SQLite's or PostgreSQL's SQL (dialect.go)
	server  *pgx.ConnConfig // a server database's connection settings (Changes listens with them)
	w       *sql.DB         // one connection: writes, BEGIN IMMEDIATE
	r       *sql.DB         // readers: WAL lets them run beside the writer
	now     func() time.Time

	// The full integrity check runs in the background after Open; every
	// write (and every backup) waits for it, so nothing is ever written to
	// a damaged file and no damaged copy pushes a good backup out.
	checked   chan struct{}
	healthErr error
	stopCheck context.CancelFunc

	// readOnly is set when the file or its folder cannot be written: the
	// records can still be read, exported and backed up, nothing is saved.
	readOnly bool
	// forReading is set by OpenForReading: a command that only reads.
	forReading bool
	// lock holds Chairside's shared lock on the file (see tryLock), so
	// that a restore can tell the database is in use; ident is the file
	// that was opened, to notice it being replaced underneath.
	lock   *os.File
	unlock func()
	ident  os.FileInfo
	moved  atomic.Pointer[Error]
	// tightened lists the files whose permissions Open narrowed to the
	// owner, to be said once (see Notices).
	tightened []string

	// room is the chair's name recorded with each save; writer tells this
	// open database's autosaves from another's (conflict.go).
	room   atomic.Pointer[string]
	writer string
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
// Only plain file paths are taken (no SQLite URIs, ":memory:" or network
// shares). A new database is made whole in a temporary file and then put
// in place, so an existing empty file is never Chairside's own half-made
// one: it is refused and left alone. An existing file is first inspected
// read-only: a file that is not a SQLite database (random bytes, a text
// file), is truncated, has an unreadable schema, is locked, unreadable or
// from a newer Chairside is refused with an *Error that says the way out,
// and is never modified. A file or folder that cannot be written opens
// read-only (ReadOnly): everything can be read and backed up, writes are
// refused. When the file needs upgrading, the full check runs before
// anything is written. Otherwise Open returns at once and the full check
// (PRAGMA quick_check, the foreign keys and the app's own consistency
// checks) runs in the background: Health reports its result, and writes
// and backups wait for it and refuse a damaged file with ECORRUPT.
//
// While open, the DB holds a shared lock on the file that Restore tests,
// and checks before each write that the file at path is still the one it
// opened (see Replaced).
//
// A postgres:// or postgresql:// address opens a database on a clinic's
// PostgreSQL server instead (see openServer); everything else is a file.
func Open(path string) (*DB, error) {
	var (
		db  *DB
		err error
	)
	if IsServerAddress(path) {
		db, err = openServer(path)
	} else {
		db, err = open(path, options{busyTimeout: busyTimeout})
	}
	if err == nil {
		db.startChair()
	}
	return db, err
}

func open(path string, o options) (*DB, error) {
	if err := checkPath(path); err != nil {
		return nil, err
	}
	removeLeftovers(path)
	fresh, err := prepareFile(path, o)
	if err != nil {
		return nil, err
	}
	db := &DB{path: path, dialect: sqliteDialect, now: time.Now, checked: make(chan struct{})}
	if db.lock, db.unlock, db.ident, err = lockShared(path, o); err != nil {
		return nil, err
	}
	fail := func(err error) (*DB, error) {
		db.releaseLock()
		return nil, err
	}
	checkNow := false
	if !fresh {
		if checkNow, db.readOnly, err = inspect(path, o); err != nil {
			return fail(err)
		}
	}
	if !db.readOnly {
		db.tightened = tightenModes(path)
	}
	ms := int(o.busyTimeout / time.Millisecond)
	ctx := context.Background()
	// Switching a new file to WAL, or two processes migrating it at once,
	// can report busy without waiting (SQLite's deadlock avoidance): retry
	// for the busy timeout before calling the file locked.
	start := time.Now()
	for !db.readOnly {
		db.w, err = openWriter(ctx, db, ms)
		if err == nil {
			break
		}
		if ErrorCode(err) != ELOCKED || time.Since(start) > o.busyTimeout {
			return fail(err)
		}
		time.Sleep(25 * time.Millisecond)
	}
	params := fmt.Sprintf("_foreign_keys=on&_busy_timeout=%d&_query_only=on", ms)
	if db.readOnly {
		params = readOnlyParams(path) + "&" + params
	}
	db.r, err = sql.Open("sqlite3", dsn(path, params))
	if err != nil {
		if db.w != nil {
			db.w.Close()
		}
		return fail(openError(path, err))
	}
	db.r.SetMaxOpenConns(4)
	if fresh || checkNow {
		close(db.checked) // new, or checked in full by inspect already
		return db, nil
	}
	db.startCheck(ctx)
	return db, nil
}

// startCheck starts the integrity check of an opened file on a goroutine
// of its own; db.checked is closed when it is done, and a file it finds
// damaged is db.healthErr, which every write and Health then report.
func (db *DB) startCheck(ctx context.Context) {
	cctx, cancel := context.WithCancel(ctx)
	db.stopCheck = cancel
	go func() {
		defer close(db.checked)
		if err := backgroundCheck(cctx, db.r); err != nil && cctx.Err() == nil {
			db.healthErr = openError(db.path, err)
		}
	}()
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

// Health waits for the background check that Open started and returns nil
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
	if db.w != nil && db.w != db.r { // a server's DB has one pool for both
		errs = append(errs, db.w.Close())
	}
	db.releaseLock()
	return errors.Join(errs...)
}

// releaseLock drops Chairside's lock on the file, after SQLite has closed
// it: on Unix, closing any descriptor of a file drops the process's fcntl
// locks on it, SQLite's included.
func (db *DB) releaseLock() {
	if db.unlock != nil {
		db.unlock()
		db.unlock = nil
	}
	if db.lock != nil {
		db.lock.Close()
		db.lock = nil
	}
}

// ReadOnly reports whether the database was opened for reading only
// because the file or its folder cannot be written.
func (db *DB) ReadOnly() bool { return db.readOnly }

// Notices are what Open changed that the clinician should hear about once
// (files whose permissions were narrowed to the owner). They name files,
// never patient data.
func (db *DB) Notices() []string {
	if len(db.tightened) == 0 {
		return nil
	}
	return []string{"Made " + strings.Join(db.tightened, ", ") + " readable only by you: a file of health records must not be open to other users of this computer."}
}

// Replaced returns an EMOVED *Error once the file at the database's path is
// no longer the file that was opened (moved, deleted, or replaced by a
// restore or a copy from another program), and nil while it is. After the
// first EMOVED every write is refused: saving into the moved copy would
// put records where the clinic no longer looks for them.
func (db *DB) Replaced() error {
	if e := db.moved.Load(); e != nil {
		return e
	}
	if db.ident == nil {
		return nil
	}
	cur, err := os.Stat(db.path)
	if err == nil && os.SameFile(cur, db.ident) {
		return nil
	}
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return nil // cannot tell (e.g. a passing disk error): the write itself will say
	}
	db.moved.CompareAndSwap(nil, errorf(EMOVED, err, "The database file %s was moved, deleted or replaced by another program while Chairside had it open, so nothing more is saved to it (that would put records where the clinic no longer looks). Close Chairside and start it again to use the file that is there now; anything not yet saved must be entered again.", db.path))
	return db.moved.Load()
}

// begin starts a write transaction once the file is known to be healthy.
func (db *DB) begin(ctx context.Context, what string) (*sql.Tx, error) {
	if err := db.Health(ctx); err != nil {
		return nil, err
	}
	if db.forReading {
		return nil, errorf(EREADONLY, nil, "Could not %s: this command opened the database %s only to read it. Nothing was changed.", what, db.path)
	}
	if db.readOnly {
		return nil, errorf(EREADONLY, nil, "Could not %s: the database %s is read-only (the file or its folder cannot be written). Everything in it can still be read, exported and backed up; to save again, make the file and its folder writable and start Chairside again.", what, db.path)
	}
	if err := db.Replaced(); err != nil {
		return nil, err
	}
	tx, err := db.w.BeginTx(ctx, nil)
	if err != nil {
		return nil, dbError(what, err)
	}
	return tx, nil
}

// Path is the database file this DB was opened from; for a server
// database, its address without password or options
// (postgres://USER@HOST:PORT/DATABASE).
func (db *DB) Path() string { return db.path }

// dsn builds a file: URI so that SQLite itself reads the query parameters
// (mode=ro among them) and odd characters in the path survive.
func dsn(path, params string) string {
	esc := strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23").Replace(path)
	return "file:" + esc + "?" + params
}

// prepareFile checks what is at path. A missing file becomes a new,
// complete database (see createDatabase) and fresh is true; an existing
// one is left for inspect. A folder, a device, a pipe, a broken link or an
// empty file is refused and left as it is: only a missing path makes a new
// database, so a file emptied by accident is never taken for a new one.
func prepareFile(path string, o options) (fresh bool, err error) {
	fi, err := os.Stat(path)
	if err != nil {
		if lfi, lerr := os.Lstat(path); lerr == nil && lfi.Mode()&os.ModeSymlink != 0 {
			return false, brokenLink(path, err)
		}
	}
	switch {
	case err == nil && fi.IsDir():
		return false, errorf(EINVALID, nil, "%s is a folder, not a database file; choose a file with --db FILE.", path)
	case err == nil && !fi.Mode().IsRegular():
		return false, errorf(EINVALID, nil, "%s is not a plain file (it is a device, a pipe or a socket), so it cannot hold a database; choose a file with --db FILE. Nothing was changed.", path)
	case err == nil && fi.Size() == 0:
		return false, errorf(EINVALID, nil, "%s is an empty file (0 bytes), not a Chairside database, and was left untouched. If it should hold your records, restore a backup into it ('chairside restore FILE' or Restore a backup); to start a new database, give a file name that does not exist yet with --db FILE.", path)
	case err == nil:
		return false, nil
	case errors.Is(err, os.ErrNotExist):
		return createDatabase(path, o)
	case errors.Is(err, syscall.ENOTDIR):
		return false, errorf(EINVALID, err, "%s cannot be a database: part of its folder path is a file, not a folder. Choose another file with --db FILE.", path)
	default:
		return false, errorf(EREADONLY, err, "Cannot read the database file %s (no permission?); check the file's permissions or choose another file with --db FILE.", path)
	}
}

// brokenLink explains a symbolic link at path that leads nowhere (err is
// what following it gave).
func brokenLink(path string, err error) error {
	dest, _ := os.Readlink(path)
	if errors.Is(err, os.ErrNotExist) {
		return errorf(EINVALID, err, "%s is a link to %s, which does not exist; point --db at the database file itself, or put the file back. Nothing was changed.", path, dest)
	}
	return errorf(EINVALID, err, "%s is a link that cannot be followed (it leads in a loop, or through a folder you cannot open); point --db at the database file itself. Nothing was changed.", path)
}

// createDatabase makes a new database at the missing path: built whole
// (schema, WAL) in a temporary file beside it, then linked into place,
// which fails rather than replace a file another process made meanwhile
// (that file is then opened instead; fresh is false).
func createDatabase(path string, o options) (fresh bool, err error) {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return false, errorf(EREADONLY, err, "Cannot create the folder for the database %s; choose another place with --db FILE.", path)
	}
	tmp, err := os.CreateTemp(dir, newPrefix+"*") // 0600
	if err != nil {
		return false, errorf(EREADONLY, err, "Cannot create the database file %s: the folder %s cannot be written. Choose another place with --db FILE.", path, dir)
	}
	tmpPath := tmp.Name()
	tmp.Close()
	defer removeDBFiles(tmpPath)
	t := &DB{path: tmpPath, dialect: sqliteDialect, now: time.Now}
	w, err := openWriter(context.Background(), t, int(o.busyTimeout/time.Millisecond))
	if err != nil {
		return false, err
	}
	if err := w.Close(); err != nil { // checkpoints the WAL into the file
		return false, openError(path, err)
	}
	if err := syncFile(tmpPath); err != nil {
		return false, errorf(EREADONLY, err, "Cannot finish writing the new database %s (full disk?); choose another place with --db FILE.", path)
	}
	err = safefile.RenameNoReplace(tmpPath, path)
	switch {
	case err == nil:
	case errors.Is(err, os.ErrExist):
		return false, nil
	default:
		return false, errorf(EREADONLY, err, "Cannot create the database file %s; choose another place with --db FILE.", path)
	}
	syncDir(dir)
	return true, nil
}

// Names of Chairside's temporary files beside a database. A process killed
// at the wrong moment leaves one behind; the next Open removes them once
// they are old enough not to belong to a process still at work.
const (
	probePrefix = ".chairside-probe-"
	newPrefix   = ".chairside-new-"
	leftoverAge = 10 * time.Minute
)

var probeSeq atomic.Int64

// folderWritable tells whether a file can be created in dir, by creating
// one (a permission check alone misses read-only disks and ACLs).
func folderWritable(dir string) (bool, error) {
	name := filepath.Join(dir, fmt.Sprintf("%s%d-%d", probePrefix, os.Getpid(), probeSeq.Add(1)))
	f, err := safefile.CreateExclusive(name, 0o600)
	if err != nil {
		return false, err
	}
	f.Close()
	os.Remove(name)
	return true, nil
}

// removeLeftovers deletes temporary files a killed Chairside left beside
// the database at path: probes, half-made new databases, and the copy a
// restore prepares (see restoreStagePrefix), each with its side files.
func removeLeftovers(path string) {
	dir := filepath.Dir(path)
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	prefixes := []string{probePrefix, newPrefix, filepath.Base(restoreStagePrefix(path)) + "-"}
	for _, e := range entries {
		ours := false
		for _, p := range prefixes {
			ours = ours || strings.HasPrefix(e.Name(), p)
		}
		if !ours {
			continue
		}
		n := filepath.Join(dir, e.Name())
		if fi, err := os.Lstat(n); err == nil && fi.Mode().IsRegular() && time.Since(fi.ModTime()) > leftoverAge {
			os.Remove(n)
		}
	}
}

// writable reports whether the file and its folder (where SQLite puts the
// -wal, -shm and -journal files) can be written, without writing to the
// file; what names the one that cannot.
func writable(path string) (ok bool, what string) {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return false, "the file itself is read-only"
	}
	f.Close()
	if ok, _ := folderWritable(filepath.Dir(path)); !ok {
		return false, "its folder " + filepath.Dir(path) + " is read-only"
	}
	return true, ""
}

const wayOut = "Restore a backup with 'chairside restore FILE' (or Settings > Restore), or choose another file with --db FILE. The file was not changed."

// inspect checks an existing database without writing to it: readable, a
// whole SQLite file with a readable schema, a Chairside database not newer
// than this program. A file or folder that cannot be written gives
// readOnly. When opening will write to the file (an upgrade, or switching
// it to WAL), it also runs the full check first and reports checked.
//
// The one write before that: a rollback journal left by a crash (a
// database in DELETE mode killed mid-transaction) is undone by SQLite's
// own recovery, which must run before the file can be read correctly.
func inspect(path string, o options) (checked, readOnly bool, err error) {
	hdr, err := readHeader(path)
	if err != nil {
		return false, false, err
	}
	// A file that is no SQLite database at all is refused before SQLite
	// touches it: a stray -journal beside it must not be "rolled back"
	// into it.
	if len(hdr) < 16 || string(hdr[:16]) != "SQLite format 3\x00" {
		return false, false, errorf(ECORRUPT, errors.New("not an SQLite file"), "%s is not a readable Chairside database (it is damaged or is another kind of file). %s", path, wayOut)
	}
	if recovered, err := recoverJournal(path, o); err != nil {
		return false, false, err
	} else if recovered {
		if hdr, err = readHeader(path); err != nil {
			return false, false, err
		}
	}
	// A crash during a checkpoint can leave the file shorter than its
	// header says, with the missing pages still in the -wal file: SQLite
	// repairs that on open, so the size checks wait for it.
	fi, err := os.Stat(path)
	if err != nil {
		return false, false, errorf(EREADONLY, err, "Cannot read the database file %s; choose another file with --db FILE.", path)
	}
	size := fi.Size()
	if pendingLog(path) {
		size = -1
	}
	if err := checkHeader(hdr, size); err != nil {
		return false, false, errorf(ECORRUPT, err, "%s is not a readable Chairside database (it is damaged or is another kind of file). %s", path, wayOut)
	}
	// Another process creating or recovering the file can make a read-only
	// connection report busy at once, without waiting: retry for the busy
	// timeout before calling the file locked.
	start := time.Now()
	for {
		checked, readOnly, err = inspectSQL(path, hdr, o)
		if ErrorCode(err) != ELOCKED || time.Since(start) > o.busyTimeout {
			return checked, readOnly, err
		}
		time.Sleep(25 * time.Millisecond)
	}
}

// readHeader reads the first 100 bytes of the file (fewer when it is
// shorter): SQLite's header.
func readHeader(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, errorf(EREADONLY, err, "Cannot read the database file %s (no permission?); check the file's permissions or choose another file with --db FILE.", path)
	}
	defer f.Close()
	hdr := make([]byte, 100)
	n, _ := f.ReadAt(hdr, 0)
	return hdr[:n], nil
}

// recoverJournal lets SQLite undo a transaction that a crash left half
// done in a rollback-journal database (a "hot" -journal file). That needs
// the file and its folder writable; when they are not, the error says
// exactly that, not merely "read-only".
func recoverJournal(path string, o options) (recovered bool, err error) {
	fi, err := os.Stat(path + "-journal")
	if err != nil || fi.Size() == 0 {
		return false, nil
	}
	if ok, what := writable(path); !ok {
		return false, errorf(EREADONLY, nil, "%s was left half-changed by a program that stopped in the middle of a save: %s-journal holds what is needed to undo that change. SQLite undoes it when the database opens, but here it cannot, because %s. Make it writable and open the database again. Nothing was changed.", path, path, what)
	}
	rw, err := sql.Open("sqlite3", dsn(path, fmt.Sprintf("_busy_timeout=%d", o.busyTimeout/time.Millisecond)))
	if err != nil {
		return false, openError(path, err)
	}
	defer rw.Close()
	// Any read makes SQLite check the journal and roll back a hot one.
	var n int
	if err := rw.QueryRow("SELECT count(*) FROM sqlite_schema").Scan(&n); err != nil {
		return false, openError(path, err)
	}
	return true, nil
}

// inspectSQL is inspect's part that reads the file through SQLite.
func inspectSQL(path string, hdr []byte, o options) (checked, readOnly bool, err error) {
	// Reading a WAL database makes SQLite create empty -wal and -shm files
	// even read-only; when the file is refused for good, remove the ones it
	// made so the refused database is left exactly as it was found. (Not
	// when it is locked: then they belong to the process holding it.)
	_, walErr := os.Stat(path + "-wal")
	_, shmErr := os.Stat(path + "-shm")
	ro, err := sql.Open("sqlite3", dsn(path, fmt.Sprintf("%s&_busy_timeout=%d", readOnlyParams(path), o.busyTimeout/time.Millisecond)))
	if err != nil {
		return false, false, openError(path, err)
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
		return false, false, openError(path, err)
	}
	if !known {
		return false, false, errorf(EINVALID, nil, "%s is a database of another program, not Chairside's; choose another file with --db FILE. The file was not changed.", path)
	}
	if latest := len(migrationList()); ver > latest {
		return false, false, errorf(ENEWER, nil, "%s was written by a newer version of Chairside (database version %d; this program knows up to %d). Install the newer Chairside to open it. The file was not changed.", path, ver, latest)
	}
	if ok, what := writable(path); !ok {
		if ver < len(migrationList()) {
			return false, false, errorf(EREADONLY, nil, "%s comes from an older Chairside and must be updated before it can be used, but %s. Make it writable and open it again. The file was not changed.", path, what)
		}
		return false, true, nil // read-only: the background check reads it all
	}
	wal := hdr[18] == 2 && hdr[19] == 2
	if ver == len(migrationList()) && wal {
		return false, false, nil
	}
	if err := fullCheck(ctx, ro); err != nil {
		return false, false, openError(path, err)
	}
	return true, false, nil
}

// readOnlyParams are the DSN parameters to read the database without
// writing. A WAL database needs its -shm index file, which SQLite creates
// even to read; in a folder that cannot be written and without one, the
// file is read as immutable. That is safe only because nothing can write
// it there either (a writer would need a -wal file in the same folder),
// and only when no -wal holds changes that reading would have to see.
func readOnlyParams(path string) string {
	if _, err := os.Stat(path + "-shm"); err == nil {
		return "mode=ro"
	}
	if fi, err := os.Stat(path + "-wal"); err == nil && fi.Size() > 0 {
		return "mode=ro"
	}
	if ok, _ := folderWritable(filepath.Dir(path)); ok {
		return "mode=ro"
	}
	return "mode=ro&immutable=1"
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
	if errors.Is(err, errInconsistent) {
		return errorf(ECORRUPT, err, "%s is damaged: its records do not fit together (handouts or search entries pointing at missing patients, or stored handouts that cannot be read), as when a -wal file from another database gets mixed in. Nothing more is saved to it. %s", path, wayOut)
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
	if se := serverWorkError(what, err); se != nil {
		return se
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
