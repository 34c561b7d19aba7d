package figure

import (
	"flag"
	"image/color"
	"math"
	"path/filepath"
	"strings"
	"testing"

	"chairside/internal/diagram"
	"chairside/internal/figure/figuretest"
)

var update = flag.Bool("update", false, "rewrite the golden images")

func standingPose() Pose {
	return Pose{View: Side, Arms: [2]Arm{{Shoulder: 4, Elbow: 8}, {Shoulder: -4, Elbow: 8}}}
}

func TestValidateRefusesWhatNoBodyCanDo(t *testing.T) {
	cases := []struct {
		name string
		p    Pose
		want string
	}{
		{"knee bent backwards", Pose{View: Side, Legs: [2]Leg{{Knee: -20}}}, "leg 1 knee -20"},
		{"hip past the chest", Pose{View: Side, Legs: [2]Leg{{}, {Hip: 170}}}, "leg 2 hip 170"},
		{"elbow past straight", Pose{View: Side, Arms: [2]Arm{{Elbow: -30}}}, "arm 1 elbow -30"},
		{"neck turned round", Pose{View: Front, Turn: 120}, "turn 120"},
		{"a turn in the side view", Pose{View: Side, Turn: 30}, "turn 30"},
		{"blades past squeezed", Pose{View: Back, Blades: 2}, "blades 2"},
		{"limb out of the page past 90", Pose{View: Front, Legs: [2]Leg{{ThighOut: 100}}}, "thigh out 100"},
		{"not a number", Pose{View: Side, Spine: math.NaN()}, "spine NaN"},
		{"unknown view", Pose{View: 7}, "unknown view"},
	}
	for _, c := range cases {
		err := c.p.Validate()
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want it to mention %q", c.name, err, c.want)
		}
	}
	if err := standingPose().Validate(); err != nil {
		t.Errorf("standing: %v", err)
	}
	pc := Picture{Start: standingPose(), End: Pose{View: Front}}
	if err := pc.Validate(); err == nil || !strings.Contains(err.Error(), "use one view") {
		t.Errorf("mixed views: %v", err)
	}
	if err := (Picture{Start: standingPose(), End: standingPose(), Props: []Prop{9}}).Validate(); err == nil {
		t.Error("an unknown prop passed")
	}
}

// recorder is a Painter that keeps what it is sent.
type recorder struct {
	minX, minY, maxX, maxY float64
	fills, strokes, texts  int
	colours                map[color.NRGBA]bool
}

func (r *recorder) pt(x, y float64) {
	r.minX, r.minY = math.Min(r.minX, x), math.Min(r.minY, y)
	r.maxX, r.maxY = math.Max(r.maxX, x), math.Max(r.maxY, y)
}
func (r *recorder) MoveTo(x, y float64)                                                { r.pt(x, y) }
func (r *recorder) LineTo(x, y float64)                                                { r.pt(x, y) }
func (r *recorder) CubicTo(a, b, c, d, x, y float64)                                   { r.pt(a, b); r.pt(c, d); r.pt(x, y) }
func (r *recorder) ClosePath()                                                         {}
func (r *recorder) Fill(c color.NRGBA)                                                 { r.fills++; r.colours[c] = true }
func (r *recorder) Stroke(c color.NRGBA, w float64)                                    { r.strokes++; r.colours[c] = true }
func (r *recorder) Text(float64, float64, float64, color.NRGBA, diagram.Align, string) { r.texts++ }

// A picture is vector paths in opaque colours (paper needs no
// transparency), inside its box, with no words (the handout writes them in
// the patient's language).
func TestPictureIsOpaqueVectorsInsideItsBox(t *testing.T) {
	for _, v := range []View{Side, Front, Back} {
		p := Pose{View: v, Legs: [2]Leg{{Hip: 10}, {Hip: 10}}}
		pc := Picture{Start: p, End: p, Props: []Prop{Mat, Chair, Wall}}
		r := &recorder{minX: math.Inf(1), minY: math.Inf(1), maxX: math.Inf(-1), maxY: math.Inf(-1), colours: map[color.NRGBA]bool{}}
		pc.Draw(r, 600, 300)
		if r.minX < 0 || r.minY < 0 || r.maxX > 600 || r.maxY > 300 {
			t.Errorf("%s: drawing spans (%.1f,%.1f)-(%.1f,%.1f), outside 600x300", v, r.minX, r.minY, r.maxX, r.maxY)
		}
		if r.fills < 20 || r.strokes < 10 || r.texts != 0 {
			t.Errorf("%s: %d fills, %d strokes, %d texts", v, r.fills, r.strokes, r.texts)
		}
		for c := range r.colours {
			if c.A != 255 {
				t.Errorf("%s: colour %v is not opaque", v, c)
			}
		}
	}
}

// The figure rests on the floor: its lowest point touches it, in every
// view, and on a mat it rests on the mat.
func TestFigureRestsOnTheFloor(t *testing.T) {
	pc := Picture{Start: standingPose(), End: standingPose()}
	for _, pt := range []Point{NearFoot, FarFoot} {
		if g, err := pc.Gap(false, pt); err != nil || math.Abs(g) > 1.5 {
			t.Errorf("standing: %s is %.1f above the floor (%v)", pt, g, err)
		}
	}
	lying := Pose{View: Side, Trunk: -90}
	pc = Picture{Start: lying, End: lying, Props: []Prop{Mat}}
	if g, _ := pc.Gap(true, Pelvis); math.Abs(g) > 1.5 {
		t.Errorf("lying on a mat: the pelvis is %.1f above it", g)
	}
	if _, err := pc.Gap(false, Point("tail")); err == nil {
		t.Error("an unknown body point gave no error")
	}
}

// Moving a joint moves what hangs from it, and nothing above it.
func TestAJointMovesItsLimbOnly(t *testing.T) {
	a := build(standingPose())
	p := standingPose()
	p.Arms[0].Elbow = 90
	b := build(p)
	if a.arms[0].mid != b.arms[0].mid || a.head != b.head || a.legs[0].end != b.legs[0].end {
		t.Error("bending the elbow moved the upper arm, the head or a leg")
	}
	if a.arms[0].end == b.arms[0].end {
		t.Error("bending the elbow left the wrist where it was")
	}
	// 90 degrees of flexion points the forearm forward (+x, the face's side)
	if d := b.arms[0].end.sub(b.arms[0].mid); d.x < 20 || math.Abs(d.y) > 5 {
		t.Errorf("forearm at elbow 90 runs %+v, want forward", d)
	}
}

func TestGolden(t *testing.T) {
	cases := map[string]Picture{
		"side-standing-to-step": {Start: standingPose(), End: Pose{View: Side, Trunk: 2,
			Arms: [2]Arm{{Shoulder: -22, Elbow: 20}, {Shoulder: 26, Elbow: 30}},
			Legs: [2]Leg{{Hip: 24, Knee: 6, Ankle: -12}, {Hip: -14, Knee: 16, Ankle: 22}}}},
		"front-arms-out": {Start: Pose{View: Front}, End: Pose{View: Front, Neck: 20, Turn: 30,
			Arms: [2]Arm{{Shoulder: 90}, {Shoulder: 150, Elbow: -30}}, Legs: [2]Leg{{Hip: 10}, {Hip: 10}}}},
		"back-blades": {Start: Pose{View: Back}, End: Pose{View: Back, Blades: 1,
			Arms: [2]Arm{{Shoulder: 20, Elbow: 20}, {Shoulder: 20, Elbow: 20}}}},
	}
	for name, pc := range cases {
		if err := pc.Validate(); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		figuretest.CompareGolden(t, filepath.Join("testdata", name+".png"), pc.Render(600, 300), *update)
	}
}

func BenchmarkExercisePicture(b *testing.B) {
	pc := Picture{Start: standingPose(), End: Pose{View: Side, Trunk: 2,
		Arms: [2]Arm{{Shoulder: -22, Elbow: 20}, {Shoulder: 26, Elbow: 30}},
		Legs: [2]Leg{{Hip: 24, Knee: 6, Ankle: -12}, {Hip: -14, Knee: 16, Ankle: 22}}}}
	b.ReportAllocs()
	for b.Loop() {
		pc.Render(1200, 540)
	}
}

// A pose that never passed Validate (a bad file, a future editor bug)
// still draws without a panic and without painting outside the picture.
func TestHostileAnglesNeverPanic(t *testing.T) {
	for _, v := range []float64{math.NaN(), math.Inf(1), math.Inf(-1), 1e308, -1e308, 720} {
		p := Pose{View: Side, Trunk: v, Spine: v, Neck: v, Head: v, Chin: v,
			Arms: [2]Arm{{Shoulder: v, Elbow: v, UpperOut: v, ForeOut: v, Wrist: v}},
			Legs: [2]Leg{{Hip: v, Knee: v, Ankle: v, ThighOut: v, ShinOut: v}}}
		for _, view := range []View{Side, Front, Back, View(9)} {
			p.View = view
			pc := Picture{Start: p, End: standingPose(), Props: []Prop{Mat, Chair, Wall}}
			img := pc.Render(200, 100)
			if img.Bounds().Dx() != 200 {
				t.Fatalf("angle %g: picture %v", v, img.Bounds())
			}
			if _, err := pc.Gap(false, Pelvis); err != nil {
				t.Errorf("angle %g: %v", v, err)
			}
		}
	}
	if img := (Picture{}).Render(0, -5); img.Bounds().Dx() != 1 || img.Bounds().Dy() != 1 {
		t.Errorf("a picture of no size: %v", img.Bounds())
	}
}
