package cli

import (
	"errors"
	"flag"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// The flag package parses; these helpers only put its refusals in our
// words. They never read its error text: a value's error is caught as the
// value refuses it (flagGuard), and an unknown flag or a missing value is
// told apart by looking at the argument the parser stopped on.

// repeatable is implemented by a flag value that may be given more than
// once (--mark); any other flag given twice is an error, not "last wins".
type repeatable interface{ Repeatable() bool }

// completeError is a flag value's refusal that already names the flag
// and says all there is to say; the guard passes it on as it is.
type completeError struct{ error }

func (e completeError) Unwrap() error { return e.error }

// flagGuard stands in for a flag's value while arguments are parsed.
type flagGuard struct {
	inner   flag.Value
	name    string
	private bool // the command's values are patient data: never repeat them
	seen    bool
	err     error // the value's refusal, in our words
}

func (g *flagGuard) String() string { return g.inner.String() }

// IsBoolFlag passes on whether the flag is written alone (--final).
func (g *flagGuard) IsBoolFlag() bool {
	b, ok := g.inner.(interface{ IsBoolFlag() bool })
	return ok && b.IsBoolFlag()
}

func (g *flagGuard) Set(s string) error {
	if r, ok := g.inner.(repeatable); g.seen && !(ok && r.Repeatable()) {
		g.err = fmt.Errorf("--%s is given twice: give it once", g.name)
		return g.err
	}
	g.seen = true
	err := g.inner.Set(s)
	if err == nil {
		return nil
	}
	if c := (completeError{}); errors.As(err, &c) {
		g.err = c.error
		return err
	}
	why := err.Error()
	if get, ok := g.inner.(flag.Getter); ok {
		// The standard library's own values say only "parse error": say
		// what the flag wants instead.
		switch get.Get().(type) {
		case bool:
			why = "write --" + g.name + " alone, or --" + g.name + "=false"
		case int, int64, uint, uint64:
			why = "not a whole number"
			if _, perr := strconv.ParseInt(s, 0, 64); errors.Is(perr, strconv.ErrRange) {
				why = "the number is far too large"
			}
		case float64:
			why = "not a number"
		}
	}
	if g.private {
		g.err = fmt.Errorf("--%s: %s", g.name, why)
	} else {
		g.err = fmt.Errorf("--%s %s: %s", g.name, echo(s), why)
	}
	return g.err
}

// guardFlags puts a flagGuard in front of every flag of fs until the
// returned function puts the values back (help lists the real ones).
func guardFlags(fs *flag.FlagSet, private bool) (guards []*flagGuard, restore func()) {
	fs.VisitAll(func(f *flag.Flag) {
		g := &flagGuard{inner: f.Value, name: f.Name, private: private}
		f.Value = g
		guards = append(guards, g)
	})
	return guards, func() {
		for _, g := range guards {
			fs.Lookup(g.name).Value = g.inner
		}
	}
}

// parseError says in our words why fs.Parse(args) failed with err.
func parseError(fs *flag.FlagSet, guards []*flagGuard, args []string, err error) error {
	for _, g := range guards {
		if g.err != nil {
			return fmt.Errorf("%w (run '%s --help' for its flags)", g.err, fs.Name())
		}
	}
	// The parser stops just after the argument it could not use.
	msg := "cannot read the flags"
	if i := len(args) - len(fs.Args()) - 1; i >= 0 && i < len(args) {
		s := args[i]
		name := strings.TrimPrefix(strings.TrimPrefix(s, "-"), "-")
		name, _, _ = strings.Cut(name, "=")
		switch {
		case name == "" || strings.HasPrefix(name, "-") || strings.HasPrefix(name, "="):
			msg = "bad flag " + echo(s) + ": write flags as --name or --name=value"
		case fs.Lookup(name) == nil:
			msg = "unknown flag --" + echoWord(name)
		default:
			msg = "--" + name + " needs a value after it"
		}
	}
	return fmt.Errorf("%s (run '%s --help' for its flags)", msg, fs.Name())
}

// maxEcho is the most of what was typed that a message repeats.
const maxEcho = 24

// echo repeats a piece of what was typed in a message: at most maxEcho
// characters, quoted, with control characters and terminal escapes shown
// as escapes (\x1b), never sent to the terminal. Only for words that are
// not patient data (IDs, flag names, paths the user chose).
func echo(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	if utf8.RuneCountInString(s) > maxEcho {
		r := []rune(s)
		s = string(r[:maxEcho]) + "…"
	}
	return strconv.Quote(s)
}

// echoWord is echo for a word such as a flag name: shown bare when it is
// short and plain (--nosuch), quoted and escaped otherwise.
func echoWord(s string) string {
	plain := utf8.RuneCountInString(s) <= maxEcho && strings.IndexFunc(s, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_')
	}) < 0
	if plain && s != "" {
		return s
	}
	return echo(s)
}

// tame shortens and escapes what was typed where another package's error
// repeats it in full (anatomy.Parse says "\"vertebra:L6\": no such
// structure"): the message keeps its words, the input shrinks to echo's.
func tame(err error, typed string) error {
	if err == nil {
		return nil
	}
	const mark = "\x00" // never in a message: stands for the input meanwhile
	msg := strings.ReplaceAll(err.Error(), strconv.Quote(typed), mark)
	if len(typed) > 3 {
		msg = strings.ReplaceAll(msg, typed, mark)
	}
	return errors.New(strings.ReplaceAll(visibleLine(msg), `\x00`, echo(typed)))
}

// visibleText makes stored text safe to print on a terminal: control
// characters (ESC starting an ANSI sequence, carriage return, bell, C1
// codes) and the invisible marks that reorder text (U+202E and the like)
// are shown as escapes such as \x1b or \u202e, never sent as they are.
// Line breaks and tabs stay, for notes of several lines.
func visibleText(s string) string { return visible(s, false) }

// visibleLine is visibleText for a one-line field (a name, a title, a
// list column): line breaks and tabs are shown as \n and \t too, so that
// one field cannot pose as several lines or columns.
func visibleLine(s string) string { return visible(s, true) }

func visible(s string, oneLine bool) string {
	var b strings.Builder
	for i, r := range s {
		switch {
		case r == utf8.RuneError && !strings.HasPrefix(s[i:], "\uFFFD"):
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case (r == '\n' || r == '\t') && !oneLine:
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\r':
			b.WriteString(`\r`)
		case r < 0x20 || (r >= 0x7f && r < 0xa0):
			fmt.Fprintf(&b, `\x%02x`, r)
		case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069, r == 0x200e, r == 0x200f, r == 0x061c:
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
