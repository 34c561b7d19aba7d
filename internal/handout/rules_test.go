package handout

import (
	"errors"
	"strings"
	"testing"
	"time"

	"chairside/internal/anatomy"
	"chairside/internal/content"
)

// Every finding on every structure: a bulge or herniation only on a disc,
// wear anywhere but on a nerve root, the rest anywhere.
func TestFindingFitsOn(t *testing.T) {
	for _, s := range anatomy.All() {
		for _, f := range Findings {
			want := true
			switch f {
			case Bulge, Herniation:
				want = s.Kind == anatomy.Disc
			case Degeneration:
				want = s.Kind != anatomy.Nerve && s.Kind != anatomy.Cord
			}
			err := f.FitsOn(s)
			if (err == nil) != want {
				t.Errorf("%s on %s: %v, want fits=%v", f, s.ID, err, want)
			}
		}
	}
	nerve, _ := anatomy.Lookup("nerve:L5:left")
	err := Bulge.FitsOn(nerve)
	if err == nil || !strings.Contains(err.Error(), "Disc bulge can only be marked on a disc, not on the left L5 nerve root") {
		t.Errorf("bulge on a root: %v", err)
	}
}

func TestMarkValidate(t *testing.T) {
	tests := []struct {
		name  string
		mark  Mark
		field string // "" when the mark is fine
		want  string
	}{
		{"bulge on a disc", Mark{Structure: "disc:L4-L5", Finding: Bulge}, "", ""},
		{"tapped on the disc from behind", Mark{Structure: "disc:L4-L5", Finding: Bulge, At: anatomy.Spot{View: anatomy.Posterior, X: 0.3, Y: 0.5}}, "", ""},
		{"bulge on a root", Mark{Structure: "nerve:L5:left", Finding: Bulge}, "Finding", "only be marked on a disc"},
		{"wear on a root", Mark{Structure: "nerve:C6:right", Finding: Degeneration}, "Finding", "not on a nerve root"},
		{"no structure", Mark{Structure: " ", Finding: PainArea}, "Structure", "The mark has no structure."},
		{"not a structure", Mark{Structure: "vertebra:L6", Finding: PainArea}, "Structure", "not on a part of the spine"},
		{"unknown finding", Mark{Structure: "disc:L4-L5", Finding: "'; DROP"}, "Finding", "unknown finding; choose one of bulge,"},
		{"place off the structure", Mark{Structure: "disc:L4-L5", Finding: Bulge, At: anatomy.Spot{View: anatomy.Posterior, X: 1.5, Y: 0.5}}, "At", "not a place on the structure"},
		{"place in a view it is not drawn in", Mark{Structure: "facet:L4-L5:right", Finding: Stiffness, At: anatomy.Spot{View: anatomy.Lateral, X: 0.5, Y: 0.5}}, "At", "not a place on the structure"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.mark.Validate()
			if tt.field == "" {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				return
			}
			var fe FieldError
			if !errors.As(err, &fe) || fe.Field != tt.field || !strings.Contains(fe.Message, tt.want) {
				t.Fatalf("err %#v, want field %s with %q", err, tt.field, tt.want)
			}
		})
	}
}

// Marking the same structure with the same finding again moves the one
// mark and takes the new note; another finding is another mark; a mark
// that does not fit leaves the list as it was.
func TestAddMark(t *testing.T) {
	spot := anatomy.Spot{View: anatomy.Posterior, X: 0.3, Y: 0.5}
	var marks []Mark
	var err error
	for _, m := range []Mark{
		{Structure: "disc:L4-L5", Finding: Bulge, Note: "worse sitting"},
		{Structure: "disc:L4-L5", Finding: Bulge, At: spot},
		{Structure: "disc:L4-L5", Finding: PainArea},
		{Structure: "disc:L4-L5", Finding: Bulge, Note: "better"},
	} {
		if marks, err = AddMark(marks, m); err != nil {
			t.Fatal(err)
		}
	}
	want := []Mark{{Structure: "disc:L4-L5", Finding: Bulge, Note: "better", At: spot}, {Structure: "disc:L4-L5", Finding: PainArea}}
	if len(marks) != len(want) || marks[0] != want[0] || marks[1] != want[1] {
		t.Fatalf("marks %+v, want %+v", marks, want)
	}
	before := append([]Mark(nil), marks...)
	got, err := AddMark(marks, Mark{Structure: "nerve:L5:left", Finding: Herniation})
	if err == nil || len(got) != 2 {
		t.Errorf("a herniation on a root was added: %+v, %v", got, err)
	}
	if _, err := AddMark(marks, Mark{Structure: "disc:L4-L5", Finding: Bulge, Note: "changed"}); err != nil || marks[0] != before[0] {
		t.Errorf("AddMark changed the list it was given: %+v (%v)", marks, err)
	}
}

func TestHandoutValidate(t *testing.T) {
	now := time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)
	h := Handout{PatientID: 1, Marks: []Mark{{Structure: "disc:L4-L5", Finding: Bulge}}}
	h.FillDefaults(now)
	if h.Status != Draft || h.Lang != "en" || !h.Date.Equal(Today(now)) || h.Date.Hour() != 12 {
		t.Fatalf("defaults: %+v", h)
	}
	if err := h.Validate(now); err != nil {
		t.Fatalf("a good handout is refused: %v", err)
	}
	h.PatientID, h.Status, h.Lang, h.Date = 0, "archived", "en'; --", time.Date(1999, 1, 1, 12, 0, 0, 0, time.UTC)
	h.Marks = append(h.Marks, Mark{Structure: "nerve:L5:left", Finding: Bulge})
	var fs FieldErrors
	if err := h.Validate(now); !errors.As(err, &fs) {
		t.Fatalf("err %v, want FieldErrors", err)
	}
	got := map[string]string{}
	for _, f := range fs {
		got[f.Field] = f.Message
	}
	for field, want := range map[string]string{
		"PatientID":        "Choose a patient",
		"Status":           "The status must be",
		"Lang":             "such as en or es",
		"Date":             "in 1999",
		"Marks[1].Finding": "Mark 2: Disc bulge can only be marked on a disc, not on the left L5 nerve root",
	} {
		if !strings.Contains(got[field], want) {
			t.Errorf("%s: %q, want %q", field, got[field], want)
		}
	}
	if len(got) != 5 {
		t.Errorf("fields %v", got)
	}
}

// A visit date is kept at midday, so it is the same day an hour's drive
// either side of midnight (and in the zones either side).
func TestParseVisitDate(t *testing.T) {
	d, err := ParseVisitDate(" 2026-11-24 ")
	if err != nil {
		t.Fatal(err)
	}
	if d.Format(DateLayout) != "2026-11-24" || d.Hour() != 12 || d.Location() != time.Local {
		t.Errorf("got %v", d)
	}
	late := time.Date(2026, 11, 24, 23, 45, 0, 0, time.Local)
	if got := Today(late); got.Format(DateLayout) != "2026-11-24" || got.Hour() != 12 {
		t.Errorf("Today(%v) = %v", late, got)
	}
	for _, bad := range []string{"", "24/11/2026", "2026-02-30"} {
		if _, err := ParseVisitDate(bad); err == nil || !strings.Contains(err.Error(), "year-month-day") {
			t.Errorf("%q: %v", bad, err)
		}
	}
}

// Issue 15: every old stretch ID (a slug of the name in English or
// Spanish) stands for a stretch of the library, in both languages.
func TestStretchIDs(t *testing.T) {
	for _, lang := range []string{"en", "es"} {
		lib, err := content.Load(lang)
		if err != nil {
			t.Fatal(err)
		}
		ids := map[string]bool{}
		for _, s := range lib.Stretches() {
			ids[s.ID] = true
		}
		for old, id := range legacyStretchIDs {
			if !ids[id] || StretchID(old) != id || StretchID(id) != id {
				t.Errorf("%s: %s stands for %s (in the library: %v), StretchID gives %s", lang, old, id, ids[id], StretchID(old))
			}
		}
		if len(ids)*2 != len(legacyStretchIDs) {
			t.Errorf("%s: %d stretches, %d old IDs", lang, len(ids), len(legacyStretchIDs))
		}
	}
}
