// Chairside addition (see CHAIRSIDE.md): the fast font ID must be the ID
// upstream computes.

package fpdf

import (
	"crypto/sha1"
	"encoding/json"
	"fmt"
	"math/rand"
	"testing"
)

func upstreamFontID(fdt fontDefType) string {
	fdt.File = ""
	b, err := json.Marshal(&fdt)
	if err != nil {
		panic(err)
	}
	return fmt.Sprintf("%x", sha1.Sum(b))
}

func TestGenerateFontIDMatchesUpstream(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	wide := make([]int, 256*256)
	for i := range wide {
		wide[i] = rng.Intn(70000) - 100
	}
	for _, fdt := range []fontDefType{
		{Tp: "UTF8", Name: "dejavuB", Cw: wide, Up: -63, Ut: 44, Desc: FontDescType{Ascent: 928, Descent: -236, MissingWidth: 600}},
		{Tp: "UTF8", Name: `odd "Cw":null name`, Cw: []int{0, 1, -2, 65535}, File: "x.ttf"},
		{Tp: "TrueType", Name: "empty", Cw: []int{}, Enc: `"Cw":null`, Diff: "1 /a"},
		{Tp: "Core", Name: "nil widths"},
	} {
		got, err := generateFontID(fdt)
		if err != nil {
			t.Fatal(err)
		}
		if want := upstreamFontID(fdt); got != want {
			t.Errorf("%s: ID %s, upstream %s", fdt.Name, got, want)
		}
	}
}

func BenchmarkGenerateFontID(b *testing.B) {
	fdt := fontDefType{Tp: "UTF8", Name: "dejavu", Cw: make([]int, 256*256)}
	for i := range fdt.Cw {
		fdt.Cw[i] = i % 2000
	}
	b.Run("upstream", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			upstreamFontID(fdt)
		}
	})
	b.Run("now", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			_, _ = generateFontID(fdt)
		}
	})
}
