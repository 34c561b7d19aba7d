package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"chairside/internal/anatomy"
	"chairside/internal/diagram"
	"chairside/internal/handout"
)

// render --mark draws the finding as the app does: the picture is the
// diagram's own drawing of that mark, and differs from the plain one.
func TestRenderDrawsMarkedFinding(t *testing.T) {
	got := renderPNG(t, filepath.Join(t.TempDir(), "x.png"), "--view", "lateral", "--mark", "disc:L4-L5=herniation:left",
		"--zoom", "low-back", "--width", "300", "--height", "450")
	sc := diagram.Scene{View: anatomy.Lateral, Camera: diagram.PresetCamera(anatomy.Lateral, anatomy.LowBack, 300, 450),
		Marks: []diagram.Mark{{Structure: "disc:L4-L5", Finding: "herniation", Number: 1, Detail: handout.Detail{Side: anatomy.Left}}}}
	want := diagram.NewRenderer().Image(sc, 300, 450)
	plain := diagram.NewRenderer().Image(diagram.Scene{View: anatomy.Lateral, Camera: sc.Camera}, 300, 450)
	same, differs := true, false
	for y := 0; y < 450; y++ {
		for x := 0; x < 300; x++ {
			if !sameRGB(got, want, x, y) {
				same = false
			}
			if plain.RGBAAt(x, y) != want.RGBAAt(x, y) {
				differs = true
			}
		}
	}
	if !same || !differs {
		t.Errorf("the PNG is the diagram's drawing: %v; the finding changes the picture: %v", same, differs)
	}
}

// A finding that does not fit its structure, an unknown option or a
// missing one is refused with exit 2 and a message saying what to write.
func TestMarkOptionsRefused(t *testing.T) {
	dir := t.TempDir()
	for _, c := range []struct{ mark, want string }{
		{"nerve:L5:left=bulge", "only be marked on a disc"},
		{"disc:L4-L5=slip:2", "marked on the vertebra that slipped forward"},
		{"nerve:L5:left=scoliosis:right:20", "apex"},
		{"vertebra:L5=slip:3", "grade is 1"},
		{"disc:L4-L5=herniation:up", "use left, right, far-left or far-right"},
		{"vertebra:T8=scoliosis", "needs the side the curve bends toward"},
		{"vertebra:L1=fracture:2", "takes no option"},
	} {
		code, out, errs := runCLI(t, "render", "--mark", c.mark, "--out", filepath.Join(dir, "x.png"))
		if code != ExitUsage || out != "" || !strings.Contains(errs, c.want) {
			t.Errorf("render --mark %s: exit %d, stdout %q, stderr %q; want %q", c.mark, code, out, errs, c.want)
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("a refused render wrote %d files", len(entries))
	}
}

// handouts new keeps each mark's option, and show prints it.
func TestHandoutsNewMarkOptions(t *testing.T) {
	db, h := newHandout(t, "--items", "disc:L4-L5",
		"--mark", "disc:L4-L5=herniation:far-left", "--mark", "vertebra:L5=slip:2", "--mark", "vertebra:T8=scoliosis:right:25")
	want := []handout.Detail{{Side: anatomy.Left, Far: true}, {Grade: 2}, {Side: anatomy.Right, Angle: 25}}
	if len(h.Marks) != 3 {
		t.Fatalf("marks %+v", h.Marks)
	}
	for i, d := range want {
		if h.Marks[i].Detail != d {
			t.Errorf("mark %d: %+v, want %+v", i+1, h.Marks[i].Detail, d)
		}
	}
	show := mustRun(t, dbArgs(db, "handouts", "show", "1")...)
	for _, w := range []string{"Disc herniation (far out to the left)", "(grade 2)", "(bending to the right, 25 degrees)"} {
		if !strings.Contains(show, w) {
			t.Errorf("show lacks %q:\n%s", w, show)
		}
	}
	code, _, errs := runCLI(t, dbArgs(db, "handouts", "new", "--patient", "1", "--items", "disc:L4-L5", "--mark", "facet:L4-L5:left=stenosis")...)
	if code != ExitUsage || !strings.Contains(errs, "narrowed spinal canal") {
		t.Errorf("stenosis on a facet joint: exit %d, %q", code, errs)
	}
}
