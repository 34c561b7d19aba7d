package content

import (
	"encoding/json"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"chairside/assets"
	"chairside/internal/anatomy"
)

// Every source that any text names, in every language, is the citation of
// exactly one entry of the reference list.
func TestEverySourceIsInTheReferenceList(t *testing.T) {
	refs, err := References()
	if err != nil {
		t.Fatal(err)
	}
	count := map[string]int{}
	for _, r := range refs {
		count[r.Citation]++
	}
	langs, err := fs.ReadDir(assets.Content, "content")
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, d := range langs {
		if !d.IsDir() || !langCode.MatchString(d.Name()) {
			continue
		}
		l, err := Load(d.Name())
		if err != nil {
			t.Fatalf("Load(%s): %v", d.Name(), err)
		}
		for _, id := range l.IDs() {
			tx := explain(t, l, id)
			for _, s := range tx.Sources {
				if count[s] != 1 {
					t.Errorf("%s/%s cites %q, which is the citation of %d entries of the reference list (want 1)", d.Name(), id, s, count[s])
				}
			}
		}
		checked++
	}
	if checked == 0 {
		t.Fatal("no language folder checked")
	}
}

// Per-level facts cite what states them: the ISNCSCI exam (skin points,
// key muscles) and an anatomy text, not the neck pain task force or the
// NICE low back guideline, which hold no level facts.
func TestLevelFactsCiteWhatStatesThem(t *testing.T) {
	l := english(t)
	const isncsci = "Rupp R, Biering-Sørensen F"
	const anatomyText = "Anatomy and Physiology 2e"
	for _, s := range anatomy.All() {
		tx := explain(t, l, s.ID)
		src := strings.Join(tx.Sources, "\n")
		if !strings.Contains(src, anatomyText) {
			t.Errorf("%s: no anatomy text among its sources", s.ID)
		}
		if s.Kind == anatomy.Nerve && !strings.Contains(src, isncsci) {
			t.Errorf("%s: its skin point and muscle facts do not cite ISNCSCI", s.ID)
		}
	}
	// The per-level rows of data/*.json name the sources of that level's
	// own facts; the guidelines hold no level facts.
	for _, kind := range []string{"nerve", "vertebra", "disc"} {
		b, err := fs.ReadFile(assets.Content, "content/en/data/"+kind+".json")
		if err != nil {
			t.Fatal(err)
		}
		var rows map[string]map[string]string
		if err := json.Unmarshal(b, &rows); err != nil {
			t.Fatal(err)
		}
		for level, row := range rows {
			for _, wrong := range []string{"Task Force on Neck Pain", "NICE guideline NG59"} {
				if strings.Contains(row["sources"], wrong) {
					t.Errorf("data/%s.json %s: cites %q for its level facts", kind, level, wrong)
				}
			}
		}
	}
}

func TestLoadReferencesRejectsBadLists(t *testing.T) {
	good := "- key: a\n  citation: \"A B. Title. Journal 2020;1:1-2.\"\n  supports: \"x\"\n"
	cases := []struct{ name, file, data, want string }{
		{"misspelt field", "references/x.yaml", "- key: b\n  citaton: \"C\"\n  supports: \"x\"\n", "citaton"},
		{"no citation", "references/x.yaml", "- key: b\n  supports: \"x\"\n", "b has no citation"},
		{"no supports", "references/x.yaml", "- key: b\n  citation: \"C\"\n", "does not say what it supports"},
		{"no key", "references/x.yaml", "- citation: \"C\"\n  supports: \"x\"\n", "entry 1 has no key"},
		{"key twice across files", "references/x.yaml", "- key: a\n  citation: \"C\"\n  supports: \"x\"\n", "key a is already used in references/a.yaml"},
		{"citation twice", "references/x.yaml", "- key: b\n  citation: \"A B. Title. Journal 2020;1:1-2.\"\n  supports: \"x\"\n", "b has the same citation as a"},
		{"not a list", "references/x.yaml", "key: b\n", "references/x.yaml"},
	}
	for _, c := range cases {
		fsys := fstest.MapFS{"references/a.yaml": {Data: []byte(good)}, c.file: {Data: []byte(c.data)}}
		_, err := LoadReferences(fsys)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: err %v, want it to mention %q", c.name, err, c.want)
		}
	}
	refs, err := LoadReferences(fstest.MapFS{"references/a.yaml": {Data: []byte(good)}})
	if err != nil || len(refs) != 1 || refs[0].Key != "a" || refs[0].Supports != "x" {
		t.Errorf("good list: %+v, %v", refs, err)
	}
	if _, err := LoadReferences(fstest.MapFS{}); err == nil {
		t.Error("an empty folder should be an error")
	}
}
