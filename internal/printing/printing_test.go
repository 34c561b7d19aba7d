package printing

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func pdfFile(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "handout.pdf")
	if err := os.WriteFile(path, []byte("%PDF-1.4\n%%EOF\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// fake is a platform whose printer and viewer answer as told and record
// what they were given.
type fake struct {
	printErr, openErr error
	copied            bool
	printed, opened   []string
}

func (f *fake) system() system {
	return system{
		print: func(path string) (string, bool, error) {
			f.printed = append(f.printed, path)
			if f.printErr != nil {
				return "", false, f.printErr
			}
			return "lp", f.copied, nil
		},
		open: func(path string) error {
			f.opened = append(f.opened, path)
			return f.openErr
		},
	}
}

func TestPrintOutcomes(t *testing.T) {
	noPrinter := errors.New("this computer has no printing system (lp or lpr)")
	noViewer := errors.New("xdg-open is not installed")
	cases := []struct {
		name       string
		f          fake
		want       Result
		viewerUsed bool
	}{
		{"printed", fake{copied: true}, Result{Outcome: Printed, By: "lp", Copied: true}, false},
		// The PDF application reads the file later: the caller must keep it.
		{"printed by an application", fake{}, Result{Outcome: Printed, By: "lp"}, false},
		{"viewer opened", fake{printErr: noPrinter},
			Result{Outcome: InViewer, NotPrintedBecause: noPrinter.Error()}, true},
		{"nothing available", fake{printErr: noPrinter, openErr: noViewer},
			Result{Outcome: NotPrinted, NotPrintedBecause: noPrinter.Error(), NoViewerBecause: noViewer.Error()}, true},
		{"printer refused, viewer failed", fake{printErr: errors.New("the printer refused it (lp: no default destination)"), openErr: errors.New("xdg-open stopped with exit status 4")},
			Result{Outcome: NotPrinted, NotPrintedBecause: "the printer refused it (lp: no default destination)", NoViewerBecause: "xdg-open stopped with exit status 4"}, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := pdfFile(t)
			got, err := printWith(c.f.system(), path)
			if err != nil {
				t.Fatal(err)
			}
			if got != c.want {
				t.Errorf("result %+v, want %+v", got, c.want)
			}
			if len(c.f.printed) != 1 || c.f.printed[0] != path {
				t.Errorf("printer given %q, want %q", c.f.printed, path)
			}
			if used := len(c.f.opened) > 0; used != c.viewerUsed {
				t.Errorf("viewer asked: %v, want %v", used, c.viewerUsed)
			}
		})
	}
}

func TestPrintNeedsAReadableFile(t *testing.T) {
	f := &fake{}
	dir := t.TempDir()
	if _, err := printWith(f.system(), filepath.Join(dir, "missing.pdf")); err == nil || !strings.Contains(err.Error(), "cannot read the PDF") {
		t.Errorf("missing file: %v", err)
	}
	if _, err := printWith(f.system(), dir); err == nil || !strings.Contains(err.Error(), "not a PDF file") {
		t.Errorf("a folder: %v", err)
	}
	if len(f.printed)+len(f.opened) != 0 {
		t.Errorf("tools run on a bad path: %q %q", f.printed, f.opened)
	}
	if err := Open(filepath.Join(dir, "missing.pdf")); err == nil {
		t.Error("Open of a missing file succeeded")
	}
}

// A relative path reaches the tools absolute, so a name starting with a
// dash cannot be read as an option.
func TestPrintGivesToolsAnAbsolutePath(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "-h.pdf"), []byte("%PDF-1.4"), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	f := &fake{printErr: errors.New("no printer")}
	if _, err := printWith(f.system(), "-h.pdf"); err != nil {
		t.Fatal(err)
	}
	for _, p := range append(f.printed, f.opened...) {
		if !filepath.IsAbs(p) {
			t.Errorf("tool given %q, not an absolute path", p)
		}
	}
}

func TestToolError(t *testing.T) {
	exitErr := exec.Command("false").Run() // exit status 1
	var exit *exec.ExitError
	if !errors.As(exitErr, &exit) {
		t.Skip("no false command")
	}
	cases := []struct {
		stderr, want string
	}{
		{"lp: Error - no default destination available.\nmore\n", "lp: Error - no default destination available."},
		{"Error - no default destination\n", "lp: Error - no default destination"},
		{"", "lp stopped with exit status 1"},
	}
	for _, c := range cases {
		if got := toolError("lp", exitErr, c.stderr).Error(); got != c.want {
			t.Errorf("toolError(%q) = %q, want %q", c.stderr, got, c.want)
		}
	}
}

func TestHeadBufferKeepsTheStart(t *testing.T) {
	var b headBuffer
	line := strings.Repeat("x", 1000) + "\n"
	for range 10 {
		if n, err := b.Write([]byte(line)); n != len(line) || err != nil {
			t.Fatalf("Write = %d, %v", n, err)
		}
	}
	if got := len(b.String()); got != stderrLimit {
		t.Errorf("kept %d bytes, want %d", got, stderrLimit)
	}
}
