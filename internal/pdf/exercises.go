package pdf

import (
	"fmt"
	"strings"
	"sync"

	"chairside/internal/exercise"
	"chairside/internal/handout"
)

// Exercise pictures are drawn by internal/figure through the same painter
// as the spine, recorded and played into the PDF as vector paths: sharp
// at any zoom and a few kilobytes, with no raster image.

// Picture size on the page, in points, and the gap to the steps beside it.
const (
	exPicW   = 120
	exPicH   = 71
	exPicGap = 12
)

// libraries caches the exercise library per language: it is read from the
// embedded texts once per process, not once per handout.
var libraries sync.Map // lang -> *exercise.Library

// libraryExercise is the library's exercise for a stretch of the handout
// (its stored ID, old IDs mapped to the stable ones), in lang.
func libraryExercise(lang, id string) (exercise.Exercise, bool) {
	v, ok := libraries.Load(lang)
	if !ok {
		lib, err := exercise.Load(lang)
		if err != nil {
			return exercise.Exercise{}, false
		}
		v, _ = libraries.LoadOrStore(lang, lib)
	}
	ex, err := v.(*exercise.Library).Get(handout.StretchID(strings.TrimSpace(id)))
	return ex, err == nil
}

// exerciseBlock is one exercise with its picture: the picture on the left,
// its heading, numbered steps, dose, "do not" line and caution beside it. It returns
// false when the library has no picture for the stretch.
func (d *document) exerciseBlock(s handout.Stretch, heading string) bool {
	ex, ok := libraryExercise(d.w.Lang(), s.ID)
	if !ok || ex.Picture.Validate() != nil {
		return false
	}
	fl := d.fl
	rec := newRecorder(fl)
	ex.Picture.Draw(rec, exPicW, exPicH)
	colW := fl.width - exPicW - exPicGap
	const size, lead = sizeBody - 0.5, 11.8
	type line struct {
		frags  []frag
		marker string
		indent float64
		after  float64
	}
	var lines []line
	add := func(spans []span, marker string, indent, after float64) {
		ls := fl.breakLines(spans, size, colW-indent)
		for i, l := range ls {
			ln := line{frags: l, indent: indent}
			if i == 0 {
				ln.marker = marker
			}
			if i == len(ls)-1 {
				ln.after = after
			}
			lines = append(lines, ln)
		}
	}
	// The heading sits at the top of the column, beside the picture, so
	// the exercise costs no line of its own above it.
	add([]span{{text: heading, bold: true}}, "", 0, 2)
	n := 0
	for _, step := range s.Steps {
		if step = strings.TrimSpace(step); step != "" {
			n++
			add([]span{{text: d.clean(step)}}, fmt.Sprintf("%d.", n), 14, 1)
		}
	}
	add([]span{{text: d.w.T("handout.exercise.dose") + " ", bold: true}, {text: d.clean(ex.Dose.Words(d.w.Lang()))}}, "", 0, 1)
	if dn := strings.TrimSpace(ex.DoNot); dn != "" {
		add([]span{{text: d.w.T("handout.exercise.donot") + " ", bold: true}, {text: d.clean(dn)}}, "", 0, 1)
	}
	if c := strings.TrimSpace(s.Cautions); c != "" {
		add([]span{{text: d.w.T("handout.homecare.caution") + " ", bold: true}, {text: d.clean(c), italic: true}}, "", 0, 1)
	}
	h := 0.0
	for _, l := range lines {
		h += lead + l.after
	}
	h = max(h, exPicH) + 6
	fl.block(h, false, func(dr *drawer, x, y float64) {
		y += 3
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
		tx, ty := x+exPicW+exPicGap, y
		for _, l := range lines {
			base := ty + size
			if l.marker != "" {
				dr.text(tx, base, faceRegular, size, colInk, l.marker)
			}
			for _, f := range l.frags {
				dr.text(tx+l.indent+f.x, base, f.face, size, colInk, f.text)
			}
			ty += lead + l.after
		}
	})
	return true
}
