package ui

import (
	"os"
	"path/filepath"
)

// Mesa's OpenGL driver, loaded while the main thread waits for the fonts.
//
// Fyne makes the window's OpenGL context in Show, on the main thread, and
// there Mesa loads its driver (dri/swrast_dri.so, which with Mesa's
// software renderer brings LLVM): the dynamic loader maps and relocates
// some 140 MB of libraries, 0.06-0.08 s of the main thread's processor
// time (perf record of a start, 2026-12-02), on the first frame's path. A
// minimal Fyne app pays the same. Chairside's main thread waits anyway for
// the fonts read beside it (warmFonts), so it loads the driver file then:
// Mesa's own load in Show finds it loaded (the loader knows a file by its
// device and inode, whatever path names it) and only counts a reference.
//
// Only where Mesa is the system's one OpenGL vendor: a computer with
// NVIDIA's driver beside it, or one told which vendor or driver folder to
// use, loads nothing ahead, as the libraries stay loaded once loaded
// (LLVM is marked not to be unloaded) and would take memory for nothing.

// mesaDriverFile is the Mesa driver file to load ahead, given the folder
// holding glvnd's libGLX.so.0 (where Mesa's and any other vendor's GLX
// libraries are installed beside it), or "" to load none. Mesa installs
// one file for all its drivers (swrast, iris, radeonsi... are links to
// it), so the software one names them all.
func mesaDriverFile(glxDir string, getenv func(string) string, exists func(string) bool) string {
	if glxDir == "" {
		return ""
	}
	if v := getenv("__GLX_VENDOR_LIBRARY_NAME"); v != "" && v != "mesa" {
		return ""
	}
	if getenv("LIBGL_DRIVERS_PATH") != "" || getenv("LIBGL_ALWAYS_INDIRECT") != "" {
		return ""
	}
	if !exists(filepath.Join(glxDir, "libGLX_mesa.so.0")) || exists(filepath.Join(glxDir, "libGLX_nvidia.so.0")) {
		return ""
	}
	file := filepath.Join(glxDir, "dri", "swrast_dri.so")
	if !exists(file) {
		return ""
	}
	return file
}

func fileExists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}
