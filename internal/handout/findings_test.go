package handout

import (
	"strings"
	"testing"

	"chairside/internal/anatomy"
)

// Each new finding fits the one kind of part where it is found, and
// nowhere else; the table is written out here from anatomy, not from
// findings.go.
func TestNewFindingsFitOn(t *testing.T) {
	fits := map[Finding]func(s anatomy.Structure) bool{
		Arthritis: func(s anatomy.Structure) bool { return s.Kind == anatomy.Facet },
		Narrowing: func(s anatomy.Structure) bool { return s.Kind != anatomy.Vertebra },
		Stenosis: func(s anatomy.Structure) bool {
			return s.Kind == anatomy.Disc || s.Kind == anatomy.Vertebra && s.Level != "S" && s.Level != "Co"
		},
		Slip: func(s anatomy.Structure) bool {
			return s.Kind == anatomy.Vertebra && s.Level != "C1" && s.Level != "S" && s.Level != "Co"
		},
		Fracture: func(s anatomy.Structure) bool {
			return s.Kind == anatomy.Vertebra && s.Level != "C1" && s.Level != "S" && s.Level != "Co"
		},
		Scoliosis: func(s anatomy.Structure) bool {
			return s.Kind == anatomy.Vertebra && s.Level != "S" && s.Level != "Co"
		},
	}
	for f, want := range fits {
		for _, s := range anatomy.All() {
			if s.Kind != anatomy.Vertebra && s.Kind != anatomy.Disc && s.Kind != anatomy.Facet && s.Kind != anatomy.Nerve {
				continue // the kinds issue 13 adds (cord, joints) have their own rules
			}
			if err := f.FitsOn(s); (err == nil) != want(s) {
				t.Errorf("%s on %s: %v, want fits=%v", f, s.ID, err, want(s))
			}
		}
	}
	// the joints of the upper neck and the sacroiliac joints take arthritis
	for _, id := range []string{"joint:C0-C1:left", "joint:C1-C2:right", "sacroiliac:left"} {
		s, ok := anatomy.Lookup(id)
		if !ok {
			t.Fatalf("%s is not a structure", id)
		}
		if err := Arthritis.FitsOn(s); err != nil {
			t.Errorf("arthritis on %s: %v", id, err)
		}
	}
	for _, tc := range []struct {
		f    Finding
		id   string
		want string
	}{
		{Slip, "disc:L4-L5", "marked on the vertebra that slipped forward"},
		{Scoliosis, "nerve:L5:left", "apex"},
		{Arthritis, "disc:L4-L5", "choose a facet joint"},
		{Fracture, "vertebra:S", "C2 to L5"},
		{Stenosis, "cord:spinal", "disc (or vertebra)"},
		{Narrowing, "cord:cauda-equina", "not on the"},
	} {
		s, _ := anatomy.Lookup(tc.id)
		if err := tc.f.FitsOn(s); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s on %s: %v, want %q", tc.f, tc.id, err, tc.want)
		}
	}
}

func TestParseDetail(t *testing.T) {
	for _, tc := range []struct {
		f    Finding
		in   string
		want Detail
		err  string
	}{
		{Herniation, "left", Detail{Side: anatomy.Left}, ""},
		{Herniation, " Far-Right ", Detail{Side: anatomy.Right, Far: true}, ""},
		{Bulge, "central", Detail{}, ""},
		{Bulge, "", Detail{}, ""},
		{Bulge, "up", Detail{}, "not an option of bulge: use left, right, far-left"},
		{Narrowing, "right", Detail{Side: anatomy.Right}, ""},
		{Narrowing, "far-right", Detail{}, "not an option of narrowing"},
		{Slip, "2", Detail{Grade: 2}, ""},
		{Slip, "3", Detail{}, "grade is 1"},
		{Slip, "left", Detail{}, "use grade 1 or 2"},
		{Scoliosis, "right:25", Detail{Side: anatomy.Right, Angle: 25}, ""},
		{Scoliosis, "left:40°", Detail{Side: anatomy.Left, Angle: 40}, ""},
		{Scoliosis, "left", Detail{Side: anatomy.Left}, ""},
		{Scoliosis, "right:200", Detail{}, "200 degrees"},
		{Scoliosis, "25", Detail{}, "not an option of scoliosis"},
		{Fracture, "2", Detail{}, "fracture takes no option"},
		{PainArea, "left", Detail{}, "pain takes no option"},
	} {
		got, err := ParseDetail(tc.f, tc.in)
		if tc.err == "" {
			if err != nil || got != tc.want {
				t.Errorf("%s:%s = %+v, %v; want %+v", tc.f, tc.in, got, err, tc.want)
			}
			// what is stored reads back the same
			if again, err := ParseDetail(tc.f, got.String()); err != nil || again != got {
				t.Errorf("%s:%s stored as %q reads %+v, %v", tc.f, tc.in, got.String(), again, err)
			}
			continue
		}
		if err == nil || !strings.Contains(err.Error(), tc.err) {
			t.Errorf("%s:%s: %v, want %q", tc.f, tc.in, err, tc.err)
		}
	}
}

func TestMarkDetailValidate(t *testing.T) {
	for _, tc := range []struct {
		m    Mark
		want string // "" when fine
	}{
		{Mark{Structure: "disc:L4-L5", Finding: Herniation, Detail: Detail{Side: anatomy.Left}}, ""},
		{Mark{Structure: "vertebra:T8", Finding: Scoliosis}, "needs the side the curve bends toward"},
		{Mark{Structure: "vertebra:T8", Finding: Scoliosis, Detail: Detail{Side: anatomy.Right, Angle: 22}}, ""},
		{Mark{Structure: "facet:L4-L5:left", Finding: Narrowing, Detail: Detail{Side: anatomy.Right}}, "on the left side"},
		{Mark{Structure: "vertebra:L5", Finding: Fracture, Detail: Detail{Grade: 1}}, "takes no option"},
		{Mark{Structure: "disc:L4-L5", Finding: Bulge, Detail: Detail{Far: true}}, "not an option of bulge"},
	} {
		err := tc.m.Validate()
		if tc.want == "" {
			if err != nil {
				t.Errorf("%+v refused: %v", tc.m, err)
			}
			continue
		}
		fe, ok := err.(FieldError)
		if !ok || fe.Field != "Detail" || !strings.Contains(fe.Message, tc.want) {
			t.Errorf("%+v: %#v, want Detail %q", tc.m, err, tc.want)
		}
	}
}

// Every finding has a name and a colour of its own, so the legend tells
// them apart.
func TestEveryFindingHasLabelAndColour(t *testing.T) {
	labels, colours := map[string]Finding{}, map[[4]uint8]Finding{}
	for _, f := range Findings {
		l, c := f.Label(), f.Color()
		if l == string(f) {
			t.Errorf("%s has no label", f)
		}
		if g, dup := labels[l]; dup {
			t.Errorf("%s and %s are both %q", f, g, l)
		}
		if g, dup := colours[[4]uint8{c.R, c.G, c.B, c.A}]; dup {
			t.Errorf("%s and %s have the same colour", f, g)
		}
		labels[l], colours[[4]uint8{c.R, c.G, c.B, c.A}] = f, f
	}
}
