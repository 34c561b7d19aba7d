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
	"sort"
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
}

// Command is one subcommand, e.g. "structures" or "handouts".
type Command struct {
	Name    string
	Summary string // one line for the help text
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
// Fyne's app.Storage() uses: $XDG_CONFIG_HOME/fyne/app.chairside.desktop.
func DefaultDBPath() string {
	dir, err := os.UserConfigDir()
	if err != nil {
		dir = "."
	}
	return filepath.Join(dir, "fyne", AppID, "chairside.db")
}

// Main runs the command line and returns the process exit status. With no
// subcommand it starts the GUI through gui.
func Main(args []string, stdout, stderr io.Writer, gui func(GUIOptions) error) int {
	fs := flag.NewFlagSet("chairside", flag.ContinueOnError)
	fs.SetOutput(stderr)
	db := fs.String("db", "", "database file (default $CHAIRSIDE_DB, else "+DefaultDBPath()+")")
	trace := fs.Bool("trace", false, "log UI events to stderr (for end-to-end tests)")
	fs.Usage = func() { usage(stderr, fs) }
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return ExitUsage
	}
	env := &Env{DBPath: *db, Stdout: stdout, Stderr: stderr}
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
		usage(stdout, fs)
		return 0
	}
	cmd, ok := commands[rest[0]]
	if !ok {
		fmt.Fprintf(stderr, "chairside: unknown command %q; run 'chairside help' for the list\n", rest[0])
		return ExitUsage
	}
	if err := cmd.Run(env, rest[1:]); err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintf(stderr, "chairside %s: %v\n", cmd.Name, err)
		}
		return ExitUsage
	}
	return 0
}

func usage(w io.Writer, fs *flag.FlagSet) {
	fmt.Fprintln(w, "Usage: chairside [--db PATH] [--trace]            start the app")
	fmt.Fprintln(w, "       chairside [--db PATH] COMMAND [flags]      run a command")
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
	fs.SetOutput(w)
	fs.PrintDefaults()
}

// newFlags makes a subcommand's flag set that reports errors to env.Stderr.
// Flags may come before or after positional arguments.
func newFlags(env *Env, name string) *flag.FlagSet {
	fs := flag.NewFlagSet("chairside "+name, flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	// --db is also accepted after the subcommand, as users tend to type it there.
	fs.Func("db", "database file", func(s string) error { env.DBPath = s; return nil })
	return fs
}

// parseInterspersed parses flags that may appear anywhere among the
// positional arguments and returns the positionals.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
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
// store and the PDF writer stay independent.
var (
	patientsVerbs = map[string]verb{}
	handoutsVerbs = map[string]verb{}
)

type verb struct {
	Summary string
	Run     func(env *Env, args []string) error
}

func init() {
	register(Command{Name: "patients", Summary: "add or list patients (patients add|list)",
		Run: func(env *Env, args []string) error { return runVerb(env, "patients", patientsVerbs, args) }})
	register(Command{Name: "handouts", Summary: "make, list, show or export handouts (handouts new|list|show|export)",
		Run: func(env *Env, args []string) error { return runVerb(env, "handouts", handoutsVerbs, args) }})
}

func runVerb(env *Env, group string, verbs map[string]verb, args []string) error {
	names := make([]string, 0, len(verbs))
	for n := range verbs {
		names = append(names, n)
	}
	sort.Strings(names)
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		fmt.Fprintf(env.Stderr, "Usage: chairside %s VERB [flags]\n", group)
		for _, n := range names {
			fmt.Fprintf(env.Stderr, "  %-8s %s\n", n, verbs[n].Summary)
		}
		if len(args) == 0 {
			return fmt.Errorf("missing verb: one of %s", strings.Join(names, ", "))
		}
		return flag.ErrHelp
	}
	v, ok := verbs[args[0]]
	if !ok {
		return fmt.Errorf("unknown verb %q: use one of %s", args[0], strings.Join(names, ", "))
	}
	return v.Run(env, args[1:])
}
