package cli

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// BenchmarkColdExport is issue 14's whole-process figure: one `chairside
// handouts export` of the standard two-page handout (four items, a disc
// bulge marked, three exercises), from the program's start to its exit,
// as a clinic's script runs it. The program is the real one, the app and
// its window linked in (their packages' start-up is part of what a
// command pays), built once per run; the database and the program stay in
// the page cache, as they do between a clinic's exports (hyperfine's
// --warmup). Each operation is a new process: ns/op is its wall time,
// cpu-ms/op the processor time the kernel counted for it (user and
// system), which a busy machine stretches far less than the wall time.
func BenchmarkColdExport(b *testing.B) {
	bin := appBinary(b)
	dir := b.TempDir()
	db := filepath.Join(dir, "ex.db")
	env := append(os.Environ(), "HOME="+dir, "XDG_CONFIG_HOME="+dir)
	run := func(args ...string) *os.ProcessState {
		b.Helper()
		cmd := exec.Command(bin, append([]string{"--db", db}, args...)...)
		cmd.Env = env
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		if err := cmd.Run(); err != nil {
			b.Fatalf("chairside %s: %v\n%s", strings.Join(args, " "), err, out.String())
		}
		return cmd.ProcessState
	}
	run("patients", "add", "--name", "Ana Test")
	run("handouts", "new", "--patient", "1",
		"--items", "disc:L4-L5,facet:L4-L5:left,nerve:L5:left,vertebra:L4", "--mark", "disc:L4-L5=bulge",
		"--exercises", "exercise:knee-to-chest,exercise:pelvic-tilt,exercise:walking", "--final")
	export := []string{"handouts", "export", "1", "--out", filepath.Join(dir, "ex.pdf"), "--force"}
	for range 2 { // the program and database into the page cache
		run(export...)
	}
	var cpu time.Duration
	n := 0
	for b.Loop() {
		ps := run(export...)
		cpu += ps.UserTime() + ps.SystemTime()
		n++
	}
	b.ReportMetric(float64(cpu.Microseconds())/1e3/float64(n), "cpu-ms/op")
}

// appBinary builds the chairside program itself (the root package, as
// `go build` makes it for a clinic) into a temporary folder.
func appBinary(b *testing.B) string {
	b.Helper()
	goTool, err := exec.LookPath("go")
	if err != nil {
		b.Skipf("the go command is not on PATH: %v", err)
	}
	bin := filepath.Join(b.TempDir(), "chairside")
	// the tags make build uses (Makefile's TAGS)
	cmd := exec.Command(goTool, "build", "-tags", "migrated_fynedo,no_emoji", "-o", bin, "chairside")
	if out, err := cmd.CombinedOutput(); err != nil {
		b.Fatalf("building chairside: %v\n%s", err, out)
	}
	return bin
}
