package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"chairside/internal/draft"
	"chairside/internal/handout"
	"chairside/internal/i18n"
	"chairside/internal/pdf"
)

func init() {
	handoutsVerbs["export"] = Command{Summary: "write a handout as a PDF, complete or not at all",
		Usage: "ID --out FILE.pdf|FOLDER [--paper letter|a4] [--lang en|es] [--large-print] [--force]", DB: true, Run: runHandoutsExport}
	// A process started to export a handout begins its reading ahead here,
	// while Go still initialises the packages after this one (Fyne's
	// translations, the window's): a fifth of a cold export, on one core,
	// with the other idle. This package's own imports (the handout's
	// printer among them) are initialised by now, so the reading ahead
	// uses nothing half made. The collector is off from here, as it is
	// for the command, since the process exits after it.
	if exportCommand(os.Args[1:]) {
		oneShotHeap()
		pdf.Prepare()
	}
}

// exportCommand says whether the program's arguments ask for `handouts
// export`, as Main reads them: its own flags first (only --db takes a
// value), then the command. It only decides whether to read ahead early:
// a wrong guess costs a little processor time or gains nothing, as Main
// still parses the arguments and the export calls Prepare itself.
func exportCommand(args []string) bool {
	var words []string
	for i := 0; i < len(args) && len(words) < 2; i++ {
		a := args[i]
		switch {
		case a == "--":
			words = append(words, args[i+1:]...)
			i = len(args)
		case a == "-db" || a == "--db":
			i++ // its value
		case strings.HasPrefix(a, "-"):
		default:
			words = append(words, a)
		}
	}
	return len(words) >= 2 && words[0] == "handouts" && words[1] == "export"
}

// runHandoutsExport prints a saved handout to a PDF file, on the clinic's
// paper unless --paper says otherwise. The file appears complete or not at
// all: the handout package writes a temporary file and moves it into
// place. An existing file is replaced only with --force; the database's
// own files and anything that is not an ordinary file, never (checkOut).
func runHandoutsExport(env *Env, args []string) error {
	defer oneShotHeap()() // the process exits right after: no collecting
	pdf.Prepare()
	fs := newFlags(env)
	out := fs.String("out", "", "the PDF `file` to write, or a folder to write it in under the usual name (required)")
	paper := fs.String("paper", "", "`paper` size, letter or a4 (default: the clinic's setting, else letter)")
	lang := fs.String("lang", "", "print in this `language`, en or es, for this export only (default: the handout's own); the saved handout does not change")
	largePrint := fs.Bool("large-print", false, "print in large type (body text 14 pt) for this export only; the saved handout does not change")
	force := forceFlag(fs)
	id, err := handoutIDArg(fs, args, "export 12 --out handout.pdf")
	if err != nil {
		return err
	}
	printLang := strings.ToLower(strings.TrimSpace(*lang))
	if printLang != "" && !i18n.Has(printLang) {
		return fmt.Errorf("--lang %s: handouts print in %s", echo(*lang), strings.Join(i18n.Langs(), " or "))
	}
	if strings.TrimSpace(*out) == "" {
		return errors.New("--out: give the PDF file to write, e.g. --out handout.pdf")
	}
	size := handout.Paper(strings.ToLower(strings.TrimSpace(*paper)))
	switch size {
	case "", handout.Letter, handout.A4:
	default:
		return fmt.Errorf("--paper %s: use letter or a4", echo(*paper))
	}
	// A file (not a folder) is checked before the database opens, so that
	// a refused export does not even touch it.
	if info, err := os.Stat(*out); err != nil || !info.IsDir() {
		if err := checkOut(env, *out, *force); err != nil {
			return err
		}
	}
	db, h, p, err := openHandout(env, id)
	if err != nil {
		return err
	}
	defer db.Close()
	pdf.PrepareHandout(*h) // its figure's other views, while the pages are laid out
	c, err := db.Clinic(context.Background())
	if err != nil {
		return storeError(err)
	}
	if printLang != "" && printLang != h.Lang {
		lib, err := loadLibrary(printLang)
		if err != nil {
			return err
		}
		*h = draft.InLanguage(*h, lib)
	}
	if *largePrint {
		h.LargePrint = true
	}
	if size != "" {
		c.Paper = size
	}
	path, hide := *out, "the --out file"
	// A folder gets the usual file name: Núñez_José_2026-11-24_handout-12.pdf.
	if info, err := os.Stat(path); err == nil && info.IsDir() {
		path = filepath.Join(path, handout.DefaultFileName(path, p.Name, *h))
		hide = filepath.Join(*out, "[the usual file name]")
	}
	if err := checkOut(env, path, *force); err != nil {
		return err
	}
	export := pdf.ExportNew
	if *force {
		export = pdf.Export
	}
	if err := export(path, *h, p.ForHandout(), c); err != nil {
		if errors.Is(err, os.ErrExist) {
			// It appeared while the PDF was being written.
			return errExists
		}
		// The file name may be made of the patient's name (the usual one
		// always is): it stays off stderr.
		return errors.New(strings.ReplaceAll(err.Error(), path, hide))
	}
	fmt.Fprintf(env.Stdout, "Wrote %s\n", path)
	return nil
}
