package store

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"
)

// checkPath accepts only a plain file path for the database. SQLite would
// also take ":memory:" (saves nothing), "file:" URIs and "?" parameters
// (which change how it opens the file); a network path is refused because
// SQLite's locks are not reliable over a network share, which can damage
// the database.
func checkPath(path string) error {
	if msg := pathProblem(path, runtime.GOOS == "windows"); msg != "" {
		return errorf(EINVALID, nil, "%s", msg)
	}
	return nil
}

// pathProblem says what is wrong with path as a database file, or "".
// windows selects Windows' rules, so that both can be tested anywhere.
func pathProblem(path string, windows bool) string {
	const choose = "choose the database file with --db FILE, e.g. --db ~/chairside.db."
	shown := path
	if len(shown) > 60 {
		shown = shown[:60] + "…"
	}
	if windows && (strings.HasPrefix(path, `\\`) || strings.HasPrefix(path, "//") ||
		strings.HasPrefix(path, `\/`) || strings.HasPrefix(path, `/\`)) {
		return "The database " + quoteShort(shown) + " is on a network share. SQLite on a shared folder is not safe: its locks do not work reliably over the network and the database can be damaged. Keep the database on this computer's own disk (the default), and copy backups to the share instead."
	}
	switch {
	case strings.TrimSpace(path) == "":
		return "No database file was given; choose one with --db FILE."
	case strings.ContainsRune(path, 0):
		return "The database path contains a NUL character; " + choose
	case path == ":memory:" || strings.HasPrefix(path, ":memory:"):
		return "\":memory:\" is a database that lives only while the program runs and saves nothing; " + choose
	case len(path) >= 5 && strings.EqualFold(path[:5], "file:"):
		return "The database must be a plain file path, not a SQLite \"file:\" address (" + quoteShort(shown) + "); " + choose
	case strings.Contains(path, "?"):
		return "The database path contains \"?\", which SQLite would read as options; rename the file or " + choose
	}
	if windows {
		return ""
	}
	if strings.HasPrefix(path, "//") && !strings.HasPrefix(path, "///") {
		return "The database " + quoteShort(shown) + " looks like a network path (//host/path). SQLite over a network is not safe: its locks do not work reliably and the database can be damaged. Keep the database on this computer's own disk."
	}
	return ""
}

func quoteShort(s string) string { return "\"" + s + "\"" }

// lockShared opens the database file and takes Chairside's shared lock on
// it, so that a restore can see the database is in use. A restore holds
// the exclusive lock only while it swaps the files: Open waits for it up
// to the busy timeout. The returned FileInfo is the file locked, checked to
// still be the one at path (a restore may have swapped it meanwhile).
func lockShared(path string, o options) (*os.File, func(), os.FileInfo, error) {
	start := time.Now()
	for {
		f, err := os.Open(path)
		if err != nil {
			if errors.Is(err, os.ErrNotExist) && time.Since(start) < o.busyTimeout {
				time.Sleep(25 * time.Millisecond) // swapped by a restore this very moment
				continue
			}
			return nil, nil, nil, errorf(EREADONLY, err, "Cannot read the database file %s (no permission?); check the file's permissions or choose another file with --db FILE.", path)
		}
		locked, ok, lerr := tryLock(f, false)
		fi, serr := f.Stat()
		if serr != nil {
			f.Close()
			return nil, nil, nil, errorf(EREADONLY, serr, "Cannot read the database file %s; choose another file with --db FILE.", path)
		}
		if lerr != nil {
			// Some network and FUSE file systems have no such locks: the
			// database still works, but a restore cannot see it is in use.
			return f, nil, fi, nil
		}
		if ok {
			if cur, err := os.Stat(path); err == nil && os.SameFile(cur, fi) {
				return f, locked, fi, nil
			}
			locked()
			f.Close()
			continue
		}
		f.Close()
		if time.Since(start) > o.busyTimeout {
			return nil, nil, nil, errorf(ELOCKED, nil, "%s is being replaced by a restore in another Chairside window or command. Wait for it to finish, then try again. The file was not changed.", path)
		}
		time.Sleep(25 * time.Millisecond)
	}
}

// tightenModes narrows the database and its side files to the owner
// (clearing the group and other bits, so a read-only file stays
// read-only) and returns the names it changed. Only Unix has such modes;
// on Windows the file sits in the user's own profile folder.
func tightenModes(path string) []string {
	if runtime.GOOS == "windows" {
		return nil
	}
	var changed []string
	for _, suffix := range []string{"", "-wal", "-shm", "-journal"} {
		fi, err := os.Lstat(path + suffix)
		if err != nil || !fi.Mode().IsRegular() || fi.Mode().Perm()&0o077 == 0 {
			continue
		}
		if os.Chmod(path+suffix, fi.Mode().Perm()&^0o077) == nil {
			changed = append(changed, filepath.Base(path+suffix))
		}
	}
	return changed
}
