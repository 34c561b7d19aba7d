package diagram

import (
	"image"
	"path/filepath"
	"testing"

	"chairside/internal/anatomy"
	"chairside/internal/handout"
)

// overlaps reports whether polygon a and any shape of root id in view v
// share a point: a vertex of one inside the other, or crossing edges.
func overlapsRoot(v anatomy.View, a []anatomy.Point, id string) bool {
	for _, s := range shapesOf(v, id) {
		for _, b := range s.Path.Flatten(0.5) {
			if polygonsTouch(a, b) {
				return true
			}
		}
	}
	return false
}

// A bulge back and to the left of the L4-L5 disc presses on the left L5
// root, which crosses the disc on its way down, and not on the L4 root,
// which leaves above it; a bulge far out to the left presses on the L4
// root. Seen from behind, where left and right and the roots' courses
// apart are drawn.
func TestBulgePressesOnTheRightRoot(t *testing.T) {
	v := anatomy.Posterior
	for _, f := range []string{"bulge", "herniation"} {
		back := Mark{Structure: "disc:L4-L5", Finding: f, Detail: handout.Detail{Side: anatomy.Left}}
		bulge, course := FindingOutline(v, back)
		if len(bulge) == 0 || len(course) == 0 {
			t.Fatalf("%s: nothing drawn (%d, %d points)", f, len(bulge), len(course))
		}
		if !polygonsTouch(bulge, course) || !overlapsRoot(v, course, "nerve:L5:left") {
			t.Errorf("%s back and to the left: does not reach the L5 root", f)
		}
		if overlapsRoot(v, bulge, "nerve:L4:left") || overlapsRoot(v, bulge, "nerve:L5:right") {
			t.Errorf("%s back and to the left: touches the L4 root or the right L5 root", f)
		}
		far := back
		far.Detail.Far = true
		farBulge, farCourse := FindingOutline(v, far)
		if !overlapsRoot(v, farBulge, "nerve:L4:left") {
			t.Errorf("%s far to the left: does not touch the L4 root", f)
		}
		if farCourse != nil {
			t.Errorf("%s far to the left: draws a crossing root", f)
		}
	}
	if got := PressedRoot("disc:L4-L5", anatomy.Left, false); got != "nerve:L5:left" {
		t.Errorf("pressed root %q", got)
	}
	if got := PressedRoot("disc:L4-L5", anatomy.Right, true); got != "nerve:L4:right" {
		t.Errorf("far: pressed root %q", got)
	}
	if got := PressedRoot("disc:C5-C6", anatomy.Left, false); got != "nerve:C6:left" {
		t.Errorf("neck: pressed root %q", got)
	}
	if got := PressedRoot("disc:L4-L5", anatomy.NoSide, false); got != "" {
		t.Errorf("straight back: pressed root %q", got)
	}
}

// Every finding kind draws something in the view where it shows, and its
// badge pins to it.
func TestEveryFindingDraws(t *testing.T) {
	for _, c := range []struct {
		v anatomy.View
		m Mark
	}{
		{anatomy.Lateral, Mark{Structure: "disc:L4-L5", Finding: "bulge", Detail: handout.Detail{Side: anatomy.Left}}},
		{anatomy.Lateral, Mark{Structure: "disc:L4-L5", Finding: "herniation"}},
		{anatomy.Lateral, Mark{Structure: "disc:L5-S", Finding: "degeneration"}},
		{anatomy.Lateral, Mark{Structure: "facet:L4-L5:left", Finding: "arthritis"}},
		{anatomy.Lateral, Mark{Structure: "nerve:L4:left", Finding: "narrowing"}},
		{anatomy.Lateral, Mark{Structure: "disc:L4-L5", Finding: "stenosis"}},
		{anatomy.Lateral, Mark{Structure: "vertebra:L5", Finding: "slip", Detail: handout.Detail{Grade: 2}}},
		{anatomy.Lateral, Mark{Structure: "vertebra:L1", Finding: "fracture"}},
		{anatomy.Posterior, Mark{Structure: "vertebra:T8", Finding: "scoliosis", Detail: handout.Detail{Side: anatomy.Right, Angle: 25}}},
		{anatomy.Posterior, Mark{Structure: "facet:L4-L5:right", Finding: "arthritis"}},
		{anatomy.Posterior, Mark{Structure: "disc:L4-L5", Finding: "stenosis"}},
		{anatomy.Posterior, Mark{Structure: "disc:L4-L5", Finding: "degeneration"}},
	} {
		g := newFindingGeom(c.v, c.m)
		if len(g.steps) == 0 || !g.pinned {
			t.Errorf("%s %s on %s: %d steps, pinned %v", c.v, c.m.Finding, c.m.Structure, len(g.steps), g.pinned)
		}
	}
	// a slipped vertebra sits forward (toward the front, the left of the
	// side view) of where it was
	was, _ := anatomy.StructureBounds(anatomy.Lateral, "vertebra:L5")
	if q, ok := NewRenderer().findingAnchor(anatomy.Lateral, Mark{Structure: "vertebra:L5", Finding: "slip", Detail: handout.Detail{Grade: 1}}); !ok || q.X >= was.Center().X {
		t.Errorf("slip anchor %v, body was around %v", q, was.Center())
	}
}

// findingScenes are the golden images of the findings: each kind in the
// side and back views, grouped by what they change, and one in the dark
// palette. Regenerate with: go test ./internal/diagram -run GoldenFindings -update
func findingScenes() map[string]Scene {
	low := func(v anatomy.View) Camera { return PresetCamera(v, anatomy.LowBack, 400, 600) }
	left := handout.Detail{Side: anatomy.Left}
	discs := []Mark{
		{Structure: "disc:L3-L4", Finding: "bulge", Detail: handout.Detail{Side: anatomy.Right, Far: true}},
		{Structure: "disc:L4-L5", Finding: "herniation", Detail: left},
		{Structure: "disc:L5-S", Finding: "degeneration"},
	}
	joints := []Mark{
		{Structure: "facet:L2-L3:left", Finding: "arthritis"},
		{Structure: "nerve:L4:left", Finding: "narrowing"},
		{Structure: "disc:L4-L5", Finding: "stenosis"},
		{Structure: "nerve:L1:right", Finding: "irritation"},
	}
	bones := []Mark{
		{Structure: "vertebra:L1", Finding: "fracture"},
		{Structure: "vertebra:L5", Finding: "slip", Detail: handout.Detail{Grade: 1}},
		{Structure: "vertebra:L3", Finding: "degeneration"},
		{Structure: "vertebra:L2", Finding: "pain"},
		{Structure: "vertebra:L4", Finding: "stiffness"},
	}
	curve := []Mark{{Structure: "vertebra:T8", Finding: "scoliosis", Detail: handout.Detail{Side: anatomy.Right, Angle: 35}}}
	return map[string]Scene{
		"findings-discs-lateral":         {View: anatomy.Lateral, Camera: low(anatomy.Lateral), Marks: discs},
		"findings-discs-posterior":       {View: anatomy.Posterior, Camera: low(anatomy.Posterior), Marks: discs},
		"findings-joints-lateral":        {View: anatomy.Lateral, Camera: low(anatomy.Lateral), Marks: joints},
		"findings-joints-posterior":      {View: anatomy.Posterior, Camera: low(anatomy.Posterior), Marks: joints},
		"findings-bones-lateral":         {View: anatomy.Lateral, Camera: low(anatomy.Lateral), Marks: bones},
		"findings-bones-posterior":       {View: anatomy.Posterior, Camera: low(anatomy.Posterior), Marks: bones},
		"findings-curve-posterior":       {View: anatomy.Posterior, Marks: curve},
		"findings-discs-lateral-dark":    {View: anatomy.Lateral, Camera: low(anatomy.Lateral), Marks: discs, Palette: Dark},
		"findings-joints-posterior-dark": {View: anatomy.Posterior, Camera: low(anatomy.Posterior), Marks: joints, Palette: Dark},
	}
}

func TestGoldenFindings(t *testing.T) {
	for name, sc := range findingScenes() {
		img := NewRenderer().Image(sc, 400, 600)
		file := filepath.Join("testdata", name+".png")
		if *update {
			writePNG(t, file, img)
			continue
		}
		want := readPNG(t, file)
		if want.Bounds() != img.Bounds() {
			t.Fatalf("%s: size %v, golden %v", name, img.Bounds(), want.Bounds())
		}
		bad := 0
		for y := 0; y < 600; y++ {
			for x := 0; x < 400; x++ {
				a, b := img.RGBAAt(x, y), want.RGBAAt(x, y)
				if absDiff(a.R, b.R) > 8 || absDiff(a.G, b.G) > 8 || absDiff(a.B, b.B) > 8 {
					bad++
				}
			}
		}
		if bad > 400*600/500 {
			t.Errorf("%s: %d pixels differ from %s (run with -update after an intended change)", name, bad, file)
		}
	}
}

// everyFinding is one mark of every finding kind, for the benchmarks.
var everyFinding = []Mark{
	{Structure: "disc:L3-L4", Finding: "bulge", Detail: handout.Detail{Side: anatomy.Right, Far: true}},
	{Structure: "disc:L4-L5", Finding: "herniation", Detail: handout.Detail{Side: anatomy.Left}},
	{Structure: "disc:L5-S", Finding: "degeneration"},
	{Structure: "facet:L2-L3:left", Finding: "arthritis"},
	{Structure: "nerve:L4:left", Finding: "narrowing"},
	{Structure: "disc:C5-C6", Finding: "stenosis"},
	{Structure: "vertebra:L5", Finding: "slip", Detail: handout.Detail{Grade: 2}},
	{Structure: "vertebra:T12", Finding: "fracture"},
	{Structure: "vertebra:T8", Finding: "scoliosis", Detail: handout.Detail{Side: anatomy.Right, Angle: 25}},
	{Structure: "nerve:C6:left", Finding: "irritation"},
	{Structure: "vertebra:T4", Finding: "stiffness"},
	{Structure: "vertebra:S", Finding: "pain"},
}

// BenchmarkFindingsLateral draws every finding kind over the side view at
// 1200×1800: the layer the findings add to each frame on screen, in a PNG
// and on paper (issue 13: 6 ms).
func BenchmarkFindingsLateral(b *testing.B) { benchFindings(b, anatomy.Lateral) }

// BenchmarkFindingsPosterior is the same for the back view.
func BenchmarkFindingsPosterior(b *testing.B) { benchFindings(b, anatomy.Posterior) }

func benchFindings(b *testing.B, v anatomy.View) {
	img := image.NewRGBA(image.Rect(0, 0, 1200, 1800))
	r := NewRenderer()
	sc := Scene{View: v, Marks: everyFinding}
	r.Render(img, sc) // the findings' geometry is worked out once, on the first frame
	t := Fit(sc, 1200, 1800)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		p := r.painter(img, image.Point{})
		p.inHalves(func(q Painter) { r.drawFindings(q, t, sc) })
		r.release(p)
	}
}

// A renderer keeps the drawings of the findings it has drawn, but not
// without end: an app left open all day starts afresh now and then.
func TestFindingCacheIsBounded(t *testing.T) {
	var c findingCache
	for i := 0; i < maxFindingGeoms*2+7; i++ {
		c.geom(anatomy.Lateral, Mark{Structure: "disc:L4-L5", Finding: "scoliosis", Detail: handout.Detail{Side: anatomy.Left, Angle: i}})
		if n := len(c.geoms); n > maxFindingGeoms {
			t.Fatalf("after %d findings the cache keeps %d drawings, more than %d", i+1, n, maxFindingGeoms)
		}
	}
	m := Mark{Structure: "disc:L4-L5", Finding: "bulge"}
	if g := c.geom(anatomy.Lateral, m); g != c.geom(anatomy.Lateral, m) || len(g.steps) == 0 {
		t.Error("a finding drawn twice is worked out twice, or draws nothing")
	}
}
