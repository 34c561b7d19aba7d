// Command minimal is the yardstick of `make bench`'s budget benchmark
// (BenchmarkBudget in main_budget_test.go): the least a Fyne + SQLite
// desktop program does, built with the same Fyne, go-sqlite3 and tags as
// Chairside. It opens a SQLite database (WAL, one table), then a window of
// the size given with a label and a button, and waits. Chairside's start-up
// and idle memory are compared with this program's on the same display at
// the same window size, so the ratio is honest on any machine.
package main

import (
	"database/sql"
	"flag"
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"
	"time"

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
	flag.Parse()
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
	win.ShowAndRun()
}
