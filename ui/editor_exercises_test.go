package ui

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"chairside/internal/exercise"
	"chairside/internal/handout"
)

// doseEntries are a chosen exercise's dose fields, in doseFields order.
func doseEntries(t *testing.T, p *exercisePlan, i int) []*widget.Entry {
	t.Helper()
	var out []*widget.Entry
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch w := o.(type) {
		case *widget.Entry:
			out = append(out, w)
		case *fyne.Container:
			for _, c := range w.Objects {
				walk(c)
			}
		}
	}
	walk(p.rows.Objects[i])
	if len(out) != len(doseFields) {
		t.Fatalf("row %d has %d dose fields, want %d", i, len(out), len(doseFields))
	}
	return out
}

// offeredTitles are the titles of the exercises the plan offers.
func offeredTitles(p *exercisePlan) []string {
	var out []string
	for _, o := range p.offered.Objects {
		if b, ok := o.(*fyne.Container); ok {
			for _, c := range b.Objects {
				if l, ok := c.(*widget.Label); ok {
					out = append(out, l.Text)
				}
			}
		}
	}
	return out
}

// The editor offers the exercises of the visit's region first, takes them
// with their usual dose, lets each dose be changed (saying what is wrong
// with a bad one), warns gently above four, and saves the doses and the
// print options, which come back when the handout is opened again.
func TestEditorExercisesDosesAndOptions(t *testing.T) {
	a, db, _, _ := newDeskApp(t)
	pt := addPatient(t, db, "José Núñez")
	a.Select("disc:L4-L5")
	e := openEditorFor(t, a, pt)
	p := e.plan
	lib, err := exercise.Load("en")
	if err != nil {
		t.Fatal(err)
	}
	// For this visit: the low back's exercises (and the hip's), no neck ones.
	titles := offeredTitles(p)
	if len(titles) == 0 {
		t.Fatal("no exercise offered for a low-back visit")
	}
	for _, ex := range lib.All() {
		offered := strings.Contains(strings.Join(titles, "\n"), ex.Title)
		if want := ex.In(exercise.LowBack) || ex.In(exercise.HipPelvis); offered != want {
			t.Errorf("%s (%v) offered %v for a low-back visit", ex.ID, ex.Regions, offered)
		}
	}
	p.region.SetSelected(regionName(exercise.Neck))
	if got := offeredTitles(p); !strings.Contains(strings.Join(got, "\n"), "Chin tuck") {
		t.Errorf("the neck's exercises %v lack the chin tuck", got)
	}
	p.region.SetSelected(p.region.Options[0])

	// Four are fine, a fifth brings the warning.
	for i := range 5 {
		if i == 4 && p.warning.Visible() {
			t.Error("warned with four exercises")
		}
		ex := p.offeredExercises()[0]
		p.add(ex)
	}
	if !p.warning.Visible() {
		t.Error("no warning with five exercises")
	}
	p.remove(4)
	if p.warning.Visible() {
		t.Error("the warning stayed after going back to four")
	}
	first := p.chosen[0]
	usual, _ := lib.Get(first.ID)
	if first.Dose != usual.Dose {
		t.Errorf("added with dose %+v, want the library's %+v", first.Dose, usual.Dose)
	}

	// Change the first dose: 3 sets of 10, held 5 seconds, twice a day.
	f := doseEntries(t, p, 0)
	f[0].SetText("3")
	f[1].SetText("10")
	f[2].SetText("5")
	f[3].SetText("")
	f[4].SetText("2")
	f[5].SetText("6")
	want := handout.Dose{Sets: 3, Reps: 10, HoldSec: 5, EachSide: usual.Dose.EachSide, PerDay: 2, DaysWeek: 6}
	if p.chosen[0].Dose != want {
		t.Errorf("dose %+v, want %+v", p.chosen[0].Dose, want)
	}
	// A bad number says what is wrong, in the row; nothing is lost.
	f[1].SetText("100")
	row := p.rows.Objects[0].(*fyne.Container)
	problem := row.Objects[len(row.Objects)-1].(*widget.Label)
	if !problem.Visible() || !strings.Contains(problem.Text, "repetitions 100: use 1 to 50") {
		t.Errorf("bad reps: problem %q (shown %v)", problem.Text, problem.Visible())
	}
	f[1].SetText("ten")
	if !strings.Contains(problem.Text, "Reps: type a whole number") {
		t.Errorf("letters for reps: problem %q", problem.Text)
	}
	f[1].SetText("10")
	if problem.Visible() {
		t.Errorf("the problem %q stayed after the dose was mended", problem.Text)
	}

	p.largePrint.SetChecked(true)
	p.log.SetChecked(true)
	if !e.Save(handout.Draft) {
		t.Fatal("the handout was not saved")
	}
	hs, err := db.ListHandouts(context.Background(), pt.ID)
	if err != nil || len(hs) != 1 {
		t.Fatalf("%d handouts, %v", len(hs), err)
	}
	h := hs[0]
	if len(h.HomeCare.Stretches) != 4 || h.HomeCare.Stretches[0].Dose != want || !h.LargePrint || !h.ExerciseLog {
		t.Fatalf("stored stretches %+v, large print %v, log %v", h.HomeCare.Stretches, h.LargePrint, h.ExerciseLog)
	}

	// Opened again: the same exercises, doses and options.
	a.handouts.closeEditor("test", nil)
	a.handouts.openHandout(h.ID)
	again := a.handouts.editor.plan
	if len(again.chosen) != 4 || again.chosen[0].Dose != want || !again.largePrint.Checked || !again.log.Checked {
		t.Errorf("reopened: %d exercises, first dose %+v, large print %v, log %v",
			len(again.chosen), again.chosen[0].Dose, again.largePrint.Checked, again.log.Checked)
	}
	if got := doseEntries(t, again, 0)[1].Text; got != "10" {
		t.Errorf("reopened: reps field %q, want 10", got)
	}
}

// A visit that explained only a condition offers the exercises of the
// regions that condition involves: low back pain is the low back's and the
// pelvis's, so the chin tuck is not offered first (it was, when a
// condition counted for no region and every exercise was offered).
func TestEditorExercisesForAConditionFollowItsStructures(t *testing.T) {
	a, db, _, _ := newDeskApp(t)
	pt := addPatient(t, db, "Ana Ruiz")
	a.trail.Pin("condition:low-back-pain")
	e := openEditorFor(t, a, pt)
	if got := refs(e.items); len(got) != 1 || got[0] != "condition:low-back-pain" {
		t.Fatalf("the visit's items are %v, want only the low back pain condition", got)
	}
	lib, err := exercise.Load("en")
	if err != nil {
		t.Fatal(err)
	}
	titles := strings.Join(offeredTitles(e.plan), "\n")
	for _, ex := range lib.All() {
		offered := strings.Contains(titles, ex.Title)
		if want := ex.In(exercise.LowBack) || ex.In(exercise.HipPelvis); offered != want {
			t.Errorf("%s (%v) offered %v for a low back pain visit", ex.ID, ex.Regions, offered)
		}
	}
}
