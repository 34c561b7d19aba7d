package benchreport

import (
	"strings"
	"testing"
)

// Issue 15's numbers are in make bench's table: both languages' libraries
// in ≤ 30 ms, a search in either language in ≤ 1 ms.
func TestLanguageTargetsInTheTable(t *testing.T) {
	const out = `pkg: chairside/internal/content
BenchmarkLoadBothLanguages-2   	      60	  21500000 ns/op	 9000000 B/op	  90000 allocs/op
BenchmarkSearch-2              	   20000	     61000 ns/op
BenchmarkSearchSpanish-2       	    1000	   1200000 ns/op
`
	res, err := Parse(strings.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	if err := WriteTable(&b, Compare(Targets, res)); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"| BenchmarkLoadBothLanguages | load the English and Spanish libraries | < 30 ms | 21.5 ms |",
		"| BenchmarkSearch | content search, one query | < 1 ms | 61 µs | – | ok |",
		"| BenchmarkSearchSpanish | content search in Spanish, one query | < 1 ms | 1.2 ms | – | OVER TARGET |",
	} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("table lacks %q:\n%s", want, b.String())
		}
	}
}
