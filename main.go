// Chairside shows a patient their spine, chairside, and turns what was
// shown into a printed handout. With no arguments it starts the app; see
// `chairside help` for the command line.
package main

import (
	"os"

	"chairside/internal/cli"
	_ "chairside/internal/localefix" // before Fyne reads the locale
	"chairside/ui"
)

func main() {
	ui.StartupTime("main")
	os.Exit(cli.Main(os.Args[1:], os.Stdout, os.Stderr, func(o cli.GUIOptions) error {
		return ui.Run(ui.Options{AppID: cli.AppID, DBPath: o.DBPath, DBNamed: o.DBNamed, Trace: o.Trace})
	}))
}
