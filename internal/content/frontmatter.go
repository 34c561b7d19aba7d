package content

import (
	"errors"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"chairside/internal/anatomy"
)

// doc is one Markdown file of the library: its front matter and body.
type doc struct {
	path     string // inside the language folder, e.g. "topics/cracking-your-back.md"
	lang     string // the language folder it came from
	meta     frontMatter
	head     string // the front matter as written, to point at a line in an error
	body     string
	fallback bool // taken from English because the requested language lacks it
}

// frontMatter is everything a text's front matter may say. Decoding
// refuses any other key, so a misspelt one ("keywrods") stops the load
// with its line instead of silently dropping a text's search words or
// sources. Which keys each kind of file reads is checked by checkKeys.
type frontMatter struct {
	ID    oneLine `yaml:"id"`    // topics, conditions, overrides
	Kind  oneLine `yaml:"kind"`  // structure templates: the kind they fill
	Title oneLine `yaml:"title"` // may hold template fields in structure templates
	// Order is the reading order of topics and conditions (1000 when unset).
	Order    *number  `yaml:"order"`
	Sources  textList `yaml:"sources"`
	Reviewed oneLine  `yaml:"reviewed"` // YYYY-MM-DD
	Related  textList `yaml:"related"`
	Keywords textList `yaml:"keywords"` // search synonyms
	// Structures are, for a condition, the structure IDs or patterns it involves.
	Structures textList `yaml:"structures"`
	// Stretches are, for topic:safe-stretches-at-home, the stable IDs of
	// its stretches in the order it lists them: the same in every language,
	// since handouts store them.
	Stretches textList `yaml:"stretches"`
	// KeyPoints are a topic's or condition's key points, one sentence a line.
	KeyPoints sentenceList `yaml:"keypoints"`
}

// frontMatterKeys are the YAML keys of frontMatter, for error messages.
var frontMatterKeys = []string{"id", "kind", "title", "order", "sources", "reviewed", "related", "keywords", "structures", "stretches", "keypoints"}

// oneLine is a front matter value written as text, kept exactly as
// written: YAML would otherwise read "reviewed: 2026-11-25" as a date and
// "title: No" as a boolean.
type oneLine string

func (v *oneLine) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind != yaml.ScalarNode {
		return fmt.Errorf("line %d: expected one line of text, not a list", n.Line)
	}
	if n.Tag == "!!null" {
		*v = ""
		return nil
	}
	s := strings.TrimSpace(n.Value)
	if strings.Contains(s, "\n") {
		return fmt.Errorf("line %d: expected one line of text, not several", n.Line)
	}
	*v = oneLine(s)
	return nil
}

// number is a whole number such as a reading order.
type number int

func (v *number) UnmarshalYAML(n *yaml.Node) error {
	i, err := strconv.Atoi(strings.TrimSpace(n.Value))
	if n.Kind != yaml.ScalarNode || err != nil {
		return fmt.Errorf("line %d: %q is not a whole number", n.Line, n.Value)
	}
	*v = number(i)
	return nil
}

// textList is a list written either as "- item" lines or on one line,
// separated by commas ("keywords: crack, pop").
type textList []string

func (l *textList) UnmarshalYAML(n *yaml.Node) error {
	switch n.Kind {
	case yaml.ScalarNode:
		*l = nil
		if n.Tag != "!!null" {
			*l = splitComma(n.Value)
		}
		return nil
	case yaml.SequenceNode:
		out := make(textList, 0, len(n.Content))
		for _, it := range n.Content {
			if it.Kind != yaml.ScalarNode {
				return fmt.Errorf("line %d: a list item must be one line of text", it.Line)
			}
			s := strings.TrimSpace(it.Value)
			if it.Tag == "!!null" || s == "" {
				return fmt.Errorf("line %d: empty list item", it.Line)
			}
			out = append(out, s)
		}
		*l = out
		return nil
	}
	return fmt.Errorf("line %d: expected a list (\"- item\" lines, or items separated by commas)", n.Line)
}

// sentenceList is a list of sentences, each on its own "- sentence" line:
// a sentence holds commas, so the one-line, comma-separated form of
// textList would cut it apart.
type sentenceList []string

func (l *sentenceList) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind != yaml.SequenceNode {
		return fmt.Errorf("line %d: write each key point on its own line, as \"  - A sentence.\" under \"keypoints:\"", n.Line)
	}
	var items textList
	if err := items.UnmarshalYAML(n); err != nil {
		return err
	}
	*l = sentenceList(items)
	return nil
}

// parseDoc reads a file made of a front matter block between "---" lines
// and a Markdown body. The front matter is YAML. Errors name the file and
// line, so whoever edits a text can fix it.
func parseDoc(path, lang, src string) (*doc, error) {
	where := lang + "/" + path
	head, body, err := SplitFrontMatter(src)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", where, err)
	}
	d := &doc{path: path, lang: lang, head: head, body: body}
	if err := decodeFrontMatter(head, &d.meta); err != nil {
		return nil, fmt.Errorf("%s: %w", where, err)
	}
	return d, nil
}

// decodeFrontMatter decodes the YAML between the "---" lines. The opening
// "---" is given to YAML too (it starts a YAML document), so that the line
// numbers in its errors are the file's.
func decodeFrontMatter(head string, fm *frontMatter) error {
	if quick, ok := quickFrontMatter(head); ok {
		*fm = quick
		return nil
	}
	err := decodeYAML(head, fm)
	if err == nil || errors.Is(err, errSecondDocument) {
		return err
	}
	return yamlError(err, head)
}

// errSecondDocument: a "..." or "---" line inside the front matter.
var errSecondDocument = errors.New(`the front matter holds a second YAML document (a "..." or "---" line inside it)`)

// decodeYAML decodes a front matter into v, refusing keys v does not have
// and taking each one-line value exactly as written (literalValues). The
// library's texts and DecodeFrontMatter's callers read front matter this
// one way; only the wording of their errors differs.
func decodeYAML(head string, v any) error {
	dec := yaml.NewDecoder(strings.NewReader("---\n" + literalValues(head) + "\n"))
	dec.KnownFields(true)
	if err := dec.Decode(v); errors.Is(err, io.EOF) {
		return nil
	} else if err != nil {
		return err
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); !errors.Is(err, io.EOF) {
		return errSecondDocument
	}
	return nil
}

var (
	yamlLine     = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)
	unknownField = regexp.MustCompile(`^line (\d+): field (.+) not found in type`)
	dupKey       = regexp.MustCompile(`^line (\d+): mapping key "(.*)" already defined at line (\d+)$`)
	notMapping   = regexp.MustCompile(`^(line \d+): cannot unmarshal .* into content\.frontMatter$`)
)

// yamlError turns a YAML error into words a clinician editing a text can
// act on: the line, and what to change.
func yamlError(err error, head string) error {
	var te *yaml.TypeError
	if !errors.As(err, &te) {
		msg := err.Error()
		if strings.HasPrefix(msg, "line ") {
			return err // from our own value types, already in words
		}
		if m := yamlLine.FindStringSubmatch(msg); m != nil {
			msg = m[2]
		}
		msg = strings.TrimPrefix(msg, "yaml: ")
		hint := " (each line is \"key: value\", or a list item \"  - value\" under a \"key:\" line)"
		if n := syntaxLine(head); n > 0 {
			return fmt.Errorf("line %d: front matter is not valid YAML: %s%s", n, msg, hint)
		}
		return fmt.Errorf("front matter is not valid YAML: %s%s", msg, hint)
	}
	var msgs []string
	for _, e := range te.Errors {
		switch m := unknownField.FindStringSubmatch(e); {
		case m != nil:
			msgs = append(msgs, fmt.Sprintf("line %s: unknown key %q%s (the keys are %s)", m[1], m[2], didYouMean(m[2]), strings.Join(frontMatterKeys, ", ")))
		case dupKey.MatchString(e):
			m := dupKey.FindStringSubmatch(e)
			msgs = append(msgs, fmt.Sprintf("line %s: %q given twice (first on line %s)", m[1], m[2], m[3]))
		case notMapping.MatchString(e):
			msgs = append(msgs, notMapping.FindStringSubmatch(e)[1]+`: expected "key: value" lines`)
		default:
			msgs = append(msgs, e)
		}
	}
	return errors.New(strings.Join(msgs, "; "))
}

// syntaxLine finds the file line of a YAML syntax error: the line whose
// addition first makes the front matter fail to parse. YAML's own message
// names the line where the enclosing block starts, which for a front
// matter is nearly always its first line. 0 if no line is to blame alone.
func syntaxLine(head string) int {
	lines := strings.Split(literalValues(head), "\n")
	var n yaml.Node
	for k := 1; k <= len(lines); k++ {
		if err := yaml.Unmarshal([]byte("---\n"+strings.Join(lines[:k], "\n")+"\n"), &n); err != nil {
			return k + 1 // the opening "---" is line 1
		}
	}
	return 0
}

// didYouMean names the known key closest to a misspelt one.
func didYouMean(key string) string {
	best, bestD := "", 3
	for _, k := range frontMatterKeys {
		if d := anatomy.EditDistance(strings.ToLower(key), k); d < bestD {
			best, bestD = k, d
		}
	}
	if best == "" {
		return ""
	}
	return fmt.Sprintf(": did you mean %q?", best)
}

// literalValues quotes the one-line values that YAML would misread, so
// that each is taken exactly as written. Titles and citations are full of
// ": " ("Cracking your back: what the sound is", "low back pain: a
// systematic review"), which plain YAML reads as a nested key or refuses,
// and YAML would silently cut a value at " #" as a comment. A value
// that starts with a quote, "[", "{", "|" or ">" is deliberate YAML and is
// left alone. Only the value is rewritten, never a line added or removed,
// so YAML's line numbers stay the file's.
func literalValues(head string) string {
	lines := strings.Split(head, "\n")
	changed := false
	block := -1 // indentation of the key whose "|" or ">" block the lines are in
	for i, ln := range lines {
		indent := len(ln) - len(strings.TrimLeft(ln, " "))
		if block >= 0 && (strings.TrimSpace(ln) == "" || indent > block) {
			continue // the text of a block value, taken as it is
		}
		block = -1
		prefix, v, ok := valueOf(ln)
		if ok && (v[0] == '|' || v[0] == '>') {
			block = indent
		}
		if !ok || plainIsLiteral(v) {
			continue
		}
		lines[i] = prefix + strconv.Quote(v)
		changed = true
	}
	if !changed {
		return head
	}
	return strings.Join(lines, "\n")
}

// valueOf splits a "key: value" line at the top level, or a "- value" list
// item, into everything before the value and the value.
func valueOf(ln string) (prefix, value string, ok bool) {
	t := strings.TrimRight(ln, " \t")
	if item := strings.TrimLeft(t, " "); strings.HasPrefix(item, "- ") {
		n := len(t) - len(item) + len("- ")
		v := strings.TrimLeft(t[n:], " \t")
		return t[:len(t)-len(v)], v, v != ""
	}
	if t == "" || t[0] == ' ' || t[0] == '\t' || t[0] == '#' || t[0] == '-' {
		return "", "", false
	}
	k, v, found := strings.Cut(t, ":")
	if !found || strings.ContainsAny(k, " \t\"'[{") || (v != "" && v[0] != ' ' && v[0] != '\t') {
		return "", "", false
	}
	v = strings.TrimLeft(v, " \t")
	return t[:len(t)-len(v)], v, v != ""
}

// plainIsLiteral reports whether YAML reads v, written without quotes, as
// exactly the text v (or v is deliberate YAML syntax).
func plainIsLiteral(v string) bool {
	switch v[0] {
	case '"', '\'', '[', '{', '|', '>':
		return true // quoted or structured on purpose
	case '#', ',', ']', '}', '&', '*', '!', '%', '@', '`':
		return false
	case '-', '?', ':':
		if len(v) == 1 || v[1] == ' ' || v[1] == '\t' {
			return false
		}
	}
	return !strings.Contains(v, ": ") && !strings.Contains(v, ":\t") && !strings.HasSuffix(v, ":") &&
		!strings.Contains(v, " #") && !strings.Contains(v, "\t#")
}

// checkKeys refuses a key that this kind of file does not read, which
// would otherwise be ignored without a word.
func (d *doc) checkKeys(allowed ...string) error {
	m := d.meta
	for _, k := range []struct {
		name string
		set  bool
	}{
		{"id", m.ID != ""}, {"kind", m.Kind != ""}, {"title", m.Title != ""}, {"order", m.Order != nil},
		{"sources", m.Sources != nil}, {"reviewed", m.Reviewed != ""}, {"related", m.Related != nil},
		{"keywords", m.Keywords != nil}, {"structures", m.Structures != nil}, {"stretches", m.Stretches != nil},
		{"keypoints", m.KeyPoints != nil},
	} {
		if k.set && !slices.Contains(allowed, k.name) {
			hint := ""
			if k.name == "keypoints" {
				hint = `; a structure's key points go in a {{define "key"}} section of the body`
			}
			return fmt.Errorf("%s/%s: line %d: %q is not read in %s/ files (they read %s)%s", d.lang, d.path, d.keyLine(k.name), k.name, dirOf(d.path), strings.Join(allowed, ", "), hint)
		}
	}
	return nil
}

// keyLine is the file line of a top-level front matter key (0 if absent).
// Only an error message needs it, so the front matter is read again here
// rather than on every load.
func (d *doc) keyLine(key string) int {
	var n yaml.Node
	if yaml.Unmarshal([]byte("---\n"+literalValues(d.head)+"\n"), &n) != nil || len(n.Content) == 0 {
		return 0
	}
	m := n.Content[0]
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i].Line
		}
	}
	return 0
}

func dirOf(p string) string {
	dir, _, _ := strings.Cut(p, "/")
	return dir
}
