package pdf

import (
	"bytes"
	"errors"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"chairside/internal/handout"
)

func TestExportPDF(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, handout.DefaultFileName("", "José Núñez", sampleHandout()))
	if err := Export(path, sampleHandout(), samplePatient(), sampleClinic(t)); err != nil {
		t.Fatalf("Export: %v", err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	pages := readPDF(t, data)
	checkPages(t, pages, handout.Letter)
	if !strings.Contains(allText(pages), "José Núñez") {
		t.Errorf("exported PDF lacks the patient's name")
	}
	assertOnly(t, dir, filepath.Base(path))
}

// assertOnly fails unless dir holds exactly the named files (no temp files).
func assertOnly(t *testing.T, dir string, names ...string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range entries {
		got = append(got, e.Name())
	}
	if strings.Join(got, ",") != strings.Join(names, ",") {
		t.Errorf("folder holds %q, want %q", got, names)
	}
}

func TestExportPDFErrors(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Log("running as root: the read-only folder case is checked through a file in place of the folder")
	}
	dir := t.TempDir()
	ro := filepath.Join(dir, "readonly")
	if err := os.Mkdir(ro, 0o555); err != nil {
		t.Fatal(err)
	}
	notDir := filepath.Join(dir, "file")
	if err := os.WriteFile(notDir, []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, path, want string
		skipRoot         bool
	}{
		{"missing folder", filepath.Join(dir, "nope", "a.pdf"), "does not exist", false},
		{"not a folder", filepath.Join(notDir, "a.pdf"), "not a folder", false},
		{"folder as target", dir, "that is a folder", false},
		{"read-only folder", filepath.Join(ro, "a.pdf"), "cannot be written to", true},
		{"empty path", "", "no file name", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.skipRoot && os.Geteuid() == 0 {
				t.Skip("root can write to a read-only folder")
			}
			err := Export(tt.path, sampleHandout(), samplePatient(), handout.Clinic{})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want it to say %q", err, tt.want)
			}
		})
	}
	assertOnly(t, ro)
	assertOnly(t, dir, "file", "readonly")
}

// failingFiles creates real temporary files whose writes fail after a
// number of bytes, as when the disk fills up mid-way.
type failingFiles struct {
	after int
	err   error
}

type failingFile struct {
	*os.File
	left int
	err  error
}

func (f *failingFile) Write(p []byte) (int, error) {
	if len(p) > f.left {
		n, _ := f.File.Write(p[:f.left])
		f.left = 0
		return n, f.err
	}
	f.left -= len(p)
	return f.File.Write(p)
}

func (ff failingFiles) CreateTemp(dir, pattern string) (tempFile, error) {
	f, err := os.CreateTemp(dir, pattern)
	if err != nil {
		return nil, err
	}
	return &failingFile{File: f, left: ff.after, err: ff.err}, nil
}

func TestExportDiskFull(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "handout.pdf")
	// An earlier export of the same handout must survive a failed one.
	if err := os.WriteFile(path, []byte("earlier version"), 0o600); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := Write(&buf, sampleHandout(), samplePatient(), sampleClinic(t)); err != nil {
		t.Fatal(err)
	}
	err := writeFileAtomic(path, buf.Bytes(), failingFiles{after: 4096, err: syscall.ENOSPC}, true)
	if err == nil || !strings.Contains(err.Error(), "disk is full") || !errors.Is(err, syscall.ENOSPC) {
		t.Fatalf("err = %v, want a disk-full message wrapping ENOSPC", err)
	}
	assertOnly(t, dir, "handout.pdf")
	if got, _ := os.ReadFile(path); string(got) != "earlier version" {
		t.Errorf("a failed export changed the existing file to %d bytes", len(got))
	}
}

type refusingFiles struct{ err error }

func (r refusingFiles) CreateTemp(dir, pattern string) (tempFile, error) {
	return nil, &os.PathError{Op: "open", Path: filepath.Join(dir, pattern), Err: r.err}
}

func TestExportUnwritableFolder(t *testing.T) {
	// Root can write anywhere, so the refusal is simulated at the point
	// where the operating system would give it.
	for _, errno := range []syscall.Errno{syscall.EACCES, syscall.EROFS} {
		dir := t.TempDir()
		err := writeFileAtomic(filepath.Join(dir, "a.pdf"), []byte("%PDF"), refusingFiles{errno}, true)
		if err == nil || !strings.Contains(err.Error(), "cannot be written to; choose another folder") {
			t.Errorf("%v: err = %v", errno, err)
		}
		assertOnly(t, dir)
	}
}

// ExportNew never replaces a file, and no export writes "over" a device.
func TestExportNewPDFNeverReplaces(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "handout.pdf")
	if err := os.WriteFile(path, []byte("the clinic's letter"), 0o600); err != nil {
		t.Fatal(err)
	}
	err := ExportNew(path, sampleHandout(), samplePatient(), handout.Clinic{})
	if !errors.Is(err, fs.ErrExist) {
		t.Fatalf("over an existing file: %v, want fs.ErrExist", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "the clinic's letter" {
		t.Errorf("the existing file changed")
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("%d files left in the folder, want 1", len(entries))
	}
	fresh := filepath.Join(dir, "new.pdf")
	if err := ExportNew(fresh, sampleHandout(), samplePatient(), handout.Clinic{}); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(fresh); !bytes.HasPrefix(b, []byte("%PDF")) {
		t.Errorf("the new file is not a PDF")
	}
	// A socket stands for devices and FIFOs (a test must not risk /dev/null).
	sock := filepath.Join(dir, "s")
	l, err := net.Listen("unix", sock)
	if err != nil {
		t.Skip("no Unix sockets here:", err)
	}
	defer l.Close()
	if err := Export(sock, sampleHandout(), samplePatient(), handout.Clinic{}); err == nil || !strings.Contains(err.Error(), "not an ordinary file") {
		t.Errorf("export over a socket: %v", err)
	}
	if fi, err := os.Lstat(sock); err != nil || fi.Mode()&fs.ModeSocket == 0 {
		t.Errorf("the socket was replaced: %v", err)
	}
}
