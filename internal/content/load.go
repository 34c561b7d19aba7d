package content

import (
	"fmt"
	"io/fs"
	"maps"
	"path"
	"regexp"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
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

// libraryDirs are the folders of a language the library reads; the rest
// (exercises/, read by internal/exercise) it does not open.
var libraryDirs = map[string]bool{dirStructures: true, dirData: true, dirOverrides: true, dirTopics: true, dirConditions: true}

// The front matter keys each kind of file reads (see frontMatter).
var (
	articleKeys = map[string][]string{
		dirTopics:     {"id", "title", "order", "sources", "reviewed", "related", "keywords", "keypoints", "stretches"},
		dirConditions: {"id", "title", "order", "sources", "reviewed", "related", "keywords", "structures", "keypoints"},
	}
	overrideKeys = []string{"id", "title", "sources", "reviewed", "related", "keywords"}
	templateKeys = []string{"kind", "title", "sources", "reviewed", "related", "keywords"}
)

var structureKinds = []anatomy.Kind{anatomy.Vertebra, anatomy.Disc, anatomy.Facet, anatomy.Nerve, anatomy.Cord, anatomy.Joint}

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
	parseAhead(files)
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
	// parsed is the file read by parseAhead, or nil: parseFile reads it
	// then.
	parsed *parsedDoc
}

// parsedDoc is a Markdown file's front matter and body as parseDoc read it.
type parsedDoc struct {
	d   *doc
	err error
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
			rel := strings.TrimPrefix(p, root+"/")
			if d.IsDir() {
				if p != root && !libraryDirs[rel] {
					return fs.SkipDir // another package's texts (exercises/)
				}
				return nil
			}
			if !strings.HasSuffix(rel, ".md") && !strings.HasSuffix(rel, ".json") || !libraryDirs[path.Dir(rel)] {
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

// parseAhead reads every Markdown file of files at once, spread over the
// machine's cores: the front matter's YAML is most of a load's time and
// each file's is independent of the others. The results wait in files for
// parseFile, so errors are reported where and in the order they were.
func parseAhead(files map[string]source) {
	type job struct {
		path string
		src  source
	}
	var jobs []job
	for p, src := range files {
		if strings.HasSuffix(p, ".md") && src.parsed == nil {
			src.parsed = &parsedDoc{}
			files[p] = src
			jobs = append(jobs, job{p, src})
		}
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(jobs)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := int(next.Add(1) - 1); i < len(jobs); i = int(next.Add(1) - 1) {
				j := jobs[i]
				j.src.parsed.d, j.src.parsed.err = readDoc(j.src, j.path)
			}
		}()
	}
	wg.Wait()
}

func parseFile(files map[string]source, p string) (*doc, error) {
	src := files[p]
	if src.parsed != nil {
		return src.parsed.d, src.parsed.err
	}
	return readDoc(src, p)
}

// readDoc parses one Markdown file of the library.
func readDoc(src source, p string) (*doc, error) {
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

// tidy removes the blank lines and trailing spaces that template actions
// leave: at most one blank line between blocks, none at either end.
func tidy(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	blank := 0
	// Line by line with Cut rather than Split: tidy runs on every
	// structure's text and key section, and the slice of lines was most
	// of its cost.
	for rest, more := s, true; more; {
		var ln string
		ln, rest, more = strings.Cut(rest, "\n")
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
