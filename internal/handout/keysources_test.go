package handout

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"
)

// An item printed short cites the sources its key points rest on; one
// without key points, or saved before key sources were kept, cites all.
func TestItemShortSources(t *testing.T) {
	src := []string{"A 2001.", "B 2002.", "C 2003."}
	kp := []string{"One.", "Two.", "Three."}
	for _, c := range []struct {
		name string
		it   Item
		want []string
	}{
		{"key sources", Item{Sources: src, KeyPoints: kp, KeySources: []int{0, 2}}, []string{"A 2001.", "C 2003."}},
		{"saved before key sources", Item{Sources: src, KeyPoints: kp}, src},
		{"no key points: prints its first paragraph", Item{Sources: src, KeySources: []int{1}}, src},
		{"a place past the list is skipped", Item{Sources: src, KeyPoints: kp, KeySources: []int{1, 7}}, []string{"B 2002."}},
	} {
		if got := c.it.ShortSources(); !slices.Equal(got, c.want) {
			t.Errorf("%s: %q, want %q", c.name, got, c.want)
		}
	}
}

// Key sources point into the item's own list, each once and in order:
// anything else did not come from the library, and the handout is
// refused with the item named.
func TestValidateKeySources(t *testing.T) {
	now := time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		keys []int
		ok   bool
	}{
		{nil, true}, {[]int{0}, true}, {[]int{0, 2}, true},
		{[]int{3}, false}, {[]int{-1}, false}, {[]int{2, 0}, false}, {[]int{1, 1}, false},
	} {
		h := Handout{PatientID: 1, Items: []Item{{Ref: "disc:L4-L5", Sources: []string{"A.", "B.", "C."}, KeyPoints: []string{"One."}, KeySources: c.keys}}}
		h.FillDefaults(now)
		err := h.Validate(now)
		var fs FieldErrors
		switch {
		case c.ok && err != nil:
			t.Errorf("%v: refused: %v", c.keys, err)
		case !c.ok && (!errors.As(err, &fs) || fs[0].Field != "Items[0].KeySources" || !strings.Contains(fs[0].Message, "Explanation 1")):
			t.Errorf("%v: %v, want a problem with Items[0].KeySources naming explanation 1", c.keys, err)
		}
	}
}
