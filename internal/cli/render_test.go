package cli

import (
	"fmt"
	"image"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"chairside/internal/anatomy"
	"chairside/internal/diagram"
	"chairside/internal/handout"
)

func TestRenderWritesPNG(t *testing.T) {
	dir := t.TempDir()
	cases := []struct {
		args []string
		w, h int
	}{
		{[]string{"--view", "lateral"}, 1200, 1800},
		{[]string{"--view", "posterior", "--highlight", "facet:L4-L5:left,nerve:L5:right", "--width", "300", "--height", "450"}, 300, 450},
		{[]string{"--highlight", "Disc:L4-L5", "--width", "200", "--height", "100"}, 200, 100},
		{[]string{"--zoom", "low-back", "--highlight", "nerve:L5:left", "--width", "400", "--height", "300"}, 400, 300},
	}
	for i, c := range cases {
		img := renderPNG(t, filepath.Join(dir, "spine"+string(rune('a'+i))+".png"), c.args...)
		if b := img.Bounds(); b.Dx() != c.w || b.Dy() != c.h {
			t.Errorf("%v: image %v, want %dx%d", c.args, b, c.w, c.h)
		}
	}
	// no temporary files left behind
	entries, _ := os.ReadDir(dir)
	if len(entries) != len(cases) {
		t.Errorf("folder holds %d files, want %d", len(entries), len(cases))
	}
}

func TestRenderHighlightChangesPicture(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.png"), filepath.Join(dir, "b.png")
	runCLI(t, "render", "--width", "200", "--height", "300", "--out", a)
	runCLI(t, "render", "--width", "200", "--height", "300", "--highlight", "vertebra:L3", "--out", b)
	da, _ := os.ReadFile(a)
	db, _ := os.ReadFile(b)
	if len(da) == 0 || string(da) == string(db) {
		t.Error("--highlight did not change the picture")
	}
}

func TestRenderErrors(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "x.png")
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"--highlight", "vertebra:L6", "--out", out}, "did you mean vertebra:L5"},
		{[]string{"--highlight", "disc:L4-L5,nerve:X9:left", "--out", out}, "no such structure"},
		{[]string{"--view", "front", "--out", out}, "not a view: use lateral"},
		{[]string{"--width", "0", "--out", out}, "--width 0: use a size from 1 to 10000"},
		{[]string{"--height", "-5", "--out", out}, "--height -5"},
		{[]string{"--width", "20000", "--out", out}, "--width 20000"},
		{[]string{"--width", "abc", "--out", out}, `--width "abc": not a whole number (run 'chairside render --help' for its flags)`},
		{[]string{"--height", "99999999999999999999", "--out", out}, `--height "99999999999999999999": the number is far too large`},
		{[]string{"--out"}, "--out needs a value after it"},
		{[]string{"--colour", "red", "--out", out}, "unknown flag --colour"},
		{[]string{}, "missing --out"},
		{[]string{"--width", "10000", "--height", "10000", "--out", out}, "keep width × height under 40 million"},
		{[]string{"--zoom", "knee", "--out", out}, `--zoom "knee": use one of whole, neck, mid-back, low-back`},
		{[]string{"--out", "  "}, "missing --out"},
		{[]string{"spine.png"}, "unexpected argument"},
		{[]string{"--highlight", "facet:L4-L5:right", "--out", out}, "not drawn in the lateral view; try --view posterior"},
		{[]string{"--out", filepath.Join(dir, "no-such-folder", "x.png")}, "cannot write"},
		{[]string{"--out", os.TempDir()}, "is a folder: give a file name"},
	}
	for _, c := range cases {
		code, stdout, stderr := runCLI(t, append([]string{"render"}, c.args...)...)
		if code != ExitUsage || stdout != "" || !strings.Contains(stderr, c.want) {
			t.Errorf("%v: exit %d, stderr %q, want %q", c.args, code, stderr, c.want)
		}
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Error("a failed render left a file behind")
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("failed renders left %d files", len(entries))
	}
}

// render draws what the app's spine widget draws: the same diagram renderer
// on a scene with the one ID selected, or several IDs tinted as discussed,
// framed by a zoom preset the way the app frames it.
func TestRenderIsWhatTheAppDraws(t *testing.T) {
	dir := t.TempDir()
	cases := []struct {
		args []string
		want diagram.Scene
		w, h int
	}{
		{[]string{"--view", "lateral", "--highlight", "disc:L4-L5"}, diagram.Scene{View: anatomy.Lateral, Selected: "disc:L4-L5"}, 240, 360},
		{[]string{"--view", "posterior", "--highlight", "facet:L4-L5:left,nerve:L5:right"},
			diagram.Scene{View: anatomy.Posterior, Discussed: []string{"facet:L4-L5:left", "nerve:L5:right"}}, 300, 300},
		{[]string{"--zoom", "neck", "--highlight", "vertebra:C2"}, diagram.Scene{View: anatomy.Lateral, Selected: "vertebra:C2",
			Camera: diagram.PresetCamera(anatomy.Lateral, anatomy.Neck, 320, 240)}, 320, 240},
		// the view from above, its findings drawn; L5-S1 as clinicians write it
		{[]string{"--view", "Axial", "--level", "l5-s1", "--highlight", "nerve:S1:left"},
			diagram.Scene{View: anatomy.AxialView("L5-S"), Selected: "nerve:S1:left"}, 240, 200},
		{[]string{"--view", "axial:C5-C6", "--mark", "disc:C5-C6=herniation:right"}, diagram.Scene{View: anatomy.AxialView("C5-C6"),
			Marks: []diagram.Mark{{Structure: "disc:C5-C6", Finding: "herniation", Number: 1, Detail: handout.Detail{Side: anatomy.Right}}}}, 260, 260},
	}
	for i, c := range cases {
		got := renderPNG(t, filepath.Join(dir, fmt.Sprintf("%d.png", i)), append(c.args, "--width", fmt.Sprint(c.w), "--height", fmt.Sprint(c.h))...)
		want := image.NewRGBA(image.Rect(0, 0, c.w, c.h))
		diagram.NewRenderer().Render(want, c.want)
		diff := 0
		for y := 0; y < c.h; y++ {
			for x := 0; x < c.w; x++ {
				r1, g1, b1, a1 := got.At(x, y).RGBA()
				r2, g2, b2, a2 := want.At(x, y).RGBA()
				if r1 != r2 || g1 != g2 || b1 != b2 || a1 != a2 {
					diff++
				}
			}
		}
		if diff != 0 {
			t.Errorf("%q: %d of %d pixels differ from the app's drawing", c.args, diff, c.w*c.h)
		}
	}
}
