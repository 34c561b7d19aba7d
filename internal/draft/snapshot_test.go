package draft

import (
	"slices"
	"testing"

	"chairside/internal/content"
)

// An item's snapshot keeps which sources its key points rest on, in a
// copy of its own, so a saved handout prints short with the same sources
// after the library changes.
func TestItemOfKeepsKeySources(t *testing.T) {
	lib, err := content.Load("en")
	if err != nil {
		t.Fatal(err)
	}
	tx, err := lib.Explain("topic:cracking-your-back")
	if err != nil {
		t.Fatal(err)
	}
	it := ItemOf(tx)
	if len(it.KeySources) == 0 || !slices.Equal(it.KeySources, tx.KeySources) || len(it.ShortSources()) >= len(it.Sources) {
		t.Fatalf("snapshot key sources %v of %d sources, library %v", it.KeySources, len(it.Sources), tx.KeySources)
	}
	it.KeySources[0] = 99
	if again, _ := lib.Explain("topic:cracking-your-back"); again.KeySources[0] == 99 {
		t.Error("the snapshot shares its key sources with the library")
	}
}
