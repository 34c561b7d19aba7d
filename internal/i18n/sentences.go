package i18n

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"chairside/internal/anatomy"
)

// The messages of the database layer and of the model's rules (a refused
// restore, "The title is too long (…)", "Handout 12 does not exist") and
// the command line's own are written in English, as fmt formats, where
// they arise: internal/store, internal/handout, internal/patient and
// internal/cli know no language. Their words for every language live in
// the catalogues under keys store.* and cli.*, and the
// English text of each key is the format as the code writes it. So a
// message is put in another language by its English (as gettext does):
//
//   - Message fills a known format with its arguments in the language;
//   - Sentence takes a finished English message, finds the format it was
//     made from and its arguments, and says it in the language.
//
// An argument that is itself one of those messages or parts ("save the
// handout", "The title") is said in the language too. A message the
// catalogues do not know reads in English: nothing is ever lost, and the
// tests (internal/store, internal/i18n) fail when a message the code can
// produce has no entry in every catalogue.

// sentencePrefixes start the keys of the messages put in a language by
// their English: the store's and the model's, the command line's own, and
// why the printing system did not print (internal/printing).
var sentencePrefixes = []string{"store.", "cli.", "print.reason."}

// isSentence says whether key is one of those messages.
func isSentence(key string) bool {
	for _, p := range sentencePrefixes {
		if strings.HasPrefix(key, p) {
			return true
		}
	}
	return false
}

// ScreenWords is lang's catalogue file (go-i18n's JSON) without the
// sentences: the words the app's screens ask for by key, for Fyne's
// translation support. The sentences (a third of the keys, half the
// text) are said through Sentence and Message, never by key, so a
// screen's copy of them would only take memory. A catalogue of the plain
// shape (all Chairside ships) is copied from its index, each kept
// message's ID and value as the file has them, in ID order: decoding the
// whole file into a map and encoding it again took 1.5-2.6 ms and 4,180
// allocations of the app's start.
func ScreenWords(lang string) ([]byte, error) { return load().screenWords(lang) }

func (c *catalogue) screenWords(lang string) ([]byte, error) {
	if c.err != nil {
		return nil, c.err
	}
	b := c.book(normalize(lang))
	if b == nil {
		return nil, fmt.Errorf("word catalogue: no %s.json", lang)
	}
	if b.err != nil {
		return nil, b.err
	}
	if b.index == nil {
		return screenWordsDecoded(b)
	}
	ix := b.index
	out := make([]byte, 0, 64*1024)
	out = append(out, '{')
	for i := range ix.Len() {
		id := ix.ID(i)
		if isSentence(id) {
			continue
		}
		if len(out) > 1 {
			out = append(out, ',')
		}
		// An indexed ID is a JSON string without escapes: quoted as it
		// stood in the file.
		out = append(out, '"')
		out = append(out, id...)
		out = append(out, '"', ':')
		out = append(out, ix.RawValue(i)...)
	}
	return append(out, '}'), nil
}

// screenWordsDecoded is ScreenWords for a catalogue of another shape,
// which go-i18n parsed whole: its top-level keys, decoded by
// encoding/json, the sentences left out.
func screenWordsDecoded(b *book) ([]byte, error) {
	data, err := fs.ReadFile(b.fsys, b.file)
	if err != nil {
		return nil, err
	}
	var all map[string]json.RawMessage
	if err := json.Unmarshal(data, &all); err != nil {
		return nil, fmt.Errorf("word catalogue %s: %w", b.file, err)
	}
	for key := range all {
		if isSentence(key) {
			delete(all, key)
		}
	}
	return json.Marshal(all)
}

// sentence is one store.* message: its key, its English format and a
// pattern that finds its arguments in a finished English message.
type sentence struct {
	key, english string
	verbs        []byte // the verbs in order: 's', 'd', 'q', 'v'
	pattern      *regexp.Regexp
}

var (
	sentencesOnce sync.Once
	byEnglish     map[string]*sentence
	withArgs      []*sentence // longest literal text first
	// structureByName finds a part of the spine by its English name
	// (lower case), findingByLabel a finding's key by its English label:
	// the model's rules name them inside their messages.
	structureByName map[string]string
	findingByLabel  map[string]string
)

// verb matches the fmt verbs the messages use.
var verb = regexp.MustCompile(`%(\[\d+\])?[sdqvw]|%%`)

func loadSentences() {
	sentencesOnce.Do(func() {
		byEnglish = map[string]*sentence{}
		structureByName = map[string]string{}
		for _, st := range anatomy.All() {
			structureByName[strings.ToLower(st.Name)] = st.ID
		}
		findingByLabel = map[string]string{}
		en := load().messages(DefaultLang)
		for key, text := range en {
			if strings.HasPrefix(key, "finding.") && !strings.HasPrefix(key, "finding.detail.") {
				findingByLabel[text] = key
			}
		}
		for key, text := range en {
			if !isSentence(key) {
				continue
			}
			s := &sentence{key: key, english: text}
			byEnglish[text] = s
			var re strings.Builder
			re.WriteString("^")
			last := 0
			for _, loc := range verb.FindAllStringIndex(text, -1) {
				re.WriteString(regexp.QuoteMeta(text[last:loc[0]]))
				v := text[loc[1]-1]
				switch v {
				case '%':
					re.WriteString("%")
				case 'd':
					re.WriteString(`(-?[0-9]+)`)
				case 'q':
					re.WriteString(`("(?:[^"\\]|\\.)*")`)
				default:
					re.WriteString(`(.+?)`)
				}
				if v != '%' {
					s.verbs = append(s.verbs, v)
				}
				last = loc[1]
			}
			if len(s.verbs) == 0 {
				continue
			}
			re.WriteString(regexp.QuoteMeta(text[last:]))
			re.WriteString("$")
			s.pattern = regexp.MustCompile(re.String())
			withArgs = append(withArgs, s)
		}
		// The most specific pattern first: "%s is too long (%d characters)…"
		// before a bare "%s: %s".
		literal := func(s *sentence) int { return len(verb.ReplaceAllString(s.english, "")) }
		slices.SortFunc(withArgs, func(a, b *sentence) int {
			if d := literal(b) - literal(a); d != 0 {
				return d
			}
			return strings.Compare(a.key, b.key)
		})
	})
}

// SentenceKey is the catalogue key of the message whose English format is
// english, "" when the catalogues have none.
//
// The store asks this of every error it makes, so it reads only the keys:
// the patterns Sentence needs are made the first time a message is put in
// another language.
func SentenceKey(english string) string {
	keysOnce.Do(func() {
		keyByEnglish = map[string]string{}
		for key, text := range load().messages(DefaultLang) {
			if isSentence(key) {
				keyByEnglish[text] = key
			}
		}
	})
	return keyByEnglish[english]
}

var (
	keysOnce     sync.Once
	keyByEnglish map[string]string
)

// Message is the message made from the English format with args, in w's
// language: the catalogue's words for the format, the arguments that are
// themselves known messages or parts in the language too. A format the
// catalogues do not know is filled as it is.
func (w Words) Message(format string, args ...any) string {
	loadSentences()
	s, ok := byEnglish[format]
	if !ok || w.Lang() == DefaultLang {
		return fmt.Sprintf(format, args...)
	}
	out := make([]any, len(args))
	for i, a := range args {
		out[i] = w.argument(a)
	}
	return w.finish(fmt.Sprintf(w.text(s), out...), format)
}

// Sentence is a finished English message in w's language, when the
// catalogues know the format it was made from; else it is returned as it
// is.
func (w Words) Sentence(english string) string {
	if w.Lang() == DefaultLang || english == "" {
		return english
	}
	return w.finish(w.sentence(english), english)
}

// finish starts a message with a capital where its English does, and
// makes the contractions the language's grammar asks for where a part
// was put in after a preposition ("de el estiramiento" is "del
// estiramiento" in Spanish).
func (w Words) finish(s, english string) string {
	for _, c := range contractions[w.Lang()] {
		s = strings.ReplaceAll(s, c[0], c[1])
	}
	if r, _ := utf8.DecodeRuneInString(english); unicode.IsUpper(r) {
		if first, n := utf8.DecodeRuneInString(s); unicode.IsLower(first) {
			s = string(unicode.ToUpper(first)) + s[n:]
		}
	}
	return s
}

// contractions are the words a language joins when a message's part
// starts with an article after a preposition.
var contractions = map[string][][2]string{
	"es": {{" de el ", " del "}, {" a el ", " al "}},
}

// sentence is Sentence without finish, for the parts inside a message.
func (w Words) sentence(english string) string {
	loadSentences()
	if s, ok := byEnglish[english]; ok && len(s.verbs) == 0 {
		return w.text(s)
	}
	for _, s := range withArgs {
		m := s.pattern.FindStringSubmatch(english)
		if m == nil {
			continue
		}
		args := make([]any, len(s.verbs))
		for i, v := range s.verbs {
			args[i] = w.captured(v, m[i+1])
		}
		return fmt.Sprintf(w.text(s), args...)
	}
	if id, ok := structureByName[strings.ToLower(english)]; ok {
		// a part of the spine named inside a message ("not on the left
		// L5 nerve root")
		return w.StructureName(id)
	}
	if key, ok := findingByLabel[english]; ok {
		return w.T(key)
	}
	return english
}

// text is the message's format in w's language (English where it lacks
// the key).
func (w Words) text(s *sentence) string {
	if t, ok := load().messages(w.Lang())[s.key]; ok && t != "" {
		return t
	}
	return s.english
}

// argument is a message's argument in w's language: a string that is a
// known message or part is said in the language; anything else (a path,
// a number) is kept.
func (w Words) argument(a any) any {
	switch v := a.(type) {
	case string:
		return w.sentence(v)
	case fmt.Stringer:
		return w.sentence(v.String())
	case error:
		return w.sentence(v.Error())
	}
	return a
}

// captured turns a piece of a finished message back into the argument
// its verb printed.
func (w Words) captured(v byte, s string) any {
	switch v {
	case 'd':
		if n, err := strconv.Atoi(s); err == nil {
			return n
		}
	case 'q':
		if u, err := strconv.Unquote(s); err == nil {
			return w.sentence(u)
		}
	}
	return w.sentence(s)
}

// SentenceVerbs lists the fmt verbs of a catalogue text in the order of
// their arguments (%[2]s counts as the second argument), for the tests
// that hold each translation to its English's arguments.
func SentenceVerbs(text string) []string {
	var out []string
	next := 1
	for _, m := range verb.FindAllStringSubmatch(text, -1) {
		if m[0] == "%%" {
			continue
		}
		n := next
		if m[1] != "" {
			n, _ = strconv.Atoi(strings.Trim(m[1], "[]"))
		}
		next = n + 1
		out = append(out, fmt.Sprintf("%d%c", n, m[0][len(m[0])-1]))
	}
	slices.Sort(out)
	return out
}
