package ui

import (
	"image/color"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"chairside/internal/anatomy"
	"chairside/internal/diagram"
)

// newThemedSpine is a spine alone in a window, in the theme the clinician
// chose in Settings (themeLight or themeDark).
func newThemedSpine(t *testing.T, choice string, w, h float32) (*Spine, fyne.Window, fyne.App) {
	t.Helper()
	a := test.NewTempApp(t)
	a.Preferences().SetString(themePrefKey, choice)
	a.Settings().SetTheme(newChairsideTheme(textScalePanel))
	s := NewSpine(anatomy.Lateral)
	win := test.NewTempWindow(t, s)
	win.SetPadded(false)
	win.Resize(fyne.NewSize(w, h))
	win.Canvas().Capture()
	return s, win, a
}

// luma is a pixel's relative lightness, 0 to 1.
func luma(c color.Color) float64 {
	r8, g8, b8, _ := c.RGBA()
	return (0.2126*float64(r8) + 0.7152*float64(g8) + 0.0722*float64(b8)) / 0xffff
}

// The hovered name floats on the diagram, so its card follows the diagram's
// ground: a dark card with light letters in the dark theme (it was once
// light text on a white card, unreadable), a light one in the light theme.
func TestSpineHoverNameReadableInBothThemes(t *testing.T) {
	for _, choice := range []string{themeLight, themeDark} {
		t.Run(choice, func(t *testing.T) {
			s, win, _ := newThemedSpine(t, choice, 500, 800)
			test.MoveMouse(win.Canvas(), pointOn(t, s, "vertebra:L4"))
			r := test.WidgetRenderer(s).(*spineRenderer)
			if !r.tip.Visible() {
				t.Fatal("no name shown on hover")
			}
			img := win.Canvas().Capture()
			scale := float32(img.Bounds().Dx()) / win.Canvas().Size().Width
			pos, size := r.tip.Position(), r.tip.Size()
			var darkest, lightest float64 = 1, 0
			count := map[bool]int{} // pixels lighter than mid-grey, and not
			for y := int((pos.Y + 3) * scale); y < int((pos.Y+size.Height-3)*scale); y++ {
				for x := int((pos.X + 3) * scale); x < int((pos.X+size.Width-3)*scale); x++ {
					l := luma(img.At(x, y))
					darkest, lightest = min(darkest, l), max(lightest, l)
					count[l > 0.5]++
				}
			}
			if lightest < 0.85 || darkest > 0.3 {
				t.Fatalf("hover name: lightest %.2f, darkest %.2f; want letters that stand out from the card", lightest, darkest)
			}
			// the card is most of the box: light in the light theme, dark in the dark one
			if cardIsLight := count[true] > count[false]; cardIsLight != (choice == themeLight) {
				t.Errorf("in the %s theme the name's card is light: %v", choice, cardIsLight)
			}
		})
	}
}

// The diagram takes the dark palette in the dark theme and the light one
// in the light theme, and follows a change in Settings at once.
func TestSpineDiagramFollowsTheTheme(t *testing.T) {
	s, win, a := newThemedSpine(t, themeDark, 300, 480)
	ground := func() color.NRGBA {
		return color.NRGBAModel.Convert(win.Canvas().Capture().At(3, 3)).(color.NRGBA)
	}
	if s.scene().Palette != diagram.Dark || luma(ground()) > 0.2 {
		t.Fatalf("dark theme: palette %s, ground %v; want the dark palette", s.scene().Palette.Name(), ground())
	}
	a.Preferences().SetString(themePrefKey, themeLight)
	a.Settings().SetTheme(newChairsideTheme(textScalePanel))
	if s.scene().Palette != diagram.Light || luma(ground()) < 0.8 {
		t.Fatalf("light theme: palette %s, ground %v; want the light palette", s.scene().Palette.Name(), ground())
	}
}

// The dark theme's diagram, as the clinician sees it.
func TestSpineGoldenDark(t *testing.T) {
	s, win, _ := newThemedSpine(t, themeDark, 300, 480)
	s.SetSelected("vertebra:L4")
	s.SetDiscussed([]string{"disc:L4-L5"})
	test.AssertImageMatches(t, "spine_lateral_dark.png", win.Canvas().Capture())
}
