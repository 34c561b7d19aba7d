package ui

import (
	"fmt"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
)

// The bar over the diagram (view switch, zoom presets) is as tall as its
// rows at the width it is laid out at, on the first layout at a new width:
// in Spanish it wraps on some window widths and not on others, and a bar
// sized for the width before left an empty band about 35 px high over the
// diagram (or rows over it) until something laid the window out again.
func TestDiagramBarHeightFollowsItsWidthOnTheFirstLayout(t *testing.T) {
	for _, lang := range []string{"en", "es"} {
		t.Run(lang, func(t *testing.T) {
			useLanguage(t, lang)
			fa := test.NewTempApp(t)
			w := test.NewTempWindow(t, nil)
			w.Resize(fyne.NewSize(1200, 800))
			a := newApp(fa, w, testLibrary(t), Options{}, openTestDB(t), nil)
			t.Cleanup(a.stopTimers)
			column := a.main.Leading.(*fyne.Container)
			flow := a.diagramBar.(*fyne.Container).Objects[0].(*fyne.Container)

			var widths []float32
			for wd := float32(700); wd <= 2000; wd += 25 {
				widths = append(widths, wd)
			}
			for i := len(widths) - 1; i >= 0; i-- { // and back, narrowing
				widths = append(widths, widths[i])
			}
			rowCounts := map[int]bool{}
			for _, wd := range widths {
				w.Resize(fyne.NewSize(wd, 800))
				first, spineTop := a.diagramBar.Size().Height, a.spine.Position().Y
				column.Refresh() // a second layout at the same width
				second := a.diagramBar.Size().Height
				at := fmt.Sprintf("window %.0f wide (column %.0f)", wd, column.Size().Width)
				if first != second {
					t.Fatalf("%s: the bar is %.0f high after the first layout, %.0f after the second", at, first, second)
				}
				if spineTop != first+theme.Padding() {
					t.Fatalf("%s: the diagram starts at %.0f under a bar %.0f high (want one padding between)", at, spineTop, first)
				}
				// No band: the bar ends one padding under its last row.
				bottom := float32(0)
				for _, o := range flow.Objects {
					bottom = max(bottom, o.Position().Y+o.Size().Height)
				}
				pad := theme.Padding()
				if want := bottom + 2*pad; first != want {
					t.Fatalf("%s: the bar is %.0f high, its rows end at %.0f (want %.0f): an empty band or rows cut off", at, first, bottom, want)
				}
				rowCounts[len(flowLayout{}.rows(flow.Objects, flow.Size().Width))] = true
			}
			if lang == "es" && len(rowCounts) < 2 {
				t.Fatalf("in Spanish the bar never changed its number of rows between 700 and 2000 wide (%v): the test no longer covers wrapping", rowCounts)
			}
		})
	}
}
