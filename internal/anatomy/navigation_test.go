package anatomy

import "testing"

func TestUpDownOtherSide(t *testing.T) {
	for _, c := range []struct{ id, up, down, other string }{
		{"vertebra:L4", "vertebra:L3", "vertebra:L5", ""},
		{"vertebra:C1", "", "vertebra:C2", ""},
		{"vertebra:Co", "vertebra:S", "", ""},
		{"disc:L4-L5", "disc:L3-L4", "disc:L5-S", ""},
		{"disc:C2-C3", "", "disc:C3-C4", ""},
		{"facet:L4-L5:left", "facet:L3-L4:left", "facet:L5-S:left", "facet:L4-L5:right"},
		{"nerve:L5:right", "nerve:L4:right", "nerve:S1:right", "nerve:L5:left"},
		{"no:such", "", "", ""},
	} {
		if got := Up(c.id); got != c.up {
			t.Errorf("Up(%s) = %q, want %q", c.id, got, c.up)
		}
		if got := Down(c.id); got != c.down {
			t.Errorf("Down(%s) = %q, want %q", c.id, got, c.down)
		}
		if got := OtherSide(c.id); got != c.other {
			t.Errorf("OtherSide(%s) = %q, want %q", c.id, got, c.other)
		}
	}
}

// Left and right are the patient's, as in the back view.
func TestToward(t *testing.T) {
	for _, c := range []struct {
		id   string
		side Side
		want string
	}{
		{"facet:L4-L5:left", Right, "facet:L4-L5:right"},
		{"facet:L4-L5:right", Left, "facet:L4-L5:left"},
		{"facet:L4-L5:left", Left, "nerve:L4:left"}, // the root that leaves beside the joint
		{"nerve:L4:left", Left, "facet:L4-L5:left"},
		{"nerve:L5:right", Left, "nerve:L5:left"},
		{"vertebra:L4", Right, "facet:L4-L5:right"},
		{"vertebra:C1", Left, "nerve:C1:left"}, // the atlas has no facet joint below in the model
		{"vertebra:S", Left, "nerve:S1:left"},
		{"vertebra:Co", Right, "nerve:Co1:right"},
		{"disc:C5-C6", Left, "facet:C5-C6:left"},
		{"nerve:S3:left", Left, ""}, // no facet joint beside a sacral root
		{"nerve:C1:left", Left, ""},
		{"disc:L4-L5", NoSide, ""},
		{"no:such", Left, ""},
	} {
		if got := Toward(c.id, c.side); got != c.want {
			t.Errorf("Toward(%s, %q) = %q, want %q", c.id, c.side, got, c.want)
		}
	}
	// Every step lands on a real structure, and crossing back returns.
	for _, s := range All() {
		for _, side := range []Side{Left, Right} {
			next := Toward(s.ID, side)
			if next == "" {
				continue
			}
			if _, ok := Lookup(next); !ok {
				t.Errorf("Toward(%s, %s) = %s, not a structure", s.ID, side, next)
			}
		}
	}
}

func TestRootTables(t *testing.T) {
	for seg, want := range map[string][2]string{ // exiting root, disc root
		"C2-C3": {"C3", "C3"}, "C5-C6": {"C6", "C6"}, "C6-C7": {"C7", "C7"}, "C7-T1": {"C8", "C8"},
		"T6-T7": {"T6", "T6"}, "L3-L4": {"L3", "L4"}, "L4-L5": {"L4", "L5"}, "L5-S": {"L5", "S1"},
		"C1-C2": {"", ""}, "L6-S": {"", ""},
	} {
		if got := ExitingRoot(seg); got != want[0] {
			t.Errorf("ExitingRoot(%s) = %q, want %q", seg, got, want[0])
		}
		if got := DiscRoot(seg); got != want[1] {
			t.Errorf("DiscRoot(%s) = %q, want %q", seg, got, want[1])
		}
	}
	for root, want := range map[string]string{"C6": "C5-C6", "C8": "C7-T1", "L5": "L4-L5", "S1": "L5-S", "L4": "L3-L4", "T6": "", "C1": "", "S2": ""} {
		if got := DiscPressingOn(root); got != want {
			t.Errorf("DiscPressingOn(%s) = %q, want %q", root, got, want)
		}
	}
	// Every motion segment has both roots; every root pressed on points back.
	for _, seg := range SegmentLevels() {
		if ExitingRoot(seg) == "" || DiscRoot(seg) == "" {
			t.Errorf("%s: exiting %q, disc %q", seg, ExitingRoot(seg), DiscRoot(seg))
		}
	}
	for _, root := range RootLevels() {
		if seg := DiscPressingOn(root); seg != "" && DiscRoot(seg) != root {
			t.Errorf("DiscPressingOn(%s) = %s, whose disc root is %s", root, seg, DiscRoot(seg))
		}
	}
}

// One measure of a typing slip for suggestions and search: a swap of two
// neighbouring letters is one slip, as a change is.
func TestEditDistance(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want int
	}{
		{"", "", 0}, {"disc", "disc", 0}, {"", "disc", 4}, {"disc", "", 4},
		{"dsic", "disc", 1}, {"disk", "disc", 1}, {"dis", "disc", 1}, {"discs", "disc", 1},
		{"sciatcia", "sciatica", 1}, {"vertebra:l6", "vertebra:l5", 1}, {"ca", "abc", 3},
		{"kitten", "sitting", 3},
	} {
		if got := EditDistance(c.a, c.b); got != c.want {
			t.Errorf("EditDistance(%q, %q) = %d, want %d", c.a, c.b, got, c.want)
		}
		if got := EditDistance(c.b, c.a); got != c.want {
			t.Errorf("EditDistance(%q, %q) = %d, want %d", c.b, c.a, got, c.want)
		}
	}
}
