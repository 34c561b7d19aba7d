package pdf

import (
	"bytes"
	"io/fs"
	"path"
	"testing"

	"chairside/assets"
	"chairside/internal/pdf/internal/fontprep"
)

// TestPreparedFontsMatchGenerator checks that the committed fontdata is
// exactly what the generator makes from the embedded DejaVu sources, so a
// changed font, range or fpdf version cannot leave stale widths or faces
// behind (run `go generate ./internal/pdf` to refresh them).
func TestPreparedFontsMatchGenerator(t *testing.T) {
	var full [fontprep.FaceCount][]byte
	for i, name := range fontprep.Files {
		b, err := assets.Fonts.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		full[i] = b
	}
	p, err := fontprep.Prepare(full)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][]byte{fontprep.MetricsName: p.Metrics.Encode()}
	for i, name := range fontprep.CompactNames {
		want[name] = p.Compact[i]
	}
	entries, err := fs.ReadDir(fontData, "fontdata")
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != len(want) {
		t.Errorf("fontdata holds %d files, the generator makes %d", len(entries), len(want))
	}
	for name, w := range want {
		got, err := fs.ReadFile(fontData, path.Join("fontdata", name))
		if err != nil {
			t.Errorf("%s: %v (run go generate ./internal/pdf)", name, err)
			continue
		}
		if !bytes.Equal(got, w) {
			t.Errorf("fontdata/%s differs from the generator's output (run go generate ./internal/pdf)", name)
		}
	}

	// The loaded tables are the generator's tables.
	fonts, err := loadFonts()
	if err != nil {
		t.Fatal(err)
	}
	for f := face(0); f < faceCount; f++ {
		for r := 0; r < 0x10000; r++ {
			if fonts.widths[f][r] != p.Metrics.Widths[f][r] || fonts.covers[f][r] != p.Metrics.Covers[f][r] {
				t.Fatalf("face %d, U+%04X: loaded width/coverage %d/%v, generator %d/%v", f, r,
					fonts.widths[f][r], fonts.covers[f][r], p.Metrics.Widths[f][r], p.Metrics.Covers[f][r])
			}
		}
	}
}
