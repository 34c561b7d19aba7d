package pdf

import (
	"testing"

	"chairside/internal/anatomy"
	"chairside/internal/handout"
	"chairside/internal/i18n"
)

// The handout prints a finding's detail in its own language.
func TestFindingDetailWords(t *testing.T) {
	for _, c := range []struct {
		lang string
		m    handout.Mark
		want string
	}{
		{"en", handout.Mark{Finding: handout.Herniation, Detail: handout.Detail{Side: anatomy.Left}}, "toward the left"},
		{"en", handout.Mark{Finding: handout.Bulge, Detail: handout.Detail{Side: anatomy.Right, Far: true}}, "far out to the right"},
		{"en", handout.Mark{Finding: handout.Scoliosis, Detail: handout.Detail{Side: anatomy.Right, Angle: 25}}, "bending to the right, 25 degrees"},
		{"es", handout.Mark{Finding: handout.Scoliosis, Detail: handout.Detail{Side: anatomy.Left, Angle: 30}}, "curvada hacia la izquierda, 30 grados"},
		{"es", handout.Mark{Finding: handout.Slip, Detail: handout.Detail{Grade: 2}}, "grado 2"},
		{"es", handout.Mark{Finding: handout.Herniation}, ""},
	} {
		if got := findingDetail(i18n.For(c.lang), c.m); got != c.want {
			t.Errorf("%s %+v: %q, want %q", c.lang, c.m, got, c.want)
		}
	}
}
