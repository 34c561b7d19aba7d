package pdf

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode/utf16"

	"chairside/internal/handout"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// TestGoldenHandout renders the sample handout and compares what its pages
// draw (the decompressed content streams, every text, path and colour) and
// its text with the golden files in testdata. Compressed bytes are not
// compared, as they depend on the Go version's zlib, not on the layout.
//
// After a deliberate layout change, run
// `go test ./internal/handout -run Golden -update` and look at the pages:
// `pdftoppm -r 80 -png internal/handout/testdata/sample_handout_letter.pdf /tmp/page`.
func TestGoldenHandout(t *testing.T) {
	for _, g := range []struct {
		name  string
		paper handout.Paper
		h     handout.Handout
	}{
		{"letter", handout.Letter, sampleHandout()},
		{"a4", handout.A4, sampleHandout()},
		{"es_letter", handout.Letter, spanishHandout()}, // the same layout in Spanish words
	} {
		t.Run(g.name, func(t *testing.T) {
			c := sampleClinic(t)
			c.Paper = g.paper
			data, pages := render(t, g.h, samplePatient(), c)
			text := []byte(allText(pages))
			ops := drawingOps(pages)
			base := filepath.Join("testdata", "sample_handout_"+g.name)
			if *update {
				for ext, b := range map[string][]byte{".pdf": data, ".txt": text, ".ops": ops} {
					if err := os.WriteFile(base+ext, b, 0o644); err != nil {
						t.Fatal(err)
					}
				}
			}
			for _, g := range []struct {
				ext string
				got []byte
			}{{".txt", text}, {".ops", ops}} {
				want, err := os.ReadFile(base + g.ext)
				if err != nil {
					t.Fatalf("no golden file (run with -update): %v", err)
				}
				if !bytes.Equal(g.got, want) {
					dir := filepath.Join("testdata", "failed")
					_ = os.MkdirAll(dir, 0o755)
					_ = os.WriteFile(filepath.Join(dir, filepath.Base(base)+g.ext), g.got, 0o644)
					_ = os.WriteFile(filepath.Join(dir, filepath.Base(base)+".pdf"), data, 0o644)
					t.Errorf("%s%s differs from the golden; the new version is in %s", base, g.ext, dir)
				}
			}
		})
	}
}

var resourceName = regexp.MustCompile(`^/([FI])[0-9a-f]{40}$`)

// drawingOps is every page's content stream, one operator to a line, with
// strings decoded to readable text and the hash-derived font and image
// names numbered in order of use, so a change of layout shows as a
// readable diff.
func drawingOps(pages []readPage) []byte {
	names := map[string]string{}
	var out bytes.Buffer
	for i, p := range pages {
		fmt.Fprintf(&out, "%% page %d (%.2f x %.2f)\n", i+1, p.w, p.h)
		lx := lexer{b: p.content}
		var line []string
		inFigure := false
		for {
			tok, isStr, ok := lx.next()
			if !ok {
				break
			}
			// The picture inside a figure is internal/diagram's to test;
			// the golden keeps only where it is placed.
			if inFigure {
				if tok == "EMC" && !isStr {
					inFigure = false
					out.WriteString("EMC\n")
				}
				continue
			}
			if tok == "BMC" && !isStr && len(line) == 1 && line[0] == "/Figure" {
				out.WriteString("/Figure BMC % the spine diagram, drawn by internal/diagram\n")
				line, inFigure = line[:0], true
				continue
			}
			switch {
			case isStr:
				units := make([]uint16, 0, len(tok)/2)
				for k := 0; k+1 < len(tok); k += 2 {
					units = append(units, uint16(tok[k])<<8|uint16(tok[k+1]))
				}
				line = append(line, strconv.Quote(string(utf16.Decode(units))))
			case resourceName.MatchString(tok):
				n, ok := names[tok]
				if !ok {
					n = fmt.Sprintf("/%c%d", tok[1], len(names)+1)
					names[tok] = n
				}
				line = append(line, n)
			case strings.HasPrefix(tok, "/") || isNumber(tok):
				line = append(line, tok)
			default:
				line = append(line, tok)
				out.WriteString(strings.Join(line, " "))
				out.WriteByte('\n')
				line = line[:0]
			}
		}
	}
	return out.Bytes()
}
