package content

import (
	"fmt"
	"path"
	"sort"
	"strings"

	"chairside/internal/anatomy"
)

// loadArticles reads the topics and conditions.
func (l *Library) loadArticles(files map[string]source) error {
	type ordered struct {
		id    string
		order int
	}
	for _, dir := range []string{dirTopics, dirConditions} {
		prefix := map[string]string{dirTopics: "topic:", dirConditions: "condition:"}[dir]
		var ids []ordered
		for _, p := range sortedPaths(files, dir, ".md") {
			d, err := parseFile(files, p)
			if err != nil {
				return err
			}
			if err := d.checkKeys(articleKeys[dir]...); err != nil {
				return err
			}
			id := string(d.meta.ID)
			if !strings.HasPrefix(id, prefix) || len(id) == len(prefix) {
				return fmt.Errorf("%s/%s: id %q must start with %q", d.lang, p, id, prefix)
			}
			if _, dup := l.texts[id]; dup {
				return fmt.Errorf("%s/%s: id %q is used twice", d.lang, p, id)
			}
			t, err := l.newText(d, id, string(d.meta.Title))
			if err != nil {
				return err
			}
			if d.body == "" {
				return fmt.Errorf("%s/%s: empty text", d.lang, p)
			}
			t.Body = tidy(d.body)
			if id == StretchesTopic {
				l.stretchIDs = d.meta.Stretches
			}
			order := 1000
			if d.meta.Order != nil {
				order = int(*d.meta.Order)
			}
			if dir == dirConditions {
				t.Structures, err = expandStructures(d.meta.Structures)
				if err != nil {
					return fmt.Errorf("%s/%s: %w", d.lang, p, err)
				}
				if len(t.Structures) == 0 {
					return fmt.Errorf("%s/%s: a condition must list the structures it involves", d.lang, p)
				}
			}
			var cites [][]int
			if t.KeyPoints, cites, err = articleKeyPoints(d.meta.KeyPoints); err != nil {
				return fmt.Errorf("%s/%s: %w", d.lang, p, err)
			}
			if t.KeySources, err = keySources(cites, len(t.Sources)); err != nil {
				return fmt.Errorf("%s/%s: %w", d.lang, p, err)
			}
			l.texts[id] = t
			l.keywords[id] = d.meta.Keywords
			ids = append(ids, ordered{id, order})
		}
		sort.SliceStable(ids, func(i, j int) bool { return ids[i].order < ids[j].order })
		for _, o := range ids {
			if dir == dirTopics {
				l.topics = append(l.topics, o.id)
			} else {
				l.conditions = append(l.conditions, o.id)
			}
		}
	}
	return nil
}

// structureList is every structure, top to bottom, copied from anatomy
// once: anatomy.All hands out a fresh copy of its 165 structures, and
// taking one per condition was a twentieth of a load. Nothing here
// changes it.
var structureList = anatomy.All()

// expandStructures turns a condition's structure list, which may use
// patterns ("facet:L*", "nerve:L5:*"), into structure IDs, top to bottom.
func expandStructures(patterns []string) ([]string, error) {
	want := map[string]bool{}
	all := structureList
	for _, pat := range patterns {
		if _, err := path.Match(pat, ""); err != nil {
			return nil, fmt.Errorf("structure pattern %q: %w", pat, err)
		}
		// Most entries are one structure's ID: look it up rather than
		// match it against all 165.
		if !strings.ContainsAny(pat, `*?[\`) {
			if _, ok := anatomy.Lookup(pat); !ok {
				return nil, fmt.Errorf("structure %q matches no structure ID", pat)
			}
			want[pat] = true
			continue
		}
		// The words before the first wildcard must begin the ID
		// ("facet:L" of "facet:L*"): a cheap test that spares most of
		// the 165 matches.
		lead := pat[:strings.IndexAny(pat, `*?[\`)]
		n := 0
		for _, s := range all {
			if !strings.HasPrefix(s.ID, lead) {
				continue
			}
			if ok, _ := path.Match(pat, s.ID); ok {
				want[s.ID] = true
				n++
			}
		}
		if n == 0 {
			return nil, fmt.Errorf("structure %q matches no structure ID", pat)
		}
	}
	var out []string
	for _, s := range all {
		if want[s.ID] {
			out = append(out, s.ID)
		}
	}
	return out, nil
}
