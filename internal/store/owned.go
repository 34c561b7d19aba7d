package store

import (
	"os"
	"path/filepath"
	"strings"

	"chairside/internal/safefile"
)

// The files that belong to a database live here, in one definition, so
// that the store (restore, backups, file modes) and the command line
// (refusing to write an export over any of them) agree on what they are.

// sideFiles are the suffixes of the files SQLite keeps beside a database:
// the database itself, its write-ahead log, its shared-memory index and
// its rollback journal.
var sideFiles = []struct{ suffix, what string }{
	{"", "the database itself"},
	{"-wal", "the database's write-ahead log (-wal), which holds its latest changes"},
	{"-shm", "the database's shared-memory file (-shm)"},
	{"-journal", "the database's rollback journal (-journal)"},
}

// SideFiles lists the database at dbPath and the files SQLite keeps beside
// it (-wal, -shm, -journal), whether or not they exist right now.
func SideFiles(dbPath string) []string {
	out := make([]string, len(sideFiles))
	for i, s := range sideFiles {
		out[i] = dbPath + s.suffix
	}
	return out
}

// BeforeRestorePrefix starts the name of every copy a restore keeps aside
// of the database at dbPath: "<db>.before-restore-…", with their own -wal,
// -shm and -journal after it.
func BeforeRestorePrefix(dbPath string) string { return dbPath + ".before-restore-" }

// restoreStagePrefix starts the name of the copy a restore prepares beside
// the database before it replaces it.
func restoreStagePrefix(dbPath string) string {
	return filepath.Join(filepath.Dir(dbPath), "."+filepath.Base(dbPath)+".restore")
}

// Owns says whether path is, or would be, one of the files that belong to
// the database at dbPath: the database, its -wal, -shm and -journal, its
// backups folder (BackupDir) or anything in it, a copy kept aside by a
// restore, or a restore's staging copy. It answers with what the file is,
// in words a message can use ("the database's backups folder"), or "" when
// path is not the database's.
//
// Files are compared by identity (device and inode, links followed, hard
// links caught), and a path that does not exist yet is compared by where
// it would be created: a new name inside the backups folder, or "<db>-wal"
// beside the database before SQLite has made it, belongs to the database
// too. Names are compared without regard to case, as Windows and macOS
// do. The error is a file-system problem (a link loop, a folder that
// cannot be read) that kept the question from being answered: treat it as
// a refusal.
//
// A server database has no files on this computer: nothing is its.
func Owns(dbPath, path string) (string, error) {
	if IsServerAddress(dbPath) {
		return "", nil
	}
	dbs := []string{dbPath}
	if real, err := filepath.EvalSymlinks(dbPath); err == nil && real != dbPath {
		// SQLite keeps the side files beside the real file, not the link.
		dbs = append(dbs, real)
	}
	for _, db := range dbs {
		what, err := ownedBy(db, path)
		if what != "" || err != nil {
			return what, err
		}
	}
	return "", nil
}

func ownedBy(dbPath, path string) (string, error) {
	// The file itself, through any name.
	if _, err := os.Stat(path); err != nil && !safefile.NotExist(err) {
		return "", err
	}
	for i, side := range SideFiles(dbPath) {
		same, err := safefile.SameFile(side, path)
		if err != nil {
			return "", err
		}
		if same {
			return sideFiles[i].what, nil
		}
	}
	dbDir := filepath.Dir(dbPath)
	entries, err := os.ReadDir(dbDir)
	if err != nil && !safefile.NotExist(err) {
		return "", err
	}
	asidePrefix := filepath.Base(BeforeRestorePrefix(dbPath))
	for _, e := range entries {
		if !hasPrefixFold(e.Name(), asidePrefix) {
			continue
		}
		if same, err := safefile.SameFile(filepath.Join(dbDir, e.Name()), path); err != nil {
			return "", err
		} else if same {
			return "a copy of the database kept aside by a restore", nil
		}
	}

	// Where a new file would go: the folder that would hold it, and its name.
	dir, name := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	inDBDir, err := safefile.SameFile(dir, dbDir)
	if err != nil {
		return "", err
	}
	if inDBDir {
		base := filepath.Base(dbPath)
		for _, s := range sideFiles {
			if strings.EqualFold(name, base+s.suffix) {
				return s.what, nil
			}
		}
		if hasPrefixFold(name, asidePrefix) {
			return "a copy of the database kept aside by a restore", nil
		}
		if hasPrefixFold(name, filepath.Base(restoreStagePrefix(dbPath))) {
			return "the copy a restore prepares", nil
		}
		if strings.EqualFold(name, filepath.Base(BackupDir(dbPath))) {
			return "the database's backups folder", nil
		}
	}

	// The backups folder and anything in it, at any depth, through links.
	inside, err := within(path, BackupDir(dbPath))
	if err != nil {
		return "", err
	}
	if inside {
		return "the database's backups folder", nil
	}
	return "", nil
}

// within reports whether path is folder or lies inside it. Each existing
// folder on path's way up is compared by identity with folder, so a link
// into the folder is caught; a folder that does not exist yet is compared
// by name, its parent by identity.
func within(path, folder string) (bool, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return false, err
	}
	if _, err := os.Stat(folder); safefile.NotExist(err) {
		// No backups yet: a path is inside when one of its ancestors has
		// the folder's name in the folder's parent.
		parent, name := filepath.Dir(folder), filepath.Base(folder)
		for p := abs; ; p = filepath.Dir(p) {
			if strings.EqualFold(filepath.Base(p), name) {
				if same, err := safefile.SameFile(filepath.Dir(p), parent); err != nil || same {
					return same, err
				}
			}
			if filepath.Dir(p) == p {
				return false, nil
			}
		}
	}
	// Resolve links in the part of the path that exists, so ".." after a
	// link means what the system means by it.
	real, rest := abs, ""
	for {
		r, err := filepath.EvalSymlinks(real)
		if err == nil {
			real = filepath.Join(r, rest)
			break
		}
		if !safefile.NotExist(err) {
			return false, err
		}
		parent := filepath.Dir(real)
		if parent == real {
			break
		}
		rest = filepath.Join(filepath.Base(real), rest)
		real = parent
	}
	for p := real; ; p = filepath.Dir(p) {
		same, err := safefile.SameFile(p, folder)
		if err != nil || same {
			return same, err
		}
		if filepath.Dir(p) == p {
			return false, nil
		}
	}
}

func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}
