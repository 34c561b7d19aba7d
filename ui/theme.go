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
	textScaleControls = 1.0
	textScalePanel    = 1.3
	// Presentation mode's scales follow the screen's height: see present.go.
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

// chairsideTheme is a calm theme, light or dark: light reads best on a
// projector and in a bright treatment room, dark suits a dim one. Which
// one is the clinician's choice in Settings (themePrefKey): Light, Dark or
// System, the default, which follows the desktop (and FYNE_THEME, which
// Fyne reads). panelScale multiplies the explanation panel's text sizes.
type chairsideTheme struct {
	base       fyne.Theme
	panelScale float32
	// controls enlarges the controls' text and icons (presentation mode).
	controls float32
	choice   string // themeLight, themeDark or themeSystem
}

// The theme choices, as stored in the preferences.
const (
	themePrefKey = "theme"
	themeSystem  = "system"
	themeLight   = "light"
	themeDark    = "dark"
)

func newChairsideTheme(panelScale float32) *chairsideTheme {
	return &chairsideTheme{base: theme.DefaultTheme(), panelScale: panelScale, controls: 1, choice: themeChoice()}
}

// themeChoice is the theme chosen in Settings; System when none was.
func themeChoice() string {
	if a := fyne.CurrentApp(); a != nil {
		switch c := a.Preferences().StringWithFallback(themePrefKey, themeSystem); c {
		case themeLight, themeDark:
			return c
		}
	}
	return themeSystem
}

// Colours chosen to sit beside the diagram's bone, disc, joint and nerve
// colours without competing with them: a muted teal for actions and focus.
type palette struct {
	primary, background, foreground, hyperlink, selection, focus color.Color
}

var (
	lightPalette = palette{
		primary:    color.NRGBA{R: 0x1f, G: 0x6f, B: 0x78, A: 0xff},
		background: color.NRGBA{R: 0xfa, G: 0xf9, B: 0xf6, A: 0xff},
		foreground: color.NRGBA{R: 0x22, G: 0x26, B: 0x2a, A: 0xff},
		hyperlink:  color.NRGBA{R: 0x15, G: 0x5a, B: 0x8a, A: 0xff},
		selection:  color.NRGBA{R: 0x1f, G: 0x6f, B: 0x78, A: 0x40},
		// Keyboard focus is amber, not the teal of a selected toggle, so
		// "where the keys go" never reads as "which view is on".
		focus: color.NRGBA{R: 0xc2, G: 0x7a, B: 0x00, A: 0x90},
	}
	darkPalette = palette{
		primary:    color.NRGBA{R: 0x4f, G: 0xb3, B: 0xbf, A: 0xff},
		background: color.NRGBA{R: 0x1d, G: 0x20, B: 0x23, A: 0xff},
		foreground: color.NRGBA{R: 0xe8, G: 0xe6, B: 0xe3, A: 0xff},
		hyperlink:  color.NRGBA{R: 0x7a, G: 0xb8, B: 0xe6, A: 0xff},
		selection:  color.NRGBA{R: 0x4f, G: 0xb3, B: 0xbf, A: 0x50},
		focus:      color.NRGBA{R: 0xf0, G: 0xb0, B: 0x40, A: 0xa0},
	}
)

// variant is the variant drawn: the clinician's choice, else what the
// desktop (or FYNE_THEME) asks for.
func (t *chairsideTheme) variant(asked fyne.ThemeVariant) fyne.ThemeVariant {
	switch t.choice {
	case themeLight:
		return theme.VariantLight
	case themeDark:
		return theme.VariantDark
	}
	return asked
}

func (t *chairsideTheme) Color(n fyne.ThemeColorName, asked fyne.ThemeVariant) color.Color {
	v := t.variant(asked)
	p := lightPalette
	if v == theme.VariantDark {
		p = darkPalette
	}
	if c, ok := p.color(n); ok {
		return c
	}
	return t.base.Color(n, v)
}

// color is the palette's colour for n, if the palette sets it.
func (p palette) color(n fyne.ThemeColorName) (color.Color, bool) {
	switch n {
	case theme.ColorNamePrimary:
		return p.primary, true
	case theme.ColorNameFocus:
		return p.focus, true
	case theme.ColorNameBackground:
		return p.background, true
	case theme.ColorNameForeground:
		return p.foreground, true
	case theme.ColorNameHyperlink:
		return p.hyperlink, true
	case theme.ColorNameSelection:
		return p.selection, true
	}
	return nil, false
}

// themeIsDark reports whether th draws on a dark background in the app's
// variant (the spine's diagram then takes its dark palette).
func themeIsDark(th fyne.Theme) bool {
	v := theme.VariantLight
	if a := fyne.CurrentApp(); a != nil {
		v = a.Settings().ThemeVariant()
	}
	r, g, b, _ := th.Color(theme.ColorNameBackground, v).RGBA()
	return 0.2126*float64(r)+0.7152*float64(g)+0.0722*float64(b) < 0.5*0xffff
}

// withAlpha is c with its alpha set to a (c taken as opaque).
func withAlpha(c color.Color, a uint8) color.NRGBA {
	n := color.NRGBAModel.Convert(c).(color.NRGBA)
	n.A = a
	return n
}

func (t *chairsideTheme) Font(s fyne.TextStyle) fyne.Resource { return t.base.Font(s) }

func (t *chairsideTheme) Icon(n fyne.ThemeIconName) fyne.Resource { return t.base.Icon(n) }

func (t *chairsideTheme) Size(n fyne.ThemeSizeName) float32 {
	for std, panel := range panelSizes {
		if n == panel {
			return t.base.Size(std) * t.panelScale
		}
	}
	if t.controls > 1 && (n == theme.SizeNameText || n == theme.SizeNameInlineIcon) {
		return t.base.Size(n) * t.controls
	}
	return t.base.Size(n)
}
