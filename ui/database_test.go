package ui

import (
	"bytes"
	"context"
	"crypto/rand"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"chairside/internal/store"
)

// openTestDB opens a fresh database in a temporary folder, closed when
// the test ends.
func openTestDB(t *testing.T) *store.DB {
	t.Helper()
	db, err := store.Open(filepath.Join(t.TempDir(), "chairside.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// newTestStartup is Run's startup on the test driver; the window is built
// as Run builds it.
func newTestStartup(t *testing.T) (*startup, fyne.Window, *syncBuffer) {
	t.Helper()
	fa := test.NewTempApp(t)
	w := test.NewTempWindow(t, nil)
	var trace syncBuffer
	s := newStartup(fa, w, newTracer(&trace), func(db *store.DB) (*App, error) {
		return newApp(fa, w, testLibrary(t), Options{}, db, &trace), nil
	})
	t.Cleanup(s.close)
	return s, w, &trace
}

// syncBuffer collects trace lines from the UI and from background jobs
// (the startup and the window each have a tracer).
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// labels is the text of every label in the window, in tree order.
func labels(obj fyne.CanvasObject) []string {
	var out []string
	for _, o := range walk(obj) {
		if l, ok := o.(*widget.Label); ok {
			out = append(out, l.Text)
		}
	}
	return out
}

// buttons is the text of every button in the window.
func buttons(obj fyne.CanvasObject) []string {
	var out []string
	for _, o := range walk(obj) {
		if b, ok := o.(*widget.Button); ok {
			out = append(out, b.Text)
		}
	}
	return out
}

func findButton(t *testing.T, obj fyne.CanvasObject, text string) *widget.Button {
	t.Helper()
	for _, o := range walk(obj) {
		if b, ok := o.(*widget.Button); ok && b.Text == text {
			return b
		}
	}
	t.Fatalf("no button %q among %q", text, buttons(obj))
	return nil
}

// walk lists every object under obj, looking inside containers and the
// widgets' renderers (forms, scrolls, tabs).
func walk(obj fyne.CanvasObject) []fyne.CanvasObject {
	out := []fyne.CanvasObject{obj}
	switch o := obj.(type) {
	case *fyne.Container:
		for _, c := range o.Objects {
			out = append(out, walk(c)...)
		}
	case fyne.Widget:
		if _, isLabel := o.(*widget.Label); isLabel {
			return out
		}
		for _, c := range test.WidgetRenderer(o).Objects() {
			out = append(out, walk(c)...)
		}
	}
	return out
}

func TestOpenHealthyDatabaseBuildsWindow(t *testing.T) {
	s, w, trace := newTestStartup(t)
	path := filepath.Join(t.TempDir(), "clinic.db")
	if err := s.open(path); err != nil {
		t.Fatal(err)
	}
	if s.app == nil || s.app.DB() == nil || s.app.DB().Path() != path {
		t.Fatalf("the main window should hold the database at %s", path)
	}
	if s.problem != nil {
		t.Error("no problem screen expected for a healthy database")
	}
	if w.Content() == nil {
		t.Fatal("window has no content")
	}
	if !strings.Contains(trace.String(), "trace: database opened "+path) {
		t.Errorf("trace = %q, want the database opened", trace.String())
	}
	s.close()
	if s.app.DB() != nil {
		t.Error("the database should be closed with the window")
	}
}

func TestBadDatabaseShowsProblemScreenAndStaysUnchanged(t *testing.T) {
	random := make([]byte, 64*1024)
	rand.Read(random)
	truncatedSQLite := append([]byte("SQLite format 3\x00"), bytes.Repeat([]byte{0x10, 0}, 50)...)
	cases := []struct {
		name    string
		content []byte
		heading string
	}{
		{"random bytes", random, "damaged"},
		{"text file", []byte("Dear patient,\nthis is a letter, not a database.\n"), "damaged"},
		{"truncated header", truncatedSQLite, "damaged"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s, w, trace := newTestStartup(t)
			path := filepath.Join(t.TempDir(), "chairside.db")
			if err := os.WriteFile(path, c.content, 0o600); err != nil {
				t.Fatal(err)
			}
			if err := s.open(path); err != nil {
				t.Fatalf("open returned %v; a bad database should show the problem screen, not fail", err)
			}
			if s.app != nil {
				t.Fatal("the main window was built on a bad database")
			}
			if s.problem == nil || w.Content() != s.problem.root {
				t.Fatal("the problem screen is not shown")
			}
			text := strings.Join(labels(w.Content()), "\n")
			if !strings.Contains(text, c.heading) {
				t.Errorf("screen text %q does not say the file is %s", text, c.heading)
			}
			if !strings.Contains(text, "not changed") {
				t.Errorf("screen text %q does not say the file was not changed", text)
			}
			for _, want := range []string{"Choose another database…", "Start a new database…", "Quit"} {
				findButton(t, w.Content(), want)
			}
			if !strings.Contains(trace.String(), "database refused ECORRUPT") {
				t.Errorf("trace = %q", trace.String())
			}
			got, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, c.content) {
				t.Error("the refused database file was changed")
			}
			entries, _ := os.ReadDir(filepath.Dir(path))
			if len(entries) != 1 {
				t.Errorf("files beside the refused database: %v, want none", entries)
			}
		})
	}
}

func TestProblemScreenRetryOpensAnotherFile(t *testing.T) {
	s, w, _ := newTestStartup(t)
	bad := filepath.Join(t.TempDir(), "bad.db")
	os.WriteFile(bad, []byte("not a database"), 0o600)
	if err := s.open(bad); err != nil {
		t.Fatal(err)
	}
	other := filepath.Join(t.TempDir(), "other.db")
	s.retry(other)
	if s.app == nil || s.app.DB().Path() != other {
		t.Fatal("choosing another database should open it and build the window")
	}
	notes := strings.Join(s.app.notices(), "\n")
	if !strings.Contains(notes, "--db") || !strings.Contains(notes, other) {
		t.Errorf("notices %q should say how to use %s every time", notes, other)
	}
	if w.Content() == nil {
		t.Fatal("no window content")
	}
}

func TestLockedDatabaseOffersTryAgain(t *testing.T) {
	s, w, _ := newTestStartup(t)
	s.showProblem("/tmp/x.db", &store.Error{Code: store.ELOCKED, Message: "locked by another program"})
	findButton(t, w.Content(), "Try again")
	if h := problemHeading(&store.Error{Code: store.ENEWER}); !strings.Contains(h, "newer") {
		t.Errorf("heading for ENEWER = %q", h)
	}
}

func TestSavePath(t *testing.T) {
	cases := []struct {
		name, ext, want, err string
	}{
		{"Nunez_Jose_handout.pdf", ".pdf", "/d/Nunez_Jose_handout.pdf", ""},
		{"handout", ".pdf", "/d/handout.pdf", ""},
		{"  handout.PDF ", ".pdf", "/d/handout.PDF", ""},
		{"", ".pdf", "", "enter a file name"},
		{"..", ".pdf", "", "enter a file name"},
		{"../etc/x.pdf", ".pdf", "", "cannot contain"},
	}
	for _, c := range cases {
		got, err := savePath("/d", c.name, c.ext)
		if c.err != "" {
			if err == nil || !strings.Contains(err.Error(), c.err) {
				t.Errorf("savePath(%q) error = %v, want %q", c.name, err, c.err)
			}
			continue
		}
		if err != nil || got != c.want {
			t.Errorf("savePath(%q) = %q, %v; want %q", c.name, got, err, c.want)
		}
	}
}

func TestAutomaticBackupFailureIsANotice(t *testing.T) {
	a, trace := newTestApp(t)
	// A file where the backups folder should be: the backup cannot be made.
	dir := store.BackupDir(a.DB().Path())
	if err := os.WriteFile(dir, []byte("in the way"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := a.DB().AutoBackup(context.Background(), dir, store.DefaultKeep)
	if err == nil {
		t.Fatal("AutoBackup into a file should fail")
	}
	a.autoBackupFailed(dir, err)
	notes := strings.Join(a.notices(), " ")
	if !strings.Contains(notes, "automatic backup did not work") || !strings.Contains(notes, "Back up now") {
		t.Errorf("notices %q", notes)
	}
	if a.win.Canvas().Overlays().Top() != nil {
		t.Error("a background failure must not open a modal dialog")
	}
	if !strings.Contains(trace.String(), "automatic backup failed") {
		t.Errorf("trace %q", trace.String())
	}
}

func TestDamageFoundAfterOpenReturnsToProblemScreen(t *testing.T) {
	s, w, trace := newTestStartup(t)
	path := filepath.Join(t.TempDir(), "chairside.db")
	if err := s.open(path); err != nil {
		t.Fatal(err)
	}
	a := s.app
	db := a.DB()
	a.damaged(db, &store.Error{Code: store.ECORRUPT, Message: path + " is damaged: the database failed its integrity check. Restore a backup."})
	if a.DB() != nil || s.app != nil {
		t.Error("the damaged database should be closed and the window given up")
	}
	if s.problem == nil || w.Content() != s.problem.root {
		t.Fatal("the problem screen is not shown")
	}
	if text := strings.Join(labels(w.Content()), " "); !strings.Contains(text, "failed its integrity check") {
		t.Errorf("screen %q", text)
	}
	if !strings.Contains(trace.String(), "trace: database damaged "+path) {
		t.Errorf("trace %q", trace.String())
	}
}

// Issue 9 item 5: a database file replaced underneath the open window (a
// restore from the command line, a copy over it) stops the window saving
// into the moved copy, and a notice says so.
func TestReplacedFileIsANotice(t *testing.T) {
	s, _, trace := newTestStartup(t)
	path := filepath.Join(t.TempDir(), "chairside.db")
	if err := s.open(path); err != nil {
		t.Fatal(err)
	}
	a := s.app
	if err := os.Rename(path, path+".moved"); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(20 * time.Second)
	for !strings.Contains(trace.String(), "trace: database file replaced "+path) {
		if time.Now().After(deadline) {
			t.Fatalf("no notice within 20 s; trace %q", trace.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
	var notes string
	fyne.DoAndWait(func() {
		notes = strings.Join(a.notices(), " ")
	})
	if !strings.Contains(notes, "nothing more is saved") || !strings.Contains(notes, "start it again") {
		t.Errorf("notices %q", notes)
	}
	err := a.DB().CreatePatient(context.Background(), &store.Patient{Name: "Lost Save"})
	if store.ErrorCode(err) != store.EMOVED {
		t.Errorf("save after the file was replaced: %v, want EMOVED", err)
	}
}

// Issue 9 items 11 and 13: what opening found is said once, in a notice: a
// file narrowed to its owner, a read-only database that can only be read.
func TestOpenNoticesModesAndReadOnly(t *testing.T) {
	s, _, _ := newTestStartup(t)
	path := filepath.Join(t.TempDir(), "chairside.db")
	db, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	os.Chmod(path, 0o644)
	if err := s.open(path); err != nil {
		t.Fatal(err)
	}
	if notes := strings.Join(s.app.notices(), " "); !strings.Contains(notes, "readable only by you") {
		t.Errorf("notices %q", notes)
	}
	s.app.closeDatabase()

	s2, _, _ := newTestStartup(t)
	if os.Geteuid() == 0 {
		if out, err := exec.Command("chattr", "+i", path).CombinedOutput(); err != nil {
			t.Skipf("cannot make the file read-only as root: %v %s", err, out)
		}
		t.Cleanup(func() { exec.Command("chattr", "-i", path).Run() })
	} else {
		os.Chmod(path, 0o400)
	}
	if err := s2.open(path); err != nil {
		t.Fatal(err)
	}
	if s2.app == nil {
		t.Fatal("a read-only database should open for reading, not the problem screen")
	}
	if notes := strings.Join(s2.app.notices(), " "); !strings.Contains(notes, "is read-only") || !strings.Contains(notes, "nothing can be saved") {
		t.Errorf("notices %q", notes)
	}
}

// A database file moved underneath stops the automatic backups without a
// notice of their own: the file watcher says what happened, once (two
// notices for one cause, and the backup's sending the clinician to Back up
// now, which the store refuses too). Before, the backup either copied the
// moved file or failed with a second notice, on its own goroutine at the
// same moment as the watcher's.
func TestMovedFileStopsTheBackupsQuietly(t *testing.T) {
	s, _, trace := newTestStartup(t)
	path := filepath.Join(t.TempDir(), "chairside.db")
	if err := s.open(path); err != nil {
		t.Fatal(err)
	}
	a := s.app
	if err := os.Rename(path, path+".moved"); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "backups")
	if a.autoBackup(context.Background(), a.DB(), dir) {
		t.Error("the backups go on for a file that was moved away")
	}
	if entries, _ := os.ReadDir(dir); len(entries) > 0 {
		t.Errorf("a backup was made of the moved file: %v", entries)
	}
	var notes []string
	fyne.DoAndWait(func() { notes = a.notices() })
	for _, n := range notes {
		if strings.Contains(n, "automatic backup did not work") {
			t.Errorf("a backup notice for the moved file: %q", n)
		}
	}
	if !strings.Contains(trace.String(), "automatic backups stopped: database file replaced") {
		t.Errorf("trace %q", trace.String())
	}
}
