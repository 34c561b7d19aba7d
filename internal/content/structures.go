package content

import (
	"bytes"
	"fmt"
	"path"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"text/template"
	"text/template/parse"

	"chairside/internal/anatomy"
)

// loadStructures fills a text for every structure from its kind template,
// its level's facts and its override, if any. english holds the English
// files: a special level whose override is not translated yet is shown
// whole in English (and marked), rather than as the translated general
// text, which would be wrong for it (C1 has no body, the sacrum is not a
// low back vertebra).
func (l *Library) loadStructures(files, english map[string]source) error {
	kinds := map[anatomy.Kind]*kindTemplate{}
	for _, k := range structureKinds {
		kt, err := loadKind(files, k)
		if err != nil {
			return err
		}
		kinds[k] = kt
	}
	// The English template of a translated kind is read only when an
	// override of that kind is not translated: with a complete
	// translation, never (reading all six again cost about a twelfth
	// of a Spanish load).
	englishKinds := map[anatomy.Kind]*kindTemplate{}
	englishKind := func(k anatomy.Kind) (*kindTemplate, error) {
		if kt, ok := englishKinds[k]; ok {
			return kt, nil
		}
		kt, err := loadKind(english, k)
		englishKinds[k] = kt
		return kt, err
	}

	overrides := map[string]*doc{}
	for _, p := range sortedPaths(files, dirOverrides, ".md") {
		d, err := parseFile(files, p)
		if err != nil {
			return err
		}
		if err := d.checkKeys(overrideKeys...); err != nil {
			return err
		}
		id := string(d.meta.ID)
		if _, ok := anatomy.Lookup(id); !ok {
			return fmt.Errorf("%s/%s: id %q is not a structure ID", d.lang, p, id)
		}
		if _, dup := overrides[id]; dup {
			return fmt.Errorf("%s/%s: a second override for %s", d.lang, p, id)
		}
		overrides[id] = d
	}

	// Each structure's text is its own work (the templates are only read,
	// which text/template allows at once): spread over the machine's cores,
	// gathered in the structures' order, the first error in that order the
	// one reported.
	type built struct {
		t        *Text
		keywords []string
		err      error
	}
	out := make([]built, len(structureList))
	kts := make([]*kindTemplate, len(structureList))
	for i, s := range structureList {
		kt := kinds[s.Kind]
		if ov := overrides[s.ID]; ov != nil && ov.fallback && !kt.doc.fallback && kt.doc.lang != DefaultLang {
			var err error
			if kt, err = englishKind(s.Kind); err != nil {
				return err
			}
		}
		kts[i] = kt
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(structureList)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var buf bytes.Buffer
			for i := int(next.Add(1) - 1); i < len(structureList); i = int(next.Add(1) - 1) {
				s := structureList[i]
				out[i].t, out[i].keywords, out[i].err = l.buildStructure(s, kts[i], overrides[s.ID], &buf)
			}
		}()
	}
	wg.Wait()
	for i, s := range structureList {
		if out[i].err != nil {
			return out[i].err
		}
		l.texts[s.ID] = out[i].t
		l.keywords[s.ID] = out[i].keywords
		l.structures = append(l.structures, s.ID)
	}
	return nil
}

// buildStructure fills one structure's text from its kind template kt and
// its override ov (nil for none); buf is the caller's, reused.
func (l *Library) buildStructure(s anatomy.Structure, kt *kindTemplate, ov *doc, buf *bytes.Buffer) (*Text, []string, error) {
	f, err := fillFor(s, kt.data)
	if err != nil {
		return nil, nil, fmt.Errorf("%s/%s.json: %w", DefaultLang, path.Join(dirData, string(s.Kind)), err)
	}
	tmpl, titleTmpl := kt.tmpl, kt.title
	if ov != nil {
		// An override redefines some of the template's sections
		// ({{define "what"}}…{{end}}); the rest stay as they are.
		var sections *template.Template
		if sections, err = checkOverride(kt.tmpl, ov.body); err == nil {
			if tmpl, err = kt.tmpl.Clone(); err == nil {
				// The sections as checkOverride parsed them, rather
				// than parsing the override a second time.
				for _, sec := range sections.Templates() {
					if sec.Name() != sections.Name() && err == nil {
						_, err = tmpl.AddParseTree(sec.Name(), sec.Tree)
					}
				}
			}
		}
		if err != nil {
			return nil, nil, fmt.Errorf("%s/%s: %w", ov.lang, ov.path, err)
		}
		if tt := string(ov.meta.Title); tt != "" {
			if titleTmpl, err = template.New("title").Option("missingkey=error").Funcs(funcs).Parse(tt); err != nil {
				return nil, nil, fmt.Errorf("%s/%s: title: %w", ov.lang, ov.path, err)
			}
		}
	}
	buf.Reset()
	if err := titleTmpl.Execute(buf, f); err != nil {
		return nil, nil, fmt.Errorf("%s: title: %w", s.ID, err)
	}
	title := strings.TrimSpace(buf.String())
	buf.Reset()
	if err := tmpl.Execute(buf, f); err != nil {
		return nil, nil, fmt.Errorf("%s: %w", s.ID, err)
	}
	t, err := l.newText(kt.doc, s.ID, title)
	if err != nil {
		return nil, nil, err
	}
	t.Body = tidy(buf.String())
	where := func() string {
		w := kt.doc.lang + "/" + kt.doc.path
		if ov != nil {
			w += " or " + ov.lang + "/" + ov.path
		}
		return w
	}
	var cites [][]int
	if t.KeyPoints, cites, err = structureKeyPoints(tmpl, f); err != nil {
		return nil, nil, fmt.Errorf("%s: %s: %w", where(), s.ID, err)
	}
	t.Fallback = t.Fallback || kt.dataFallback
	keywords := slices.Clone(kt.doc.meta.Keywords)
	if k := f.D["keywords"]; k != "" {
		keywords = append(keywords, splitComma(k)...)
	}
	// A level may add the references for its own facts ("a | b").
	for _, src := range strings.Split(f.D["sources"], " | ") {
		if src = strings.TrimSpace(src); src != "" {
			t.Sources = appendNew(t.Sources, src)
		}
	}
	if ov != nil {
		t.Sources = appendNew(t.Sources, ov.meta.Sources...)
		t.Related = appendNew(ov.meta.Related, t.Related...)
		if r := string(ov.meta.Reviewed); r != "" {
			t.Reviewed = r
		}
		t.Fallback = t.Fallback || ov.fallback
		keywords = append(keywords, ov.meta.Keywords...)
	}
	keywords = append(keywords, anatomy.RegionName(s.Region))
	// The key points' numbers count the sources as printed: the
	// template's, the level's, the override's.
	if t.KeySources, err = keySources(cites, len(t.Sources)); err != nil {
		return nil, nil, fmt.Errorf("%s: %s: %w (the template's, then its level's, then its override's)", where(), s.ID, err)
	}
	if err := checkFilled(t); err != nil {
		return nil, nil, err
	}
	return t, keywords, nil
}

// checkOverride makes sure an override only redefines sections its kind
// template has: a misspelt section name, or text outside any section,
// would otherwise be ignored or replace the whole text without a word.
//
// It returns the override parsed: its sections are the defined templates.
func checkOverride(base *template.Template, body string) (*template.Template, error) {
	ov, err := template.New("override").Funcs(funcs).Parse(body)
	if err != nil {
		return nil, err
	}
	if ov.Tree != nil {
		for _, n := range ov.Tree.Root.Nodes {
			if tn, ok := n.(*parse.TextNode); ok && len(bytes.TrimSpace(tn.Text)) == 0 {
				continue
			}
			return nil, fmt.Errorf("text outside a {{define \"section\"}}…{{end}} block: %.40q", n.String())
		}
	}
	var names []string
	for _, t := range base.Templates() {
		if t.Name() != base.Name() {
			names = append(names, t.Name())
		}
	}
	sort.Strings(names)
	for _, t := range ov.Templates() {
		if t.Name() == ov.Name() {
			continue
		}
		if base.Lookup(t.Name()) == nil || t.Name() == base.Name() {
			return nil, fmt.Errorf("section %q is not in the %s template (its sections: %s)", t.Name(), base.Name(), strings.Join(names, ", "))
		}
	}
	return ov, nil
}
