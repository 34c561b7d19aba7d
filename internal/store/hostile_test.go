package store

import (
	"context"
	"slices"
	"strings"
	"testing"

	"chairside/internal/handout"
)

// hostileStrings are stored and read back byte for byte wherever a field
// accepts them.
var hostileStrings = []string{
	"Zoë 😀👩🏽‍⚕️ Nguyễn",
	"שלום עליכם",          // Hebrew, right to left
	"محمد بن سلمان",       // Arabic, right to left
	"\u202eevil\u202c",    // right-to-left override
	`O'Brien "Bobby" \ ;`, // quotes and backslash
	"Robert'); DROP TABLE patients;--",
	"%_* LIKE GLOB [a-z]",
	"张伟",
	"e\u0301", // decomposed accent: kept as typed, not normalised
	" leading and trailing ",
}

func TestHostilePatientNamesRoundTrip(t *testing.T) {
	eachBackend(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		for _, name := range hostileStrings {
			p := &Patient{Name: name, Notes: name + "\n" + name, Contact: name}
			if err := db.CreatePatient(ctx, p); err != nil {
				t.Fatalf("%q refused: %v", name, err)
			}
			got, err := db.GetPatient(ctx, p.ID)
			if err != nil {
				t.Fatal(err)
			}
			if got.Name != name || got.Notes != p.Notes || got.Contact != name {
				t.Errorf("round trip: got %q, want %q", got.Name, name)
			}
			// Searchable by its own first word.
			if w := strings.Fields(name); len(w) > 0 && len(queryWords(w[0])) > 0 {
				ps, err := db.SearchPatients(ctx, w[0], false, 0)
				if err != nil {
					t.Fatal(err)
				}
				found := false
				for _, q := range ps {
					found = found || q.ID == p.ID
				}
				if !found {
					t.Errorf("%q not found by searching %q", name, w[0])
				}
			}
		}
		var n int
		db.r.QueryRow("SELECT count(*) FROM patients").Scan(&n)
		if n != len(hostileStrings) {
			t.Errorf("%d patients stored, want %d (the SQL fragment must not have run)", n, len(hostileStrings))
		}
	})
}

func TestHostilePatientInputRefusedClearly(t *testing.T) {
	eachBackend(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		tests := []struct {
			name  string
			p     Patient
			field string
		}{
			{"100,000-character name", Patient{Name: strings.Repeat("Å", 100000)}, "Name"},
			{"NUL in name", Patient{Name: "Ann\x00Lee"}, "Name"},
			{"line break in name", Patient{Name: "Ann\r\nLee"}, "Name"},
			{"invalid UTF-8 in name", Patient{Name: "Ann\xc3\x28"}, "Name"},
			{"invalid UTF-8 in notes", Patient{Name: "Ann", Notes: "\xff\xfe"}, "Notes"},
			{"100,000-character notes", Patient{Name: "Ann", Notes: strings.Repeat("x", 100000)}, "Notes"},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				p := tt.p
				err := db.CreatePatient(ctx, &p)
				if ErrorCode(err) != EINVALID || Fields(err)[tt.field] == "" {
					t.Fatalf("err = %v, want EINVALID on %s", err, tt.field)
				}
				if len(err.Error()) > 400 {
					t.Errorf("error echoes the input: %d bytes", len(err.Error()))
				}
				if p.ID != 0 {
					t.Error("a refused patient got an ID")
				}
			})
		}
		if ps, _ := db.SearchPatients(ctx, "", true, 0); len(ps) != 0 {
			t.Errorf("%d refused patients were stored", len(ps))
		}
	})
}

// Free text (notes, bodies) keeps even NUL bytes exactly, in the current
// handout and in its revision snapshot; only CRLF line ends become LF.
func TestHostileHandoutRoundTrip(t *testing.T) {
	eachBackend(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		p := mustPatient(t, db, "Ann Lee")
		h := sampleHandout(p.ID, 0)
		h.Title = "😀 שלום \"quoted\" '); DROP TABLE handouts;--"
		big := strings.Repeat("Long body with emoji 😀 and RTL مرحبا. ", 150000/40)
		for i, s := range hostileStrings {
			h.Items = append(h.Items, handout.Item{Ref: "topic:x" + string(rune('a'+i)), Title: s, Body: s + "\x00after NUL\n" + s, Sources: []string{s, ""}})
		}
		h.Items = append(h.Items, handout.Item{Ref: "disc:L4-L5", Title: "Big", Body: big})
		h.ClinicianNotes = "tab\there\x00NUL\r\nCRLF " + strings.Join(hostileStrings, "\n")
		h.Marks = append(h.Marks, handout.Mark{Structure: "disc:L5-S", Finding: handout.PainArea, Note: hostileStrings[1] + "\x00"})
		h.HomeCare.Instructions = hostileStrings[4]
		h.SeekCare = append(h.SeekCare, hostileStrings...)
		if err := db.SaveHandout(ctx, h); err != nil {
			t.Fatal(err)
		}
		got, err := db.GetHandout(ctx, h.ID)
		if err != nil {
			t.Fatal(err)
		}
		want := h.WithNormalizedNewlines()
		assertSameHandout(t, got, &want)
		revs, err := db.HandoutRevisions(ctx, h.ID)
		if err != nil {
			t.Fatal(err)
		}
		assertSameHandout(t, &revs[0], &want)
		if tables, err := tableNames(ctx, db.r, db.dialect); err != nil || !slices.Contains(tables, "handouts") {
			t.Error("the handouts table is gone")
		}
	})
}

func TestHostileHandoutRefusedClearly(t *testing.T) {
	eachBackend(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		p := mustPatient(t, db, "Ann Lee")
		tests := []struct {
			name  string
			edit  func(h *handout.Handout)
			field string
		}{
			{"100,000-character title", func(h *handout.Handout) { h.Title = strings.Repeat("a", 100000) }, "Title"},
			{"NUL in title", func(h *handout.Handout) { h.Title = "a\x00b" }, "Title"},
			{"NUL in item ID", func(h *handout.Handout) { h.Items[0].Ref = "disc:L4-L5\x00" }, "Items[0].Ref"},
			{"empty item ID", func(h *handout.Handout) { h.Items[0].Ref = " " }, "Items[0].Ref"},
			{"invalid UTF-8 body", func(h *handout.Handout) { h.Items[0].Body = "\xff" }, "Items[0].Body"},
			{"huge body", func(h *handout.Handout) { h.Items[0].Body = strings.Repeat("x", MaxBodyLen+1) }, "Items[0].Body"},
			{"too many items", func(h *handout.Handout) { h.Items = make([]handout.Item, MaxListLen+1) }, "Items"},
			{"unknown finding", func(h *handout.Handout) { h.Marks[0].Finding = "'; DROP" }, "Marks[0].Finding"},
			{"bad language", func(h *handout.Handout) { h.Lang = "en'; --" }, "Lang"},
			{"bad status", func(h *handout.Handout) { h.Status = "archived" }, "Status"},
			{"blank mark structure", func(h *handout.Handout) { h.Marks[1].Structure = "" }, "Marks[1].Structure"},
			{"too many sources", func(h *handout.Handout) { h.Items[1].Sources = make([]string, MaxListLen+1) }, "Items[1].Sources"},
			{"huge source", func(h *handout.Handout) { h.Items[1].Sources[1] = strings.Repeat("s", MaxContactLen+1) }, "Items[1].Sources[1]"},
			{"invalid UTF-8 step", func(h *handout.Handout) { h.HomeCare.Stretches[0].Steps[1] = "\xff" }, "HomeCare.Stretches[0].Steps[1]"},
			{"too many warning signs", func(h *handout.Handout) { h.SeekCare = make([]string, MaxListLen+1) }, "SeekCare"},
			{"huge warning sign", func(h *handout.Handout) { h.SeekCare[1] = strings.Repeat("w", MaxContactLen+1) }, "SeekCare[1]"},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				h := sampleHandout(p.ID, 2)
				tt.edit(h)
				err := db.SaveHandout(ctx, h)
				if ErrorCode(err) != EINVALID || Fields(err)[tt.field] == "" {
					t.Fatalf("err = %v (fields %v), want EINVALID on %s", err, Fields(err), tt.field)
				}
				if len(err.Error()) > 600 {
					t.Errorf("error echoes the input: %d bytes", len(err.Error()))
				}
			})
		}
		if hs, _ := db.ListHandouts(ctx, p.ID); len(hs) != 0 {
			t.Errorf("%d refused handouts were stored", len(hs))
		}
	})
}

// The messages name the list and the entry a clinician has to fix, the
// way the editor labels them.
func TestHandoutListMessages(t *testing.T) {
	eachBackend(t, func(t *testing.T, db *DB) {
		p := mustPatient(t, db, "Ann Lee")
		h := sampleHandout(p.ID, 2)
		h.Items[1].Sources[1] = strings.Repeat("s", MaxContactLen+1)
		h.HomeCare.Stretches[0].Steps = make([]string, MaxListLen+1)
		h.SeekCare[1] = strings.Repeat("w", MaxContactLen+1)
		h.Marks[0].Structure = " "
		h.Items[0].Ref = ""
		got := Fields(db.SaveHandout(context.Background(), h))
		want := map[string]string{
			"Items[0].Ref":                "Explanation 1 has no structure or topic.",
			"Items[1].Sources[1]":         "Explanation 2's source 2 is too long (1001 characters); the limit is 1000.",
			"HomeCare.Stretches[0].Steps": "Stretch 1's steps has 501 entries; the limit is 500.",
			"SeekCare[1]":                 "Warning sign 2 is too long (1001 characters); the limit is 1000.",
			"Marks[0].Structure":          "Mark 1 has no structure.",
		}
		for field, msg := range want {
			if got[field] != msg {
				t.Errorf("%s: %q, want %q", field, got[field], msg)
			}
		}
		if len(got) != len(want) {
			t.Errorf("fields %v, want exactly %v", got, want)
		}
	})
}
