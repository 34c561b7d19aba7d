package content

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Stretch is one home stretch of topic:safe-stretches-at-home, as a
// handout prints it.
type Stretch struct {
	ID       string // slug of its name, e.g. "cat-cow"
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
	rf, ok := l.texts[RedFlagsTopic]
	if !ok {
		return fmt.Errorf("content library: %s is missing", RedFlagsTopic)
	}
	if l.redFlags = parseFirstBullets(rf.Body); len(l.redFlags) == 0 {
		return fmt.Errorf("content library: %s has no bulleted list of warning signs", RedFlagsTopic)
	}
	return nil
}

func slug(name string) string {
	s := strings.ReplaceAll(strings.ToLower(name), "'", "")
	s = strings.ReplaceAll(s, "’", "")
	return strings.Trim(slugJunk.ReplaceAllString(s, "-"), "-")
}

func upperFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}
