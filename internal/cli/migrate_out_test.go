package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"chairside/internal/store"
)

// localClinic is a database file with its backups folder (one daily
// backup in it), as the app leaves them.
type localClinic struct{ db, backups, daily string }

func newLocalClinic(t *testing.T, db string) localClinic {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(db), 0o700); err != nil {
		t.Fatal(err)
	}
	mustRun(t, "--db", db, "patients", "add", "--name", "Ann Lee", "--dob", "1980-05-17")
	mustRun(t, "--db", db, "handouts", "new", "--patient", "1", "--items", "disc:L4-L5", "--note", "Walk daily.")
	c := localClinic{db: db, backups: store.BackupDir(db)}
	c.daily = filepath.Join(c.backups, "chairside-2026-11-24.db")
	if err := os.MkdirAll(c.backups, 0o700); err != nil {
		t.Fatal(err)
	}
	// A command writes nothing into the backups folder: the app's daily
	// backup is made elsewhere and put there.
	made := filepath.Join(t.TempDir(), "daily.db")
	mustRun(t, "--db", db, "backup", "--out", made)
	if err := os.Rename(made, c.daily); err != nil {
		t.Fatal(err)
	}
	return c
}

// targets are the names that are this clinic's files: the database, its
// side files (not there while nothing has it open), its backups folder, a
// backup in it and a new name in it.
func (c localClinic) targets() []string {
	return append(store.SideFiles(c.db), c.backups, c.daily, filepath.Join(c.backups, "copy.db"))
}

// state is what the clinic's files hold, as the command line shows them,
// and which files exist beside the database and in its backups folder.
func (c localClinic) state(t *testing.T) string {
	t.Helper()
	s := mustRun(t, "--db", c.db, "check") + mustRun(t, "--db", c.db, "handouts", "show", "1") +
		mustRun(t, "--db", c.daily, "check")
	for _, dir := range []string{filepath.Dir(c.db), c.backups} {
		entries, err := os.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			s += "\n" + e.Name()
		}
	}
	return s
}

// `chairside migrate` and `backup --out` from a server database write
// database files of their own. Neither writes over a database on this
// computer, by any of its names: the database migrate copies from, and
// this computer's own database (the one the app opens without --db, the
// one a server's backup could otherwise be written over, even with
// --force), their -wal, -shm and -journal, their backups folders and
// anything in them. An existing file is replaced only by backup with
// --force (migrate never replaces one), and a folder is refused, with a
// message saying so; nothing changes. The commands run in this process
// (cli.Main), as the records tests' in-process runs do: some sixty of
// them as separate programs would take minutes on a busy machine.
func TestMigrateAndServerBackupNeverWriteOverADatabase(t *testing.T) {
	home := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", home) // DefaultDBPath: the commands run in this process
	own := newLocalClinic(t, DefaultDBPath())
	source := newLocalClinic(t, filepath.Join(t.TempDir(), "clinic.db"))
	other := filepath.Join(t.TempDir(), "letter.db")
	if err := os.WriteFile(other, []byte("the clinic's letter"), 0o600); err != nil {
		t.Fatal(err)
	}
	folder := t.TempDir()
	ownBefore, sourceBefore := own.state(t), source.state(t)

	type run struct {
		name string
		args []string
	}
	var runs []run
	for _, to := range append(source.targets(), own.targets()...) {
		runs = append(runs, run{"migrate --to " + to, []string{"migrate", "--from", source.db, "--to", to}})
	}
	server := os.Getenv("CHAIRSIDE_TEST_POSTGRES")
	if server != "" {
		addr := serverForTest(t)
		mustRun(t, "migrate", "--from", source.db, "--to", addr)
		for _, to := range own.targets() {
			runs = append(runs,
				run{"migrate from the server --to " + to, []string{"migrate", "--from", addr, "--to", to}},
				run{"backup --out " + to, []string{"--db", addr, "backup", "--out", to}},
				run{"backup --force --out " + to, []string{"--db", addr, "backup", "--out", to, "--force"}})
		}
		defer func() {
			// The refused commands left the server as it was.
			if got := mustRun(t, "--db", addr, "check"); !strings.Contains(got, "patients\t1\n") || !strings.Contains(got, "handouts\t1\n") {
				t.Errorf("the server after the refused commands: %q", got)
			}
		}()
	}
	for _, r := range runs {
		code, out, errs := runCLI(t, r.args...)
		if code != ExitUsage || out != "" || !strings.Contains(errs, "would destroy the clinic's records") {
			t.Errorf("%s: exit %d, stdout %q, stderr %q; want exit 2 and a refusal", r.name, code, out, errs)
		}
	}

	refusals := []struct {
		name string
		args []string
		want string
	}{
		{"migrate --to an existing file", []string{"migrate", "--from", source.db, "--to", other}, "--to: that file exists"},
		{"migrate --to a folder", []string{"migrate", "--from", source.db, "--to", folder}, "--to is a folder"},
	}
	if server != "" {
		addr := serverForTest(t)
		refusals = append(refusals,
			struct {
				name string
				args []string
				want string
			}{"backup from the server --out an existing file", []string{"--db", addr, "backup", "--out", other}, "--out: that file already exists; add --force"},
			struct {
				name string
				args []string
				want string
			}{"backup from the server --out a folder", []string{"--db", addr, "backup", "--out", folder}, "is a folder"},
		)
	} else {
		t.Log("CHAIRSIDE_TEST_POSTGRES is not set: migrate from a server and backup from a server are not run")
	}
	for _, r := range refusals {
		code, out, errs := runCLI(t, r.args...)
		if code != ExitUsage || out != "" || !strings.Contains(errs, r.want) {
			t.Errorf("%s: exit %d, stdout %q, stderr %q; want exit 2 saying %q", r.name, code, out, errs, r.want)
		}
	}
	if b, _ := os.ReadFile(other); string(b) != "the clinic's letter" {
		t.Error("an existing file was replaced")
	}
	if entries, _ := os.ReadDir(folder); len(entries) != 0 {
		t.Errorf("the folder holds %d files, want none", len(entries))
	}
	if got := own.state(t); got != ownBefore {
		t.Errorf("this computer's own database changed:\n%s\nwant\n%s", got, ownBefore)
	}
	if got := source.state(t); got != sourceBefore {
		t.Errorf("the database migrate copies from changed:\n%s\nwant\n%s", got, sourceBefore)
	}
}
