package store

import (
	"context"
	"path/filepath"
	"slices"
	"testing"
)

// Issue 14: which sources an item's key points rest on is kept with the
// handout (migration 0011), so a saved handout printed short cites only
// those, as it did when it was made.
func TestItemKeySourcesKept(t *testing.T) {
	eachBackend(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		p := mustPatient(t, db, "Ann Lee")
		h := sampleHandout(p.ID, 2)
		h.Items[0].Sources = []string{"A 2001.", "B 2002.", "C 2003."}
		h.Items[0].KeyPoints = []string{"Discs are tough pads.", "Bulges are common."}
		h.Items[0].KeySources = []int{0, 2}
		h.Items[1].KeyPoints = []string{"One point."} // made before key sources were kept
		if err := db.SaveHandout(ctx, h); err != nil {
			t.Fatal(err)
		}
		got, err := db.GetHandout(ctx, h.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(got.Items[0].KeySources, []int{0, 2}) {
			t.Errorf("item 1: key sources %v, want [0 2]", got.Items[0].KeySources)
		}
		if got.Items[1].KeySources != nil {
			t.Errorf("item 2: key sources %v, want none", got.Items[1].KeySources)
		}
		// A copy handed out does not share them with the store's.
		got.Items[0].KeySources[0] = 1
		if again, _ := db.GetHandout(ctx, h.ID); again.Items[0].KeySources[0] != 0 {
			t.Error("a handout read shares its key sources")
		}
		// Key sources that do not point into the item's sources are refused.
		h.Items[0].KeySources = []int{5}
		if err := db.SaveHandout(ctx, h); err == nil {
			t.Error("key sources past the item's sources were saved")
		}
	})
}

// A handout saved before key sources were kept (schema version 10) opens
// with none, so it cites all its sources as it did, and keeps them once
// upgraded.
func TestItemsFromBeforeKeySources(t *testing.T) {
	path := filepath.Join(t.TempDir(), "old.db")
	buildVersion(t, path, 10, "WAL")
	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	h, err := db.GetHandout(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	if len(h.Items) == 0 || h.Items[0].KeySources != nil {
		t.Fatalf("old items: %+v", h.Items)
	}
	h.Items[0].KeyPoints = []string{"One point."}
	h.Items[0].KeySources = []int{0}
	if err := db.SaveHandout(ctx, h); err != nil {
		t.Fatal(err)
	}
	if again, err := db.GetHandout(ctx, 1); err != nil || !slices.Equal(again.Items[0].KeySources, []int{0}) {
		t.Errorf("after upgrade: %+v, %v", again, err)
	}
}
