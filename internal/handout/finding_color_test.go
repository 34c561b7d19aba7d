package handout

import (
	"image/color"
	"math"
	"testing"
)

// Every finding has its own colour and a label of its own, so two marks of
// different findings never look alike on the diagram or in the legend.
func TestFindingColorsAndLabels(t *testing.T) {
	colors := map[color.NRGBA]Finding{}
	for _, f := range Findings {
		c := f.Color()
		if prev, dup := colors[c]; dup {
			t.Errorf("%s and %s share a colour", f, prev)
		}
		colors[c] = f
		if f.Label() == string(f) {
			t.Errorf("%s has no label", f)
		}
	}
	if got := Finding("mystery").Color(); got != (color.NRGBA{110, 110, 110, 255}) {
		t.Errorf("an unknown finding is %v, want the neutral grey", got)
	}
}

// The simulation of colour blindness: Machado, Oliveira and Fernandes
// (2009), "A physiologically-based model for simulation of color vision
// deficiency", IEEE TVCG 15(6), the matrices for severity 1.0 applied to
// linear sRGB; colours compared in CIELAB (D65) by CIEDE2000.
var colorVision = map[string][3][3]float64{
	"normal vision": {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}},
	"deuteranopia":  {{0.367322, 0.860646, -0.227968}, {0.280085, 0.672501, 0.047413}, {-0.011820, 0.042940, 0.968881}},
	"protanopia":    {{0.152286, 1.052583, -0.204868}, {0.114503, 0.786281, 0.099216}, {-0.003882, -0.048116, 1.051998}},
}

// minFindingDeltaE is the least CIEDE2000 difference two findings'
// colours may have, as seen with each kind of vision: about 2.3 is the
// smallest difference anyone notices side by side; 10 keeps two small
// badges on a diagram plainly different.
const minFindingDeltaE = 10

func linear(c uint8) float64 {
	v := float64(c) / 255
	if v <= 0.04045 {
		return v / 12.92
	}
	return math.Pow((v+0.055)/1.055, 2.4)
}

// seenAs is c as a reader with the vision m sees it, in CIELAB.
func seenAs(c color.NRGBA, m [3][3]float64) [3]float64 {
	l := [3]float64{linear(c.R), linear(c.G), linear(c.B)}
	var s [3]float64
	for i := range 3 {
		s[i] = min(1, max(0, m[i][0]*l[0]+m[i][1]*l[1]+m[i][2]*l[2]))
	}
	x := (0.4124564*s[0] + 0.3575761*s[1] + 0.1804375*s[2]) / 0.95047
	y := 0.2126729*s[0] + 0.7151522*s[1] + 0.0721750*s[2]
	z := (0.0193339*s[0] + 0.1191920*s[1] + 0.9503041*s[2]) / 1.08883
	f := func(t float64) float64 {
		if t > 216.0/24389 {
			return math.Cbrt(t)
		}
		return (24389.0/27*t + 16) / 116
	}
	return [3]float64{116*f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))}
}

// deltaE2000 is the CIEDE2000 colour difference (Sharma, Wu and Dalal 2005).
func deltaE2000(p, q [3]float64) float64 {
	rad := math.Pi / 180
	c1, c2 := math.Hypot(p[1], p[2]), math.Hypot(q[1], q[2])
	cb7 := math.Pow((c1+c2)/2, 7)
	g := 0.5 * (1 - math.Sqrt(cb7/(cb7+math.Pow(25, 7))))
	a1, a2 := (1+g)*p[1], (1+g)*q[1]
	c1p, c2p := math.Hypot(a1, p[2]), math.Hypot(a2, q[2])
	hue := func(b, a float64) float64 {
		if a == 0 && b == 0 {
			return 0
		}
		h := math.Atan2(b, a) / rad
		if h < 0 {
			h += 360
		}
		return h
	}
	h1, h2 := hue(p[2], a1), hue(q[2], a2)
	dh := 0.0
	if c1p*c2p != 0 {
		dh = h2 - h1
		switch {
		case dh > 180:
			dh -= 360
		case dh < -180:
			dh += 360
		}
	}
	dL, dC := q[0]-p[0], c2p-c1p
	dH := 2 * math.Sqrt(c1p*c2p) * math.Sin(dh*rad/2)
	lb, cb := (p[0]+q[0])/2, (c1p+c2p)/2
	hb := h1 + h2
	if c1p*c2p != 0 {
		switch {
		case math.Abs(h1-h2) <= 180:
			hb = (h1 + h2) / 2
		case h1+h2 < 360:
			hb = (h1 + h2 + 360) / 2
		default:
			hb = (h1 + h2 - 360) / 2
		}
	}
	t := 1 - 0.17*math.Cos((hb-30)*rad) + 0.24*math.Cos(2*hb*rad) + 0.32*math.Cos((3*hb+6)*rad) - 0.20*math.Cos((4*hb-63)*rad)
	dTheta := 30 * math.Exp(-math.Pow((hb-275)/25, 2))
	cb7p := math.Pow(cb, 7)
	rc := 2 * math.Sqrt(cb7p/(cb7p+math.Pow(25, 7)))
	sl := 1 + 0.015*(lb-50)*(lb-50)/math.Sqrt(20+(lb-50)*(lb-50))
	sc := 1 + 0.045*cb
	sh := 1 + 0.015*cb*t
	rt := -math.Sin(2*dTheta*rad) * rc
	return math.Sqrt((dL/sl)*(dL/sl) + (dC/sc)*(dC/sc) + (dH/sh)*(dH/sh) + rt*(dC/sc)*(dH/sh))
}

// The CIEDE2000 of the published test pairs (Sharma et al. 2005, table 1),
// so the check below measures what it says.
func TestDeltaE2000(t *testing.T) {
	for _, c := range []struct {
		p, q [3]float64
		want float64
	}{
		{[3]float64{50, 2.6772, -79.7751}, [3]float64{50, 0, -82.7485}, 2.0425},
		{[3]float64{50, -1.3802, -84.2814}, [3]float64{50, 0, -82.7485}, 1.0000},
		{[3]float64{50, 2.5, 0}, [3]float64{73, 25, -18}, 27.1492},
		{[3]float64{60.2574, -34.0099, 36.2677}, [3]float64{60.4626, -34.1751, 39.4387}, 1.2644},
		{[3]float64{22.7233, 20.0904, -46.6940}, [3]float64{23.0331, 14.9730, -42.5619}, 2.0373},
	} {
		if got := deltaE2000(c.p, c.q); math.Abs(got-c.want) > 0.0001 {
			t.Errorf("ΔE00(%v, %v) = %.4f, want %.4f", c.p, c.q, got, c.want)
		}
	}
}

// TestFindingColorsUnderColorBlindness: any two findings' colours stay
// plainly different with normal vision and as simulated for deuteranopia
// and protanopia, on screen and paper alike (one Color for both).
func TestFindingColorsUnderColorBlindness(t *testing.T) {
	for vision, m := range colorVision {
		for i, f := range Findings {
			for _, g := range Findings[i+1:] {
				if d := deltaE2000(seenAs(f.Color(), m), seenAs(g.Color(), m)); d < minFindingDeltaE {
					t.Errorf("%s: %s and %s differ by ΔE00 %.1f, want at least %d", vision, f, g, d, minFindingDeltaE)
				}
			}
		}
	}
}
