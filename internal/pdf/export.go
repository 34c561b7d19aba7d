package pdf

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

	"chairside/internal/handout"

	"chairside/internal/safefile"
)

// Export writes the handout to path. The PDF is first written to a
// temporary file in the same folder, flushed to disk and then renamed over
// path, so a failure (folder not writable, disk full, power cut) never
// leaves a partial file, and an existing file at path stays as it was.
func Export(path string, h handout.Handout, p handout.Patient, c handout.Clinic) error {
	if strings.TrimSpace(path) == "" {
		return errors.New("no file name given for the PDF")
	}
	var buf bytes.Buffer
	if err := Write(&buf, h, p, c); err != nil {
		return err
	}
	return writeFileAtomic(path, buf.Bytes(), osFiles{}, true)
}

// ExportNew is Export for a file that must not exist yet: when
// anything is at path, or appears there while the PDF is written, it
// fails with an error for which errors.Is(err, fs.ErrExist) is true and
// leaves that file as it was. The command line uses it unless --force.
func ExportNew(path string, h handout.Handout, p handout.Patient, c handout.Clinic) error {
	if strings.TrimSpace(path) == "" {
		return errors.New("no file name given for the PDF")
	}
	var buf bytes.Buffer
	if err := Write(&buf, h, p, c); err != nil {
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
