//go:build linux && cgo && !ci && !android && !ios && !mobile && !wasm && !js && !test_web_driver

package ui

/*
#cgo LDFLAGS: -ldl
#define _GNU_SOURCE
#include <dlfcn.h>
#include <link.h>
#include <stddef.h>
#include <stdlib.h>

// glxPath is where the already loaded libGLX.so.0 (glvnd's, which the
// program links through libGL) was found, or NULL.
static const char *glxPath(void) {
	void *h = dlopen("libGLX.so.0", RTLD_LAZY | RTLD_NOLOAD);
	if (h == NULL) return NULL;
	struct link_map *lm = NULL;
	const char *path = NULL;
	if (dlinfo(h, RTLD_DI_LINKMAP, &lm) == 0 && lm != NULL) path = lm->l_name;
	dlclose(h);
	return path;
}

// loadNow loads a library with every symbol bound now, as Mesa loads its
// driver (RTLD_NOW), but local: Mesa makes it global itself when it
// opens it. The handle is kept: the library is the program's from now on.
static int loadNow(const char *path) {
	return dlopen(path, RTLD_NOW | RTLD_LOCAL) != NULL;
}
*/
import "C"

import (
	"os"
	"path/filepath"
	"unsafe"
)

// preloadGLDriver loads Mesa's OpenGL driver now (see gldriver.go). Call it
// on the main thread while it waits for work beside it; it returns at once
// where there is nothing to load.
func preloadGLDriver() {
	p := C.glxPath()
	if p == nil {
		return
	}
	glx, err := filepath.EvalSymlinks(C.GoString(p))
	if err != nil {
		return
	}
	file := mesaDriverFile(filepath.Dir(glx), os.Getenv, fileExists)
	if file == "" {
		return
	}
	cs := C.CString(file)
	defer C.free(unsafe.Pointer(cs))
	if C.loadNow(cs) != 0 {
		startupTime("GL driver loaded")
	}
}
