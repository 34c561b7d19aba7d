//go:build !windows

package printing

import (
	"context"
	"errors"
	"fmt"
	"os/exec"
	"runtime"
	"time"
)

// printTimeout bounds a print command: lp and lpr hand the file to the
// print spooler and return at once, unless something is wrong.
const printTimeout = 30 * time.Second

// viewerGrace is how long the viewer launcher gets to report a failure.
// open (macOS) and xdg-open under a desktop hand the file over and exit at
// once; xdg-open without a desktop's own opener runs the viewer itself and
// only returns when it closes. So a launcher that exits with status 0 has
// opened the file, one that exits otherwise has not, and one still running
// after the grace period is the viewer, open on the screen.
var viewerGrace = 3 * time.Second

// platform is CUPS or BSD printing (lp, else lpr) and the desktop's
// opener (open on macOS, xdg-open elsewhere).
func platform() system {
	return system{print: spool, open: openViewer}
}

// spool hands the file to lp, or to lpr when there is no lp. The spooler
// copies the file, so it may be deleted once spool returns.
func spool(path string) (string, bool, error) {
	for _, name := range []string{"lp", "lpr"} {
		bin, err := exec.LookPath(name)
		if err != nil {
			continue
		}
		// One printing system is enough: when it refuses the file, the
		// other (its compatibility command) would refuse it too.
		if err := runSpooler(name, bin, path); err != nil {
			return "", false, err
		}
		return name, true, nil
	}
	return "", false, errors.New("this computer has no printing system (lp or lpr)")
}

func runSpooler(name, bin, path string) error {
	ctx, cancel := context.WithTimeout(context.Background(), printTimeout)
	defer cancel()
	var stderr headBuffer
	// path is absolute, so it cannot be taken for an option.
	cmd := exec.CommandContext(ctx, bin, path)
	cmd.Stderr = &stderr
	cmd.WaitDelay = time.Second // a child left holding stderr does not hold us
	if err := cmd.Run(); err != nil {
		if ctx.Err() != nil {
			return fmt.Errorf("the printer did not answer within %s (%s)", printTimeout, name)
		}
		return fmt.Errorf("the printer refused it (%v)", toolError(name, err, stderr.String()))
	}
	return nil
}

// openViewer starts the desktop's opener on the file and reports its
// answer (see viewerGrace).
func openViewer(path string) error {
	name := "xdg-open"
	if runtime.GOOS == "darwin" {
		name = "open"
	}
	bin, err := exec.LookPath(name)
	if err != nil {
		return fmt.Errorf("%s is not installed", name)
	}
	var stderr headBuffer
	cmd := exec.Command(bin, path)
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("%s could not be started: %w", name, err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }() // also reaps a viewer left running
	select {
	case err := <-done:
		if err == nil {
			return nil
		}
		var exit *exec.ExitError
		if name == "xdg-open" && errors.As(err, &exit) && exit.ExitCode() == 3 {
			// xdg-open's status 3: no program for this kind of file.
			return errors.New("xdg-open found no program for PDF files")
		}
		return toolError(name, err, stderr.String())
	case <-time.After(viewerGrace):
		return nil
	}
}
