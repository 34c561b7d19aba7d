package content

import (
	"sort"
	"strings"
	"sync"
	"testing"

	"chairside/internal/anatomy"
)

var (
	libESOnce sync.Once
	libES     *Library
	libESErr  error
)

func spanish(t testing.TB) *Library {
	t.Helper()
	libESOnce.Do(func() { libES, libESErr = Load("es") })
	if libESErr != nil {
		t.Fatalf("Load(es): %v", libESErr)
	}
	return libES
}

var seccionesES = []string{"## Qué es", "## Para qué sirve", "## Qué puede fallar", "## Qué suele ayudar", "## Cuándo buscar ayuda"}

// All 157 structures exist in Spanish: the four templates, the three
// level-data files and every override are translated, so none falls back.
func TestSpanishStructures(t *testing.T) {
	l := spanish(t)
	n := 0
	for _, s := range anatomy.All() {
		tx := explain(t, l, s.ID)
		n++
		if tx.Lang != "es" || tx.Fallback {
			t.Errorf("%s: lang %q fallback %v, want Spanish", s.ID, tx.Lang, tx.Fallback)
		}
		for _, sec := range seccionesES {
			if !strings.Contains(tx.Body, sec+"\n") {
				t.Errorf("%s: no section %q", s.ID, sec)
			}
		}
	}
	if n != 157 {
		t.Errorf("%d structures, want 157", n)
	}
	for id, want := range map[string]string{
		"nerve:L5:left":     "La raíz nerviosa L5 izquierda",
		"facet:C5-C6:right": "La articulación facetaria C5–C6 derecha",
		"disc:L4-L5":        "El disco L4–L5",
		"vertebra:S":        "El sacro",
		"vertebra:Co":       "El cóccix",
		"vertebra:T7":       "La vértebra T7",
	} {
		if got := explain(t, l, id).Title; !strings.HasPrefix(got, want) {
			t.Errorf("%s: title %q, want it to start %q", id, got, want)
		}
	}
}

// Every Spanish text, translated or filled from a Spanish template, reads
// as easily as the English ones: Fernández-Huerta ≥ 70 (about US grade 7,
// see grade_es.go), with sources, a review date and no template holes.
func TestSpanishTextsAreReadable(t *testing.T) {
	l := spanish(t)
	holes := []string{"{{", "}}", "<no value>", "%!", "()", " .", " ,", "**:**", ": .", "map["}
	var scores []float64
	for _, id := range l.IDs() {
		tx := explain(t, l, id)
		if tx.Fallback {
			continue
		}
		if len(tx.Sources) == 0 || tx.Reviewed == "" {
			t.Errorf("%s: sources %d, reviewed %q", id, len(tx.Sources), tx.Reviewed)
		}
		for _, h := range holes {
			if strings.Contains(tx.Body, h) || strings.Contains(tx.Title, h) {
				t.Errorf("%s: contains %q", id, h)
			}
		}
		s := FernandezHuerta(tx.Body)
		if s < EasySpanish {
			t.Errorf("%s: Fernández-Huerta %.1f, want ≥ %.0f", id, s, EasySpanish)
		}
		scores = append(scores, s)
	}
	if len(scores) == 0 {
		t.Fatal("no Spanish text")
	}
	sort.Float64s(scores)
	t.Logf("%d Spanish texts, Fernández-Huerta %.1f to %.1f, median %.1f", len(scores), scores[0], scores[len(scores)-1], scores[len(scores)/2])
}
