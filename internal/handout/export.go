package handout

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"unicode"
	"unicode/utf8"

	"chairside/internal/safefile"

	"golang.org/x/text/unicode/norm"
)

// ExportPDF writes the handout to path. The PDF is first written to a
// temporary file in the same folder, flushed to disk and then renamed over
// path, so a failure (folder not writable, disk full, power cut) never
// leaves a partial file, and an existing file at path stays as it was.
func ExportPDF(path string, h Handout, p Patient, c Clinic) error {
	if strings.TrimSpace(path) == "" {
		return errors.New("no file name given for the PDF")
	}
	var buf bytes.Buffer
	if err := WritePDF(&buf, h, p, c); err != nil {
		return err
	}
	return writeFileAtomic(path, buf.Bytes(), osFiles{}, true)
}

// ExportNewPDF is ExportPDF for a file that must not exist yet: when
// anything is at path, or appears there while the PDF is written, it
// fails with an error for which errors.Is(err, fs.ErrExist) is true and
// leaves that file as it was. The command line uses it unless --force.
func ExportNewPDF(path string, h Handout, p Patient, c Clinic) error {
	if strings.TrimSpace(path) == "" {
		return errors.New("no file name given for the PDF")
	}
	var buf bytes.Buffer
	if err := WritePDF(&buf, h, p, c); err != nil {
		return err
	}
	return writeFileAtomic(path, buf.Bytes(), osFiles{}, false)
}

// tempFile is what writeFileAtomic needs of a temporary file; tests swap
// in one that fails part-way.
type tempFile interface {
	io.Writer
	Sync() error
	Close() error
	Name() string
}

type fileSystem interface {
	CreateTemp(dir, pattern string) (tempFile, error)
}

type osFiles struct{}

func (osFiles) CreateTemp(dir, pattern string) (tempFile, error) { return os.CreateTemp(dir, pattern) }

// writeFileAtomic writes data to a temporary file beside path and moves
// it into place, replacing a file at path only when replace is set.
func writeFileAtomic(path string, data []byte, fsys fileSystem, replace bool) (err error) {
	dir := filepath.Dir(path)
	if info, err := os.Stat(path); err == nil && info.IsDir() {
		return fmt.Errorf("cannot save the PDF as %s: that is a folder; add a file name", path)
	} else if err == nil && !info.Mode().IsRegular() {
		// A device, FIFO or socket: "replacing" it would write nowhere
		// (/dev/null) or fail half-way (/dev/full), never save the handout.
		return fmt.Errorf("cannot save the PDF as %s: that is a device or other special file, not an ordinary file; choose a file name", path)
	}
	if info, err := os.Stat(dir); err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("cannot save the PDF: the folder %s does not exist", dir)
		}
		return fmt.Errorf("cannot save the PDF in %s: %w", dir, explain(err))
	} else if !info.IsDir() {
		return fmt.Errorf("cannot save the PDF: %s is not a folder", dir)
	}
	f, err := fsys.CreateTemp(dir, ".chairside-*.pdf.tmp")
	if err != nil {
		return fmt.Errorf("cannot save the PDF in %s: %w", dir, explain(err))
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			_ = f.Close()
			_ = os.Remove(tmp)
		}
	}()
	if _, err = f.Write(data); err != nil {
		return fmt.Errorf("cannot save the PDF as %s: %w", path, explain(err))
	}
	if err = f.Sync(); err != nil {
		return fmt.Errorf("cannot save the PDF as %s: %w", path, explain(err))
	}
	if err = f.Close(); err != nil {
		return fmt.Errorf("cannot save the PDF as %s: %w", path, explain(err))
	}
	if replace {
		err = os.Rename(tmp, path)
	} else {
		err = safefile.RenameNoReplace(tmp, path)
	}
	if err != nil {
		return fmt.Errorf("cannot save the PDF as %s: %w", path, explain(err))
	}
	// Make the rename itself durable. Not every system can sync a folder
	// (Windows cannot), and the file is complete either way.
	if d, derr := os.Open(dir); derr == nil {
		_ = d.Sync()
		_ = d.Close()
	}
	return nil
}

// explain turns the system errors a clinic is likely to meet into words
// that say what to do.
func explain(err error) error {
	switch {
	case errors.Is(err, syscall.ENOSPC):
		return fmt.Errorf("the disk is full; free some space or choose another place (%w)", err)
	case errors.Is(err, fs.ErrPermission), errors.Is(err, syscall.EROFS):
		return fmt.Errorf("this folder cannot be written to; choose another folder (%w)", err)
	}
	return err
}

// DefaultFileName suggests a file name for a saved handout, unique per
// handout: "Núñez_José_2026-11-24_handout-12.pdf" for handout 12 of José
// Núñez, seen on 24 November 2026. The surname (the last word, or the part
// before a comma in "Núñez, José") comes first. The patient's letters are
// kept in any script (Латиница, 山田, محمد); punctuation, symbols, control
// and invisible characters become word breaks, so nothing unsafe on Linux,
// macOS or Windows remains. The name part is at most maxNameBytes long,
// cut between characters, and, when dir (the folder it will be saved in)
// is known, short enough for the whole path to stay within Windows' 259
// characters; with dir "" only the name is bounded. A handout not saved
// yet (ID 0) gets no number.
func DefaultFileName(dir, patientName string, h Handout) string {
	name := strings.TrimSpace(patientName)
	var words []string
	if surname, given, ok := strings.Cut(name, ","); ok {
		words = append(fileWords(surname), fileWords(given)...)
	} else {
		words = fileWords(name)
		if len(words) > 1 {
			words = append([]string{words[len(words)-1]}, words[:len(words)-1]...)
		}
	}
	stem := strings.Join(words, "_")
	if stem == "" {
		stem = "Patient"
	}
	var tail string
	if !h.Date.IsZero() {
		tail += "_" + h.Date.Format("2006-01-02")
	}
	tail += "_handout"
	if h.ID > 0 {
		tail += fmt.Sprintf("-%d", h.ID)
	}
	tail += ".pdf"
	budget := maxNameBytes
	if dir != "" {
		if abs, err := filepath.Abs(dir); err == nil {
			dir = abs
		}
		// Windows counts UTF-16 units; one more for the separator.
		room := windowsMaxPath - utf16Len(dir) - 1 - utf16Len(tail)
		budget = min(budget, room)
	}
	stem = cutStem(stem, budget)
	if stem == "" {
		// No room for the name at all: the date and number still tell
		// handouts apart.
		return windowsSafe(strings.TrimPrefix(tail, "_"))
	}
	return windowsSafe(stem + tail)
}

// maxNameBytes bounds the patient's part of a default file name: room for
// a long name in any script, well inside the 255 bytes a file name may
// have on Linux and macOS.
const maxNameBytes = 120

// windowsMaxPath is the longest path Windows programs can count on
// (MAX_PATH, 260, less the closing NUL).
const windowsMaxPath = 259

// cutStem shortens a name part to at most budget bytes and budget UTF-16
// units, between characters, without a dangling separator at the end.
func cutStem(stem string, budget int) string {
	if budget <= 0 {
		return ""
	}
	bytes, units := 0, 0
	for i, r := range stem {
		n := 1
		if r > 0xFFFF {
			n = 2
		}
		if bytes+utf8.RuneLen(r) > budget || units+n > budget {
			stem = stem[:i]
			break
		}
		bytes += utf8.RuneLen(r)
		units += n
	}
	return strings.TrimRight(stem, "_-")
}

func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n++
		if r > 0xFFFF {
			n++
		}
	}
	return n
}

// fileWords splits a name into words of letters, marks and digits of any
// script, and hyphens; apostrophes (O'Neil) and initials' dots are dropped
// and anything else separates words.
func fileWords(s string) []string {
	var b strings.Builder
	for _, r := range norm.NFC.String(s) {
		switch {
		case unicode.IsLetter(r), unicode.IsMark(r), unicode.IsDigit(r), r == '-':
			b.WriteRune(r)
		case r == '\'', r == '’', r == '.':
		default:
			b.WriteByte(' ')
		}
	}
	var out []string
	for _, w := range strings.Fields(b.String()) {
		if w = strings.Trim(w, "-"); w != "" {
			out = append(out, w)
		}
	}
	return out
}

// windowsSafe makes a file name that Windows accepts, which is then also
// accepted on Linux and macOS: the characters <>:"/\|?* and control
// characters become "_", trailing dots and spaces go, and a reserved
// device name (CON, PRN, AUX, NUL, COM0-9, LPT0-9, with any extension,
// any case) gets a "_" in front, since Windows would open the device
// instead of a file.
func windowsSafe(name string) string {
	name = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || strings.ContainsRune(`<>:"/\|?*`, r) {
			return '_'
		}
		return r
	}, name)
	name = strings.TrimRight(name, ". ")
	base, _, _ := strings.Cut(name, ".")
	base = strings.TrimRight(base, " ")
	switch u := strings.ToUpper(base); {
	case u == "CON", u == "PRN", u == "AUX", u == "NUL", u == "CONIN$", u == "CONOUT$",
		len(u) == 4 && (strings.HasPrefix(u, "COM") || strings.HasPrefix(u, "LPT")) && u[3] >= '0' && u[3] <= '9',
		(strings.HasPrefix(u, "COM") || strings.HasPrefix(u, "LPT")) && strings.ContainsAny(u[3:], "¹²³") && utf8.RuneCountInString(u) == 4:
		name = "_" + name
	}
	if name == "" {
		name = "_"
	}
	return name
}
