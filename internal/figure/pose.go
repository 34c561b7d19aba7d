// Package figure draws the posable human figure of the home-exercise
// pictures: a calm, rounded body (head, neck, trunk with its spine line,
// pelvis, arms, hands, legs and feet) set by joint angles, with the floor,
// mat, chair or wall an exercise uses. A pose is data (angles); a picture is
// a start and an end pose side by side with an arrow between them. It draws
// through diagram.Painter, so the screen, PNG files and the PDF share one
// drawing and the spine's look. No Fyne here.
package figure

import (
	"fmt"
	"math"
)

// View is the side the figure is seen from.
type View int

// The views. Side looks at the figure's left side with the figure facing
// the picture's right; Front faces the reader (the patient's right on the
// picture's left); Back looks at the figure's back (the patient's left on
// the picture's left), where the spine and shoulder blades show.
const (
	Side View = iota
	Front
	Back
)

func (v View) String() string {
	switch v {
	case Side:
		return "side"
	case Front:
		return "front"
	case Back:
		return "back"
	}
	return fmt.Sprintf("view(%d)", int(v))
}

// Arm is one arm's joint angles in degrees.
//
// Side view: Shoulder is flexion from the arm hanging along the trunk
// (90: pointing forward, 180: overhead, negative: behind), Elbow bends the
// forearm forward and up (0: straight).
// Front and back views: Shoulder lifts the arm out to the side (abduction),
// Elbow bends the forearm in towards the body's middle (negative: out and
// up, as the arms of a wall angel, the upper arm turned out).
//
// UpperOut and ForeOut say how far the upper arm and forearm point out of
// the picture's plane (0: in it, 90: straight at the reader), which
// shortens them as a drawing shows a limb coming towards you.
type Arm struct {
	Shoulder, Elbow   float64
	UpperOut, ForeOut float64
	// Wrist bends the hand back from the line of the forearm (90: a palm
	// flat on the floor under a hanging arm, as on hands and knees).
	Wrist float64
}

// Leg is one leg's joint angles in degrees.
//
// Side view: Hip is flexion from the leg in line with the trunk (90: thigh
// forward as in sitting, negative: behind), Knee bends the shin back (0:
// straight), Ankle points the foot down (negative: toes up).
// Front and back views: Hip moves the leg out to the side (abduction,
// negative: across), Knee turns the shin in towards the middle (a shin
// crossed over the other knee; negative: out).
// ThighOut and ShinOut shorten the thigh and shin as Arm's do.
type Leg struct {
	Hip, Knee, Ankle  float64
	ThighOut, ShinOut float64
}

// Pose is the whole figure's angles in degrees. Arms and Legs are, in the
// side view, the near limb (the figure's left, drawn in front) and the far
// one; in the front and back views, the limb on the picture's left and the
// one on its right.
type Pose struct {
	View View
	// Trunk is the slope of the pelvis and low back from upright: in the
	// side view + leans towards the face (90: face down, -90: lying on the
	// back); in the front and back views + leans towards the picture's right.
	Trunk float64
	// Spine bends the chest on the low back: side view + rounds forward,
	// - arches back; front and back views: side bend, + towards the
	// picture's right. Neck bends the neck on the chest and Head the head
	// on the neck in the same way (side view: + is chin down).
	Spine, Neck, Head float64
	// Chin moves the head straight back (+) or forward (-) on the neck, in
	// units of a head's width: the chin tuck is this glide.
	Chin float64
	// Turn turns the head to the picture's right (+) or left (-); Twist
	// turns the chest on the pelvis. Front and back views only.
	Turn, Twist float64
	// Blades draws the shoulder blades together, from 0 (resting) to 1
	// (squeezed). Back view only.
	Blades float64
	Arms   [2]Arm
	Legs   [2]Leg
}

// span is an allowed range of one angle.
type span struct{ lo, hi float64 }

// Anatomical ranges, a little generous, of healthy adults' joints (degrees):
// hip flexion to about 125 (135 pulled by the hands), extension to about 30,
// knee flexion to about 140 (160 kneeling, sitting back on the heels), the ankle and the
// foot's own joints together about 50 down (80 kneeling, the foot flat), shoulder flexion to 180, elbow to about 150, neck flexion and
// extension to about 50 and 60, rotation to about 80, side bend to about
// 45, the lumbar and thoracic spine together about 60 forward and 30 back.
var (
	sideRanges = map[string]span{
		"trunk": {-180, 180}, "spine": {-35, 60}, "neck": {-50, 50}, "head": {-35, 35}, "chin": {-0.3, 0.3},
		"shoulder": {-60, 180}, "elbow": {0, 150}, "wrist": {-80, 90}, "hip": {-30, 135}, "knee": {0, 160}, "ankle": {-30, 80},
		"turn": {0, 0}, "twist": {0, 0}, "blades": {0, 0},
	}
	frontRanges = map[string]span{
		"trunk": {-90, 90}, "spine": {-40, 40}, "neck": {-45, 45}, "head": {-20, 20}, "chin": {0, 0},
		"shoulder": {-15, 180}, "elbow": {-150, 150}, "wrist": {-80, 90}, "hip": {-30, 50}, "knee": {-150, 150}, "ankle": {-30, 50},
		"turn": {-80, 80}, "twist": {-45, 45}, "blades": {0, 1},
	}
	outRange = span{0, 90}
)

// Validate reports the first angle outside the joint's anatomical range,
// naming it, so a pose that no body can take never reaches a handout.
func (p Pose) Validate() error {
	var r map[string]span
	switch p.View {
	case Side:
		r = sideRanges
	case Front, Back:
		r = frontRanges
	default:
		return fmt.Errorf("unknown view %d", int(p.View))
	}
	check := func(name string, v float64, s span) error {
		if math.IsNaN(v) || v < s.lo || v > s.hi {
			return fmt.Errorf("%s view: %s %g is outside %g to %g", p.View, name, v, s.lo, s.hi)
		}
		return nil
	}
	for _, c := range []struct {
		name string
		v    float64
	}{
		{"trunk", p.Trunk}, {"spine", p.Spine}, {"neck", p.Neck}, {"head", p.Head}, {"chin", p.Chin},
		{"turn", p.Turn}, {"twist", p.Twist}, {"blades", p.Blades},
	} {
		if err := check(c.name, c.v, r[c.name]); err != nil {
			return err
		}
	}
	for i, a := range p.Arms {
		for _, c := range []struct {
			name string
			v    float64
			s    span
		}{
			{"shoulder", a.Shoulder, r["shoulder"]}, {"elbow", a.Elbow, r["elbow"]}, {"wrist", a.Wrist, r["wrist"]},
			{"upper arm out", a.UpperOut, outRange}, {"forearm out", a.ForeOut, outRange},
		} {
			if err := check(fmt.Sprintf("arm %d %s", i+1, c.name), c.v, c.s); err != nil {
				return err
			}
		}
	}
	for i, l := range p.Legs {
		for _, c := range []struct {
			name string
			v    float64
			s    span
		}{
			{"hip", l.Hip, r["hip"]}, {"knee", l.Knee, r["knee"]}, {"ankle", l.Ankle, r["ankle"]},
			{"thigh out", l.ThighOut, outRange}, {"shin out", l.ShinOut, outRange},
		} {
			if err := check(fmt.Sprintf("leg %d %s", i+1, c.name), c.v, c.s); err != nil {
				return err
			}
		}
	}
	return nil
}
