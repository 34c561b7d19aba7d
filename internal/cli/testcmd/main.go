// Command testcmd is Chairside's command line without the app window: the
// same cli.Main that main.go runs, for the command-line tests to start as
// a separate program, as a user would, without building Fyne. It is not
// shipped.
package main

import (
	"errors"
	"os"

	"chairside/internal/cli"
)

func main() {
	os.Exit(cli.Main(os.Args[1:], os.Stdout, os.Stderr, func(cli.GUIOptions) error {
		return errors.New("this build of the command line has no window; run chairside itself")
	}))
}
