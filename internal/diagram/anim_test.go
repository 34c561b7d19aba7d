package diagram

import (
	"fmt"
	"image/color"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"chairside/internal/anatomy"
	"chairside/internal/content"
	"chairside/internal/handout"
	"chairside/internal/i18n"
)

func film(t testing.TB, name string) *Film {
	t.Helper()
	f, err := NewFilm(name, "")
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// The disc film starts on the side view exactly as the app draws it, and
// the crack film on the joint at rest (nothing moves before the pull).
func TestAnimationStartsHealthy(t *testing.T) {
	const w, h = 640, 420
	got := film(t, AnimDisc).Image(0, w, h, FrameOptions{})
	want := NewRenderer().Image(discScene(w, h, FrameOptions{}), w, h)
	if n := diffPixels(got.Pix, want.Pix); n != 0 {
		t.Errorf("disc film at t=0: %d bytes differ from the healthy side view", n)
	}
	// and it does move later, so the comparison above means something
	if n := diffPixels(film(t, AnimDisc).Image(0.45, w, h, FrameOptions{}).Pix, want.Pix); n == 0 {
		t.Error("disc film at t=0.45 is the healthy side view")
	}

	a := crackAnimation
	for track, want := range map[string]float64{"separation": 0, "cavity": 0, "pressure": 1, "pop": 0, "pull": 0, "rest": 0, "restShown": 0} {
		if got := a.Value(track, 0); got != want {
			t.Errorf("crack %s at t=0 = %v, want %v (the joint at rest)", track, got, want)
		}
	}
	c := film(t, AnimCrack)
	at0, still := c.Image(0, w, h, FrameOptions{}), c.Image(0.05, w, h, FrameOptions{})
	if n := diffPixels(at0.Pix, still.Pix); n != 0 {
		t.Errorf("crack film moved before the pull: %d bytes differ between t=0 and t=0.05", n)
	}
	if n := diffPixels(at0.Pix, c.Image(0.3, w, h, FrameOptions{}).Pix); n == 0 {
		t.Error("crack film at t=0.3 is the same as at rest")
	}
}

func diffPixels(a, b []uint8) int {
	if len(a) != len(b) {
		return max(len(a), len(b))
	}
	n := 0
	for i := range a {
		if a[i] != b[i] {
			n++
		}
	}
	return n
}

// Between two keyframes a track moves one way only, and the quantities a
// patient watches grow (and shrink) in the phases the captions name.
func TestAnimationTracksMoveMonotonically(t *testing.T) {
	for _, a := range []*Animation{crackAnimation, discAnimation} {
		for name, tr := range a.Tracks {
			for i := 1; i < len(tr); i++ {
				k0, k1 := tr[i-1], tr[i]
				if k1.At < k0.At {
					t.Errorf("%s %s: keyframe %d at %v comes before the one before it (%v)", a.Name, name, i, k1.At, k0.At)
				}
				prev := k0.Value
				for s := 0; s <= 50; s++ {
					v := tr.At(k0.At + (k1.At-k0.At)*float64(s)/50)
					if (k1.Value >= k0.Value && v < prev-1e-12) || (k1.Value < k0.Value && v > prev+1e-12) {
						t.Fatalf("%s %s turns back between keyframes %d and %d", a.Name, name, i-1, i)
					}
					prev = v
				}
			}
		}
	}
	rising := func(a *Animation, track string, t0, t1 float64) {
		t.Helper()
		prev := a.Value(track, t0)
		for s := 1; s <= 40; s++ {
			v := a.Value(track, t0+(t1-t0)*float64(s)/40)
			if v < prev {
				t.Errorf("%s %s falls between %v and %v", a.Name, track, t0, t1)
				return
			}
			prev = v
		}
		if !(a.Value(track, t1) > a.Value(track, t0)) {
			t.Errorf("%s %s does not grow between %v and %v", a.Name, track, t0, t1)
		}
	}
	rising(crackAnimation, "separation", 0.1, 0.33)
	rising(crackAnimation, "cavity", 0.33, 0.37)
	rising(crackAnimation, "rest", 0.55, 0.97)
	rising(discAnimation, "bulge", 0.15, 0.38)
	if !(discAnimation.Value("bulge", 0.9) < discAnimation.Value("bulge", 0.6)) {
		t.Error("the bulge does not shrink over the weeks")
	}
	if !(crackAnimation.Value("pressure", 0.33) < crackAnimation.Value("pressure", 0.1)) {
		t.Error("the pressure in the fluid does not drop as the surfaces part")
	}

	// the drawn sizes follow the tracks: a wider gap, a bigger cavity, a
	// bulge reaching further back
	jf, ok := crackJoint("")
	if !ok {
		t.Fatal("no L4-L5 facet joint in the side view")
	}
	f, disc, _ := segFrame(anatomy.Lateral, discSeg)
	_, a1, _, _ := f.extent(disc)
	prevGap, prevCav, prevReach := -1.0, -1.0, math.Inf(-1)
	for s := 0.0; s <= 1.0001; s += 0.05 {
		g := crackGap(jf, s)
		ra, _ := cavitySize(s, crackGap(jf, 1))
		_, reach, _, _ := f.extent(append([]anatomy.Point{f.at(a1, 0)}, discAt(s).bulge...))
		if g <= prevGap || ra < prevCav || reach < prevReach {
			t.Fatalf("at %.2f: gap %v, cavity %v, bulge reach %v do not grow (before: %v, %v, %v)", s, g, ra, reach, prevGap, prevCav, prevReach)
		}
		prevGap, prevCav, prevReach = g, ra, reach
	}
	if ra, _ := cavitySize(1, crackGap(jf, 1)); ra <= 0 || ra >= crackGap(jf, 1)/2 {
		t.Errorf("the cavity (half width %v) does not fit the opened joint (half gap %v)", ra, crackGap(jf, 1)/2)
	}
}

// Each phase has its caption, in plain English and Spanish from the
// catalogues, and the captions cover the whole film.
func TestAnimationCaptions(t *testing.T) {
	for _, a := range []*Animation{crackAnimation, discAnimation} {
		if a.Captions[0].From != 0 || a.Captions[len(a.Captions)-1].To != 1 {
			t.Errorf("%s: captions do not cover 0 to 1", a.Name)
		}
		for i, c := range a.Captions {
			if i > 0 && c.From != a.Captions[i-1].To {
				t.Errorf("%s: a gap or overlap before caption %s", a.Name, c.Key)
			}
			if got := a.CaptionAt((c.From + c.To) / 2); got.Key != c.Key {
				t.Errorf("%s at %v: caption %s, want %s", a.Name, (c.From+c.To)/2, got.Key, c.Key)
			}
			en := a.CaptionText((c.From+c.To)/2, "en")
			if en != c.English || i18n.For("en").T(c.Key) != c.English {
				t.Errorf("%s: en.json's %s is %q, the code's English %q", a.Name, c.Key, i18n.For("en").T(c.Key), c.English)
			}
			if g := content.Grade(en); g > 8 {
				t.Errorf("%s: caption %q reads at grade %.1f (> 8)", a.Name, en, g)
			}
			es := a.CaptionText((c.From+c.To)/2, "es")
			if es == en || es == c.Key {
				t.Errorf("%s: caption %s is not in Spanish: %q", a.Name, c.Key, es)
			}
			if fh := content.FernandezHuerta(es); fh < 70 {
				t.Errorf("%s: Spanish caption %q has reading ease %.0f (< 70)", a.Name, es, fh)
			}
			if strings.Contains(strings.ToLower(en), "arthritis") && !strings.Contains(en, "no link") {
				t.Errorf("%s: caption %q touches arthritis without saying there is no link", a.Name, en)
			}
		}
		if a.CaptionText(1, "en") != a.Captions[len(a.Captions)-1].English {
			t.Errorf("%s: the last caption does not hold at the end", a.Name)
		}
		if a.Title("es") == a.Title("en") || strings.HasPrefix(a.Title("en"), "anim.") {
			t.Errorf("%s: title %q / %q", a.Name, a.Title("en"), a.Title("es"))
		}
	}
	// hedged: the mechanism is still studied, the 20 minutes are "about"
	if s := crackAnimation.CaptionText(0.4, "en"); !strings.Contains(s, "still study") {
		t.Errorf("the pop caption does not say the mechanism is still studied: %q", s)
	}
	if s := crackAnimation.CaptionText(0.6, "en"); !strings.Contains(s, "about 20 minutes") {
		t.Errorf("the resting caption does not give about 20 minutes: %q", s)
	}
	if s := discAnimation.CaptionText(0.95, "en"); !strings.Contains(s, "6 to 12 weeks") || !strings.Contains(s, "often") {
		t.Errorf("the last disc caption is not the hedged 6 to 12 weeks: %q", s)
	}
}

// Every source an animation rests on is an entry of the reference list, as
// the texts cite them.
func TestAnimationSourcesAreReferences(t *testing.T) {
	var refs strings.Builder
	files, _ := filepath.Glob(filepath.Join("..", "..", "assets", "content", "references", "*.yaml"))
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		refs.Write(b)
	}
	for _, a := range []*Animation{crackAnimation, discAnimation} {
		if len(a.Sources) == 0 {
			t.Errorf("%s names no sources", a.Name)
		}
		for _, s := range a.Sources {
			if !strings.Contains(refs.String(), s) {
				t.Errorf("%s: source %q is not in assets/content/references", a.Name, s)
			}
		}
	}
}

// The root is pressed only while the bulge touches it, by the bulge
// finding's own geometry: at full size the film's bulge and root course are
// the finding's (findings.go), and the drawn root turns red exactly then.
func TestDiscRootPressedOnlyWhileTouched(t *testing.T) {
	full := discAt(1)
	outline, course := FindingOutline(anatomy.Lateral, Mark{Structure: "disc:L4-L5", Finding: string(handout.Bulge), Detail: handout.Detail{Side: anatomy.Left}})
	if fmt.Sprint(full.bulge) != fmt.Sprint(outline) {
		t.Error("the full-size bulge is not the bulge finding's outline")
	}
	if fmt.Sprint(full.band) != fmt.Sprint(course) {
		t.Error("the root's course is not the one the bulge finding draws")
	}
	if !full.pressed {
		t.Fatal("the full bulge does not press on the L5 root")
	}
	if discAt(0).pressed || discAt(0.3).pressed {
		t.Error("a healthy disc or a small bulge presses on the root")
	}
	wasPressed := false
	for s := 0.0; s <= 1.0001; s += 0.02 {
		g := discAt(s)
		if g.pressed != polygonsTouch(g.bulge, g.band) {
			t.Fatalf("at bulge %.2f pressed=%v but touching=%v", s, g.pressed, !g.pressed)
		}
		if wasPressed && !g.pressed {
			t.Fatalf("a bigger bulge (%.2f) stopped pressing", s)
		}
		wasPressed = g.pressed
	}
	// the frames: red at the height of the bulge, the nerve's yellow once
	// it has shrunk
	const w, h = 640, 420
	fl := film(t, AnimDisc)
	sc := discScene(w, h, FrameOptions{})
	tf := Fit(sc, w, h)
	q := full.course[len(full.course)/2]
	x, y := tf.ToPixel(q)
	px := func(at float64) color.RGBA { return fl.Image(at, w, h, FrameOptions{}).RGBAAt(int(x), int(y)) }
	for _, at := range []float64{0.45, 0.55} {
		if !discAnimation.Tracks["bulge"].pressedAt(at) {
			t.Fatalf("bulge at %v does not press", at)
		}
		if c := px(at); !(c.R > 200 && c.G < 150) {
			t.Errorf("at t=%v the pressed root is %v, not red", at, c)
		}
	}
	for _, at := range []float64{0.12, 0.95} {
		if discAnimation.Tracks["bulge"].pressedAt(at) {
			t.Fatalf("bulge at %v presses", at)
		}
		if c := px(at); !(c.R > 200 && c.G > 160 && c.B < 120) {
			t.Errorf("at t=%v the calm root is %v, not the nerve's yellow", at, c)
		}
	}
}

func (tr Track) pressedAt(t float64) bool { return discAt(tr.At(t)).pressed }

func TestLookupAnimation(t *testing.T) {
	for _, n := range []string{"crack", "disc", " Disc "} {
		if _, err := LookupAnimation(n); err != nil {
			t.Errorf("%q: %v", n, err)
		}
	}
	if _, err := LookupAnimation("knee"); err == nil || !strings.Contains(err.Error(), "crack or disc") {
		t.Errorf("knee: %v", err)
	}
	// a right joint is shown as its left twin, a cervical one at its own angle
	r, ok1 := crackJoint("facet:L4-L5:right")
	l, ok2 := crackJoint("facet:L4-L5:left")
	c, ok3 := crackJoint("facet:C5-C6:left")
	if !ok1 || !ok2 || !ok3 || r.c != l.c {
		t.Fatalf("joint frames: %v %v %v", ok1, ok2, ok3)
	}
	if math.Abs(c.d.X) < math.Abs(l.d.X)+0.1 {
		t.Errorf("the neck joint (line %v) is not more tilted than the low-back one (%v)", c.d, l.d)
	}
	if _, ok := crackJoint("disc:L4-L5"); ok {
		t.Error("a disc is not a joint that cracks")
	}
}

// Golden frames of both films, with their captions, in both palettes and
// languages. Regenerate with: go test ./internal/diagram -run Golden
// -update (and look at them).
func TestAnimationGoldenFrames(t *testing.T) {
	const w, h = 640, 400
	cases := []struct {
		name string
		at   float64
		o    FrameOptions
	}{
		{AnimCrack, 0.2, FrameOptions{Caption: true}},
		{AnimCrack, 0.4, FrameOptions{Caption: true}},
		{AnimCrack, 0.7, FrameOptions{Caption: true, Lang: "es"}},
		{AnimDisc, 0.25, FrameOptions{Caption: true}},
		{AnimDisc, 0.5, FrameOptions{Caption: true, Palette: Dark}},
		{AnimDisc, 0.85, FrameOptions{Caption: true, Lang: "es"}},
	}
	for _, c := range cases {
		img := film(t, c.name).Image(c.at, w, h, c.o)
		file := filepath.Join("testdata", fmt.Sprintf("anim-%s-%02.0f.png", c.name, c.at*100))
		if *update {
			writePNG(t, file, img)
			continue
		}
		want := readPNG(t, file)
		if want.Bounds() != img.Bounds() {
			t.Fatalf("%s: size %v, golden %v", file, img.Bounds(), want.Bounds())
		}
		bad := 0
		for y := 0; y < h; y++ {
			for x := 0; x < w; x++ {
				a, b := img.RGBAAt(x, y), want.RGBAAt(x, y)
				if absDiff(a.R, b.R) > 8 || absDiff(a.G, b.G) > 8 || absDiff(a.B, b.B) > 8 {
					bad++
				}
			}
		}
		if bad > w*h/500 {
			t.Errorf("%s: %d pixels differ (run with -update after an intended change)", file, bad)
		}
	}
}

// One frame of each film at 1920x1080, as the player draws them while
// playing (the still parts kept between frames). Target: 8 ms.
func BenchmarkAnimationFrame1080p(b *testing.B) {
	for _, name := range AnimationNames() {
		b.Run(name, func(b *testing.B) {
			f := film(b, name)
			img := f.Image(0, 1920, 1080, FrameOptions{})
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				f.Render(img, float64(i%97)/96, FrameOptions{})
			}
		})
	}
}
