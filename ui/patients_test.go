package ui

import (
	"bytes"
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"chairside/internal/handout"
	"chairside/internal/store"
)

// fakeTimers replaces the autosave clock: tests fire the waiting timer
// instead of sleeping.
type fakeTimers struct {
	fns     []func()
	stopped []bool
	delays  []time.Duration
}

func (f *fakeTimers) after(d time.Duration, fn func()) func() {
	i := len(f.fns)
	f.fns = append(f.fns, fn)
	f.stopped = append(f.stopped, false)
	f.delays = append(f.delays, d)
	return func() { f.stopped[i] = true }
}

// fire runs every timer that is still waiting; it reports how many ran.
func (f *fakeTimers) fire() int {
	n := 0
	for i, fn := range f.fns {
		if !f.stopped[i] {
			f.stopped[i] = true
			fn()
			n++
		}
	}
	return n
}

// newDeskApp is the main window with a temp-file database and fake timers.
func newDeskApp(t *testing.T) (*App, *store.DB, *fakeTimers, *bytes.Buffer) {
	t.Helper()
	a, trace := newTestApp(t) // with a temp-file database
	db := a.DB()
	timers := &fakeTimers{}
	a.handouts.after = timers.after
	return a, db, timers, trace
}

func addPatient(t *testing.T, db *store.DB, name string) *store.Patient {
	t.Helper()
	p := &store.Patient{Name: name}
	if err := db.CreatePatient(context.Background(), p); err != nil {
		t.Fatal(err)
	}
	return p
}

// findButton finds a visible button by its text among the window's
// content and dialogs (topmost first).
func findVisibleButton(t *testing.T, w fyne.Window, text string) *widget.Button {
	t.Helper()
	var found *widget.Button
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if found != nil || o == nil || !o.Visible() {
			return
		}
		if b, ok := o.(*widget.Button); ok && b.Text == text {
			found = b
			return
		}
		switch x := o.(type) {
		case *fyne.Container:
			for _, c := range x.Objects {
				walk(c)
			}
		case fyne.Widget:
			for _, c := range test.WidgetRenderer(x).Objects() {
				walk(c)
			}
		}
	}
	overlays := w.Canvas().Overlays().List()
	for i := len(overlays) - 1; i >= 0 && found == nil; i-- {
		walk(overlays[i])
	}
	if found == nil {
		walk(w.Content())
	}
	if found == nil {
		t.Fatalf("no visible button %q", text)
	}
	return found
}

func focusedEntry(t *testing.T, a *App) *shortcutEntry {
	t.Helper()
	e, ok := a.win.Canvas().Focused().(*shortcutEntry)
	if !ok {
		t.Fatalf("focused widget is %T, want a text field", a.win.Canvas().Focused())
	}
	return e
}

func pressEnter(e *shortcutEntry) { e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn}) }

func TestPatientFormShowsErrorsBesideFields(t *testing.T) {
	cases := []struct {
		name, dob string
		want      map[string]string // field → part of the message
	}{
		{"", "", map[string]string{"Name": "Enter the patient's name"}},
		{"   ", "1980-04-23", map[string]string{"Name": "Enter the patient's name"}},
		{"José Núñez", "2999-01-01", map[string]string{"DOB": "in the future"}},
		{"José Núñez", "1850-06-01", map[string]string{"DOB": "before 1900"}},
		{"José Núñez", "23/04/1980", map[string]string{"DOB": "year-month-day"}},
		{"José Núñez", "1980-02-30", map[string]string{"DOB": "no such day"}},
		{strings.Repeat("Ø", 300), "", map[string]string{"Name": "name"}},
		{"", "2999-01-01", map[string]string{"Name": "Enter", "DOB": "future"}},
	}
	for _, c := range cases {
		t.Run(fmt.Sprintf("%.20s/%s", c.name, c.dob), func(t *testing.T) {
			a, db, _, _ := newDeskApp(t)
			f := a.handouts.showPatientForm(nil, "Add patient", nil)
			f.name.SetText(c.name)
			f.dob.SetText(c.dob)
			f.submit()
			for field, l := range f.errs {
				want, bad := c.want[field]
				if bad != l.Visible() {
					t.Errorf("%s: error shown = %v, want %v (%q)", field, l.Visible(), bad, l.Text)
				}
				if bad && !strings.Contains(l.Text, want) {
					t.Errorf("%s: error %q, want it to say %q", field, l.Text, want)
				}
			}
			wantFocus := f.dob
			if _, ok := c.want["Name"]; ok {
				wantFocus = f.name
			}
			if focusedEntry(t, a) != wantFocus {
				t.Error("the first refused field does not have the focus")
			}
			if f.name.Text != c.name || f.dob.Text != c.dob {
				t.Error("the form lost what was typed")
			}
			if ps, _ := db.SearchPatients(context.Background(), "", true, 0); len(ps) != 0 {
				t.Errorf("a refused patient was stored: %d patients", len(ps))
			}
		})
	}
}

func TestPatientFormAddsAndEdits(t *testing.T) {
	a, db, _, trace := newDeskApp(t)
	var saved *store.Patient
	f := a.handouts.showPatientForm(nil, "Add patient", func(p *store.Patient) { saved = p })
	if focusedEntry(t, a) != f.name {
		t.Error("the name field is not focused")
	}
	test.Type(f.name, "Zoë Łukasiewicz")
	f.dob.SetText("1975-02-28")
	pressEnter(f.name)
	if saved == nil || saved.ID == 0 {
		t.Fatal("Enter did not save the patient")
	}
	got, err := db.GetPatient(context.Background(), saved.ID)
	if err != nil || got.Name != "Zoë Łukasiewicz" || got.DOB == nil || got.DOB.Format("2006-01-02") != "1975-02-28" {
		t.Fatalf("stored %+v, %v", got, err)
	}
	if strings.Contains(trace.String(), "Zoë") || !strings.Contains(trace.String(), "trace: patient added 1\n") {
		t.Errorf("trace must name the ID only:\n%s", trace)
	}

	// Escape in a field closes the form without saving.
	open := len(a.win.Canvas().Overlays().List())
	esc := a.handouts.showPatientForm(nil, "Add patient", func(*store.Patient) { t.Error("Escape saved a patient") })
	test.Type(esc.name, "Not Saved")
	esc.name.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if n := len(a.win.Canvas().Overlays().List()); n != open {
		t.Errorf("Escape did not close the form: %d dialogs open, want %d", n, open)
	}

	e := a.handouts.showPatientForm(got, "Edit patient", func(p *store.Patient) { saved = p })
	e.contact.SetText("555-0100")
	e.submit()
	got, _ = db.GetPatient(context.Background(), saved.ID)
	if got.Contact != "555-0100" || got.Name != "Zoë Łukasiewicz" {
		t.Errorf("edit not stored: %+v", got)
	}
}

func TestPatientSearchAsYouType(t *testing.T) {
	a, db, _, _ := newDeskApp(t)
	for _, n := range []string{"José Núñez", "Zoë Łukasiewicz", "Nguyễn Văn An", "Josephine Baker"} {
		addPatient(t, db, n)
	}
	a.handouts.ShowPatients()
	s := a.handouts.screen
	if s == nil {
		t.Fatal("patients screen not open")
	}
	names := func() []string {
		var out []string
		for _, p := range s.results {
			out = append(out, p.Name)
		}
		return out
	}
	if len(s.results) != 4 {
		t.Fatalf("empty search lists %v, want all four", names())
	}
	if focusedEntry(t, a) != s.search {
		t.Error("the search field is not focused")
	}
	test.Type(s.search, "jos")
	if got := names(); len(got) != 2 {
		t.Errorf("after \"jos\": %v", got)
	}
	test.Type(s.search, "e n")
	if got := names(); len(got) != 1 || got[0] != "José Núñez" {
		t.Errorf("after \"jose n\": %v", got)
	}
	s.search.SetText("zoe")
	if got := names(); len(got) != 1 || got[0] != "Zoë Łukasiewicz" {
		t.Errorf("after \"zoe\": %v", got)
	}

	// Archive Zoë: gone from the list until "Show archived" is ticked.
	pressEnter(s.search)
	if s.selected == nil || s.selected.Name != "Zoë Łukasiewicz" {
		t.Fatal("Enter did not open the only match")
	}
	test.Tap(findVisibleButton(t, a.win, "Archive"))
	test.Tap(findVisibleButton(t, a.win, "Yes"))
	if got := names(); len(got) != 0 {
		t.Errorf("archived patient still listed: %v", got)
	}
	// The count says the patient is archived, not missing, and Enter shows
	// them instead of offering to add them again.
	if !strings.Contains(s.count.Text, "Show archived") {
		t.Errorf("count %q does not point to the archived match", s.count.Text)
	}
	open := len(a.win.Canvas().Overlays().List())
	pressEnter(s.search)
	if !s.archived.Checked || s.selected == nil || s.selected.Name != "Zoë Łukasiewicz" {
		t.Errorf("Enter on an archived match: show archived %v, selected %v", s.archived.Checked, s.selected)
	}
	if len(a.win.Canvas().Overlays().List()) != open {
		t.Error("Enter on an archived match opened another dialog (the add form?)")
	}
	s.archived.SetChecked(true)
	if got := names(); len(got) != 1 {
		t.Errorf("with archived: %v", got)
	}

	// Enter on a name nobody has offers to add that patient, name filled in.
	s.archived.SetChecked(false)
	s.search.SetText("Ærøskøbing")
	pressEnter(s.search)
	if f := focusedEntry(t, a); f.Text != "Ærøskøbing" {
		t.Errorf("add form name %q", f.Text)
	}
}

func TestPatientChipAndChoosing(t *testing.T) {
	a, db, _, trace := newDeskApp(t)
	p := addPatient(t, db, "José Núñez")
	if a.handouts.chip.Text != "No patient" {
		t.Errorf("chip = %q", a.handouts.chip.Text)
	}
	a.handouts.ShowPatients()
	a.handouts.screen.list.Select(0)
	test.Tap(findVisibleButton(t, a.win, "Use for this visit"))
	if a.handouts.Patient() == nil || a.handouts.Patient().ID != p.ID {
		t.Fatal("patient not chosen")
	}
	if a.handouts.chip.Text != "Patient: José Núñez" {
		t.Errorf("chip = %q", a.handouts.chip.Text)
	}
	if !strings.Contains(trace.String(), "trace: patient chosen 1\n") {
		t.Errorf("trace:\n%s", trace)
	}
}

func TestHistoryNewestFirstWithActions(t *testing.T) {
	a, db, _, trace := newDeskApp(t)
	p := addPatient(t, db, "José Núñez")
	ctx := context.Background()
	for _, d := range []string{"2026-03-01", "2026-11-20", "2026-06-15"} {
		day, _ := time.Parse("2006-01-02", d)
		h := &handout.Handout{PatientID: p.ID, Title: "Visit " + d, Date: day.Add(12 * time.Hour)}
		if err := db.SaveHandout(ctx, h); err != nil {
			t.Fatal(err)
		}
	}
	a.handouts.ShowPatients()
	s := a.handouts.screen
	s.list.Select(0)
	var lines []string
	for _, o := range s.detail.Objects {
		if box, ok := o.(*fyne.Container); ok && len(box.Objects) == 2 {
			if l, ok := box.Objects[0].(*widget.Label); ok {
				lines = append(lines, strings.SplitN(l.Text, "  ·  ", 2)[0])
			}
		}
	}
	if want := []string{"2026-11-20", "2026-06-15", "2026-03-01"}; !slices.Equal(lines, want) {
		t.Errorf("history %v, want newest first %v", lines, want)
	}
	for _, b := range []string{"Preview", "Print", "Export PDF…"} {
		findVisibleButton(t, a.win, b)
	}
	test.Tap(findVisibleButton(t, a.win, "Open"))
	e := a.handouts.editor
	if e == nil || e.h.ID != 2 || a.handouts.Patient().ID != p.ID {
		t.Fatal("Open did not reopen the handout for its patient")
	}
	a.handouts.closeEditor("test", nil)

	// Duplicate makes a draft copy and opens it, not the original.
	a.handouts.ShowPatients()
	a.handouts.screen.list.Select(0)
	test.Tap(findVisibleButton(t, a.win, "Duplicate"))
	hs, _ := db.ListHandouts(ctx, p.ID)
	if len(hs) != 4 || hs[0].Title != "Visit 2026-11-20" || hs[0].Status != handout.Draft {
		t.Errorf("after duplicating the newest: %d handouts, first %q", len(hs), hs[0].Title)
	}
	if !strings.Contains(trace.String(), "trace: handout duplicated 2 4\n") {
		t.Errorf("trace:\n%s", trace)
	}
	if e := a.handouts.editor; e == nil || e.h.ID != 4 {
		t.Fatalf("Duplicate did not open the copy (editor %v)", e)
	}
	if a.handouts.screen != nil {
		t.Error("the patients screen stayed over the opened copy")
	}
	if l := handoutLine(&hs[0]); !strings.Contains(l, "last saved "+hs[0].UpdatedAt.Local().Format("2006-01-02 15:04")) {
		t.Errorf("history line %q does not say when it was saved", l)
	}
}

// After a restore from backup the current patient and the open handout are
// looked up again; a handout whose patient is not in the restored file keeps
// its text and goes to the patient chosen next, as a new handout.
func TestDatabaseReplacedKeepsTheText(t *testing.T) {
	a, db, _, _ := newDeskApp(t)
	jose := addPatient(t, db, "José Núñez")
	e := openEditorFor(t, a, jose)
	e.notes.SetText("Typed before the restore.")
	if !e.Save(handout.Draft) {
		t.Fatal("save failed")
	}
	other, err := store.Open(filepath.Join(t.TempDir(), "restored.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { other.Close() })
	stranger := addPatient(t, other, "Somebody Else") // the same ID 1, another person
	a.db = other
	a.handouts.databaseReplaced()
	if a.handouts.Patient() != nil || a.handouts.chip.Text != "No patient" {
		t.Fatalf("the old patient stayed chosen: %v", a.handouts.chip.Text)
	}
	if e.h.ID != 0 || e.h.PatientID != 0 || e.notes.Text != "Typed before the restore." {
		t.Fatalf("editor after restore: id %d patient %d notes %q", e.h.ID, e.h.PatientID, e.notes.Text)
	}
	a.handouts.choosePatient(stranger, nil)
	if a.handouts.editor != e || !e.Save(handout.Draft) {
		t.Fatal("the kept handout could not be saved for the newly chosen patient")
	}
	hs, _ := other.ListHandouts(context.Background(), stranger.ID)
	if len(hs) != 1 || hs[0].ClinicianNotes != "Typed before the restore." {
		t.Errorf("restored file has %+v", hs)
	}
}

// A patient's language that the library has no texts in is recorded, but
// the form and the details say handouts print in the app's language; one
// it has texts in (Spanish) gets no such note: the handout is in it.
func TestPatientLanguageWithoutTextsIsExplained(t *testing.T) {
	a, db, _, _ := newDeskApp(t)
	f := a.handouts.showPatientForm(nil, "Add patient", nil)
	test.Type(f.lang, "vi")
	if !f.langNote.Visible() || !strings.Contains(f.langNote.Text, "print in English") || !strings.Contains(f.langNote.Text, "no texts in Vietnamese") {
		t.Errorf("language note %q (visible %v)", f.langNote.Text, f.langNote.Visible())
	}
	for _, code := range []string{"en", "es", "es-MX"} {
		f.lang.SetText(code)
		if f.langNote.Visible() {
			t.Errorf("%s: the note %q shows for a language the library has texts in", code, f.langNote.Text)
		}
	}
	p := &store.Patient{Name: "Ana Ruiz", Lang: "vi"}
	if err := db.CreatePatient(context.Background(), p); err != nil {
		t.Fatal(err)
	}
	facts := patientFacts(p, time.Now(), a.handouts.libLang())
	if !strings.Contains(facts, "Handout language: Vietnamese (vi); handouts made here print in English, the app's language") {
		t.Errorf("details %q", facts)
	}
	for _, code := range []string{"en", "es"} {
		if got := patientFacts(&store.Patient{Name: "X", Lang: code}, time.Now(), "en"); strings.Contains(got, "the app's language") {
			t.Errorf("details for a patient who reads %s: %q", code, got)
		}
	}
	// No language recorded: the line says what handouts will be in, not
	// "Handout language: " and nothing.
	if got := patientFacts(&store.Patient{Name: "X"}, time.Now(), "en"); !strings.Contains(got, "Handout language: not recorded, so handouts print in English, the app's language") {
		t.Errorf("details for a patient with no language: %q", got)
	}
}

// Issue 15, one language rule: a handout made in the English app for a
// patient who prefers Spanish is in Spanish (its texts and its language),
// and what the editor adds later is Spanish too.
func TestHandoutForSpanishPatientIsSpanish(t *testing.T) {
	a, db, _, _ := newDeskApp(t)
	p := &store.Patient{Name: "Ana Ruiz", Lang: "es"}
	if err := db.CreatePatient(context.Background(), p); err != nil {
		t.Fatal(err)
	}
	if a.lib.Lang() != "en" {
		t.Fatalf("the test app shows %s texts, want en", a.lib.Lang())
	}
	a.Select("disc:L4-L5")
	e := openEditorFor(t, a, p)
	if e.h.Lang != "es" || len(e.items) != 1 || !strings.Contains(e.items[0].Body, "raíz nerviosa") {
		t.Fatalf("handout in %q, items %+v", e.h.Lang, e.items)
	}
	e.addItem("nerve:L5:left")
	if len(e.items) != 2 || !strings.Contains(e.items[1].Body, "dedo gordo") {
		t.Errorf("added item %+v, want the Spanish text", e.items[1:])
	}
	if a.lib.Lang() != "en" {
		t.Errorf("the screen's library turned %s", a.lib.Lang())
	}
}

// After adding a patient the list highlights them, so it agrees with the
// details shown on the right.
func TestAddedPatientIsHighlightedInTheList(t *testing.T) {
	a, db, _, trace := newDeskApp(t)
	addPatient(t, db, "Ana Ruiz")
	addPatient(t, db, "Zoë Łukasiewicz")
	a.handouts.ShowPatients()
	s := a.handouts.screen
	var selected []int
	show := s.list.OnSelected
	s.list.OnSelected = func(i widget.ListItemID) { selected = append(selected, i); show(i) }
	s.addPatient("Mario Rossi")
	test.Tap(findVisibleButton(t, a.win, "Save patient"))
	if s.selected == nil || s.selected.Name != "Mario Rossi" {
		t.Fatalf("details show %v", s.selected)
	}
	if len(selected) != 1 || s.results[selected[0]].Name != "Mario Rossi" {
		t.Errorf("list rows selected %v, want Mario Rossi's", selected)
	}
	if n := strings.Count(trace.String(), "trace: patient shown "); n != 1 {
		t.Errorf("the details were built %d times, want once", n)
	}
}
