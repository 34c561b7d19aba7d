package content

import (
	"strings"
	"testing"
)

// Other packages' texts are split and decoded by the same rules as the
// library's: a one-line value is kept as written, an unknown key and a
// second YAML document are refused.
func TestExportedFrontMatter(t *testing.T) {
	head, body, err := SplitFrontMatter("\ufeff---\r\ntitle: Bird dog: a balance exercise #1\r\n---\r\n## Steps\r\n")
	if err != nil || head != "title: Bird dog: a balance exercise #1" || body != "## Steps" {
		t.Fatalf("SplitFrontMatter: head %q body %q err %v", head, body, err)
	}
	var fm struct {
		Title string `yaml:"title"`
	}
	if err := DecodeFrontMatter(head, &fm); err != nil || fm.Title != "Bird dog: a balance exercise #1" {
		t.Errorf("DecodeFrontMatter: %+v, %v", fm, err)
	}
	for head, want := range map[string]string{
		"title: A\ntitel: B\n":      "titel",
		"title: A\n...\ntitle: B\n": "second YAML document",
	} {
		if err := DecodeFrontMatter(head, &fm); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("DecodeFrontMatter(%q): %v, want it to mention %q", head, err, want)
		}
	}
	for src, want := range map[string]string{"## No front matter\n": "must start with", "---\ntitle: A\n": "not closed"} {
		if _, _, err := SplitFrontMatter(src); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("SplitFrontMatter(%q): %v, want %q", src, err, want)
		}
	}
}
