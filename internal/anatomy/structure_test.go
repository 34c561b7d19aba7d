package anatomy

import (
	"strings"
	"testing"
)

func TestCounts(t *testing.T) {
	counts := map[Kind]int{}
	seen := map[string]bool{}
	for _, s := range All() {
		counts[s.Kind]++
		if seen[s.ID] {
			t.Errorf("duplicate ID %s", s.ID)
		}
		seen[s.ID] = true
	}
	want := map[Kind]int{Vertebra: 26, Disc: 23, Facet: 46, Nerve: 62}
	for k, n := range want {
		if counts[k] != n {
			t.Errorf("%s: got %d, want %d", k, counts[k], n)
		}
	}
}

func TestNamesAndNeighbours(t *testing.T) {
	cases := []struct {
		id, name, above, below, opposite string
		region                           Region
	}{
		{"vertebra:C1", "C1 vertebra (atlas)", "", "vertebra:C2", "", Cervical},
		{"vertebra:L5", "L5 vertebra", "vertebra:L4", "vertebra:S", "", Lumbar},
		{"disc:C2-C3", "C2–C3 disc", "", "disc:C3-C4", "", Cervical},
		{"disc:L4-L5", "L4–L5 disc", "disc:L3-L4", "disc:L5-S", "", Lumbar},
		{"disc:L5-S", "L5–S1 disc", "disc:L4-L5", "", "", Lumbar},
		{"facet:L4-L5:left", "left L4–L5 facet joint", "facet:L3-L4:left", "facet:L5-S:left", "facet:L4-L5:right", Lumbar},
		{"nerve:L5:left", "left L5 nerve root", "nerve:L4:left", "nerve:S1:left", "nerve:L5:right", Lumbar},
		{"nerve:Co1:right", "right Co1 nerve root", "nerve:S5:right", "", "nerve:Co1:left", Coccygeal},
	}
	for _, c := range cases {
		s, ok := Lookup(c.id)
		if !ok {
			t.Fatalf("%s missing", c.id)
		}
		if s.Name != c.name || s.Above != c.above || s.Below != c.below || s.Opposite != c.opposite || s.Region != c.region {
			t.Errorf("%s: got %+v", c.id, s)
		}
	}
}

func TestExitSegment(t *testing.T) {
	for root, want := range map[string]string{
		"C1": "", "C2": "", "C3": "C2-C3", "C6": "C5-C6", "C8": "C7-T1",
		"T1": "T1-T2", "T12": "T12-L1", "L4": "L4-L5", "L5": "L5-S", "S1": "", "Co1": "",
	} {
		if got := ExitSegment(root); got != want {
			t.Errorf("ExitSegment(%s) = %q, want %q", root, got, want)
		}
	}
}

func TestParseSuggests(t *testing.T) {
	if _, err := Parse("vertebra:L5"); err != nil {
		t.Fatal(err)
	}
	if s, err := Parse("Vertebra:l5"); err != nil || s.ID != "vertebra:L5" {
		t.Fatalf("case-insensitive parse: %v %v", s, err)
	}
	_, err := Parse("vertebra:L6")
	if err == nil || !strings.Contains(err.Error(), "did you mean vertebra:L5") {
		t.Fatalf("want suggestion, got %v", err)
	}
	_, err = Parse("xyzzy-nothing-like-it-at-all")
	if err == nil || !strings.Contains(err.Error(), "no such structure") {
		t.Fatalf("got %v", err)
	}
}
