package cli

import (
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"

	"chairside/internal/content"
)

func init() {
	register(Command{Name: "explain", Summary: "print the explanation of a structure, topic or condition (Markdown)",
		Usage: "ID [--lang en]", Run: runExplain})
	register(Command{Name: "topics", Summary: "list topic and condition IDs with titles (tab-separated)",
		Usage: "[--lang en]", Run: runTopics})
	register(Command{Name: "search", Summary: "find structures, topics and conditions, best first (tab-separated)",
		Usage: "WORDS… [--limit N] [--lang en]", Run: runSearch})
}

// langCode is the shape of a language code: en, es, pt-br.
var langCode = regexp.MustCompile(`^[a-z]{2,3}(-[a-z0-9]{2,8})?$`)

// loadLibrary loads the content library in a language. What is not a
// language code is refused: a typo such as --lang English would otherwise
// quietly give the English texts.
func loadLibrary(lang string) (*content.Library, error) {
	if !langCode.MatchString(strings.ToLower(strings.TrimSpace(lang))) {
		return nil, fmt.Errorf("--lang %s: give a language code such as en or es", echo(lang))
	}
	return content.Load(lang)
}

func runExplain(env *Env, args []string) error {
	fs := newFlags(env)
	lang := fs.String("lang", "", "`language` code of the text (default: the user's, from CHAIRSIDE_LANG, LC_ALL, LC_MESSAGES or LANG; falls back to English)")
	id, err := oneArg(fs, args, "give one ID, e.g. chairside explain disc:L4-L5 ('chairside structures' and 'chairside topics' list them)")
	if err != nil {
		return err
	}
	lib, err := loadLibrary(textLanguage(fs, *lang))
	if err != nil {
		return err
	}
	t, err := lib.Explain(id)
	if err != nil {
		return tame(err, id)
	}
	writeText(env.Stdout, t, textLanguage(fs, *lang))
	return nil
}

// writeText prints a text as one Markdown document: title, body, sources
// and the date a clinician last reviewed it.
func writeText(w io.Writer, t content.Text, asked string) {
	fmt.Fprintf(w, "# %s\n\n", t.Title)
	if t.Fallback {
		fmt.Fprintf(w, "*Not yet available in %q: shown in English.*\n\n", asked)
	}
	fmt.Fprintln(w, t.Body)
	fmt.Fprintln(w, "\n## Sources")
	fmt.Fprintln(w)
	for _, s := range t.Sources {
		fmt.Fprintf(w, "- %s\n", s)
	}
	fmt.Fprintf(w, "\nReviewed: %s\n", t.Reviewed)
}

func runTopics(env *Env, args []string) error {
	fs := newFlags(env)
	lang := fs.String("lang", "", "`language` code of the titles (default: the user's, from CHAIRSIDE_LANG, LC_ALL, LC_MESSAGES or LANG)")
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return fmt.Errorf("unexpected argument %s (topics takes no arguments)", echo(pos[0]))
	}
	lib, err := loadLibrary(textLanguage(fs, *lang))
	if err != nil {
		return err
	}
	for _, t := range append(lib.Topics(), lib.Conditions()...) {
		fmt.Fprintf(env.Stdout, "%s\t%s\n", t.ID, t.Title)
	}
	return nil
}

func runSearch(env *Env, args []string) error {
	fs := newFlags(env)
	lang := fs.String("lang", "", "`language` code to search in (default: the user's, from CHAIRSIDE_LANG, LC_ALL, LC_MESSAGES or LANG)")
	limit := fs.Int("limit", 20, "most results to print (0 for all)")
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	q := strings.TrimSpace(strings.Join(pos, " "))
	if q == "" {
		return errors.New("give words to search for, e.g. chairside search big toe")
	}
	if *limit < 0 {
		return fmt.Errorf("--limit %d: give 0 (all) or more", *limit)
	}
	lib, err := loadLibrary(textLanguage(fs, *lang))
	if err != nil {
		return err
	}
	hits := lib.Search(q, *limit)
	if len(hits) == 0 {
		return fmt.Errorf("nothing matches %s; try fewer or other words (sciatica, big toe, crack, neck)", echo(q))
	}
	for _, h := range hits {
		fmt.Fprintf(env.Stdout, "%s\t%s\n", h.ID, h.Title)
	}
	return nil
}
