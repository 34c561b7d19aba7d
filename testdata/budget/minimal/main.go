// Command minimal is the yardstick of `make bench`'s budget benchmark
// (BenchmarkBudget in main_budget_test.go): the least a Fyne + SQLite
// desktop program does, built with the same Fyne and go-sqlite3 as
// Chairside, as a default Fyne program (fyne.Do's migration; Fyne's emoji
// font, which Chairside leaves out, kept). It opens a SQLite database (WAL, one table), then a window of
// the size given with a label and a button, and waits. Chairside's start-up
// and idle memory are compared with this program's on the same display at
// the same window size, so the ratio is honest on any machine.
package main

import (
	"bytes"
	"database/sql"
	"flag"
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"
	"strconv"
	"syscall"
	"time"
	"unsafe"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
	_ "github.com/mattn/go-sqlite3"
)

func main() {
	db := flag.String("db", "minimal.db", "SQLite database file")
	w := flag.Float64("width", 1280, "window width")
	h := flag.Float64("height", 800, "window height")
	prof := flag.String("memprofile", "", "write a heap profile here after 8 s, as CHAIRSIDE_MEMPROFILE does for Chairside")
	times := flag.Bool("times", false, "print the time since launch and the processor time at main and once the window is painted, as CHAIRSIDE_STARTUP_TIMES does for Chairside")
	flag.Parse()
	if *times {
		startupTime("main")
	}
	if *prof != "" {
		go func() {
			time.Sleep(8 * time.Second)
			runtime.GC()
			if f, err := os.Create(*prof); err == nil {
				pprof.WriteHeapProfile(f)
				f.Close()
			}
		}()
	}

	conn, err := sql.Open("sqlite3", "file:"+*db+"?_journal_mode=WAL&_foreign_keys=on")
	if err == nil {
		_, err = conn.Exec("CREATE TABLE IF NOT EXISTS note (id INTEGER PRIMARY KEY, text TEXT NOT NULL)")
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "minimal: database:", err)
		os.Exit(1)
	}
	defer conn.Close()

	a := app.NewWithID("app.chairside.minimal")
	win := a.NewWindow("Minimal")
	win.SetContent(container.NewVBox(widget.NewLabel("A minimal Fyne and SQLite program."), widget.NewButton("Quit", a.Quit)))
	win.Resize(fyne.NewSize(float32(*w), float32(*h)))
	// Show paints the first frame before it returns.
	win.Show()
	if *times {
		startupTime("first frame")
	}
	a.Run()
}

// startupTime prints the line CHAIRSIDE_STARTUP_TIMES prints for Chairside
// (ui/firstframe_linux.go has the reading of the times explained).
func startupTime(step string) {
	var ru, rt syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	syscall.Getrusage(1, &rt) // RUSAGE_THREAD
	cpu := func(r *syscall.Rusage) float64 { return float64(r.Utime.Nano()+r.Stime.Nano()) / 1e6 }
	var now syscall.Timespec
	syscall.Syscall(syscall.SYS_CLOCK_GETTIME, 7, uintptr(unsafe.Pointer(&now)), 0) // CLOCK_BOOTTIME
	since := 0.0
	if st, err := os.ReadFile("/proc/self/stat"); err == nil {
		if f := bytes.Fields(st[bytes.LastIndexByte(st, ')')+1:]); len(f) >= 20 {
			if ticks, err := strconv.ParseInt(string(f[19]), 10, 64); err == nil {
				since = float64(now.Nano())/1e6 - float64(ticks)*10
			}
		}
	}
	fmt.Fprintf(os.Stderr, "startup: %-22s %5.0f ms after launch, processor %4.0f ms (this thread %4.0f ms)\n", step, since, cpu(&ru), cpu(&rt))
}
