package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"chairside/internal/diagram"
)

// render --animation draws the film's frame, caption included, exactly as
// the diagram package draws it.
func TestRenderAnimationFrame(t *testing.T) {
	dir := t.TempDir()
	cases := []struct {
		args []string
		name string
		at   float64
		lang string
		w, h int
	}{
		{[]string{"--animation", "crack", "--at", "0.4", "--width", "480", "--height", "300"}, "crack", 0.4, "en", 480, 300},
		{[]string{"--animation", "disc", "--at", "1", "--lang", "es", "--width", "320", "--height", "240"}, "disc", 1, "es", 320, 240},
		{[]string{"--animation", "Disc", "--at", "0"}, "disc", 0, "en", 1920, 1080},
	}
	for i, c := range cases {
		img := renderPNG(t, filepath.Join(dir, "frame"+string(rune('a'+i))+".png"), c.args...)
		film, _ := diagram.NewFilm(c.name, "")
		want := film.Image(c.at, c.w, c.h, diagram.FrameOptions{Lang: c.lang, Caption: true})
		if img.Bounds() != want.Bounds() {
			t.Fatalf("%v: image %v, want %v", c.args, img.Bounds(), want.Bounds())
		}
		for y := 0; y < c.h; y += 7 {
			for x := 0; x < c.w; x += 7 {
				if !sameRGB(img, want, x, y) {
					t.Fatalf("%v: pixel (%d,%d) differs from the film's frame", c.args, x, y)
				}
			}
		}
	}
	// the language changes the caption
	en, es := filepath.Join(dir, "en.png"), filepath.Join(dir, "es.png")
	runCLI(t, "render", "--animation", "disc", "--at", "0.5", "--width", "300", "--height", "200", "--out", en)
	runCLI(t, "render", "--animation", "disc", "--at", "0.5", "--width", "300", "--height", "200", "--lang", "es", "--out", es)
	a, _ := os.ReadFile(en)
	b, _ := os.ReadFile(es)
	if len(a) == 0 || string(a) == string(b) {
		t.Error("--lang es did not change the frame")
	}
}

func TestRenderAnimationErrors(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "x.png")
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"--animation", "knee", "--at", "0.5", "--out", out}, `--animation "knee" is not an animation: use crack or disc`},
		{[]string{"--animation", "crack", "--at", "1.5", "--out", out}, `--at "1.5": give a time from 0.0 (start) to 1.0 (end)`},
		{[]string{"--animation", "crack", "--at", "-0.1", "--out", out}, `--at "-0.1": give a time from 0.0`},
		{[]string{"--animation", "crack", "--at", "NaN", "--out", out}, `--at "NaN": give a time`},
		{[]string{"--animation", "crack", "--at", "half", "--out", out}, `--at "half": give a time`},
		{[]string{"--animation", "crack", "--out", out}, "missing --at"},
		{[]string{"--at", "0.5", "--out", out}, "go with --animation crack|disc"},
		{[]string{"--animation", "disc", "--at", "0.5", "--lang", "fr", "--out", out}, `--lang "fr": use one of en, es`},
		{[]string{"--animation", "disc", "--at", "0.5", "--mark", "disc:L4-L5=bulge", "--out", out}, "--mark does not go with --animation"},
		{[]string{"--animation", "disc", "--at", "0.5", "--view", "axial", "--level", "L4-L5", "--out", out}, "--view does not go with --animation"},
		{[]string{"--animation", "disc", "--at", "0.5", "--level", "L4-L5", "--out", out}, "--level does not go with --animation"},
		{[]string{"--animation", "disc", "--at", "0.5", "--width", "0", "--out", out}, "--width 0: use a size from 1 to 10000"},
		{[]string{"--animation", "disc", "--at", "0.5"}, "missing --out"},
	}
	for _, c := range cases {
		code, stdout, stderr := runCLI(t, append([]string{"render"}, c.args...)...)
		if code != ExitUsage || stdout != "" || !strings.Contains(stderr, c.want) {
			t.Errorf("%v: exit %d, stderr %q, want %q", c.args, code, stderr, c.want)
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("failed renders left %d files", len(entries))
	}
}
