package ui

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" driver, for the test's own admin connection

	"chairside/internal/handout"
	"chairside/internal/serverproxy"
	"chairside/internal/store"
	"chairside/internal/store/pgtest"
)

// uiTurn makes the test and the window's background work take turns with
// the widgets, as Fyne's UI goroutine makes them in the app: the test
// driver runs fyne.Do on the calling goroutine.
var uiTurn sync.Mutex

func onUI(f func()) {
	uiTurn.Lock()
	defer uiTurn.Unlock()
	f()
}

// takeTurns makes the window's change notices run through onUI.
func takeTurns(t *testing.T) {
	old := liveDo
	liveDo = onUI
	t.Cleanup(func() { liveDo = old })
}

// serverSchema makes an empty schema on the PostgreSQL test server,
// dropped when t ends, and returns an address whose tables go there;
// without a test server t skips, saying why.
func serverSchema(t *testing.T) string { return pgtest.FreshSchema(t, "ui") }

// openLiveWindow opens the app's window on the server database at addr,
// taking turns with the widgets, and waits until it follows the change
// notices.
func openLiveWindow(t *testing.T, addr string) (*App, *syncBuffer) {
	t.Helper()
	takeTurns(t)
	s, _, trace := newTestStartup(t)
	if err := s.open(addr); err != nil {
		t.Fatal(err)
	}
	within(t, 10*time.Second, "the window listening to the server", func() bool {
		return strings.Contains(trace.String(), "trace: live following changes")
	})
	return s.app, trace
}

// openServerChair opens a second chair (another room's Chairside) on addr.
func openServerChair(t *testing.T, addr string) *store.DB {
	t.Helper()
	db, err := store.Open(addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// within polls cond on the UI goroutine until it holds or wait is over,
// and reports how long it took.
func within(t *testing.T, wait time.Duration, what string, cond func() bool) time.Duration {
	t.Helper()
	start := time.Now()
	for {
		var ok bool
		onUI(func() { ok = cond() })
		if ok {
			return time.Since(start)
		}
		if time.Since(start) > wait {
			t.Fatalf("%s: not within %v", what, wait)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// Issue 16, Live: the app on a clinic server follows another room. A
// patient added there appears in the patients list, and a handout saved
// as final there appears in the shown patient's history, each within a
// second and without a refresh; the search text, the highlighted patient
// and the keyboard focus stay where the clinician left them.
func TestLiveListAndHistoryFollowAnotherRoom(t *testing.T) {
	addr := serverSchema(t)
	room2 := openServerChair(t, addr)
	ctx := context.Background()
	ann := &store.Patient{Name: "Ann Lee"}
	if err := room2.CreatePatient(ctx, ann); err != nil {
		t.Fatal(err)
	}
	for i := range 40 { // enough to scroll the list
		if err := room2.CreatePatient(ctx, &store.Patient{Name: fmt.Sprintf("Zed Lee %02d", i)}); err != nil {
			t.Fatal(err)
		}
	}

	a, _ := openLiveWindow(t, addr)

	var screen *patientsScreen
	onUI(func() {
		a.handouts.ShowPatients()
		screen = a.handouts.screen
		screen.search.SetText("lee")
		screen.list.Select(0)
	})
	var scrolled float32
	onUI(func() {
		if screen.selected == nil || screen.selected.ID != ann.ID {
			t.Fatalf("Ann is not the patient shown: %+v", screen.selected)
		}
		// Ann stays highlighted while the clinician scrolls down the list.
		screen.list.ScrollToOffset(150)
		scrolled = screen.list.GetScrollOffset()
		// And the keyboard is somewhere else than the search field (as in
		// the patient form over this screen): a reload must not take it.
		a.win.Canvas().Focus(screen.archived)
	})
	if scrolled == 0 {
		t.Fatal("the list of 42 patients does not scroll")
	}

	// The front desk adds a patient in another room.
	bo := &store.Patient{Name: "Bo Lee"}
	if err := room2.CreatePatient(ctx, bo); err != nil {
		t.Fatal(err)
	}
	took := within(t, time.Second, "the patient added in room 2 in the list", func() bool {
		return slices.ContainsFunc(screen.results, func(p store.Patient) bool { return p.ID == bo.ID })
	})
	t.Logf("the new patient was listed %v after it was saved", took)
	onUI(func() {
		if screen.search.Text != "lee" {
			t.Errorf("the search text became %q", screen.search.Text)
		}
		if screen.cursor < 0 || screen.results[screen.cursor].ID != ann.ID || screen.selected.ID != ann.ID {
			t.Errorf("the highlighted patient moved: cursor %d, shown %d", screen.cursor, screen.selected.ID)
		}
		if a.win.Canvas().Focused() != screen.archived {
			t.Errorf("the focus moved to %T", a.win.Canvas().Focused())
		}
		if got := screen.list.GetScrollOffset(); got != scrolled {
			t.Errorf("the list scrolled from %v to %v", scrolled, got)
		}
	})

	// Room 2 saves Ann's handout as final: her history shows it.
	h := &handout.Handout{PatientID: ann.ID, Title: "Your neck at work", Status: handout.Final, Lang: "en",
		Date: time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)}
	if err := room2.SaveHandout(ctx, h); err != nil {
		t.Fatal(err)
	}
	took = within(t, time.Second, "the handout saved in room 2 in the history", func() bool {
		return strings.Contains(strings.Join(labels(screen.detail), "\n"), "Your neck at work")
	})
	t.Logf("the handout was in the history %v after it was saved", took)
	onUI(func() {
		if screen.cursor < 0 || screen.results[screen.cursor].ID != ann.ID {
			t.Errorf("the highlight moved after the history reloaded: cursor %d", screen.cursor)
		}
		if a.win.Canvas().Focused() != screen.archived {
			t.Errorf("the focus moved to %T", a.win.Canvas().Focused())
		}
	})
}

// Issue 16: the clinic's server goes away in the middle of Save as final,
// after it committed and before its answer came back. The app says so in
// a notice (no dialog in the way), keeps every character typed, before
// and after, tries again quietly with a growing wait, and once the server
// is back says that it saved: one handout, whose final revision holds the
// text exactly once, and what was typed meanwhile autosaved on top.
func TestAutosaveEditorKeepsTextWhileTheServerIsAway(t *testing.T) {
	addr := serverSchema(t)
	proxy, proxied, err := serverproxy.Start(addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(proxy.Stop)
	direct := openServerChair(t, addr)
	ctx := context.Background()
	p := &store.Patient{Name: "Ann Lee"}
	if err := direct.CreatePatient(ctx, p); err != nil {
		t.Fatal(err)
	}

	takeTurns(t)
	s, _, trace := newTestStartup(t)
	if err := s.open(proxied); err != nil {
		t.Fatal(err)
	}
	a := s.app
	timers := &fakeTimers{}
	var e *handoutEditor
	onUI(func() {
		a.handouts.after = timers.after
		a.Select("disc:L4-L5")
		e = openEditorFor(t, a, p)
		test.Type(e.notes, "Stiff in the mornings.")
	})

	cut := proxy.CutAtCommit(serverproxy.AfterCommit)
	var saved bool
	onUI(func() { saved = e.Save(handout.Final) })
	select {
	case <-cut:
	default:
		t.Fatal("the save never reached its COMMIT through the proxy")
	}
	onUI(func() {
		if saved {
			t.Fatal("Save reported saved while the server's answer was lost")
		}
		if a.win.Canvas().Overlays().Top() != nil {
			t.Error("a dialog opened: the server going away is a notice")
		}
		if notes := strings.Join(a.notices(), " "); !strings.Contains(notes, "connection to the clinic's server was lost") {
			t.Errorf("notices %q, want one saying the connection was lost", notes)
		}
		if !strings.Contains(e.statusLine.Text, "waiting for the clinic's server") {
			t.Errorf("status line %q", e.statusLine.Text)
		}
		test.Type(e.notes, " Better by noon.")
	})
	// Still away: the next tries wait longer, and nothing is lost; nor
	// when the window closes meanwhile (the waiting save is tried, not
	// dropped for an autosave that would add the handout a second time).
	for i := 0; i < 2; i++ {
		onUI(func() { timers.fire() })
	}
	onUI(func() {
		if a.handouts.flush() {
			t.Error("flush said everything is stored while the server is away")
		}
	})
	onUI(func() {
		if !e.saver.resending() || e.notes.Text != "Stiff in the mornings. Better by noon." {
			t.Fatalf("while the server is away: resending %t, notes %q", e.saver.resending(), e.notes.Text)
		}
	})
	var waits []time.Duration
	for _, d := range timers.delays {
		if d != autosaveDelay {
			waits = append(waits, d)
		}
	}
	if !slices.Equal(waits, []time.Duration{2 * time.Second, 4 * time.Second, 8 * time.Second, 16 * time.Second}) {
		t.Errorf("waits before trying again %v, want 2 s doubling", waits)
	}

	if err := proxy.Open(); err != nil {
		t.Fatal(err)
	}
	onUI(func() {
		timers.fire()
		if e.saver.resending() {
			t.Fatalf("not saved once the server was back; trace:\n%s", trace.String())
		}
		if notes := strings.Join(a.notices(), " "); !strings.Contains(notes, "server is back, and the handout is saved") ||
			strings.Contains(notes, "connection to the clinic's server was lost") {
			t.Errorf("notices once saved %q", notes)
		}
		if e.notes.Text != "Stiff in the mornings. Better by noon." {
			t.Errorf("notes %q", e.notes.Text)
		}
	})
	hs, err := direct.ListHandouts(ctx, p.ID)
	if err != nil || len(hs) != 1 {
		t.Fatalf("%d handouts stored (%v), want exactly 1", len(hs), err)
	}
	revs, err := direct.HandoutRevisions(ctx, hs[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	var finals []string
	for _, r := range revs {
		if r.ClinicianNotes == "Stiff in the mornings." {
			finals = append(finals, string(r.Status))
		}
	}
	if !slices.Equal(finals, []string{string(handout.Final)}) {
		t.Errorf("revisions with the text sent when the server went away: %v, want one, final", finals)
	}
	if revs[0].ClinicianNotes != "Stiff in the mornings. Better by noon." {
		t.Errorf("newest revision %d: %q, want what was typed meanwhile", revs[0].Revision, revs[0].ClinicianNotes)
	}
}

// The server goes away while the patient form adds a patient, after the
// server added them and before the answer came back: the form stays open
// with everything typed and says why; Save once the server is back adds
// no second patient, and what was changed meanwhile is saved.
func TestAutosavePatientFormAddsOnceAfterTheServerCameBack(t *testing.T) {
	addr := serverSchema(t)
	proxy, proxied, err := serverproxy.Start(addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(proxy.Stop)
	direct := openServerChair(t, addr)
	takeTurns(t)
	s, _, _ := newTestStartup(t)
	if err := s.open(proxied); err != nil {
		t.Fatal(err)
	}
	a := s.app
	var f *patientForm
	var saved []*store.Patient
	onUI(func() {
		f = a.handouts.showPatientForm(nil, "Add patient", func(p *store.Patient) { saved = append(saved, p) })
		f.name.SetText("Ann Lee")
		f.dob.SetText("1961-04-02")
		f.notes.SetText("Prefers mornings.")
	})
	cut := proxy.CutAtCommit(serverproxy.AfterCommit)
	onUI(f.submit)
	select {
	case <-cut:
	default:
		t.Fatal("the save never reached its COMMIT through the proxy")
	}
	onUI(func() {
		if len(saved) != 0 || !f.general.Visible() || !strings.Contains(f.general.Text, "connection to the clinic's server was lost") {
			t.Fatalf("after the cut: saved %d, message %q", len(saved), f.general.Text)
		}
		if f.name.Text != "Ann Lee" || f.notes.Text != "Prefers mornings." {
			t.Errorf("the form lost what was typed: %q %q", f.name.Text, f.notes.Text)
		}
		f.notes.SetText("Prefers mornings. Left-handed.")
	})
	if err := proxy.Open(); err != nil {
		t.Fatal(err)
	}
	onUI(f.submit)
	onUI(func() {
		if len(saved) != 1 {
			t.Fatalf("Save once the server was back: saved %d; message %q", len(saved), f.general.Text)
		}
	})
	ps, err := direct.SearchPatients(context.Background(), "Ann Lee", true, 10)
	if err != nil || len(ps) != 1 || ps[0].ID != saved[0].ID || ps[0].Notes != "Prefers mornings. Left-handed." {
		t.Fatalf("patients on the server: %+v (%v); want one, with the notes as last typed", ps, err)
	}
}

// The handout open in the editor is saved in another room: the editor is
// not reloaded under the clinician's hands (what they typed stays), and a
// notice says so once. The editor's own saves say nothing.
func TestLiveEditorIsNotReloadedWhenSavedElsewhere(t *testing.T) {
	addr := serverSchema(t)
	room2 := openServerChair(t, addr)
	ctx := context.Background()
	p := &store.Patient{Name: "Ann Lee"}
	if err := room2.CreatePatient(ctx, p); err != nil {
		t.Fatal(err)
	}
	a, _ := openLiveWindow(t, addr)
	var e *handoutEditor
	onUI(func() {
		a.handouts.after = (&fakeTimers{}).after
		a.Select("disc:L4-L5")
		e = openEditorFor(t, a, p)
		test.Type(e.notes, "Stiff in the mornings.")
		if !e.Save(handout.Draft) {
			t.Fatal("the editor's own save failed")
		}
	})
	// The editor's own save comes back as a notice too: it is not news.
	time.Sleep(3 * liveCoalesce)
	onUI(func() {
		if notes := strings.Join(a.notices(), " "); strings.Contains(notes, "saved on another computer") {
			t.Errorf("the editor's own save was reported as made elsewhere: %q", notes)
		}
		test.Type(e.notes, " Better by noon.")
	})

	var other *handout.Handout
	onUI(func() { other, _ = a.DB().GetHandout(ctx, e.handoutID()) })
	other.Title = "Changed at the front desk"
	if err := room2.SaveHandout(ctx, other); err != nil {
		t.Fatal(err)
	}
	within(t, time.Second, "a notice that the open handout was saved elsewhere", func() bool {
		return strings.Contains(strings.Join(a.notices(), " "), "saved on another computer")
	})
	onUI(func() {
		if e.notes.Text != "Stiff in the mornings. Better by noon." || e.title.Text == other.Title {
			t.Errorf("the editor was reloaded: notes %q, title %q", e.notes.Text, e.title.Text)
		}
		if a.handouts.editor != e {
			t.Error("the editor was replaced")
		}
	})
	// One save elsewhere is said once, however often the lists reload.
	onUI(func() {
		n := strings.Count(strings.Join(a.notices(), " "), "saved on another computer")
		if n != 1 {
			t.Errorf("%d notices for one save elsewhere, want 1", n)
		}
	})
}

// While the window's listening connection is cut, room 2 adds a patient:
// the notice is lost with the connection, so once the listener is back
// (it says "resync") the window reads its list again and shows them.
func TestLiveListIsReadAgainAfterTheConnectionCameBack(t *testing.T) {
	addr := serverSchema(t)
	proxy, proxied, err := serverproxy.Start(addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(proxy.Stop)
	room2 := openServerChair(t, addr)
	a, trace := openLiveWindow(t, proxied)
	var screen *patientsScreen
	onUI(func() {
		a.handouts.ShowPatients()
		screen = a.handouts.screen
	})
	proxy.Close()
	bo := &store.Patient{Name: "Bo Lee"}
	if err := room2.CreatePatient(context.Background(), bo); err != nil {
		t.Fatal(err)
	}
	time.Sleep(3 * liveCoalesce)
	onUI(func() {
		if len(screen.results) != 0 {
			t.Fatalf("listed %d patients while the connection was cut", len(screen.results))
		}
	})
	if err := proxy.Open(); err != nil {
		t.Fatal(err)
	}
	within(t, 10*time.Second, "the patient added while the connection was cut, after it came back", func() bool {
		return slices.ContainsFunc(screen.results, func(p store.Patient) bool { return p.ID == bo.ID })
	})
	if !strings.Contains(trace.String(), "resync true") {
		t.Errorf("the list was not read again on a resync; trace:\n%s", trace.String())
	}
}

// On a database file, which sends no notices, a patient that another
// program (the command line) adds appears in the open list too.
func TestLiveListFollowsAnotherProgramOnTheFile(t *testing.T) {
	takeTurns(t)
	s, _, _ := newTestStartup(t)
	path := filepath.Join(t.TempDir(), "chairside.db")
	if err := s.open(path); err != nil {
		t.Fatal(err)
	}
	a := s.app
	var screen *patientsScreen
	onUI(func() {
		a.handouts.ShowPatients()
		screen = a.handouts.screen
	})
	cli, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer cli.Close()
	bo := &store.Patient{Name: "Bo Lee"}
	if err := cli.CreatePatient(context.Background(), bo); err != nil {
		t.Fatal(err)
	}
	took := within(t, 5*time.Second, "the patient another program added", func() bool {
		return slices.ContainsFunc(screen.results, func(p store.Patient) bool { return p.ID == bo.ID })
	})
	t.Logf("listed %v after the other program saved", took)
}
