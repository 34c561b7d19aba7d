//go:build !ci && !android && !ios && !mobile && !wasm && !js && !test_web_driver

package ui

import "github.com/go-gl/glfw/v3.3/glfw"

// screenPixels is the primary screen's size in pixels and the desktop's
// content scale, from GLFW, which Fyne's desktop driver has already
// started. It must run on the main thread (as Run and Fyne callbacks do).
func screenPixels() (width, height int, contentScale float32, ok bool) {
	defer func() {
		// GLFW reports errors by panicking; a screen it cannot describe
		// only means the window keeps its default size.
		if recover() != nil {
			ok = false
		}
	}()
	m := glfw.GetPrimaryMonitor()
	if m == nil {
		return 0, 0, 1, false
	}
	mode := m.GetVideoMode()
	if mode == nil || mode.Width <= 0 || mode.Height <= 0 {
		return 0, 0, 1, false
	}
	sx, sy := m.GetContentScale()
	return mode.Width, mode.Height, max(sx, sy, 1), true
}
