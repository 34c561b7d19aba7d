package cli

import (
	"context"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"chairside/internal/handout"
	"chairside/internal/store"
)

// The command-line tests' shared set-up: a database with one patient, a
// handout made by `handouts new` and read back as stored, a picture drawn
// by `render` and read back.

// dbWithPatient makes a database with one patient, Ann Lee (ID 1), and
// returns its path.
func dbWithPatient(t *testing.T) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "c.db")
	mustRun(t, dbArgs(db, "patients", "add", "--name", "Ann Lee")...)
	return db
}

// newHandout makes a handout for Ann Lee with `handouts new --patient 1
// ARGS…` in a new database and returns the database's path and the
// handout as the store keeps it.
func newHandout(t *testing.T, args ...string) (string, *handout.Handout) {
	t.Helper()
	db := dbWithPatient(t)
	mustRun(t, dbArgs(db, append([]string{"handouts", "new", "--patient", "1"}, args...)...)...)
	return db, storedHandout(t, db, 1)
}

// storedHandout reads handout id from the database at db.
func storedHandout(t *testing.T, db string, id int64) *handout.Handout {
	t.Helper()
	s, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	h, err := s.GetHandout(context.Background(), id)
	if err != nil {
		t.Fatalf("handout %d: %v", id, err)
	}
	return h
}

// renderPNG runs `render ARGS… --out out`, which must succeed silently,
// and returns the picture it wrote.
func renderPNG(t *testing.T, out string, args ...string) image.Image {
	t.Helper()
	args = append(append([]string{"render"}, args...), "--out", out)
	if code, stdout, stderr := runCLI(t, args...); code != 0 || stdout != "" || stderr != "" {
		t.Fatalf("%q: exit %d, stdout %q, stderr %q", args, code, stdout, stderr)
	}
	f, err := os.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("%q wrote no PNG: %v", args, err)
	}
	return img
}

// sameRGB reports whether got's pixel at (x, y) has want's colour.
func sameRGB(got image.Image, want *image.RGBA, x, y int) bool {
	r, g, b, _ := got.At(x, y).RGBA()
	w := want.RGBAAt(x, y)
	return uint8(r>>8) == w.R && uint8(g>>8) == w.G && uint8(b>>8) == w.B
}
