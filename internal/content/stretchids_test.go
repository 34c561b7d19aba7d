package content

import (
	"slices"
	"strings"
	"testing"
)

func TestHasLanguage(t *testing.T) {
	for lang, want := range map[string]bool{"en": true, "es": true, " ES ": true, "vi": false, "": false, "../en": false, "en/topics": false} {
		if got := HasLanguage(lang); got != want {
			t.Errorf("HasLanguage(%q) = %v, want %v", lang, got, want)
		}
	}
}

// Issue 15: a stretch's ID does not depend on the language its handout was
// made in (it used to be a slug of the name: gato-vaca, cat-cow).
func TestStretchIDsAreTheSameInEveryLanguage(t *testing.T) {
	en, es := english(t), spanish(t)
	ids := func(l *Library) []string {
		var out []string
		for _, s := range l.Stretches() {
			out = append(out, s.ID)
		}
		return out
	}
	if !slices.Equal(ids(en), ids(es)) {
		t.Errorf("en %v\nes %v", ids(en), ids(es))
	}
	if es.Stretches()[0].ID != "exercise:cat-camel" || es.Stretches()[0].Name != "Gato-vaca" {
		t.Errorf("first Spanish stretch %+v", es.Stretches()[0])
	}
}

// A stretches topic whose front matter does not name each stretch once is
// refused, naming what to fix.
func TestStretchIDsMustBeDeclared(t *testing.T) {
	body := "## Cat-cow\n\n1. Start.\n2. Move.\n\n**Take care:** slowly.\n\n## Bridges\n\n1. Lift.\n\n**Take care:** gently.\n"
	for _, c := range []struct{ ids, want string }{
		{"exercise:cat-camel", "1 IDs for 2 stretches"},
		{"exercise:cat-camel, exercise:cat-camel", "used once"},
		{"exercise:cat-camel, bridges", "must be exercise:NAME"},
	} {
		head := strings.Replace(stretchesHead, "stretches: exercise:test-stretch", "stretches: "+c.ids, 1)
		_, err := withText(t, "en/topics/safe-stretches-at-home.md", head+body)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("stretches: %s: %v, want %q", c.ids, err, c.want)
		}
	}
}

// Typed without ñ (an English keyboard has none), a Spanish word is found.
func TestSearchWithoutEnye(t *testing.T) {
	l := spanish(t)
	hits := l.Search("postura del nino", 5)
	if len(hits) == 0 || hits[0].ID != StretchesTopic {
		t.Errorf("postura del nino: %+v", hits)
	}
}
