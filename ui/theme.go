package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// Text scales of the explanation panel. The explanation is read aloud and
// followed by a patient in the chair beside the desk, so its type is larger
// than the controls'; presentation mode enlarges it again for a screen
// across the room.
const (
	// textScaleControls leaves panel type at the controls' size, for
	// screens that have no explanation panel.
	textScaleControls     = 1.0
	textScalePanel        = 1.3
	textScalePresentation = 1.75

	// diagramTextScalePresentation enlarges the diagram's level labels in
	// presentation mode, matching the larger panel type.
	diagramTextScalePresentation = 1.5
)

// Size names of the explanation panel's type. Widgets in the panel ask for
// these instead of the standard names, so the panel is larger than the
// controls without a theme override (which would lay long texts out twice).
const (
	sizePanelText       fyne.ThemeSizeName = "chairside.panelText"
	sizePanelHeading    fyne.ThemeSizeName = "chairside.panelHeading"
	sizePanelSubHeading fyne.ThemeSizeName = "chairside.panelSubHeading"
	sizePanelCaption    fyne.ThemeSizeName = "chairside.panelCaption"
)

// panelSizes maps each panel size to the standard size it enlarges.
var panelSizes = map[fyne.ThemeSizeName]fyne.ThemeSizeName{
	theme.SizeNameText:           sizePanelText,
	theme.SizeNameHeadingText:    sizePanelHeading,
	theme.SizeNameSubHeadingText: sizePanelSubHeading,
	theme.SizeNameCaptionText:    sizePanelCaption,
}

// chairsideTheme is a calm, light theme: the diagram is drawn on a light
// ground, and a light window reads best on a projector and in a bright
// treatment room. panelScale multiplies the explanation panel's text sizes.
type chairsideTheme struct {
	base       fyne.Theme
	panelScale float32
}

func newChairsideTheme(panelScale float32) *chairsideTheme {
	return &chairsideTheme{base: theme.DefaultTheme(), panelScale: panelScale}
}

// Colours chosen to sit beside the diagram's bone, disc, joint and nerve
// colours without competing with them: a muted teal for actions and focus.
var (
	colorPrimary    = color.NRGBA{R: 0x1f, G: 0x6f, B: 0x78, A: 0xff}
	colorBackground = color.NRGBA{R: 0xfa, G: 0xf9, B: 0xf6, A: 0xff}
	colorForeground = color.NRGBA{R: 0x22, G: 0x26, B: 0x2a, A: 0xff}
	colorHyperlink  = color.NRGBA{R: 0x15, G: 0x5a, B: 0x8a, A: 0xff}
	colorSelection  = color.NRGBA{R: 0x1f, G: 0x6f, B: 0x78, A: 0x40}
)

func (t *chairsideTheme) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	// Always the light variant: the diagram's colours are tuned for a light ground.
	switch n {
	case theme.ColorNamePrimary, theme.ColorNameFocus:
		return colorPrimary
	case theme.ColorNameBackground:
		return colorBackground
	case theme.ColorNameForeground:
		return colorForeground
	case theme.ColorNameHyperlink:
		return colorHyperlink
	case theme.ColorNameSelection:
		return colorSelection
	}
	return t.base.Color(n, theme.VariantLight)
}

func (t *chairsideTheme) Font(s fyne.TextStyle) fyne.Resource { return t.base.Font(s) }

func (t *chairsideTheme) Icon(n fyne.ThemeIconName) fyne.Resource { return t.base.Icon(n) }

func (t *chairsideTheme) Size(n fyne.ThemeSizeName) float32 {
	for std, panel := range panelSizes {
		if n == panel {
			return t.base.Size(std) * t.panelScale
		}
	}
	return t.base.Size(n)
}
