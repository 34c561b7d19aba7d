package ui

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"chairside/internal/store"
)

// rectOf is obj's place in the window, in units.
func rectOf(obj fyne.CanvasObject) (fyne.Position, fyne.Size) {
	return fyne.CurrentApp().Driver().AbsolutePositionForObject(obj), obj.Size()
}

func overlap(a, b fyne.CanvasObject) bool {
	pa, sa := rectOf(a)
	pb, sb := rectOf(b)
	return pa.X < pb.X+sb.Width && pb.X < pa.X+sa.Width && pa.Y < pb.Y+sb.Height && pb.Y < pa.Y+sa.Height
}

// A notice never covers a button: it sat over the editor's Preview, Save
// as final and Save.
func TestNoticeDoesNotCoverTheEditorsButtons(t *testing.T) {
	a, db, _, _ := newDeskApp(t)
	p := addPatient(t, db, "José Núñez")
	openEditorFor(t, a, p)
	a.ShowNotice("Exported: /home/clinic/Nunez_Jose_2026-11-24_handout.pdf. A long message that wraps onto a second and a third line of the notice.", true)
	a.win.Canvas().Capture()
	card := a.data.notices.list.Objects[0]
	for _, name := range []string{"Save (Ctrl+S)", "Save as final", "Preview / print", "Close"} {
		if b := findVisibleButton(t, a.win, name); overlap(card, b) {
			t.Errorf("the notice covers %q", name)
		}
	}
	if _, s := rectOf(card); s.Height < 40 {
		t.Errorf("the notice is %v high", s.Height)
	}
}

// The editor fits a 1024×700 window beside the diagram without making the
// window grow, and the wheel over its notes scrolls the editor.
func TestEditorFitsASmallWindowAndScrollsAsOne(t *testing.T) {
	a, db, _, _ := newDeskApp(t)
	p := addPatient(t, db, "José Núñez")
	for _, id := range []string{"vertebra:L4", "disc:L4-L5", "nerve:L5:left", "facet:L4-L5:left"} {
		a.Select(id)
	}
	e := openEditorFor(t, a, p)
	a.win.Resize(fyne.NewSize(1024, 700))
	if m := a.win.Content().MinSize(); m.Width > 1024 || m.Height > 700 {
		t.Fatalf("with the editor open the window needs %v, more than 1024×700", m)
	}
	a.win.Canvas().Capture()
	pos, size := rectOf(e.notes)
	e.scroll.ScrollToTop()
	if e.scroll.Content.Size().Height <= e.scroll.Size().Height {
		t.Skip("the editor fits without scrolling at this size")
	}
	// Scroll the notes into view, then wheel over them.
	e.scroll.Offset.Y = min(pos.Y, e.scroll.Content.Size().Height-e.scroll.Size().Height) - 10
	e.scroll.Refresh()
	a.win.Canvas().Capture()
	pos, size = rectOf(e.notes)
	before := e.scroll.Offset.Y
	test.Scroll(a.win.Canvas(), pos.Add(fyne.NewPos(size.Width/2, min(size.Height/2, 20))), 0, 30)
	if e.scroll.Offset.Y == before {
		t.Fatal("the wheel over the notes did not scroll the editor")
	}
	// A long note makes its field taller instead of scrolling inside it.
	h := e.notes.MinSize().Height
	e.notes.SetText(strings.Repeat("Walk for ten minutes after each meal. ", 40))
	if e.notes.MinSize().Height <= h {
		t.Error("the notes field did not grow with its text")
	}
}

// A field's message goes once the field is edited.
func TestValidationMessagesGoWhenFixed(t *testing.T) {
	a, db, _, _ := newDeskApp(t)
	p := addPatient(t, db, "José Núñez")
	e := openEditorFor(t, a, p)
	e.date.SetText("24/11/2026")
	if e.Save(e.statusChoice()) {
		t.Fatal("saved with an unreadable date")
	}
	test.Tap(findVisibleButton(t, a.win, "OK")) // the error dialog
	if !e.dateErr.Visible() {
		t.Fatal("no message beside the date")
	}
	e.date.SetText("2026-11-24")
	if e.dateErr.Visible() {
		t.Error("the date's message stayed after the date was fixed")
	}

	a.handouts.ShowPatients()
	s := a.handouts.screen
	s.addPatient("")
	f := focusedEntry(t, a)
	pressEnter(f) // no name
	form := a.win.Canvas().Overlays().Top()
	messages := func() []string {
		var out []string
		for _, l := range walk(form) {
			if lb, ok := l.(*widget.Label); ok && lb.Importance == widget.DangerImportance && lb.Visible() && lb.Text != "" {
				out = append(out, lb.Text)
			}
		}
		return out
	}
	if len(messages()) == 0 {
		t.Fatal("no message for the missing name")
	}
	test.Type(f, "Ann Lee")
	if m := messages(); len(m) > 0 {
		t.Errorf("messages %q stay after typing the name", m)
	}
}

// Adding a patient already on file (same name, accents and case ignored,
// same birth date) is flagged, with a way to open the one on file; a new
// patient becomes this visit's patient.
func TestDuplicatePatientIsFlagged(t *testing.T) {
	a, db, _, trace := newDeskApp(t)
	dob := time.Date(1980, 5, 17, 0, 0, 0, 0, time.UTC)
	onFile := &store.Patient{Name: "José Núñez", DOB: &dob}
	if err := db.CreatePatient(context.Background(), onFile); err != nil {
		t.Fatal(err)
	}
	a.handouts.ShowPatients()
	s := a.handouts.screen
	s.addPatient("")
	name := focusedEntry(t, a)
	test.Type(name, "jose  NUNEZ")
	var dobField *shortcutEntry
	for _, o := range walk(a.win.Canvas().Overlays().Top()) {
		if e, ok := o.(*shortcutEntry); ok && e.PlaceHolder == "YYYY-MM-DD (optional)" {
			dobField = e
		}
	}
	test.Type(dobField, "1980-05-17")
	pressEnter(name)
	ps, _ := db.SearchPatients(context.Background(), "", true, 0)
	if len(ps) != 1 {
		t.Fatalf("the same person was added again: %d patients", len(ps))
	}
	test.Tap(findVisibleButton(t, a.win, "Open the patient on file"))
	if s.selected == nil || s.selected.ID != onFile.ID {
		t.Fatal("the patient on file is not shown")
	}
	if !strings.Contains(trace.String(), "trace: duplicate patient found 1\n") {
		t.Errorf("trace:\n%s", trace)
	}

	// Another birth date is another person; the new patient is this visit's.
	s.addPatient("José Núñez")
	name = focusedEntry(t, a)
	for _, o := range walk(a.win.Canvas().Overlays().Top()) {
		if e, ok := o.(*shortcutEntry); ok && e.PlaceHolder == "YYYY-MM-DD (optional)" {
			test.Type(e, "1990-01-02")
		}
	}
	pressEnter(name)
	ps, _ = db.SearchPatients(context.Background(), "", true, 0)
	if len(ps) != 2 {
		t.Fatalf("%d patients after adding another José Núñez", len(ps))
	}
	if got := a.handouts.Patient(); got == nil || got.ID == onFile.ID {
		t.Fatalf("the new patient is not this visit's: %+v", got)
	}

	// "Add as a new patient" adds the same name and date on purpose.
	s.addPatient("JOSÉ NÚÑEZ")
	name = focusedEntry(t, a)
	for _, o := range walk(a.win.Canvas().Overlays().Top()) {
		if e, ok := o.(*shortcutEntry); ok && e.PlaceHolder == "YYYY-MM-DD (optional)" {
			test.Type(e, "1980-05-17")
		}
	}
	pressEnter(name)
	test.Tap(findVisibleButton(t, a.win, "Add as a new patient"))
	ps, _ = db.SearchPatients(context.Background(), "", true, 0)
	if len(ps) != 3 {
		t.Fatalf("%d patients after Add as a new patient", len(ps))
	}
}

// Ctrl+W closes the editor, asking first when there are unsaved changes.
func TestCtrlWClosesTheEditor(t *testing.T) {
	a, db, _, _ := newDeskApp(t)
	p := addPatient(t, db, "José Núñez")
	e := openEditorFor(t, a, p)
	e.notes.SetText("Unsaved words.")
	typeShortcut(a, shortcutCloseEditor)
	if a.handouts.editor == nil {
		t.Fatal("Ctrl+W closed an editor with unsaved changes without asking")
	}
	test.Tap(findVisibleButton(t, a.win, "Discard changes"))
	if a.handouts.editor != nil {
		t.Fatal("the editor is still open")
	}
	openEditorFor(t, a, p)
	typeShortcut(a, shortcutCloseEditor)
	if a.handouts.editor != nil {
		t.Fatal("Ctrl+W did not close a saved editor")
	}
	if shortcutCloseEditor.Modifier != fyne.KeyModifierShortcutDefault {
		t.Error("Ctrl+W is not Cmd+W on macOS")
	}
}

// Escape takes the first button of any dialog (its way out), Enter the main one.
func TestEscapeAndEnterInDialogs(t *testing.T) {
	a, _ := newTestApp(t)
	answered := ""
	ask := func() {
		dialog.ShowConfirm("Archive this patient?", "Nothing is deleted.", func(ok bool) {
			if ok {
				answered = "yes"
			} else {
				answered = "no"
			}
		}, a.win)
	}
	ask()
	press(a, fyne.KeyEscape)
	if answered != "no" || a.win.Canvas().Overlays().Top() != nil {
		t.Fatalf("Escape: answered %q", answered)
	}
	ask()
	press(a, fyne.KeyReturn)
	if answered != "yes" || a.win.Canvas().Overlays().Top() != nil {
		t.Fatalf("Enter: answered %q", answered)
	}
	a.showTopics()
	press(a, fyne.KeyEscape)
	if a.win.Canvas().Overlays().Top() != nil {
		t.Fatal("Escape did not close the topics")
	}
}

// Archive looks like keeping, not like the bin; a long name is cut with an
// ellipsis in the list and the birth date stays in full.
func TestArchiveIconAndLongNames(t *testing.T) {
	a, db, _, _ := newDeskApp(t)
	dob := time.Date(1980, 5, 17, 0, 0, 0, 0, time.UTC)
	long := &store.Patient{Name: "Maria de los Ángeles Fernández-Castillo y Rodríguez de la Peña", DOB: &dob}
	if err := db.CreatePatient(context.Background(), long); err != nil {
		t.Fatal(err)
	}
	a.handouts.ShowPatients()
	s := a.handouts.screen
	s.show(long)
	b := findVisibleButton(t, a.win, "Archive")
	if b.Icon == nil || strings.Contains(b.Icon.Name(), "delete") {
		t.Errorf("Archive's icon is %v", b.Icon)
	}
	row := newPatientRow()
	setPatientRow(row, long)
	nameLabel, born := row.(*fyne.Container).Objects[0].(*widget.Label), row.(*fyne.Container).Objects[1].(*widget.Label)
	if nameLabel.Truncation != fyne.TextTruncateEllipsis || born.Text != "born 1980-05-17" {
		t.Errorf("row: truncation %v, born %q", nameLabel.Truncation, born.Text)
	}
	row.Resize(fyne.NewSize(260, row.MinSize().Height))
	if born.Size().Width < born.MinSize().Width {
		t.Error("the birth date is cut in a narrow list")
	}
}
