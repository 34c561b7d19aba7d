package ui

import (
	"slices"
	"strings"
	"testing"

	"chairside/internal/anatomy"
	"chairside/internal/handout"
)

// The editor offers each finding's details (issue 13): a herniation's side
// or far out to the side, a slip's grade, a curve's side and angle; a
// finding with none has its detail list turned off, and a misfit is
// refused with the model's reason.
func TestMarkFindingOptions(t *testing.T) {
	a, db, _, _ := newDeskApp(t)
	p := addPatient(t, db, "Ann Lee")
	e := openEditorFor(t, a, p)
	typeShortcut(a, shortcutMarkMode)
	choose := func(f handout.Finding) { e.finding.SetSelectedIndex(slices.Index(handout.Findings, f)) }

	choose(handout.Herniation)
	if !e.curveAngle.Hidden || e.findingOpt.Disabled() || len(e.findingOpt.Options) != 5 {
		t.Fatalf("herniation: options %q, angle shown %v", e.findingOpt.Options, !e.curveAngle.Hidden)
	}
	e.findingOpt.SetSelected("Far out to the left")
	a.handouts.diagramTapped("disc:L4-L5")

	choose(handout.Scoliosis)
	if e.curveAngle.Hidden {
		t.Error("scoliosis: no angle to enter")
	}
	e.findingOpt.SetSelected("Bending to the right")
	e.curveAngle.SetText("25")
	a.handouts.diagramTapped("vertebra:T8")

	choose(handout.Slip)
	a.handouts.diagramTapped("disc:L4-L5")
	if !strings.Contains(e.markHint.Text, "slipped forward") {
		t.Errorf("slip on a disc: hint %q", e.markHint.Text)
	}
	choose(handout.PainArea)
	if !e.findingOpt.Disabled() {
		t.Error("pain: the detail list is offered")
	}

	want := []handout.Mark{
		{Structure: "disc:L4-L5", Finding: handout.Herniation, Detail: handout.Detail{Side: anatomy.Left, Far: true}},
		{Structure: "vertebra:T8", Finding: handout.Scoliosis, Detail: handout.Detail{Side: anatomy.Right, Angle: 25}},
	}
	if got := a.handouts.Marks(); !slices.Equal(got, want) {
		t.Errorf("marks %+v, want %+v", got, want)
	}
	if len(a.spine.marks) != 2 || a.spine.marks[1].Detail != want[1].Detail {
		t.Errorf("the diagram draws %+v", a.spine.marks)
	}
}
