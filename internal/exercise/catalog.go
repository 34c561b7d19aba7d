package exercise

import (
	"chairside/internal/figure"
)

// entry is an exercise's language-independent part: what the texts of
// every language share.
type entry struct {
	slug    string
	regions []Region
	dose    Dose
	picture figure.Picture
	// rests lists what the body rests on in the start and end poses; a
	// test checks that each touches the floor or the mat.
	rests [2][]figure.Point
}

// Poses the pictures start from.
func sitting() figure.Pose {
	return figure.Pose{View: figure.Side,
		Arms: [2]figure.Arm{{Shoulder: 28, Elbow: 58}, {Shoulder: 28, Elbow: 58}},
		Legs: [2]figure.Leg{{Hip: 90, Knee: 90}, {Hip: 90, Knee: 88}}}
}

func sittingFront() figure.Pose {
	return figure.Pose{View: figure.Front,
		Arms: [2]figure.Arm{{Shoulder: 8, Elbow: 25, ForeOut: 55}, {Shoulder: 8, Elbow: 25, ForeOut: 55}},
		Legs: [2]figure.Leg{{Hip: 4, ThighOut: 82}, {Hip: 4, ThighOut: 82}}}
}

func standing() figure.Pose {
	return figure.Pose{View: figure.Side,
		Arms: [2]figure.Arm{{Shoulder: 4, Elbow: 8}, {Shoulder: -4, Elbow: 8}},
		Legs: [2]figure.Leg{{}, {Hip: 2}}}
}

func standingFacing(v figure.View) figure.Pose {
	return figure.Pose{View: v,
		Arms: [2]figure.Arm{{Shoulder: 8, Elbow: 6}, {Shoulder: 8, Elbow: 6}},
		Legs: [2]figure.Leg{{Hip: 4}, {Hip: 4}}}
}

// onHandsAndKnees: hands under the shoulders, knees under the hips.
func onHandsAndKnees() figure.Pose {
	return figure.Pose{View: figure.Side, Trunk: 79.5, Neck: 4,
		Arms: [2]figure.Arm{{Shoulder: 79.5, Wrist: 88}, {Shoulder: 79.5, Wrist: 88}},
		Legs: [2]figure.Leg{{Hip: 79.5, Knee: 102, Ankle: 76}, {Hip: 79.5, Knee: 102, Ankle: 76}}}
}

// lyingKneesBent: on the back, knees bent, feet flat.
func lyingKneesBent() figure.Pose {
	return figure.Pose{View: figure.Side, Trunk: -90, Neck: 6,
		Arms: [2]figure.Arm{{Shoulder: 12, Elbow: 5}, {Shoulder: 12, Elbow: 5}},
		Legs: [2]figure.Leg{{Hip: 50, Knee: 110, Ankle: 14}, {Hip: 50, Knee: 110, Ankle: 14}}}
}

func with(p figure.Pose, f func(*figure.Pose)) figure.Pose {
	f(&p)
	return p
}

var (
	seat    = []figure.Point{figure.NearFoot}
	onFloor = []figure.Point{figure.NearFoot, figure.FarFoot}
	fours   = []figure.Point{figure.NearHand, figure.NearKnee}
	onBack  = []figure.Point{figure.UpperBack, figure.Pelvis, figure.NearFoot}
)

// catalog is the library in listing order: neck, upper and mid back, low
// back, hip and pelvis, posture and walking.
var catalog = []entry{
	{slug: "chin-tuck", regions: []Region{Neck, Posture},
		dose: Dose{Sets: 1, Reps: 5, HoldSec: 5, PerDay: 3, DaysWeek: 7},
		picture: figure.Picture{Props: []figure.Prop{figure.Chair},
			Start: with(sitting(), func(p *figure.Pose) { p.Spine, p.Neck, p.Head, p.Chin = 8, 26, -20, -0.12 }),
			End:   with(sitting(), func(p *figure.Pose) { p.Neck, p.Head, p.Chin = 2, 6, 0.16 })},
		rests: [2][]figure.Point{seat, seat}},
	{slug: "neck-rotation", regions: []Region{Neck},
		dose: Dose{Sets: 1, Reps: 5, HoldSec: 5, EachSide: true, PerDay: 3, DaysWeek: 7},
		picture: figure.Picture{Props: []figure.Prop{figure.Chair},
			Start: sittingFront(),
			End:   with(sittingFront(), func(p *figure.Pose) { p.Turn = 60 })}},
	{slug: "neck-side-bend", regions: []Region{Neck},
		dose: Dose{Sets: 1, Reps: 5, HoldSec: 5, EachSide: true, PerDay: 3, DaysWeek: 7},
		picture: figure.Picture{Props: []figure.Prop{figure.Chair},
			Start: sittingFront(),
			End:   with(sittingFront(), func(p *figure.Pose) { p.Neck, p.Head = 32, 6 })}},
	{slug: "upper-trapezius-stretch", regions: []Region{Neck, UpperBack},
		dose: Dose{Sets: 1, Reps: 3, HoldSec: 20, EachSide: true, PerDay: 2, DaysWeek: 7},
		picture: figure.Picture{Props: []figure.Prop{figure.Chair},
			Start: with(sittingFront(), func(p *figure.Pose) { p.Arms[0] = figure.Arm{Shoulder: 12, Elbow: 4} }),
			End: with(sittingFront(), func(p *figure.Pose) {
				p.Neck, p.Head, p.Turn = 32, 8, 10
				p.Arms[0] = figure.Arm{Shoulder: 12, Elbow: 4}
				p.Arms[1] = figure.Arm{Shoulder: 140, Elbow: -105}
			})}},
	{slug: "shoulder-blade-squeeze", regions: []Region{UpperBack, Posture},
		dose: Dose{Sets: 1, Reps: 10, HoldSec: 5, PerDay: 3, DaysWeek: 7},
		picture: figure.Picture{
			Start: standingFacing(figure.Back),
			End: with(standingFacing(figure.Back), func(p *figure.Pose) {
				p.Blades = 1
				p.Arms = [2]figure.Arm{{Shoulder: 22, Elbow: 20}, {Shoulder: 22, Elbow: 20}}
			})},
		rests: [2][]figure.Point{onFloor, onFloor}},
	{slug: "wall-angel", regions: []Region{UpperBack, Posture},
		dose: Dose{Sets: 1, Reps: 8, PerDay: 1, DaysWeek: 7},
		picture: figure.Picture{Props: []figure.Prop{figure.Wall},
			Start: with(standingFacing(figure.Front), func(p *figure.Pose) {
				p.Arms = [2]figure.Arm{{Shoulder: 82, Elbow: -88}, {Shoulder: 82, Elbow: -88}}
			}),
			End: with(standingFacing(figure.Front), func(p *figure.Pose) {
				p.Arms = [2]figure.Arm{{Shoulder: 145, Elbow: -25}, {Shoulder: 145, Elbow: -25}}
			})},
		rests: [2][]figure.Point{onFloor, onFloor}},
	{slug: "thoracic-extension-chair", regions: []Region{UpperBack, MidBack},
		dose: Dose{Sets: 1, Reps: 5, HoldSec: 5, PerDay: 2, DaysWeek: 7},
		picture: figure.Picture{Props: []figure.Prop{figure.Chair},
			Start: with(sitting(), func(p *figure.Pose) {
				// hands behind the head, elbows out to the sides: seen
				// from the side the upper arm rises beside the head
				p.Arms = [2]figure.Arm{{Shoulder: 172, Elbow: 95, UpperOut: 45, ForeOut: 50}, {Shoulder: 172, Elbow: 95, UpperOut: 45, ForeOut: 50}}
			}),
			End: with(sitting(), func(p *figure.Pose) {
				p.Trunk, p.Spine, p.Neck = -6, -24, -8
				p.Arms = [2]figure.Arm{{Shoulder: 178, Elbow: 98, UpperOut: 45, ForeOut: 50}, {Shoulder: 178, Elbow: 98, UpperOut: 45, ForeOut: 50}}
			})},
		rests: [2][]figure.Point{seat, seat}},
	{slug: "seated-rotation", regions: []Region{MidBack, LowBack},
		dose: Dose{Sets: 1, Reps: 5, HoldSec: 10, EachSide: true, PerDay: 2, DaysWeek: 7},
		picture: figure.Picture{Props: []figure.Prop{figure.Chair},
			Start: with(sittingFront(), func(p *figure.Pose) {
				p.Arms = [2]figure.Arm{{Shoulder: 22, Elbow: 128}, {Shoulder: 22, Elbow: 128}}
			}),
			End: with(sittingFront(), func(p *figure.Pose) {
				p.Twist, p.Turn = 45, 40
				p.Arms = [2]figure.Arm{{Shoulder: 22, Elbow: 128}, {Shoulder: 22, Elbow: 128}}
			})}},
	{slug: "cat-camel", regions: []Region{MidBack, LowBack},
		dose: Dose{Sets: 1, Reps: 8, PerDay: 2, DaysWeek: 7},
		picture: figure.Picture{Props: []figure.Prop{figure.Mat}, Anchor: figure.AnchorKnees,
			Start: with(onHandsAndKnees(), func(p *figure.Pose) {
				p.Trunk, p.Spine, p.Neck = 88, -18, -22
				p.Arms[0].Shoulder, p.Arms[1].Shoulder = 70, 70
				p.Legs[0].Hip, p.Legs[1].Hip = 88, 88
			}),
			End: with(onHandsAndKnees(), func(p *figure.Pose) {
				p.Trunk, p.Spine, p.Neck, p.Head = 64, 34, 28, 10
				p.Arms[0].Shoulder, p.Arms[1].Shoulder = 98, 98
				p.Legs[0].Hip, p.Legs[1].Hip = 64, 64
			})},
		rests: [2][]figure.Point{fours, fours}},
	{slug: "childs-pose", regions: []Region{LowBack, MidBack},
		dose: Dose{Sets: 1, Reps: 3, HoldSec: 20, PerDay: 2, DaysWeek: 7},
		picture: figure.Picture{Props: []figure.Prop{figure.Mat}, Anchor: figure.AnchorKnees,
			Start: onHandsAndKnees(),
			End: figure.Pose{View: figure.Side, Trunk: 70, Spine: 34, Neck: 20,
				Arms: [2]figure.Arm{{Shoulder: 167, Wrist: 10}, {Shoulder: 167, Wrist: 10}},
				Legs: [2]figure.Leg{{Hip: 130, Knee: 155, Ankle: 68}, {Hip: 130, Knee: 155, Ankle: 68}}}},
		rests: [2][]figure.Point{fours, {figure.NearKnee, figure.NearHand}}},
	{slug: "knee-to-chest", regions: []Region{LowBack, HipPelvis},
		dose: Dose{Sets: 1, Reps: 3, HoldSec: 20, EachSide: true, PerDay: 2, DaysWeek: 7},
		picture: figure.Picture{Props: []figure.Prop{figure.Mat},
			Start: lyingKneesBent(),
			End: with(lyingKneesBent(), func(p *figure.Pose) {
				p.Legs[0] = figure.Leg{Hip: 122, Knee: 125, Ankle: 20}
				p.Arms[0] = figure.Arm{Shoulder: 68, Elbow: 75}
			})},
		rests: [2][]figure.Point{onBack, {figure.UpperBack, figure.Pelvis, figure.FarFoot}}},
	{slug: "pelvic-tilt", regions: []Region{LowBack},
		dose: Dose{Sets: 1, Reps: 5, HoldSec: 2, PerDay: 3, DaysWeek: 7},
		picture: figure.Picture{Props: []figure.Prop{figure.Mat},
			Start: with(lyingKneesBent(), func(p *figure.Pose) {
				p.Trunk, p.Spine = -88, -6
				p.Legs = [2]figure.Leg{{Hip: 50, Knee: 100, Ankle: 0}, {Hip: 50, Knee: 100, Ankle: 0}}
			}),
			End: with(lyingKneesBent(), func(p *figure.Pose) {
				p.Trunk, p.Spine = -94, 5
				p.Legs = [2]figure.Leg{{Hip: 50, Knee: 118, Ankle: 5}, {Hip: 50, Knee: 118, Ankle: 5}}
			})},
		rests: [2][]figure.Point{onBack, onBack}},
	{slug: "bird-dog", regions: []Region{LowBack, HipPelvis, Posture},
		dose: Dose{Sets: 1, Reps: 5, HoldSec: 5, EachSide: true, PerDay: 1, DaysWeek: 5},
		picture: figure.Picture{Props: []figure.Prop{figure.Mat}, Anchor: figure.AnchorKnees,
			Start: onHandsAndKnees(),
			End: with(onHandsAndKnees(), func(p *figure.Pose) {
				p.Arms[0] = figure.Arm{Shoulder: 160, Elbow: 0}
				p.Legs[1] = figure.Leg{Hip: -16, Knee: 2, Ankle: 25}
			})},
		rests: [2][]figure.Point{fours, {figure.FarHand, figure.NearKnee}}},
	{slug: "bridge", regions: []Region{LowBack, HipPelvis},
		dose: Dose{Sets: 2, Reps: 8, HoldSec: 5, PerDay: 1, DaysWeek: 5},
		picture: figure.Picture{Props: []figure.Prop{figure.Mat}, Anchor: figure.AnchorFeet,
			Start: lyingKneesBent(),
			End: with(lyingKneesBent(), func(p *figure.Pose) {
				p.Trunk, p.Neck = -113, 40
				p.Legs = [2]figure.Leg{{Hip: 14, Knee: 122, Ankle: -13}, {Hip: 14, Knee: 122, Ankle: -13}}
				p.Arms = [2]figure.Arm{{Shoulder: -18, Elbow: 5}, {Shoulder: -18, Elbow: 5}}
			})},
		rests: [2][]figure.Point{onBack, {figure.UpperBack, figure.NearFoot}}},
	{slug: "prone-press-up", regions: []Region{LowBack},
		dose: Dose{Sets: 1, Reps: 8, HoldSec: 2, PerDay: 3, DaysWeek: 7},
		picture: figure.Picture{Props: []figure.Prop{figure.Mat},
			Start: figure.Pose{View: figure.Side, Trunk: 76, Spine: -20, Neck: -16,
				Arms: [2]figure.Arm{{Shoulder: 90, Elbow: 88}, {Shoulder: 90, Elbow: 88}},
				Legs: [2]figure.Leg{{Hip: -20, Ankle: 60}, {Hip: -20, Ankle: 60}}},
			End: figure.Pose{View: figure.Side, Trunk: 73, Spine: -35, Neck: -10,
				Arms: [2]figure.Arm{{Shoulder: 90, Wrist: 86}, {Shoulder: 90, Wrist: 86}},
				Legs: [2]figure.Leg{{Hip: -20, Ankle: 60}, {Hip: -20, Ankle: 60}}}},
		rests: [2][]figure.Point{{figure.Pelvis, figure.NearElbow}, {figure.Pelvis, figure.NearHand}}},
	{slug: "standing-back-extension", regions: []Region{LowBack},
		dose: Dose{Sets: 1, Reps: 5, HoldSec: 2, PerDay: 3, DaysWeek: 7},
		picture: figure.Picture{Anchor: figure.AnchorFeet,
			Start: with(standing(), func(p *figure.Pose) {
				p.Arms = [2]figure.Arm{{Shoulder: -40, Elbow: 110, Wrist: 20}, {Shoulder: -40, Elbow: 110, Wrist: 20}}
			}),
			End: with(standing(), func(p *figure.Pose) {
				p.Trunk, p.Spine, p.Neck = -6, -20, -8
				p.Legs = [2]figure.Leg{{Hip: -8, Ankle: -6}, {Hip: -6, Ankle: -6}}
				p.Arms = [2]figure.Arm{{Shoulder: -44, Elbow: 110, Wrist: 20}, {Shoulder: -44, Elbow: 110, Wrist: 20}}
			})},
		rests: [2][]figure.Point{onFloor, onFloor}},
	{slug: "dead-bug", regions: []Region{LowBack, Posture},
		dose: Dose{Sets: 1, Reps: 5, EachSide: true, PerDay: 1, DaysWeek: 5},
		picture: figure.Picture{Props: []figure.Prop{figure.Mat},
			Start: figure.Pose{View: figure.Side, Trunk: -90, Neck: 6,
				Arms: [2]figure.Arm{{Shoulder: 90}, {Shoulder: 90}},
				Legs: [2]figure.Leg{{Hip: 90, Knee: 90}, {Hip: 90, Knee: 90}}},
			End: figure.Pose{View: figure.Side, Trunk: -90, Neck: 6,
				Arms: [2]figure.Arm{{Shoulder: 165}, {Shoulder: 90}},
				Legs: [2]figure.Leg{{Hip: 90, Knee: 90}, {Hip: 22, Knee: 4}}}},
		rests: [2][]figure.Point{{figure.UpperBack, figure.Pelvis}, {figure.UpperBack, figure.Pelvis}}},
	{slug: "piriformis-stretch", regions: []Region{HipPelvis, LowBack},
		dose: Dose{Sets: 1, Reps: 3, HoldSec: 20, EachSide: true, PerDay: 2, DaysWeek: 7},
		picture: figure.Picture{Props: []figure.Prop{figure.Chair},
			Start: sittingFront(),
			End: with(sittingFront(), func(p *figure.Pose) {
				p.Legs[0] = figure.Leg{Hip: 12, Knee: 92, ThighOut: 78}
			})}},
	{slug: "hip-flexor-stretch", regions: []Region{HipPelvis, LowBack},
		dose: Dose{Sets: 1, Reps: 3, HoldSec: 20, EachSide: true, PerDay: 2, DaysWeek: 7},
		picture: figure.Picture{Anchor: figure.AnchorFeet, Props: []figure.Prop{figure.Mat},
			Start: figure.Pose{View: figure.Side,
				Arms: [2]figure.Arm{{Shoulder: 20, Elbow: 70}, {Shoulder: 20, Elbow: 70}},
				Legs: [2]figure.Leg{{Hip: 88, Knee: 88, Ankle: 2}, {Hip: 0, Knee: 96, Ankle: 60}}},
			End: figure.Pose{View: figure.Side,
				Arms: [2]figure.Arm{{Shoulder: 20, Elbow: 70}, {Shoulder: 20, Elbow: 70}},
				Legs: [2]figure.Leg{{Hip: 94, Knee: 80, Ankle: 12}, {Hip: -24, Knee: 80, Ankle: 60}}}},
		rests: [2][]figure.Point{{figure.NearFoot, figure.FarKnee}, {figure.NearFoot, figure.FarKnee}}},
	{slug: "hamstring-stretch", regions: []Region{HipPelvis, LowBack},
		dose: Dose{Sets: 1, Reps: 3, HoldSec: 20, EachSide: true, PerDay: 2, DaysWeek: 7},
		picture: figure.Picture{Props: []figure.Prop{figure.Mat},
			Start: lyingKneesBent(),
			End: with(lyingKneesBent(), func(p *figure.Pose) {
				p.Legs[0] = figure.Leg{Hip: 78, Knee: 6, Ankle: 0}
				p.Arms[0] = figure.Arm{Shoulder: 75, Elbow: 35}
			})},
		rests: [2][]figure.Point{onBack, {figure.UpperBack, figure.Pelvis, figure.FarFoot}}},
	{slug: "side-plank-on-knees", regions: []Region{LowBack, Posture},
		dose: Dose{Sets: 1, Reps: 3, HoldSec: 10, EachSide: true, PerDay: 1, DaysWeek: 5},
		// seen from the front, lying on the side: the lower forearm flat
		// on the mat, the shins bent back behind the knees
		picture: figure.Picture{Props: []figure.Prop{figure.Mat}, Anchor: figure.AnchorKnees,
			Start: figure.Pose{View: figure.Front, Trunk: -52, Neck: 8,
				Arms: [2]figure.Arm{{Shoulder: 54, Elbow: -90}, {Shoulder: 6, Elbow: 10}},
				Legs: [2]figure.Leg{{Hip: -30, ShinOut: 80}, {Hip: 30, ShinOut: 80}}},
			End: figure.Pose{View: figure.Front, Trunk: -68, Neck: 8,
				Arms: [2]figure.Arm{{Shoulder: 70, Elbow: -90}, {Shoulder: 6, Elbow: 10}},
				Legs: [2]figure.Leg{{ShinOut: 80}, {ShinOut: 80}}}},
		rests: [2][]figure.Point{{figure.NearElbow, figure.NearHand, figure.NearKnee}, {figure.NearElbow, figure.NearHand, figure.NearKnee}}},
	{slug: "sit-to-stand", regions: []Region{HipPelvis, LowBack},
		dose: Dose{Sets: 1, Reps: 5, PerDay: 1, DaysWeek: 5},
		picture: figure.Picture{Props: []figure.Prop{figure.Chair}, Anchor: figure.AnchorFeet,
			Start: figure.Pose{View: figure.Side, Trunk: 24, Spine: 4, Neck: -14,
				Arms: [2]figure.Arm{{Shoulder: 20, Elbow: 110}, {Shoulder: 20, Elbow: 110}},
				Legs: [2]figure.Leg{{Hip: 110, Knee: 104, Ankle: -14}, {Hip: 110, Knee: 102, Ankle: -12}}},
			End: with(standing(), func(p *figure.Pose) {
				p.Arms = [2]figure.Arm{{Shoulder: 20, Elbow: 110}, {Shoulder: 20, Elbow: 110}}
			})},
		rests: [2][]figure.Point{seat, onFloor}},
	{slug: "sitting-tall", regions: []Region{Posture, LowBack, Neck},
		dose: Dose{Sets: 1, Reps: 5, HoldSec: 10, PerDay: 3, DaysWeek: 7},
		picture: figure.Picture{Props: []figure.Prop{figure.Chair},
			Start: with(sitting(), func(p *figure.Pose) { p.Trunk, p.Spine, p.Neck, p.Head = -12, 34, 18, -16 }),
			End:   with(sitting(), func(p *figure.Pose) { p.Trunk, p.Spine, p.Neck, p.Head = 2, -2, 2, 2 })},
		rests: [2][]figure.Point{seat, seat}},
	{slug: "walking", regions: []Region{LowBack, Posture, HipPelvis},
		dose: Dose{Minutes: 10, PerDay: 1, DaysWeek: 5},
		picture: figure.Picture{Anchor: figure.AnchorHips,
			Start: standing(),
			End: figure.Pose{View: figure.Side, Trunk: 2,
				Arms: [2]figure.Arm{{Shoulder: -22, Elbow: 20}, {Shoulder: 26, Elbow: 30}},
				Legs: [2]figure.Leg{{Hip: 24, Knee: 6, Ankle: -12}, {Hip: -14, Knee: 16, Ankle: 22}}}},
		rests: [2][]figure.Point{onFloor, {figure.FarFoot}}},
}
