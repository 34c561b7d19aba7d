//go:build e2e && !(linux && (amd64 || arm64))

package main

// budgetColdFile leaves the page cache alone where the benchmark has no
// POSIX_FADV_DONTNEED call to make (it needs Xvfb and /proc, so it runs on
// Linux, and is measured on amd64).
func budgetColdFile(string) error { return nil }
