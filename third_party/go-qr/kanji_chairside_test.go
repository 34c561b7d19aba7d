package go_qr

import (
	"encoding/base64"
	"testing"
)

// upstreamKanji is the table as upstream's init function filled it.
func upstreamKanji() *[1 << 16]int {
	var t [1 << 16]int
	for i := range t {
		t[i] = -1
	}
	bytes, _ := base64.StdEncoding.DecodeString(packedQRKanjiToUnicode)
	for i := 0; i < len(bytes); i += 2 {
		c := int(bytes[i]&0xFF)<<8 | int(bytes[i+1]&0xFF)
		if c == 0xFFFF {
			continue
		}
		t[c] = i / 2
	}
	return &t
}

// The table made on first use (Chairside's change, CHAIRSIDE.md) says of
// every character what upstream's said, and MakeKanji writes its 13 bits.
func TestKanjiTableAsUpstream(t *testing.T) {
	want := upstreamKanji()
	kanji := 0
	for c := -1; c <= 1<<16; c++ {
		up := c >= 0 && c < 1<<16 && want[c] != -1
		if got := isKanji(c); got != up {
			t.Fatalf("isKanji(%#x) = %v, upstream %v", c, got, up)
		}
		if !up || c >= 0xD800 && c < 0xE000 {
			continue
		}
		kanji++
		seg, err := MakeKanji(string(rune(c)))
		if err != nil {
			t.Fatalf("MakeKanji(%q): %v", rune(c), err)
		}
		got := 0
		for i := 0; i < seg.data.len(); i++ {
			got <<= 1
			if seg.data.getBit(i) {
				got |= 1
			}
		}
		if seg.data.len() != 13 || got != want[c] {
			t.Fatalf("MakeKanji(%q) wrote %d bits, value %d; upstream %d", rune(c), seg.data.len(), got, want[c])
		}
	}
	if kanji < 6000 {
		t.Fatalf("only %d kanji characters in the table", kanji)
	}
	if _, err := MakeKanji("ꘞ"); err == nil {
		t.Error("MakeKanji took a character that is not a QR kanji")
	}
}
