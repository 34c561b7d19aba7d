package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/mattn/go-sqlite3"

	"chairside/internal/safefile"
)

// BackupDir is where automatic backups of the database at dbPath go: a
// "backups" folder beside the default chairside.db, and "NAME-backups"
// beside any other database file. Each database gets its own folder, so
// two databases in one folder never take each other's daily backup for
// their own, and restore never offers another database's copy.
//
// A server database has no such folder (""): its backups are the
// server's job (pg_dump, base backups).
func BackupDir(dbPath string) string {
	if IsServerAddress(dbPath) {
		return ""
	}
	dir, base := filepath.Split(dbPath)
	if base == "chairside.db" {
		return filepath.Join(dir, "backups")
	}
	return filepath.Join(dir, strings.TrimSuffix(base, filepath.Ext(base))+"-backups")
}

// DefaultKeep is how many daily automatic backups are kept.
const DefaultKeep = 14

// Backup writes a consistent copy of the database to dest with SQLite's
// online backup API (other windows may keep working meanwhile). The copy
// is written to a temporary file (0600) beside dest, checked, synced and
// then renamed over dest, so dest is never half-written.
//
// A server database is written into a new SQLite file (backupServer).
func (db *DB) Backup(ctx context.Context, dest string) error {
	if err := db.Health(ctx); err != nil {
		return err
	}
	// A folder is refused before anything is read, from a server too
	// (whose copy would otherwise be made in full, then fail to land).
	if fi, err := os.Stat(dest); err == nil && fi.IsDir() {
		return errorf(EINVALID, nil, "%s is a folder; give the backup a file name, e.g. %s.", dest,
			filepath.Join(dest, "chairside-backup-"+db.now().Format("2006-01-02")+".db"))
	}
	if db.dialect.server() {
		return db.backupServer(ctx, dest)
	}
	if same, _ := safefile.SameFile(dest, db.path); same {
		return errorf(EINVALID, nil, "The backup must go to another file than the database itself; choose another name.")
	}
	return copyDatabase(ctx, db.r, dest, true)
}

// copyDatabase copies the database behind src into dest atomically. With
// replace false an existing dest (a file, or a link planted there) is
// never replaced nor followed: the finished copy is linked into place,
// which fails if anything has the name.
func copyDatabase(ctx context.Context, src *sql.DB, dest string, replace bool) error {
	dir := filepath.Dir(dest)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return errorf(EREADONLY, err, "Cannot create the folder %s for the backup; choose another place.", dir)
	}
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(dest)+".tmp-*") // CreateTemp makes it 0600
	if err != nil {
		return errorf(EREADONLY, err, "Cannot write a backup in %s (read-only folder or full disk?); choose another place.", dir)
	}
	tmpPath := tmp.Name()
	tmp.Close()
	ok := false
	defer func() {
		if !ok {
			removeDBFiles(tmpPath)
		}
	}()
	if err := backupInto(ctx, src, tmpPath); err != nil {
		return err
	}
	if err := syncFile(tmpPath); err != nil {
		return errorf(EREADONLY, err, "Cannot finish writing the backup %s (full disk?); choose another place.", dest)
	}
	if replace {
		if err := os.Rename(tmpPath, dest); err != nil {
			return errorf(EREADONLY, err, "Cannot put the backup in place as %s; choose another name or place.", dest)
		}
	} else if err := linkNew(tmpPath, dest); err != nil {
		return err
	}
	ok = true
	syncDir(dir)
	return nil
}

// backupInto runs the SQLite online backup from src into the (empty) file
// at path, switches the copy out of WAL so it is one self-contained file,
// and checks it.
func backupInto(ctx context.Context, src *sql.DB, path string) error {
	dst, err := sql.Open("sqlite3", dsn(path, "_busy_timeout=5000"))
	if err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	defer dst.Close()
	dconn, err := dst.Conn(ctx)
	if err != nil {
		return dbError("write the backup", err)
	}
	defer dconn.Close()
	sconn, err := src.Conn(ctx)
	if err != nil {
		return dbError("read the database for the backup", err)
	}
	defer sconn.Close()
	err = dconn.Raw(func(d any) error {
		return sconn.Raw(func(s any) error {
			dc, ok1 := d.(*sqlite3.SQLiteConn)
			sc, ok2 := s.(*sqlite3.SQLiteConn)
			if !ok1 || !ok2 {
				return errors.New("backup: not a SQLite connection")
			}
			b, err := dc.Backup("main", sc, "main")
			if err != nil {
				return err
			}
			for {
				done, err := b.Step(-1)
				if err != nil {
					b.Finish()
					return err
				}
				if done {
					break
				}
			}
			return b.Finish()
		})
	})
	if err != nil {
		return dbError("copy the database", err)
	}
	var mode string
	if err := dconn.QueryRowContext(ctx, "PRAGMA journal_mode = DELETE").Scan(&mode); err != nil {
		return dbError("finish the backup", err)
	}
	if err := quickCheck(ctx, dconn); err != nil {
		return errorf(ECORRUPT, err, "The backup copy failed its integrity check, so it was not kept. Run 'chairside check'.")
	}
	return nil
}

// AutoBackup makes today's automatic backup in dir unless one exists, and
// deletes the oldest so that keep remain (keep <= 0 means DefaultKeep).
// It returns the new backup's path, or "" when today's backup was already
// there.
//
// dir must be a real folder (not a link) owned by the user; it is made
// 0700 when missing and narrowed to 0700 when looser. A backup is created
// exclusively and never through a link: anything already at today's name
// that is not a plain file (say, a link planted there) is left alone,
// never followed, and reported.
//
// On a server database it does nothing: backups of a clinic server are
// the server's job (pg_dump, base backups), and a copy on each chair
// would scatter the clinic's records over every computer.
func (db *DB) AutoBackup(ctx context.Context, dir string, keep int) (string, error) {
	if db.dialect.server() {
		return "", nil
	}
	if keep <= 0 {
		keep = DefaultKeep
	}
	if err := ownFolder(dir); err != nil {
		return "", err
	}
	path := filepath.Join(dir, "chairside-"+db.now().Format("2006-01-02")+".db")
	made := ""
	fi, err := os.Lstat(path)
	switch {
	case errors.Is(err, os.ErrNotExist):
		if err := db.Health(ctx); err != nil {
			return "", err
		}
		if err := copyDatabase(ctx, db.r, path, false); err != nil {
			return "", err
		}
		made = path
	case err != nil:
		return "", errorf(EREADONLY, err, "Cannot look into the backup folder %s; automatic backups are off until it can be read.", dir)
	case !fi.Mode().IsRegular():
		return "", errorf(EINVALID, nil, "The backup folder %s holds %s, which is not a backup Chairside made (a link or a special file). It was left alone and not followed; remove it so that today's backup can be made.", dir, filepath.Base(path))
	}
	old, err := filepath.Glob(filepath.Join(dir, "chairside-[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9].db"))
	if err != nil {
		return made, err
	}
	sort.Strings(old) // dates sort as text
	var ours []string
	for _, f := range old {
		if fi, err := os.Lstat(f); err == nil && fi.Mode().IsRegular() {
			ours = append(ours, f)
		}
	}
	for len(ours) > keep {
		if err := os.Remove(ours[0]); err != nil && !errors.Is(err, os.ErrNotExist) {
			return made, errorf(EREADONLY, err, "Cannot delete the old backup %s; delete it by hand to free space.", ours[0])
		}
		ours = ours[1:]
	}
	return made, nil
}

// ownFolder makes sure dir is a real folder of the user's own, closed to
// others: created 0700 when missing, narrowed to 0700 when looser.
func ownFolder(dir string) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return errorf(EREADONLY, err, "Cannot create the backup folder %s; automatic backups are off until it can be written.", dir)
	}
	fi, err := os.Lstat(dir)
	if err != nil {
		return errorf(EREADONLY, err, "Cannot look into the backup folder %s; automatic backups are off until it can be read.", dir)
	}
	if !fi.IsDir() {
		return errorf(EINVALID, nil, "The backup folder %s is a link or not a folder. Automatic backups go only into a real folder of your own; replace it with a folder (or move it away). Nothing was written.", dir)
	}
	if !ownedByUser(fi) {
		return errorf(EINVALID, nil, "The backup folder %s belongs to another user, so backups of health records are not written there. Move it away, and Chairside makes a new one.", dir)
	}
	if runtime.GOOS != "windows" && fi.Mode().Perm() != 0o700 {
		if err := os.Chmod(dir, 0o700); err != nil {
			return errorf(EREADONLY, err, "Cannot close the backup folder %s to other users; automatic backups are off until it can be changed.", dir)
		}
	}
	return nil
}

// linkNew puts the finished file tmp at dest without ever replacing or
// following what is there (safefile.RenameNoReplace).
func linkNew(tmp, dest string) error {
	err := safefile.RenameNoReplace(tmp, dest)
	switch {
	case err == nil:
		return nil
	case errors.Is(err, os.ErrExist):
		return errorf(EINVALID, err, "%s appeared while the backup was written; it was left alone. Try again.", dest)
	default:
		return errorf(EREADONLY, err, "Cannot put the backup in place as %s; choose another name or place.", dest)
	}
}

// BackupSummary is what a backup holds, shown before a restore replaces
// the database with it. Counts only: never a name.
type BackupSummary struct {
	Path      string
	FileTime  time.Time // when the file was last written (a Chairside backup: when it was made)
	LastSaved time.Time // the newest save recorded in it; zero when it holds none
	Patients  int       // archived ones included
	Archived  int
	Handouts  int
	Revisions int
}

// String is the summary in one line for a clinician.
func (s BackupSummary) String() string {
	when := "made " + s.FileTime.Local().Format("Mon 2 Jan 2006 15:04")
	if !s.LastSaved.IsZero() {
		when += ", newest record saved " + s.LastSaved.Local().Format("Mon 2 Jan 2006 15:04")
	}
	pat := fmt.Sprintf("%d patient%s", s.Patients, plural(s.Patients))
	if s.Archived > 0 {
		pat += fmt.Sprintf(" (%d archived)", s.Archived)
	}
	return fmt.Sprintf("%s; %s, %d handout%s.", when, pat, s.Handouts, plural(s.Handouts))
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// CheckBackup runs the app's own full check on a backup without changing
// it (the header, the schema and its version, SQLite's integrity check,
// the foreign keys, the consistency checks, and every handout and every
// saved revision read as the app reads them) and says what it holds. An
// empty database or another program's file is refused. Restore runs it
// again before replacing anything; the UI calls it first to show the
// summary in its question.
func CheckBackup(ctx context.Context, path string) (BackupSummary, error) {
	sum := BackupSummary{Path: path}
	fi, err := os.Stat(path)
	if err != nil {
		return sum, errorf(EREADONLY, err, "Cannot read the backup %s; check the name and permissions. Nothing was changed.", path)
	}
	if !fi.Mode().IsRegular() {
		return sum, errorf(EINVALID, nil, "%s is not a plain file, so it is not a backup; choose another file. Nothing was changed.", path)
	}
	if fi.Size() == 0 {
		return sum, errorf(EINVALID, nil, "The backup %s is an empty file (0 bytes): it holds no records. Choose another backup. Nothing was changed.", path)
	}
	sum.FileTime = fi.ModTime()
	f, err := os.Open(path)
	if err != nil {
		return sum, errorf(EREADONLY, err, "Cannot read the backup %s; check the name and permissions. Nothing was changed.", path)
	}
	hdr := make([]byte, 100)
	n, _ := f.ReadAt(hdr, 0)
	f.Close()
	size := fi.Size()
	if pendingLog(path) {
		size = -1 // SQLite applies the log on open; the integrity check below decides
	}
	if err := checkHeader(hdr[:n], size); err != nil {
		return sum, badBackup(path, err)
	}
	ro, err := sql.Open("sqlite3", dsn(path, "mode=ro&_busy_timeout=5000"))
	if err != nil {
		return sum, badBackup(path, err)
	}
	defer ro.Close()
	ver, known, err := schemaVersion(ctx, ro)
	if err != nil {
		return sum, badBackup(path, err)
	}
	if !known {
		return sum, errorf(EINVALID, nil, "%s is not a Chairside backup (it is another program's database); choose another file. Nothing was changed.", path)
	}
	if ver == 0 {
		return sum, errorf(EINVALID, nil, "%s is an empty database (made by SQLite or another program), not a Chairside backup: it holds no patients or handouts. Choose another file. Nothing was changed.", path)
	}
	if latest := len(migrationList()); ver > latest {
		return sum, errorf(ENEWER, nil, "The backup %s was made by a newer Chairside (database version %d; this program knows up to %d). Install the newer Chairside to restore it. Nothing was changed.", path, ver, latest)
	}
	if ver < 2 {
		return sum, errorf(EINVALID, nil, "The backup %s comes from a Chairside too old to hold handouts (database version %d); choose a newer backup. Nothing was changed.", path, ver)
	}
	rep, err := checkDatabase(ctx, ro, sqliteDialect)
	if err != nil {
		return sum, badBackup(path, err)
	}
	if !rep.OK {
		return sum, errorf(ECORRUPT, nil, "The backup %s failed Chairside's check, so it was not restored: %d problem(s): %s. Choose another backup. Nothing was changed.", path, len(rep.Problems), problemList(rep.Problems))
	}
	sum.Patients, sum.Archived = rep.Counts["patients"], rep.Counts["archived patients"]
	sum.Handouts, sum.Revisions = rep.Counts["handouts"], rep.Counts["handout revisions"]
	var last sql.NullString
	if err := ro.QueryRowContext(ctx, `SELECT max(t) FROM (SELECT max(updated_at) AS t FROM patients
		UNION ALL SELECT max(updated_at) FROM handouts UNION ALL SELECT max(saved_at) FROM handout_revisions)`).Scan(&last); err != nil {
		return sum, badBackup(path, err)
	}
	if last.Valid {
		sum.LastSaved = parseTime(last.String)
	}
	return sum, nil
}

// Restore replaces the database at target with a copy of backup, after
// CheckBackup passed. It refuses while any other Chairside process has the
// database open (the shared lock every open DB holds) or another program
// such as sqlite3 has it open (SQLite's own locks: see lockForRestore).
//
// The current file is kept aside, never replaced, as
// TARGET.before-restore-TIME (with -2, -3 … when that name is taken);
// its path is returned, empty when there was no target. The order makes a
// crash at any moment harmless: the backup is copied and synced beside
// the target first; the current file gets its second name by a hard link
// (so the target stays in place); only then does one rename put the copy
// in place. Close every DB open on target first.
func Restore(backup, target string) (keptAside string, err error) {
	ctx := context.Background()
	if IsServerAddress(target) {
		return "", errorf(EINVALID, nil, "Restore replaces a database file; a clinic server's database is restored with the server's own tools (pg_restore, or its base backups). To fill an empty server database from a backup file, use 'chairside migrate --from FILE --to ADDRESS'. Nothing was changed.")
	}
	if err := checkPath(target); err != nil {
		return "", err
	}
	if real, err := filepath.EvalSymlinks(target); err == nil {
		target = real // replace the file itself, not a link to it
	} else if fi, lerr := os.Lstat(target); lerr == nil && fi.Mode()&os.ModeSymlink != 0 {
		return "", brokenLink(target, err)
	}
	if same, _ := safefile.SameFile(backup, target); same {
		return "", errorf(EINVALID, nil, "The backup and the database are the same file; choose a backup file.")
	}
	if _, err := CheckBackup(ctx, backup); err != nil {
		return "", err
	}
	src, err := sql.Open("sqlite3", dsn(backup, "mode=ro&_busy_timeout=5000"))
	if err != nil {
		return "", badBackup(backup, err)
	}
	defer src.Close()
	dir := filepath.Dir(target)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", errorf(EREADONLY, err, "Cannot create the folder %s for the database. Nothing was changed.", dir)
	}
	// Copy the backup next to the target first; only a verified, synced
	// copy ever replaces it.
	tmp, err := os.CreateTemp(dir, filepath.Base(restoreStagePrefix(target))+"-*")
	if err != nil {
		return "", restoreFolderError(dir, err)
	}
	staged := tmp.Name()
	tmp.Close()
	defer removeDBFiles(staged) // gone once renamed into place
	if err := backupInto(ctx, src, staged); err != nil {
		return "", err
	}
	if err := syncFile(staged); err != nil {
		return "", restoreFolderError(dir, err)
	}
	if fi, err := os.Stat(target); err == nil {
		if !fi.Mode().IsRegular() {
			return "", errorf(EINVALID, nil, "%s is not a plain file, so it was not replaced; choose the database file with --db FILE. Nothing was changed.", target)
		}
		release, err := lockForRestore(ctx, target)
		if err != nil {
			return "", err
		}
		defer release()
		if keptAside, err = keepAside(target); err != nil {
			return "", err
		}
		if runtime.GOOS == "windows" {
			// Windows cannot replace a file while a handle is open on it,
			// the lock's own included; nor can anyone else, so the lock is
			// not needed for the swap there.
			release()
		}
	}
	if err := os.Rename(staged, target); err != nil {
		if keptAside != "" {
			return "", errorf(EREADONLY, err, "Cannot put the restored database in place; the current database is unchanged (a copy of it is also at %s).", keptAside)
		}
		return "", restoreFolderError(dir, err)
	}
	syncDir(dir)
	return keptAside, nil
}

// restoreFolderError names why nothing could be written in the database's
// folder: no permission, a read-only disk, or a full one.
func restoreFolderError(dir string, err error) error {
	why := "it cannot be written"
	switch {
	case errors.Is(err, os.ErrPermission):
		why = "you have no permission to write in it (the folder is read-only for you)"
	case isReadOnlyFS(err):
		why = "it is on a read-only disk or mount"
	case isDiskFull(err):
		why = "the disk is full"
	}
	return errorf(EREADONLY, err, "Cannot restore into %s: %s. The database there must be replaced by a new file beside it, so the folder itself must be writable. Nothing was changed.", dir, why)
}

// lockForRestore makes sure no one is using the database at target and
// keeps it so until release: Chairside's exclusive lock (every open
// Chairside window or command holds the shared one), then SQLite's own
// exclusive lock, which another program's open connection prevents. A
// sqlite3 session on a WAL database (Chairside's are) holds a lock from
// its first read until it quits, so it is seen; a session on a
// rollback-journal database holds one only inside a transaction, so an
// idle one cannot be seen. Taking SQLite's lock also folds any -wal into
// the file, so that the file alone is the whole database.
func lockForRestore(ctx context.Context, target string) (release func(), err error) {
	f, err := os.Open(target)
	if err != nil {
		return nil, errorf(EREADONLY, err, "Cannot read the current database %s; check its permissions. Nothing was changed.", target)
	}
	unlock, ok, lerr := tryLock(f, true)
	if lerr == nil && !ok {
		f.Close()
		return nil, errorf(ELOCKED, nil, "Chairside has %s open (in a window, or a command still running). Close Chairside first, then restore; restoring under an open window would lose what it saves afterwards. Nothing was changed.", target)
	}
	var once sync.Once
	release = func() {
		once.Do(func() {
			if unlock != nil {
				unlock()
			}
			f.Close()
		})
	}
	p, err := sql.Open("sqlite3", dsn(target, "_locking_mode=EXCLUSIVE&_busy_timeout=500"))
	if err != nil {
		release()
		return nil, errorf(EREADONLY, err, "Cannot open the current database %s. Nothing was changed.", target)
	}
	defer p.Close()
	_, err = p.ExecContext(ctx, "BEGIN EXCLUSIVE; COMMIT; PRAGMA wal_checkpoint(TRUNCATE)")
	var se sqlite3.Error
	if errors.As(err, &se) && (se.Code == sqlite3.ErrBusy || se.Code == sqlite3.ErrLocked) {
		release()
		return nil, errorf(ELOCKED, err, "Another program (sqlite3, a backup or a sync tool) has %s open. Close it first, then restore. Nothing was changed.", target)
	}
	// Any other failure means the current file is damaged or not a
	// database at all: it is kept aside as it is.
	return release, nil
}

// keepAside gives the current database at target a second name that no
// file has, TARGET.before-restore-TIME[-N], by a hard link (created
// exclusively, target untouched) or, where the file system has no hard
// links, by copying it into an exclusively created file. Leftover -wal and
// -journal files with content go along; a -shm (only an index) is removed.
func keepAside(target string) (string, error) {
	base := target + ".before-restore-" + time.Now().Format("20060102-150405")
	for n := 1; n < 1000; n++ {
		name := base
		if n > 1 {
			name = fmt.Sprintf("%s-%d", base, n)
		}
		if sideFilesExist(name) {
			continue
		}
		err := os.Link(target, name)
		if errors.Is(err, os.ErrExist) {
			continue
		}
		if err != nil {
			if err = copyExclusive(target, name); errors.Is(err, os.ErrExist) {
				continue
			}
			if err != nil {
				return "", errorf(EREADONLY, err, "Cannot keep the current database aside as %s; nothing was restored. Check the folder's permissions and free space.", name)
			}
		}
		for _, suffix := range []string{"-wal", "-journal"} {
			if fi, err := os.Stat(target + suffix); err == nil && fi.Size() > 0 {
				if err := os.Rename(target+suffix, name+suffix); err != nil {
					return "", errorf(EREADONLY, err, "Cannot keep the current database's %s file aside; nothing was restored. Check the folder's permissions.", suffix)
				}
			}
			os.Remove(target + suffix)
		}
		os.Remove(target + "-shm")
		return name, nil
	}
	return "", errorf(EREADONLY, nil, "Too many earlier restores kept beside %s; move some .before-restore files away, then restore again. Nothing was changed.", target)
}

func sideFilesExist(name string) bool {
	for _, suffix := range []string{"", "-wal", "-shm", "-journal"} {
		if _, err := os.Lstat(name + suffix); err == nil {
			return true
		}
	}
	return false
}

// copyExclusive copies src into a new file dst (which must not exist) and
// syncs it.
func copyExclusive(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := safefile.CreateExclusive(dst, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	if err := out.Sync(); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

func badBackup(path string, err error) error {
	return errorf(ECORRUPT, err, "The backup %s is damaged or is not a database; choose another backup (Settings → Data shows the folder of automatic ones). Nothing was changed.", path)
}

func removeDBFiles(path string) {
	for _, suffix := range []string{"", "-wal", "-shm", "-journal"} {
		os.Remove(path + suffix)
	}
}

func syncFile(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// syncDir makes a rename durable; failure only weakens durability, so it
// is not reported.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}
