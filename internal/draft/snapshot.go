package draft

import (
	"slices"
	"strings"

	"chairside/internal/content"
	"chairside/internal/exercise"
	"chairside/internal/handout"
)

// A handout keeps the texts as they were printed, so it reprints the same
// after the library changes. These are the one way to take that snapshot,
// used by drafting (FromSession), the editor and the command line alike.

// ItemOf is the snapshot of one library text as a handout item: its ID,
// heading, Markdown, sources, key points and which sources those rest
// on, sharing no memory with the library.
func ItemOf(t content.Text) handout.Item {
	return handout.Item{Ref: t.ID, Title: t.Title, Body: t.Body, Sources: slices.Clone(t.Sources),
		KeyPoints: slices.Clone(t.KeyPoints), KeySources: slices.Clone(t.KeySources)}
}

// StretchOf is the snapshot of one home stretch: its ID, name, every step
// and its cautions, sharing no memory with the library.
func StretchOf(s content.Stretch) handout.Stretch {
	return handout.Stretch{ID: s.ID, Name: s.Name, Steps: slices.Clone(s.Steps), Cautions: s.Cautions}
}

// LibraryStretch finds a stretch of the library by its ID, letter case
// forgiven, and returns its snapshot. The ID may be given without its
// "exercise:" prefix, or in its old form (see handout.StretchID).
func LibraryStretch(lib *content.Library, id string) (handout.Stretch, bool) {
	id = handout.StretchID(strings.ToLower(strings.TrimSpace(id)))
	for _, s := range lib.Stretches() {
		if s.ID == id || s.ID == "exercise:"+id {
			return StretchOf(s), true
		}
	}
	return handout.Stretch{}, false
}

// StretchOfExercise is the snapshot of one exercise of the library as a
// home stretch: its stable ID, title, steps, usual dose and cautions (one a line, so
// the handout prints each once however many exercises share it), sharing no
// memory with the library.
func StretchOfExercise(ex exercise.Exercise) handout.Stretch {
	return handout.Stretch{ID: ex.ID, Name: ex.Title, Steps: slices.Clone(ex.Steps), Cautions: strings.Join(ex.Cautions, "\n"), Dose: ex.Dose}
}
