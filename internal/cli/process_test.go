package cli

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
)

// The command-line tests run the command line as its own process, as a
// user would: real arguments, environment, stdout, stderr and exit status.
// The program is internal/cli/testcmd (cli.Main without the window),
// built once per test run without the race detector, so that dozens of
// runs stay quick.
var cliBinary struct {
	once sync.Once
	path string
	err  error
}

func chairsideBinary(t *testing.T) string {
	t.Helper()
	cliBinary.once.Do(func() {
		wd, _ := os.Getwd()
		// One file per worktree, replaced by each run: nothing piles up.
		sum := sha256.Sum256([]byte(wd))
		cliBinary.path = filepath.Join(os.TempDir(), fmt.Sprintf("chairside-cli-test-%d-%x", os.Getuid(), sum[:6]))
		goTool, err := exec.LookPath("go")
		if err != nil {
			cliBinary.err = fmt.Errorf("the go command is not on PATH: %v", err)
			return
		}
		cmd := exec.Command(goTool, "build", "-tags", "ci,migrated_fynedo", "-o", cliBinary.path, "chairside/internal/cli/testcmd")
		if out, err := cmd.CombinedOutput(); err != nil {
			cliBinary.err = fmt.Errorf("building the command line: %v\n%s", err, out)
		}
	})
	if cliBinary.err != nil {
		t.Fatal(cliBinary.err)
	}
	return cliBinary.path
}

// chairside runs the command line in a child process with env added to a
// clean environment (no CHAIRSIDE_DB from the caller, a private HOME).
func chairside(t *testing.T, env []string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	return chairsideIn(t, t.TempDir(), env, args...)
}

// chairsideIn is chairside run in the folder dir.
func chairsideIn(t *testing.T, dir string, env []string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	cmd := exec.Command(chairsideBinary(t), args...)
	cmd.Dir = dir
	home := t.TempDir()
	cmd.Env = append([]string{"HOME=" + home, "XDG_CONFIG_HOME=" + home, "LANG=C.UTF-8", "PATH=" + os.Getenv("PATH")}, env...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	var ee *exec.ExitError
	switch {
	case err == nil:
	case errors.As(err, &ee):
		code = ee.ExitCode()
	default:
		t.Fatalf("running %q: %v", args, err)
	}
	return code, out.String(), errb.String()
}

// mustChairside runs a command that must succeed and returns its stdout.
func mustChairside(t *testing.T, args ...string) string {
	t.Helper()
	code, out, errs := chairside(t, nil, args...)
	if code != 0 {
		t.Fatalf("%q: exit %d, stderr %q", args, code, errs)
	}
	return out
}
