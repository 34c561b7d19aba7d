package handout

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

func TestDefaultFileName(t *testing.T) {
	day := time.Date(2026, 11, 24, 18, 0, 0, 0, time.UTC)
	tests := []struct {
		name string
		date time.Time
		want string
	}{
		{"José Núñez", day, "Nunez_Jose_2026-11-24_handout.pdf"},
		{"Zoë Łukasiewicz", day, "Lukasiewicz_Zoe_2026-11-24_handout.pdf"},
		{"Nguyễn Văn An", day, "An_Nguyen_Van_2026-11-24_handout.pdf"},
		{"Núñez, José", day, "Nunez_Jose_2026-11-24_handout.pdf"},
		{"Søren Ærø", day, "AEro_Soren_2026-11-24_handout.pdf"},
		{"Anne-Marie O'Neil", day, "ONeil_Anne-Marie_2026-11-24_handout.pdf"},
		{"  Cher  ", day, "Cher_2026-11-24_handout.pdf"},
		{"../../etc/passwd", day, "passwd_etc_2026-11-24_handout.pdf"},
		{"山田太郎", day, "Patient_2026-11-24_handout.pdf"},
		{"", time.Time{}, "Patient_handout.pdf"},
		{strings.Repeat("Long", 40), day, strings.Repeat("Long", 15) + "_2026-11-24_handout.pdf"},
	}
	safe := func(s string) bool {
		for _, r := range s {
			if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("_-.", r)) {
				return false
			}
		}
		return true
	}
	for _, tt := range tests {
		got := DefaultFileName(tt.name, tt.date)
		if got != tt.want {
			t.Errorf("DefaultFileName(%q) = %q, want %q", tt.name, got, tt.want)
		}
		if !safe(got) {
			t.Errorf("DefaultFileName(%q) = %q has unsafe characters", tt.name, got)
		}
	}
}

func TestExportPDF(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, DefaultFileName("José Núñez", sampleDate))
	if err := ExportPDF(path, sampleHandout(), samplePatient(), sampleClinic(t)); err != nil {
		t.Fatalf("ExportPDF: %v", err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	pages := readPDF(t, data)
	checkPages(t, pages, Letter)
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
			err := ExportPDF(tt.path, sampleHandout(), samplePatient(), Clinic{})
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
	if err := WritePDF(&buf, sampleHandout(), samplePatient(), sampleClinic(t)); err != nil {
		t.Fatal(err)
	}
	err := writeFileAtomic(path, buf.Bytes(), failingFiles{after: 4096, err: syscall.ENOSPC})
	if err == nil || !strings.Contains(err.Error(), "disk is full") || !errors.Is(err, syscall.ENOSPC) {
		t.Fatalf("err = %v, want a disk-full message wrapping ENOSPC", err)
	}
	assertOnly(t, dir, "handout.pdf")
	if got, _ := os.ReadFile(path); string(got) != "earlier version" {
		t.Errorf("a failed export changed the existing file to %d bytes", len(got))
	}
}

func TestPreviewFirstPage(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "h.pdf")
	c := sampleClinic(t)
	c.Paper = A4
	if err := ExportPDF(path, sampleHandout(), samplePatient(), c); err != nil {
		t.Fatal(err)
	}
	img, err := PreviewFirstPage(path, 300)
	if errors.Is(err, ErrNoPreviewTool) {
		t.Skip("pdftoppm (poppler-utils) is not installed")
	}
	if err != nil {
		t.Fatalf("PreviewFirstPage: %v", err)
	}
	b := img.Bounds()
	if b.Dx() != 300 || b.Dy() < 420 || b.Dy() > 426 { // A4 is 1:1.414
		t.Errorf("preview is %dx%d, want 300 wide with A4 proportions", b.Dx(), b.Dy())
	}
	if _, err := PreviewFirstPage(filepath.Join(dir, "missing.pdf"), 300); err == nil {
		t.Errorf("preview of a missing file gave no error")
	}
	bad := filepath.Join(dir, "bad.pdf")
	if err := os.WriteFile(bad, []byte("not a pdf"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := PreviewFirstPage(bad, 300); err == nil || !strings.Contains(err.Error(), "could not read") {
		t.Errorf("preview of a damaged file: err = %v", err)
	}
	t.Setenv("PATH", t.TempDir())
	if _, err := PreviewFirstPage(path, 300); !errors.Is(err, ErrNoPreviewTool) {
		t.Errorf("without pdftoppm: err = %v, want ErrNoPreviewTool", err)
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
		err := writeFileAtomic(filepath.Join(dir, "a.pdf"), []byte("%PDF"), refusingFiles{errno})
		if err == nil || !strings.Contains(err.Error(), "cannot be written to; choose another folder") {
			t.Errorf("%v: err = %v", errno, err)
		}
		assertOnly(t, dir)
	}
}
