package content

import (
	"fmt"
	"regexp"
	"strings"
)

// Stretch is one home stretch of topic:safe-stretches-at-home, as a
// handout prints it.
type Stretch struct {
	ID       string // stable and the same in every language, e.g. "exercise:cat-camel"
	Name     string
	Steps    []string
	Cautions string
}

// The two topics whose structure other parts of the app read.
const (
	StretchesTopic = "topic:safe-stretches-at-home"
	RedFlagsTopic  = "topic:red-flags"
)

var slugJunk = regexp.MustCompile(`[^a-z0-9]+`)

func (l *Library) parseSpecial() error {
	st, ok := l.texts[StretchesTopic]
	if !ok {
		return fmt.Errorf("content library: %s is missing", StretchesTopic)
	}
	var err error
	if l.stretches, err = parseStretches(st.Body); err != nil {
		return fmt.Errorf("content library: %s: %w", StretchesTopic, err)
	}
	if err := l.nameStretches(); err != nil {
		return fmt.Errorf("content library: %s: %w", StretchesTopic, err)
	}
	rf, ok := l.texts[RedFlagsTopic]
	if !ok {
		return fmt.Errorf("content library: %s is missing", RedFlagsTopic)
	}
	if l.redFlags = parseFirstBullets(rf.Body); len(l.redFlags) == 0 {
		return fmt.Errorf("content library: %s has no bulleted list of warning signs", RedFlagsTopic)
	}
	return nil
}

// nameStretches gives each stretch the stable ID its topic's front matter
// declares ("stretches: exercise:cat-camel, …", in the order of the ##
// sections), so that a handout stores the same ID whichever language it
// was made in; before, the ID was a slug of the name ("gato-vaca" in
// Spanish for "cat-cow").
func (l *Library) nameStretches() error {
	if len(l.stretchIDs) != len(l.stretches) {
		return fmt.Errorf("the front matter's stretches list %d IDs for %d stretches; give one per ## section with steps, in order", len(l.stretchIDs), len(l.stretches))
	}
	seen := map[string]bool{}
	for i, id := range l.stretchIDs {
		if !exerciseID.MatchString(id) || seen[id] {
			return fmt.Errorf("stretch %q: ID %q must be exercise:NAME in lower case, used once", l.stretches[i].Name, id)
		}
		seen[id] = true
		l.stretches[i].ID = id
	}
	return nil
}

var exerciseID = regexp.MustCompile(`^exercise:[a-z0-9]+(-[a-z0-9]+)*$`)

func slug(name string) string {
	s := strings.ReplaceAll(strings.ToLower(name), "'", "")
	s = strings.ReplaceAll(s, "’", "")
	return strings.Trim(slugJunk.ReplaceAllString(s, "-"), "-")
}
