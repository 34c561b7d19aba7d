package benchreport

import (
	"reflect"
	"strings"
	"testing"
	"time"
)

const sample = `goos: linux
goarch: amd64
pkg: chairside/internal/anatomy
cpu: Some CPU @ 2.00GHz
BenchmarkHitTest-2            	 1000000	      1234 ns/op	      16 B/op	       1 allocs/op
PASS
ok  	chairside/internal/anatomy	2.1s
pkg: chairside/internal/diagram
BenchmarkRenderLateral/1200x1800-2         	     100	  12345678 ns/op	 8640000 B/op	      12 allocs/op
BenchmarkRenderPosterior-2         	     200	   5000000 ns/op
BenchmarkRenderLateral logs something here
--- FAIL: BenchmarkBroken
BenchmarkWeird-2   abc   12 ns/op
ok  	chairside/internal/diagram	3.3s
`

func TestParse(t *testing.T) {
	res, err := Parse(strings.NewReader(sample))
	if err != nil {
		t.Fatal(err)
	}
	want := []Result{
		{Name: "BenchmarkHitTest", Package: "chairside/internal/anatomy", NsPerOp: 1234, BytesPerOp: 16, AllocsPerOp: 1},
		{Name: "BenchmarkRenderLateral/1200x1800", Package: "chairside/internal/diagram", NsPerOp: 12345678, BytesPerOp: 8640000, AllocsPerOp: 12},
		{Name: "BenchmarkRenderPosterior", Package: "chairside/internal/diagram", NsPerOp: 5000000, BytesPerOp: -1, AllocsPerOp: -1},
	}
	if len(res) != len(want) {
		t.Fatalf("got %d results %+v, want %d", len(res), res, len(want))
	}
	for i := range want {
		if !reflect.DeepEqual(res[i], want[i]) {
			t.Errorf("result %d = %+v, want %+v", i, res[i], want[i])
		}
	}
}

func TestCompareVerdicts(t *testing.T) {
	res, _ := Parse(strings.NewReader(sample))
	targets := []Target{
		{"BenchmarkHitTest", 2 * time.Microsecond, "hit", "", 0},
		{"BenchmarkRenderLateral", 10 * time.Millisecond, "lat", "", 0},
		{"BenchmarkRenderPosterior", 10 * time.Millisecond, "post", "", 0},
		{"BenchmarkHandoutPDF", 50 * time.Millisecond, "pdf", "", 0},
		{"BenchmarkHit", time.Second, "prefix must not match BenchmarkHitTest", "", 0},
	}
	rows := Compare(targets, res)
	got := make([]string, len(rows))
	for i, r := range rows {
		got[i] = r.Target.Name + "=" + r.Verdict()
	}
	want := []string{
		"BenchmarkHitTest=ok",
		"BenchmarkRenderLateral=OVER TARGET",
		"BenchmarkRenderPosterior=ok",
		"BenchmarkHandoutPDF=not measured",
		"BenchmarkHit=not measured",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("verdicts:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestWriteTable(t *testing.T) {
	res, _ := Parse(strings.NewReader(sample))
	var b strings.Builder
	if err := WriteTable(&b, Compare(Targets, res)); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{
		"| BenchmarkHitTest | hit test, one point | < 2 µs | 1.23 µs | 16 B, 1 allocs | ok |",
		"| BenchmarkRenderLateral/1200x1800 | lateral view, 1200×1800 px | < 10 ms | 12.3 ms | 8.24 MiB, 12 allocs | OVER TARGET |",
		"| BenchmarkRenderPosterior | posterior view, 1200×1800 px | < 10 ms | 5 ms | – | ok |",
		"| BenchmarkOpen100k | open a 100,000-patient database | < 50 ms | – | – | not measured |",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("table lacks %q:\n%s", want, out)
		}
	}
	if n := strings.Count(out, "\n"); n != 2+len(Targets) {
		t.Errorf("table has %d lines, want %d:\n%s", n, 2+len(Targets), out)
	}
}

func TestFormatNs(t *testing.T) {
	for _, c := range []struct {
		ns   float64
		want string
	}{
		{850, "850 ns"},
		{1234, "1.23 µs"},
		{2000, "2 µs"},
		{15500, "15.5 µs"},
		{3_400_000, "3.4 ms"},
		{1_050_000_000, "1.05 s"},
	} {
		if got := FormatNs(c.ns); got != c.want {
			t.Errorf("FormatNs(%v) = %q, want %q", c.ns, got, c.want)
		}
	}
}

// The budget benchmark reports ratios as metrics: they are parsed by unit
// and held to their own targets, not to a time per operation.
func TestBudgetMetrics(t *testing.T) {
	const out = `pkg: chairside
BenchmarkBudget-2   	       3	4010000000 ns/op	       171.0 chairside-MB	       1.12 memory-x	       1.21 startup-x
`
	res, err := Parse(strings.NewReader(out))
	if err != nil || len(res) != 1 {
		t.Fatalf("parsed %+v, %v", res, err)
	}
	if got := res[0].Metrics; got["memory-x"] != 1.12 || got["startup-x"] != 1.21 || got["chairside-MB"] != 171 {
		t.Fatalf("metrics %v", got)
	}
	rows := Compare(Targets, res)
	var b strings.Builder
	if err := WriteTable(&b, rows); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"| BenchmarkBudget | idle memory, against a minimal Fyne + SQLite app at 1728×972 | ≤ 1.15× | 1.12× | – | ok |",
		"| BenchmarkBudget | start-up, against the same | ≤ 1.10× | 1.21× | – | OVER TARGET |",
	} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("table lacks %q:\n%s", want, b.String())
		}
	}
	// a budget run without the metric is not measured, whatever its ns/op
	res[0].Metrics = nil
	for _, r := range Compare(Targets, res) {
		if r.Target.Metric != "" && r.Verdict() != "not measured" {
			t.Errorf("%s without its metric: %s", r.Target.Metric, r.Verdict())
		}
	}
}

// The server's rows (issue 16): "not measured" when the benchmarks
// skipped for want of a server (go test prints a SKIP line, no figures),
// held to their targets when they ran.
func TestServerRows(t *testing.T) {
	skipped := `pkg: chairside/internal/store
BenchmarkSearchPatients-2   	    1000	   1160000 ns/op	   82944 B/op	     900 allocs/op
--- SKIP: BenchmarkServerSearchPatients100k
    pgtest_test.go:28: CHAIRSIDE_TEST_POSTGRES is not set
--- SKIP: BenchmarkServerSaveHandout
--- SKIP: BenchmarkServerOpen
`
	measured := `pkg: chairside/internal/store
BenchmarkServerSearchPatients100k-2   	    300	   4840000 ns/op	   12000 B/op	     300 allocs/op
BenchmarkServerSaveHandout-2          	    300	  11000000 ns/op
BenchmarkServerOpen-2                 	     30	  37900000 ns/op
`
	for _, c := range []struct {
		out  string
		want []string
	}{
		{skipped, []string{
			"| BenchmarkServerSearchPatients100k | patient search over 100,000 on a local PostgreSQL server | < 5 ms | – | – | not measured |",
			"| BenchmarkServerSaveHandout | save a 20-item handout on a local PostgreSQL server | < 10 ms | – | – | not measured |",
			"| BenchmarkServerOpen | open a database on a local PostgreSQL server (a new connection) | < 100 ms | – | – | not measured |",
			"| BenchmarkSearchPatients | patient search over 100,000 | < 5 ms | 1.16 ms | 81 KiB, 900 allocs | ok |",
		}},
		{measured, []string{
			"| BenchmarkServerSearchPatients100k | patient search over 100,000 on a local PostgreSQL server | < 5 ms | 4.84 ms | 11.7 KiB, 300 allocs | ok |",
			"| BenchmarkServerSaveHandout | save a 20-item handout on a local PostgreSQL server | < 10 ms | 11 ms | – | OVER TARGET |",
			"| BenchmarkServerOpen | open a database on a local PostgreSQL server (a new connection) | < 100 ms | 37.9 ms | – | ok |",
		}},
	} {
		res, err := Parse(strings.NewReader(c.out))
		if err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		if err := WriteTable(&b, Compare(Targets, res)); err != nil {
			t.Fatal(err)
		}
		for _, want := range c.want {
			if !strings.Contains(b.String(), want) {
				t.Errorf("table lacks %q:\n%s", want, b.String())
			}
		}
	}
}
