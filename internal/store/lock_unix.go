//go:build !windows

package store

import (
	"errors"
	"os"

	"golang.org/x/sys/unix"
)

// tryLock takes Chairside's own lock on the open database file f, without
// waiting: shared for every process that uses the database, exclusive for
// a restore that is about to replace it. ok is false when another process
// (or another open of the file in this one) holds a lock that conflicts.
//
// On Unix this is flock(2), which is independent of the fcntl(2) byte
// locks SQLite takes on the same file, so the two never interfere. The
// lock goes when unlock is called or f is closed.
func tryLock(f *os.File, exclusive bool) (unlock func(), ok bool, err error) {
	how := unix.LOCK_SH
	if exclusive {
		how = unix.LOCK_EX
	}
	fd := int(f.Fd())
	for {
		err = unix.Flock(fd, how|unix.LOCK_NB)
		if !errors.Is(err, unix.EINTR) {
			break
		}
	}
	switch {
	case err == nil:
		return func() { unix.Flock(fd, unix.LOCK_UN) }, true, nil
	case errors.Is(err, unix.EWOULDBLOCK):
		return nil, false, nil
	default:
		return nil, false, err
	}
}
