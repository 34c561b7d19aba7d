package cli

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
)

// FuzzCommandLine feeds the command line arbitrary arguments (NUL
// separates them in the fuzzed string). Whatever is typed, Main must not
// panic, must answer with exit status 0 or 2 (1 only if the app would
// start), must report an error as one line on stderr, and must never
// send a control character or terminal escape to the terminal in it.
// Commands that write files or replace the database (--out, --db,
// backup, restore) are left out: a fuzzer must not write where a mutated
// path points. `make bench` runs it for a short time; the seeds alone run
// with the tests.
func FuzzCommandLine(f *testing.F) {
	for _, seed := range []string{
		"",
		"help",
		"--help",
		"handouts\x00new\x00--patient\x001\x00--patient\x002\x00--items\x00disc:L4-L5",
		"handouts\x00new\x00--patient\x001\x00--items\x00disc:L4-L5\x00--mark\x00disc:L4-L5=bulge\x00--mark\x00nerve:L5:left=bulge",
		"handouts\x00show\x00\x1b[2J\x1b]0;x\x07",
		"handouts\x00show\x001\x00extra",
		"handouts\x00list\x00--patient\x00-1",
		"handouts\x00list\x00--patient\x0099999999999999999999999",
		"patients\x00add\x00--name\x00Ann Lee\x00--nmae\x00Ann Lee",
		"patients\x00add\x00--name\x00Ann\x00--dob\x001970-02-30",
		"patients\x00list\x00--limit\x00Ann",
		"patients\x00list\x00--archived=maybe",
		"patients\x00list\x00--archived\x00--archived",
		"render\x00--view\x00sideways",
		"render\x00--width\x000",
		"render\x00---view",
		"render\x00-=x",
		"explain\x00disc:L4-L5",
		"explain\x00vertebra:\u202eC5",
		"search\x00sciatica",
		"structures\x00--lang\x00English",
		"topics\x00extra",
		"unknown\x00--x",
		"handouts",
		"handouts\x00help\x00new",
		"check\x00--",
	} {
		f.Add(seed)
	}
	dir := f.TempDir()
	f.Setenv("CHAIRSIDE_DB", filepath.Join(dir, "fuzz.db"))
	f.Setenv("HOME", dir)
	f.Setenv("XDG_CONFIG_HOME", dir)
	f.Chdir(dir)
	f.Fuzz(func(t *testing.T, line string) {
		var args []string
		if line != "" {
			args = strings.Split(line, "\x00")
		}
		for _, a := range args {
			name := strings.TrimLeft(a, "-")
			if a != name && (strings.HasPrefix(name, "out") || strings.HasPrefix(name, "db")) {
				t.Skip("writes where the input points")
			}
			if a == "backup" || a == "restore" {
				t.Skip("writes or replaces files")
			}
		}
		var out, errb bytes.Buffer
		code := Main(args, &out, &errb, func(GUIOptions) error { return errNoWindow })
		switch code {
		case 0, ExitUsage:
		case 1:
			if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
				t.Errorf("%q: exit 1 though a command was given", args)
			}
		default:
			t.Errorf("%q: exit %d", args, code)
		}
		msg := errb.String()
		if code == ExitUsage {
			// One error line, last (a group lists its verbs above it).
			lines := strings.Split(strings.TrimSuffix(msg, "\n"), "\n")
			if !strings.HasSuffix(msg, "\n") || !strings.HasPrefix(lines[len(lines)-1], "chairside") {
				t.Errorf("%q: stderr does not end with one error line: %q", args, msg)
			}
		}
		if strings.IndexFunc(msg, func(r rune) bool {
			return (unicode.IsControl(r) && r != '\n') || (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069)
		}) >= 0 {
			t.Errorf("%q: a control character or text-direction mark reached stderr: %q", args, msg)
		}
	})
}

// errNoWindow stands in for the app in tests that never start it.
var errNoWindow = errorString("the tests never start the app")

type errorString string

func (e errorString) Error() string { return string(e) }
