package pdf

import (
	"io"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"chairside/internal/handout"
)

// BenchmarkHandoutPDF writes the typical three-page sample handout (logo,
// diagram, four items, marks, two stretches). Target: under 50 ms.
func BenchmarkHandoutPDF(b *testing.B) {
	h, p, c := sampleHandout(), samplePatient(), sampleClinic(b)
	// The first handout of a process loads the fonts and the anatomy's
	// geometry; the benchmark measures every one after that.
	if err := Write(io.Discard, h, p, c); err != nil {
		b.Fatal(err)
	}
	var size int64
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		cw := &countWriter{}
		if err := Write(cw, h, p, c); err != nil {
			b.Fatal(err)
		}
		size = cw.n
	}
	b.ReportMetric(float64(size), "pdf-bytes")
}

type countWriter struct{ n int64 }

func (w *countWriter) Write(p []byte) (int, error) { w.n += int64(len(p)); return len(p), nil }

var _ io.Writer = (*countWriter)(nil)

// BenchmarkExport1000 exports 1,000 handouts to files in one loop, as a
// clinic printing a day's worth many times over. One operation is the
// whole loop; target: under 60 s, with the live heap after the loop no
// larger than after the first hundred (flat memory).
func BenchmarkExport1000(b *testing.B) {
	h, p, c := sampleHandout(), samplePatient(), sampleClinic(b)
	dir := b.TempDir()
	heapAfter := func() uint64 {
		runtime.GC()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		return ms.HeapAlloc
	}
	var early, late uint64
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		start := time.Now()
		for n := 0; n < 1000; n++ {
			h.ID = int64(n)
			path := filepath.Join(dir, handout.DefaultFileName(dir, p.Name, h))
			if err := Export(path, h, p, c); err != nil {
				b.Fatal(err)
			}
			if err := os.Remove(path); err != nil {
				b.Fatal(err)
			}
			if n == 99 {
				b.StopTimer()
				early = heapAfter()
				b.StartTimer()
			}
		}
		b.StopTimer()
		late = heapAfter()
		b.ReportMetric(time.Since(start).Seconds(), "s/1000-exports")
		b.StartTimer()
	}
	b.ReportMetric(float64(early), "heap-B-after-100")
	b.ReportMetric(float64(late), "heap-B-after-1000")
	if late > early+8<<20 {
		b.Errorf("live heap grew from %d to %d bytes over 900 exports", early, late)
	}
}

// BenchmarkTwoPageHandoutPDF writes the standard handout of issue 14: four
// items with key points, three marks and three illustrated exercises, on
// two pages. Target: 30 ms in process.
func BenchmarkTwoPageHandoutPDF(b *testing.B) {
	h, p, c := standardHandout(), samplePatient(), sampleClinic(b)
	if err := Write(io.Discard, h, p, c); err != nil { // fonts, geometry, exercise library
		b.Fatal(err)
	}
	if _, pages := render(b, h, p, c); len(pages) != 2 {
		b.Fatalf("the standard handout prints on %d pages, want 2", len(pages))
	}
	b.ReportAllocs()
	b.ResetTimer()
	cpu0, cpuOK := processCPU()
	for i := 0; i < b.N; i++ {
		if err := Write(io.Discard, h, p, c); err != nil {
			b.Fatal(err)
		}
	}
	if cpu1, ok := processCPU(); ok && cpuOK {
		b.ReportMetric((cpu1-cpu0)*1e3/float64(b.N), "cpu-ms/op")
	}
}
