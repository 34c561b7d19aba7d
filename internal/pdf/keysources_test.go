package pdf

import (
	"strings"
	"testing"
)

// The three sources of the test item, and how the list prints them.
var keySourceTests = []struct{ full, short string }{
	{"Kawchuk GN, Fryer J, Jaremko JL, Zeng H, Rowe L, Thompson R. Real-time visualization of joint cavitation. PLoS ONE 2015;10(4):e0119470.", "Kawchuk et al., 2015."},
	{"Unsworth A, Dowson D, Wright V. 'Cracking joints': a bioengineering study of cavitation in the metacarpophalangeal joint. Annals of the Rheumatic Diseases 1971;30(4):348-358.", "Unsworth et al., 1971."},
	{"Castellanos J, Axelrod D. Effect of habitual knuckle cracking on hand function. Annals of the Rheumatic Diseases 1990;49:308-309.", "Castellanos & Axelrod, 1990."},
}

// TestShortItemCitesItsKeySources: printed short, an item cites and lists
// only the sources its key points rest on; in full, all of them; saved
// before key sources were kept, all of them too, as it always printed.
func TestShortItemCitesItsKeySources(t *testing.T) {
	h := standardHandout()
	h.Items = h.Items[:1]
	h.Items[0].Sources = nil
	for _, s := range keySourceTests {
		h.Items[0].Sources = append(h.Items[0].Sources, s.full)
	}
	listed := func(h2 func(*testing.T) string, want ...int) {
		t.Helper()
		text := h2(t)
		for i, s := range keySourceTests {
			in := false
			for _, w := range want {
				in = in || w == i
			}
			if got := strings.Contains(text, s.short); got != in {
				t.Errorf("source %d (%s) listed: %v, want %v", i+1, s.short, got, in)
			}
		}
	}
	print := func(keySources []int, full bool) func(*testing.T) string {
		return func(t *testing.T) string {
			c := h
			c.Items = append(c.Items[:0:0], h.Items...)
			c.Items[0].KeySources, c.Items[0].Full = keySources, full
			_, pages := render(t, c, samplePatient(), sampleClinic(t))
			return strings.Join(strings.Fields(runText(pages)), " ")
		}
	}

	short := print([]int{1}, false)
	listed(short, 1)
	if text := short(t); !strings.Contains(text, "(Source 1)") || !strings.Contains(text, "1. "+keySourceTests[1].short) {
		t.Errorf("the short item does not cite its one key source as number 1:\n%s", text)
	}
	listed(print([]int{0, 2}, false), 0, 2)
	listed(print([]int{1}, true), 0, 1, 2)
	if text := print([]int{1}, true)(t); !strings.Contains(text, "Sources 1–3") {
		t.Errorf("the full item does not cite its three sources:\n%s", text)
	}
	// A handout saved before key sources were kept.
	listed(print(nil, false), 0, 1, 2)
}
