package cli

import (
	"bytes"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"chairside/internal/exercise"
)

func TestExercisesList(t *testing.T) {
	code, out, errs := runCLI(t, "exercises")
	if code != 0 || errs != "" {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) < 24 {
		t.Errorf("%d exercises listed, want at least 24", len(lines))
	}
	for _, ln := range lines {
		f := strings.Split(ln, "\t")
		if len(f) != 3 || !strings.HasPrefix(f[0], "exercise:") || f[1] == "" || f[2] == "" {
			t.Errorf("line %q is not ID<TAB>title<TAB>regions", ln)
		}
	}
	if !strings.Contains(out, "exercise:chin-tuck\tChin tuck\tneck,posture\n") {
		t.Errorf("chin tuck missing or changed:\n%s", out)
	}
	// --region filters, whatever way the region is typed
	for _, typed := range []string{"neck", "Neck", "low back", "hip"} {
		code, out, errs := runCLI(t, "exercises", "--region", typed)
		r, _ := exercise.ParseRegion(typed)
		lib, _ := exercise.Load("en")
		n := strings.Count(out, "\n")
		if code != 0 || errs != "" || n == 0 || n != len(lib.InRegion(r)) {
			t.Errorf("--region %s: exit %d, %d lines (want %d), stderr %q", typed, code, n, len(lib.InRegion(r)), errs)
		}
		for _, ln := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
			if !strings.Contains(strings.Split(ln, "\t")[2], string(r)) {
				t.Errorf("--region %s lists %q", typed, ln)
			}
		}
	}
	code, out, _ = runCLI(t, "exercises", "--lang", "es", "--region", "neck")
	if code != 0 || !strings.Contains(out, "exercise:chin-tuck\tMeter la barbilla\t") {
		t.Errorf("--lang es: exit %d:\n%s", code, out)
	}
}

func TestExercisesErrors(t *testing.T) {
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"exercises", "--region", "knee"}, `--region "knee": use one of neck, upper-back, mid-back, low-back, hip-pelvis, posture`},
		{[]string{"exercises", "--lang", "English"}, "give a language code"},
		{[]string{"exercises", "neck"}, "use --region to filter"},
		{[]string{"render-exercise", "exercise:chin-tuk", "--out", "x.png"}, "did you mean exercise:chin-tuck?"},
		{[]string{"render-exercise", "--out", "x.png"}, "give one exercise ID"},
		{[]string{"render-exercise", "chin-tuck"}, "missing --out"},
		{[]string{"render-exercise", "chin-tuck", "--width", "0", "--out", "x.png"}, "--width 0: use a size from 1 to 10000"},
		{[]string{"render-exercise", "chin-tuck", "--width", "10000", "--height", "10000", "--out", "x.png"}, "keep width × height under 40 million"},
		{[]string{"render-exercise", "chin-tuck", "--out", os.TempDir()}, "is a folder: give a file name"},
		{[]string{"render-exercise", "chin-tuck", "--out", filepath.Join(t.TempDir(), "no-such-folder", "x.png")}, "cannot write"},
	}
	for _, c := range cases {
		code, out, errs := runCLI(t, c.args...)
		if code != ExitUsage || out != "" || !strings.Contains(errs, c.want) {
			t.Errorf("%q: exit %d, stderr %q, want %q", c.args, code, errs, c.want)
		}
	}
}

// render-exercise draws exactly the library's picture, at print size
// unless told otherwise, and replaces a file only with --force.
func TestRenderExercise(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "bridge.png")
	code, stdout, errs := runCLI(t, "render-exercise", "exercise:bridge", "--out", out)
	if code != 0 || stdout != "" || errs != "" {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, stdout, errs)
	}
	lib, err := exercise.Load("en")
	if err != nil {
		t.Fatal(err)
	}
	e, _ := lib.Get("bridge")
	var want bytes.Buffer
	if err := png.Encode(&want, e.Picture.Render(1200, 540)); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(out)
	if !bytes.Equal(got, want.Bytes()) {
		t.Error("the PNG is not the library's picture of the bridge at 1200x540")
	}
	code, _, errs = runCLI(t, "render-exercise", "walking", "--out", out)
	if code != ExitUsage || !strings.Contains(errs, "already exists; add --force") {
		t.Errorf("over an existing file: exit %d, stderr %q", code, errs)
	}
	if b, _ := os.ReadFile(out); !bytes.Equal(b, got) {
		t.Error("a refused render changed the file")
	}
	code, _, errs = runCLI(t, "render-exercise", "walking", "--out", out, "--force", "--width", "300", "--height", "140")
	if code != 0 || errs != "" {
		t.Fatalf("--force: exit %d, stderr %q", code, errs)
	}
	f, _ := os.Open(out)
	img, err := png.Decode(f)
	f.Close()
	if err != nil || img.Bounds().Dx() != 300 || img.Bounds().Dy() != 140 {
		t.Errorf("--width 300 --height 140: %v, %v", img.Bounds(), err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("the folder holds %d files, want 1 (no temporary files left)", len(entries))
	}
}
