package store

import (
	"context"
	"net/url"
	"strings"
	"testing"
	"time"

	"chairside/internal/handout"
)

// One chair's saves reach another chair's Changes within a second: a new
// patient, a saved handout (with its patient), the clinic settings; IDs
// only. Changes on a file is nil.
func TestServerChangesReachTheOtherChair(t *testing.T) {
	addr := freshServerDB(t)
	room2, err := Open(addr)
	if err != nil {
		t.Fatal(err)
	}
	defer room2.Close()
	desk, err := Open(addr)
	if err != nil {
		t.Fatal(err)
	}
	defer desk.Close()
	ctx, cancel := context.WithCancel(context.Background())
	changes, err := desk.Changes(ctx)
	if err != nil {
		t.Fatal(err)
	}
	next := func(what string) Change {
		t.Helper()
		select {
		case c := <-changes:
			return c
		case <-time.After(time.Second):
			t.Fatalf("no change notice within a second after %s", what)
		}
		return Change{}
	}
	p := mustPatient(t, room2, "Ann Lee")
	if c := next("adding a patient"); c != (Change{Kind: ChangePatient, PatientID: p.ID}) {
		t.Errorf("after adding a patient: %+v", c)
	}
	h := sampleHandout(p.ID, 1)
	if err := room2.SaveHandout(ctx, h); err != nil {
		t.Fatal(err)
	}
	if c := next("saving a handout"); c != (Change{Kind: ChangeHandout, PatientID: p.ID, HandoutID: h.ID}) {
		t.Errorf("after saving a handout: %+v", c)
	}
	// A refused save announces nothing.
	bad := *h
	bad.PatientID = p.ID + 100
	if err := room2.SaveHandout(ctx, &bad); err == nil {
		t.Fatal("a handout moved to a missing patient was saved")
	}
	if err := room2.SetArchived(ctx, p.ID, true); err != nil {
		t.Fatal(err)
	}
	if c := next("archiving"); c != (Change{Kind: ChangePatient, PatientID: p.ID}) {
		t.Errorf("after archiving (the refused save must not be announced): %+v", c)
	}
	if err := room2.SaveClinic(ctx, sampleClinic()); err != nil {
		t.Fatal(err)
	}
	if c := next("saving the clinic"); c.Kind != ChangeClinic {
		t.Errorf("after saving the clinic: %+v", c)
	}
	cancel()
	select {
	case _, open := <-changes:
		if open {
			for range changes {
			}
		}
	case <-time.After(2 * time.Second):
		t.Error("Changes did not close after its context ended")
	}

	file := MustOpenDB(t)
	if ch, err := file.Changes(context.Background()); ch != nil || err != nil {
		t.Errorf("Changes on a file: %v %v, want nil", ch, err)
	}
}

func sampleClinic() handout.Clinic {
	return handout.Clinic{Name: "Back in Line", Paper: handout.Letter}
}

// killChairsideConnections ends every connection of this test's schema's
// chairs on the server, as a server restart or a dropped network would:
// the listening ones (listeners) or the others.
func killChairsideConnections(t *testing.T, addr string, listeners bool) int {
	t.Helper()
	q := `SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
		WHERE application_name = 'Chairside' AND pid <> pg_backend_pid()`
	if listeners {
		q += ` AND query LIKE 'LISTEN%'`
	} else {
		q += ` AND query NOT LIKE 'LISTEN%'`
	}
	var n int
	if err := adminDB(t, addr).QueryRow(q).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// A lost connection is made again: the listener says ChangeResync (notices
// may have been missed) and hears later changes; the next save goes
// through on a new connection, nothing lost.
func TestServerConnectionsComeBackAfterTheyAreCut(t *testing.T) {
	addr := freshServerDB(t)
	db, err := Open(addr)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	changes, err := db.Changes(ctx)
	if err != nil {
		t.Fatal(err)
	}
	p := mustPatient(t, db, "Ann Lee")
	<-changes
	if n := killChairsideConnections(t, addr, true); n != 1 {
		t.Fatalf("cut %d listening connections, want 1", n)
	}
	select {
	case c := <-changes:
		if c.Kind != ChangeResync {
			t.Errorf("after the cut: %+v, want resync", c)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("no resync within 5 s of the cut")
	}
	if n := killChairsideConnections(t, addr, false); n == 0 {
		t.Fatal("no pool connection to cut")
	}
	h := sampleHandout(p.ID, 1)
	if err := db.SaveHandout(ctx, h); err != nil {
		t.Fatalf("save after the connections were cut: %v", err)
	}
	select {
	case c := <-changes:
		if c.Kind != ChangeHandout || c.HandoutID != h.ID {
			t.Errorf("after the save: %+v", c)
		}
	case <-time.After(time.Second):
		t.Fatal("the listener hears nothing after coming back")
	}
	if got, err := db.GetHandout(ctx, h.ID); err != nil || got.Revision != 1 {
		t.Errorf("the handout saved after the cut: %v %v", got, err)
	}
}

// A schema with the longest name PostgreSQL allows still gets its notices
// (the channel name must fit in 63 bytes).
func TestServerChangesInALongSchemaName(t *testing.T) {
	base := testServer(t)
	admin := adminDB(t, base)
	schema := strings.Repeat("s", 63)
	if _, err := admin.Exec(`CREATE SCHEMA ` + schema); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { admin.Exec(`DROP SCHEMA ` + schema + ` CASCADE`) })
	u, _ := url.Parse(base)
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	db, err := Open(u.String())
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	changes, err := db.Changes(ctx)
	if err != nil {
		t.Fatal(err)
	}
	p := mustPatient(t, db, "Ann Lee")
	select {
	case c := <-changes:
		if c.PatientID != p.ID {
			t.Errorf("%+v", c)
		}
	case <-time.After(time.Second):
		t.Fatal("no notice")
	}
}
