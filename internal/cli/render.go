package cli

import (
	"errors"
	"flag"
	"fmt"
	"image/png"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"chairside/internal/anatomy"
	"chairside/internal/diagram"
	"chairside/internal/safefile"
)

// maxRenderSide bounds --width and --height: 10000 px is already a poster;
// maxRenderPixels keeps the picture's memory reasonable (4 bytes a pixel).
const (
	maxRenderSide   = 10000
	maxRenderPixels = 40_000_000
)

// checkPictureSize refuses a picture's --width and --height outside the
// bounds above, naming the flag to change: render (a view or an
// animation's frame) and render-exercise share it.
func checkPictureSize(width, height int) error {
	for _, d := range []struct {
		name string
		n    int
	}{{"width", width}, {"height", height}} {
		if d.n < 1 || d.n > maxRenderSide {
			return fmt.Errorf("--%s %d: use a size from 1 to %d pixels", d.name, d.n, maxRenderSide)
		}
	}
	if px := width * height; px > maxRenderPixels {
		return fmt.Errorf("--width %d --height %d is %d million pixels; keep width × height under %d million",
			width, height, px/1_000_000, maxRenderPixels/1_000_000)
	}
	return nil
}

func init() {
	register(Command{
		Name:    "render",
		Summary: "draw a spine view to a PNG file, exactly as the app draws it",
		Usage:   "[--view lateral|posterior|axial --level L4-L5] [--highlight ID,ID…] [--mark ID=FINDING[:OPTION]]… [--zoom PRESET] [--width N] [--height N] --out FILE.png [--force]\n       chairside render --animation crack|disc --at 0.0…1.0 [--lang en|es] [--width N] [--height N] --out FILE.png [--force]",
		Run:     runRender,
	})
}

func runRender(env *Env, args []string) error {
	fs := newFlags(env)
	view := fs.String("view", "lateral", "the `view`: lateral (side), posterior (from behind) or axial (one disc level from above, with --level)")
	level := fs.String("level", "", "the disc `level` the axial view shows, C2-C3 to L5-S1, e.g. L4-L5")
	highlight := fs.String("highlight", "", "structure `IDs` to highlight, comma-separated (one ID: selected; several: discussed)")
	width := fs.Int("width", 1200, "image width in pixels, 1 to 10000")
	height := fs.Int("height", 1800, "image height in pixels, 1 to 10000")
	out := fs.String("out", "", "the PNG `file` to write (required)")
	force := forceFlag(fs)
	var marks markList
	fs.Var(&marks, "mark", "draw a finding, `ID=FINDING[:OPTION]` (repeatable), e.g. disc:L4-L5=herniation:left, vertebra:L5=slip:2, vertebra:T8=scoliosis:right:25; findings: "+findingNames())
	zoom := fs.String("zoom", "", "frame a part of the spine (a `preset`): whole, neck, mid-back or low-back (default: the whole view, as the app opens)")
	anim := animFlags(fs)
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return fmt.Errorf("unexpected argument %s (did you mean --out %s?)", echo(pos[0]), echo(pos[0]))
	}
	if anim.wanted(fs) {
		return anim.render(env, fs, *width, *height, *out, *force)
	}
	v, err := renderView(*view, *level)
	if err != nil {
		return err
	}
	if v.IsAxial() {
		// one level from above is about as deep as it is wide: square
		// unless a size was asked for
		set := map[string]bool{}
		fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
		switch {
		case !set["height"]:
			*height = *width
		case !set["width"]:
			*width = *height
		}
	}
	if err := checkPictureSize(*width, *height); err != nil {
		return err
	}
	var preset anatomy.Preset
	if *zoom != "" {
		for _, p := range anatomy.Presets() {
			if strings.EqualFold(strings.TrimSpace(*zoom), string(p)) {
				preset = p
			}
		}
		if preset == "" {
			names := make([]string, 0, 4)
			for _, p := range anatomy.Presets() {
				names = append(names, string(p))
			}
			return fmt.Errorf("--zoom %s: use one of %s", echo(*zoom), strings.Join(names, ", "))
		}
	}
	if strings.TrimSpace(*out) == "" {
		return errors.New("missing --out FILE.png: where to write the picture")
	}
	if fi, err := os.Stat(*out); err == nil && fi.IsDir() {
		return fmt.Errorf("--out %s is a folder: give a file name, e.g. %s", *out, filepath.Join(*out, "spine.png"))
	}
	// render opens no database, but the one it would open (--db,
	// CHAIRSIDE_DB or the default) is still never written over.
	if err := checkOut(env, *out, *force); err != nil {
		return err
	}
	var ids []string
	for _, raw := range splitList(*highlight) {
		st, err := anatomy.Parse(raw)
		if err != nil {
			return tame(err, raw)
		}
		if !anatomy.Drawn(v, st.ID) {
			if seg, ok := v.AxialLevel(); ok {
				return fmt.Errorf("%s is not drawn in the view from above of %s; %s", st.ID, anatomy.SegmentLabel(seg), renderAxialHint(st.ID))
			}
			return fmt.Errorf("%s is not drawn in the %s view; try --view %s", st.ID, v, renderOtherView(v))
		}
		ids = append(ids, st.ID)
	}
	sc := diagram.Scene{View: v}
	if preset != "" {
		sc.Camera = diagram.PresetCamera(v, preset, float64(*width), float64(*height))
	}
	if len(ids) == 1 {
		sc.Selected = ids[0]
	} else {
		sc.Discussed = ids
	}
	for i, m := range marks {
		sc.Marks = append(sc.Marks, diagram.Mark{Structure: m.Structure, Finding: string(m.Finding), Number: i + 1, At: m.At, Detail: m.Detail})
	}
	img := diagram.NewRenderer().Image(sc, *width, *height)
	return renderWriteFile(*out, *force, func(f *os.File) error { return png.Encode(f, img) })
}

// renderView reads --view and --level: the side and back views take no
// level, the view from above needs one.
func renderView(view, level string) (anatomy.View, error) {
	name := strings.ToLower(strings.TrimSpace(view))
	if name == "axial" || strings.HasPrefix(name, "axial:") {
		if lv, ok := strings.CutPrefix(name, "axial:"); ok && level == "" {
			level = lv
		}
		if strings.TrimSpace(level) == "" {
			return "", errors.New("--view axial needs --level, the disc level to look at from above, e.g. --level L4-L5")
		}
		seg, err := anatomy.ParseAxialLevel(level)
		if err != nil {
			return "", fmt.Errorf("--level %s is not a disc level: the view from above shows one disc, from C2-C3 down to L5-S1 (for example --level L4-L5)", echo(level))
		}
		return anatomy.AxialView(seg), nil
	}
	v, err := anatomy.ParseView(view)
	if err != nil {
		return "", fmt.Errorf("--view %s is not a view: use lateral (side view), posterior (from behind) or axial (from above, with --level)", echo(view))
	}
	if level != "" {
		return "", fmt.Errorf("--level %s is for the view from above: add --view axial", echo(level))
	}
	return v, nil
}

// renderAxialHint says where a structure shows from above.
func renderAxialHint(id string) string {
	if seg := anatomy.AxialLevelOf(id); seg != "" {
		return "try --level " + strings.Replace(seg, "-S", "-S1", 1)
	}
	return "try --view lateral"
}

func renderOtherView(v anatomy.View) anatomy.View {
	if v == anatomy.Lateral {
		return anatomy.Posterior
	}
	return anatomy.Lateral
}

// renderWriteFile writes through a temporary file in the same folder and
// moves it into place, so a failed write never leaves half a file; an
// existing file is replaced only when replace is set.
func renderWriteFile(path string, replace bool, write func(*os.File) error) error {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("cannot write %s: %w", path, err)
	}
	name := tmp.Name()
	ok := false
	defer func() {
		if !ok {
			tmp.Close()
			os.Remove(name)
		}
	}()
	if err := write(tmp); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := os.Chmod(name, 0o644); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	move := safefile.RenameNoReplace
	if replace {
		move = os.Rename
	}
	if err := move(name, path); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return errExists // it appeared while the picture was drawn
		}
		return fmt.Errorf("writing %s: %w", path, err)
	}
	ok = true
	return nil
}
