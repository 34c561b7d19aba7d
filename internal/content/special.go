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

var (
	numberedItem = regexp.MustCompile(`^\s*\d+[.)]\s+(.*)$`)
	bulletItem   = regexp.MustCompile(`^\s*[-*+]\s+(.*)$`)
	boldLabel    = regexp.MustCompile(`^\*\*[^*]+:\*\*\s*`)
	slugJunk     = regexp.MustCompile(`[^a-z0-9]+`)
)

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

// parseStretches reads each "## Name" section that holds a numbered list:
// the numbered items are the steps, the paragraphs after them the cautions.
// Sections without numbered steps (an introduction) are not stretches.
func parseStretches(body string) ([]Stretch, error) {
	var out []Stretch
	var cur *Stretch
	var caution []string
	afterSteps := false
	finish := func() error {
		if cur == nil || len(cur.Steps) == 0 {
			return nil
		}
		// The label ("Take care:") is dropped, so the cautions start a sentence of their own.
		cur.Cautions = upperFirst(strings.TrimSpace(strings.Join(caution, " ")))
		if cur.Cautions == "" {
			return fmt.Errorf("stretch %q has no cautions after its steps", cur.Name)
		}
		out = append(out, *cur)
		return nil
	}
	for _, line := range strings.Split(body, "\n") {
		trimmed := strings.TrimSpace(line)
		if strings.HasPrefix(trimmed, "## ") {
			if err := finish(); err != nil {
				return nil, err
			}
			name := strings.TrimSpace(strings.TrimPrefix(trimmed, "## "))
			cur = &Stretch{ID: slug(name), Name: name}
			caution, afterSteps = nil, false
			continue
		}
		if cur == nil || trimmed == "" {
			continue
		}
		if m := numberedItem.FindStringSubmatch(line); m != nil {
			if afterSteps {
				return nil, fmt.Errorf("stretch %q: steps continue after the cautions", cur.Name)
			}
			cur.Steps = append(cur.Steps, PlainText(m[1]))
			continue
		}
		if len(cur.Steps) > 0 {
			afterSteps = true
			caution = append(caution, PlainText(boldLabel.ReplaceAllString(trimmed, "")))
		}
	}
	if err := finish(); err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no stretches (a ## heading followed by numbered steps)")
	}
	seen := map[string]bool{}
	for _, s := range out {
		if seen[s.ID] {
			return nil, fmt.Errorf("two stretches are named %q", s.Name)
		}
		seen[s.ID] = true
	}
	return out, nil
}

// parseFirstBullets returns the items of the first bulleted list.
func parseFirstBullets(body string) []string {
	var out []string
	for _, line := range strings.Split(body, "\n") {
		if m := bulletItem.FindStringSubmatch(line); m != nil {
			out = append(out, PlainText(m[1]))
			continue
		}
		if len(out) > 0 && strings.TrimSpace(line) == "" {
			continue
		}
		if len(out) > 0 {
			break
		}
	}
	return out
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
