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
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
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

	dbErr   error         // CHAIRSIDE_DB is not a plain file path: refused unless --db follows
	dbGiven bool          // --db came before the command: a second one is refused
	cmd     Command       // the running command ("handouts new" for a verb)
	flags   *flag.FlagSet // its flags, once newFlags made them: for --help
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
	// DBNamed: --db or CHAIRSIDE_DB named the database; otherwise DBPath
	// is the default file, and the app may open the server chosen in its
	// settings instead.
	DBNamed bool
	Trace   bool // log UI events (selection, saves) to stderr, for end-to-end tests; never patient data
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
	guards, restore := guardFlags(fs, false)
	err := fs.Parse(args)
	restore()
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			usage(stdout, fs)
			return 0
		}
		fmt.Fprintf(stderr, "chairside: %v\n", errorIn(parseError(fs, guards, args, err), appLanguage()))
		return ExitUsage
	}
	env := &Env{DBPath: *db, Stdout: stdout, Stderr: stderr}
	fs.Visit(func(f *flag.Flag) { env.dbGiven = env.dbGiven || f.Name == "db" })
	if env.dbGiven {
		if err := checkDBPath("--db", *db); err != nil {
			fmt.Fprintf(stderr, "chairside: %v\n", err)
			return ExitUsage
		}
	} else if v, set := os.LookupEnv("CHAIRSIDE_DB"); set {
		// Set but empty is a script's mistake, not a wish for the default.
		// The command's own --db may still override it: the error waits
		// until its flags are read (parseInterspersed).
		env.DBPath, env.dbErr = v, checkDBPath("CHAIRSIDE_DB", v)
	} else {
		env.DBPath = DefaultDBPath()
	}
	rest := fs.Args()
	if len(rest) == 0 {
		if env.dbErr != nil {
			fmt.Fprintf(stderr, "chairside: %v\n", env.dbErr)
			return ExitUsage
		}
		_, envSet := os.LookupEnv("CHAIRSIDE_DB")
		if err := gui(GUIOptions{DBPath: env.DBPath, DBNamed: env.dbGiven || envSet, Trace: *trace}); err != nil {
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
		fmt.Fprintf(stderr, "chairside: unknown command %s; run 'chairside help' for the list\n", echo(rest[0]))
		return ExitUsage
	}
	env.cmd = cmd
	defer func() {
		if env.flags != nil {
			flagEnvs.Delete(env.flags)
		}
	}()
	err = cmd.Run(env, rest[1:])
	switch {
	case err == nil:
		return 0
	case errors.Is(err, flag.ErrHelp):
		commandHelp(stdout, env)
		return 0
	default:
		// visibleLine: whatever a lower layer put in its message, no
		// terminal escape and no second line reach the terminal.
		fmt.Fprintf(stderr, "chairside %s: %s\n", env.cmd.Name, visibleLine(errorIn(err, appLanguage())))
		return ExitUsage
	}
}

// checkDBPath refuses a database name that is not a plain file path:
// empty (a script whose variable is unset must not fall through to the
// clinic's real database), or one that SQLite would read as something
// else: :memory: (saves nothing), a file: URI or ?parameters (open
// options that bypass the app's own), or //host/path (a network share,
// where SQLite's locking is not safe). from is "--db" or "CHAIRSIDE_DB".
func checkDBPath(from, value string) error {
	v := strings.TrimSpace(value)
	lower := strings.ToLower(v)
	if isServerAddress(v) {
		return checkServerAddress(from, v)
	}
	switch {
	case v == "":
		if from == "--db" {
			return errors.New("--db is empty: give the database file, e.g. --db ~/chairside.db")
		}
		return errors.New("CHAIRSIDE_DB is set but empty: give the database file, e.g. CHAIRSIDE_DB=~/chairside.db, or unset it to use the usual database")
	case strings.HasPrefix(lower, ":memory:") || v == ":":
		return fmt.Errorf("%s %s: a database in memory saves nothing; give a database file, e.g. ~/chairside.db", from, echo(v))
	case strings.HasPrefix(lower, "file:"):
		return fmt.Errorf("%s %s: give a plain file path, not a SQLite file: address", from, echo(v))
	case strings.Contains(v, "?"):
		return fmt.Errorf(`%s %s: a database file name cannot contain "?" (SQLite would read what follows as options); rename the file`, from, echo(v))
	case isNetworkPath(v):
		return fmt.Errorf("%s %s: that is a network share; SQLite cannot safely share a database over the network. Keep the database on this computer's own disk (back it up to the share instead)", from, echo(v))
	}
	return nil
}

// isNetworkPath reports a //host/share or \\host\share path (UNC), while
// Windows' own local forms \\?\C:\… and \\.\… are left to the store.
func isNetworkPath(p string) bool {
	sep := func(c byte) bool { return c == '/' || c == '\\' }
	if len(p) < 3 || !sep(p[0]) || !sep(p[1]) {
		return false
	}
	if strings.HasPrefix(p[2:], "?") || strings.HasPrefix(p[2:], ".") {
		rest := strings.ToLower(p[3:])
		return strings.HasPrefix(rest, "\\unc\\") || strings.HasPrefix(rest, "/unc/")
	}
	return true
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
		fmt.Fprintf(w, "  %-16s %s\n", n, commands[n].Summary)
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
		if env.dbGiven {
			return completeError{errors.New("--db is given twice, before and after the command: give it once")}
		}
		if err := checkDBPath("--db", s); err != nil {
			return completeError{err}
		}
		env.DBPath, env.dbErr = s, nil
		return nil
	})
	env.flags = fs
	flagEnvs.Store(fs, env)
	return fs
}

// flagEnvs finds the Env of a command's flag set (newFlags to Main's end),
// for the parsing helpers that are handed only the flag set.
var flagEnvs sync.Map

// parseInterspersed parses flags that may appear anywhere among the
// positional arguments and returns the positionals.
// Once the flags are read, a database named by CHAIRSIDE_DB that is not a
// plain file is refused here, unless --db after the command overrode it.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	env, _ := flagEnvs.Load(fs)
	private := false
	if env, ok := env.(*Env); ok {
		private = env.cmd.Private
	}
	// One set of guards for every round, so that a flag repeated after a
	// positional argument is caught too.
	guards, restore := guardFlags(fs, private)
	defer restore()
	done := func(pos []string) ([]string, error) {
		if env, ok := env.(*Env); ok && env.dbErr != nil {
			return nil, env.dbErr
		}
		return pos, nil
	}
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, parseError(fs, guards, args, err)
		}
		args = fs.Args()
		if len(args) == 0 {
			return done(pos)
		}
		if args[0] == "--" {
			return done(append(pos, args[1:]...))
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
	return fmt.Errorf("unexpected argument %s (%s takes only flags; put quotes around a value with spaces)", echo(pos[0]), env.cmd.Name)
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
		return 0, fmt.Errorf("%s %s: an ID is a whole number like 12", what, echo(s))
	}
	return id, nil
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
		return fmt.Errorf("unknown verb %s: use one of %s", echo(args[0]), strings.Join(names, ", "))
	}
	v.Name = group + " " + args[0]
	env.cmd = v
	return v.Run(env, args[1:])
}
