package content

import "testing"

// Issue 15's number: an app used in Spanish holds both libraries (the
// Spanish one for the screen and for Spanish handouts, the English one
// for English handouts and the fallback), loaded in ≤ 30 ms together.
// make bench's table holds it (internal/benchreport), with the search in
// either language (BenchmarkSearch, BenchmarkSearchSpanish) in ≤ 1 ms.
func BenchmarkLoadBothLanguages(b *testing.B) {
	for b.Loop() {
		for _, lang := range []string{"en", "es"} {
			if _, err := Load(lang); err != nil {
				b.Fatal(err)
			}
		}
	}
}
