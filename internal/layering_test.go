// Package internal_test holds the checks that keep the layers apart: the
// packages under internal/ are plain Go, tested without a window, and the
// store links neither the PDF writer nor the Markdown parser (a database
// has no business with either, and every library it links is one more
// thing to update on the machine that holds the records).
package internal_test

import (
	"os/exec"
	"strings"
	"testing"
)

// deps lists the packages the given packages depend on, themselves included.
func deps(t *testing.T, pkgs ...string) []string {
	t.Helper()
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("the go command is not on PATH")
	}
	args := append([]string{"list", "-tags", "ci,migrated_fynedo", "-deps"}, pkgs...)
	out, err := exec.Command(goTool, args...).Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	return strings.Fields(string(out))
}

func TestInternalPackagesDoNotImportFyne(t *testing.T) {
	for _, pkg := range deps(t, "chairside/internal/...") {
		if strings.HasPrefix(pkg, "fyne.io/") {
			t.Errorf("a package under internal/ depends on %s", pkg)
		}
	}
}

func TestStoreLinksNoPDFOrMarkdownLibrary(t *testing.T) {
	for _, pkg := range deps(t, "chairside/internal/store") {
		for _, banned := range []string{"codeberg.org/go-pdf/", "github.com/go-pdf/", "chairside/internal/pdf"} {
			if strings.HasPrefix(pkg, banned) {
				t.Errorf("internal/store depends on %s", pkg)
			}
		}
	}
}
