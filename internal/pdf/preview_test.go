package pdf

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"chairside/internal/handout"
)

func TestPreviewFirstPage(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "h.pdf")
	c := sampleClinic(t)
	c.Paper = handout.A4
	if err := Export(path, sampleHandout(), samplePatient(), c); err != nil {
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
