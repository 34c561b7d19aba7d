package cli

import (
	"errors"
	"flag"
	"fmt"

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
// (the open database, or the one a command would open), never something
// that is not an ordinary file (a device such as /dev/null, a FIFO, a
// socket, a link), even with --force, and an existing file only with
// --force. The messages name the problem, not the path: a file name can
// carry a patient's name. A folder is left to the caller, which knows what
// a folder means for its --out.
func checkOut(env *Env, path string, force bool) error {
	what, err := store.Owns(env.DBPath, path)
	if err != nil {
		return fmt.Errorf("--out: cannot tell whether that path belongs to the database (%s); choose another file. Nothing was written", pathProblem(err))
	}
	if what != "" {
		return fmt.Errorf("--out is %s (%s): writing there would destroy the clinic's records. Nothing was written; choose another file", what, env.DBPath)
	}
	kind, err := safefile.KindOf(path)
	if err != nil {
		return fmt.Errorf("--out: cannot look at that path (%s). Nothing was written", pathProblem(err))
	}
	switch kind {
	case safefile.Missing, safefile.Folder:
		return nil
	case safefile.Regular:
		if !force {
			return errExists
		}
		return nil
	case safefile.Link:
		return errors.New("--out is a link: give the path of the file itself (Chairside does not write through links, even with --force). Nothing was written")
	default:
		return fmt.Errorf("--out is %s, not an ordinary file: Chairside writes only ordinary files, even with --force. Nothing was written; choose a file name", kind)
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
