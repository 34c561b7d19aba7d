package store

import (
	"context"
	"path/filepath"
	"slices"
	"testing"
)

// Issue 14: an item's key points and its full-text choice are kept with
// the handout (migration 0006), so it reprints the same.
func TestItemKeyPointsAndFullKept(t *testing.T) {
	eachBackend(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		p := mustPatient(t, db, "Ann Lee")
		h := sampleHandout(p.ID, 1)
		h.Items[0].KeyPoints = []string{"Discs are tough pads.", "Bulges are common."}
		h.Items[0].Full = true
		if err := db.SaveHandout(ctx, h); err != nil {
			t.Fatal(err)
		}
		got, err := db.GetHandout(ctx, h.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(got.Items[0].KeyPoints, h.Items[0].KeyPoints) || !got.Items[0].Full {
			t.Errorf("item 1: key points %q, full %v; want %q, true", got.Items[0].KeyPoints, got.Items[0].Full, h.Items[0].KeyPoints)
		}
		if len(got.Items) > 1 && (got.Items[1].KeyPoints != nil || got.Items[1].Full) {
			t.Errorf("item 2: key points %q, full %v; want none, false", got.Items[1].KeyPoints, got.Items[1].Full)
		}
	})
}

// A handout saved before key points were kept (schema version 5) opens
// with none, printing short by default, and keeps them once upgraded.
func TestItemsFromBeforeKeyPoints(t *testing.T) {
	path := filepath.Join(t.TempDir(), "old.db")
	buildVersion(t, path, 5, "WAL")
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
	if len(h.Items) == 0 || h.Items[0].KeyPoints != nil || h.Items[0].Full {
		t.Fatalf("old items: %+v", h.Items)
	}
	h.Items[0].KeyPoints = []string{"One point."}
	if err := db.SaveHandout(ctx, h); err != nil {
		t.Fatal(err)
	}
	if again, err := db.GetHandout(ctx, 1); err != nil || !slices.Equal(again.Items[0].KeyPoints, []string{"One point."}) {
		t.Errorf("after upgrade: %+v, %v", again, err)
	}
}
