package ui

import (
	"context"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"chairside/internal/anatomy"
	"chairside/internal/diagram"
	"chairside/internal/handout"
	"chairside/internal/store"
)

// openEditorFor chooses p and makes a handout from the trail.
func openEditorFor(t *testing.T, a *App, p *store.Patient) *handoutEditor {
	t.Helper()
	a.handouts.choosePatient(p, nil)
	a.handouts.MakeHandout()
	if a.handouts.editor == nil {
		t.Fatal("Make handout did not open the editor")
	}
	return a.handouts.editor
}

func refs(items []handout.Item) []string {
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = it.Ref
	}
	return out
}

func typeShortcut(a *App, s fyne.Shortcut) {
	if f, ok := a.win.Canvas().Focused().(fyne.Shortcutable); ok {
		f.TypedShortcut(s)
		return
	}
	a.win.Canvas().(fyne.Shortcutable).TypedShortcut(s)
}

func TestEditorPrefilledFromTrailReorderRemoveAdd(t *testing.T) {
	a, db, _, trace := newDeskApp(t)
	p := addPatient(t, db, "José Núñez")
	trail := []string{"vertebra:L4", "disc:L4-L5", "nerve:L5:left"}
	for _, id := range trail {
		a.Select(id)
	}
	e := openEditorFor(t, a, p)
	if got := refs(e.items); !slices.Equal(got, trail) {
		t.Fatalf("items %v, want the trail %v", got, trail)
	}
	if e.items[1].Body == "" || e.items[1].Title == "" {
		t.Error("items carry no text snapshot")
	}
	if h := e.heading.String(); !strings.Contains(h, "José Núñez") {
		t.Errorf("heading %q does not name the patient", h)
	}

	// A tap on the diagram explains, with the explanation tab in front;
	// Ctrl+H brings the handout back.
	if e.tabs.SelectedIndex() != handoutTab {
		t.Error("the editor does not open on the handout tab")
	}
	a.win.Canvas().Capture()
	test.TapAt(a.spine, pointOn(t, a.spine, "disc:L4-L5"))
	if e.tabs.SelectedIndex() != explanationTab || a.Selected() != "disc:L4-L5" {
		t.Errorf("tap while editing: tab %d, selected %q", e.tabs.SelectedIndex(), a.Selected())
	}
	typeShortcut(a, shortcutMakeHandout)
	if e.tabs.SelectedIndex() != handoutTab || a.handouts.editor != e {
		t.Error("Ctrl+H did not bring the open handout back")
	}

	e.moveItem(2, -1)
	if got := refs(e.items); !slices.Equal(got, []string{"vertebra:L4", "nerve:L5:left", "disc:L4-L5"}) {
		t.Errorf("after moving up: %v", got)
	}
	e.moveItem(0, -1) // already first: nothing moves
	e.removeItem(0)
	if got := refs(e.items); !slices.Equal(got, []string{"nerve:L5:left", "disc:L4-L5"}) {
		t.Errorf("after removing: %v", got)
	}
	test.Type(e.addSearch, "cracking")
	if len(e.addHits) == 0 {
		t.Fatal("searching the library to add found nothing for \"cracking\"")
	}
	first := e.addHits[0].ID
	pressEnter(e.addSearch)
	if got := refs(e.items); len(got) != 3 || got[2] != first {
		t.Errorf("after adding %s: %v", first, got)
	}
	// Explaining more while the editor is open adds it to the handout; a
	// removed item shown again does not come back by itself.
	a.Select("vertebra:L4")
	a.Select("disc:L3-L4")
	if got := refs(e.items); len(got) != 4 || got[3] != "disc:L3-L4" {
		t.Errorf("after explaining L3-L4 during editing: %v", got)
	}
	e.removeItem(3)
	if got := a.handouts.Discussed(); !slices.Equal(got, []string{"nerve:L5:left", "disc:L4-L5"}) {
		t.Errorf("discussed on the diagram: %v", got)
	}
	if !e.Unsaved() {
		t.Error("edits did not mark the handout unsaved")
	}
	if !strings.Contains(trace.String(), "trace: handout item removed vertebra:L4\n") {
		t.Errorf("trace:\n%s", trace)
	}
}

func TestMarkModeTapAddsMark(t *testing.T) {
	a, db, _, trace := newDeskApp(t)
	p := addPatient(t, db, "José Núñez")
	e := openEditorFor(t, a, p)
	if a.handouts.diagramTapped("disc:L4-L5") {
		t.Fatal("a tap outside mark mode was taken as a mark")
	}
	typeShortcut(a, shortcutMarkMode)
	if !e.marking {
		t.Fatal("Ctrl+M did not turn mark mode on")
	}
	e.finding.SetSelectedIndex(slices.Index(handout.Findings, handout.Bulge))
	e.markNote.SetText("worse when sitting")
	if !a.handouts.diagramTapped("disc:L4-L5") {
		t.Fatal("a tap in mark mode was not taken")
	}
	e.finding.SetSelectedIndex(slices.Index(handout.Findings, handout.Irritation))
	// A real tap on the diagram widget, where the L5 root is drawn.
	a.win.Canvas().Capture()
	before := a.Selected()
	tap := pointOn(t, a.spine, "nerve:L5:left")
	test.TapAt(a.spine, tap)
	at, _ := anatomy.SpotAt(a.spine.View(), "nerve:L5:left", a.spine.toModel(tap)) // where on the root
	if a.Selected() != before {
		t.Error("a tap in mark mode also selected the structure")
	}
	a.handouts.diagramTapped("not-a-structure")
	// A disc bulge on a vertebra is refused with the reason, not stored.
	e.finding.SetSelectedIndex(slices.Index(handout.Findings, handout.Bulge))
	if !a.handouts.diagramTapped("vertebra:L4") || !strings.Contains(e.markHint.Text, "only be marked on a disc") {
		t.Errorf("bulge on a vertebra: hint %q", e.markHint.Text)
	}
	want := []handout.Mark{
		{Structure: "disc:L4-L5", Finding: handout.Bulge, Note: "worse when sitting"},
		{Structure: "nerve:L5:left", Finding: handout.Irritation, At: at},
	}
	if !slices.Equal(a.handouts.Marks(), want) {
		t.Errorf("marks %+v, want %+v", a.handouts.Marks(), want)
	}
	if len(e.marksBox.Objects) != 2 {
		t.Errorf("legend has %d lines, want 2", len(e.marksBox.Objects))
	}
	var legend []string
	for _, o := range walk(e.marksBox) {
		if l, ok := o.(*widget.Label); ok {
			legend = append(legend, l.Text)
		}
	}
	if want := []string{"1. L4–L5 disc: Disc bulge (worse when sitting)", "2. Left L5 nerve root: Irritation"}; !slices.Equal(legend, want) {
		t.Errorf("legend %q, want %q", legend, want)
	}
	wantDrawn := []diagram.Mark{{Structure: "disc:L4-L5", Finding: "bulge", Number: 1}, {Structure: "nerve:L5:left", Finding: "irritation", Number: 2, At: at}}
	if !slices.Equal(a.spine.marks, wantDrawn) {
		t.Errorf("diagram draws %+v, want %+v", a.spine.marks, wantDrawn)
	}
	if !strings.Contains(trace.String(), "trace: mark added disc:L4-L5 bulge\n") {
		t.Errorf("trace:\n%s", trace)
	}
	e.removeMark(0)
	if got := a.handouts.Marks(); len(got) != 1 || got[0].Structure != "nerve:L5:left" {
		t.Errorf("after removing: %+v", got)
	}
	e.setMarking(false)
	if a.handouts.diagramTapped("disc:L3-L4") {
		t.Error("mark mode did not end")
	}
	a.handouts.closeEditor("test", nil)
	test.Tap(findVisibleButton(t, a.win, "Discard changes"))
	if len(a.spine.marks) != 0 {
		t.Error("marks stay on the diagram after the editor closed")
	}
}

func TestCtrlSSavesAndStoreHasIt(t *testing.T) {
	a, db, _, trace := newDeskApp(t)
	p := addPatient(t, db, "José Núñez")
	a.Select("disc:L5-S")
	e := openEditorFor(t, a, p)
	if focusedEntry(t, a) != e.title {
		t.Error("the title is not focused when the editor opens")
	}
	e.title.SetText("Low back, visit 1")
	e.setMarking(true)
	a.handouts.diagramTapped("disc:L5-S")
	e.stretchBox[0].SetChecked(true)
	e.instructions.SetText("Twice a day, gently.")
	e.notes.SetText("Follow up in two weeks.")
	typeShortcut(a, shortcutSave)
	if e.Unsaved() {
		t.Fatal("Ctrl+S did not save")
	}
	hs, err := db.ListHandouts(context.Background(), p.ID)
	if err != nil || len(hs) != 1 {
		t.Fatalf("store has %d handouts, %v", len(hs), err)
	}
	h := hs[0]
	if h.Title != "Low back, visit 1" || h.Status != handout.Draft || len(h.Items) != 1 || len(h.Marks) != 1 ||
		len(h.HomeCare.Stretches) != 1 || h.HomeCare.Instructions != "Twice a day, gently." ||
		h.ClinicianNotes != "Follow up in two weeks." || len(h.SeekCare) == 0 {
		t.Errorf("stored %+v", h)
	}
	if !strings.Contains(trace.String(), "trace: handout saved 1 draft\n") {
		t.Errorf("trace:\n%s", trace)
	}
	// Ctrl+Shift+S saves the same handout as final: a new revision, same ID.
	typeShortcut(a, shortcutSaveFinal)
	got, _ := db.GetHandout(context.Background(), h.ID)
	if got.Status != handout.Final || got.Revision != 2 {
		t.Errorf("after Ctrl+Shift+S: status %s revision %d", got.Status, got.Revision)
	}
	if hs, _ := db.ListHandouts(context.Background(), p.ID); len(hs) != 1 {
		t.Errorf("saving again made %d handouts", len(hs))
	}
	// Reopened on the next visit (empty trail), its marks and structures
	// are back on the diagram.
	a.handouts.closeEditor("test", nil)
	a.trail.Clear()
	if len(a.spine.marks) != 0 || len(a.spine.discussed) != 0 {
		t.Fatalf("diagram still shows marks %v, tints %v", a.spine.marks, a.spine.discussed)
	}
	a.handouts.openHandout(h.ID)
	if len(a.spine.marks) != 1 || !slices.Equal(a.spine.discussed, []string{"disc:L5-S"}) {
		t.Errorf("reopened: diagram shows marks %v, tints %v", a.spine.marks, a.spine.discussed)
	}
}

func TestSaveErrorKeepsText(t *testing.T) {
	a, db, _, _ := newDeskApp(t)
	p := addPatient(t, db, "José Núñez")
	e := openEditorFor(t, a, p)
	long := strings.Repeat("x", store.MaxNameLen+1)
	e.title.SetText(long)
	e.notes.SetText("Important words.")
	if e.Save(handout.Draft) {
		t.Fatal("an overlong title was saved")
	}
	if e.title.Text != long || e.notes.Text != "Important words." {
		t.Error("the editor lost text after a failed save")
	}
	if !e.titleErr.Visible() || e.titleErr.Text == "" {
		t.Error("no message beside the title")
	}
	if !e.Unsaved() {
		t.Error("a failed save cleared the unsaved state")
	}
	e.date.SetText("next tuesday")
	e.title.SetText("Visit")
	if e.Save(handout.Draft) || !e.dateErr.Visible() {
		t.Error("an unreadable date was not refused beside the field")
	}
	e.date.SetText("2026-11-24")
	if !e.Save(handout.Draft) {
		t.Fatal("a corrected handout did not save")
	}
}

func TestAutosaveWritesDraftAfterQuiet(t *testing.T) {
	a, db, timers, trace := newDeskApp(t)
	p := addPatient(t, db, "José Núñez")
	a.Select("facet:L4-L5:left")
	e := openEditorFor(t, a, p)
	if timers.fire() != 0 {
		t.Error("opening the editor started an autosave")
	}
	test.Type(e.notes, "Stiff ")
	test.Type(e.notes, "in the mornings.")
	if got := timers.delays[len(timers.delays)-1]; got != autosaveDelay {
		t.Errorf("autosave waits %v, want %v", got, autosaveDelay)
	}
	if n := timers.fire(); n != 1 {
		t.Fatalf("%d autosaves ran after a burst of typing, want 1", n)
	}
	hs, err := db.ListHandouts(context.Background(), p.ID)
	if err != nil || len(hs) != 1 || hs[0].ClinicianNotes != "Stiff in the mornings." || hs[0].Status != handout.Draft {
		t.Fatalf("after autosave the store has %+v, %v", hs, err)
	}
	if !strings.Contains(trace.String(), "trace: handout autosaved 1\n") {
		t.Errorf("trace:\n%s", trace)
	}
	// More typing autosaves into the same handout, replacing its own revision.
	test.Type(e.notes, " Better by noon.")
	timers.fire()
	h, _ := db.GetHandout(context.Background(), hs[0].ID)
	if h.ClinicianNotes != "Stiff in the mornings. Better by noon." || h.Revision != 1 {
		t.Errorf("second autosave: %q revision %d", h.ClinicianNotes, h.Revision)
	}
	// Autosave does not count as saving: switching still asks.
	if !e.Unsaved() {
		t.Error("autosave cleared the unsaved state")
	}

	// Closing the window writes a pending autosave at once.
	test.Type(e.notes, " Sore again at night.")
	a.handouts.flush()
	if h, _ := db.GetHandout(context.Background(), hs[0].ID); !strings.HasSuffix(h.ClinicianNotes, "Sore again at night.") {
		t.Errorf("flush on close did not autosave: %q", h.ClinicianNotes)
	}
	if timers.fire() != 0 {
		t.Error("the flushed autosave ran again")
	}

	// Reopening restores the draft where it was autosaved.
	a.handouts.closeEditor("test", nil)
	test.Tap(findVisibleButton(t, a.win, "Discard changes"))
	if a.handouts.editor != nil {
		t.Fatal("editor still open")
	}
	a.handouts.openHandout(h.ID)
	if a.handouts.editor == nil || a.handouts.editor.notes.Text != "Stiff in the mornings. Better by noon. Sore again at night." {
		t.Fatal("reopening did not restore the autosaved draft")
	}

}

func TestSwitchingPatientWithUnsavedChangesAsks(t *testing.T) {
	a, db, _, _ := newDeskApp(t)
	jose := addPatient(t, db, "José Núñez")
	zoe := addPatient(t, db, "Zoë Łukasiewicz")
	e := openEditorFor(t, a, jose)
	e.notes.SetText("Unsaved words.")

	a.handouts.choosePatient(zoe, nil)
	if a.handouts.Patient().ID != jose.ID || a.handouts.editor != e {
		t.Fatal("switched without asking")
	}
	test.Tap(findVisibleButton(t, a.win, "Cancel"))
	if a.handouts.Patient().ID != jose.ID || e.notes.Text != "Unsaved words." {
		t.Fatal("Cancel did not keep the patient and the text")
	}

	a.handouts.choosePatient(zoe, nil)
	test.Tap(findVisibleButton(t, a.win, "Save"))
	if a.handouts.Patient().ID != zoe.ID || a.handouts.editor != nil {
		t.Fatal("Save did not switch")
	}
	if a.handouts.chip.Text != "Patient: Zoë Łukasiewicz" {
		t.Errorf("chip = %q", a.handouts.chip.Text)
	}
	hs, _ := db.ListHandouts(context.Background(), jose.ID)
	if len(hs) != 1 || hs[0].ClinicianNotes != "Unsaved words." {
		t.Errorf("José's handout was not saved: %+v", hs)
	}

	// Without changes, switching does not ask.
	openEditorFor(t, a, zoe)
	a.handouts.choosePatient(jose, nil)
	if a.handouts.Patient().ID != jose.ID {
		t.Error("switching with nothing unsaved asked or failed")
	}
}

// The keyboard flow the end-to-end test drives: Ctrl+H with no patients
// opens "Add patient" with the name focused; Enter saves and opens the
// editor; Ctrl+S saves the handout.
func TestKeyboardFlowFromNoPatient(t *testing.T) {
	a, db, _, trace := newDeskApp(t)
	a.Select("vertebra:L4")
	typeShortcut(a, shortcutMakeHandout)
	name := focusedEntry(t, a)
	test.Type(name, "José Núñez")
	pressEnter(name)
	e := a.handouts.editor
	if e == nil {
		t.Fatal("Enter in the name field did not open the editor")
	}
	if focusedEntry(t, a) != e.title {
		t.Error("the editor's title is not focused")
	}
	typeShortcut(a, shortcutSave)
	ps, _ := db.SearchPatients(context.Background(), "", false, 0)
	if len(ps) != 1 {
		t.Fatalf("%d patients", len(ps))
	}
	hs, _ := db.ListHandouts(context.Background(), ps[0].ID)
	if len(hs) != 1 || len(hs[0].Items) != 1 {
		t.Fatalf("handouts %+v", hs)
	}
	for _, line := range []string{"trace: patient added 1", "trace: patient chosen 1", "trace: handout editor opened new", "trace: handout saved 1 draft"} {
		if !strings.Contains(trace.String(), line+"\n") {
			t.Errorf("trace lacks %q:\n%s", line, trace)
		}
	}

	// With patients on file, Ctrl+H asks who it is for; typing and Enter
	// chooses the first match.
	a.handouts.closeEditor("test", nil)
	a.handouts.patient = nil
	addPatient(t, db, "Zoë Łukasiewicz")
	typeShortcut(a, shortcutMakeHandout)
	search := focusedEntry(t, a)
	test.Type(search, "zoe")
	pressEnter(search)
	if a.handouts.Patient() == nil || a.handouts.Patient().Name != "Zoë Łukasiewicz" || a.handouts.editor == nil {
		t.Fatal("choosing by keyboard did not open Zoë's handout")
	}

	// Choosing whom it is for, a patient added there gets the handout.
	a.handouts.closeEditor("test", nil)
	a.handouts.patient = nil
	typeShortcut(a, shortcutMakeHandout)
	test.Tap(findVisibleButton(t, a.win, "Add patient"))
	name = focusedEntry(t, a)
	test.Type(name, "Nguyễn Văn An")
	pressEnter(name)
	if a.handouts.Patient() == nil || a.handouts.Patient().Name != "Nguyễn Văn An" || a.handouts.editor == nil {
		t.Fatal("a patient added while choosing did not get the handout")
	}
}

// Ctrl+M with the editor scrolled to the top (a long list of explanations)
// brings the mark tools and the legend into view, on the handout tab.
func TestMarkModeShowsTheMarkTools(t *testing.T) {
	a, db, _, _ := newDeskApp(t)
	p := addPatient(t, db, "José Núñez")
	for _, id := range []string{"vertebra:L1", "vertebra:L2", "vertebra:L3", "vertebra:L4", "vertebra:L5",
		"disc:L1-L2", "disc:L2-L3", "disc:L3-L4", "disc:L4-L5", "disc:L5-S", "nerve:L4:left", "nerve:L5:left"} {
		a.Select(id)
	}
	e := openEditorFor(t, a, p)
	e.tabs.SelectIndex(explanationTab)
	a.win.Canvas().Capture() // lay the window out
	top := e.markSection.Position().Y
	if top < e.scroll.Size().Height {
		t.Fatalf("the mark tools (at %v) are in view already in a %v-tall pane: the test shows nothing", top, e.scroll.Size().Height)
	}
	typeShortcut(a, shortcutMarkMode)
	if e.tabs.SelectedIndex() != handoutTab {
		t.Error("Ctrl+M left the handout tab hidden")
	}
	if off := e.scroll.Offset.Y; top < off || top > off+e.scroll.Size().Height {
		t.Errorf("mark tools at %v, view %v..%v: not in view", top, off, off+e.scroll.Size().Height)
	}
}
