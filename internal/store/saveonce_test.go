package store

import (
	"context"
	"strings"
	"testing"
	"time"

	"chairside/internal/handout"
	"chairside/internal/serverproxy"
)

// throughProxy opens the test's server database through a proxy the test
// can cut, and the same database directly, to look at what was stored.
func throughProxy(t *testing.T) (chair, direct *DB, proxy *serverproxy.Proxy) {
	t.Helper()
	addr := freshServerDB(t)
	proxy, proxied, err := serverproxy.Start(addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(proxy.Stop)
	chair, err = Open(proxied)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { chair.Close() })
	direct, err = Open(addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { direct.Close() })
	return chair, direct, proxy
}

// cutSave saves through proxy, cut at the save's COMMIT as where says,
// and checks that the chair hears the store's "connection lost" message.
func cutSave(t *testing.T, proxy *serverproxy.Proxy, where serverproxy.Cut, save func() error) {
	t.Helper()
	cut := proxy.CutAtCommit(where)
	err := save()
	select {
	case <-cut:
	case <-time.After(10 * time.Second):
		t.Fatalf("the proxy never saw the save's COMMIT (save: %v)", err)
	}
	if ErrorCode(err) != EOFFLINE || !strings.Contains(ErrorMessage(err), "connection to the clinic's server was lost") {
		t.Fatalf("a save cut at its commit: %v, want EOFFLINE saying the connection was lost", err)
	}
}

// The clinic's server goes away in the middle of a save, then comes back,
// and the chair sends the same save again with the same SaveAttempt.
// Whether the server had committed it (only the answer lost) or not (the
// COMMIT never arrived), exactly one handout, one revision, one patient
// is stored, with the text as sent.
func TestServerSaveCutMidwayIsStoredOnce(t *testing.T) {
	for _, c := range []struct {
		name  string
		where serverproxy.Cut
	}{{"answer lost after the commit", serverproxy.AfterCommit}, {"commit never arrived", serverproxy.BeforeCommit}} {
		t.Run(c.name, func(t *testing.T) {
			chair, direct, proxy := throughProxy(t)
			ctx := context.Background()

			// A new patient.
			p := &Patient{Name: "Ann Lee", Notes: "Prefers mornings."}
			attempt := WithSaveAttempt(ctx, &SaveAttempt{})
			cutSave(t, proxy, c.where, func() error { return chair.CreatePatient(attempt, p) })
			if err := proxy.Open(); err != nil {
				t.Fatal(err)
			}
			if err := chair.CreatePatient(attempt, p); err != nil {
				t.Fatalf("the same patient sent again once the server is back: %v", err)
			}
			ps, err := direct.SearchPatients(ctx, "Ann Lee", true, 10)
			if err != nil || len(ps) != 1 || ps[0].ID != p.ID || ps[0].Notes != p.Notes {
				t.Fatalf("patients stored: %+v (%v), want exactly patient %d with the notes", ps, err, p.ID)
			}

			// A new handout.
			h := sampleHandout(p.ID, 2)
			sent := cloneHandout(*h)
			attempt = WithSaveAttempt(ctx, &SaveAttempt{})
			cutSave(t, proxy, c.where, func() error { return chair.SaveHandout(attempt, h) })
			if err := proxy.Open(); err != nil {
				t.Fatal(err)
			}
			if err := chair.SaveHandout(attempt, h); err != nil {
				t.Fatalf("the same handout sent again once the server is back: %v", err)
			}
			hs, err := direct.ListHandouts(ctx, p.ID)
			if err != nil || len(hs) != 1 || hs[0].ID != h.ID || hs[0].Revision != 1 || hs[0].ClinicianNotes != sent.ClinicianNotes {
				t.Fatalf("handouts stored: %d (%v), want exactly handout %d at revision 1 with the notes", len(hs), err, h.ID)
			}

			// An edit saved as final, after an autosave.
			h.ClinicianNotes = "Recheck in three weeks."
			if err := chair.SaveDraft(ctx, h); err != nil {
				t.Fatal(err)
			}
			h.Status = handout.Final
			h.ClinicianNotes += " Walk daily."
			attempt = WithSaveAttempt(ctx, &SaveAttempt{})
			cutSave(t, proxy, c.where, func() error { return chair.SaveHandout(attempt, h) })
			if err := proxy.Open(); err != nil {
				t.Fatal(err)
			}
			if err := chair.SaveHandout(attempt, h); err != nil {
				t.Fatalf("the same edit sent again: %v", err)
			}
			revs, err := direct.HandoutRevisions(ctx, h.ID)
			if err != nil {
				t.Fatal(err)
			}
			if len(revs) != 2 || revs[0].Revision != 2 || revs[0].Status != handout.Final || revs[0].ClinicianNotes != "Recheck in three weeks. Walk daily." {
				t.Fatalf("revisions: %d, newest %d %s %q; want 2, the newest final with the edit", len(revs), revs[0].Revision, revs[0].Status, revs[0].ClinicianNotes)
			}
			if h.Revision != 2 {
				t.Errorf("the chair holds revision %d, want 2", h.Revision)
			}
			// The next save goes on top as usual.
			h.Title = "Your lower back, week 3"
			if err := chair.SaveHandout(ctx, h); err != nil || h.Revision != 3 {
				t.Errorf("the next save: revision %d, %v; want 3", h.Revision, err)
			}
		})
	}
}

// A save attempt repeated after it was answered writes nothing more, on
// either backend: the attempt is one save. On a file it is accepted and
// changes nothing about how a save is written.
func TestSaveAttemptRepeatedWritesOnce(t *testing.T) {
	eachBackend(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		p := mustPatient(t, db, "Ben Ortiz")
		h := sampleHandout(p.ID, 1)
		attempt := WithSaveAttempt(ctx, &SaveAttempt{})
		if err := db.SaveHandout(attempt, h); err != nil {
			t.Fatal(err)
		}
		again := cloneHandout(*h)
		again.ID, again.Revision = 0, 0
		err := db.SaveHandout(attempt, &again)
		hs, lerr := db.ListHandouts(ctx, p.ID)
		if lerr != nil {
			t.Fatal(lerr)
		}
		if db.dialect.server() {
			if err != nil || again.ID != h.ID || len(hs) != 1 {
				t.Errorf("server: the answered attempt sent again: ID %d (%v), %d handouts; want %d and 1", again.ID, err, len(hs), h.ID)
			}
			return
		}
		// A file's commit always answers: the app never repeats an
		// answered attempt there, and the store saves what it is given.
		if err != nil || len(hs) != 2 {
			t.Errorf("file: %d handouts (%v), want 2", len(hs), err)
		}
	})
}
