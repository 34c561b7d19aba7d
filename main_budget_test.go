//go:build e2e

package main

// The budget: Chairside's start-up and idle memory against a minimal Fyne +
// SQLite program (testdata/budget/minimal), both built here with the same
// Fyne and go-sqlite3 (Chairside with make build's tags, the minimal
// program as a default Fyne program: fyne.Do's migration, Fyne's emoji
// font kept) and started one after the other on one Xvfb
// display of 1728x972 at the same window size. Issue 12's targets are
// ratios, so they mean the same on any machine: idle memory at most 1.15
// times the minimal program's, start-up at most 1.1 times. `make bench` runs
// it (it is behind the e2e tag, so neither go test ./... nor make test do);
// it reports and never fails on the figures. Each start loads the program
// from its file as on a clinic's computer, not from the linker's page cache
// (budgetColdFile), and the private memory (Go and C heaps, stacks:
// RssAnon) is reported beside the RSS, which also counts the program
// file's and the shared libraries' pages.

import (
	"errors"
	"fmt"
	"image"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// Issue 12's budget.
const (
	budgetMemoryRatio  = 1.15
	budgetStartupRatio = 1.1
	budgetScreen       = "1728x972x24"
	// budgetPoll is the pause between two looks at a starting window. A
	// light look (budgetX.looks: only the pixels the checks read, and
	// only until the answer is known) costs 2-3.5 ms of processor time,
	// the X server's included, while the window is still black, and
	// about 4 ms for the last look, which finds the diagram
	// (BenchmarkBudgetLook on the loaded 2-core machine). 20 ms apart the
	// looks take a tenth to a sixth of one core from the programs
	// measured, and a paint is seen at most one pause and one look (about
	// 25 ms) after it happens, half that on average, for both programs
	// alike. The full look it replaced (the whole window copied and read,
	// 12-24 ms) was taken every 40 ms: a third of a core, and a paint
	// seen up to 60 ms late.
	budgetPoll = 20 * time.Millisecond
	// budgetIdle is how long each program is left alone before its memory
	// is read: past start-up's garbage collections, as a program waiting
	// for the clinician's first tap.
	budgetIdle = 4 * time.Second
)

// budgetRun is one program's start-up and idle memory.
type budgetRun struct {
	startup     time.Duration // launch to the window painted (Chairside: its diagram drawn)
	notYet      time.Duration // the last look before that, the window not yet painted
	cpu         time.Duration // processor time used by then, all threads
	rss, softGL int64         // idle VmRSS, and the part of it Mesa's software OpenGL maps
	private     int64         // idle RssAnon: the Go and C heaps and stacks, the program's own
	frame       e2eRect
}

// BenchmarkBudget starts Chairside and the minimal program b.N times each
// (make bench: 9; single starts of either spread by a tenth on an idle
// machine, and three starts left the ratio of the medians anywhere from
// 1.05 to 1.17 from one call to the next) and reports the medians and their ratios as metrics:
// chairside-MB, minimal-MB, memory-x, private-x (RssAnon),
// chairside-startup-ms, minimal-startup-ms, startup-x, and the processor
// time each had used by then (chairside-cpu-ms, minimal-cpu-ms), which a
// busy machine stretches far less than the wall clock.
func BenchmarkBudget(b *testing.B) {
	if missing := e2eMissingTools(); len(missing) > 0 {
		b.Skipf("the budget benchmark drives real windows: %s not installed (make setup installs xvfb, xdotool and imagemagick)", strings.Join(missing, ", "))
	}
	dir := b.TempDir()
	chairside, minimal := budgetBinaries(b)
	display := e2eStartXvfbSized(b, budgetScreen)
	b.ResetTimer()

	var mine, base []budgetRun
	var size e2eRect // Chairside's window, which the minimal program's copies
	for i := 0; i < b.N; i++ {
		chairsideRun := func() {
			db := filepath.Join(dir, fmt.Sprintf("chairside-%d.db", i))
			c := budgetMeasure(b, display, dir, "Chairside", exec.Command(chairside, "--db", db), true)
			mine = append(mine, c)
			size = c.frame
		}
		minimalRun := func() {
			mdb := filepath.Join(dir, fmt.Sprintf("minimal-%d.db", i))
			base = append(base, budgetMeasure(b, display, dir, "Minimal", exec.Command(minimal, "--db", mdb,
				"--width", fmt.Sprint(size.W), "--height", fmt.Sprint(size.H)), false))
		}
		// Which program starts first takes turns (the first pair must
		// start with Chairside, whose window size the minimal program
		// is given), so that neither always follows the other's idle.
		if i%2 == 0 {
			chairsideRun()
			minimalRun()
		} else {
			minimalRun()
			chairsideRun()
		}
	}
	b.StopTimer()

	cm, mm := budgetMedian(mine), budgetMedian(base)
	mb := func(n int64) float64 { return float64(n) / (1 << 20) }
	ms := func(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
	b.ReportMetric(mb(cm.rss), "chairside-MB")
	b.ReportMetric(mb(mm.rss), "minimal-MB")
	b.ReportMetric(float64(cm.rss)/float64(mm.rss), "memory-x")
	b.ReportMetric(float64(cm.private)/float64(mm.private), "private-x")
	b.ReportMetric(ms(cm.startup), "chairside-startup-ms")
	b.ReportMetric(ms(mm.startup), "minimal-startup-ms")
	b.ReportMetric(float64(cm.startup)/float64(mm.startup), "startup-x")
	b.ReportMetric(ms(cm.cpu), "chairside-cpu-ms")
	b.ReportMetric(ms(mm.cpu), "minimal-cpu-ms")
	// Two lines per call: go test keeps only the first ten lines a
	// benchmark logs, and it calls this one twice (b.N 1, then 3).
	var runs []string
	for i := range mine {
		runs = append(runs, fmt.Sprintf("%.0f/%.0f MB %v/%v (not yet at %v/%v; processor %v/%v)", mb(mine[i].rss), mb(base[i].rss),
			mine[i].startup.Round(time.Millisecond), base[i].startup.Round(time.Millisecond),
			mine[i].notYet.Round(time.Millisecond), base[i].notYet.Round(time.Millisecond),
			mine[i].cpu, base[i].cpu))
	}
	b.Logf("medians of %d runs at %dx%d on a %s screen: idle memory Chairside %.0f MB, minimal %.0f MB: %.2fx (target <= %.2fx); without Mesa's software OpenGL (%.0f MB in each) %.0f and %.0f MB; private memory (Go and C heaps, stacks) %.0f and %.0f MB: %.2fx",
		b.N, cm.frame.W, cm.frame.H, budgetScreen, mb(cm.rss), mb(mm.rss), float64(cm.rss)/float64(mm.rss), budgetMemoryRatio,
		mb(cm.softGL), mb(cm.rss-cm.softGL), mb(mm.rss-mm.softGL), mb(cm.private), mb(mm.private), float64(cm.private)/float64(mm.private))
	b.Logf("start-up: Chairside %v (to its diagram drawn), minimal %v (to its window painted): %.2fx (target <= %.2fx); processor time by then %v and %v: %.2fx; each run, Chairside/minimal: %s",
		cm.startup.Round(time.Millisecond), mm.startup.Round(time.Millisecond), float64(cm.startup)/float64(mm.startup), budgetStartupRatio,
		cm.cpu, mm.cpu, float64(cm.cpu)/float64(mm.cpu), strings.Join(runs, "; "))
}

// The two programs are built once per test binary: go test calls a
// benchmark once with b.N = 1 before the real run, and each build links
// a 40 MB binary.
var (
	budgetBuilt                    sync.Once
	budgetDir                      string
	budgetChairside, budgetMinimal string
	budgetBuildErr                 error
)

func budgetBinaries(b testing.TB) (chairside, minimal string) {
	b.Helper()
	budgetBuilt.Do(func() {
		budgetDir, budgetBuildErr = os.MkdirTemp("", "chairside-budget-")
		if budgetBuildErr != nil {
			return
		}
		budgetChairside = e2eBuild(b, budgetDir)
		// A default Fyne program: fyne.Do's migration, as Fyne's own
		// templates set it, and Fyne's emoji font, which Chairside
		// leaves out (no_emoji; README, "Start-up" says what that is
		// worth against a minimal program without it too).
		budgetMinimal = e2eBuildPackage(b, budgetDir, "./testdata/budget/minimal", "minimal", "migrated_fynedo")
	})
	if budgetBuildErr != nil || budgetMinimal == "" {
		b.Fatalf("building the programs to compare failed (%v); see the first run's log", budgetBuildErr)
	}
	return budgetChairside, budgetMinimal
}

// TestMain removes the budget's binaries once every test and benchmark ran.
func TestMain(m *testing.M) {
	code := m.Run()
	if budgetDir != "" {
		os.RemoveAll(budgetDir)
	}
	os.Exit(code)
}

// budgetMeasure starts cmd on display, waits for its window (titled title)
// to be painted (and for Chairside, diagram, for the spine to be drawn),
// leaves it idle, reads its memory and closes it.
func budgetMeasure(b *testing.B, display, dir, title string, cmd *exec.Cmd, diagram bool) budgetRun {
	b.Helper()
	if err := budgetColdFile(cmd.Path); err != nil {
		b.Fatalf("dropping %s from the page cache: %v", cmd.Path, err)
	}
	cmd.Env = e2eEnv(display, dir)
	a := e2eLaunch(b, &e2eApp{cmd: cmd, name: title, display: display, exited: make(chan struct{}), more: make(chan struct{}, 1)})
	defer func() {
		a.cmd.Process.Kill()
		<-a.exited
	}()
	deadline := time.Now().Add(60 * time.Second)
	var run budgetRun
	x, err := budgetDialX(display)
	if err != nil {
		b.Fatalf("reading the screen: %v", err)
	}
	defer x.Close()
	win := ""
	for {
		w, err := x.window(a.cmd.Process.Pid, title)
		if err != nil {
			b.Fatalf("looking for %s's window: %v", title, err)
		}
		if w != 0 {
			win = strconv.FormatUint(uint64(w), 10)
			break
		}
		if time.Now().After(deadline) {
			b.Fatalf("%s opened no window within 60 s; its output:\n%s", title, a.log())
		}
		time.Sleep(10 * time.Millisecond)
	}
	for {
		// The window may move and grow while it starts: read its place
		// every time.
		f, err := x.geometry(win)
		if err != nil {
			b.Fatal(err)
		}
		done, err := x.looks(f, diagram)
		if err != nil {
			b.Fatal(err)
		}
		seen := time.Since(a.started)
		if done {
			run.startup, run.frame = seen, f
			if run.cpu, err = a.cpuTime(); err != nil {
				b.Fatal(err)
			}
			break
		}
		run.notYet = seen
		if time.Now().After(deadline) {
			b.Fatalf("%s's window was not painted within 60 s; its output:\n%s", title, a.log())
		}
		time.Sleep(budgetPoll)
	}
	time.Sleep(budgetIdle)
	rss, soft, err := a.memory()
	if err != nil {
		b.Fatal(err)
	}
	run.rss, run.softGL = rss, soft
	if run.private, err = budgetPrivate(a.cmd.Process.Pid); err != nil {
		b.Fatal(err)
	}
	return run
}

// budgetPrivate is a process's RssAnon: its anonymous memory in RAM (the
// Go heap, the C heap, stacks), what it holds for itself alone, without
// the pages of files it maps.
func budgetPrivate(pid int) (int64, error) {
	st, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, err
	}
	for _, line := range strings.Split(string(st), "\n") {
		if v, ok := strings.CutPrefix(line, "RssAnon:"); ok {
			if f := strings.Fields(v); len(f) == 2 && f[1] == "kB" {
				kb, err := strconv.ParseInt(f[0], 10, 64)
				if err == nil {
					return kb << 10, nil
				}
			}
			return 0, fmt.Errorf("RssAnon: %q", line)
		}
	}
	return 0, errors.New("no RssAnon in /proc status")
}

func e2eDrawnOK(img *image.RGBA, f e2eRect) bool { ok, _ := e2eDiagramDrawn(img, f); return ok }

// budgetPainted reports whether most of a window's area on the screenshot
// is painted: an X window that is mapped but not yet drawn is black.
func budgetPainted(img *image.RGBA, r image.Rectangle) bool {
	r = r.Intersect(img.Bounds())
	if r.Empty() {
		return false
	}
	n := 0
	for y := r.Min.Y; y < r.Max.Y; y += 4 {
		for x := r.Min.X; x < r.Max.X; x += 4 {
			if c := img.RGBAAt(x, y); c.R|c.G|c.B > 8 {
				n++
			}
		}
	}
	return n*16 > r.Dx()*r.Dy()/2
}

// budgetMedian is the run with the median memory, with the median start-up,
// processor time and private memory.
func budgetMedian(runs []budgetRun) budgetRun {
	byRSS := append([]budgetRun(nil), runs...)
	sort.Slice(byRSS, func(i, j int) bool { return byRSS[i].rss < byRSS[j].rss })
	m := byRSS[len(byRSS)/2]
	starts := make([]time.Duration, len(runs))
	cpus := make([]time.Duration, len(runs))
	private := make([]int64, len(runs))
	for i, r := range runs {
		starts[i], cpus[i], private[i] = r.startup, r.cpu, r.private
	}
	slices.Sort(starts)
	slices.Sort(cpus)
	slices.Sort(private)
	m.startup, m.cpu, m.private = starts[len(starts)/2], cpus[len(cpus)/2], private[len(private)/2]
	return m
}
