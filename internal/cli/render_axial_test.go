package cli

import (
	"bytes"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"chairside/internal/anatomy"
	"chairside/internal/diagram"
)

// `render --view axial --level L4-L5` draws the level from above, square
// unless a size is given, exactly as the app draws it (marks and findings
// included); L5-S1 is spelled as clinicians write it.
func TestRenderAxial(t *testing.T) {
	dir := t.TempDir()
	cases := []struct {
		args []string
		want diagram.Scene
		w, h int
	}{
		{[]string{"--view", "axial", "--level", "L4-L5", "--width", "300"}, diagram.Scene{View: anatomy.AxialView("L4-L5")}, 300, 300},
		{[]string{"--view", "Axial", "--level", "l5-s1", "--highlight", "nerve:S1:left", "--width", "240", "--height", "200"},
			diagram.Scene{View: anatomy.AxialView("L5-S"), Selected: "nerve:S1:left"}, 240, 200},
		{[]string{"--view", "axial:C5-C6", "--mark", "disc:C5-C6=herniation:right", "--width", "260"},
			diagram.Scene{View: anatomy.AxialView("C5-C6"), Marks: []diagram.Mark{{Structure: "disc:C5-C6", Finding: "herniation", Number: 1}}}, 260, 260},
	}
	cases[2].want.Marks[0].Detail.Side = anatomy.Right
	for i, c := range cases {
		out := filepath.Join(dir, string(rune('a'+i))+".png")
		args := append(append([]string{"render"}, c.args...), "--out", out)
		code, stdout, stderr := runCLI(t, args...)
		if code != 0 || stdout != "" || stderr != "" {
			t.Fatalf("%q: exit %d, stdout %q, stderr %q", args, code, stdout, stderr)
		}
		data, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		got, err := png.Decode(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		if b := got.Bounds(); b.Dx() != c.w || b.Dy() != c.h {
			t.Fatalf("%q: %v, want %dx%d", args, b, c.w, c.h)
		}
		want := image.NewRGBA(image.Rect(0, 0, c.w, c.h))
		diagram.NewRenderer().Render(want, c.want)
		diff := 0
		for y := 0; y < c.h; y++ {
			for x := 0; x < c.w; x++ {
				r1, g1, b1, _ := got.At(x, y).RGBA()
				r2, g2, b2, _ := want.At(x, y).RGBA()
				if r1 != r2 || g1 != g2 || b1 != b2 {
					diff++
				}
			}
		}
		if diff > c.w*c.h/1000 {
			t.Errorf("%q: %d pixels differ from the app's drawing", args, diff)
		}
	}
	// the default size of the view from above is square
	out := filepath.Join(dir, "default.png")
	if code, _, stderr := runCLI(t, "render", "--view", "axial", "--level", "T6-T7", "--out", out); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	f, _ := os.Open(out)
	cfg, err := png.DecodeConfig(f)
	f.Close()
	if err != nil || cfg.Width != 1200 || cfg.Height != 1200 {
		t.Errorf("default size %dx%d (%v), want 1200x1200", cfg.Width, cfg.Height, err)
	}
}

// A bad level or a level without the view from above exits with status 2
// and says what to type, leaving no file behind.
func TestRenderAxialErrors(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "x.png")
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--view", "axial"}, "--view axial needs --level, the disc level to look at from above, e.g. --level L4-L5"},
		{[]string{"--view", "axial", "--level", "L6-L7"}, `--level "L6-L7" is not a disc level: the view from above shows one disc, from C2-C3 down to L5-S1`},
		{[]string{"--view", "axial", "--level", "C1-C2"}, `--level "C1-C2" is not a disc level`},
		{[]string{"--view", "axial:L9-L10"}, `--level "l9-l10" is not a disc level`},
		{[]string{"--level", "L4-L5"}, `--level "L4-L5" is for the view from above: add --view axial`},
		{[]string{"--view", "axial", "--level", "L4-L5", "--highlight", "nerve:L3:left"}, "not drawn in the view from above of L4–L5; try --level L3-L4"},
		{[]string{"--view", "axial", "--level", "L4-L5", "--highlight", "vertebra:L5"}, ""},
		{[]string{"--view", "axial", "--level", "L4-L5", "--highlight", "nerve:C1:left"}, "try --view lateral"},
		{[]string{"--view", "sideways"}, "use lateral (side view), posterior (from behind) or axial"},
	} {
		code, stdout, stderr := runCLI(t, append(append([]string{"render"}, c.args...), "--out", out, "--width", "50")...)
		if c.want == "" {
			if code != 0 {
				t.Errorf("%v: exit %d: %s", c.args, code, stderr)
			}
			os.Remove(out)
			continue
		}
		if code != ExitUsage || stdout != "" || !strings.Contains(stderr, c.want) {
			t.Errorf("%v: exit %d, stderr %q, want %q", c.args, code, stderr, c.want)
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("failed renders left %d files", len(entries))
	}
}
