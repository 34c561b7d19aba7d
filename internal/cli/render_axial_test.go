package cli

import (
	"fmt"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// `render --view axial --level L4-L5` draws the level from above (what it
// draws is checked against the app's drawing in TestRenderIsWhatTheAppDraws):
// square unless both sides are given, one side giving the other.
func TestRenderAxialIsSquare(t *testing.T) {
	dir := t.TempDir()
	for i, c := range []struct {
		args []string
		w, h int
	}{
		{nil, 1200, 1200},
		{[]string{"--width", "300"}, 300, 300},
		{[]string{"--height", "200"}, 200, 200},
		{[]string{"--width", "300", "--height", "200"}, 300, 200},
	} {
		out := filepath.Join(dir, fmt.Sprintf("%d.png", i))
		args := append(append([]string{"render", "--view", "axial", "--level", "T6-T7"}, c.args...), "--out", out)
		if code, stdout, stderr := runCLI(t, args...); code != 0 || stdout != "" || stderr != "" {
			t.Fatalf("%q: exit %d, stdout %q, stderr %q", args, code, stdout, stderr)
		}
		f, err := os.Open(out)
		if err != nil {
			t.Fatal(err)
		}
		cfg, err := png.DecodeConfig(f)
		f.Close()
		if err != nil || cfg.Width != c.w || cfg.Height != c.h {
			t.Errorf("%q: %dx%d (%v), want %dx%d", args, cfg.Width, cfg.Height, err, c.w, c.h)
		}
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
