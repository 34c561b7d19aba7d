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
	handoutsVerbs["export"] = verb{Summary: "write a handout as a PDF (export ID --out FILE.pdf|FOLDER [--paper a4|letter])", Run: runHandoutsExport}
}

// runHandoutsExport prints a saved handout to a PDF file, on the clinic's
// paper unless --paper says otherwise. The file appears complete or not at
// all: ExportPDF writes a temporary file and renames it.
func runHandoutsExport(env *Env, args []string) error {
	fs := newFlags(env, "handouts export")
	out := fs.String("out", "", "the PDF file to write, or a folder to write it in under the usual name (required)")
	paper := fs.String("paper", "", "paper size, letter or a4 (default: the clinic's setting, else letter)")
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return errors.New("give one handout ID, e.g. chairside handouts export 12 --out handout.pdf ('chairside handouts list --patient ID' lists them)")
	}
	id, err := parseID("handout ID", pos[0])
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
	db, err := openStore(env)
	if err != nil {
		return err
	}
	defer db.Close()
	ctx := context.Background()
	h, err := db.GetHandout(ctx, id)
	if err != nil {
		return storeError(err)
	}
	p, err := db.GetPatient(ctx, h.PatientID)
	if err != nil {
		return storeError(err)
	}
	c, err := db.Clinic(ctx)
	if err != nil {
		return storeError(err)
	}
	if size != "" {
		c.Paper = size
	}
	path := *out
	// A folder gets the usual file name: Nunez_Jose_2026-11-24_handout.pdf.
	if info, err := os.Stat(path); err == nil && info.IsDir() {
		path = filepath.Join(path, handout.DefaultFileName(p.Name, h.Date))
	}
	if err := handout.ExportPDF(path, *h, handout.Patient{ID: p.ID, Name: p.Name, DOB: p.DOB}, c); err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "Wrote %s\n", path)
	return nil
}
