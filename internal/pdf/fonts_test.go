package pdf

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"chairside/assets"
	"chairside/internal/pdf/internal/fontprep"

	"codeberg.org/go-pdf/fpdf"
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
	want := map[string][]byte{fontprep.MetricsName: p.Metrics.Encode(), fontprep.IDsName: p.EncodeIDs()}
	for i, name := range fontprep.CompactNames {
		want[name] = p.Compact[i]
	}
	entries, err := os.ReadDir("fontdata")
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != len(want) {
		t.Errorf("fontdata holds %d files, the generator makes %d", len(entries), len(want))
	}
	for name, w := range want {
		got, err := os.ReadFile(filepath.Join("fontdata", name))
		if err != nil {
			t.Errorf("%s: %v (run go generate ./internal/pdf)", name, err)
			continue
		}
		if !bytes.Equal(got, w) {
			t.Errorf("fontdata/%s differs from the generator's output (run go generate ./internal/pdf)", name)
		}
	}
	// What the program embeds is those files, each face in its place.
	if !bytes.Equal(fontMetrics, want[fontprep.MetricsName]) {
		t.Errorf("the embedded metrics are not fontdata/%s", fontprep.MetricsName)
	}
	for i, name := range fontprep.CompactNames {
		if !bytes.Equal(compactFaces[i], want[name]) {
			t.Errorf("embedded compact face %d is not fontdata/%s", i, name)
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
		// The IDs the program hands fpdf are the ones fpdf computes for
		// the faces it embeds, under the name it registers them with.
		parsed, err := fpdf.ParseUTF8Font(compactFaces[f])
		if err != nil {
			t.Fatal(err)
		}
		if got, want := fonts.compactIDs[f], parsed.ID(fontFamily, faceStyles[f]); got != want {
			t.Errorf("face %d: prepared ID %s, fpdf computes %s (run go generate ./internal/pdf)", f, got, want)
		}
	}
	for _, bad := range []string{"", "abc\n", strings.Repeat(strings.Repeat("a", 40)+"\n", 3), strings.Repeat(strings.Repeat("g", 40)+"\n", 4)} {
		if _, err := fontprep.DecodeIDs(bad); err == nil {
			t.Errorf("DecodeIDs accepted %q", bad)
		}
	}
}

// TestParsedFaceWritesTheSamePDF checks the patched fpdf's parse-once
// registration (third_party/fpdf/utf8fontparsed.go) against its own
// AddUTF8FontFromBytes: the same document, byte for byte, for a compact and
// a full face, and for a face registered in a second document after the
// first was written (a parsed face must carry nothing over from one
// document to the next).
func TestParsedFaceWritesTheSamePDF(t *testing.T) {
	fonts, err := loadFonts()
	if err != nil {
		t.Fatal(err)
	}
	full, err := assets.Fonts.ReadFile(fontprep.Files[faceBold])
	if err != nil {
		t.Fatal(err)
	}
	texts := []string{"José Núñez, Zoë Łukasiewicz: L4–L5 disc", "Nguyễn Văn An · Ωμέγα · Жанна", "Page 1 of 2"}
	write := func(add func(pdf *fpdf.Fpdf), text string) []byte {
		pdf := fpdf.New("P", "pt", "Letter", "")
		pdf.SetCompression(true)
		pdf.SetCreationDate(sampleDate)
		pdf.SetModificationDate(sampleDate)
		add(pdf)
		pdf.AddPage()
		pdf.SetFont(fontFamily, "B", 12)
		pdf.Text(72, 72, text)
		var buf bytes.Buffer
		if err := pdf.Output(&buf); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	for _, tc := range []struct {
		name string
		data []byte
	}{{"compact", fonts.compact[faceBold]}, {"full", full}} {
		parsed, err := fpdf.ParseUTF8Font(tc.data)
		if err != nil {
			t.Fatal(err)
		}
		for _, text := range texts { // one parsed face, three documents
			want := write(func(pdf *fpdf.Fpdf) { pdf.AddUTF8FontFromBytes(fontFamily, "B", tc.data) }, text)
			got := write(func(pdf *fpdf.Fpdf) { pdf.AddUTF8FontParsed(fontFamily, "B", parsed) }, text)
			if !bytes.Equal(got, want) {
				t.Errorf("%s face, %q: the parsed face writes %d bytes that differ from fpdf's own %d", tc.name, text, len(got), len(want))
			}
		}
	}
	// The program's own face, registered with its prepared ID, writes
	// what fpdf writes when it hashes the widths itself.
	prepared, err := fonts.parsedFace(faceBold, false)
	if err != nil {
		t.Fatal(err)
	}
	for _, text := range texts {
		want := write(func(pdf *fpdf.Fpdf) { pdf.AddUTF8FontFromBytes(fontFamily, "B", fonts.compact[faceBold]) }, text)
		got := write(func(pdf *fpdf.Fpdf) { pdf.AddUTF8FontParsed(fontFamily, "B", prepared) }, text)
		if !bytes.Equal(got, want) {
			t.Errorf("prepared face, %q: %d bytes that differ from fpdf's own %d", text, len(got), len(want))
		}
	}
	if _, err := fpdf.ParseUTF8Font([]byte("not a font at all")); err == nil {
		t.Error("ParseUTF8Font accepted a file that is not TrueType")
	}
}

// TestHandoutsWrittenAtOnceMatch writes handouts in parallel, sharing the
// parsed faces and fpdf's pooled compressors, and requires each to equal
// the same handout written alone (run with -race, as the README's test
// command does).
func TestHandoutsWrittenAtOnceMatch(t *testing.T) {
	hs := []func() ([]byte, error){}
	for _, lang := range []string{"en", "es"} {
		for _, name := range []string{"José Núñez", "Աննա Łukasiewicz"} { // compact and full faces
			h, p, c := standardHandout(), samplePatient(), sampleClinic(t)
			h.Lang, p.Name = lang, name
			hs = append(hs, func() ([]byte, error) {
				var buf bytes.Buffer
				err := Write(&buf, h, p, c)
				return buf.Bytes(), err
			})
		}
	}
	want := make([][]byte, len(hs))
	for i, w := range hs {
		b, err := w()
		if err != nil {
			t.Fatal(err)
		}
		want[i] = b
	}
	var wg sync.WaitGroup
	got := make([][]byte, 3*len(hs))
	errs := make([]error, len(got))
	for i := range got {
		wg.Add(1)
		go func() {
			defer wg.Done()
			got[i], errs[i] = hs[i%len(hs)]()
		}()
	}
	wg.Wait()
	for i := range got {
		if errs[i] != nil {
			t.Fatal(errs[i])
		}
		if !bytes.Equal(got[i], want[i%len(hs)]) {
			t.Errorf("handout %d written alongside others differs from the same handout written alone", i%len(hs))
		}
	}
}
