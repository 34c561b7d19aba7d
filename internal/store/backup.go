package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/mattn/go-sqlite3"
)

// BackupDir is where automatic backups of the database at dbPath go: a
// "backups" folder beside the default chairside.db, and "NAME-backups"
// beside any other database file. Each database gets its own folder, so
// two databases in one folder never take each other's daily backup for
// their own, and restore never offers another database's copy.
func BackupDir(dbPath string) string {
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
func (db *DB) Backup(ctx context.Context, dest string) error {
	if err := db.Health(ctx); err != nil {
		return err
	}
	if same, _ := sameFile(dest, db.path); same {
		return errorf(EINVALID, nil, "The backup must go to another file than the database itself; choose another name.")
	}
	if fi, err := os.Stat(dest); err == nil && fi.IsDir() {
		return errorf(EINVALID, nil, "%s is a folder; give the backup a file name, e.g. %s.", dest,
			filepath.Join(dest, "chairside-backup-"+db.now().Format("2006-01-02")+".db"))
	}
	return copyDatabase(ctx, db.r, dest)
}

// copyDatabase copies the database behind src into dest atomically.
func copyDatabase(ctx context.Context, src *sql.DB, dest string) error {
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
	if err := os.Rename(tmpPath, dest); err != nil {
		return errorf(EREADONLY, err, "Cannot put the backup in place as %s; choose another name or place.", dest)
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

// AutoBackup makes today's automatic backup in dir (created 0700) unless
// one exists, and deletes the oldest so that keep remain (keep <= 0 means
// DefaultKeep). It returns the new backup's path, or "" when today's
// backup was already there.
func (db *DB) AutoBackup(ctx context.Context, dir string, keep int) (string, error) {
	if keep <= 0 {
		keep = DefaultKeep
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", errorf(EREADONLY, err, "Cannot create the backup folder %s; automatic backups are off until it can be written.", dir)
	}
	path := filepath.Join(dir, "chairside-"+db.now().Format("2006-01-02")+".db")
	made := ""
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		if err := db.Backup(ctx, path); err != nil {
			return "", err
		}
		made = path
	}
	old, err := filepath.Glob(filepath.Join(dir, "chairside-[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9].db"))
	if err != nil {
		return made, err
	}
	sort.Strings(old) // dates sort as text
	for len(old) > keep {
		if err := os.Remove(old[0]); err != nil && !errors.Is(err, os.ErrNotExist) {
			return made, errorf(EREADONLY, err, "Cannot delete the old backup %s; delete it by hand to free space.", old[0])
		}
		old = old[1:]
	}
	return made, nil
}

// Restore replaces the database at target with a copy of backup. The
// backup is verified first (a full integrity check, a Chairside database
// this program can open); the current target and its -wal/-shm files are
// kept aside as TARGET.before-restore-TIME, whose path is returned (empty
// when there was no target). Close every DB open on target first.
func Restore(backup, target string) (keptAside string, err error) {
	ctx := context.Background()
	if same, _ := sameFile(backup, target); same {
		return "", errorf(EINVALID, nil, "The backup and the database are the same file; choose a backup file.")
	}
	if err := verifyBackup(ctx, backup); err != nil {
		return "", err
	}
	src, err := sql.Open("sqlite3", dsn(backup, "mode=ro&_busy_timeout=5000"))
	if err != nil {
		return "", badBackup(backup, err)
	}
	defer src.Close()
	dir := filepath.Dir(target)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", errorf(EREADONLY, err, "Cannot create the folder %s for the database.", dir)
	}
	// Copy the backup next to the target first; only a verified, synced
	// copy ever replaces it.
	staged := filepath.Join(dir, "."+filepath.Base(target)+".restore")
	removeDBFiles(staged)
	if err := copyDatabase(ctx, src, staged); err != nil {
		return "", err
	}
	if _, err := os.Stat(target); err == nil {
		keptAside = target + ".before-restore-" + time.Now().Format("20060102-150405")
		for _, suffix := range []string{"", "-wal", "-shm", "-journal"} {
			if err := os.Rename(target+suffix, keptAside+suffix); err != nil && !errors.Is(err, os.ErrNotExist) {
				removeDBFiles(staged)
				return "", errorf(EREADONLY, err, "Cannot move the current database aside to %s; nothing was restored. Check the folder's permissions.", keptAside)
			}
		}
	}
	if err := os.Rename(staged, target); err != nil {
		return keptAside, errorf(EREADONLY, err, "Cannot put the restored database in place; your previous database is at %s.", keptAside)
	}
	syncDir(dir)
	return keptAside, nil
}

// verifyBackup refuses a backup that is not a whole, healthy Chairside
// database this program can open.
func verifyBackup(ctx context.Context, path string) error {
	f, err := os.Open(path)
	if err != nil {
		return errorf(EREADONLY, err, "Cannot read the backup %s; check the name and permissions. Nothing was changed.", path)
	}
	hdr := make([]byte, 100)
	n, _ := f.ReadAt(hdr, 0)
	fi, err := f.Stat()
	f.Close()
	if err != nil {
		return badBackup(path, err)
	}
	size := fi.Size()
	if pendingLog(path) {
		size = -1 // SQLite applies the log on open; the integrity check below decides
	}
	if err := checkHeader(hdr[:n], size); err != nil {
		return badBackup(path, err)
	}
	ro, err := sql.Open("sqlite3", dsn(path, "mode=ro&_busy_timeout=5000"))
	if err != nil {
		return badBackup(path, err)
	}
	defer ro.Close()
	ver, known, err := schemaVersion(ctx, ro)
	if err != nil {
		return badBackup(path, err)
	}
	if !known {
		return errorf(EINVALID, nil, "%s is not a Chairside backup; choose another file. Nothing was changed.", path)
	}
	if latest := len(migrationList()); ver > latest {
		return errorf(ENEWER, nil, "The backup %s was made by a newer Chairside (database version %d; this program knows up to %d). Install the newer Chairside to restore it. Nothing was changed.", path, ver, latest)
	}
	problems, err := integrityProblems(ctx, ro)
	if err != nil {
		return badBackup(path, err)
	}
	if len(problems) > 0 {
		return badBackup(path, fmt.Errorf("%w: %s", errIntegrity, problems[0]))
	}
	return nil
}

func badBackup(path string, err error) error {
	return errorf(ECORRUPT, err, "The backup %s is damaged or is not a database; choose another backup (Settings → Data shows the folder of automatic ones). Nothing was changed.", path)
}

func sameFile(a, b string) (bool, error) {
	fa, err := os.Stat(a)
	if err != nil {
		return false, err
	}
	fb, err := os.Stat(b)
	if err != nil {
		return false, err
	}
	return os.SameFile(fa, fb), nil
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
