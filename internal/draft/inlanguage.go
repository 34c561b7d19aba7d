package draft

import (
	"chairside/internal/content"
	"chairside/internal/exercise"
	"chairside/internal/handout"
)

// libraryExercise is the exercise library's exercise id in lang.
func libraryExercise(lang, id string) (exercise.Exercise, bool) {
	lib, err := exercise.Load(lang)
	if err != nil {
		return exercise.Exercise{}, false
	}
	ex, err := lib.Get(handout.StretchID(id))
	return ex, err == nil
}

// InLanguage is the handout as printed in lib's language for one printout
// (`handouts export --lang`, the print preview's language choice): the
// fixed words follow its language, and each explanation, the red-flag
// list and each stretch are the library's texts, taken the same way a new
// handout takes them. What the clinician typed (title, notes, the marks'
// notes, instructions) prints as typed. An item or stretch the library no
// longer has keeps its saved text, so nothing on the handout is lost. h
// itself is not changed, and nothing is saved: the patient's language and
// the stored handout stay as they were.
func InLanguage(h handout.Handout, lib *content.Library) handout.Handout {
	out := h
	out.Lang = lib.Lang()
	out.Items = make([]handout.Item, len(h.Items))
	for i, it := range h.Items {
		out.Items[i] = it
		if t, err := lib.Explain(it.Ref); err == nil {
			item := ItemOf(t)
			// The clinician's choice of the full text over the key points
			// is theirs, not the library's.
			item.Full = it.Full
			out.Items[i] = item
		}
	}
	out.SeekCare = lib.RedFlags()
	out.HomeCare.Stretches = make([]handout.Stretch, len(h.HomeCare.Stretches))
	for i, s := range h.HomeCare.Stretches {
		out.HomeCare.Stretches[i] = s
		// Stretch IDs are the same in every language (handout.StretchID).
		if ex, ok := libraryExercise(lib.Lang(), s.ID); ok {
			out.HomeCare.Stretches[i] = StretchOfExercise(ex)
		} else if ls, ok := LibraryStretch(lib, s.ID); ok {
			out.HomeCare.Stretches[i] = ls
		}
		// The dose is the clinician's, in any language; a stretch saved
		// before doses were kept prints the library's usual one still.
		out.HomeCare.Stretches[i].Dose = s.Dose
	}
	return out
}
