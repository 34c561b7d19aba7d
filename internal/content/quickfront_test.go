package content

import (
	"io/fs"
	"reflect"
	"strings"
	"testing"

	"chairside/assets"
)

// quickFrontMatter skips yaml.v3 for the front matter the library is
// written in; wherever it reads a file, YAML must read the same, and it
// must leave to YAML anything YAML could read otherwise or refuse.
func TestQuickFrontMatterReadsAsYAMLDoes(t *testing.T) {
	quick, all := 0, 0
	err := fs.WalkDir(assets.Content, "content", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") || strings.HasSuffix(p, "README.md") {
			return err
		}
		b, err := fs.ReadFile(assets.Content, p)
		if err != nil {
			return err
		}
		head, _, err := SplitFrontMatter(string(b))
		if err != nil {
			t.Errorf("%s: %v", p, err)
			return nil
		}
		all++
		got, ok := quickFrontMatter(head)
		if !ok {
			return nil
		}
		quick++
		var want frontMatter
		if err := decodeYAML(head, &want); err != nil {
			t.Errorf("%s: read the quick way, but YAML refuses it: %v", p, err)
		} else if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: quick %+v\nYAML %+v", p, got, want)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// Nearly every file takes the quick way (two titles are quoted).
	if quick < all*9/10 {
		t.Errorf("only %d of %d files read the quick way", quick, all)
	}
	for _, head := range []string{
		"",
		"id: topic:x\n\ntitle: X",           // a blank line
		"title: 'Quoted'",                   // a quote
		"keywords: [crack, pop]",            // a flow list
		"title: X # a comment",              // a comment
		"# a comment\ntitle: X",             // a comment line
		"title: X\ntitle: Y",                // given twice
		"titel: X",                          // unknown key
		"Title: X",                          // letter case
		"keypoints: One, two, three.",       // key points on one line
		"sources:\n  - A.\n   - B.",         // uneven list
		"sources:\n  - A.\n    wrapped",     // a wrapped item
		"sources:",                          // empty: null
		"sources:\ntitle: X",                // empty: null
		"title: X\n  - A.",                  // a list after a value
		"order: 1.5",                        // not a whole number
		"title: null",                       // null
		"title:\tX",                         // a tab
		"title: X\n---\nid: topic:y",        // a second document
		"sources:\n  - \"Quoted, A.\"",      // a quoted item
		"related: topic:a\nsources:\n  - ~", // a null item
		"title:X",                           // no space after the colon
		"id: topic:x\nkeywords: a, b\nkind: |\n  x", // a block
	} {
		if fm, ok := quickFrontMatter(head); ok {
			t.Errorf("%q read the quick way as %+v: YAML must read it", head, fm)
		}
	}
}
