package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"chairside/internal/anatomy"
	"chairside/internal/content"
	"chairside/internal/draft"
	"chairside/internal/handout"
	"chairside/internal/patient"
	"chairside/internal/store"
)

func init() {
	patientsVerbs["add"] = Command{Summary: "add a patient and print the new ID",
		Usage: "--name NAME [--dob YYYY-MM-DD] [--lang en] [--contact TEXT] [--notes TEXT]", DB: true, Private: true, Run: runPatientsAdd}
	patientsVerbs["list"] = Command{Summary: "list patients: ID, name, date of birth, language (tab-separated)",
		Usage: "[--search TEXT] [--archived] [--limit N]", DB: true, Private: true, Run: runPatientsList}
	handoutsVerbs["new"] = Command{Summary: "make a handout and print its ID",
		Usage: "--patient ID --items ID,ID… [--mark ID=FINDING[:OPTION][@VIEW:X,Y]]… [--stretches ID,ID…] [--exercises ID[:3x10][:hold5s],…] [--note TEXT] [--title TEXT] [--large-print] [--log] [--final]", DB: true, Private: true, Run: runHandoutsNew}
	handoutsVerbs["list"] = Command{Summary: "list a patient's handouts, newest first (tab-separated)",
		Usage: "--patient ID", DB: true, Run: runHandoutsList}
	handoutsVerbs["show"] = Command{Summary: "print a handout as Markdown, in the order it prints",
		Usage: "ID", DB: true, Run: runHandoutsShow}
	register(Command{Name: "backup", Summary: "copy the database to a file, safely while the app runs",
		Usage: "--out FILE [--force]", DB: true, Run: runBackup})
	register(Command{Name: "restore", Summary: "replace the database with a checked backup, keeping the current file aside",
		Usage: "FILE", DB: true, Run: runRestore})
	register(Command{Name: "check", Summary: "check the database's integrity and count its rows",
		DB: true, Run: runCheck})
}

// openStore opens the existing database at env.DBPath for a command that
// reads or changes what is there, waiting for the full integrity check so
// that a damaged file is reported before anything else. A missing file is
// an error: read commands never create one.
func openStore(env *Env) (*store.DB, error) {
	return openExisting(env, store.Open)
}

// openStoreToRead is openStore for a command that only reads (export,
// show, list): store.OpenForReading opens a current database without the
// writer's work, and hands anything else (an older file to upgrade, a
// damaged or newer one to refuse) to store.Open.
func openStoreToRead(env *Env) (*store.DB, error) {
	return openExisting(env, store.OpenForReading)
}

func openExisting(env *Env, open func(string) (*store.DB, error)) (*store.DB, error) {
	if store.IsServerAddress(env.DBPath) {
		return openWith(env, open)
	}
	if _, err := os.Stat(env.DBPath); errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("no database at %s yet: add a patient first (chairside patients add --name NAME), or choose another file with --db FILE", env.DBPath)
	}
	return openWith(env, open)
}

// openOrCreateStore is openStore for commands that may start a new database.
func openOrCreateStore(env *Env) (*store.DB, error) {
	return openWith(env, store.Open)
}

func openWith(env *Env, open func(string) (*store.DB, error)) (*store.DB, error) {
	db, err := open(env.DBPath)
	if err != nil {
		return nil, storeError(err)
	}
	for _, n := range db.Notices() {
		fmt.Fprintln(env.Stderr, "chairside:", n)
	}
	if err := db.Health(context.Background()); err != nil {
		db.Close()
		return nil, storeError(err)
	}
	return db, nil
}

// storeError shows a store error as its clinician message; the technical
// cause (never patient data) follows in parentheses for support.
func storeError(err error) error {
	var se *store.Error
	if errors.As(err, &se) {
		// The store's own error, so stderr can say it in the user's
		// language (errorIn).
		return se
	}
	return err
}

func runPatientsAdd(env *Env, args []string) error {
	fs := newFlags(env)
	name := fs.String("name", "", "the patient's `name` (required)")
	dob := fs.String("dob", "", "date of birth, `YYYY-MM-DD`")
	lang := fs.String("lang", "", "preferred handout `language` code, e.g. en or es (default: not known; handouts then follow the user's language)")
	contact := fs.String("contact", "", "phone, e-mail or address (`text`)")
	notes := fs.String("notes", "", "`notes` about the patient")
	if err := noPositionals(env, fs, args); err != nil {
		return err
	}
	p := &store.Patient{Name: *name, Lang: *lang, Contact: *contact, Notes: *notes}
	if *dob != "" {
		d, err := patient.ParseDOB(*dob)
		if err != nil {
			return fmt.Errorf("--dob: %w", err)
		}
		p.DOB = &d
	}
	if err := p.Validate(); err != nil {
		return storeError(err)
	}
	db, err := openOrCreateStore(env)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := db.CreatePatient(context.Background(), p); err != nil {
		return storeError(err)
	}
	fmt.Fprintln(env.Stdout, p.ID)
	return nil
}

func runPatientsList(env *Env, args []string) error {
	fs := newFlags(env)
	search := fs.String("search", "", "only names with words starting with these `letters`")
	archived := fs.Bool("archived", false, "include archived patients")
	limit := fs.Int("limit", 0, "most patients to print (0 for all)")
	if err := noPositionals(env, fs, args); err != nil {
		return err
	}
	if *limit < 0 {
		return fmt.Errorf("--limit %d: give 0 (all) or more", *limit)
	}
	db, err := openStoreToRead(env)
	if err != nil {
		return err
	}
	defer db.Close()
	ps, err := db.SearchPatients(context.Background(), *search, *archived, *limit)
	if err != nil {
		return storeError(err)
	}
	for _, p := range ps {
		dob := ""
		if p.DOB != nil {
			dob = p.DOB.Format(patient.DateLayout)
		}
		line := fmt.Sprintf("%d\t%s\t%s\t%s", p.ID, visibleLine(p.Name), dob, visibleLine(p.Lang))
		if p.Archived {
			line += "\tarchived"
		}
		fmt.Fprintln(env.Stdout, line)
	}
	return nil
}

// markList collects repeated --mark ID=finding flags, each checked by the
// handout model as it is given.
type markList []handout.Mark

func (m *markList) String() string { return "" }

// Repeatable: --mark is given once per marked structure.
func (m *markList) Repeatable() bool { return true }

func (m *markList) Set(v string) error {
	id, finding, ok := strings.Cut(v, "=")
	if !ok || strings.TrimSpace(id) == "" || strings.TrimSpace(finding) == "" {
		return fmt.Errorf("%s: write a mark as STRUCTURE=FINDING[:OPTION], e.g. disc:L4-L5=bulge or disc:L4-L5=herniation:left, optionally with the place tapped, e.g. disc:L4-L5=bulge@posterior:0.25,0.5", echo(v))
	}
	s, err := anatomy.Parse(id)
	if err != nil {
		return tame(err, id)
	}
	// An optional @VIEW:X,Y says where on the structure the mark goes.
	finding, spotText, hasSpot := strings.Cut(finding, "@")
	// An optional :OPTION says more: herniation:left, slip:2, scoliosis:right:25.
	finding, option, _ := strings.Cut(finding, ":")
	f := handout.Finding(strings.ToLower(strings.TrimSpace(finding)))
	if !slices.Contains(handout.Findings, f) {
		return fmt.Errorf("%s: unknown finding %s; use one of %s", echo(v), echo(finding), findingNames())
	}
	detail, err := handout.ParseDetail(f, option)
	if err != nil {
		return fmt.Errorf("%s: %w", echo(v), err)
	}
	var at anatomy.Spot
	if hasSpot {
		if at, err = anatomy.ParseSpot(spotText); err != nil {
			return fmt.Errorf("%s: %w", echo(v), err)
		}
		if !anatomy.Drawn(at.View, s.ID) {
			return fmt.Errorf("%s: the %s is not drawn in the %s view; give the other view", echo(v), s.Name, at.View)
		}
	}
	// The model decides which finding fits which structure, and that the
	// same structure and finding given twice is one mark, as in the app.
	marks, err := handout.AddMark(*m, handout.Mark{Structure: s.ID, Finding: f, At: at, Detail: detail})
	if err != nil {
		return fmt.Errorf("%s: %w", echo(v), err)
	}
	*m = marks
	return nil
}

func runHandoutsNew(env *Env, args []string) error {
	fs := newFlags(env)
	patient := fs.String("patient", "", "the patient's `ID` (see chairside patients list)")
	items := fs.String("items", "", "structure, topic or condition `IDs` to explain, comma-separated, in order")
	var marks markList
	fs.Var(&marks, "mark", "a problem area, `ID=FINDING[:OPTION][@VIEW:X,Y]` (repeatable; options such as herniation:left, herniation:far-right, slip:2, scoliosis:right:25; X and Y from 0 to 1 across the structure as drawn in VIEW); findings: "+findingNames())
	note := fs.String("note", "", "clinician `notes`")
	title := fs.String("title", "", "the handout's `title`")
	stretches := fs.String("stretches", "", "home-care stretch `IDs`, comma-separated (a wrong one lists them all)")
	exercises := fs.String("exercises", "", "home `exercises` from the library, comma-separated (chairside exercises lists them), each with its usual dose or with changes after its ID: ID[:SETSxREPS][:holdNs][:Nmin][:N/day][:N/week], e.g. exercise:chin-tuck:3x10:hold5s,exercise:walking:20min:5/week")
	final := fs.Bool("final", false, "save as final instead of draft")
	largePrint := fs.Bool("large-print", false, "print this handout in large type (body text 14 pt)")
	exerciseLog := fs.Bool("log", false, "print a two-week log under the exercises (a tick and a 0-10 pain score a day)")
	if err := noPositionals(env, fs, args); err != nil {
		return err
	}
	pid, err := parseID("--patient", *patient)
	if err != nil {
		return err
	}
	ids := splitList(*items)
	if len(ids) == 0 {
		return errors.New("--items: give at least one ID, e.g. --items disc:L4-L5,nerve:L5:left ('chairside structures' and 'chairside topics' list them)")
	}
	ctx := context.Background()
	db, err := openStore(env)
	if err != nil {
		return err
	}
	defer db.Close()
	p, err := db.GetPatient(ctx, pid)
	if err != nil {
		return storeError(err)
	}
	// The app's language rule: the patient's language when the library
	// has texts in it, else the language the user reads (appLanguage).
	lib, err := content.Load(draft.NewHandoutLang(p.Lang, appLanguage()))
	if err != nil {
		return err
	}
	h, err := draft.FromSession(ids, marks, *note, lib)
	if err != nil {
		return errors.New(strings.TrimPrefix(err.Error(), "make handout: "))
	}
	h.PatientID, h.Title = pid, *title
	if *final {
		h.Status = handout.Final
	}
	h.LargePrint, h.ExerciseLog = *largePrint, *exerciseLog
	if err := addStretches(&h, lib, splitList(*stretches)); err != nil {
		return err
	}
	if err := addExercises(&h, lib.Lang(), splitList(*exercises)); err != nil {
		return err
	}
	if err := db.SaveHandout(ctx, &h); err != nil {
		return storeError(err)
	}
	fmt.Fprintln(env.Stdout, h.ID)
	return nil
}

func addStretches(h *handout.Handout, lib *content.Library, ids []string) error {
	for _, id := range ids {
		s, ok := draft.LibraryStretch(lib, id)
		if !ok {
			all := lib.Stretches()
			names := make([]string, len(all))
			for i, s := range all {
				names[i] = s.ID
			}
			return fmt.Errorf("--stretches: unknown stretch %s; use one of %s", echo(id), strings.Join(names, ", "))
		}
		h.HomeCare.Stretches = append(h.HomeCare.Stretches, s)
	}
	return nil
}

func findingNames() string {
	names := make([]string, len(handout.Findings))
	for i, f := range handout.Findings {
		names[i] = string(f)
	}
	return strings.Join(names, ", ")
}

func runHandoutsList(env *Env, args []string) error {
	fs := newFlags(env)
	patient := fs.String("patient", "", "the patient's `ID`")
	if err := noPositionals(env, fs, args); err != nil {
		return err
	}
	pid, err := parseID("--patient", *patient)
	if err != nil {
		return err
	}
	db, err := openStoreToRead(env)
	if err != nil {
		return err
	}
	defer db.Close()
	hs, err := db.ListHandouts(context.Background(), pid)
	if err != nil {
		return storeError(err)
	}
	for _, h := range hs {
		fmt.Fprintf(env.Stdout, "%d\t%s\t%s\trev %d\t%d items\t%s\n", h.ID, h.Date.Format("2006-01-02"), h.Status, h.Revision, len(h.Items), visibleLine(h.Title))
	}
	return nil
}

func runHandoutsShow(env *Env, args []string) error {
	fs := newFlags(env)
	id, err := handoutIDArg(fs, args, "show 12")
	if err != nil {
		return err
	}
	db, h, p, err := openHandout(env, id)
	if err != nil {
		return err
	}
	defer db.Close()
	writeHandout(env.Stdout, h, p)
	return nil
}

// handoutIDArg parses flags and the one handout ID a command takes;
// example is the rest of a call, for the message when it is missing.
func handoutIDArg(fs *flag.FlagSet, args []string, example string) (int64, error) {
	arg, err := oneArg(fs, args, "give one handout ID, e.g. chairside handouts "+example+" ('chairside handouts list --patient ID' lists them)")
	if err != nil {
		return 0, err
	}
	return parseID("handout ID", arg)
}

// openHandout opens the database and reads a handout with its patient;
// the caller closes the database.
func openHandout(env *Env, id int64) (*store.DB, *handout.Handout, *store.Patient, error) {
	db, err := openStoreToRead(env)
	if err != nil {
		return nil, nil, nil, err
	}
	ctx := context.Background()
	h, err := db.GetHandout(ctx, id)
	if err == nil {
		var p *store.Patient
		if p, err = db.GetPatient(ctx, h.PatientID); err == nil {
			return db, h, p, nil
		}
	}
	db.Close()
	return nil, nil, nil, storeError(err)
}

// writeHandout prints a handout as Markdown, in the order it prints.
// Everything stored is shown through visibleText/visibleLine: a note
// pasted with terminal escapes prints them as \x1b, it does not run them.
func writeHandout(w io.Writer, h *handout.Handout, p *store.Patient) {
	line, text := visibleLine, visibleText
	title := h.Title
	if title == "" {
		title = "Handout"
	}
	fmt.Fprintf(w, "# %s\n\n", line(title))
	fmt.Fprintf(w, "Handout %d for patient %d (%s), %s, %s, revision %d, language %s\n", h.ID, p.ID, line(p.Name),
		h.Date.Format("2006-01-02"), h.Status, h.Revision, line(h.Lang))
	if len(h.Marks) > 0 {
		fmt.Fprintln(w, "\n## Marked on the diagram")
		fmt.Fprintln(w)
		for _, m := range h.Marks {
			l := fmt.Sprintf("- %s: %s", anatomy.Name(m.Structure), m.Finding.Label())
			if d := m.DetailNote(); d != "" {
				l += " (" + d + ")"
			}
			if side := m.SideNote(); side != "" {
				l += ", " + side
			}
			if m.Note != "" {
				l += " (" + m.Note + ")"
			}
			fmt.Fprintln(w, line(l))
		}
	}
	for _, it := range h.Items {
		fmt.Fprintf(w, "\n## %s\n\n%s\n", line(it.Title), text(strings.TrimRight(it.Body, "\n")))
		if len(it.Sources) > 0 {
			fmt.Fprintf(w, "\nSources: %s\n", line(strings.Join(it.Sources, "; ")))
		}
	}
	if h.ClinicianNotes != "" {
		fmt.Fprintf(w, "\n## Notes from your clinician\n\n%s\n", text(h.ClinicianNotes))
	}
	if len(h.HomeCare.Stretches) > 0 || h.HomeCare.Instructions != "" {
		fmt.Fprintln(w, "\n## Home care")
		for _, s := range h.HomeCare.Stretches {
			fmt.Fprintf(w, "\n### %s\n\n", line(s.Name))
			for i, step := range s.Steps {
				fmt.Fprintf(w, "%d. %s\n", i+1, line(step))
			}
			if s.Cautions != "" {
				fmt.Fprintf(w, "\nCaution: %s\n", text(s.Cautions))
			}
		}
		if h.HomeCare.Instructions != "" {
			fmt.Fprintf(w, "\n%s\n", text(h.HomeCare.Instructions))
		}
	}
	if len(h.SeekCare) > 0 {
		fmt.Fprintln(w, "\n## Seek care right away if")
		fmt.Fprintln(w)
		for _, s := range h.SeekCare {
			fmt.Fprintf(w, "- %s\n", line(s))
		}
	}
}

func runBackup(env *Env, args []string) error {
	fs := newFlags(env)
	out := fs.String("out", "", "the backup `file` to write (required)")
	force := forceFlag(fs)
	if err := noPositionals(env, fs, args); err != nil {
		return err
	}
	if strings.TrimSpace(*out) == "" {
		return errors.New("--out: give the backup file to write, e.g. chairside backup --out chairside-backup.db")
	}
	// The store refuses a folder with an example name; everything else
	// about the destination is decided here, before the database opens.
	if err := checkOut(env, *out, *force); err != nil {
		return err
	}
	db, err := openStore(env)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := db.Backup(context.Background(), *out); err != nil {
		return storeError(err)
	}
	fmt.Fprintf(env.Stdout, "Backed up %s to %s\n", db.Path(), *out)
	return nil
}

func runRestore(env *Env, args []string) error {
	fs := newFlags(env)
	backup, err := oneArg(fs, args, "give one backup file, e.g. chairside restore "+filepath.Join(store.BackupDir(env.DBPath), "chairside-2026-01-31.db"))
	if err != nil {
		return err
	}
	if isServerAddress(env.DBPath) {
		// A server's database is not a file to replace: Restore refuses
		// it with the way out, before the backup is even read.
		_, err := store.Restore(backup, env.DBPath)
		return storeError(err)
	}
	// What the backup holds is said before anything is replaced; Restore
	// runs the same check again on the file it copies.
	sum, err := store.CheckBackup(context.Background(), backup)
	if err != nil {
		return storeError(err)
	}
	fmt.Fprintf(env.Stdout, "Backup %s: %s\n", backup, sum)
	aside, err := store.Restore(backup, env.DBPath)
	if err != nil {
		return storeError(err)
	}
	fmt.Fprintf(env.Stdout, "Restored %s from %s\n", env.DBPath, backup)
	if aside != "" {
		fmt.Fprintf(env.Stdout, "The previous database is kept at %s\n", aside)
	}
	return nil
}

func runCheck(env *Env, args []string) error {
	fs := newFlags(env)
	if err := noPositionals(env, fs, args); err != nil {
		return err
	}
	if _, err := os.Stat(env.DBPath); errors.Is(err, os.ErrNotExist) && !store.IsServerAddress(env.DBPath) {
		return fmt.Errorf("no database at %s; choose the file with --db FILE", env.DBPath)
	}
	db, err := store.Open(env.DBPath)
	if err != nil {
		return storeError(err)
	}
	defer db.Close()
	for _, n := range db.Notices() {
		fmt.Fprintln(env.Stderr, "chairside:", n)
	}
	rep, err := db.Check(context.Background())
	if err != nil {
		return storeError(err)
	}
	for _, k := range []string{"patients", "archived patients", "handouts", "handout revisions"} {
		fmt.Fprintf(env.Stdout, "%s\t%d\n", k, rep.Counts[k])
	}
	if !rep.OK {
		for _, p := range rep.Problems {
			fmt.Fprintf(env.Stdout, "problem\t%s\n", p)
		}
		return fmt.Errorf("%s has %d problem(s); restore a backup with 'chairside restore FILE' (automatic backups are in %s)",
			env.DBPath, len(rep.Problems), store.BackupDir(env.DBPath))
	}
	fmt.Fprintln(env.Stdout, "ok")
	return nil
}
