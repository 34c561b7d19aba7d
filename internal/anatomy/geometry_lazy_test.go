package anatomy

import (
	"reflect"
	"testing"
)

// Each view is built the first time it is asked for (geom), so which one
// comes first depends on where the clinician starts. Building a view only
// reads the column under it: either order draws the same two views.
func TestViewsAreTheSameWhicheverIsBuiltFirst(t *testing.T) {
	col := buildColumn()
	lateralFirst := index(finish(buildLateral(col)))
	posteriorSecond := index(finish(buildPosterior(col)))
	col = buildColumn()
	posteriorFirst := index(finish(buildPosterior(col)))
	lateralSecond := index(finish(buildLateral(col)))
	for _, c := range []struct {
		name          string
		first, second *viewGeom
	}{
		{"lateral", lateralFirst, lateralSecond},
		{"posterior", posteriorFirst, posteriorSecond},
	} {
		if len(c.first.shapes) == 0 {
			t.Fatalf("%s: no shapes", c.name)
		}
		if !reflect.DeepEqual(c.first.shapes, c.second.shapes) || !reflect.DeepEqual(c.first.labels, c.second.labels) ||
			!reflect.DeepEqual(c.first.bounds, c.second.bounds) || !reflect.DeepEqual(c.first.presets, c.second.presets) {
			t.Errorf("%s: built first and built after the other view, the drawings differ", c.name)
		}
	}
	// And what geom hands out is that same drawing.
	if g := geom(Posterior); !reflect.DeepEqual(g.shapes, posteriorFirst.shapes) {
		t.Error("geom(Posterior) differs from a posterior view built on its own")
	}
	if geom(View("sagittal")) != nil {
		t.Error("an unknown view has a drawing")
	}
}
