package pdf

import (
	"math"
	"strings"
	"testing"
)

// TestSourceNumbersStayWithTheirWord: an item's "(Sources 10–12)" never
// breaks between the word and its first number, at any width, and prints
// with a plain space (copied text finds "Fuentes 10–12").
func TestSourceNumbersStayWithTheirWord(t *testing.T) {
	doc, err := newDocument(sampleHandout(), samplePatient(), sampleClinic(t))
	if err != nil {
		t.Fatal(err)
	}
	for _, cite := range []string{"Fuentes 10–12", "Sources 3, 10–14", "Source 3"} {
		word, _, _ := strings.Cut(cite, " ")
		spans := []span{{text: "Los estiramientos suaves cuidan las articulaciones sin forzar un tronido."},
			{text: " (" + keepWithNumber(cite) + ")", italic: true}}
		// From the width of the whole citation (a word wider than the
		// line is cut wherever it must be).
		for w := math.Ceil(doc.fl.measure(faceItalic, sizeBody-1, "("+cite+")")); w <= 400; w++ {
			var text []string
			for _, ln := range doc.fl.breakLines(spans, sizeBody-1, w) {
				var sb strings.Builder
				for _, f := range ln {
					sb.WriteString(f.text)
				}
				line := sb.String()
				if strings.HasSuffix(strings.TrimSpace(line), "("+word) {
					t.Errorf("%q at %.0f pt: a line ends %q", cite, w, line)
				}
				if strings.Contains(line, "\u00a0") {
					t.Errorf("%q at %.0f pt: the line prints a no-break space: %q", cite, w, line)
				}
				text = append(text, strings.TrimSpace(line))
			}
			if got := strings.Join(text, " "); !strings.Contains(got, "("+cite+")") {
				t.Errorf("%q at %.0f pt: the text reads %q", cite, w, got)
			}
		}
	}
}
