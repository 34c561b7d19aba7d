package cli

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

func TestHelp(t *testing.T) {
	for _, args := range [][]string{{"help"}, {"--help"}, {"-h"}} {
		code, out, errs := runCLI(t, args...)
		if code != 0 || errs != "" {
			t.Errorf("%q: exit %d, stderr %q; want exit 0 and help on stdout", args, code, errs)
		}
		for name := range commands {
			if !strings.Contains(out, "\n  "+name+" ") {
				t.Errorf("%q: the list lacks %s:\n%s", args, name, out)
			}
		}
		for _, want := range []string{"Usage: chairside [--db FILE]", "\n  --db FILE ", "Examples:", "chairside help COMMAND", "exit status 2"} {
			if !strings.Contains(out, want) {
				t.Errorf("%q: help lacks %q:\n%s", args, want, out)
			}
		}
	}
}

// allCommands lists every command and verb as typed: "render",
// "handouts export" …, with whether it opens the database.
func allCommands() map[string]Command {
	all := map[string]Command{}
	for n, c := range commands {
		if n != "patients" && n != "handouts" && n != "clinic" {
			all[n] = c
		}
	}
	for n, c := range patientsVerbs {
		all["patients "+n] = c
	}
	for n, c := range handoutsVerbs {
		all["handouts "+n] = c
	}
	for n, c := range clinicVerbs {
		all["clinic "+n] = c
	}
	return all
}

func TestCommandHelp(t *testing.T) {
	all := allCommands()
	if len(all) != 19 {
		t.Errorf("%d commands and verbs, want 19", len(all))
	}
	names := make([]string, 0, len(all))
	for n := range all {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, name := range names {
		c := all[name]
		words := strings.Fields(name)
		for _, args := range [][]string{append(words[:len(words):len(words)], "--help"), append([]string{"help"}, words...), append(words[:len(words):len(words)], "-h")} {
			code, out, errs := runCLI(t, args...)
			if code != 0 || errs != "" {
				t.Errorf("%q: exit %d, stderr %q; want exit 0, help on stdout", args, code, errs)
				continue
			}
			if !strings.HasPrefix(out, "Usage: chairside "+name) || !strings.Contains(out, c.Summary[1:]+".\n") {
				t.Errorf("%q: help does not start with the usage line and summary:\n%s", args, out)
			}
			if strings.Contains(out, "\n  -") && !strings.Contains(out, "\n  --") {
				t.Errorf("%q: flags shown with one dash:\n%s", args, out)
			}
			if got := strings.Contains(out, "\n  --db FILE"); got != c.DB {
				t.Errorf("%q: --db listed %v, want %v (the command opens the database: %v)", args, got, c.DB, c.DB)
			}
		}
	}
	// A group lists its verbs on stdout when asked, on stderr (exit 2)
	// when the verb is missing.
	code, out, errs := runCLI(t, "handouts", "--help")
	if code != 0 || errs != "" || !strings.Contains(out, "  export   write a handout as a PDF") {
		t.Errorf("handouts --help: exit %d, stdout %q, stderr %q", code, out, errs)
	}
	code, out, errs = runCLI(t, "handouts")
	if code != ExitUsage || out != "" || !strings.Contains(errs, "  new      make a handout") ||
		!strings.HasSuffix(errs, "chairside handouts: missing verb: one of export, list, new, show\n") {
		t.Errorf("handouts: exit %d, stdout %q, stderr %q", code, out, errs)
	}
	for _, args := range [][]string{{"help", "nosuch"}, {"help", "patients", "nosuch"}} {
		if code, out, errs := runCLI(t, args...); code != ExitUsage || out != "" || !strings.Contains(errs, `"nosuch"`) {
			t.Errorf("%q: exit %d, stdout %q, stderr %q", args, code, out, errs)
		}
	}
}

// Every error is one line on stderr, named after the command as typed,
// with exit status 2 and nothing on stdout: no usage dump, no message
// printed twice.
func TestErrorsAreOneLine(t *testing.T) {
	db := filepath.Join(t.TempDir(), "c.db")
	mustRun(t, dbArgs(db, "patients", "add", "--name", "Ann Lee")...)
	out := filepath.Join(t.TempDir(), "x")
	cases := []struct {
		args   []string
		prefix string
	}{
		{[]string{"--nosuch"}, "chairside: unknown flag --nosuch (run 'chairside --help' for its flags)"},
		{[]string{"--trace=maybe"}, "chairside: --trace \"maybe\": write --trace alone, or --trace=false"},
		{[]string{"nosuch"}, `chairside: unknown command "nosuch"`},
		{[]string{"structures", "--x"}, "chairside structures: unknown flag --x"},
		{[]string{"render", "--width", "x", "--out", out}, "chairside render: --width \"x\": not a whole number"},
		{[]string{"explain", "--lang"}, "chairside explain: --lang needs a value after it"},
		{[]string{"search", "neck", "--limit", "many"}, "chairside search: --limit \"many\": not a whole number"},
		{[]string{"topics", "-x"}, "chairside topics: unknown flag --x"},
		{[]string{"patients", "add", "--name"}, "chairside patients add: --name needs a value after it"},
		// patients commands carry patient data: their values are not repeated.
		{[]string{"patients", "list", "--archived=perhaps"}, "chairside patients list: --archived: write --archived alone, or --archived=false"},
		{[]string{"patients", "nosuch"}, `chairside patients: unknown verb "nosuch"`},
		{[]string{"handouts", "new", "--patient", "1", "--items", "disc:L4-L5", "--mark", "disc:L4-L5=broken"}, `chairside handouts new: --mark: "disc:L4-L5=broken": unknown finding "broken"`},
		{[]string{"handouts", "new", "--patient", "1", "--items", "disc:L4-L5", "--mark", "vertebra:L6=pain"}, `chairside handouts new: --mark: "vertebra:L6": no such structure; did you mean vertebra:L5?`},
		{[]string{"handouts", "list", "--patient"}, "chairside handouts list: --patient needs a value after it"},
		{[]string{"handouts", "show", "1", "--x"}, "chairside handouts show: unknown flag --x"},
		{[]string{"handouts", "export", "1", "--paper"}, "chairside handouts export: --paper needs a value after it"},
		{[]string{"backup", "--out"}, "chairside backup: --out needs a value after it"},
		{[]string{"restore", "--force", "x.db"}, "chairside restore: unknown flag --force"},
		{[]string{"check", "--quick"}, "chairside check: unknown flag --quick"},
	}
	for _, c := range cases {
		code, stdout, errs := runCLI(t, dbArgs(db, c.args...)...)
		if code != ExitUsage || stdout != "" || !strings.HasPrefix(errs, c.prefix) || strings.Count(errs, "\n") != 1 {
			t.Errorf("%q: exit %d, stdout %q, stderr %q; want exit 2 and one line starting %q", c.args, code, stdout, errs, c.prefix)
		}
	}
}

// An explicit empty --db (a script's unset variable) must not fall
// through to the clinic's real database.
func TestEmptyDBFlagRefused(t *testing.T) {
	home := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", home)
	t.Setenv("HOME", home)
	t.Setenv("CHAIRSIDE_DB", "")
	for _, args := range [][]string{
		{"--db", "", "patients", "add", "--name", "Ann"},
		{"--db=", "check"},
		{"patients", "add", "--name", "Ann", "--db", " "},
	} {
		code, out, errs := runCLI(t, args...)
		if code != ExitUsage || out != "" || !strings.Contains(errs, "give the database file, e.g. --db ~/chairside.db") {
			t.Errorf("%q: exit %d, stdout %q, stderr %q", args, code, out, errs)
		}
	}
	if _, err := os.Stat(DefaultDBPath()); !os.IsNotExist(err) {
		t.Errorf("the default database was created: %v", err)
	}
	// CHAIRSIDE_DB still picks the database when --db is not given.
	env := filepath.Join(t.TempDir(), "env.db")
	t.Setenv("CHAIRSIDE_DB", env)
	mustRun(t, "patients", "add", "--name", "Ann")
	if _, err := os.Stat(env); err != nil {
		t.Errorf("CHAIRSIDE_DB was not used: %v", err)
	}
}

// What a clinician types about a patient goes to the database and to
// stdout, never to stderr, even in an error.
func TestNoPatientDataOnStderr(t *testing.T) {
	db := filepath.Join(t.TempDir(), "c.db")
	mustRun(t, dbArgs(db, "patients", "add", "--name", "Ann Lee")...)
	cases := []struct {
		args   []string
		secret string
		want   string
	}{
		// A name typed without quotes leaves its second word stray.
		{[]string{"patients", "add", "--name", "José", "Núñez"}, "Núñez", "put quotes around a value with spaces"},
		{[]string{"patients", "add", "--name", "Ann", "--dob", "1970-02-30"}, "1970-02-30", "month has no such day"},
		{[]string{"patients", "add", "--name", "Ann", "--dob", "30/02/1970"}, "30/02/1970", "YYYY-MM-DD"},
		{[]string{"patients", "list", "--search", "Ann", "Lee"}, "Lee", "unexpected argument after the flags"},
		{[]string{"handouts", "new", "--patient", "1", "--items", "disc:L4-L5", "--note", "Lost", "her", "job"}, "job", "unexpected argument after the flags"},
	}
	for _, c := range cases {
		code, out, errs := runCLI(t, dbArgs(db, c.args...)...)
		if code != ExitUsage || out != "" || !strings.Contains(errs, c.want) {
			t.Errorf("%q: exit %d, stdout %q, stderr %q; want exit 2 and %q", c.args, code, out, errs, c.want)
		}
		if strings.Contains(errs, c.secret) {
			t.Errorf("%q: stderr repeats %q: %q", c.args, c.secret, errs)
		}
	}
}

// The database, its backups and exported handouts hold health data: 0600.
func TestFilesArePrivate(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "new", "c.db")
	mustRun(t, dbArgs(db, "patients", "add", "--name", "Ann Lee")...)
	mustRun(t, dbArgs(db, "handouts", "new", "--patient", "1", "--items", "disc:L4-L5")...)
	backup := filepath.Join(dir, "b.db")
	mustRun(t, dbArgs(db, "backup", "--out", backup)...)
	pdf := filepath.Join(dir, "h.pdf")
	mustRun(t, dbArgs(db, "handouts", "export", "1", "--out", pdf)...)
	restored := filepath.Join(dir, "r.db")
	mustRun(t, dbArgs(restored, "restore", backup)...)
	for _, p := range []string{db, backup, pdf, restored} {
		fi, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if fi.Mode().Perm() != 0o600 {
			t.Errorf("%s: mode %o, want 600", filepath.Base(p), fi.Mode().Perm())
		}
	}
	if fi, _ := os.Stat(filepath.Dir(db)); fi.Mode().Perm() != 0o700 {
		t.Errorf("database folder mode %o, want 700", fi.Mode().Perm())
	}
}
