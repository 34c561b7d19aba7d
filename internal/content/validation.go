package content

import (
	"fmt"
	"strings"
	"time"
)

// article fields shared by templates, overrides, topics and conditions.
func (l *Library) newText(d *doc, id, title string) (*Text, error) {
	t := &Text{ID: id, Title: title, Sources: d.meta.Sources, Reviewed: string(d.meta.Reviewed),
		Lang: d.lang, Fallback: d.fallback, Related: d.meta.Related}
	if t.Title == "" {
		return nil, fmt.Errorf("%s/%s: no title", d.lang, d.path)
	}
	if len(t.Sources) == 0 {
		return nil, fmt.Errorf("%s/%s: no sources: every text names its references", d.lang, d.path)
	}
	if _, err := time.Parse("2006-01-02", t.Reviewed); err != nil {
		return nil, fmt.Errorf("%s/%s: reviewed date %q is not YYYY-MM-DD", d.lang, d.path, t.Reviewed)
	}
	return t, nil
}

// checkFilled refuses a text in which a template left a hole.
func checkFilled(t *Text) error {
	for _, bad := range []string{"{{", "}}", "<no value>", "%!", "()", " .", " ,", "  "} {
		if strings.Contains(t.Title, bad) || strings.Contains(t.Body, bad) {
			return fmt.Errorf("%s: unfilled template field (%q) in the text", t.ID, bad)
		}
	}
	if t.Body == "" {
		return fmt.Errorf("%s: empty text", t.ID)
	}
	return nil
}
