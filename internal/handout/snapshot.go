package handout

import (
	"slices"
)

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
