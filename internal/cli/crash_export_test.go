//go:build unix

package cli

import (
	"bytes"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// Issue 9's kill -9 test, for exports: an export killed at any moment
// leaves the PDF a reader finds either absent or the earlier complete copy
// (never half a file), and the database it read unchanged. With --force the
// earlier copy must survive until the new one is complete.
func TestCLICrashDuringExport(t *testing.T) {
	if testing.Short() {
		t.Skip("kills real export processes; skipped with -short")
	}
	db := clinicFixture(t)
	before := fingerprint(t, db)
	dir := t.TempDir()
	out := filepath.Join(dir, "handout.pdf")

	// How long one export takes here, so the kills land across its whole run.
	start := time.Now()
	mustChairside(t, "--db", db, "handouts", "export", "1", "--out", out)
	whole := time.Since(start)
	first, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	requireWholePDF(t, "the first export", first)

	const rounds = 12
	completed := 0
	for i := range rounds {
		cmd := exec.Command(chairsideBinary(t), "--db", db, "handouts", "export", "1", "--out", out, "--force")
		home := t.TempDir()
		cmd.Env = []string{"HOME=" + home, "XDG_CONFIG_HOME=" + home, "LANG=C.UTF-8", "PATH=" + os.Getenv("PATH")}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(rand.Int64N(int64(whole) + 1)))
		if err := cmd.Process.Signal(syscall.SIGKILL); err != nil && !strings.Contains(err.Error(), "finished") {
			t.Fatalf("round %d: kill: %v", i, err)
		}
		if err := cmd.Wait(); err == nil {
			completed++
		}
		got, err := os.ReadFile(out)
		if err != nil {
			t.Fatalf("round %d: the earlier PDF is gone after a killed export: %v", i, err)
		}
		requireWholePDF(t, "after a killed export", got)
	}
	if after := fingerprint(t, db); after != before {
		t.Errorf("the database changed under killed exports:\nbefore %s\nafter %s", before, after)
	}
	t.Logf("%d exports killed at random moments over %v, %d finished first; the PDF was whole every time", rounds-completed, whole, completed)
}

// requireWholePDF fails unless b is a complete PDF file: its header, and the
// end-of-file marker that a writer cut short never reaches.
func requireWholePDF(t *testing.T, what string, b []byte) {
	t.Helper()
	if !bytes.HasPrefix(b, []byte("%PDF-")) || !bytes.HasSuffix(bytes.TrimRight(b, "\r\n"), []byte("%%EOF")) {
		t.Fatalf("%s: the PDF is not whole (%d bytes)", what, len(b))
	}
}
