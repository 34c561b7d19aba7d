package handout

import (
	"slices"
	"strings"

	"chairside/internal/content"
)

// A handout keeps the texts as they were printed, so it reprints the same
// after the library changes. These are the one way to take that snapshot,
// used by drafting (FromSession), the editor and the command line alike.

// ItemOf is the snapshot of one library text as a handout item: its ID,
// heading, Markdown and sources, sharing no memory with the library.
func ItemOf(t content.Text) Item {
	return Item{Ref: t.ID, Title: t.Title, Body: t.Body, Sources: slices.Clone(t.Sources)}
}

// StretchOf is the snapshot of one home stretch: its ID, name, every step
// and its cautions, sharing no memory with the library.
func StretchOf(s content.Stretch) Stretch {
	return Stretch{ID: s.ID, Name: s.Name, Steps: slices.Clone(s.Steps), Cautions: s.Cautions}
}

// LibraryStretch finds a stretch of the library by its ID, letter case
// forgiven, and returns its snapshot. The ID may be given without its
// "exercise:" prefix, or in its old form (see StretchID).
func LibraryStretch(lib *content.Library, id string) (Stretch, bool) {
	id = StretchID(strings.ToLower(strings.TrimSpace(id)))
	for _, s := range lib.Stretches() {
		if s.ID == id || s.ID == "exercise:"+id {
			return StretchOf(s), true
		}
	}
	return Stretch{}, false
}

// legacyStretchIDs are the IDs stretches were stored under before their
// IDs were stable: a slug of the name in the handout's language, so the
// same stretch was "cat-cow" on an English handout and "gato-vaca" on a
// Spanish one. They are a closed list (new handouts store the stable IDs).
var legacyStretchIDs = map[string]string{
	"cat-cow": "exercise:cat-camel", "gato-vaca": "exercise:cat-camel",
	"knee-to-chest": "exercise:knee-to-chest", "rodilla-al-pecho": "exercise:knee-to-chest",
	"gentle-seated-rotation": "exercise:seated-rotation", "giro-suave-sentado": "exercise:seated-rotation",
	"childs-pose": "exercise:childs-pose", "postura-del-ni-o": "exercise:childs-pose",
	"bridges": "exercise:bridge", "puente": "exercise:bridge",
	"chin-tuck": "exercise:chin-tuck", "meter-la-barbilla": "exercise:chin-tuck",
	"gentle-neck-turn": "exercise:neck-rotation", "giro-suave-del-cuello": "exercise:neck-rotation",
	"neck-side-bend": "exercise:neck-side-bend", "inclinar-el-cuello-de-lado": "exercise:neck-side-bend",
	"shoulder-blade-squeeze": "exercise:shoulder-blade-squeeze", "juntar-los-om-platos": "exercise:shoulder-blade-squeeze",
	"upper-back-extension-over-a-chair": "exercise:thoracic-extension-chair", "echar-la-espalda-alta-hacia-atr-s-en-una-silla": "exercise:thoracic-extension-chair",
}

// StretchID is the stable ID of a stretch as stored: the ID itself, or the
// stable ID an old one stands for. The store reads every stretch through
// it, so a handout saved before the IDs were stable opens, reprints and
// ticks the right box in the editor as before, whatever its language.
func StretchID(stored string) string {
	if id, ok := legacyStretchIDs[stored]; ok {
		return id
	}
	return stored
}

// WithStableStretchIDs returns h with StretchID applied to its stretches;
// h itself is not changed.
func (h Handout) WithStableStretchIDs() Handout {
	h.HomeCare.Stretches = slices.Clone(h.HomeCare.Stretches)
	for i := range h.HomeCare.Stretches {
		h.HomeCare.Stretches[i].ID = StretchID(h.HomeCare.Stretches[i].ID)
	}
	return h
}
