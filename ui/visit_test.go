package ui

import (
	"context"
	"fmt"
	"image/color"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"chairside/internal/anatomy"
	"chairside/internal/handout"
)

// onScreen reports whether obj is drawn in the window's content: reached
// from it through visible objects only, with a size.
func onScreen(w fyne.Window, obj fyne.CanvasObject) bool {
	var seen bool
	var visit func(o fyne.CanvasObject)
	visit = func(o fyne.CanvasObject) {
		if seen || o == nil || !o.Visible() {
			return
		}
		if o == obj {
			seen = o.Size().Width > 0 && o.Size().Height > 0
			return
		}
		switch x := o.(type) {
		case *fyne.Container:
			for _, c := range x.Objects {
				visit(c)
			}
		case fyne.Widget:
			if _, isLabel := x.(*widget.Label); isLabel {
				return
			}
			for _, c := range test.WidgetRenderer(x).Objects() {
				visit(c)
			}
		}
	}
	visit(w.Content())
	return seen
}

// assertPanelExplains taps id on the diagram and checks that the
// explanation panel is on screen and shows it.
func assertPanelExplains(t *testing.T, a *App, id string) {
	t.Helper()
	a.win.Canvas().Capture() // lays the window out, as a frame would
	test.TapAt(a.spine, pointOn(t, a.spine, id))
	if a.Selected() != id {
		t.Fatalf("tap on %s selected %q", id, a.Selected())
	}
	a.win.Canvas().Capture()
	if !onScreen(a.win, a.panel.root) {
		t.Fatalf("after tapping %s the explanation panel is not on screen", id)
	}
	if a.panel.Current() != id {
		t.Fatalf("the panel shows %q, want %s", a.panel.Current(), id)
	}
}

// Closing the handout editor, whichever way, puts the explanation panel
// back: it used to stay hidden behind the closed editor's tab, so a tap
// highlighted a structure and no text appeared anywhere.
func TestClosingTheEditorBringsThePanelBack(t *testing.T) {
	cases := []struct {
		name  string
		close func(t *testing.T, a *App, e *handoutEditor)
	}{
		{"Close", func(t *testing.T, a *App, e *handoutEditor) {
			test.Tap(findVisibleButton(t, a.win, "Close"))
		}},
		{"Save in the unsaved-changes prompt", func(t *testing.T, a *App, e *handoutEditor) {
			e.notes.SetText("Walk daily.")
			test.Tap(findVisibleButton(t, a.win, "Close"))
			test.Tap(findVisibleButton(t, a.win, "Save"))
		}},
		{"Discard in the unsaved-changes prompt", func(t *testing.T, a *App, e *handoutEditor) {
			e.notes.SetText("Walk daily.")
			test.Tap(findVisibleButton(t, a.win, "Close"))
			test.Tap(findVisibleButton(t, a.win, "Discard changes"))
		}},
		{"switching patient", func(t *testing.T, a *App, e *handoutEditor) {
			zoe := addPatient(t, a.DB(), "Zoë Łukasiewicz")
			a.handouts.choosePatient(zoe, nil)
		}},
		{"switching patient after a tap on the diagram", func(t *testing.T, a *App, e *handoutEditor) {
			assertPanelExplains(t, a, "vertebra:L3") // joins the handout: unsaved
			zoe := addPatient(t, a.DB(), "Zoë Łukasiewicz")
			a.handouts.choosePatient(zoe, nil)
			test.Tap(findVisibleButton(t, a.win, "Save"))
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			a, db, _, _ := newDeskApp(t)
			p := addPatient(t, db, "José Núñez")
			a.Select("disc:L4-L5")
			e := openEditorFor(t, a, p)
			a.win.Canvas().Capture()
			c.close(t, a, e)
			if a.handouts.editor != nil {
				t.Fatal("the editor is still open")
			}
			assertPanelExplains(t, a, "vertebra:L4")

			// Presentation mode shows the panel too, and leaving it keeps it.
			press(a, fyne.KeyF11)
			assertPanelExplains(t, a, "vertebra:L5")
			press(a, fyne.KeyF11)
			assertPanelExplains(t, a, "nerve:L5:left")
			if !onScreen(a.win, a.trailView.root) {
				t.Error("the trail is not on screen after presentation mode")
			}
		})
	}
}

// A visit belongs to one patient: after switching patient, Make handout
// holds nothing of the previous patient's visit.
func TestSwitchingPatientStartsAnEmptyVisit(t *testing.T) {
	a, db, _, trace := newDeskApp(t)
	jose := addPatient(t, db, "José Núñez")
	zoe := addPatient(t, db, "Zoë Łukasiewicz")
	a.Select("disc:L4-L5")
	e := openEditorFor(t, a, jose)
	a.Select("nerve:L5:left")
	if got := refs(e.items); !slices.Equal(got, []string{"disc:L4-L5", "nerve:L5:left"}) {
		t.Fatalf("José's handout: %v", got)
	}
	e.notes.SetText("Unsaved words.")

	a.handouts.choosePatient(zoe, nil)
	test.Tap(findVisibleButton(t, a.win, "Save")) // the unsaved-changes prompt
	if a.handouts.Patient().ID != zoe.ID {
		t.Fatal("did not switch to Zoë")
	}
	if a.Trail().Len() != 0 || a.Selected() != "" || a.panel.Current() != "" {
		t.Fatalf("Zoë's visit starts with trail %v, selected %q, panel %q", a.Trail().IDs(), a.Selected(), a.panel.Current())
	}
	if !a.panel.back.Disabled() {
		t.Error("Back still leads into José's visit")
	}
	a.handouts.MakeHandout()
	if e := a.handouts.editor; e == nil || len(e.items) != 0 {
		t.Fatalf("Zoë's new handout holds %v", refs(a.handouts.editor.items))
	}
	a.handouts.closeEditor("test", nil)

	// Cancel in the prompt keeps everything: patient, trail and text.
	a.Select("vertebra:C5")
	e = openEditorFor(t, a, zoe)
	e.notes.SetText("More words.")
	a.handouts.choosePatient(jose, nil)
	test.Tap(findVisibleButton(t, a.win, "Cancel"))
	if a.handouts.Patient().ID != zoe.ID || !slices.Equal(a.Trail().IDs(), []string{"vertebra:C5"}) {
		t.Fatalf("Cancel changed the visit: patient %d, trail %v", a.handouts.Patient().ID, a.Trail().IDs())
	}

	// A list made before any patient was chosen goes to the first one chosen.
	a.handouts.closeEditor("test", nil)
	test.Tap(findVisibleButton(t, a.win, "Discard changes"))
	a.handouts.patient = nil
	a.trailView.refresh()
	a.handouts.choosePatient(jose, nil)
	if !slices.Equal(a.Trail().IDs(), []string{"vertebra:C5"}) {
		t.Fatalf("choosing the first patient emptied the list: %v", a.Trail().IDs())
	}
	if !strings.Contains(trace.String(), "trace: patient chosen 2\n") {
		t.Errorf("trace:\n%s", trace)
	}
}

// "New visit" asks, closes the editor (asking about unsaved changes
// first) and leaves no patient and an empty list.
func TestNewVisitEmptiesTheVisit(t *testing.T) {
	a, db, _, trace := newDeskApp(t)
	jose := addPatient(t, db, "José Núñez")
	a.Select("disc:L4-L5")
	e := openEditorFor(t, a, jose)
	e.notes.SetText("Unsaved words.")

	test.Tap(findButton(t, a.trailView.root, "New visit"))
	test.Tap(findVisibleButton(t, a.win, "Cancel")) // the unsaved-changes prompt
	if a.handouts.editor != e || a.Trail().Len() != 1 || a.handouts.Patient() == nil {
		t.Fatal("Cancel did not keep the visit")
	}
	test.Tap(findButton(t, a.trailView.root, "New visit"))
	test.Tap(findVisibleButton(t, a.win, "Save"))
	if a.handouts.editor != nil || a.Trail().Len() != 0 || a.handouts.Patient() != nil {
		t.Fatalf("after New visit: editor %v, trail %v, patient %v", a.handouts.editor != nil, a.Trail().IDs(), a.handouts.Patient())
	}
	if a.handouts.chip.Text != "No patient" {
		t.Errorf("chip %q", a.handouts.chip.Text)
	}
	hs, _ := db.ListHandouts(context.Background(), jose.ID)
	if len(hs) != 1 || hs[0].ClinicianNotes != "Unsaved words." {
		t.Errorf("José's handout was not saved: %+v", hs)
	}

	// Without an editor it asks once; No keeps the list.
	a.Select("vertebra:L4")
	test.Tap(findButton(t, a.trailView.root, "New visit"))
	test.Tap(findVisibleButton(t, a.win, "Cancel"))
	if a.Trail().Len() != 1 {
		t.Fatal("Cancel emptied the list")
	}
	test.Tap(findButton(t, a.trailView.root, "New visit"))
	test.Tap(findVisibleButton(t, a.win, "New visit"))
	if a.Trail().Len() != 0 {
		t.Fatal("New visit did not empty the list")
	}
	if !strings.Contains(trace.String(), "trace: new visit\n") {
		t.Errorf("trace:\n%s", trace)
	}
}

// Walking with the arrow keys previews: the panel explains each level,
// nothing joins the visit until it is tapped or pinned (Enter or the
// panel's button).
func TestWalkingPreviewsAndEnterPins(t *testing.T) {
	a, _ := newTestApp(t)
	a.Select("vertebra:L4")
	press(a, fyne.KeyUp)
	press(a, fyne.KeyUp)
	if a.Selected() != "vertebra:L2" || a.panel.Current() != "vertebra:L2" {
		t.Fatalf("walked to %q, panel %q", a.Selected(), a.panel.Current())
	}
	if got := a.Trail().IDs(); !slices.Equal(got, []string{"vertebra:L4"}) {
		t.Fatalf("walking added to the visit: %v", got)
	}
	if !a.panel.pin.Visible() || a.panel.pin.Disabled() {
		t.Fatal("the panel offers no way to add the previewed level")
	}
	press(a, fyne.KeyReturn)
	if got := a.Trail().IDs(); !slices.Equal(got, []string{"vertebra:L4", "vertebra:L2"}) {
		t.Fatalf("Enter did not pin L2: %v", got)
	}
	if !a.panel.pin.Disabled() || a.panel.pin.Text != "On this visit" {
		t.Errorf("pin button after pinning: %q disabled=%v", a.panel.pin.Text, a.panel.pin.Disabled())
	}
	press(a, fyne.KeyDown)
	test.Tap(a.panel.pin)
	if got := a.Trail().IDs(); !slices.Equal(got, []string{"vertebra:L4", "vertebra:L2", "vertebra:L3"}) {
		t.Fatalf("the pin button did not add L3: %v", got)
	}
	// A topic can be pinned too, and goes on the handout.
	a.openID("topic:cracking-your-back")
	press(a, fyne.KeyReturn)
	if !a.Trail().Has("topic:cracking-your-back") {
		t.Fatalf("Enter on a topic did not pin it: %v", a.Trail().IDs())
	}
}

// What the clinician removed in the editor stays removed for the visit:
// walking past it, tapping it again or making the handout again does not
// bring it back; pinning it does.
func TestRemovedStaysRemovedUntilPinned(t *testing.T) {
	a, db, _, _ := newDeskApp(t)
	p := addPatient(t, db, "José Núñez")
	a.Select("vertebra:L4")
	a.Select("disc:L4-L5")
	e := openEditorFor(t, a, p)
	e.removeItem(1) // disc:L4-L5
	if a.Trail().Has("disc:L4-L5") {
		t.Fatal("removing in the editor left it on the visit's list")
	}
	a.Select("disc:L3-L4") // the walk passes it, a tap brings the disc above
	press(a, fyne.KeyDown)
	press(a, fyne.KeyUp)
	press(a, fyne.KeyDown)
	if a.Selected() != "disc:L4-L5" {
		t.Fatalf("walked to %q", a.Selected())
	}
	a.Select("disc:L4-L5") // tapped again: explained, not added back
	if got := refs(e.items); !slices.Equal(got, []string{"vertebra:L4", "disc:L3-L4"}) {
		t.Fatalf("the handout after walking and tapping: %v", got)
	}
	if a.panel.pin.Text != "Add back to this visit (Enter)" {
		t.Errorf("pin button %q", a.panel.pin.Text)
	}
	a.handouts.closeEditor("test", nil)
	test.Tap(findVisibleButton(t, a.win, "Discard changes"))
	a.handouts.MakeHandout()
	e = a.handouts.editor
	if got := refs(e.items); !slices.Equal(got, []string{"vertebra:L4", "disc:L3-L4"}) {
		t.Fatalf("making the handout again brought it back: %v", got)
	}
	test.Tap(a.panel.pin)
	if got := refs(e.items); !slices.Equal(got, []string{"vertebra:L4", "disc:L3-L4", "disc:L4-L5"}) {
		t.Fatalf("pinning did not put it back on the handout: %v", got)
	}

	// A tap on the diagram takes the keyboard from the editor's fields, so
	// the arrow keys walk from there.
	e.focus()
	a.win.Canvas().Capture()
	test.TapAt(a.spine, pointOn(t, a.spine, "vertebra:L4"))
	if f := a.win.Canvas().Focused(); f != nil {
		t.Errorf("after a tap on the diagram the keys go to %T", f)
	}

	// The cross on the visit's list removes it from the open handout too.
	test.Tap(findButtonWithIcon(t, a.trailView.entries.Objects[0]))
	if a.Trail().Has("vertebra:L4") || slices.Contains(refs(e.items), "vertebra:L4") {
		t.Fatalf("the list's cross: trail %v, handout %v", a.Trail().IDs(), refs(e.items))
	}
}

// findButtonWithIcon is the icon-only button in a row (the list's cross).
func findButtonWithIcon(t *testing.T, o fyne.CanvasObject) *widget.Button {
	t.Helper()
	for _, x := range walk(o) {
		if b, ok := x.(*widget.Button); ok && b.Text == "" && b.Icon != nil {
			return b
		}
	}
	t.Fatal("no icon button")
	return nil
}

// "Who is this handout for?": Enter with several patients and none
// highlighted chooses no one; the arrows move a highlight that Enter takes.
func TestChoosingWhoTheHandoutIsForByKeyboard(t *testing.T) {
	a, db, _, _ := newDeskApp(t)
	addPatient(t, db, "Ann Lee")
	addPatient(t, db, "Anna Berg")
	addPatient(t, db, "Zoë Łukasiewicz")
	a.Select("disc:L4-L5")
	typeShortcut(a, shortcutMakeHandout)
	search := focusedEntry(t, a)
	s := a.handouts.screen
	if s == nil || search != s.search {
		t.Fatal("the search field of \"Who is this handout for?\" is not focused")
	}
	pressEnter(search)
	if a.handouts.Patient() != nil || a.handouts.editor != nil {
		t.Fatal("Enter with three patients and none highlighted chose one")
	}
	test.Type(search, "ann")
	if len(s.results) != 2 {
		t.Fatalf("typing narrowed to %d", len(s.results))
	}
	pressEnter(search)
	if a.handouts.Patient() != nil {
		t.Fatal("Enter with two matches chose one")
	}
	search.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	search.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	if s.cursor != 1 || s.selected == nil || s.selected.ID != s.results[1].ID {
		t.Fatalf("two Downs: cursor %d", s.cursor)
	}
	search.TypedKey(&fyne.KeyEvent{Name: fyne.KeyUp})
	want := s.results[0]
	if focusedEntry(t, a) != search {
		t.Error("the arrows took the focus from the search field")
	}
	pressEnter(search)
	if a.handouts.Patient() == nil || a.handouts.Patient().ID != want.ID || a.handouts.editor == nil {
		t.Fatalf("Enter did not take the highlighted patient %q", want.Name)
	}
}

// Escape closes the patients screen from the list too (a click focuses it).
func TestEscapeClosesPatientsFromTheList(t *testing.T) {
	a, db, _, _ := newDeskApp(t)
	addPatient(t, db, "Ann Lee")
	a.handouts.ShowPatients()
	s := a.handouts.screen
	a.win.Canvas().Capture()
	var row fyne.Tappable
	for _, o := range walk(s.list) {
		if tp, ok := o.(fyne.Tappable); ok && fmt.Sprintf("%T", o) == "*widget.listItem" {
			row = tp
			break
		}
	}
	if row == nil {
		t.Fatal("no row in the patients list")
	}
	row.Tapped(&fyne.PointEvent{})
	if s.cursor != 0 {
		t.Fatalf("a click on the first row: cursor %d", s.cursor)
	}
	if a.win.Canvas().Focused() != s.search {
		t.Fatalf("after a click in the list the focus is on %T", a.win.Canvas().Focused())
	}
	s.search.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if a.handouts.screen != nil {
		t.Fatal("Escape did not close the patients screen")
	}
}

// Presentation mode is sized for a patient two metres away: on a
// 1080-pixel-high screen body text is at least 32 px, headings 44 px and
// diagram labels 24 px, and it all grows with the screen's height.
func TestPresentationTypeScalesWithTheScreen(t *testing.T) {
	for _, h := range []float32{1080, 1440, 2160} {
		sc := presentationScales(h)
		th := newChairsideTheme(sc.panel)
		k := h / presentScreenPx
		if got := th.Size(sizePanelText); got < 32*k {
			t.Errorf("%v px high: body text %v px, want at least %v", h, got, 32*k)
		}
		if got := th.Size(sizePanelHeading); got < 44*k {
			t.Errorf("%v px high: headings %v px, want at least %v", h, got, 44*k)
		}
		if got := sc.diagram * diagramLabelPx; got < float64(24*k) {
			t.Errorf("%v px high: diagram labels %v px, want at least %v", h, got, 24*k)
		}
	}
	if a, b := presentationScales(1080), presentationScales(2160); b.panel < 1.9*a.panel {
		t.Errorf("type on a 2160-high screen (%v) is not about twice that on 1080 (%v)", b.panel, a.panel)
	}
}

// While presenting, the diagram fills the height, and a bar of buttons
// does what the keys do: views, zoom presets, the other side, leaving.
func TestPresentationBarWorksWithoutAKeyboard(t *testing.T) {
	a, _ := newTestApp(t)
	a.win.Resize(fyne.NewSize(1920, 1080))
	a.Select("facet:L4-L5:left")
	test.Tap(findButton(t, a.toolbarBox, "Present"))
	a.win.Canvas().Capture()
	if got, want := a.spine.Size().Height, 0.9*a.win.Canvas().Size().Height; got < want {
		t.Errorf("the diagram is %v high of the window's %v", got, a.win.Canvas().Size().Height)
	}
	if got := a.fyneApp.Settings().Theme().Size(sizePanelText); got < 32 {
		t.Errorf("presenting on a 1080-high window: body text %v", got)
	}
	test.Tap(findButton(t, a.presentBar, "Other side"))
	if a.Selected() != "facet:L4-L5:right" {
		t.Fatalf("Other side selected %q", a.Selected())
	}
	test.Tap(findButton(t, a.presentBar, "Side view"))
	if a.spine.View() != anatomy.Lateral {
		t.Error("the bar's Side view did not turn the diagram")
	}
	if b := findButton(t, a.presentBar, "Side view"); b.Importance != widget.HighImportance {
		t.Error("the bar does not show which view is on")
	}
	test.Tap(findButton(t, a.presentBar, anatomy.PresetName(anatomy.Presets()[1])))
	if a.spine.preset != anatomy.Presets()[1] {
		t.Errorf("the bar's preset button: preset %v", a.spine.preset)
	}
	a.ClearSelection()
	if !findButton(t, a.presentBar, "Other side").Disabled() {
		t.Error("Other side is enabled with nothing selected")
	}
	test.Tap(findButton(t, a.presentBar, "Leave full screen"))
	if a.Presenting() || a.presentBar.Visible() {
		t.Fatal("Leave full screen did not leave")
	}
	if got := a.fyneApp.Settings().Theme().Size(theme.SizeNameText); got != theme.DefaultTheme().Size(theme.SizeNameText) {
		t.Errorf("controls' text stays %v after presenting", got)
	}
}

// Settings offers Light, Dark and System; the choice applies at once and
// is kept. System follows the variant Fyne asks for (FYNE_THEME, the desktop).
func TestThemeChoice(t *testing.T) {
	a, _ := newTestApp(t)
	bg := func() color.Color {
		return a.fyneApp.Settings().Theme().Color(theme.ColorNameBackground, theme.VariantLight)
	}
	if themeChoice() != themeSystem {
		t.Fatalf("default theme %q, want system", themeChoice())
	}
	sys := newChairsideTheme(1)
	if sys.Color(theme.ColorNameBackground, theme.VariantDark) == sys.Color(theme.ColorNameBackground, theme.VariantLight) {
		t.Error("System draws the same in a dark and a light desktop")
	}
	a.SetThemeChoice(themeDark)
	if bg() != darkPalette.background {
		t.Errorf("Dark: background %v", bg())
	}
	if a.fyneApp.Preferences().String(themePrefKey) != themeDark {
		t.Error("the choice is not kept")
	}
	a.SetThemeChoice(themeLight)
	if got := a.fyneApp.Settings().Theme().Color(theme.ColorNameBackground, theme.VariantDark); got != lightPalette.background {
		t.Errorf("Light on a dark desktop: background %v", got)
	}
	// Focus is not the colour of a selected toggle.
	if lightPalette.focus == lightPalette.primary || darkPalette.focus == darkPalette.primary {
		t.Error("keyboard focus looks like a selected toggle")
	}
	a.ShowSettings()
	test.Tap(findVisibleButton(t, a.win, "Close"))
}

// Make handout again in the same visit reopens the visit's handout, with
// its notes and with what was shown since added (and not what was taken
// off it), instead of making a second handout of the visit; a new visit
// makes a new one.
func TestMakeHandoutAgainReopensTheVisitsHandout(t *testing.T) {
	a, db, _, trace := newDeskApp(t)
	p := addPatient(t, db, "José Núñez")
	a.Select("disc:L4-L5")
	a.Select("nerve:L5:left")
	e := openEditorFor(t, a, p)
	e.removeItem(1) // the root: not on this handout
	e.notes.SetText("Worse when sitting.")
	if !e.Save(handout.Draft) {
		t.Fatal("the first save failed")
	}
	first := e.handoutID()
	a.handouts.closeEditor("test", nil)
	if a.handouts.editor != nil {
		t.Fatal("the editor did not close")
	}

	a.Select("disc:L3-L4") // shown after the editor closed
	a.handouts.MakeHandout()
	e = a.handouts.editor
	if e == nil {
		t.Fatal("Make handout opened no editor")
	}
	if e.handoutID() != first {
		t.Fatalf("Make handout opened handout %d, want the visit's %d again", e.handoutID(), first)
	}
	if e.notes.Text != "Worse when sitting." {
		t.Errorf("the reopened handout's notes are %q", e.notes.Text)
	}
	if got, want := refs(e.items), []string{"disc:L4-L5", "disc:L3-L4"}; !slices.Equal(got, want) {
		t.Errorf("the reopened handout holds %v, want %v", got, want)
	}
	if !e.Save(handout.Draft) {
		t.Fatal("the second save failed")
	}
	a.handouts.closeEditor("test", nil)
	hs, err := db.ListHandouts(context.Background(), p.ID)
	if err != nil || len(hs) != 1 {
		t.Fatalf("José has %d handouts (%v), want the one of this visit", len(hs), err)
	}
	if !strings.Contains(trace.String(), fmt.Sprintf("visit's handout reopened %d", first)) {
		t.Errorf("trace:\n%s", trace)
	}

	// The next visit's Make handout makes a new handout.
	a.startNewVisit()
	a.Select("vertebra:C5")
	e = openEditorFor(t, a, p)
	if e.handoutID() != 0 || !slices.Equal(refs(e.items), []string{"vertebra:C5"}) {
		t.Errorf("the next visit's Make handout opened handout %d with %v, want a new one", e.handoutID(), refs(e.items))
	}
}
