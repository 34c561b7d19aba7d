// The first page of a handout drawn for the print preview, with poppler's
// pdftoppm. Printing itself and the PDF viewer are internal/printing's.

package pdf

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
	"strconv"
	"strings"
	"time"
)

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
