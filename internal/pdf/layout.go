package pdf

import (
	"strings"
	"unicode/utf8"

	"chairside/internal/handout"
)

// The handout is laid out in two passes. The first (this file) turns the
// content into a flat list of items (lines of text, gaps, drawings) with
// their heights, and then cuts that list into pages, keeping headings with
// the start of their section. The second pass (pdf.go) draws each page.
// Knowing every page before drawing the first lets the footer say
// "Page 1 of 4" without patching the PDF afterwards.

// rgb is a print colour.
type rgb struct{ r, g, b uint8 }

// Print palette: dark ink for reading, one calm accent for headings, and red
// kept for the "seek care" box only.
var (
	colInk     = rgb{33, 37, 41}
	colAccent  = rgb{22, 62, 110}
	colMuted   = rgb{92, 98, 105}
	colRule    = rgb{196, 203, 210}
	colRed     = rgb{170, 29, 36}
	colRedFill = rgb{253, 238, 237}
)

type itemKind int

const (
	itemLine  itemKind = iota // a line of text
	itemGap                   // vertical space, dropped at the top of a page
	itemRule                  // a thin horizontal rule
	itemBlock                 // a drawing of fixed height (header, diagram)
	// itemVisitEnd ends the visit's page: what follows starts page 2
	// when it would start on page 1 (page 1 is the visit, issue 14).
	itemVisitEnd
)

// frag is a run of text in one face on one line, x relative to the line.
type frag struct {
	x    float64
	text string
	face face
}

// item is one unit of the page flow.
type item struct {
	kind itemKind
	h    float64
	// keep binds this item to the next: the page may not break after it.
	keep bool
	// box, when set, draws a panel behind every item of the same box on a page.
	box *box

	// lines
	x, size, baseline float64
	color             rgb
	frags             []frag

	// blocks
	draw func(d *drawer, x, y float64)

	// placement, set by paginate
	page int
	y    float64
}

// box is a framed panel (the red-flags box) behind a run of items.
type box struct {
	stroke, fill rgb
	pad          float64
}

// paraStyle says how a paragraph is set.
type paraStyle struct {
	size, leading float64
	color         rgb
	indent        float64 // left edge of the text, from the content edge
	marker        string  // list marker, hung left of indent
	markerBold    bool
	markerGap     float64 // space between marker and text; 0 for the list default
	before, after float64 // space around the paragraph
	heading       bool    // keep with the following lines
	box           *box
}

// flow collects the items of one handout.
type flow struct {
	fonts *fontSet
	used  [faceCount]bool
	// beyondCompact is set once any text needs the full faces.
	beyondCompact bool
	width         float64 // content width
	items         []item
}

// measure is the width of s in points. All text that is printed passes
// through here, which is how the flow learns which faces and characters
// the document needs.
func (fl *flow) measure(f face, size float64, s string) float64 {
	fl.used[f] = true
	if !fl.beyondCompact && !fl.fonts.compactCovers(s) {
		fl.beyondCompact = true
	}
	return fl.fonts.width(f, size, s)
}

func (fl *flow) gap(h float64, b *box) {
	if h > 0 {
		fl.items = append(fl.items, item{kind: itemGap, h: h, box: b})
	}
}

// para sets styled text as lines within the content width.
func (fl *flow) para(spans []span, st paraStyle) {
	fl.gap(st.before, st.box)
	inset := 0.0
	if st.box != nil {
		inset = st.box.pad
	}
	x := st.indent + inset
	lines := fl.breakLines(spans, st.size, fl.width-x-inset)
	if len(lines) == 0 && st.marker != "" {
		lines = [][]frag{nil}
	}
	first := len(fl.items)
	for _, ln := range lines {
		fl.items = append(fl.items, item{
			kind: itemLine, h: st.leading, x: x, size: st.size, color: st.color,
			baseline: (st.leading-st.size)/2 + st.size*0.8, frags: ln, box: st.box,
		})
	}
	if st.marker != "" {
		mf := faceRegular
		if st.markerBold {
			mf = faceBold
		}
		mw := fl.measure(mf, st.size, st.marker)
		gap := st.markerGap
		if gap == 0 {
			gap = st.size * 0.45
		}
		it := &fl.items[first]
		it.frags = append([]frag{{x: -mw - gap, text: st.marker, face: mf}}, it.frags...)
	}
	n := len(lines)
	switch {
	case st.heading:
		for i := first; i < len(fl.items); i++ {
			fl.items[i].keep = true
		}
	case n >= 2:
		// No single first line at the foot of a page, no single last
		// line at the head of the next.
		fl.items[first].keep = true
		fl.items[first+n-2].keep = true
	}
	fl.gap(st.after, st.box)
}

// keepLast binds the last item placed to whatever comes next, so that a
// small closing part (a sources line, a stretch) does not start a page alone.
func (fl *flow) keepLast() {
	for i := len(fl.items) - 1; i >= 0; i-- {
		if fl.items[i].kind != itemGap {
			fl.items[i].keep = true
			return
		}
	}
}

// keepEnd closes a unit of the flow that began at item start (a list, a
// sources list, a stretch): the line before the unit's last line is bound
// to it, so the last line never starts a page alone. For a paragraph of
// several lines para already does this; keepEnd matters when the unit
// ends with a one-line paragraph (a short caution, list item or source).
func (fl *flow) keepEnd(start int) {
	last := true
	for i := len(fl.items) - 1; i >= start; i-- {
		if fl.items[i].kind == itemGap {
			continue
		}
		if !last {
			fl.items[i].keep = true
			return
		}
		last = false
	}
}

// rule adds a thin horizontal line.
func (fl *flow) rule(before, after float64) {
	fl.gap(before, nil)
	fl.items = append(fl.items, item{kind: itemRule, h: 0.75, color: colRule})
	fl.gap(after, nil)
}

// endVisit makes what follows start page 2 when it would start on page 1.
func (fl *flow) endVisit() {
	fl.items = append(fl.items, item{kind: itemVisitEnd})
}

// block adds a drawing of fixed height.
func (fl *flow) block(h float64, keep bool, draw func(d *drawer, x, y float64)) {
	fl.items = append(fl.items, item{kind: itemBlock, h: h, keep: keep, draw: draw})
}

// word is a run of text without break opportunities, possibly in several
// faces ("**bold**ly").
type word struct {
	parts []frag // x unused here
	space bool   // a space precedes it
	br    bool   // a forced line break precedes it
}

// words splits styled spans at spaces and newlines.
func splitWords(spans []span) []word {
	var out []word
	space, br := false, false
	for _, sp := range spans {
		f := faceOf(sp.bold, sp.italic)
		s := sp.text
		for len(s) > 0 {
			r, n := utf8.DecodeRuneInString(s)
			switch r {
			case ' ': // a no-break space (U+00A0) stays inside its word
				space = true
				s = s[n:]
				continue
			case '\n':
				br = true
				space = false
				s = s[n:]
				continue
			}
			end := strings.IndexAny(s, " \n")
			if end < 0 {
				end = len(s)
			}
			// A no-break space holds its word together, then prints as
			// a plain space: copied or searched text finds "Sources 3",
			// and the compact fonts need no glyph of its own.
			chunk := strings.ReplaceAll(s[:end], "\u00a0", " ")
			s = s[end:]
			if !space && !br && len(out) > 0 {
				w := &out[len(out)-1]
				w.parts = append(w.parts, frag{text: chunk, face: f})
			} else {
				out = append(out, word{parts: []frag{{text: chunk, face: f}}, space: space, br: br})
			}
			space, br = false, false
		}
	}
	return out
}

// breakLines fills lines of at most width points, left aligned. A word
// wider than a whole line (a long web address) is cut where it fits, after
// a "/" or "-" when there is one, so nothing runs past the margin.
func (fl *flow) breakLines(spans []span, size, width float64) [][]frag {
	words := splitWords(spans)
	var lines [][]frag
	var cur []frag
	x := 0.0
	flush := func() {
		lines = append(lines, cur)
		cur, x = nil, 0
	}
	put := func(p frag, withSpace bool) {
		w := fl.measure(p.face, size, p.text)
		if withSpace {
			// The space is drawn as a character, not left as a gap, so
			// text copied or read aloud from the PDF keeps its spaces.
			sw := fl.measure(p.face, size, " ")
			if n := len(cur); n > 0 && cur[n-1].face == p.face {
				cur[n-1].text += " " + p.text
			} else {
				cur = append(cur, frag{x: x, text: " " + p.text, face: p.face})
			}
			x += sw + w
			return
		} else if n := len(cur); n > 0 && cur[n-1].face == p.face {
			cur[n-1].text += p.text
			x += w
			return
		}
		cur = append(cur, frag{x: x, text: p.text, face: p.face})
		x += w
	}
	for i, wd := range words {
		if wd.br && i > 0 {
			flush()
		}
		ww := 0.0
		for _, p := range wd.parts {
			ww += fl.measure(p.face, size, p.text)
		}
		gap := 0.0
		if wd.space && len(cur) > 0 {
			gap = fl.measure(wd.parts[0].face, size, " ")
		}
		if len(cur) > 0 && x+gap+ww > width {
			flush()
			gap = 0
		}
		if ww <= width-x-gap {
			for j, p := range wd.parts {
				put(p, j == 0 && gap > 0)
			}
			continue
		}
		// Too long for any line: cut it, part by part.
		for j, p := range wd.parts {
			text := p.text
			withSpace := j == 0 && gap > 0
			for text != "" {
				room := width - x
				if withSpace {
					room -= fl.measure(p.face, size, " ")
				}
				head, rest := cutToWidth(fl, p.face, size, text, room)
				if head == "" {
					if len(cur) == 0 {
						// Not even one character fits (absurdly narrow
						// column): take one anyway rather than loop.
						_, n := utf8.DecodeRuneInString(text)
						head, rest = text[:n], text[n:]
					} else {
						flush()
						withSpace = false
						continue
					}
				}
				put(frag{text: head, face: p.face}, withSpace)
				withSpace = false
				text = rest
				if text != "" {
					flush()
				}
			}
		}
	}
	if len(cur) > 0 {
		flush()
	}
	return lines
}

// cutToWidth splits s so that its head fits in room, preferring to cut
// after a character where addresses and compound words naturally break.
func cutToWidth(fl *flow, f face, size float64, s string, room float64) (string, string) {
	tab := fl.fonts.widths[f]
	limit := int(room * 1000 / size)
	w, fit, soft := 0, 0, 0
	for i, r := range s {
		if r < 0x10000 {
			w += int(tab[r])
		}
		if w > limit {
			break
		}
		n := i + utf8.RuneLen(r)
		fit = n
		if strings.ContainsRune("/-_.?&=,;", r) {
			soft = n
		}
	}
	if fit == len(s) {
		return s, ""
	}
	// A soft break only when it keeps most of the line filled.
	if soft > 0 && soft*2 > fit {
		fit = soft
	}
	return s[:fit], s[fit:]
}

// page geometry in points.
type geometry struct {
	w, h                float64
	left, right         float64 // margins
	firstTop, top       float64 // where content starts on page 1 and on later pages
	bottom              float64 // content must end above this y
	footerY, runningHdr float64 // baselines
}

// largePrint is how much larger a large-print handout is set: body text
// of 10.5 pt becomes 14 pt.
const largePrint = 14 / sizeBody

// scaled is the page as laid out for printing k times larger: every
// length divided by k. The handout is laid out on it as usual and each
// page drawn scaled by k onto the paper, so type, leading, pictures and
// gaps all grow alike and the margins come out the same on paper.
func (g geometry) scaled(k float64) geometry {
	return geometry{w: g.w / k, h: g.h / k, left: g.left / k, right: g.right / k, firstTop: g.firstTop / k, top: g.top / k,
		bottom: g.bottom / k, footerY: g.footerY / k, runningHdr: g.runningHdr / k}
}

func geometryFor(p handout.Paper) geometry {
	g := geometry{w: 612, h: 792}
	if p == handout.A4 {
		g.w, g.h = 595.28, 841.89
	}
	// Margins of about 0.6 inch: any office printer prints them, and the
	// standard handout (four items, three exercises) needs the room to
	// stay on two pages.
	g.left, g.right = 44, 44
	g.firstTop = 40
	// Later pages start 7 points below the running header's rule and end
	// 5 above the footer's: enough to keep them apart. The header and the
	// footer sit close to the paper's edges (their baselines 34 and 32
	// points in, about 0.45 inch, inside what office printers print): a
	// Spanish four-item handout's second page needed the 9 points this
	// gave it over 38 and 36 (fouritems_test.go).
	g.top = 47
	g.runningHdr = 34
	g.bottom = g.h - 49
	g.footerY = g.h - 32
	return g
}

// paginate places every item on a page and returns the page count.
func paginate(items []item, g geometry) int {
	page := 1
	y := g.firstTop
	atTop := true
	newPage := func() {
		page++
		y = g.top
		atTop = true
	}
	fullPage := g.bottom - g.top
	prevKeep := false // the last item that was not a gap binds to what follows
	for i := range items {
		it := &items[i]
		if it.kind == itemVisitEnd {
			if page == 1 && !atTop {
				newPage()
			}
			it.page, it.y = page, y
			continue
		}
		if it.keep && !prevKeep && !atTop {
			// The start of a run that must stay together: the run and
			// the first item after it. If it would not fit on a fresh
			// page either, it breaks where it must.
			need := 0.0
			for j := i; j < len(items); j++ {
				need += items[j].h
				if items[j].kind != itemGap && !items[j].keep {
					break
				}
				if b := items[j].box; b != nil && (j+1 == len(items) || items[j+1].box != b) {
					break // a panel's closing padding ends its run
				}
			}
			if y+need > g.bottom && need <= fullPage {
				newPage()
			}
		}
		if it.kind == itemGap {
			// Space is dropped at the top of a page (except a panel's own
			// padding) and never reaches into the footer.
			if atTop && it.box == nil {
				it.h = 0
			}
			it.h = max(0, min(it.h, g.bottom-y))
			it.page, it.y = page, y
			y += it.h
			if it.box != nil && (i+1 == len(items) || items[i+1].box != it.box) {
				// A panel's closing padding: what follows is a new run,
				// not bound to the panel kept whole above it.
				prevKeep = false
			}
			continue
		}
		prevKeep = it.keep
		if !atTop && y+it.h > g.bottom {
			newPage()
		}
		it.page, it.y = page, y
		y += it.h
		atTop = false
	}
	return page
}
