package ui

import (
	"bytes"
	"fmt"
	"image/png"
	"slices"
	"strings"
	"sync"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"chairside/internal/anatomy"
	"chairside/internal/content"
)

// newTestApp builds the main window on Fyne's test driver; trace lines go
// to the returned buffer.
func newTestApp(t *testing.T) (*App, *bytes.Buffer) {
	t.Helper()
	fa := test.NewTempApp(t)
	startLanguage(fa) // as Run does: the catalogues loaded, the system's language (English here)
	w := test.NewTempWindow(t, nil)
	w.Resize(fyne.NewSize(1200, 800))
	var trace bytes.Buffer
	a := newApp(fa, w, testLibrary(t), Options{}, openTestDB(t), &trace)
	t.Cleanup(a.stopTimers)
	return a, &trace
}

var (
	libOnce sync.Once
	lib     *content.Library
	libErr  error
)

// testLibrary loads the English library once for all tests; it is read-only.
func testLibrary(t *testing.T) *content.Library {
	libOnce.Do(func() { lib, libErr = content.Load("en") })
	if libErr != nil {
		t.Fatal(libErr)
	}
	return lib
}

func press(a *App, key fyne.KeyName) {
	a.win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: key})
}

func TestKeyboardNavigation(t *testing.T) {
	cases := []struct {
		start string
		keys  []fyne.KeyName
		want  string
	}{
		{"vertebra:L4", []fyne.KeyName{fyne.KeyUp}, "vertebra:L3"},
		{"vertebra:L4", []fyne.KeyName{fyne.KeyDown, fyne.KeyDown}, "vertebra:S"},
		{"vertebra:C1", []fyne.KeyName{fyne.KeyUp}, "vertebra:C1"}, // top of the spine: stays
		{"disc:L4-L5", []fyne.KeyName{fyne.KeyUp}, "disc:L3-L4"},
		{"facet:L4-L5:left", []fyne.KeyName{fyne.KeyRight}, "facet:L4-L5:right"},
		{"facet:L4-L5:right", []fyne.KeyName{fyne.KeyLeft}, "facet:L4-L5:left"},
		{"facet:L4-L5:left", []fyne.KeyName{fyne.KeyLeft}, "nerve:L4:left"},
		{"nerve:L4:left", []fyne.KeyName{fyne.KeyLeft}, "facet:L4-L5:left"},
		{"nerve:L5:right", []fyne.KeyName{fyne.KeyLeft}, "nerve:L5:left"},
		{"vertebra:L4", []fyne.KeyName{fyne.KeyRight}, "facet:L4-L5:right"},
		{"vertebra:C1", []fyne.KeyName{fyne.KeyLeft}, "nerve:C1:left"},
		{"vertebra:S", []fyne.KeyName{fyne.KeyLeft}, "nerve:S1:left"},
		{"disc:C5-C6", []fyne.KeyName{fyne.KeyLeft}, "facet:C5-C6:left"},
		{"nerve:S3:left", []fyne.KeyName{fyne.KeyLeft}, "nerve:S3:left"}, // no facet beside a sacral root
	}
	for _, c := range cases {
		t.Run(fmt.Sprint(c.start, c.keys), func(t *testing.T) {
			a, _ := newTestApp(t)
			a.Select(c.start)
			for _, k := range c.keys {
				press(a, k)
			}
			if a.Selected() != c.want {
				t.Errorf("from %s after %v: selected %q, want %q", c.start, c.keys, a.Selected(), c.want)
			}
			if got := a.panel.Current(); got != c.want {
				t.Errorf("panel shows %q, want %q", got, c.want)
			}
		})
	}
}

func TestArrowWithNothingSelectedStartsAtLastShown(t *testing.T) {
	a, _ := newTestApp(t)
	press(a, fyne.KeyDown)
	if a.Selected() != "vertebra:L4" {
		t.Fatalf("first arrow on a fresh visit selected %q, want vertebra:L4", a.Selected())
	}
	a.Select("disc:C5-C6")
	press(a, fyne.KeyEscape)
	press(a, fyne.KeyDown)
	if a.Selected() != "disc:C5-C6" {
		t.Fatalf("arrow after Escape selected %q, want the last shown disc:C5-C6", a.Selected())
	}
}

func TestEscapeClearsSelectionAndTitle(t *testing.T) {
	a, trace := newTestApp(t)
	a.Select("vertebra:L4")
	if got := a.win.Title(); got != "Chairside — L4 vertebra" {
		t.Fatalf("title %q", got)
	}
	press(a, fyne.KeyEscape)
	if a.Selected() != "" {
		t.Fatalf("Escape left %q selected", a.Selected())
	}
	if got := a.win.Title(); got != "Chairside" {
		t.Fatalf("title after Escape %q", got)
	}
	if !strings.Contains(trace.String(), "trace: selected vertebra:L4\n") ||
		!strings.Contains(trace.String(), "trace: selection cleared\n") {
		t.Fatalf("trace missing events:\n%s", trace)
	}
}

func TestTrailRecordsInOrderAndClears(t *testing.T) {
	a, _ := newTestApp(t)
	for _, id := range []string{"vertebra:L4", "disc:L4-L5", "vertebra:L4", "nerve:L5:left"} {
		a.Select(id)
	}
	want := []string{"vertebra:L4", "disc:L4-L5", "nerve:L5:left"}
	if got := a.Trail().IDs(); strings.Join(got, ",") != strings.Join(want, ",") {
		t.Fatalf("trail %v, want %v", got, want)
	}
	if n := len(a.trailView.entries.Objects); n != 3 {
		t.Fatalf("trail list shows %d entries, want 3", n)
	}
	// Tapping an entry selects it again without adding it twice.
	test.Tap(findButton(t, a.trailView.entries.Objects[1], "2. L4–L5 disc"))
	if a.Selected() != "disc:L4-L5" || a.Trail().Len() != 3 {
		t.Fatalf("after tapping entry 2: selected %q, trail %v", a.Selected(), a.Trail().IDs())
	}
	a.startNewVisit()
	if a.Trail().Len() != 0 || len(a.trailView.entries.Objects) != 0 {
		t.Fatalf("trail not cleared: %v", a.Trail().IDs())
	}
}

func TestBackAndForward(t *testing.T) {
	a, _ := newTestApp(t)
	a.Select("vertebra:L4")
	a.Select("disc:L4-L5")
	a.Select("nerve:L5:left")
	p := a.panel
	test.Tap(p.back)
	test.Tap(p.back)
	if p.Current() != "vertebra:L4" || a.Selected() != "vertebra:L4" {
		t.Fatalf("after Back twice: panel %q, selected %q", p.Current(), a.Selected())
	}
	if !p.back.Disabled() {
		t.Fatal("Back enabled at the start of the history")
	}
	test.Tap(p.forward)
	if p.Current() != "disc:L4-L5" {
		t.Fatalf("after Forward: panel %q", p.Current())
	}
	// Opening something new drops what was ahead.
	a.Select("vertebra:C5")
	if !p.forward.Disabled() {
		t.Fatal("Forward still enabled after opening something new")
	}
	test.Tap(p.back)
	if p.Current() != "disc:L4-L5" {
		t.Fatalf("Back after a new opening shows %q, want disc:L4-L5", p.Current())
	}
}

func TestPresentationModeToggles(t *testing.T) {
	a, trace := newTestApp(t)
	press(a, fyne.KeyF11)
	if !a.Presenting() || !a.win.FullScreen() {
		t.Fatal("F11 did not start presentation mode full screen")
	}
	if a.toolbarBox.Visible() || a.trailBox.Visible() {
		t.Fatal("toolbar or trail still visible while presenting")
	}
	if got := a.fyneApp.Settings().Theme().Size(sizePanelText); got <= newChairsideTheme(textScalePanel).Size(sizePanelText) {
		t.Fatalf("presentation text size %v is not larger than the panel's", got)
	}
	a.Select("vertebra:L4")
	press(a, fyne.KeyEscape)
	if a.Presenting() || a.win.FullScreen() {
		t.Fatal("Escape did not leave presentation mode")
	}
	if a.Selected() != "vertebra:L4" {
		t.Fatal("Escape leaving presentation also cleared the selection")
	}
	if !a.toolbarBox.Visible() || !a.trailBox.Visible() {
		t.Fatal("toolbar or trail hidden after presentation mode")
	}
	if !strings.Contains(trace.String(), "trace: presentation on\n") || !strings.Contains(trace.String(), "trace: presentation off\n") {
		t.Fatalf("trace:\n%s", trace)
	}
	if a.presentBar.Visible() {
		t.Fatal("the presentation bar shows outside presentation mode")
	}

	// The toolbar button starts it and, for touch screens, a button in the bar leaves it.
	test.Tap(findButton(t, a.toolbarBox, "Present"))
	if !a.Presenting() || !a.presentBar.Visible() {
		t.Fatal("the Present button did not start presentation mode with a way out")
	}
	test.Tap(findButton(t, a.presentBar, "Leave full screen"))
	if a.Presenting() || a.win.FullScreen() {
		t.Fatal("the leave button did not end presentation mode")
	}
}

func TestNeighbourLinkSelects(t *testing.T) {
	a, _ := newTestApp(t)
	a.Select("vertebra:L4")
	link := findHyperlink(t, a.panel.content, "Above: L3 vertebra")
	tapLink(link)
	if a.Selected() != "vertebra:L3" {
		t.Fatalf("tapping the Above link selected %q", a.Selected())
	}
}

// findHyperlink finds the link with the given text under o.
func findHyperlink(t *testing.T, o fyne.CanvasObject, text string) *widget.Hyperlink {
	t.Helper()
	var found []string
	for _, obj := range test.LaidOutObjects(o) {
		if h, ok := obj.(*widget.Hyperlink); ok {
			if h.Text == text {
				return h
			}
			found = append(found, h.Text)
		}
	}
	t.Fatalf("no link %q among %q", text, found)
	return nil
}

// tapLink taps a hyperlink on its text, as a finger would; Hyperlink
// ignores taps beside its text.
func tapLink(h *widget.Hyperlink) {
	test.TapAt(h, fyne.NewPos(12, h.Size().Height/2))
}

// BenchmarkSelect is the cost of a tap or arrow key: selection, diagram
// highlight and the explanation panel laid out with its full text.
func BenchmarkSelect(b *testing.B) {
	t := &testing.T{}
	a, _ := newTestApp(t)
	ids := []string{"vertebra:L4", "disc:L4-L5", "facet:L4-L5:left", "nerve:L5:left"}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		a.Select(ids[i%len(ids)])
	}
}

func TestViewAndPresetKeys(t *testing.T) {
	a, trace := newTestApp(t)
	press(a, fyne.KeyV)
	if a.spine.View() != anatomy.Posterior {
		t.Fatalf("V showed the %s view", a.spine.View())
	}
	if a.viewBtns[anatomy.Posterior].Importance != widget.HighImportance {
		t.Error("the Back view button is not marked as the view on show")
	}
	press(a, fyne.KeyV)
	if a.spine.View() != anatomy.Lateral {
		t.Fatalf("V again showed the %s view", a.spine.View())
	}
	press(a, fyne.Key4)
	z := a.spine.camera.Zoom
	if z <= 1 {
		t.Fatalf("4 (low back) left the zoom at %v", z)
	}
	press(a, fyne.KeyPlus)
	if a.spine.camera.Zoom <= z {
		t.Fatalf("+ left the zoom at %v (was %v)", a.spine.camera.Zoom, z)
	}
	press(a, fyne.KeyMinus)
	press(a, fyne.KeyMinus)
	if a.spine.camera.Zoom >= z {
		t.Fatalf("- twice left the zoom at %v (was %v)", a.spine.camera.Zoom, z)
	}
	for _, want := range []string{"trace: view posterior\n", "trace: view lateral\n", "trace: zoom low-back\n"} {
		if !strings.Contains(trace.String(), want) {
			t.Errorf("trace lacks %q:\n%s", want, trace)
		}
	}
}

func TestSelectingTurnsTheDiagramToWhereItIsDrawn(t *testing.T) {
	a, _ := newTestApp(t)
	a.Select("facet:L4-L5:left") // drawn in both views: stays lateral
	if a.spine.View() != anatomy.Lateral {
		t.Fatalf("left facet switched the view to %s", a.spine.View())
	}
	press(a, fyne.KeyRight) // the right facet is only seen from behind
	if a.Selected() != "facet:L4-L5:right" || a.spine.View() != anatomy.Posterior {
		t.Fatalf("selected %q in the %s view", a.Selected(), a.spine.View())
	}
	// Every fifth structure, in both views' turn: all kinds and sides come up.
	for i, st := range anatomy.All() {
		if i%5 != 0 {
			continue
		}
		a.Select(st.ID)
		if !anatomy.Drawn(a.spine.View(), st.ID) {
			t.Errorf("%s selected but not drawn in the %s view on show", st.ID, a.spine.View())
		}
	}
}

// Names that stand alone (the panel's heading, the trail, the window title,
// the name beside the pointer) start with a capital, as headings do:
// "Left S1 nerve root", not "left S1 nerve root".
func TestStandaloneNamesAreCapitalised(t *testing.T) {
	a, _ := newTestApp(t)
	a.Select("nerve:S1:left")
	if got := a.panel.title.String(); got != "Left S1 nerve root" {
		t.Errorf("panel heading %q", got)
	}
	if got := a.win.Title(); got != "Chairside — Left S1 nerve root" {
		t.Errorf("window title %q", got)
	}
	if got := buttons(a.trailView.entries.Objects[0]); !slices.Contains(got, "1. Left S1 nerve root") {
		t.Errorf("trail entry %q", got)
	}
	a.spine.setHover("vertebra:S")
	r := test.WidgetRenderer(a.spine).(*spineRenderer)
	if got := r.tipText.Text; got != "Sacrum" {
		t.Errorf("hover name %q", got)
	}
}

// Leaving presentation mode gives back the window the clinician had, even
// where the desktop leaves it screen-sized after full screen.
func TestLeavingPresentationRestoresWindowSize(t *testing.T) {
	a, _ := newTestApp(t)
	before := a.win.Canvas().Size()
	press(a, fyne.KeyF11)
	a.win.Resize(fyne.NewSize(1600, 1000)) // what the driver does on full screen
	press(a, fyne.KeyF11)
	if got := a.win.Canvas().Size(); got != before {
		t.Fatalf("window %v after presentation, want %v as before", got, before)
	}
}

func TestWindowSizeForScreen(t *testing.T) {
	cases := []struct {
		screen, want fyne.Size
	}{
		{fyne.Size{}, defaultWindowSize},                     // unknown screen
		{fyne.NewSize(1366, 768), defaultWindowSize},         // small laptop: the default fits
		{fyne.NewSize(1280, 1024), fyne.NewSize(1280, 921)},  // taller, not wider
		{fyne.NewSize(1600, 1000), fyne.NewSize(1440, 900)},  // most of the screen
		{fyne.NewSize(1920, 1080), fyne.NewSize(1728, 972)},  // a clinic monitor
		{fyne.NewSize(2560, 1440), fyne.NewSize(2304, 1296)}, // a large one
		{fyne.NewSize(1024, 600), fyne.NewSize(1024, 600)},   // smaller than the default: the screen
		{fyne.NewSize(1066, 800), fyne.NewSize(1066, 720)},   // narrow (a large text scale)
	}
	for _, c := range cases {
		if got := windowSizeFor(c.screen); got != c.want {
			t.Errorf("screen %v: window %v, want %v", c.screen, got, c.want)
		}
	}
}

// On a short window (a laptop, a large text scale) the list of what was
// shown gives up height before the explanation does; on a tall one it
// keeps its full height; in presentation mode the explanation has it all.
func TestShortWindowGivesTheExplanationRoom(t *testing.T) {
	a, _ := newTestApp(t)
	a.win.Resize(fyne.NewSize(1280, 600))
	short := a.trailBox.Size().Height
	if short >= trailMaxHeight || short < trailMinHeight {
		t.Errorf("on a 600-high window the trail is %v high, want between %v and %v", short, trailMinHeight, trailMaxHeight)
	}
	a.win.Resize(fyne.NewSize(1280, 1000))
	if h := a.trailBox.Size().Height; h != trailMaxHeight {
		t.Errorf("on a 1000-high window the trail is %v high, want %v", h, trailMaxHeight)
	}
	press(a, fyne.KeyF11)
	a.win.Content().Refresh()
	if h, sidebar := a.panel.root.Size().Height, a.main.Size().Height; h < sidebar {
		t.Errorf("presenting, the explanation is %v high, want the whole %v", h, sidebar)
	}
}

func TestAppIconIsTheSpineDrawing(t *testing.T) {
	img, err := png.Decode(bytes.NewReader(appIcon.Content()))
	if err != nil {
		t.Fatalf("app icon is not a PNG: %v", err)
	}
	if b := img.Bounds(); b.Dx() != 512 || b.Dy() != 512 {
		t.Fatalf("app icon is %v, want 512x512 as FyneApp.toml packages it", b)
	}
}
