package handout

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
	"time"
	"unicode/utf8"
)

func TestDefaultFileName(t *testing.T) {
	day := time.Date(2026, 11, 24, 18, 0, 0, 0, time.UTC)
	h := Handout{ID: 12, Date: day}
	tests := []struct {
		name string
		h    Handout
		want string
	}{
		{"José Núñez", h, "Núñez_José_2026-11-24_handout-12.pdf"},
		{"Jose\u0301 Nu\u0301n\u0303ez", h, "Núñez_José_2026-11-24_handout-12.pdf"}, // typed decomposed: stored composed
		{"Zoë Łukasiewicz", h, "Łukasiewicz_Zoë_2026-11-24_handout-12.pdf"},
		{"Nguyễn Văn An", h, "An_Nguyễn_Văn_2026-11-24_handout-12.pdf"},
		{"Núñez, José", h, "Núñez_José_2026-11-24_handout-12.pdf"},
		{"Anne-Marie O'Neil", h, "ONeil_Anne-Marie_2026-11-24_handout-12.pdf"},
		{"  Cher  ", h, "Cher_2026-11-24_handout-12.pdf"},
		{"../../etc/passwd", h, "passwd_etc_2026-11-24_handout-12.pdf"},
		{"山田太郎", h, "山田太郎_2026-11-24_handout-12.pdf"},
		{"Анна Иванова", h, "Иванова_Анна_2026-11-24_handout-12.pdf"},
		{"محمد علي", h, "علي_محمد_2026-11-24_handout-12.pdf"},
		{"सीता देवी", h, "देवी_सीता_2026-11-24_handout-12.pdf"},
		{"A<b>:c\"d/e\\f|g?h*i", h, "i_A_b_c_d_e_f_g_h_2026-11-24_handout-12.pdf"},
		{"Ann\x1b[31mLee\u202egpj.exe", h, "gpjexe_Ann_31mLee_2026-11-24_handout-12.pdf"},
		{"CON", h, "CON_2026-11-24_handout-12.pdf"},
		{"", Handout{}, "Patient_handout.pdf"},
		{"Ann Lee", Handout{ID: 3}, "Lee_Ann_handout-3.pdf"},
		{strings.Repeat("Long", 40), h, strings.Repeat("Long", 30) + "_2026-11-24_handout-12.pdf"},
		{strings.Repeat("山", 100), h, strings.Repeat("山", 40) + "_2026-11-24_handout-12.pdf"},
	}
	for _, tt := range tests {
		got := DefaultFileName("", tt.name, tt.h)
		if got != tt.want {
			t.Errorf("DefaultFileName(%q) = %q, want %q", tt.name, got, tt.want)
		}
		if !utf8.ValidString(got) || windowsSafe(got) != got || len(got) > 255 {
			t.Errorf("DefaultFileName(%q) = %q is not a safe file name", tt.name, got)
		}
	}
	// Two handouts of one patient on one day, and two patients of one
	// name, never share a name.
	a := DefaultFileName("", "Ann Lee", Handout{ID: 1, Date: day})
	b := DefaultFileName("", "Ann Lee", Handout{ID: 2, Date: day})
	if a == b {
		t.Errorf("handouts 1 and 2 both get %q", a)
	}
}

// A deep folder leaves less room for the name: the whole path stays
// within Windows' 259 characters, cut between characters.
func TestDefaultFileNameFitsWindowsPathLimit(t *testing.T) {
	h := Handout{ID: 4567, Date: time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC)}
	name := strings.Repeat("𝒜", 30) + " " + strings.Repeat("Lee", 30) // 𝒜 is two UTF-16 units
	for _, depth := range []int{10, 150, 200, 240, 300} {
		dir := "/" + strings.Repeat("d", depth)
		got := DefaultFileName(dir, name, h)
		path := filepath.Join(dir, got)
		if n := utf16Len(path); n > windowsMaxPath && depth < 240 {
			t.Errorf("depth %d: path is %d UTF-16 units, want at most %d", depth, n, windowsMaxPath)
		}
		if !utf8.ValidString(got) || !strings.HasSuffix(got, "_handout-4567.pdf") {
			t.Errorf("depth %d: %q", depth, got)
		}
	}
	if got := DefaultFileName("/"+strings.Repeat("d", 150), name, h); !strings.HasPrefix(got, "LeeLee") {
		t.Errorf("a shortened name lost its start: %q", got)
	}
	if got := DefaultFileName("/"+strings.Repeat("d", 300), name, h); got != "2026-11-24_handout-4567.pdf" {
		t.Errorf("no room for the name: %q", got)
	}
}

func TestWindowsSafe(t *testing.T) {
	for in, want := range map[string]string{
		"CON": "_CON", "con.pdf": "_con.pdf", "Nul.txt": "_Nul.txt", "AUX .pdf": "_AUX .pdf", "COM1.pdf": "_COM1.pdf",
		"lpt9": "_lpt9", "COM¹.pdf": "_COM¹.pdf", "CONOUT$": "_CONOUT$", "COM10.pdf": "COM10.pdf", "CONSOLE.pdf": "CONSOLE.pdf",
		"a.pdf.": "a.pdf", "a.pdf . ": "a.pdf", "a:b|c?.pdf": "a_b_c_.pdf", "tab\there.pdf": "tab_here.pdf", "...": "_",
	} {
		if got := windowsSafe(in); got != want {
			t.Errorf("windowsSafe(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestExportPDF(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, DefaultFileName("", "José Núñez", sampleHandout()))
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
	err := writeFileAtomic(path, buf.Bytes(), failingFiles{after: 4096, err: syscall.ENOSPC}, true)
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
		err := writeFileAtomic(filepath.Join(dir, "a.pdf"), []byte("%PDF"), refusingFiles{errno}, true)
		if err == nil || !strings.Contains(err.Error(), "cannot be written to; choose another folder") {
			t.Errorf("%v: err = %v", errno, err)
		}
		assertOnly(t, dir)
	}
}

// ExportNewPDF never replaces a file, and no export writes "over" a device.
func TestExportNewPDFNeverReplaces(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "handout.pdf")
	if err := os.WriteFile(path, []byte("the clinic's letter"), 0o600); err != nil {
		t.Fatal(err)
	}
	err := ExportNewPDF(path, sampleHandout(), samplePatient(), Clinic{})
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
	if err := ExportNewPDF(fresh, sampleHandout(), samplePatient(), Clinic{}); err != nil {
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
	if err := ExportPDF(sock, sampleHandout(), samplePatient(), Clinic{}); err == nil || !strings.Contains(err.Error(), "not an ordinary file") {
		t.Errorf("export over a socket: %v", err)
	}
	if fi, err := os.Lstat(sock); err != nil || fi.Mode()&fs.ModeSocket == 0 {
		t.Errorf("the socket was replaced: %v", err)
	}
}
