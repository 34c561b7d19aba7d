package handout

import (
	"bytes"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// TestGoldenHandout renders the sample handout and compares it byte for
// byte with testdata/sample_handout.pdf, and its text, page by page, with
// testdata/sample_handout.txt (the readable half of the golden, for
// reviewing a change). After a deliberate layout change, run
// `go test ./internal/handout -run Golden -update`, then look at the pages:
// `pdftoppm -r 80 -png testdata/sample_handout.pdf /tmp/page`.
func TestGoldenHandout(t *testing.T) {
	for _, paper := range []Paper{Letter, A4} {
		t.Run(string(paper), func(t *testing.T) {
			c := sampleClinic(t)
			c.Paper = paper
			data, pages := render(t, sampleHandout(), samplePatient(), c)
			text := []byte(allText(pages))
			base := filepath.Join("testdata", "sample_handout_"+string(paper))
			if *update {
				if err := os.MkdirAll("testdata", 0o755); err != nil {
					t.Fatal(err)
				}
				for ext, b := range map[string][]byte{".pdf": data, ".txt": text} {
					if err := os.WriteFile(base+ext, b, 0o644); err != nil {
						t.Fatal(err)
					}
				}
				if _, err := exec.LookPath("pdftoppm"); err == nil {
					t.Logf("to look at it: pdftoppm -r 80 -png %s.pdf /tmp/page", base)
				}
			}
			wantText, err := os.ReadFile(base + ".txt")
			if err != nil {
				t.Fatalf("no golden text (run with -update): %v", err)
			}
			if !bytes.Equal(text, wantText) {
				t.Errorf("handout text differs from %s.txt; got:\n%s", base, text)
			}
			want, err := os.ReadFile(base + ".pdf")
			if err != nil {
				t.Fatalf("no golden PDF (run with -update): %v", err)
			}
			if !bytes.Equal(data, want) {
				os.MkdirAll(filepath.Join("testdata", "failed"), 0o755)
				got := filepath.Join("testdata", "failed", filepath.Base(base)+".pdf")
				_ = os.WriteFile(got, data, 0o644)
				t.Errorf("PDF differs from %s.pdf (%d vs %d bytes); the new one is in %s", base, len(data), len(want), got)
			}
		})
	}
}
