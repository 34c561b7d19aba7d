package anatomy

import (
	"fmt"
	"math"
	"sort"
	"strings"
	"sync"
)

// View is one way of looking at the spine.
type View string

// The two views. Lateral looks at the patient's left side (front of the body
// on the left of the picture); posterior looks at the patient's back, so the
// patient's left is on the left of the picture.
const (
	Lateral   View = "lateral"
	Posterior View = "posterior"
)

// Views lists the views in the order the UI offers them.
func Views() []View { return []View{Lateral, Posterior} }

// ParseView reads a view name typed by a person ("lateral", "Posterior").
// A view from above is "axial:" and its disc level ("axial:L4-L5").
func ParseView(s string) (View, error) {
	switch View(strings.ToLower(strings.TrimSpace(s))) {
	case Lateral:
		return Lateral, nil
	case Posterior:
		return Posterior, nil
	}
	if lv, ok := strings.CutPrefix(strings.ToLower(strings.TrimSpace(s)), axialPrefix); ok {
		if seg, err := ParseAxialLevel(lv); err == nil {
			return AxialView(seg), nil
		}
	}
	return "", fmt.Errorf("%q is not a view: use lateral (side view), posterior (from behind) or axial:LEVEL (one disc level from above, e.g. axial:L4-L5)", s)
}

// Model space: every view is drawn in the same fixed box, 1000 units wide
// and 2500 high, at 3 units per millimetre of a typical adult spine, so a
// level sits at about the same height in both views.
const (
	viewW   = 1000
	viewH   = 2500
	unitsMM = 3.0
)

// ViewSize is the fixed model-space size of a view.
func ViewSize(v View) (w, h float64) {
	if v.IsAxial() {
		return axialSize, axialSize
	}
	return viewW, viewH
}

// Part says which piece of a structure a shape draws; the renderer uses it
// for shading, the hit test ignores it.
type Part string

// Parts of the drawing.
const (
	PartBody       Part = "body"       // vertebral body, sacrum, coccyx
	PartArch       Part = "arch"       // pedicles, laminae, articular and spinous processes
	PartProcess    Part = "process"    // transverse process seen end-on or from behind
	PartBack       Part = "back"       // bone seen through or behind other bone (darker)
	PartDisc       Part = "disc"       // annulus of a disc
	PartNucleus    Part = "nucleus"    // the disc's gel centre (decoration)
	PartDiscLine   Part = "discline"   // rings of a disc's outer wall (stroke only)
	PartCartilage  Part = "cartilage"  // facet joint cartilage and joint space
	PartJoint      Part = "joint"      // other joints, e.g. atlas on axis (decoration, muted)
	PartNerve      Part = "nerve"      // nerve root
	PartGanglion   Part = "ganglion"   // dorsal root ganglion swelling of a root
	PartRib        Part = "rib"        // rib stub (decoration)
	PartShadow     Part = "shadow"     // foramen and canal shade (decoration)
	PartHole       Part = "hole"       // sacral foramina seen from behind (decoration)
	PartContour    Part = "contour"    // faint outline (decoration)
	PartPelvis     Part = "pelvis"     // hip bones behind the sacrum, faint (decoration)
	PartLineDetail Part = "linedetail" // thin detail lines: sacral ridges, annulus rings (stroke only)
)

// Shape is one filled outline of the drawing, in paint order. A structure
// may have several shapes (a vertebra's body and its arch). Shapes with an
// empty ID are decoration: drawn, never hit.
type Shape struct {
	ID     string
	Kind   Kind
	Part   Part
	Level  string // vertebral level, segment or root the shape belongs to
	Path   Path
	Bounds Rect
	// Sheen is the shading: smaller copies of the outline, shifted towards
	// the light (upper left), that the renderer fills in lighter tones.
	// Each lies inside Path. Empty where the outline is too irregular.
	Sheen []Path
	polys [][]Point
}

// Clickable reports whether the shape belongs to a structure.
func (s Shape) Clickable() bool { return s.ID != "" }

// Label is a level name ("C1" … "L5", "S", "Co") drawn beside the column. At
// is where the text ends on the right, vertically centred; labels keep a
// fixed size on screen, so only the anchor is in model space.
type Label struct {
	Text  string
	Level string // vertebral level the label names
	At    Point
}

// viewGeom is the built drawing of one view plus its hit-test index.
type viewGeom struct {
	shapes  []Shape
	labels  []Label
	byID    map[string][]int // shape indexes per structure, paint order
	bounds  map[string]Rect
	rows    [][]int // clickable shapes and occluders per horizontal band, paint order
	rowH    float64
	presets map[Preset]Rect

	interiorOnce sync.Once
	interior     map[string]Point
	// rootStart is where each nerve root's drawing starts: in the sac, or
	// at its hole in the sacrum
	rootStart map[string]Point
}

const tolerance = 0.35 // flattening tolerance, model units (about 0.1 mm)

var (
	geomOnce sync.Once
	geoms    map[View]func() *viewGeom
)

// geom is view v's drawing, built the first time it is asked for: the
// app opens on one view, and each built view (outlines, flattened
// polygons, shading) holds 1–1.5 MB that the idle app need not keep for a
// view the clinician has not turned to. The column under both is built
// once and only read after.
func geom(v View) *viewGeom {
	if seg, ok := v.AxialLevel(); ok {
		return axialGeom(seg)
	}
	geomOnce.Do(func() {
		col := sync.OnceValue(buildColumn)
		geoms = map[View]func() *viewGeom{
			Lateral:   sync.OnceValue(func() *viewGeom { return finish(buildLateral(col())) }),
			Posterior: sync.OnceValue(func() *viewGeom { return finish(buildPosterior(col())) }),
		}
	})
	if built, ok := geoms[v]; ok {
		return built()
	}
	return nil
}

// finish computes bounds, flattened polygons and the band index.
func finish(g *viewGeom) *viewGeom {
	g.byID = map[string][]int{}
	g.bounds = map[string]Rect{}
	g.rowH = 25
	g.rows = make([][]int, int(viewH/g.rowH)+1)
	for i := range g.shapes {
		s := &g.shapes[i]
		s.polys = s.Path.Flatten(tolerance)
		s.Bounds = s.Path.Bounds()
		if s.Sheen == nil {
			s.Sheen = sheen(s)
		} else {
			s.Sheen = keepInside(s, s.Sheen)
		}
		if s.ID == "" && !occluders[s.Part] {
			continue
		}
		if s.ID != "" {
			g.byID[s.ID] = append(g.byID[s.ID], i)
			g.bounds[s.ID] = g.bounds[s.ID].Union(s.Bounds)
		}
		r0 := max(0, int(s.Bounds.Min.Y/g.rowH))
		r1 := min(len(g.rows)-1, int(s.Bounds.Max.Y/g.rowH))
		for r := r0; r <= r1; r++ {
			g.rows[r] = append(g.rows[r], i)
		}
	}
	g.presets = presetRects(g)
	return g
}

// Shapes returns the view's drawing in paint order: bone, then discs,
// joints and nerve roots on top, with decoration in between. The slice is
// shared by every caller: read it, never modify it.
func Shapes(v View) []Shape {
	g := geom(v)
	if g == nil {
		return nil
	}
	return g.shapes
}

// Labels returns the level labels of a view.
func Labels(v View) []Label {
	g := geom(v)
	if g == nil {
		return nil
	}
	return append([]Label(nil), g.labels...)
}

// Drawn reports whether the structure has a clickable area in the view.
func Drawn(v View, id string) bool {
	g := geom(v)
	return g != nil && len(g.byID[id]) > 0
}

// StructureShapes are the shapes drawn for a structure in a view, in paint
// order, from the index built with the view's drawing (so the diagram
// needs no index of its own).
func StructureShapes(v View, id string) []Shape {
	g := geom(v)
	if g == nil {
		return nil
	}
	idx := g.byID[id]
	out := make([]Shape, len(idx))
	for k, i := range idx {
		out[k] = g.shapes[i]
	}
	return out
}

// StructureBounds is the rectangle around everything drawn for a structure.
func StructureBounds(v View, id string) (Rect, bool) {
	g := geom(v)
	if g == nil {
		return Rect{}, false
	}
	r, ok := g.bounds[id]
	return r, ok
}

// DrawnIDs lists the structures drawn in a view, in the anatomical order of All.
func DrawnIDs(v View) []string {
	var ids []string
	for _, s := range all {
		if Drawn(v, s.ID) {
			ids = append(ids, s.ID)
		}
	}
	return ids
}

// Preset is a zoom preset of the diagram.
type Preset string

// The zoom presets, from the whole column to the low back and pelvis.
const (
	Whole   Preset = "whole"
	Neck    Preset = "neck"
	MidBack Preset = "mid-back"
	LowBack Preset = "low-back"
)

// Presets lists the zoom presets in toolbar order.
func Presets() []Preset { return []Preset{Whole, Neck, MidBack, LowBack} }

// PresetName is the button text of a preset.
func PresetName(p Preset) string {
	switch p {
	case Whole:
		return "Whole spine"
	case Neck:
		return "Neck"
	case MidBack:
		return "Mid back"
	case LowBack:
		return "Low back and pelvis"
	}
	return string(p)
}

// PresetRect is the model-space area a preset frames; unknown presets frame
// the whole view.
func PresetRect(v View, p Preset) Rect {
	g := geom(v)
	if g == nil {
		return Rect{Max: Point{viewW, viewH}}
	}
	if r, ok := g.presets[p]; ok {
		return r
	}
	return g.presets[Whole]
}

// drawingRect is everything drawn, labels included, with a margin.
func drawingRect(g *viewGeom) Rect {
	var r Rect
	for _, s := range g.shapes {
		r = r.Union(s.Bounds)
	}
	for _, l := range g.labels {
		r = r.Union(Rect{Point{l.At.X - 60, l.At.Y - 20}, Point{l.At.X, l.At.Y + 20}})
	}
	r = r.Inset(-30)
	return Rect{Point{math.Max(0, r.Min.X), math.Max(0, r.Min.Y)}, Point{math.Min(viewW, r.Max.X), math.Min(viewH, r.Max.Y)}}
}

func presetRects(g *viewGeom) map[Preset]Rect {
	around := func(levels ...string) Rect {
		var r Rect
		for _, lv := range levels {
			r = r.Union(g.bounds["vertebra:"+lv])
		}
		for _, l := range g.labels {
			for _, lv := range levels {
				if l.Level == lv {
					r = r.Union(Rect{Point{l.At.X - 60, l.At.Y - 20}, Point{l.At.X, l.At.Y + 20}})
				}
			}
		}
		return r.Inset(-40)
	}
	return map[Preset]Rect{
		Whole:   drawingRect(g),
		Neck:    around("C1", "C2", "C3", "C4", "C5", "C6", "C7", "T1"),
		MidBack: around("T1", "T2", "T3", "T4", "T5", "T6", "T7", "T8", "T9", "T10", "T11", "T12"),
		LowBack: around("T12", "L1", "L2", "L3", "L4", "L5", "S", "Co"),
	}
}

// HitTest returns the topmost structure under p: nerve roots and joints
// win over discs, discs over bone. Decoration is never hit, and the base of
// the skull hides what lies behind it (see occluders).
func HitTest(v View, p Point) (id string, ok bool) {
	g := geom(v)
	if g == nil || !(p.Y >= 0 && p.Y < float64(len(g.rows))*g.rowH) || !(p.X >= 0 && p.X <= viewW) {
		return "", false
	}
	row := g.rows[int(p.Y/g.rowH)]
	for i := len(row) - 1; i >= 0; i-- {
		s := &g.shapes[row[i]]
		if !s.Bounds.Contains(p) {
			continue
		}
		if winding(s.polys, p) != 0 {
			return s.ID, s.ID != ""
		}
	}
	return "", false
}

// occluders are the decoration parts that hide what lies behind them from
// a tap as well as from the eye: the base of the skull covers the top of
// the cord, which a tap there must not find.
var occluders = map[Part]bool{PartSkull: true}

// HitTestNear is HitTest with slack for a finger or a pointer that lands
// just beside a thin structure: when nothing is under p, it returns the
// structure whose outline passes within slack model units of p (the spine
// widget turns a few device-independent pixels into model units at the
// current zoom). Nerve roots come first, then joints, discs and bone, each
// kind nearest first: the slack is for the small targets, and a vertebra
// beside a root is easy to tap on its own. A point on a structure always
// gets that structure.
func HitTestNear(v View, p Point, slack float64) (id string, ok bool) {
	if id, ok := HitTest(v, p); ok || !(slack > 0) {
		return id, ok
	}
	g := geom(v)
	if g == nil || !finite(p) {
		return "", false
	}
	r0 := max(0, int((p.Y-slack)/g.rowH))
	r1 := min(len(g.rows)-1, int((p.Y+slack)/g.rowH))
	bestRank, bestD := -1, slack
	for r := r0; r <= r1; r++ {
		for _, si := range g.rows[r] {
			s := &g.shapes[si]
			if s.ID == "" {
				continue
			}
			rank := nearRank[s.Kind]
			if rank < bestRank || !s.Bounds.Inset(-slack).Contains(p) {
				continue
			}
			d := edgeDistance(s.polys, p)
			if d <= slack && (rank > bestRank || d < bestD) {
				id, ok, bestRank, bestD = s.ID, true, rank, d
			}
		}
	}
	return id, ok
}

// nearRank orders the kinds HitTestNear prefers, smallest targets highest.
var nearRank = map[Kind]int{Vertebra: 0, Disc: 1, Cord: 1, Facet: 2, Joint: 2, Nerve: 3}

// InteriorPoint is a point well inside a structure's visible area that
// HitTest maps back to it: the spot to click in tests, and where a
// structure's badge or caret points.
func InteriorPoint(v View, id string) (Point, bool) {
	g := geom(v)
	if g == nil {
		return Point{}, false
	}
	g.interiorOnce.Do(func() { g.interior = interiorPoints(v, g) })
	p, ok := g.interior[id]
	return p, ok
}

// interiorPoints searches each structure's shapes on a grid for the visible
// point farthest from the edges of its shape.
func interiorPoints(v View, g *viewGeom) map[string]Point {
	out := map[string]Point{}
	ids := make([]string, 0, len(g.byID))
	for id := range g.byID {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		type cand struct {
			q Point
			d float64
		}
		var cands []cand
		for _, si := range g.byID[id] {
			s := &g.shapes[si]
			b := s.Bounds
			const n = 16
			for i := 0; i <= n; i++ {
				for j := 0; j <= n; j++ {
					q := Point{b.Min.X + b.Dx()*float64(i)/n, b.Min.Y + b.Dy()*float64(j)/n}
					if winding(s.polys, q) == 0 {
						continue
					}
					if hit, _ := HitTest(v, q); hit != id {
						continue
					}
					cands = append(cands, cand{q, edgeDistance(s.polys, q)})
				}
			}
		}
		sort.SliceStable(cands, func(i, j int) bool { return cands[i].d > cands[j].d })
		best, bestD := Point{}, -1.0
		for k, c := range cands {
			if k == 8 {
				break
			}
			if d := visibleDistance(v, id, c.q); d > bestD {
				best, bestD = c.q, d
			}
		}
		if bestD > 0 {
			out[id] = best
		}
	}
	return out
}

// visibleDistance approximates how far q is from the edge of the area where
// id is the hit: it probes outwards in eight directions.
func visibleDistance(v View, id string, q Point) float64 {
	dirs := []Point{{1, 0}, {-1, 0}, {0, 1}, {0, -1}, {0.7071, 0.7071}, {-0.7071, 0.7071}, {0.7071, -0.7071}, {-0.7071, -0.7071}}
	best := 1e9
	for _, d := range dirs {
		r := 0.0
		for step := 1.0; step < 60; step += 1.5 {
			if hit, _ := HitTest(v, q.add(d.mul(step))); hit != id {
				break
			}
			r = step
		}
		if r < best {
			best = r
		}
	}
	return best + 0.01
}

// keepInside drops the subpaths of given shading that would spill outside the shape.
func keepInside(s *Shape, sheen []Path) []Path {
	out := make([]Path, len(sheen))
	for k, p := range sheen {
		for _, sub := range subpaths(p) {
			if inside(s, sub) {
				out[k] = append(out[k], sub...)
			}
		}
	}
	return out
}

func subpaths(p Path) []Path {
	var subs []Path
	start := 0
	for i, sg := range p {
		if sg.Op == OpClose {
			subs = append(subs, p[start:i+1])
			start = i + 1
		}
	}
	return subs
}

func inside(s *Shape, q Path) bool {
	for _, poly := range q.Flatten(1) {
		for _, v := range poly {
			if winding(s.polys, v) == 0 {
				return false
			}
		}
	}
	return true
}

// sheenParts are the shapes that get shading; thin lines and shade do not.
var sheenParts = map[Part]bool{PartBody: true, PartArch: true, PartProcess: true, PartBack: true,
	PartDisc: true, PartCartilage: true, PartNerve: true, PartGanglion: true, PartRib: true}

// sheen shrinks each subpath towards a point up and left of its centre,
// keeping only the copies that stay inside the outline.
func sheen(s *Shape) []Path {
	if !sheenParts[s.Part] {
		return nil
	}
	subs := subpaths(s.Path)
	out := make([]Path, 2)
	for k, scale := range []float64{0.74, 0.42} {
		for _, sub := range subs {
			b := sub.Bounds()
			c := b.Center().add(Point{-0.12 * b.Dx(), -0.14 * b.Dy()})
			if winding(s.polys, c) == 0 {
				c = b.Center()
			}
			q := sub.mapPts(func(p Point) Point { return c.add(p.sub(c).mul(scale)) })
			if inside(s, q) {
				out[k] = append(out[k], q...)
			}
		}
	}
	if len(out[0]) == 0 {
		return nil
	}
	return out
}
