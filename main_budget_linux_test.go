//go:build e2e && linux && (amd64 || arm64)

package main

import (
	"os"
	"syscall"
)

// budgetColdFile drops the program file's pages from the page cache
// (written back first, then POSIX_FADV_DONTNEED), so the next start loads
// it from disk as on a clinic's computer after a restart. A file just
// written by the linker sits in the cache in folios of up to 2 MB, and
// Linux 6.x maps a whole such folio into a program that touches one byte
// of it: the just-built binary would count almost all its size in RSS
// (Chairside's 51 MB file 8 MB more than when loaded from disk, the
// minimal program's 36 MB file 2 MB more), which measures the linker,
// not the program.
func budgetColdFile(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	if err := f.Sync(); err != nil {
		return err
	}
	const fadvDontNeed = 4 // POSIX_FADV_DONTNEED
	if _, _, errno := syscall.Syscall6(syscall.SYS_FADVISE64, f.Fd(), 0, 0, fadvDontNeed, 0, 0); errno != 0 {
		return errno
	}
	return nil
}
