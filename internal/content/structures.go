package content

import (
	"bytes"
	"fmt"
	"path"
	"slices"
	"sort"
	"strings"
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

	var buf bytes.Buffer
	for _, s := range structureList {
		kt := kinds[s.Kind]
		ov := overrides[s.ID]
		if ov != nil && ov.fallback && !kt.doc.fallback && kt.doc.lang != DefaultLang {
			var err error
			if kt, err = englishKind(s.Kind); err != nil {
				return err
			}
		}
		f, err := fillFor(s, kt.data)
		if err != nil {
			return fmt.Errorf("%s/%s.json: %w", DefaultLang, path.Join(dirData, string(s.Kind)), err)
		}
		tmpl, titleTmpl := kt.tmpl, kt.title
		if ov != nil {
			// An override redefines some of the template's sections
			// ({{define "what"}}…{{end}}); the rest stay as they are.
			err = checkOverride(kt.tmpl, ov.body)
			if err == nil {
				if tmpl, err = kt.tmpl.Clone(); err == nil {
					_, err = tmpl.Parse(ov.body)
				}
			}
			if err != nil {
				return fmt.Errorf("%s/%s: %w", ov.lang, ov.path, err)
			}
			if tt := string(ov.meta.Title); tt != "" {
				if titleTmpl, err = template.New("title").Option("missingkey=error").Funcs(funcs).Parse(tt); err != nil {
					return fmt.Errorf("%s/%s: title: %w", ov.lang, ov.path, err)
				}
			}
		}
		buf.Reset()
		if err := titleTmpl.Execute(&buf, f); err != nil {
			return fmt.Errorf("%s: title: %w", s.ID, err)
		}
		title := strings.TrimSpace(buf.String())
		buf.Reset()
		if err := tmpl.Execute(&buf, f); err != nil {
			return fmt.Errorf("%s: %w", s.ID, err)
		}
		t, err := l.newText(kt.doc, s.ID, title)
		if err != nil {
			return err
		}
		t.Body = tidy(buf.String())
		if t.KeyPoints, err = structureKeyPoints(tmpl, f); err != nil {
			where := kt.doc.lang + "/" + kt.doc.path
			if ov != nil {
				where += " or " + ov.lang + "/" + ov.path
			}
			return fmt.Errorf("%s: %s: %w", where, s.ID, err)
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
		if err := checkFilled(t); err != nil {
			return err
		}
		l.texts[s.ID] = t
		l.keywords[s.ID] = keywords
		l.structures = append(l.structures, s.ID)
	}
	return nil
}

// checkOverride makes sure an override only redefines sections its kind
// template has: a misspelt section name, or text outside any section,
// would otherwise be ignored or replace the whole text without a word.
func checkOverride(base *template.Template, body string) error {
	ov, err := template.New("override").Funcs(funcs).Parse(body)
	if err != nil {
		return err
	}
	if ov.Tree != nil {
		for _, n := range ov.Tree.Root.Nodes {
			if tn, ok := n.(*parse.TextNode); ok && len(bytes.TrimSpace(tn.Text)) == 0 {
				continue
			}
			return fmt.Errorf("text outside a {{define \"section\"}}…{{end}} block: %.40q", n.String())
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
			return fmt.Errorf("section %q is not in the %s template (its sections: %s)", t.Name(), base.Name(), strings.Join(names, ", "))
		}
	}
	return nil
}
