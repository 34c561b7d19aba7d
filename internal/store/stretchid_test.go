package store

import (
	"context"
	"testing"

	"chairside/internal/handout"
)

// Issue 15: handouts saved before stretches had stable IDs hold a slug of
// the name in their language ("gato-vaca" on a Spanish handout). They read
// back with the stable ID, in the handout and in every saved revision.
func TestOldStretchIDsReadAsStableIDs(t *testing.T) {
	eachBackend(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		p := mustPatient(t, db, "Ana Ruiz")
		h := sampleHandout(p.ID, 1)
		h.Lang = "es"
		h.HomeCare.Stretches = []handout.Stretch{
			{ID: "gato-vaca", Name: "Gato-vaca", Steps: []string{"Apóyese en manos y rodillas."}, Cautions: "Con suavidad."},
			{ID: "chin-tuck", Name: "Chin tuck", Steps: []string{"Sit tall."}, Cautions: "Gently."},
			{ID: "exercise:bridge", Name: "Puente", Steps: []string{"Lift."}, Cautions: "Slowly."},
		}
		// Written as the store wrote it then: the ID as given, in the table
		// and in the revision's snapshot.
		if err := db.SaveHandout(ctx, h); err != nil {
			t.Fatal(err)
		}
		var stored string
		if err := db.r.QueryRowContext(ctx, "SELECT stretch_id FROM handout_stretches WHERE handout_id = ? AND position = 0", h.ID).Scan(&stored); err != nil || stored != "gato-vaca" {
			t.Fatalf("stored %q, %v: the test no longer writes the old form", stored, err)
		}
		want := []string{"exercise:cat-camel", "exercise:chin-tuck", "exercise:bridge"}
		got, err := db.GetHandout(ctx, h.ID)
		if err != nil {
			t.Fatal(err)
		}
		revs, err := db.HandoutRevisions(ctx, h.ID)
		if err != nil {
			t.Fatal(err)
		}
		for name, hs := range map[string]handout.Handout{"handout": *got, "revision": revs[0]} {
			if len(hs.HomeCare.Stretches) != len(want) {
				t.Fatalf("%s: stretches %+v", name, hs.HomeCare.Stretches)
			}
			for i, s := range hs.HomeCare.Stretches {
				if s.ID != want[i] {
					t.Errorf("%s: stretch %d has ID %q, want %q", name, i+1, s.ID, want[i])
				}
			}
			if hs.HomeCare.Stretches[0].Name != "Gato-vaca" || hs.HomeCare.Stretches[0].Steps[0] != "Apóyese en manos y rodillas." {
				t.Errorf("%s: the snapshot changed: %+v", name, hs.HomeCare.Stretches[0])
			}
		}
		// Saved again, it is stored with the stable IDs.
		if err := db.SaveHandout(ctx, got); err != nil {
			t.Fatal(err)
		}
		if err := db.r.QueryRowContext(ctx, "SELECT stretch_id FROM handout_stretches WHERE handout_id = ? AND position = 0", h.ID).Scan(&stored); err != nil || stored != "exercise:cat-camel" {
			t.Errorf("after a save: %q, %v", stored, err)
		}
	})
}
