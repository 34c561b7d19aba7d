package cli

import (
	"errors"
	"flag"
	"fmt"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"chairside/internal/diagram"
	"chairside/internal/i18n"
)

// renderAnim is render's --animation: one frame of an animation, with its
// caption under the drawing, for the README, tests and a clinic's slides.
type renderAnim struct {
	name, at, lang *string
}

func animFlags(fs *flag.FlagSet) renderAnim {
	return renderAnim{
		name: fs.String("animation", "", "draw one frame of an `animation`: crack (what happens when a joint cracks) or disc (how a disc bulge presses on a nerve); 1920×1080 unless --width/--height"),
		at:   fs.String("at", "", "with --animation, the `time` of the frame, from 0.0 (start) to 1.0 (end)"),
		lang: fs.String("lang", "en", "with --animation, the `language` of the caption: en or es"),
	}
}

// wanted reports whether an animation frame was asked for; --at or --lang
// alone are caught by render.
func (a renderAnim) wanted(fs *flag.FlagSet) bool {
	return *a.name != "" || *a.at != "" || isSet(fs, "lang")
}

func isSet(fs *flag.FlagSet, name string) bool {
	set := false
	fs.Visit(func(f *flag.Flag) { set = set || f.Name == name })
	return set
}

func (a renderAnim) render(env *Env, fs *flag.FlagSet, width, height int, out string, force bool) error {
	if strings.TrimSpace(*a.name) == "" {
		return errors.New("--at and --lang go with --animation crack|disc: which animation to draw")
	}
	film, err := diagram.NewFilm(*a.name, "")
	if err != nil {
		return fmt.Errorf("--animation %s is not an animation: use %s", echo(*a.name), strings.Join(diagram.AnimationNames(), " or "))
	}
	for _, f := range []string{"view", "level", "highlight", "mark", "zoom"} {
		if isSet(fs, f) {
			return fmt.Errorf("--%s does not go with --animation: an animation frames its own picture", f)
		}
	}
	if strings.TrimSpace(*a.at) == "" {
		return errors.New("missing --at: the time of the frame, from 0.0 (start) to 1.0 (end)")
	}
	t, err := strconv.ParseFloat(strings.TrimSpace(*a.at), 64)
	if err != nil || math.IsNaN(t) || t < 0 || t > 1 {
		return fmt.Errorf("--at %s: give a time from 0.0 (start) to 1.0 (end), e.g. --at 0.5", echo(*a.at))
	}
	lang := strings.TrimSpace(*a.lang)
	if !i18n.Has(lang) {
		return fmt.Errorf("--lang %s: use one of %s", echo(*a.lang), strings.Join(i18n.Langs(), ", "))
	}
	w, h := 1920, 1080
	if isSet(fs, "width") {
		w = width
	}
	if isSet(fs, "height") {
		h = height
	}
	if err := checkPictureSize(w, h); err != nil {
		return err
	}
	if strings.TrimSpace(out) == "" {
		return errors.New("missing --out FILE.png: where to write the picture")
	}
	if fi, err := os.Stat(out); err == nil && fi.IsDir() {
		return fmt.Errorf("--out %s is a folder: give a file name, e.g. %s", out, filepath.Join(out, "frame.png"))
	}
	if err := checkOut(env, out, force); err != nil {
		return err
	}
	img := film.Image(t, w, h, diagram.FrameOptions{Lang: lang, Caption: true})
	return renderWriteFile(out, force, func(f *os.File) error { return png.Encode(f, img) })
}
