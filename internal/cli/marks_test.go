package cli

import (
	"strings"
	"testing"

	"chairside/internal/anatomy"
)

// --mark takes an optional place on the structure (@VIEW:X,Y, as the app
// stores a tap); without one it works as before.
func TestHandoutsNewMarkWithPlace(t *testing.T) {
	db, h := newHandout(t, "--items", "disc:L4-L5",
		"--mark", "disc:L4-L5=bulge@posterior:0.3,0.5", "--mark", "vertebra:L4=stiffness")
	if want := (anatomy.Spot{View: anatomy.Posterior, X: 0.3, Y: 0.5}); len(h.Marks) != 2 || h.Marks[0].At != want || !h.Marks[1].At.IsZero() {
		t.Fatalf("marks %+v", h.Marks)
	}
	show := mustRun(t, dbArgs(db, "handouts", "show", "1")...)
	if !strings.Contains(show, "- L4–L5 disc: Disc bulge, left side\n") || !strings.Contains(show, "- L4 vertebra: Stiffness\n") {
		t.Errorf("show:\n%s", show)
	}
	for _, c := range []struct{ mark, want string }{
		{"disc:L4-L5=bulge@posterior", "VIEW:X,Y"},
		{"disc:L4-L5=bulge@above:0.5,0.5", "is not a view"},
		{"disc:L4-L5=bulge@posterior:1.2,0.5", "from 0 to 1"},
		{"facet:L4-L5:right=stiffness@lateral:0.5,0.5", "not drawn in the lateral view"},
	} {
		code, out, errs := runCLI(t, dbArgs(db, "handouts", "new", "--patient", "1", "--items", "disc:L4-L5", "--mark", c.mark)...)
		if code != ExitUsage || out != "" || !strings.Contains(errs, c.want) {
			t.Errorf("--mark %s: exit %d, stdout %q, stderr %q; want %q", c.mark, code, out, errs, c.want)
		}
	}
}
