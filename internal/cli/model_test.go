package cli

import (
	"context"
	"fmt"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"chairside/internal/content"
	"chairside/internal/draft"
	"chairside/internal/store"
)

// Issue 12: the rule of which finding fits which structure lives in the
// model, so the command line refuses what the app's editor refuses. Before,
// --mark nerve:L5:left=bulge saved "left L5 nerve root: Disc bulge".
func TestHandoutsNewRefusesFindingThatDoesNotFit(t *testing.T) {
	db := dbWithPatient(t)
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
	_, h := newHandout(t, "--items", "disc:L4-L5",
		"--mark", "disc:L4-L5=bulge", "--mark", "disc:L4-L5=bulge@posterior:0.3,0.5", "--mark", "disc:L4-L5=pain")
	if len(h.Marks) != 2 || h.Marks[0].At.IsZero() || h.Marks[1].Finding != "pain" {
		t.Errorf("marks %+v, want the bulge once (at the place given) and the pain area", h.Marks)
	}
}

// Issue 12: the command line takes a handout's snapshot the way the app
// does (ui's TestEditorSnapshotIsTheModels holds the other half), the
// stretches' steps included.
func TestHandoutsNewSnapshotsAsTheApp(t *testing.T) {
	lib, err := content.Load("en")
	if err != nil {
		t.Fatal(err)
	}
	all := lib.Stretches()
	_, h := newHandout(t, "--items", "disc:L4-L5,topic:red-flags", "--stretches", all[0].ID+","+strings.ToUpper(all[1].ID))
	for i, id := range []string{"disc:L4-L5", "topic:red-flags"} {
		text, err := lib.Explain(id)
		if err != nil {
			t.Fatal(err)
		}
		if i >= len(h.Items) || !reflect.DeepEqual(h.Items[i], draft.ItemOf(text)) {
			t.Errorf("item %d: %+v, want the model's snapshot of %s", i+1, h.Items, id)
		}
	}
	if len(h.HomeCare.Stretches) != 2 {
		t.Fatalf("stretches %+v", h.HomeCare.Stretches)
	}
	for i, st := range h.HomeCare.Stretches {
		want := draft.StretchOf(all[i])
		if len(want.Steps) == 0 || !reflect.DeepEqual(st, want) {
			t.Errorf("stretch %d: %+v, want %+v", i+1, st, want)
		}
	}
}

// Issue 15, one language rule: the handout is in the patient's language
// when the library has texts in it, else in CHAIRSIDE_LANG / LANG's.
func TestHandoutsNewLanguageRule(t *testing.T) {
	db := filepath.Join(t.TempDir(), "c.db")
	mustRun(t, dbArgs(db, "patients", "add", "--name", "Ana Ruiz", "--lang", "es")...)
	mustRun(t, dbArgs(db, "patients", "add", "--name", "Van Le", "--lang", "vi")...)
	mustRun(t, dbArgs(db, "patients", "add", "--name", "Ann Lee", "--lang", "en")...)
	for _, c := range []struct {
		patient, chairsideLang, lang, want string
	}{
		{"1", "", "C.UTF-8", "es"},     // Spanish texts exist: Spanish whatever the app reads
		{"2", "", "es_MX.UTF-8", "es"}, // no Vietnamese texts: the user's language
		{"2", "", "C.UTF-8", "en"},
		{"2", "es", "en_US.UTF-8", "es"}, // CHAIRSIDE_LANG before LANG
		{"3", "es", "es_MX.UTF-8", "en"}, // an English-speaking patient
	} {
		t.Setenv("CHAIRSIDE_LANG", c.chairsideLang)
		t.Setenv("LANG", c.lang)
		out := mustRun(t, dbArgs(db, "handouts", "new", "--patient", c.patient, "--items", "disc:L4-L5")...)
		var id int64
		if _, err := fmt.Sscan(out, &id); err != nil {
			t.Fatal(err)
		}
		h := storedHandout(t, db, id)
		spanish := strings.Contains(h.Items[0].Body, "raíz nerviosa")
		if h.Lang != c.want || spanish != (c.want == "es") {
			t.Errorf("patient %s, CHAIRSIDE_LANG=%q LANG=%q: handout in %q (Spanish text %v), want %q", c.patient, c.chairsideLang, c.lang, h.Lang, spanish, c.want)
		}
	}
}
