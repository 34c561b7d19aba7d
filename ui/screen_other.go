//go:build ci || android || ios || mobile || wasm || js || test_web_driver

package ui

// screenPixels reports no screen where Fyne does not run on GLFW (the test
// driver, phones, the browser): the window keeps its default size there.
func screenPixels() (width, height int, contentScale float32, ok bool) {
	return 0, 0, 1, false
}
