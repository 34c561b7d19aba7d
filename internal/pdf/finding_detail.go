package pdf

import (
	"strings"

	"chairside/internal/anatomy"
	"chairside/internal/handout"
	"chairside/internal/i18n"
)

// findingDetail is a mark's detail as the handout prints it, in the
// handout's language: "toward the left", "grade 2", "bending to the
// right, 25 degrees"; "" for none. (handout.Mark.DetailNote is the same in
// English for the command line.)
func findingDetail(w i18n.Words, m handout.Mark) string {
	d := m.Detail
	var parts []string
	if d.Side != anatomy.NoSide {
		key := "finding.detail." + string(d.Side)
		switch {
		case m.Finding == handout.Scoliosis:
			key = "finding.detail.curve." + string(d.Side)
		case d.Far:
			key = "finding.detail.far-" + string(d.Side)
		}
		parts = append(parts, w.T(key))
	}
	if d.Grade != 0 {
		parts = append(parts, w.F("finding.detail.grade", map[string]any{"Grade": d.Grade}))
	}
	if d.Angle != 0 {
		parts = append(parts, w.F("finding.detail.angle", map[string]any{"Angle": d.Angle}))
	}
	return strings.Join(parts, ", ")
}
