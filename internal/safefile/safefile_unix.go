//go:build unix

package safefile

import (
	"errors"
	"io/fs"
	"os"

	"golang.org/x/sys/unix"
)

func createExclusive(path string, mode fs.FileMode) (*os.File, error) {
	// O_EXCL already refuses a link at the last step; O_NOFOLLOW says so
	// twice, for systems and file systems that are loose about it.
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL|unix.O_NOFOLLOW|unix.O_CLOEXEC, mode.Perm())
	if err != nil {
		return nil, err
	}
	// The umask may have taken bits away (or a caller asked for fewer than
	// it leaves): set exactly what was asked, on the open file.
	if err := f.Chmod(mode.Perm()); err != nil {
		f.Close()
		os.Remove(path)
		return nil, err
	}
	return f, nil
}

func renameNoReplace(oldpath, newpath string) error {
	err := os.Link(oldpath, newpath)
	if err == nil {
		return os.Remove(oldpath)
	}
	var le *os.LinkError
	if !errors.As(err, &le) {
		return err
	}
	// (ENOTSUP and EOPNOTSUPP are one number on Linux, two on macOS.)
	noLinks := false
	for _, e := range []unix.Errno{unix.EPERM, unix.ENOTSUP, unix.EOPNOTSUPP, unix.EMLINK, unix.ENOSYS} {
		noLinks = noLinks || le.Err == e
	}
	if noLinks {
		// No hard links here: check, then rename.
		if _, err := os.Lstat(newpath); err == nil {
			return &os.LinkError{Op: "rename", Old: oldpath, New: newpath, Err: fs.ErrExist}
		} else if !errors.Is(err, fs.ErrNotExist) {
			return err
		}
		return os.Rename(oldpath, newpath)
	}
	return err
}
