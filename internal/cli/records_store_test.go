package cli

import (
	"context"
	"database/sql"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"chairside/internal/store"
)

// clinicDB makes a database with n patients and one handout, through the
// command line, and a backup of it holding the same.
func clinicDB(t *testing.T, n int) (db, backup string) {
	t.Helper()
	dir := t.TempDir()
	db = filepath.Join(dir, "clinic.db")
	for range n {
		mustChairside(t, dbArgs(db, "patients", "add", "--name", "Ann Lee")...)
	}
	mustChairside(t, dbArgs(db, "handouts", "new", "--patient", "1", "--items", "disc:L4-L5")...)
	backup = filepath.Join(t.TempDir(), "backup.db")
	mustChairside(t, dbArgs(db, "backup", "--out", backup)...)
	return db, backup
}

func fileBytes(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func keptCopies(path string) []string {
	m, _ := filepath.Glob(path + ".before-restore-*")
	return m
}

// Issue 9 item 5: restore refuses while another Chairside process (here,
// this test process, standing in for the open app) has the database open.
func TestRestoreRefusedWhileChairsideIsOpen(t *testing.T) {
	db, backup := clinicDB(t, 2)
	app, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	before := fileBytes(t, db)
	code, out, errs := chairside(t, nil, dbArgs(db, "restore", backup)...)
	if code != ExitUsage || !strings.Contains(errs, "Close Chairside first") || strings.Contains(out, "Restored") {
		t.Errorf("restore while open: exit %d, stdout %q, stderr %q", code, out, errs)
	}
	if fileBytes(t, db) != before || len(keptCopies(db)) != 0 {
		t.Error("a refused restore changed or moved the database")
	}
	// The app goes on saving into the one file.
	if err := app.CreatePatient(context.Background(), &store.Patient{Name: "Bob Stone"}); err != nil {
		t.Fatal(err)
	}
	app.Close()
	if out := mustChairside(t, dbArgs(db, "patients", "list")...); strings.Count(out, "\n") != 3 {
		t.Errorf("after the refused restore: %q", out)
	}
	mustChairside(t, dbArgs(db, "restore", backup)...)
}

// Items 4 and 6: restore says what the backup holds before replacing, and
// two restores in a row (the same second) keep both replaced databases.
func TestRestoreSaysWhatTheBackupHoldsAndKeepsEveryCopy(t *testing.T) {
	db, backup := clinicDB(t, 3)
	out := mustChairside(t, dbArgs(db, "restore", backup)...)
	first, rest, _ := strings.Cut(out, "\n")
	if !strings.HasPrefix(first, "Backup "+backup+": made ") || !strings.Contains(first, "3 patients, 1 handout.") || !strings.Contains(rest, "Restored") {
		t.Errorf("restore printed %q; want the summary first", out)
	}
	mustChairside(t, dbArgs(db, "restore", backup)...)
	kept := keptCopies(db)
	if len(kept) != 2 {
		t.Fatalf("kept copies %q, want two", kept)
	}
	for _, k := range kept {
		if out := mustChairside(t, dbArgs(k, "check")...); !strings.HasSuffix(out, "ok\n") {
			t.Errorf("kept copy %s: %q", filepath.Base(k), out)
		}
	}
}

func sqlExec(t *testing.T, path, stmts string) {
	t.Helper()
	c, err := sql.Open("sqlite3", "file:"+path+"?_foreign_keys=off")
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if _, err := c.Exec(stmts); err != nil {
		t.Fatal(err)
	}
}

// Item 6: an empty SQLite file from any program, handouts of missing
// patients and unreadable stored handouts are refused; nothing changes.
func TestRestoreRefusesWhatTheAppCannotUse(t *testing.T) {
	db, backup := clinicDB(t, 2)
	whole := fileBytes(t, backup)
	cases := map[string]struct {
		make func(path string)
		want string
	}{
		"empty SQLite file": {func(p string) { sqlExec(t, p, "CREATE TABLE t (x); DROP TABLE t;") }, "empty database"},
		"handout of no patient": {func(p string) {
			os.WriteFile(p, []byte(whole), 0o600)
			sqlExec(t, p, "DELETE FROM patient_words WHERE patient_id = 1; DELETE FROM patients WHERE id = 1")
		}, "missing patients row"},
		"unreadable handout": {func(p string) {
			os.WriteFile(p, []byte(whole), 0o600)
			sqlExec(t, p, "UPDATE handout_revisions SET snapshot = '[1,2'")
		}, "cannot be read"},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			bad := filepath.Join(t.TempDir(), "bad.db")
			c.make(bad)
			before := fileBytes(t, db)
			code, out, errs := chairside(t, nil, dbArgs(db, "restore", bad)...)
			if code != ExitUsage || out != "" || !strings.Contains(errs, c.want) || !strings.Contains(errs, "Nothing was changed") {
				t.Errorf("exit %d, stdout %q, stderr %q; want %q", code, out, errs, c.want)
			}
			if fileBytes(t, db) != before || len(keptCopies(db)) != 0 {
				t.Error("the database was touched")
			}
		})
	}
}

// Items 7, 8: --db takes plain file paths only; a broken link is one line
// and exit 2 at once (it used to recurse until the stack overflowed).
func TestDBPathsThatAreNotPlainFiles(t *testing.T) {
	dir := t.TempDir()
	dangling := filepath.Join(dir, "dangling.db")
	os.Symlink(filepath.Join(dir, "gone", "clinic.db"), dangling)
	loop := filepath.Join(dir, "loop.db")
	os.Symlink(loop, loop)
	for _, c := range []struct{ db, want string }{
		{dangling, "which does not exist"},
		{loop, "cannot be followed"},
		{":memory:", "saves nothing"},
		{"file:" + filepath.Join(dir, "x.db"), "file:"},
		{filepath.Join(dir, "x.db?mode=memory"), "\"?\""},
		{"//server/clinic/chairside.db", "network"},
	} {
		start := time.Now()
		code, out, errs := runCLI(t, dbArgs(c.db, "patients", "add", "--name", "Ann Lee")...)
		took := time.Since(start)
		if code != ExitUsage || out != "" || !strings.Contains(errs, c.want) || strings.Count(errs, "\n") != 1 || took > time.Second {
			t.Errorf("--db %q: exit %d in %v, stdout %q, stderr %q; want one line with %q within a second", c.db, code, took, out, errs, c.want)
		}
		// The same, run as a user would: the status and the one line.
		if code, _, errs := chairside(t, nil, dbArgs(c.db, "patients", "list")...); code != ExitUsage || strings.Count(errs, "\n") != 1 {
			t.Errorf("--db %q as a process: exit %d, stderr %q", c.db, code, errs)
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 2 {
		t.Errorf("%d entries in the folder, want the two links only", len(entries))
	}
}

// Item 9: an existing empty file is reported and left as it is.
func TestEmptyDatabaseFileLeftUntouched(t *testing.T) {
	db := filepath.Join(t.TempDir(), "clinic.db")
	os.WriteFile(db, nil, 0o600)
	for _, args := range [][]string{{"patients", "add", "--name", "Ann Lee"}, {"patients", "list"}, {"check"}} {
		code, out, errs := chairside(t, nil, dbArgs(db, args...)...)
		if code != ExitUsage || out != "" || !strings.Contains(errs, "empty file (0 bytes)") {
			t.Errorf("%q: exit %d, stdout %q, stderr %q", args, code, out, errs)
		}
	}
	if fi, err := os.Stat(db); err != nil || fi.Size() != 0 {
		t.Errorf("the empty file was changed: %v %v", fi, err)
	}
}

// Item 10: a -wal left from another database is found by the check after
// open: writes are refused, check reports the problems.
func TestStrayWALIsCaught(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.db"), filepath.Join(dir, "b.db")
	for range 40 {
		mustChairside(t, dbArgs(a, "patients", "add", "--name", "Ann Lee")...)
	}
	mustChairside(t, dbArgs(b, "patients", "add", "--name", "Bob Stone")...)
	other, err := store.Open(a)
	if err != nil {
		t.Fatal(err)
	}
	// Handouts for A's later patients, saved while A stays open, so that
	// they sit in its -wal: patients that B does not have.
	for id := 20; id <= 40; id++ {
		mustRun(t, dbArgs(a, "handouts", "new", "--patient", strconv.Itoa(id), "--items", "disc:L4-L5")...)
	}
	wal, err := os.ReadFile(a + "-wal")
	if err != nil || len(wal) == 0 {
		t.Fatalf("no -wal: %v", err)
	}
	os.WriteFile(b+"-wal", wal, 0o600)
	other.Close()
	code, _, errs := chairside(t, nil, dbArgs(b, "patients", "add", "--name", "Cy Young")...)
	if code != ExitUsage || !strings.Contains(errs, "damaged") {
		t.Errorf("write with a stray -wal: exit %d, stderr %q", code, errs)
	}
	code, out, _ := chairside(t, nil, dbArgs(b, "check")...)
	if code != ExitUsage || !strings.Contains(out, "problem\t") {
		t.Errorf("check with a stray -wal: exit %d, stdout %q", code, out)
	}
}

// Item 11: a database left 0644 is narrowed to 0600 on open, and said once,
// by whichever command opens it first.
func TestLooseModesNarrowedOnce(t *testing.T) {
	for _, first := range [][]string{{"patients", "list"}, {"check"}} {
		db, _ := clinicDB(t, 1)
		os.Chmod(db, 0o644)
		_, _, errs := chairside(t, nil, dbArgs(db, first...)...)
		if !strings.Contains(errs, "readable only by you") {
			t.Errorf("%q first: stderr %q", first, errs)
		}
		if fi, _ := os.Stat(db); fi.Mode().Perm() != 0o600 {
			t.Errorf("%q: mode %o, want 0600", first, fi.Mode().Perm())
		}
		if _, _, errs := chairside(t, nil, dbArgs(db, first...)...); errs != "" {
			t.Errorf("%q: second open says again: %q", first, errs)
		}
	}
}

// makeUnwritable makes a file or folder read-only, for root too (whom
// permissions do not stop) with the immutable attribute.
func makeUnwritable(t *testing.T, path string) {
	t.Helper()
	if os.Geteuid() != 0 {
		fi, _ := os.Stat(path)
		os.Chmod(path, fi.Mode().Perm()&^0o222)
		t.Cleanup(func() { os.Chmod(path, fi.Mode().Perm()) })
		return
	}
	if out, err := exec.Command("chattr", "+i", path).CombinedOutput(); err != nil {
		t.Skipf("cannot make %s read-only as root: %v %s", path, err, out)
	}
	t.Cleanup(func() { exec.Command("chattr", "-i", path).Run() })
}

// Item 13: on a read-only database the reading commands work (so the
// records can be rescued); only writes are refused.
func TestReadOnlyDatabaseCanBeRead(t *testing.T) {
	db, _ := clinicDB(t, 2)
	makeUnwritable(t, db)
	out := t.TempDir()
	for _, args := range [][]string{{"patients", "list"}, {"handouts", "list", "--patient", "1"}, {"handouts", "show", "1"},
		{"handouts", "export", "1", "--out", filepath.Join(out, "h.pdf")}, {"backup", "--out", filepath.Join(out, "b.db")}, {"check"}} {
		if code, _, errs := chairside(t, nil, dbArgs(db, args...)...); code != 0 {
			t.Errorf("%q on a read-only database: exit %d, stderr %q", args, code, errs)
		}
	}
	code, _, errs := chairside(t, nil, dbArgs(db, "patients", "add", "--name", "Cy Young")...)
	if code != ExitUsage || !strings.Contains(errs, "read-only") || !strings.Contains(errs, "writable") {
		t.Errorf("add on a read-only database: exit %d, stderr %q", code, errs)
	}
}

// Item 14: restore into a read-only folder names the folder and why.
func TestRestoreIntoReadOnlyFolder(t *testing.T) {
	db, backup := clinicDB(t, 1)
	makeUnwritable(t, filepath.Dir(db))
	code, _, errs := chairside(t, nil, dbArgs(db, "restore", backup)...)
	if code != ExitUsage || !strings.Contains(errs, "Cannot restore into "+filepath.Dir(db)) || !strings.Contains(errs, "folder itself must be writable") {
		t.Errorf("exit %d, stderr %q", code, errs)
	}
}

// Item 14: a probe file left by a killed process is cleaned up by the
// next command.
func TestLeftoverProbeCleanedUp(t *testing.T) {
	db, _ := clinicDB(t, 1)
	probe := filepath.Join(filepath.Dir(db), ".chairside-probe-4242-1")
	os.WriteFile(probe, nil, 0o600)
	old := time.Now().Add(-time.Hour)
	os.Chtimes(probe, old, old)
	mustChairside(t, dbArgs(db, "patients", "list")...)
	if _, err := os.Stat(probe); err == nil {
		t.Error("the old probe file is still there")
	}
}
