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
	"time"
	"unicode"

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
	return writeFileAtomic(path, buf.Bytes(), osFiles{})
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

func writeFileAtomic(path string, data []byte, fsys fileSystem) (err error) {
	dir := filepath.Dir(path)
	if info, err := os.Stat(path); err == nil && info.IsDir() {
		return fmt.Errorf("cannot save the PDF as %s: that is a folder; add a file name", path)
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
	if err = os.Rename(tmp, path); err != nil {
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

// DefaultFileName suggests a file name for a handout:
// "Nunez_Jose_2026-11-24_handout.pdf" for José Núñez seen on 24 November
// 2026. The surname (the last word, or the part before a comma in
// "Núñez, José") comes first; accents are folded to plain letters and
// anything but letters, digits and hyphens is left out, so the name is
// safe on every system and for email.
func DefaultFileName(patientName string, date time.Time) string {
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
	if len(stem) > 60 {
		stem = strings.TrimRight(stem[:60], "_-")
	}
	if stem == "" {
		stem = "Patient"
	}
	if !date.IsZero() {
		stem += "_" + date.Format("2006-01-02")
	}
	return stem + "_handout.pdf"
}

// asciiFold has the letters that do not decompose into a base letter and
// an accent.
var asciiFold = map[rune]string{
	'Ł': "L", 'ł': "l", 'Ø': "O", 'ø': "o", 'Æ': "AE", 'æ': "ae", 'Œ': "OE", 'œ': "oe",
	'ß': "ss", 'Đ': "D", 'đ': "d", 'Ð': "D", 'ð': "d", 'Þ': "Th", 'þ': "th", 'ı': "i",
	'Ħ': "H", 'ħ': "h", 'Ŀ': "L", 'ŀ': "l", 'ſ': "s",
}

// fileWords folds a name to ASCII words of letters, digits and hyphens.
func fileWords(s string) []string {
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		switch {
		case r < 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-'):
			b.WriteRune(r)
		case asciiFold[r] != "":
			b.WriteString(asciiFold[r])
		case unicode.Is(unicode.Mn, r), r == '\'', r == '’', r == '.':
			// accents, apostrophes (O'Neil), initials' dots
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
