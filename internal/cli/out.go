package cli

import (
	"errors"
	"flag"
	"fmt"
	"os"

	"chairside/internal/safefile"
	"chairside/internal/store"
)

// errExists reports an --out file that is already there, without --force.
var errExists = errors.New("--out: that file already exists; add --force to replace it, or choose another name. Nothing was written")

// forceFlag adds --force to a command that writes an --out file.
func forceFlag(fs *flag.FlagSet) *bool {
	return fs.Bool("force", false, "replace the --out file if it exists (never the database, its backups or a device)")
}

// checkOut decides, before anything is written, whether a command may
// write its --out file at path: never one of the database's own files
// (the open database, or the one a command would open; on a clinic
// server, this computer's own database: see localDatabases), never
// something that is not an ordinary file (a device such as /dev/null, a
// FIFO, a socket, a link), even with --force, and an existing file only
// with --force. The messages name the problem, not the path: a file name
// can carry a patient's name. A folder is left to the caller, which knows
// what a folder means for its --out.
func checkOut(env *Env, path string, force bool) error {
	kind, err := checkTarget("--out", localDatabases(env.DBPath), path)
	if err != nil {
		return err
	}
	if kind == safefile.Regular && !force {
		return errExists
	}
	return nil
}

// localDatabases are the database files on this computer that a command
// run on db must never write over: db itself, or, when db is a clinic
// server (which has no file here), ownDatabases.
func localDatabases(db string) []string {
	if !store.IsServerAddress(db) {
		return []string{db}
	}
	return ownDatabases()
}

// ownDatabases are this computer's own database files: the one the app
// opens without --db, $CHAIRSIDE_DB when it names a file, and the usual
// one.
func ownDatabases() []string {
	out := []string{DefaultDBPath()}
	if v := os.Getenv("CHAIRSIDE_DB"); v != "" && !store.IsServerAddress(v) {
		out = append(out, v)
	}
	return out
}

// checkTarget refuses, before anything is written, a path given with flag
// that is one of the files of the databases dbs (store.Owns) or that is
// neither missing, a folder nor an ordinary file; it returns what is at
// path (safefile.Missing, Folder or Regular) for the caller to decide on.
func checkTarget(flag string, dbs []string, path string) (safefile.Kind, error) {
	for _, db := range dbs {
		what, err := store.Owns(db, path)
		if err != nil {
			return 0, fmt.Errorf("%s: cannot tell whether that path belongs to the database (%s); choose another file. Nothing was written", flag, pathProblem(err))
		}
		if what != "" {
			return 0, fmt.Errorf("%s is %s (%s): writing there would destroy the clinic's records. Nothing was written; choose another file", flag, what, db)
		}
	}
	kind, err := safefile.KindOf(path)
	if err != nil {
		return 0, fmt.Errorf("%s: cannot look at that path (%s). Nothing was written", flag, pathProblem(err))
	}
	switch kind {
	case safefile.Missing, safefile.Folder, safefile.Regular:
		return kind, nil
	case safefile.Link:
		return 0, fmt.Errorf("%s is a link: give the path of the file itself (Chairside does not write through links, even with --force). Nothing was written", flag)
	default:
		return 0, fmt.Errorf("%s is %s, not an ordinary file: Chairside writes only ordinary files, even with --force. Nothing was written; choose a file name", flag, kind)
	}
}

// pathProblem says what went wrong with a path in a few words, without the
// path itself: the innermost error, such as "too many levels of symbolic
// links" or "permission denied".
func pathProblem(err error) string {
	for u := errors.Unwrap(err); u != nil; u = errors.Unwrap(err) {
		err = u
	}
	return err.Error()
}
