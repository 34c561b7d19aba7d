package diagram

import (
	"fmt"
	"image"
	"math"
	"sort"
	"strings"
	"sync"
)

// The two animations of issue 13, "what happens when a joint cracks" and
// "how a disc bulge presses on a nerve, and how it usually gets better",
// are drawn from the diagram's own geometry, by the same renderer and
// painter, as vector paths: no raster pictures, no video. An animation is
// a pure function of time: Film.Render(dst, t) draws the frame at t in
// [0, 1], whatever came before, so a player can play, pause and scrub
// freely and the command line can draw any one frame. What moves is data:
// tracks of keyframes with their easing, and captions keyed to time ranges
// (anim_crack.go, anim_disc.go).

// Animation names, as the command line and the app know them.
const (
	AnimCrack = "crack" // what happens when a joint cracks
	AnimDisc  = "disc"  // how a disc bulge presses on a nerve, and how it usually gets better
)

// AnimationNames lists the animations, for help texts and errors.
func AnimationNames() []string { return []string{AnimCrack, AnimDisc} }

// Ease shapes the way a track moves from one keyframe to the next.
type Ease uint8

// Easings.
const (
	EaseLinear Ease = iota
	EaseIn          // starts slowly
	EaseOut         // ends slowly
	EaseInOut       // starts and ends slowly
	EaseStep        // jumps at the keyframe
)

// apply maps progress u in [0, 1] through the easing; every easing keeps
// 0 at 0 and 1 at 1 and never turns back, so a track moves one way between
// two keyframes.
func (e Ease) apply(u float64) float64 {
	u = math.Max(0, math.Min(1, u))
	switch e {
	case EaseIn:
		return u * u
	case EaseOut:
		return 1 - (1-u)*(1-u)
	case EaseInOut:
		return u * u * (3 - 2*u)
	case EaseStep:
		if u < 1 {
			return 0
		}
		return 1
	}
	return u
}

// Key is one keyframe of a track: its value at time At, reached from the
// keyframe before with Ease.
type Key struct {
	At, Value float64
	Ease      Ease
}

// Track is one quantity that moves: a joint's separation, a bulge's size.
// Its keys are in time order; before the first it holds the first value,
// after the last the last.
type Track []Key

// At is the track's value at time t.
func (tr Track) At(t float64) float64 {
	if len(tr) == 0 {
		return 0
	}
	if t <= tr[0].At {
		return tr[0].Value
	}
	i := sort.Search(len(tr), func(i int) bool { return tr[i].At > t })
	if i == len(tr) {
		return tr[len(tr)-1].Value
	}
	a, b := tr[i-1], tr[i]
	if b.At <= a.At {
		return b.Value
	}
	return a.Value + (b.Value-a.Value)*b.Ease.apply((t-a.At)/(b.At-a.At))
}

// Caption is what the animation says from From up to (not including) To;
// the last caption also holds at t = 1. Key is its word in the message
// catalogues (assets/i18n), English its English.
type Caption struct {
	From, To float64
	Key      string
	English  string
}

// Animation is one film: its tracks and captions (data), how long it
// plays at normal speed, the sources its captions rest on, and how a frame
// is drawn from the tracks.
type Animation struct {
	Name string
	// TitleKey names it in the message catalogues ("anim.crack.title").
	TitleKey string
	// Seconds is how long it plays from start to end at normal speed.
	Seconds  float64
	Tracks   map[string]Track
	Captions []Caption
	// Sources are the full citations its captions rest on, each an entry
	// of assets/content/references, as the texts cite them.
	Sources []string
}

// Value is track name's value at time t (0 for a track it does not have).
func (a *Animation) Value(name string, t float64) float64 { return a.Tracks[name].At(clamp01(t)) }

// CaptionAt is the caption on show at time t.
func (a *Animation) CaptionAt(t float64) Caption {
	t = clamp01(t)
	for _, c := range a.Captions {
		if t >= c.From && t < c.To {
			return c
		}
	}
	if len(a.Captions) > 0 && t >= a.Captions[len(a.Captions)-1].From {
		return a.Captions[len(a.Captions)-1]
	}
	return Caption{}
}

// CaptionText is the caption at time t in language lang (English where
// the catalogue has no word for it).
func (a *Animation) CaptionText(t float64, lang string) string {
	return a.caption(t, words{lang: lang})
}

// caption is the caption at time t in w's language.
func (a *Animation) caption(t float64, w words) string {
	c := a.CaptionAt(t)
	if c.Key == "" {
		return ""
	}
	return w.word(c.Key, c.English)
}

// Title is the animation's name as shown to the patient, in lang.
func (a *Animation) Title(lang string) string {
	return words{lang: lang}.word(a.TitleKey, "")
}

func clamp01(t float64) float64 {
	if !(t > 0) { // also NaN
		return 0
	}
	return math.Min(t, 1)
}

// LookupAnimation is the animation called name ("crack", "disc").
func LookupAnimation(name string) (*Animation, error) {
	switch strings.ToLower(strings.TrimSpace(name)) {
	case AnimCrack:
		return crackAnimation, nil
	case AnimDisc:
		return discAnimation, nil
	}
	return nil, fmt.Errorf("%q is not an animation: use %s", name, strings.Join(AnimationNames(), " or "))
}

// FrameOptions say how a frame is drawn beyond its time.
type FrameOptions struct {
	// Lang is the language of the words drawn; "" is English.
	Lang string
	// Palette is the colours: nil means Light.
	Palette *Palette
	// Caption draws the caption into the picture, under the drawing (for
	// the command line and slides); the app shows it as text beside the
	// player instead.
	Caption bool
}

func (o FrameOptions) palette() *Palette {
	if o.Palette != nil {
		return o.Palette
	}
	return Light
}

// Film draws the frames of one animation. It owns a renderer, whose caches
// keep the still parts of the picture between frames (the spine around
// the disc, the small map of where the joint is), so playing costs little
// more than the parts that move. One goroutine at a time.
type Film struct {
	Anim *Animation
	// At is the structure the film shows: for the crack, the facet joint
	// it was opened from ("" is the left L4-L5 joint).
	At string

	r  *Renderer
	mu sync.Mutex
	// the crack's map of where the joint is, kept while its size holds
	inset    *image.RGBA
	insetKey insetKey
	// the crack's joint, worked out at the first frame
	joint   jointFrame
	jointOK bool
	jointAt *string
}

type insetKey struct {
	w, h int
	pal  *Palette
	lang string
}

// NewFilm is a film of the animation called name, shown at structure at
// (the facet joint a crack is opened from; "" for the usual one).
func NewFilm(name, at string) (*Film, error) {
	a, err := LookupAnimation(name)
	if err != nil {
		return nil, err
	}
	return &Film{Anim: a, At: at, r: NewRenderer()}, nil
}

// Image draws the frame at time t into a new w x h picture.
func (f *Film) Image(t float64, w, h int, o FrameOptions) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, max(w, 0), max(h, 0)))
	f.Render(img, t, o)
	return img
}

// Render draws the frame at time t (clamped to [0, 1]) to fill dst.
func (f *Film) Render(dst *image.RGBA, t float64, o FrameOptions) {
	if dst == nil || dst.Bounds().Empty() {
		return
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	t = clamp01(t)
	b := dst.Bounds()
	w, h := float64(b.Dx()), float64(b.Dy())
	drawH := h
	if o.Caption {
		drawH = h - captionBand(w, h)
	}
	switch f.Anim.Name {
	case AnimCrack:
		f.renderCrack(dst, t, drawH, o)
	case AnimDisc:
		f.renderDisc(dst, t, drawH, o)
	}
	if o.Caption {
		p := f.r.painter(dst, b.Min)
		drawCaption(p, o.palette(), f.Anim.caption(t, f.r.words.in(o.Lang)), w, drawH, h)
		f.r.release(p)
	}
}

// captionBand is the height kept under the drawing for the caption.
func captionBand(w, h float64) float64 {
	return math.Round(math.Min(h*0.24, math.Max(60, captionSize(w, h)*4.2)))
}

func captionSize(w, h float64) float64 {
	return math.Max(12, math.Min(w/48, h/26))
}

// drawCaption writes s in the band from y0 to y1, wrapped to the width in
// as many lines as it takes, on the picture's ground.
func drawCaption(p Painter, pal *Palette, s string, w, y0, y1 float64) {
	rect(p, 0, y0, w, y1)
	p.Fill(pal.background)
	rect(p, 0, y0, w, y1)
	p.Fill(pal.orientationBG)
	p.MoveTo(0, y0)
	p.LineTo(w, y0)
	p.Stroke(pal.label, 1)
	size := captionSize(w, y1)
	margin := size * 1.2
	var lines []string
	for {
		lines = wrapWords(s, w-2*margin, size)
		if float64(len(lines))*size*1.3 <= y1-y0-size*0.6 || size <= 9 {
			break
		}
		size *= 0.9
	}
	lead := size * 1.3
	top := y0 + (y1-y0-lead*float64(len(lines)))/2 + size
	for i, l := range lines {
		p.Text(w/2, top+lead*float64(i), size, pal.label, AlignCenter, l)
	}
}

// wrapWords breaks s into lines that fit width at text size, by an
// estimate of DejaVu Sans' width (a little generous, as for the
// orientation words).
func wrapWords(s string, width, size float64) []string {
	est := func(x string) float64 { return 0.56 * size * float64(len([]rune(x))) }
	var lines []string
	line := ""
	for _, wd := range strings.Fields(s) {
		try := wd
		if line != "" {
			try = line + " " + wd
		}
		if line != "" && est(try) > width {
			lines = append(lines, line)
			line = wd
			continue
		}
		line = try
	}
	if line != "" {
		lines = append(lines, line)
	}
	return lines
}
