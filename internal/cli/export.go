package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"chairside/internal/handout"
)

func init() {
	handoutsVerbs["export"] = Command{Summary: "write a handout as a PDF, complete or not at all",
		Usage: "ID --out FILE.pdf|FOLDER [--paper letter|a4]", DB: true, Run: runHandoutsExport}
}

// runHandoutsExport prints a saved handout to a PDF file, on the clinic's
// paper unless --paper says otherwise. The file appears complete or not at
// all: ExportPDF writes a temporary file and renames it.
func runHandoutsExport(env *Env, args []string) error {
	fs := newFlags(env)
	out := fs.String("out", "", "the PDF `file` to write, or a folder to write it in under the usual name (required)")
	paper := fs.String("paper", "", "`paper` size, letter or a4 (default: the clinic's setting, else letter)")
	id, err := handoutIDArg(fs, args, "export 12 --out handout.pdf")
	if err != nil {
		return err
	}
	if strings.TrimSpace(*out) == "" {
		return errors.New("--out: give the PDF file to write, e.g. --out handout.pdf")
	}
	size := handout.Paper(strings.ToLower(strings.TrimSpace(*paper)))
	switch size {
	case "", handout.Letter, handout.A4:
	default:
		return fmt.Errorf("--paper %q: use letter or a4", *paper)
	}
	db, h, p, err := openHandout(env, id)
	if err != nil {
		return err
	}
	defer db.Close()
	c, err := db.Clinic(context.Background())
	if err != nil {
		return storeError(err)
	}
	if size != "" {
		c.Paper = size
	}
	path, usualName := *out, false
	// A folder gets the usual file name: Nunez_Jose_2026-11-24_handout.pdf.
	if info, err := os.Stat(path); err == nil && info.IsDir() {
		path, usualName = filepath.Join(path, handout.DefaultFileName(p.Name, h.Date)), true
	}
	if err := handout.ExportPDF(path, *h, handout.Patient{ID: p.ID, Name: p.Name, DOB: p.DOB}, c); err != nil {
		if usualName {
			// That name is made of the patient's name, which stays off stderr.
			return errors.New(strings.ReplaceAll(err.Error(), filepath.Base(path), "[the usual file name]"))
		}
		return err
	}
	fmt.Fprintf(env.Stdout, "Wrote %s\n", path)
	return nil
}
