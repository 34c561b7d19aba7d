package cli

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ledongthuc/pdf"
)

// exportFixture makes a database with one patient and one handout and
// returns the --db flag and the handout's ID.
func exportFixture(t *testing.T) (dbFlag []string, id string) {
	t.Helper()
	dbFlag = []string{"--db", filepath.Join(t.TempDir(), "chairside.db")}
	code, out, errs := runCLI(t, append(dbFlag, "patients", "add", "--name", "Zoë Łukasiewicz", "--dob", "1979-03-08")...)
	if code != 0 {
		t.Fatalf("patients add: exit %d: %s", code, errs)
	}
	pid := strings.TrimSpace(out)
	code, out, errs = runCLI(t, append(dbFlag, "handouts", "new", "--patient", pid, "--items", "disc:L4-L5,nerve:L5:left",
		"--mark", "disc:L4-L5=bulge", "--note", "Walk every day.", "--title", "Your low back")...)
	if code != 0 {
		t.Fatalf("handouts new: exit %d: %s", code, errs)
	}
	return dbFlag, strings.TrimSpace(out)
}

func TestHandoutsExport(t *testing.T) {
	dbFlag, id := exportFixture(t)
	dir := t.TempDir()
	for _, tt := range []struct {
		paper string
		w, h  float64
	}{{"", 612, 792}, {"a4", 595.28, 841.89}, {"LETTER", 612, 792}} {
		out := filepath.Join(dir, "handout-"+tt.paper+".pdf")
		args := append(append([]string{}, dbFlag...), "handouts", "export", id, "--out", out)
		if tt.paper != "" {
			args = append(args, "--paper", tt.paper)
		}
		code, stdout, errs := runCLI(t, args...)
		if code != 0 || errs != "" {
			t.Fatalf("export --paper %q: exit %d, stderr %q", tt.paper, code, errs)
		}
		if stdout != "Wrote "+out+"\n" {
			t.Errorf("stdout = %q", stdout)
		}
		data, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		r, err := pdf.NewReader(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			t.Fatalf("exported PDF does not open: %v", err)
		}
		// Two items with their key points fit on one page since a short
		// item cites only its key points' sources (issue 14); the text
		// checks below find both items on it.
		if r.NumPage() < 1 {
			t.Errorf("%d pages, want at least 1 (two items, diagram, red flags)", r.NumPage())
		}
		box := r.Page(1).V.Key("Parent").Key("MediaBox")
		if w, h := box.Index(2).Float64(), box.Index(3).Float64(); w != tt.w || h != tt.h {
			t.Errorf("--paper %q: page %gx%g, want %gx%g", tt.paper, w, h, tt.w, tt.h)
		}
		// An extra check of the text through poppler, where it is installed.
		if bin, err := exec.LookPath("pdftotext"); err == nil {
			txt, err := exec.Command(bin, out, "-").Output()
			if err != nil {
				t.Fatal(err)
			}
			for _, want := range []string{"Zoë Łukasiewicz", "Your low back", "When to seek care right away", "Page 1 of ",
				"The L4–L5 disc.", "The left L5 nerve root."} {
				if !strings.Contains(string(txt), want) {
					t.Errorf("PDF text lacks %q", want)
				}
			}
		}
	}
}

func TestHandoutsExportToFolder(t *testing.T) {
	dbFlag, id := exportFixture(t)
	dir := t.TempDir()
	code, stdout, errs := runCLI(t, append(dbFlag, "handouts", "export", id, "--out", dir)...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 || !strings.HasPrefix(entries[0].Name(), "Łukasiewicz_Zoë_") || !strings.HasSuffix(entries[0].Name(), "_handout-"+id+".pdf") {
		t.Fatalf("folder holds %v, want one Łukasiewicz_Zoë_YYYY-MM-DD_handout-%s.pdf", entries, id)
	}
	if want := "Wrote " + filepath.Join(dir, entries[0].Name()) + "\n"; stdout != want {
		t.Errorf("stdout %q, want %q", stdout, want)
	}
}

func TestHandoutsExportErrors(t *testing.T) {
	dbFlag, id := exportFixture(t)
	dir := t.TempDir()
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"unknown handout", []string{"999", "--out", filepath.Join(dir, "a.pdf")}, "999"},
		{"missing folder", []string{id, "--out", filepath.Join(dir, "no", "such", "a.pdf")}, "does not exist"},
		{"bad paper", []string{id, "--out", filepath.Join(dir, "a.pdf"), "--paper", "legal"}, "use letter or a4"},
		{"no --out", []string{id}, "--out"},
		{"no ID", []string{"--out", filepath.Join(dir, "a.pdf")}, "give one handout ID"},
		{"bad ID", []string{"twelve", "--out", filepath.Join(dir, "a.pdf")}, "whole number"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, errs := runCLI(t, append(append(append([]string{}, dbFlag...), "handouts", "export"), tt.args...)...)
			if code != ExitUsage {
				t.Errorf("exit %d, want %d", code, ExitUsage)
			}
			if !strings.Contains(errs, tt.want) || !strings.HasPrefix(errs, "chairside handouts export: ") {
				t.Errorf("stderr %q, want a message containing %q", errs, tt.want)
			}
			if stdout != "" {
				t.Errorf("stdout %q, want nothing", stdout)
			}
		})
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("failed exports left %d files behind", len(entries))
	}
	code, _, errs := runCLI(t, "--db", filepath.Join(dir, "none.db"), "handouts", "export", "1", "--out", filepath.Join(dir, "a.pdf"))
	if code != ExitUsage || !strings.Contains(errs, "no database") {
		t.Errorf("missing database: exit %d, stderr %q", code, errs)
	}
	if _, err := os.Stat(filepath.Join(dir, "none.db")); err == nil {
		t.Errorf("export created a database")
	}
}

// A folder that cannot take the PDF gets a clear message, exit status 2
// and no file, partial or temporary.
func TestHandoutsExportUnwritable(t *testing.T) {
	dbFlag, id := exportFixture(t)
	dir := t.TempDir()
	notes := filepath.Join(dir, "notes.txt")
	if err := os.WriteFile(notes, []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	cases := []struct{ out, want string }{
		{filepath.Join(notes, "h.pdf"), "cannot save the PDF: " + notes + " is not a folder"},
	}
	// Permissions do not stop root; a read-only folder is tested as a user.
	if os.Geteuid() != 0 {
		ro := filepath.Join(dir, "read-only")
		if err := os.Mkdir(ro, 0o500); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { os.Chmod(ro, 0o700) })
		cases = append(cases, struct{ out, want string }{filepath.Join(ro, "h.pdf"), "this folder cannot be written to; choose another folder"})
	}
	for _, c := range cases {
		code, out, errs := runCLI(t, append(append([]string{}, dbFlag...), "handouts", "export", id, "--out", c.out)...)
		if code != ExitUsage || out != "" || !strings.Contains(errs, c.want) {
			t.Errorf("--out %s: exit %d, stdout %q, stderr %q; want %q", c.out, code, out, errs, c.want)
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != len(cases) {
		t.Errorf("%d entries in the folder, want only the %d set up", len(entries), len(cases))
	}
}

// With --out FOLDER the file name is made of the patient's name; when that
// file cannot be written, stderr names the folder, not the patient.
func TestHandoutsExportToFolderErrorHidesName(t *testing.T) {
	dbFlag, id := exportFixture(t)
	dir := t.TempDir()
	code, _, errs := runCLI(t, append(append([]string{}, dbFlag...), "handouts", "export", id, "--out", dir)...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Fatalf("folder holds %d files", len(entries))
	}
	// A folder where the PDF should go makes the second export fail.
	blocker := filepath.Join(dir, entries[0].Name())
	if err := os.Remove(blocker); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(blocker, "keep"), 0o700); err != nil {
		t.Fatal(err)
	}
	code, out, errs := runCLI(t, append(append([]string{}, dbFlag...), "handouts", "export", id, "--out", dir)...)
	if code != ExitUsage || out != "" || !strings.Contains(errs, "cannot save the PDF as "+filepath.Join(dir, "[the usual file name]")) {
		t.Errorf("exit %d, stdout %q, stderr %q", code, out, errs)
	}
	for _, secret := range []string{"Lukasiewicz", "Zoe", "Zoë", "Łukasiewicz"} {
		if strings.Contains(errs, secret) {
			t.Errorf("stderr names the patient (%q): %q", secret, errs)
		}
	}
}
