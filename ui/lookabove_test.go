package ui

import (
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"chairside/internal/anatomy"
	"chairside/internal/handout"
)

// lookButton is the panel's "Look from above" button, or nil.
func lookButton(a *App) *widget.Button {
	for _, o := range walk(a.panel.content) {
		if b, ok := o.(*widget.Button); ok && b.Text == "Look from above" {
			return b
		}
	}
	return nil
}

// The explanation of a disc, a facet joint or a nerve root offers the view
// from above of its level; a vertebra, the cord or an upper neck joint
// does not. The button turns the diagram to that level, the structure
// still selected, and the view buttons turn it back, framed as before.
func TestLookFromAboveOpensTheLevel(t *testing.T) {
	for _, c := range []struct {
		id, seg string
	}{
		{"disc:L4-L5", "L4-L5"},
		{"facet:C5-C6:right", "C5-C6"},
		{"nerve:L5:left", "L5-S"},
		{"nerve:S1:right", "L5-S"},
		{"vertebra:L4", ""},
		{"cord:spinal", ""},
		{"joint:C1-C2:left", ""},
		{"nerve:C2:left", ""},
	} {
		t.Run(c.id, func(t *testing.T) {
			a, trace := newTestApp(t)
			a.SetView(anatomy.Posterior)
			a.spine.ShowPreset(anatomy.LowBack)
			a.Select(c.id)
			before := a.spine.camera
			b := lookButton(a)
			if c.seg == "" {
				if b != nil {
					t.Fatalf("%s offers a view from above", c.id)
				}
				return
			}
			if b == nil {
				t.Fatalf("%s: no Look from above button", c.id)
			}
			test.Tap(b)
			if got, want := a.spine.View(), anatomy.AxialView(c.seg); got != want {
				t.Fatalf("view %q, want %q", got, want)
			}
			if a.spine.Selected() != c.id {
				t.Errorf("selected %q, want %q", a.spine.Selected(), c.id)
			}
			if !strings.Contains(trace.String(), "view axial:"+c.seg) {
				t.Errorf("trace has no view change: %s", trace)
			}
			// the whole level is in the picture
			if a.spine.camera.Zoom != 1 {
				t.Errorf("zoom %v, want the whole level", a.spine.camera.Zoom)
			}
			test.Tap(a.viewBtns[anatomy.Posterior])
			if a.spine.View() != anatomy.Posterior || a.spine.camera != before {
				t.Errorf("back: view %q camera %+v, want posterior %+v", a.spine.View(), a.spine.camera, before)
			}
		})
	}
}

// On the view from above a tap selects what is under it, as on the other
// views, and opens its explanation.
func TestLookFromAboveTapsSelect(t *testing.T) {
	a, _ := newTestApp(t)
	a.Select("disc:L4-L5")
	test.Tap(lookButton(a))
	a.win.Canvas().Capture()
	for _, id := range []string{"facet:L4-L5:left", "nerve:L5:right", "nerve:L4:left", "cord:cauda-equina", "vertebra:L4", "disc:L4-L5"} {
		test.TapAt(a.spine, pointOn(t, a.spine, id))
		if a.selected != id || a.panel.Current() != id {
			t.Errorf("tap on %s: selected %q, panel %q", id, a.selected, a.panel.Current())
		}
		if a.spine.View() != anatomy.AxialView("L4-L5") {
			t.Fatalf("tap on %s turned the view to %q", id, a.spine.View())
		}
	}
}

// A mark made on the view from above is the same mark as on the other
// views: on the disc, on the side tapped, listed once, and drawn in the
// back view too.
func TestLookFromAboveMarks(t *testing.T) {
	a, db, _, _ := newDeskApp(t)
	e := openEditorFor(t, a, addPatient(t, db, "Ann Lee"))
	a.Select("disc:L4-L5")
	test.Tap(lookButton(a))
	typeShortcut(a, shortcutMarkMode)
	e.finding.SetSelectedIndex(slices.Index(handout.Findings, handout.Herniation))
	a.win.Canvas().Capture()
	pos, _ := leftPartOf(t, a.spine, "disc:L4-L5")
	test.TapAt(a.spine, pos)
	marks := a.handouts.Marks()
	if len(marks) != 1 || marks[0].Structure != "disc:L4-L5" || marks[0].At.View != anatomy.AxialView("L4-L5") || marks[0].At.Side() != anatomy.Left {
		t.Fatalf("marks after the tap: %+v", marks)
	}
	a.win.Canvas().Capture()
	if _, n := badgeBox(a.spine.img, handout.Herniation); n == 0 {
		t.Error("no badge on the view from above")
	}
	a.SetView(anatomy.Posterior)
	a.win.Canvas().Capture()
	if _, n := badgeBox(a.spine.img, handout.Herniation); n == 0 {
		t.Error("the mark made from above has no badge in the back view")
	}
	if got := a.handouts.Marks(); len(got) != 1 {
		t.Errorf("%d marks after turning the view", len(got))
	}
}

// From above, V and the zoom presets (keys 1-4 and the buttons) go back to
// the side view, as the view buttons do; a preset then frames its stretch
// of the side view. Before, V cycled only the side and back views and a
// preset zoomed into the single level, so both did nothing useful.
func TestLookFromAboveVAndPresetsGoBackToTheSide(t *testing.T) {
	a, trace := newTestApp(t)
	a.Select("disc:L4-L5")
	test.Tap(lookButton(a))
	if !a.spine.View().IsAxial() {
		t.Fatalf("the look button showed %q", a.spine.View())
	}
	press(a, fyne.KeyV)
	if a.spine.View() != anatomy.Lateral {
		t.Fatalf("V from above showed %q, want the side view", a.spine.View())
	}
	if a.viewBtns[anatomy.Lateral].Importance != widget.HighImportance {
		t.Error("the Side view button is not marked as the view on show")
	}
	if !strings.HasSuffix(strings.TrimSpace(trace.String()), "view lateral") {
		t.Errorf("no trace line for the view change: %s", trace)
	}

	for i, p := range anatomy.Presets() {
		t.Run(string(p), func(t *testing.T) {
			test.Tap(lookButton(a))
			if !a.spine.View().IsAxial() {
				t.Fatalf("the look button showed %q", a.spine.View())
			}
			press(a, fyne.KeyName(string(rune('1'+i))))
			if a.spine.View() != anatomy.Lateral {
				t.Fatalf("key %d from above showed %q, want the side view", i+1, a.spine.View())
			}
			if want := a.spine.presetCamera(p); a.spine.camera != want || a.spine.preset != p {
				t.Errorf("key %d: camera %+v preset %q, want %+v %q", i+1, a.spine.camera, a.spine.preset, want, p)
			}
		})
	}

	// the toolbar's preset buttons go through the same call
	test.Tap(lookButton(a))
	a.ShowPreset(anatomy.Neck)
	if a.spine.View() != anatomy.Lateral || a.spine.preset != anatomy.Neck {
		t.Errorf("the Neck preset from above: view %q preset %q", a.spine.View(), a.spine.preset)
	}
}
