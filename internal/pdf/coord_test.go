package pdf

import (
	"math"
	"math/rand"
	"strconv"
	"testing"
)

// TestAppendCoordMatchesAppendFloat holds the figures' fast coordinate
// writer to the formatting it replaced, byte for byte.
func TestAppendCoordMatchesAppendFloat(t *testing.T) {
	want := func(x float64) string {
		return string(strconv.AppendFloat(nil, math.Round(x*100)/100, 'f', -1, 64))
	}
	xs := []float64{0, math.Copysign(0, -1), -0.004, 0.004, 0.005, -0.005, 0.015, 1, -1, 0.1, 0.01, 0.99, 9.995,
		12.3456, -12.3456, 612, 791.999, 1e6 + 0.07, 4.5e13, -4.5e13, 1e300, math.Inf(1), math.Inf(-1), math.NaN()}
	rng := rand.New(rand.NewSource(14))
	for i := 0; i < 200000; i++ {
		switch i % 3 {
		case 0:
			xs = append(xs, (rng.Float64()-0.5)*2000)
		case 1:
			xs = append(xs, float64(rng.Intn(200000)-100000)/100+(rng.Float64()-0.5)*1e-9)
		default:
			xs = append(xs, (rng.Float64()-0.5)*0.2)
		}
	}
	for _, x := range xs {
		if got, w := string(appendCoord(nil, x)), want(x); got != w {
			t.Fatalf("appendCoord(%v) = %q, AppendFloat gives %q", x, got, w)
		}
	}
	if got := string(appendCoord([]byte("12 "), 3.5)); got != "12 3.5" {
		t.Errorf("appendCoord does not append: %q", got)
	}
}
