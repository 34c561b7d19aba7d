package figure

import (
	"fmt"
	"math"
)

// vec is a point or direction in model units (about a centimetre of an
// adult of 170 cm), y up.
type vec struct{ x, y float64 }

func (a vec) add(b vec) vec              { return vec{a.x + b.x, a.y + b.y} }
func (a vec) sub(b vec) vec              { return vec{a.x - b.x, a.y - b.y} }
func (a vec) mul(k float64) vec          { return vec{a.x * k, a.y * k} }
func (a vec) len() float64               { return math.Hypot(a.x, a.y) }
func lerp(a, b vec, t float64) vec       { return a.add(b.sub(a).mul(t)) }
func (a vec) along(d vec, k float64) vec { return a.add(d.mul(k)) }

// dir is the unit direction at angle deg, measured from straight up and
// turning towards +x (the side view's front): 0 up, 90 forward, 180 down.
func dir(deg float64) vec {
	r := deg * math.Pi / 180
	return vec{math.Sin(r), math.Cos(r)}
}

// Body proportions in model units: an adult of about 170 cm, after the
// usual proportions of anatomy drawing (a head about an eighth of the height).
const (
	lumbarLen = 22.0 // hip joints to the waist
	thoraxLen = 27.0 // waist to the base of the neck
	neckLen   = 9.0
	headRX    = 10.0 // the head's half width (front to back in the side view)
	headRY    = 12.0 // its half height
	upperLen  = 29.0
	foreLen   = 25.0
	handLen   = 9.0
	thighLen  = 44.0
	shinLen   = 42.0
	footLen   = 22.0 // ankle to toe tip
	heelLen   = 5.0
	shoulderW = 17.0 // half the shoulder width (front and back views)
	hipW      = 8.5  // half the distance between the hip joints
	upperR0   = 5.2  // limb radii at each end
	upperR1   = 4.0
	foreR1    = 2.9
	thighR0   = 8.0
	thighR1   = 5.6
	shinR1    = 3.6
	neckR     = 5.2
)

// limb is one arm or leg, its joints as drawn.
type limb struct {
	root, mid, end vec     // shoulder, elbow, wrist / hip, knee, ankle
	endDir         float64 // direction of the forearm or shin (degrees, as dir)
	handDir        float64 // arm only: the hand's direction
	tip            vec     // the hand's or the toes' far end
	footDir        float64 // leg only: the foot's direction
	heel           vec
	near           bool    // side view: the near limb, drawn in front
	out            float64 // shortening of the end segment, for the hand and foot drawing
}

// skeleton is a pose's joints in model space, before it is placed on the floor.
type skeleton struct {
	view                 View
	hip, waist, neckBase vec // the spine's line: hip joints' middle, waist, base of the neck
	aL, aT, aN, aH       float64
	neckTop, head        vec
	face                 vec // the way the face looks (side view)
	turn, twist, blades  float64
	arms, legs           [2]limb
}

// build runs the pose's angles down the body (forward kinematics), from the
// hips: the low back, the chest, the neck and head, then the limbs.
func build(p Pose) skeleton {
	s := skeleton{view: p.View, turn: p.Turn, twist: p.Twist, blades: p.Blades}
	s.aL = p.Trunk
	s.aT = s.aL + p.Spine
	s.aN = s.aT + p.Neck
	s.aH = s.aN + p.Head
	s.waist = s.hip.along(dir(s.aL), lumbarLen)
	s.neckBase = s.waist.along(dir(s.aT), thoraxLen)
	if p.View == Side {
		// the chin tuck glides the head back over the shoulders
		s.neckTop = s.neckBase.along(dir(s.aN), neckLen).along(dir(s.aN+90), -p.Chin*2*headRX)
		s.head = s.neckTop.along(dir(s.aH), headRY*0.78).along(dir(s.aH+90), 1.8)
		s.face = dir(s.aH + 90)
	} else {
		s.neckTop = s.neckBase.along(dir(s.aN), neckLen)
		s.head = s.neckTop.along(dir(s.aH), headRY*0.8)
	}
	for i := range p.Arms {
		a := p.Arms[i]
		var root vec
		var aU, aF float64
		if p.View == Side {
			root = s.neckBase.along(dir(s.aT), -5).along(dir(s.aT+90), -1)
			aU = s.aT + 180 - a.Shoulder
			aF = aU - a.Elbow
		} else {
			sg := side(i)
			w := shoulderW * math.Cos(p.Twist*math.Pi/180)
			root = s.neckBase.along(dir(s.aT), -5).along(dir(s.aT+90), sg*w)
			aU = s.aT + 180 - sg*a.Shoulder
			aF = aU + sg*a.Elbow
		}
		mid := root.along(dir(aU), upperLen*cosd(a.UpperOut))
		end := mid.along(dir(aF), foreLen*cosd(a.ForeOut))
		if p.View != Side && p.Twist != 0 {
			// A turned chest carries what lies in front of it (elbows
			// and hands crossed over the chest) to the side, as far as
			// they are in front of the spine.
			t := math.Sin(p.Twist * math.Pi / 180)
			mid = mid.along(dir(s.aT+90), 5*t)
			end = end.along(dir(s.aT+90), 11*t)
		}
		aW := aF - a.Wrist
		if p.View != Side {
			aW = aF + side(i)*a.Wrist
		}
		s.arms[i] = limb{root: root, mid: mid, end: end, endDir: aF, handDir: aW,
			tip: end.along(dir(aW), handLen*cosd(a.ForeOut)), near: i == 0, out: a.ForeOut}
	}
	for i := range p.Legs {
		l := p.Legs[i]
		var root vec
		var aTh, aS, aFt float64
		if p.View == Side {
			root = s.hip
			aTh = s.aL + 180 - l.Hip
			aS = aTh + l.Knee
			aFt = aS - 90 + l.Ankle
		} else {
			sg := side(i)
			root = s.hip.along(dir(s.aL+90), sg*hipW)
			aTh = s.aL + 180 - sg*l.Hip
			aS = aTh + sg*l.Knee
			aFt = aS // seen from the front the foot points at the reader
		}
		mid := root.along(dir(aTh), thighLen*cosd(l.ThighOut))
		end := mid.along(dir(aS), shinLen*cosd(l.ShinOut))
		lb := limb{root: root, mid: mid, end: end, endDir: aS, footDir: aFt, near: i == 0, out: l.ShinOut}
		if p.View == Side {
			lb.tip = end.along(dir(aFt), footLen).along(dir(aS), 4)
			lb.heel = end.along(dir(aFt), -heelLen).along(dir(aS), 5)
		} else {
			lb.tip = end.along(dir(aS), 6)
			lb.heel = end
		}
		s.legs[i] = lb
	}
	return s
}

// side is -1 for the limb on the picture's left, +1 for the right one.
func side(i int) float64 {
	if i == 0 {
		return -1
	}
	return 1
}

func cosd(deg float64) float64 { return math.Cos(deg * math.Pi / 180) }

// bounds is the box around everything the figure draws (outline included).
func (s skeleton) bounds() (lo, hi vec) {
	lo, hi = vec{math.Inf(1), math.Inf(1)}, vec{math.Inf(-1), math.Inf(-1)}
	grow := func(p vec, r float64) {
		lo.x, lo.y = math.Min(lo.x, p.x-r), math.Min(lo.y, p.y-r)
		hi.x, hi.y = math.Max(hi.x, p.x+r), math.Max(hi.y, p.y+r)
	}
	for _, p := range s.trunkOutline() {
		grow(p, 0.6)
	}
	grow(s.head, headRY+0.6)
	for _, a := range s.arms {
		grow(a.root, upperR0)
		grow(a.mid, upperR1)
		grow(a.end, foreR1)
		grow(a.end.along(dir(a.handDir), 4.2), 5)
	}
	for _, l := range s.legs {
		grow(l.root, thighR0)
		grow(l.mid, thighR1)
		grow(l.end, shinR1)
		grow(l.tip, 2.8)
		grow(l.heel, 3.2)
	}
	return lo, hi
}

// lowest is the height of the figure's lowest point: what rests on the floor.
func (s skeleton) lowest() float64 {
	lo, _ := s.bounds()
	return lo.y
}

// moved is the skeleton shifted by d.
func (s skeleton) moved(d vec) skeleton {
	s.hip, s.waist, s.neckBase = s.hip.add(d), s.waist.add(d), s.neckBase.add(d)
	s.neckTop, s.head = s.neckTop.add(d), s.head.add(d)
	for i := range s.arms {
		a := &s.arms[i]
		a.root, a.mid, a.end, a.tip = a.root.add(d), a.mid.add(d), a.end.add(d), a.tip.add(d)
	}
	for i := range s.legs {
		l := &s.legs[i]
		l.root, l.mid, l.end, l.tip, l.heel = l.root.add(d), l.mid.add(d), l.end.add(d), l.tip.add(d), l.heel.add(d)
	}
	return s
}

// frame gives a point in a segment's own frame: along its direction a and
// across it (towards dir(a+90): the front in the side view, the picture's
// right in the front view).
func frame(o vec, a, along, across float64) vec {
	return o.along(dir(a), along).along(dir(a+90), across)
}

// trunkOutline is the trunk's closed outline, pelvis to shoulders, as
// points for a smooth curve.
func (s skeleton) trunkOutline() []vec {
	mid := (s.aL + s.aT) / 2
	if s.view == Side {
		// front side from the groin up, then the back from the neck down:
		// belly, chest, the hollow of the low back and the round of the
		// upper back and buttocks
		return []vec{
			frame(s.hip, s.aL, -7, 5), frame(s.hip, s.aL, 1, 9.5), frame(s.hip, s.aL, 11, 9),
			frame(s.waist, mid, 0, 8.5),
			frame(s.waist, s.aT, 9, 10.5), frame(s.waist, s.aT, 17, 11.5), frame(s.waist, s.aT, 23, 8.5),
			frame(s.neckBase, s.aN, 1.5, 4.5),
			frame(s.neckBase, s.aN, 1.5, -5),
			frame(s.waist, s.aT, 23, -7.5), frame(s.waist, s.aT, 15, -9.5), frame(s.waist, s.aT, 6, -8),
			frame(s.waist, mid, 0, -7),
			frame(s.hip, s.aL, 9, -8), frame(s.hip, s.aL, 1, -11), frame(s.hip, s.aL, -7, -8.5),
		}
	}
	w := cosd(s.twist)
	sh := shoulderW * w
	return []vec{
		frame(s.hip, s.aL, -9, -2), frame(s.hip, s.aL, -4, -14), frame(s.hip, s.aL, 4, -15),
		frame(s.waist, mid, 0, -12.5),
		frame(s.waist, s.aT, 12, -15*w-0.5), frame(s.waist, s.aT, 20, -(sh + 0.5)), frame(s.neckBase, s.aT, -1.5, -(sh - 2)),
		frame(s.neckBase, s.aN, 1.5, -6),
		frame(s.neckBase, s.aN, 1.5, 6),
		frame(s.neckBase, s.aT, -1.5, sh-2), frame(s.waist, s.aT, 20, sh+0.5), frame(s.waist, s.aT, 12, 15*w+0.5),
		frame(s.waist, mid, 0, 12.5),
		frame(s.hip, s.aL, 4, 15), frame(s.hip, s.aL, -4, 14), frame(s.hip, s.aL, -9, 2),
	}
}

// spineLine is the line of the spine as drawn: just inside the back in the
// side view (the low back's hollow and the upper back's round), down the
// middle of the back in the back view, from the tailbone to the skull.
func (s skeleton) spineLine() []vec {
	mid := (s.aL + s.aT) / 2
	if s.view == Side {
		return []vec{
			frame(s.hip, s.aL, -3, -7.5), frame(s.hip, s.aL, 6, -6), frame(s.waist, mid, 0, -4.3),
			frame(s.waist, s.aT, 8, -5.2), frame(s.waist, s.aT, 16, -6.2), frame(s.neckBase, s.aT, -2, -3.2),
			frame(s.neckBase, s.aN, 4, -2.4), frame(s.neckTop, s.aN, 0, -2.2),
		}
	}
	return []vec{
		frame(s.hip, s.aL, -4, 0), frame(s.waist, mid, 0, 0), frame(s.waist, s.aT, 14, 0),
		frame(s.neckBase, s.aT, -1, 0), frame(s.neckTop, s.aN, -1, 0),
	}
}

// Point names a part of the body that may rest on the floor, a mat or a
// chair: the exercise library lists what each pose rests on, and a test
// checks that those parts touch.
type Point string

// The points a pose can rest on. Near and far are the side view's; in the
// front and back views "near" is the limb on the picture's left.
const (
	NearHand  Point = "near hand"
	FarHand   Point = "far hand"
	NearElbow Point = "near elbow"
	NearKnee  Point = "near knee"
	FarKnee   Point = "far knee"
	NearFoot  Point = "near foot"
	FarFoot   Point = "far foot"
	Pelvis    Point = "pelvis"
	UpperBack Point = "upper back"
	Head      Point = "head"
)

// Gap is how far above the floor (or the mat) a point of the posed
// figure is, in model units (about a centimetre): 0 when it rests there.
func (pc Picture) Gap(end bool, pt Point) (float64, error) {
	p := pc.Start
	if end {
		p = pc.End
	}
	s := place(p, pc.Anchor, pc.has(Mat))
	base := 0.0
	if pc.has(Mat) {
		base = matHeight
	}
	low := func(p vec, r float64) float64 { return p.y - r - base }
	switch pt {
	case NearHand, FarHand:
		a := s.arms[0]
		if pt == FarHand {
			a = s.arms[1]
		}
		return low(a.end.along(dir(a.handDir), 4.2), 3.1), nil
	case NearElbow:
		return low(s.arms[0].mid, upperR1), nil
	case NearKnee, FarKnee:
		l := s.legs[0]
		if pt == FarKnee {
			l = s.legs[1]
		}
		return low(l.mid, thighR1), nil
	case NearFoot, FarFoot:
		l := s.legs[0]
		if pt == FarFoot {
			l = s.legs[1]
		}
		return math.Min(low(l.heel, 3), low(l.tip, 2.5)), nil
	case Pelvis:
		lo := math.Inf(1)
		for _, v := range s.trunkOutline()[:4] {
			lo = math.Min(lo, v.y)
		}
		for _, v := range s.trunkOutline()[12:] {
			lo = math.Min(lo, v.y)
		}
		return lo - base, nil
	case UpperBack:
		lo := math.Inf(1)
		for _, v := range s.trunkOutline()[4:12] {
			lo = math.Min(lo, v.y)
		}
		return lo - base, nil
	case Head:
		return low(s.head, headRX), nil
	}
	return 0, fmt.Errorf("no body point %q", pt)
}
