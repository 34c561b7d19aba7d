package pdf

import (
	"chairside/internal/anatomy"
	"chairside/internal/handout"
)

// PrepareHandout starts building, on the other processor core, the views
// this handout's figure draws beyond the side view Prepare reads: the view
// from behind when the figure shows it, and the level seen from above for
// the inset of a disc or canal finding. A cold export calls it as soon as
// the handout is read from the database; the pages are laid out before
// the figure is drawn, and meanwhile the other core, free again once
// Prepare's faces are parsed, builds them (the level from above was about
// 2% of a cold export's processor time, all of it on the main thread
// before). Each view is made once and kept (anatomy's caches), so the
// drawing takes the one built here, or builds it itself if it gets there
// first; nothing printed depends on this call.
func PrepareHandout(h handout.Handout) {
	var views []anatomy.View
	discussed, marked := figureStructures(h)
	if ids := append(append([]string(nil), discussed...), marked...); len(ids) > 0 && needsBackView(h, ids) {
		views = append(views, anatomy.Posterior)
	}
	if seg := insetLevel(h); seg != "" {
		views = append(views, anatomy.AxialView(seg))
	}
	if len(views) == 0 {
		return
	}
	go func() {
		for _, v := range views {
			anatomy.StructureBounds(v, "")
		}
	}()
}
