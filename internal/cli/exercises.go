package cli

import (
	"errors"
	"fmt"
	"image/png"
	"os"
	"path/filepath"
	"strings"

	"chairside/internal/content"
	"chairside/internal/exercise"
)

// A picture's default size: 4 by 1.8 inches at 300 dots an inch, as a
// handout prints it.
const (
	exercisePictureW = 1200
	exercisePictureH = 540
)

func init() {
	register(Command{Name: "exercises", Summary: "list the home exercises: ID, title, regions (tab-separated)",
		Usage: "[--region neck|upper-back|mid-back|low-back|hip-pelvis|posture] [--lang en]", Run: runExercises})
	register(Command{Name: "render-exercise", Summary: "draw an exercise's picture (start and end poses) to a PNG file",
		Usage: "ID --out FILE.png [--width N] [--height N] [--force]", Run: runRenderExercise})
}

// loadExercises loads the exercise library in a language code; anything
// else is refused, as for the explanations.
func loadExercises(lang string) (*exercise.Library, error) {
	if !langCode.MatchString(strings.ToLower(strings.TrimSpace(lang))) {
		return nil, fmt.Errorf("--lang %s: give a language code such as en or es", echo(lang))
	}
	return exercise.Load(lang)
}

func runExercises(env *Env, args []string) error {
	fs := newFlags(env)
	lang := fs.String("lang", content.DefaultLang, "`language` code of the titles (falls back to English)")
	region := fs.String("region", "", "list only the exercises for a `region`: neck, upper-back, mid-back, low-back, hip-pelvis or posture")
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return fmt.Errorf("unexpected argument %s (exercises takes no arguments; use --region to filter)", echo(pos[0]))
	}
	lib, err := loadExercises(*lang)
	if err != nil {
		return err
	}
	list := lib.All()
	if strings.TrimSpace(*region) != "" {
		r, err := exercise.ParseRegion(*region)
		if err != nil {
			return fmt.Errorf("--region %s: %s", echo(*region), regionChoices())
		}
		list = lib.InRegion(r)
	}
	for _, e := range list {
		regions := make([]string, len(e.Regions))
		for i, r := range e.Regions {
			regions[i] = string(r)
		}
		fmt.Fprintf(env.Stdout, "%s\t%s\t%s\n", e.ID, e.Title, strings.Join(regions, ","))
	}
	return nil
}

func regionChoices() string {
	names := make([]string, len(exercise.Regions))
	for i, r := range exercise.Regions {
		names[i] = string(r)
	}
	return "use one of " + strings.Join(names, ", ")
}

func runRenderExercise(env *Env, args []string) error {
	fs := newFlags(env)
	out := fs.String("out", "", "the PNG `file` to write (required)")
	width := fs.Int("width", exercisePictureW, "image width in pixels, 1 to 10000")
	height := fs.Int("height", exercisePictureH, "image height in pixels, 1 to 10000")
	force := forceFlag(fs)
	id, err := oneArg(fs, args, "give one exercise ID, e.g. chairside render-exercise exercise:chin-tuck --out chin-tuck.png ('chairside exercises' lists them)")
	if err != nil {
		return err
	}
	if err := checkPictureSize(*width, *height); err != nil {
		return err
	}
	// The pictures are the same in every language: English is enough to
	// find the exercise.
	lib, err := exercise.Load(content.DefaultLang)
	if err != nil {
		return err
	}
	e, err := lib.Get(id)
	if err != nil {
		return tame(err, id)
	}
	if strings.TrimSpace(*out) == "" {
		return errors.New("missing --out FILE.png: where to write the picture")
	}
	if fi, err := os.Stat(*out); err == nil && fi.IsDir() {
		return fmt.Errorf("--out %s is a folder: give a file name, e.g. %s", *out, filepath.Join(*out, strings.TrimPrefix(e.ID, exercise.IDPrefix)+".png"))
	}
	// No database is opened, but the one a command would open is still
	// never written over (see render).
	if err := checkOut(env, *out, *force); err != nil {
		return err
	}
	img := e.Picture.Render(*width, *height)
	return renderWriteFile(*out, *force, func(f *os.File) error { return png.Encode(f, img) })
}
