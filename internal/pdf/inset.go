package pdf

import (
	"math"

	"chairside/internal/anatomy"
	"chairside/internal/diagram"
	"chairside/internal/handout"
	"chairside/internal/i18n"
)

// The view from above as a small inset in the printed handout (issue 13):
// a handout with a disc finding, a narrowed canal (stenosis) or a narrowed
// opening (foraminal narrowing) shows that level cut across and seen from
// above, in the corner of the spine picture where it covers the least,
// drawn by the same diagram.Draw as the screen with the handout's marks,
// so the finding shows there as it does in the app.

// Inset geometry in points.
const (
	insetMax    = 92   // the inset's side at most
	insetMin    = 56   // and at least
	insetShare  = 0.56 // of the panel's width at most
	insetPad    = 3    // from the panel's edge
	insetTitle  = 6.5  // title size
	insetBand   = 10   // the title's band above the picture
	insetScale  = 0.42 // the diagram's words
	insetBorder = 0.6
)

// insetLevel is the level of the first disc, stenosis or narrowing
// finding of the handout, and "" when it has none with a level.
func insetLevel(h handout.Handout) string {
	for _, m := range h.Marks {
		st, ok := anatomy.Lookup(m.Structure)
		if !ok {
			continue
		}
		switch {
		case st.Kind == anatomy.Disc && m.Finding != handout.PainArea && m.Finding != handout.Stiffness,
			m.Finding == handout.Stenosis, m.Finding == handout.Narrowing:
			if seg := anatomy.AxialLevelOf(st.ID); seg != "" {
				return seg
			}
		}
	}
	return ""
}

// insetRoom is free space beside the spine figure (in the legend's
// column, below what is written there), in page points.
type insetRoom struct{ x, y, w, bottom float64 }

// drawAxialInset draws the inset for a spine figure whose top-left corner
// is at (x, y): in the free room beside it when there is enough, else in
// the corner of the spine picture where it covers the least. It is the
// one call the handout's figure makes.
func drawAxialInset(dr *drawer, fl *flow, h handout.Handout, w i18n.Words, fig *spineFigure, x, y float64, room insetRoom) {
	seg := insetLevel(h)
	if seg == "" || fig == nil || len(fig.views) == 0 {
		return
	}
	var ix, iy, side float64
	if s := math.Min(insetMax, math.Min(room.w, room.bottom-room.y-insetBand)); s >= insetMin {
		ix, iy, side = room.x, room.y, s
	} else {
		last := len(fig.views) - 1
		cx, cy, s := insetCorner(fig, h)
		ix, iy, side = x+float64(last)*(fig.panelW+figGap)+cx, y+cy, s
	}
	sc := diagram.Scene{View: anatomy.AxialView(seg), Marks: diagramMarks(h.Marks), TextScale: insetScale, Lang: w.Lang(), Inset: true}
	rec := newRecorder(fl)
	diagram.NewRenderer().Draw(rec, sc, side, side)
	bg := diagram.Light.Background()
	dr.rect(ix, iy, side, side+insetBand, 0, rgb{bg.R, bg.G, bg.B}, colRule, insetBorder)
	title := diagram.AxialTitle(seg, w.Lang())
	size := insetTitle
	if tw := fl.measure(faceRegular, size, title); tw > side-4 {
		size *= (side - 4) / tw
	}
	dr.text(ix+2, iy+insetBand-2.8, faceRegular, size, colMuted, title)
	pdf := dr.pdf
	pdf.ClipRect(ix, iy+insetBand, side, side, false)
	pdf.RawWriteStr("/Figure BMC")
	dr.play(&rec.rec, ix, iy+insetBand)
	pdf.RawWriteStr("EMC")
	pdf.ClipEnd()
	dr.resync()
	dr.rectStroke(ix, iy, side, side+insetBand, colRule, insetBorder)
}

// insetCorner is where in the last panel the inset goes (its top-left
// corner, from the panel's) and its side: the largest that keeps the
// marked structures and their badges in sight, in the corner where it
// covers the least of the drawing; at the smallest size, the corner that
// covers the marked structures least.
func insetCorner(fig *spineFigure, h handout.Handout) (x, y, side float64) {
	v := fig.views[len(fig.views)-1]
	discussed, marked := figureStructures(h)
	ids := append(append([]string(nil), discussed...), marked...)
	cam := diagram.CameraFor(v, frame(v, ids, fig.panelW/fig.panelH), fig.panelW, fig.panelH)
	t := diagram.Fit(diagram.Scene{View: v, Camera: cam}, fig.panelW, fig.panelH)
	type spot struct{ x, y, side, marks, all float64 }
	var spots []spot
	for s := math.Min(insetMax, fig.panelW*insetShare); s >= insetMin; s -= 4 {
		bw, bh := s, s+insetBand
		for _, c := range [][2]float64{
			{fig.panelW - bw - insetPad, fig.panelH - bh - insetPad}, // bottom right first: the legend is beside it
			{fig.panelW - bw - insetPad, insetPad},
			{insetPad, fig.panelH - bh - insetPad},
			{insetPad, insetPad},
		} {
			m, a := insetCover(v, t, ids, c[0], c[1], bw, bh)
			spots = append(spots, spot{c[0], c[1], s, m, a})
		}
	}
	best := -1
	for i, sp := range spots {
		if sp.marks > 0 {
			continue
		}
		if best < 0 || sp.side > spots[best].side || (sp.side == spots[best].side && sp.all < spots[best].all) {
			best = i
		}
	}
	if best < 0 {
		for i, sp := range spots {
			if best < 0 || sp.marks < spots[best].marks {
				best = i
			}
		}
	}
	sp := spots[best]
	return sp.x, sp.y, sp.side
}

// insetCover is how much of the drawing a box in the panel covers: of the
// marked and discussed structures (with room for their badges), and of
// everything, context aside.
func insetCover(v anatomy.View, t diagram.Transform, ids []string, cx, cy, bw, bh float64) (marks, all float64) {
	overlap := func(r anatomy.Rect) float64 {
		x0, y0 := t.ToPixel(r.Min)
		x1, y1 := t.ToPixel(r.Max)
		ox := math.Min(x1, cx+bw) - math.Max(x0, cx)
		oy := math.Min(y1, cy+bh) - math.Max(y0, cy)
		if ox > 0 && oy > 0 {
			return ox * oy
		}
		return 0
	}
	for _, s := range anatomy.Shapes(v) {
		if s.Part == anatomy.PartPelvis || s.Part == anatomy.PartRib || s.Part == anatomy.PartSkull {
			continue // context, as the framing treats it
		}
		all += overlap(s.Bounds)
	}
	for _, id := range ids {
		if r, ok := anatomy.StructureBounds(v, id); ok {
			marks += overlap(r.Inset(-25)) // with room for its badge
		}
	}
	return marks, all
}
