package diagram

import (
	"image"
	"math"
	"sync"

	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"

	"chairside/internal/anatomy"
	"chairside/internal/i18n"
)

// The caches a Renderer owns. Each keeps the last few of something costly
// to make and cheap to keep, for one renderer: the screen's diagram keeps
// its own, and a PNG or PDF made on the side neither evicts the screen's
// entries nor holds memory after it is done.

// baseCache keeps the plain drawing (no highlights) of the last few scenes
// drawn, so a hover change repaints only around the highlights.
type baseCache struct {
	mu      sync.Mutex
	entries []baseEntry // most recent first
}

type baseKey struct {
	view   anatomy.View
	camera Camera
	ts     float64
	w, h   int
	pal    *Palette
}

type baseEntry struct {
	key baseKey
	img *image.RGBA
}

// baseCacheSize is how many plain drawings are kept: the one on screen.
// Each is a picture the size of the diagram (2.7 MB in a 1555x874 window);
// three used to be kept, and after any zoom glide or wheel zoom the idle app
// held three frames of it that would never be shown again. Switching the
// view back and forth now draws afresh, well within a frame.
const baseCacheSize = 1

// paint copies the plain drawing of a scene into dst (the same size),
// drawing it with draw first when it is not kept. The copy is made under
// the lock, so the pixels of an entry that a later scene evicts can be
// reused for that scene's drawing without another render reading them.
func (c *baseCache) paint(key baseKey, dst *image.RGBA, draw func(*image.RGBA)) {
	c.mu.Lock()
	for i, e := range c.entries {
		if e.key == key {
			copy(c.entries[1:i+1], c.entries[:i])
			c.entries[0] = e
			copyPixels(dst, e.img)
			c.mu.Unlock()
			return
		}
	}
	// reuse the pixels of the entry about to be evicted
	var img *image.RGBA
	w, h := key.w, key.h
	if len(c.entries) == baseCacheSize {
		if old := c.entries[baseCacheSize-1].img; cap(old.Pix) >= 4*w*h {
			img = &image.RGBA{Pix: old.Pix[:4*w*h], Stride: 4 * w, Rect: image.Rect(0, 0, w, h)}
		}
		c.entries = c.entries[:baseCacheSize-1]
	}
	c.mu.Unlock()
	if img == nil {
		img = image.NewRGBA(image.Rect(0, 0, w, h))
	}
	draw(img)
	c.mu.Lock()
	c.entries = append([]baseEntry{{key, img}}, c.entries...)
	if len(c.entries) > baseCacheSize {
		c.entries = c.entries[:baseCacheSize]
	}
	copyPixels(dst, img)
	c.mu.Unlock()
}

// copyPixels copies src, whose box starts at (0, 0), into dst of the same
// size, wherever dst's box starts.
func copyPixels(dst, src *image.RGBA) {
	b := dst.Bounds()
	for y := 0; y < b.Dy(); y++ {
		o := dst.PixOffset(b.Min.X, b.Min.Y+y)
		copy(dst.Pix[o:o+4*b.Dx()], src.Pix[y*src.Stride:y*src.Stride+4*b.Dx()])
	}
}

// outlineCache keeps, for the last few scales drawn, each shape's drawing
// steps ready to rasterize (see outline.go).
type outlineCache struct {
	mu   sync.Mutex
	sets []*outlineSet // most recent first
}

// outlineSets is how many scales are kept: the screen's current one, the
// one before a zoom step, and a picture of another size being saved.
const outlineSets = 3

// set returns the outline set of a view at a scale, new and
// empty if it is not kept.
func (c *outlineCache) set(key outlineKey) *outlineSet {
	c.mu.Lock()
	defer c.mu.Unlock()
	for i, s := range c.sets {
		if s.key == key {
			copy(c.sets[1:i+1], c.sets[:i])
			c.sets[0] = s
			return s
		}
	}
	s := &outlineSet{key: key, slots: make([]outlineSlot, len(anatomy.Shapes(key.view)))}
	c.sets = append([]*outlineSet{s}, c.sets...)
	if len(c.sets) > outlineSets {
		c.sets[outlineSets] = nil
		c.sets = c.sets[:outlineSets]
	}
	return s
}

// faceCache keeps the label faces by size, sizes rounded to a quarter pixel
// so a few faces serve every zoom. The font itself is parsed once for the
// whole program (labelFont).
type faceCache struct {
	mu    sync.Mutex // opentype faces are not safe for concurrent use
	faces map[float64]font.Face
}

// maxFaces bounds the faces kept; a zoom in presentation mode passes
// through a few dozen sizes.
const maxFaces = 64

// face returns the label face at a size (pixels), nil when the embedded
// font cannot be read. The caller holds c.mu for as long as it uses the
// face (a method value to unlock with would cost an allocation per label).
func (c *faceCache) face(size float64) font.Face {
	lf := labelFont()
	if lf == nil {
		return nil
	}
	size = math.Round(size*4) / 4
	if f, ok := c.faces[size]; ok {
		return f
	}
	f, err := opentype.NewFace(lf, &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingNone})
	if err != nil {
		return nil
	}
	if c.faces == nil || len(c.faces) >= maxFaces {
		c.faces = map[float64]font.Face{}
	}
	c.faces[size] = f
	return f
}

// painterPool keeps a few raster painters, so their rasterizer, mask and
// path buffers are reused frame after frame. (A sync.Pool drops them at
// every collection, and a frame then allocated again the megabyte or two
// that the two bands, the halves of the top layer and the rasterizer's
// buffers take; Trim lets them go when the app sits idle.)
type painterPool struct {
	mu   sync.Mutex
	free []*rasterPainter
}

// keptPainters is how many idle painters are kept: the two bands of a
// drawing and the painter of the layer over it (which keeps its twin).
const keptPainters = 3

func (pp *painterPool) get() *rasterPainter {
	pp.mu.Lock()
	defer pp.mu.Unlock()
	if n := len(pp.free); n > 0 {
		p := pp.free[n-1]
		pp.free[n-1] = nil
		pp.free = pp.free[:n-1]
		return p
	}
	return &rasterPainter{}
}

func (pp *painterPool) put(p *rasterPainter) {
	p.dst, p.faces, p.holes, p.half = nil, nil, nil, image.RGBA{}
	pp.mu.Lock()
	defer pp.mu.Unlock()
	if len(pp.free) < keptPainters {
		pp.free = append(pp.free, p)
	}
}

// trim lets go of the idle painters.
func (pp *painterPool) trim() {
	pp.mu.Lock()
	defer pp.mu.Unlock()
	pp.free = nil
}

// keptBytes is about how much the idle painters' buffers take.
func (pp *painterPool) keptBytes() int {
	pp.mu.Lock()
	defer pp.mu.Unlock()
	n := 0
	for _, p := range pp.free {
		n += p.bufferBytes()
		if p.twin != nil {
			n += p.twin.bufferBytes()
		}
	}
	return n
}

// findingCache keeps each marked finding's drawing in each view, worked
// out from the anatomy the first time it is drawn (a scoliosis walks a
// dozen vertebrae with their ribs): a hover repaints the marks on every
// frame, and the badges pin to the drawn findings.
type findingCache struct {
	mu    sync.Mutex
	geoms map[geomKey]*findingGeom
}

// maxFindingGeoms bounds the drawings kept: a visit marks a few findings,
// and an app left open through a day of patients starts afresh now and
// then rather than keep every one.
const maxFindingGeoms = 256

// geom is the drawing of mark m in view v. It is worked out outside the
// lock: two goroutines asking at once both work it out, the same.
func (c *findingCache) geom(v anatomy.View, m Mark) *findingGeom {
	k := keyOf(v, m)
	c.mu.Lock()
	g, ok := c.geoms[k]
	c.mu.Unlock()
	if ok {
		return g
	}
	g = buildFinding(v, m, k.side)
	c.mu.Lock()
	if c.geoms == nil || len(c.geoms) >= maxFindingGeoms {
		c.geoms = map[geomKey]*findingGeom{}
	}
	c.geoms[k] = g
	c.mu.Unlock()
	return g
}

// wordCache keeps the words a renderer draws, by language and message
// key: a frame writes several, 60 times a second, and the catalogue's
// lookup parses language tags (15 allocations) each time.
type wordCache struct {
	mu    sync.Mutex
	words map[[2]string]string
}

// maxWords bounds the words kept: a clinic's few languages take a few
// dozen; anything odd is looked up each time.
const maxWords = 512

// in is the cache's words in language lang.
func (c *wordCache) in(lang string) words { return words{c, lang} }

// words are a language's words, looked up through a renderer's cache (or,
// without one, in the catalogue each time).
type words struct {
	cache *wordCache
	lang  string
}

// word is the message key in the language; the catalogue's fallback is
// English, and a key missing from the catalogues altogether gives english
// ("" gives the key).
func (w words) word(key, english string) string {
	c := w.cache
	if c == nil {
		return lookupWord(w.lang, key, english)
	}
	k := [2]string{w.lang, key}
	c.mu.Lock()
	s, ok := c.words[k]
	c.mu.Unlock()
	if ok {
		return s
	}
	s = lookupWord(w.lang, key, english)
	c.mu.Lock()
	if c.words == nil {
		c.words = map[[2]string]string{}
	}
	if len(c.words) < maxWords {
		c.words[k] = s
	}
	c.mu.Unlock()
	return s
}

func lookupWord(lang, key, english string) string {
	s := i18n.For(lang).T(key)
	if (s == "" || s == key) && english != "" {
		s = english
	}
	return s
}
