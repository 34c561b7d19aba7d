// Package benchreport reads the output of `go test -bench` and compares the
// figures that the issues name with their targets, so that `make bench` ends
// with one table a person can paste into the README.
package benchreport

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
)

// Target is one target: a benchmark (by its base name, without
// sub-benchmark or GOMAXPROCS suffix) and the most time one operation may
// take, or, when Metric is set, the most a metric it reports with
// b.ReportMetric may be (the budget's ratios).
type Target struct {
	Name  string
	Limit time.Duration
	Note  string // what is measured, for the table
	// Metric is the unit of a reported metric ("memory-x") held to Max
	// instead of the time per operation.
	Metric string
	Max    float64
}

// Targets are the figures the issues ask for (issues 2 to 5).
var Targets = []Target{
	{"BenchmarkHitTest", 2 * time.Microsecond, "hit test, one point", "", 0},
	{"BenchmarkRenderLateral", 10 * time.Millisecond, "lateral view, 1200×1800 px", "", 0},
	{"BenchmarkRenderPosterior", 10 * time.Millisecond, "posterior view, 1200×1800 px", "", 0},
	{"BenchmarkHoverRepaint", 16 * time.Millisecond, "diagram repaint after a hover change", "", 0},
	{"BenchmarkSpineHoverRepaint", 16 * time.Millisecond, "hover in the spine widget: hit test and repaint", "", 0},
	{"BenchmarkLoadContent", 20 * time.Millisecond, "load the content library", "", 0},
	{"BenchmarkSearch", time.Millisecond, "content search, one query", "", 0},
	// issue 15: both languages' libraries, and a search in Spanish
	{"BenchmarkLoadBothLanguages", 30 * time.Millisecond, "load the English and Spanish libraries", "", 0},
	{"BenchmarkSearchSpanish", time.Millisecond, "content search in Spanish, one query", "", 0},
	{"BenchmarkSearchPatients", 5 * time.Millisecond, "patient search over 100,000", "", 0},
	{"BenchmarkSaveHandout", 10 * time.Millisecond, "save a 20-item handout, FULL sync", "", 0},
	{"BenchmarkOpen100k", 50 * time.Millisecond, "open a 100,000-patient database", "", 0},
	{"BenchmarkHandoutPDF", 50 * time.Millisecond, "write a handout PDF", "", 0},
	// issue 14: the standard two-page handout with three illustrated exercises
	{"BenchmarkTwoPageHandoutPDF", 30 * time.Millisecond, "write the standard two-page handout, 3 exercises", "", 0},
	{"BenchmarkColdExport", 80 * time.Millisecond, "a whole `chairside handouts export` process, that handout", "", 0},
	// issue 14: an exercise picture drawn for the screen or a PNG within a frame
	{"BenchmarkExercisePicture", 16 * time.Millisecond, "an exercise picture, 1200×540 px", "", 0},
	// issue 12's budget: ratios to a minimal Fyne + SQLite program
	{"BenchmarkBudget", 0, "idle memory, against a minimal Fyne + SQLite app at 1728×972", "memory-x", 1.15},
	{"BenchmarkBudget", 0, "start-up, against the same", "startup-x", 1.1},
	// issue 13: every finding kind drawn over the side and back views
	{"BenchmarkFindingsLateral", 6 * time.Millisecond, "every finding drawn on the side view, 1200×1800 px", "", 0},
	{"BenchmarkFindingsPosterior", 6 * time.Millisecond, "every finding drawn on the back view, 1200×1800 px", "", 0},
	// issue 13: a frame of each animation while it plays (crack, disc)
	{"BenchmarkAnimationFrame1080p", 8 * time.Millisecond, "an animation frame, 1920×1080 px", "", 0},
	// issue 13: the view from above, one level with a finding
	{"BenchmarkRenderAxial", 4 * time.Millisecond, "the view from above (L4-L5), 1200×1200 px, from scratch", "", 0},
	// issue 16: the same records on a clinic's PostgreSQL server
	// (internal/store/postgres_bench_test.go, over scripts/pg-test-cluster's
	// local server; without one they skip and read "not measured")
	{"BenchmarkServerSearchPatients100k", 5 * time.Millisecond, "patient search over 100,000 on a local PostgreSQL server", "", 0},
	{"BenchmarkServerSaveHandout", 10 * time.Millisecond, "save a 20-item handout on a local PostgreSQL server", "", 0},
	{"BenchmarkServerOpen", 100 * time.Millisecond, "open a database on a local PostgreSQL server (a new connection)", "", 0},
}

// Result is one benchmark line of `go test -bench -benchmem` output.
type Result struct {
	Name        string  // full name as printed, without the -N GOMAXPROCS suffix
	Package     string  // from the preceding "pkg:" line, when present
	NsPerOp     float64 // ns/op
	BytesPerOp  float64 // B/op, -1 when not reported
	AllocsPerOp float64 // allocs/op, -1 when not reported
	// Metrics are the other figures on the line, by unit (b.ReportMetric).
	Metrics map[string]float64
}

// Base is the benchmark's function name: the part before any "/sub".
func (r Result) Base() string {
	if i := strings.IndexByte(r.Name, '/'); i >= 0 {
		return r.Name[:i]
	}
	return r.Name
}

// Parse reads benchmark output and returns every result line, in order.
// Other lines (PASS, ok, logs) are ignored; a malformed line is skipped, not
// guessed at.
func Parse(r io.Reader) ([]Result, error) {
	var out []Result
	pkg := ""
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	for sc.Scan() {
		line := sc.Text()
		if p, ok := strings.CutPrefix(line, "pkg: "); ok {
			pkg = strings.TrimSpace(p)
			continue
		}
		if res, ok := parseLine(line); ok {
			res.Package = pkg
			out = append(out, res)
		}
	}
	return out, sc.Err()
}

// parseLine parses "BenchmarkX/sub-2   1000   1234 ns/op   56 B/op   3 allocs/op".
func parseLine(line string) (Result, bool) {
	f := strings.Fields(line)
	if len(f) < 4 || !strings.HasPrefix(f[0], "Benchmark") {
		return Result{}, false
	}
	if _, err := strconv.ParseInt(f[1], 10, 64); err != nil {
		return Result{}, false // e.g. "BenchmarkX ... --- FAIL" or a log line
	}
	res := Result{Name: trimProcs(f[0]), NsPerOp: -1, BytesPerOp: -1, AllocsPerOp: -1}
	for i := 2; i+1 < len(f); i += 2 {
		v, err := strconv.ParseFloat(f[i], 64)
		if err != nil {
			return Result{}, false
		}
		switch f[i+1] {
		case "ns/op":
			res.NsPerOp = v
		case "B/op":
			res.BytesPerOp = v
		case "allocs/op":
			res.AllocsPerOp = v
		default:
			if res.Metrics == nil {
				res.Metrics = map[string]float64{}
			}
			res.Metrics[f[i+1]] = v
		}
	}
	if res.NsPerOp < 0 {
		return Result{}, false
	}
	return res, true
}

// trimProcs drops the "-N" GOMAXPROCS suffix that go test appends.
func trimProcs(name string) string {
	i := strings.LastIndexByte(name, '-')
	if i < 0 {
		return name
	}
	if _, err := strconv.Atoi(name[i+1:]); err != nil {
		return name
	}
	return name[:i]
}

// Row is one line of the summary: a target and what was measured for it.
// A target without results is "not measured"; a benchmark with
// sub-benchmarks gives one row per sub-benchmark.
type Row struct {
	Target Target
	Result *Result // nil: not measured
}

// Verdict says how the measured figure compares with the target.
func (r Row) Verdict() string {
	switch {
	case r.Result == nil:
		return "not measured"
	case r.Target.Metric != "":
		v, ok := r.Result.Metrics[r.Target.Metric]
		switch {
		case !ok:
			return "not measured"
		case v <= r.Target.Max:
			return "ok"
		}
		return "OVER TARGET"
	case r.Result.NsPerOp <= float64(r.Target.Limit.Nanoseconds()):
		return "ok"
	default:
		return "OVER TARGET"
	}
}

// Compare matches results to targets, in the order of targets.
func Compare(targets []Target, results []Result) []Row {
	var rows []Row
	for _, t := range targets {
		found := false
		for i := range results {
			if results[i].Base() == t.Name {
				rows = append(rows, Row{Target: t, Result: &results[i]})
				found = true
			}
		}
		if !found {
			rows = append(rows, Row{Target: t})
		}
	}
	return rows
}

// WriteTable writes the rows as a Markdown table.
func WriteTable(w io.Writer, rows []Row) error {
	var b strings.Builder
	b.WriteString("| Benchmark | What | Target | Measured | Memory | Result |\n")
	b.WriteString("|---|---|---:|---:|---:|---|\n")
	for _, r := range rows {
		name, measured, mem := r.Target.Name, "–", "–"
		limit := "< " + FormatNs(float64(r.Target.Limit.Nanoseconds()))
		if r.Target.Metric != "" {
			limit = "≤ " + formatMetric(r.Target.Max, r.Target.Metric)
			if r.Result != nil {
				name = r.Result.Name
				if v, ok := r.Result.Metrics[r.Target.Metric]; ok {
					measured = formatMetric(v, r.Target.Metric)
				}
			}
		} else if r.Result != nil {
			name = r.Result.Name
			measured = FormatNs(r.Result.NsPerOp)
			if r.Result.BytesPerOp >= 0 && r.Result.AllocsPerOp >= 0 {
				mem = fmt.Sprintf("%s, %.0f allocs", formatBytes(r.Result.BytesPerOp), r.Result.AllocsPerOp)
			}
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %s |\n",
			name, r.Target.Note, limit, measured, mem, r.Verdict())
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// FormatNs prints a duration in nanoseconds with a unit a person reads at a
// glance: 850 ns, 1.2 µs, 3.4 ms, 1.05 s.
func FormatNs(ns float64) string {
	switch {
	case ns < 1e3:
		return trimZeros(ns, "ns")
	case ns < 1e6:
		return trimZeros(ns/1e3, "µs")
	case ns < 1e9:
		return trimZeros(ns/1e6, "ms")
	default:
		return trimZeros(ns/1e9, "s")
	}
}

func trimZeros(v float64, unit string) string {
	var s string
	switch {
	case v >= 100:
		s = strconv.FormatFloat(v, 'f', 0, 64)
	case v >= 10:
		s = strconv.FormatFloat(v, 'f', 1, 64)
	default:
		s = strconv.FormatFloat(v, 'f', 2, 64)
	}
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	return s + " " + unit
}

func formatBytes(b float64) string {
	switch {
	case b < 1024:
		return fmt.Sprintf("%.0f B", b)
	case b < 1024*1024:
		return trimZeros(b/1024, "KiB")
	default:
		return trimZeros(b/(1024*1024), "MiB")
	}
}

// formatMetric prints a metric for the table: a ratio ("-x" units) as
// "1.12×", anything else as the number and its unit.
func formatMetric(v float64, unit string) string {
	if strings.HasSuffix(unit, "-x") {
		return strconv.FormatFloat(v, 'f', 2, 64) + "×"
	}
	return strconv.FormatFloat(v, 'f', 1, 64) + " " + unit
}
