//go:build !linux || !cgo || ci || android || ios || mobile || wasm || js || test_web_driver

package ui

// preloadGLDriver loads nothing where Fyne does not draw through GLX (the
// test driver, other systems): see gldriver.go.
func preloadGLDriver() {}
