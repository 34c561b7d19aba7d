// Package cli is Chairside's command line: global flags, the subcommand
// table and exit codes. Each subcommand lives in its own file and registers
// itself; the GUI stays the default when no subcommand is given.
package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strconv"
	"strings"
)

// AppID is the Fyne application ID; it also names the default data folder.
const AppID = "app.chairside.desktop"

// ExitUsage is the status for bad input and failed commands: the message on
// stderr says what to do.
const ExitUsage = 2

// Env is what a subcommand gets: where the database is and where to write.
type Env struct {
	DBPath string
	Stdout io.Writer
	Stderr io.Writer

	cmd   Command       // the running command ("handouts new" for a verb)
	flags *flag.FlagSet // its flags, once newFlags made them: for --help
}

// Command is one subcommand, e.g. "structures" or "handouts new".
type Command struct {
	Name    string
	Summary string // one line for the list of commands
	Usage   string // what follows the name, for its --help: "--out FILE [--paper a4|letter]"
	DB      bool   // it opens the database, so its --help names --db
	Private bool   // its arguments carry patient data: errors never repeat them
	Run     func(env *Env, args []string) error
}

var commands = map[string]Command{}

// register adds a subcommand; called from init in each command's file.
func register(c Command) { commands[c.Name] = c }

// GUIOptions are the settings the window starts with.
type GUIOptions struct {
	DBPath string
	Trace  bool // log UI events (selection, saves) to stderr, for end-to-end tests; never patient data
}

// DefaultDBPath is chairside.db in the app's storage root, the same folder
// Fyne's app.Storage() uses (see fyneStorageRoot): on Linux
// $XDG_CONFIG_HOME/fyne/app.chairside.desktop, on Windows
// %USERPROFILE%\AppData\Roaming\fyne\app.chairside.desktop.
func DefaultDBPath() string {
	return filepath.Join(fyneStorageRoot(runtime.GOOS, AppID, os.UserHomeDir, os.UserConfigDir), "chairside.db")
}

// Main runs the command line and returns the process exit status. With no
// subcommand it starts the GUI through gui. Help goes to stdout (exit 0);
// every error goes to stderr with exit status ExitUsage.
func Main(args []string, stdout, stderr io.Writer, gui func(GUIOptions) error) int {
	fs := flag.NewFlagSet("chairside", flag.ContinueOnError)
	fs.SetOutput(io.Discard) // errors are reported below, once, in our words
	fs.Usage = func() {}
	db := fs.String("db", "", "the database `file` (default $CHAIRSIDE_DB, else "+DefaultDBPath()+")")
	trace := fs.Bool("trace", false, "log UI events to stderr (for end-to-end tests)")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			usage(stdout, fs)
			return 0
		}
		fmt.Fprintf(stderr, "chairside: %v\n", flagError(fs, err))
		return ExitUsage
	}
	env := &Env{DBPath: *db, Stdout: stdout, Stderr: stderr}
	if err := checkDBFlag(fs, *db); err != nil {
		fmt.Fprintf(stderr, "chairside: %v\n", err)
		return ExitUsage
	}
	if env.DBPath == "" {
		env.DBPath = os.Getenv("CHAIRSIDE_DB")
	}
	if env.DBPath == "" {
		env.DBPath = DefaultDBPath()
	}
	rest := fs.Args()
	if len(rest) == 0 {
		if err := gui(GUIOptions{DBPath: env.DBPath, Trace: *trace}); err != nil {
			fmt.Fprintln(stderr, "chairside:", err)
			return 1
		}
		return 0
	}
	if rest[0] == "help" {
		if len(rest) == 1 {
			usage(stdout, fs)
			return 0
		}
		// "help handouts export" is "handouts export --help".
		rest = append(rest[1:len(rest):len(rest)], "--help")
	}
	cmd, ok := commands[rest[0]]
	if !ok {
		fmt.Fprintf(stderr, "chairside: unknown command %q; run 'chairside help' for the list\n", rest[0])
		return ExitUsage
	}
	env.cmd = cmd
	err := cmd.Run(env, rest[1:])
	switch {
	case err == nil:
		return 0
	case errors.Is(err, flag.ErrHelp):
		commandHelp(stdout, env)
		return 0
	default:
		fmt.Fprintf(stderr, "chairside %s: %v\n", env.cmd.Name, err)
		return ExitUsage
	}
}

// checkDBFlag refuses an explicit empty --db: a script whose variable is
// unset must not fall through to the clinic's real database.
func checkDBFlag(fs *flag.FlagSet, value string) error {
	set := false
	fs.Visit(func(f *flag.Flag) { set = set || f.Name == "db" })
	if set && strings.TrimSpace(value) == "" {
		return errors.New("--db is empty: give the database file, e.g. --db ~/chairside.db")
	}
	return nil
}

func usage(w io.Writer, fs *flag.FlagSet) {
	fmt.Fprintln(w, "Usage: chairside [--db FILE]                  start the app")
	fmt.Fprintln(w, "       chairside [--db FILE] COMMAND [flags]  run a command")
	fmt.Fprintln(w, "\nCommands:")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-12s %s\n", n, commands[n].Summary)
	}
	fmt.Fprintln(w, "\nGlobal flags:")
	writeFlags(w, fs, "")
	fmt.Fprintln(w, "\nExamples:")
	for _, ex := range []string{
		"chairside explain disc:L4-L5",
		"chairside render --view posterior --highlight facet:L4-L5:left --out spine.png",
		`chairside patients add --name "Ann Lee" --dob 1980-05-17`,
		"chairside handouts new --patient 1 --items disc:L4-L5,nerve:L5:left --mark disc:L4-L5=bulge",
		"chairside handouts export 1 --out ~/Desktop",
	} {
		fmt.Fprintf(w, "  %s\n", ex)
	}
	fmt.Fprintln(w, "\nRun 'chairside help COMMAND' (or 'chairside COMMAND --help') for a command's flags.")
	fmt.Fprintln(w, "Every error is reported on stderr with exit status 2.")
}

// commandHelp prints the running command's usage line, summary and flags.
func commandHelp(w io.Writer, env *Env) {
	c := env.cmd
	fmt.Fprintf(w, "%s\n\n", strings.TrimSpace("Usage: chairside "+c.Name+" "+c.Usage))
	if c.Summary != "" {
		fmt.Fprintf(w, "%s%s.\n", strings.ToUpper(c.Summary[:1]), c.Summary[1:])
	}
	if env.flags == nil {
		return
	}
	skip := "db"
	if c.DB {
		skip = ""
	}
	var b strings.Builder
	writeFlags(&b, env.flags, skip)
	if b.Len() > 0 {
		fmt.Fprintf(w, "\nFlags:\n%s", b.String())
	}
}

// writeFlags lists a flag set's flags the way they are typed, with two
// dashes: "  --out FILE  the PNG file to write".
func writeFlags(w io.Writer, fs *flag.FlagSet, skip string) {
	type row struct{ left, right string }
	var rows []row
	width := 0
	fs.VisitAll(func(f *flag.Flag) {
		if f.Name == skip {
			return
		}
		arg, text := flag.UnquoteUsage(f)
		left := "--" + f.Name
		if _, isBool := f.Value.(interface{ IsBoolFlag() bool }); !isBool {
			switch arg {
			case "int":
				arg = "N"
			case "string":
				arg = "TEXT"
			}
			left += " " + strings.ToUpper(arg)
		}
		switch f.DefValue {
		case "", "0", "false":
		default:
			text += fmt.Sprintf(" (default %s)", f.DefValue)
		}
		rows = append(rows, row{left, text})
		width = max(width, len(left))
	})
	for _, r := range rows {
		fmt.Fprintf(w, "  %-*s  %s\n", width, r.left, r.right)
	}
}

// newFlags makes the running command's flag set. Errors are reported once,
// by Main, in our words (see flagError), and --help prints commandHelp.
// Flags may come before or after positional arguments.
func newFlags(env *Env) *flag.FlagSet {
	fs := flag.NewFlagSet("chairside "+env.cmd.Name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	// --db is also accepted after the subcommand, as users tend to type it there.
	fs.Func("db", "the database `file` (default $CHAIRSIDE_DB, else "+DefaultDBPath()+")", func(s string) error {
		if strings.TrimSpace(s) == "" {
			return errors.New("give the database file, e.g. --db ~/chairside.db")
		}
		env.DBPath = s
		return nil
	})
	env.flags = fs
	return fs
}

// parseInterspersed parses flags that may appear anywhere among the
// positional arguments and returns the positionals.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, flagError(fs, err)
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		if args[0] == "--" {
			return append(pos, args[1:]...), nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

// noPositionals parses flags and refuses stray arguments. A command whose
// arguments carry patient data does not repeat the stray word on stderr.
func noPositionals(env *Env, fs *flag.FlagSet, args []string) error {
	pos, err := parseInterspersed(fs, args)
	if err != nil || len(pos) == 0 {
		return err
	}
	if env.cmd.Private {
		return fmt.Errorf("unexpected argument after the flags (%s takes only flags; put quotes around a value with spaces)", env.cmd.Name)
	}
	return fmt.Errorf("unexpected argument %q (%s takes only flags; put quotes around a value with spaces)", pos[0], env.cmd.Name)
}

// oneArg parses flags and the one positional argument a command takes;
// wrongCount says how to call it when there is none or more than one.
func oneArg(fs *flag.FlagSet, args []string, wrongCount string) (string, error) {
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return "", err
	}
	if len(pos) != 1 {
		return "", errors.New(wrongCount)
	}
	return pos[0], nil
}

// parseID reads a database ID (a positive whole number).
func parseID(what, s string) (int64, error) {
	if strings.TrimSpace(s) == "" {
		return 0, fmt.Errorf("%s: give an ID (a number)", what)
	}
	id, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
	if err != nil || id <= 0 {
		return 0, fmt.Errorf("%s %q: an ID is a whole number like 12", what, s)
	}
	return id, nil
}

// flagValueError matches the flag package's "invalid value "x" for flag -n: why".
var flagValueError = regexp.MustCompile(`^invalid (?:boolean )?value ("(?:[^"\\]|\\.)*") for (?:flag )?-([^:]+): (.*)$`)

// flagError rewrites the flag package's messages the way flags are typed
// (two dashes) and says where the list of flags is.
func flagError(fs *flag.FlagSet, err error) error {
	msg := err.Error()
	if m := flagValueError.FindStringSubmatch(msg); m != nil {
		value, name, why := m[1], m[2], m[3]
		switch why {
		case "parse error":
			why = "not a whole number"
			if f := fs.Lookup(name); f != nil {
				if _, isBool := f.Value.(interface{ IsBoolFlag() bool }); isBool {
					why = "write --" + name + " alone, or --" + name + "=false"
				}
			}
		case "value out of range":
			why = "the number is far too large"
		}
		msg = fmt.Sprintf("--%s %s: %s", name, value, why)
	} else if n, ok := strings.CutPrefix(msg, "flag provided but not defined: -"); ok {
		msg = "unknown flag --" + strings.TrimPrefix(n, "-")
	} else if n, ok := strings.CutPrefix(msg, "flag needs an argument: -"); ok {
		msg = "--" + strings.TrimPrefix(n, "-") + " needs a value after it"
	}
	return fmt.Errorf("%s (run '%s --help' for its flags)", msg, fs.Name())
}

// splitList splits a comma-separated flag value, dropping blanks.
func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// Subcommand groups: "patients add", "handouts new", "handouts export" …
// Each verb registers itself from its own file, so that the files of the
// store and the PDF writer stay independent. A verb's Name is the verb
// alone ("add"); while it runs, env.cmd.Name is the whole "patients add".
var (
	patientsVerbs = map[string]Command{}
	handoutsVerbs = map[string]Command{}
)

func init() {
	register(Command{Name: "patients", Summary: "add or list patients", Usage: "add|list [flags]",
		Run: func(env *Env, args []string) error { return runVerb(env, patientsVerbs, args) }})
	register(Command{Name: "handouts", Summary: "make, list, show or export handouts", Usage: "new|list|show|export [flags]",
		Run: func(env *Env, args []string) error { return runVerb(env, handoutsVerbs, args) }})
}

func runVerb(env *Env, verbs map[string]Command, args []string) error {
	group := env.cmd.Name
	names := make([]string, 0, len(verbs))
	for n := range verbs {
		names = append(names, n)
	}
	sort.Strings(names)
	list := func(w io.Writer) {
		fmt.Fprintf(w, "Usage: chairside %s VERB [flags]\n\n", group)
		for _, n := range names {
			fmt.Fprintf(w, "  %-8s %s\n", n, verbs[n].Summary)
		}
		fmt.Fprintf(w, "\nRun 'chairside %s VERB --help' for a verb's flags.\n", group)
	}
	if len(args) == 0 {
		list(env.Stderr)
		return fmt.Errorf("missing verb: one of %s", strings.Join(names, ", "))
	}
	if args[0] == "help" || args[0] == "-h" || args[0] == "--help" || args[0] == "-help" {
		if len(args) > 1 && args[0] == "help" {
			// "patients help add" is "patients add --help".
			args = append(args[1:len(args):len(args)], "--help")
		} else {
			list(env.Stdout)
			return nil
		}
	}
	v, ok := verbs[args[0]]
	if !ok {
		return fmt.Errorf("unknown verb %q: use one of %s", args[0], strings.Join(names, ", "))
	}
	v.Name = group + " " + args[0]
	env.cmd = v
	return v.Run(env, args[1:])
}
