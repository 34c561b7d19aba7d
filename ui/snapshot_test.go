package ui

import (
	"context"
	"reflect"
	"testing"

	"chairside/internal/content"
	"chairside/internal/draft"
)

// Issue 12: a handout's text snapshot is taken one way, by the model's
// draft.ItemOf and draft.StretchOf, in the app as on the command line
// (internal/cli's TestHandoutsNewSnapshotsAsTheApp holds the other half):
// every step of a stretch included.
func TestEditorSnapshotIsTheModels(t *testing.T) {
	a, db, _, _ := newDeskApp(t)
	p := addPatient(t, db, "Ann Lee")
	a.Select("disc:L4-L5")
	e := openEditorFor(t, a, p)
	e.stretchBox[0].SetChecked(true)
	typeShortcut(a, shortcutSave)
	hs, err := db.ListHandouts(context.Background(), p.ID)
	if err != nil || len(hs) != 1 {
		t.Fatalf("store has %d handouts, %v", len(hs), err)
	}
	h := hs[0]
	lib, err := content.Load(h.Lang)
	if err != nil {
		t.Fatal(err)
	}
	text, err := lib.Explain("disc:L4-L5")
	if err != nil {
		t.Fatal(err)
	}
	want := draft.StretchOf(lib.Stretches()[0])
	if len(want.Steps) == 0 {
		t.Fatal("the library's first stretch has no steps")
	}
	if len(h.Items) != 1 || !reflect.DeepEqual(h.Items[0], draft.ItemOf(text)) {
		t.Errorf("item %+v, want the model's snapshot", h.Items)
	}
	if len(h.HomeCare.Stretches) != 1 || !reflect.DeepEqual(h.HomeCare.Stretches[0], want) {
		t.Errorf("stretches %+v, want %+v", h.HomeCare.Stretches, want)
	}
}
