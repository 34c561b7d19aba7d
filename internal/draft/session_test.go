package draft

import (
	"reflect"
	"strings"
	"testing"

	"chairside/internal/content"
	"chairside/internal/handout"
)

func TestFromSession(t *testing.T) {
	lib, err := content.Load("en")
	if err != nil {
		t.Fatal(err)
	}
	trail := []string{"disc:L4-L5", "nerve:L5:left", "DISC:L4-L5", "", "topic:cracking-your-back", "nerve:L5:left", "vertebra:L5"}
	marks := []handout.Mark{{Structure: "disc:L4-L5", Finding: handout.Bulge, Note: "mild"}, {Structure: "nerve:L5:left", Finding: handout.Irritation}}
	h, err := FromSession(trail, marks, "Recheck in 2 weeks.", lib)
	if err != nil {
		t.Fatal(err)
	}
	var refs []string
	for _, it := range h.Items {
		refs = append(refs, it.Ref)
	}
	want := []string{"disc:L4-L5", "nerve:L5:left", "topic:cracking-your-back", "vertebra:L5"}
	if !reflect.DeepEqual(refs, want) {
		t.Errorf("items = %q, want %q (trail order, no duplicates)", refs, want)
	}
	for _, it := range h.Items {
		text, _ := lib.Explain(it.Ref)
		if it.Title != text.Title || it.Body != text.Body || !reflect.DeepEqual(it.Sources, text.Sources) {
			t.Errorf("item %s is not a snapshot of the library text", it.Ref)
		}
		if len(it.Sources) == 0 {
			t.Errorf("item %s has no sources", it.Ref)
		}
	}
	if !reflect.DeepEqual(h.Marks, marks) || h.ClinicianNotes != "Recheck in 2 weeks." {
		t.Errorf("marks/notes not carried over: %+v %q", h.Marks, h.ClinicianNotes)
	}
	if !reflect.DeepEqual(h.SeekCare, lib.RedFlags()) || len(h.SeekCare) == 0 {
		t.Errorf("SeekCare = %q, want the library's red flags", h.SeekCare)
	}
	if h.Lang != "en" || h.Status != handout.Draft || h.Date.IsZero() {
		t.Errorf("Lang %q Status %q Date %v", h.Lang, h.Status, h.Date)
	}
	// The snapshot is a copy: changing it does not reach the library.
	h.Items[0].Sources[0] = "changed"
	if text, _ := lib.Explain("disc:L4-L5"); text.Sources[0] == "changed" {
		t.Error("item sources share memory with the library")
	}
	marks[0].Note = "changed"
	if h.Marks[0].Note == "changed" {
		t.Error("marks share memory with the caller's slice")
	}
}

func TestFromSessionErrors(t *testing.T) {
	lib, err := content.Load("en")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := FromSession([]string{"disc:L4-L5", "vertebra:L6"}, nil, "", lib); err == nil || !strings.Contains(err.Error(), "vertebra:L6") {
		t.Errorf("unknown ID: err = %v, want it named", err)
	}
	if _, err := FromSession([]string{"disc:L4-L5"}, nil, "", nil); err == nil {
		t.Error("nil library accepted")
	}
	h, err := FromSession(nil, nil, "", lib)
	if err != nil || len(h.Items) != 0 {
		t.Errorf("empty trail: %v, %d items", err, len(h.Items))
	}
}

func TestFromSessionNormalizesNotes(t *testing.T) {
	lib, err := content.Load("en")
	if err != nil {
		t.Fatal(err)
	}
	marks := []handout.Mark{{Structure: "disc:L4-L5", Finding: handout.Bulge, Note: "left\r\nside"}}
	h, err := FromSession([]string{"disc:L4-L5"}, marks, "Recheck in 2 weeks.\r\nWalk daily.", lib)
	if err != nil {
		t.Fatal(err)
	}
	if h.ClinicianNotes != "Recheck in 2 weeks.\nWalk daily." || h.Marks[0].Note != "left\nside" {
		t.Errorf("notes %q, mark note %q: want LF line ends", h.ClinicianNotes, h.Marks[0].Note)
	}
	if marks[0].Note != "left\r\nside" {
		t.Error("FromSession changed the caller's marks")
	}
}

// A stretch is found by its stable ID, its old ID (in either language),
// or its ID without the prefix.
func TestLibraryStretch(t *testing.T) {
	es, err := content.Load("es")
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"exercise:cat-camel", "cat-camel", "cat-cow", "CAT-COW", " gato-vaca "} {
		s, ok := LibraryStretch(es, id)
		if !ok || s.ID != "exercise:cat-camel" || s.Name != "Gato-vaca" || len(s.Steps) == 0 {
			t.Errorf("%q: %+v, %v", id, s, ok)
		}
	}
	if _, ok := LibraryStretch(es, "exercise:handstand"); ok {
		t.Error("found a stretch the library does not have")
	}
}
