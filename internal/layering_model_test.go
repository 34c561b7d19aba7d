package internal_test

import (
	"strings"
	"testing"
)

// Issue 12: the handout and patient model, and the store that saves them,
// link neither the content library nor its Markdown and YAML parsers;
// drafting from the library lives in internal/draft.
func TestModelAndStoreLinkNoMarkdown(t *testing.T) {
	for _, pkg := range deps(t, "chairside/internal/store", "chairside/internal/handout", "chairside/internal/patient") {
		for _, banned := range []string{"github.com/yuin/goldmark", "gopkg.in/yaml", "chairside/internal/content", "chairside/internal/draft"} {
			if strings.HasPrefix(pkg, banned) {
				t.Errorf("the model or the store depends on %s", pkg)
			}
		}
	}
}
