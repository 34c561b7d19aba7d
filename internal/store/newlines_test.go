package store

import (
	"context"
	"testing"
)

// Notes typed on Windows (CRLF) are stored with LF, as every other note,
// in the handout and in its revision snapshot.
func TestSaveHandoutStoresLF(t *testing.T) {
	eachBackend(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		p := mustPatient(t, db, "Ana Ruiz")
		h := sampleHandout(p.ID, 1)
		h.ClinicianNotes = "Recheck in two weeks.\r\n\r\nAvoid heavy lifting.\r\n"
		h.HomeCare.Instructions = "Twice a day.\r\nStop if it hurts."
		h.Marks[0].Note = "mild\r\nleft side"
		if err := db.SaveHandout(ctx, h); err != nil {
			t.Fatal(err)
		}
		if h.ClinicianNotes != "Recheck in two weeks.\r\n\r\nAvoid heavy lifting.\r\n" {
			t.Error("SaveHandout changed the caller's text")
		}
		got, err := db.GetHandout(ctx, h.ID)
		if err != nil {
			t.Fatal(err)
		}
		revs, err := db.HandoutRevisions(ctx, h.ID)
		if err != nil || len(revs) != 1 {
			t.Fatalf("revisions %d, %v", len(revs), err)
		}
		for name, g := range map[string]struct{ notes, instr, mark string }{
			"handout":  {got.ClinicianNotes, got.HomeCare.Instructions, got.Marks[0].Note},
			"snapshot": {revs[0].ClinicianNotes, revs[0].HomeCare.Instructions, revs[0].Marks[0].Note},
		} {
			if g.notes != "Recheck in two weeks.\n\nAvoid heavy lifting.\n" || g.instr != "Twice a day.\nStop if it hurts." || g.mark != "mild\nleft side" {
				t.Errorf("%s stored %q, %q, %q: want LF line ends", name, g.notes, g.instr, g.mark)
			}
		}
	})
}
