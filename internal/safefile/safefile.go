// Package safefile holds the few file-system checks that keep a clinic's
// records from being overwritten: whether two paths are one file, what
// kind of thing a path names, and creating a file that must not exist yet.
// The platform calls live in safefile_unix.go and safefile_windows.go, so
// that a Unix-only call cannot break the Windows build.
package safefile

import (
	"errors"
	"io/fs"
	"os"
	"syscall"
)

// NotExist reports whether err means that nothing is at a path: the path
// does not exist, or a part of it on the way is a file rather than a
// folder (ENOTDIR), so nothing can exist there either.
func NotExist(err error) bool {
	return errors.Is(err, fs.ErrNotExist) || errors.Is(err, syscall.ENOTDIR)
}

// Kind is what a path names, seen without following a final symbolic link.
type Kind int

const (
	// Missing: nothing at the path (a dangling link is a Link, not Missing).
	Missing Kind = iota
	// Regular: an ordinary file.
	Regular
	// Folder: a directory.
	Folder
	// Link: a symbolic link (or, on Windows, another reparse point that
	// redirects the name), whatever it points at.
	Link
	// Special: a device (/dev/null, NUL), a FIFO, a socket or anything else
	// that is not data on disk. Writing "over" one never replaces it.
	Special
)

// String names the kind in words a message can use: "a folder".
func (k Kind) String() string {
	switch k {
	case Missing:
		return "nothing"
	case Regular:
		return "a file"
	case Folder:
		return "a folder"
	case Link:
		return "a link"
	default:
		return "a device or other special file"
	}
}

// KindOf says what is at path without following a final link. An error
// other than "does not exist" (a folder on the way that cannot be read, for
// example) is returned as is.
func KindOf(path string) (Kind, error) {
	fi, err := os.Lstat(path)
	if NotExist(err) {
		return Missing, nil
	}
	if err != nil {
		return Missing, err
	}
	return kindOfMode(fi.Mode()), nil
}

func kindOfMode(m fs.FileMode) Kind {
	switch {
	case m.IsRegular():
		return Regular
	case m&fs.ModeSymlink != 0:
		return Link
	case m.IsDir():
		return Folder
	default:
		return Special
	}
}

// IsRegular reports whether path is an ordinary file, following links (a
// link to a file counts; a link to /dev/null does not). A missing path is
// not an error: it is simply not a regular file.
func IsRegular(path string) (bool, error) {
	fi, err := os.Stat(path)
	if NotExist(err) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	return fi.Mode().IsRegular(), nil
}

// SameFile reports whether a and b are one file on disk: the same device
// and inode on Unix, the same volume and file index on Windows, with links
// followed at every step. Two names for one file (a symbolic link, a hard
// link, "./x" and "x", a different case on a case-insensitive disk) are
// the same file; two copies with the same content are not. A path that
// does not exist is the same as nothing, without an error.
func SameFile(a, b string) (bool, error) {
	fa, err := os.Stat(a)
	if NotExist(err) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	fb, err := os.Stat(b)
	if NotExist(err) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	return os.SameFile(fa, fb), nil
}

// CreateExclusive creates a new, empty file at path and opens it for
// reading and writing. It never touches anything that is already there: if any entry
// exists at path (a file, a folder, a device, or a symbolic link, even one
// that points nowhere), it fails with an error for which
// errors.Is(err, fs.ErrExist) is true, and the existing entry is left as it
// was. A link at path is never followed, so a link planted where a backup
// is about to be written cannot redirect the backup elsewhere.
//
// Links in the folders leading to path are followed as usual: check the
// folder itself first (KindOf, SameFile) if it could be hostile.
//
// On Unix the file is opened with O_CREAT|O_EXCL|O_NOFOLLOW|O_CLOEXEC and
// then given exactly mode's permission bits (mode.Perm()), whatever the
// process umask; use 0o600 for anything that holds patient data. On
// Windows the file is created with CREATE_NEW and FILE_FLAG_OPEN_REPARSE_POINT
// (a symbolic link or junction at path counts as existing); Windows has no
// permission bits, so mode only decides the read-only attribute (set when
// mode has no owner-write bit): the file is private because it lives in the
// user's own profile folder.
//
// The caller writes, syncs and closes the file; on a failure after
// creation it removes the file itself. The error, a *fs.PathError, names
// path, which is a file name, never patient data, as long as the caller
// does not put patient data in file names.
func CreateExclusive(path string, mode fs.FileMode) (*os.File, error) {
	return createExclusive(path, mode)
}

// RenameNoReplace moves the file oldpath to newpath, in the same folder or
// on the same disk, only if nothing exists at newpath: otherwise it fails
// with an error for which errors.Is(err, fs.ErrExist) is true and leaves
// both names as they were. It is the last step of writing a file "complete
// or not at all" (write a temporary file beside the target, then move it)
// when an existing file must not be replaced.
//
// On Unix the file is hard-linked to newpath, which the system refuses
// atomically when the name is taken, and oldpath is then removed. On a
// disk without hard links (a FAT-formatted USB stick, some network
// shares) it checks that newpath is free and renames, which leaves a
// moment in which another program could create newpath first. On Windows
// it is MoveFileEx without MOVEFILE_REPLACE_EXISTING, which is atomic.
func RenameNoReplace(oldpath, newpath string) error {
	return renameNoReplace(oldpath, newpath)
}
