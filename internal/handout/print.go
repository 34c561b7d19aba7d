package handout

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"time"
)

// ErrOpenedInViewer is wrapped by Print's error when no printer could take
// the handout and it was opened in the PDF viewer instead, from where it
// can be printed by hand. The UI shows it as a note, not a failure.
var ErrOpenedInViewer = errors.New("opened in the PDF viewer instead; print it from there")

// printTimeout bounds a print command: lp and lpr hand the file to the
// print spooler and return at once, unless something is wrong.
const printTimeout = 30 * time.Second

// Print sends the PDF at path to the default printer through lp or lpr
// when the system has one; otherwise, or when the printer refuses it, it
// opens the PDF in the system's viewer (xdg-open, open, or the Windows
// file handler). The error says what happened.
func Print(path string) error {
	abs, err := filepath.Abs(path)
	if err != nil {
		return fmt.Errorf("print: %w", err)
	}
	if info, err := os.Stat(abs); err != nil {
		return fmt.Errorf("print: cannot read the PDF: %w", err)
	} else if info.IsDir() {
		return fmt.Errorf("print: %s is a folder, not a PDF", abs)
	}
	var spoolErr error
	for _, p := range []string{"lp", "lpr"} {
		bin, err := exec.LookPath(p)
		if err != nil {
			continue
		}
		if spoolErr = runSpooler(bin, abs); spoolErr == nil {
			return nil
		}
		break // the printing system is there but refused: no second try
	}
	viewErr := openViewer(abs)
	switch {
	case viewErr == nil && spoolErr != nil:
		return fmt.Errorf("the printer did not take the handout (%v); %w", spoolErr, ErrOpenedInViewer)
	case viewErr == nil:
		return fmt.Errorf("no printing system (lp or lpr) found; %w", ErrOpenedInViewer)
	case spoolErr != nil:
		return fmt.Errorf("the printer did not take the handout (%v), and the PDF viewer could not be opened: %v", spoolErr, viewErr)
	}
	return fmt.Errorf("no printing system (lp or lpr) found, and the PDF viewer could not be opened: %w", viewErr)
}

func runSpooler(bin, path string) error {
	ctx, cancel := context.WithTimeout(context.Background(), printTimeout)
	defer cancel()
	// path is absolute, so it cannot be mistaken for an option.
	if err := runTool(exec.CommandContext(ctx, bin, path)); err != nil {
		return fmt.Errorf("%s: %w", filepath.Base(bin), err)
	}
	return nil
}

// openViewer starts the system's PDF viewer and does not wait for it.
func openViewer(path string) error {
	var name string
	var args []string
	switch runtime.GOOS {
	case "darwin":
		name, args = "open", []string{path}
	case "windows":
		name, args = "rundll32", []string{"url.dll,FileProtocolHandler", path}
	default:
		name, args = "xdg-open", []string{path}
	}
	bin, err := exec.LookPath(name)
	if err != nil {
		return fmt.Errorf("%s not found", name)
	}
	cmd := exec.Command(bin, args...)
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	go func() { _ = cmd.Wait() }() // reap it whenever the viewer launcher exits
	return nil
}

// runTool runs a system tool; when it fails, the error is the first line
// of what the tool said on stderr, or its exit status when it said nothing.
func runTool(cmd *exec.Cmd) error {
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		msg := strings.TrimSpace(stderr.String())
		if msg == "" {
			msg = err.Error()
		}
		return errors.New(firstLine(msg))
	}
	return nil
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

// ErrNoPreviewTool means pdftoppm (poppler-utils) is not installed.
var ErrNoPreviewTool = errors.New("the page preview needs pdftoppm from poppler-utils (run make setup, or install poppler-utils)")

// previewTimeout bounds pdftoppm on a damaged or huge file.
const previewTimeout = 20 * time.Second

// PreviewFirstPage renders the first page of a PDF, widthPx pixels wide,
// for the preview shown before printing. It uses poppler's pdftoppm.
func PreviewFirstPage(pdfPath string, widthPx int) (image.Image, error) {
	if widthPx <= 0 || widthPx > 10000 {
		return nil, fmt.Errorf("preview width %d pixels is out of range (1 to 10000)", widthPx)
	}
	if _, err := os.Stat(pdfPath); err != nil {
		return nil, fmt.Errorf("preview: cannot read the PDF: %w", err)
	}
	bin, err := exec.LookPath("pdftoppm")
	if err != nil {
		return nil, ErrNoPreviewTool
	}
	dir, err := os.MkdirTemp("", "chairside-preview-")
	if err != nil {
		return nil, fmt.Errorf("preview: %w", err)
	}
	defer os.RemoveAll(dir)
	ctx, cancel := context.WithTimeout(context.Background(), previewTimeout)
	defer cancel()
	out := filepath.Join(dir, "page")
	cmd := exec.CommandContext(ctx, bin, "-png", "-f", "1", "-l", "1", "-singlefile",
		"-scale-to-x", strconv.Itoa(widthPx), "-scale-to-y", "-1", pdfPath, out)
	if err := runTool(cmd); err != nil {
		return nil, fmt.Errorf("preview: pdftoppm could not read the PDF: %w", err)
	}
	f, err := os.Open(out + ".png")
	if err != nil {
		return nil, fmt.Errorf("preview: %w", err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		return nil, fmt.Errorf("preview: %w", err)
	}
	return img, nil
}
