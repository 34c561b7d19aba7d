//go:build windows

package store

import (
	"errors"
	"os"

	"golang.org/x/sys/windows"
)

// lockOffset is the byte Chairside locks: far past any real database and
// past the bytes SQLite's Windows VFS locks (from 0x40000000), so the two
// never interfere and no read or write of the file ever touches it.
const lockOffsetHigh = 0x7fffffff

// tryLock takes Chairside's own lock on the open database file f, without
// waiting: shared for every process that uses the database, exclusive for
// a restore that is about to replace it. ok is false when another process
// (or another open of the file in this one) holds a lock that conflicts.
//
// On Windows this is LockFileEx on one byte at lockOffsetHigh<<32; the lock
// goes when unlock is called or the handle is closed.
func tryLock(f *os.File, exclusive bool) (unlock func(), ok bool, err error) {
	flags := uint32(windows.LOCKFILE_FAIL_IMMEDIATELY)
	if exclusive {
		flags |= windows.LOCKFILE_EXCLUSIVE_LOCK
	}
	h := windows.Handle(f.Fd())
	ol := &windows.Overlapped{OffsetHigh: lockOffsetHigh}
	err = windows.LockFileEx(h, flags, 0, 1, 0, ol)
	switch {
	case err == nil:
		return func() { windows.UnlockFileEx(h, 0, 1, 0, &windows.Overlapped{OffsetHigh: lockOffsetHigh}) }, true, nil
	case errors.Is(err, windows.ERROR_LOCK_VIOLATION), errors.Is(err, windows.ERROR_IO_PENDING):
		return nil, false, nil
	default:
		return nil, false, err
	}
}
