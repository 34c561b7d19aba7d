package content

import (
	"fmt"
	"strings"
)

// doc is one Markdown file of the library: its front matter and body.
type doc struct {
	path     string // inside the language folder, e.g. "topics/cracking-your-back.md"
	lang     string // the language folder it came from
	single   map[string]string
	lists    map[string][]string
	body     string
	fallback bool // taken from English because the requested language lacks it
}

// value returns a single front matter value ("" when absent).
func (d *doc) value(key string) string { return d.single[key] }

// list returns a front matter list. A key may hold a list written as
// "  - item" lines, or a single line of comma-separated items.
func (d *doc) list(key string) []string {
	if l, ok := d.lists[key]; ok {
		return l
	}
	v, ok := d.single[key]
	if !ok {
		return nil
	}
	var out []string
	for _, p := range strings.Split(v, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// parseDoc reads a file made of a front matter block between "---" lines
// and a Markdown body. Keys are "key: value"; a key with nothing after the
// colon starts a list of "- item" lines. Errors name the file and line, so
// whoever edits a text can fix it.
func parseDoc(path, lang, src string) (*doc, error) {
	src = strings.ReplaceAll(src, "\r\n", "\n")
	src = strings.TrimPrefix(src, "\ufeff")
	if !strings.HasPrefix(src, "---\n") {
		return nil, fmt.Errorf("%s/%s: must start with a front matter block (a line \"---\")", lang, path)
	}
	rest := src[len("---\n"):]
	end := strings.Index(rest, "\n---\n")
	if end < 0 {
		if strings.HasSuffix(rest, "\n---") {
			end = len(rest) - len("\n---")
		} else {
			return nil, fmt.Errorf("%s/%s: front matter is not closed by a line \"---\"", lang, path)
		}
	}
	head := rest[:end]
	body := ""
	if end+len("\n---\n") <= len(rest) {
		body = rest[end+len("\n---\n"):]
	}
	d := &doc{path: path, lang: lang, single: map[string]string{}, lists: map[string][]string{},
		body: strings.TrimSpace(body)}
	listKey := ""
	for i, line := range strings.Split(head, "\n") {
		n := i + 2 // line numbers count from the opening "---"
		trimmed := strings.TrimSpace(line)
		if trimmed == "" || strings.HasPrefix(trimmed, "#") {
			continue
		}
		if strings.HasPrefix(trimmed, "- ") || trimmed == "-" {
			if listKey == "" {
				return nil, fmt.Errorf("%s/%s: line %d: list item outside a list", lang, path, n)
			}
			item := strings.TrimSpace(strings.TrimPrefix(trimmed, "-"))
			if item == "" {
				return nil, fmt.Errorf("%s/%s: line %d: empty list item", lang, path, n)
			}
			d.lists[listKey] = append(d.lists[listKey], item)
			continue
		}
		key, val, ok := strings.Cut(trimmed, ":")
		key = strings.TrimSpace(key)
		if !ok || key == "" || strings.ContainsAny(key, " \t") {
			return nil, fmt.Errorf("%s/%s: line %d: expected \"key: value\", got %q", lang, path, n, trimmed)
		}
		if _, dup := d.single[key]; dup {
			return nil, fmt.Errorf("%s/%s: line %d: %q given twice", lang, path, n, key)
		}
		if _, dup := d.lists[key]; dup {
			return nil, fmt.Errorf("%s/%s: line %d: %q given twice", lang, path, n, key)
		}
		val = strings.TrimSpace(val)
		if val == "" {
			listKey = key
			d.lists[key] = nil
			continue
		}
		listKey = ""
		d.single[key] = val
	}
	return d, nil
}
