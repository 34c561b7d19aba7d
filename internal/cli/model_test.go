package cli

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"chairside/internal/store"
)

// Issue 12: the rule of which finding fits which structure lives in the
// model, so the command line refuses what the app's editor refuses. Before,
// --mark nerve:L5:left=bulge saved "left L5 nerve root: Disc bulge".
func TestHandoutsNewRefusesFindingThatDoesNotFit(t *testing.T) {
	db := filepath.Join(t.TempDir(), "c.db")
	mustRun(t, dbArgs(db, "patients", "add", "--name", "Ann Lee")...)
	for _, c := range []struct{ mark, want string }{
		{"nerve:L5:left=bulge", "Disc bulge can only be marked on a disc"},
		{"vertebra:L4=herniation", "Disc herniation can only be marked on a disc"},
		{"nerve:C6:right=degeneration", "not on a nerve root"},
	} {
		code, out, errs := runCLI(t, dbArgs(db, "handouts", "new", "--patient", "1", "--items", "disc:L4-L5", "--mark", c.mark)...)
		if code != ExitUsage || out != "" || !strings.Contains(errs, c.want) {
			t.Errorf("--mark %s: exit %d, stdout %q, stderr %q; want exit %d and %q", c.mark, code, out, errs, ExitUsage, c.want)
		}
	}
	s, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if hs, err := s.ListHandouts(context.Background(), 1); err != nil || len(hs) != 0 {
		t.Errorf("a refused handout was saved: %d handouts, %v", len(hs), err)
	}
}

// The same structure and finding marked twice is one mark, as in the app:
// the later note and place win.
func TestHandoutsNewMergesRepeatedMark(t *testing.T) {
	db := filepath.Join(t.TempDir(), "c.db")
	mustRun(t, dbArgs(db, "patients", "add", "--name", "Ann Lee")...)
	mustRun(t, dbArgs(db, "handouts", "new", "--patient", "1", "--items", "disc:L4-L5",
		"--mark", "disc:L4-L5=bulge", "--mark", "disc:L4-L5=bulge@posterior:0.3,0.5", "--mark", "disc:L4-L5=pain")...)
	s, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	h, err := s.GetHandout(context.Background(), 1)
	if err != nil {
		t.Fatal(err)
	}
	if len(h.Marks) != 2 || h.Marks[0].At.IsZero() || h.Marks[1].Finding != "pain" {
		t.Errorf("marks %+v, want the bulge once (at the place given) and the pain area", h.Marks)
	}
}
