package content

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"maps"
	"path"
	"regexp"
	"slices"
	"sort"
	"strings"
	"text/template"
	"text/template/parse"
	"time"
	"unicode/utf8"

	"chairside/internal/anatomy"
)

// The layout of one language folder (see assets/content/README.md):
//
//	structures/<kind>.md   per-kind template (vertebra, disc, facet, nerve)
//	data/<kind>.json       per-level facts the template fills in
//	overrides/*.md         per-structure sections where a level is special
//	topics/*.md            topic articles
//	conditions/*.md        conditions
const (
	dirStructures = "structures"
	dirData       = "data"
	dirOverrides  = "overrides"
	dirTopics     = "topics"
	dirConditions = "conditions"
)

// The front matter keys each kind of file reads (see frontMatter).
var (
	articleKeys = map[string][]string{
		dirTopics:     {"id", "title", "order", "sources", "reviewed", "related", "keywords", "keypoints"},
		dirConditions: {"id", "title", "order", "sources", "reviewed", "related", "keywords", "structures", "keypoints"},
	}
	overrideKeys = []string{"id", "title", "sources", "reviewed", "related", "keywords"}
	templateKeys = []string{"kind", "title", "sources", "reviewed", "related", "keywords"}
)

var structureKinds = []anatomy.Kind{anatomy.Vertebra, anatomy.Disc, anatomy.Facet, anatomy.Nerve}

var langCode = regexp.MustCompile(`^[a-z]{2,3}(-[a-z0-9]{2,8})?$`)

// LoadFS reads the library from fsys, whose top level holds one folder per
// language ("en/", "es/", …). English must be complete; a text missing
// from lang is taken from English and marked Fallback.
func LoadFS(fsys fs.FS, lang string) (*Library, error) {
	lang = strings.ToLower(strings.TrimSpace(lang))
	if lang == "" {
		lang = DefaultLang
	}
	files, english, err := collect(fsys, lang)
	if err != nil {
		return nil, err
	}
	l := &Library{lang: lang, texts: map[string]*Text{}, lowerIDs: map[string]string{}, keywords: map[string][]string{}}
	if err := l.loadArticles(files); err != nil {
		return nil, err
	}
	if err := l.loadStructures(files, english); err != nil {
		return nil, err
	}
	if err := l.link(); err != nil {
		return nil, err
	}
	if err := l.parseSpecial(); err != nil {
		return nil, err
	}
	for id := range l.texts {
		l.lowerIDs[strings.ToLower(id)] = id
	}
	return l, nil
}

// source is one file chosen for the language: its own or the English one.
type source struct {
	lang     string
	data     []byte
	fallback bool
}

// collect maps each file path inside a language folder to the version to
// use: the requested language's when it has one, else English.
func collect(fsys fs.FS, lang string) (files, english map[string]source, err error) {
	files = map[string]source{}
	walk := func(root string, fallback bool) error {
		return fs.WalkDir(fsys, root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() {
				return nil
			}
			rel := strings.TrimPrefix(p, root+"/")
			if !strings.HasSuffix(rel, ".md") && !strings.HasSuffix(rel, ".json") {
				return nil
			}
			b, err := fs.ReadFile(fsys, p)
			if err != nil {
				return err
			}
			files[rel] = source{lang: root, data: b, fallback: fallback}
			return nil
		})
	}
	if err := walk(DefaultLang, lang != DefaultLang); err != nil {
		return nil, nil, fmt.Errorf("content library: English texts: %w", err)
	}
	english = maps.Clone(files)
	if lang != DefaultLang && langCode.MatchString(lang) {
		if st, err := fs.Stat(fsys, lang); err == nil && st.IsDir() {
			if err := walk(lang, false); err != nil {
				return nil, nil, fmt.Errorf("content library: %s texts: %w", lang, err)
			}
		}
	}
	return files, english, nil
}

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

func sortedPaths(files map[string]source, dir, ext string) []string {
	var out []string
	for p := range files {
		if path.Dir(p) == dir && strings.HasSuffix(p, ext) {
			out = append(out, p)
		}
	}
	sort.Strings(out)
	return out
}

func parseFile(files map[string]source, p string) (*doc, error) {
	src := files[p]
	if !utf8.Valid(src.data) {
		return nil, fmt.Errorf("%s/%s: not UTF-8 text", src.lang, p)
	}
	d, err := parseDoc(p, src.lang, string(src.data))
	if err != nil {
		return nil, err
	}
	d.fallback = src.fallback
	return d, nil
}

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
			if t.KeyPoints, err = articleKeyPoints(d.meta.KeyPoints); err != nil {
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

// expandStructures turns a condition's structure list, which may use
// patterns ("facet:L*", "nerve:L5:*"), into structure IDs, top to bottom.
func expandStructures(patterns []string) ([]string, error) {
	want := map[string]bool{}
	all := anatomy.All()
	for _, pat := range patterns {
		if _, err := path.Match(pat, ""); err != nil {
			return nil, fmt.Errorf("structure pattern %q: %w", pat, err)
		}
		n := 0
		for _, s := range all {
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

// fill is what a structure template sees.
type fill struct {
	ID, Name   string // "disc:L4-L5", "L4–L5 disc"
	Kind       string // vertebra, disc, facet, nerve
	Level      string // "L4", "L4-L5", "L5"
	Label      string // level as clinicians write it: "L4", "L4–L5", "L5–S1", "S1"
	Side       string // "left", "right" or ""
	Region     string // C, T, L, S, Co
	RegionName string // "low back (lumbar spine)"
	// Neck, MidBack and LowBack say which region the structure is in (C,
	// T, L), so templates read {{if .Neck}} rather than compare strings.
	Neck, MidBack, LowBack bool
	OnSacrum               bool   // a disc or facet joint whose lower bone is the sacrum (L5–S1)
	Fused                  bool   // the sacrum or the coccyx: fused bones, not one vertebra
	Upper                  string // segments: the vertebra above ("L5")
	Lower                  string // segments: the vertebra below ("S1" for the sacrum)
	// Root is, for a disc, the nerve root a bulge usually presses on; for a
	// facet joint, the root that leaves through the opening just in front of it.
	Root string
	// ExitRoot is, for a disc, the root that leaves at its level (a bulge out
	// to the side can press on it instead).
	ExitRoot string
	// Exit is, for a nerve root, the level of the opening it leaves through
	// ("L5–S1"), or "" for roots that do not leave beside a disc.
	Exit string
	// PressedBy is, for a nerve root, the disc whose bulge usually presses
	// on it ("L4–L5" for L5): the inverse of a disc's Root.
	PressedBy string
	D         map[string]string // the per-level row of data/<kind>.json
}

type kindTemplate struct {
	doc   *doc
	tmpl  *template.Template
	title *template.Template
	data  map[string]map[string]string
	// dataFallback: the facts came from English while the template did not.
	dataFallback bool
}

var funcs = template.FuncMap{"cap": upperFirst}

// loadKind reads the template of one kind of structure and its level facts.
func loadKind(files map[string]source, k anatomy.Kind) (*kindTemplate, error) {
	p := path.Join(dirStructures, string(k)+".md")
	if _, ok := files[p]; !ok {
		return nil, fmt.Errorf("content library: missing template %s/%s", DefaultLang, p)
	}
	d, err := parseFile(files, p)
	if err != nil {
		return nil, err
	}
	if err := d.checkKeys(templateKeys...); err != nil {
		return nil, err
	}
	if kind := string(d.meta.Kind); kind != "" && kind != string(k) {
		return nil, fmt.Errorf("%s/%s: kind %q, but this is the %s template", d.lang, p, kind, k)
	}
	kt := &kindTemplate{doc: d}
	kt.tmpl, err = template.New(string(k)).Option("missingkey=error").Funcs(funcs).Parse(d.body)
	if err != nil {
		return nil, fmt.Errorf("%s/%s: %w", d.lang, p, err)
	}
	kt.title, err = template.New("title").Option("missingkey=error").Funcs(funcs).Parse(string(d.meta.Title))
	if err != nil {
		return nil, fmt.Errorf("%s/%s: title: %w", d.lang, p, err)
	}
	dp := path.Join(dirData, string(k)+".json")
	if src, ok := files[dp]; ok {
		if err := json.Unmarshal(src.data, &kt.data); err != nil {
			return nil, fmt.Errorf("%s/%s: %w", src.lang, dp, err)
		}
		kt.dataFallback = src.fallback
	}
	return kt, nil
}

// loadStructures fills a text for every structure from its kind template,
// its level's facts and its override, if any. english holds the English
// files: a special level whose override is not translated yet is shown
// whole in English (and marked), rather than as the translated general
// text, which would be wrong for it (C1 has no body, the sacrum is not a
// low back vertebra).
func (l *Library) loadStructures(files, english map[string]source) error {
	kinds := map[anatomy.Kind]*kindTemplate{}
	englishKinds := map[anatomy.Kind]*kindTemplate{}
	for _, k := range structureKinds {
		kt, err := loadKind(files, k)
		if err != nil {
			return err
		}
		kinds[k] = kt
		englishKinds[k] = kt
		if !kt.doc.fallback && kt.doc.lang != DefaultLang {
			if englishKinds[k], err = loadKind(english, k); err != nil {
				return err
			}
		}
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
	for _, s := range anatomy.All() {
		kt := kinds[s.Kind]
		ov := overrides[s.ID]
		if ov != nil && ov.fallback && !kt.doc.fallback {
			kt = englishKinds[s.Kind]
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

// fillFor gathers the level facts of one structure.
func fillFor(s anatomy.Structure, data map[string]map[string]string) (fill, error) {
	f := fill{ID: s.ID, Name: s.Name, Kind: string(s.Kind), Level: s.Level, Label: s.Level,
		Side: string(s.Side), Region: string(s.Region), RegionName: anatomy.RegionName(s.Region),
		Neck: s.Region == anatomy.Cervical, MidBack: s.Region == anatomy.Thoracic, LowBack: s.Region == anatomy.Lumbar}
	switch s.Kind {
	case anatomy.Vertebra:
		if s.Level == "S" {
			f.Label, f.Fused = "sacrum", true
		} else if s.Level == "Co" {
			f.Label, f.Fused = "coccyx", true
		}
	case anatomy.Disc, anatomy.Facet:
		f.Label = anatomy.SegmentLabel(s.Level)
		f.Upper, f.Lower, _ = strings.Cut(f.Label, "–")
		f.OnSacrum = f.Lower == "S1"
		f.ExitRoot = exitingRoot(s.Level)
		f.Root = f.ExitRoot
		if s.Kind == anatomy.Disc {
			f.Root = DiscRoot(s.Level)
		}
	case anatomy.Nerve:
		if seg := anatomy.ExitSegment(s.Level); seg != "" {
			f.Exit = anatomy.SegmentLabel(seg)
		}
		f.PressedBy = levels.pressedBy[s.Level]
	}
	if data != nil {
		row, ok := data[s.Level]
		if !ok {
			return f, fmt.Errorf("no facts for level %s", s.Level)
		}
		f.D = row
	}
	return f, nil
}

// DiscRoot is the nerve root that a bulge of the disc of a motion segment
// usually presses on. In the neck (and the mid back) it is the root that
// leaves at that level, just beside the disc: C5-C6 → C6, C6-C7 → C7. A
// low back disc usually bulges back and to one side, under the root that
// crosses it on its way down to leave one level lower: L4-L5 → L5, L5-S → S1.
func DiscRoot(seg string) string { return levels.discRoot[seg] }

// exitingRoot is the nerve root that leaves through the opening of a
// motion segment ("C5-C6" → C6, "L4-L5" → L4).
func exitingRoot(seg string) string { return levels.exiting[seg] }

// levels holds the root ↔ disc facts, worked out once from internal/anatomy.
var levels = func() (lv struct{ exiting, discRoot, pressedBy map[string]string }) {
	lv.exiting, lv.discRoot, lv.pressedBy = map[string]string{}, map[string]string{}, map[string]string{}
	for _, r := range anatomy.RootLevels() {
		if seg := anatomy.ExitSegment(r); seg != "" {
			lv.exiting[seg] = r
		}
	}
	for _, seg := range anatomy.SegmentLevels() {
		root := lv.exiting[seg]
		if anatomy.LevelRegion(seg) == anatomy.Lumbar {
			root = nextRoot(root)
		}
		lv.discRoot[seg] = root
		// Which disc usually presses on a root is well known in the neck
		// and the low back; mid back disc trouble is rare and varied.
		if r := anatomy.LevelRegion(seg); r == anatomy.Cervical || r == anatomy.Lumbar {
			lv.pressedBy[root] = anatomy.SegmentLabel(seg)
		}
	}
	return lv
}()

func nextRoot(root string) string {
	roots := anatomy.RootLevels()
	if i := slices.Index(roots, root); i >= 0 && i+1 < len(roots) {
		return roots[i+1]
	}
	return ""
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

// tidy removes the blank lines and trailing spaces that template actions
// leave: at most one blank line between blocks, none at either end.
func tidy(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	blank := 0
	for _, ln := range strings.Split(s, "\n") {
		ln = strings.TrimRight(ln, " \t")
		if ln == "" {
			blank++
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('\n')
			if blank > 0 {
				b.WriteByte('\n')
			}
		}
		blank = 0
		b.WriteString(ln)
	}
	return b.String()
}

func splitComma(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// appendNew appends the items of add that list does not hold yet.
func appendNew(list []string, add ...string) []string {
	list = slices.Clone(list)
	for _, a := range add {
		if !slices.Contains(list, a) {
			list = append(list, a)
		}
	}
	return list
}

// link adds each condition to the Related list of the structures it
// involves and checks that every related ID exists.
func (l *Library) link() error {
	for _, cid := range l.conditions {
		for _, sid := range l.texts[cid].Structures {
			st := l.texts[sid]
			st.Related = appendNew(st.Related, cid)
		}
	}
	for _, id := range l.IDs() {
		for _, r := range l.texts[id].Related {
			if _, ok := l.texts[r]; !ok {
				return fmt.Errorf("content library: %s lists related %q, which has no text", id, r)
			}
			if r == id {
				return fmt.Errorf("content library: %s lists itself as related", id)
			}
		}
	}
	return nil
}
