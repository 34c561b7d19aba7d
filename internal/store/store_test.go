package store

import (
	"bytes"
	"context"
	"errors"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"chairside/internal/handout"
)

// MustOpenDB opens a fresh database in a temp dir and closes it when the
// test ends.
func MustOpenDB(tb testing.TB) *DB {
	tb.Helper()
	db, err := Open(filepath.Join(tb.TempDir(), "chairside.db"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() {
		if err := db.Close(); err != nil {
			tb.Error(err)
		}
	})
	return db
}

func mustPatient(tb testing.TB, db *DB, name string) *Patient {
	tb.Helper()
	p := &Patient{Name: name}
	if err := db.CreatePatient(context.Background(), p); err != nil {
		tb.Fatal(err)
	}
	return p
}

func sampleHandout(patientID int64, items int) *handout.Handout {
	h := &handout.Handout{
		PatientID:      patientID,
		Title:          "Your lower back",
		Date:           time.Date(2026, 11, 24, 16, 30, 0, 0, time.FixedZone("", -5*3600)),
		Status:         handout.Draft,
		Lang:           "en",
		ClinicianNotes: "Recheck in two weeks.\nAvoid heavy lifting.",
		HomeCare: handout.HomeCare{
			Stretches:    []handout.Stretch{{ID: "exercise:cat-camel", Name: "Cat-cow", Steps: []string{"Kneel on all fours.", "Arch, then round your back."}, Cautions: "Stop if pain spreads down a leg."}},
			Instructions: "Twice a day.",
		},
		SeekCare: []string{"Numbness in the groin or saddle area", "New weakness in a leg"},
		Marks: []handout.Mark{
			{Structure: "disc:L4-L5", Finding: handout.Bulge, Note: "mild"},
			{Structure: "nerve:L5:left", Finding: handout.Irritation},
		},
	}
	for i := range items {
		h.Items = append(h.Items, handout.Item{
			Ref:     []string{"disc:L4-L5", "vertebra:L5", "facet:L4-L5:left", "topic:adjustments"}[i%4],
			Title:   "Item title",
			Body:    strings.Repeat("A disc is a cushion between two vertebrae. ", 20),
			Sources: []string{"NIH MedlinePlus: Herniated disk", "Spine-health"},
		})
	}
	return h
}

func TestOpenCreatesPrivateFile(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "new", "folder")
	path := filepath.Join(dir, "chairside.db")
	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if db.Path() != path {
		t.Errorf("Path() = %q, want %q", db.Path(), path)
	}
	for p, want := range map[string]os.FileMode{path: 0o600, dir: 0o700} {
		fi, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if got := fi.Mode().Perm(); got != want {
			t.Errorf("%s mode = %o, want %o", p, got, want)
		}
	}
	var mode string
	if err := db.w.QueryRow("PRAGMA journal_mode").Scan(&mode); err != nil || mode != "wal" {
		t.Errorf("journal_mode = %q, %v; want wal", mode, err)
	}
	// SQLite gives the -wal and -shm files the database file's mode.
	mustPatient(t, db, "Ann")
	for _, side := range []string{"-wal", "-shm"} {
		if fi, err := os.Stat(path + side); err != nil || fi.Mode().Perm() != 0o600 {
			t.Errorf("%s: %v, mode %v; want 0600", side, err, fi)
		}
	}
	var fk, sync int
	db.w.QueryRow("PRAGMA foreign_keys").Scan(&fk)
	db.w.QueryRow("PRAGMA synchronous").Scan(&sync)
	if fk != 1 || sync != 2 {
		t.Errorf("foreign_keys = %d, synchronous = %d; want 1 and 2 (FULL)", fk, sync)
	}
}

func TestPatientLifecycle(t *testing.T) {
	eachBackend(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		dob := time.Date(1980, 5, 17, 0, 0, 0, 0, time.UTC)
		p := &Patient{Name: "Zoë Ångström", DOB: &dob, Lang: "es", Contact: "555-0100", Notes: "prefers mornings"}
		if err := db.CreatePatient(ctx, p); err != nil {
			t.Fatal(err)
		}
		if p.ID == 0 || p.CreatedAt.IsZero() {
			t.Fatalf("CreatePatient did not set ID/CreatedAt: %+v", p)
		}
		got, err := db.GetPatient(ctx, p.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Name != p.Name || got.DOB == nil || !got.DOB.Equal(dob) || got.Lang != "es" || got.Contact != p.Contact || got.Notes != p.Notes {
			t.Errorf("GetPatient = %+v, want %+v", got, p)
		}
		got.Name = "Zoë Smith"
		if err := db.UpdatePatient(ctx, got); err != nil {
			t.Fatal(err)
		}
		if res, _ := db.SearchPatients(ctx, "smith", false, 10); len(res) != 1 || res[0].ID != p.ID {
			t.Errorf("search after rename = %+v", res)
		}
		if res, _ := db.SearchPatients(ctx, "angstrom", false, 10); len(res) != 0 {
			t.Errorf("old name still found after rename: %+v", res)
		}
		if err := db.SetArchived(ctx, p.ID, true); err != nil {
			t.Fatal(err)
		}
		if res, _ := db.SearchPatients(ctx, "", false, 0); len(res) != 0 {
			t.Errorf("archived patient listed: %+v", res)
		}
		if res, _ := db.SearchPatients(ctx, "zoe", true, 0); len(res) != 1 || !res[0].Archived {
			t.Errorf("archived patient not found with includeArchived: %+v", res)
		}
		if _, err := db.GetPatient(ctx, 999); ErrorCode(err) != ENOTFOUND {
			t.Errorf("GetPatient(999) = %v, want ENOTFOUND", err)
		}
		if err := db.SetArchived(ctx, 999, true); ErrorCode(err) != ENOTFOUND {
			t.Errorf("SetArchived(999) = %v, want ENOTFOUND", err)
		}
		if err := db.UpdatePatient(ctx, &Patient{ID: 999, Name: "x"}); ErrorCode(err) != ENOTFOUND {
			t.Errorf("UpdatePatient(999) = %v, want ENOTFOUND", err)
		}
	})
}

func TestSearchPatients(t *testing.T) {
	eachBackend(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		names := []string{"Anna Smith", "John Smithers", "Seán O'Brien", "Jean-Luc Picard", "ÉLODIE Durand", "Mary Jones", "Иван Петров", "محمد علي"}
		ids := map[string]int64{}
		for _, n := range names {
			ids[n] = mustPatient(t, db, n).ID
		}
		tests := []struct {
			query string
			want  []string // in result order (sorted by folded name)
		}{
			{"smi", []string{"Anna Smith", "John Smithers"}},
			{"SMITH", []string{"Anna Smith", "John Smithers"}},
			{"smithe", []string{"John Smithers"}},
			{"jo", []string{"John Smithers", "Mary Jones"}},
			{"jo smi", []string{"John Smithers"}},
			{"sean", []string{"Seán O'Brien"}},
			{"o'b", []string{"Seán O'Brien"}},
			{"obri", []string{"Seán O'Brien"}},
			{"brien", []string{"Seán O'Brien"}},
			{"luc", []string{"Jean-Luc Picard"}},
			{"jean-luc", []string{"Jean-Luc Picard"}},
			{"elodie", []string{"ÉLODIE Durand"}},
			{"пет", []string{"Иван Петров"}},
			{"علي", []string{"محمد علي"}},
			{"xyz", nil},
			{"'; DROP TABLE patients; --", nil},
			{"%", nil},
			{"_", nil},
		}
		for _, tt := range tests {
			res, err := db.SearchPatients(ctx, tt.query, false, 10)
			if err != nil {
				t.Fatalf("SearchPatients(%q): %v", tt.query, err)
			}
			var got []string
			for _, p := range res {
				got = append(got, p.Name)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("SearchPatients(%q) = %q, want %q", tt.query, got, tt.want)
			}
		}
		all, err := db.SearchPatients(ctx, "", false, 0)
		if err != nil || len(all) != len(names) {
			t.Fatalf("empty query listed %d patients (%v), want %d", len(all), err, len(names))
		}
		if two, _ := db.SearchPatients(ctx, "", false, 2); len(two) != 2 {
			t.Errorf("limit 2 returned %d", len(two))
		}
	})
}

func TestPatientValidate(t *testing.T) {
	future := time.Now().AddDate(1, 0, 0)
	ancient := time.Date(1850, 1, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name  string
		p     Patient
		field string // "" means valid
	}{
		{"ok", Patient{Name: "Ann Lee"}, ""},
		{"empty name", Patient{Name: ""}, "Name"},
		{"blank name", Patient{Name: "   "}, "Name"},
		{"long name", Patient{Name: strings.Repeat("a", 100000)}, "Name"},
		{"200 characters is fine", Patient{Name: strings.Repeat("é", 200)}, ""},
		{"201 characters", Patient{Name: strings.Repeat("é", 201)}, "Name"},
		{"NUL in name", Patient{Name: "Ann\x00Lee"}, "Name"},
		{"no letter", Patient{Name: "😀 -- !"}, "Name"},
		{"one letter is enough", Patient{Name: "X"}, ""},
		{"CJK", Patient{Name: "张伟"}, ""},
		{"newline in name", Patient{Name: "Ann\nLee"}, "Name"},
		{"invalid UTF-8", Patient{Name: "Ann \xff"}, "Name"},
		{"future DOB", Patient{Name: "A", DOB: &future}, "DOB"},
		{"ancient DOB", Patient{Name: "A", DOB: &ancient}, "DOB"},
		{"bad lang", Patient{Name: "A", Lang: "english"}, "Lang"},
		{"long notes", Patient{Name: "A", Notes: strings.Repeat("x", MaxNotesLen+1)}, "Notes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.p.Validate()
			if tt.field == "" {
				if err != nil {
					t.Fatalf("Validate() = %v, want nil", err)
				}
				return
			}
			if ErrorCode(err) != EINVALID {
				t.Fatalf("Validate() = %v, want EINVALID", err)
			}
			msg, ok := Fields(err)[tt.field]
			if !ok || msg == "" {
				t.Fatalf("Fields(err) = %v, want a message for %s", Fields(err), tt.field)
			}
			var fe FieldError
			if !errors.As(err, &fe) {
				t.Errorf("errors.As(FieldError) failed on %v", err)
			}
			if len(msg) > 300 {
				t.Errorf("message echoes the input (%d bytes)", len(msg))
			}
		})
	}
}

func TestHandoutSaveGetListRevisions(t *testing.T) {
	eachBackend(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		p := mustPatient(t, db, "Ann Lee")
		h := sampleHandout(p.ID, 3)
		if err := db.SaveHandout(ctx, h); err != nil {
			t.Fatal(err)
		}
		if h.ID == 0 || h.Revision != 1 {
			t.Fatalf("after first save ID=%d Revision=%d", h.ID, h.Revision)
		}
		got, err := db.GetHandout(ctx, h.ID)
		if err != nil {
			t.Fatal(err)
		}
		assertSameHandout(t, got, h)

		first := cloneHandout(*h)
		h.Items = append(h.Items[:1], handout.Item{Ref: "topic:cracking-your-back", Title: "Cracking", Body: "It is gas.", Sources: nil})
		h.Status = handout.Final
		if err := db.SaveHandout(ctx, h); err != nil {
			t.Fatal(err)
		}
		if h.Revision != 2 {
			t.Errorf("Revision after second save = %d, want 2", h.Revision)
		}
		revs, err := db.HandoutRevisions(ctx, h.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(revs) != 2 || revs[0].Revision != 2 || revs[1].Revision != 1 {
			t.Fatalf("revisions = %d (%v)", len(revs), revs)
		}
		assertSameHandout(t, &revs[1], &first)
		assertSameHandout(t, &revs[0], h)

		later := sampleHandout(p.ID, 1)
		later.Date = h.Date.AddDate(0, 1, 0)
		if err := db.SaveHandout(ctx, later); err != nil {
			t.Fatal(err)
		}
		list, err := db.ListHandouts(ctx, p.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(list) != 2 || list[0].ID != later.ID || list[1].ID != h.ID {
			t.Errorf("ListHandouts order = %v, want newest first", []int64{list[0].ID, list[1].ID})
		}
		if _, err := db.ListHandouts(ctx, 999); ErrorCode(err) != ENOTFOUND {
			t.Errorf("ListHandouts(999) = %v, want ENOTFOUND", err)
		}
		if _, err := db.GetHandout(ctx, 999); ErrorCode(err) != ENOTFOUND {
			t.Errorf("GetHandout(999) = %v, want ENOTFOUND", err)
		}
		dup, err := db.DuplicateHandout(ctx, h.ID)
		if err != nil {
			t.Fatal(err)
		}
		if dup.ID == h.ID || dup.Status != handout.Draft || dup.Revision != 1 || len(dup.Items) != len(h.Items) {
			t.Errorf("duplicate = %+v", dup)
		}
		if again, _ := db.GetHandout(ctx, h.ID); again.Revision != 2 || again.Status != handout.Final {
			t.Errorf("duplicating changed the original: %+v", again)
		}
	})
}

func TestHandoutErrors(t *testing.T) {
	eachBackend(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		p := mustPatient(t, db, "Ann Lee")
		q := mustPatient(t, db, "Bob Ray")
		if err := db.SaveHandout(ctx, sampleHandout(999, 1)); ErrorCode(err) != ENOTFOUND {
			t.Errorf("save for missing patient = %v, want ENOTFOUND", err)
		}
		h := sampleHandout(p.ID, 1)
		if err := db.SaveHandout(ctx, h); err != nil {
			t.Fatal(err)
		}
		moved := cloneHandout(*h)
		moved.PatientID = q.ID
		if err := db.SaveHandout(ctx, &moved); ErrorCode(err) != ECONFLICT {
			t.Errorf("moving a handout to another patient = %v, want ECONFLICT", err)
		}
		ghost := sampleHandout(p.ID, 1)
		ghost.ID = 12345
		if err := db.SaveHandout(ctx, ghost); ErrorCode(err) != ENOTFOUND {
			t.Errorf("saving a missing handout = %v, want ENOTFOUND", err)
		}
		bad := sampleHandout(p.ID, 1)
		bad.Marks[0].Finding = "broken"
		bad.Status = "maybe"
		err := db.SaveHandout(ctx, bad)
		f := Fields(err)
		if ErrorCode(err) != EINVALID || f["Marks[0].Finding"] == "" || f["Status"] == "" {
			t.Errorf("invalid handout = %v (fields %v)", err, f)
		}
		if bad.ID != 0 {
			t.Errorf("refused handout got an ID")
		}
	})
}

func TestAutosaveCoalesces(t *testing.T) {
	eachBackend(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		p := mustPatient(t, db, "Ann Lee")
		h := sampleHandout(p.ID, 2)
		if err := db.SaveHandout(ctx, h); err != nil { // revision 1, explicit
			t.Fatal(err)
		}
		for i := range 5 {
			h.ClinicianNotes = strings.Repeat("typing ", i+1)
			if err := db.SaveDraft(ctx, h); err != nil {
				t.Fatal(err)
			}
			if h.Revision != 2 {
				t.Fatalf("autosave %d made revision %d, want 2", i, h.Revision)
			}
		}
		got, _ := db.GetHandout(ctx, h.ID)
		if got.ClinicianNotes != h.ClinicianNotes {
			t.Errorf("autosaved text not current: %q", got.ClinicianNotes)
		}
		// Another editor (stale revision) autosaves: a conflict, nothing
		// replaced; it keeps its text as a new revision over the autosave.
		other := cloneHandout(*h)
		other.Revision = 1
		other.ClinicianNotes = "other window"
		err := db.SaveDraft(ctx, &other)
		c := ConflictOf(err)
		if ErrorCode(err) != ECONFLICT || c == nil || c.Theirs.Number != 2 || !c.Theirs.Autosave {
			t.Fatalf("stale autosave: %v (%+v), want a conflict with the autosave, revision 2", err, c)
		}
		if err := db.SaveHandoutOver(ctx, &other, c.Theirs); err != nil || other.Revision != 3 {
			t.Fatalf("keep mine: revision %d, %v; want 3", other.Revision, err)
		}
		// The first editor saves explicitly: its autosave (2) is not the
		// latest any more, so it meets a conflict, keeps its text as
		// revision 4, and revision 2 survives.
		h.ClinicianNotes = "final words"
		err = db.SaveHandout(ctx, h)
		if c = ConflictOf(err); c == nil || c.Theirs.Number != 3 || c.Yours != 2 {
			t.Fatalf("save after another editor: %v, want a conflict with revision 3", err)
		}
		if err := db.SaveHandoutOver(ctx, h, c.Theirs); err != nil {
			t.Fatal(err)
		}
		revs, _ := db.HandoutRevisions(ctx, h.ID)
		var notes []string
		for _, r := range revs {
			notes = append(notes, r.ClinicianNotes)
		}
		want := []string{"final words", "other window", strings.Repeat("typing ", 5), sampleHandout(p.ID, 2).ClinicianNotes}
		if !reflect.DeepEqual(notes, want) {
			t.Errorf("revision notes = %q, want %q", notes, want)
		}
		// An explicit save right after this editor's own autosave replaces it.
		h.ClinicianNotes = "draft again"
		db.SaveDraft(ctx, h)
		h.ClinicianNotes = "saved"
		db.SaveHandout(ctx, h)
		if revs, _ := db.HandoutRevisions(ctx, h.ID); len(revs) != 5 || revs[0].ClinicianNotes != "saved" {
			t.Errorf("after draft+save: %d revisions, newest %q", len(revs), revs[0].ClinicianNotes)
		}
	})
}

func TestClinic(t *testing.T) {
	eachBackend(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		c, err := db.Clinic(ctx)
		if err != nil || c.Paper != handout.Letter || c.Name != "" {
			t.Fatalf("default clinic = %+v, %v", c, err)
		}
		want := handout.Clinic{Name: "Back in Line Chiropractic", Address: "1 Main St\nSpringfield", Phone: "555-0100",
			Website: "https://example.org", Clinician: "Dr. Jane Roe, DC", Logo: tinyPNG(t), Paper: handout.A4}
		if err := db.SaveClinic(ctx, want); err != nil {
			t.Fatal(err)
		}
		if got, _ := db.Clinic(ctx); !reflect.DeepEqual(got, want) {
			t.Errorf("Clinic() = %+v, want %+v", got, want)
		}
		want.Logo = nil
		want.Paper = ""
		if err := db.SaveClinic(ctx, want); err != nil {
			t.Fatal(err)
		}
		if got, _ := db.Clinic(ctx); got.Logo != nil || got.Paper != handout.Letter {
			t.Errorf("clearing the logo: %+v", got)
		}
		bad := handout.Clinic{Logo: []byte("GIF89a"), Paper: "legal"}
		if f := Fields(db.SaveClinic(ctx, bad)); f["Logo"] == "" || f["Paper"] == "" {
			t.Errorf("bad clinic fields = %v", f)
		}
		// A PNG cut short has the right first bytes but would not print.
		cut := handout.Clinic{Logo: tinyPNG(t)[:40]}
		if f := Fields(db.SaveClinic(ctx, cut)); !strings.Contains(f["Logo"], "damaged") {
			t.Errorf("a damaged PNG logo: fields %v", f)
		}
	})
}

// tinyPNG is a real 2x2 PNG image.
func tinyPNG(t *testing.T) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, image.NewGray(image.Rect(0, 0, 2, 2))); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func assertSameHandout(t *testing.T, got, want *handout.Handout) {
	t.Helper()
	g, w := cloneHandout(*got), cloneHandout(*want)
	if !g.Date.Equal(w.Date) || g.Date.Format(time.RFC3339) != w.Date.Format(time.RFC3339) {
		t.Errorf("Date = %v, want %v", g.Date, w.Date)
	}
	if !g.CreatedAt.Equal(w.CreatedAt) || !g.UpdatedAt.Equal(w.UpdatedAt) {
		t.Errorf("times = %v/%v, want %v/%v", g.CreatedAt, g.UpdatedAt, w.CreatedAt, w.UpdatedAt)
	}
	g.Date, w.Date, g.CreatedAt, w.CreatedAt, g.UpdatedAt, w.UpdatedAt = time.Time{}, time.Time{}, time.Time{}, time.Time{}, time.Time{}, time.Time{}
	normalizeEmpty(&g)
	normalizeEmpty(&w)
	if !reflect.DeepEqual(g, w) {
		t.Errorf("handout differs:\n got %+v\nwant %+v", g, w)
	}
}

// normalizeEmpty treats nil and empty slices alike: the store does not
// promise to tell them apart.
func normalizeEmpty(h *handout.Handout) {
	if len(h.Items) == 0 {
		h.Items = nil
	}
	for i := range h.Items {
		if len(h.Items[i].Sources) == 0 {
			h.Items[i].Sources = nil
		}
	}
	if len(h.Marks) == 0 {
		h.Marks = nil
	}
	if len(h.HomeCare.Stretches) == 0 {
		h.HomeCare.Stretches = nil
	}
	for i := range h.HomeCare.Stretches {
		if len(h.HomeCare.Stretches[i].Steps) == 0 {
			h.HomeCare.Stretches[i].Steps = nil
		}
	}
	if len(h.SeekCare) == 0 {
		h.SeekCare = nil
	}
}

// The fast matcher agrees with the stored search words.
func TestHasWordPrefixesMatchesNameWords(t *testing.T) {
	names := []string{"anna smith", "sean o'brien", "jean-luc picard", "van der berg", "o'neil-smythe", "иван петров", "x", "a-b-c"}
	for _, key := range names {
		words := nameWords(key)
		for _, q := range []string{"a", "an", "ann", "s", "smi", "o", "ob", "obr", "brien", "b", "jean", "jeanl", "luc", "l", "p",
			"v", "vanderberg", "der", "neil", "oneilsmythe", "smythe", "neilsm", "ив", "пе", "x", "xy", "abc", "bc", "c"} {
			want := false
			for _, w := range words {
				want = want || strings.HasPrefix(w, q)
			}
			if got := hasWordPrefixes(key, []string{q}); got != want {
				t.Errorf("hasWordPrefixes(%q, %q) = %v; words %q say %v", key, q, got, words, want)
			}
		}
	}
}
