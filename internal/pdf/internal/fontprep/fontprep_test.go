package fontprep

import "testing"

func TestMetricsRoundTrip(t *testing.T) {
	var m Metrics
	for f := 0; f < FaceCount; f++ {
		m.Widths[f], m.Covers[f] = make([]uint16, 0x10000), make([]bool, 0x10000)
		for _, r := range []int{0x20, 0x21, 0x22, 0x100, 0xFFFD, 0xFFFF} {
			m.Widths[f][r], m.Covers[f][r] = uint16(r%1000+f), true
		}
	}
	m.Covers[2][0x30] = true // a glyph with no advance (a combining mark)
	enc := m.Encode()
	got, err := Decode(enc)
	if err != nil {
		t.Fatal(err)
	}
	for f := 0; f < FaceCount; f++ {
		for r := 0; r < 0x10000; r++ {
			if got.Widths[f][r] != m.Widths[f][r] || got.Covers[f][r] != m.Covers[f][r] {
				t.Fatalf("face %d U+%04X: got %d/%v, want %d/%v", f, r, got.Widths[f][r], got.Covers[f][r], m.Widths[f][r], m.Covers[f][r])
			}
		}
	}
	// Damaged data is refused, never half read.
	for _, bad := range [][]byte{nil, enc[:3], enc[:len(enc)-1], append(append([]byte{}, enc...), 0)} {
		if _, err := Decode(bad); err == nil {
			t.Errorf("Decode accepted %d damaged bytes", len(bad))
		}
	}
}
