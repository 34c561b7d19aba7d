package exercise

import (
	"fmt"
	"io/fs"

	"chairside/assets"
)

// Find reads the one exercise id (an ID as Get takes it) in lang, as Load
// would give it, without reading the rest of the library: a printed
// handout needs its two or three exercises, and reading all 24 texts was
// a twentieth of a cold `chairside handouts export`.
func Find(lang, id string) (Exercise, error) {
	sub, err := fs.Sub(assets.Content, "content")
	if err != nil {
		return Exercise{}, fmt.Errorf("exercise library: %w", err)
	}
	return findFS(sub, lang, id)
}

// findFS is Find over the exercise texts of fsys.
func findFS(fsys fs.FS, lang, id string) (Exercise, error) {
	lang, err := libraryLang(lang)
	if err != nil {
		return Exercise{}, err
	}
	key := exerciseKey(id)
	for _, e := range catalog {
		if IDPrefix+e.slug == key {
			return readExercise(fsys, lang, e)
		}
	}
	return Exercise{}, fmt.Errorf("no exercise %q ('chairside exercises' lists them)", id)
}
