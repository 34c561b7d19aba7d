package pdf

import (
	"fmt"
)

// logDays is how many days the exercise log covers: two weeks, the usual
// time to the next visit, and long enough to show a trend.
const logDays = 14

// exerciseLog prints the two-week log under the exercises when the
// handout asks for it: a row of day numbers, a tick box a day for the
// exercises done and a box a day for the pain score from 0 to 10, with a
// line that says how to fill it in, all in the handout's language.
func (d *document) exerciseLog() {
	if !d.h.ExerciseLog || len(d.h.HomeCare.Stretches) == 0 {
		return
	}
	fl := d.fl
	fl.para([]span{{text: d.w.T("pdf.log.heading"), bold: true}}, paraStyle{
		size: sizeSubhead, leading: leadSubhead, color: colAccent, before: 10, after: 1, heading: true})
	fl.para([]span{{text: d.w.T("pdf.log.intro")}}, paraStyle{size: 9, leading: 11.5, color: colInk, after: 4, heading: true})
	const (
		size   = 8.5
		rowDay = 14.0 // the row of day numbers
		row    = 20.0 // a row to write in
		pad    = 4.0
	)
	labels := []string{d.w.T("pdf.log.day"), d.w.T("pdf.log.done"), d.w.T("pdf.log.pain")}
	labelW := 0.0
	for _, l := range labels {
		labelW = max(labelW, fl.measure(faceBold, size, l))
	}
	labelW += 2 * pad
	cellW := (fl.width - labelW) / logDays
	h := rowDay + 2*row
	fl.block(h, false, func(dr *drawer, x, y float64) {
		// The grid: a box a day on the two rows to write in.
		tops := []float64{y + rowDay, y + rowDay + row}
		for r, top := range tops {
			dr.text(x+pad, top+row/2+size*0.35, faceBold, size, colInk, labels[r+1])
			for i := range logDays {
				cx := x + labelW + float64(i)*cellW
				if r == 0 {
					// A tick box, square, in the middle of the cell.
					s := min(cellW, row) - 8
					dr.rectStroke(cx+(cellW-s)/2, top+(row-s)/2, s, s, colInk, 0.6)
				} else {
					dr.rectStroke(cx+1.5, top+2, cellW-3, row-4, colInk, 0.6)
				}
			}
		}
		dr.text(x+pad, y+rowDay/2+size*0.35, faceBold, size, colMuted, labels[0])
		for i := range logDays {
			n := fmt.Sprint(i + 1)
			w := fl.measure(faceRegular, size, n)
			cx := x + labelW + float64(i)*cellW
			dr.text(cx+(cellW-w)/2, y+rowDay/2+size*0.35, faceRegular, size, colMuted, n)
		}
		dr.line(x, y+rowDay, x+labelW+logDays*cellW, y+rowDay, colRule, 0.5)
	})
}
