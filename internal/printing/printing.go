// Package printing hands a PDF to the computer's printing system, or opens
// it in the PDF viewer when nothing prints it, and reports what really
// happened: a tool counts as having worked only when it said so (its exit
// status, or the Windows shell's answer). How each platform prints and
// opens a file is one function each, in build-tagged files; the decisions
// shared by every platform are here and tested everywhere.
package printing

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
)

// Outcome is what became of a print.
type Outcome int

// The outcomes of Print.
const (
	// Printed: a printing system or the PDF application accepted the PDF.
	Printed Outcome = iota + 1
	// InViewer: nothing printed it, and the PDF viewer opened it instead,
	// from where it can be printed by hand.
	InViewer
	// NotPrinted: nothing printed it and no viewer opened it.
	NotPrinted
)

// Result says what Print did, in words a clinician can act on. The
// sentences of a message are the caller's to build: these are clauses, so
// that no reason is ever said twice.
type Result struct {
	Outcome Outcome
	// By names what took the PDF when it was printed ("lp", "lpr", "your
	// PDF application").
	By string
	// Copied is true when the printing system keeps its own copy of the
	// PDF (lp, lpr), so the file may be deleted at once. A PDF application
	// asked to print reads the file later, so it must stay.
	Copied bool
	// NotPrintedBecause says why nothing printed it (without a final
	// stop), e.g. "this computer has no printing system (lp or lpr)";
	// empty when printed.
	NotPrintedBecause string
	// NoViewerBecause says why no viewer opened it, e.g. "xdg-open is not
	// installed"; set only with NotPrinted.
	NoViewerBecause string
}

// system is how one platform prints a file and opens it in its viewer.
// Each returns nil only when the tool reported success.
type system struct {
	// print hands the file to the printer and says what took it and
	// whether that keeps its own copy. Its error is the reason the file
	// was not printed.
	print func(path string) (by string, copied bool, err error)
	// open shows the file in the system's viewer.
	open func(path string) error
}

// Print sends the PDF at path to the default printer; when that is not
// possible it opens the PDF in the viewer instead. The error is only for a
// path that is not a readable file; everything else is in the Result.
func Print(path string) (Result, error) {
	return printWith(platform(), path)
}

// Open shows the file at path in the system's PDF viewer. The error says
// why it did not open, in plain words (a clause such as "xdg-open is not
// installed", for the caller's sentence).
func Open(path string) error {
	abs, err := checkFile(path)
	if err != nil {
		return err
	}
	return platform().open(abs)
}

func printWith(sys system, path string) (Result, error) {
	abs, err := checkFile(path)
	if err != nil {
		return Result{}, err
	}
	by, copied, err := sys.print(abs)
	if err == nil {
		return Result{Outcome: Printed, By: by, Copied: copied}, nil
	}
	r := Result{NotPrintedBecause: err.Error()}
	if err := sys.open(abs); err != nil {
		r.Outcome, r.NoViewerBecause = NotPrinted, err.Error()
		return r, nil
	}
	r.Outcome = InViewer
	return r, nil
}

// checkFile makes path absolute (a tool then cannot take it for an
// option) and checks it is a file that can be read.
func checkFile(path string) (string, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", fmt.Errorf("print: %w", err)
	}
	info, err := os.Stat(abs)
	if err != nil {
		return "", fmt.Errorf("print: cannot read the PDF: %w", err)
	}
	if !info.Mode().IsRegular() {
		return "", fmt.Errorf("print: %s is not a PDF file", abs)
	}
	return abs, nil
}

// toolError turns a tool's failure into a short reason: the first line of
// what it said on stderr, else its exit status.
func toolError(name string, err error, stderr string) error {
	if msg := firstLine(strings.TrimSpace(stderr)); msg != "" {
		if !strings.HasPrefix(msg, name) {
			msg = name + ": " + msg
		}
		return errors.New(msg)
	}
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		return fmt.Errorf("%s stopped with exit status %d", name, exit.ExitCode())
	}
	return fmt.Errorf("%s: %w", name, err)
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return strings.TrimSpace(s[:i])
	}
	return s
}

// stderrLimit is how much of a tool's stderr is kept: its first line is
// all a message shows, and a viewer left running may write for hours.
const stderrLimit = 4096

// headBuffer keeps the first stderrLimit bytes written to it. It is safe
// to read while the tool is still writing.
type headBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *headBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if room := stderrLimit - b.buf.Len(); room > 0 {
		b.buf.Write(p[:min(len(p), room)])
	}
	return len(p), nil
}

func (b *headBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
