package ui

import (
	"os/exec"
	"strings"
	"testing"
)

// ui takes what it is started with from main (Options) and never imports
// the command line: the two sides of the app meet only in main.go.
func TestUIDoesNotImportTheCommandLine(t *testing.T) {
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("the go command is not on PATH")
	}
	out, err := exec.Command(goTool, "list", "-tags", "ci,migrated_fynedo", "-deps", "chairside/ui").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	for _, pkg := range strings.Fields(string(out)) {
		if pkg == "chairside/internal/cli" {
			t.Fatal("ui depends on chairside/internal/cli")
		}
	}
}
