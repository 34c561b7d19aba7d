package ui

import (
	"slices"
	"strings"
	"testing"

	"chairside/internal/handout"
)

// Every edit of what the handout holds goes through edited: the handout is
// unsaved, an autosave waits, the status line says so and the diagram
// shows the handout's items and marks as they now are.
func TestEveryEditIsSavedSoonAndDrawn(t *testing.T) {
	a, db, timers, _ := newDeskApp(t)
	p := addPatient(t, db, "José Núñez")
	a.Select("vertebra:L4")
	e := openEditorFor(t, a, p)
	bulge := slices.Index(handout.Findings, handout.Bulge)
	edits := []struct {
		name string
		edit func()
		tint string // a structure the diagram must tint after the edit, "" for none
		mark int    // marks the diagram must draw after the edit
	}{
		{"add an explanation", func() { e.addItem("disc:L4-L5") }, "disc:L4-L5", 0},
		{"move an explanation", func() { e.moveItem(1, -1) }, "disc:L4-L5", 0},
		{"remove an explanation", func() { e.removeRef("vertebra:L4") }, "", 0},
		{"add a mark", func() { e.finding.SetSelectedIndex(bulge); e.addMark("disc:L5-S") }, "", 1},
		{"remove a mark", func() { e.removeMark(0) }, "", 0},
	}
	for _, ed := range edits {
		timers.fire() // the previous edit's autosave runs; the next must start its own
		e.unsaved = false
		ed.edit()
		if !e.Unsaved() {
			t.Errorf("%s: the handout is not marked unsaved", ed.name)
		}
		if !strings.Contains(e.statusLine.Text, "in a moment") {
			t.Errorf("%s: the status line says %q", ed.name, e.statusLine.Text)
		}
		if timers.fire() != 1 {
			t.Errorf("%s: no autosave waited", ed.name)
		}
		if ed.tint != "" && !slices.Contains(a.spine.discussed, ed.tint) {
			t.Errorf("%s: the diagram does not tint %s (%v)", ed.name, ed.tint, a.spine.discussed)
		}
		if len(a.spine.marks) != ed.mark {
			t.Errorf("%s: the diagram draws %d marks, want %d", ed.name, len(a.spine.marks), ed.mark)
		}
	}
	if slices.Contains(a.spine.discussed, "vertebra:L4") && !a.Trail().Has("vertebra:L4") {
		t.Error("a removed explanation is still tinted")
	}
}
