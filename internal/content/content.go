// Package content is Chairside's explanation library: the plain-language
// texts behind every structure of the spine diagram, the topic articles
// (cracking your back, adjustments, stretches, red flags) and the
// conditions. It loads the Markdown files embedded from assets/content,
// fills the per-kind templates with per-level facts, indexes everything for
// search and checks readability. It knows nothing of Fyne or SQL.
package content

import (
	"fmt"
	"io/fs"
	"slices"
	"strings"
	"sync"

	"chairside/assets"
	"chairside/internal/anatomy"
)

// Text is one explanation as shown in the panel and printed on a handout.
type Text struct {
	ID       string   // "disc:L4-L5", "topic:cracking-your-back", "condition:sciatica"
	Title    string   // heading
	Body     string   // Markdown (## headings, paragraphs, bullets, **bold**, *italic*), no front matter
	Sources  []string // named references
	Reviewed string   // YYYY-MM-DD: when a clinician last checked the text
	Lang     string   // language actually shown
	Fallback bool     // true when the requested language lacked it and English is shown
	// Related are the IDs of related topics and conditions (for structures
	// and topics) in the order they are best read.
	Related []string
	// Structures are, for a condition, the structure IDs it involves, top to bottom.
	Structures []string
	// KeyPoints are the three to five plain sentences a clinician reads out
	// in presentation mode and a short handout prints. They are not part of
	// Body, so whoever shows the full text does not print them twice.
	KeyPoints []string
	// KeySources are the places in Sources, from 0 and in order, of the
	// sources the key points rest on: what a short handout, which prints
	// only the key points, cites. Full texts cite all of Sources.
	KeySources []int
}

// Kind of a text ID: "structure", "topic" or "condition".
const (
	KindStructure = "structure"
	KindTopic     = "topic"
	KindCondition = "condition"
)

// KindOf says whether an ID names a structure, a topic or a condition ("" for neither).
func KindOf(id string) string {
	switch {
	case strings.HasPrefix(id, "topic:"):
		return KindTopic
	case strings.HasPrefix(id, "condition:"):
		return KindCondition
	}
	if _, ok := anatomy.Lookup(id); ok {
		return KindStructure
	}
	return ""
}

// Library is the loaded explanation library of one language. It is
// read-only after loading and safe for use from several goroutines.
type Library struct {
	lang       string
	texts      map[string]*Text
	lowerIDs   map[string]string // lower-cased ID → ID, to forgive letter case
	structures []string          // anatomical order
	topics     []string          // reading order
	conditions []string
	keywords   map[string][]string // ID → search synonyms
	stretches  []Stretch
	stretchIDs []string // the stretches topic's declared IDs, in order
	redFlags   []string
	// The search index is built on the first search, so that opening the
	// app does not wait for it (Load is about twice as fast without it).
	indexOnce sync.Once
	index     *searchIndex
}

// DefaultLang is the language that is always complete.
const DefaultLang = "en"

// Load reads the library embedded in the binary in the given language
// ("en", "es", …). Texts the language lacks are shown in English and marked
// Fallback; an unknown language gives English with every text marked.
func Load(lang string) (*Library, error) {
	sub, err := fs.Sub(assets.Content, "content")
	if err != nil {
		return nil, fmt.Errorf("content library: %w", err)
	}
	return LoadFS(sub, lang)
}

// Lang is the language that was asked for (normalised, e.g. "en").
func (l *Library) Lang() string { return l.lang }

// Explain returns the text of a structure, topic or condition. An unknown
// ID gives a *NotFoundError naming the closest real IDs.
func (l *Library) Explain(id string) (Text, error) {
	key := strings.TrimSpace(id)
	t, ok := l.texts[key]
	if !ok {
		low := strings.ToLower(key)
		// Clinicians write the lowest segment "L5-S1"; its ID is "L5-S".
		if strings.HasPrefix(low, "disc:") || strings.HasPrefix(low, "facet:") {
			low = strings.Replace(low, "-s1", "-s", 1)
		}
		if real, found := l.lowerIDs[low]; found {
			t, ok = l.texts[real], true
		}
	}
	if !ok {
		return Text{}, &NotFoundError{ID: id, Suggestions: l.suggest(key)}
	}
	return t.clone(), nil
}

// Has reports whether the library holds a text with exactly this ID.
func (l *Library) Has(id string) bool { _, ok := l.texts[id]; return ok }

// Topics returns the topic articles in reading order.
func (l *Library) Topics() []Text { return l.list(l.topics) }

// Conditions returns the condition texts in the order the library lists them.
func (l *Library) Conditions() []Text { return l.list(l.conditions) }

// RelatedTo returns, for a structure or topic, its related conditions and
// topics; for a condition, the structures it involves, top to bottom. An
// unknown ID has nothing related.
func (l *Library) RelatedTo(id string) []Text {
	t, ok := l.texts[id]
	if !ok {
		return nil
	}
	if strings.HasPrefix(id, "condition:") {
		return l.list(t.Structures)
	}
	return l.list(t.Related)
}

// Stretches returns the home stretches of topic:safe-stretches-at-home, in order.
func (l *Library) Stretches() []Stretch {
	out := make([]Stretch, len(l.stretches))
	for i, s := range l.stretches {
		s.Steps = slices.Clone(s.Steps)
		out[i] = s
	}
	return out
}

// RedFlags returns the "seek care right away" list of topic:red-flags.
func (l *Library) RedFlags() []string { return slices.Clone(l.redFlags) }

// IDs returns every text ID: structures top to bottom, then topics, then conditions.
func (l *Library) IDs() []string {
	out := slices.Clone(l.structures)
	out = append(out, l.topics...)
	return append(out, l.conditions...)
}

func (l *Library) list(ids []string) []Text {
	out := make([]Text, 0, len(ids))
	for _, id := range ids {
		if t, ok := l.texts[id]; ok {
			out = append(out, t.clone())
		}
	}
	return out
}

func (t *Text) clone() Text {
	c := *t
	c.Sources = slices.Clone(t.Sources)
	c.Related = slices.Clone(t.Related)
	c.Structures = slices.Clone(t.Structures)
	c.KeyPoints = slices.Clone(t.KeyPoints)
	c.KeySources = slices.Clone(t.KeySources)
	return c
}

// NotFoundError is returned by Explain for an ID the library does not hold.
type NotFoundError struct {
	ID          string
	Suggestions []string // closest real IDs, best first; may be empty
}

func (e *NotFoundError) Error() string {
	if len(e.Suggestions) > 0 {
		return fmt.Sprintf("%q: no explanation with this ID; did you mean %s?", e.ID, strings.Join(e.Suggestions, " or "))
	}
	return fmt.Sprintf("%q: no explanation with this ID (IDs look like disc:L4-L5, nerve:L5:left, topic:cracking-your-back, condition:sciatica; 'chairside topics' lists the articles)", e.ID)
}

// suggest names up to three real IDs close to a mistyped one.
func (l *Library) suggest(id string) []string {
	low := strings.ToLower(id)
	kind, _, _ := strings.Cut(low, ":")
	switch kind {
	case "vertebra", "disc", "facet", "nerve":
		return anatomy.Suggest(id, 3)
	}
	// Topics and conditions: the fewest edits, or a slug that contains what was typed.
	type cand struct {
		id string
		d  int
	}
	var cs []cand
	for _, list := range [][]string{l.topics, l.conditions} {
		for _, real := range list {
			r := strings.ToLower(real)
			_, slug, _ := strings.Cut(r, ":")
			d := anatomy.EditDistance(low, r)
			if _, rest, ok := strings.Cut(low, ":"); ok {
				d = min(d, anatomy.EditDistance(rest, slug))
			} else {
				d = min(d, anatomy.EditDistance(low, slug))
			}
			if len(low) >= 4 && strings.Contains(slug, strings.TrimPrefix(strings.TrimPrefix(low, "topic:"), "condition:")) {
				d = min(d, 1)
			}
			if d <= len(low)/3+1 {
				cs = append(cs, cand{real, d})
			}
		}
	}
	slices.SortStableFunc(cs, func(a, b cand) int { return a.d - b.d })
	var out []string
	for _, c := range cs {
		if len(out) == 3 {
			break
		}
		out = append(out, c.id)
	}
	if len(out) > 0 {
		return out
	}
	// Words rather than an ID ("big toe"): offer what search finds.
	for _, h := range l.Search(id, 3) {
		out = append(out, h.ID)
	}
	if len(out) == 0 && kind != "topic" && kind != "condition" {
		out = anatomy.Suggest(id, 3)
	}
	return out
}
