package ui

import (
	"context"
	"database/sql"
	"fmt"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"chairside/internal/store"
)

// waitTrace waits until the trace holds want, or fails the test.
func waitTrace(t *testing.T, trace interface{ String() string }, want string) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for !strings.Contains(trace.String(), want) {
		if time.Now().After(deadline) {
			t.Fatalf("no %q in the trace within 30 s; trace %q", want, trace.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// shownButtons is the text of every button on show under obj.
func shownButtons(obj fyne.CanvasObject) []string {
	var out []string
	for _, o := range walk(obj) {
		if b, ok := o.(*widget.Button); ok && b.Visible() {
			out = append(out, b.Text)
		}
	}
	return out
}

// inForeground makes d's background work run on the test's goroutine:
// Fyne's test driver runs fyne.Do where it is called, so work finished on
// another goroutine would draw while the test draws.
func inForeground(d *dataScreen) {
	d.background = func(_ string, work func() error, done func(error)) { done(work()) }
}

// closedPort is a TCP port on this computer that nothing listens on.
func closedPort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	return port
}

// fillServerForm types s into the form as a person would.
func fillServerForm(f *serverForm, s store.ServerSettings) {
	test.Type(f.host, s.Host)
	f.port.SetText("")
	if s.Port != 0 {
		test.Type(f.port, strconv.Itoa(s.Port))
	}
	test.Type(f.database, s.Database)
	test.Type(f.user, s.User)
	if s.PlainText {
		f.encryption.SetSelected(encryptionPlain())
	}
}

var serverDBSeq atomic.Int64

// freshServerDatabase makes an empty database on the test server
// (CHAIRSIDE_TEST_POSTGRES, set by scripts/pg-test-cluster; the test skips
// without it), dropped when t ends, and returns the form's settings for it.
func freshServerDatabase(t *testing.T) store.ServerSettings {
	t.Helper()
	base := os.Getenv("CHAIRSIDE_TEST_POSTGRES")
	if base == "" {
		t.Skip("CHAIRSIDE_TEST_POSTGRES is not set (no PostgreSQL test server: run the test through scripts/pg-test-cluster)")
	}
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	admin, err := sql.Open("pgx", base) // the driver the store registers
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { admin.Close() })
	name := fmt.Sprintf("ui_%d_%d", os.Getpid(), serverDBSeq.Add(1))
	if _, err := admin.Exec(`CREATE DATABASE "` + name + `"`); err != nil {
		t.Fatalf("making a database on the test server: %v", err)
	}
	t.Cleanup(func() {
		if _, err := admin.Exec(`DROP DATABASE "` + name + `" WITH (FORCE)`); err != nil {
			t.Errorf("dropping the test database: %v", err)
		}
	})
	s := store.ServerSettings{Host: u.Hostname(), Database: name, User: u.User.Username(), PlainText: u.Query().Get("sslmode") == "disable"}
	s.Port, _ = strconv.Atoi(u.Port())
	if h := u.Query().Get("host"); h != "" {
		s.Host = h
	}
	if p := u.Query().Get("port"); p != "" {
		s.Port, _ = strconv.Atoi(p)
	}
	return s
}

// The form refuses to test or use a server without its host or database,
// saying under each field what to give, and changes nothing.
func TestServerFormRefusesEmptyHostAndDatabase(t *testing.T) {
	a, trace := newTestApp(t)
	d := a.newDataScreen()
	f := d.server
	before := a.DB()
	test.Tap(f.test)
	if !strings.Contains(f.problem("Host"), "server's name or address") || !strings.Contains(f.problem("Database"), "name of the clinic's database") {
		t.Fatalf("problems: host %q, database %q", f.problem("Host"), f.problem("Database"))
	}
	if f.problem("Port") != "" {
		t.Errorf("the default port was refused: %q", f.problem("Port"))
	}
	test.Tap(f.use)
	if a.win.Canvas().Overlays().Top() != nil || a.DB() != before || strings.Contains(trace.String(), "server") {
		t.Fatalf("an incomplete form did something: overlay %v, trace %q", a.win.Canvas().Overlays().Top(), trace.String())
	}
	test.Type(f.host, "db.clinic.example")
	test.Type(f.database, "clinic")
	f.port.SetText("99999")
	test.Tap(f.test)
	if f.problem("Host") != "" || f.problem("Database") != "" || !strings.Contains(f.problem("Port"), "1 to 65535") {
		t.Fatalf("problems after filling in: host %q, database %q, port %q", f.problem("Host"), f.problem("Database"), f.problem("Port"))
	}
}

// Test connection against a port nothing listens on says the server
// cannot be reached, in the store's words, naming the address.
func TestServerTestConnectionUnreachable(t *testing.T) {
	a, _ := newTestApp(t)
	var trace syncBuffer
	a.trace = newTracer(&trace)
	d := a.newDataScreen()
	f := d.server
	port := closedPort(t)
	fillServerForm(f, store.ServerSettings{Host: "127.0.0.1", Port: port, Database: "clinic", User: "ann", PlainText: true})
	if !f.plainWarning.Visible() {
		t.Error("plain text chosen without the warning")
	}
	test.Tap(f.test)
	waitTrace(t, &trace, "server test failed EOFFLINE")
	var msg string
	fyne.DoAndWait(func() { msg = f.result.Text })
	want := "Cannot reach the database server at postgres://ann@127.0.0.1:" + strconv.Itoa(port) + "/clinic"
	if !strings.Contains(msg, want) {
		t.Fatalf("result %q, want %q", msg, want)
	}
}

// On a file the Data tab offers backups and restore, and the form points
// to chairside migrate with the file's own path.
func TestDataScreenOnAFile(t *testing.T) {
	a, _ := newTestApp(t)
	d := a.newDataScreen()
	if got := shownButtons(d.root); !slices.Contains(got, "Restore from backup…") || !slices.Contains(got, "Back up now…") || slices.Contains(got, "Use this computer's file") {
		t.Fatalf("buttons on a file: %q", got)
	}
	fillServerForm(d.server, store.ServerSettings{Host: "db.clinic.example", Database: "clinic", User: "ann"})
	want := "chairside migrate --from " + a.DB().Path() + " --to 'postgres://ann@db.clinic.example:5432/clinic?sslmode=verify-full'"
	if got := d.server.migrate.Text; !strings.Contains(got, want) {
		t.Fatalf("migrate hint %q, want %q", got, want)
	}
	if text := strings.Join(labels(d.root), " "); !strings.Contains(text, ".pgpass") || !strings.Contains(text, "never asks for or stores the password") {
		t.Errorf("no word on where the password comes from: %q", text)
	}
}

// The whole round: Test connection on the test server says what is there,
// "Use this server" switches the window (a patient added then is on the
// server), the Data tab then shows the server's backup command and no
// restore, the next start opens the server, and "Use this computer's file"
// goes back.
func TestServerUseSwitchesTheWindowAndIsRemembered(t *testing.T) {
	server := freshServerDatabase(t)
	s, w, trace := newTestStartup(t)
	local := filepath.Join(t.TempDir(), "chairside.db")
	if err := s.open(s.startPath(Options{DBPath: local})); err != nil {
		t.Fatal(err)
	}
	a := s.app
	if a == nil || a.DB().Path() != local {
		t.Fatalf("first start did not open the local file")
	}
	d := a.newDataScreen()
	inForeground(d)
	f := d.server
	fillServerForm(f, server)
	test.Tap(f.test)
	waitTrace(t, trace, "server test ok")
	var msg string
	fyne.DoAndWait(func() { msg = f.result.Text })
	if !strings.Contains(msg, "Connected to PostgreSQL") || !strings.Contains(msg, "The database is empty") {
		t.Fatalf("test result %q", msg)
	}

	test.Tap(f.use)
	confirm := w.Canvas().Overlays().Top()
	if confirm == nil {
		t.Fatal("Use this server asked nothing")
	}
	test.Tap(findButton(t, confirm, "Use this server"))
	waitTrace(t, trace, "server chosen")
	address := server.Address()
	fyne.DoAndWait(func() {})
	if !a.DB().Server() || a.fyneApp.Preferences().String(prefServer) != address {
		t.Fatalf("after Use this server: on a server %v, remembered %q", a.DB().Server(), a.fyneApp.Preferences().String(prefServer))
	}
	storePatient(t, a, "Room Two Patient")
	rep, err := store.Probe(context.Background(), address)
	if err != nil || rep.Patients != 1 {
		t.Fatalf("the server holds %d patients (%v), want the one just added", rep.Patients, err)
	}

	var text string
	var btns []string
	fyne.DoAndWait(func() { text, btns = strings.Join(labels(d.root), " "), shownButtons(d.root) })
	dump := "pg_dump -Fc -h " + server.Host + " -p " + strconv.Itoa(server.Port) + " -U " + server.User + " " + server.Database + " > clinic.dump"
	if !strings.Contains(text, dump) || !strings.Contains(text, "the server's job") || !strings.Contains(text, "chairside backup --out copy.db") {
		t.Errorf("Data tab on the server: %q, want %q", text, dump)
	}
	if slices.Contains(btns, "Restore from backup…") || !slices.Contains(btns, "Use this computer's file") || !slices.Contains(btns, "Save a copy as a file…") {
		t.Errorf("buttons on the server: %q", btns)
	}

	// The next start without --db or CHAIRSIDE_DB opens the server; with
	// either, the database they name.
	s2 := newStartup(s.fa, w, newTracer(trace), s.build)
	if got := s2.startPath(Options{DBPath: local}); got != address {
		t.Errorf("next start opens %q, want the remembered server", got)
	}
	if got := s2.startPath(Options{DBPath: local, DBNamed: true}); got != local {
		t.Errorf("next start with --db opens %q, want %q", got, local)
	}

	test.Tap(findButton(t, d.root, "Use this computer's file"))
	waitTrace(t, trace, "server forgotten")
	fyne.DoAndWait(func() {})
	if a.DB().Server() || a.DB().Path() != local || a.fyneApp.Preferences().String(prefServer) != "" {
		t.Fatalf("after Use this computer's file: %s, remembered %q", a.DB().Path(), a.fyneApp.Preferences().String(prefServer))
	}
	if names := patientNames(t, a); len(names) != 0 {
		t.Errorf("the local file holds %q: the server's patient leaked into it", names)
	}
}

// A remembered server that cannot be reached at start: the window opens
// on the problem screen (nothing saved anywhere), with Try again and Use
// this computer's file, never the file by itself.
func TestUnreachableRememberedServerAtStart(t *testing.T) {
	s, w, trace := newTestStartup(t)
	local := filepath.Join(t.TempDir(), "chairside.db")
	address := store.ServerSettings{Host: "127.0.0.1", Port: closedPort(t), Database: "clinic", User: "ann", PlainText: true}.Address()
	s.fa.Preferences().SetString(prefServer, address)
	if err := s.open(s.startPath(Options{DBPath: local})); err != nil {
		t.Fatal(err)
	}
	if s.app != nil || s.problem == nil {
		t.Fatal("the window opened on something although the server is unreachable")
	}
	if _, err := os.Stat(local); !os.IsNotExist(err) {
		t.Fatalf("the local file was made or opened: %v", err)
	}
	text := strings.Join(labels(w.Content()), " ")
	if !strings.Contains(text, "cannot reach the clinic's server") || !strings.Contains(text, "Cannot reach the database server at postgres://ann@127.0.0.1") {
		t.Errorf("problem screen says %q", text)
	}
	btns := buttons(w.Content())
	if !slices.Contains(btns, "Try again") || !slices.Contains(btns, "Use this computer's file") || slices.Contains(btns, "Restore a backup…") {
		t.Fatalf("problem screen buttons %q", btns)
	}
	test.Tap(findButton(t, w.Content(), "Try again"))
	if s.app != nil || !strings.Contains(trace.String(), "server try again") {
		t.Fatal("Try again on a server still down opened something")
	}
	test.Tap(findButton(t, w.Content(), "Use this computer's file"))
	if s.app == nil || s.app.DB().Path() != local || s.fa.Preferences().String(prefServer) != "" {
		t.Fatalf("Use this computer's file: app %v, remembered %q", s.app != nil, s.fa.Preferences().String(prefServer))
	}
	if got := s.startPath(Options{DBPath: local}); got != local {
		t.Errorf("the next start opens %q, want the file", got)
	}
}

// A switch waits for the editor: with unsaved text it asks first; Cancel
// leaves everything as it was, Save saves into the database in use and
// only then changes over.
func TestSwitchAsksAboutTheEditorsUnsavedText(t *testing.T) {
	a, db, _, _ := newDeskApp(t)
	p := addPatient(t, db, "José Núñez")
	a.Select("disc:L4-L5")
	e := openEditorFor(t, a, p)
	e.notes.SetText("Typed, not saved.")
	d := a.newDataScreen()
	inForeground(d)
	other := filepath.Join(t.TempDir(), "other.db")
	opened := make(chan struct{}, 2)
	done := make(chan struct{})
	open := func() (*store.DB, error) { opened <- struct{}{}; return store.Open(other) }

	d.switchTo(other, open, func() { close(done) })
	if a.win.Canvas().Overlays().Top() == nil || len(opened) != 0 {
		t.Fatal("the switch went ahead without asking about the unsaved handout")
	}
	test.Tap(findVisibleButton(t, a.win, "Cancel"))
	if len(opened) != 0 || a.DB() != db || a.handouts.editor == nil {
		t.Fatal("Cancel did not leave everything as it was")
	}

	d.switchTo(other, open, func() { close(done) })
	test.Tap(findVisibleButton(t, a.win, "Save"))
	select {
	case <-done:
	case <-time.After(30 * time.Second):
		t.Fatal("the switch did not finish after saving")
	}
	if a.DB().Path() != other || a.handouts.editor != nil {
		t.Fatalf("after the switch: %s, editor open %v", a.DB().Path(), a.handouts.editor != nil)
	}
	a.closeDatabase()
	first, err := store.Open(db.Path()) // closed by the switch
	if err != nil {
		t.Fatal(err)
	}
	defer first.Close()
	hs, err := first.ListHandouts(context.Background(), p.ID)
	if err != nil || len(hs) != 1 {
		t.Fatalf("handouts in the first database: %v, %v", hs, err)
	}
	if h, err := first.GetHandout(context.Background(), hs[0].ID); err != nil || h.ClinicianNotes != "Typed, not saved." {
		t.Fatalf("the typed text was not saved before the switch: %v", err)
	}
}

// "Use this server" with a server that cannot be reached changes nothing:
// the window keeps its database, nothing is remembered, and the store's
// reason is shown.
func TestUseUnreachableServerChangesNothing(t *testing.T) {
	a, _ := newTestApp(t)
	var trace syncBuffer
	a.trace = newTracer(&trace)
	before := a.DB()
	d := a.newDataScreen()
	inForeground(d)
	fillServerForm(d.server, store.ServerSettings{Host: "127.0.0.1", Port: closedPort(t), Database: "clinic", User: "ann", PlainText: true})
	test.Tap(d.server.use)
	test.Tap(findVisibleButton(t, a.win, "Use this server"))
	waitTrace(t, &trace, "database refused EOFFLINE")
	var msg string
	fyne.DoAndWait(func() { msg = strings.Join(labels(a.win.Canvas().Overlays().Top()), " ") })
	if a.DB() != before || a.fyneApp.Preferences().String(prefServer) != "" {
		t.Fatalf("a refused server changed the window: %s, remembered %q", a.DB().Path(), a.fyneApp.Preferences().String(prefServer))
	}
	if !strings.Contains(msg, "Chairside still uses "+before.Path()) || !strings.Contains(msg, "Cannot reach the database server") {
		t.Errorf("dialog says %q", msg)
	}
}
