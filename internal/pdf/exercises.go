package pdf

import (
	"fmt"
	"slices"
	"strings"
	"sync"

	"chairside/internal/exercise"
	"chairside/internal/handout"
)

// Exercise pictures are drawn by internal/figure through the same painter
// as the spine, recorded and played into the PDF as vector paths: sharp
// at any zoom and a few kilobytes, with no raster image.
//
// The exercises print two to a row, each in a cell: the picture with the
// heading and the dose beside it, then the numbered steps, the "do not"
// line and the numbers of the cautions that apply. The cautions print once,
// numbered, under "Take care" (in the free cell of the last row, or below
// the rows): the same caution (a leg pain that spreads, pregnancy, thin
// bones) is shared by most exercises, and printed with each it took a
// third of the page (issue 14).

// Picture size on the page, in points (the figure's start and end poses
// side by side), the gap beside it and between the two columns.
const (
	exPicW      = 90
	exPicH      = 53
	exPicGap    = 8
	exColumnGap = 18
	// exCellGap is the space between two exercises one above the other.
	exCellGap = 6
)

// libraryExercises caches the library's exercises a handout printed, per
// language and stored ID: each is read from the embedded texts once per
// process, and only those a handout uses (a cold export read all 24).
var libraryExercises sync.Map // lang + "\n" + ID -> foundExercise

type foundExercise struct {
	ex exercise.Exercise
	ok bool
}

// libraryExercise is the library's exercise for a stretch of the handout
// (its stored ID, old IDs mapped to the stable ones), in lang.
func libraryExercise(lang, id string) (exercise.Exercise, bool) {
	key := lang + "\n" + id
	if v, ok := libraryExercises.Load(key); ok {
		f := v.(foundExercise)
		return f.ex, f.ok
	}
	ex, err := exercise.Find(lang, handout.StretchID(strings.TrimSpace(id)))
	f := foundExercise{ex, err == nil}
	libraryExercises.Store(key, f)
	return f.ex, f.ok
}

// cautionLines are a stretch's cautions, one a line: the library's
// exercises keep each caution on its own line; a stretch saved before
// holds them as one text, which is then one caution.
func cautionLines(s handout.Stretch) []string {
	var out []string
	for _, c := range strings.Split(s.Cautions, "\n") {
		if c = strings.TrimSpace(c); c != "" {
			out = append(out, c)
		}
	}
	return out
}

// cautionList is every caution of the chosen exercises once, in order of
// first use, and for each exercise the numbers of its cautions.
func cautionList(stretches []handout.Stretch) (list []string, refs [][]int) {
	num := map[string]int{}
	refs = make([][]int, len(stretches))
	for i, s := range stretches {
		for _, c := range cautionLines(s) {
			n, ok := num[c]
			if !ok {
				list = append(list, c)
				n = len(list)
				num[c] = n
			}
			refs[i] = append(refs[i], n)
		}
	}
	return list, refs
}

// cellLine is one line of text in an exercise cell.
type cellLine struct {
	frags      []frag
	marker     string
	x          float64 // from the cell's text edge
	size, lead float64
	color      rgb
}

// cell is one laid-out cell of the exercises' grid.
type cell struct {
	h    float64
	draw func(dr *drawer, x, y float64)
}

// cellText sets spans as lines of a column w wide.
func (d *document) cellText(lines []cellLine, spans []span, marker string, indent, w, size, lead float64, col rgb) []cellLine {
	for i, ln := range d.fl.breakLines(spans, size, w-indent) {
		cl := cellLine{frags: ln, x: indent, size: size, lead: lead, color: col}
		if i == 0 {
			cl.marker = marker
		}
		lines = append(lines, cl)
	}
	return lines
}

func linesHeight(lines []cellLine) float64 {
	h := 0.0
	for _, l := range lines {
		h += l.lead
	}
	return h
}

func drawLines(dr *drawer, lines []cellLine, x, y float64) {
	for _, l := range lines {
		base := y + (l.lead-l.size)/2 + l.size*0.8
		if l.marker != "" {
			dr.text(x, base, faceRegular, l.size, l.color, l.marker)
		}
		for _, f := range l.frags {
			dr.text(x+l.x+f.x, base, f.face, l.size, l.color, f.text)
		}
		y += l.lead
	}
}

// exerciseCell lays out one exercise for a column w wide: the picture
// (when the library has one for it) with the heading and the dose beside
// it, then the steps, the "do not" line and its cautions' numbers.
func (d *document) exerciseCell(s handout.Stretch, heading string, cautions []int, w float64) cell {
	const (
		headSize, headLead = 9.5, 11.5
		doseSize, doseLead = 8.5, 10.2
		stepSize, stepLead = 9, 10.8
		stepIndent         = 12
	)
	ex, ok := libraryExercise(d.w.Lang(), s.ID)
	var rec *recorder
	if ok && ex.Picture.Validate() == nil {
		rec = newRecorder(d.fl)
		ex.Picture.Draw(rec, exPicW, exPicH)
	}
	besideX, besideW := 0.0, w
	if rec != nil {
		besideX, besideW = exPicW+exPicGap, w-exPicW-exPicGap
	}
	// The clinic's video for this exercise: a QR code at the right of the
	// heading, the address in small type under it for a patient who types.
	// A stretch saved under an old ID finds the video set for its
	// exercise's stable ID.
	videoID := s.ID
	if ok {
		videoID = ex.ID
	}
	var qr *qrBlock
	if addr := d.c.Videos[videoID]; addr != "" {
		qr = d.qrBlock(addr)
		besideW -= qrSide + qrGap
	}
	top := d.cellText(nil, []span{{text: heading, bold: true}}, "", 0, besideW, headSize, headLead, colInk)
	top[len(top)-1].lead += 2
	// The dose the clinician set; a stretch saved before doses were kept
	// prints the library's usual one.
	dose := s.Dose
	if dose.IsZero() && ok {
		dose = ex.Dose
	}
	if !dose.IsZero() {
		top = d.cellText(top, []span{{text: d.w.T("handout.exercise.dose") + " ", bold: true}, {text: d.clean(dose.Words(d.w))}},
			"", 0, besideW, doseSize, doseLead, colInk)
	}
	var takeCare []span
	if len(cautions) > 0 {
		nums := make([]string, len(cautions))
		for i, c := range cautions {
			nums[i] = fmt.Sprint(c)
		}
		takeCare = []span{{text: d.w.T("pdf.exercise.takecare") + " ", bold: true},
			{text: d.w.F("pdf.exercise.see", map[string]any{"Numbers": strings.Join(nums, ", ")}), italic: true}}
	}
	topHeight := func(top []cellLine) float64 {
		h := linesHeight(top)
		if rec != nil {
			h = max(h, exPicH)
		}
		if qr != nil {
			h = max(h, qr.h)
		}
		return h
	}
	var steps []cellLine
	n := 0
	for _, step := range s.Steps {
		if step = strings.TrimSpace(step); step != "" {
			n++
			steps = d.cellText(steps, []span{{text: d.clean(step)}}, fmt.Sprintf("%d.", n), stepIndent, w, stepSize, stepLead, colInk)
		}
	}
	// The "do not" line and the numbers of the cautions run on in one
	// paragraph: "Take care: points 1, 3" mostly fits at the end of the
	// "do not" line's last line, a line per exercise saved (issue 14's two
	// pages).
	var doNot []span
	if dn := strings.TrimSpace(ex.DoNot); ok && dn != "" {
		doNot = []span{{text: d.w.T("handout.exercise.donot") + " ", bold: true}, {text: d.clean(dn)}}
	}
	below := func(closing []span) []cellLine {
		lines := slices.Clone(steps)
		if len(closing) > 0 {
			lines = d.cellText(lines, closing, "", 0, w, stepSize, stepLead, colInk)
		}
		return lines
	}
	closing := slices.Clone(doNot)
	if takeCare != nil {
		if len(closing) > 0 {
			closing[len(closing)-1].text += " "
		}
		closing = append(closing, takeCare...)
	}
	lower := below(closing)
	topH := topHeight(top)
	h := topH + 3 + linesHeight(lower)
	// Unless the exercise is shorter with "Take care" under the dose:
	// where a short heading and dose leave room beside the picture it
	// fits there, and the "do not" line loses the line it ran onto for
	// it (on a Spanish Letter page, the room the end of the source list
	// needed: issue 14).
	if takeCare != nil {
		besideTop := d.cellText(slices.Clone(top), takeCare, "", 0, besideW, doseSize, doseLead, colInk)
		besideLower := below(doNot)
		if bh := topHeight(besideTop) + 3 + linesHeight(besideLower); bh < h {
			top, lower, topH, h = besideTop, besideLower, topHeight(besideTop), bh
		}
	}
	return cell{h: h, draw: func(dr *drawer, x, y float64) {
		if rec != nil {
			pdf := dr.pdf
			pdf.SetLineJoinStyle("round")
			pdf.SetLineCapStyle("round")
			pdf.ClipRect(x, y, exPicW, exPicH, false)
			pdf.RawWriteStr("/Figure BMC")
			dr.play(&rec.rec, x, y)
			pdf.RawWriteStr("EMC")
			pdf.ClipEnd()
			dr.resync()
			pdf.SetLineJoinStyle("miter")
			pdf.SetLineCapStyle("butt")
			dr.rectStroke(x, y, exPicW, exPicH, colRule, 0.75)
		}
		drawLines(dr, top, x+besideX, y)
		if qr != nil {
			qr.draw(dr, x+w-qrSide, y)
		}
		drawLines(dr, lower, x, y+topH+3)
	}}
}

// cautionCell is "Take care": every caution of the chosen exercises once,
// numbered, and the line every exercise shares.
func (d *document) cautionCell(list []string, w float64) cell {
	const size, lead, indent = 8.5, 10.5, 13
	lines := d.cellText(nil, []span{{text: d.w.T("pdf.exercise.takecare.heading"), bold: true}}, "", 0, w, 9.5, 12.5, colInk)
	for i, c := range list {
		lines = d.cellText(lines, []span{{text: d.clean(c)}}, fmt.Sprintf("%d.", i+1), indent, w, size, lead, colInk)
		lines[len(lines)-1].lead += 1.5
	}
	lines[len(lines)-1].lead += 2
	lines = d.cellText(lines, []span{{text: d.w.T("handout.homecare.stop")}}, "", 0, w, size, lead, colMuted)
	return cell{h: linesHeight(lines), draw: func(dr *drawer, x, y float64) { drawLines(dr, lines, x, y) }}
}

// homeCare prints the chosen exercises two to a row, then the cautions
// once (the home plan's own words are on the first page, under "What to
// do").
func (d *document) homeCare() {
	stretches := d.h.HomeCare.Stretches
	if len(stretches) == 0 {
		return
	}
	fl := d.fl
	// Page 2 is the home exercises, even where the visit leaves room
	// on page 1 for their first row (a clinic without a letterhead).
	fl.endVisit()
	d.sectionHeading(d.w.T("handout.homecare.heading"))
	fl.keepLast() // the heading goes with the first row
	list, refs := cautionList(stretches)
	colW := (fl.width - exColumnGap) / 2
	cells := make([]cell, 0, len(stretches)+1)
	for i, s := range stretches {
		name := strings.TrimSpace(s.Name)
		if name == "" {
			name = s.ID
		}
		heading := d.w.F("handout.homecare.stretch", map[string]any{"Number": i + 1, "Name": d.clean(name)})
		cells = append(cells, d.exerciseCell(s, heading, refs[i], colW))
	}
	// The cautions take the free cell of the last row, else a row of
	// their own across the page.
	if len(cells)%2 == 1 {
		cells = append(cells, d.cautionCell(list, colW))
	}
	if split, h, ok := d.exerciseColumns(cells); ok {
		fl.block(h, false, func(dr *drawer, x, y float64) {
			for k, col := range [][]cell{cells[:split], cells[split:]} {
				cy := y
				for _, c := range col {
					c.draw(dr, x+float64(k)*(colW+exColumnGap), cy)
					cy += c.h + exCellGap
				}
			}
		})
	} else {
		for i := 0; i < len(cells); i += 2 {
			row := cells[i:min(i+2, len(cells))]
			h := 0.0
			for _, c := range row {
				h = max(h, c.h)
			}
			if i > 0 {
				fl.gap(exCellGap, nil)
			}
			fl.block(h, false, func(dr *drawer, x, y float64) {
				for k, c := range row {
					c.draw(dr, x+float64(k)*(colW+exColumnGap), y)
				}
			})
		}
	}
	if len(stretches)%2 == 0 {
		fl.gap(10, nil)
		fl.keepLast()
		c := d.cautionCell(list, fl.width)
		fl.block(c.h, false, c.draw)
	}
}

// exerciseColumns says whether the cells print as two columns read down
// the left and then the right (each cell whole, the split where the
// taller column is shortest), rather than two to a row: where a tall cell
// sits beside a short one (a long Spanish name over three lines beside
// the cautions), a row leaves the short one's column blank below it, and
// that blank pushed the end of the source list onto a third page (issue
// 14). It does so only when the columns are shorter than the rows and
// print where the rows would start: the rows can break between them onto
// the next page, one block of columns cannot. split is the first cell of
// the right column and h the block's height.
func (d *document) exerciseColumns(cells []cell) (split int, h float64, ok bool) {
	if len(cells) < 3 {
		return 0, 0, false
	}
	rows, first := 0.0, 0.0
	for i := 0; i < len(cells); i += 2 {
		rh := cells[i].h
		if i+1 < len(cells) {
			rh = max(rh, cells[i+1].h)
		}
		if i == 0 {
			first = rh
		} else {
			rows += exCellGap
		}
		rows += rh
	}
	column := func(cs []cell) float64 {
		t := 0.0
		for i, c := range cs {
			if i > 0 {
				t += exCellGap
			}
			t += c.h
		}
		return t
	}
	h = -1
	for k := 1; k < len(cells); k++ {
		if t := max(column(cells[:k]), column(cells[k:])); h < 0 || t < h {
			split, h = k, t
		}
	}
	if h >= rows {
		return 0, 0, false
	}
	// Where the exercises start (their heading included).
	room := d.roomLeft()
	switch {
	case h <= room:
		return split, h, true
	case first > room && h <= d.g.bottom-d.g.top:
		// The rows would not start on this page either.
		return split, h, true
	}
	return 0, 0, false
}
