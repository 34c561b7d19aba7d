package pdf

import (
	"chairside/internal/anatomy"
	"chairside/internal/handout"
	"chairside/internal/i18n"
)

// PrepareHandout starts reading, on the other processor core, what this
// handout needs beyond what Prepare reads: its exercises from the library
// (the layout reaches them early), then the views its figure draws beyond
// the side view: the view from behind when the figure shows it, and the
// level seen from above for the inset of a disc or canal finding. A cold
// export calls it as soon as the handout is read from the database; the
// other core, free again once Prepare's faces are parsed, reads them while
// the pages are laid out (the level from above was about 2% of a cold
// export's processor time and the exercises 1.3%, all on the main thread
// before). Each is made once and kept (libraryExercise's and anatomy's
// caches), so the layout takes the one made here, or makes it itself if
// it gets there first; nothing printed depends on this call.
func PrepareHandout(h handout.Handout) {
	var views []anatomy.View
	figure, _, _ := figureViews(h)
	for _, v := range figure {
		if v != anatomy.Lateral { // Prepare reads the side view
			views = append(views, v)
		}
	}
	if seg := insetLevel(h); seg != "" {
		views = append(views, anatomy.AxialView(seg))
	}
	stretches := h.HomeCare.Stretches
	if len(views) == 0 && len(stretches) == 0 {
		return
	}
	go func() {
		// The exercises first: the layout reaches them before the
		// figure is drawn.
		lang := i18n.For(h.Lang).Lang()
		for _, s := range stretches {
			libraryExercise(lang, s.ID)
		}
		for _, v := range views {
			anatomy.StructureBounds(v, "")
		}
	}()
}
