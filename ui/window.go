package ui

import (
	"math"
	"os"
	"strconv"

	"fyne.io/fyne/v2"
)

// expectedScale is the part of a window's scale (pixels per
// device-independent unit) known before the window exists: the user's
// (FYNE_SCALE or the Fyne setting). fitToScreen adds the desktop's. Sizing
// the window before it is shown means it opens at its size rather than
// visibly jumping to it.
func expectedScale(fa fyne.App) float32 {
	user := float32(1)
	if env := os.Getenv("FYNE_SCALE"); env != "" && env != "auto" {
		if v, err := strconv.ParseFloat(env, 32); err == nil && v > 0 {
			user = float32(v)
		}
	} else if v := fa.Settings().Scale(); v > 0 {
		user = v
	}
	return user
}

// defaultWindowSize fits a 1366x768 laptop screen with room for the
// desktop's panels.
var defaultWindowSize = fyne.NewSize(1280, 720)

// windowSizeFor is the main window's opening size on a screen of the given
// size (device-independent units; zero when unknown): most of a screen
// larger than the default, so the spine is drawn as large as the screen
// allows, with a margin left for the desktop's panels; the default where it
// fits and the screen is not much larger; never more than the screen (a
// small screen, or a large text scale, gets a window the size of the screen).
func windowSizeFor(screen fyne.Size) fyne.Size {
	if screen.Width <= 0 || screen.Height <= 0 {
		return defaultWindowSize
	}
	const share = 0.9
	fit := func(def, scr float32) float32 {
		return max(float32(math.Floor(float64(scr*share))), min(def, scr))
	}
	return fyne.NewSize(fit(defaultWindowSize.Width, screen.Width), fit(defaultWindowSize.Height, screen.Height))
}

// fitToScreen sizes the main window for the screen it opens on, at scale
// pixels per unit, and centres it there. It returns the scale it sized
// for, or 0 where the screen cannot be measured (the window keeps the
// default size).
func fitToScreen(w fyne.Window, scale float32) float32 {
	pw, ph, desktopScale, ok := screenPixels()
	if !ok {
		return 0
	}
	// Fyne measures in device-independent units. Of the two scales take
	// the larger, so the window is never too big for the screen.
	k := max(scale, desktopScale, 1)
	w.Resize(windowSizeFor(fyne.NewSize(float32(pw)/k, float32(ph)/k)))
	w.CenterOnScreen()
	return k
}
