package anatomy

import (
	"bytes"
	"flag"
	"os"
	"reflect"
	"testing"
)

var updateGeometry = flag.Bool("update-geometry", false, "rewrite geomdata/views.bin from the builders (go generate ./internal/anatomy)")

// builtViews is the side and back views as the builders make them.
func builtViews() map[View]*viewGeom {
	col := buildColumn()
	return map[View]*viewGeom{Lateral: finish(buildLateral(col)), Posterior: finish(buildPosterior(col))}
}

// TestPrebuiltGeometryIsCurrent holds the stored drawing to the builders:
// the committed file is byte for byte what they make now, the program
// embeds that file, and each view read back is the built view to the last
// bit (shapes, shading, polygons, labels, root starts, and the index made
// from them).
func TestPrebuiltGeometryIsCurrent(t *testing.T) {
	want := encodeViews(builtViews())
	if *updateGeometry {
		if err := os.WriteFile("geomdata/views.bin", want, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile("geomdata/views.bin")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("geomdata/views.bin (%d bytes) is not what the builders make (%d bytes): run go generate ./internal/anatomy", len(got), len(want))
	}
	if !*updateGeometry && !bytes.Equal(prebuiltViews, want) {
		t.Fatal("the embedded drawing is not geomdata/views.bin")
	}
	built := builtViews()
	for _, v := range prebuiltOrder {
		read := prebuilt(want, v)
		if read == nil {
			t.Fatalf("%s: the stored drawing does not read back", v)
		}
		b := index(built[v])
		if len(read.shapes) != len(b.shapes) {
			t.Fatalf("%s: %d shapes read, %d built", v, len(read.shapes), len(b.shapes))
		}
		for i := range b.shapes {
			if !reflect.DeepEqual(read.shapes[i], b.shapes[i]) {
				t.Fatalf("%s: shape %d (%s %s) reads back different from the built one", v, i, b.shapes[i].ID, b.shapes[i].Part)
			}
		}
		for name, pair := range map[string][2]any{
			"labels": {read.labels, b.labels}, "root starts": {read.rootStart, b.rootStart},
			"shapes per structure": {read.byID, b.byID}, "bounds": {read.bounds, b.bounds},
			"bands": {read.rows, b.rows}, "presets": {read.presets, b.presets},
		} {
			if !reflect.DeepEqual(pair[0], pair[1]) {
				t.Errorf("%s: the %s read back differ from the built ones", v, name)
			}
		}
	}
	// What geom hands out is the stored drawing.
	if g := geom(Lateral); !reflect.DeepEqual(g.shapes, index(built[Lateral]).shapes) {
		t.Error("geom(Lateral) is not the built side view")
	}
}

// A damaged stored drawing is refused whole (then the view is built),
// never read halfway or with a panic.
func TestPrebuiltGeometryDamaged(t *testing.T) {
	good := prebuiltViews
	if g, err := decodeView(good, Lateral); err != nil || g == nil {
		t.Fatalf("the stored drawing does not read: %v", err)
	}
	if g, err := decodeView(good, View("sagittal")); err != nil || g != nil {
		t.Errorf("a view the file lacks: %v, %v", g, err)
	}
	damaged := [][]byte{nil, []byte("CSGEOM1\n"), []byte("PNG\x00\x00"), append(append([]byte{}, good...), 0)}
	for _, n := range []int{9, 20, 100, 1000, len(good) / 3, len(good) / 2, len(good) - 1} {
		damaged = append(damaged, good[:n])
	}
	for i, b := range damaged {
		for _, v := range prebuiltOrder {
			if prebuilt(b, v) != nil {
				t.Errorf("damaged drawing %d (%d bytes) read as a %s view", i, len(b), v)
			}
		}
	}
	// Bytes overwritten inside: a length or string index made huge is
	// refused; a changed coordinate may read, but nothing panics.
	for at := len(prebuiltMagic); at < len(good)-4; at += len(good) / 40 {
		b := append([]byte{}, good...)
		copy(b[at:], []byte{0xff, 0xff, 0xff, 0x7f})
		for _, v := range prebuiltOrder {
			prebuilt(b, v)
		}
	}
}

// BenchmarkPrebuiltLateral is what a new process pays for the side view:
// read back, against building it (BenchmarkBuildLateral).
func BenchmarkPrebuiltLateral(b *testing.B) {
	for b.Loop() {
		if prebuilt(prebuiltViews, Lateral) == nil {
			b.Fatal("no stored side view")
		}
	}
}

func BenchmarkBuildLateral(b *testing.B) {
	for b.Loop() {
		index(finish(buildLateral(buildColumn())))
	}
}
