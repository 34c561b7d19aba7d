// Package exercise is the library of home exercises a clinician gives a
// patient: each with a stable ID, the regions it serves, its picture (the
// figure's start and end poses), a default dose, and its texts in each
// language (title, three to five numbered steps, the common mistake to
// avoid, cautions and sources), read from assets/content/<lang>/exercises.
// No Fyne here.
package exercise

import (
	"fmt"
	"strings"

	"chairside/internal/figure"
	"chairside/internal/handout"
)

// Region is a part of the body an exercise serves, as the clinic names it.
type Region string

// The regions, in the order they are listed.
const (
	Neck      Region = "neck"
	UpperBack Region = "upper-back"
	MidBack   Region = "mid-back"
	LowBack   Region = "low-back"
	HipPelvis Region = "hip-pelvis"
	Posture   Region = "posture"
)

// Regions lists every region in order.
var Regions = []Region{Neck, UpperBack, MidBack, LowBack, HipPelvis, Posture}

// regionWords are other ways a region is typed.
var regionWords = map[string]Region{
	"hip": HipPelvis, "hips": HipPelvis, "pelvis": HipPelvis, "hip-and-pelvis": HipPelvis,
	"lower-back": LowBack, "middle-back": MidBack, "shoulders": UpperBack,
}

// ParseRegion reads a region name as typed ("neck", "Low back", "hip").
func ParseRegion(s string) (Region, error) {
	k := strings.ToLower(strings.TrimSpace(s))
	k = strings.NewReplacer(" ", "-", "_", "-").Replace(k)
	if r, ok := regionWords[k]; ok {
		return r, nil
	}
	for _, r := range Regions {
		if k == string(r) {
			return r, nil
		}
	}
	names := make([]string, len(Regions))
	for i, r := range Regions {
		names[i] = string(r)
	}
	return "", fmt.Errorf("no region %q: use one of %s", s, strings.Join(names, ", "))
}

// Dose is how much of an exercise to do. It is the handout's type, since a
// handout keeps the dose it prints with each exercise and checks it in its
// own Validate (the handout model cannot import this package).
type Dose = handout.Dose

// Exercise is one exercise in one language, as a handout prints it.
type Exercise struct {
	ID      string // "exercise:chin-tuck": stable, the same in every language
	Regions []Region
	Picture figure.Picture
	Dose    Dose // the default; the clinician may change it per handout

	Lang     string
	Fallback bool // the text is English: the language asked for has none yet
	Title    string
	Purpose  string   // one or two sentences: what it is for
	Steps    []string // three to five, in order
	DoNot    string   // the common mistake
	Cautions []string
	Sources  []string
	Reviewed string
}

// In reports whether the exercise serves region r.
func (e Exercise) In(r Region) bool {
	for _, x := range e.Regions {
		if x == r {
			return true
		}
	}
	return false
}
