package exercise

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"chairside/assets"
	"chairside/internal/anatomy"
	"chairside/internal/content"
	"chairside/internal/words"
)

// IDPrefix starts every exercise ID.
const IDPrefix = "exercise:"

// dir is the folder of the exercise texts in each language folder.
const dir = "exercises"

// frontMatter is what an exercise text's front matter says. Any other key
// stops the load, naming the file and line.
type frontMatter struct {
	ID       string   `yaml:"id"`
	Title    string   `yaml:"title"`
	Sources  []string `yaml:"sources"`
	Reviewed string   `yaml:"reviewed"`
}

// Library is the exercises in one language, in listing order.
type Library struct {
	lang  string
	list  []Exercise
	index map[string]int
}

var langCode = regexp.MustCompile(`^[a-z]{2,3}(-[a-z0-9]{2,8})?$`)

// Load reads the exercise library embedded in the binary, in lang; an
// exercise not yet written in lang is given in English and marked Fallback.
func Load(lang string) (*Library, error) {
	sub, err := fs.Sub(assets.Content, "content")
	if err != nil {
		return nil, fmt.Errorf("exercise library: %w", err)
	}
	return LoadFS(sub, lang)
}

// LoadFS reads the exercise texts of fsys (language folders at its root).
func LoadFS(fsys fs.FS, lang string) (*Library, error) {
	lang, err := libraryLang(lang)
	if err != nil {
		return nil, err
	}
	l := &Library{lang: lang, index: map[string]int{}}
	known := map[string]bool{}
	for _, e := range catalog {
		known[e.slug+".md"] = true
		ex, err := readExercise(fsys, lang, e)
		if err != nil {
			return nil, err
		}
		l.index[ex.ID] = len(l.list)
		l.list = append(l.list, ex)
	}
	// A text without a catalogue entry has no picture or dose: say so
	// rather than leave it out without a word.
	for _, lg := range slices.Compact([]string{content.DefaultLang, lang}) {
		names, err := fs.ReadDir(fsys, path.Join(lg, dir))
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("exercise library: %w", err)
		}
		for _, n := range names {
			if strings.HasSuffix(n.Name(), ".md") && !known[n.Name()] {
				return nil, fmt.Errorf("exercise library: %s/%s/%s has no entry in the exercise catalogue (internal/exercise/catalog.go: its regions, dose and picture)", lg, dir, n.Name())
			}
		}
	}
	return l, nil
}

func readExercise(fsys fs.FS, lang string, e entry) (Exercise, error) {
	ex := Exercise{ID: IDPrefix + e.slug, Regions: e.regions, Picture: e.picture, Dose: e.dose, Lang: lang}
	file := path.Join(lang, dir, e.slug+".md")
	b, err := fs.ReadFile(fsys, file)
	if errors.Is(err, fs.ErrNotExist) && lang != content.DefaultLang {
		ex.Lang, ex.Fallback = content.DefaultLang, true
		file = path.Join(content.DefaultLang, dir, e.slug+".md")
		b, err = fs.ReadFile(fsys, file)
	}
	if err != nil {
		return ex, fmt.Errorf("exercise library: %s: %w", ex.ID, err)
	}
	if !utf8.Valid(b) {
		return ex, fmt.Errorf("exercise library: %s: not UTF-8 text", file)
	}
	head, body, err := content.SplitFrontMatter(string(b))
	if err != nil {
		return ex, fmt.Errorf("exercise library: %s: %w", file, err)
	}
	var fm frontMatter
	if err := content.DecodeFrontMatter(head, &fm); err != nil {
		return ex, fmt.Errorf("exercise library: %s: %w", file, err)
	}
	switch {
	case fm.ID != ex.ID:
		return ex, fmt.Errorf("exercise library: %s: id %q, want %q (the file's name)", file, fm.ID, ex.ID)
	case strings.TrimSpace(fm.Title) == "":
		return ex, fmt.Errorf("exercise library: %s: no title", file)
	case len(fm.Sources) == 0:
		return ex, fmt.Errorf("exercise library: %s: no sources: every text names its references", file)
	}
	if _, err := time.Parse("2006-01-02", fm.Reviewed); err != nil {
		return ex, fmt.Errorf("exercise library: %s: reviewed date %q is not YYYY-MM-DD", file, fm.Reviewed)
	}
	ex.Title, ex.Sources, ex.Reviewed = strings.TrimSpace(fm.Title), fm.Sources, fm.Reviewed
	if err := parseBody(&ex, body); err != nil {
		return ex, fmt.Errorf("exercise library: %s: %w", file, err)
	}
	return ex, nil
}

// parseBody reads an exercise text's body: a short paragraph on what it is
// for, the numbered steps, a paragraph led by a bold label (the common
// mistake, a whole sentence: "**Common mistake:** Do not ..."), then a bold
// label and a bulleted list of cautions. The labels are the text's own
// words; the handout prints its own headings.
func parseBody(ex *Exercise, body string) error {
	var purpose []string
	labels := 0
	for _, b := range content.ParseMarkdown(body) {
		text := strings.TrimSpace(strings.ReplaceAll(b.Text(), "\n", " "))
		switch {
		case b.Kind == content.Heading:
			return fmt.Errorf("no headings in an exercise text (found %q)", text)
		case b.Numbered():
			if labels > 0 {
				return errors.New("the numbered steps must come before the bold-labelled lines")
			}
			ex.Steps = append(ex.Steps, text)
		case b.Depth == 0 && len(b.Spans) > 0 && b.Spans[0].Bold && strings.HasSuffix(strings.TrimSpace(b.Spans[0].Text), ":"):
			labels++
			rest := strings.TrimSpace(strings.TrimPrefix(text, b.Spans[0].Text))
			switch labels {
			case 1:
				ex.DoNot = words.UpperFirst(rest)
			case 2:
				if rest != "" {
					ex.Cautions = append(ex.Cautions, words.UpperFirst(rest))
				}
			default:
				return errors.New("more than two bold-labelled lines (the common mistake, then the cautions)")
			}
		case b.Marker != "" && labels == 2:
			ex.Cautions = append(ex.Cautions, text)
		case b.Depth == 0 && len(ex.Steps) == 0 && labels == 0:
			purpose = append(purpose, text)
		default:
			return fmt.Errorf("unexpected text %q: the order is what it is for, numbered steps, \"**Common mistake:** Do not ...\", then \"**Take care:**\" and a bulleted list", clip(text))
		}
	}
	ex.Purpose = strings.Join(purpose, " ")
	switch {
	case ex.Purpose == "":
		return errors.New("no opening sentence on what the exercise is for")
	case len(ex.Steps) < 3 || len(ex.Steps) > 5:
		return fmt.Errorf("%d steps: write three to five", len(ex.Steps))
	case ex.DoNot == "":
		return errors.New(`no "**Common mistake:** Do not ..." line after the steps`)
	case len(ex.Cautions) == 0:
		return errors.New(`no cautions: a "**Take care:**" line and a bulleted list after the "do not" line`)
	}
	return nil
}

func clip(s string) string {
	if r := []rune(s); len(r) > 40 {
		return string(r[:40]) + "…"
	}
	return s
}

// Lang is the language the library was loaded in.
func (l *Library) Lang() string { return l.lang }

// All is every exercise in listing order.
func (l *Library) All() []Exercise { return slices.Clone(l.list) }

// InRegion is the exercises that serve region r, in listing order.
func (l *Library) InRegion(r Region) []Exercise {
	var out []Exercise
	for _, e := range l.list {
		if e.In(r) {
			out = append(out, e)
		}
	}
	return out
}

// Get finds an exercise by its ID ("exercise:chin-tuck", or "chin-tuck"
// as typed). An unknown ID is an error that suggests the nearest one.
func (l *Library) Get(id string) (Exercise, error) {
	key := exerciseKey(id)
	if i, ok := l.index[key]; ok {
		return l.list[i], nil
	}
	best, bestD := "", 4
	for _, e := range l.list {
		if d := anatomy.EditDistance(key, e.ID); d < bestD {
			best, bestD = e.ID, d
		}
	}
	if best != "" {
		return Exercise{}, fmt.Errorf("no exercise %q: did you mean %s?", id, best)
	}
	return Exercise{}, fmt.Errorf("no exercise %q ('chairside exercises' lists them)", id)
}

// libraryLang is lang as the library's folders name it (lower case), or
// an error when it is not a language code: Load and Find share it.
func libraryLang(lang string) (string, error) {
	lang = strings.ToLower(strings.TrimSpace(lang))
	if !langCode.MatchString(lang) {
		return "", fmt.Errorf("exercise library: %q is not a language code such as en or es", lang)
	}
	return lang, nil
}

// exerciseKey is id as the library keys it: lower case, with the
// "exercise:" prefix whether or not it was typed. Get and Find share it.
func exerciseKey(id string) string {
	key := strings.ToLower(strings.TrimSpace(id))
	if !strings.HasPrefix(key, IDPrefix) {
		key = IDPrefix + key
	}
	return key
}
