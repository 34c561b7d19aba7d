//go:build windows

package store

import (
	"errors"
	"os"

	"golang.org/x/sys/windows"
)

// ownedByUser: on Windows a folder created in the user's profile belongs
// to them and its ACL closes it to other users; Unix owners and modes do
// not apply, so there is nothing more to check here.
func ownedByUser(os.FileInfo) bool { return true }

func isReadOnlyFS(err error) bool { return errors.Is(err, windows.ERROR_WRITE_PROTECT) }

func isDiskFull(err error) bool {
	return errors.Is(err, windows.ERROR_DISK_FULL) || errors.Is(err, windows.ERROR_HANDLE_DISK_FULL)
}
