package anatomy

import (
	_ "embed" // the prebuilt drawing
	"encoding/binary"
	"errors"
	"math"
	"slices"
)

// The side and back views are built from the column's measurements by a
// few thousand lines of geometry (outlines, their shading, flattened
// polygons): 10–15 ms of processor time and 3–4 MB of garbage, which the
// app pays once but every `chairside handouts export` paid again for the
// one page-1 diagram. The built drawing is the same at every start, so it
// is stored once, at build time, in geomdata/views.bin, and read back in
// a fraction of that time. The builders stay the definition:
// TestPrebuiltGeometryIsCurrent fails when the stored file is not exactly
// what they build (refresh it with `go generate ./internal/anatomy`), and
// a stored file that does not read back is ignored and the view built.
//
//go:generate go test -run TestPrebuiltGeometryIsCurrent -update-geometry .

//go:embed geomdata/views.bin
var prebuiltViews []byte

// prebuiltOrder is the order of the views in the file.
var prebuiltOrder = []View{Lateral, Posterior}

const prebuiltMagic = "CSGEOM1\n"

// prebuilt is view v's drawing read from the stored file, nil when the
// file lacks it or does not read (then geom builds it). Only v's part of
// the file is read. The band index, the structures' bounds and the zoom
// presets are made from the shapes as finish makes them.
func prebuilt(data []byte, v View) *viewGeom {
	g, err := decodeView(data, v)
	if err != nil || g == nil {
		return nil
	}
	return index(g)
}

// encodeViews writes the views, each as finish left it (before index), in
// prebuiltOrder: a table of the strings, then per view its shapes (each
// with its outline, bounds, shading and flattened polygons), labels and
// nerve-root starts. Numbers are little-endian; points are float64 bits,
// so the drawing reads back exactly.
func encodeViews(views map[View]*viewGeom) []byte {
	var e encoder
	strs := map[string]uint16{}
	var table []string
	str := func(s string) {
		if _, ok := strs[s]; !ok {
			strs[s] = uint16(len(table))
			table = append(table, s)
		}
	}
	for _, v := range prebuiltOrder {
		g := views[v]
		for _, s := range g.shapes {
			str(s.ID)
			str(string(s.Kind))
			str(string(s.Part))
			str(s.Level)
		}
		for _, l := range g.labels {
			str(l.Text)
			str(l.Level)
		}
		for id := range g.rootStart {
			str(id)
		}
	}
	e.b = append(e.b, prebuiltMagic...)
	e.u32(len(table))
	for _, s := range table {
		e.u32(len(s))
		e.b = append(e.b, s...)
	}
	for _, v := range prebuiltOrder {
		g := views[v]
		// Each view's part starts with its length, so that a reader of
		// one view skips the others.
		at := len(e.b)
		e.u32(0)
		e.u32(len(g.shapes))
		for _, s := range g.shapes {
			e.u16(strs[s.ID])
			e.u16(strs[string(s.Kind)])
			e.u16(strs[string(s.Part)])
			e.u16(strs[s.Level])
			e.path(s.Path)
			e.point(s.Bounds.Min)
			e.point(s.Bounds.Max)
			e.u32(len(s.Sheen))
			for _, p := range s.Sheen {
				e.path(p)
			}
			e.u32(len(s.polys))
			for _, poly := range s.polys {
				e.u32(len(poly))
				for _, p := range poly {
					e.point(p)
				}
			}
		}
		e.u32(len(g.labels))
		for _, l := range g.labels {
			e.u16(strs[l.Text])
			e.u16(strs[l.Level])
			e.point(l.At)
		}
		ids := make([]string, 0, len(g.rootStart))
		for id := range g.rootStart {
			ids = append(ids, id)
		}
		slices.Sort(ids)
		e.u32(len(ids))
		for _, id := range ids {
			e.u16(strs[id])
			e.point(g.rootStart[id])
		}
		binary.LittleEndian.PutUint32(e.b[at:], uint32(len(e.b)-at-4))
	}
	return e.b
}

type encoder struct{ b []byte }

func (e *encoder) u16(v uint16) { e.b = binary.LittleEndian.AppendUint16(e.b, v) }
func (e *encoder) u32(v int)    { e.b = binary.LittleEndian.AppendUint32(e.b, uint32(v)) }
func (e *encoder) point(p Point) {
	e.b = binary.LittleEndian.AppendUint64(e.b, math.Float64bits(p.X))
	e.b = binary.LittleEndian.AppendUint64(e.b, math.Float64bits(p.Y))
}
func (e *encoder) path(p Path) {
	e.u32(len(p))
	for _, s := range p {
		e.b = append(e.b, byte(s.Op))
		for j := range s.Op.points() {
			e.point(s.Pts[j])
		}
	}
}

var errPrebuilt = errors.New("the prebuilt spine drawing is damaged")

// decodeView reads view v from what encodeViews wrote (nil, nil when the
// file has no such view). Damaged data gives an error, never a panic or
// a half-read view.
func decodeView(data []byte, v View) (*viewGeom, error) {
	if len(data) < len(prebuiltMagic) || string(data[:len(prebuiltMagic)]) != prebuiltMagic {
		return nil, errPrebuilt
	}
	d := decoder{b: data[len(prebuiltMagic):]}
	table := make([]string, d.count(4))
	for i := range table {
		table[i] = string(d.take(d.count(1)))
	}
	// Every part is there and nothing follows, or none is read.
	var mine []byte
	for _, w := range prebuiltOrder {
		section := d.take(d.count(1))
		if w == v {
			mine = section
		}
	}
	if d.err == nil && len(d.b) != 0 {
		d.err = errPrebuilt
	}
	if d.err != nil || mine == nil {
		return nil, d.err
	}
	return decodeSection(mine, table)
}

// decodeSection reads one view's part of the file.
func decodeSection(section []byte, table []string) (*viewGeom, error) {
	d := decoder{b: section}
	str := func() string {
		i := int(d.u16())
		if i >= len(table) {
			d.err = errPrebuilt
			return ""
		}
		return table[i]
	}
	g := &viewGeom{}
	g.shapes = make([]Shape, d.count(8+4+32+4+4))
	for i := range g.shapes {
		s := &g.shapes[i]
		s.ID, s.Kind, s.Part, s.Level = str(), Kind(str()), Part(str()), str()
		s.Path = d.path()
		s.Bounds = Rect{d.point(), d.point()}
		if n := d.count(4); n > 0 {
			s.Sheen = make([]Path, n)
			for j := range s.Sheen {
				s.Sheen[j] = d.path()
			}
		}
		if n := d.count(4); n > 0 {
			s.polys = make([][]Point, n)
			for j := range s.polys {
				poly := make([]Point, d.count(16))
				for k := range poly {
					poly[k] = d.point()
				}
				s.polys[j] = poly
			}
		}
		if d.err != nil {
			return nil, d.err
		}
	}
	g.labels = make([]Label, d.count(4+16))
	for i := range g.labels {
		g.labels[i] = Label{Text: str(), Level: str(), At: d.point()}
	}
	if n := d.count(2 + 16); n > 0 {
		g.rootStart = make(map[string]Point, n)
		for range n {
			id := str()
			g.rootStart[id] = d.point()
		}
	}
	if d.err != nil {
		return nil, d.err
	}
	if len(d.b) != 0 {
		return nil, errPrebuilt
	}
	return g, nil
}

// decoder reads the file; the first problem sticks in err and every read
// after it gives zeros.
type decoder struct {
	b   []byte
	err error
}

func (d *decoder) take(n int) []byte {
	if d.err != nil || len(d.b) < n {
		d.err = errPrebuilt
		return nil
	}
	b := d.b[:n]
	d.b = d.b[n:]
	return b
}

func (d *decoder) u16() uint16 {
	if b := d.take(2); b != nil {
		return binary.LittleEndian.Uint16(b)
	}
	return 0
}

// count reads a length whose items take at least min bytes each, so a
// damaged length cannot ask for more memory than the file could fill.
func (d *decoder) count(min int) int {
	b := d.take(4)
	if b == nil {
		return 0
	}
	n := int(binary.LittleEndian.Uint32(b))
	if n > len(d.b)/min {
		d.err = errPrebuilt
		return 0
	}
	return n
}

func (d *decoder) point() Point {
	b := d.take(16)
	if b == nil {
		return Point{}
	}
	return Point{math.Float64frombits(binary.LittleEndian.Uint64(b)), math.Float64frombits(binary.LittleEndian.Uint64(b[8:]))}
}

func (d *decoder) path() Path {
	n := d.count(1)
	if n == 0 {
		return nil // as the builders leave an empty shading
	}
	p := make(Path, n)
	for i := range p {
		b := d.take(1)
		if b == nil {
			return nil
		}
		op := PathOp(b[0])
		if op > OpClose {
			d.err = errPrebuilt
			return nil
		}
		p[i].Op = op
		for j := range op.points() {
			p[i].Pts[j] = d.point()
		}
	}
	return p
}
