//go:build !windows

package printing

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

// The real commands, with lp, lpr and the viewer launcher replaced by
// shell scripts on a PATH of their own.
func TestPrintWithCommands(t *testing.T) {
	if _, err := os.Stat("/bin/sh"); err != nil {
		t.Skip("needs /bin/sh for the stand-in commands")
	}
	viewer := "xdg-open"
	if runtime.GOOS == "darwin" {
		viewer = "open"
	}
	viewerGrace = 300 * time.Millisecond
	t.Cleanup(func() { viewerGrace = 3 * time.Second })
	pdf := pdfFile(t)
	log := filepath.Join(t.TempDir(), "log")
	logs := `echo "${0##*/} $@" >> ` + log
	cases := []struct {
		name    string
		scripts map[string]string
		want    Result
		ran     string // the commands run, one a line
	}{
		{"lp prints", map[string]string{"lp": logs, "lpr": logs},
			Result{Outcome: Printed, By: "lp", Copied: true}, "lp " + pdf},
		{"lpr when there is no lp", map[string]string{"lpr": logs},
			Result{Outcome: Printed, By: "lpr", Copied: true}, "lpr " + pdf},
		{"lp refuses, the viewer opens", map[string]string{
			"lp":   logs + "\necho 'lp: Error - no default destination available.' >&2; exit 1",
			"lpr":  logs,
			viewer: logs},
			Result{Outcome: InViewer, NotPrintedBecause: "the printer refused it (lp: Error - no default destination available.)"},
			"lp " + pdf + "\n" + viewer + " " + pdf},
		{"no printing system, the viewer opens", map[string]string{viewer: logs},
			Result{Outcome: InViewer, NotPrintedBecause: "this computer has no printing system (lp or lpr)"}, viewer + " " + pdf},
		// The bug: with nothing at all, the notice said the viewer opened.
		{"nothing at all", map[string]string{},
			Result{Outcome: NotPrinted, NotPrintedBecause: "this computer has no printing system (lp or lpr)",
				NoViewerBecause: viewer + " is not installed"}, ""},
		{"the viewer launcher fails", map[string]string{viewer: logs + "\necho 'gio: Failed to find default application' >&2; exit 4"},
			Result{Outcome: NotPrinted, NotPrintedBecause: "this computer has no printing system (lp or lpr)",
				NoViewerBecause: viewer + ": gio: Failed to find default application"}, viewer + " " + pdf},
		{"the viewer launcher fails silently", map[string]string{viewer: logs + "\nexit 4"},
			Result{Outcome: NotPrinted, NotPrintedBecause: "this computer has no printing system (lp or lpr)",
				NoViewerBecause: viewer + " stopped with exit status 4"}, viewer + " " + pdf},
		// xdg-open running the viewer itself returns only when it closes.
		{"the viewer stays open", map[string]string{viewer: logs + "\nexec /bin/sleep 2"},
			Result{Outcome: InViewer, NotPrintedBecause: "this computer has no printing system (lp or lpr)"}, viewer + " " + pdf},
	}
	if runtime.GOOS != "darwin" {
		cases = append(cases, struct {
			name    string
			scripts map[string]string
			want    Result
			ran     string
		}{"xdg-open finds no program", map[string]string{viewer: logs + "\nexit 3"},
			Result{Outcome: NotPrinted, NotPrintedBecause: "this computer has no printing system (lp or lpr)",
				NoViewerBecause: "xdg-open found no program for PDF files"}, viewer + " " + pdf})
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			bin := t.TempDir()
			for name, body := range c.scripts {
				if err := os.WriteFile(filepath.Join(bin, name), []byte("#!/bin/sh\n"+body+"\n"), 0o755); err != nil {
					t.Fatal(err)
				}
			}
			// Only the stand-ins: a real lp must never print during a test.
			t.Setenv("PATH", bin)
			os.Remove(log)
			got, err := Print(pdf)
			if err != nil {
				t.Fatal(err)
			}
			if got != c.want {
				t.Errorf("result\n %+v, want\n %+v", got, c.want)
			}
			ran, _ := os.ReadFile(log)
			if strings.TrimSpace(string(ran)) != c.ran {
				t.Errorf("commands run:\n%s\nwant:\n%s", ran, c.ran)
			}
		})
	}
}

func TestOpenReportsTheLauncher(t *testing.T) {
	if _, err := os.Stat("/bin/sh"); err != nil {
		t.Skip("needs /bin/sh for the stand-in commands")
	}
	viewer := "xdg-open"
	if runtime.GOOS == "darwin" {
		viewer = "open"
	}
	pdf := pdfFile(t)
	bin := t.TempDir()
	t.Setenv("PATH", bin)
	if err := Open(pdf); err == nil || !strings.Contains(err.Error(), viewer+" is not installed") {
		t.Errorf("no launcher: %v", err)
	}
	if err := os.WriteFile(filepath.Join(bin, viewer), []byte("#!/bin/sh\nexit 0\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := Open(pdf); err != nil {
		t.Errorf("a launcher that succeeded: %v", err)
	}
}
