// Chairside addition (see CHAIRSIDE.md, change 7): fonts cut on other
// goroutines write the PDF upstream wrote.

package fpdf

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"
)

// threeFaceDocument writes two pages in three DejaVu faces (accents,
// Greek, Cyrillic, punctuation), compressed, with fixed dates.
func threeFaceDocument(t *testing.T) []byte {
	t.Helper()
	dir := filepath.Join("..", "..", "assets", "fonts")
	pdf := New("P", "pt", "Letter", "")
	pdf.SetCatalogSort(true)
	stamp := time.Date(2026, 12, 2, 10, 0, 0, 0, time.UTC)
	pdf.SetCreationDate(stamp)
	pdf.SetModificationDate(stamp)
	for _, f := range []struct{ style, file string }{{"", "DejaVuSans.ttf"}, {"B", "DejaVuSans-Bold.ttf"}, {"I", "DejaVuSans-Oblique.ttf"}} {
		b, err := os.ReadFile(filepath.Join(dir, f.file))
		if err != nil {
			t.Skipf("the DejaVu fonts: %v", err)
		}
		pdf.AddUTF8FontFromBytes("dejavu", f.style, b)
	}
	for page := 1; page <= 2; page++ {
		pdf.AddPage()
		for i, style := range []string{"", "B", "I"} {
			pdf.SetFont("dejavu", style, 11)
			pdf.Text(40, float64(60+20*i), fmt.Sprintf("Page %d: José Núñez, Ærø, Łódź, Ωμέγα, Привет — “quotes” %s", page, style))
		}
	}
	var out bytes.Buffer
	if err := pdf.Output(&out); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

// upstreamThreeFaceSum is the SHA-256 of threeFaceDocument as written
// before change 7, when putfonts cut and compressed each font in turn.
const upstreamThreeFaceSum = "5c69baabe1010f84cd800fa7b708a458b2c5bff07defd8d7b0f2eb5260eba424"

func TestFontsCutAheadWriteWhatUpstreamWrote(t *testing.T) {
	if got := fmt.Sprintf("%x", sha256.Sum256(threeFaceDocument(t))); got != upstreamThreeFaceSum {
		t.Errorf("the document's SHA-256 is %s, upstream's %s", got, upstreamThreeFaceSum)
	}
}

// Documents written side by side each cut their own fonts (run with -race).
func TestFontsCutAheadInDocumentsSideBySide(t *testing.T) {
	want := threeFaceDocument(t)
	var wg sync.WaitGroup
	got := make([][]byte, 4)
	for i := range got {
		wg.Add(1)
		go func() {
			defer wg.Done()
			got[i] = threeFaceDocument(t)
		}()
	}
	wg.Wait()
	for i, g := range got {
		if !bytes.Equal(g, want) {
			t.Errorf("document %d of 4 written at once differs from one written alone", i)
		}
	}
}
