package diagram

import (
	"image"
	"image/color"
	"math"
	"testing"

	"chairside/internal/anatomy"
)

// luminance is the WCAG relative luminance of an opaque colour.
func luminance(c color.NRGBA) float64 {
	lin := func(v uint8) float64 {
		x := float64(v) / 255
		if x <= 0.04045 {
			return x / 12.92
		}
		return math.Pow((x+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(c.R) + 0.7152*lin(c.G) + 0.0722*lin(c.B)
}

// contrast is the WCAG contrast ratio of c laid over the opaque ground.
func contrast(c, ground color.NRGBA) float64 {
	a, b := luminance(over(ground, c)), luminance(ground)
	return (math.Max(a, b) + 0.05) / (math.Min(a, b) + 0.05)
}

// hue is c's hue in degrees.
func hue(c color.NRGBA) float64 {
	r, g, b := float64(c.R)/255, float64(c.G)/255, float64(c.B)/255
	mx, mn := math.Max(r, math.Max(g, b)), math.Min(r, math.Min(g, b))
	d := mx - mn
	if d == 0 {
		return 0
	}
	var h float64
	switch mx {
	case r:
		h = math.Mod((g-b)/d, 6)
	case g:
		h = (b-r)/d + 2
	default:
		h = (r-g)/d + 4
	}
	return math.Mod(h*60+360, 360)
}

func hueDistance(a, b float64) float64 {
	d := math.Abs(a - b)
	return math.Min(d, 360-d)
}

// Every palette keeps what a patient must see readable on its own ground:
// the labels and the side markers as text (4.5:1), each kind of part and
// each highlight's outline as a shape (3:1, by its fill or its outline),
// and the white-on-colour text of a selected structure's tag.
func TestPalettesAreReadableOnTheirGround(t *testing.T) {
	parts := []anatomy.Part{anatomy.PartBody, anatomy.PartArch, anatomy.PartProcess, anatomy.PartDisc,
		anatomy.PartCartilage, anatomy.PartJoint, anatomy.PartNerve, anatomy.PartGanglion}
	for _, pal := range []*Palette{Light, Dark} {
		bg := pal.background
		if c := contrast(pal.label, bg); c < 4.5 {
			t.Errorf("%s: labels %.1f:1 on the ground, want 4.5", pal.Name(), c)
		}
		if c := contrast(pal.label, over(bg, pal.orientationBG)); c < 4.5 {
			t.Errorf("%s: side markers %.1f:1 on their background, want 4.5", pal.Name(), c)
		}
		if c := contrast(pal.labelOnTag, pal.selectedLine); c < 4.5 {
			t.Errorf("%s: a selected level's tag text %.1f:1, want 4.5", pal.Name(), c)
		}
		for _, part := range parts {
			st := pal.style(part)
			if c := math.Max(contrast(st.fill, bg), contrast(st.line, bg)); c < 3 {
				t.Errorf("%s: part %s stands out %.1f:1 from the ground, want 3", pal.Name(), part, c)
			}
		}
		for name, line := range map[string]color.NRGBA{"hover": pal.hoverLine, "selected": pal.selectedLine, "discussed": pal.discussedLine} {
			if c := contrast(line, bg); c < 3 {
				t.Errorf("%s: the %s outline %.1f:1 on the ground, want 3", pal.Name(), name, c)
			}
		}
	}
}

// A colour means the same in both palettes: bone, disc, cartilage, nerve
// and the highlights keep their hue (within 25 degrees), only lightness
// moves; the dark palette's ground really is dark and its labels light.
func TestDarkPaletteKeepsTheMeaningOfEachColour(t *testing.T) {
	pairs := map[string][2]color.NRGBA{
		"hover":     {Light.hoverLine, Dark.hoverLine},
		"selected":  {Light.selectedFill, Dark.selectedFill},
		"discussed": {Light.discussedFill, Dark.discussedFill},
	}
	for _, part := range []anatomy.Part{anatomy.PartBody, anatomy.PartDisc, anatomy.PartCartilage, anatomy.PartNerve, anatomy.PartJoint} {
		pairs[string(part)] = [2]color.NRGBA{Light.style(part).fill, Dark.style(part).fill}
	}
	for name, p := range pairs {
		if d := hueDistance(hue(p[0]), hue(p[1])); d > 25 {
			t.Errorf("%s: hue %.0f° in the light palette, %.0f° in the dark one", name, hue(p[0]), hue(p[1]))
		}
	}
	if l := luminance(Dark.background); l > 0.05 {
		t.Errorf("the dark palette's ground has luminance %.2f", l)
	}
	if luminance(Dark.label) < 0.5 || luminance(Light.label) > 0.1 {
		t.Error("labels should be light on the dark ground and dark on the light one")
	}
}

// The screen in the dark theme draws on the dark ground; a scene without a
// palette (PNG files, paper) stays light, and the renderer keeps the two
// apart (the same scene in the other palette is not served from the cache).
func TestDarkSceneIsDrawnDark(t *testing.T) {
	r := NewRenderer()
	sc := Scene{View: anatomy.Lateral}
	light := r.Image(sc, 120, 200)
	img := image.NewRGBA(image.Rect(0, 0, 120, 200))
	r.Render(img, sc)
	sc.Palette = Dark
	r.Render(img, sc)
	if got := img.RGBAAt(2, 2); got.R != Dark.background.R || got.G != Dark.background.G || got.B != Dark.background.B {
		t.Errorf("dark scene's ground is %v, want %v", got, Dark.background)
	}
	if got := light.RGBAAt(2, 2); got.R != Light.background.R {
		t.Errorf("a scene without a palette has ground %v, want the light %v", got, Light.background)
	}
}
