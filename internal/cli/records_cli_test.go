//go:build unix

package cli

import (
	"bytes"
	"net"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"chairside/internal/store"
)

// clinicFixture makes a database with one patient and one handout, and
// returns the database's path.
func clinicFixture(t *testing.T) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "clinic.db")
	mustChairside(t, "--db", db, "patients", "add", "--name", "Ann Lee", "--dob", "1980-05-17")
	mustChairside(t, "--db", db, "handouts", "new", "--patient", "1", "--items", "disc:L4-L5", "--note", "Walk daily.")
	return db
}

// fingerprint is what the database holds, as the command line shows it:
// its check (counts, ok) and its handout, to show that a refused command
// lost nothing.
func fingerprint(t *testing.T, db string) string {
	t.Helper()
	return mustChairside(t, "--db", db, "check") + mustChairside(t, "--db", db, "handouts", "show", "1")
}

// writers are the commands that write an --out file, as typed.
func writers(db, out string) map[string][]string {
	return map[string][]string{
		"export":          {"--db", db, "handouts", "export", "1", "--out", out},
		"render":          {"--db", db, "render", "--out", out},
		"render-exercise": {"--db", db, "render-exercise", "exercise:chin-tuck", "--out", out},
		"backup":          {"--db", db, "backup", "--out", out},
	}
}

// Issue 9 item 1: no command writes over a file of the open database,
// whatever name it is given by.
func TestCLINeverWritesOverTheDatabase(t *testing.T) {
	db := clinicFixture(t)
	dir := filepath.Dir(db)
	backups := store.BackupDir(db)
	if err := os.MkdirAll(backups, 0o700); err != nil {
		t.Fatal(err)
	}
	daily := filepath.Join(backups, "chairside-2026-11-24.db")
	mustChairside(t, "--db", db, "backup", "--out", filepath.Join(t.TempDir(), "b.db"))
	if err := os.WriteFile(daily, []byte("yesterday's backup"), 0o600); err != nil {
		t.Fatal(err)
	}
	// A restore keeps the current file aside: a file of this database too.
	good := filepath.Join(t.TempDir(), "good.db")
	mustChairside(t, "--db", db, "backup", "--out", good)
	mustChairside(t, "--db", db, "restore", good)
	aside, _ := filepath.Glob(store.BeforeRestorePrefix(db) + "*")
	if len(aside) == 0 {
		t.Fatal("restore kept no copy aside")
	}
	elsewhere := t.TempDir()
	link := filepath.Join(elsewhere, "handout.pdf")
	if err := os.Symlink(db, link); err != nil {
		t.Fatal(err)
	}
	hard := filepath.Join(elsewhere, "hard.pdf")
	if err := os.Link(db, hard); err != nil {
		t.Fatal(err)
	}
	linkedBackups := filepath.Join(elsewhere, "bk")
	if err := os.Symlink(backups, linkedBackups); err != nil {
		t.Fatal(err)
	}
	targets := []string{
		db, db + "-wal", db + "-shm", db + "-journal",
		filepath.Join(dir, ".", "clinic.db"),
		link, hard,
		daily, filepath.Join(backups, "new.pdf"), filepath.Join(linkedBackups, "new.pdf"),
		aside[0],
	}
	before := fingerprint(t, db)
	dailyBefore, _ := os.ReadFile(daily)
	asideBefore := fingerprint(t, aside[0])
	for i, target := range targets {
		for name, args := range writers(db, target) {
			for _, force := range []bool{false, true} {
				if force && i > 0 && target != daily {
					continue // --force changes nothing about it: shown on two
				}
				a := args
				if force {
					a = append(args[:len(args):len(args)], "--force")
				}
				code, out, errs := chairside(t, nil, a...)
				if code != ExitUsage || out != "" || !strings.Contains(errs, "would destroy the clinic's records") {
					t.Errorf("%s --out %s (force %v): exit %d, stdout %q, stderr %q; want exit 2 and a refusal",
						name, strings.TrimPrefix(target, dir), force, code, out, errs)
				}
			}
		}
	}
	if fingerprint(t, db) != before {
		t.Error("the database changed")
	}
	if b, _ := os.ReadFile(daily); !bytes.Equal(b, dailyBefore) {
		t.Error("a backup in the backups folder changed")
	}
	if fingerprint(t, aside[0]) != asideBefore {
		t.Error("the copy kept aside by the restore changed")
	}
	for _, side := range []string{"-journal"} {
		if _, err := os.Lstat(db + side); err == nil {
			t.Errorf("a refused command created %s", side)
		}
	}
	if entries, _ := os.ReadDir(backups); len(entries) != 1 {
		t.Errorf("the backups folder holds %d files, want 1", len(entries))
	}
	if !strings.Contains(before, "patients\t1\n") || !strings.Contains(before, "Walk daily.") {
		t.Errorf("the fixture is not what the test expects: %q", before)
	}
}

// Issue 9 item 2: an existing file is replaced only with --force, and a
// device, FIFO, socket, folder or link is never written over.
func TestCLIReplacesOnlyWithForce(t *testing.T) {
	db := clinicFixture(t)
	dir := t.TempDir()
	for name := range writers(db, "") {
		out := filepath.Join(dir, name+".out")
		if err := os.WriteFile(out, []byte("the clinic's letter"), 0o600); err != nil {
			t.Fatal(err)
		}
		code, stdout, errs := chairside(t, nil, writers(db, out)[name]...)
		if code != ExitUsage || stdout != "" || !strings.Contains(errs, "that file already exists; add --force to replace it") {
			t.Errorf("%s over an existing file: exit %d, stdout %q, stderr %q", name, code, stdout, errs)
		}
		if b, _ := os.ReadFile(out); string(b) != "the clinic's letter" {
			t.Errorf("%s replaced an existing file without --force", name)
		}
		code, _, errs = chairside(t, nil, append(writers(db, out)[name], "--force")...)
		if code != 0 {
			t.Errorf("%s --force: exit %d, stderr %q", name, code, errs)
		}
		if b, _ := os.ReadFile(out); string(b) == "the clinic's letter" || len(b) == 0 {
			t.Errorf("%s --force did not replace the file", name)
		}
	}

	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	sock := filepath.Join(dir, "sock")
	l, err := net.Listen("unix", sock)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	link := filepath.Join(dir, "link.pdf")
	if err := os.WriteFile(filepath.Join(dir, "real.pdf"), []byte("real"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(dir, "real.pdf"), link); err != nil {
		t.Fatal(err)
	}
	special := []string{fifo, sock, link}
	if os.Geteuid() == 0 {
		// Root could replace /dev/null itself; a device node of our own
		// stands in for it, so that a failing test cannot break the machine.
		null := filepath.Join(dir, "null")
		if err := syscall.Mknod(null, syscall.S_IFCHR|0o666, int(1<<8|3)); err == nil {
			special = append(special, null)
		}
	} else {
		special = append(special, os.DevNull, "/dev/full")
	}
	for _, target := range special {
		kind, _ := os.Lstat(target)
		for name, args := range writers(db, target) {
			code, out, errs := chairside(t, nil, append(args, "--force")...)
			if code != ExitUsage || out != "" || !strings.Contains(errs, "even with --force") {
				t.Errorf("%s --force --out %s: exit %d, stdout %q, stderr %q; want a refusal", name, filepath.Base(target), code, out, errs)
			}
			now, err := os.Lstat(target)
			if err != nil || now.Mode() != kind.Mode() || !os.SameFile(now, kind) {
				t.Errorf("%s replaced %s", name, filepath.Base(target))
			}
		}
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "real.pdf")); string(b) != "real" {
		t.Error("a file behind a link was written over")
	}
	if entries, _ := filepath.Glob(filepath.Join(dir, ".*")); len(entries) != 0 {
		t.Errorf("temporary files left behind: %v", entries)
	}
}

// Issue 9 item 3: exports of different handouts to one folder never share
// a name, and keep the patient's letters in any script.
func TestCLIDefaultNamesAreUniquePerHandout(t *testing.T) {
	db := filepath.Join(t.TempDir(), "clinic.db")
	for _, name := range []string{"Ann Lee", "Ann Lee", "Анна Иванова", "山田太郎", "محمد علي"} {
		mustChairside(t, "--db", db, "patients", "add", "--name", name)
	}
	for _, pid := range []string{"1", "1", "2", "3", "4", "5"} {
		mustChairside(t, "--db", db, "handouts", "new", "--patient", pid, "--items", "disc:L4-L5")
	}
	dir := t.TempDir()
	for _, id := range []string{"1", "2", "3", "4", "5", "6"} {
		mustChairside(t, "--db", db, "handouts", "export", id, "--out", dir)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 6 {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Fatalf("six exports left %d files: %q", len(entries), names)
	}
	for _, want := range []string{"Lee_Ann_", "Иванова_Анна_", "山田太郎_", "علي_محمد_"} {
		found := false
		for _, e := range entries {
			found = found || strings.HasPrefix(e.Name(), want)
		}
		if !found {
			t.Errorf("no export named %s…", want)
		}
	}
	// The same handout again: its name is taken, so --force is needed.
	code, _, errs := chairside(t, nil, "--db", db, "handouts", "export", "1", "--out", dir)
	if code != ExitUsage || !strings.Contains(errs, "add --force") || strings.Contains(errs, "Lee") {
		t.Errorf("exporting handout 1 twice: exit %d, stderr %q", code, errs)
	}
}

// Issue 9 item 8: --db and CHAIRSIDE_DB take plain file paths only; an
// empty one is an error, never the clinic's usual database.
func TestCLIDatabaseMustBeAPlainFile(t *testing.T) {
	for _, c := range []struct {
		env  []string
		db   []string
		want string
	}{
		{nil, []string{"--db", ""}, "--db is empty"},
		{nil, []string{"--db", " "}, "--db is empty"},
		{[]string{"CHAIRSIDE_DB="}, nil, "CHAIRSIDE_DB is set but empty"},
		{nil, []string{"--db", ":memory:"}, "a database in memory saves nothing"},
		{[]string{"CHAIRSIDE_DB=:memory:"}, nil, "CHAIRSIDE_DB \":memory:\": a database in memory saves nothing"},
		{nil, []string{"--db", "file:clinic.db"}, "not a SQLite file: address"},
		{nil, []string{"--db", "FILE:clinic.db?mode=memory"}, "not a SQLite file: address"},
		{nil, []string{"--db", "clinic.db?mode=memory&cache=shared"}, `cannot contain "?"`},
		{[]string{"CHAIRSIDE_DB=clinic.db?_journal=off"}, nil, `cannot contain "?"`},
		{nil, []string{"--db", "//server/share/clinic.db"}, "network share"},
		{nil, []string{"--db", `\\server\share\clinic.db`}, "network share"},
	} {
		for _, command := range [][]string{{"patients", "add", "--name", "Ann Lee"}, {"check"}, {"handouts", "list", "--patient", "1"}} {
			dir := t.TempDir()
			home := t.TempDir()
			env := append([]string{"HOME=" + home, "XDG_CONFIG_HOME=" + home}, c.env...)
			args := append(append([]string{}, c.db...), command...)
			code, out, errs := chairsideIn(t, dir, env, args...)
			if code != ExitUsage || out != "" || !strings.Contains(errs, c.want) || strings.Count(errs, "\n") != 1 {
				t.Errorf("%q %q: exit %d, stdout %q, stderr %q; want exit 2 and %q", c.env, args, code, out, errs, c.want)
			}
			// The same after the command.
			args = append(append([]string{}, command...), c.db...)
			if len(c.db) > 0 {
				if code, _, errs := chairsideIn(t, dir, env, args...); code != ExitUsage || !strings.Contains(errs, c.want) {
					t.Errorf("%q: exit %d, stderr %q; want exit 2 and %q", args, code, errs, c.want)
				}
			}
			for _, d := range []string{dir, home} {
				if entries, _ := os.ReadDir(d); len(entries) != 0 {
					t.Errorf("%q %q left %d files in %s", c.env, args, len(entries), d)
				}
			}
		}
	}
}

// Issue 9 item 14: a flag given twice is an error, and an error repeats
// at most a short, escaped piece of what was typed, never patient data.
func TestCLIRepeatedFlagsAndEchoes(t *testing.T) {
	db := clinicFixture(t)
	before := mustChairside(t, "--db", db, "handouts", "list", "--patient", "1")
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--db", db, "handouts", "new", "--patient", "1", "--patient", "2", "--items", "disc:L4-L5"}, "--patient is given twice"},
		{[]string{"--db", db, "handouts", "new", "--patient", "1", "--items", "disc:L4-L5", "--items", "disc:L5-S"}, "--items is given twice"},
		{[]string{"--db", db, "handouts", "new", "--patient", "1", "--items", "disc:L4-L5", "--note", "a", "--note", "b"}, "--note is given twice"},
		{[]string{"--db", db, "--db", db, "check"}, "--db is given twice"},
		{[]string{"--db", db, "check", "--db", db}, "--db is given twice, before and after the command"},
		{[]string{"--db", db, "handouts", "list", "--patient", "1", "extra", "--patient", "2"}, "--patient is given twice"},
		{[]string{"--db", db, "handouts", "export", "1", "--out", "a.pdf", "--force", "--force"}, "--force is given twice"},
	} {
		code, out, errs := chairside(t, nil, c.args...)
		if code != ExitUsage || out != "" || !strings.Contains(errs, c.want) {
			t.Errorf("%q: exit %d, stdout %q, stderr %q; want exit 2 and %q", c.args[2:], code, out, errs, c.want)
		}
	}
	if after := mustChairside(t, "--db", db, "handouts", "list", "--patient", "1"); after != before {
		t.Errorf("a refused command saved a handout:\n%s", after)
	}
	// --mark is meant to be repeated.
	mustChairside(t, "--db", db, "handouts", "new", "--patient", "1", "--items", "disc:L4-L5",
		"--mark", "disc:L4-L5=bulge", "--mark", "facet:L4-L5:left=irritation")

	hostile := "\x1b[2J\x1b]0;owned\x07" + strings.Repeat("A", 200)
	for _, c := range []struct {
		args   []string
		secret string
	}{
		{[]string{"--db", db, "handouts", "show", hostile}, ""},
		{[]string{"--db", db, hostile}, ""},
		{[]string{"--db", db, "handouts", hostile}, ""},
		{[]string{"--db", db, "render", "--view", hostile}, ""},
		{[]string{"--db", db, "render", "--" + hostile}, ""},
		{[]string{"--db", db, "handouts", "list", "--patient", hostile}, ""},
		{[]string{"--db", db, "patients", "add", "--name", "Ann Lee", "--nmae", "Ann Lee"}, "Ann Lee"},
		{[]string{"--db", db, "patients", "list", "--limit", "Ann Lee"}, "Ann Lee"},
		{[]string{"--db", db, "patients", "add", "--name", "Ann Lee", "--dob", "Ann Lee"}, "Ann Lee"},
		{[]string{"--db", db, "handouts", "new", "--patient", "1", "--items", "disc:L4-L5", "--final=Ann Lee"}, "Ann Lee"},
	} {
		code, _, errs := chairside(t, nil, c.args...)
		if code != ExitUsage {
			t.Errorf("%q: exit %d, want 2", c.args[2:], code)
		}
		if strings.ContainsAny(strings.TrimSuffix(errs, "\n"), "\x1b\x07\n") {
			t.Errorf("%q: raw control characters on stderr: %q", c.args[2:], errs)
		}
		if strings.Contains(errs, strings.Repeat("A", 30)) {
			t.Errorf("%q: stderr repeats a long piece of what was typed: %q", c.args[2:], errs)
		}
		if c.secret != "" && strings.Contains(errs, c.secret) {
			t.Errorf("%q: stderr repeats patient data: %q", c.args[2:], errs)
		}
	}
}

// Issue 9 item 14: handouts show prints control characters and terminal
// escapes in what was typed as visible escapes, not raw.
func TestCLIShowEscapesControlCharacters(t *testing.T) {
	db := filepath.Join(t.TempDir(), "clinic.db")
	mustChairside(t, "--db", db, "patients", "add", "--name", "Ann\u202e Lee")
	mustChairside(t, "--db", db, "handouts", "new", "--patient", "1", "--items", "disc:L4-L5",
		"--note", "Walk daily.\nThen rest.\x1b[2J\x1b]0;owned\x07\u202egpj.exe\u009b\b",
		"--title", "Back\u2066 pain")
	out := mustChairside(t, "--db", db, "handouts", "show", "1")
	for _, raw := range []string{"\x1b", "\x07", "\b", "\u202e", "\u009b"} {
		if strings.Contains(out, raw) {
			t.Errorf("show prints %q raw", raw)
		}
	}
	for _, want := range []string{
		"# Back\\u2066 pain\n",
		"(Ann\\u202e Lee)",
		"Walk daily.\nThen rest.\\x1b[2J\\x1b]0;owned\\x07\\u202egpj.exe\\x9b\\x08",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("show lacks %q:\n%s", want, out)
		}
	}
	if list := mustChairside(t, "--db", db, "patients", "list"); !strings.Contains(list, "Ann\\u202e Lee") {
		t.Errorf("patients list: %q", list)
	}
}
