package diagram

import (
	"image"
	"image/color"
	"runtime"
	"sync"
)

// Drawing a layer in two halves, side by side on two CPUs.
//
// The layers drawn over the whole picture after its plain drawing (the
// highlighted structures redrawn with their tints, the findings, the badges
// and words) would otherwise run on one CPU while the other waits. They are
// recorded first: every path laid out in pixels, every stroke turned into
// its outline and cut into the pieces it is rasterized in, exactly as
// drawing straight would. Then two painters share the work: each works out
// the coverage of half the pieces, over the very same pixel box as drawing
// straight would; then one blends every piece, in order, over the rows
// above a split and the other over the rows below. So the picture is the
// same to the last bit wherever the split falls; it falls where the
// halves' blending is about even.

// recording is a layer kept as the fills and text it is made of.
type recording struct {
	ops  []recOp
	segs []rseg  // the fills' paths, one after another
	cost []int64 // per row, while choosing the split
}

// recOp is one recorded step, drawn into dst (the picture or a clip of it)
// whose box starts at off.
type recOp struct {
	kind byte // 'f' a fill, 's' an opaque fill of all dst, 't' text
	dst  *image.RGBA
	off  image.Point
	c    color.NRGBA
	// a fill: its path (segs[s0:s1]), the translation it is moved by, and
	// the pixels it may touch
	s0, s1 int
	dx, dy float64
	rect   image.Rectangle
	worker uint8   // which of the two works out its coverage
	mask   []uint8 // the coverage, once worked out
	// text
	x, y, size float64
	align      Align
	text       string
}

func (rc *recording) reset() {
	clear(rc.ops) // let go of the pictures and strings of the last layer
	rc.ops, rc.segs = rc.ops[:0], rc.segs[:0]
}

func (rc *recording) fill(p *rasterPainter, rect image.Rectangle, segs []rseg, c color.NRGBA, dx, dy float64) {
	s0 := len(rc.segs)
	rc.segs = append(rc.segs, segs...)
	rc.ops = append(rc.ops, recOp{kind: 'f', dst: p.dst, off: p.off, c: c, s0: s0, s1: len(rc.segs), dx: dx, dy: dy, rect: rect})
}

func (rc *recording) solid(p *rasterPainter, c color.NRGBA) {
	rc.ops = append(rc.ops, recOp{kind: 's', dst: p.dst, off: p.off, c: c, rect: p.dst.Bounds()})
}

func (rc *recording) text(p *rasterPainter, x, y, size float64, c color.NRGBA, align Align, s string) {
	rc.ops = append(rc.ops, recOp{kind: 't', dst: p.dst, off: p.off, c: c, x: x, y: y, size: size, align: align, text: s})
}

// rasterize works out the coverage of the fills given to worker k (of
// two) with p, in p's arena: need bytes in all.
func (rc *recording) rasterize(p *rasterPainter, k uint8, need int) {
	if cap(p.arena) < need {
		p.arena = make([]uint8, need)
	}
	at := 0
	for i := range rc.ops {
		op := &rc.ops[i]
		if op.kind != 'f' || op.worker != k {
			continue
		}
		n := op.rect.Dx() * op.rect.Dy()
		op.mask = p.arena[at : at+n : at+n]
		at += n
		p.off = op.off
		p.coverage(rc.segs[op.s0:op.s1], op.rect, op.dx, op.dy, op.mask)
	}
}

// play draws the recording through p, once every fill's coverage is
// worked out, writing only rows y0 <= y < y1. It goes down the rows a
// strip at a time, laying every step that reaches a strip over it before
// the next strip: a strip's pixels stay in the CPU's cache from one step
// to the next, where a whole half (megabytes in a large picture) would be
// read from memory again for every step. Each pixel gets the same steps in
// the same order either way.
func (rc *recording) play(p *rasterPainter, y0, y1 int) {
	for ys := y0; ys < y1; ys += playStrip {
		rc.playRows(p, ys, min(ys+playStrip, y1))
	}
}

// playStrip is how many rows play lays at a time: a strip of a 1920-pixel
// wide picture takes 480 KB, about what a core's cache holds beside the
// coverage being read.
const playStrip = 64

func (rc *recording) playRows(p *rasterPainter, y0, y1 int) {
	p.banded, p.rows = true, [2]int{y0, y1}
	for i := range rc.ops {
		op := &rc.ops[i]
		if op.kind == 't' {
			// the rows the text's glyphs can reach (textAbove, textBelow)
			base := op.y + float64(op.off.Y)
			if base+textBelow*op.size+2 < float64(y0) || base-textAbove*op.size-2 >= float64(y1) {
				continue
			}
		} else if op.rect.Max.Y <= y0 || op.rect.Min.Y >= y1 {
			continue
		}
		p.dst, p.off = op.dst, op.off
		switch op.kind {
		case 'f':
			ys, ye := max(op.rect.Min.Y, y0), min(op.rect.Max.Y, y1)
			w := op.rect.Dx()
			blend(op.dst, image.Rect(op.rect.Min.X, ys, op.rect.Max.X, ye), op.mask[(ys-op.rect.Min.Y)*w:(ye-op.rect.Min.Y)*w], op.c)
		case 's':
			p.solid(op.c)
		case 't':
			p.Text(op.x, op.y, op.size, op.c, op.align, op.text)
		}
	}
	p.banded = false
}

// split is the row between y0 and y1 with about as much to draw above as
// below: each step counts the pixels of its box, row by row.
func (rc *recording) split(y0, y1 int) int {
	n := y1 - y0
	if cap(rc.cost) < n+1 {
		rc.cost = make([]int64, n+1)
	}
	cost := rc.cost[:n+1]
	clear(cost)
	var total int64
	for i := range rc.ops {
		op := &rc.ops[i]
		if op.kind == 't' {
			continue
		}
		a, b := max(op.rect.Min.Y, y0)-y0, min(op.rect.Max.Y, y1)-y0
		if a >= b {
			continue
		}
		w := int64(op.rect.Dx())
		cost[a] += w
		cost[b] -= w
		total += w * int64(b-a)
	}
	var run, sum int64
	for y := 0; y < n; y++ {
		run += cost[y]
		sum += run
		if 2*sum >= total {
			return y0 + y + 1
		}
	}
	return y1
}

// share gives each fill to one of the two workers to work out its
// coverage, to whichever has had less to do so far, and returns how many
// bytes of coverage each has to work out.
func (rc *recording) share() (load [2]int) {
	for i := range rc.ops {
		if op := &rc.ops[i]; op.kind == 'f' {
			op.worker = 0
			if load[1] < load[0] {
				op.worker = 1
			}
			load[op.worker] += op.rect.Dx() * op.rect.Dy()
		}
	}
	return load
}

// minHalf is the fewest rows a half is given: below it one CPU draws all.
const minHalf = 64

// inHalves draws what draw sends to r in two halves (see above), or
// straight through r on one CPU, in a small picture, or when r is already
// recording or drawing a half.
func (r *rasterPainter) inHalves(draw func(Painter)) {
	b := r.dst.Bounds()
	if r.rec != nil || r.banded || runtime.GOMAXPROCS(0) < 2 || b.Dy() < 2*minHalf {
		draw(r)
		return
	}
	dst, off := r.dst, r.off
	rc := &r.recBuf
	rc.reset()
	r.rec = rc
	draw(r)
	r.rec = nil
	y := min(max(rc.split(b.Min.Y, b.Max.Y), b.Min.Y+minHalf), b.Max.Y-minHalf)
	load := rc.share()
	if r.twin == nil {
		r.twin = &rasterPainter{}
	}
	tw := r.twin
	tw.faces = r.faces
	var rasterized, wg sync.WaitGroup
	rasterized.Add(2)
	wg.Add(1)
	go func() {
		defer wg.Done()
		rc.rasterize(tw, 1, load[1])
		rasterized.Done()
		rasterized.Wait()
		rc.play(tw, y, b.Max.Y)
	}()
	rc.rasterize(r, 0, load[0])
	rasterized.Done()
	rasterized.Wait()
	rc.play(r, b.Min.Y, y)
	wg.Wait()
	tw.dst, tw.faces = nil, nil
	r.dst, r.off = dst, off
	rc.reset()
}
