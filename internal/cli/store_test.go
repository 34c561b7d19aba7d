package cli

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"chairside/internal/store"
)

// dbArgs prefixes a command with --db pointing into a temp dir.
func dbArgs(path string, args ...string) []string {
	return append([]string{"--db", path}, args...)
}

func mustRun(t *testing.T, args ...string) string {
	t.Helper()
	code, out, errs := runCLI(t, args...)
	if code != 0 {
		t.Fatalf("%q: exit %d, stderr %q", args, code, errs)
	}
	return out
}

func TestPatientsAddAndList(t *testing.T) {
	db := filepath.Join(t.TempDir(), "c.db")
	if out := mustRun(t, dbArgs(db, "patients", "add", "--name", "Zoë Ångström", "--dob", "1980-05-17", "--lang", "es")...); out != "1\n" {
		t.Errorf("add printed %q, want the ID", out)
	}
	mustRun(t, dbArgs(db, "patients", "add", "--name", "Bob O'Brien")...)
	// --db after the subcommand works too.
	mustRun(t, "patients", "add", "--name", "Anna Smith", "--db", db)
	out := mustRun(t, dbArgs(db, "patients", "list")...)
	// Without --lang the language is not known: stored as "", not "en"
	// (handouts then follow the user's language).
	want := "3\tAnna Smith\t\t\n2\tBob O'Brien\t\t\n1\tZoë Ångström\t1980-05-17\tes\n"
	if out != want {
		t.Errorf("list:\n%s\nwant:\n%s", out, want)
	}
	if out := mustRun(t, dbArgs(db, "patients", "list", "--search", "zoe ang")...); out != "1\tZoë Ångström\t1980-05-17\tes\n" {
		t.Errorf("search: %q", out)
	}
	if out := mustRun(t, dbArgs(db, "patients", "list", "--search", "nobody")...); out != "" {
		t.Errorf("search with no match printed %q", out)
	}
}

func TestPatientsBadInput(t *testing.T) {
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"patients", "add"}, "Enter the patient's name"},
		{[]string{"patients", "add", "--name", "  "}, "Enter the patient's name"},
		{[]string{"patients", "add", "--name", "Ann", "--dob", "17/05/1980"}, "YYYY-MM-DD"},
		{[]string{"patients", "add", "--name", "Ann", "--dob", "2999-01-01"}, "in the future"},
		{[]string{"patients", "add", "--name", "Ann", "--dob", "1800-01-01"}, "before 1900"},
		{[]string{"patients", "add", "--name", strings.Repeat("x", 100000)}, "too long (100000 characters)"},
		{[]string{"patients", "add", "--name", "Ann", "--lang", "English"}, "code such as en"},
		{[]string{"patients", "add", "--name", "Ann", "extra"}, "unexpected argument after the flags (patients add takes only flags"},
		{[]string{"patients", "add", "--nam", "Ann"}, "unknown flag --nam"},
		{[]string{"patients", "list"}, "no database at"},
		{[]string{"patients", "list", "--limit", "-1"}, "--limit -1"},
		{[]string{"patients", "frobnicate"}, `unknown verb "frobnicate"`},
	}
	for _, c := range cases {
		db := filepath.Join(t.TempDir(), "c.db")
		code, out, errs := runCLI(t, dbArgs(db, c.args...)...)
		if code != ExitUsage || out != "" || !strings.Contains(errs, c.want) {
			t.Errorf("%q: exit %d, stdout %q, stderr %q; want exit 2 and %q", c.args, code, out, errs, c.want)
		}
		if _, err := os.Stat(db); !os.IsNotExist(err) {
			t.Errorf("%q: a database file was written", c.args)
		}
	}
}

func TestHandoutsNewListShow(t *testing.T) {
	db := filepath.Join(t.TempDir(), "c.db")
	mustRun(t, dbArgs(db, "patients", "add", "--name", "Ann Lee")...)
	out := mustRun(t, dbArgs(db, "handouts", "new", "--patient", "1", "--items", "disc:L4-L5, nerve:L5:left,topic:cracking-your-back,disc:l4-l5",
		"--mark", "disc:L4-L5=bulge", "--mark", "Nerve:L5:Left=Irritation", "--note", "Recheck in two weeks.", "--title", "Your lower back",
		"--stretches", "cat-cow", "--final")...)
	if out != "1\n" {
		t.Errorf("new printed %q, want the ID", out)
	}
	mustRun(t, dbArgs(db, "handouts", "new", "--patient", "1", "--items", "vertebra:L5")...)
	list := mustRun(t, dbArgs(db, "handouts", "list", "--patient", "1")...)
	lines := strings.Split(strings.TrimSpace(list), "\n")
	if len(lines) != 2 || !strings.Contains(lines[1], "\tfinal\trev 1\t3 items\tYour lower back") || !strings.HasPrefix(lines[0], "2\t") {
		t.Errorf("list:\n%s", list)
	}
	show := mustRun(t, dbArgs(db, "handouts", "show", "1")...)
	for _, want := range []string{"# Your lower back\n", "for patient 1 (Ann Lee)", "final, revision 1",
		"- L4–L5 disc: Disc bulge", "- left L5 nerve root: Irritation", "\n## The L4–L5 disc\n",
		"Notes from your clinician\n\nRecheck in two weeks.", "## Home care", "## Seek care right away if", "Sources: "} {
		if !strings.Contains(show, want) {
			t.Errorf("show lacks %q:\n%s", want, show)
		}
	}
	if strings.Count(show, "\n## The L4–L5 disc\n") != 1 {
		t.Error("a repeated item was printed twice")
	}
}

func TestHandoutsBadInput(t *testing.T) {
	db := filepath.Join(t.TempDir(), "c.db")
	mustRun(t, dbArgs(db, "patients", "add", "--name", "Ann Lee")...)
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"handouts", "new", "--items", "disc:L4-L5"}, "--patient: give an ID"},
		{[]string{"handouts", "new", "--patient", "x1", "--items", "disc:L4-L5"}, "an ID is a whole number"},
		{[]string{"handouts", "new", "--patient", "1"}, "--items: give at least one ID"},
		{[]string{"handouts", "new", "--patient", "9", "--items", "disc:L4-L5"}, "Patient 9 does not exist"},
		{[]string{"handouts", "new", "--patient", "1", "--items", "disc:L4-L5,vertebra:L6"}, "did you mean vertebra:L5"},
		{[]string{"handouts", "new", "--patient", "1", "--items", "disc:L4-L5", "--mark", "disc:L4-L5"}, "STRUCTURE=FINDING"},
		{[]string{"handouts", "new", "--patient", "1", "--items", "disc:L4-L5", "--mark", "disc:L4-L5=broken"}, "unknown finding"},
		{[]string{"handouts", "new", "--patient", "1", "--items", "disc:L4-L5", "--mark", "disc:L9-L10=bulge"}, "no such structure"},
		{[]string{"handouts", "new", "--patient", "1", "--items", "disc:L4-L5", "--stretches", "yoga"}, `unknown stretch "yoga"`},
		{[]string{"handouts", "new", "--patient", "1", "--items", "disc:L4-L5", "--exercises", "chin-tuck,yoga"}, `--exercises: `},
		{[]string{"handouts", "new", "--patient", "1", "--items", "disc:L4-L5", "--exercises", "bridge,exercise:bridge"}, `exercise:bridge is given twice`},
		{[]string{"handouts", "new", "--patient", "1", "--items", "disc:L4-L5", "--title", "a\x00b"}, "control character"},
		{[]string{"handouts", "list"}, "--patient: give an ID"},
		{[]string{"handouts", "list", "--patient", "7"}, "Patient 7 does not exist"},
		{[]string{"handouts", "show"}, "give one handout ID"},
		{[]string{"handouts", "show", "5"}, "Handout 5 does not exist"},
	}
	for _, c := range cases {
		code, out, errs := runCLI(t, dbArgs(db, c.args...)...)
		if code != ExitUsage || out != "" || !strings.Contains(errs, c.want) {
			t.Errorf("%q: exit %d, stdout %q, stderr %q; want exit 2 and %q", c.args, code, out, errs, c.want)
		}
	}
	s, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if rep, _ := s.Check(context.Background()); rep.Counts["handouts"] != 0 {
		t.Errorf("%d handouts written by refused commands", rep.Counts["handouts"])
	}
}

func TestBackupCheckRestore(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "c.db")
	mustRun(t, dbArgs(db, "patients", "add", "--name", "Ann Lee")...)
	mustRun(t, dbArgs(db, "handouts", "new", "--patient", "1", "--items", "disc:L4-L5")...)
	backup := filepath.Join(dir, "backup.db")
	if out := mustRun(t, dbArgs(db, "backup", "--out", backup)...); !strings.Contains(out, "Backed up") {
		t.Errorf("backup printed %q", out)
	}
	check := mustRun(t, dbArgs(db, "check")...)
	if check != "patients\t1\narchived patients\t0\nhandouts\t1\nhandout revisions\t1\nok\n" {
		t.Errorf("check printed:\n%s", check)
	}
	// The database is overwritten by something else: check and every
	// command refuse it with the way out, and leave it as it is.
	if err := os.WriteFile(db, []byte("not a database\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"check"}, {"patients", "list"}, {"patients", "add", "--name", "Bob"}} {
		code, _, errs := runCLI(t, dbArgs(db, args...)...)
		if code != ExitUsage || !strings.Contains(errs, "chairside restore FILE") {
			t.Errorf("%q on a damaged file: exit %d, stderr %q", args, code, errs)
		}
	}
	if b, _ := os.ReadFile(db); string(b) != "not a database\n" {
		t.Error("the damaged file was changed")
	}
	out := mustRun(t, dbArgs(db, "restore", backup)...)
	if !strings.Contains(out, "Restored") || !strings.Contains(out, "previous database is kept at "+db+".before-restore-") {
		t.Errorf("restore printed %q", out)
	}
	if out := mustRun(t, dbArgs(db, "patients", "list")...); out != "1\tAnn Lee\t\t\n" {
		t.Errorf("after restore: %q", out)
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"backup"}, "--out: give the backup file"},
		{[]string{"restore"}, "give one backup file"},
		{[]string{"restore", filepath.Join(dir, "nope.db")}, "Cannot read the backup"},
		{[]string{"check", "extra"}, "unexpected argument"},
	} {
		code, _, errs := runCLI(t, dbArgs(db, c.args...)...)
		if code != ExitUsage || !strings.Contains(errs, c.want) {
			t.Errorf("%q: exit %d, stderr %q, want %q", c.args, code, errs, c.want)
		}
	}
}

// A damaged database, whatever the damage, gets the way out on stderr and
// stays byte-for-byte as it was; restoring from a damaged backup changes
// nothing either.
func TestDamagedFilesUntouched(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.db")
	mustRun(t, dbArgs(good, "patients", "add", "--name", "Ann Lee")...)
	mustRun(t, dbArgs(good, "handouts", "new", "--patient", "1", "--items", "disc:L4-L5,nerve:L5:left")...)
	whole, err := os.ReadFile(good)
	if err != nil {
		t.Fatal(err)
	}
	random := make([]byte, 8192)
	for i := range random {
		random[i] = byte(i*7919 + i/13)
	}
	damaged := map[string][]byte{
		"random bytes": random,
		"truncated":    whole[:len(whole)/2+100],
		"a text file":  []byte("Dear Ann,\nyour appointment is on Monday.\n"),
		"bad header":   append([]byte("SQLite format 2\x00"), whole[16:]...),
	}
	for name, data := range damaged {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "c.db")
			if err := os.WriteFile(path, data, 0o600); err != nil {
				t.Fatal(err)
			}
			for _, args := range [][]string{{"check"}, {"patients", "list"}, {"patients", "add", "--name", "Bob"},
				{"handouts", "show", "1"}, {"handouts", "export", "1", "--out", filepath.Join(t.TempDir(), "h.pdf")},
				{"backup", "--out", filepath.Join(t.TempDir(), "b.db")}} {
				code, out, errs := runCLI(t, dbArgs(path, args...)...)
				if code != ExitUsage || out != "" || !strings.Contains(errs, "chairside restore FILE") || !strings.Contains(errs, "The file was not changed.") {
					t.Errorf("%q: exit %d, stdout %q, stderr %q", args, code, out, errs)
				}
			}
			if b, _ := os.ReadFile(path); string(b) != string(data) {
				t.Error("the damaged database was changed")
			}
			if entries, _ := os.ReadDir(filepath.Dir(path)); len(entries) != 1 {
				t.Errorf("%d files beside the damaged database, want none", len(entries)-1)
			}
			// The same damage in a backup: restore refuses, the database stays.
			target := filepath.Join(t.TempDir(), "target.db")
			if err := os.WriteFile(target, whole, 0o600); err != nil {
				t.Fatal(err)
			}
			code, out, errs := runCLI(t, dbArgs(target, "restore", path)...)
			if code != ExitUsage || out != "" || !strings.Contains(errs, "is damaged or is not a database; choose another backup") {
				t.Errorf("restore: exit %d, stdout %q, stderr %q", code, out, errs)
			}
			if b, _ := os.ReadFile(target); string(b) != string(whole) {
				t.Error("a refused restore changed the database")
			}
			if entries, _ := os.ReadDir(filepath.Dir(target)); len(entries) != 1 {
				t.Errorf("a refused restore left %d files", len(entries)-1)
			}
		})
	}
}

func TestBackupBadDestination(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "c.db")
	mustRun(t, dbArgs(db, "patients", "add", "--name", "Ann Lee")...)
	notes := filepath.Join(dir, "notes.txt")
	if err := os.WriteFile(notes, []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	folder := t.TempDir()
	for _, c := range []struct {
		out, want string
	}{
		{folder, "is a folder; give the backup a file name, e.g. " + filepath.Join(folder, "chairside-backup-")},
		{db, "--out is the database itself (" + db + "): writing there would destroy the clinic's records"},
		{filepath.Join(notes, "b.db"), "Cannot create the folder " + notes},
	} {
		code, out, errs := runCLI(t, dbArgs(db, "backup", "--out", c.out)...)
		if code != ExitUsage || out != "" || !strings.Contains(errs, c.want) {
			t.Errorf("backup --out %s: exit %d, stdout %q, stderr %q; want %q", c.out, code, out, errs, c.want)
		}
	}
	if entries, _ := os.ReadDir(folder); len(entries) != 0 {
		t.Errorf("a refused backup wrote %d files into the folder", len(entries))
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 2 {
		t.Errorf("%d files beside the database, want only it and notes.txt", len(entries))
	}
}

// check prints the counts and each problem it finds, then says the way
// out on stderr with exit status 2.
func TestCheckReportsProblems(t *testing.T) {
	db := filepath.Join(t.TempDir(), "c.db")
	mustRun(t, dbArgs(db, "patients", "add", "--name", "Ann Lee")...)
	mustRun(t, dbArgs(db, "handouts", "new", "--patient", "1", "--items", "disc:L4-L5")...)
	raw, err := sql.Open("sqlite3", db)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec("DELETE FROM handout_revisions"); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	code, out, errs := runCLI(t, dbArgs(db, "check")...)
	if code != ExitUsage {
		t.Errorf("exit %d, want %d", code, ExitUsage)
	}
	if want := "patients\t1\narchived patients\t0\nhandouts\t1\nhandout revisions\t0\nproblem\thandout 1: revision 1 is missing"; !strings.HasPrefix(out, want) {
		t.Errorf("stdout:\n%s\nwant it to start:\n%s", out, want)
	}
	if !strings.Contains(errs, db+" has 1 problem(s); restore a backup with 'chairside restore FILE' (automatic backups are in "+store.BackupDir(db)+")") ||
		strings.Count(errs, "\n") != 1 {
		t.Errorf("stderr %q", errs)
	}
}

// A database written by a newer Chairside is refused by every command and
// left exactly as it is.
func TestNewerDatabaseRefused(t *testing.T) {
	db := filepath.Join(t.TempDir(), "c.db")
	mustRun(t, dbArgs(db, "patients", "add", "--name", "Ann Lee")...)
	raw, err := sql.Open("sqlite3", db)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec(`CREATE TABLE future (x); INSERT INTO schema_migrations VALUES (99, '0099_future', 'x'); PRAGMA user_version = 99`); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	before, err := os.ReadFile(db)
	if err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"check"}, {"patients", "list"}, {"patients", "add", "--name", "Bob"}, {"backup", "--out", db + ".bak"}} {
		code, out, errs := runCLI(t, dbArgs(db, args...)...)
		if code != ExitUsage || out != "" || !strings.Contains(errs, "newer version of Chairside") {
			t.Errorf("%q: exit %d, stdout %q, stderr %q", args, code, out, errs)
		}
	}
	if after, _ := os.ReadFile(db); string(after) != string(before) {
		t.Error("the newer database was changed")
	}
	if entries, _ := os.ReadDir(filepath.Dir(db)); len(entries) != 1 {
		t.Errorf("%d files beside the refused database", len(entries)-1)
	}
}
